"""Report jobs that stick: a render killed with its worker, or a task lost with the broker, is sent again by the
beat job `kinerja.laporan.periksa_macet`, and after MAKS_PERCOBAAN attempts failed with its reason."""

import datetime

import pytest
from django.utils import timezone

from kinerja.celery import app
from laporan import services
from laporan.models import Laporan
from laporan.tasks import periksa_macet, render_laporan

from .conftest import TAHUN

ALASAN = (
    "Laporan gagal dibuat setelah 3 percobaan: pembuatannya terhenti sebelum selesai. "
    "Silakan minta lagi; bila terulang, hubungi admin."
)


def job(world, **kwargs) -> Laporan:
    data = {"jenis": "rekap_instansi", "bahasa": "id", "instansi": world.instansi, "tahun": TAHUN, "triwulan": 2}
    return Laporan.objects.create(**(data | kwargs))


@pytest.fixture
def terkirim(monkeypatch):
    sent = []
    monkeypatch.setattr(render_laporan, "delay", lambda **kwargs: sent.append(kwargs))
    return sent


def test_beat_checks_stuck_jobs_every_five_minutes():
    entry = next(e for e in app.conf.beat_schedule.values() if e["task"] == "kinerja.laporan.periksa_macet")
    assert str(entry["schedule"]._orig_minute) == "*/5"
    assert periksa_macet.name == "kinerja.laporan.periksa_macet"


@pytest.mark.django_db
def test_a_job_running_past_the_time_limit_is_queued_and_sent_again(
    world, terkirim, django_capture_on_commit_callbacks
):
    now = timezone.now()
    macet = job(world, status="berjalan", percobaan=1, mulai_pada=now - datetime.timedelta(minutes=11))
    jalan = job(world, status="berjalan", percobaan=1, mulai_pada=now - datetime.timedelta(minutes=9))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.laporan_periksa_macet(sekarang=now) == (1, 0)
    macet.refresh_from_db()
    jalan.refresh_from_db()
    assert (macet.status, macet.mulai_pada, macet.percobaan) == ("antri", now, 1)
    assert jalan.status == "berjalan"  # still within its time limit: left alone
    assert terkirim == [{"laporan_id": macet.pk}]


@pytest.mark.django_db
def test_a_job_whose_task_was_lost_in_the_queue_is_sent_again(world, terkirim, django_capture_on_commit_callbacks):
    now = timezone.now()
    hilang = job(world, diminta_pada=now - datetime.timedelta(minutes=31))
    dikirim_ulang = job(world, diminta_pada=now - datetime.timedelta(hours=2), mulai_pada=now)  # sent again just now
    baru = job(world, diminta_pada=now - datetime.timedelta(minutes=29))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.laporan_periksa_macet(sekarang=now) == (1, 0)
    assert terkirim == [{"laporan_id": hilang.pk}]
    assert {j.status for j in Laporan.objects.filter(pk__in=[dikirim_ulang.pk, baru.pk])} == {"antri"}


@pytest.mark.django_db
def test_a_job_out_of_attempts_is_failed_with_its_reason(world, terkirim, django_capture_on_commit_callbacks):
    now = timezone.now()
    habis = job(world, status="berjalan", percobaan=3, mulai_pada=now - datetime.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.laporan_periksa_macet(sekarang=now) == (0, 1)
    habis.refresh_from_db()
    assert (habis.status, habis.alasan_gagal, habis.selesai_pada) == ("gagal", ALASAN, now)
    assert terkirim == []


@pytest.mark.django_db
def test_the_reason_is_in_the_language_of_the_job(world, terkirim, django_capture_on_commit_callbacks):
    now = timezone.now()
    habis = job(world, bahasa="en", status="berjalan", percobaan=3, mulai_pada=now - datetime.timedelta(hours=1))
    services.laporan_periksa_macet(sekarang=now)
    habis.refresh_from_db()
    assert habis.alasan_gagal.startswith("The report could not be made after 3 attempts")


@pytest.mark.django_db
def test_each_render_counts_an_attempt_and_a_redelivery_after_the_last_fails_the_job(world, data_laporan):
    laporan = job(world)
    services.laporan_render(laporan_id=laporan.pk)
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan) == ("selesai", 1)

    # A worker killed twice mid-render: the task comes back a third time (late acknowledgement) and renders.
    kedua = job(world, status="berjalan", percobaan=2, mulai_pada=timezone.now())
    services.laporan_render(laporan_id=kedua.pk)
    kedua.refresh_from_db()
    assert (kedua.status, kedua.percobaan) == ("selesai", 3)

    # Killed a third time: the next delivery fails it rather than taking the worker down again.
    ketiga = job(world, status="berjalan", percobaan=3, mulai_pada=timezone.now())
    services.laporan_render(laporan_id=ketiga.pk)
    ketiga.refresh_from_db()
    assert (ketiga.status, ketiga.alasan_gagal) == ("gagal", ALASAN)
