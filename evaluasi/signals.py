"""Keep stored achievements true when what they are computed from changes outside the realisation workflow:
an indicator's targets, weight, polarity or aggregation, or an instansi's cap and bands; and keep the stored
summaries (RingkasanOpd) true when a realisation is saved in any state, since their counts follow draf, diajukan,
dikembalikan as well as verified values. Whatever changes in one transaction enqueues one task, on commit."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from indikator.models import Indikator, TargetTriwulan
from opd import antrian
from opd.models import Instansi

from .models import Realisasi

CONFIG_FIELDS = ("batas_capaian", "band_sangat_baik", "band_baik", "band_cukup", "band_kurang")


def _enqueue(alias: str, indikator_ids: set[int], instansi_ids: set[int]) -> None:
    """Send the recalculation tasks: one per instansi, one for the indicators, and the recount of their OPD-years."""
    from .ringkasan import jadwalkan
    from .tasks import recalculate_indikator, recalculate_instansi

    for inst in sorted(instansi_ids):
        antrian.kirim(recalculate_instansi, instansi_id=inst)
    if indikator_ids:
        antrian.kirim(recalculate_indikator, indikator_ids=sorted(indikator_ids))
        # The OPD summaries are recounted apart, at most one pending per OPD-year (evaluasi/ringkasan.py).
        jadwalkan(
            Indikator.objects.using(alias)
            .filter(pk__in=indikator_ids)
            .order_by()
            .values_list("opd_id", "tahun")
            .distinct()
        )


def enqueue_recalculation(*, indikator_id: int | None = None, instansi_id: int | None = None) -> None:
    """Collect what changed during the transaction and enqueue one recalculation task on commit."""
    conn = connections[DEFAULT_DB_ALIAS]
    state = conn.__dict__.get("_kinerja_recalc")
    if state is None or not any(entry[1] is state["flush"] for entry in conn.run_on_commit):
        state = {"indikator": set(), "instansi": set()}

        def flush() -> None:
            if conn.__dict__.get("_kinerja_recalc") is state:
                del conn.__dict__["_kinerja_recalc"]
            _enqueue(conn.alias, state["indikator"], state["instansi"])

        state["flush"] = flush
        conn.__dict__["_kinerja_recalc"] = state
        register = True
    else:
        register = False
    if indikator_id is not None:
        state["indikator"].add(indikator_id)
    if instansi_id is not None:
        state["instansi"].add(instansi_id)
    if register:
        transaction.on_commit(state["flush"])


def enqueue_recalculation_of(indikator_ids) -> None:
    """The same for a bulk write (which sends no post_save signal): one task on commit for all its indicators."""
    ids = set(indikator_ids)
    if ids:
        transaction.on_commit(lambda: _enqueue(DEFAULT_DB_ALIAS, ids, set()))


@receiver(post_save, sender=Indikator)
@receiver(post_delete, sender=Indikator)
def _indikator_changed(sender, instance: Indikator, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    if kwargs.get("signal") is post_delete:
        enqueue_recalculation(instansi_id=instance.instansi_id)
    else:
        enqueue_recalculation(indikator_id=instance.pk)


@receiver(post_save, sender=TargetTriwulan)
@receiver(post_delete, sender=TargetTriwulan)
def _target_changed(sender, instance: TargetTriwulan, **kwargs) -> None:
    if not kwargs.get("raw"):
        enqueue_recalculation(indikator_id=instance.indikator_id)


@receiver(post_save, sender=Instansi)
def _instansi_changed(sender, instance: Instansi, created: bool, **kwargs) -> None:
    if created or kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is None or set(update_fields) & set(CONFIG_FIELDS):
        enqueue_recalculation(instansi_id=instance.pk)


@receiver(post_save, sender=Realisasi)
@receiver(post_delete, sender=Realisasi)
def _realisasi_changed(sender, instance: Realisasi, **kwargs) -> None:
    # Any state change moves the completeness counts, though only verification moves an achievement. A verification
    # also enqueues its own recalculation (evaluasi/services.py): the second run finds nothing to change.
    if not kwargs.get("raw"):
        enqueue_recalculation(indikator_id=instance.indikator_id)
