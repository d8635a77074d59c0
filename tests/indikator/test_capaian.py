"""Tests for the achievement rules of domain.md ("Achievement (capaian), in percent").

Every assertion is on exact Decimals: the module exists so that floats never decide.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indikator.capaian import (
    DEFAULT_CAP,
    PRESISI,
    Agregasi,
    Band,
    BatasBand,
    Capaian,
    NilaiTriwulan,
    PenilaianIndikator,
    Polaritas,
    SampaiDengan,
    StatusCapaian,
    agregasi_sampai_dengan,
    capaian_sampai_dengan,
    hitung_capaian,
    nilai_indikator_terhadap_ekspektasi,
    rata_rata,
    skor_tertimbang,
)

D = Decimal
MAX = Polaritas.MAXIMIZE
MIN = Polaritas.MINIMIZE
STAB = Polaritas.STABILIZE
OK = StatusCapaian.OK
TDD = StatusCapaian.TIDAK_DAPAT_DIHITUNG
BELUM = StatusCapaian.BELUM_DIISI


def hitung(
    polaritas: Polaritas,
    r: str | None,
    bawah: str | None,
    atas: str | None = None,
    cap: str | None = None,
) -> Capaian:
    """Call hitung_capaian with string literals turned into Decimals."""
    return hitung_capaian(
        polaritas=polaritas,
        realisasi=None if r is None else D(r),
        target_bawah=None if bawah is None else D(bawah),
        target_atas=None if atas is None else D(atas),
        cap=DEFAULT_CAP if cap is None else D(cap),
    )


def ok(raw: str, capped: str | None = None) -> Capaian:
    """Expected OK achievement; capped defaults to raw."""
    return Capaian(OK, D(raw), D(capped if capped is not None else raw))


def tw(r: str | None, bawah: str | None, atas: str | None = None) -> NilaiTriwulan:
    """Quarter value from string literals."""
    return NilaiTriwulan(
        realisasi=None if r is None else D(r),
        target_bawah=None if bawah is None else D(bawah),
        target_atas=None if atas is None else D(atas),
    )


# --------------------------------------------------------------------------------------
# Enums and constants
# --------------------------------------------------------------------------------------


def test_enum_values_are_the_stored_strings() -> None:
    assert [p.value for p in Polaritas] == ["maximize", "minimize", "stabilize"]
    assert [a.value for a in Agregasi] == ["sum", "average", "last"]
    assert [s.value for s in StatusCapaian] == [
        "ok",
        "tidak_dapat_dihitung",
        "belum_diisi",
    ]
    assert [b.value for b in Band] == [
        "sangat_baik",
        "baik",
        "cukup",
        "kurang",
        "sangat_kurang",
    ]
    assert Polaritas("minimize") is MIN


def test_constants() -> None:
    assert D(120) == DEFAULT_CAP
    assert D("0.0001") == PRESISI
    assert BatasBand() == BatasBand(D(91), D(76), D(66), D(51))


def test_polaritas_accepts_plain_string() -> None:
    hasil = hitung_capaian(
        polaritas="minimize",  # type: ignore[arg-type]
        realisasi=D(4),
        target_bawah=D(5),
    )
    assert hasil == ok("120.0000")


# --------------------------------------------------------------------------------------
# The domain.md table: each polarity x single/range x below/inside/above
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polaritas", "r", "bawah", "atas", "expected"),
    [
        # maximize, single T: R / T x 100
        pytest.param(MAX, "60", "80", None, ok("75.0000"), id="max-single-below"),
        pytest.param(MAX, "80", "80", None, ok("100.0000"), id="max-single-at"),
        pytest.param(MAX, "100", "80", None, ok("125.0000", "120.0000"), id="max-single-above"),
        pytest.param(MAX, "0", "80", None, ok("0.0000"), id="max-single-zero-r"),
        # maximize, range [L, U]
        pytest.param(MAX, "56", "70", "80", ok("80.0000"), id="max-range-below"),
        pytest.param(MAX, "70", "70", "80", ok("100.0000"), id="max-range-at-L"),
        pytest.param(MAX, "75", "70", "80", ok("100.0000"), id="max-range-inside"),
        pytest.param(MAX, "80", "70", "80", ok("100.0000"), id="max-range-at-U"),
        pytest.param(MAX, "88", "70", "80", ok("110.0000"), id="max-range-above"),
        # minimize, single T: (2T - R) / T x 100, never below 0
        pytest.param(MIN, "4", "5", None, ok("120.0000"), id="min-single-below"),
        pytest.param(MIN, "5", "5", None, ok("100.0000"), id="min-single-at"),
        pytest.param(MIN, "6", "5", None, ok("80.0000"), id="min-single-above"),
        pytest.param(MIN, "10", "5", None, ok("0.0000"), id="min-single-2T"),
        pytest.param(MIN, "11", "5", None, ok("0.0000"), id="min-single-floor"),
        pytest.param(MIN, "0", "5", None, ok("200.0000", "120.0000"), id="min-single-zero-r"),
        # minimize, range [L, U]
        pytest.param(MIN, "6.5", "7", "8", ok("107.1429"), id="min-range-below"),
        pytest.param(MIN, "7", "7", "8", ok("100.0000"), id="min-range-at-L"),
        pytest.param(MIN, "7.5", "7", "8", ok("100.0000"), id="min-range-inside"),
        pytest.param(MIN, "8", "7", "8", ok("100.0000"), id="min-range-at-U"),
        pytest.param(MIN, "9", "7", "8", ok("87.5000"), id="min-range-above"),
        pytest.param(MIN, "20", "7", "8", ok("0.0000"), id="min-range-floor"),
        # stabilize, single T: as a range with L = U = T
        pytest.param(STAB, "4", "5", None, ok("80.0000"), id="stab-single-below"),
        pytest.param(STAB, "5", "5", None, ok("100.0000"), id="stab-single-at"),
        pytest.param(STAB, "6", "5", None, ok("80.0000"), id="stab-single-above"),
        pytest.param(STAB, "12", "5", None, ok("0.0000"), id="stab-single-floor"),
        # stabilize, range [L, U]: left side like maximize, right side like minimize
        pytest.param(STAB, "63", "70", "80", ok("90.0000"), id="stab-range-below"),
        pytest.param(STAB, "70", "70", "80", ok("100.0000"), id="stab-range-at-L"),
        pytest.param(STAB, "75", "70", "80", ok("100.0000"), id="stab-range-inside"),
        pytest.param(STAB, "80", "70", "80", ok("100.0000"), id="stab-range-at-U"),
        pytest.param(STAB, "88", "70", "80", ok("90.0000"), id="stab-range-above"),
        pytest.param(STAB, "200", "70", "80", ok("0.0000"), id="stab-range-floor"),
    ],
)
def test_domain_table(polaritas: Polaritas, r: str, bawah: str, atas: str | None, expected: Capaian) -> None:
    assert hitung(polaritas, r, bawah, atas) == expected


@pytest.mark.parametrize(
    ("r", "expected"),
    [("4", "120.0000"), ("6", "80.0000"), ("11", "0.0000")],
)
def test_worked_example_minimize_t5(r: str, expected: str) -> None:
    assert hitung(MIN, r, "5") == ok(expected)


def test_worked_example_minimize_range_7_8_below() -> None:
    hasil = hitung(MIN, "6.5", "7", "8")
    assert hasil.raw == D("107.1429")
    assert hasil.raw.quantize(D("0.01")) == D("107.14")  # shown with 2 decimals


def test_worked_example_minimize_range_7_8_above() -> None:
    assert hitung(MIN, "9", "7", "8") == ok("87.5000")


def test_single_target_with_equal_upper_bound_is_single() -> None:
    for polaritas in Polaritas:
        for r in ("3", "5", "7"):
            assert hitung(polaritas, r, "5", "5") == hitung(polaritas, r, "5")


def test_int_arguments_are_exact() -> None:
    hasil = hitung_capaian(polaritas=MAX, realisasi=1, target_bawah=3)  # type: ignore[arg-type]
    assert hasil == ok("33.3333")


# --------------------------------------------------------------------------------------
# Floor at 0 (a decision: domain.md only says it for minimize/stabilize)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polaritas", "r", "bawah", "atas"),
    [
        (MAX, "-3", "5", None),
        (MAX, "-7", "70", "80"),
        (STAB, "-1", "5", None),
        (STAB, "-7", "70", "80"),
        (MIN, "100", "5", None),
        (MIN, "100", "7", "8"),
    ],
)
def test_every_achievement_is_floored_at_zero(polaritas: Polaritas, r: str, bawah: str, atas: str | None) -> None:
    assert hitung(polaritas, r, bawah, atas) == ok("0.0000")


def test_minimize_negative_realisation_goes_above_100_and_is_capped() -> None:
    assert hitung(MIN, "-1", "5") == ok("220.0000", "120.0000")


# --------------------------------------------------------------------------------------
# Rounding: quantized half-up to 4 decimals
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "t", "expected"),
    [
        ("1", "3", "33.3333"),
        ("2", "3", "66.6667"),
        ("0.1234565", "1", "12.3457"),  # exact half: half-up, not banker's 12.3456
        ("0.1234575", "1", "12.3458"),
        ("0.12345649", "1", "12.3456"),
        ("100.1", "110", "91.0000"),  # float would give 90.99999999999999
    ],
)
def test_raw_is_quantized_half_up(r: str, t: str, expected: str) -> None:
    hasil = hitung(MAX, r, t)
    assert hasil.raw == D(expected)
    assert hasil.raw.as_tuple().exponent == -4
    assert hasil.capped.as_tuple().exponent == -4  # type: ignore[union-attr]


def test_minimize_exact_half_rounds_up() -> None:
    # (2*1000 - 87.3875) / 1000 * 100 = 191.26125 exactly; banker's rounding would give .2612
    assert hitung(MIN, "87.3875", "1000") == ok("191.2613", "120.0000")


def test_float_rounding_does_not_decide_the_band() -> None:
    hasil = hitung(MAX, "100.1", "110")
    assert hasil.capped == D(91)
    assert BatasBand().band(hasil.capped) is Band.SANGAT_BAIK  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Cap
# --------------------------------------------------------------------------------------


def test_cap_keeps_raw_and_caps_the_scored_value() -> None:
    assert hitung(MAX, "150", "100") == ok("150.0000", "120.0000")


def test_exactly_at_cap() -> None:
    assert hitung(MAX, "120", "100") == ok("120.0000")


@pytest.mark.parametrize(
    ("cap", "capped"),
    [("100", "100.0000"), ("150", "150.0000"), ("200", "150.0000"), ("110.5", "110.5000")],
)
def test_custom_cap(cap: str, capped: str) -> None:
    assert hitung(MAX, "150", "100", cap=cap) == ok("150.0000", capped)


def test_cap_applies_to_minimize_and_range_too() -> None:
    assert hitung(MIN, "1", "5") == ok("180.0000", "120.0000")
    assert hitung(MAX, "16", "5", "10") == ok("160.0000", "120.0000")


@pytest.mark.parametrize("cap", ["0", "-5"])
def test_non_positive_cap_is_rejected(cap: str) -> None:
    with pytest.raises(ValueError, match="cap"):
        hitung(MAX, "1", "1", cap=cap)


# --------------------------------------------------------------------------------------
# Zero or negative targets: tidak dapat dihitung
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("polaritas", list(Polaritas))
@pytest.mark.parametrize("r", ["0", "3", "-1"])
def test_single_zero_target_is_never_computable(polaritas: Polaritas, r: str) -> None:
    tidak = Capaian(TDD, None, None)
    assert hitung(polaritas, r, "0") == tidak
    assert hitung(polaritas, r, "0", "0") == tidak


@pytest.mark.parametrize(
    ("polaritas", "r", "expected"),
    [
        (MAX, "3", ok("100.0000")),  # inside [0, 5]: no division at all
        (MAX, "0", ok("100.0000")),
        (MAX, "6", ok("120.0000")),  # divides by U = 5
        (MAX, "-1", Capaian(TDD, None, None)),  # would divide by L = 0
        (MIN, "5", ok("100.0000")),
        (MIN, "6", ok("80.0000")),
        (MIN, "-1", Capaian(TDD, None, None)),
        (STAB, "2", ok("100.0000")),
        (STAB, "7", ok("60.0000")),
        (STAB, "-1", Capaian(TDD, None, None)),
    ],
)
def test_range_with_zero_lower_bound_only_fails_when_divided_by(
    polaritas: Polaritas, r: str, expected: Capaian
) -> None:
    assert hitung(polaritas, r, "0", "5") == expected


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_negative_single_target_is_not_computable(polaritas: Polaritas) -> None:
    assert hitung(polaritas, "-4", "-5").status is TDD


def test_range_with_negative_lower_bound() -> None:
    assert hitung(MAX, "3", "-5", "5") == ok("100.0000")
    assert hitung(MAX, "10", "-5", "5") == ok("200.0000", "120.0000")
    assert hitung(MAX, "-6", "-5", "5").status is TDD
    assert hitung(MIN, "-6", "-5", "5").status is TDD


def test_range_with_both_bounds_negative_or_zero() -> None:
    assert hitung(MAX, "1", "-5", "0").status is TDD
    assert hitung(MIN, "-2", "-5", "0") == ok("100.0000")


# --------------------------------------------------------------------------------------
# Missing values and invalid input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_missing_realisation_is_belum_diisi(polaritas: Polaritas) -> None:
    kosong = Capaian(BELUM, None, None)
    assert hitung(polaritas, None, "5") == kosong
    assert hitung(polaritas, None, "7", "8") == kosong
    assert hitung(polaritas, None, "0") == kosong
    assert hitung(polaritas, None, None) == kosong  # not entered wins over no target


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_missing_target_is_not_computable(polaritas: Polaritas) -> None:
    assert hitung(polaritas, "5", None) == Capaian(TDD, None, None)
    assert hitung(polaritas, "5", None, "8") == Capaian(TDD, None, None)


@pytest.mark.parametrize("r", ["5", None])
def test_lower_above_upper_raises(r: str | None) -> None:
    with pytest.raises(ValueError, match="target_bawah"):
        hitung(MAX, r, "8", "7")


def test_float_input_is_refused() -> None:
    with pytest.raises(TypeError, match="realisasi"):
        hitung_capaian(polaritas=MAX, realisasi=0.1, target_bawah=D(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="target_bawah"):
        hitung_capaian(polaritas=MAX, realisasi=D(1), target_bawah=1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cap"):
        hitung_capaian(polaritas=MAX, realisasi=D(1), target_bawah=D(1), cap=120.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_input_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="berhingga"):
        hitung(MAX, bad, "5")
    with pytest.raises(ValueError, match="berhingga"):
        hitung(MAX, "5", bad)


def test_unknown_polarity_is_refused() -> None:
    with pytest.raises(ValueError):
        hitung_capaian(polaritas="higher", realisasi=D(1), target_bawah=D(1))  # type: ignore[arg-type]


def test_capaian_is_frozen() -> None:
    hasil = hitung(MAX, "1", "1")
    with pytest.raises(AttributeError):
        hasil.raw = D(5)  # type: ignore[misc]


def test_large_values_do_not_overflow_quantize() -> None:
    hasil = hitung(MAX, "123456789012345678901234567890", "0.0001")
    assert hasil.status is OK
    assert hasil.capped == D("120.0000")
    assert hasil.raw == D("123456789012345678901234567890000000.0000")


# --------------------------------------------------------------------------------------
# Bands
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capped", "band"),
    [
        ("120", Band.SANGAT_BAIK),
        ("91", Band.SANGAT_BAIK),
        ("91.0000", Band.SANGAT_BAIK),
        ("90.9999", Band.BAIK),
        ("76", Band.BAIK),
        ("75.9999", Band.CUKUP),
        ("66", Band.CUKUP),
        ("65.9999", Band.KURANG),
        ("51", Band.KURANG),
        ("50.9999", Band.SANGAT_KURANG),
        ("0", Band.SANGAT_KURANG),
    ],
)
def test_default_band_boundaries(capped: str, band: Band) -> None:
    assert BatasBand().band(D(capped)) is band


def test_band_is_decided_on_the_quantized_value() -> None:
    # 90.99995 is stored and shown as 91.0000, so it must be Sangat Baik.
    assert BatasBand().band(D("90.99995")) is Band.SANGAT_BAIK
    assert BatasBand().band(D("90.99994")) is Band.BAIK


@pytest.mark.parametrize(
    ("capped", "band"),
    [
        ("85", Band.SANGAT_BAIK),
        ("84.9999", Band.BAIK),
        ("70", Band.BAIK),
        ("69.9999", Band.CUKUP),
        ("60", Band.CUKUP),
        ("59.9999", Band.KURANG),
        ("50", Band.KURANG),
        ("49.9999", Band.SANGAT_KURANG),
    ],
)
def test_custom_band_thresholds(capped: str, band: Band) -> None:
    batas = BatasBand(sangat_baik=D(85), baik=D(70), cukup=D(60), kurang=D(50))
    assert batas.band(D(capped)) is band


def test_band_thresholds_given_as_int_are_stored_as_decimal() -> None:
    batas = BatasBand(sangat_baik=85, baik=70, cukup=60, kurang=50)  # type: ignore[arg-type]
    assert isinstance(batas.sangat_baik, Decimal)
    assert batas.band(D("84.9999")) is Band.BAIK


def test_band_thresholds_must_descend() -> None:
    with pytest.raises(ValueError, match="menurun"):
        BatasBand(sangat_baik=D(70), baik=D(76))


def test_band_thresholds_refuse_float() -> None:
    with pytest.raises(TypeError):
        BatasBand(sangat_baik=91.0)  # type: ignore[arg-type]


def test_band_refuses_float() -> None:
    with pytest.raises(TypeError):
        BatasBand().band(90.99999999999999)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# To-date aggregation (konsolidasi periode)
# --------------------------------------------------------------------------------------

SUM_YEAR = [tw("10", "25"), tw("20", "25"), tw("30", "25"), tw("40", "25")]


@pytest.mark.parametrize(
    ("n", "r", "t", "capaian"),
    [
        (1, "10", "25", "40.0000"),
        (2, "30", "50", "60.0000"),
        (3, "60", "75", "80.0000"),
        (4, "100", "100", "100.0000"),
    ],
)
def test_sum_over_partial_year(n: int, r: str, t: str, capaian: str) -> None:
    sd = agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=SUM_YEAR[:n])
    assert sd == SampaiDengan(D(r), D(t), None, n)
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.SUM, triwulan=SUM_YEAR[:n])
    assert hasil == ok(capaian)


def test_sum_skips_missing_quarter_and_its_target() -> None:
    triwulan = [tw("10", "25"), tw(None, "25"), tw("30", "25")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=triwulan)
    assert sd == SampaiDengan(D(40), D(50), None, 2)
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.SUM, triwulan=triwulan)
    assert hasil == ok("80.0000")


def test_sum_with_ranges_sums_bounds_separately() -> None:
    triwulan = [tw("6.5", "7", "8"), tw("9", "7", "8"), tw(None, "7", "8")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=triwulan)
    assert sd == SampaiDengan(D("15.5"), D(14), D(16), 2)
    hasil = capaian_sampai_dengan(polaritas=MIN, agregasi=Agregasi.SUM, triwulan=triwulan)
    assert hasil == ok("100.0000")


def test_sum_mixed_single_and_range_counts_single_as_degenerate_range() -> None:
    triwulan = [tw("9", "10"), tw("13", "10", "12")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=triwulan)
    assert sd == SampaiDengan(D(22), D(20), D(22), 2)


def test_sum_is_exact_not_rounded() -> None:
    triwulan = [tw("0.1234567", "1"), tw("0.0000001", "1")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=triwulan)
    assert sd.realisasi == D("0.1234568")


def test_sum_zero_target_quarter_is_rescued_by_later_quarter() -> None:
    triwulan = [tw("5", "0"), tw("5", "10")]
    assert capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.SUM, triwulan=triwulan[:1]) == Capaian(
        TDD, None, None
    )
    assert capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.SUM, triwulan=triwulan) == ok("100.0000")


AVG_YEAR = [tw("80", "85"), tw("90", "85"), tw(None, "90"), tw("70", "95")]


@pytest.mark.parametrize(
    ("n", "r", "t", "jumlah", "capaian"),
    [
        (1, "80", "85", 1, "94.1176"),
        (2, "85", "85", 2, "100.0000"),
        (3, "85", "85", 2, "100.0000"),  # TW III not entered: unchanged
        (4, "80", "88.333333", 3, "90.5660"),
    ],
)
def test_average_over_partial_year(n: int, r: str, t: str, jumlah: int, capaian: str) -> None:
    sd = agregasi_sampai_dengan(agregasi=Agregasi.AVERAGE, triwulan=AVG_YEAR[:n])
    assert sd == SampaiDengan(D(r), D(t), None, jumlah)
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.AVERAGE, triwulan=AVG_YEAR[:n])
    assert hasil == ok(capaian)


def test_average_mean_is_quantized_to_six_decimals() -> None:
    triwulan = [tw("1", "1"), tw("1", "1"), tw("2", "2")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.AVERAGE, triwulan=triwulan)
    assert sd.realisasi == D("1.333333")
    assert sd.target_bawah == D("1.333333")
    triwulan = [tw("2", "2"), tw("2", "2"), tw("1", "2")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.AVERAGE, triwulan=triwulan)
    assert sd.realisasi == D("1.666667")  # half-up at the sixth decimal


def test_average_with_ranges_averages_bounds_separately() -> None:
    triwulan = [tw("6.5", "7", "8"), tw(None, "9", "10"), tw("6.5", "9", "12")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.AVERAGE, triwulan=triwulan)
    assert sd == SampaiDengan(D("6.5"), D(8), D(10), 2)
    hasil = capaian_sampai_dengan(polaritas=MIN, agregasi=Agregasi.AVERAGE, triwulan=triwulan)
    # (2*8 - 6.5) / 8 * 100 = 118.75
    assert hasil == ok("118.7500")


def test_average_minimize_worked_example_range() -> None:
    triwulan = [tw("6.5", "7", "8"), tw("6.5", "7", "8")]
    hasil = capaian_sampai_dengan(polaritas=MIN, agregasi=Agregasi.AVERAGE, triwulan=triwulan)
    assert hasil == ok("107.1429")


LAST_YEAR = [tw("5", "6"), tw("4", "5"), tw(None, "4"), tw("5", "4")]


@pytest.mark.parametrize(
    ("n", "r", "t", "jumlah", "capaian"),
    [
        (1, "5", "6", 1, "116.6667"),
        (2, "4", "5", 2, "120.0000"),
        (3, "4", "5", 2, "120.0000"),  # TW III empty: TW II and its target stay
        (4, "5", "4", 3, "75.0000"),
    ],
)
def test_last_over_partial_year(n: int, r: str, t: str, jumlah: int, capaian: str) -> None:
    sd = agregasi_sampai_dengan(agregasi=Agregasi.LAST, triwulan=LAST_YEAR[:n])
    assert sd == SampaiDengan(D(r), D(t), None, jumlah)
    hasil = capaian_sampai_dengan(polaritas=MIN, agregasi=Agregasi.LAST, triwulan=LAST_YEAR[:n])
    assert hasil.raw == D(capaian)


def test_last_keeps_range_of_that_quarter() -> None:
    triwulan = [tw("1", "2", "3"), tw("9", "7", "8"), tw(None, "1", "1")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.LAST, triwulan=triwulan)
    assert sd == SampaiDengan(D(9), D(7), D(8), 2)


def test_last_with_only_tw_ii_entered() -> None:
    triwulan = [tw(None, "10"), tw("9", "12"), tw(None, "14")]
    sd = agregasi_sampai_dengan(agregasi=Agregasi.LAST, triwulan=triwulan)
    assert sd == SampaiDengan(D(9), D(12), None, 1)


@pytest.mark.parametrize("agregasi", list(Agregasi))
def test_nothing_entered_is_belum_diisi(agregasi: Agregasi) -> None:
    for triwulan in ([], [tw(None, "5")], [tw(None, "5"), tw(None, "5", "6")]):
        sd = agregasi_sampai_dengan(agregasi=agregasi, triwulan=triwulan)
        assert sd == SampaiDengan(None, None, None, 0)
        hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=agregasi, triwulan=triwulan)
        assert hasil == Capaian(BELUM, None, None)


@pytest.mark.parametrize("agregasi", [Agregasi.SUM, Agregasi.AVERAGE])
def test_entered_quarter_without_target_makes_to_date_target_unknown(
    agregasi: Agregasi,
) -> None:
    triwulan = [tw("5", "5"), tw("5", None)]
    sd = agregasi_sampai_dengan(agregasi=agregasi, triwulan=triwulan)
    assert sd.target_bawah is None
    assert sd.target_atas is None
    assert sd.jumlah_terisi == 2
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=agregasi, triwulan=triwulan)
    assert hasil.status is TDD


def test_last_quarter_without_target_is_not_computable() -> None:
    triwulan = [tw("5", "5"), tw("5", None)]
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.LAST, triwulan=triwulan)
    assert hasil.status is TDD


@pytest.mark.parametrize("agregasi", list(Agregasi))
def test_missing_target_of_unentered_quarter_is_ignored(agregasi: Agregasi) -> None:
    triwulan = [tw("5", "5"), tw(None, None)]
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=agregasi, triwulan=triwulan)
    assert hasil == ok("100.0000")


def test_more_than_four_quarters_is_refused() -> None:
    with pytest.raises(ValueError, match="4 triwulan"):
        agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=[tw("1", "1")] * 5)


def test_quarter_with_lower_above_upper_is_refused() -> None:
    with pytest.raises(ValueError, match="triwulan 2"):
        agregasi_sampai_dengan(agregasi=Agregasi.SUM, triwulan=[tw("1", "1"), tw(None, "9", "8")])


def test_quarter_with_float_is_refused() -> None:
    with pytest.raises(TypeError, match="triwulan 1"):
        agregasi_sampai_dengan(
            agregasi=Agregasi.SUM,
            triwulan=[NilaiTriwulan(realisasi=1.5, target_bawah=D(1))],  # type: ignore[arg-type]
        )


def test_cap_is_passed_through_to_date() -> None:
    triwulan = [tw("30", "10"), tw("30", "10")]
    hasil = capaian_sampai_dengan(polaritas=MAX, agregasi=Agregasi.SUM, triwulan=triwulan, cap=D(150))
    assert hasil == ok("300.0000", "150.0000")


@pytest.mark.parametrize(
    ("agregasi", "polaritas", "r", "bawah", "atas"),
    [
        (Agregasi.SUM, MAX, "100", "100", None),
        (Agregasi.AVERAGE, MAX, "80", "88.333333", None),
        (Agregasi.LAST, MIN, "5", "4", None),
    ],
)
def test_annual_achievement_is_to_date_at_tw_iv(
    agregasi: Agregasi, polaritas: Polaritas, r: str, bawah: str, atas: str | None
) -> None:
    year = {Agregasi.SUM: SUM_YEAR, Agregasi.AVERAGE: AVG_YEAR, Agregasi.LAST: LAST_YEAR}
    tahunan = capaian_sampai_dengan(polaritas=polaritas, agregasi=agregasi, triwulan=year[agregasi])
    assert tahunan == hitung(polaritas, r, bawah, atas)


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([("80", "1"), ("100", "1")], "90.0000"),
        ([("80", "2"), ("100", "1")], "86.6667"),
        ([("100", "1"), ("0", "2")], "33.3333"),
        ([("80", "0.3"), ("100", "0.7")], "94.0000"),
        ([(None, "5"), ("80", "1")], "80.0000"),  # not entered / not computable left out
        ([("80", "0"), ("100", "1")], "100.0000"),  # weight 0 left out
        ([("120", "1"), ("60", "1"), (None, "1")], "90.0000"),
        ([("0", "1")], "0.0000"),
    ],
)
def test_weighted_score(items: list[tuple[str | None, str]], expected: str) -> None:
    data = [(None if c is None else D(c), D(w)) for c, w in items]
    hasil = skor_tertimbang(data)
    assert hasil == D(expected)
    assert hasil.as_tuple().exponent == -4  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "items",
    [[], [(None, D(1))], [(D(80), D(0))], [(None, D(1)), (D(90), D(0))]],
)
def test_weighted_score_with_nothing_left_is_none(
    items: list[tuple[Decimal | None, Decimal]],
) -> None:
    assert skor_tertimbang(items) is None


def test_weighted_score_accepts_a_generator() -> None:
    assert skor_tertimbang((D(v), D(1)) for v in (70, 80, 90)) == D("80.0000")


def test_weighted_score_refuses_negative_weight() -> None:
    with pytest.raises(ValueError, match="bobot"):
        skor_tertimbang([(D(80), D(-1)), (D(100), D(2))])


def test_weighted_score_refuses_float() -> None:
    with pytest.raises(TypeError):
        skor_tertimbang([(80.0, D(1))])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["90", None, "80"], "85.0000"),
        (["100", "100", "0"], "66.6667"),
        (["91.1234"], "91.1234"),
        ([], None),
        ([None, None], None),
    ],
)
def test_rata_rata(values: list[str | None], expected: str | None) -> None:
    hasil = rata_rata(None if v is None else D(v) for v in values)
    assert hasil == (None if expected is None else D(expected))


# --------------------------------------------------------------------------------------
# Rating hasil kerja suggestion per indicator
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capped", "expected"),
    [
        ("120", PenilaianIndikator.DI_ATAS),
        ("110.0001", PenilaianIndikator.DI_ATAS),
        ("110", PenilaianIndikator.SESUAI),
        ("100", PenilaianIndikator.SESUAI),
        ("90", PenilaianIndikator.SESUAI),
        ("89.9999", PenilaianIndikator.DI_BAWAH),
        ("0", PenilaianIndikator.DI_BAWAH),
        ("110.00004", PenilaianIndikator.SESUAI),  # stored as 110.0000
        ("89.99995", PenilaianIndikator.SESUAI),  # stored as 90.0000
    ],
)
def test_default_tolerance(capped: str, expected: PenilaianIndikator) -> None:
    assert nilai_indikator_terhadap_ekspektasi(D(capped)) is expected


@pytest.mark.parametrize(
    ("capped", "toleransi", "expected"),
    [
        ("105.0001", "5", PenilaianIndikator.DI_ATAS),
        ("105", "5", PenilaianIndikator.SESUAI),
        ("95", "5", PenilaianIndikator.SESUAI),
        ("94.9999", "5", PenilaianIndikator.DI_BAWAH),
        ("100.0001", "0", PenilaianIndikator.DI_ATAS),
        ("100", "0", PenilaianIndikator.SESUAI),
        ("99.9999", "0", PenilaianIndikator.DI_BAWAH),
    ],
)
def test_custom_tolerance(capped: str, toleransi: str, expected: PenilaianIndikator) -> None:
    assert nilai_indikator_terhadap_ekspektasi(D(capped), D(toleransi)) is expected


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(ValueError, match="toleransi"):
        nilai_indikator_terhadap_ekspektasi(D(100), D(-1))


def test_tolerance_refuses_float() -> None:
    with pytest.raises(TypeError):
        nilai_indikator_terhadap_ekspektasi(110.0)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

PROPERTI = settings(max_examples=300, deadline=None, database=None)

nilai = st.decimals(min_value=D(-1000), max_value=D(100000), places=4, allow_nan=False, allow_infinity=False)
positif = st.decimals(min_value=D("0.0001"), max_value=D(100000), places=4, allow_nan=False, allow_infinity=False)
batas_cap = st.decimals(min_value=D(1), max_value=D(1000), places=2, allow_nan=False, allow_infinity=False)
polaritas_st = st.sampled_from(list(Polaritas))


@st.composite
def target(draw: st.DrawFn, *, positive: bool = False) -> tuple[Decimal, Decimal | None]:
    """A single target (upper None) or an ordered range."""
    sumber = positif if positive else nilai
    a = draw(sumber)
    if draw(st.booleans()):
        return a, None
    b = draw(sumber)
    return min(a, b), max(a, b)


@PROPERTI
@given(polaritas=polaritas_st, r=nilai, t=target(), cap=batas_cap)
def test_capped_never_exceeds_cap_and_never_negative(
    polaritas: Polaritas, r: Decimal, t: tuple[Decimal, Decimal | None], cap: Decimal
) -> None:
    hasil = hitung_capaian(polaritas=polaritas, realisasi=r, target_bawah=t[0], target_atas=t[1], cap=cap)
    if hasil.status is OK:
        assert hasil.raw is not None
        assert hasil.capped is not None
        assert D(0) <= hasil.capped <= cap
        assert hasil.raw >= 0
        assert hasil.capped == min(hasil.raw, cap.quantize(PRESISI))
        assert hasil.raw == hasil.raw.quantize(PRESISI)
    else:
        assert hasil.raw is None
        assert hasil.capped is None


@PROPERTI
@given(r1=nilai, r2=nilai, t=target(positive=True))
def test_maximize_is_monotone_non_decreasing(r1: Decimal, r2: Decimal, t: tuple[Decimal, Decimal | None]) -> None:
    lo, hi = min(r1, r2), max(r1, r2)
    a = hitung_capaian(polaritas=MAX, realisasi=lo, target_bawah=t[0], target_atas=t[1])
    b = hitung_capaian(polaritas=MAX, realisasi=hi, target_bawah=t[0], target_atas=t[1])
    assert a.status is OK
    assert b.status is OK
    assert a.raw <= b.raw  # type: ignore[operator]
    assert a.capped <= b.capped  # type: ignore[operator]


@PROPERTI
@given(r1=nilai, r2=nilai, t=target(positive=True))
def test_minimize_is_monotone_non_increasing(r1: Decimal, r2: Decimal, t: tuple[Decimal, Decimal | None]) -> None:
    lo, hi = min(r1, r2), max(r1, r2)
    a = hitung_capaian(polaritas=MIN, realisasi=lo, target_bawah=t[0], target_atas=t[1])
    b = hitung_capaian(polaritas=MIN, realisasi=hi, target_bawah=t[0], target_atas=t[1])
    assert a.status is OK
    assert b.status is OK
    assert a.raw >= b.raw  # type: ignore[operator]
    assert a.capped >= b.capped  # type: ignore[operator]


@PROPERTI
@given(
    polaritas=polaritas_st,
    tiga=st.lists(positif, min_size=3, max_size=3).map(sorted),
)
def test_inside_range_is_exactly_100(polaritas: Polaritas, tiga: list[Decimal]) -> None:
    bawah, r, atas = tiga
    hasil = hitung_capaian(polaritas=polaritas, realisasi=r, target_bawah=bawah, target_atas=atas)
    assert hasil == ok("100.0000")


def _rentang_referensi(polaritas: Polaritas, r: Decimal, lo: Decimal, hi: Decimal) -> Decimal:
    """The range column of the domain table, written out independently."""
    with localcontext(prec=60):
        if lo <= r <= hi:
            nilai_ = D(100)
        elif r < lo:
            nilai_ = (2 * lo - r) / lo * 100 if polaritas is MIN else r / lo * 100
        else:
            nilai_ = r / hi * 100 if polaritas is MAX else (2 * hi - r) / hi * 100
        return max(nilai_, D(0)).quantize(PRESISI, rounding=ROUND_HALF_UP)


@PROPERTI
@given(polaritas=polaritas_st, r=nilai, t=positif)
@example(polaritas=MIN, r=D("87.3875"), t=D(1000))  # exact half: 191.26125 -> 191.2613
def test_single_target_equals_degenerate_range(polaritas: Polaritas, r: Decimal, t: Decimal) -> None:
    single = hitung_capaian(polaritas=polaritas, realisasi=r, target_bawah=t)
    assert single == hitung_capaian(polaritas=polaritas, realisasi=r, target_bawah=t, target_atas=t)
    expected = _rentang_referensi(polaritas, r, t, t)
    assert single.raw == expected
    assert single.capped == min(expected, DEFAULT_CAP)


@PROPERTI
@given(polaritas=polaritas_st, r=nilai, t=target(), agregasi=st.sampled_from(list(Agregasi)))
def test_one_entered_quarter_equals_direct_computation(
    polaritas: Polaritas, r: Decimal, t: tuple[Decimal, Decimal | None], agregasi: Agregasi
) -> None:
    triwulan = [NilaiTriwulan(None, D(1)), NilaiTriwulan(r, t[0], t[1])]
    assert capaian_sampai_dengan(polaritas=polaritas, agregasi=agregasi, triwulan=triwulan) == hitung_capaian(
        polaritas=polaritas, realisasi=r, target_bawah=t[0], target_atas=t[1]
    )


@PROPERTI
@given(
    items=st.lists(
        st.tuples(
            st.one_of(st.none(), st.decimals(min_value=0, max_value=120, places=4)),
            st.decimals(min_value=0, max_value=100, places=2),
        ),
        max_size=8,
    )
)
def test_weighted_score_lies_between_min_and_max(
    items: list[tuple[Decimal | None, Decimal]],
) -> None:
    hasil = skor_tertimbang(items)
    dipakai = [c for c, w in items if c is not None and w > 0]
    if not dipakai:
        assert hasil is None
    else:
        assert hasil is not None
        assert min(dipakai).quantize(PRESISI) <= hasil <= max(dipakai).quantize(PRESISI)
