"""IKM (PermenPAN-RB 14/2017): the domain.md example and every grade boundary, exactly."""

from decimal import Decimal
from fractions import Fraction

import pytest

from survei.ikm import Mutu, hitung_ikm, ikm_dari_jumlah, mutu_pelayanan

D = Decimal

CONTOH = [
    (4, 3, 3, 4, 4, 3, 3, 2, 3),
    (3, 3, 2, 4, 3, 3, 4, 3, 3),
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
    (3, 2, 3, 4, 3, 3, 3, 2, 3),
]


def test_domain_example():
    hasil = hitung_ikm(CONTOH)
    assert hasil.jumlah_responden == 4
    assert hasil.nrr == tuple(D(x) for x in ("3.5", "3.0", "2.75", "4.0", "3.5", "3.25", "3.5", "2.5", "3.25"))
    assert hasil.ikm == D("3.25")
    assert hasil.konversi == D("81.25")
    assert hasil.mutu is Mutu.B
    assert hasil.ikm_tepat == Fraction(13, 4)


def test_exact_one_ninth_not_0_111():
    # Σ NRR = 29 → IKM 29/9 = 3.2222…, konversi 80.5555… → 80.56. With 0.111 it would be 3.219 → 80.475 → 80.48.
    hasil = ikm_dari_jumlah([4, 4, 3, 3, 3, 3, 3, 3, 3], [1] * 9, 1)
    assert hasil.ikm_tepat == Fraction(29, 9)
    assert hasil.konversi == D("80.56")
    assert hasil.ikm == D("3.2222")


@pytest.mark.parametrize(
    ("konversi", "mutu"),
    [
        ("100", Mutu.A),
        ("88.31", Mutu.A),
        ("88.30", Mutu.B),
        ("88.305", Mutu.A),  # rounded half-up to 88.31
        ("88.3049", Mutu.B),
        ("76.61", Mutu.B),
        ("76.60", Mutu.C),
        ("76.605", Mutu.B),
        ("65.00", Mutu.C),
        ("64.995", Mutu.C),  # rounds to 65.00
        ("64.99", Mutu.D),
        ("64.994", Mutu.D),
        ("25.00", Mutu.D),
    ],
)
def test_mutu_band_boundaries(konversi, mutu):
    assert mutu_pelayanan(D(konversi)) is mutu


def test_mutu_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        mutu_pelayanan(D("24.99"))
    with pytest.raises(ValueError):
        mutu_pelayanan(D("100.01"))


def test_boundary_reached_by_real_answers():
    # 36 answers summing to 127 over 9 elements of 4 respondents → IKM 127/36, konversi 88.194… → B.
    hasil = ikm_dari_jumlah([15, 14, 14, 14, 14, 14, 14, 14, 14], [4] * 9, 4)
    assert hasil.konversi == D("88.19")
    assert hasil.mutu is Mutu.B


def test_nrr_counts_only_those_who_answered():
    hasil = hitung_ikm([(4, 4, 4, 4, 4, 4, 4, 4, 4), (2, None, 2, 2, 2, 2, 2, 2, 2)])
    assert hasil.nrr[0] == D(3)
    assert hasil.nrr[1] == D(4)
    assert hasil.konversi == D("77.78")  # (3×8 + 4) / 9 × 25 = 77.777…


def test_an_element_nobody_answered_makes_ikm_uncomputable():
    hasil = hitung_ikm([(4, None, 4, 4, 4, 4, 4, 4, 4)])
    assert hasil.nrr[1] is None
    assert hasil.ikm is None and hasil.konversi is None and hasil.mutu is None
    assert not hasil.dapat_dihitung


def test_no_respondents():
    hasil = hitung_ikm([])
    assert hasil.jumlah_responden == 0
    assert hasil.konversi is None


def test_scores_are_checked():
    with pytest.raises(ValueError):
        hitung_ikm([(5, 4, 4, 4, 4, 4, 4, 4, 4)])
    with pytest.raises(TypeError):
        hitung_ikm([(4.0, 4, 4, 4, 4, 4, 4, 4, 4)])
    with pytest.raises(ValueError):
        hitung_ikm([(4, 4, 4)])
    with pytest.raises(ValueError):
        ikm_dari_jumlah([40] + [4] * 8, [1] * 9, 1)
