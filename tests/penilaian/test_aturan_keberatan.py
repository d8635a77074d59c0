"""Rule 4a (a head of OPD's hasil kerja from the organisation predikat) and rule 7's objection window, as pure
functions."""

import datetime

import pytest

from opd.hari_kerja import Kalender
from penilaian.aturan import (
    PEMETAAN_KEPALA,
    PredikatOrganisasi,
    Rating,
    batas_keberatan,
    keberatan_masih_dibuka,
    saran_hasil_kerja_kepala,
)

D = datetime.date
TANPA_LIBUR = Kalender(nasional=False)


@pytest.mark.parametrize(
    ("organisasi", "rating"),
    [
        ("istimewa", Rating.DI_ATAS),
        ("baik", Rating.SESUAI),
        ("butuh_perbaikan", Rating.DI_BAWAH),
        ("kurang", Rating.DI_BAWAH),
        ("sangat_kurang", Rating.DI_BAWAH),
    ],
)
def test_head_of_opd_follows_the_organisation_predikat_by_default(organisasi, rating):
    assert saran_hasil_kerja_kepala(organisasi) is rating
    assert saran_hasil_kerja_kepala(PredikatOrganisasi(organisasi)) is rating


def test_default_table_covers_every_organisation_predikat():
    assert set(PEMETAAN_KEPALA) == set(PredikatOrganisasi)


@pytest.mark.parametrize("kosong", [None, ""])
def test_no_organisation_predikat_gives_no_suggestion(kosong):
    assert saran_hasil_kerja_kepala(kosong) is None


def test_an_instansi_table_overrides_the_default():
    pemetaan = {p: "sesuai" for p in PredikatOrganisasi} | {"kurang": "di_bawah", "baik": "di_atas"}
    assert saran_hasil_kerja_kepala("baik", pemetaan) is Rating.DI_ATAS
    assert saran_hasil_kerja_kepala("butuh_perbaikan", pemetaan) is Rating.SESUAI
    assert saran_hasil_kerja_kepala("kurang", pemetaan) is Rating.DI_BAWAH
    # An incomplete table falls back to rule 4a for what it leaves out.
    assert saran_hasil_kerja_kepala("istimewa", {"baik": "di_bawah"}) is Rating.DI_ATAS


def test_unknown_organisation_predikat_is_refused():
    with pytest.raises(ValueError):
        saran_hasil_kerja_kepala("cukup")


def test_objection_window_counts_working_days_after_the_final_day():
    # Final on Friday 14 August 2026; 17 August (Independence Day) and 25 August (Maulid Nabi) are national holidays:
    # 14 working days end on Monday 7 September.
    assert batas_keberatan(D(2026, 8, 14), 14, Kalender()) == D(2026, 9, 7)
    # Without the holidays the count ends two working days earlier.
    assert batas_keberatan(D(2026, 8, 14), 14, TANPA_LIBUR) == D(2026, 9, 3)
    # An instansi's own day off moves it again.
    assert batas_keberatan(D(2026, 8, 14), 14, Kalender(tambahan=frozenset({D(2026, 9, 1)}))) == D(2026, 9, 8)
    assert batas_keberatan(D(2026, 8, 14), 1, TANPA_LIBUR) == D(2026, 8, 17)


def test_objection_window_includes_its_last_day():
    assert keberatan_masih_dibuka(D(2026, 8, 14), D(2026, 8, 14), 14, Kalender())
    assert keberatan_masih_dibuka(D(2026, 8, 14), D(2026, 9, 7), 14, Kalender())
    assert not keberatan_masih_dibuka(D(2026, 8, 14), D(2026, 9, 8), 14, Kalender())
    assert not keberatan_masih_dibuka(D(2026, 8, 14), D(2026, 9, 7), 13, Kalender())


@pytest.mark.parametrize("hari", [0, -1, True, 1.5, "14"])
def test_objection_window_needs_a_positive_whole_number_of_days(hari):
    with pytest.raises(ValueError):
        batas_keberatan(D(2026, 8, 14), hari, TANPA_LIBUR)
