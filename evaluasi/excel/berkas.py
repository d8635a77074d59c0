"""The workbook's layout (columns, header block, limits), the upload's data classes, and the download: `grid_xlsx`
writes one row per indicator with hidden technical columns (indicator id, version) and a header block naming the OPD,
tahun and triwulan, so that a file is only ever applied to the grid it came from."""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.models import Realisasi
from evaluasi.selectors import BarisGrid
from indikator.models import ROMAWI, Indikator
from opd.models import Opd

FORMAT = "kinerja-realisasi/1"
UKURAN_MAKS = 5 * 1024 * 1024
MAKS_BARIS = 5000
JENIS_KONTEN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Layout of the sheet. The header block's technical values sit in the hidden columns A and B (key, value); the
# row of column keys is hidden too, so that the visible labels may be translated without breaking the upload.
BARIS_KUNCI = 9
BARIS_LABEL = 10
BARIS_DATA = 11
PANJANG_TEKS = {"kendala": 4000, "solusi": 4000, "bukti_teks": 2000}
PANJANG_TAUTAN = 500


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: Any
    lebar: float
    dapat_diisi: bool = False
    tersembunyi: bool = False


KOLOM = (
    Kolom("id_indikator", gettext_lazy("ID indikator"), 10, tersembunyi=True),
    Kolom("versi", gettext_lazy("Versi"), 8, tersembunyi=True),
    Kolom("kode", gettext_lazy("Kode"), 12),
    Kolom("nama", gettext_lazy("Indikator"), 48),
    Kolom("pemilik", gettext_lazy("Pemilik"), 28),
    Kolom("satuan", gettext_lazy("Satuan"), 12),
    Kolom("polaritas", gettext_lazy("Polaritas"), 22),
    Kolom("target", gettext_lazy("Target TW"), 16),
    Kolom("nilai", gettext_lazy("Realisasi"), 14, dapat_diisi=True),
    Kolom("kendala", gettext_lazy("Kendala"), 40, dapat_diisi=True),
    Kolom("solusi", gettext_lazy("Solusi / rencana tindak lanjut"), 40, dapat_diisi=True),
    Kolom("bukti_tautan", gettext_lazy("Tautan bukti"), 36, dapat_diisi=True),
    Kolom("bukti_teks", gettext_lazy("Keterangan bukti"), 36, dapat_diisi=True),
    Kolom("status", gettext_lazy("Status"), 14),
    # Budget of an IKU in the triwulan (rupiah); files downloaded before these columns existed are still accepted.
    Kolom("pagu", gettext_lazy("Pagu anggaran (Rp)"), 18, dapat_diisi=True),
    Kolom("serapan", gettext_lazy("Serapan anggaran (Rp)"), 18, dapat_diisi=True),
)
KOLOM_ANGGARAN = ("pagu", "serapan")
KOLOM_BY_KUNCI = {k.kunci: k for k in KOLOM}
INDEKS = {k.kunci: i for i, k in enumerate(KOLOM)}  # 0-based column index
# The fields an upload may change, in the order the report lists them.
FIELD_DIISI = ("nilai", "kendala", "solusi", "bukti_tautan", "bukti_teks", "pagu", "serapan")

# Characters an .xlsx cannot hold (openpyxl refuses them); removed on the way out and ignored when comparing.
_KARAKTER_ILEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


class BerkasTidakValid(Exception):
    """The file as a whole cannot be used (not an .xlsx, not our sheet, another OPD's or quarter's)."""


@dataclass
class GalatBaris:
    baris: int  # the spreadsheet row number; 0 when the error concerns the whole file
    kode: str
    kolom: str
    pesan: str


@dataclass
class BarisBerkas:
    """One data row of the uploaded sheet: its row number and the raw cell values by column key."""

    baris: int
    sel: dict[str, Any]


@dataclass
class Perubahan:
    """A row whose values differ from what is stored: what is saved, and old → new for the report."""

    baris: int
    indikator: Indikator
    versi: int
    nilai: Decimal | None
    kendala: str
    solusi: str
    bukti_tautan: str
    bukti_teks: str
    pagu: Decimal | None = None
    serapan: Decimal | None = None
    rincian: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class HasilUnggahan:
    perubahan: list[Perubahan] = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)
    tidak_berubah: int = 0
    jumlah_baris: int = 0

    @property
    def berhasil(self) -> bool:
        return not self.galat


