"""Working days: the domain's worked example, holidays, weekends, the instansi's own days off and holds."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opd.hari_kerja import (
    Kalender,
    adalah_hari_kerja,
    hari_kerja_setelah,
    libur_nasional,
    selisih_hari_kerja,
    tambah_hari_kerja,
    tenggat_hari_kerja,
)

D = datetime.date
NASIONAL = Kalender()


def test_holidays_library_has_independence_day_2026_and_no_cuti_bersama():
    libur = libur_nasional([2026])
    assert D(2026, 8, 17) in libur
    assert D(2026, 12, 25) in libur
    # Cuti bersama (e.g. 24 December 2026) are the instansi's own choice, not national holidays.
    assert D(2026, 12, 24) not in libur
    assert D(2026, 3, 20) not in libur


def test_worked_example_friday_before_independence_day():
    # domain.md: received Friday 14 August 2026, 17 August a holiday → verification due Thursday 20 August.
    assert tambah_hari_kerja(D(2026, 8, 14), 3, NASIONAL) == D(2026, 8, 20)
    assert selisih_hari_kerja(D(2026, 8, 14), D(2026, 8, 20), NASIONAL) == 3


def test_day_before_a_national_holiday_midweek():
    # Wednesday 24 December 2026, Christmas on Friday 25: Thu 1, Mon 2, Tue 3.
    assert tambah_hari_kerja(D(2026, 12, 24), 3, NASIONAL) == D(2026, 12, 30)


def test_received_before_a_weekend():
    # Friday 9 October 2026: Mon 12, Tue 13, Wed 14.
    assert tambah_hari_kerja(D(2026, 10, 9), 3, NASIONAL) == D(2026, 10, 14)
    assert selisih_hari_kerja(D(2026, 10, 9), D(2026, 10, 12), NASIONAL) == 1


def test_received_on_a_weekend_counts_from_monday():
    assert tambah_hari_kerja(D(2026, 10, 10), 1, NASIONAL) == D(2026, 10, 12)
    assert selisih_hari_kerja(D(2026, 10, 10), D(2026, 10, 12), NASIONAL) == 1
    assert selisih_hari_kerja(D(2026, 10, 10), D(2026, 10, 11), NASIONAL) == 0


def test_same_day_is_zero_next_working_day_is_one():
    assert selisih_hari_kerja(D(2026, 10, 5), D(2026, 10, 5), NASIONAL) == 0
    assert selisih_hari_kerja(D(2026, 10, 5), D(2026, 10, 6), NASIONAL) == 1
    # Friday to Saturday and Sunday: still 0; Monday: 1.
    assert selisih_hari_kerja(D(2026, 10, 9), D(2026, 10, 11), NASIONAL) == 0


def test_cuti_bersama_configured_by_the_instansi():
    # Cuti bersama Thursday 24 December 2026 (national holiday 25th): received Wednesday 23rd → Mon 28, Tue 29, Wed 30.
    kalender = Kalender(tambahan=frozenset({D(2026, 12, 24)}))
    assert tambah_hari_kerja(D(2026, 12, 23), 3, kalender) == D(2026, 12, 30)
    assert tambah_hari_kerja(D(2026, 12, 23), 3, NASIONAL) == D(2026, 12, 29)
    assert not adalah_hari_kerja(D(2026, 12, 24), kalender)
    assert adalah_hari_kerja(D(2026, 12, 24), NASIONAL)


def test_five_day_response_over_eid_al_adha():
    # Routed Tuesday 26 May 2026; 27 May Idul Adha, 28 May cuti bersama (instansi): Fri 29, Mon 1 Jun is Pancasila,
    # Tue 2, Wed 3, Thu 4, Fri 5.
    kalender = Kalender(tambahan=frozenset({D(2026, 5, 28)}))
    assert tambah_hari_kerja(D(2026, 5, 26), 5, kalender) == D(2026, 6, 5)


def test_ditunda_pauses_the_clock():
    # Received Monday 5 October 2026 (due Thursday 8th). Held on Tuesday 6th (day 1 counts), resumed Friday 9th:
    # Wed 7, Thu 8 and Fri 9 are paused; Mon 12 is day 2, Tue 13 day 3.
    jeda = [(D(2026, 10, 6), D(2026, 10, 9))]
    assert tenggat_hari_kerja(D(2026, 10, 5), 3, NASIONAL) == D(2026, 10, 8)
    assert tenggat_hari_kerja(D(2026, 10, 5), 3, NASIONAL, jeda) == D(2026, 10, 13)
    assert selisih_hari_kerja(D(2026, 10, 5), D(2026, 10, 13), NASIONAL, jeda) == 3
    assert selisih_hari_kerja(D(2026, 10, 5), D(2026, 10, 9), NASIONAL, jeda) == 1


def test_a_hold_still_running_stops_the_deadline():
    jeda = [(D(2026, 10, 6), None)]
    assert tenggat_hari_kerja(D(2026, 10, 5), 3, NASIONAL, jeda) is None
    assert selisih_hari_kerja(D(2026, 10, 5), D(2026, 10, 30), NASIONAL, jeda) == 1
    # A deadline reached before the hold began stays.
    assert tenggat_hari_kerja(D(2026, 10, 1), 1, NASIONAL, jeda) == D(2026, 10, 2)


def test_a_hold_on_the_same_day_changes_nothing():
    jeda = [(D(2026, 10, 6), D(2026, 10, 6))]
    assert tenggat_hari_kerja(D(2026, 10, 5), 3, NASIONAL, jeda) == D(2026, 10, 8)


def test_zero_days_is_the_day_itself_and_next_working_day():
    assert tambah_hari_kerja(D(2026, 8, 14), 0, NASIONAL) == D(2026, 8, 14)
    assert hari_kerja_setelah(D(2026, 8, 14), NASIONAL) == D(2026, 8, 18)


def test_refuses_bad_input():
    with pytest.raises(TypeError):
        tambah_hari_kerja(datetime.datetime(2026, 8, 14, 10), 3, NASIONAL)
    with pytest.raises(ValueError):
        tambah_hari_kerja(D(2026, 8, 14), -1, NASIONAL)
    with pytest.raises(ValueError):
        selisih_hari_kerja(D(2026, 8, 14), D(2026, 8, 13), NASIONAL)
    with pytest.raises(ValueError):
        tenggat_hari_kerja(D(2026, 8, 14), 1, NASIONAL, [(D(2026, 8, 20), D(2026, 8, 18))])


def test_a_calendar_without_working_days_is_refused():
    semua = frozenset(D(2026, 1, 1) + datetime.timedelta(days=i) for i in range(366 * 6))
    with pytest.raises(ValueError):
        tambah_hari_kerja(D(2026, 1, 1), 1, Kalender(tambahan=semua))


@given(
    mulai=st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=30),
    libur=st.frozensets(st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 3, 31)), max_size=30),
)
def test_deadline_and_elapsed_agree(mulai, n, libur):
    kalender = Kalender(tambahan=libur)
    tenggat = tambah_hari_kerja(mulai, n, kalender)
    assert selisih_hari_kerja(mulai, tenggat, kalender) == n
    if n:
        assert adalah_hari_kerja(tenggat, kalender)
        assert selisih_hari_kerja(mulai, tenggat - datetime.timedelta(days=1), kalender) == n - 1


@given(
    mulai=st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=15),
    awal_jeda=st.integers(min_value=0, max_value=20),
    lama_jeda=st.integers(min_value=0, max_value=20),
)
def test_deadline_with_a_hold_agrees_with_elapsed(mulai, n, awal_jeda, lama_jeda):
    tunda = mulai + datetime.timedelta(days=awal_jeda)
    jeda = [(tunda, tunda + datetime.timedelta(days=lama_jeda))]
    tenggat = tenggat_hari_kerja(mulai, n, NASIONAL, jeda)
    assert selisih_hari_kerja(mulai, tenggat, NASIONAL, jeda) == n
    assert tenggat >= tambah_hari_kerja(mulai, n, NASIONAL)
