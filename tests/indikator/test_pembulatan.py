"""Exact half-up rounding of computed figures."""

from decimal import Decimal
from fractions import Fraction

import pytest

from indikator.pembulatan import bulatkan

D = Decimal


def test_round_half_up_is_exact():
    assert bulatkan(Fraction(1, 8), 2) == D("0.13")
    assert bulatkan(Fraction(-1, 8), 2) == D("-0.13")
    assert bulatkan(D("2.675"), 2) == D("2.68")  # a float would give 2.67
    assert bulatkan(Fraction(2, 3), 0) == D(1)
    with pytest.raises(TypeError):
        bulatkan(2.675, 2)
