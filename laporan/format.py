"""Numbers as people read them: in the active language's format (Indonesian 1.234,56), rounded half-up.

Django's number_format cuts extra decimals off a Decimal instead of rounding them (96,6667 would read 96,66); the
domain rounds half-up, so values are quantized first.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format


def angka(value, desimal: int = 2) -> str:
    """ "–" for none."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        number = number.quantize(Decimal(1).scaleb(-int(desimal)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    return number_format(number, int(desimal), use_l10n=True, force_grouping=True)


def persen(value, desimal: int = 2) -> str:
    return "–" if value is None or value == "" else f"{angka(value, desimal)}%"
