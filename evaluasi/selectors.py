"""Reads for the realisation grid, always scoped to what the user may see."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
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
    sd_pratinjau: Capaian  # to date over every entered value, whatever its status
    pratinjau: Capaian | None = None  # this quarter's value alone
    pratinjau_band: str = ""
    riwayat_nilai: dict[int, Realisasi] = field(default_factory=dict)

    @property
    def dapat_diubah(self) -> bool:
        return self.realisasi is None or self.realisasi.dapat_diubah

    @property
    def versi(self) -> int:
        return self.realisasi.versi if self.realisasi else 0

    @property
    def status(self) -> str:
        return self.realisasi.status if self.realisasi else ""


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
    batas = BatasBand(
        sangat_baik=instansi.band_sangat_baik,
        baik=instansi.band_baik,
        cukup=instansi.band_cukup,
        kurang=instansi.band_kurang,
    )
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
