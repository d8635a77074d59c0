"""Tracking codes and the exact complaint figures."""

from fractions import Fraction

import pytest

from pengaduan.kode import ALFABET, BIT_ACAK, hash_kode, kode_baru, normalisasi
from pengaduan.statistik import median, persentase, rerata


def test_codes_carry_at_least_50_random_bits_from_an_unambiguous_alphabet():
    assert BIT_ACAK >= 50
    assert not set("01OILU") & set(ALFABET)
    kode = kode_baru()
    assert len(kode) == 14 and kode.count("-") == 2
    assert normalisasi(kode) is not None


def test_codes_do_not_repeat():
    assert len({kode_baru() for _ in range(5000)}) == 5000


def test_normalisation_accepts_case_spaces_and_dashes():
    kode = kode_baru()
    assert hash_kode(kode.lower().replace("-", " ")) == hash_kode(kode)
    assert normalisasi("ABCD-EFGH-JKM") is None  # too short
    assert normalisasi("ABCD-EFGH-JKM0") is None  # 0 is not in the alphabet
    with pytest.raises(ValueError):
        hash_kode("bukan kode")


def test_only_a_hash_is_stored():
    kode = kode_baru()
    assert normalisasi(kode) not in hash_kode(kode)
    assert len(hash_kode(kode)) == 64


def test_mean_median_share():
    assert rerata([2, 3]) == Fraction(5, 2)
    assert rerata([]) is None
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == Fraction(5, 2)
    assert median([]) is None
    assert persentase(2, 3) == Fraction(200, 3)
    assert persentase(0, 0) is None
    with pytest.raises(ValueError):
        persentase(4, 3)
