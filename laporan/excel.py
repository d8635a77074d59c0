"""Excel exports of the report tables: one workbook per report, one sheet per table, the same rows as the PDF.

Numbers stay numbers (with a display format), so people can compute with them; text typed by users (kendala, names)
is always written as text, never as a formula. A header block names the instansi, the report, when it was made and
from which data version, like the PDF's letterhead and footer.
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

JENIS_KONTEN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters an .xlsx cannot hold (openpyxl refuses them).
_KARAKTER_ILEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_NAMA_LEMBAR_ILEGAL = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Angka:
    """A number with its own decimal places (an indicator's), where the column's default would be wrong."""

    nilai: Decimal | None
    desimal: int = 2


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = "teks"  # teks | angka | persen | bulat
    desimal: int = 2
    lebar: float = 14


@dataclass
class Lembar:
    nama: str
    judul: str
    kolom: list[Kolom]
    baris: list[list[Any]] = field(default_factory=list)


def _teks(value: str) -> str:
    return _KARAKTER_ILEGAL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def _format_angka(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal else "")


def _nama_lembar(nama: str, dipakai: set[str]) -> str:
    dasar = _NAMA_LEMBAR_ILEGAL.sub("-", nama).strip("'")[:31] or "Lembar"
    hasil, n = dasar, 2
    while hasil.lower() in dipakai:
        akhiran = f" ({n})"
        hasil, n = dasar[: 31 - len(akhiran)] + akhiran, n + 1
    dipakai.add(hasil.lower())
    return hasil


def workbook(
    *,
    judul: str,
    instansi: str,
    dibuat_pada: datetime.datetime,
    versi: str,
    keterangan: list[tuple[str, str]],
    lembar: list[Lembar],
) -> bytes:
    """The workbook as .xlsx bytes. `dibuat_pada` is already in the instansi's zone."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    tebal = Font(bold=True)
    kepala = PatternFill("solid", fgColor="DDE7F0")
    bungkus = Alignment(wrap_text=True, vertical="top")
    dipakai: set[str] = set()
    waktu = f"{dibuat_pada:%d/%m/%Y %H:%M} {dibuat_pada.tzname()}"
    for sheet in lembar:
        ws = wb.create_sheet(_nama_lembar(sheet.nama, dipakai))
        blok = [
            (judul, None),
            (_("Instansi"), instansi),
            *keterangan,
            (_("Tabel"), sheet.judul),
            (_("Dibuat pada"), waktu),
            (_("Versi data"), versi),
        ]
        for nomor, (label, nilai) in enumerate(blok, start=1):
            cell = ws.cell(row=nomor, column=1, value=_teks(label))
            cell.data_type = "s"
            cell.font = Font(bold=True, size=13) if nomor == 1 else tebal
            if nilai is not None:
                isi = ws.cell(row=nomor, column=2, value=_teks(nilai))
                isi.data_type = "s"
        baris_kepala = len(blok) + 2
        for indeks, kolom in enumerate(sheet.kolom, start=1):
            cell = ws.cell(row=baris_kepala, column=indeks, value=_teks(kolom.judul))
            cell.data_type = "s"
            cell.font = tebal
            cell.fill = kepala
            cell.alignment = bungkus
            ws.column_dimensions[get_column_letter(indeks)].width = kolom.lebar
        for nomor, row in enumerate(sheet.baris, start=baris_kepala + 1):
            for indeks, (kolom, value) in enumerate(zip(sheet.kolom, row, strict=True), start=1):
                cell = ws.cell(row=nomor, column=indeks)
                desimal = kolom.desimal
                if isinstance(value, Angka):
                    value, desimal = value.nilai, value.desimal
                if value is None:
                    continue
                if kolom.jenis == "teks" or isinstance(value, str):
                    cell.value = _teks(value)
                    # Text typed by users ("=HYPERLINK(…)") stays text: never a live formula in someone's Excel.
                    cell.data_type = "s"
                    cell.alignment = bungkus
                else:
                    cell.value = value
                    cell.number_format = "0" if kolom.jenis == "bulat" else _format_angka(desimal)
        ws.freeze_panes = ws.cell(row=baris_kepala + 1, column=1)
        ws.print_title_rows = f"{baris_kepala}:{baris_kepala}"
    wb.properties.title = judul
    wb.properties.creator = "Kinerja"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
