"""The complaint feeds (domain.md, "Automatic feeds"): an indicator whose realisation source is a complaint figure gets
its value per triwulan from this app's data, written through evaluasi/feeds.py (which also says what the feeds may
overwrite and what they keep in `SelisihFeed`).

* ``pengaduan_waktu_respons``: mean working days from routing to the OPD's first response, over the complaints whose
  first response fell in the triwulan (minimize).
* ``pengaduan_tepat_waktu``: share (%) of the complaints whose response deadline fell in the triwulan that were
  answered by it; one still unanswered counts once its deadline has passed (maximize).
"""

import datetime
from decimal import Decimal
from fractions import Fraction

from evaluasi import feeds
from indikator.models import Indikator
from indikator.pembulatan import bulatkan
from opd.kalender import rentang_triwulan

from .models import Pengaduan
from .statistik import persentase, rerata

SUMBER = Indikator.SumberRealisasi
SUMBER_OTOMATIS = (SUMBER.WAKTU_RESPONS_PENGADUAN, SUMBER.PENGADUAN_TEPAT_WAKTU)


def waktu_respons(*, opd_id: int, tahun: int, triwulan: int) -> Fraction | None:
    awal, akhir = rentang_triwulan(tahun, triwulan)
    hari = Pengaduan.objects.filter(
        opd_id=opd_id, tanggal_respons__range=(awal, akhir), hari_respons__isnull=False
    ).values_list("hari_respons", flat=True)
    return rerata(hari)


def tepat_waktu(*, opd_id: int, tahun: int, triwulan: int, hari_ini: datetime.date) -> Fraction | None:
    awal, akhir = rentang_triwulan(tahun, triwulan)
    baris = Pengaduan.objects.filter(opd_id=opd_id, tenggat_respons__range=(awal, akhir)).values_list(
        "respons_tepat_waktu", "tenggat_respons"
    )
    tepat = dihitung = 0
    for tepat_waktu_, tenggat in baris:
        if tepat_waktu_ is None and tenggat >= hari_ini:
            continue  # not answered yet, and there is still time
        dihitung += 1
        tepat += bool(tepat_waktu_)
    return persentase(tepat, dihitung)


def nilai_indikator(indikator: Indikator, triwulan: int, *, hari_ini: datetime.date) -> Decimal | None:
    """The fresh figure of a complaint-fed indicator for one triwulan, rounded half-up to its decimals."""
    kunci = {"opd_id": indikator.opd_id, "tahun": indikator.tahun, "triwulan": triwulan}
    if indikator.sumber_realisasi == SUMBER.WAKTU_RESPONS_PENGADUAN:
        nilai = waktu_respons(**kunci)
    elif indikator.sumber_realisasi == SUMBER.PENGADUAN_TEPAT_WAKTU:
        nilai = tepat_waktu(**kunci, hari_ini=hari_ini)
    else:
        raise ValueError(f"indikator {indikator.pk} tidak diisi dari data pengaduan")
    return None if nilai is None else bulatkan(nilai, indikator.desimal)


def feed_indikator(indikator: Indikator, *, hari_ini_: datetime.date | None = None) -> dict[int, str]:
    """Refresh every quarter of one complaint-fed indicator that has begun."""
    return feeds.feed_indikator(indikator, sumber=SUMBER_OTOMATIS, hitung=nilai_indikator, hari_ini_=hari_ini_)


def feed_opd(*, opd_id: int, tahun: int) -> dict[int, dict[int, str]]:
    """Refresh the OPD's complaint-fed indicators of the year."""
    return feeds.feed_opd(opd_id=opd_id, tahun=tahun, sumber=SUMBER_OTOMATIS, hitung=nilai_indikator)


def feed_semua(*, sekarang: datetime.datetime | None = None) -> int:
    """Nightly: every complaint-fed indicator of the current year (and of last year during January)."""
    return feeds.feed_semua(sumber=SUMBER_OTOMATIS, hitung=nilai_indikator, sekarang=sekarang)
