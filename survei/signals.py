"""An indicator switched to the IKM source gets its quarters filled once the change is committed."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from indikator.models import Indikator
from opd import antrian

from .feeds import SUMBER_OTOMATIS


@receiver(post_save, sender=Indikator)
def _indikator_disimpan(sender, instance: Indikator, **kwargs) -> None:
    if kwargs.get("raw") or instance.sumber_realisasi not in SUMBER_OTOMATIS:
        return
    from .tasks import feed_indikator

    antrian.kirim_saat_commit(feed_indikator, indikator_id=instance.pk)
