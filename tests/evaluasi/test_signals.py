from decimal import Decimal

from evaluasi.models import CapaianTriwulan, Realisasi
from indikator.models import TargetTriwulan


def test_changing_a_target_recalculates(world, buat_indikator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ind = buat_indikator(world.opd, tw=Decimal(25))
        Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(20), status="diverifikasi")
    with django_capture_on_commit_callbacks(execute=True):
        TargetTriwulan.objects.filter(indikator=ind, triwulan=1).update(target_bawah=Decimal(20))
        TargetTriwulan.objects.get(indikator=ind, triwulan=1).save()
    assert CapaianTriwulan.objects.get(indikator=ind, triwulan=1).capaian == Decimal("100.0000")


def test_changing_the_instansi_cap_recalculates(world, buat_indikator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ind = buat_indikator(world.opd, tw=Decimal(10))
        Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(15), status="diverifikasi")
        ind.save()
    assert CapaianTriwulan.objects.get(indikator=ind, triwulan=1).capaian == Decimal("120.0000")
    world.instansi.batas_capaian = Decimal(110)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        world.instansi.save()
    assert len(callbacks) == 1
    assert CapaianTriwulan.objects.get(indikator=ind, triwulan=1).capaian == Decimal("110.0000")


def test_many_changes_in_one_transaction_enqueue_one_task(world, buat_indikator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        buat_indikator(world.opd, "A")
        buat_indikator(world.opd, "B")
    assert len(callbacks) == 1


def test_realisations_saved_in_any_state_enqueue_one_recalculation(
    world, buat_indikator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ind = buat_indikator(world.opd, tw=Decimal(25))
    # No verification here, so no service enqueues anything: the completeness counts still need a run.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        r = Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(20), status="draf")
        r.status = "diajukan"
        r.save()
        Realisasi.objects.create(indikator=ind, triwulan=2, nilai=Decimal(5), status="draf")
        r.delete()
    assert len(callbacks) == 1
