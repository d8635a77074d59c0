"""The realisation grid: entry, live preview, workflow, evidence, stale edits, bad input, scope and query counts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import BuktiDukung, CapaianTriwulan, Realisasi

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def row_url(ind, triwulan=1, name="evaluasi:grid_baris"):
    return reverse(name, args=[ind.opd_id, ind.tahun, triwulan, ind.pk])


def post_row(client, ind, *, aksi="simpan", versi=0, triwulan=1, htmx=True, **fields):
    data = {f"r{ind.pk}-versi": versi, "aksi": aksi}
    data.update({f"r{ind.pk}-{k}": v for k, v in fields.items()})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(row_url(ind, triwulan), data, **headers)


@pytest.fixture
def setup(world, buka_periode, buat_indikator, client):
    buka_periode(1)
    ind = buat_indikator(world.opd, tw=Decimal(25))
    client.force_login(world.users["tim_evaluasi"])
    return ind


def test_save_draft_then_submit_then_verify_updates_stored_achievement(
    client, world, setup, django_capture_on_commit_callbacks
):
    ind = setup
    response = post_row(client, ind, nilai="20", bukti_teks="Laporan bulanan")
    assert response.status_code == 200
    r = Realisasi.objects.get(indikator=ind, triwulan=1)
    assert (r.nilai, r.status, r.versi) == (Decimal(20), "draf", 1)
    assert "Draf realisasi IKU-01 disimpan" in response.content.decode()

    # 80 % is under target: submission needs kendala and solusi, each named next to its field.
    response = post_row(client, ind, aksi="ajukan", versi=1, nilai="20", bukti_teks="Laporan bulanan")
    body = response.content.decode()
    assert response.status_code == 422
    assert "Capaian di bawah 100%: jelaskan kendalanya." in body
    assert "tuliskan solusi atau rencana tindak lanjut" in body
    assert Realisasi.objects.get(pk=r.pk).status == "draf"

    # The draft was saved meanwhile, and the returned form carries the saved version.
    assert Realisasi.objects.get(pk=r.pk).versi == 2
    assert f'name="r{ind.pk}-versi" value="2"' in body
    response = post_row(
        client,
        ind,
        aksi="ajukan",
        versi=2,
        nilai="20",
        bukti_teks="Laporan bulanan",
        kendala="Blangko terbatas",
        solusi="Jemput bola",
    )
    assert response.status_code == 200
    r.refresh_from_db()
    assert r.status == "diajukan"

    client.force_login(world.users["pimpinan_opd"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_row(client, ind, aksi="verifikasi", versi=r.versi)
    assert response.status_code == 200
    r.refresh_from_db()
    assert r.status == "diverifikasi"
    assert r.diverifikasi_oleh == world.users["pimpinan_opd"]
    stored = CapaianTriwulan.objects.get(indikator=ind, triwulan=1)
    assert stored.capaian == Decimal("80.0000")
    assert stored.band == "baik"
    # Every change is kept: who, and the values.
    history = list(Realisasi.history.filter(id=r.pk).order_by("history_id").values_list("status", "history_user"))
    assert [h[0] for h in history] == ["draf", "draf", "draf", "diajukan", "diverifikasi"]
    assert history[-1][1] == world.users["pimpinan_opd"].pk


def test_submit_needs_evidence(client, setup):
    ind = setup
    post_row(client, ind, nilai="30")
    response = post_row(client, ind, aksi="ajukan", versi=1, nilai="30")
    assert response.status_code == 422
    assert "Lampirkan bukti dukung" in response.content.decode()


def test_return_needs_a_reason_and_the_team_can_correct(client, world, setup):
    ind = setup
    post_row(client, ind, aksi="ajukan", nilai="30", bukti_tautan="https://dukcapil.example.go.id/laporan")
    r = Realisasi.objects.get(indikator=ind)
    response = post_row(client, ind, aksi="kembalikan", versi=r.versi, alasan="  ")
    assert response.status_code == 422
    assert "Tuliskan alasan pengembalian." in response.content.decode()
    response = post_row(client, ind, aksi="kembalikan", versi=r.versi, alasan="Bukti tidak sesuai periode")
    r.refresh_from_db()
    assert (r.status, r.alasan_pengembalian) == ("dikembalikan", "Bukti tidak sesuai periode")
    assert "Bukti tidak sesuai periode" in response.content.decode()
    post_row(client, ind, versi=r.versi, nilai="31", bukti_tautan="https://dukcapil.example.go.id/laporan")
    r.refresh_from_db()
    assert (r.status, r.nilai) == ("draf", Decimal(31))


def test_live_preview_shows_achievement_for_typed_value(client, setup):
    ind = setup
    url = row_url(ind, name="evaluasi:grid_pratinjau")
    body = client.get(url, {f"r{ind.pk}-nilai": "30"}, HTTP_HX_REQUEST="true").content.decode()
    assert "120,00%" in body and "band-sangat_baik" in body
    body = client.get(url, {f"r{ind.pk}-nilai": "12,5"}).content.decode()
    assert "50,00%" in body and "kendala dan solusi wajib" in body
    body = client.get(url, {f"r{ind.pk}-nilai": "abc"}).content.decode()
    assert "Realisasi harus berupa angka" in body
    assert not Realisasi.objects.exists()


def test_second_save_from_a_stale_form_is_refused_and_keeps_input(client, world, setup):
    ind = setup
    # Both people loaded the empty line (version 0); the first save wins.
    assert post_row(client, ind, nilai="20").status_code == 200
    client.force_login(world.users["admin_instansi"])
    response = post_row(client, ind, nilai="24", kendala="Isian saya yang panjang")
    body = response.content.decode()
    assert response.status_code == 409
    assert "sudah diubah orang lain" in body
    assert "Isian saya yang panjang" in body  # their text is still in the form
    assert 'value="24"' in body
    r = Realisasi.objects.get(indikator=ind)
    assert (r.nilai, r.versi) == (Decimal(20), 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"nilai": "dua puluh"}, "Realisasi harus berupa angka"),
        ({"nilai": "-3"}, "Realisasi tidak boleh negatif."),
        ({"nilai": "1,234"}, "paling banyak 2 angka di belakang koma"),
        ({"bukti_tautan": "bukan tautan"}, "URL"),
    ],
)
def test_bad_values_get_a_clear_message_and_change_nothing(client, setup, fields, message):
    ind = setup
    response = post_row(client, ind, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Realisasi.objects.exists()


def test_oversized_file_is_refused(client, setup, settings):
    ind = setup
    big = SimpleUploadedFile("bukti.pdf", PDF + b"0" * (30 * 1024 * 1024), content_type="application/pdf")
    response = post_row(client, ind, nilai="20", berkas=big)
    assert response.status_code == 422
    assert "terlalu besar" in response.content.decode()
    assert not Realisasi.objects.exists()
    assert not BuktiDukung.objects.exists()


def test_exe_renamed_pdf_is_refused(client, setup):
    ind = setup
    fake = SimpleUploadedFile("laporan.pdf", EXE, content_type="application/pdf")
    response = post_row(client, ind, nilai="20", berkas=fake)
    assert response.status_code == 422
    assert "bukan PDF, gambar, atau dokumen Office" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_png_named_pdf_is_refused(client, setup):
    ind = setup
    response = post_row(client, ind, nilai="20", berkas=SimpleUploadedFile("foto.pdf", PNG))
    assert response.status_code == 422
    assert "tidak sesuai isinya" in response.content.decode()


def test_evidence_upload_is_served_only_in_scope(client, world, setup):
    ind = setup
    post_row(client, ind, nilai="20", berkas=SimpleUploadedFile("Laporan TW I.pdf", PDF))
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_asli == "Laporan TW I.pdf"
    assert "Laporan" not in bukti.berkas.name  # stored under a random name
    url = reverse("evaluasi:bukti_unduh", args=[bukti.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(world.users["admin_lain"])
    assert client.get(url).status_code == 404


def test_closed_period_refuses_entry(client, world, setup, tutup_periode):
    ind = setup
    tutup_periode(1)
    response = post_row(client, ind, nilai="20")
    assert response.status_code == 422
    assert "tidak terbuka untuk pengisian" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_someone_elses_opd_is_404(client, world, buat_indikator, buka_periode):
    buka_periode(1)
    ind = buat_indikator(world.opd_lain)
    client.force_login(world.users["tim_evaluasi"])  # the team of world.opd, not of opd_lain
    assert post_row(client, ind, nilai="20").status_code == 404
    assert client.get(reverse("evaluasi:grid", args=[world.opd_lain.pk, ind.tahun, 1])).status_code == 404
    assert not Realisasi.objects.exists()


def test_readers_cannot_change(client, world, setup):
    ind = setup
    for role in ("admin_bkn", "pimpinan_opd", "petugas_pengaduan"):
        client.force_login(world.users[role])
        assert post_row(client, ind, nilai="20").status_code == 403, role
    assert not Realisasi.objects.exists()


def test_without_javascript_errors_render_the_line_with_input_kept(client, setup):
    ind = setup
    response = post_row(client, ind, nilai="-1", kendala="catatan saya", htmx=False)
    assert response.status_code == 422
    body = response.content.decode()
    assert "catatan saya" in body and "<html" in body
    response = post_row(client, ind, nilai="5", htmx=False)
    assert response.status_code == 302


def test_untrusted_text_is_escaped(client, setup):
    ind = setup
    post_row(client, ind, nilai="20", kendala="<script>alert(1)</script>")
    body = client.get(reverse("evaluasi:grid", args=[ind.opd_id, ind.tahun, 1])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize("n", [1, 12])
def test_grid_query_count_does_not_grow_with_indicators(
    client, world, buka_periode, buat_indikator, django_assert_num_queries, n, tahun
):
    buka_periode(1)
    for k in range(n):
        ind = buat_indikator(world.opd, f"K{k}")
        r = Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(5), bukti_teks="x")
        BuktiDukung.objects.create(
            realisasi=r, berkas="bukti/x.pdf", nama_asli="x.pdf", jenis_konten="application/pdf", ukuran=3
        )
    client.force_login(world.users["tim_evaluasi"])
    url = reverse("evaluasi:grid", args=[world.opd.pk, tahun, 1])
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


def test_history_page_lists_changes(client, world, setup):
    ind = setup
    post_row(client, ind, nilai="20")
    post_row(client, ind, versi=1, nilai="22")
    body = client.get(reverse("evaluasi:riwayat", args=[ind.pk])).content.decode()
    assert "20,0000" in body or "20.0000" in body
    assert world.users["tim_evaluasi"].username in body


def test_grid_index_goes_to_the_open_quarter(client, world, buka_periode, tahun):
    buka_periode(3)
    client.force_login(world.users["tim_evaluasi"])
    response = client.get(reverse("evaluasi:grid_index"))
    assert response["Location"] == reverse("evaluasi:grid", args=[world.opd.pk, tahun, 3])
    response = client.get(reverse("evaluasi:grid_index_opd", args=[world.opd.pk]))
    assert response["Location"] == reverse("evaluasi:grid", args=[world.opd.pk, tahun, 3])


def test_realisation_history_is_shown_on_the_indicator_for_its_asn(client, world, buat_indikator, buka_periode):
    buka_periode(1)
    iki = buat_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    client.force_login(world.users["tim_evaluasi"])
    post_row(client, iki, nilai="20")
    client.force_login(world.users["asn"])
    response = client.get(reverse("evaluasi:riwayat", args=[iki.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert world.users["tim_evaluasi"].username in response.content.decode()
    other = buat_indikator(world.opd, "IKI-2", pegawai=world.pegawai_lain)
    assert client.get(reverse("evaluasi:riwayat", args=[other.pk])).status_code == 404
