"""Celery tasks of the opd app: the outbox of tasks the broker could not take, the rate-limit counters, and the daily
email digest of notifications (one email per user)."""

import logging

from celery import shared_task

from . import antrian, batas, notifikasi

logger = logging.getLogger(__name__)


@shared_task(name="kinerja.opd.kirim_tertunda")
def kirim_tertunda() -> list[int]:
    """Beat, every minute: publish again the tasks kept while the broker was down. Returns [sent, left]."""
    return list(antrian.kirim_tertunda())


@shared_task(name="kinerja.opd.bersihkan_batas")
def bersihkan_batas() -> int:
    """Beat, hourly: remove the database rate-limit counters whose window has ended."""
    return batas.bersihkan()


@shared_task(name="kinerja.notifikasi.ringkasan")
def ringkasan() -> int:
    """Beat: one email per user gathering every event not yet sent. A failed address does not stop the others; its
    events stay unsent for the next run."""
    terkirim = 0
    for user_id in notifikasi.pengguna_menunggu_ringkasan():
        try:
            terkirim += 1 if notifikasi.ringkasan_kirim(user_id=user_id) else 0
        except Exception:
            logger.exception("ringkasan notifikasi untuk pengguna %s gagal dikirim", user_id)
    return terkirim
