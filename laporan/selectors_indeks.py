"""The dashboard index: for every dashboard the user may open, its latest figures (score and data entry), read from
the stored rows in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum

from evaluasi.models import RingkasanOpd, SkorInstansi, SkorOpd, SkorPegawai
from indikator.models import ROMAWI


@dataclass
class Angka:
    """The latest score of the year, and the data entry of the latest triwulan with indicators."""

    skor: Decimal | None = None
    skor_triwulan: int | None = None
    isi_triwulan: int | None = None
    terisi: int = 0
    diverifikasi: int = 0
    indikator: int = 0

    @property
    def skor_label(self) -> str:
        return f"TW {ROMAWI[self.skor_triwulan]}" if self.skor_triwulan else ""

    @property
    def isi_label(self) -> str:
        return f"TW {ROMAWI[self.isi_triwulan]}" if self.isi_triwulan else ""


def _terakhir(rows, kunci: str) -> dict[int, dict]:
    """The row of the latest triwulan per key, from rows ordered by triwulan."""
    return {row[kunci]: row for row in rows}


def _angka(skor: dict | None, isi: dict | None) -> Angka:
    angka = Angka()
    if skor:
        angka.skor, angka.skor_triwulan = skor["skor"], skor["triwulan"]
    if isi:
        angka.isi_triwulan = isi["triwulan"]
        angka.terisi, angka.diverifikasi, angka.indikator = isi["terisi"], isi["diverifikasi"], isi["indikator"]
    return angka


def angka_instansi(instansi_ids: list[int], tahun: int) -> dict[int, Angka]:
    """Two queries."""
    skor = _terakhir(
        SkorInstansi.objects.filter(instansi_id__in=instansi_ids, tahun=tahun, skor__isnull=False)
        .values("instansi_id", "triwulan", "skor")
        .order_by("triwulan"),
        "instansi_id",
    )
    isi = _terakhir(
        RingkasanOpd.objects.filter(instansi_id__in=instansi_ids, tahun=tahun, jumlah_indikator__gt=0)
        .values("instansi_id", "triwulan")
        .annotate(
            terisi=Sum("jumlah_terisi"), diverifikasi=Sum("jumlah_diverifikasi"), indikator=Sum("jumlah_indikator")
        )
        .order_by("triwulan"),
        "instansi_id",
    )
    return {pk: _angka(skor.get(pk), isi.get(pk)) for pk in instansi_ids}


def angka_opd(opd_ids: list[int], tahun: int) -> dict[int, Angka]:
    """Two queries."""
    skor = _terakhir(
        SkorOpd.objects.filter(opd_id__in=opd_ids, tahun=tahun, skor__isnull=False)
        .values("opd_id", "triwulan", "skor")
        .order_by("triwulan"),
        "opd_id",
    )
    isi = _terakhir(
        RingkasanOpd.objects.filter(opd_id__in=opd_ids, tahun=tahun, jumlah_indikator__gt=0)
        .values("opd_id", "triwulan")
        .annotate(terisi=F("jumlah_terisi"), diverifikasi=F("jumlah_diverifikasi"), indikator=F("jumlah_indikator"))
        .order_by("triwulan"),
        "opd_id",
    )
    return {pk: _angka(skor.get(pk), isi.get(pk)) for pk in opd_ids}


def angka_pegawai(pegawai_id: int, tahun: int) -> Angka:
    """One query."""
    skor = (
        SkorPegawai.objects.filter(pegawai_id=pegawai_id, tahun=tahun, skor__isnull=False)
        .values("triwulan", "skor")
        .order_by("-triwulan")
        .first()
    )
    return _angka(skor, None)
