"""Celery tasks of the reports: thin and idempotent, they take ids and call a service.

`kinerja.reports.*` tasks are routed to the `reports` queue (kinerja/celery.py), served by the bounded
`worker-reports`; the beat jobs and the notification are light and stay on `default`.
"""

from celery import shared_task

from . import services, services_penutupan

# WeasyPrint on a very large report must not hold the reports worker for ever.
SOFT_TIME_LIMIT = 300
TIME_LIMIT = 330


@shared_task(name="kinerja.reports.render", soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def render_laporan(*, laporan_id: int) -> str | None:
    laporan = services.laporan_render(laporan_id=laporan_id)
    return laporan.status if laporan is not None else None


@shared_task(name="kinerja.laporan.tutup_triwulan")
def tutup_triwulan() -> int:
    """Beat: generate the reports of every triwulan whose entry window has just closed."""
    return len(services_penutupan.laporan_tutup_triwulan())


@shared_task(name="kinerja.laporan.hapus_kedaluwarsa")
def hapus_kedaluwarsa() -> list[int]:
    """Beat: remove report jobs and stored files older than the retention period."""
    return list(services.laporan_hapus_kedaluwarsa())


@shared_task(name="kinerja.laporan.beritahu_penutupan")
def beritahu_penutupan(*, penutupan_id: int) -> bool:
    return services_penutupan.penutupan_beritahu(penutupan_id=penutupan_id)


@shared_task(name="kinerja.laporan.periksa_macet")
def periksa_macet() -> list[int]:
    """Beat: send again the report jobs that stuck (a killed worker, a lost task), fail those out of attempts."""
    return list(services.laporan_periksa_macet())


@shared_task(name="kinerja.notifikasi.harian")
def notifikasi_harian() -> int:
    """Beat: windows opening or closing, values waiting too long for verification, complaints past their deadline."""
    from .notifikasi_harian import notifikasi_harian as hitung

    return hitung()
