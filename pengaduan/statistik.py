"""Exact figures over complaints (mean, median, share): pure functions on integers, results as fractions.

Callers round once, half-up, with `indikator.pembulatan.bulatkan`, to the decimals they show or store.
"""

from collections.abc import Iterable
from fractions import Fraction


def rerata(nilai: Iterable[int]) -> Fraction | None:
    """Mean; None when there is nothing to average."""
    daftar = list(nilai)
    if not daftar:
        return None
    return Fraction(sum(daftar), len(daftar))


def median(nilai: Iterable[int]) -> Fraction | None:
    """Median (mean of the two middle values for an even count); None when empty."""
    daftar = sorted(nilai)
    n = len(daftar)
    if n == 0:
        return None
    tengah = n // 2
    if n % 2:
        return Fraction(daftar[tengah])
    return Fraction(daftar[tengah - 1] + daftar[tengah], 2)


def persentase(bagian: int, keseluruhan: int) -> Fraction | None:
    """bagian / keseluruhan × 100; None when the whole is zero."""
    if bagian < 0 or keseluruhan < 0 or bagian > keseluruhan:
        raise ValueError(f"persentase tidak masuk akal: {bagian} dari {keseluruhan}")
    if keseluruhan == 0:
        return None
    return Fraction(bagian * 100, keseluruhan)
