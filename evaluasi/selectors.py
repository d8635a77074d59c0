"""Reads for the realisation grid, always scoped to what the user may see."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from indikator.capaian import (
    Agregasi,
    BatasBand,
    Capaian,
    NilaiTriwulan,
    Polaritas,
    capaian_sampai_dengan,
    hitung_capaian,
)
from indikator.models import Indikator, TargetTriwulan
from opd.lingkup import get_lingkup
from opd.masukan import angka
from opd.models import Opd

from .models import BuktiDukung, CapaianTriwulan, Realisasi


@dataclass
class BarisGrid:
    """One indicator's line in the grid of one triwulan."""

    indikator: Indikator
    triwulan: int
    target: TargetTriwulan | None
    realisasi: Realisasi | None
    bukti: list[BuktiDukung]
    tersimpan: CapaianTriwulan | None  # the stored (verified) achievement
    sd_pratinjau: Capaian | None = None  # to date over every entered value, whatever its status (detail only)
    pratinjau: Capaian | None = None  # this quarter's value alone
    pratinjau_band: str = ""
    riwayat_nilai: dict[int, Realisasi] = field(default_factory=dict)
    ada_berkas: bool | None = None  # an evidence file is attached (None: look at `bukti`)

    @property
    def dapat_diubah(self) -> bool:
        return self.realisasi is None or self.realisasi.dapat_diubah

    @property
    def versi(self) -> int:
        return self.realisasi.versi if self.realisasi else 0

    @property
    def status(self) -> str:
        return self.realisasi.status if self.realisasi else ""

    @property
    def belum_diisi(self) -> bool:
        return self.realisasi is None or self.realisasi.nilai is None and self.status == Realisasi.Status.DRAF

    @property
    def kekurangan(self) -> list[str]:
        """What this draft still lacks before it may be submitted (the rules of `services._syarat_pengajuan`)."""
        r = self.realisasi
        if r is None or r.nilai is None:
            return ["nilai"]
        missing = []
        p = self.pratinjau
        if p is not None and p.status == "ok" and p.raw is not None and p.raw < 100:
            if not r.kendala:
                missing.append("kendala")
            if not r.solusi:
                missing.append("solusi")
        berkas = self.ada_berkas if self.ada_berkas is not None else bool(self.bukti)
        if not (r.bukti_tautan or r.bukti_teks or berkas):
            missing.append("bukti")
        return missing


def indikator_for_grid(*, user, pk: int) -> Indikator:
    """An indicator the user may see in a grid (the OPD readers); another tenant's is a 404."""
    lingkup = get_lingkup(user)
    qs = Indikator.objects.select_related("opd", "instansi", "pegawai")
    if not lingkup.superuser:
        if not (lingkup.instansi_penuh or lingkup.opd_penuh):
            raise Http404
        qs = qs.filter(lingkup.opd_q("opd__"))
    return get_object_or_404(qs, pk=pk)


def indikator_readable_for_user(*, user, pk: int) -> Indikator:
    """An indicator the user may read: through its OPD, or an ASN's own IKI."""
    lingkup = get_lingkup(user)
    qs = Indikator.objects.select_related("opd", "instansi", "pegawai")
    if not lingkup.superuser:
        condition = Q(pk__in=[])
        if lingkup.instansi_penuh or lingkup.opd_penuh:
            condition |= lingkup.opd_q("opd__")
        if lingkup.pegawai_id:
            condition |= Q(pegawai_id=lingkup.pegawai_id)
        qs = qs.filter(condition)
    return get_object_or_404(qs, pk=pk)


def realisasi_for_user(*, user):
    """Realisations the user may read: those of OPDs they read, and an ASN's own IKI."""
    lingkup = get_lingkup(user)
    qs = Realisasi.objects.select_related("indikator", "indikator__opd", "indikator__instansi")
    if lingkup.superuser:
        return qs
    condition = Q(pk__in=[])
    if lingkup.instansi_penuh or lingkup.opd_penuh:
        condition |= lingkup.opd_q("indikator__opd__")
    if lingkup.pegawai_id:
        condition |= Q(indikator__pegawai_id=lingkup.pegawai_id)
    return qs.filter(condition)


def bukti_get_for_user(*, user, pk: int) -> BuktiDukung:
    realisasi_ids = realisasi_for_user(user=user).values("pk")
    return get_object_or_404(
        BuktiDukung.objects.select_related("realisasi__indikator"), pk=pk, realisasi__in=realisasi_ids
    )


