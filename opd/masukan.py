"""Reading numbers from query parameters and POST keys safely.

`str.isdigit()` is true of "²" and "①", which int() refuses; int() accepts "٢٠٢٦" and a string of 5,000 nines
(slowly, or not at all past 4,300 digits). An id or a year from a request is ASCII digits of a sensible length, or it
is not there: these functions return None (or the default) for anything else and never raise.
"""

import re

_ANGKA = re.compile(r"[0-9]{1,18}")  # fits a PostgreSQL bigint


def angka(teks: object, *, maks_digit: int = 18) -> int | None:
    """A non-negative whole number written in ASCII digits (spaces around allowed), else None."""
    if not isinstance(teks, str):
        return None
    teks = teks.strip()
    if len(teks) > maks_digit or not _ANGKA.fullmatch(teks):
        return None
    return int(teks)


def tahun(teks: object, *, bawaan: int, dari: int = 2000, sampai: int = 2100) -> int:
    """A year between `dari` and `sampai`, else `bawaan`."""
    nilai = angka(teks, maks_digit=4)
    return nilai if nilai is not None and dari <= nilai <= sampai else bawaan


def triwulan(teks: object) -> int | None:
    nilai = angka(teks, maks_digit=1)
    return nilai if nilai in (1, 2, 3, 4) else None
