"""The Celery application: two queues (default and reports), late acknowledgement, beat schedule in code."""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

app = Celery("kinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_default_queue="default",
    task_queues=(Queue("default"), Queue("reports")),
    task_routes={"kinerja.reports.*": {"queue": "reports"}},
    # A task is acknowledged only once it has run, and given back if the worker dies, so nothing is lost.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    beat_schedule={
        "recalculate-achievements-nightly": {
            "task": "kinerja.indikator.recalculate_all",
            "schedule": crontab(hour=18, minute=30),  # 02:30 WITA
        },
        "pengaduan-deadlines-hourly": {
            "task": "kinerja.pengaduan.periksa_tenggat",
            "schedule": crontab(minute=5),
        },
        "pengaduan-feeds-nightly": {
            "task": "kinerja.pengaduan.feed_semua",
            "schedule": crontab(hour=18, minute=0),  # 02:00 WITA, before the recalculation
        },
        "survei-feeds-nightly": {
            "task": "kinerja.survei.feed_semua",
            "schedule": crontab(hour=18, minute=0),
        },
        # Hourly, so a window closing at midnight WIB, WITA or WIT is picked up within the hour; idempotent.
        "reports-at-quarter-close": {"task": "kinerja.laporan.tutup_triwulan", "schedule": crontab(minute=20)},
        "reports-retention": {"task": "kinerja.laporan.hapus_kedaluwarsa", "schedule": crontab(hour=19, minute=45)},
        "reports-stuck": {"task": "kinerja.laporan.periksa_macet", "schedule": crontab(minute="*/5")},
        # Tasks the broker could not take (opd/antrian.py): sent again once it answers. A run that waited behind a
        # later one is dropped, not run twice.
        "outbox-every-minute": {"task": "kinerja.opd.kirim_tertunda", "schedule": 60.0, "options": {"expires": 55}},
        "rate-limit-counters-hourly": {"task": "kinerja.opd.bersihkan_batas", "schedule": crontab(minute=40)},
        # Notifications: the day's events at 06:00 WITA (07:00 WIT, 05:00 WIB), then one digest email per user.
        "notifications-daily": {"task": "kinerja.notifikasi.harian", "schedule": crontab(hour=22, minute=0)},
        "notifications-digest": {"task": "kinerja.notifikasi.ringkasan", "schedule": crontab(hour=22, minute=30)},
    },
)
app.autodiscover_tasks()


@app.task(name="kinerja.health.ping", ignore_result=False)
def ping() -> str:
    """A worker round trip: the integration test and the health check call it."""
    return "pong"
