"""The follow-up of a final evaluation: rewards and their certificates, training recommendations."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from penilaian import services, services_tindak_lanjut
from penilaian.models import Penghargaan, Penilaian, RekomendasiPelatihan
from penilaian.selectors_tindak_lanjut import penghargaan_dari_kode
from tests.penilaian.test_services import iki_dengan_capaian, simpan, skor

D = Decimal


def _sangat_baik(world):
    return simpan(
        world,
        hasil_kerja="di_atas",
        alasan_hasil_kerja="Kinerja melampaui target.",
        perilaku_skor=skor(3),
        perilaku="di_atas",
        finalkan=True,
    )


@pytest.mark.django_db
def test_sangat_baik_produces_a_reward_recommendation(world):
    final = _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    assert (penghargaan.penilaian, penghargaan.pegawai, penghargaan.status) == (
        final,
        world.pegawai,
        Penghargaan.Status.DIREKOMENDASIKAN,
    )
    assert not RekomendasiPelatihan.objects.exists()


@pytest.mark.django_db
def test_the_admin_instansi_approves_with_a_code_and_the_pdf_renders_on_commit(
    world, django_capture_on_commit_callbacks
):
    _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    for peran in ("tim_evaluasi", "admin_bkn", "admin_lain"):
        with pytest.raises(PermissionDenied):
            services_tindak_lanjut.penghargaan_putuskan(actor=world.users[peran], penghargaan=penghargaan, setuju=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hasil = services_tindak_lanjut.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=True, bentuk="sertifikat_insentif"
        )
    assert len(callbacks) == 1
    hasil.refresh_from_db()
    assert hasil.status == Penghargaan.Status.DISETUJUI
    assert len(hasil.kode_verifikasi) == 20 and hasil.kode_tampil.count("-") == 4
    assert hasil.berkas.name.startswith(f"sertifikat/{world.instansi.pk}/") and hasil.berkas.name.endswith(".pdf")
    assert hasil.berkas.read(5) == b"%PDF-"
    with pytest.raises(ValidationError):
        services_tindak_lanjut.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=hasil, setuju=False
        )


@pytest.mark.django_db
def test_declining_needs_a_reason_and_gives_no_code(world):
    _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    with pytest.raises(ValidationError):
        services_tindak_lanjut.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=False
        )
    hasil = services_tindak_lanjut.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=False, catatan="Anggaran habis."
    )
    assert (hasil.status, hasil.kode_verifikasi, hasil.catatan) == (Penghargaan.Status.DITOLAK, None, "Anggaran habis.")


@pytest.mark.django_db
def test_incentive_only_has_no_certificate(world, django_capture_on_commit_callbacks):
    _sangat_baik(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hasil = services_tindak_lanjut.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True, bentuk="insentif"
        )
    assert callbacks == [] and hasil.kode_verifikasi is None and not hasil.berkas


@pytest.mark.django_db
def test_the_certificate_task_is_idempotent_and_runs_on_the_reports_queue(world):
    from kinerja.celery import app
    from penilaian.tasks import render_sertifikat

    _sangat_baik(world)
    penghargaan = services_tindak_lanjut.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True
    )
    assert render_sertifikat.name == "kinerja.reports.sertifikat"
    assert app.amqp.router.route({}, render_sertifikat.name)["queue"].name == "reports"
    assert render_sertifikat(penghargaan_id=penghargaan.pk) is True
    penghargaan.refresh_from_db()
    nama = penghargaan.berkas.name
    assert render_sertifikat(penghargaan_id=penghargaan.pk) is False  # twice changes nothing
    assert render_sertifikat(penghargaan_id=0) is False  # gone: quietly nothing
    penghargaan.refresh_from_db()
    assert penghargaan.berkas.name == nama


@pytest.mark.django_db
def test_a_changed_predikat_after_reopening_cancels_the_reward_and_its_code(world):
    _sangat_baik(world)
    penghargaan = services_tindak_lanjut.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True
    )
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) == penghargaan
    final = Penilaian.objects.get()
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Perilaku dikoreksi")
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) is None  # not verifiable while reopened
    simpan(world, hasil_kerja="di_atas", alasan_hasil_kerja="x", perilaku_skor=skor(2), finalkan=True)
    penghargaan.refresh_from_db()
    assert penghargaan.status == Penghargaan.Status.DIBATALKAN
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) is None
    # Sangat Baik again: a fresh recommendation to decide, the old code gone.
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Banding diterima")
    simpan(
        world, hasil_kerja="di_atas", alasan_hasil_kerja="x", perilaku_skor=skor(3), perilaku="di_atas", finalkan=True
    )
    penghargaan.refresh_from_db()
    assert (penghargaan.status, penghargaan.kode_verifikasi) == (Penghargaan.Status.DIREKOMENDASIKAN, None)


@pytest.mark.django_db
def test_butuh_perbaikan_produces_a_training_recommendation_naming_the_indicators_below(world):
    inds = iki_dengan_capaian(
        world, world.pegawai, ("IKI-1", 8, 2, True), ("IKI-2", 10, 1, True), ("IKI-3", 5, 1, False)
    )
    final = simpan(world, hasil_kerja="di_bawah", finalkan=True)
    assert final.predikat == "butuh_perbaikan"
    rekomendasi = RekomendasiPelatihan.objects.get()
    assert rekomendasi.penilaian == final
    assert sorted(rekomendasi.indikator.values_list("kode", flat=True)) == ["IKI-1", "IKI-3"]
    assert rekomendasi.aspek_perilaku == []
    assert inds["IKI-2"] not in rekomendasi.indikator.all()
    assert not Penghargaan.objects.exists()


@pytest.mark.django_db
def test_kurang_from_perilaku_names_the_values_scored_below(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True), ("IKI-2", D("9.5"), 1, True))  # 100 %, 95 %
    final = simpan(
        world, hasil_kerja="sesuai", perilaku_skor=skor([1, 1, 1, 1, 2, 2, 2]), perilaku="di_bawah", finalkan=True
    )
    assert final.predikat == "kurang"
    rekomendasi = RekomendasiPelatihan.objects.get()
    # Nothing is below expectation, so the indicators under 100 % are named.
    assert list(rekomendasi.indikator.values_list("kode", flat=True)) == ["IKI-2"]
    assert rekomendasi.aspek_perilaku == ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis"]
    assert rekomendasi.label_perilaku[0] == "Berorientasi Pelayanan"


@pytest.mark.django_db
def test_an_open_training_recommendation_is_cancelled_when_the_predikat_improves(world):
    simpan(world, hasil_kerja="di_bawah", alasan_hasil_kerja="x", finalkan=True)
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=Penilaian.objects.get(), alasan="y")
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    assert RekomendasiPelatihan.objects.get().status == RekomendasiPelatihan.Status.DIBATALKAN
