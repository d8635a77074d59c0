"""A circuit breaker for the parts that may fail without taking the application down: the cache and the broker
(both Redis in production).

After an error the part is skipped for `GANGGUAN_JEDA_DETIK` seconds: the callers take their fallback at once
instead of waiting for a timeout on every request (the rate limits count in the database, tasks are kept in the
outbox). One warning is logged when the breaker opens, and one line when the part answers again; nothing is logged
per request. The state is per process: each web or worker process finds out for itself.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("kinerja.gangguan")


def galat_layanan() -> tuple[type[BaseException], ...]:
    """The errors that mean "the service is not there" (connection refused or reset, timeout), as the Redis client,
    kombu and the socket layer raise them. Anything else is a bug and is raised."""
    import redis
    from kombu.exceptions import OperationalError

    return (OSError, redis.RedisError, OperationalError)


class Pemutus:
    """The breaker of one part. `terbuka()` says whether to skip it now; `gagal(exc)` and `berhasil()` report how a
    call went."""

    def __init__(self, nama: str, jeda: float | None = None) -> None:
        self.nama = nama
        self._jeda = jeda
        self._sampai = 0.0  # monotonic time until which the part is skipped
        self._rusak = False  # an error was reported and no success since
        self._kunci = threading.Lock()

    @property
    def jeda(self) -> float:
        return self._jeda if self._jeda is not None else float(settings.GANGGUAN_JEDA_DETIK)

    def terbuka(self) -> bool:
        return time.monotonic() < self._sampai

    def gagal(self, exc: BaseException) -> None:
        with self._kunci:
            self._sampai = time.monotonic() + self.jeda
            pertama = not self._rusak
            self._rusak = True
        if pertama:
            logger.warning(
                "%s tidak dapat dihubungi (%s: %s); dilewati %s detik, lalu dicoba lagi",
                self.nama,
                type(exc).__name__,
                exc,
                int(self.jeda),
            )

    def berhasil(self) -> None:
        if not self._rusak:
            return
        with self._kunci:
            pulih, self._rusak, self._sampai = self._rusak, False, 0.0
        if pulih:
            logger.warning("%s dapat dihubungi lagi", self.nama)

    def reset(self) -> None:
        with self._kunci:
            self._rusak, self._sampai = False, 0.0


cache = Pemutus("cache")
broker = Pemutus("broker")


def reset() -> None:
    """Close every breaker (tests, and a process that knows the services are back)."""
    cache.reset()
    broker.reset()


def lewat_cache(panggil, cadangan):
    """`panggil()` against the cache, or `cadangan()` when the cache is being skipped or fails now."""
    if cache.terbuka():
        return cadangan()
    try:
        hasil = panggil()
    except galat_layanan() as exc:
        cache.gagal(exc)
        return cadangan()
    cache.berhasil()
    return hasil
