"""Evidence files: accepted by what they contain, not by their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Detected type → (allowed name endings, content type). PDF, images and Office documents only.
JENIS_DITERIMA = {
    "pdf": ({"pdf"}, "application/pdf"),
    "png": ({"png"}, "image/png"),
    "jpg": ({"jpg", "jpeg"}, "image/jpeg"),
    "webp": ({"webp"}, "image/webp"),
    "docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ({"pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "doc": ({"doc"}, "application/msword"),
    "xls": ({"xls"}, "application/vnd.ms-excel"),
    "ppt": ({"ppt"}, "application/vnd.ms-powerpoint"),
    "odt": ({"odt"}, "application/vnd.oasis.opendocument.text"),
    "ods": ({"ods"}, "application/vnd.oasis.opendocument.spreadsheet"),
}


def periksa_berkas(berkas) -> tuple[str, str]:
    """Check an uploaded file's size and content. Returns (extension, content type) or raises ValidationError."""
    import filetype

    batas = settings.UPLOAD_MAX_BYTES
    if berkas.size > batas:
        raise ValidationError(
            _("Berkas %(nama)s terlalu besar (%(ukuran)s); batasnya %(batas)s.")
            % {"nama": berkas.name, "ukuran": filesizeformat(berkas.size), "batas": filesizeformat(batas)},
            code="terlalu_besar",
        )
    if berkas.size == 0:
        raise ValidationError(_("Berkas %(nama)s kosong.") % {"nama": berkas.name}, code="kosong")
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(0)
    terdeteksi = filetype.guess(kepala)
    ekstensi = berkas.name.rsplit(".", 1)[-1].lower() if "." in berkas.name else ""
    if terdeteksi is None or terdeteksi.extension not in JENIS_DITERIMA:
        raise ValidationError(
            _("Isi berkas %(nama)s bukan PDF, gambar, atau dokumen Office. Hanya jenis itu yang diterima.")
            % {"nama": berkas.name},
            code="jenis",
        )
    akhiran, jenis_konten = JENIS_DITERIMA[terdeteksi.extension]
    if ekstensi not in akhiran:
        raise ValidationError(
            _("Nama berkas %(nama)s tidak sesuai isinya (isinya %(jenis)s).")
            % {"nama": berkas.name, "jenis": terdeteksi.extension.upper()},
            code="tidak_sesuai",
        )
    return ekstensi, jenis_konten
