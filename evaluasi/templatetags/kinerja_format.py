"""Numbers the Indonesian way (decimal comma, dot for thousands), with an indicator's own decimal places."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

register = template.Library()

BAND_LABELS = {
    "sangat_baik": _("Sangat Baik"),
    "baik": _("Baik"),
    "cukup": _("Cukup"),
    "kurang": _("Kurang"),
    "sangat_kurang": _("Sangat Kurang"),
}


@register.filter
def angka(value, desimal=2):
    """12345.5 → "12.345,50" with desimal=2 (in the active language's format). Empty for None."""
    if value is None or value == "":
        return ""
    return floatformat(Decimal(value), f"{int(desimal)}g")


@register.filter
def persen(value, desimal=2):
    if value is None or value == "":
        return "–"
    return f"{angka(value, desimal)}%"


@register.filter
def rupiah(value):
    """1250000 → "Rp1.250.000" (two decimals only when there are cents); "–" for None."""
    if value is None or value == "":
        return "–"
    nilai = Decimal(value)
    return f"Rp{angka(nilai, 0 if nilai == nilai.to_integral_value() else 2)}"


@register.filter
def band_label(band):
    return str(BAND_LABELS.get(band, "")) if band else ""


@register.simple_tag
def target_teks(bawah, atas, desimal=2):
    """A single target, or a range "L – U"."""
    if bawah is None:
        return "–"
    if atas is None or atas == bawah:
        return angka(bawah, desimal)
    return f"{angka(bawah, desimal)} – {angka(atas, desimal)}"
