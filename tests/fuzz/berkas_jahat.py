"""Hostile files built in the test process: zip bombs, a workbook of 50,000 rows (its sheet XML written directly, which
takes a fraction of a second), workbooks with strange XML, and damaged copies of a good workbook."""

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_AWAL = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _xlsx(sheet: str | bytes, **lain: str | bytes) -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for nama, isi in lain.items():
            z.writestr(nama, isi)
    return keluar.getvalue()


def _baris(nomor: int, nilai: list[str]) -> str:
    sel = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in nilai)
    return f'<row r="{nomor}">{sel}</row>'


def lembar(baris: int, *, dimensi: bool = True, kolom: list[str] | None = None) -> bytes:
    """A workbook of `baris` data rows under a header row, written as XML (no openpyxl)."""
    kolom = kolom or ["nip", "nama"]
    isi = [_baris(1, kolom)]
    isi += [_baris(n + 2, [f"19800101200501100{n % 10}", f"Pegawai {n}"]) for n in range(baris)]
    kepala = f'<dimension ref="A1:B{baris + 1}"/>' if dimensi else ""
    return _xlsx(SHEET_AWAL + kepala + "<sheetData>" + "".join(isi) + "</sheetData></worksheet>")


def bom_zip(terurai: int = 64 * 1024 * 1024) -> bytes:
    """A workbook whose sheet unpacks to `terurai` bytes of blanks: a few hundred kilobytes on the wire."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", WORKBOOK)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as lembar_:
            lembar_.write(SHEET_AWAL.encode())
            potong = b" " * (1024 * 1024)
            for _ in range(terurai // len(potong)):
                lembar_.write(potong)
            lembar_.write(b"<sheetData/></worksheet>")
    return keluar.getvalue()


def bom_rasio(terurai: int = 4 * 1024 * 1024) -> bytes:
    """Below the total limit, but one member unpacks to a thousand times its size."""
    return bom_zip(terurai)


def banyak_anggota(jumlah: int = 1000) -> bytes:
    return _xlsx(SHEET_AWAL + "<sheetData/></worksheet>", **{f"xl/media/x{i}.xml": "<a/>" for i in range(jumlah)})


def tawa_miliaran() -> bytes:
    """'Billion laughs': entities that expand to gigabytes when a parser resolves them."""
    dtd = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    sheet = '<?xml version="1.0"?>' + dtd + "]>" + SHEET_AWAL[SHEET_AWAL.index("<worksheet") :]
    return _xlsx(
        sheet + '<sheetData><row r="1"><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )


def entitas_luar() -> bytes:
    """An external entity that would read a file of the server."""
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>'
        + SHEET_AWAL[SHEET_AWAL.index("<worksheet") :]
        + '<sheetData><row r="1"><c t="inlineStr"><is><t>&rahasia;</t></is></c></row></sheetData></worksheet>'
    )
    return _xlsx(sheet)


def xml_rusak() -> bytes:
    return _xlsx(SHEET_AWAL + '<sheetData><row r="1"><c><v>1</v></row></sheetData>')


def baris_jauh() -> bytes:
    """Two rows, the second numbered a million: a reader fills the gap with empty rows."""
    return _xlsx(
        SHEET_AWAL
        + "<sheetData>"
        + _baris(1, ["nip", "nama"])
        + _baris(1_000_000, ["x", "y"])
        + "</sheetData></worksheet>"
    )


ANEH = {
    "tawa_miliaran": tawa_miliaran,
    "entitas_luar": entitas_luar,
    "xml_rusak": xml_rusak,
    "baris_jauh": baris_jauh,
    "banyak_anggota": banyak_anggota,
}
