"""Reads for the survey: the services a user keeps, and the IKM figures of OPDs and their services. Staff reads are
scoped to what the user may see; the figures are public (the transparency pages show them)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from opd.lingkup import get_lingkup
from opd.models import Opd

from .ikm import HasilIkm, ikm_dari_jumlah
from .models import UNSUR, Layanan, ResponSurvei

# -- services --------------------------------------------------------------------------------------------------------


def opd_layanan_for_user(*, user) -> QuerySet[Opd]:
    """OPDs whose services the user keeps: their own OPD's team, or every OPD for the Admin Instansi."""
    lingkup = get_lingkup(user)
    qs = Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")
    if lingkup.superuser:
        return qs
    return qs.filter(Q(instansi_id__in=lingkup.admin_instansi) | Q(pk__in=lingkup.tim_opd | lingkup.pimpinan_opd))


def layanan_for_user(*, user) -> QuerySet[Layanan]:
    return Layanan.objects.filter(opd__in=opd_layanan_for_user(user=user)).select_related("opd", "opd__instansi")


# -- survey figures --------------------------------------------------------------------------------------------------


def _agregat_ikm(qs: QuerySet[ResponSurvei], *group: str) -> list[dict]:
    return list(
        qs.order_by()
        .values(*group)
        .annotate(
            responden=Count("pk"),
            **{f"j_{u}": Sum(u) for u, _label in UNSUR},
            **{f"n_{u}": Count(u) for u, _label in UNSUR},
        )
    )


def _hasil(baris: dict) -> HasilIkm:
    return ikm_dari_jumlah(
        [baris[f"j_{u}"] or 0 for u, _label in UNSUR],
        [baris[f"n_{u}"] for u, _label in UNSUR],
        baris["responden"],
    )


def _gabung(daftar: list[dict]) -> HasilIkm:
    """The exact IKM of several groups together: sums and counts add up, means do not."""
    total = defaultdict(int)
    for baris in daftar:
        for kunci, nilai in baris.items():
            if kunci == "responden" or kunci.startswith(("j_", "n_")):
                total[kunci] += nilai or 0
    return _hasil(total)


@dataclass
class IkmOpd:
    opd: Opd
    hasil: HasilIkm
    per_layanan: list[tuple[Layanan | None, HasilIkm]]


def ikm_per_opd(*, opd_list: list[Opd], tahun: int, triwulan: int | None = None) -> list[IkmOpd]:
    """IKM of each OPD and of each of its services in a year (or one triwulan). Two queries."""
    qs = ResponSurvei.objects.filter(opd__in=opd_list, tahun=tahun)
    if triwulan:
        qs = qs.filter(triwulan=triwulan)
    baris = _agregat_ikm(qs, "opd_id", "layanan_id")
    layanan = Layanan.objects.in_bulk({b["layanan_id"] for b in baris if b["layanan_id"]})
    per_opd: dict[int, list[dict]] = defaultdict(list)
    for b in baris:
        per_opd[b["opd_id"]].append(b)
    hasil = []
    for opd in opd_list:
        daftar = per_opd.get(opd.pk, [])
        per_layanan = sorted(
            ((layanan.get(b["layanan_id"]), _hasil(b)) for b in daftar),
            key=lambda item: (item[0] is None, item[0].nama if item[0] else ""),
        )
        hasil.append(IkmOpd(opd, _gabung(daftar), per_layanan))
    return hasil


def saran_terbaru(*, opd_list: list[Opd], tahun: int, batas: int = 20) -> list[ResponSurvei]:
    return list(
        ResponSurvei.objects.filter(opd__in=opd_list, tahun=tahun)
        .exclude(saran="")
        .select_related("opd", "layanan")
        .order_by("-diisi_pada")[:batas]
    )