def grid_indikator(*, opd: Opd, tahun: int, unit_id: int | None = None):
    qs = Indikator.objects.filter(opd=opd, tahun=tahun, aktif=True)
    if unit_id:
        qs = qs.filter(Q(unit_id=unit_id) | Q(pegawai__unit_id=unit_id))
    return qs


def grid_rows(*, opd: Opd, tahun: int, triwulan: int, unit_id: int | None = None, ids=None) -> list[BarisGrid]:
    """Every indicator of the OPD (its IKU and its staff's IKI) for one triwulan: five queries whatever the count."""
    qs = grid_indikator(opd=opd, tahun=tahun, unit_id=unit_id)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    indikator = list(
        qs.select_related("pegawai", "unit", "induk")
        .prefetch_related(
            Prefetch("target_triwulan", queryset=TargetTriwulan.objects.order_by("triwulan")),
            Prefetch(
                "realisasi_set",
                queryset=Realisasi.objects.filter(triwulan__lte=triwulan)
                .select_related("diubah_oleh")
                .prefetch_related(Prefetch("bukti_set", queryset=BuktiDukung.objects.order_by("pk")))
                .order_by("triwulan"),
            ),
            Prefetch("capaian_set", queryset=CapaianTriwulan.objects.filter(triwulan=triwulan)),
        )
        .order_by("jenis", "pegawai__nama", "kode")
    )
    instansi = opd.instansi
    cap = instansi.batas_capaian
    batas = _batas_band(instansi)
    rows = []
    for ind in indikator:
        ind.opd = opd  # already loaded: spares a query per line
        targets = {t.triwulan: t for t in ind.target_triwulan.all()}
        realisasi = {r.triwulan: r for r in ind.realisasi_set.all()}
        series = [
            NilaiTriwulan(
                realisasi[q].nilai if q in realisasi else None,
                targets[q].target_bawah if q in targets else None,
                targets[q].target_atas if q in targets else None,
            )
            for q in range(1, triwulan + 1)
        ]
        sd = capaian_sampai_dengan(
            polaritas=Polaritas(ind.polaritas), agregasi=Agregasi(ind.agregasi), triwulan=series, cap=cap
        )
        current = realisasi.get(triwulan)
        stored = ind.capaian_set.all()
        pratinjau = hitung_capaian(
            polaritas=Polaritas(ind.polaritas),
            realisasi=current.nilai if current else None,
            target_bawah=series[-1].target_bawah,
            target_atas=series[-1].target_atas,
            cap=cap,
        )
        rows.append(
            BarisGrid(
                indikator=ind,
                triwulan=triwulan,
                target=targets.get(triwulan),
                realisasi=current,
                bukti=list(current.bukti_set.all()) if current else [],
                tersimpan=stored[0] if stored else None,
                sd_pratinjau=sd,
                pratinjau=pratinjau,
                pratinjau_band=batas.band(pratinjau.capped).value if pratinjau.capped is not None else "",
                riwayat_nilai=realisasi,
            )
        )
    return rows


def grid_ringkasan(rows: list[BarisGrid]) -> dict[str, int]:
    """Counts for the grid's header, from rows already loaded (no further query)."""
    counts = {"total": len(rows), "belum": 0, "draf": 0, "diajukan": 0, "diverifikasi": 0, "dikembalikan": 0}
    for row in rows:
        if row.realisasi is None or row.realisasi.nilai is None and row.status == Realisasi.Status.DRAF:
            counts["belum"] += 1
        else:
            counts[row.status] += 1
    return counts


# -- The grid as pages: filters in SQL, one page of compact rows, counts in one aggregate ----------------------------

PER_HALAMAN = 50
SERATUS = Decimal(100)
STATUS_FILTER = ("belum", "draf", "diajukan", "diverifikasi", "dikembalikan")


