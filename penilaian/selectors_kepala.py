"""Rule 4a: heads of OPD (pimpinan unit kerja). A head is the Pegawai named as their OPD's ``kepala``; they are
evaluated from outside the OPD, by their own superior on the instansi's side (the Sekda), and their suggested rating
hasil kerja follows the organisation predikat through the instansi's table (AturanPenilaian.kepala_*).
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluasi.models import SkorOpd
from opd.models import Pegawai

from . import aturan
from .models import AturanPenilaian, PredikatOpd


def adalah_kepala(pegawai: Pegawai) -> bool:
    """Without a query: the Pegawai must come with its OPD loaded."""
    return pegawai.opd.kepala_id is not None and pegawai.opd.kepala_id == pegawai.pk


def batas_organisasi(aturan_instansi: AturanPenilaian | None) -> aturan.BatasPredikatOrganisasi:
    if aturan_instansi is None:
        return aturan.BatasPredikatOrganisasi()
    return aturan.BatasPredikatOrganisasi(
        istimewa=aturan_instansi.batas_istimewa,
        baik=aturan_instansi.batas_baik,
        butuh_perbaikan=aturan_instansi.batas_butuh_perbaikan,
        kurang=aturan_instansi.batas_kurang,
    )


def pemetaan_kepala(aturan_instansi: AturanPenilaian | None) -> dict[aturan.PredikatOrganisasi, str] | None:
    if aturan_instansi is None:
        return None
    return {p: getattr(aturan_instansi, f"kepala_{p.value}") for p in aturan.PredikatOrganisasi}


@dataclass(frozen=True)
class DasarKepala:
    """What a head's suggestion rests on: the organisation predikat (set, or suggested from the OPD's score) and the
    rating it maps to."""

    predikat_organisasi: str | None
    ditetapkan: bool
    rating: aturan.Rating | None


def dasar_kepala(*, opd_instansi: dict[int, int], tahun: int, triwulan: int) -> dict[int, DasarKepala]:
    """For each OPD (``opd_instansi`` maps an OPD id to its instansi id), the basis of its head's suggested rating
    hasil kerja in the period. Three queries whatever the number of OPDs; none for no OPD."""
    if not opd_instansi:
        return {}
    ditetapkan = dict(
        PredikatOpd.objects.filter(opd_id__in=opd_instansi, tahun=tahun).values_list("opd_id", "predikat")
    )
    aturan_instansi = {
        a.instansi_id: a for a in AturanPenilaian.objects.filter(instansi_id__in=set(opd_instansi.values()))
    }
    skor = dict(
        SkorOpd.objects.filter(opd_id__in=opd_instansi, tahun=tahun, triwulan=triwulan, skor__isnull=False).values_list(
            "opd_id", "skor"
        )
    )
    hasil = {}
    for opd_id, instansi_id in opd_instansi.items():
        a = aturan_instansi.get(instansi_id)
        predikat = ditetapkan.get(opd_id)
        if predikat is None:
            saran = aturan.saran_predikat_organisasi(skor.get(opd_id), batas_organisasi(a))
            predikat = saran.value if saran else None
        hasil[opd_id] = DasarKepala(
            predikat_organisasi=predikat,
            ditetapkan=opd_id in ditetapkan,
            rating=aturan.saran_hasil_kerja_kepala(predikat, pemetaan_kepala(a)),
        )
    return hasil
