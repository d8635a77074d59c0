"""`make bench`: measured figures, never asserted in tests. Runs against a throw-away test database.

Prints the time and query count of the set-based recalculation for growing numbers of indicator-quarters, of
rendering the realisation grid of one OPD, and of rendering the PDF reports (benchmarks/laporan.py).
"""

import os
import sys
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(n_indikator: int):
    from evaluasi.models import Realisasi
    from indikator.models import Indikator, TargetTriwulan
    from opd.models import Instansi, Opd

    instansi = Instansi.objects.create(kode=f"bench-{n_indikator}", nama="Bench", jenis="kota")
    opd = Opd.objects.create(instansi=instansi, kode="B", nama="Dinas Bench")
    inds = Indikator.objects.bulk_create(
        Indikator(
            opd=opd,
            instansi=instansi,
            tahun=2026,
            kode=f"K{k}",
            nama="x",
            satuan="%",
            target_bawah=Decimal(100),
            polaritas=("maximize", "minimize", "stabilize")[k % 3],
            agregasi=("sum", "average", "last")[k % 3],
        )
        for k in range(n_indikator)
    )
    TargetTriwulan.objects.bulk_create(
        (TargetTriwulan(indikator=i, triwulan=q, target_bawah=Decimal(25)) for i in inds for q in range(1, 5)),
        batch_size=5000,
    )
    Realisasi.objects.bulk_create(
        (
            Realisasi(indikator=i, triwulan=q, nilai=Decimal(20 + q), status="diverifikasi")
            for i in inds
            for q in (1, 2, 3)
        ),
        batch_size=5000,
    )
    return instansi, opd


def main() -> None:
    from django.test.utils import get_runner  # noqa: F401

    from evaluasi.recalc import recalculate

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"database: {connection.vendor}")
        print(f"{'indicator-quarters':>20} {'seconds':>9} {'queries':>8}")
        for n in (250, 2500, 25000):
            instansi, _ = build(n)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                recalculate(instansi_id=instansi.pk, tahun=2026)
                elapsed = time.perf_counter() - start
            print(f"{n * 4:>20} {elapsed:>9.3f} {len(ctx.captured_queries):>8}")
        grid_bench()
        from benchmarks import laporan

        laporan.run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def grid_bench() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from indikator.models import Periode
    from opd.models import Peran, PeranPengguna

    instansi, opd = build(200)
    import datetime

    today = datetime.date.today()
    Periode.objects.update_or_create(
        instansi=instansi,
        tahun=2026,
        triwulan=2,
        defaults={"dibuka": today - datetime.timedelta(days=1), "ditutup": today + datetime.timedelta(days=1)},
    )
    user = get_user_model().objects.create(username="bench")
    PeranPengguna.objects.create(user=user, peran=Peran.TIM_EVALUASI, opd=opd, instansi=instansi)
    client = Client()
    client.force_login(user)
    url = f"/realisasi/{opd.pk}/2026/2/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    print(
        f"grid page, 200 indicators: {elapsed:.3f} s, {len(ctx.captured_queries)} queries, "
        f"{len(response.content) // 1024} KiB, status {response.status_code}"
    )


if __name__ == "__main__":
    sys.exit(main())
