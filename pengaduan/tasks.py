"""Celery tasks: thin and idempotent; they take ids and call a service. Names are explicit (kinerja.pengaduan.*)."""

from celery import shared_task


@shared_task(name="kinerja.pengaduan.periksa_tenggat")
def periksa_tenggat() -> dict[str, int]:
    """Hourly: recompute deadlines, flag and escalate overdue complaints, close answered ones after 10 working days."""
    from .eskalasi import tenggat_periksa

    return tenggat_periksa()


@shared_task(name="kinerja.pengaduan.hitung_ulang_tenggat")
def hitung_ulang_tenggat(*, instansi_id: int) -> int:
    """After the instansi's days off changed."""
    from .eskalasi import tenggat_hitung_ulang_instansi

    return tenggat_hitung_ulang_instansi(instansi_id=instansi_id)


@shared_task(name="kinerja.pengaduan.feed_opd")
def feed_opd(*, opd_id: int, tahun: int) -> None:
    """After a complaint figure of the OPD changed: its complaint-fed indicators of that year."""
    from .feeds import feed_opd as jalankan

    jalankan(opd_id=opd_id, tahun=tahun)


@shared_task(name="kinerja.pengaduan.feed_indikator")
def feed_indikator(*, indikator_id: int) -> None:
    """After an indicator became complaint-fed (or changed): fill its quarters."""
    from indikator.models import Indikator

    from .feeds import feed_indikator as jalankan

    indikator = Indikator.objects.select_related("instansi").filter(pk=indikator_id).first()
    if indikator is not None:
        jalankan(indikator)


@shared_task(name="kinerja.pengaduan.feed_semua")
def feed_semua() -> int:
    """Nightly: every complaint-fed indicator of the current year."""
    from .feeds import feed_semua as jalankan

    return jalankan()
