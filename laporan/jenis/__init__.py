"""The report registry: each report type is one small class saying what it covers (an OPD, an instansi, a pegawai;
per triwulan or per year), how its data is gathered (laporan/data/), which template draws it, its charts and its
Excel sheets. The job machinery (services, tasks, views) knows only this interface.

A report type appears here only when its data exists: those on the evaluation cycle's data (the staff evaluation
document) and on complaints and surveys read those apps' models, never copies of them.
"""

from .capaian_triwulan import CapaianTriwulanOpd
from .dasar import INSTANSI, LABEL_BAND, LABEL_STATUS, OPD, PEGAWAI, JenisLaporan
from .evaluasi_pegawai import EvaluasiPegawai, periode_evaluasi
from .kinerja_tahunan import KinerjaTahunanInstansi, KinerjaTahunanOpd
from .laporan_skm import LaporanSkm
from .penetapan_predikat import PenetapanPredikatOpd
from .rekap_instansi import RekapInstansi
from .rekap_pengaduan import RekapPengaduan

__all__ = [
    "INSTANSI",
    "LABEL_BAND",
    "LABEL_STATUS",
    "OPD",
    "PEGAWAI",
    "REGISTRI",
    "CapaianTriwulanOpd",
    "EvaluasiPegawai",
    "JenisLaporan",
    "KinerjaTahunanInstansi",
    "KinerjaTahunanOpd",
    "LaporanSkm",
    "PenetapanPredikatOpd",
    "RekapInstansi",
    "RekapPengaduan",
    "periode_evaluasi",
]

REGISTRI: dict[str, JenisLaporan] = {
    jenis.kode: jenis
    for jenis in (
        CapaianTriwulanOpd(),
        KinerjaTahunanOpd(),
        KinerjaTahunanInstansi(),
        RekapInstansi(),
        EvaluasiPegawai(),
        RekapPengaduan(),
        LaporanSkm(),
        PenetapanPredikatOpd(),
    )
}
