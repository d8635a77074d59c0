"""Reads for the OPD's evaluation summary: its staff's evaluations of a period, the distribution of their predikat,
the organisation predikat (set by the Admin Instansi, or suggested from the OPD's score) and the distribution check.
Readers: the instansi's Admin Instansi and Admin BKN, and the OPD's own Pimpinan and Tim Evaluasi; anyone else gets
a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from evaluasi.models import SkorOpd
from opd.lingkup import get_lingkup
from opd.models import Opd, Pegawai

from . import aturan
from .models import AturanPenilaian, Penilaian, PredikatKinerja, PredikatOpd
from .selectors import FINAL, PeriodePenilaian
from .selectors_kepala import batas_organisasi

__all__ = [
    "batas_organisasi",
    "opd_ringkasan_for_user",
    "opd_ringkasan_get",
    "ringkasan_opd",
    "skor_opd_tahunan",
    "staf_opd",
]


def opd_ringkasan_for_user(*, user) -> QuerySet[Opd]:
    """OPDs whose evaluation summary the user may read: the instansi's admins and the OPD's own Pimpinan and Tim."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Opd.objects.select_related("instansi")
    return Opd.objects.filter(
        Q(instansi_id__in=lingkup.admin_instansi | lingkup.bkn_instansi)
        | Q(id__in=lingkup.tim_opd | lingkup.pimpinan_opd)
    ).select_related("instansi")


def opd_ringkasan_get(*, user, pk: int) -> Opd:
    return get_object_or_404(opd_ringkasan_for_user(user=user), pk=pk)


# -- the OPD's evaluation summary ------------------------------------------------------------------------------------


@dataclass
class BarisRingkasan:
    pegawai: Pegawai
    penilaian: Penilaian | None


@dataclass
class Distribusi:
    predikat: str
    label: str
    jumlah: int
    persen: Decimal


@dataclass
class RingkasanOpd:
    opd: Opd
    tahun: int
    periode: PeriodePenilaian
    baris: list[BarisRingkasan]
    distribusi: list[Distribusi]
    jumlah_final: int
    skor_opd: SkorOpd | None
    saran_organisasi: aturan.PredikatOrganisasi | None
    predikat_opd: PredikatOpd | None
    pemeriksaan: list[aturan.HasilAturan] = field(default_factory=list)

    @property
    def predikat_acuan(self) -> str | None:
        """The organisation predikat the distribution is checked against: the one set, else the suggestion."""
        if self.predikat_opd is not None:
            return self.predikat_opd.predikat
        return self.saran_organisasi.value if self.saran_organisasi else None

    @property
    def peringatan(self) -> list[aturan.HasilAturan]:
        return [h for h in self.pemeriksaan if not h.terpenuhi]


def staf_opd(opd: Opd) -> QuerySet[Pegawai]:
    """The OPD's active staff whose predikat the OPD's summary, distribution and calibration count: everyone but its
    head, who is evaluated from outside the OPD (rule 4a)."""
    qs = Pegawai.objects.filter(opd=opd, aktif=True)
    if opd.kepala_id is not None:
        qs = qs.exclude(pk=opd.kepala_id)
    return qs


def skor_opd_tahunan(*, opd: Opd, tahun: int) -> SkorOpd | None:
    """The OPD's score for the year: TW IV's to-date score, or the latest quarter that has one so far."""
    return SkorOpd.objects.filter(opd=opd, tahun=tahun, skor__isnull=False).order_by("-triwulan").first()


def ringkasan_opd(*, opd: Opd, tahun: int, periode: PeriodePenilaian) -> RingkasanOpd:
    """The OPD's staff with their evaluation of the period, the distribution of the final predikat with the actual
    percentages, the organisation predikat (set or suggested) and the distribution check. Five queries. The head of
    the OPD is not among its staff here (rule 4a)."""
    pegawai = list(staf_opd(opd).select_related("unit").order_by("nama", "pk"))
    penilaian = {
        p.pegawai_id: p
        for p in Penilaian.objects.filter(
            pegawai__in=staf_opd(opd), tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan
        )
    }
    skor = skor_opd_tahunan(opd=opd, tahun=tahun)
    predikat_opd = PredikatOpd.objects.filter(opd=opd, tahun=tahun).select_related("ditetapkan_oleh").first()
    aturan_instansi = AturanPenilaian.objects.filter(instansi_id=opd.instansi_id).first()
    jumlah = {p.value: 0 for p in aturan.Predikat}
    for p in penilaian.values():
        if p.status in FINAL and p.predikat:
            jumlah[p.predikat] += 1
    total = sum(jumlah.values())
    ringkasan = RingkasanOpd(
        opd=opd,
        tahun=tahun,
        periode=periode,
        baris=[BarisRingkasan(p, penilaian.get(p.pk)) for p in pegawai],
        distribusi=[
            Distribusi(
                p.value, str(PredikatKinerja(p.value).label), jumlah[p.value], aturan.persen(jumlah[p.value], total)
            )
            for p in aturan.Predikat
        ],
        jumlah_final=total,
        skor_opd=skor,
        saran_organisasi=aturan.saran_predikat_organisasi(
            skor.skor if skor else None, batas_organisasi(aturan_instansi)
        ),
        predikat_opd=predikat_opd,
    )
    if ringkasan.predikat_acuan:
        ringkasan.pemeriksaan = aturan.periksa_distribusi(ringkasan.predikat_acuan, jumlah)
    return ringkasan
