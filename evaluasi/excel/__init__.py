"""The quarter's grid as an Excel workbook, and the same workbook uploaded back filled in.

Download: `grid_xlsx` writes one row per indicator with hidden technical columns (indicator id, version) and a header
block naming the OPD, tahun and triwulan, so that a file is only ever applied to the grid it came from.

Upload: `realisasi_unggah` = `baca_unggahan` (the file as rows; refuses a file that is not ours) → `validasi_unggahan`
(every row checked on preloaded data, a fixed number of queries) → `terapkan_unggahan` (all changed rows in one
transaction through `services.realisasi_simpan`, or none).
"""

from .berkas import (
    BARIS_DATA,
    BARIS_KUNCI,
    BARIS_LABEL,
    FIELD_DIISI,
    FORMAT,
    INDEKS,
    JENIS_KONTEN,
    KOLOM,
    KOLOM_BY_KUNCI,
    MAKS_BARIS,
    PANJANG_TAUTAN,
    PANJANG_TEKS,
    UKURAN_MAKS,
    BarisBerkas,
    BerkasTidakValid,
    GalatBaris,
    HasilUnggahan,
    Kolom,
    Perubahan,
    grid_xlsx,
    nama_berkas,
)
from .unggah import baca_unggahan, nilai_dari_sel, realisasi_unggah, terapkan_unggahan, validasi_unggahan

__all__ = [
    "FORMAT",
    "UKURAN_MAKS",
    "MAKS_BARIS",
    "JENIS_KONTEN",
    "BARIS_KUNCI",
    "BARIS_LABEL",
    "BARIS_DATA",
    "PANJANG_TEKS",
    "PANJANG_TAUTAN",
    "KOLOM",
    "KOLOM_BY_KUNCI",
    "INDEKS",
    "FIELD_DIISI",
    "Kolom",
    "BerkasTidakValid",
    "GalatBaris",
    "BarisBerkas",
    "Perubahan",
    "HasilUnggahan",
    "nama_berkas",
    "grid_xlsx",
    "baca_unggahan",
    "validasi_unggahan",
    "terapkan_unggahan",
    "realisasi_unggah",
    "nilai_dari_sel",
]
