"""Objections (keberatan) to a final predikat: who files, the window in working days, who decides, and what the
decision does to the evaluation, its history and its follow-up (domain.md rule 7)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from opd.models import CatatanAudit, HariLibur, Peran
from penilaian import services_keberatan as layanan
from penilaian.models import AturanPenilaian, Keberatan, Penghargaan, Penilaian
from tests.factories import OpdFactory, PegawaiFactory, user_with_role
from tests.penilaian.test_services import simpan, skor


def final(world, pegawai=None, *, actor=None, **kwargs) -> Penilaian:
    """A final evaluation with predikat Baik (Sesuai · Sesuai) unless told otherwise."""
    kwargs.setdefault("hasil_kerja", "sesuai")
    kwargs.setdefault("alasan_hasil_kerja", "Belum ada capaian; dari laporan kerja.")
    return simpan(world, pegawai, actor=actor, finalkan=True, **kwargs)


def ajukan(world, penilaian, alasan="Capaian TW I belum diverifikasi saat dinilai.", **kwargs) -> Keberatan:
    return layanan.keberatan_ajukan(actor=world.users["asn"], penilaian=penilaian, alasan=alasan, **kwargs)


# -- filing ----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_asn_files_an_objection_with_reason_and_evidence(world, jam):
    jam(2026, 4, 13)
    penilaian = final(world)
    bukti = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    k = ajukan(world, penilaian, bukti=bukti)
    k.refresh_from_db()
    assert (k.status, k.pegawai_id, k.instansi_id) == ("diajukan", world.pegawai.pk, world.instansi.pk)
    assert (k.hasil_kerja_sebelum, k.perilaku_sebelum, k.predikat_sebelum) == ("sesuai", "sesuai", "baik")
    assert k.predikat_sesudah == "" and k.diajukan_oleh == world.users["asn"]
    assert k.bukti.name.startswith(f"keberatan/{world.instansi.pk}/") and k.bukti.name.endswith(".pdf")
    assert k.history.count() == 1 and k.history.first().history_user == world.users["asn"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["tim_evaluasi", "pimpinan_opd", "admin_instansi"])
def test_only_the_asn_objects_to_their_own_predikat(world, role):
    penilaian = final(world)
    with pytest.raises(PermissionDenied):
        layanan.keberatan_ajukan(actor=world.users[role], penilaian=penilaian, alasan="x")
    assert not Keberatan.objects.exists()


@pytest.mark.django_db
def test_a_draft_cannot_be_objected_to(world):
    draf = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    with pytest.raises(ValidationError, match="sudah final"):
        ajukan(world, draf)


@pytest.mark.django_db
def test_objection_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        ajukan(world, final(world), alasan="   ")
    assert exc.value.message_dict == {"alasan": ["Tuliskan alasan keberatan."]}


@pytest.mark.django_db
def test_objection_window_is_the_instansis_working_days(world, jam):
    # Final on Monday 13 April 2026 (WITA); 14 working days, 1 May (Labour Day) a holiday, end on Monday 4 May.
    jam(2026, 4, 13, 16)
    penilaian = final(world)
    jam(2026, 5, 5, 9)
    with pytest.raises(ValidationError, match="sudah lewat"):
        ajukan(world, penilaian)
    jam(2026, 5, 4, 23, 30)  # still the last day in Kupang
    assert ajukan(world, penilaian).status == "diajukan"


@pytest.mark.django_db
def test_objection_window_follows_the_instansi_days_off_and_its_own_number_of_days(world, jam):
    jam(2026, 4, 13, 16)
    penilaian = final(world)
    HariLibur.objects.create(instansi=world.instansi, tanggal="2026-04-20", keterangan="Cuti bersama")
    jam(2026, 5, 5, 9)
    assert ajukan(world, penilaian).status == "diajukan"  # one day off moves the end to Tuesday 5 May
    Keberatan.objects.all().delete()
    # Five working days (20 April off) end on Tuesday 21 April.
    AturanPenilaian.objects.create(instansi=world.instansi, hari_keberatan=5)
    jam(2026, 4, 22, 9)
    with pytest.raises(ValidationError, match="sudah lewat"):
        ajukan(world, penilaian)


@pytest.mark.django_db
def test_one_objection_per_final_predikat(world):
    penilaian = final(world)
    ajukan(world, penilaian)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        ajukan(world, penilaian)
    assert Keberatan.objects.count() == 1


@pytest.mark.django_db
def test_the_evaluators_superior_is_recorded_as_a_decider(world):
    sekda = PegawaiFactory(opd=world.opd_lain)
    penilai = PegawaiFactory(opd=world.opd, atasan=sekda)
    user = user_with_role(Peran.TIM_EVALUASI, opd=world.opd, instansi=world.instansi, pegawai=penilai)
    k = ajukan(world, final(world, actor=user))
    assert k.atasan_penilai_id == sekda.pk


# -- deciding --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_upholding_keeps_the_predikat_with_the_reason(world):
    penilaian = final(world)
    k = ajukan(world, penilaian)
    versi = Penilaian.objects.get().versi
    hasil = layanan.keberatan_putuskan(
        actor=world.users["pimpinan_opd"], keberatan=k, kabulkan=False, alasan="Capaian sudah dinilai benar."
    )
    assert (hasil.status, hasil.predikat_sebelum, hasil.predikat_sesudah) == ("ditolak", "baik", "baik")
    assert (hasil.alasan_keputusan, hasil.diputuskan_oleh) == (
        "Capaian sudah dinilai benar.",
        world.users["pimpinan_opd"],
    )
    assert Penilaian.objects.get().versi == versi  # the evaluation is untouched
    assert [h.status for h in hasil.history.order_by("history_date", "history_id")] == ["diajukan", "ditolak"]
    # The audit log records both, in the instansi's log.
    audit = CatatanAudit.objects.filter(content_type__model="keberatan", objek_id=k.pk).order_by("waktu", "id")
    assert [(a.aksi, a.instansi_id, a.perubahan.get("status")) for a in audit] == [
        ("dibuat", world.instansi.pk, [None, "diajukan"]),
        ("diubah", world.instansi.pk, ["diajukan", "ditolak"]),
    ]


@pytest.mark.django_db
def test_granting_changes_the_predikat_and_history_keeps_both(world):
    penilaian = final(world, hasil_kerja="di_atas", perilaku="di_atas", perilaku_skor=skor(3))
    assert penilaian.predikat == "sangat_baik"
    assert Penghargaan.objects.get().status == "direkomendasikan"
    k = ajukan(world, penilaian)
    hasil = layanan.keberatan_putuskan(
        actor=world.users["admin_instansi"],
        keberatan=k,
        kabulkan=True,
        alasan="Perilaku kerja dinilai ulang bersama atasan.",
        hasil_kerja="di_atas",
        perilaku="sesuai",
    )
    assert (hasil.status, hasil.predikat_sebelum, hasil.predikat_sesudah) == ("dikabulkan", "sangat_baik", "baik")
    assert (hasil.perilaku_sebelum, hasil.perilaku_sesudah) == ("di_atas", "sesuai")
    p = Penilaian.objects.get()
    assert (p.status, p.perilaku, p.predikat) == ("final", "sesuai", "baik")
    assert p.alasan_perilaku == "Keberatan dikabulkan: Perilaku kerja dinilai ulang bersama atasan."
    riwayat = list(p.history.order_by("history_date", "history_id").values_list("predikat", "history_user"))
    assert riwayat[-2:] == [("sangat_baik", world.users["tim_evaluasi"].pk), ("baik", world.users["admin_instansi"].pk)]
    # The follow-up follows the new predikat: the reward recommendation is cancelled.
    assert Penghargaan.objects.get().status == "dibatalkan"


@pytest.mark.django_db
def test_granting_needs_ratings_that_change_the_predikat(world):
    k = ajukan(world, final(world))
    with pytest.raises(ValidationError) as exc:
        layanan.keberatan_putuskan(
            actor=world.users["admin_instansi"],
            keberatan=k,
            kabulkan=True,
            alasan="x",
            hasil_kerja="sesuai",
            perilaku="di_atas",
        )
    assert "predikat yang sama" in exc.value.message_dict["hasil_kerja"][0]
    with pytest.raises(ValidationError) as exc:
        layanan.keberatan_putuskan(actor=world.users["admin_instansi"], keberatan=k, kabulkan=True, alasan="")
    assert set(exc.value.message_dict) == {"alasan_keputusan", "hasil_kerja", "perilaku"}
    assert Keberatan.objects.get().status == "diajukan"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["asn", "tim_evaluasi", "admin_bkn", "petugas_pengaduan", "admin_lain"])
def test_neither_the_asn_nor_the_evaluator_nor_a_reader_decides(world, role):
    k = ajukan(world, final(world))
    with pytest.raises(PermissionDenied):
        layanan.keberatan_putuskan(actor=world.users[role], keberatan=k, kabulkan=False, alasan="x")


@pytest.mark.django_db
def test_the_evaluators_superior_decides_and_no_one_twice(world):
    sekda = PegawaiFactory(opd=world.opd_lain)
    atasan_user = user_with_role(Peran.ASN, pegawai=sekda)
    penilai = PegawaiFactory(opd=world.opd, atasan=sekda)
    user = user_with_role(Peran.TIM_EVALUASI, opd=world.opd, instansi=world.instansi, pegawai=penilai)
    k = ajukan(world, final(world, actor=user))
    with pytest.raises(PermissionDenied):
        layanan.keberatan_putuskan(actor=user, keberatan=k, kabulkan=False, alasan="x")
    layanan.keberatan_putuskan(actor=atasan_user, keberatan=k, kabulkan=False, alasan="Sudah sesuai.")
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        layanan.keberatan_putuskan(actor=world.users["admin_instansi"], keberatan=k, kabulkan=False, alasan="x")


@pytest.mark.django_db
def test_pimpinan_does_not_decide_for_the_head_of_their_opd(world):
    kepala = world.pegawai
    world.opd.kepala = kepala
    world.opd.save()
    sekda = PegawaiFactory(opd=world.opd_lain)
    sekda_user = user_with_role(Peran.ASN, pegawai=sekda)
    kepala.atasan = sekda
    kepala.save()
    k = ajukan(world, final(world, actor=sekda_user))
    with pytest.raises(PermissionDenied):
        layanan.keberatan_putuskan(actor=world.users["pimpinan_opd"], keberatan=k, kabulkan=False, alasan="x")
    assert (
        layanan.keberatan_putuskan(
            actor=world.users["admin_instansi"], keberatan=k, kabulkan=False, alasan="Sesuai."
        ).status
        == "ditolak"
    )


@pytest.mark.django_db
def test_an_objection_to_a_reopened_evaluation_waits(world):
    from penilaian import services

    penilaian = final(world)
    k = ajukan(world, penilaian)
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=penilaian, alasan="Salah ketik.")
    with pytest.raises(ValidationError, match="dibuka ulang"):
        layanan.keberatan_putuskan(actor=world.users["admin_instansi"], keberatan=k, kabulkan=False, alasan="x")


@pytest.mark.django_db
def test_another_opd_is_not_mixed_in(world):
    # An objection of another OPD's ASN is not the Pimpinan's to decide.
    lain = PegawaiFactory(opd=OpdFactory(instansi=world.instansi))
    user = user_with_role(Peran.ASN, pegawai=lain)
    tim = user_with_role(Peran.TIM_EVALUASI, opd=lain.opd, instansi=world.instansi)
    penilaian = final(world, lain, actor=tim)
    k = layanan.keberatan_ajukan(actor=user, penilaian=penilaian, alasan="x")
    with pytest.raises(PermissionDenied):
        layanan.keberatan_putuskan(actor=world.users["pimpinan_opd"], keberatan=k, kabulkan=False, alasan="x")
