"""The realisation grid: entry, live preview, workflow, evidence, stale edits, bad input, scope and query counts."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import BuktiDukung, CapaianTriwulan, Realisasi, RingkasanOpd
from evaluasi.recalc import recalculate
from evaluasi.selectors import PER_HALAMAN
from indikator.models import Indikator, TargetTriwulan
from opd.models import UnitKerja

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
    body = client.get(row_url(ind, name="evaluasi:grid_rinci"), HTTP_HX_REQUEST="true").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


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


# -- The grid as pages: query count, filters, pagination ------------------------------------------------------------


def grid_url(opd, tahun, triwulan=1, **query):
    url = reverse("evaluasi:grid", args=[opd.pk, tahun, triwulan])
    return url + ("?" + urlencode(query) if query else "")


def rows_in(body: str) -> list[str]:
    """The indicator codes of the compact rows on a page, in order."""
    return re.findall(r'<tr id="baris-\d+".*?</span> ([^<]+)</th>', body, flags=re.S)


def banyak_indikator(opd, tahun, n, *, prefix="K", pegawai=None, unit=None, tw=Decimal(25)):
    """n indicators with a quarterly target each, made in two queries."""
    made = Indikator.objects.bulk_create(
        Indikator(
            opd=opd,
            instansi_id=opd.instansi_id,
            pegawai=pegawai,
            unit=unit,
            jenis="iki" if pegawai else "iku",
            tahun=tahun,
            kode=f"{prefix}{k:03d}",
            nama=f"Indikator {prefix}{k:03d}",
            satuan="dokumen",
            target_bawah=Decimal(100),
        )
        for k in range(n)
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=ind, triwulan=q, target_bawah=tw) for ind in made for q in range(1, 5)
    )
    return made


@pytest.mark.parametrize("n", [1, 100])
def test_grid_page_issues_the_same_queries_for_1_and_100_rows(
    client, world, buka_periode, django_assert_num_queries, n, tahun
):
    buka_periode(1)
    made = banyak_indikator(world.opd, tahun, n, pegawai=world.pegawai)
    for ind in made:
        r = Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(5), bukti_teks="x")
        BuktiDukung.objects.create(
            realisasi=r, berkas="bukti/x.pdf", nama_asli="x.pdf", jenis_konten="application/pdf", ukuran=3
        )
    client.force_login(world.users["tim_evaluasi"])
    # session, user, roles (2), the instansi's time zone, OPD, period, units, counts, the page's indicators, their
    # realisations, their targets
    with django_assert_num_queries(12):
        response = client.get(grid_url(world.opd, tahun, unit=world.unit.pk, status="draf", bawah="", halaman=1))
    assert response.status_code == 200
    assert len(rows_in(response.content.decode())) == min(n, PER_HALAMAN)


def test_grid_page_without_filters_has_the_same_count(client, world, buka_periode, django_assert_num_queries, tahun):
    buka_periode(1)
    banyak_indikator(world.opd, tahun, 3)
    client.force_login(world.users["tim_evaluasi"])
    with django_assert_num_queries(12):
        assert client.get(grid_url(world.opd, tahun)).status_code == 200


def test_pagination_shows_at_most_a_page_and_links_keep_the_filters(client, world, buka_periode, tahun):
    buka_periode(1)
    banyak_indikator(world.opd, tahun, 120)
    client.force_login(world.users["tim_evaluasi"])
    body = client.get(grid_url(world.opd, tahun, status="belum")).content.decode()
    assert rows_in(body) == [f"K{k:03d}" for k in range(50)]
    assert "Baris 1–50 dari 120" in body
    assert 'href="?status=belum&amp;halaman=2"' in body
    assert 'href="?status=belum&amp;halaman=3"' in body
    body = client.get(grid_url(world.opd, tahun, status="belum", halaman=3)).content.decode()
    assert rows_in(body) == [f"K{k:03d}" for k in range(100, 120)]
    assert "Baris 101–120 dari 120" in body
    assert 'href="?status=belum"' in body  # page 1 drops the page number, keeps the filter
    # Past the end: the last page; nonsense: the first.
    assert rows_in(client.get(grid_url(world.opd, tahun, halaman=99)).content.decode())[0] == "K100"
    assert rows_in(client.get(grid_url(world.opd, tahun, halaman="x")).content.decode())[0] == "K000"
    assert client.get(grid_url(world.opd, tahun, unit="abc", status="<b>", bawah="9")).status_code == 200


def test_filters_by_unit_holder_status_under_target_and_not_entered(client, world, buka_periode, tahun):
    buka_periode(1)
    other_unit = UnitKerja.objects.create(opd=world.opd, kode="X", nama="Seksi Lain")
    (iku,) = banyak_indikator(world.opd, tahun, 1, prefix="IKU")
    (iku_unit,) = banyak_indikator(world.opd, tahun, 1, prefix="UNIT", unit=other_unit)
    (iki,) = banyak_indikator(world.opd, tahun, 1, prefix="IKI", pegawai=world.pegawai)
    (iki_lain,) = banyak_indikator(world.opd, tahun, 1, prefix="LAIN", pegawai=world.pegawai_lain)
    banyak_indikator(world.opd_lain, tahun, 1, prefix="DINKES")
    Realisasi.objects.create(indikator=iku, triwulan=1, nilai=Decimal(20), status="diverifikasi")
    Realisasi.objects.create(indikator=iki, triwulan=1, nilai=Decimal(30), status="diajukan")
    Realisasi.objects.create(indikator=iki_lain, triwulan=1, nilai=None, bukti_teks="sudah ada bukti")
    Realisasi.objects.create(indikator=iku_unit, triwulan=1, nilai=Decimal(25), status="draf")
    common = {"instansi": world.instansi, "opd": world.opd, "tahun": tahun, "triwulan": 1, "bobot": 1}
    CapaianTriwulan.objects.create(indikator=iku, status="ok", realisasi=20, capaian=Decimal(80), **common)
    CapaianTriwulan.objects.create(indikator=iki, status="ok", realisasi=30, capaian=Decimal(120), **common)
    # Under 100 % to date, but without a verified value this quarter: not under target at this quarter.
    CapaianTriwulan.objects.create(indikator=iku_unit, status="ok", realisasi=None, capaian=Decimal(50), **common)
    client.force_login(world.users["tim_evaluasi"])

    def codes(**query):
        return rows_in(client.get(grid_url(world.opd, tahun, **query)).content.decode())

    # IKI before IKU; IKI by their holder's name, IKU by code.
    iki_urut = [k for _nama, k in sorted([(world.pegawai.nama, "IKI000"), (world.pegawai_lain.nama, "LAIN000")])]
    assert codes() == [*iki_urut, "IKU000", "UNIT000"]
    assert codes(unit=other_unit.pk) == ["UNIT000"]
    assert codes(unit=world.unit.pk) == iki_urut
    assert codes(pemegang=world.pegawai.nama.lower()) == ["IKI000"]
    assert codes(pemegang=world.pegawai.nip) == ["IKI000"]
    assert set(codes(pemegang="OPD")) == {"IKU000", "UNIT000"}
    assert set(codes(status="belum")) == {"LAIN000"}  # a row with evidence but no value is not entered yet
    assert codes(status="draf") == ["UNIT000"]
    assert codes(status="diajukan") == ["IKI000"]
    assert codes(status="diverifikasi") == ["IKU000"]
    assert codes(status="dikembalikan") == []
    assert codes(bawah=1) == ["IKU000"]  # the stored achievement of the quarter is under 100 %
    assert codes(bawah=1, status="draf") == []
    body = client.get(grid_url(world.opd, tahun, status="draf")).content.decode()
    assert "Indikator: 4" in body and "Belum diisi: 1" in body and 'href="?status=draf&amp;bawah=1"' in body
    assert "Baris 1–1 dari 1" in body
    assert "DINKES" not in body


def test_compact_row_saves_the_value_and_keeps_the_explanations(client, world, setup):
    ind = setup
    post_row(client, ind, nilai="20", kendala="Blangko terbatas", solusi="Jemput bola", bukti_teks="Laporan")
    response = post_compact(client, ind, versi=1, nilai="21")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith(f'<tr id="baris-{ind.pk}"')  # the row again, not its details
    assert 'data-versi="2"' in body and 'value="21,00"' in body
    r = Realisasi.objects.get(indikator=ind)
    assert (r.nilai, r.kendala, r.solusi, r.bukti_teks, r.versi) == (
        Decimal(21),
        "Blangko terbatas",
        "Jemput bola",
        "Laporan",
        2,
    )


def post_compact(client, ind, *, versi, nilai, **extra):
    data = {f"r{ind.pk}-versi": versi, f"r{ind.pk}-nilai": nilai, "aksi": "simpan", "hanya_nilai": "1", **extra}
    return client.post(row_url(ind), data, HTTP_HX_REQUEST="true")


def test_compact_row_stale_save_is_refused_with_the_input_kept(client, world, setup):
    ind = setup
    assert post_compact(client, ind, versi=0, nilai="20").status_code == 200
    client.force_login(world.users["admin_instansi"])
    response = post_compact(client, ind, versi=0, nilai="27,5")
    body = response.content.decode()
    assert response.status_code == 409
    assert "sudah diubah orang lain" in body and "Disimpan lebih dulu oleh" in body
    assert 'value="27,5"' in body  # the input is kept
    assert 'data-versi="1"' in body  # and saving again is a deliberate overwrite of version 1
    assert Realisasi.objects.get(indikator=ind).nilai == Decimal(20)
    assert post_compact(client, ind, versi=1, nilai="27,5").status_code == 200
    assert Realisasi.objects.get(indikator=ind).nilai == Decimal("27.5")


def test_compact_row_bad_value_is_refused_next_to_the_cell(client, setup):
    ind = setup
    response = post_compact(client, ind, versi=0, nilai="dua")
    assert response.status_code == 422
    body = response.content.decode()
    assert "Realisasi harus berupa angka" in body and 'value="dua"' in body and "is-invalid" in body
    assert not Realisasi.objects.exists()


def test_row_details_open_on_demand(client, world, setup):
    ind = setup
    post_row(client, ind, nilai="20", kendala="Blangko terbatas", bukti_teks="Laporan")
    page = client.get(grid_url(world.opd, ind.tahun)).content.decode()
    assert "Blangko terbatas" not in page  # details are not rendered for every row
    url = row_url(ind, name="evaluasi:grid_rinci")
    assert f'hx-get="{url}"' in page
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and body.startswith(f'<tr id="rinci-{ind.pk}"')
    assert "Blangko terbatas" in body and "Laporan" in body and "<html" not in body
    assert world.users["tim_evaluasi"].username in body  # its history
    full = client.get(url).content.decode()  # without JavaScript: a page of its own, with the value's input
    assert "<html" in full and f'name="r{ind.pk}-nilai"' in full
    client.force_login(world.users["asn"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["admin_lain"])
    assert client.get(url).status_code == 404


def test_details_save_answers_with_details_and_the_row_out_of_band(client, setup):
    ind = setup
    response = post_row(client, ind, aksi="ajukan", nilai="20", bukti_teks="Laporan")
    assert response.status_code == 422
    body = response.content.decode()
    assert body.startswith(f'<tr id="rinci-{ind.pk}"')
    # The draft was saved (version 1) though not submitted: the row above moves on to that version, out of band.
    assert f'<tr id="baris-{ind.pk}" class="baris" data-status="draf" data-versi="1" hx-swap-oob="true">' in body
    assert "jelaskan kendalanya" in body


# -- Bulk actions ------------------------------------------------------------------------------------------------------


@pytest.fixture
def bulk(world, buka_periode, tahun):
    """Rows of world.opd in every situation, and a complete draft of another OPD."""
    buka_periode(1)
    made = banyak_indikator(world.opd, tahun, 6, prefix="B")
    lengkap, kurang_kendala, tanpa_bukti, belum, diajukan, lengkap_kembali = made
    Realisasi.objects.create(indikator=lengkap, triwulan=1, nilai=Decimal(30), bukti_teks="Laporan")
    Realisasi.objects.create(indikator=kurang_kendala, triwulan=1, nilai=Decimal(20), bukti_teks="Laporan")
    Realisasi.objects.create(indikator=tanpa_bukti, triwulan=1, nilai=Decimal(25))
    Realisasi.objects.create(indikator=belum, triwulan=1, nilai=None, bukti_teks="Laporan")
    Realisasi.objects.create(indikator=diajukan, triwulan=1, nilai=Decimal(25), bukti_teks="x", status="diajukan")
    Realisasi.objects.create(
        indikator=lengkap_kembali,
        triwulan=1,
        nilai=Decimal(10),
        kendala="Sinyal",
        solusi="Genset",
        bukti_tautan="https://contoh.go.id/b",
        status="dikembalikan",
        alasan_pengembalian="Perbaiki",
    )
    (asing,) = banyak_indikator(world.opd_lain, tahun, 1, prefix="ASING")
    Realisasi.objects.create(indikator=asing, triwulan=1, nilai=Decimal(30), bukti_teks="Laporan")
    return made, asing


# session, user, roles (2), time zone, OPD, savepoint, period, the locked rows, their targets, their files, the bulk
# update, the history rows, the audit entries, release
QUERIES_AJUKAN = 15


def status_of(ind):
    return Realisasi.objects.get(indikator=ind, triwulan=1).status


def test_bulk_submit_submits_every_complete_row_and_reports_refusals(client, world, bulk, tahun):
    (lengkap, kurang_kendala, tanpa_bukti, belum, diajukan, lengkap_kembali), asing = bulk
    client.force_login(world.users["tim_evaluasi"])
    url = reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1])
    response = client.post(url, {"status": "draf", "halaman": "2"})
    assert response.status_code == 302
    assert response["Location"] == grid_url(world.opd, tahun, status="draf", halaman=2)
    # The filter applied: only drafts with a value, so the returned row waits.
    assert [status_of(i) for i in (lengkap, kurang_kendala, tanpa_bukti, belum, diajukan, lengkap_kembali)] == [
        "diajukan",
        "draf",
        "draf",
        "draf",
        "diajukan",
        "dikembalikan",
    ]
    msgs = [str(m) for m in get_messages(response.wsgi_request)]
    assert msgs == [
        "1 realisasi diajukan untuk diverifikasi.",
        "Tidak diajukan: B001. Capaian di bawah 100%: jelaskan kendalanya. "
        "Capaian di bawah 100%: tuliskan solusi atau rencana tindak lanjut.",
        "Tidak diajukan: B002. Lampirkan bukti dukung (berkas, tautan, atau keterangan) sebelum mengajukan.",
    ]
    response = client.post(url)
    assert status_of(lengkap_kembali) == "diajukan"
    r = Realisasi.objects.get(indikator=lengkap_kembali, triwulan=1)
    assert (r.versi, r.alasan_pengembalian, r.diubah_oleh) == (2, "", world.users["tim_evaluasi"])
    assert "1 baris belum diisi dilewati." in [str(m) for m in get_messages(response.wsgi_request)]
    # History is kept for every submitted row, with who did it.
    last = Realisasi.history.filter(id=r.pk).latest("history_id")
    assert (last.status, last.history_user, last.versi) == ("diajukan", world.users["tim_evaluasi"], 2)
    assert status_of(asing) == "draf"  # another OPD's row is never touched


@pytest.mark.parametrize("n", [1, 30])
def test_bulk_submit_issues_the_same_queries_for_1_and_30_rows(
    client, world, buka_periode, tahun, django_assert_num_queries, n
):
    buka_periode(1)
    made = banyak_indikator(world.opd, tahun, n)
    Realisasi.objects.bulk_create(
        Realisasi(indikator=i, triwulan=1, nilai=Decimal(30), bukti_teks="Laporan") for i in made
    )
    client.force_login(world.users["tim_evaluasi"])
    with django_assert_num_queries(QUERIES_AJUKAN):
        client.post(reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1]))
    assert Realisasi.objects.filter(status="diajukan").count() == n
    assert Realisasi.history.filter(status="diajukan").count() == n


def test_bulk_submit_refuses_a_closed_period(client, world, bulk, tahun, tutup_periode):
    (lengkap, *_rest), _asing = bulk
    tutup_periode(1)
    client.force_login(world.users["tim_evaluasi"])
    response = client.post(reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1]))
    assert response.status_code == 302
    assert "tidak terbuka untuk pengisian" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert status_of(lengkap) == "draf"


@pytest.mark.parametrize(
    ("role", "status"), [("pimpinan_opd", 403), ("admin_bkn", 403), ("asn", 404), ("admin_lain", 404)]
)
def test_bulk_submit_needs_the_right_to_enter(client, world, bulk, tahun, role, status):
    (lengkap, *_rest), _asing = bulk
    client.force_login(world.users[role])
    assert client.post(reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1])).status_code == status
    assert status_of(lengkap) == "draf"


def test_bulk_submit_of_another_opd_is_404(client, world, bulk, tahun):
    _made, asing = bulk
    client.force_login(world.users["tim_evaluasi"])
    assert client.post(reverse("evaluasi:grid_ajukan", args=[world.opd_lain.pk, tahun, 1])).status_code == 404
    assert status_of(asing) == "draf"


def test_bulk_verify_verifies_the_selected_rows(client, world, bulk, tahun, django_capture_on_commit_callbacks):
    (lengkap, kurang_kendala, _tb, _belum, diajukan, _lk), asing = bulk
    client.force_login(world.users["tim_evaluasi"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1]))
    versi = {i.pk: Realisasi.objects.get(indikator=i, triwulan=1).versi for i in (lengkap, diajukan)}
    Realisasi.objects.filter(indikator=asing).update(status="diajukan")
    client.force_login(world.users["pimpinan_opd"])
    page = client.get(grid_url(world.opd, tahun)).content.decode()
    assert f'value="{lengkap.pk}:{versi[lengkap.pk]}" form="form-verifikasi"' in page
    url = reverse("evaluasi:grid_verifikasi", args=[world.opd.pk, tahun, 1])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "pilih": [
                    f"{lengkap.pk}:{versi[lengkap.pk]}",
                    f"{diajukan.pk}:{versi[diajukan.pk] - 1}",  # stale: changed since the page was shown
                    f"{kurang_kendala.pk}:1",  # a draft
                    f"{asing.pk}:1",  # another OPD's row: ignored
                    "rubbish",
                ],
                "unit": str(world.unit.pk),
            },
        )
    assert response.status_code == 302
    assert response["Location"] == grid_url(world.opd, tahun, unit=world.unit.pk)
    assert [status_of(i) for i in (lengkap, diajukan, kurang_kendala, asing)] == [
        "diverifikasi",
        "diajukan",
        "draf",
        "diajukan",
    ]
    r = Realisasi.objects.get(indikator=lengkap, triwulan=1)
    assert (r.diverifikasi_oleh, r.versi) == (world.users["pimpinan_opd"], versi[lengkap.pk] + 1)
    assert Realisasi.history.filter(id=r.pk).latest("history_id").history_user == world.users["pimpinan_opd"]
    assert CapaianTriwulan.objects.get(indikator=lengkap, triwulan=1).capaian == Decimal("120.0000")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 realisasi diverifikasi.",
        "Tidak diverifikasi: B001. Hanya realisasi yang sudah diajukan yang dapat diverifikasi.",
        "Tidak diverifikasi: B004. Sudah diubah orang lain sejak halaman dimuat; muat ulang lalu periksa.",
        "1 pilihan bukan baris OPD ini dan diabaikan.",
    ]


def test_bulk_actions_update_the_stored_summary(client, world, bulk, tahun, django_capture_on_commit_callbacks):
    """A bulk write sends no post_save signal: the OPD's stored counts must still follow it, as for a single save."""
    (lengkap, *_rest), _asing = bulk

    def counts():
        r = RingkasanOpd.objects.get(opd=world.opd, tahun=tahun, triwulan=1)
        return (r.jumlah_draf, r.jumlah_diajukan, r.jumlah_diverifikasi, r.jumlah_dikembalikan)

    recalculate(instansi_id=world.instansi.pk, tahun=tahun)  # a wide run writes the summaries
    before = counts()
    client.force_login(world.users["tim_evaluasi"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("evaluasi:grid_ajukan", args=[world.opd.pk, tahun, 1]))
    assert len(callbacks) == 1  # one task for the whole bulk write
    submitted = Realisasi.objects.filter(indikator__opd=world.opd, triwulan=1, status="diajukan").count()
    assert counts() == (before[0] - 1, submitted, 0, before[3] - 1)  # one draft and one returned row submitted

    versi = Realisasi.objects.get(indikator=lengkap, triwulan=1).versi
    client.force_login(world.users["pimpinan_opd"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("evaluasi:grid_verifikasi", args=[world.opd.pk, tahun, 1]), {"pilih": [f"{lengkap.pk}:{versi}"]}
        )
    assert counts() == (before[0] - 1, submitted - 1, 1, before[3] - 1)
    assert CapaianTriwulan.objects.get(indikator=lengkap, triwulan=1).capaian == Decimal("120.0000")


@pytest.mark.parametrize(("role", "status"), [("petugas_pengaduan", 403), ("asn", 404), ("admin_lain", 404)])
def test_bulk_verify_needs_the_right_to_verify(client, world, bulk, tahun, role, status):
    (_l, _k, _t, _b, diajukan, _lk), _asing = bulk
    client.force_login(world.users[role])
    url = reverse("evaluasi:grid_verifikasi", args=[world.opd.pk, tahun, 1])
    assert client.post(url, {"pilih": [f"{diajukan.pk}:1"]}).status_code == status
    assert status_of(diajukan) == "diajukan"


def test_bulk_verify_without_a_selection_says_so(client, world, bulk, tahun):
    client.force_login(world.users["pimpinan_opd"])
    response = client.post(reverse("evaluasi:grid_verifikasi", args=[world.opd.pk, tahun, 1]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Pilih dulu baris yang akan diverifikasi."]


def test_row_details_show_a_change_made_without_a_user(client, world, setup):
    ind = setup
    Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(5), bukti_teks="Impor awal")
    client.force_login(world.users["tim_evaluasi"])
    response = client.get(row_url(ind, name="evaluasi:grid_rinci"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Impor awal" in response.content.decode()


def test_without_javascript_a_row_save_returns_to_the_same_filtered_page(client, setup):
    ind = setup
    url = row_url(ind) + "?status=belum&halaman=2"
    data = {f"r{ind.pk}-versi": 0, f"r{ind.pk}-nilai": "20", "aksi": "simpan", "hanya_nilai": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == grid_url(ind.opd, ind.tahun, status="belum", halaman=2) + f"#baris-{ind.pk}"