@dataclass(frozen=True)
class FilterGrid:
    """What the grid shows: a unit, a holder (name or NIP of the ASN, or "OPD" for the OPD's own IKU), a status,
    only rows under target (stored achievement < 100 % for the quarter), and the page."""

    unit_id: int | None = None
    pemegang: str = ""
    status: str = ""
    bawah_target: bool = False
    halaman: int = 1

    @classmethod
    def dari_query(cls, data) -> "FilterGrid":
        """Read the filters from a query dict; anything malformed is ignored rather than an error."""
        unit = (data.get("unit") or "").strip()
        halaman = (data.get("halaman") or "").strip()
        status = (data.get("status") or "").strip()
        return cls(
            unit_id=angka(unit, maks_digit=11),
            pemegang=(data.get("pemegang") or "").strip()[:100],
            status=status if status in STATUS_FILTER else "",
            bawah_target=data.get("bawah") in ("1", "on"),
            halaman=max(1, angka(halaman, maks_digit=8) or 1),
        )

    def query(self, **ganti) -> dict[str, str]:
        """The filters as query parameters (without empty ones), e.g. for page links and the bulk forms."""
        values = {
            "unit": str(self.unit_id) if self.unit_id else "",
            "pemegang": self.pemegang,
            "status": self.status,
            "bawah": "1" if self.bawah_target else "",
            "halaman": str(self.halaman) if self.halaman > 1 else "",
        }
        values.update(ganti)
        return {k: v for k, v in values.items() if v}


@dataclass
class HalamanGrid:
    rows: list[BarisGrid]
    ringkasan: dict[str, int]
    total: int  # rows matching every filter
    halaman: int
    jumlah_halaman: int

    @property
    def mulai(self) -> int:
        return (self.halaman - 1) * PER_HALAMAN + 1 if self.total else 0

    @property
    def sampai(self) -> int:
        return min(self.halaman * PER_HALAMAN, self.total)

    def nomor_halaman(self) -> list[int | None]:
        """Page numbers to link: the first, the last, and two on each side of the current one (None is a gap)."""
        n, cur = self.jumlah_halaman, self.halaman
        shown = sorted({1, n, *range(max(1, cur - 2), min(n, cur + 2) + 1)})
        result: list[int | None] = []
        for i, p in enumerate(shown):
            if i and p - shown[i - 1] > 1:
                result.append(None)
            result.append(p)
        return result


def _dengan_triwulan(qs, *, opd: Opd, tahun: int, triwulan: int):
    """Join this quarter's realisation (as `r`) and stored achievement (as `c`) to every indicator, for filters.

    The achievement's join also names its OPD and year (true of every row it can match): PostgreSQL then reads the
    OPD's quarter through the (opd, tahun, triwulan) index in one pass instead of probing once per indicator."""
    return qs.annotate(
        r=FilteredRelation("realisasi_set", condition=Q(realisasi_set__triwulan=triwulan)),
        c=FilteredRelation(
            "capaian_set",
            condition=Q(capaian_set__triwulan=triwulan, capaian_set__opd=opd, capaian_set__tahun=tahun),
        ),
    )


Q_BELUM = Q(r__id__isnull=True) | Q(r__nilai__isnull=True, r__status=Realisasi.Status.DRAF)


def _q_status(status: str) -> Q:
    if status == "belum":
        return Q_BELUM
    if status == Realisasi.Status.DRAF:
        return Q(r__status=status, r__nilai__isnull=False)
    return Q(r__status=status)


def _q_pemegang(teks: str) -> Q:
    if teks.upper() in ("OPD", "IKU"):
        return Q(pegawai__isnull=True)
    if teks.isdigit() and teks.isascii():
        return Q(pegawai__nip__startswith=teks)
    return Q(pegawai__nama__icontains=teks)


def grid_filter_qs(*, opd: Opd, tahun: int, triwulan: int, filter: FilterGrid, dengan_status: bool = True):
    """The OPD's indicators for the quarter, filtered in SQL. Without `dengan_status`, only the unit and holder
    filters apply (the base of the status counts)."""
    qs = _dengan_triwulan(
        grid_indikator(opd=opd, tahun=tahun, unit_id=filter.unit_id), opd=opd, tahun=tahun, triwulan=triwulan
    )
    if filter.pemegang:
        qs = qs.filter(_q_pemegang(filter.pemegang))
    if dengan_status:
        qs = qs.filter(_q_filter_status(filter))
    return qs


def _q_filter_status(filter: FilterGrid) -> Q:
    q = Q()
    if filter.status:
        q &= _q_status(filter.status)
    if filter.bawah_target:
        # Under target at this quarter: its verified value gives a stored achievement under 100 % (the rows the
        # partial index `capaian_bawah_target` holds).
        q &= Q(c__capaian__lt=SERATUS, c__realisasi__isnull=False)
    return q


