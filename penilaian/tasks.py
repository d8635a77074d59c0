"""Celery tasks: thin and idempotent; they take ids and call a service."""

from celery import shared_task


@shared_task(name="kinerja.reports.sertifikat")
def render_sertifikat(*, penghargaan_id: int) -> bool:
    """Render an approved reward's certificate PDF (reports queue). Idempotent: a second run finds the file."""
    from .services_tindak_lanjut import sertifikat_buat

    return sertifikat_buat(penghargaan_id=penghargaan_id)
