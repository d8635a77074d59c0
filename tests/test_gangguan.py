"""Fault drills as tests: Redis stopped in the middle of a complaint and of a verification, a Celery worker killed
with SIGKILL in the middle of a task, a PostgreSQL restarted between two requests. Each ends with the same data as
the same steps without the fault, and no error page.

They start their own services (a redis-server on a free port, a Celery worker process, a throwaway PostgreSQL
cluster) and skip with the reason when a program is missing, except where KINERJA_REQUIRE_SERVICES=1 (set by .ci/run),
where a missing program is a failure. docs/operations.md, "Fault drills", has the same drills by hand.
"""

import datetime
import glob
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings as django_settings
from django.db import connection
from django.db.utils import ConnectionHandler, OperationalError
from django.urls import reverse

from evaluasi.models import CapaianTriwulan, Realisasi
from indikator.models import Indikator, Periode, TargetTriwulan
from kinerja.celery import app
from kinerja.settings import database
from opd import antrian, batas
from opd.models import PenghitungBatas, TugasTertunda
from pengaduan import services_pelapor
from pengaduan.models import Pengaduan
from tests.gangguan import Broker, cache_redis, fixture_redis_pribadi, lewati_atau_gagal, port_bebas  # noqa: F401

from .gangguan_pekerja import hitung_lalu_tunggu

pytestmark = pytest.mark.integration

BATAS_WAKTU = 60  # seconds for any one wait below
KOLOM_CAPAIAN = (
    "triwulan, realisasi, target_bawah, target_atas, sd_realisasi, sd_target_bawah, sd_target_atas, status, "
    "capaian_triwulan, capaian_raw, capaian, band, bobot"
)


@pytest.fixture
def redis_terpakai(redis_pribadi, settings):
    """The cache and the broker are the private Redis (tasks go through it, not eager)."""
    settings.CACHES = cache_redis(redis_pribadi.url)
    broker = Broker(redis_pribadi.url)
    yield redis_pribadi
    broker.selesai()


def _kembar(world, *, triwulan_dibuka: int | None = None) -> tuple[Indikator, Indikator]:
    """Two indicators of the OPD alike in everything but their code: one goes through a step without the fault, the
    other through the same step with it."""
    tahun = datetime.date.today().year
    if triwulan_dibuka:
        hari_ini = datetime.date.today()
        Periode.objects.update_or_create(
            instansi=world.instansi,
            tahun=tahun,
            triwulan=triwulan_dibuka,
            defaults={
                "dibuka": hari_ini - datetime.timedelta(days=5),
                "ditutup": hari_ini + datetime.timedelta(days=5),
            },
        )
    kembar = []
    for kode in ("IKU-01", "IKU-02"):
        ind = Indikator.objects.create(
            opd=world.opd,
            jenis="iku",
            tahun=tahun,
            kode=kode,
            nama=f"Indikator {kode}",
            satuan="dokumen",
            polaritas="maximize",
            agregasi="sum",
            target_bawah=Decimal(100),
        )
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, triwulan=q, target_bawah=Decimal(25)) for q in range(1, 5)
        )
        kembar.append(ind)
    return kembar[0], kembar[1]


def _tunggu(syarat, alasan: str) -> None:
    batas_waktu = time.monotonic() + BATAS_WAKTU
    while not syarat():
        if time.monotonic() > batas_waktu:
            raise TimeoutError(alasan)
        time.sleep(0.1)


def _capaian(cursor, indikator_id: int) -> list[tuple]:
    cursor.execute(
        f"SELECT {KOLOM_CAPAIAN} FROM evaluasi_capaiantriwulan WHERE indikator_id = %s ORDER BY triwulan"  # noqa: S608
        if not isinstance(cursor, sqlite3.Cursor)
        else f"SELECT {KOLOM_CAPAIAN} FROM evaluasi_capaiantriwulan WHERE indikator_id = ? ORDER BY triwulan",  # noqa: S608
        [indikator_id],
    )
    return [tuple(str(v) if v is not None else None for v in row) for row in cursor.fetchall()]


# -- Redis stopped in the middle of a complaint ----------------------------------------------------------------------


def _aduan(world) -> dict:
    return {
        "instansi": world.instansi.pk,
        "jenis": "pengaduan",
        "kategori": "adminduk",
        "opd_usulan": world.opd.pk,
        "judul": "KTP-el belum jadi",
        "isi": "Sudah sebulan menunggu.",
        "nama_pelapor": "Maria Ndun",
    }


def _isi_pengaduan() -> list[tuple]:
    return list(
        Pengaduan.objects.order_by("pk").values_list(
            "instansi_id", "opd_usulan_id", "jenis", "kategori", "judul", "isi", "nama_pelapor", "status"
        )
    )


