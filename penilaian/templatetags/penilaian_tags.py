"""Labels and badge classes for ratings, predikat and statuses of the evaluation pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from penilaian.models import PredikatKinerja, PredikatOrganisasi, Rating

register = template.Library()

_KELAS_PREDIKAT = {
    "sangat_baik": "band-sangat_baik",
    "baik": "band-baik",
    "butuh_perbaikan": "band-cukup",
    "kurang": "band-kurang",
    "sangat_kurang": "band-sangat_kurang",
    "istimewa": "band-sangat_baik",
}
_KELAS_STATUS = {
    "belum_dimulai": "text-bg-light border",
    "draf": "text-bg-warning",
    "final": "text-bg-primary",
    "diakui": "text-bg-success",
    "diajukan": "text-bg-info",
    "disetujui": "text-bg-success",
    "dikembalikan": "text-bg-danger",
    "direkomendasikan": "text-bg-warning",
    "ditolak": "text-bg-secondary",
    "dibatalkan": "text-bg-secondary",
    "dijadwalkan": "text-bg-info",
    "selesai": "text-bg-success",
    "terdaftar": "text-bg-info",
    "hadir": "text-bg-success",
    "tidak_hadir": "text-bg-secondary",
}


@register.filter
def predikat_kelas(kode) -> str:
    return _KELAS_PREDIKAT.get(str(kode or ""), "band-none")


@register.filter
def status_kelas(kode) -> str:
    return _KELAS_STATUS.get(str(kode or ""), "text-bg-light border")


@register.filter
def rating_label(kode) -> str:
    kode = str(kode or "")
    return str(Rating(kode).label) if kode in Rating.values else ""


@register.filter
def predikat_label(kode) -> str:
    kode = str(kode or "")
    return str(PredikatKinerja(kode).label) if kode in PredikatKinerja.values else ""


@register.filter
def predikat_organisasi_label(kode) -> str:
    kode = str(kode or "")
    return str(PredikatOrganisasi(kode).label) if kode in PredikatOrganisasi.values else ""


_KELOMPOK = {"sebelum": _("Sebelum"), "selama": _("Selama"), "sesudah": _("Sesudah")}


@register.filter
def kelompok_label(kode) -> str:
    return str(_KELOMPOK.get(str(kode or ""), ""))


@register.filter
def nama_pengguna(user) -> str:
    """A user's full name, else their username; empty for no user (a deleted account)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
