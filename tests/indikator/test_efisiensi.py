from decimal import Decimal as D

import pytest

from indikator.efisiensi import hitung_efisiensi, jumlah_anggaran, persen_serapan


@pytest.mark.parametrize(
    ("pagu", "serapan", "hasil"),
    [
        (D("1000000"), D("850000"), D("85.00")),
        (D("1000000"), D("1000000"), D("100.00")),
        (D("1000000"), D("0"), D("0.00")),
        (D("3"), D("1"), D("33.33")),
        (D("3"), D("2"), D("66.67")),  # half-up
        (D("8"), D("1"), D("12.50")),
        (D("1000"), D("1200"), D("120.00")),  # computed as given; entry refuses it
        (D("0"), D("100"), None),  # zero pagu: tidak dapat dihitung
        (D("0"), D("0"), None),
        (D("-5"), D("1"), None),
        (None, D("100"), None),
        (D("100"), None, None),
        (None, None, None),
    ],
)
def test_persen_serapan(pagu, serapan, hasil):
    assert persen_serapan(pagu=pagu, serapan=serapan) == hasil


def test_persen_serapan_refuses_float():
    with pytest.raises(TypeError):
        persen_serapan(pagu=100.0, serapan=D("1"))
    with pytest.raises(TypeError):
        persen_serapan(pagu=D("100"), serapan=1)


def test_efisiensi_is_capaian_minus_persen_serapan_positive_when_efficient():
    e = hitung_efisiensi(pagu=D("200"), serapan=D("170"), capaian=D("95"))
    assert (e.persen_serapan, e.capaian, e.efisiensi, e.efisien, e.perlu_perhatian) == (
        D("85.00"),
        D("95"),
        D("10.00"),
        True,
        False,
    )


def test_efisiensi_negative_when_absorption_outruns_achievement():
    e = hitung_efisiensi(pagu=D("100"), serapan=D("80"), capaian=D("70.5"))
    assert e.efisiensi == D("-9.50")
    assert e.efisien is False
    assert e.perlu_perhatian is False  # 80 % is under the high-absorption threshold


def test_efisiensi_zero_is_efficient():
    assert hitung_efisiensi(pagu=D("100"), serapan=D("90"), capaian=D("90")).efisien is True


def test_efisiensi_capaian_is_capped():
    e = hitung_efisiensi(pagu=D("100"), serapan=D("50"), capaian=D("180"), cap=D("120"))
    assert (e.capaian, e.efisiensi) == (D("120"), D("70.00"))
    assert hitung_efisiensi(pagu=D("100"), serapan=D("50"), capaian=D("180")).efisiensi == D("130.00")


def test_efisiensi_negative_capaian_floored_at_zero():
    e = hitung_efisiensi(pagu=D("100"), serapan=D("10"), capaian=D("-5"))
    assert (e.capaian, e.efisiensi) == (D("0"), D("-10.00"))


@pytest.mark.parametrize(
    ("pagu", "serapan", "capaian"),
    [
        (D("0"), D("10"), D("80")),
        (None, D("10"), D("80")),
        (D("100"), None, D("80")),
        (D("100"), D("10"), None),
        (None, None, None),
    ],
)
def test_efisiensi_missing_values_cannot_be_computed_and_are_not_flagged(pagu, serapan, capaian):
    e = hitung_efisiensi(pagu=pagu, serapan=serapan, capaian=capaian)
    assert e.efisiensi is None
    assert e.efisien is None
    assert e.perlu_perhatian is False


def test_efisiensi_keeps_persen_serapan_without_capaian():
    assert hitung_efisiensi(pagu=D("100"), serapan=D("95"), capaian=None).persen_serapan == D("95.00")


@pytest.mark.parametrize(
    ("serapan", "capaian", "flag"),
    [
        (D("90"), D("75.99"), True),  # both on the edge: flagged
        (D("90"), D("76"), False),  # achievement at the threshold is not low
        (D("89.99"), D("50"), False),  # absorption under the threshold is not high
        (D("100"), D("0"), True),
        (D("100"), D("100"), False),
    ],
)
def test_flag_high_absorption_low_achievement_default_thresholds(serapan, capaian, flag):
    assert hitung_efisiensi(pagu=D("100"), serapan=serapan, capaian=capaian).perlu_perhatian is flag


def test_flag_thresholds_configurable():
    kwargs = {"pagu": D("100"), "serapan": D("70"), "capaian": D("85")}
    assert hitung_efisiensi(**kwargs).perlu_perhatian is False
    assert hitung_efisiensi(**kwargs, batas_serapan=D("70"), batas_capaian=D("90")).perlu_perhatian is True


def test_flag_uses_capped_achievement():
    # 200 % raw achievement capped at 60 (an unusual cap) stays low.
    e = hitung_efisiensi(pagu=D("100"), serapan=D("95"), capaian=D("200"), cap=D("60"))
    assert e.perlu_perhatian is True


def test_jumlah_anggaran():
    assert jumlah_anggaran([]) == (None, None)
    assert jumlah_anggaran([(None, D("5")), (None, None)]) == (None, None)
    assert jumlah_anggaran([(D("100"), D("40")), (D("50"), None), (None, D("999"))]) == (D("150"), D("40"))
    assert jumlah_anggaran([(D("0"), D("0"))]) == (D("0"), D("0"))
    with pytest.raises(TypeError):
        jumlah_anggaran([(100, D("1"))])


def test_ringkasan_efisiensi_sums_budget_and_averages_capped_achievement():
    from indikator.efisiensi import ringkasan_efisiensi

    e = ringkasan_efisiensi(
        [
            (D("100"), D("90"), D("80")),
            (D("300"), D("150"), D("150")),  # capped at 120
            (None, D("50"), D("10")),  # no pagu: left out of both
            (D("100"), None, None),  # pagu, nothing absorbed, no achievement: in the budget only
            (D("0"), D("0"), D("5")),  # zero pagu: its achievement is left out
        ],
        cap=D("120"),
    )
    assert (e.pagu, e.serapan, e.persen_serapan) == (D("500"), D("240"), D("48.00"))
    assert e.capaian == D("100")
    assert e.efisiensi == D("52.00")
    assert e.perlu_perhatian is False


def test_ringkasan_efisiensi_empty_and_flagged():
    from indikator.efisiensi import ringkasan_efisiensi

    kosong = ringkasan_efisiensi([])
    assert (kosong.pagu, kosong.persen_serapan, kosong.efisiensi, kosong.perlu_perhatian) == (None, None, None, False)
    e = ringkasan_efisiensi([(D("100"), D("95"), D("50"))])
    assert (e.efisiensi, e.perlu_perhatian) == (D("-45.00"), True)
