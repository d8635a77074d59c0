"""Evaluation services: who may evaluate, the override rule, finalising, reopening, acknowledging. The follow-up,
the organisation predikat, training and work plans are in the test_services_*.py beside this one, built on the
helpers here."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluasi.recalc import recalculate
from opd.models import Peran
from penilaian import services
from penilaian.aturan import NILAI_BERAKHLAK
from penilaian.models import PembukaanPenilaian, Penilaian, UmpanBalikIndikator
from penilaian.selectors import PeriodePenilaian
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.factories import PegawaiFactory, user_with_role

D = Decimal
TAHUN = 2026  # the year of tests.evaluasi.test_recalc.make_indikator
TW1 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 1)
TW2 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 2)
TAHUNAN = PeriodePenilaian(Penilaian.Jenis.TAHUNAN, 4)


def skor(nilai: int | list[int]) -> dict:
    daftar = nilai if isinstance(nilai, list) else [nilai] * 7
    return dict(zip(NILAI_BERAKHLAK, daftar, strict=True))


def data(**kwargs) -> services.DataPenilaian:
    kwargs.setdefault("perilaku_skor", skor(2))
    kwargs.setdefault("perilaku", "sesuai")
    kwargs.setdefault("umpan_balik", "Terus tingkatkan.")
    return services.DataPenilaian(**kwargs)


def iki_dengan_capaian(world, pegawai, *items, triwulan=1):
    """IKI of `pegawai` with a verified TW realisation each: (kode, realisation against a target of 10, weight,
    utama). Returns the indicators by code after the recalculation."""
    hasil = {}
    for kode, nilai, bobot, utama in items:
        ind = make_indikator(pegawai.opd, kode, pegawai=pegawai, bobot=bobot)
        if not utama:
            ind.utama = False
            ind.save(update_fields=["utama"])
        for q in range(1, triwulan + 1):
            verified(ind, q, nilai)
        hasil[kode] = ind
    recalculate(instansi_id=pegawai.opd.instansi_id, tahun=TAHUN)
    return hasil


def simpan(world, pegawai=None, *, actor=None, periode=TW1, versi=None, finalkan=False, **kwargs):
    pegawai = pegawai or world.pegawai
    if versi is None:
        ada = Penilaian.objects.filter(
            pegawai=pegawai, tahun=TAHUN, jenis=periode.jenis, triwulan=periode.triwulan
        ).first()
        versi = ada.versi if ada else 0
    return services.penilaian_simpan(
        actor=actor or world.users["tim_evaluasi"],
        pegawai=pegawai,
        tahun=TAHUN,
        periode=periode,
        versi=versi,
        data=data(**kwargs),
        finalkan=finalkan,
    )


# -- who evaluates -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_asn_cannot_change_their_own_ratings(world):
    with pytest.raises(PermissionDenied):
        simpan(world, actor=world.users["asn"], hasil_kerja="di_atas", alasan_hasil_kerja="Saya layak.")
    assert not Penilaian.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("peran", ["admin_instansi", "admin_bkn", "pimpinan_opd", "petugas_pengaduan", "admin_lain"])
def test_readers_and_admins_do_not_evaluate(world, peran):
    with pytest.raises(PermissionDenied):
        simpan(world, actor=world.users[peran], hasil_kerja="sesuai", alasan_hasil_kerja="x")


@pytest.mark.django_db
def test_tim_evaluasi_cannot_evaluate_outside_their_opd_or_instansi(world):
    lain = PegawaiFactory(opd=world.opd_lain)
    for pegawai in (lain, world.pegawai_instansi_lain):
        with pytest.raises(PermissionDenied):
            simpan(world, pegawai, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    assert not Penilaian.objects.exists()


@pytest.mark.django_db
def test_the_superior_linked_to_a_user_evaluates_direct_reports_only(world):
    atasan = world.pegawai.atasan
    user = user_with_role(Peran.ASN, pegawai=atasan, username="kasi")
    hasil = simpan(world, actor=user, hasil_kerja="sesuai", alasan_hasil_kerja="Belum ada capaian.")
    assert hasil.penilai == user
    # Not their superior, not a colleague in another unit, not themself.
    atasan.atasan = PegawaiFactory(opd=world.opd)
    atasan.save()
    for pegawai in (atasan.atasan, PegawaiFactory(opd=world.opd), atasan):
        with pytest.raises(PermissionDenied):
            simpan(world, pegawai, actor=user, hasil_kerja="sesuai", alasan_hasil_kerja="x")


@pytest.mark.django_db
def test_a_tim_evaluasi_member_does_not_evaluate_themself(world):
    tim = world.users["tim_evaluasi"]
    world.pegawai_lain.user = tim
    world.pegawai_lain.save()
    with pytest.raises(PermissionDenied):
        simpan(world, world.pegawai_lain, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    simpan(world, world.pegawai, hasil_kerja="sesuai", alasan_hasil_kerja="x")  # a colleague is fine


# -- suggestion and override ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_override_without_justification_is_refused(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True))  # 100 %: Sesuai
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="di_atas")
    assert "alasan_hasil_kerja" in exc.value.message_dict
    assert not Penilaian.objects.exists()
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="sesuai", perilaku="di_atas", finalkan=True)  # scores 2 suggest Sesuai
    assert list(exc.value.message_dict) == ["alasan_perilaku"]


@pytest.mark.django_db
def test_override_with_justification_is_kept_beside_the_suggestion(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True))
    hasil = simpan(
        world, hasil_kerja="di_atas", alasan_hasil_kerja="Menangani lonjakan pemohon saat blangko habis.", finalkan=True
    )
    hasil.refresh_from_db()
    assert (hasil.hasil_kerja_saran, hasil.hasil_kerja) == ("sesuai", "di_atas")
    assert hasil.alasan_hasil_kerja == "Menangani lonjakan pemohon saat blangko habis."
    assert (hasil.perilaku_saran, hasil.perilaku, hasil.predikat) == ("sesuai", "sesuai", "baik")
    riwayat = hasil.history.first()
    assert (riwayat.hasil_kerja, riwayat.alasan_hasil_kerja, riwayat.history_user) == (
        "di_atas",
        "Menangani lonjakan pemohon saat blangko habis.",
        world.users["tim_evaluasi"],
    )


@pytest.mark.django_db
def test_confirming_the_suggestion_needs_no_justification_and_gives_the_predikat(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 12, 2, True), ("IKI-2", 10, 1, True))  # 120 % and 100 %
    hasil = simpan(world, hasil_kerja="di_atas", perilaku_skor=skor(3), perilaku="di_atas", finalkan=True)
    assert (hasil.hasil_kerja_saran, hasil.perilaku_saran) == ("di_atas", "di_atas")
    assert hasil.predikat == "sangat_baik"
    assert hasil.status == Penilaian.Status.FINAL
    assert hasil.skor == D("113.3333")
    assert hasil.difinalkan_oleh == world.users["tim_evaluasi"]


@pytest.mark.django_db
def test_without_any_achievement_there_is_no_suggestion_and_the_basis_is_required(world):
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="sesuai")
    assert "dasar rating hasil kerja" in exc.value.message_dict["alasan_hasil_kerja"][0]
    hasil = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Target baru ditetapkan bulan ini.")
    assert hasil.hasil_kerja_saran == ""


@pytest.mark.django_db
def test_a_draft_may_be_incomplete_but_finalising_needs_everything(world):
    draf = simpan(world, perilaku_skor={"akuntabel": 3}, perilaku="", umpan_balik="")
    assert draf.status == Penilaian.Status.DRAF
    assert (draf.akuntabel, draf.loyal, draf.perilaku_saran, draf.predikat) == (3, None, "", "")
    with pytest.raises(ValidationError) as exc:
        simpan(world, perilaku_skor={"akuntabel": 3}, perilaku="", umpan_balik="", finalkan=True)
    assert set(exc.value.message_dict) == {
        "berorientasi_pelayanan",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
        "hasil_kerja",
        "perilaku",
        "umpan_balik",
    }
    assert Penilaian.objects.get().status == Penilaian.Status.DRAF


@pytest.mark.django_db
def test_feedback_per_indicator_is_kept_with_the_achievement_it_was_written_against(world):
    ind = iki_dengan_capaian(world, world.pegawai, ("IKI-1", 8, 1, True))["IKI-1"]  # 80 %: below
    lain = make_indikator(world.opd, "IKI-X", pegawai=world.pegawai_lain)
    hasil = simpan(
        world,
        hasil_kerja="di_bawah",
        umpan_balik_indikator={ind.pk: "Perbaiki antrean.", lain.pk: "Bukan indikatornya."},
    )
    ub = UmpanBalikIndikator.objects.get()
    assert (ub.penilaian, ub.indikator, ub.isi, ub.capaian, ub.ekspektasi) == (
        hasil,
        ind,
        "Perbaiki antrean.",
        D("80.0000"),
        "di_bawah",
    )
    simpan(world, hasil_kerja="di_bawah", umpan_balik_indikator={ind.pk: ""})
    assert not UmpanBalikIndikator.objects.exists()


# -- final, reopened, acknowledged -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_final_evaluation_is_read_only(world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="di_atas", alasan_hasil_kerja="y")
    assert exc.value.code == "final"
    assert Penilaian.objects.get().hasil_kerja == "sesuai"


@pytest.mark.django_db
def test_a_stale_form_is_refused(world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    with pytest.raises(services.Kedaluwarsa):
        simpan(world, versi=0, hasil_kerja="di_bawah", alasan_hasil_kerja="y")
    assert Penilaian.objects.get().hasil_kerja == "sesuai"


@pytest.mark.django_db
def test_only_the_admin_instansi_reopens_with_a_recorded_reason(world):
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    for peran in ("tim_evaluasi", "pimpinan_opd", "admin_bkn", "admin_lain", "asn"):
        with pytest.raises(PermissionDenied):
            services.penilaian_buka_ulang(actor=world.users[peran], penilaian=final, alasan="Salah")
    with pytest.raises(ValidationError):
        services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="  ")
    services.penilaian_akui(actor=world.users["asn"], penilaian=final)
    pembukaan = services.penilaian_buka_ulang(
        actor=world.users["admin_instansi"], penilaian=final, alasan="Skor perilaku salah ketik."
    )
    assert (pembukaan.oleh, pembukaan.alasan, pembukaan.status_sebelumnya) == (
        world.users["admin_instansi"],
        "Skor perilaku salah ketik.",
        "diakui",
    )
    final.refresh_from_db()
    assert (final.status, final.diakui_pada) == (Penilaian.Status.DRAF, None)
    with pytest.raises(ValidationError):  # a draft is not reopened
        services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Lagi")
    ubah = simpan(world, hasil_kerja="di_bawah", alasan_hasil_kerja="Koreksi", finalkan=True)
    assert ubah.predikat == "butuh_perbaikan"
    assert PembukaanPenilaian.objects.count() == 1


@pytest.mark.django_db
def test_only_the_asn_acknowledges_and_only_a_final_evaluation(world):
    draf = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    with pytest.raises(ValidationError):
        services.penilaian_akui(actor=world.users["asn"], penilaian=draf)
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    with pytest.raises(PermissionDenied):
        services.penilaian_akui(actor=world.users["tim_evaluasi"], penilaian=final)
    diakui = services.penilaian_akui(actor=world.users["asn"], penilaian=final)
    assert diakui.status == Penilaian.Status.DIAKUI and diakui.diakui_pada is not None
    with pytest.raises(ValidationError):
        services.penilaian_akui(actor=world.users["asn"], penilaian=final)
