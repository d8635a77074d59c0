"""Read the QR codes a PDF carries back as module matrices, to compare with the one segno makes for an address (no
QR decoder is needed: the PDF embeds the PNG of penilaian/kode.py, one pixel per module, quiet zone of four)."""

import io


def matriks_qr(teks: str) -> list[list[bool]]:
    import segno

    return [[bool(m) for m in row] for row in segno.make(teks, error="m").matrix]


def qr_dalam_pdf(isi: bytes) -> list[list[list[bool]]]:
    """Every square black-and-white image of the PDF as a matrix of dark modules, the four-module quiet zone left out."""
    from pypdf import PdfReader

    hasil = []
    for page in PdfReader(io.BytesIO(isi)).pages:
        for gambar in page.images:
            img = gambar.image.convert("L")
            lebar, tinggi = img.size
            if lebar != tinggi or lebar <= 8 or {c for _n, c in img.getcolors()} != {0, 255}:
                continue  # not a QR code (a logo, say)
            piksel = img.load()
            matriks = [[piksel[x, y] < 128 for x in range(4, lebar - 4)] for y in range(4, tinggi - 4)]
            if matriks not in hasil:  # pages may share one resource dictionary: each lists every image
                hasil.append(matriks)
    return hasil
