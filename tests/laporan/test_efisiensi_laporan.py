"""Budget efficiency in the OPD's quarterly and annual reports (PDF text and Excel sheet): verified pagu and serapan
only, % serapan, the achievement it is set against, capaian − % serapan, and the flag with the instansi's thresholds."""

from decimal import Decimal as D

import pytest

from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate

from .conftest import baris_dengan, teks_pdf
from .test_isi_laporan import render


@pytest.fixture
def anggaran(world, data_laporan):
    """On top of data_laporan (TW II achievements of the quarter alone: IKU-01 120 %, IKU-02 80 %, IKU-03 90 %):

    IKU-01 TW II pagu 10.000.000, serapan 9.500.000 → 95 %; 120 − 95 = +25 (efficient).
    IKU-02 TW II pagu 2.000.000, serapan 1.900.000 → 95 %; 80 − 95 = −15; with the low-achievement threshold raised
    to 85 %, 95 ≥ 90 and 80 < 85: flagged.
    IKU-03 TW II pagu 4.000.000, serapan 3.800.000 → 95 %; 90 − 95 = −5 (not efficient, not flagged).
    IKU-04 TW II submitted only, pagu 1.000.000: left out (not verified).
    OPD: 16.000.000 and 15.200.000 → 95 %; mean capped achievement (120 + 80 + 90) / 3 = 96,67 → +1,67.
    IKU-01 TW I pagu 5.000.000, serapan 2.000.000: the year so far 15.000.000 / 11.500.000 → 76,67 %.
    """
    instansi = world.instansi
    instansi.batas_capaian_rendah = D(85)
    instansi.save()
    for ind, tw, pagu, serapan in (
        (data_laporan["iku01"], 2, "10000000", "9500000"),
        (data_laporan["iku02"], 2, "2000000", "1900000"),
        (data_laporan["iku03"], 2, "4000000", "3800000"),
        (data_laporan["iku04"], 2, "1000000", "1000000"),
        (data_laporan["iku01"], 1, "5000000", "2000000"),
    ):
        Realisasi.objects.filter(indikator=ind, triwulan=tw).update(pagu=D(pagu), serapan=D(serapan))
    recalculate(instansi_id=instansi.pk)
    return data_laporan


@pytest.mark.django_db
def test_quarterly_report_shows_efficiency_per_iku_and_for_the_opd(world, anggaran):
    teks = teks_pdf(render(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2)[0])
    assert "Efisiensi anggaran" in teks
    assert "Efisiensi = capaian − % serapan" in teks
    assert "Serapan anggaran 95,00% · efisiensi +1,67" in teks
    assert "IKU-01 Persentase KTP-el tercetak 10.000.000 9.500.000 95,00% 120,00% +25,00 Efisien" in teks
    assert "10.000.000 9.500.000 95,00% 120,00% +25,00 Efisien" in baris_dengan(teks, "10.000.000")
    assert "2.000.000 1.900.000 95,00% 80,00% −15,00 Perlu perhatian" in baris_dengan(teks, "2.000.000 ")
    assert "4.000.000 3.800.000 95,00% 90,00% −5,00 Kurang efisien" in baris_dengan(teks, "4.000.000")
    assert "Jumlah OPD (capaian rata-rata) 16.000.000 15.200.000 95,00% 96,67% +1,67 Efisien" in teks
    # Only verified budgets: IKU-04's submitted one is not there.
    assert "1.000.000" not in teks
    # The thresholds named are the instansi's.
    assert "serapan ≥ 90% dan capaian < 85%" in " ".join(teks.split())


@pytest.mark.django_db
def test_quarterly_report_without_budget_says_so(world, data_laporan):
    teks = teks_pdf(render(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2)[0])
    assert "Belum ada pagu anggaran yang terverifikasi." in teks
    assert "Serapan anggaran" not in teks


@pytest.mark.django_db
def test_annual_report_sums_the_years_budget_against_the_annual_achievement(world, anggaran):
    teks = teks_pdf(render(world, "kinerja_tahunan_opd", opd=world.opd)[0])
    assert "Efisiensi anggaran" in teks
    # IKU-01: the year so far 15.000.000 / 11.500.000 = 76,67 % against the annual (to date) achievement 100 %.
    assert "IKU-01 Persentase KTP-el tercetak 15.000.000 11.500.000 76,67% 100,00% +23,33 Efisien" in teks
    assert "Serapan anggaran" in teks


@pytest.mark.django_db
def test_quarterly_excel_has_the_efficiency_sheet(world, anggaran):
    import io

    import openpyxl

    isi = render(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2, format="xlsx")[0]
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["Efisiensi anggaran"]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True) if r and r[0] in ("IKU-01", "IKU-02", "")]
    nilai = {r[0]: r[2:8] for r in rows if r[2] is not None}
    assert nilai["IKU-01"] == [10000000, 9500000, 95, 120, 25, "Efisien"]
    assert nilai["IKU-02"][-2:] == [-15, "Perlu perhatian"]
