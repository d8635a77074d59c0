"""The fuzzing's settings and its two checks: a request's outcome, and the database's state before and after."""

import hashlib
import os

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from hypothesis import HealthCheck, settings

# Modest and reproducible in CI: the same examples on every run (derandomize), no deadline on a request's time.
# FUZZ_CONTOH raises the count for a deeper local search, e.g. FUZZ_CONTOH=500.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_CONTOH", "15")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Tables a refused request may write by design: the session, the sign-in lockout counters, the audit log (which
# records a refused sign-in and a view's 403 or 404), and the second factor's devices (a wrong code counts towards
# their throttle; the authenticator being set up is kept from the first visit so that its QR code stays valid).
TABEL_BEBAS = ("django_session", "axes_", "opd_catatanaudit", "otp_totp_", "otp_static_")


def jejak() -> dict[str, str]:
    """A checksum of every table's rows, by table name."""
    hasil = {}
    with connection.cursor() as cursor:
        for tabel in sorted(connection.introspection.table_names(cursor)):
            if tabel.startswith(TABEL_BEBAS):
                continue
            # The names come from the database itself, quoted.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            baris = sorted(repr(r) for r in cursor.fetchall())
            hasil[tabel] = hashlib.sha256("\n".join(baris).encode()).hexdigest()
    return hasil


def berubah(sebelum: dict, sesudah: dict) -> list[str]:
    return sorted(t for t in sebelum.keys() | sesudah.keys() if sebelum.get(t) != sesudah.get(t))


def ditolak(response) -> bool:
    """A 4xx, or a page that shows a bound form with errors."""
    if response.status_code >= 400:
        return True
    for konteks in response.context or []:
        for nilai in konteks.flatten().values() if hasattr(konteks, "flatten") else []:
            if getattr(nilai, "is_bound", False) and getattr(nilai, "_errors", None):
                return True
    return False


class Percobaan:
    """One example, in a savepoint rolled back at the end, so that every example starts from the same database."""

    def __enter__(self):
        cache.clear()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        return self

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        self._atomic.__exit__(*exc)
        cache.clear()
        return False


@pytest.fixture
def percobaan():
    return Percobaan
