"""Laporan Kinerja Tahunan, of an OPD and of an instansi: the year's IKU, scores per quarter and against last year."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from evaluasi.models import CapaianTriwulan, SkorInstansi, SkorOpd
from indikator.efisiensi import Efisiensi, jumlah_anggaran
from indikator.models import Indikator
from opd.models import Instansi, Opd

from .predikat import label_predikat_organisasi, predikat_organisasi
from .umum import (
    SERATUS,
    TRIWULAN,
    Analisis,
    Empat,
    Kop,
    capaian_prefetch,
    efisiensi_instansi,
    kop,
    peringkat,
    realisasi_prefetch,
    ringkasan_efisiensi_instansi,
)


def _selisih(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def _empat(by_q: dict[int, Decimal | None]) -> Empat:
    return tuple(by_q.get(q) for q in TRIWULAN)  # type: ignore[return-value]


@dataclass(frozen=True)
class IkuTahunan:
    kode: str
    nama: str
    satuan: str
    desimal: int
    target_bawah: Decimal
    target_atas: Decimal | None
    realisasi: Empat  # verified value of each triwulan
    capaian: Empat  # to date at each triwulan, raw
    band_triwulan: tuple[str, str, str, str]
    capaian_tahunan: Decimal | None  # to date at TW IV = the annual achievement (domain.md)
    band: str
    status_capaian: str
    ada_tahun_lalu: bool
    capaian_tahun_lalu: Decimal | None
    analisis: tuple[Analisis, ...]
    # The year's budget (verified quarters summed) against the annual achievement.
    efisiensi: Efisiensi

    @property
    def selisih(self) -> Decimal | None:
        return _selisih(self.capaian_tahunan, self.capaian_tahun_lalu)

    @property
    def di_bawah_target(self) -> bool:
        return self.capaian_tahunan is not None and self.capaian_tahunan < SERATUS

    @property
    def rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


def _iku_tahunan(ind: Indikator, tahun_lalu: dict[tuple[int, str], Decimal | None], instansi: Instansi) -> IkuTahunan:
    capaian = {c.triwulan: c for c in ind.capaian_set.all()}
    verified = list(ind.realisasi_set.all())
    akhir = capaian.get(4)
    pagu, serapan = jumlah_anggaran((r.pagu, r.serapan) for r in verified)
    key = (ind.opd_id, ind.kode)
    return IkuTahunan(
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        desimal=ind.desimal,
        target_bawah=ind.target_bawah,
        target_atas=ind.target_atas,
        realisasi=_empat({q: c.realisasi for q, c in capaian.items()}),
        capaian=_empat({q: c.capaian_raw for q, c in capaian.items()}),
        band_triwulan=tuple(capaian[q].band if q in capaian else "" for q in TRIWULAN),  # type: ignore[arg-type]
        capaian_tahunan=akhir.capaian_raw if akhir else None,
        band=akhir.band if akhir else "",
        status_capaian=akhir.status if akhir else "",
        ada_tahun_lalu=key in tahun_lalu,
        capaian_tahun_lalu=tahun_lalu.get(key),
        analisis=tuple(Analisis(r.triwulan, r.kendala, r.solusi) for r in verified if r.kendala or r.solusi),
        efisiensi=efisiensi_instansi(
            instansi, pagu=pagu, serapan=serapan, capaian=akhir.capaian_raw if akhir else None
        ),
    )


def _iku_tahunan_qs(tahun: int, **filters):
    return (
        Indikator.objects.filter(tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True, **filters)
        .prefetch_related(capaian_prefetch(), realisasi_prefetch(hanya_terverifikasi=True))
        .order_by("kode", "pk")
    )


def _tahun_lalu(tahun: int, **filters) -> dict[tuple[int, str], Decimal | None]:
    """Last year's annual achievement (to date at TW IV) of each IKU, by (OPD, code): codes carry over when an OPD's
    indicators are copied to the next year."""
    rows = CapaianTriwulan.objects.filter(
        tahun=tahun - 1, triwulan=4, indikator__jenis=Indikator.Jenis.IKU, indikator__aktif=True, **filters
    ).values_list("opd_id", "indikator__kode", "capaian_raw")
    return {(opd_id, kode): nilai for opd_id, kode, nilai in rows}


@dataclass(frozen=True)
class Skor4:
    """A score at TW I–IV (the TW IV one is the year's), its bands, and last year's annual score."""

    skor: Empat
    band: tuple[str, str, str, str]
    tahun_lalu: Decimal | None
    band_tahun_lalu: str

    @property
    def tahunan(self) -> Decimal | None:
        return self.skor[3]

    @property
    def band_tahunan(self) -> str:
        return self.band[3]

    @property
    def selisih(self) -> Decimal | None:
        return _selisih(self.tahunan, self.tahun_lalu)


def _skor4(rows, tahun: int) -> Skor4:
    ini = {s.triwulan: s for s in rows if s.tahun == tahun}
    lalu = next((s for s in rows if s.tahun == tahun - 1 and s.triwulan == 4), None)
    return Skor4(
        skor=_empat({q: s.skor for q, s in ini.items()}),
        band=tuple(ini[q].band if q in ini else "" for q in TRIWULAN),  # type: ignore[arg-type]
        tahun_lalu=lalu.skor if lalu else None,
        band_tahun_lalu=lalu.band if lalu else "",
    )


@dataclass(frozen=True)
class DataTahunanOpd:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    skor: Skor4
    iku: tuple[IkuTahunan, ...]
    predikat: str  # the organisation predikat set by the Admin Instansi (its label); "" while none
    efisiensi: Efisiensi  # over the IKU with a budget
    batas_serapan: Decimal
    batas_capaian: Decimal

    @property
    def di_bawah_target(self) -> list[IkuTahunan]:
        return [i for i in self.iku if i.di_bawah_target]

    @property
    def beranggaran(self) -> list[IkuTahunan]:
        return [i for i in self.iku if i.efisiensi.pagu is not None]


def kinerja_tahunan_opd(*, opd: Opd, tahun: int) -> DataTahunanOpd:
    """The OPD's IKU over the four triwulan with last year beside them, its scores, and the indicators under target
    with the kendala and solusi entered with their verified realisations. Five queries."""
    lalu = _tahun_lalu(tahun, opd=opd)
    instansi = opd.instansi
    iku = tuple(_iku_tahunan(ind, lalu, instansi) for ind in _iku_tahunan_qs(tahun, opd=opd))
    skor = _skor4(list(SkorOpd.objects.filter(opd=opd, tahun__in=(tahun, tahun - 1))), tahun)
    return DataTahunanOpd(
        kop=kop(opd.instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        skor=skor,
        iku=iku,
        predikat=label_predikat_organisasi(predikat_organisasi(opd_ids=[opd.pk], tahun=tahun).get(opd.pk, "")),
        efisiensi=ringkasan_efisiensi_instansi(
            instansi, [(i.efisiensi.pagu, i.efisiensi.serapan, i.capaian_tahunan) for i in iku]
        ),
        batas_serapan=instansi.batas_serapan_tinggi,
        batas_capaian=instansi.batas_capaian_rendah,
    )


@dataclass(frozen=True)
class OpdTahunan:
    nama: str
    kode: str
    singkatan: str
    skor: Skor4
    peringkat: int | None
    predikat: str
    iku: tuple[IkuTahunan, ...]

    @property
    def di_bawah_target(self) -> list[IkuTahunan]:
        return [i for i in self.iku if i.di_bawah_target]

    @property
    def label(self) -> str:
        """Short name for chart rows (the tables give the full one)."""
        return self.singkatan or self.kode


@dataclass(frozen=True)
class DataTahunanInstansi:
    kop: Kop
    tahun: int
    skor: Skor4
    opd: tuple[OpdTahunan, ...]

    @property
    def jumlah_iku(self) -> int:
        return sum(len(o.iku) for o in self.opd)

    @property
    def di_bawah_target(self) -> list[tuple[OpdTahunan, IkuTahunan]]:
        return [(o, i) for o in self.opd for i in o.di_bawah_target]


def kinerja_tahunan_instansi(*, instansi: Instansi, tahun: int) -> DataTahunanInstansi:
    """Every OPD of the instansi with its scores over the year and last year's, ranked by the annual score, each with
    its IKU as in the OPD's annual report. Seven queries."""
    opds = list(Opd.objects.filter(instansi=instansi).order_by("nama", "pk"))
    lalu = _tahun_lalu(tahun, instansi=instansi)
    iku_per_opd: dict[int, list[IkuTahunan]] = defaultdict(list)
    for ind in _iku_tahunan_qs(tahun, instansi=instansi):
        iku_per_opd[ind.opd_id].append(_iku_tahunan(ind, lalu, instansi))
    skor_rows: dict[int, list] = defaultdict(list)
    for s in SkorOpd.objects.filter(instansi=instansi, tahun__in=(tahun, tahun - 1)):
        skor_rows[s.opd_id].append(s)
    skor_opd = {o.pk: _skor4(skor_rows[o.pk], tahun) for o in opds}
    ranks = peringkat([skor_opd[o.pk].tahunan for o in opds])
    predikat = predikat_organisasi(opd_ids=[o.pk for o in opds], tahun=tahun)
    items = [
        OpdTahunan(
            nama=o.nama,
            kode=o.kode,
            singkatan=o.singkatan,
            skor=skor_opd[o.pk],
            peringkat=rank,
            predikat=label_predikat_organisasi(predikat.get(o.pk, "")),
            iku=tuple(iku_per_opd[o.pk]),
        )
        for o, rank in zip(opds, ranks, strict=True)
    ]
    items.sort(key=lambda o: (o.peringkat is None, o.peringkat or 0, o.nama))
    return DataTahunanInstansi(
        kop=kop(instansi),
        tahun=tahun,
        skor=_skor4(list(SkorInstansi.objects.filter(instansi=instansi, tahun__in=(tahun, tahun - 1))), tahun),
        opd=tuple(items),
    )
