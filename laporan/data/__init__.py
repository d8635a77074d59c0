"""What each report shows, gathered from the stored rows (CapaianTriwulan, SkorOpd, SkorInstansi: written by
evaluasi/recalc.py from verified values only; RingkasanOpd, the completeness and under-target counts it writes from
the realisations in any state) into frozen dataclasses of plain values. One module per report; the shared pieces are
in umum.py, and every public name is importable from here.

Plain values on purpose: the same object feeds the PDF template, the Excel sheets and the data version (a hash of the
object, see `versi_data`), so a report whose data has not changed is recognised without rendering it. Every function
issues a fixed number of queries whatever the number of OPDs or indicators; nothing is recomputed here.
"""

from .capaian_triwulan import DataCapaianTriwulan, IkuTriwulan, capaian_triwulan_opd
from .evaluasi_pegawai import DataEvaluasiPegawai, DataTidakAda, IndikatorEvaluasi, evaluasi_pegawai
from .kinerja_tahunan import (
    DataTahunanInstansi,
    DataTahunanOpd,
    IkuTahunan,
    OpdTahunan,
    Skor4,
    kinerja_tahunan_instansi,
    kinerja_tahunan_opd,
)
from .laporan_skm import BATAS_SARAN, DataSkm, IkmLayanan, SaranSurvei, label_mutu, laporan_skm
from .penetapan_predikat import DataPenetapanPredikat, penetapan_predikat_opd
from .predikat import (
    label_predikat_organisasi,
    peringatan_sebaran,
    predikat_organisasi,
    sebaran_predikat,
    urutan_predikat_pegawai,
)
from .rekap_instansi import (
    DataRekap,
    Kelengkapan,
    OpdRekap,
    Ringkasan,
    di_bawah_target_per,
    kelengkapan_per,
    rekap_instansi,
    ringkasan_per,
)
from .rekap_pengaduan import BarisPengaduan, DataRekapPengaduan, rekap_pengaduan
from .umum import (
    SERATUS,
    TRIWULAN,
    Analisis,
    Empat,
    Kop,
    batas_periode,
    efisiensi_instansi,
    kop,
    label_periode,
    peringkat,
    persen,
    ringkasan_efisiensi_instansi,
    versi_data,
)

__all__ = [
    "efisiensi_instansi",
    "ringkasan_efisiensi_instansi",
    "BATAS_SARAN",
    "SERATUS",
    "TRIWULAN",
    "Analisis",
    "BarisPengaduan",
    "DataCapaianTriwulan",
    "DataEvaluasiPegawai",
    "DataPenetapanPredikat",
    "DataRekap",
    "DataRekapPengaduan",
    "DataSkm",
    "DataTahunanInstansi",
    "DataTahunanOpd",
    "DataTidakAda",
    "Empat",
    "IkmLayanan",
    "IkuTahunan",
    "IkuTriwulan",
    "IndikatorEvaluasi",
    "Kelengkapan",
    "Kop",
    "OpdRekap",
    "OpdTahunan",
    "Ringkasan",
    "SaranSurvei",
    "Skor4",
    "batas_periode",
    "capaian_triwulan_opd",
    "di_bawah_target_per",
    "evaluasi_pegawai",
    "kelengkapan_per",
    "kinerja_tahunan_instansi",
    "kinerja_tahunan_opd",
    "kop",
    "label_mutu",
    "label_periode",
    "label_predikat_organisasi",
    "laporan_skm",
    "penetapan_predikat_opd",
    "peringatan_sebaran",
    "peringkat",
    "persen",
    "predikat_organisasi",
    "rekap_instansi",
    "rekap_pengaduan",
    "ringkasan_per",
    "sebaran_predikat",
    "urutan_predikat_pegawai",
    "versi_data",
]
