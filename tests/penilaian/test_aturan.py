"""The evaluation arithmetic of penilaian/aturan.py: exhaustive, no database."""

import datetime
from decimal import Decimal
from fractions import Fraction
from itertools import product

import pytest

from penilaian.aturan import (
    NILAI_BERAKHLAK,
    AturanDistribusi,
    BatasPredikatOrganisasi,
    IndikatorHasilKerja,
    KelompokTriwulan,
    Predikat,
    PredikatOrganisasi,
    Rating,
    batas_triwulan,
    kelompok_triwulan,
    periksa_distribusi,
    persen,
    predikat,
    rerata_perilaku,
    saran_hasil_kerja,
    saran_perilaku,
    saran_perilaku_dari_rerata,
    saran_predikat_organisasi,
)

D = Decimal
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
P = Predikat
Org = PredikatOrganisasi


# -- the predikat matrix: all nine cells ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        (A, B, P.KURANG),
        (A, S, P.BAIK),
        (A, A, P.SANGAT_BAIK),
        (S, B, P.KURANG),
        (S, S, P.BAIK),
        (S, A, P.BAIK),
        (B, B, P.SANGAT_KURANG),
        (B, S, P.BUTUH_PERBAIKAN),
        (B, A, P.BUTUH_PERBAIKAN),
    ],
)
def test_predikat_matrix_cell(hasil, perilaku, expected):
    assert predikat(hasil, perilaku) is expected
    assert predikat(hasil.value, perilaku.value) is expected  # the stored strings work too


def test_predikat_matrix_covers_every_pair_exactly_once():
    cells = {(h, p): predikat(h, p) for h, p in product(Rating, Rating)}
    assert len(cells) == 9
    assert set(cells.values()) == set(Predikat)


def test_predikat_refuses_unknown_rating():
    with pytest.raises(ValueError):
        predikat("baik", "sesuai")


# -- hasil kerja suggestion ----------------------------------------------------------------------------------------


def ind(capped, bobot=1, utama=True, kunci=None):
    return IndikatorHasilKerja(None if capped is None else D(capped), D(bobot), utama, kunci)


@pytest.mark.parametrize(
    ("capped", "expected"),
    [
        ("110", S),  # exactly 100 + tolerance meets
        ("110.0001", A),
        ("90", S),  # exactly 100 − tolerance meets
        ("89.9999", B),
        ("100", S),
        ("120", A),
        ("0", B),
    ],
)
def test_single_indicator_boundaries_with_default_tolerance(capped, expected):
    saran = saran_hasil_kerja([ind(capped)])
    assert saran.rating is expected
    assert saran.per_indikator[0][1] is expected


def test_tolerance_is_the_instansi_s():
    assert saran_hasil_kerja([ind("104")], D(5)).rating is S
    assert saran_hasil_kerja([ind("105.0001")], D(5)).rating is A
    assert saran_hasil_kerja([ind("95")], D(5)).rating is S
    assert saran_hasil_kerja([ind("94.9999")], D(5)).rating is B
    assert saran_hasil_kerja([ind("100.0001")], D(0)).rating is A


def test_exactly_half_the_weight_above_is_not_di_atas():
    assert saran_hasil_kerja([ind("115", 1), ind("100", 1)]).rating is S
    assert saran_hasil_kerja([ind("115", 2), ind("100", 1), ind("100", 1)]).rating is S


def test_more_than_half_the_weight_above_is_di_atas():
    saran = saran_hasil_kerja([ind("115", 2), ind("100", 1)])
    assert saran.rating is A
    assert (saran.bobot_di_atas, saran.bobot_total) == (D(2), D(3))


def test_exactly_half_the_weight_below_is_not_di_bawah():
    assert saran_hasil_kerja([ind("80", 1), ind("100", 1)]).rating is S
    assert saran_hasil_kerja([ind("80", "1.5"), ind("100", "0.5"), ind("115", 1)]).rating is S


