"""Formatting for the reports and dashboards: Indonesian numbers (1.234,50), percentages, bands, targets."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from evaluasi.models import BAND_CHOICES, STATUS_CAPAIAN_CHOICES, Realisasi
from indikator.models import ROMAWI
from laporan import format as fmt

register = template.Library()

LABEL_BAND = dict(BAND_CHOICES)
LABEL_STATUS = dict(STATUS_CAPAIAN_CHOICES)
LABEL_KEADAAN = dict(Realisasi.Status.choices)


@register.filter
def angka(value, desimal=2):
    """A number in the active language's format with fixed decimals, rounded half-up; "–" for none."""
    return fmt.angka(value, int(desimal))


@register.filter
def persen(value, desimal=2):
    return fmt.persen(value, int(desimal))


@register.filter
def rupiah(value):
    """An amount in rupiah: "1.250.000" (cents only when there are some); "–" for none."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    return fmt.angka(value, 0 if value == value.to_integral_value() else 2)


@register.filter
def bertanda(value, desimal=2):
    """A change in percentage points with its sign: +3,50 / −2,00."""
    if value is None:
        return "–"
    value = Decimal(value)
    text = fmt.angka(abs(value), int(desimal))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


@register.filter
def band_label(kode):
    return LABEL_BAND.get(kode, "") if kode else ""


@register.filter
def status_capaian(kode):
    if not kode:
        return _("Belum dihitung")
    return LABEL_STATUS.get(kode, kode)


@register.filter
def keadaan(kode):
    """The realisation's workflow state, or that nothing was entered."""
    return LABEL_KEADAAN.get(kode, "") if kode else _("Belum diisi")


@register.filter
def tw(triwulan):
    return f"TW {ROMAWI.get(int(triwulan), triwulan)}" if triwulan else ""


@register.filter
def romawi(triwulan):
    return ROMAWI.get(int(triwulan), triwulan) if triwulan else ""


@register.simple_tag
def target(bawah, atas, desimal=2):
    """A single target or a range L – U."""
    if bawah is None:
        return "–"
    if atas is None or atas == bawah:
        return angka(bawah, desimal)
    return f"{angka(bawah, desimal)} – {angka(atas, desimal)}"


@register.filter
def index(sequence, i):
    return sequence[int(i)]


@register.filter
def qr(alamat: str) -> str:
    """The QR code of an address as a PNG data: URI (the report renderer accepts PNG data: images)."""
    from penilaian.kode import qr_data_uri

    return qr_data_uri(alamat) if alamat else ""