# -- download --------------------------------------------------------------------------------------------------------


def nama_berkas(*, opd: Opd, tahun: int, triwulan: int) -> str:
    kode = re.sub(r"[^A-Za-z0-9-]+", "-", opd.kode).strip("-") or str(opd.pk)
    return f"realisasi-{kode}-{tahun}-TW{ROMAWI[triwulan]}.xlsx"


def _teks_sel(value: str) -> str:
    return _KARAKTER_ILEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _tulis(cell, value) -> None:
    cell.value = value
    if isinstance(value, str):
        # Text typed by users ("=HYPERLINK(…)") stays text: never a live formula in someone else's Excel.
        cell.data_type = "s"


def _format_angka(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal else "")


def grid_xlsx(*, opd: Opd, tahun: int, triwulan: int, rows: list[BarisGrid], dibuat_pada=None) -> bytes:
    """The grid of one OPD and triwulan as .xlsx bytes: editable cells unlocked, everything else protected."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    instansi = opd.instansi
    zona = ZoneInfo(instansi.zona_waktu)
    dibuat_pada = (dibuat_pada or timezone.now()).astimezone(zona)
    tw = ROMAWI[triwulan]

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _("Realisasi TW %(tw)s") % {"tw": tw}
    tebal = Font(bold=True)
    isian = PatternFill("solid", fgColor="FFF8DC")
    terkunci = PatternFill("solid", fgColor="EEEEEE")
    kepala = PatternFill("solid", fgColor="DDE7F0")
    bungkus = Alignment(wrap_text=True, vertical="top")
    atas = Alignment(vertical="top")

    # Header block: visible labels in C/D, technical key/value pairs in the hidden A/B.
    judul = _("Realisasi TW %(tw)s %(tahun)s · %(opd)s") % {"tw": tw, "tahun": tahun, "opd": opd.nama}
    _tulis(ws.cell(row=1, column=3), judul)
    ws.cell(row=1, column=3).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=len(KOLOM))
    blok = [
        ("format", FORMAT, None, None),
        ("instansi", instansi.pk, _("Instansi"), instansi.nama),
        ("opd", opd.pk, _("OPD"), f"{opd.nama} ({opd.kode})"),
        ("tahun", tahun, _("Tahun"), str(tahun)),
        ("triwulan", triwulan, _("Triwulan"), f"TW {tw}"),
        (None, None, _("Dibuat pada"), f"{dibuat_pada:%d/%m/%Y %H:%M} {dibuat_pada.tzname()}"),
        (
            None,
            None,
            _("Petunjuk"),
            _(
                "Isi hanya sel berlatar kuning: realisasi, kendala, solusi, tautan bukti, keterangan bukti, dan untuk "
                "IKU pagu serta serapan anggaran dalam rupiah (serapan tidak boleh melebihi pagu). Jangan "
                "menambah, menghapus, atau memindah baris dan kolom. Baris yang sudah diajukan atau diverifikasi "
                "tidak dapat diubah. Unggah kembali berkas ini di halaman Unggah Excel."
            ),
        ),
    ]
    for nomor, (kunci, nilai, label, teks) in enumerate(blok, start=1):
        if kunci:
            _tulis(ws.cell(row=nomor, column=1), kunci)
            _tulis(ws.cell(row=nomor, column=2), nilai)
        if label:
            _tulis(ws.cell(row=nomor, column=3), label)
            ws.cell(row=nomor, column=3).font = tebal
            _tulis(ws.cell(row=nomor, column=4), teks)
    ws.merge_cells(start_row=7, start_column=4, end_row=7, end_column=len(KOLOM))
    ws.cell(row=7, column=4).alignment = bungkus
    ws.row_dimensions[7].height = 45

    for indeks, kolom in enumerate(KOLOM, start=1):
        _tulis(ws.cell(row=BARIS_KUNCI, column=indeks), kolom.kunci)
        label = ws.cell(row=BARIS_LABEL, column=indeks)
        _tulis(label, str(kolom.label))
        label.font = tebal
        label.fill = isian if kolom.dapat_diisi else kepala
        label.alignment = bungkus
        huruf = get_column_letter(indeks)
        ws.column_dimensions[huruf].width = kolom.lebar
        ws.column_dimensions[huruf].hidden = kolom.tersembunyi
    ws.row_dimensions[BARIS_KUNCI].hidden = True

    status_label = dict(Realisasi.Status.choices)
    for nomor, row in enumerate(rows, start=BARIS_DATA):
        ind = row.indikator
        realisasi = row.realisasi
        target = row.target
        if target is None:
            target_sel: Any = ""
        elif target.target_atas is None or target.target_atas == target.target_bawah:
            target_sel = target.target_bawah
        else:
            target_sel = (
                f"{number_format(target.target_bawah, ind.desimal)} – {number_format(target.target_atas, ind.desimal)}"
            )
        nilai = {
            "id_indikator": ind.pk,
            "versi": row.versi,
            "kode": ind.kode,
            "nama": ind.nama,
            "pemilik": ind.pegawai.nama_lengkap if ind.pegawai_id else opd.nama,
            "satuan": ind.satuan,
            "polaritas": ind.get_polaritas_display(),
            "target": target_sel,
            "nilai": realisasi.nilai if realisasi else None,
            "kendala": _teks_sel(realisasi.kendala) if realisasi else "",
            "solusi": _teks_sel(realisasi.solusi) if realisasi else "",
            "bukti_tautan": realisasi.bukti_tautan if realisasi else "",
            "bukti_teks": _teks_sel(realisasi.bukti_teks) if realisasi else "",
            "status": str(status_label[realisasi.status]) if realisasi else _("Belum diisi"),
            "pagu": realisasi.pagu if realisasi else None,
            "serapan": realisasi.serapan if realisasi else None,
        }
        iku = ind.jenis == Indikator.Jenis.IKU
        baris_terbuka = row.dapat_diubah
        for indeks, kolom in enumerate(KOLOM, start=1):
            cell = ws.cell(row=nomor, column=indeks)
            _tulis(cell, nilai[kolom.kunci])
            cell.alignment = bungkus if kolom.kunci in ("nama", "kendala", "solusi", "bukti_teks") else atas
            dapat_diisi = kolom.dapat_diisi and baris_terbuka
            if kolom.kunci == "nilai":
                cell.number_format = _format_angka(ind.desimal)
                # An automatic feed fills this value; the upload ignores this cell.
                dapat_diisi = dapat_diisi and ind.sumber_realisasi == Indikator.SumberRealisasi.MANUAL
            elif kolom.kunci == "target" and not isinstance(target_sel, str):
                cell.number_format = _format_angka(ind.desimal)
            elif kolom.kunci in KOLOM_ANGGARAN:
                cell.number_format = "#,##0.##"
                dapat_diisi = dapat_diisi and iku
            if dapat_diisi:
                cell.protection = Protection(locked=False)
                cell.fill = isian
            elif kolom.dapat_diisi:
                cell.fill = terkunci

    terakhir = BARIS_DATA + len(rows) - 1
    if rows:
        huruf_nilai = get_column_letter(INDEKS["nilai"] + 1)
        angka = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Realisasi tidak valid"),
            error=_("Realisasi harus berupa angka, tidak boleh negatif."),
        )
        angka.add(f"{huruf_nilai}{BARIS_DATA}:{huruf_nilai}{terakhir}")
        ws.add_data_validation(angka)
        rupiah = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Anggaran tidak valid"),
            error=_("Anggaran harus berupa jumlah rupiah, tidak boleh negatif."),
        )
        for kunci in KOLOM_ANGGARAN:
            huruf = get_column_letter(INDEKS[kunci] + 1)
            rupiah.add(f"{huruf}{BARIS_DATA}:{huruf}{terakhir}")
        ws.add_data_validation(rupiah)
        for kunci, batas in (*PANJANG_TEKS.items(), ("bukti_tautan", PANJANG_TAUTAN)):
            huruf = get_column_letter(INDEKS[kunci] + 1)
            panjang = DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(batas),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Teks terlalu panjang"),
                error=_("Paling banyak %(n)d karakter.") % {"n": batas},
            )
            panjang.add(f"{huruf}{BARIS_DATA}:{huruf}{terakhir}")
            ws.add_data_validation(panjang)

    ws.freeze_panes = ws.cell(row=BARIS_DATA, column=INDEKS["nama"] + 1)
    ws.print_title_rows = f"{BARIS_LABEL}:{BARIS_LABEL}"
    # Protected without a password: it guards against slips, not against a determined user (the upload re-checks
    # everything). Resizing rows and columns stays allowed.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    wb.properties.title = judul
    wb.properties.creator = "Kinerja"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- reading ---------------------------------------------------------------------------------------------------------
