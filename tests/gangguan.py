"""Fixtures for services that are down (import them by their `fixture_` name): a cache and a broker at an address where nothing listens (connection
refused, as when Redis is stopped), and a private redis-server that a test may stop and start again."""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import redis

from kinerja.celery import app
from opd import gangguan

WAJIB = os.environ.get("KINERJA_REQUIRE_SERVICES") == "1"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cache_redis(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }


def lewati_atau_gagal(alasan: str):
    if WAJIB:
        pytest.fail(alasan)
    pytest.skip(alasan)


class Broker:
    """The project's Celery app publishing to `url` (not eager); restored by `selesai()`."""

    KEYS = ("task_always_eager", "broker_url", "result_backend")

    def __init__(self, url: str) -> None:
        self.saved = {key: app.conf[key] for key in self.KEYS}
        self._lupakan()
        app.conf.update(task_always_eager=False, broker_url=url, result_backend=url)
        gangguan.reset()

    @staticmethod
    def _lupakan() -> None:
        """Forget the connections (and the producers on them) to the previous broker."""
        from kombu import pools

        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    def selesai(self) -> None:
        self._lupakan()
        app.conf.update(self.saved)
        app.amqp.queues.select(list(app.amqp.queues))
        gangguan.reset()


@pytest.fixture(name="cache_mati")
def fixture_cache_mati(settings):
    """The cache is Redis at an address where nothing listens."""
    gangguan.reset()
    settings.CACHES = cache_redis(f"redis://127.0.0.1:{port_bebas()}/0")
    yield
    gangguan.reset()


@pytest.fixture(name="broker_mati")
def fixture_broker_mati():
    """The broker is Redis at an address where nothing listens."""
    broker = Broker(f"redis://127.0.0.1:{port_bebas()}/0")
    yield
    broker.selesai()


class RedisPribadi:
    """A redis-server of the test's own, on a free port, without persistence; stop() and start() keep the port."""

    def __init__(self) -> None:
        self.port = port_bebas()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="kinerja-redis-")
        self.proses: subprocess.Popen | None = None

    def start(self) -> None:
        self.proses = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        klien = redis.Redis(port=self.port, socket_connect_timeout=1)
        for _ in range(100):
            try:
                klien.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proses is not None:
            self.proses.kill()
            self.proses.wait(timeout=10)
            self.proses = None

    def klien(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_connect_timeout=1)

    def hapus(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(name="redis_pribadi")
def fixture_redis_pribadi():
    if not shutil.which("redis-server"):
        lewati_atau_gagal("redis-server not found (apt-get install redis-server): no private Redis to stop")
    server = RedisPribadi()
    server.start()
    yield server
    server.hapus()
