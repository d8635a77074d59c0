"""Reporters' attachments: images or PDF only, accepted by what they contain, not by their name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAKS_LAMPIRAN = 5
MAKS_UKURAN = 5 * 1024 * 1024  # each file
MAKS_TOTAL = 15 * 1024 * 1024  # all of a complaint's files together

# Detected type → (allowed name endings, content type).
JENIS_DITERIMA = {
    "pdf": ({"pdf"}, "application/pdf"),
    "png": ({"png"}, "image/png"),
    "jpg": ({"jpg", "jpeg"}, "image/jpeg"),
    "webp": ({"webp"}, "image/webp"),
}
TERIMA_ATRIBUT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp"


def periksa_lampiran(berkas) -> str:
    """Check one file's size and content; returns its content type or raises ValidationError."""
    import filetype

    nama = berkas.name or ""
    if berkas.size > MAKS_UKURAN:
        raise ValidationError(
            _("Berkas %(nama)s terlalu besar (%(ukuran)s); batasnya %(batas)s.")
            % {"nama": nama, "ukuran": filesizeformat(berkas.size), "batas": filesizeformat(MAKS_UKURAN)},
            code="terlalu_besar",
        )
    if berkas.size == 0:
        raise ValidationError(_("Berkas %(nama)s kosong.") % {"nama": nama}, code="kosong")
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(0)
    terdeteksi = filetype.guess(kepala)
    if terdeteksi is None or terdeteksi.extension not in JENIS_DITERIMA:
        raise ValidationError(
            _("Isi berkas %(nama)s bukan gambar (JPG, PNG, WebP) atau PDF. Hanya jenis itu yang diterima.")
            % {"nama": nama},
            code="jenis",
        )
    akhiran, jenis_konten = JENIS_DITERIMA[terdeteksi.extension]
    ekstensi = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ekstensi not in akhiran:
        raise ValidationError(
            _("Nama berkas %(nama)s tidak sesuai isinya (isinya %(jenis)s).")
            % {"nama": nama, "jenis": terdeteksi.extension.upper()},
            code="tidak_sesuai",
        )
    if jenis_konten.startswith("image/"):
        _periksa_gambar(berkas, nama)
    return jenis_konten


def _periksa_gambar(berkas, nama: str) -> None:
    """A picture must open as one: a file that only starts like a JPEG is refused."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(berkas) as gambar:
            gambar.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Gambar %(nama)s rusak atau tidak dapat dibaca.") % {"nama": nama}, code="rusak")
    finally:
        berkas.seek(0)


def periksa_daftar_lampiran(daftar: list) -> list[tuple[object, str]]:
    """Check a whole upload: at most five files, each and all within the limits. Returns (file, content type)."""
    if len(daftar) > MAKS_LAMPIRAN:
        raise ValidationError(
            _("Paling banyak %(n)d lampiran.") % {"n": MAKS_LAMPIRAN},
            code="terlalu_banyak",
        )
    total = sum(b.size for b in daftar)
    if total > MAKS_TOTAL:
        raise ValidationError(
            _("Ukuran semua lampiran bersama paling besar %(batas)s.") % {"batas": filesizeformat(MAKS_TOTAL)},
            code="total_terlalu_besar",
        )
    return [(b, periksa_lampiran(b)) for b in daftar]
