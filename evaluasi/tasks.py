"""Celery tasks: thin and idempotent; they take ids and call the recalculation."""

from celery import shared_task

from .recalc import recalculate


@shared_task(name="kinerja.indikator.recalculate")
def recalculate_indikator(*, indikator_ids: list[int]) -> None:
    """After a verified value changed: this indicator's quarters, and the scores it feeds."""
    recalculate(indikator_ids=indikator_ids)


@shared_task(name="kinerja.indikator.recalculate_all")
def recalculate_all(*, tahun: int | None = None) -> int:
    """Nightly: everything, one task per instansi, so the instansi run in parallel on as many workers as there are
    (each run holds only its own instansi's lock; docs/operations.md). Returns the number of instansi dispatched;
    with eager tasks (tests, embedded mode) they run here one after another."""
    from opd import antrian
    from opd.models import Instansi

    ids = list(Instansi.objects.order_by("pk").values_list("pk", flat=True))
    for instansi_id in ids:
        antrian.kirim(recalculate_instansi, instansi_id=instansi_id, tahun=tahun)
    return len(ids)


@shared_task(name="kinerja.indikator.recalculate_instansi")
def recalculate_instansi(*, instansi_id: int, tahun: int | None = None) -> int:
    """One instansi (all its years unless `tahun`): after its cap or bands changed, or as part of the nightly run.
    Returns the number of rows written."""
    return recalculate(instansi_id=instansi_id, tahun=tahun)
