"""Per-address rate limits for the public pages, kept in the cache (local memory alone, Redis in production).

No third-party service: a counter per address and purpose that expires with its window. While the cache cannot be
reached (opd/gangguan.py), the counters are kept in the database (PenghitungBatas), one statement per use, so the
limits still hold and no citizen meets an error page. Counts made in the cache before an outage are not carried
over: an address may use up to one allowance more across the switch.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from . import gangguan
from .models import PenghitungBatas

# purpose → (how many in the window, window in seconds)
BATAS = {
    # Wrong tracking codes: enough for typing mistakes, far too few to guess a 58-bit code.
    "lacak_gagal": (10, 15 * 60),
    # Complaints filed from one address (a shared office or school address may file several).
    "pengaduan": (10, 60 * 60),
    # Survey answers: a counter tablet serves many citizens from one address.
    "survei": (120, 60 * 60),
    # Replies and ratings from the tracking page.
    "balasan": (30, 60 * 60),
}


def alamat_klien(request) -> str:
    """The client's address. Behind the deployment's reverse proxy (BEHIND_PROXY) the last X-Forwarded-For entry is
    the one that proxy saw; earlier entries are whatever the client sent, so they are never trusted."""
    alamat = request.META.get("REMOTE_ADDR", "") or "tanpa-alamat"
    if settings.SECURE_PROXY_SSL_HEADER:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if diteruskan:
            alamat = diteruskan[-1]
    return alamat


def _kunci(tujuan: str, alamat: str) -> str:
    # Hashed so that no address is written as such into the cache. The prefix is the one the counters had when
    # they lived in the pengaduan app, so that running windows carry over.
    return f"pengaduan:batas:{tujuan}:{hashlib.sha256(alamat.encode()).hexdigest()[:32]}"


def terlampaui(tujuan: str, alamat: str) -> bool:
    """Whether this address has used up its allowance for the purpose."""
    batas, _jendela = BATAS[tujuan]
    kunci = _kunci(tujuan, alamat)
    jumlah = gangguan.lewat_cache(lambda: cache.get(kunci) or 0, lambda: _jumlah_db(kunci, tujuan))
    return jumlah >= batas


def catat(tujuan: str, alamat: str) -> int:
    """Count one use; the window starts with the first one."""
    kunci = _kunci(tujuan, alamat)
    return gangguan.lewat_cache(lambda: _catat_cache(kunci, tujuan), lambda: _catat_db(kunci, tujuan))


def reset(tujuan: str, alamat: str) -> None:
    kunci = _kunci(tujuan, alamat)
    gangguan.lewat_cache(lambda: cache.delete(kunci), lambda: None)
    _hapus_db(kunci)


def _catat_cache(kunci: str, tujuan: str) -> int:
    _batas, jendela = BATAS[tujuan]
    if cache.add(kunci, 1, timeout=jendela):
        return 1
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.add(kunci, 1, timeout=jendela)
        return 1


# -- the database fallback -------------------------------------------------------------------------------------------


def _awal_jendela(tujuan: str, sekarang: datetime.datetime) -> datetime.datetime:
    """The earliest start of a window still running now."""
    return sekarang - datetime.timedelta(seconds=BATAS[tujuan][1])


def _jumlah_db(kunci: str, tujuan: str) -> int:
    awal = _awal_jendela(tujuan, timezone.now())
    baris = PenghitungBatas.objects.filter(kunci=kunci, jendela_mulai__gt=awal).values_list("jumlah", flat=True)
    return next(iter(baris), 0)


def _catat_db(kunci: str, tujuan: str) -> int:
    """One use, in one statement that is safe under concurrency: the row is created, counted up, or (when its window
    has ended) started again at 1. PostgreSQL and SQLite (3.35+) both take INSERT … ON CONFLICT … RETURNING."""
    sekarang = timezone.now()
    tabel = connection.ops.quote_name(PenghitungBatas._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"INSERT INTO {tabel} (kunci, jendela_mulai, jumlah) VALUES (%s, %s, 1) "  # noqa: S608 (the model's table)
        f"ON CONFLICT (kunci) DO UPDATE SET "
        f"jumlah = CASE WHEN {tabel}.jendela_mulai > %s THEN {tabel}.jumlah + 1 ELSE 1 END, "
        f"jendela_mulai = CASE WHEN {tabel}.jendela_mulai > %s THEN {tabel}.jendela_mulai ELSE %s END "
        f"RETURNING jumlah"
    )
    awal = adapt(_awal_jendela(tujuan, sekarang))
    with connection.cursor() as cursor:
        cursor.execute(sql, [kunci, adapt(sekarang), awal, awal, adapt(sekarang)])
        return cursor.fetchone()[0]


def _hapus_db(kunci: str) -> None:
    PenghitungBatas.objects.filter(kunci=kunci).delete()


def bersihkan(*, sekarang: datetime.datetime | None = None) -> int:
    """Remove the database counters whose window has ended (beat). Returns how many."""
    terpanjang = max(jendela for _batas, jendela in BATAS.values())
    batas_waktu = (sekarang or timezone.now()) - datetime.timedelta(seconds=terpanjang)
    hapus, _detail = PenghitungBatas.objects.filter(jendela_mulai__lte=batas_waktu).delete()
    return hapus
