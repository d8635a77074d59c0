"""How long a signed-in session lasts: SESSION_IDLE_MINUTES without a request end it, and so do SESSION_MAX_HOURS
after signing in, however busy. Both moments are kept in the session as Unix seconds; the last-activity stamp is
written at most once a minute (`CATAT_SETIAP`), so that reading pages does not write the session each time."""

import time

from django.conf import settings

MASUK = "kinerja_masuk"
AKTIF = "kinerja_aktif"
CATAT_SETIAP = 60  # seconds


def detik() -> int:
    """The clock the session limits read (wall-clock time, not the application's `timezone.now`)."""
    return int(time.time())


def berlaku(*, masuk: int, aktif: int, sekarang: int, diam_maks: int, umur_maks: int) -> bool:
    """Whether a session signed in at `masuk` and last active at `aktif` still holds at `sekarang` (all in seconds):
    less than `diam_maks` since the last request and less than `umur_maks` since signing in. A clock that went back
    ends nothing."""
    return sekarang - aktif < diam_maks and sekarang - masuk < umur_maks


def mulai(session) -> None:
    """Signing in starts both clocks."""
    session[MASUK] = session[AKTIF] = detik()


def periksa(session) -> bool:
    """For a request of a signed-in session: False when the session has run out; otherwise the activity is noted
    (once a minute) and True. A session signed in before these stamps existed starts its clocks now."""
    sekarang = detik()
    masuk, aktif = session.get(MASUK), session.get(AKTIF)
    if not isinstance(masuk, int) or not isinstance(aktif, int):
        mulai(session)
        return True
    if not berlaku(
        masuk=masuk,
        aktif=aktif,
        sekarang=sekarang,
        diam_maks=settings.SESSION_IDLE_MINUTES * 60,
        umur_maks=settings.SESSION_MAX_HOURS * 60 * 60,
    ):
        return False
    if sekarang - aktif >= CATAT_SETIAP:
        session[AKTIF] = sekarang
    return True
