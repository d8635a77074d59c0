"""Staff pages: handling through the action forms, scope (404 across instansi and OPDs), who sees the reporter,
and user text shown as text everywhere."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pengaduan import services, services_pelapor
from pengaduan.models import Pengaduan
from survei import services as survei_services
from survei.models import Layanan

S = Pengaduan.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_petugas_verifies_and_routes_through_the_page(client_for, ajukan, petugas, world):
    pengaduan, _kode = ajukan()
    client = client_for(petugas)
    url = reverse("pengaduan:aksi", args=[pengaduan.pk])
    response = client.post(url, {"aksi": "verifikasi", "verifikasi-versi": 1, "verifikasi-rahasia": "on"})
    assert response.status_code == 302
    response = client.post(url, {"aksi": "disposisi", "disposisi-versi": 2, "disposisi-opd": world.opd.pk})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.opd, pengaduan.rahasia) == (S.DIDISPOSISIKAN, world.opd, True)


def test_stale_form_is_refused_with_a_message(client_for, ajukan, petugas):
    pengaduan, _kode = ajukan()
    client = client_for(petugas)
    url = reverse("pengaduan:aksi", args=[pengaduan.pk])
    client.post(url, {"aksi": "verifikasi", "verifikasi-versi": 1})
    response = client.post(url, {"aksi": "tolak", "tolak-versi": 1, "tolak-alasan": "Spam"}, follow=True)
    assert "sudah diubah orang lain" in response.content.decode()
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.DIVERIFIKASI


def test_missing_reason_is_shown_on_the_form(client_for, ajukan, petugas):
    pengaduan, _kode = ajukan()
    response = client_for(petugas).post(
        reverse("pengaduan:aksi", args=[pengaduan.pk]), {"aksi": "tolak", "tolak-versi": 1, "tolak-alasan": ""}
    )
    assert response.status_code == 422
    assert "Tuliskan alasannya." in response.content.decode()


def test_action_not_offered_in_this_state_is_refused(client_for, ajukan, petugas):
    pengaduan, _kode = ajukan()
    response = client_for(petugas).post(
        reverse("pengaduan:aksi", args=[pengaduan.pk]), {"aksi": "lanjutkan", "lanjutkan-versi": 1}
    )
    assert response.status_code == 422


def test_opd_answers_through_the_page(client_for, ajukan, sampai, tim):
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    response = client_for(tim).post(
        reverse("pengaduan:aksi", args=[pengaduan.pk]),
        {"aksi": "selesai", "selesai-versi": pengaduan.versi, "selesai-jawaban": "KTP sudah dapat diambil."},
    )
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.SELESAI


def test_overdue_filter_and_flag(client_for, ajukan, jam, petugas):
    jam(2026, 10, 5, 9)
    terlambat, _kode = ajukan(judul="Lama sekali")
    jam(2026, 10, 9, 9)
    ajukan(judul="Baru saja")
    client = client_for(petugas)
    halaman = client.get(reverse("pengaduan:daftar") + "?terlambat=on")
    assert [p.pk for p in halaman.context["page_obj"]] == [terlambat.pk]
    assert "Terlambat" in halaman.content.decode()


def test_user_text_is_shown_as_text_everywhere(client_for, client, ajukan, sampai, tim, world):
    pengaduan, kode = ajukan(judul=f"Judul {XSS}", isi=f"Isi {XSS}", lokasi=f"Lokasi {XSS}", asn_dilaporkan=XSS)
    pengaduan = sampai(pengaduan, S.DITINDAKLANJUTI)
    services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban=f"Jawaban {XSS}")
    survei_services.survei_submit(opd=world.opd, skor=[4] * 9, saran=f"Saran {XSS}")
    client.post(reverse("pengaduan:lacak"), {"kode": kode})
    halaman = {
        "lacak": client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])),
        "publik_opd": client.get(reverse("transparansi:publik_opd", args=[world.opd.pk])),
    }
    staf = client_for(tim)
    halaman["daftar"] = staf.get(reverse("pengaduan:daftar"))
    halaman["detail"] = staf.get(reverse("pengaduan:detail", args=[pengaduan.pk]))
    halaman["ikm"] = staf.get(reverse("survei:ikm"))
    for nama, response in halaman.items():
        teks = response.content.decode()
        assert response.status_code == 200, nama
        assert "<script>alert" not in teks and "<img src=x" not in teks, nama
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in teks, nama


class _Tautan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href += [v for k, v in attrs if k == "href" and v]


LEWATI = ("/accounts/logout", "/i18n/", "/admin/", "/static/", "mailto:", "#", "/accounts/password")


def _jelajah(client, mulai: list[str], batas: int = 400) -> dict[str, str]:
    """Every page reachable by GET from the start pages through the site's own links: path → body and headers."""
    dilihat: dict[str, str] = {}
    antrean = list(mulai)
    while antrean and len(dilihat) < batas:
        url = antrean.pop(0)
        if url in dilihat:
            continue
        response = client.get(url)
        isi = "".join(f"{k}: {v}\n" for k, v in response.items())
        if response.get("Content-Type", "").startswith("text/html"):
            isi += response.content.decode()
            parser = _Tautan()
            parser.feed(response.content.decode())
            for href in parser.href:
                lengkap = urljoin(url, href)
                bagian = urlsplit(lengkap)
                if bagian.netloc and bagian.netloc != "testserver":
                    continue
                jalur = bagian.path + (f"?{bagian.query}" if bagian.query else "")
                if not jalur.startswith(LEWATI) and jalur not in dilihat:
                    antrean.append(jalur)
        elif hasattr(response, "streaming_content"):
            isi += b"".join(response.streaming_content).decode("latin-1")
        dilihat[url] = isi
    return dilihat