def test_more_than_half_the_weight_below_is_di_bawah():
    saran = saran_hasil_kerja([ind("80", 2), ind("115", 1)])
    assert saran.rating is B
    assert saran.bobot_di_bawah == D(2)


def test_a_main_indicator_below_blocks_di_atas():
    items = [ind("115", 3), ind("80", 1, utama=True)]
    saran = saran_hasil_kerja(items)
    assert saran.utama_di_bawah is True
    assert saran.rating is S


def test_a_non_main_indicator_below_does_not_block_di_atas():
    assert saran_hasil_kerja([ind("115", 3), ind("80", 1, utama=False)]).rating is A


def test_uncounted_indicators_are_left_out():
    # No achievement (belum diisi / tidak dapat dihitung) and weight 0 do not count, like in scores.
    saran = saran_hasil_kerja([ind("115", 1), ind(None, 5), ind("50", 0, utama=True)])
    assert saran.rating is A
    assert saran.bobot_total == D(1)
    assert saran.utama_di_bawah is False
    assert [r for _i, r in saran.per_indikator] == [A, None, B]


def test_no_counted_indicator_gives_no_suggestion():
    assert saran_hasil_kerja([]).rating is None
    assert saran_hasil_kerja([ind(None), ind("100", 0)]).rating is None


def test_suggestion_lists_the_indicators_below_and_finds_rows_by_key():
    saran = saran_hasil_kerja([ind("80", kunci=1), ind("100", kunci=2), ind("70", kunci=3)])
    assert [i.kunci for i in saran.di_bawah] == [1, 3]
    assert saran.rating_untuk(2) is S
    assert saran.rating_untuk(99) is None


def test_suggestion_refuses_floats_and_negative_weights():
    with pytest.raises(TypeError):
        saran_hasil_kerja([IndikatorHasilKerja(110.5, D(1))])
    with pytest.raises(ValueError):
        saran_hasil_kerja([ind("100", -1)])


# -- perilaku suggestion -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rerata", "expected"),
    [
        (Fraction(3, 2), S),  # exactly 1.5 meets
        (D("1.4999"), B),
        (Fraction(5, 2), S),  # exactly 2.5 meets
        (D("2.5001"), A),
        (1, B),
        (2, S),
        (3, A),
    ],
)
def test_perilaku_boundaries(rerata, expected):
    assert saran_perilaku_dari_rerata(rerata) is expected


def test_perilaku_from_seven_scores_is_exact():
    assert len(NILAI_BERAKHLAK) == 7
    assert saran_perilaku([2] * 7) is S
    assert saran_perilaku([1, 1, 1, 1, 2, 2, 2]) is B  # 10/7 = 1.43
    assert saran_perilaku([1, 1, 1, 2, 2, 2, 2]) is S  # 11/7 = 1.57
    assert saran_perilaku([2, 2, 2, 2, 3, 3, 3]) is S  # 17/7 = 2.43
    assert saran_perilaku([2, 2, 2, 3, 3, 3, 3]) is A  # 18/7 = 2.57
    assert rerata_perilaku([3, 3, 3, 3, 3, 3, 2]) == Fraction(20, 7)


@pytest.mark.parametrize("skor", [[2] * 6, [2] * 8, [0, 2, 2, 2, 2, 2, 2], [4, 2, 2, 2, 2, 2, 2], [True] * 7])
def test_perilaku_refuses_wrong_scores(skor):
    with pytest.raises(ValueError):
        saran_perilaku(skor)


def test_perilaku_refuses_float_mean():
    with pytest.raises(TypeError):
        saran_perilaku_dari_rerata(1.5)


# -- organisation predikat -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skor", "expected"),
    [
        ("110", Org.ISTIMEWA),
        ("109.9999", Org.BAIK),
        ("90", Org.BAIK),
        ("89.9999", Org.BUTUH_PERBAIKAN),
        ("70", Org.BUTUH_PERBAIKAN),
        ("69.9999", Org.KURANG),
        ("50", Org.KURANG),
        ("49.9999", Org.SANGAT_KURANG),
        ("0", Org.SANGAT_KURANG),
    ],
)
def test_organisation_suggestion_thresholds(skor, expected):
    assert saran_predikat_organisasi(D(skor)) is expected


