"""Excel exports: the same tables as the PDFs, numbers as numbers, users' text always as text."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from laporan import services
from laporan.models import Laporan

from .conftest import TAHUN, isi

PADA = datetime.datetime(2026, 7, 15, 1, 30, tzinfo=datetime.UTC)
D = Decimal


def workbook(world, jenis, **kwargs):
    import openpyxl

    laporan = Laporan(jenis=jenis, format="xlsx", bahasa="id", instansi=world.instansi, tahun=TAHUN, **kwargs)
    with translation.override("id"):
        body, judul, versi = services.buat_isi(laporan=laporan, dibuat_pada=PADA)
    return openpyxl.load_workbook(io.BytesIO(body)), judul, versi


def rows(ws, header_row):
    """The data rows under the header row, as lists of values."""
    return [list(r) for r in ws.iter_rows(min_row=header_row + 1, values_only=True)]


def header_row(ws, first: str) -> int:
    """The table's header row: the last row whose first cell is `first` (the header block above may use the same
    word as a label, e.g. "OPD")."""
    found = [row[0].row for row in ws.iter_rows(min_col=1, max_col=1) if row[0].value == first]
    assert found, f"{first!r} tidak ada"
    return found[-1]


def q2(value):
    return None if value is None else D(str(value)).quantize(D("0.01"))


@pytest.mark.django_db
def test_capaian_triwulan_excel(world, data_laporan):
    wb, judul, versi = workbook(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2)
    assert wb.sheetnames == ["Capaian IKU", "Skor OPD", "Efisiensi anggaran"]
    ws = wb["Capaian IKU"]
    assert ws["A1"].value == judul
    assert ws["B2"].value == "Pemerintah Kota Uji"
    labels = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(2, 9)}
    assert labels["OPD"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert labels["Triwulan"] == "TW II"
    assert labels["Dibuat pada"] == "15/07/2026 09:30 WITA"
    assert labels["Versi data"] == versi[:12]
    start = header_row(ws, "Kode")
    data = rows(ws, start)
    assert [r[0] for r in data] == ["IKU-01", "IKU-02", "IKU-03", "IKU-04"]
    kode, nama, satuan, target, atas, realisasi, cap_tw, cap_sd, cap_skor, band, ket, kendala, solusi = data[2]
    assert (kode, nama, satuan, band, ket) == ("IKU-03", "Dokumen kependudukan terbit", "%", "Baik", None)
    assert (q2(target), atas, q2(realisasi), q2(cap_tw), q2(cap_sd), q2(cap_skor)) == (
        D("100.00"),
        None,
        D("90.00"),
        D("90.00"),
        D("90.00"),
        D("90.00"),
    )
    assert kendala == 'Server <i>SIAK</i> sering "down" & <script>alert(1)</script>'
    assert ws.cell(row=start + 3, column=4).number_format == "#,##0.00"
    iku04 = data[3]
    assert (iku04[5], iku04[9]) == (None, None)  # no verified value, no band
    assert iku04[10] == "Belum diisi"
    skor = rows(wb["Skor OPD"], header_row(wb["Skor OPD"], "Triwulan"))
    assert skor[0][0] == "TW II" and q2(skor[0][1]) == D("96.67") and skor[0][2] == "Sangat Baik"


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_stays_text(world, data_laporan):
    isi(data_laporan["iku04"], 1, 1, kendala='=HYPERLINK("http://evil.example","klik")', solusi="@SUM(A1)")
    from evaluasi.recalc import recalculate

    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    wb, _j, _v = workbook(world, "capaian_triwulan_opd", opd=world.opd, triwulan=1)
    ws = wb["Capaian IKU"]
    start = header_row(ws, "Kode")
    cell = ws.cell(row=start + 4, column=12)
    assert cell.value == '=HYPERLINK("http://evil.example","klik")'
    assert cell.data_type == "s"


@pytest.mark.django_db
def test_kinerja_tahunan_opd_excel(world, data_laporan):
    wb, _judul, _versi = workbook(world, "kinerja_tahunan_opd", opd=world.opd)
    ws = wb["Capaian IKU"]
    data = rows(ws, header_row(ws, "Kode"))
    iku01 = data[0]
    assert iku01[:3] == ["IKU-01", "Persentase KTP-el tercetak", "%"]
    # target, upper bound, TW I–IV to date, annual, band, last year, change
    assert [q2(v) for v in iku01[3:10]] == [
        D("100.00"),
        None,
        D("80.00"),
        D("100.00"),
        D("100.00"),
        D("100.00"),
        D("100.00"),
    ]
    assert iku01[10] == "Sangat Baik"
    assert (q2(iku01[11]), q2(iku01[12])) == (D("90.00"), D("10.00"))
    assert (
        data[2][13]
        == 'TW II — Kendala: Server <i>SIAK</i> sering "down" & <script>alert(1)</script>; Solusi: Tambah <b>server</b> cadangan'
    )
    skor = rows(wb["Skor OPD"], header_row(wb["Skor OPD"], "OPD"))
    assert skor[0][0] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert [q2(v) for v in skor[0][1:5]] == [D("100.00"), D("96.67"), D("96.67"), D("96.67")]
    assert skor[0][5] == "Sangat Baik"
    assert (q2(skor[0][6]), q2(skor[0][7])) == (D("90.00"), D("6.67"))


@pytest.mark.django_db
def test_kinerja_tahunan_instansi_excel(world, data_laporan):
    wb, _judul, _versi = workbook(world, "kinerja_tahunan_instansi")
    assert wb.sheetnames == ["Skor OPD", "Capaian IKU"]
    skor = rows(wb["Skor OPD"], header_row(wb["Skor OPD"], "Peringkat"))
    assert [(r[0], r[1], q2(r[5]), r[6]) for r in skor] == [
        (1, "Dinas Kependudukan dan Pencatatan Sipil", D("96.67"), "Sangat Baik"),
        (2, "Dinas Kesehatan", D("50.00"), "Sangat Kurang"),
    ]
    iku = rows(wb["Capaian IKU"], header_row(wb["Capaian IKU"], "OPD"))
    assert [(r[0], r[1]) for r in iku] == [
        ("Dinas Kependudukan dan Pencatatan Sipil", "IKU-01"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "IKU-02"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "IKU-03"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "IKU-04"),
        ("Dinas Kesehatan", "IKU-01"),
    ]


@pytest.mark.django_db
def test_rekap_instansi_excel(world, data_laporan):
    wb, _judul, _versi = workbook(world, "rekap_instansi", triwulan=2)
    data = rows(wb["Rekap OPD"], header_row(wb["Rekap OPD"], "Peringkat"))
    assert [[r[0], r[1], q2(r[2]), r[3], r[5], r[6], r[7], r[8], r[9], r[10], q2(r[11])] for r in data] == [
        [1, "Dinas Kependudukan dan Pencatatan Sipil", D("96.67"), "Sangat Baik", 4, 3, 1, 4, 4, 3, D("100.00")],
        [2, "Dinas Kesehatan", D("50.00"), "Sangat Kurang", 1, 1, 1, 1, 1, 1, D("100.00")],
    ]
