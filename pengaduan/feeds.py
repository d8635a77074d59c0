"""Automatic feeds (domain.md, "Automatic feeds"): an indicator whose realisation source is a complaint or survey
figure gets its value per triwulan from this app's data, as a Draf that then goes through the same verification as a
typed value.

* ``pengaduan_waktu_respons``: mean working days from routing to the OPD's first response, over the complaints whose
  first response fell in the triwulan (minimize).
* ``pengaduan_tepat_waktu``: share (%) of the complaints whose response deadline fell in the triwulan that were
  answered by it; one still unanswered counts once its deadline has passed (maximize).
* ``ikm``: IKM konversi of the survey answers given to the OPD in the triwulan, all its services (maximize).

Each quarter is attributed by the date its figure is settled on (first response, deadline, survey date), so a
quarter's figure is final once the quarter is over. Dates are in the instansi's zone.

The feed writes only what people could still change: it creates the realisation or updates it while Draf or
Dikembalikan (raising its version, so a form opened before is refused rather than overwriting). A value already
Diajukan or Diverifikasi is never touched; when the fresh figure differs it is logged and kept in `SelisihFeed`.
History rows carry no user and the reason "otomatis".
"""

import datetime
import logging
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, Sum

from evaluasi.models import Realisasi
from indikator.models import Indikator

from .ikm import bulatkan, ikm_dari_jumlah
from .kalender import hari_ini, rentang_triwulan
from .models import UNSUR, Pengaduan, ResponSurvei, SelisihFeed
from .statistik import persentase, rerata

logger = logging.getLogger(__name__)

SUMBER = Indikator.SumberRealisasi
SUMBER_OTOMATIS = (SUMBER.WAKTU_RESPONS_PENGADUAN, SUMBER.PENGADUAN_TEPAT_WAKTU, SUMBER.IKM)
ALASAN_RIWAYAT = "Dihitung otomatis dari data pengaduan dan survei"


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
    """The fresh figure of an automatic indicator for one triwulan, rounded half-up to its decimals."""
    kunci = {"opd_id": indikator.opd_id, "tahun": indikator.tahun, "triwulan": triwulan}
    if indikator.sumber_realisasi == SUMBER.WAKTU_RESPONS_PENGADUAN:
        nilai: Fraction | Decimal | None = waktu_respons(**kunci)
    elif indikator.sumber_realisasi == SUMBER.PENGADUAN_TEPAT_WAKTU:
        nilai = tepat_waktu(**kunci, hari_ini=hari_ini)
    elif indikator.sumber_realisasi == SUMBER.IKM:
        nilai = ikm_konversi(**kunci)
    else:
        raise ValueError(f"indikator {indikator.pk} diisi manual")
    return None if nilai is None else bulatkan(nilai, indikator.desimal)


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


def feed_indikator(indikator: Indikator, *, hari_ini_: datetime.date | None = None) -> dict[int, str]:
    """Refresh every quarter of one automatic indicator that has begun."""
    if indikator.sumber_realisasi not in SUMBER_OTOMATIS or not indikator.aktif:
        return {}
    today = hari_ini_ or hari_ini(indikator.instansi)
    hasil = {}
    for triwulan in range(1, 5):
        awal, _akhir = rentang_triwulan(indikator.tahun, triwulan)
        if awal > today:
            break
        hasil[triwulan] = tulis_realisasi(indikator, triwulan, nilai_indikator(indikator, triwulan, hari_ini=today))
    return hasil


def feed_opd(*, opd_id: int, tahun: int) -> dict[int, dict[int, str]]:
    """Refresh the OPD's automatic indicators of the year (IKU and IKI alike: the figures are the OPD's)."""
    indikator_list = (
        Indikator.objects.filter(opd_id=opd_id, tahun=tahun, aktif=True, sumber_realisasi__in=SUMBER_OTOMATIS)
        .select_related("instansi")
        .order_by("pk")
    )
    return {ind.pk: feed_indikator(ind) for ind in indikator_list}


def feed_semua(*, sekarang: datetime.datetime | None = None) -> int:
    """Nightly: every automatic indicator of the current year of its instansi, and of last year during January
    (the TW IV entry window runs into it)."""
    jumlah = 0
    indikator_list = (
        Indikator.objects.filter(aktif=True, sumber_realisasi__in=SUMBER_OTOMATIS)
        .select_related("instansi")
        .order_by("pk")
    )
    for ind in indikator_list:
        today = hari_ini(ind.instansi, sekarang)
        if ind.tahun == today.year or (ind.tahun == today.year - 1 and today.month == 1):
            feed_indikator(ind, hari_ini_=today)
            jumlah += 1
    return jumlah
