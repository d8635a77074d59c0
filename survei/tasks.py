"""Celery tasks: thin and idempotent; they take ids and call a service. Names are explicit (kinerja.survei.*)."""

from celery import shared_task


@shared_task(name="kinerja.survei.feed_opd")
def feed_opd(*, opd_id: int, tahun: int) -> None:
    """After a survey answer to the OPD: its IKM-fed indicators of that year."""
    from .feeds import feed_opd as jalankan

    jalankan(opd_id=opd_id, tahun=tahun)


@shared_task(name="kinerja.survei.feed_indikator")
def feed_indikator(*, indikator_id: int) -> None:
    """After an indicator became IKM-fed (or changed): fill its quarters."""
    from indikator.models import Indikator

    from .feeds import feed_indikator as jalankan

    indikator = Indikator.objects.select_related("instansi").filter(pk=indikator_id).first()
    if indikator is not None:
        jalankan(indikator)


@shared_task(name="kinerja.survei.feed_semua")
def feed_semua() -> int:
    """Nightly: every IKM-fed indicator of the current year."""
    from .feeds import feed_semua as jalankan

    return jalankan()
