"""Reads for the "Kinerja" pages: one ASN's indicators with targets, realisations and stored achievements, and an
OPD's IKU, completeness and indicators under target.

The caller fetches the Pegawai or OPD through opd.selectors (scoped to the user: another tenant's object is a 404);
everything here is then filtered by that object. Each function issues a fixed number of queries whatever the number
of indicators: prefetches and stored rows, never a query per row, never a count over raw rows. Achievements, scores
and the OPD's completeness and under-target counts (RingkasanOpd) are stored by the recalculation (evaluasi/recalc.py,
evaluasi/ringkasan.py); nothing is recomputed per request. Long lists come PER_HALAMAN rows at a time.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery

from indikator.models import ROMAWI, Indikator, TargetTriwulan
from opd.models import Opd, Pegawai

from .models import CapaianTriwulan, Realisasi, RingkasanOpd, SkorOpd, SkorPegawai

TRIWULAN = (1, 2, 3, 4)
SERATUS = Decimal(100)
PER_HALAMAN = 50  # rows of a long list on one page


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
    draf: int = 0

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
    iku: Page  # of IndikatorKinerja, PER_HALAMAN at a time
    kelengkapan: list[Kelengkapan]
    di_bawah_target: Page  # of CapaianTriwulan with kendala and solusi, PER_HALAMAN at a time
    tahun_tersedia: list[int] = field(default_factory=list)


class _PaginatorTersimpan(Paginator):
    """A paginator whose total is a stored count, so turning pages costs no COUNT over the rows."""

    def __init__(self, object_list, per_page: int, *, jumlah: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = jumlah  # Paginator.count is a cached_property


def halaman(object_list, nomor, *, jumlah: int | None = None, ubah=None) -> Page:
    """The page `nomor` (the raw `?page=` value: anything that is not a page number gives the first or the last page,
    never an error) of PER_HALAMAN items; `ubah` turns each fetched item into what the page shows."""
    if jumlah is None:
        paginator = Paginator(object_list, PER_HALAMAN)
    else:
        paginator = _PaginatorTersimpan(object_list, PER_HALAMAN, jumlah=jumlah)
    page = paginator.get_page(nomor)
    if ubah is not None:
        page.object_list = [ubah(item) for item in page.object_list]
    return page


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


def _ringkasan(*, opd: Opd, tahun: int) -> tuple[list[Kelengkapan], list[int], int]:
    """From the OPD's stored summaries (one query, every year): completeness at TW I–IV of the year, the years that
    have indicators, and how many indicators are under target at their latest verified triwulan."""
    rows = list(RingkasanOpd.objects.filter(opd=opd).order_by("tahun", "triwulan"))
    by_q = {r.triwulan: r for r in rows if r.tahun == tahun}
    kelengkapan = []
    for q in TRIWULAN:
        r = by_q.get(q)
        kelengkapan.append(
            Kelengkapan(
                triwulan=q,
                jumlah=r.jumlah_indikator if r else 0,
                terisi=r.jumlah_terisi if r else 0,
                diajukan=r.jumlah_diajukan if r else 0,
                diverifikasi=r.jumlah_diverifikasi if r else 0,
                dikembalikan=r.jumlah_dikembalikan if r else 0,
                draf=r.jumlah_draf if r else 0,
            )
        )
    tahun_tersedia = sorted({r.tahun for r in rows} | {tahun}, reverse=True)
    return kelengkapan, tahun_tersedia, sum(r.jumlah_bawah_target_akhir for r in by_q.values())


def kelengkapan_opd(*, opd: Opd, tahun: int) -> list[Kelengkapan]:
    """Per triwulan over every active indicator of the OPD: how many were entered (a value, any status), are awaiting
    verification, verified, returned, still drafts. Read from the stored summary (one query)."""
    return _ringkasan(opd=opd, tahun=tahun)[0]


def di_bawah_target_opd(*, opd: Opd, tahun: int, nomor=None, jumlah: int | None = None) -> Page:
    """Indicators of the OPD (IKU and IKI) whose latest to-date achievement is under 100 %, with the kendala and
    solusi of that triwulan's realisation, one page at a time (one query; `jumlah`, the stored length of the list,
    saves a COUNT).

    "Latest" is the last triwulan with a verified realisation: its stored row holds the to-date achievement and its
    realisation holds the kendala and solusi that explain it. The rows come in the order of the partial index
    capaian_bawah_target (under 100 % on the raw value: the cap is at least 100 %, so exactly when the capped one
    is), so a page reads about PER_HALAMAN index entries; a later verified triwulan excludes a row.
    """
    kemudian = CapaianTriwulan.objects.filter(
        indikator=OuterRef("indikator"), triwulan__gt=OuterRef("triwulan"), realisasi__isnull=False
    )
    realisasi = Realisasi.objects.filter(indikator=OuterRef("indikator"), triwulan=OuterRef("triwulan")).order_by()
    qs = (
        CapaianTriwulan.objects.filter(
            opd=opd, tahun=tahun, indikator__aktif=True, realisasi__isnull=False, capaian_raw__lt=SERATUS
        )
        .filter(~Exists(kemudian))
        .annotate(
            kendala=Subquery(realisasi.values("kendala")[:1]),
            solusi=Subquery(realisasi.values("solusi")[:1]),
        )
        .select_related("indikator", "indikator__pegawai")
        # The order of the partial index capaian_bawah_target: each ASN's IKI together, then the IKU.
        .order_by(F("pegawai_id").asc(nulls_last=True), "indikator_id")
    )
    return halaman(qs, nomor, jumlah=jumlah)


def kinerja_opd(*, opd: Opd, tahun: int, halaman_iku=None, halaman_bawah=None) -> KinerjaOpd:
    """The OPD page: its score, its IKU with stored achievements (a page of them), completeness and the list under
    target (a page of it), from the stored rows. Six queries whatever the size of the OPD (fewer when a list is
    empty)."""
    kelengkapan, tahun_tersedia, jumlah_bawah = _ringkasan(opd=opd, tahun=tahun)
    iku = (
        Indikator.objects.filter(opd=opd, tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True)
        .prefetch_related(Prefetch("capaian_set", queryset=CapaianTriwulan.objects.order_by("triwulan")))
        .order_by("kode", "pk")
    )
    return KinerjaOpd(
        opd=opd,
        tahun=tahun,
        skor=_skor(SkorOpd.objects.filter(opd=opd, tahun=tahun)),
        iku=halaman(iku, halaman_iku, ubah=lambda i: _baris(i, dengan_target=False, dengan_realisasi=False)),
        kelengkapan=kelengkapan,
        di_bawah_target=di_bawah_target_opd(opd=opd, tahun=tahun, nomor=halaman_bawah, jumlah=jumlah_bawah),
        tahun_tersedia=tahun_tersedia,
    )
