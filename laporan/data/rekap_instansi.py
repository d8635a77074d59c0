"""Rekap instansi (for BKN): each OPD's score, completeness, IKU under target and the staff predikat spread."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from evaluasi.models import RingkasanOpd, SkorInstansi, SkorOpd
from opd.models import Instansi, Opd

from .predikat import (
    label_predikat_organisasi,
    peringatan_sebaran,
    predikat_organisasi,
    sebaran_predikat,
    urutan_predikat_pegawai,
)
from .umum import Kop, kop, peringkat, persen


@dataclass(frozen=True)
class OpdRekap:
    nama: str
    kode: str
    singkatan: str
    skor: Decimal | None
    band: str
    peringkat: int | None
    predikat: str
    jumlah_iku: int
    iku_dihitung: int
    iku_di_bawah_target: int
    indikator: int  # IKU and IKI of the OPD's staff: what has to be entered
    terisi: int  # entered (a value, any state)
    diverifikasi: int
    sebaran: tuple[int, ...]  # final staff predikat of the triwulan, in the order of urutan_predikat_pegawai()
    peringatan: tuple[str, ...]  # distribution rules broken, given the organisation predikat

    @property
    def jumlah_dinilai(self) -> int:
        return sum(self.sebaran)

    @property
    def kelengkapan(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)

    @property
    def label(self) -> str:
        """Short name for chart rows (the tables give the full one)."""
        return self.singkatan or self.kode


@dataclass(frozen=True)
class DataRekap:
    kop: Kop
    tahun: int
    triwulan: int
    skor: Decimal | None
    band: str
    opd: tuple[OpdRekap, ...]
    predikat_pegawai: tuple[str, ...]  # the labels of the staff predikat, in the order of OpdRekap.sebaran

    @property
    def sebaran(self) -> tuple[int, ...]:
        return tuple(sum(o.sebaran[i] for o in self.opd) for i in range(len(self.predikat_pegawai)))

    @property
    def jumlah_dinilai(self) -> int:
        return sum(self.sebaran)

    @property
    def indikator(self) -> int:
        return sum(o.indikator for o in self.opd)

    @property
    def terisi(self) -> int:
        return sum(o.terisi for o in self.opd)

    @property
    def diverifikasi(self) -> int:
        return sum(o.diverifikasi for o in self.opd)

    @property
    def kelengkapan(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)


@dataclass(frozen=True)
class Kelengkapan:
    """Completeness of data entry in one triwulan: indicators to fill (IKU and IKI), entered (a value, any state),
    submitted and awaiting verification, verified."""

    indikator: int = 0
    terisi: int = 0
    diajukan: int = 0
    diverifikasi: int = 0

    @property
    def belum_diisi(self) -> int:
        return self.indikator - self.terisi

    @property
    def persen(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)


@dataclass(frozen=True)
class Ringkasan:
    """A triwulan of an OPD or an instansi from the stored summaries: completeness, and how many active IKU have a
    to-date achievement under 100 %."""

    kelengkapan: Kelengkapan = Kelengkapan()
    di_bawah_target: int = 0


def ringkasan_per(*, kelompok: str, instansi_ids, tahun: int) -> dict[int, dict[int, Ringkasan]]:
    """The stored summaries (RingkasanOpd, written by the recalculation) at TW I–IV, per OPD (`kelompok="opd_id"`)
    or summed per instansi (`"instansi_id"`). One query over a few rows per OPD, never over the indicators."""
    if kelompok not in ("opd_id", "instansi_id"):
        raise ValueError(kelompok)
    rows = (
        RingkasanOpd.objects.filter(instansi_id__in=list(instansi_ids), tahun=tahun)
        .order_by()
        .values(kelompok, "triwulan")
        .annotate(
            indikator=Sum("jumlah_indikator"),
            terisi=Sum("jumlah_terisi"),
            diajukan=Sum("jumlah_diajukan"),
            diverifikasi=Sum("jumlah_diverifikasi"),
            bawah=Sum("jumlah_bawah_target"),
        )
    )
    result: dict[int, dict[int, Ringkasan]] = defaultdict(dict)
    for row in rows:
        result[row[kelompok]][row["triwulan"]] = Ringkasan(
            Kelengkapan(row["indikator"], row["terisi"], row["diajukan"], row["diverifikasi"]), row["bawah"]
        )
    return dict(result)


def kelengkapan_per(*, kelompok: str, instansi_ids, tahun: int) -> dict[int, dict[int, Kelengkapan]]:
    """Completeness at TW I–IV, per OPD (`kelompok="opd_id"`) or per instansi (`"instansi_id"`), over every active
    IKU and IKI of the year, from the stored summaries. One query."""
    return {
        key: {q: r.kelengkapan for q, r in per_q.items()}
        for key, per_q in ringkasan_per(kelompok=kelompok, instansi_ids=instansi_ids, tahun=tahun).items()
    }


def di_bawah_target_per(*, kelompok: str, instansi_ids, tahun: int, triwulan: int) -> dict[int, int]:
    """How many active IKU of each OPD (or instansi) have a to-date achievement under 100 % at the triwulan, from the
    stored summaries. One query."""
    return {
        key: per_q[triwulan].di_bawah_target
        for key, per_q in ringkasan_per(kelompok=kelompok, instansi_ids=instansi_ids, tahun=tahun).items()
        if triwulan in per_q
    }


def rekap_instansi(*, instansi: Instansi, tahun: int, triwulan: int) -> DataRekap:
    """Every OPD's score and band at the triwulan, its rank, organisation predikat, the completeness of its data entry
    and the distribution of its staff's predikat (final evaluations of the triwulan, checked against the organisation
    predikat); the instansi's score. Six queries."""
    opds = list(Opd.objects.filter(instansi=instansi).order_by("nama", "pk"))
    skor = {s.opd_id: s for s in SkorOpd.objects.filter(instansi=instansi, tahun=tahun, triwulan=triwulan)}
    ringkasan = ringkasan_per(kelompok="opd_id", instansi_ids=[instansi.pk], tahun=tahun)
    predikat = predikat_organisasi(opd_ids=[o.pk for o in opds], tahun=tahun)
    sebaran = sebaran_predikat(kelompok="opd_id", instansi_ids=[instansi.pk], tahun=tahun, triwulan=triwulan)
    urutan = urutan_predikat_pegawai()
    ranks = peringkat([skor[o.pk].skor if o.pk in skor else None for o in opds])
    items = []
    for o, rank in zip(opds, ranks, strict=True):
        s = skor.get(o.pk)
        r = ringkasan.get(o.pk, {}).get(triwulan, Ringkasan())
        k = r.kelengkapan
        items.append(
            OpdRekap(
                nama=o.nama,
                kode=o.kode,
                singkatan=o.singkatan,
                skor=s.skor if s else None,
                band=s.band if s else "",
                peringkat=rank,
                predikat=label_predikat_organisasi(predikat.get(o.pk, "")),
                jumlah_iku=s.jumlah_indikator if s else 0,
                iku_dihitung=s.jumlah_dihitung if s else 0,
                iku_di_bawah_target=r.di_bawah_target,
                indikator=k.indikator,
                terisi=k.terisi,
                diverifikasi=k.diverifikasi,
                sebaran=tuple(sebaran.get(o.pk, {}).get(kode, 0) for kode, _label in urutan),
                peringatan=peringatan_sebaran(predikat.get(o.pk, ""), sebaran.get(o.pk, {})),
            )
        )
    items.sort(key=lambda o: (o.peringkat is None, o.peringkat or 0, o.nama))
    si = SkorInstansi.objects.filter(instansi=instansi, tahun=tahun, triwulan=triwulan).first()
    return DataRekap(
        kop=kop(instansi),
        tahun=tahun,
        triwulan=triwulan,
        skor=si.skor if si else None,
        band=si.band if si else "",
        opd=tuple(items),
        predikat_pegawai=tuple(label for _kode, label in urutan),
    )
