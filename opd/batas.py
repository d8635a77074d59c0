"""Per-address rate limits for the public pages, kept in the cache (local memory alone, Redis in production).

No third-party service: a counter per address and purpose that expires with its window.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

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
    return (cache.get(_kunci(tujuan, alamat)) or 0) >= batas


def catat(tujuan: str, alamat: str) -> int:
    """Count one use; the window starts with the first one."""
    _batas, jendela = BATAS[tujuan]
    kunci = _kunci(tujuan, alamat)
    if cache.add(kunci, 1, timeout=jendela):
        return 1
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.add(kunci, 1, timeout=jendela)
        return 1


def reset(tujuan: str, alamat: str) -> None:
    cache.delete(_kunci(tujuan, alamat))
