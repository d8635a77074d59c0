"""Sessions end after 30 idle minutes and 12 hours after signing in, however busy; activity is written to the
session at most once a minute."""

import pytest
from django.conf import settings
from django.urls import reverse

from opd import sesi

MENIT = 60
JAM = 60 * MENIT
MULAI = 1_800_000_000


@pytest.mark.parametrize(
    ("masuk", "aktif", "sekarang", "expected"),
    [
        (0, 0, 0, True),
        (0, 0, 30 * MENIT - 1, True),  # idle just under 30 minutes
        (0, 0, 30 * MENIT, False),  # idle exactly 30 minutes
        (0, 11 * JAM + 59 * MENIT, 12 * JAM - 1, True),  # busy, just under 12 hours
        (0, 11 * JAM + 59 * MENIT, 12 * JAM, False),  # busy, 12 hours after signing in
        (0, 12 * JAM, 12 * JAM + 1, False),
        (100, 200, 150, True),  # a clock that went back ends nothing
        (100, 100, 0, True),
    ],
)
def test_berlaku(masuk, aktif, sekarang, expected):
    assert (
        sesi.berlaku(masuk=masuk, aktif=aktif, sekarang=sekarang, diam_maks=30 * MENIT, umur_maks=12 * JAM) is expected
    )


def test_the_limits_are_30_minutes_idle_and_12_hours():
    assert (settings.SESSION_IDLE_MINUTES, settings.SESSION_MAX_HOURS) == (30, 12)
    assert settings.SESSION_COOKIE_AGE == 12 * JAM


@pytest.fixture
def jam_dinding(monkeypatch):
    """Set the clock the session limits read, in seconds since MULAI."""

    def _set(detik: int) -> None:
        monkeypatch.setattr(sesi, "detik", lambda: MULAI + detik)

    _set(0)
    return _set


def test_thirty_idle_minutes_end_the_session(client, world, jam_dinding):
    client.force_login(world.users["tim_evaluasi"])
    jam_dinding(29 * MENIT)
    assert client.get(reverse("home")).status_code == 200
    jam_dinding(29 * MENIT + 29 * MENIT)  # 29 minutes after the last request: still on
    assert client.get(reverse("home")).status_code == 200
    jam_dinding(58 * MENIT + 30 * MENIT)
    response = client.get(reverse("opd:opd_list"))
    assert response["Location"] == f"{reverse('login')}?next=/opd/"
    assert "_auth_user_id" not in client.session
    assert "Sesi Anda telah berakhir" in client.get(response["Location"]).content.decode()


def test_twelve_hours_after_signing_in_the_session_ends_however_busy(client, world, jam_dinding):
    client.force_login(world.users["asn"])
    for menit in range(20, 12 * 60, 20):
        jam_dinding(menit * MENIT)
        assert client.get(reverse("home")).status_code == 200, menit
    jam_dinding(12 * JAM)
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_activity_is_written_at_most_once_a_minute(client, world, jam_dinding, django_assert_num_queries):
    client.force_login(world.users["asn"])
    client.get(reverse("home"))
    jam_dinding(59)
    with django_assert_num_queries(100, exact=False) as tanpa:
        client.get(reverse("home"))
    assert client.session[sesi.AKTIF] == MULAI
    jam_dinding(60)
    with django_assert_num_queries(100, exact=False) as dengan:
        client.get(reverse("home"))
    assert client.session[sesi.AKTIF] == MULAI + 60
    assert tulis_sesi(tanpa) == []
    assert len(tulis_sesi(dengan)) == 1


def tulis_sesi(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "django_session"')]


def test_a_session_signed_in_before_the_limits_starts_its_clocks(client, world, jam_dinding):
    client.force_login(world.users["asn"])
    session = client.session
    del session[sesi.MASUK], session[sesi.AKTIF]
    session.save()
    jam_dinding(5 * JAM)
    assert client.get(reverse("home")).status_code == 200
    assert client.session[sesi.MASUK] == MULAI + 5 * JAM
