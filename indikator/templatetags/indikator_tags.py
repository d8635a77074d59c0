"""Showing indicator values: with the indicator's own number of decimals, in Indonesian notation."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def nilai(value: Decimal | None, desimal: int = 2) -> str:
    """``{{ target|nilai:indikator.desimal }}``: 1.250,50 for 1250.5 with 2 decimals; a dash when empty."""
    if value is None or value == "":
        return "–"
    return floatformat(value, f"{int(desimal)}g")
