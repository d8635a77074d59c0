"""End to end through Redis: a report requested like the web does is sent to the `reports` queue (no eager mode) and
rendered by a real worker consuming only that queue (the approach of tests/test_celery_integration.py).

Runs when REDIS_URL is set, like the other integration tests. The worker thread has its own database connection, so
this test commits its data (transactional_db).
"""

import time

import pytest

from laporan import services
from laporan.models import Laporan
from tests.test_celery_integration import TEST_DEADLINE, broker_app, deadline, redis_url, running_worker  # noqa: F401

from .conftest import TAHUN, buat_iku, isi, teks_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_requested_report_is_rendered_by_a_worker_on_the_reports_queue(broker_app, world):  # noqa: F811
    ind = buat_iku(world.opd, "IKU-01", "Persentase KTP-el tercetak")
    isi(ind, 1, 20)
    from evaluasi.recalc import recalculate

    recalculate(instansi_id=world.instansi.pk)
    with deadline(TEST_DEADLINE), running_worker(["reports"]):
        laporan = services.laporan_minta(
            actor=world.users["admin_bkn"], jenis="rekap_instansi", instansi=world.instansi, tahun=TAHUN, triwulan=1
        )
        # Sent on commit over Redis, not run in this (the "web") thread: the worker consumes only `reports`, so the
        # job can only finish if the task was routed there.
        assert broker_app.conf.task_always_eager is False
        assert laporan.status == Laporan.Status.ANTRI
        for _ in range(300):
            laporan.refresh_from_db()
            if laporan.selesai:
                break
            time.sleep(0.2)
    assert laporan.status == Laporan.Status.SELESAI, laporan.alasan_gagal
    body = laporan.berkas.berkas.read()
    assert "Rekap Kinerja Instansi Triwulan I Tahun 2026" in teks_pdf(body)
