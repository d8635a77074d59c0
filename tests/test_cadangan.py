"""Backup and restore (scripts/backup.sh, scripts/restore.sh) on PostgreSQL: the demo plus an evidence file backed up,
restored into a fresh database and media folder, and found there intact: every table's row count, every realisation
and history row byte for byte, every evidence file reference with its file. A tampered backup is refused.

Needs pg_dump and pg_restore (PostgreSQL's client programs): skipped without them, or on SQLite, except where
KINERJA_REQUIRE_SERVICES=1 (set by .ci/run), where a missing program is a failure."""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from evaluasi.models import BuktiDukung, Realisasi

SCRIPTS = Path(django_settings.BASE_DIR) / "scripts"
WAJIB = os.environ.get("KINERJA_REQUIRE_SERVICES") == "1"
# Tables compared row by row (ordered by id), not only counted.
UTUH = ("evaluasi_realisasi", "evaluasi_historicalrealisasi", "evaluasi_buktidukung", "indikator_targettriwulan")


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are PostgreSQL's (pg_dump); this run uses SQLite")
    missing = [p for p in ("pg_dump", "pg_restore") if not shutil.which(p)]
    if missing:
        reason = f"{', '.join(missing)} not found (apt-get install postgresql-client)"
        if WAJIB:
            pytest.fail(reason)
        pytest.skip(reason)
    return connection.settings_dict


def _url(db: dict, name: str) -> str:
    auth = quote(db["USER"] or "", safe="") + (":" + quote(db["PASSWORD"], safe="") if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _snapshot(cursor) -> dict:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    found = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
        found[table] = cursor.fetchone()[0]
    for table in UTUH:
        column = "history_id" if "historical" in table else "id"
        cursor.execute(f"SELECT md5(string_agg(t::text, '|' ORDER BY t.{column})) FROM \"{table}\" t")  # noqa: S608
        found[f"{table}:isi"] = cursor.fetchone()[0]
    return found


def _run(script: str, *args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    return subprocess.run([str(SCRIPTS / script), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_every_row_and_evidence_file(postgres, settings, tmp_path):
    import psycopg

    media, pulih_media, cadangan = tmp_path / "media", tmp_path / "media-pulih", tmp_path / "cadangan"
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}
    settings.STORAGES["default"]["OPTIONS"] = {**settings.STORAGES["default"]["OPTIONS"], "location": str(media)}
    settings.MEDIA_ROOT = str(media)
    call_command("seed_demo", verbosity=0)
    realisasi = Realisasi.objects.order_by("pk").first()
    bukti = BuktiDukung(realisasi=realisasi, nama_asli="rekap.pdf", jenis_konten="application/pdf", ukuran=9)
    bukti.berkas.save("rekap.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    bukti.save()
    assert (media / bukti.berkas.name).is_file()
    with connection.cursor() as cursor:
        sebelum = _snapshot(cursor)
    assert sebelum["evaluasi_realisasi"] > 0 and sebelum["evaluasi_historicalrealisasi"] > 0
    berkas = {b.berkas.name: (media / b.berkas.name).read_bytes() for b in BuktiDukung.objects.all()}

    db = postgres
    backup = _run("backup.sh", str(cadangan), database_url=_url(db, db["NAME"]), media=media)
    assert backup.returncode == 0, backup.stderr
    stamp = backup.stdout.strip().splitlines()[-1]
    assert sorted(p.name for p in cadangan.iterdir()) == [
        f"kinerja-{stamp}.dump",
        f"kinerja-{stamp}.sha256",
        f"media-{stamp}.tar.gz",
    ]

    nama_pulih = f"{db['NAME']}_pulih"
    admin_url = _url(db, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{nama_pulih}"')
        admin.execute(f'CREATE DATABASE "{nama_pulih}"')
    try:
        restore = _run("restore.sh", str(cadangan), stamp, database_url=_url(db, nama_pulih), media=pulih_media)
        assert restore.returncode == 0, restore.stderr
        with psycopg.connect(_url(db, nama_pulih)) as pulih, pulih.cursor() as cursor:
            assert _snapshot(cursor) == sebelum
            cursor.execute("SELECT berkas FROM evaluasi_buktidukung")
            nama_berkas = sorted(row[0] for row in cursor.fetchall())
        assert nama_berkas == sorted(berkas)
        for nama, isi in berkas.items():
            assert (pulih_media / nama).read_bytes() == isi

        # A dump changed after the backup is refused before anything is loaded.
        dump = cadangan / f"kinerja-{stamp}.dump"
        isi_dump = bytearray(dump.read_bytes())
        isi_dump[len(isi_dump) // 2] ^= 0xFF
        dump.write_bytes(bytes(isi_dump))
        rusak = _run("restore.sh", str(cadangan), stamp, database_url=_url(db, nama_pulih), media=tmp_path / "x")
        assert rusak.returncode != 0 and "FAILED" in rusak.stdout + rusak.stderr
        assert not (tmp_path / "x").exists()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{nama_pulih}" WITH (FORCE)')
