"""Exact half-up rounding of computed figures (a mean, a share, an IKM), once, to the decimals they are stored or
shown with: pure functions, no ORM.

The figures are computed as exact fractions, so binary rounding can never decide a value or a grade; only the result
is rounded, half away from zero.
"""

from decimal import Decimal
from fractions import Fraction

__all__ = ["bulatkan"]


def bulatkan(nilai: Fraction | Decimal | int, tempat: int) -> Decimal:
    """Round half-up (away from zero at .5) to `tempat` decimals, exactly."""
    if isinstance(nilai, float):
        raise TypeError("nilai tidak boleh float")
    pecahan = Fraction(nilai)
    skala = 10**tempat
    tanda = -1 if pecahan < 0 else 1
    dibesarkan = abs(pecahan) * skala
    bulat = (dibesarkan.numerator * 2 + dibesarkan.denominator) // (2 * dibesarkan.denominator)
    return Decimal(tanda * bulat).scaleb(-tempat)