def test_anonim_reporter_is_absent_from_every_page_an_opd_user_can_open(client_for, ajukan, sampai, tim, world):
    nama, kontak = "Yohana Saudale", "0813-5555-0199"
    pengaduan, kode = ajukan(
        nama_pelapor=nama,
        kontak_pelapor=kontak,
        anonim=True,
        judul="Pungutan di loket KTP",
        lampiran=[SimpleUploadedFile(f"KTP {nama}.pdf", PDF)],
    )
    pengaduan = sampai(pengaduan, S.DITINDAKLANJUTI)
    services_pelapor.pengaduan_reply(pengaduan=pengaduan, pesan="Saya sudah membayar di loket 3.")
    Layanan.objects.create(opd=world.opd, nama="Perekaman KTP-el")
    for role in ("tim_evaluasi", "pimpinan_opd"):
        client = client_for(world.users[role])
        halaman = _jelajah(client, ["/", reverse("pengaduan:daftar"), reverse("pengaduan:detail", args=[pengaduan.pk])])
        assert reverse("pengaduan:detail", args=[pengaduan.pk]) in halaman
        assert any(re.search(r"/lampiran/\d+/$", url) for url in halaman), "the attachment was opened"
        assert len(halaman) > 10
        assert not any("tahun=2." in url for url in halaman), "years are written without a thousands separator"
        for url, isi in halaman.items():
            assert nama not in isi, f"{role}: {url}"
            assert "Yohana" not in isi and kontak not in isi, f"{role}: {url}"
    # The Petugas who verifies it does see who filed it.
    petugas_halaman = client_for(world.users["petugas_pengaduan"]).get(reverse("pengaduan:detail", args=[pengaduan.pk]))
    assert nama in petugas_halaman.content.decode()


def test_not_anonim_reporter_is_shown_to_the_opd_but_never_to_the_asn_named(client_for, ajukan, sampai, world):
    tim_user = world.users["tim_evaluasi"]
    world.pegawai_lain.user = tim_user
    world.pegawai_lain.save()
    disebut, _kode = ajukan(nama_pelapor="Agus Lay", asn_dilaporkan=f"NIP {world.pegawai_lain.nip}")
    disebut = sampai(disebut, S.DIDISPOSISIKAN)
    assert disebut.pegawai_terlapor == world.pegawai_lain
    biasa, _kode = ajukan(nama_pelapor="Agus Lay")
    biasa = sampai(biasa, S.DIDISPOSISIKAN)
    client = client_for(tim_user)
    assert "Agus Lay" not in client.get(reverse("pengaduan:detail", args=[disebut.pk])).content.decode()
    assert "Agus Lay" in client.get(reverse("pengaduan:detail", args=[biasa.pk])).content.decode()
    pimpinan = client_for(world.users["pimpinan_opd"])
    assert "Agus Lay" in pimpinan.get(reverse("pengaduan:detail", args=[disebut.pk])).content.decode()


def test_rahasia_complaint_never_appears_on_public_pages(client, ajukan, sampai, petugas, world):
    terbuka, _kode = ajukan(judul="Lampu jalan mati di Oebobo")
    terbuka = sampai(terbuka, S.SELESAI)
    rahasia, _kode = ajukan(judul="Oknum meminta imbalan", rahasia=True)
    rahasia = sampai(rahasia, S.SELESAI)
    halaman = _jelajah(client, [reverse("pengaduan:publik"), reverse("pengaduan:survei_index")], batas=60)
    semua = "".join(halaman.values())
    assert "Lampu jalan mati di Oebobo" in semua
    assert "Oknum meminta imbalan" not in semua
    assert "Maria Ndun" not in semua
    # Counted in the figures, without its content.
    opd = client.get(
        reverse("transparansi:publik_opd", args=[world.opd.pk]) + "?tahun=" + str(rahasia.tanggal_diterima.year)
    )
    assert opd.context["angka"].diterima == 2
    assert opd.context["angka"].dijawab == 2


def test_staff_attachment_name_hides_the_reporter_of_an_anonim_complaint(client_for, ajukan, sampai, world):
    pengaduan, _kode = ajukan(anonim=True, lampiran=[SimpleUploadedFile("KTP Maria.pdf", PDF)])
    pengaduan = sampai(pengaduan, S.DIDISPOSISIKAN)
    lampiran = pengaduan.lampiran_set.get()
    url = reverse("pengaduan:lampiran", args=[pengaduan.pk, lampiran.pk])
    response = client_for(world.users["tim_evaluasi"]).get(url)
    assert response.status_code == 200
    assert "Maria" not in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    response = client_for(world.users["petugas_pengaduan"]).get(url)
    assert "KTP%20Maria.pdf" in response["Content-Disposition"] or "KTP Maria.pdf" in response["Content-Disposition"]


def test_another_instansi_complaint_is_a_404(client_for, ajukan, world):
    pengaduan, _kode = ajukan(instansi=world.instansi_lain, opd_usulan=None)
    client = client_for(world.users["petugas_pengaduan"])
    assert client.get(reverse("pengaduan:detail", args=[pengaduan.pk])).status_code == 404
    assert client.post(reverse("pengaduan:aksi", args=[pengaduan.pk]), {"aksi": "verifikasi"}).status_code == 404
