"""Per-address rate limits: the address behind the deployment's proxy, and the counters kept in the database while
the cache is down."""

import datetime

import pytest
from django.utils import timezone

from opd import batas
from opd.models import PenghitungBatas
from tests.gangguan import fixture_cache_mati  # noqa: F401


def test_forwarded_for_is_trusted_only_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert batas.alamat_klien(request) == "10.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert batas.alamat_klien(request) == "5.6.7.8"


# -- while the cache is down ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_mati")
def test_without_the_cache_the_limit_is_counted_in_the_database_and_still_holds():
    for n in range(1, 11):
        assert not batas.terlampaui("pengaduan", "10.0.0.1")
        assert batas.catat("pengaduan", "10.0.0.1") == n
    assert batas.terlampaui("pengaduan", "10.0.0.1")
    assert not batas.terlampaui("pengaduan", "10.0.0.2")  # another address has its own allowance
    assert not batas.terlampaui("survei", "10.0.0.1")  # and so has another purpose
    baris = PenghitungBatas.objects.get()
    assert baris.jumlah == 10
    assert "10.0.0.1" not in baris.kunci  # hashed, as in the cache


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_mati")
def test_a_database_window_starts_with_the_first_use_and_a_use_after_it_starts_again(monkeypatch):
    awal = timezone.now()
    monkeypatch.setattr(batas.timezone, "now", lambda: awal)
    for _ in range(10):
        batas.catat("lacak_gagal", "10.0.0.1")
    assert batas.terlampaui("lacak_gagal", "10.0.0.1")
    monkeypatch.setattr(batas.timezone, "now", lambda: awal + datetime.timedelta(minutes=14, seconds=59))
    assert batas.terlampaui("lacak_gagal", "10.0.0.1")
    assert batas.catat("lacak_gagal", "10.0.0.1") == 11
    monkeypatch.setattr(batas.timezone, "now", lambda: awal + datetime.timedelta(minutes=15))
    assert not batas.terlampaui("lacak_gagal", "10.0.0.1")  # the window of 15 minutes has ended
    assert batas.catat("lacak_gagal", "10.0.0.1") == 1
    assert PenghitungBatas.objects.get().jendela_mulai == awal + datetime.timedelta(minutes=15)


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_mati")
def test_cleanup_removes_only_counters_whose_longest_window_has_ended(monkeypatch):
    awal = timezone.now()
    monkeypatch.setattr(batas.timezone, "now", lambda: awal)
    batas.catat("pengaduan", "10.0.0.1")
    monkeypatch.setattr(batas.timezone, "now", lambda: awal + datetime.timedelta(minutes=30))
    batas.catat("pengaduan", "10.0.0.2")
    assert batas.bersihkan(sekarang=awal + datetime.timedelta(hours=1)) == 1
    assert PenghitungBatas.objects.count() == 1


@pytest.mark.django_db
def test_with_the_cache_up_nothing_is_written_to_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        batas.catat("pengaduan", "10.0.0.9")
        assert not batas.terlampaui("pengaduan", "10.0.0.9")