def grid_halaman(*, opd: Opd, tahun: int, triwulan: int, filter: FilterGrid) -> HalamanGrid:
    """One page of compact rows (at most PER_HALAMAN) and the counts of the header: four queries whatever the size
    of the OPD (counts, the page's indicators, their realisations, their targets). The stored achievements are
    joined only when the "under target" filter asks for them: counting them on every page would cost more than the
    rest of the page on a large OPD."""
    base = grid_filter_qs(opd=opd, tahun=tahun, triwulan=triwulan, filter=filter, dengan_status=False)
    counts = base.aggregate(total=Count("pk"), **{s: Count("pk", filter=_q_status(s)) for s in STATUS_FILTER})
    if filter.bawah_target:
        # Its own count, an inner join PostgreSQL starts from the OPD's under-target rows.
        total = base.filter(_q_filter_status(filter)).count()
    else:
        total = counts[filter.status] if filter.status else counts["total"]
    jumlah_halaman = max(1, -(-total // PER_HALAMAN))
    halaman = min(filter.halaman, jumlah_halaman)
    awal = (halaman - 1) * PER_HALAMAN
    urutan = ("jenis", "pemegang__nama", "kode", "pk")
    # The page's ids first, sorted on narrow rows (a subquery of the same query); then only those rows in full, with
    # the evidence check run for them alone.
    # An IKI's holder is of the indicator's OPD (Indikator.clean): naming the OPD in the join lets PostgreSQL read
    # the OPD's staff alone to sort by name, rather than every ASN of the instansi.
    ids = (
        base.filter(_q_filter_status(filter))
        .annotate(pemegang=FilteredRelation("pegawai", condition=Q(pegawai__opd=opd)))
        .order_by(*urutan)
        .values("pk")[awal : awal + PER_HALAMAN]
    )
    indikator = list(
        Indikator.objects.filter(pk__in=ids)
        .annotate(pemegang=FilteredRelation("pegawai", condition=Q(pegawai__opd=opd)))
        .defer("definisi", "formula")
        .select_related("pegawai", "unit")
        .annotate(
            ada_berkas=Exists(
                BuktiDukung.objects.filter(realisasi__indikator=OuterRef("pk"), realisasi__triwulan=triwulan)
            )
        )
        .prefetch_related(
            Prefetch(
                "target_triwulan",
                queryset=TargetTriwulan.objects.filter(triwulan=triwulan).order_by(),
                to_attr="tw_target",
            ),
            Prefetch(
                "realisasi_set",
                queryset=Realisasi.objects.filter(triwulan=triwulan).order_by(),
                to_attr="tw_realisasi",
            ),
        )
        .order_by(*urutan)
    )
    instansi = opd.instansi
    batas = _batas_band(instansi)
    rows = []
    for ind in indikator:
        ind.opd = opd
        target = ind.tw_target[0] if ind.tw_target else None
        current = ind.tw_realisasi[0] if ind.tw_realisasi else None
        pratinjau = hitung_capaian(
            polaritas=Polaritas(ind.polaritas),
            realisasi=current.nilai if current else None,
            target_bawah=target.target_bawah if target else None,
            target_atas=target.target_atas if target else None,
            cap=instansi.batas_capaian,
        )
        rows.append(
            BarisGrid(
                indikator=ind,
                triwulan=triwulan,
                target=target,
                realisasi=current,
                bukti=[],
                tersimpan=None,
                pratinjau=pratinjau,
                pratinjau_band=batas.band(pratinjau.capped).value if pratinjau.capped is not None else "",
                ada_berkas=ind.ada_berkas,
            )
        )
    return HalamanGrid(
        rows=rows,
        ringkasan={"total": counts["total"], **{s: counts[s] for s in STATUS_FILTER}},
        total=total,
        halaman=halaman,
        jumlah_halaman=jumlah_halaman,
    )


def _batas_band(instansi) -> BatasBand:
    return BatasBand(
        sangat_baik=instansi.band_sangat_baik,
        baik=instansi.band_baik,
        cukup=instansi.band_cukup,
        kurang=instansi.band_kurang,
    )


def indikator_target(*, opd: Opd, tahun: int, triwulan: int, pk: int) -> tuple[Indikator, TargetTriwulan | None]:
    """An indicator of this OPD's grid and its quarter's target: what the live preview needs, in one query."""
    indikator = (
        grid_indikator(opd=opd, tahun=tahun)
        .prefetch_related(
            Prefetch(
                "target_triwulan",
                queryset=TargetTriwulan.objects.filter(triwulan=triwulan).order_by(),
                to_attr="tw_target",
            )
        )
        .filter(pk=pk)
        .first()
    )
    if indikator is None:
        raise Http404
    return indikator, (indikator.tw_target[0] if indikator.tw_target else None)
