"""Celery tasks: thin and idempotent; they take ids and call the recalculation."""

from celery import shared_task

from .recalc import recalculate


@shared_task(name="kinerja.indikator.recalculate")
def recalculate_indikator(*, indikator_ids: list[int]) -> None:
    """After a verified value changed: this indicator's quarters, and the scores it feeds."""
    recalculate(indikator_ids=indikator_ids)


@shared_task(name="kinerja.indikator.recalculate_all")
def recalculate_all(*, tahun: int | None = None) -> int:
    """Nightly: everything, instansi by instansi, so each run holds one instansi's lock at a time."""
    from opd.models import Instansi

    count = 0
    for instansi_id in Instansi.objects.order_by("pk").values_list("pk", flat=True):
        recalculate(instansi_id=instansi_id, tahun=tahun)
        count += 1
    return count


@shared_task(name="kinerja.indikator.recalculate_instansi")
def recalculate_instansi(*, instansi_id: int) -> None:
    """After an instansi's cap or bands changed: all its years."""
    recalculate(instansi_id=instansi_id)


@shared_task(name="kinerja.reports.sertifikat")
def render_sertifikat(*, penghargaan_id: int) -> bool:
    """Render an approved reward's certificate PDF (reports queue). Idempotent: a second run finds the file."""
    from .services_penilaian import sertifikat_buat

    return sertifikat_buat(penghargaan_id=penghargaan_id)
