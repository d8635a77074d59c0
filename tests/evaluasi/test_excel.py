"""Excel round trip of the realisation grid: the download, the upload (all or nothing, with a report), bad files,
scope, and the query count of the validation."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi import excel, services
from evaluasi.excel import BARIS_DATA, INDEKS
from evaluasi.models import Realisasi

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(opd, tahun, triwulan=1, name="evaluasi:grid_excel"):
    return reverse(name, args=[opd.pk, tahun, triwulan])


def unduh(client, opd, tahun, triwulan=1):
    import openpyxl

    response = client.get(url(opd, tahun, triwulan))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def baris_kode(ws, kode) -> int:
    for nomor in range(BARIS_DATA, ws.max_row + 1):
        if ws.cell(row=nomor, column=INDEKS["kode"] + 1).value == kode:
            return nomor
    raise AssertionError(f"{kode} not in sheet")


def sel(ws, kode, kunci):
    return ws.cell(row=baris_kode(ws, kode), column=INDEKS[kunci] + 1)


def isi(wb, kode, **values):
    ws = wb.worksheets[0]
    for kunci, value in values.items():
        sel(ws, kode, kunci).value = value
    return wb


def berkas(wb, nama="realisasi.xlsx"):
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(nama, buffer.getvalue())


def unggah(client, opd, tahun, upload, triwulan=1):
    return client.post(url(opd, tahun, triwulan, "evaluasi:grid_excel_unggah"), {"berkas": upload})


@pytest.fixture
def setup(world, buka_periode, buat_indikator, client):
    buka_periode(1)
    satu = buat_indikator(world.opd, "IKU-01", tw=Decimal(25))
    dua = buat_indikator(world.opd, "IKU-02", tw=Decimal(40))
    client.force_login(world.users["tim_evaluasi"])
    return satu, dua


# -- download --------------------------------------------------------------------------------------------------------


def test_download_holds_rows_values_and_versions(client, world, setup, buat_indikator, tahun):
    satu, dua = setup
    rentang = buat_indikator(world.opd, "IKU-03", pol="stabilize", desimal=1)
    rentang.target_triwulan.filter(triwulan=1).update(target_bawah=Decimal(7), target_atas=Decimal("8.5"))
    buat_indikator(world.opd, "IKI-01", pegawai=world.pegawai, desimal=0)
    Realisasi.objects.create(indikator=satu, triwulan=1, nilai=Decimal("20.5"), kendala="Blangko habis", versi=3)
    Realisasi.objects.create(indikator=dua, triwulan=1, nilai=Decimal(41), status="diverifikasi", versi=5)

    client.force_login(world.users["pimpinan_opd"])  # a reader may download
    response = client.get(url(world.opd, tahun))
    assert response.status_code == 200
    assert response["Content-Type"] == excel.JENIS_KONTEN
    assert response["Content-Disposition"] == f'attachment; filename="realisasi-DUKCAPIL-{tahun}-TWI.xlsx"'

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    # Header block: visible names, and the technical ids the upload checks.
    assert ws["C1"].value == f"Realisasi TW I {tahun} · Dinas Kependudukan dan Pencatatan Sipil"
    assert [ws.cell(row=r, column=1).value for r in range(1, 6)] == ["format", "instansi", "opd", "tahun", "triwulan"]
    assert [ws.cell(row=r, column=2).value for r in range(1, 6)] == [
        excel.FORMAT,
        world.instansi.pk,
        world.opd.pk,
        tahun,
        1,
    ]
    assert ws["D2"].value == "Pemerintah Kota Uji"
    assert ws["D5"].value == "TW I"
    assert ws["D6"].value.endswith(" WITA")  # the instansi's zone, Asia/Makassar
    assert ws.cell(row=excel.BARIS_LABEL, column=INDEKS["nilai"] + 1).value == "Realisasi"

    kode = [ws.cell(row=r, column=INDEKS["kode"] + 1).value for r in range(BARIS_DATA, ws.max_row + 1)]
    assert kode == ["IKI-01", "IKU-01", "IKU-02", "IKU-03"]  # the grid's order
    assert sel(ws, "IKU-01", "id_indikator").value == satu.pk
    assert [sel(ws, k, "versi").value for k in kode] == [0, 3, 5, 0]
    assert sel(ws, "IKU-01", "nilai").value == 20.5
    assert sel(ws, "IKU-01", "nilai").number_format == "#,##0.00"
    assert sel(ws, "IKI-01", "nilai").number_format == "#,##0"
    assert sel(ws, "IKU-01", "kendala").value == "Blangko habis"
    assert sel(ws, "IKU-01", "target").value == 25
    assert sel(ws, "IKU-03", "target").value == "7,0 – 8,5"
    assert sel(ws, "IKU-01", "pemilik").value == world.opd.nama
    assert sel(ws, "IKI-01", "pemilik").value == world.pegawai.nama_lengkap
    assert [sel(ws, k, "status").value for k in kode] == ["Belum diisi", "Draf", "Diverifikasi", "Belum diisi"]

    # Only the editable cells of editable rows are unlocked; the technical columns are hidden.
    assert ws.protection.sheet is True
    assert sel(ws, "IKU-01", "nilai").protection.locked is False
    assert sel(ws, "IKU-01", "kendala").protection.locked is False
    assert sel(ws, "IKU-01", "kode").protection.locked is True
    assert sel(ws, "IKU-02", "nilai").protection.locked is True  # verified
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions["B"].hidden
    assert ws.freeze_panes == f"D{BARIS_DATA}"
    validasi = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert len(validasi) == 2  # the realisation, and the budget columns
    assert (validasi[0].operator, validasi[0].formula1) == ("greaterThanOrEqual", "0")
    assert str(validasi[0].sqref) == f"I{BARIS_DATA}:I{BARIS_DATA + 3}"
    assert str(validasi[1].sqref) == f"O{BARIS_DATA}:O{BARIS_DATA + 3} P{BARIS_DATA}:P{BARIS_DATA + 3}"


def test_users_text_is_written_as_text_never_as_formula(client, world, setup, tahun):
    satu, _dua = setup
    Realisasi.objects.create(indikator=satu, triwulan=1, kendala='=HYPERLINK("http://x","klik")')
    ws = unduh(client, world.opd, tahun).worksheets[0]
    cell = sel(ws, "IKU-01", "kendala")
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","klik")')


def test_grid_links_to_download_for_readers_and_upload_for_the_team(client, world, setup, tahun):
    grid = reverse("evaluasi:grid", args=[world.opd.pk, tahun, 1])
    unduh_url, unggah_url = url(world.opd, tahun), url(world.opd, tahun, name="evaluasi:grid_excel_unggah")
    body = client.get(grid).content.decode()
    assert unduh_url in body and unggah_url in body
    client.force_login(world.users["pimpinan_opd"])
    body = client.get(grid).content.decode()
    assert unduh_url in body and unggah_url not in body


# -- round trip ------------------------------------------------------------------------------------------------------


def test_round_trip_saves_changed_rows_and_reports_them(client, world, setup, tahun):
    satu, dua = setup
    Realisasi.objects.create(indikator=dua, triwulan=1, nilai=Decimal(30), bukti_teks="Laporan", versi=2)
    wb = unduh(client, world.opd, tahun)
    isi(
        wb, "IKU-01", nilai=20.5, kendala="Blangko terbatas", solusi="Jemput bola", bukti_tautan="dukcapil.example.id/x"
    )

    response = unggah(client, world.opd, tahun, berkas(wb))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Unggahan diterapkan: 1 indikator diubah, 1 tanpa perubahan." in body
    r = Realisasi.objects.get(indikator=satu, triwulan=1)
    assert (r.nilai, r.status, r.versi) == (Decimal("20.5"), "draf", 1)
    assert (r.kendala, r.solusi, r.bukti_tautan) == ("Blangko terbatas", "Jemput bola", "https://dukcapil.example.id/x")
    assert Realisasi.objects.get(indikator=dua).versi == 2  # unchanged rows are not written
    # The report: row, old → new.
    assert f'<th scope="row" class="num" rowspan="4">{BARIS_DATA}</th>' in body
    assert "20,50" in body and "Blangko terbatas" in body
    history = Realisasi.history.filter(id=r.pk).get()
    assert history.history_user == world.users["tim_evaluasi"]

    # The file downloaded again goes round once more, from the new version.
    wb = unduh(client, world.opd, tahun)
    assert sel(wb.worksheets[0], "IKU-01", "versi").value == 1
    isi(wb, "IKU-01", nilai="21,25")
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == 200
    r.refresh_from_db()
    assert (r.nilai, r.versi, r.kendala) == (Decimal("21.25"), 2, "Blangko terbatas")


def test_unchanged_file_changes_nothing(client, world, setup, tahun):
    wb = unduh(client, world.opd, tahun)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 200
    assert "Tidak ada perubahan" in response.content.decode()
    assert not Realisasi.objects.exists()


@pytest.mark.parametrize(
    ("value", "saved"),
    [
        (20.5, Decimal("20.5")),
        ("20.5", Decimal("20.5")),
        ("20,5", Decimal("20.5")),
        (0.1 + 0.2, Decimal("0.3")),  # a sum computed in the sheet: binary noise, not a third decimal
        (12, Decimal(12)),
        (None, None),
    ],
)
def test_cell_values_are_read_as_excel_shows_them(client, world, setup, tahun, value, saved):
    satu, _dua = setup
    Realisasi.objects.create(indikator=satu, triwulan=1, nilai=Decimal(1))
    wb = isi(unduh(client, world.opd, tahun), "IKU-01", nilai=value)
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == 200
    assert Realisasi.objects.get(indikator=satu).nilai == saved


@pytest.mark.parametrize(
    ("value", "saved"),
    [(20.5, "20.5"), (0.30000000000000004, "0.3"), (99.99000000000001, "99.99"), ("1.234,5", "1234.5"), (7, "7")],
)
def test_nilai_dari_sel(setup, value, saved):
    satu, _dua = setup
    assert excel.nilai_dari_sel(value, indikator=satu) == Decimal(saved)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("dua puluh", "Realisasi harus berupa angka"),
        (-3, "Realisasi tidak boleh negatif."),
        (12.345, "paling banyak 2 angka di belakang koma"),
        (datetime.datetime(2026, 5, 12), "Excel membaca isian ini sebagai tanggal"),
        (1e20, "Realisasi terlalu besar."),
    ],
)
def test_one_bad_value_saves_nothing_and_names_the_row(client, world, setup, tahun, value, message):
    satu, dua = setup
    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", nilai=25)  # a good row…
    isi(wb, "IKU-02", nilai=value)  # …and a bad one
    response = unggah(client, world.opd, tahun, berkas(wb))
    body = response.content.decode()
    assert response.status_code == 422
    assert "Tidak ada data yang disimpan" in body
    assert f'<th scope="row" class="num">{BARIS_DATA + 1}</th>' in body
    assert "<td>IKU-02</td>" in body and "<td>Realisasi</td>" in body
    assert message in body
    assert not Realisasi.objects.exists()


def test_row_saved_by_someone_else_after_download_is_refused(client, world, setup, tahun):
    satu, dua = setup
    wb = unduh(client, world.opd, tahun)
    services.realisasi_simpan(actor=world.users["admin_instansi"], indikator=dua, triwulan=1, versi=0, nilai=Decimal(7))
    isi(wb, "IKU-01", nilai=25)
    isi(wb, "IKU-02", nilai=9)
    response = unggah(client, world.opd, tahun, berkas(wb))
    body = response.content.decode()
    assert response.status_code == 422
    assert "sudah diubah orang lain sejak berkas diunduh" in body
    assert f'<th scope="row" class="num">{BARIS_DATA + 1}</th>' in body
    assert not Realisasi.objects.filter(indikator=satu).exists()
    assert Realisasi.objects.get(indikator=dua).nilai == Decimal(7)


def test_verified_row_may_come_back_unchanged_but_not_changed(client, world, setup, tahun):
    satu, dua = setup
    Realisasi.objects.create(indikator=dua, triwulan=1, nilai=Decimal(41), status="diverifikasi", versi=4)
    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", nilai=25)
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == 200
    assert Realisasi.objects.get(indikator=satu).nilai == Decimal(25)

    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", nilai=26)
    isi(wb, "IKU-02", nilai=45, kendala="koreksi")
    response = unggah(client, world.opd, tahun, berkas(wb))
    body = response.content.decode()
    assert response.status_code == 422
    assert "Realisasi berstatus Diverifikasi tidak dapat diubah" in body
    assert "<td>Realisasi, Kendala</td>" in body
    assert Realisasi.objects.get(indikator=satu).nilai == Decimal(25)
    r = Realisasi.objects.get(indikator=dua)
    assert (r.nilai, r.status, r.versi) == (Decimal(41), "diverifikasi", 4)


def test_returned_row_may_be_corrected_and_becomes_draft(client, world, setup, tahun):
    _satu, dua = setup
    Realisasi.objects.create(indikator=dua, triwulan=1, nilai=Decimal(41), status="dikembalikan", versi=4)
    wb = isi(unduh(client, world.opd, tahun), "IKU-02", nilai=39)
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == 200
    r = Realisasi.objects.get(indikator=dua)
    assert (r.nilai, r.status, r.versi) == (Decimal(39), "draf", 5)


def test_automatic_feed_ignores_the_value_column(client, world, setup, buat_indikator, tahun):
    ikm = buat_indikator(world.opd, "IKU-IKM", sumber_realisasi="ikm")
    Realisasi.objects.create(indikator=ikm, triwulan=1, nilai=Decimal("81.25"))
    wb = unduh(client, world.opd, tahun)
    assert sel(wb.worksheets[0], "IKU-IKM", "nilai").protection.locked is True
    isi(wb, "IKU-IKM", nilai=99, kendala="Responden sedikit")
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == 200
    r = Realisasi.objects.get(indikator=ikm)
    assert (r.nilai, r.kendala) == (Decimal("81.25"), "Responden sedikit")


def test_closed_period_refuses_changes(client, world, setup, tutup_periode, tahun):
    wb = isi(unduh(client, world.opd, tahun), "IKU-01", nilai=25)
    tutup_periode(1)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 422
    assert "tidak terbuka untuk pengisian" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_bad_link_long_text_and_added_rows_are_reported(client, world, setup, tahun):
    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", bukti_tautan="bukan tautan")
    isi(wb, "IKU-02", kendala="x" * 4001)
    ws = wb.worksheets[0]
    ws.cell(row=BARIS_DATA + 2, column=INDEKS["kode"] + 1).value = "IKU-99"
    ws.cell(row=BARIS_DATA + 2, column=INDEKS["nilai"] + 1).value = 5
    body = unggah(client, world.opd, tahun, berkas(wb)).content.decode()
    assert "Masukkan URL yang valid." in body or "Enter a valid URL." in body
    assert "Paling banyak 4000 karakter (tertulis 4001)." in body
    assert "Baris ini tidak berasal dari berkas unduhan" in body
    assert not Realisasi.objects.exists()


def test_a_row_duplicated_in_the_file_is_reported(client, world, setup, tahun):
    wb = unduh(client, world.opd, tahun)
    ws = wb.worksheets[0]
    for kolom in range(1, len(excel.KOLOM) + 1):
        ws.cell(row=BARIS_DATA + 2, column=kolom).value = ws.cell(row=BARIS_DATA, column=kolom).value
    body = unggah(client, world.opd, tahun, berkas(wb)).content.decode()
    assert f"Indikator ini sudah ada di baris {BARIS_DATA} berkas ini." in body


# -- files that are refused whole ------------------------------------------------------------------------------------


def test_another_opds_file_is_refused(client, world, setup, buat_indikator, tahun):
    buat_indikator(world.opd_lain, "IKU-01")
    client.force_login(world.users["admin_instansi"])
    wb = isi(unduh(client, world.opd_lain, tahun), "IKU-01", nilai=25)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 422
    assert "Berkas ini untuk OPD lain, bukan Dinas Kependudukan dan Pencatatan Sipil." in response.content.decode()
    assert not Realisasi.objects.exists()


def test_another_quarters_file_is_refused(client, world, setup, tahun):
    wb = isi(unduh(client, world.opd, tahun, triwulan=2), "IKU-01", nilai=25)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 422
    assert f"Berkas ini untuk TW II {tahun}, bukan TW I {tahun}." in response.content.decode()
    assert not Realisasi.objects.exists()


def _zip_bukan_excel():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _xlsx_lain():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["nip", "nama", "status"])
    wb.active.append(["198702152010012001", "Maria", "PNS"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("nama", "isi_berkas", "message"),
    [
        ("laporan.xlsx", PDF, "bukan berkas Excel .xlsx yang dapat dibaca"),
        ("realisasi.csv", b"kode;realisasi\nIKU-01;20\n", "bukan berkas Excel .xlsx yang dapat dibaca"),
        ("dokumen.xlsx", _zip_bukan_excel(), "bukan berkas Excel .xlsx yang dapat dibaca"),
        ("pegawai.xlsx", _xlsx_lain(), "bukan berkas realisasi dari aplikasi Kinerja"),
        ("kosong.xlsx", b"", "Berkas yang diunggah kosong."),
        ("besar.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024), "Berkas terlalu besar: paling besar 5 MB."),
    ],
)
def test_a_file_that_is_not_the_grid_is_refused_with_a_message(client, world, setup, tahun, nama, isi_berkas, message):
    response = unggah(client, world.opd, tahun, SimpleUploadedFile(nama, isi_berkas))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Realisasi.objects.exists()


def test_a_deleted_column_is_named(client, world, setup, tahun):
    wb = unduh(client, world.opd, tahun)
    wb.worksheets[0].delete_cols(INDEKS["kendala"] + 1)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 422
    assert "Kolom berikut tidak ada di berkas: Kendala." in response.content.decode()


def test_post_without_a_file_asks_for_one(client, world, setup, tahun):
    response = client.post(url(world.opd, tahun, name="evaluasi:grid_excel_unggah"), {})
    assert response.status_code == 422
    assert "Pilih berkas Excel yang akan diunggah." in response.content.decode()


# -- scope -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("tim_evaluasi", 200),
        ("admin_instansi", 200),
        ("pimpinan_opd", 403),
        ("admin_bkn", 403),
        ("petugas_pengaduan", 403),
        ("asn", 404),
        ("admin_lain", 404),
    ],
)
def test_only_the_team_and_admin_instansi_may_upload(client, world, setup, tahun, role, status):
    satu, _dua = setup
    wb = isi(unduh(client, world.opd, tahun), "IKU-01", nilai=25)
    client.force_login(world.users[role])
    assert unggah(client, world.opd, tahun, berkas(wb)).status_code == status
    r = Realisasi.objects.filter(indikator=satu).first()
    if status == 200:
        assert r.nilai == Decimal(25)
        assert Realisasi.history.get(id=r.pk).history_user == world.users[role]
    else:
        assert r is None


def test_download_outside_scope_is_404(client, world, setup, tahun):
    for role in ("asn", "admin_lain"):
        client.force_login(world.users[role])
        assert client.get(url(world.opd, tahun)).status_code == 404
    client.force_login(world.users["tim_evaluasi"])
    assert client.get(url(world.opd_lain, tahun)).status_code == 404
    assert client.get(url(world.opd, tahun, triwulan=5)).status_code == 404


# -- query counts ----------------------------------------------------------------------------------------------------


def _buat_n(world, buat_indikator, n):
    for k in range(n):
        ind = buat_indikator(world.opd, f"K{k:02d}")
        if k % 2:
            Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(5), versi=2)


@pytest.mark.parametrize("n", [2, 10])
def test_validation_query_count_does_not_grow_with_rows(
    client, world, buka_periode, buat_indikator, django_assert_num_queries, tahun, n
):
    buka_periode(1)
    _buat_n(world, buat_indikator, n)
    client.force_login(world.users["tim_evaluasi"])
    wb = unduh(client, world.opd, tahun)
    for k in range(n):
        isi(wb, f"K{k:02d}", nilai=k + 0.5, kendala=f"kendala {k}")
    upload = berkas(wb)
    baris = excel.baca_unggahan(berkas=upload, opd=world.opd, tahun=tahun, triwulan=1)
    assert len(baris) == n
    # The OPD's indicators, their realisations of the quarter, the period.
    with django_assert_num_queries(3):
        hasil = excel.validasi_unggahan(opd=world.opd, tahun=tahun, triwulan=1, baris=baris)
    assert (len(hasil.perubahan), hasil.galat) == (n, [])


@pytest.mark.parametrize("n", [2, 10])
def test_upload_of_an_unchanged_file_query_count_does_not_grow_with_rows(
    client, world, buka_periode, buat_indikator, django_assert_num_queries, tahun, n
):
    buka_periode(1)
    _buat_n(world, buat_indikator, n)
    client.force_login(world.users["tim_evaluasi"])
    upload = berkas(unduh(client, world.opd, tahun))
    # Session, user, scope (2), the instansi's zone (middleware), the OPD, then the three of the validation.
    with django_assert_num_queries(9):
        response = unggah(client, world.opd, tahun, upload)
    assert response.status_code == 200