def test_organisation_thresholds_are_configurable_and_checked():
    batas = BatasPredikatOrganisasi(istimewa=D(105), baik=D(85), butuh_perbaikan=D(65), kurang=D(45))
    assert saran_predikat_organisasi(D(105), batas) is Org.ISTIMEWA
    assert saran_predikat_organisasi(D(84), batas) is Org.BUTUH_PERBAIKAN
    assert saran_predikat_organisasi(None) is None
    with pytest.raises(ValueError):
        BatasPredikatOrganisasi(istimewa=D(90), baik=D(90))


# -- distribution rules: each tripped and not tripped --------------------------------------------------------------


def _hasil(organisasi, **jumlah):
    return [(h.predikat, h.aturan, h.terpenuhi, h.jumlah, h.total) for h in periksa_distribusi(organisasi, jumlah)]


def test_istimewa_sangat_baik_at_most_70_percent():
    assert _hasil(Org.ISTIMEWA, sangat_baik=7, baik=3) == [
        ((P.SANGAT_BAIK,), AturanDistribusi.PALING_BANYAK, True, 7, 10)
    ]
    assert _hasil(Org.ISTIMEWA, sangat_baik=8, baik=2) == [
        ((P.SANGAT_BAIK,), AturanDistribusi.PALING_BANYAK, False, 8, 10)
    ]


def test_baik_baik_at_most_70_percent():
    ok = periksa_distribusi(Org.BAIK, {"baik": 7, "butuh_perbaikan": 1, "sangat_baik": 2})
    assert ok[0].terpenuhi is True and ok[0].persen == D("70.00")
    tripped = periksa_distribusi(Org.BAIK, {"baik": 8, "butuh_perbaikan": 1, "sangat_baik": 1})
    assert tripped[0].terpenuhi is False and tripped[0].persen == D("80.00")


def test_baik_needs_at_least_one_butuh_perbaikan_or_kurang():
    assert periksa_distribusi(Org.BAIK, {"baik": 1, "kurang": 1})[1].terpenuhi is True
    assert periksa_distribusi(Org.BAIK, {"baik": 1, "butuh_perbaikan": 1})[1].terpenuhi is True
    tripped = periksa_distribusi(Org.BAIK, {"baik": 1, "sangat_baik": 1, "sangat_kurang": 1})[1]
    assert (tripped.aturan, tripped.jumlah, tripped.terpenuhi) == (AturanDistribusi.MINIMAL_SATU, 0, False)


def test_butuh_perbaikan_rules():
    ok = periksa_distribusi(Org.BUTUH_PERBAIKAN, {"butuh_perbaikan": 6, "baik": 3, "sangat_baik": 1})
    assert [h.terpenuhi for h in ok] == [True, True]
    tripped = periksa_distribusi(Org.BUTUH_PERBAIKAN, {"butuh_perbaikan": 5, "baik": 3, "sangat_baik": 2})
    assert [h.terpenuhi for h in tripped] == [False, False]
    assert [h.persen for h in tripped] == [D("50.00"), D("20.00")]


def test_kurang_rules():
    ok = periksa_distribusi(Org.KURANG, {"kurang": 6, "butuh_perbaikan": 1, "sangat_baik": 1, "baik": 2})
    assert [h.terpenuhi for h in ok] == [True, True, True]
    tripped = periksa_distribusi(Org.KURANG, {"kurang": 5, "baik": 3, "sangat_baik": 2})
    assert [h.terpenuhi for h in tripped] == [False, False, False]
    assert [h.jumlah for h in tripped] == [5, 0, 2]


