"""The follow-up pages: the certificate PDF and its public check, rewards decided on the follow-up page."""

import io
import re

import pytest
from django.urls import reverse

from penilaian import services, services_tindak_lanjut
from penilaian.models import Penghargaan
from tests.penilaian.test_services import TAHUN, simpan, skor
from tests.penilaian.test_views import _text

# -- certificate and its public check ------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_the_certificate_pdf_holds_the_name_nip_period_and_code(client, world, sertifikat):
    client.force_login(world.users["asn"])
    response = client.get(reverse("penilaian:sertifikat", args=[sertifikat.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="sertifikat-{world.pegawai.nip}-tw2-{TAHUN}.pdf"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    text = re.sub(r"\s+", " ", _pdf_text(data))
    assert "Yosef Bani, A.Md" in text
    assert f"NIP {world.pegawai.nip}" in text
    assert "Triwulan II Tahun 2026" in text
    assert sertifikat.kode_tampil in text
    assert "Pemerintah Kota Uji".upper() in text or "Pemerintah Kota Uji" in text
    assert "Sangat Baik" in text


@pytest.mark.django_db
def test_the_certificate_renderer_fetches_nothing_but_our_static_files(settings, tmp_path):
    from penilaian.sertifikat import buat_url_fetcher, static_milik_sendiri

    fetcher = buat_url_fetcher()
    assert fetcher.fetch("kinerja-static:css/sertifikat.css").read().startswith(b"/* The reward certificate")
    for url in (
        "kinerja-static:../kinerja/settings.py",
        "kinerja-static:vendor/bootstrap/css/bootstrap.min.css",
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "data:text/plain,halo",
        "kinerja-logo:",  # no logo given
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert static_milik_sendiri("../manage.py") is None


@pytest.mark.django_db
def test_the_public_page_confirms_a_real_code(client, world, sertifikat):
    for kode in (sertifikat.kode_tampil, sertifikat.kode_verifikasi.lower()):
        response = client.get(reverse("penilaian:verifikasi_kode", args=[kode]))
        assert response.status_code == 200
        text = _text(response.content.decode())
        assert "Sertifikat ini asli." in text
        assert "Yosef Bani, A.Md" in text
        assert "Triwulan II Tahun 2026" in text
        # Enough of the NIP to compare with the paper, not the birth date it begins with.
        assert world.pegawai.nip not in text and world.pegawai.nip[-4:] in text
        assert response["X-Robots-Tag"] == "noindex"
    # The form sends the typed code on, tidied.
    response = client.get(reverse("penilaian:verifikasi"), {"kode": f" {sertifikat.kode_tampil.lower()} "})
    assert response["Location"] == reverse("penilaian:verifikasi_kode", args=[sertifikat.kode_verifikasi])


@pytest.mark.django_db
def test_the_public_page_rejects_any_other_code_without_revealing_anything(client, world, sertifikat):
    world.pegawai_lain.nama = "Selfina Ratu"
    world.pegawai_lain.save()
    ditolak = simpan(
        world,
        world.pegawai_lain,
        hasil_kerja="di_atas",
        alasan_hasil_kerja="x",
        perilaku_skor=skor(3),
        perilaku="di_atas",
        finalkan=True,
    )
    penghargaan = services_tindak_lanjut.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=ditolak.penghargaan, setuju=True
    )
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=ditolak, alasan="Banding")
    bodies = set()
    made_up = "QWER-TYUP-ASDF-GHJK-ZXCV"  # well-formed, never issued
    for kode in (made_up, "tidak-ada", "0" * 20, penghargaan.kode_verifikasi, sertifikat.kode_verifikasi[:-1] + "Z"):
        response = client.get(reverse("penilaian:verifikasi_kode", args=[kode]))
        assert response.status_code == 404
        html = response.content.decode()
        for secret in (
            "Yosef",
            "Selfina",
            world.pegawai.nip,
            world.pegawai.nip[-4:],
            "Pemerintah Kota Uji",
            "Triwulan",
        ):
            assert secret not in html
        # The same page every time, once the per-request CSRF token and the address itself are set aside.
        bodies.add(re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', "", html).replace(kode, ""))
        assert "Kode ini tidak dikenali sebagai sertifikat atau dokumen yang berlaku." in html
    assert len(bodies) == 1  # every refusal is the same page


# -- rewards through the page ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_decides_rewards_on_the_follow_up_page(client, world, django_capture_on_commit_callbacks):
    final = simpan(
        world, hasil_kerja="di_atas", alasan_hasil_kerja="x", perilaku_skor=skor(3), perilaku="di_atas", finalkan=True
    )
    client.force_login(world.users["admin_instansi"])
    html = client.get(reverse("penilaian:tindak_lanjut")).content.decode()
    assert "Simpan keputusan" in html and world.pegawai.nama_lengkap in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("penilaian:penghargaan_putuskan", args=[final.penghargaan.pk]),
            {"keputusan": "setuju", "bentuk": "sertifikat"},
        )
    assert response.status_code == 302
    penghargaan = Penghargaan.objects.get()
    assert penghargaan.status == "disetujui" and penghargaan.berkas
    html = client.get(reverse("penilaian:tindak_lanjut")).content.decode()
    assert penghargaan.kode_tampil in html and reverse("penilaian:sertifikat", args=[penghargaan.pk]) in html


@pytest.mark.django_db
def test_the_certificate_carries_the_instansi_logo(world, sertifikat):
    from django.core.files.base import ContentFile
    from PIL import Image
    from pypdf import PdfReader

    from penilaian.sertifikat import render_sertifikat_pdf

    assert len(PdfReader(io.BytesIO(render_sertifikat_pdf(sertifikat))).pages[0].images) == 1  # the QR code
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b4f6c").save(buffer, format="PNG")
    world.instansi.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    sertifikat.instansi.refresh_from_db()
    assert len(PdfReader(io.BytesIO(render_sertifikat_pdf(sertifikat))).pages[0].images) == 2


@pytest.mark.django_db
def test_the_certificate_carries_the_qr_code_of_its_verification_page(world, sertifikat, settings):
    from penilaian.sertifikat import render_sertifikat_pdf
    from tests.qr import matriks_qr, qr_dalam_pdf

    settings.SITE_URL = "https://kinerja.kupangkota.go.id"
    alamat = f"https://kinerja.kupangkota.go.id/penilaian/verifikasi/{sertifikat.kode_tampil}/"
    assert qr_dalam_pdf(render_sertifikat_pdf(sertifikat)) == [matriks_qr(alamat)]
