"""The budget columns of the grid workbook: pagu and serapan of an IKU written out, read back as Excel shows them,
refused per row (nothing saved) when wrong; a file from before these columns still applies and keeps the budget."""

from decimal import Decimal

import pytest

from evaluasi.excel import INDEKS
from evaluasi.excel.unggah import rupiah_dari_sel
from evaluasi.models import Realisasi
from tests.evaluasi.test_excel import berkas, isi, sel, unduh, unggah


@pytest.fixture
def setup(world, buka_periode, buat_indikator, client):
    buka_periode(1)
    satu = buat_indikator(world.opd, "IKU-01", tw=Decimal(25))
    iki = buat_indikator(world.opd, "IKI-01", pegawai=world.pegawai)
    client.force_login(world.users["tim_evaluasi"])
    return satu, iki


def test_download_holds_budget_editable_for_an_iku_only(client, world, setup, tahun):
    satu, _iki = setup
    Realisasi.objects.create(indikator=satu, triwulan=1, pagu=Decimal("1000000"), serapan=Decimal("850000.50"))
    ws = unduh(client, world.opd, tahun).worksheets[0]
    assert sel(ws, "IKU-01", "pagu").value == 1000000
    assert sel(ws, "IKU-01", "serapan").value == 850000.5
    assert sel(ws, "IKU-01", "pagu").protection.locked is False
    assert sel(ws, "IKI-01", "pagu").protection.locked is True
    assert sel(ws, "IKI-01", "serapan").value is None


def test_round_trip_saves_budget(client, world, setup, tahun):
    satu, _iki = setup
    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", pagu=2500000, serapan="1.250.000,50")
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rp2.500.000" in body and "Rp1.250.000,50" in body
    r = Realisasi.objects.get(indikator=satu, triwulan=1)
    assert (r.pagu, r.serapan) == (Decimal("2500000"), Decimal("1250000.50"))


@pytest.mark.parametrize(
    ("kode", "values", "message"),
    [
        ("IKU-01", {"pagu": 100, "serapan": 120}, "Serapan anggaran tidak boleh melebihi pagu."),
        ("IKU-01", {"serapan": 5}, "Isi pagu anggaran bila serapan diisi."),
        ("IKU-01", {"pagu": "sejuta"}, "harus berupa jumlah rupiah"),
        ("IKU-01", {"pagu": -3}, "tidak boleh negatif"),
        ("IKU-01", {"pagu": 1.255}, "paling banyak dua angka di belakang koma"),
        ("IKI-01", {"pagu": 100}, "Anggaran hanya dicatat untuk IKU"),
    ],
)
def test_bad_budget_saves_nothing_and_names_the_row(client, world, setup, tahun, kode, values, message):
    wb = unduh(client, world.opd, tahun)
    isi(wb, "IKU-01", nilai=20)
    isi(wb, kode, **values)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Realisasi.objects.exists()


def test_a_file_without_the_budget_columns_keeps_the_stored_budget(client, world, setup, tahun):
    satu, _iki = setup
    Realisasi.objects.create(indikator=satu, triwulan=1, pagu=Decimal(100), serapan=Decimal(40))
    wb = unduh(client, world.opd, tahun)
    ws = wb.worksheets[0]
    ws.delete_cols(INDEKS["pagu"] + 1, 2)
    isi(wb, "IKU-01", nilai=21)
    response = unggah(client, world.opd, tahun, berkas(wb))
    assert response.status_code == 200
    r = Realisasi.objects.get(indikator=satu, triwulan=1)
    assert (r.nilai, r.pagu, r.serapan) == (Decimal(21), Decimal(100), Decimal(40))


@pytest.mark.parametrize(
    ("value", "saved"),
    [
        (None, None),
        (1250000, Decimal("1250000")),
        (1250000.5, Decimal("1250000.5")),
        (0.1 + 0.2, Decimal("0.3")),  # Excel's 15 significant digits
        ("Rp 1.250.000", Decimal("1250000")),
        (1.25, Decimal("1.25")),
    ],
)
def test_rupiah_dari_sel(value, saved):
    assert rupiah_dari_sel(value, label="Pagu") == saved
