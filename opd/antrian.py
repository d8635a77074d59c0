"""Every background task is enqueued here, so that a broker outage never turns a saved value into an error page.

`kirim(task, **kwargs)` publishes the task; when the broker cannot take it (or its breaker is open, opd/gangguan.py)
the task is kept as a TugasTertunda row and the call returns normally. The beat job `kinerja.opd.kirim_tertunda`
publishes the kept rows again once the broker answers, and deletes them. `kirim_saat_commit` does the same once the
current transaction commits. Tasks are idempotent and recompute from the data, so a task sent late catches up and a
task sent twice changes nothing.

With eager tasks (no broker: the embedded mode and the tests) the task simply runs here.
"""

import logging

from celery import current_app
from django.db import transaction

from . import gangguan
from .models import TugasTertunda

logger = logging.getLogger("kinerja.antrian")

# How many kept tasks one beat run sends; the next run takes the rest.
SEKALI_KIRIM = 500


def kirim(tugas, /, *, countdown: int | None = None, **kwargs) -> bool:
    """Publish `tugas` with keyword arguments `kwargs`. True when the broker took it, False when it was kept for
    later. Never raises for a broker that is down."""
    if current_app.conf.task_always_eager:
        _terbitkan(tugas, kwargs, countdown)
        return True
    if gangguan.broker.terbuka():
        _simpan(tugas.name, kwargs, "broker dilewati")
        return False
    try:
        _terbitkan(tugas, kwargs, countdown)
    except Exception as exc:  # whatever stopped the publish, the task is kept rather than lost
        gangguan.broker.gagal(exc)
        _simpan(tugas.name, kwargs, f"{type(exc).__name__}: {exc}")
        return False
    gangguan.broker.berhasil()
    return True


def kirim_saat_commit(tugas, /, *, countdown: int | None = None, **kwargs) -> None:
    """`kirim` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: kirim(tugas, countdown=countdown, **kwargs))


def _terbitkan(tugas, kwargs: dict, countdown: int | None) -> None:
    if countdown:
        tugas.apply_async(kwargs=kwargs, countdown=countdown)
    else:
        tugas.delay(**kwargs)


def _simpan(nama: str, kwargs: dict, galat: str) -> None:
    TugasTertunda.objects.create(nama=nama, argumen=kwargs, galat=galat[:300])


def kirim_tertunda() -> tuple[int, int]:
    """Publish the kept tasks, oldest first, and delete those the broker took; stop at the first failure (the broker
    is still down) and count an attempt on that row. Rows are taken with SKIP LOCKED where the database has it, so two
    runs at once do not send a row twice. Returns (sent, left)."""
    terkirim = 0
    with transaction.atomic():
        baris = list(TugasTertunda.objects.select_for_update(skip_locked=True).order_by("pk")[:SEKALI_KIRIM])
        selesai = []
        for tertunda in baris:
            tugas = current_app.tasks.get(tertunda.nama)
            if tugas is None:
                logger.error("tugas tertunda %s: tugas %s tidak dikenal", tertunda.pk, tertunda.nama)
                continue
            try:
                _terbitkan(tugas, tertunda.argumen, None)
            except Exception as exc:  # the broker is still down: keep this one and the rest for the next run
                gangguan.broker.gagal(exc)
                tertunda.percobaan += 1
                tertunda.galat = f"{type(exc).__name__}: {exc}"[:300]
                tertunda.save(update_fields=["percobaan", "galat"])
                break
            selesai.append(tertunda.pk)
        if selesai:
            gangguan.broker.berhasil()
            terkirim = len(selesai)
            TugasTertunda.objects.filter(pk__in=selesai).delete()
    return terkirim, TugasTertunda.objects.count()
