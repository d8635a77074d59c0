"""An indicator switched to a complaint source gets its quarters filled, and the instansi's open deadlines move when
one of its days off is added or removed; both once the change is committed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from indikator.models import Indikator
from opd import antrian
from opd.models import HariLibur

from .feeds import SUMBER_OTOMATIS


@receiver(post_save, sender=Indikator)
def _indikator_disimpan(sender, instance: Indikator, **kwargs) -> None:
    if kwargs.get("raw") or instance.sumber_realisasi not in SUMBER_OTOMATIS:
        return
    from .tasks import feed_indikator

    antrian.kirim_saat_commit(feed_indikator, indikator_id=instance.pk)


@receiver(post_save, sender=HariLibur)
@receiver(post_delete, sender=HariLibur)
def _hari_libur_berubah(sender, instance: HariLibur, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    from .tasks import hitung_ulang_tenggat

    antrian.kirim_saat_commit(hitung_ulang_tenggat, instansi_id=instance.instansi_id)
