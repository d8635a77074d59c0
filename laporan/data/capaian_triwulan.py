"""Laporan Capaian Kinerja Triwulan of an OPD: its IKU with the quarter's value, target, achievement and analysis."""

from dataclasses import dataclass
from decimal import Decimal

from evaluasi.models import Realisasi, SkorOpd
from indikator.efisiensi import Efisiensi
from indikator.models import Indikator
from opd.models import Opd

from .umum import (
    SERATUS,
    Kop,
    capaian_prefetch,
    efisiensi_instansi,
    kop,
    realisasi_prefetch,
    ringkasan_efisiensi_instansi,
)


@dataclass(frozen=True)
class IkuTriwulan:
    kode: str
    nama: str
    satuan: str
    desimal: int
    target_bawah: Decimal | None
    target_atas: Decimal | None
    realisasi: Decimal | None  # verified value of the triwulan; None when there is none
    keadaan: str  # the realisation's workflow state ("" when nothing was entered)
    capaian_triwulan: Decimal | None  # this triwulan alone, raw
    capaian: Decimal | None  # to date, raw (shown)
    capaian_dibatasi: Decimal | None  # to date, capped (enters the score)
    status_capaian: str
    band: str
    kendala: str
    solusi: str
    # The triwulan's budget (verified with the realisation) against this triwulan's achievement alone.
    efisiensi: Efisiensi

    @property
    def di_bawah_target(self) -> bool:
        return self.capaian is not None and self.capaian < SERATUS

    @property
    def rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


@dataclass(frozen=True)
class DataCapaianTriwulan:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    triwulan: int
    skor: Decimal | None
    band: str
    jumlah_dihitung: int
    iku: tuple[IkuTriwulan, ...]
    efisiensi: Efisiensi  # over the IKU with a budget
    batas_serapan: Decimal
    batas_capaian: Decimal

    @property
    def beranggaran(self) -> list[IkuTriwulan]:
        return [i for i in self.iku if i.efisiensi.pagu is not None]

    @property
    def jumlah_iku(self) -> int:
        return len(self.iku)

    @property
    def jumlah_terverifikasi(self) -> int:
        return sum(1 for i in self.iku if i.realisasi is not None)

    @property
    def di_bawah_target(self) -> list[IkuTriwulan]:
        return [i for i in self.iku if i.di_bawah_target]


def capaian_triwulan_opd(*, opd: Opd, tahun: int, triwulan: int) -> DataCapaianTriwulan:
    """Every active IKU of the OPD with its triwulan target, verified realisation, achievement (the triwulan alone and
    to date), band, kendala and solusi, and budget efficiency (verified pagu and serapan against the triwulan's own
    achievement); and the OPD score at that triwulan. Four queries."""
    instansi = opd.instansi
    indikator = (
        Indikator.objects.filter(opd=opd, tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True)
        .prefetch_related(capaian_prefetch(triwulan), realisasi_prefetch(triwulan=triwulan, hanya_terverifikasi=False))
        .order_by("kode", "pk")
    )
    rows = []
    for ind in indikator:
        c = next(iter(ind.capaian_set.all()), None)
        r = next(iter(ind.realisasi_set.all()), None)
        verified = r is not None and r.status == Realisasi.Status.DIVERIFIKASI
        capaian_tw = c.capaian_triwulan if c else None
        rows.append(
            IkuTriwulan(
                kode=ind.kode,
                nama=ind.nama,
                satuan=ind.satuan,
                desimal=ind.desimal,
                target_bawah=c.target_bawah if c else None,
                target_atas=c.target_atas if c else None,
                realisasi=c.realisasi if c else None,
                keadaan=r.status if r is not None and r.nilai is not None else "",
                capaian_triwulan=c.capaian_triwulan if c else None,
                capaian=c.capaian_raw if c else None,
                capaian_dibatasi=c.capaian if c else None,
                status_capaian=c.status if c else "",
                band=c.band if c else "",
                kendala=r.kendala if verified else "",
                solusi=r.solusi if verified else "",
                efisiensi=efisiensi_instansi(
                    instansi,
                    pagu=r.pagu if verified else None,
                    serapan=r.serapan if verified else None,
                    capaian=capaian_tw,
                ),
            )
        )
    skor = SkorOpd.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).first()
    return DataCapaianTriwulan(
        kop=kop(instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        triwulan=triwulan,
        skor=skor.skor if skor else None,
        band=skor.band if skor else "",
        jumlah_dihitung=skor.jumlah_dihitung if skor else 0,
        iku=tuple(rows),
        efisiensi=ringkasan_efisiensi_instansi(
            instansi, [(i.efisiensi.pagu, i.efisiensi.serapan, i.capaian_triwulan) for i in rows]
        ),
        batas_serapan=instansi.batas_serapan_tinggi,
        batas_capaian=instansi.batas_capaian_rendah,
    )
