"""The Celery app as a worker process of the fault drills runs it (`celery -A tests.gangguan_pekerja worker`): the
project's app and tasks, plus one task that recalculates indicators and, on its first delivery, stops before its
commit and waits there to be killed."""

import os
import time

from kinerja.celery import app

__all__ = ["app", "hitung_lalu_tunggu"]


@app.task(name="kinerja.uji.hitung_lalu_tunggu")
def hitung_lalu_tunggu(*, indikator_ids: list[int], penanda: str) -> None:
    from django.db import transaction

    from evaluasi.recalc import recalculate

    pertama = not os.path.exists(penanda)
    with transaction.atomic():
        recalculate(indikator_ids=indikator_ids)
        if pertama:
            with open(penanda, "w") as berkas:
                berkas.write(str(os.getpid()))
            time.sleep(120)  # the drill kills this process here, before the commit
    with open(f"{penanda}.selesai", "w") as berkas:
        berkas.write(str(os.getpid()))
