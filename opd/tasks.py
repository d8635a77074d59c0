"""Celery beat jobs of the opd app: the outbox of tasks the broker could not take, and the rate-limit counters."""

from celery import shared_task

from . import antrian, batas


@shared_task(name="kinerja.opd.kirim_tertunda")
def kirim_tertunda() -> list[int]:
    """Beat, every minute: publish again the tasks kept while the broker was down. Returns [sent, left]."""
    return list(antrian.kirim_tertunda())


@shared_task(name="kinerja.opd.bersihkan_batas")
def bersihkan_batas() -> int:
    """Beat, hourly: remove the database rate-limit counters whose window has ended."""
    return batas.bersihkan()
