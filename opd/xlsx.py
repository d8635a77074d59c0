"""Opening an uploaded Excel workbook safely: the archive and its XML are checked before openpyxl reads them.

An .xlsx is a zip of XML files. A hostile or broken one can be a zip bomb (a few kilobytes that unpack to gigabytes),
hold thousands of members, declare XML entities that expand without end, or be a sheet of a million rows. Each is
refused here, with a message for the user, within time and memory bounded by the limits below, not by the file.
"""

import io
import re
import zipfile
import zlib
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Limits for any workbook the application reads (the grid's and the staff imports are far below them).
MAKS_BARIS = 20_000
MAKS_ANGGOTA = 200  # members of the zip archive
MAKS_TERURAI = 50 * 1024 * 1024  # total uncompressed bytes
MAKS_RASIO = 100  # uncompressed / compressed, for a member large enough to matter
RASIO_DARI = 1024 * 1024  # members smaller than this unpack to little whatever their ratio

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF_BARIS = re.compile(r"^[A-Z]{0,3}(\d{1,9})$")


class XlsxDitolak(ValueError):
    """The workbook may not be opened; str(exc) says why, for the user. `kode`: "rusak" (not a readable workbook),
    "bom" (unpacks too large), "anggota" (too many members) or "baris" (too many rows)."""

    def __init__(self, pesan: str, kode: str = "rusak"):
        super().__init__(pesan)
        self.kode = kode


def periksa_xlsx(data: bytes, *, maks_baris: int = MAKS_BARIS) -> None:
    """Raise XlsxDitolak unless `data` is a well-formed workbook within the limits."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError

    rusak = _("Berkas bukan berkas Excel .xlsx yang dapat dibaca: berkas rusak atau bukan .xlsx.")
    if not data.startswith(b"PK\x03\x04"):
        raise XlsxDitolak(rusak)
    try:
        arsip = zipfile.ZipFile(io.BytesIO(data))
        anggota = arsip.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
        raise XlsxDitolak(rusak) from None
    with arsip:
        _periksa_arsip(anggota)
        nama = {a.filename for a in anggota}
        if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
            raise XlsxDitolak(rusak)
        try:
            for info in anggota:
                if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith("xl/worksheets/"):
                    _urai(arsip, info)
            for info in anggota:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _periksa_lembar(arsip, info, maks_baris=maks_baris)
        except XlsxDitolak:
            raise
        except (ParseError, DefusedXmlException, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            # Malformed XML, a DTD or entity, a checksum that does not match: all one case to the user.
            raise XlsxDitolak(rusak) from None


def buka_xlsx(data: bytes, *, maks_baris: int = MAKS_BARIS) -> Any:
    """The workbook (openpyxl, read-only, values only) once `periksa_xlsx` accepts it. Raises XlsxDitolak."""
    import openpyxl

    periksa_xlsx(data, maks_baris=maks_baris)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # Well-formed XML that is still not a workbook openpyxl understands.
        raise XlsxDitolak(
            _("Berkas bukan berkas Excel .xlsx yang dapat dibaca: berkas rusak atau bukan .xlsx.")
        ) from None


def _periksa_arsip(anggota: list[zipfile.ZipInfo]) -> None:
    if len(anggota) > MAKS_ANGGOTA:
        raise XlsxDitolak(
            _("Berkas Excel ditolak: berisi %(jumlah)s bagian, paling banyak %(maks)s.")
            % {"jumlah": number_format(len(anggota), force_grouping=True), "maks": MAKS_ANGGOTA},
            "anggota",
        )
    total = 0
    for info in anggota:
        total += info.file_size
        rasio = info.file_size / max(info.compress_size, 1)
        if total > MAKS_TERURAI or (info.file_size > RASIO_DARI and rasio > MAKS_RASIO):
            raise XlsxDitolak(
                _(
                    "Berkas Excel ditolak: isinya bila dibuka jauh lebih besar dari berkasnya (lebih dari %(maks)s MB). "
                    "Simpan ulang berkas dari Excel lalu unggah kembali."
                )
                % {"maks": MAKS_TERURAI // (1024 * 1024)},
                "bom",
            )


def _urai(arsip: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse a member as a stream, dropping each element once read: only well-formedness is asked."""
    from defusedxml.ElementTree import iterparse

    with arsip.open(info) as berkas:
        for _peristiwa, elemen in iterparse(berkas, events=("end",)):
            elemen.clear()


def _periksa_lembar(arsip: zipfile.ZipFile, info: zipfile.ZipInfo, *, maks_baris: int) -> None:
    """Stream a sheet: refuse it when its declared dimension or its rows exceed `maks_baris`; memory stays small."""
    from defusedxml.ElementTree import iterparse

    terlalu_banyak = XlsxDitolak(
        _("Berkas berisi lebih dari %(maks)s baris. Pecah menjadi beberapa berkas.")
        % {"maks": number_format(maks_baris, force_grouping=True)},
        "baris",
    )
    baris = 0
    induk = None
    with arsip.open(info) as berkas:
        for peristiwa, elemen in iterparse(berkas, events=("start", "end")):
            tag = elemen.tag
            if peristiwa == "start":
                if tag == f"{_NS_MAIN}sheetData":
                    induk = elemen
                continue
            if tag == f"{_NS_MAIN}dimension":
                akhir = (elemen.get("ref") or "").rsplit(":", 1)[-1].replace("$", "")
                cocok = _REF_BARIS.match(akhir)
                if cocok and int(cocok.group(1)) > maks_baris:
                    raise terlalu_banyak
            elif tag == f"{_NS_MAIN}row":
                baris += 1
                nomor = elemen.get("r") or ""
                # openpyxl fills the gap up to a row's number with empty rows: a high number counts as that many.
                if baris > maks_baris or (nomor.isdigit() and (len(nomor) > 9 or int(nomor) > maks_baris)):
                    raise terlalu_banyak
                if nomor and not nomor.isdigit():
                    raise XlsxDitolak(
                        _("Berkas bukan berkas Excel .xlsx yang dapat dibaca: berkas rusak atau bukan .xlsx.")
                    )
                if induk is not None:
                    induk.remove(elemen)
