"""Automatic feeds (domain.md, "Automatic feeds"): an indicator whose realisation source is a figure the application
computes (complaint response time and share answered on time in pengaduan/feeds.py, the IKM in survei/feeds.py) gets
its value per triwulan from that app's data, as a Draf that then goes through the same verification as a typed value.
This module is the part they share: walking the quarters and writing the realisation.

Each quarter is attributed by the date its figure is settled on (first response, deadline, survey date), so a
quarter's figure is final once the quarter is over. Dates are in the instansi's zone.

The feed writes only what people could still change: it creates the realisation or updates it while Draf or
Dikembalikan (raising its version, so a form opened before is refused rather than overwriting). A value already
Diajukan or Diverifikasi is never touched; when the fresh figure differs it is logged and kept in `SelisihFeed`.
History rows carry no user and the reason "otomatis".
"""

import datetime
import logging
from collections.abc import Callable, Collection
from decimal import Decimal

from django.db import transaction

from indikator.models import Indikator
from opd.kalender import hari_ini, rentang_triwulan

from .models import Realisasi, SelisihFeed

logger = logging.getLogger(__name__)

ALASAN_RIWAYAT = "Dihitung otomatis dari data pengaduan dan survei"

Penghitung = Callable[..., Decimal | None]
"""The fresh figure of one indicator for one triwulan: ``hitung(indikator, triwulan, hari_ini=…)``, rounded to the
indicator's decimals, or None when there is nothing to count."""


@transaction.atomic
def tulis_realisasi(indikator: Indikator, triwulan: int, nilai: Decimal | None) -> str:
    """Write the figure into the realisation where the workflow still allows it. Returns what happened:
    'dibuat', 'diperbarui', 'sama', 'terkunci' (left alone), or 'kosong' (no figure and no row)."""
    realisasi = Realisasi.objects.select_for_update().filter(indikator=indikator, triwulan=triwulan).first()
    if realisasi is None:
        if nilai is None:
            return "kosong"
        realisasi = Realisasi(indikator=indikator, triwulan=triwulan, nilai=nilai, status=Realisasi.Status.DRAF)
        _simpan(realisasi)
        SelisihFeed.objects.filter(indikator=indikator, triwulan=triwulan).delete()
        return "dibuat"
    sama = realisasi.nilai == nilai
    if not realisasi.dapat_diubah:
        if sama:
            SelisihFeed.objects.filter(indikator=indikator, triwulan=triwulan).delete()
        else:
            logger.warning(
                "Realisasi otomatis %s TW %s berstatus %s bernilai %s; hitungan terbaru %s (tidak ditimpa)",
                indikator.pk,
                triwulan,
                realisasi.status,
                realisasi.nilai,
                nilai,
            )
            SelisihFeed.objects.update_or_create(
                indikator=indikator,
                triwulan=triwulan,
                defaults={
                    "nilai_tercatat": realisasi.nilai,
                    "nilai_hitung": nilai,
                    "status_realisasi": realisasi.status,
                },
            )
        return "terkunci"
    SelisihFeed.objects.filter(indikator=indikator, triwulan=triwulan).delete()
    if sama:
        return "sama"
    realisasi.nilai = nilai
    realisasi.versi += 1
    _simpan(realisasi)
    return "diperbarui"


def _simpan(realisasi: Realisasi) -> None:
    realisasi.diubah_oleh = None
    realisasi._history_user = None  # the system, not whoever's request happened to trigger the task
    realisasi._change_reason = ALASAN_RIWAYAT
    realisasi.full_clean()
    realisasi.save()


def feed_indikator(
    indikator: Indikator,
    *,
    sumber: Collection[str],
    hitung: Penghitung,
    hari_ini_: datetime.date | None = None,
) -> dict[int, str]:
    """Refresh every quarter that has begun of one indicator fed from one of `sumber`."""
    if indikator.sumber_realisasi not in sumber or not indikator.aktif:
        return {}
    today = hari_ini_ or hari_ini(indikator.instansi)
    hasil = {}
    for triwulan in range(1, 5):
        awal, _akhir = rentang_triwulan(indikator.tahun, triwulan)
        if awal > today:
            break
        hasil[triwulan] = tulis_realisasi(indikator, triwulan, hitung(indikator, triwulan, hari_ini=today))
    return hasil


def feed_opd(*, opd_id: int, tahun: int, sumber: Collection[str], hitung: Penghitung) -> dict[int, dict[int, str]]:
    """Refresh the OPD's indicators of the year fed from `sumber` (IKU and IKI alike: the figures are the OPD's)."""
    indikator_list = (
        Indikator.objects.filter(opd_id=opd_id, tahun=tahun, aktif=True, sumber_realisasi__in=sumber)
        .select_related("instansi")
        .order_by("pk")
    )
    return {ind.pk: feed_indikator(ind, sumber=sumber, hitung=hitung) for ind in indikator_list}


def feed_semua(*, sumber: Collection[str], hitung: Penghitung, sekarang: datetime.datetime | None = None) -> int:
    """Nightly: every indicator fed from `sumber` of the current year of its instansi, and of last year during
    January (the TW IV entry window runs into it)."""
    jumlah = 0
    indikator_list = (
        Indikator.objects.filter(aktif=True, sumber_realisasi__in=sumber).select_related("instansi").order_by("pk")
    )
    for ind in indikator_list:
        today = hari_ini(ind.instansi, sekarang)
        if ind.tahun == today.year or (ind.tahun == today.year - 1 and today.month == 1):
            feed_indikator(ind, sumber=sumber, hitung=hitung, hari_ini_=today)
            jumlah += 1
    return jumlah