@pytest.mark.django_db
def test_complaints_are_filed_while_redis_stops_mid_request_and_the_limit_still_holds(
    client, world, redis_terpakai, monkeypatch
):
    monkeypatch.setitem(batas.BATAS, "pengaduan", (3, 60 * 60))
    asli = services_pelapor.pengaduan_file
    henti = {"sekarang": False}

    def file_lalu_catat(**kwargs):
        if henti["sekarang"]:
            redis_terpakai.stop()  # after the limit was read from Redis, before the save and the count
            henti["sekarang"] = False
        return asli(**kwargs)

    monkeypatch.setattr(services_pelapor, "pengaduan_file", file_lalu_catat)
    status = {}
    # Without the fault: three complaints from one address, the fourth refused.
    alamat = "10.0.0.1"
    status[alamat] = [
        client.post(reverse("pengaduan:form"), _aduan(world), REMOTE_ADDR=alamat).status_code for _ in range(4)
    ]
    # With the fault: Redis stops in the middle of the first complaint of another address, after its limit was read
    # from Redis (a count made in Redis before the outage is not carried over: docs/operations.md).
    alamat = "10.0.0.2"
    henti["sekarang"] = True
    status[alamat] = [
        client.post(reverse("pengaduan:form"), _aduan(world), REMOTE_ADDR=alamat).status_code for _ in range(4)
    ]

    assert status == {"10.0.0.1": [302, 302, 302, 429], "10.0.0.2": [302, 302, 302, 429]}
    assert redis_terpakai.proses is None  # it really was down
    tanpa, dengan = _isi_pengaduan()[:3], _isi_pengaduan()[3:]
    assert dengan == tanpa
    assert len(dengan) == 3
    assert PenghitungBatas.objects.get().jumlah == 3  # counted in the database while Redis was down

    # The tracking page and the form still answer.
    assert client.get(reverse("pengaduan:form")).status_code == 200
    assert client.get(reverse("pengaduan:terkirim")).status_code == 200
    redis_terpakai.start()
    assert antrian.kirim_tertunda()[1] == 0


# -- Redis stopped during a verification, and the recalculation catching up ------------------------------------------


def _verifikasi(client, ind, versi: int):
    url = reverse("evaluasi:grid_baris", args=[ind.opd_id, ind.tahun, 1, ind.pk])
    return client.post(url, {f"r{ind.pk}-versi": versi, "aksi": "verifikasi"}, HTTP_HX_REQUEST="true")


@pytest.mark.django_db(transaction=True)
def test_a_verification_with_redis_down_is_saved_and_its_recalculation_catches_up(
    client, world, redis_pribadi, settings
):
    tanpa, dengan = _kembar(world, triwulan_dibuka=1)
    for ind in (tanpa, dengan):
        Realisasi.objects.create(
            indikator=ind, triwulan=1, nilai=Decimal(20), status="diajukan", versi=1, kendala="Blangko", solusi="Jemput"
        )
    client.force_login(world.users["pimpinan_opd"])
    # Without the fault (tasks in-process, as in the embedded mode).
    assert _verifikasi(client, tanpa, 1).status_code == 200

    # With the fault: the cache and the broker are Redis, and Redis is down.
    settings.CACHES = cache_redis(redis_pribadi.url)
    broker = Broker(redis_pribadi.url)
    selesai: list[str] = []

    def catat(sender=None, **kwargs):
        selesai.append(sender.name)

    try:
        redis_pribadi.stop()
        response = _verifikasi(client, dengan, 1)
        assert response.status_code == 200
        assert "diverifikasi" in Realisasi.objects.filter(indikator=dengan).values_list("status", flat=True)
        tertunda = list(TugasTertunda.objects.values_list("nama", "argumen"))
        assert ("kinerja.indikator.recalculate", {"indikator_ids": [dengan.pk]}) in tertunda
        assert CapaianTriwulan.objects.get(indikator=dengan, triwulan=1).capaian is None  # not yet recalculated

        # Redis is back: beat sends the outbox, a worker runs it.
        redis_pribadi.start()
        terkirim, sisa = antrian.kirim_tertunda()
        assert (terkirim, sisa) == (len(tertunda), 0)
        task_postrun.connect(catat)
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=["default"]):
            _tunggu(lambda: len(selesai) >= terkirim, "the worker did not run the kept tasks")
    finally:
        task_postrun.disconnect(catat)
        broker.selesai()
    assert "kinerja.indikator.recalculate" in selesai
    with connection.cursor() as cursor:
        assert _capaian(cursor, dengan.pk) == _capaian(cursor, tanpa.pk)
    assert CapaianTriwulan.objects.get(indikator=dengan, triwulan=1).capaian == Decimal("80.0000")


# -- a worker killed with SIGKILL in the middle of a task -------------------------------------------------------------


