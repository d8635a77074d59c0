"""The outbox (opd/antrian.py): a task the broker cannot take is kept, never raised, and sent again by beat."""

import logging
import time

import pytest

from evaluasi.tasks import recalculate_indikator
from kinerja.celery import app
from opd import antrian, gangguan
from opd.models import TugasTertunda
from opd.tasks import bersihkan_batas, kirim_tertunda
from tests.gangguan import fixture_broker_mati  # noqa: F401


def test_beat_sends_the_outbox_every_minute_and_cleans_the_counters_hourly():
    jadwal = {e["task"]: e for e in app.conf.beat_schedule.values()}
    assert jadwal["kinerja.opd.kirim_tertunda"]["schedule"] == 60.0
    assert jadwal["kinerja.opd.kirim_tertunda"]["options"] == {"expires": 55}
    assert "kinerja.opd.bersihkan_batas" in jadwal
    assert (kirim_tertunda.name, bersihkan_batas.name) == ("kinerja.opd.kirim_tertunda", "kinerja.opd.bersihkan_batas")


@pytest.mark.django_db
@pytest.mark.usefixtures("broker_mati")
def test_a_task_the_broker_cannot_take_is_kept_quickly_and_the_call_returns(caplog):
    mulai = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="kinerja.gangguan"):
        assert antrian.kirim(recalculate_indikator, indikator_ids=[7, 8]) is False
    assert time.monotonic() - mulai < 1  # the broker's connection is refused: no retrying for seconds
    tertunda = TugasTertunda.objects.get()
    assert (tertunda.nama, tertunda.argumen, tertunda.percobaan) == (
        "kinerja.indikator.recalculate",
        {"indikator_ids": [7, 8]},
        1,
    )
    assert "OperationalError" in tertunda.galat
    assert len(caplog.records) == 1

    # The breaker is open now: the next task is kept without trying the broker.
    mulai = time.monotonic()
    assert antrian.kirim(recalculate_indikator, countdown=10, indikator_ids=[9]) is False
    assert time.monotonic() - mulai < 0.1
    assert list(TugasTertunda.objects.values_list("argumen", "galat")) == [
        ({"indikator_ids": [7, 8]}, tertunda.galat),
        ({"indikator_ids": [9]}, "broker dilewati"),
    ]
    assert len(caplog.records) == 1  # one warning for the outage, not one per task


@pytest.mark.django_db
@pytest.mark.usefixtures("broker_mati")
def test_kirim_saat_commit_keeps_the_task_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        antrian.kirim_saat_commit(recalculate_indikator, indikator_ids=[3])
    assert not TugasTertunda.objects.exists()  # nothing before the commit
    callbacks[0]()
    assert TugasTertunda.objects.get().argumen == {"indikator_ids": [3]}


@pytest.mark.django_db
@pytest.mark.usefixtures("broker_mati")
def test_beat_counts_an_attempt_while_the_broker_is_still_down():
    TugasTertunda.objects.create(nama="kinerja.indikator.recalculate", argumen={"indikator_ids": [1]})
    TugasTertunda.objects.create(nama="kinerja.indikator.recalculate", argumen={"indikator_ids": [2]})
    assert antrian.kirim_tertunda() == (0, 2)
    assert list(TugasTertunda.objects.values_list("percobaan", flat=True)) == [2, 1]  # stopped at the first


@pytest.mark.django_db
def test_beat_sends_the_kept_tasks_in_order_and_deletes_them(monkeypatch):
    terkirim = []
    monkeypatch.setattr(recalculate_indikator, "delay", lambda **kwargs: terkirim.append(kwargs))
    TugasTertunda.objects.create(nama="kinerja.indikator.recalculate", argumen={"indikator_ids": [1]})
    TugasTertunda.objects.create(nama="kinerja.tidak.ada", argumen={})
    TugasTertunda.objects.create(nama="kinerja.indikator.recalculate", argumen={"indikator_ids": [2]})
    gangguan.broker.gagal(ConnectionRefusedError())  # beat tries whatever the breaker says, and closes it
    try:
        assert kirim_tertunda.delay().get() == [2, 1]
        assert not gangguan.broker.terbuka()
    finally:
        gangguan.reset()
    assert terkirim == [{"indikator_ids": [1]}, {"indikator_ids": [2]}]
    assert list(TugasTertunda.objects.values_list("nama", flat=True)) == ["kinerja.tidak.ada"]  # kept, logged


@pytest.mark.django_db
def test_with_eager_tasks_the_task_runs_at_once(monkeypatch):
    ran = []
    monkeypatch.setattr(recalculate_indikator, "run", lambda **kwargs: ran.append(kwargs))
    assert antrian.kirim(recalculate_indikator, indikator_ids=[5]) is True
    assert ran == [{"indikator_ids": [5]}]
    assert not TugasTertunda.objects.exists()
