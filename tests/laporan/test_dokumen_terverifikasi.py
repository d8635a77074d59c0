"""Verifiable documents: the staff evaluation document and the organisation predikat determination carry their
verification code, the public address and its QR code; the public address confirms the document, and a forged code
(or the code of a document since reopened or changed) is a 404."""

import re

import pytest
from django.urls import reverse

from penilaian import services, services_opd
from penilaian.kode import kode_baru
from penilaian.models import Penilaian, PredikatOpd
from tests.qr import matriks_qr, qr_dalam_pdf

from .conftest import TAHUN, teks_pdf
from .test_isi_laporan import render

SITUS = "https://kinerja.kupangkota.go.id"


@pytest.fixture
def situs(settings):
    settings.SITE_URL = SITUS


def _alamat(kode_tampil: str) -> str:
    return f"{SITUS}/penilaian/verifikasi/{kode_tampil}/"


@pytest.mark.django_db
def test_the_evaluation_document_carries_its_code_address_and_qr(world, penilaian_laporan, situs):
    tw2 = penilaian_laporan
    tw2.kode_verifikasi = kode_baru(Penilaian)
    tw2.save()
    isi, _judul, _versi = render(world, "evaluasi_pegawai", opd=world.opd, triwulan=2, pegawai=world.pegawai)
    teks = teks_pdf(isi)
    flat = re.sub(r"\s+", "", teks)
    assert f"Kode verifikasi: {tw2.kode_tampil}" in teks
    assert _alamat(tw2.kode_tampil) in flat
    assert "Dokumen ini disahkan secara elektronik dan tidak memerlukan tanda tangan basah." in teks
    assert qr_dalam_pdf(isi) == [matriks_qr(_alamat(tw2.kode_tampil))]


@pytest.mark.django_db
def test_an_evaluation_without_a_code_keeps_the_wet_signature_space(world, penilaian_laporan):
    isi, _judul, _versi = render(world, "evaluasi_pegawai", opd=world.opd, triwulan=2, pegawai=world.pegawai)
    assert "Kode verifikasi" not in teks_pdf(isi) and qr_dalam_pdf(isi) == []


@pytest.mark.django_db
def test_the_predikat_determination_is_a_report_with_its_code_address_and_qr(world, penilaian_laporan, situs):
    predikat = services_opd.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="istimewa", catatan="Layanan prima"
    )
    isi, judul, _versi = render(world, "penetapan_predikat_opd", opd=world.opd)
    teks = teks_pdf(isi)
    assert judul == "Penetapan Predikat Kinerja Organisasi – Dinas Kependudukan dan Pencatatan Sipil – Tahun 2026"
    assert "Predikat kinerja organisasi Istimewa" in teks
    assert "Catatan Layanan prima" in teks
    assert f"Kode verifikasi: {predikat.kode_tampil}" in teks
    assert _alamat(predikat.kode_tampil) in re.sub(r"\s+", "", teks)
    assert qr_dalam_pdf(isi) == [matriks_qr(_alamat(predikat.kode_tampil))]


@pytest.mark.django_db
def test_the_public_address_confirms_an_evaluation_and_404s_a_forged_or_reopened_code(world, client):
    from tests.penilaian.test_services import simpan  # the evaluator's real path: finalising gives the code

    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Dinilai dari laporan kerja", finalkan=True)
    assert len(final.kode_verifikasi) == 20
    response = client.get(reverse("penilaian:verifikasi_kode", args=[final.kode_tampil]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen evaluasi kinerja pegawai ini asli dan berlaku." in html
    assert world.pegawai.nama_lengkap in html and "Baik" in html
    assert world.pegawai.nip not in html  # only its last four digits

    forged = final.kode_verifikasi[:-1] + ("A" if final.kode_verifikasi[-1] != "A" else "B")
    assert client.get(reverse("penilaian:verifikasi_kode", args=[forged])).status_code == 404

    lama = final.kode_tampil
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Salah nilai")
    assert Penilaian.objects.get(pk=final.pk).kode_verifikasi is None
    assert client.get(reverse("penilaian:verifikasi_kode", args=[lama])).status_code == 404


@pytest.mark.django_db
def test_the_public_address_confirms_a_predikat_and_404s_it_once_changed(world, client):
    admin = world.users["admin_instansi"]
    pertama = services_opd.predikat_opd_tetapkan(actor=admin, opd=world.opd, tahun=TAHUN, predikat="baik")
    response = client.get(reverse("penilaian:verifikasi_kode", args=[pertama.kode_tampil]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Penetapan predikat kinerja organisasi ini asli dan berlaku." in html and world.opd.nama in html
    sama = services_opd.predikat_opd_tetapkan(actor=admin, opd=world.opd, tahun=TAHUN, predikat="baik", catatan="x")
    assert sama.kode_verifikasi == pertama.kode_verifikasi  # the same predikat: the printed copy still holds
    services_opd.predikat_opd_tetapkan(actor=admin, opd=world.opd, tahun=TAHUN, predikat="kurang")
    assert PredikatOpd.objects.get().kode_verifikasi != pertama.kode_verifikasi
    assert client.get(reverse("penilaian:verifikasi_kode", args=[pertama.kode_tampil])).status_code == 404


@pytest.mark.django_db
def test_the_opd_summary_offers_the_determination_once_the_predikat_is_set(world, client):
    client.force_login(world.users["pimpinan_opd"])
    url = reverse("penilaian:opd", args=[world.opd.pk, TAHUN])
    assert 'value="penetapan_predikat_opd"' not in client.get(url).content.decode()
    services_opd.predikat_opd_tetapkan(actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik")
    assert 'value="penetapan_predikat_opd"' in client.get(url).content.decode()
    response = client.post(
        reverse("laporan:minta"),
        {"jenis": "penetapan_predikat_opd", "opd": world.opd.pk, "tahun": TAHUN, "format": "pdf"},
    )
    assert response.status_code == 302