def test_sangat_kurang_rules():
    ok = periksa_distribusi(Org.SANGAT_KURANG, {"sangat_kurang": 6, "kurang": 1, "baik": 3})
    assert [h.terpenuhi for h in ok] == [True, True, True]
    tripped = periksa_distribusi(Org.SANGAT_KURANG, {"sangat_kurang": 5, "baik": 4, "sangat_baik": 1})
    assert [h.terpenuhi for h in tripped] == [False, False, False]
    assert tripped[2].aturan is AturanDistribusi.TIDAK_ADA


def test_shares_are_compared_exactly_not_on_rounded_percentages():
    # 2 of 3 is 66.67 % when shown, and exactly under 70 %; 7 of 10 is exactly 70 %, allowed.
    assert periksa_distribusi(Org.ISTIMEWA, {"sangat_baik": 2, "baik": 1})[0].terpenuhi is True
    # 12 of 20 is exactly 60 %, enough; 11 of 19 (57.89 %) is not.
    assert periksa_distribusi(Org.BUTUH_PERBAIKAN, {"butuh_perbaikan": 12, "baik": 8})[0].terpenuhi is True
    assert periksa_distribusi(Org.BUTUH_PERBAIKAN, {"butuh_perbaikan": 11, "baik": 8})[0].terpenuhi is False
    assert persen(2, 3) == D("66.67")
    assert persen(0, 0) == D("0.00")


def test_no_decided_predikat_means_nothing_to_check():
    assert periksa_distribusi(Org.BAIK, {}) == []
    with pytest.raises(ValueError):
        periksa_distribusi(Org.BAIK, {"baik": -1})


# -- before and after a training -----------------------------------------------------------------------------------


def test_quarter_bounds():
    assert batas_triwulan(2026, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert batas_triwulan(2024, 1)[1] == datetime.date(2024, 3, 31)
    assert batas_triwulan(2026, 4) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    with pytest.raises(ValueError):
        batas_triwulan(2026, 5)


@pytest.mark.parametrize(
    ("mulai", "selesai", "expected"),
    [
        # A training at the end of April: TW I before, TW II (most of it after) and later after.
        ((2026, 4, 22), (2026, 4, 24), ["sebelum", "sesudah", "sesudah", "sesudah"]),
        # At the end of June most of TW II was before it: during.
        ((2026, 6, 28), (2026, 6, 30), ["sebelum", "selama", "sesudah", "sesudah"]),
        # The quarter ended the day before the training began: before.
        ((2026, 4, 1), (2026, 4, 1), ["sebelum", "sesudah", "sesudah", "sesudah"]),
        # A training spanning two quarters.
        ((2026, 3, 30), (2026, 5, 20), ["selama", "selama", "sesudah", "sesudah"]),
        # Last year's training: every quarter of this year is after; next year's: every one before.
        ((2025, 11, 3), (2025, 11, 5), ["sesudah"] * 4),
        ((2027, 1, 10), (2027, 1, 12), ["sebelum"] * 4),
    ],
)
def test_quarters_before_during_after(mulai, selesai, expected):
    hasil = [
        kelompok_triwulan(tahun=2026, triwulan=q, mulai=datetime.date(*mulai), selesai=datetime.date(*selesai)).value
        for q in (1, 2, 3, 4)
    ]
    assert hasil == expected


def test_half_of_the_quarter_exactly_is_not_after():
    # TW I 2026 has 90 days; a training ending on 14 Feb leaves 45 days after it: exactly half, so during.
    assert (
        kelompok_triwulan(tahun=2026, triwulan=1, mulai=datetime.date(2026, 2, 14), selesai=datetime.date(2026, 2, 14))
        is KelompokTriwulan.SELAMA
    )
    assert (
        kelompok_triwulan(tahun=2026, triwulan=1, mulai=datetime.date(2026, 2, 13), selesai=datetime.date(2026, 2, 13))
        is KelompokTriwulan.SESUDAH
    )
    with pytest.raises(ValueError):
        kelompok_triwulan(tahun=2026, triwulan=1, mulai=datetime.date(2026, 2, 2), selesai=datetime.date(2026, 2, 1))
