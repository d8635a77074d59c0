"""Celery tasks of the notifications: the daily email digest, one email per user."""

import logging

from celery import shared_task

from . import notifikasi

logger = logging.getLogger(__name__)


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
