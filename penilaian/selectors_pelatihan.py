"""Reads for the training catalogue and its participants, with the achievement of their related indicators before,
during and after a training (the stored verified values). A participation is seen by the same people who may read
the participant's evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from evaluasi.models import CapaianTriwulan
from indikator.capaian import rata_rata
from indikator.models import Indikator
from opd.lingkup import get_lingkup

from . import aturan
from .models import Pelatihan, PesertaPelatihan
from .selectors import q_pegawai_terbaca


def pelatihan_for_user(*, user) -> QuerySet[Pelatihan]:
    """The catalogue of the instansi the user belongs to (any role, or as an ASN)."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Pelatihan.objects.all()
    return Pelatihan.objects.filter(instansi_id__in=lingkup.instansi_terkait)


def pelatihan_get(*, user, pk: int) -> Pelatihan:
    return get_object_or_404(pelatihan_for_user(user=user).select_related("instansi"), pk=pk)


def peserta_for_user(*, user) -> QuerySet[PesertaPelatihan]:
    """Participations the user may see with their figures: the same people whose evaluations they may read."""
    return PesertaPelatihan.objects.filter(q_pegawai_terbaca(get_lingkup(user), "pegawai__"))


def peserta_get(*, user, pk: int) -> PesertaPelatihan:
    qs = peserta_for_user(user=user).select_related("pelatihan", "pelatihan__instansi", "pegawai", "pegawai__opd")
    return get_object_or_404(qs, pk=pk)


@dataclass
class TitikTriwulan:
    triwulan: int
    kelompok: aturan.KelompokTriwulan
    realisasi: Decimal | None
    capaian: Decimal | None  # this quarter alone, raw

    @property
    def label(self) -> str:
        return f"TW {aturan.ROMAWI[self.triwulan]}"


@dataclass
class PerbandinganIndikator:
    indikator: Indikator
    titik: list[TitikTriwulan]

    def _rerata(self, kelompok, attr: str) -> Decimal | None:
        return rata_rata(getattr(t, attr) for t in self.titik if t.kelompok is kelompok)

    @property
    def realisasi_sebelum(self) -> Decimal | None:
        return self._rerata(aturan.KelompokTriwulan.SEBELUM, "realisasi")

    @property
    def realisasi_sesudah(self) -> Decimal | None:
        return self._rerata(aturan.KelompokTriwulan.SESUDAH, "realisasi")

    @property
    def capaian_sebelum(self) -> Decimal | None:
        return self._rerata(aturan.KelompokTriwulan.SEBELUM, "capaian")

    @property
    def capaian_sesudah(self) -> Decimal | None:
        return self._rerata(aturan.KelompokTriwulan.SESUDAH, "capaian")

    @property
    def selisih_capaian(self) -> Decimal | None:
        if self.capaian_sebelum is None or self.capaian_sesudah is None:
            return None
        return self.capaian_sesudah - self.capaian_sebelum


@dataclass
class PerbandinganPeserta:
    peserta: PesertaPelatihan
    indikator: list[PerbandinganIndikator]


def perbandingan(peserta_qs: QuerySet[PesertaPelatihan]) -> list[PerbandinganPeserta]:
    """Each participant's related indicators, quarter by quarter, marked before / during / after the training, from
    the stored verified values. Three queries whatever the number of participants and indicators."""
    peserta = list(
        peserta_qs.select_related("pegawai", "pegawai__opd", "pelatihan", "rekomendasi").prefetch_related(
            Prefetch(
                "indikator",
                queryset=Indikator.objects.order_by("tahun", "kode", "pk").prefetch_related(
                    Prefetch("capaian_set", queryset=CapaianTriwulan.objects.order_by("triwulan"))
                ),
            )
        )
    )
    hasil = []
    for p in peserta:
        pelatihan = p.pelatihan
        daftar = []
        for ind in p.indikator.all():
            per_q = {c.triwulan: c for c in ind.capaian_set.all()}
            titik = []
            for q in (1, 2, 3, 4):
                c = per_q.get(q)
                titik.append(
                    TitikTriwulan(
                        triwulan=q,
                        kelompok=aturan.kelompok_triwulan(
                            tahun=ind.tahun,
                            triwulan=q,
                            mulai=pelatihan.tanggal_mulai,
                            selesai=pelatihan.tanggal_selesai,
                        ),
                        realisasi=c.realisasi if c is not None else None,
                        capaian=c.capaian_triwulan if c is not None else None,
                    )
                )
            daftar.append(PerbandinganIndikator(ind, titik))
        hasil.append(PerbandinganPeserta(p, daftar))
    return hasil
