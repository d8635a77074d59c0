"""Reads of the public transparency pages that come from the stored scores and achievements (verified values only).
No login: nothing here is scoped, and nothing here is secret."""

from evaluasi.models import CapaianTriwulan, SkorOpd
from indikator.models import Indikator
from opd.models import Opd


def skor_opd_terakhir(*, opd_ids: list[int], tahun: int) -> dict[int, SkorOpd]:
    """Each OPD's latest score of the year (verified realisations only: the recalculation reads nothing else)."""
    hasil: dict[int, SkorOpd] = {}
    for skor in SkorOpd.objects.filter(opd_id__in=opd_ids, tahun=tahun, jumlah_dihitung__gt=0).order_by("triwulan"):
        hasil[skor.opd_id] = skor
    return hasil


def capaian_iku(*, opd: Opd, tahun: int) -> list[CapaianTriwulan]:
    """The latest computed to-date achievement of each active IKU of the OPD this year (verified values only)."""
    terakhir: dict[int, CapaianTriwulan] = {}
    for capaian in (
        CapaianTriwulan.objects.filter(
            opd=opd,
            tahun=tahun,
            indikator__jenis=Indikator.Jenis.IKU,
            indikator__aktif=True,
            sd_realisasi__isnull=False,
        )
        .select_related("indikator")
        .order_by("indikator__kode", "triwulan")
    ):
        terakhir[capaian.indikator_id] = capaian
    return list(terakhir.values())
