"""The circuit breaker (opd/gangguan.py): after an error the part is skipped for a while, with one warning."""

import logging

import pytest
import redis

from opd import gangguan


@pytest.fixture
def jam(monkeypatch):
    waktu = {"t": 1000.0}
    monkeypatch.setattr(gangguan.time, "monotonic", lambda: waktu["t"])
    return waktu


def test_an_error_opens_the_breaker_for_its_pause_then_the_part_is_tried_again(jam):
    pemutus = gangguan.Pemutus("cache", jeda=30)
    assert not pemutus.terbuka()
    pemutus.gagal(ConnectionRefusedError())
    assert pemutus.terbuka()
    jam["t"] += 29.9
    assert pemutus.terbuka()
    jam["t"] += 0.1
    assert not pemutus.terbuka()


def test_one_warning_when_it_opens_and_one_when_the_part_answers_again(jam, caplog):
    pemutus = gangguan.Pemutus("broker", jeda=30)
    with caplog.at_level(logging.WARNING, logger="kinerja.gangguan"):
        pemutus.gagal(ConnectionRefusedError(111, "Connection refused"))
        jam["t"] += 31
        pemutus.gagal(ConnectionRefusedError(111, "Connection refused"))  # still down: no second warning
        jam["t"] += 31
        pemutus.berhasil()
        pemutus.berhasil()
    assert [r.getMessage() for r in caplog.records] == [
        "broker tidak dapat dihubungi (ConnectionRefusedError: [Errno 111] Connection refused); "
        "dilewati 30 detik, lalu dicoba lagi",
        "broker dapat dihubungi lagi",
    ]
    assert not pemutus.terbuka()


def test_the_pause_comes_from_the_settings(settings, jam):
    settings.GANGGUAN_JEDA_DETIK = 5
    pemutus = gangguan.Pemutus("cache")
    pemutus.gagal(OSError())
    jam["t"] += 5
    assert not pemutus.terbuka()


def test_lewat_cache_falls_back_on_a_service_error_and_skips_the_cache_while_open(jam):
    gangguan.reset()
    panggilan = []

    def rusak():
        panggilan.append("cache")
        raise redis.ConnectionError("Error 111 connecting")

    try:
        assert gangguan.lewat_cache(rusak, lambda: "db") == "db"
        assert gangguan.lewat_cache(rusak, lambda: "db") == "db"
        assert panggilan == ["cache"]  # the second call did not wait for the cache
        jam["t"] += 31
        assert gangguan.lewat_cache(lambda: "cache", lambda: "db") == "cache"
    finally:
        gangguan.reset()


def test_a_bug_is_not_taken_for_an_outage():
    gangguan.reset()
    with pytest.raises(KeyError):
        gangguan.lewat_cache(lambda: {}["x"], lambda: "db")
    assert not gangguan.cache.terbuka()
