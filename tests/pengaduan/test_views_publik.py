"""The public pages: filing with attachments and spam defences, tracking by code with its rate limit, the reporter's
reply and rating; and no public page needs a login or carries an inline script or style."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from opd import batas
from pengaduan import services
from pengaduan.models import Lampiran, Pengaduan

S = Pengaduan.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(nama="foto.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def data_form(world, **extra):
    data = {
        "instansi": world.instansi.pk,
        "jenis": "pengaduan",
        "kategori": "adminduk",
        "opd_usulan": world.opd.pk,
        "judul": "KTP-el belum jadi",
        "isi": "Sudah sebulan menunggu.",
        "nama_pelapor": "Maria Ndun",
    }
    data.update(extra)
    return data


def test_filing_shows_the_code_once_and_opens_the_complaint(client, world):
    response = client.post(
        reverse("pengaduan:form"), data_form(world, lampiran=[png(), SimpleUploadedFile("surat.pdf", PDF)])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pengaduan:terkirim")
    pengaduan = Pengaduan.objects.get()
    assert list(pengaduan.lampiran_set.values_list("nama_asli", "jenis_konten")) == [
        ("foto.png", "image/png"),
        ("surat.pdf", "application/pdf"),
    ]
    halaman = client.get(reverse("pengaduan:terkirim"))
    kode = halaman.context["kode"]
    assert kode in halaman.content.decode()
    assert pengaduan.kode_hash != kode
    # Shown once: only its hash is kept.
    lagi = client.get(reverse("pengaduan:terkirim")).content.decode()
    assert kode not in lagi
    # This browser may open it right away.
    assert client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])).status_code == 200


def test_attachments_are_checked_by_content(client, world):
    palsu = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = client.post(reverse("pengaduan:form"), data_form(world, lampiran=[palsu]))
    assert response.status_code == 422
    assert "bukan gambar" in response.content.decode()
    nama_salah = SimpleUploadedFile("surat.png", PDF, content_type="image/png")
    response = client.post(reverse("pengaduan:form"), data_form(world, lampiran=[nama_salah]))
    assert "tidak sesuai isinya" in response.content.decode()
    exe = SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    assert client.post(reverse("pengaduan:form"), data_form(world, lampiran=[exe])).status_code == 422
    assert not Pengaduan.objects.exists()


def test_at_most_five_attachments(client, world):
    response = client.post(reverse("pengaduan:form"), data_form(world, lampiran=[png(f"{i}.png") for i in range(6)]))
    assert response.status_code == 422
    assert "Paling banyak 5 lampiran" in response.content.decode()


def test_attachment_size_limit(client, world, monkeypatch):
    monkeypatch.setattr("pengaduan.berkas.MAKS_UKURAN", 10)
    response = client.post(reverse("pengaduan:form"), data_form(world, lampiran=[SimpleUploadedFile("s.pdf", PDF)]))
    assert response.status_code == 422
    assert "terlalu besar" in response.content.decode()


def test_text_size_limits(client, world):
    response = client.post(reverse("pengaduan:form"), data_form(world, isi="x" * 5001, judul="y" * 201))
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"isi", "judul"}


def test_honeypot_refuses_without_saving(client, world):
    response = client.post(reverse("pengaduan:form"), data_form(world, situs_web="http://spam.example"))
    assert response.status_code == 400
    assert not Pengaduan.objects.exists()


def test_filing_is_rate_limited_per_address(client, world):
    jumlah, _jendela = batas.BATAS["pengaduan"]
    for _ in range(jumlah):
        assert client.post(reverse("pengaduan:form"), data_form(world)).status_code == 302
    response = client.post(reverse("pengaduan:form"), data_form(world))
    assert response.status_code == 429
    assert Pengaduan.objects.count() == jumlah
    # Another address is not affected.
    assert client.post(reverse("pengaduan:form"), data_form(world), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_opd_must_belong_to_the_chosen_pemda(client, world):
    response = client.post(reverse("pengaduan:form"), data_form(world, opd_usulan=world.opd_instansi_lain.pk))
    assert response.status_code == 422
    assert "opd_usulan" in response.context["form"].errors


def test_tracking_by_code(client, ajukan):
    pengaduan, kode = ajukan()
    response = client.post(reverse("pengaduan:lacak"), {"kode": kode.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == reverse("pengaduan:lacak_detail", args=[pengaduan.pk])
    halaman = client.get(response["Location"]).content.decode()
    assert "KTP-el belum jadi setelah sebulan" in halaman
    # The reporter's own name and contact are not repeated on the tracking page.
    assert "Maria Ndun" not in halaman and "0812" not in halaman


def test_another_browser_without_the_code_sees_nothing(client, ajukan):
    pengaduan, _kode = ajukan()
    response = client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk]))
    assert response.status_code == 404
    assert "KTP-el belum jadi" not in response.content.decode()


def test_wrong_codes_are_rate_limited_per_address(client, ajukan):
    pengaduan, kode = ajukan()
    jumlah, _jendela = batas.BATAS["lacak_gagal"]
    for _ in range(jumlah):
        assert client.post(reverse("pengaduan:lacak"), {"kode": "ABCD-EFGH-JKMN"}).status_code == 422
    # Past the limit even the right code is refused from this address, so guessing cannot go on.
    response = client.post(reverse("pengaduan:lacak"), {"kode": kode})
    assert response.status_code == 429
    assert client.post(reverse("pengaduan:lacak"), {"kode": kode}, REMOTE_ADDR="10.1.1.1").status_code == 302


def test_malformed_codes_count_too(client, db):
    for _ in range(batas.BATAS["lacak_gagal"][0]):
        client.post(reverse("pengaduan:lacak"), {"kode": "x"})
    assert client.post(reverse("pengaduan:lacak"), {"kode": "x"}).status_code == 429


def _buka(client, kode):
    client.post(reverse("pengaduan:lacak"), {"kode": kode})


def test_reporter_reply_reopens_and_rating_closes(client, ajukan, sampai, tim):
    pengaduan, kode = ajukan()
    pengaduan = sampai(pengaduan, S.SELESAI)
    _buka(client, kode)
    response = client.post(reverse("pengaduan:lacak_balas", args=[pengaduan.pk]), {"pesan": "Belum saya terima."})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.DITINDAKLANJUTI
    pengaduan = services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Sudah.")
    response = client.post(
        reverse("pengaduan:lacak_nilai", args=[pengaduan.pk]), {"penilaian": "4", "terselesaikan": "ya"}
    )
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.penilaian, pengaduan.terselesaikan) == (S.DITUTUP, 4, True)
    halaman = client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])).content.decode()
    assert "Penilaian Anda: 4 dari 5." in halaman


def test_rating_before_an_answer_is_refused(client, ajukan):
    pengaduan, kode = ajukan()
    _buka(client, kode)
    response = client.post(
        reverse("pengaduan:lacak_nilai", args=[pengaduan.pk]), {"penilaian": "5", "terselesaikan": "ya"}
    )
    assert response.status_code == 422


def test_reporter_downloads_only_their_own_attachments(client, ajukan, world):
    pengaduan, kode = ajukan(lampiran=[SimpleUploadedFile("surat.pdf", PDF)])
    lain, _kode = ajukan(lampiran=[SimpleUploadedFile("lain.pdf", PDF)])
    lampiran = pengaduan.lampiran_set.get()
    _buka(client, kode)
    response = client.get(reverse("pengaduan:lacak_lampiran", args=[pengaduan.pk, lampiran.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    lampiran_lain = Lampiran.objects.get(pengaduan=lain)
    assert client.get(reverse("pengaduan:lacak_lampiran", args=[lain.pk, lampiran_lain.pk])).status_code == 404
    assert client.get(reverse("pengaduan:lacak_lampiran", args=[pengaduan.pk, lampiran_lain.pk])).status_code == 404


def test_attachments_are_stored_outside_the_web_root_under_a_random_name(ajukan, settings, client):
    pengaduan, _kode = ajukan(lampiran=[SimpleUploadedFile("KTP Maria.pdf", PDF)])
    lampiran = pengaduan.lampiran_set.get()
    assert "Maria" not in lampiran.berkas.name
    assert lampiran.berkas.path.startswith(str(settings.MEDIA_ROOT))
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    # Nothing serves the storage directly: only the views that check access.
    for url in (f"/{lampiran.berkas.name}", f"/media/{lampiran.berkas.name}", f"/static/{lampiran.berkas.name}"):
        assert client.get(url).status_code == 404


def test_public_pages_need_no_login_and_use_no_inline_script_or_style(client, world, ajukan):
    pengaduan, kode = ajukan()
    _buka(client, kode)
    for url in (
        reverse("pengaduan:form"),
        reverse("pengaduan:lacak"),
        reverse("pengaduan:lacak_detail", args=[pengaduan.pk]),
        reverse("survei:survei_index"),
        reverse("survei:survei", args=[world.opd.pk]),
        reverse("transparansi:publik"),
        reverse("transparansi:publik_opd", args=[world.opd.pk]),
    ):
        halaman = client.get(url).content.decode()
        assert "<script>" not in halaman and " style=" not in halaman and "<style" not in halaman, url
        assert "onclick" not in halaman, url