def _url_postgres(db: dict) -> str:
    auth = quote(db["USER"] or "", safe="") + (":" + quote(db["PASSWORD"], safe="") if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_gets_the_task_again_and_ends_with_the_same_data(world, redis_pribadi, tmp_path):
    tanpa, dengan = _kembar(world)
    for ind in (tanpa, dengan):
        Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(30), status="diverifikasi", versi=1)
    CapaianTriwulan.objects.filter(indikator=dengan).delete()  # the worker has it all to do

    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: the worker gets a copy in a file, and its result is read
        # back from there.
        berkas_db = tmp_path / "pekerja.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(berkas_db) as salinan:
            connection.connection.backup(salinan)
        url_db = f"sqlite:///{berkas_db}"
    else:
        url_db = _url_postgres(connection.settings_dict)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
        "KINERJA_ENV_FILE": str(tmp_path / "tidak-ada.env"),
        "DEBUG": "True",
        "DATABASE_URL": url_db,
        "DB_POOL": "False",
        "REDIS_URL": redis_pribadi.url,
        "PYTHONPATH": str(django_settings.BASE_DIR),
    }
    celery = [sys.executable, "-m", "celery", "-A", "tests.gangguan_pekerja", "worker", "-P", "prefork", "-c", "1"]
    celery += ["-Q", "default", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"]
    log = open(tmp_path / "pekerja.log", "w")  # noqa: SIM115 (closed below)
    pekerja = subprocess.Popen(
        celery, env=env, cwd=django_settings.BASE_DIR, stdout=log, stderr=log, start_new_session=True
    )
    penanda = tmp_path / "mulai"
    broker = Broker(redis_pribadi.url)
    try:
        hitung_lalu_tunggu.delay(indikator_ids=[dengan.pk], penanda=str(penanda))
        _tunggu(penanda.exists, "the worker never started the task")
        time.sleep(0.2)
        anak = int(penanda.read_text())
        assert anak != pekerja.pid  # the pool's child process runs the task
        os.kill(anak, signal.SIGKILL)
        selesai = Path(f"{penanda}.selesai")
        _tunggu(selesai.exists, "the task was not delivered again after its worker was killed")
        assert int(selesai.read_text()) != anak  # run to its end by another process
    finally:
        broker.selesai()
        os.killpg(pekerja.pid, signal.SIGTERM)
        try:
            pekerja.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(pekerja.pid, signal.SIGKILL)
            pekerja.wait()
        log.close()

    with connection.cursor() as cursor:
        diharapkan = _capaian(cursor, tanpa.pk)
        if connection.vendor == "sqlite":
            with sqlite3.connect(berkas_db) as hasil:
                didapat = _capaian(hasil.cursor(), dengan.pk)
        else:
            didapat = _capaian(cursor, dengan.pk)
    assert didapat == diharapkan
    assert len(didapat) == 4
    assert "WorkerLostError" in (tmp_path / "pekerja.log").read_text()


# -- PostgreSQL restarted between two requests ------------------------------------------------------------------------


def _bin_postgres() -> Path:
    kandidat = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not kandidat:
        lewati_atau_gagal("initdb not found (apt-get install postgresql): no throwaway cluster to restart")
    if os.geteuid() != 0 or not shutil.which("runuser"):
        lewati_atau_gagal("the throwaway cluster is run as the user postgres: the tests must run as root")
    return Path(kandidat[-1]).parent


@pytest.fixture
def cluster_sekali_pakai():
    """A PostgreSQL cluster of the test's own, on a free port, in a temporary folder; removed afterwards."""
    bin_pg = _bin_postgres()
    folder = Path(tempfile.mkdtemp(prefix="kinerja-pg-"))
    shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", port_bebas()

    def pg(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, timeout=120)

    pg(str(bin_pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    mulai = ["-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", str(folder / "log")]

    def restart() -> None:
        pg(str(bin_pg / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", *mulai, "restart")

    pg(str(bin_pg / "pg_ctl"), "-D", str(data), "-w", *mulai, "start")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres", restart
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(bin_pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _permintaan(koneksi) -> int:
    """What a request does with the database: take a connection, query, give it back when the response is sent."""
    try:
        with koneksi.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0]
    finally:
        koneksi.close()


def test_a_restarted_postgresql_is_reconnected_without_action(cluster_sekali_pakai, django_db_blocker):
    url, restart = cluster_sekali_pakai
    django_db_blocker.unblock()  # a database of the test's own, not the test database
    try:
        _dua_permintaan_dan_restart(url, restart)
    finally:
        django_db_blocker.restore()


def _dua_permintaan_dan_restart(url: str, restart) -> None:
    config = database(url)
    assert (config["CONN_HEALTH_CHECKS"], config["CONN_MAX_AGE"]) == (True, 0)
    assert config["OPTIONS"]["pool"]["min_size"] >= 1
    koneksi = ConnectionHandler({"default": config})["default"]
    try:
        assert _permintaan(koneksi) == 1
        restart()
        assert _permintaan(koneksi) == 1  # the pool's dead connections were replaced as they were taken
        assert _permintaan(koneksi) == 1
    finally:
        koneksi.close_pool()

    # The same without health checks: the first request after the restart gets a dead connection from the pool.
    koneksi = ConnectionHandler({"default": {**config, "CONN_HEALTH_CHECKS": False}})["default"]
    try:
        assert _permintaan(koneksi) == 1
        restart()
        with pytest.raises(OperationalError):
            _permintaan(koneksi)
    finally:
        koneksi.close_pool()
