"""The survey feed (domain.md, "Automatic feeds"): an indicator whose realisation source is ``ikm`` gets, per
triwulan, the IKM konversi of the survey answers given to its OPD in that triwulan, all its services together
(maximize). Written through evaluasi/feeds.py, which also says what the feeds may overwrite and what they keep in
`SelisihFeed`.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from evaluasi import feeds
from indikator.models import Indikator
from indikator.pembulatan import bulatkan

from .ikm import ikm_dari_jumlah
from .models import UNSUR, ResponSurvei

SUMBER_OTOMATIS = (Indikator.SumberRealisasi.IKM,)


def ikm_konversi(*, opd_id: int, tahun: int, triwulan: int) -> Decimal | None:
    agregat = ResponSurvei.objects.filter(opd_id=opd_id, tahun=tahun, triwulan=triwulan).aggregate(
        responden=Count("pk"),
        **{f"j_{u}": Sum(u) for u, _label in UNSUR},
        **{f"n_{u}": Count(u) for u, _label in UNSUR},
    )
    if not agregat["responden"]:
        return None
    hasil = ikm_dari_jumlah(
        [agregat[f"j_{u}"] for u, _label in UNSUR], [agregat[f"n_{u}"] for u, _label in UNSUR], agregat["responden"]
    )
    return hasil.konversi


def nilai_indikator(indikator: Indikator, triwulan: int, *, hari_ini: datetime.date) -> Decimal | None:
    """The fresh IKM konversi of an IKM-fed indicator for one triwulan, rounded half-up to its decimals."""
    if indikator.sumber_realisasi != Indikator.SumberRealisasi.IKM:
        raise ValueError(f"indikator {indikator.pk} tidak diisi dari survei")
    nilai = ikm_konversi(opd_id=indikator.opd_id, tahun=indikator.tahun, triwulan=triwulan)
    return None if nilai is None else bulatkan(nilai, indikator.desimal)


def feed_indikator(indikator: Indikator, *, hari_ini_: datetime.date | None = None) -> dict[int, str]:
    """Refresh every quarter of one IKM-fed indicator that has begun."""
    return feeds.feed_indikator(indikator, sumber=SUMBER_OTOMATIS, hitung=nilai_indikator, hari_ini_=hari_ini_)


def feed_opd(*, opd_id: int, tahun: int) -> dict[int, dict[int, str]]:
    """Refresh the OPD's IKM-fed indicators of the year."""
    return feeds.feed_opd(opd_id=opd_id, tahun=tahun, sumber=SUMBER_OTOMATIS, hitung=nilai_indikator)


def feed_semua(*, sekarang: datetime.datetime | None = None) -> int:
    """Nightly: every IKM-fed indicator of the current year (and of last year during January)."""
    return feeds.feed_semua(sumber=SUMBER_OTOMATIS, hitung=nilai_indikator, sekarang=sekarang)
