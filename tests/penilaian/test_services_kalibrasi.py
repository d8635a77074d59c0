"""Calibration sessions (domain.md rule 7): per OPD and period, the team adjusts draft ratings with a reason per
change; closed, the session is read-only and every change stays recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opd.models import CatatanAudit
from penilaian import services_keberatan as layanan
from penilaian.models import Penilaian, PerubahanKalibrasi, PredikatOpd, SesiKalibrasi
from penilaian.selectors_keberatan import data_sesi
from tests.factories import PegawaiFactory
from tests.penilaian.test_services import TAHUN, TW1, simpan, skor


def draf(world, pegawai, hasil_kerja="sesuai", perilaku="sesuai"):
    nilai = {"sesuai": 2, "di_atas": 3, "di_bawah": 1}[perilaku]
    return simpan(
        world,
        pegawai,
        hasil_kerja=hasil_kerja,
        alasan_hasil_kerja="Dari laporan kerja.",
        perilaku=perilaku,
        perilaku_skor=skor(nilai),
    )


def buka(world, role="tim_evaluasi", opd=None) -> SesiKalibrasi:
    return layanan.sesi_kalibrasi_buka(actor=world.users[role], opd=opd or world.opd, tahun=TAHUN, periode=TW1)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["tim_evaluasi", "pimpinan_opd", "admin_instansi"])
def test_the_team_opens_one_session_per_opd_and_period(world, role):
    sesi = buka(world, role)
    assert (sesi.opd, sesi.instansi, sesi.tahun, sesi.jenis, sesi.triwulan, sesi.status) == (
        world.opd,
        world.instansi,
        TAHUN,
        "triwulan",
        1,
        "terbuka",
    )
    assert buka(world, "admin_instansi") == sesi
    assert SesiKalibrasi.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["asn", "admin_bkn", "petugas_pengaduan", "admin_lain"])
def test_others_do_not_open_a_session(world, role):
    with pytest.raises(PermissionDenied):
        buka(world, role)


@pytest.mark.django_db
def test_a_team_does_not_calibrate_another_opd(world):
    with pytest.raises(PermissionDenied):
        buka(world, "tim_evaluasi", opd=world.opd_lain)


@pytest.mark.django_db
def test_changed_rows_are_applied_with_their_reason_and_recorded(world):
    a, b = draf(world, world.pegawai), draf(world, world.pegawai_lain, "di_atas", "di_atas")
    sesi = buka(world)
    hasil = layanan.kalibrasi_simpan(
        actor=world.users["tim_evaluasi"],
        sesi=sesi,
        baris=[
            layanan.UbahRating(a.pk, "sesuai", "sesuai", ""),  # unchanged: nothing written
            layanan.UbahRating(b.pk, "sesuai", "di_atas", "Distribusi Sangat Baik melebihi aturan."),
        ],
    )
    assert len(hasil) == 1
    [c] = PerubahanKalibrasi.objects.all()
    assert (c.penilaian_id, c.oleh, c.alasan) == (
        b.pk,
        world.users["tim_evaluasi"],
        "Distribusi Sangat Baik melebihi aturan.",
    )
    assert (c.hasil_kerja_sebelum, c.perilaku_sebelum, c.predikat_sebelum) == ("di_atas", "di_atas", "sangat_baik")
    assert (c.hasil_kerja_sesudah, c.perilaku_sesudah, c.predikat_sesudah) == ("sesuai", "di_atas", "baik")
    b.refresh_from_db()
    assert (b.status, b.hasil_kerja, b.predikat) == ("draf", "sesuai", "baik")
    assert b.alasan_hasil_kerja == "Kalibrasi: Distribusi Sangat Baik melebihi aturan."
    assert b.history.latest("history_date").history_user == world.users["tim_evaluasi"]
    a.refresh_from_db()
    assert a.history.count() == 1
    # The distribution of the session counts the drafts' predikat.
    data = data_sesi(sesi=sesi)
    assert (data.jumlah["baik"], data.jumlah["sangat_baik"], data.total) == (2, 0, 2)


@pytest.mark.django_db
def test_a_change_without_a_reason_is_refused_and_nothing_is_written(world):
    a, b = draf(world, world.pegawai), draf(world, world.pegawai_lain)
    sesi = buka(world)
    with pytest.raises(ValidationError) as exc:
        layanan.kalibrasi_simpan(
            actor=world.users["tim_evaluasi"],
            sesi=sesi,
            baris=[
                layanan.UbahRating(a.pk, "di_atas", "sesuai", "Capaian melampaui target."),
                layanan.UbahRating(b.pk, "di_bawah", "sesuai", " "),
            ],
        )
    assert exc.value.params["baris"] == {b.pk: {"alasan": ["Tuliskan alasan perubahan."]}}
    assert not PerubahanKalibrasi.objects.exists()
    assert Penilaian.objects.get(pk=a.pk).hasil_kerja == "sesuai"


@pytest.mark.django_db
def test_a_final_evaluation_is_not_calibrated(world):
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    sesi = buka(world)
    with pytest.raises(ValidationError) as exc:
        layanan.kalibrasi_simpan(
            actor=world.users["tim_evaluasi"], sesi=sesi, baris=[layanan.UbahRating(final.pk, "di_atas", "sesuai", "x")]
        )
    assert "sudah final" in exc.value.params["baris"][final.pk]["hasil_kerja"][0]


@pytest.mark.django_db
def test_a_row_from_outside_the_session_is_refused(world):
    sesi = buka(world)
    lain = draf(world, world.pegawai)
    lain_sesi = layanan.sesi_kalibrasi_buka(
        actor=world.users["admin_instansi"], opd=world.opd_lain, tahun=TAHUN, periode=TW1
    )
    with pytest.raises(PermissionDenied):
        layanan.kalibrasi_simpan(
            actor=world.users["admin_instansi"],
            sesi=lain_sesi,
            baris=[layanan.UbahRating(lain.pk, "di_atas", "sesuai", "x")],
        )
    assert sesi.perubahan_set.count() == 0


@pytest.mark.django_db
def test_the_head_of_the_opd_is_not_in_its_session(world):
    kepala = draf(world, world.pegawai)  # drafted before they were named head
    world.opd.kepala = world.pegawai
    world.opd.save()
    sesi = buka(world)
    assert world.pegawai.pk not in {b.pegawai.pk for b in data_sesi(sesi=sesi).ringkasan.baris}
    with pytest.raises(PermissionDenied):
        layanan.kalibrasi_simpan(
            actor=world.users["tim_evaluasi"],
            sesi=sesi,
            baris=[layanan.UbahRating(kepala.pk, "di_atas", "sesuai", "x")],
        )


@pytest.mark.django_db
def test_closing_makes_the_session_read_only_with_every_change_kept(world):
    a = draf(world, world.pegawai)
    sesi = buka(world)
    layanan.kalibrasi_simpan(
        actor=world.users["tim_evaluasi"],
        sesi=sesi,
        baris=[layanan.UbahRating(a.pk, "di_bawah", "sesuai", "Target terlewat.")],
    )
    tutup = layanan.sesi_kalibrasi_tutup(actor=world.users["pimpinan_opd"], sesi=sesi, catatan="Selesai.")
    assert (tutup.status, tutup.ditutup_oleh, tutup.catatan) == ("ditutup", world.users["pimpinan_opd"], "Selesai.")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        layanan.kalibrasi_simpan(
            actor=world.users["tim_evaluasi"], sesi=sesi, baris=[layanan.UbahRating(a.pk, "sesuai", "sesuai", "x")]
        )
    with pytest.raises(ValidationError, match="sudah ditutup"):
        layanan.sesi_kalibrasi_tutup(actor=world.users["tim_evaluasi"], sesi=sesi)
    assert PerubahanKalibrasi.objects.count() == 1
    assert [h.status for h in sesi.history.order_by("history_date", "history_id")] == ["terbuka", "ditutup"]
    audit = CatatanAudit.objects.filter(content_type__model="perubahankalibrasi").get()
    assert (audit.aksi, audit.instansi_id, audit.user) == ("dibuat", world.instansi.pk, world.users["tim_evaluasi"])


@pytest.mark.django_db
def test_the_distribution_is_checked_against_the_organisation_predikat(world):
    for _ in range(3):
        draf(world, PegawaiFactory(opd=world.opd), "di_atas", "di_atas")
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, predikat="butuh_perbaikan")
    data = data_sesi(sesi=buka(world))
    assert [(h.predikat, h.terpenuhi) for h in data.pemeriksaan] == [
        (("butuh_perbaikan",), False),
        (("sangat_baik",), False),
    ]
    assert [(d.predikat, d.jumlah) for d in data.distribusi][:2] == [("sangat_baik", 3), ("baik", 0)]
