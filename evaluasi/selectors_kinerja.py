"""Reads for the "Kinerja" pages: one ASN's indicators with targets, realisations and stored achievements, and an
OPD's IKU, completeness and indicators under target.

The caller fetches the Pegawai or OPD through opd.selectors (scoped to the user: another tenant's object is a 404);
everything here is then filtered by that object. Each function issues a fixed number of queries whatever the number
of indicators: prefetches and aggregates, never a query per row. Achievements are the stored ones written by
evaluasi/recalc.py from verified values; nothing is recomputed per request.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, Subquery

from indikator.models import ROMAWI, Indikator, TargetTriwulan
from opd.models import Opd, Pegawai

from .models import CapaianTriwulan, Realisasi, SkorOpd, SkorPegawai

TRIWULAN = (1, 2, 3, 4)
SERATUS = Decimal(100)


def label_triwulan(triwulan: int) -> str:
    return f"TW {ROMAWI[triwulan]}"


@dataclass
class BarisTriwulan:
    """One indicator in one triwulan: its target, the realisation entered (any status) and the stored achievement."""

    triwulan: int
    target: TargetTriwulan | None
    realisasi: Realisasi | None
    capaian: CapaianTriwulan | None

    @property
    def label(self) -> str:
        return label_triwulan(self.triwulan)

    @property
    def terisi(self) -> bool:
        return self.realisasi is not None and self.realisasi.nilai is not None

    @property
    def menunggu_verifikasi(self) -> bool:
        """A value is entered but not verified yet, so the stored achievement does not include it."""
        return self.terisi and self.realisasi.status != Realisasi.Status.DIVERIFIKASI

    @property
    def dibatasi(self) -> bool:
        """The raw to-date achievement is above the cap: the capped value is what enters the score."""
        c = self.capaian
        return c is not None and c.capaian is not None and c.capaian_raw is not None and c.capaian_raw > c.capaian


@dataclass
class IndikatorKinerja:
    indikator: Indikator
    triwulan: list[BarisTriwulan]

    @property
    def tren(self) -> list[Decimal | None]:
        """The to-date achievement (raw, as shown) at TW I–IV; None where there is none."""
        return [b.capaian.capaian_raw if b.capaian is not None else None for b in self.triwulan]


@dataclass
class SkorTriwulan:
    triwulan: int
    skor: SkorPegawai | SkorOpd | None

    @property
    def label(self) -> str:
        return label_triwulan(self.triwulan)


@dataclass
class KinerjaPegawai:
    pegawai: Pegawai
    tahun: int
    indikator: list[IndikatorKinerja]
    skor: list[SkorTriwulan]
    tahun_tersedia: list[int] = field(default_factory=list)


@dataclass
class Kelengkapan:
    """Completeness of the OPD's realisations (IKU and its staff's IKI) in one triwulan."""

    triwulan: int
    jumlah: int
    terisi: int
    diajukan: int
    diverifikasi: int
    dikembalikan: int

    @property
    def label(self) -> str:
        return label_triwulan(self.triwulan)

    @property
    def belum_diisi(self) -> int:
        return self.jumlah - self.terisi


@dataclass
class KinerjaOpd:
    opd: Opd
    tahun: int
    skor: list[SkorTriwulan]
    iku: list[IndikatorKinerja]
    kelengkapan: list[Kelengkapan]
    di_bawah_target: list[CapaianTriwulan]
    tahun_tersedia: list[int] = field(default_factory=list)


def _per_triwulan(items, attr: str = "triwulan") -> dict[int, object]:
    return {getattr(item, attr): item for item in items}


def _baris(indikator: Indikator, *, dengan_target: bool, dengan_realisasi: bool) -> IndikatorKinerja:
    # Reads only the prefetched caches: no query here.
    targets = _per_triwulan(indikator.target_triwulan.all()) if dengan_target else {}
    realisasi = _per_triwulan(indikator.realisasi_set.all()) if dengan_realisasi else {}
    capaian = _per_triwulan(indikator.capaian_set.all())
    return IndikatorKinerja(
        indikator=indikator,
        triwulan=[BarisTriwulan(q, targets.get(q), realisasi.get(q), capaian.get(q)) for q in TRIWULAN],
    )


def _skor(qs) -> list[SkorTriwulan]:
    by_q = _per_triwulan(qs)
    return [SkorTriwulan(q, by_q.get(q)) for q in TRIWULAN]


def _tahun_tersedia(qs, tahun: int) -> list[int]:
    years = set(qs.order_by().values_list("tahun", flat=True).distinct())
    years.add(tahun)
    return sorted(years, reverse=True)


def kinerja_pegawai(*, pegawai: Pegawai, tahun: int) -> KinerjaPegawai:
    """The ASN's active IKI of the year with everything the "Kinerja saya" page shows. Six queries (five when the
    ASN has no IKI that year: nothing to prefetch)."""
    indikator = (
        Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True)
        .select_related("induk")
        .prefetch_related(
            "target_triwulan",
            Prefetch("realisasi_set", queryset=Realisasi.objects.order_by("triwulan")),
            Prefetch("capaian_set", queryset=CapaianTriwulan.objects.order_by("triwulan")),
        )
        .order_by("kode", "pk")
    )
    return KinerjaPegawai(
        pegawai=pegawai,
        tahun=tahun,
        indikator=[_baris(i, dengan_target=True, dengan_realisasi=True) for i in indikator],
        skor=_skor(SkorPegawai.objects.filter(pegawai=pegawai, tahun=tahun)),
        tahun_tersedia=_tahun_tersedia(Indikator.objects.filter(pegawai=pegawai, aktif=True), tahun),
    )


def kelengkapan_opd(*, opd: Opd, tahun: int) -> list[Kelengkapan]:
    """Per triwulan over every active indicator of the OPD: how many were entered (a value, any status), are awaiting
    verification, verified, returned. One aggregate query."""
    r = "realisasi_set"
    aggregates: dict[str, Count] = {"jumlah": Count("pk", distinct=True)}
    for q in TRIWULAN:
        in_q = Q(**{f"{r}__triwulan": q})
        aggregates[f"terisi_{q}"] = Count(r, filter=in_q & Q(**{f"{r}__nilai__isnull": False}))
        for status in ("diajukan", "diverifikasi", "dikembalikan"):
            aggregates[f"{status}_{q}"] = Count(r, filter=in_q & Q(**{f"{r}__status": status}))
    # One realisation per indicator and triwulan (realisasi_unik), so the join cannot double-count.
    totals = Indikator.objects.filter(opd=opd, tahun=tahun, aktif=True).aggregate(**aggregates)
    return [
        Kelengkapan(
            triwulan=q,
            jumlah=totals["jumlah"],
            terisi=totals[f"terisi_{q}"],
            diajukan=totals[f"diajukan_{q}"],
            diverifikasi=totals[f"diverifikasi_{q}"],
            dikembalikan=totals[f"dikembalikan_{q}"],
        )
        for q in TRIWULAN
    ]


def di_bawah_target_opd(*, opd: Opd, tahun: int) -> list[CapaianTriwulan]:
    """Indicators of the OPD (IKU and IKI) whose latest to-date achievement is under 100 %, with the kendala and
    solusi of that triwulan's realisation. One query.

    "Latest" is the last triwulan with a verified realisation: its stored row holds the to-date achievement and its
    realisation holds the kendala and solusi that explain it.
    """
    terakhir = (
        CapaianTriwulan.objects.filter(indikator=OuterRef("indikator"), realisasi__isnull=False)
        .values("indikator")
        .annotate(q=Max("triwulan"))
        .values("q")
    )
    realisasi = Realisasi.objects.filter(indikator=OuterRef("indikator"), triwulan=OuterRef("triwulan"))
    return list(
        CapaianTriwulan.objects.filter(
            opd=opd,
            tahun=tahun,
            indikator__aktif=True,
            realisasi__isnull=False,
            capaian__lt=SERATUS,
            triwulan=Subquery(terakhir, output_field=IntegerField()),
        )
        .annotate(
            kendala=Subquery(realisasi.values("kendala")[:1]),
            solusi=Subquery(realisasi.values("solusi")[:1]),
        )
        .select_related("indikator", "indikator__pegawai")
        .order_by("indikator__jenis", "indikator__kode", "indikator__pk")
    )


def kinerja_opd(*, opd: Opd, tahun: int) -> KinerjaOpd:
    """The OPD page: its score, its IKU with stored achievements, completeness and the list under target.
    Six queries."""
    iku = (
        Indikator.objects.filter(opd=opd, tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True)
        .prefetch_related(Prefetch("capaian_set", queryset=CapaianTriwulan.objects.order_by("triwulan")))
        .order_by("kode", "pk")
    )
    return KinerjaOpd(
        opd=opd,
        tahun=tahun,
        skor=_skor(SkorOpd.objects.filter(opd=opd, tahun=tahun)),
        iku=[_baris(i, dengan_target=False, dengan_realisasi=False) for i in iku],
        kelengkapan=kelengkapan_opd(opd=opd, tahun=tahun),
        di_bawah_target=di_bawah_target_opd(opd=opd, tahun=tahun),
        tahun_tersedia=_tahun_tersedia(Indikator.objects.filter(opd=opd, aktif=True), tahun),
    )
