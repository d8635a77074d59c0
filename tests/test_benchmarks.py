"""`make bench`: the count of lost saves, the browser-like form reading of the load test, and one run of the whole
runner (generator, pages, recalculation, load test) at a tiny size. Figures are never asserted, only their shape and
the correctness figures (no lost save)."""

import importlib.util
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from benchmarks.beban import baris_terbuka, hitung_simpanan, periksa_database, token, versi_dari

ROOT = Path(__file__).resolve().parent.parent
WAJIB = os.environ.get("KINERJA_REQUIRE_SERVICES") == "1"


def ok(ind, tw, nilai, versi, t=0.0):
    return {"hasil": "ok", "indikator": ind, "triwulan": tw, "nilai": nilai, "versi": versi, "t": t}


# -- the count -----------------------------------------------------------------------------------------------------


def test_every_save_stored_counts_nothing():
    catatan = [ok(1, 4, "10", 1), ok(1, 4, "12", 2), ok(2, 4, "7", 5), {"hasil": "basi", "indikator": 1}]
    tersimpan = {(1, 4): (Decimal("12.0000"), 2), (2, 4): (Decimal("7"), 5)}
    riwayat = {(1, 4, 1): Decimal("10"), (1, 4, 2): Decimal("12"), (2, 4, 5): Decimal("7")}
    hasil = hitung_simpanan(catatan, tersimpan, riwayat)
    assert (hasil["sukses"], hasil["baris"], hasil["hilang"], hasil["tertimpa"]) == (3, 2, 0, 0)


def test_a_later_success_on_the_same_row_is_the_latest():
    # Answered out of order: the one with the higher version is the latest, whatever the clock says.
    catatan = [ok(1, 4, "12", 2, t=1.0), ok(1, 4, "10", 1, t=2.0)]
    assert hitung_simpanan(catatan, {(1, 4): (Decimal("12"), 2)})["hilang"] == 0


def test_a_deliberately_lost_save_is_counted():
    # The reply said version 3 was stored with 15; the database never got it.
    catatan = [ok(1, 4, "10", 2), ok(1, 4, "15", 3)]
    hasil = hitung_simpanan(catatan, {(1, 4): (Decimal("10"), 2)}, {(1, 4, 2): Decimal("10")})
    assert hasil["hilang"] + hasil["tertimpa"] >= 1
    assert hasil["contoh"]


def test_a_silent_overwrite_is_counted():
    # Two success replies for the same version: one of them was overwritten without a refusal.
    catatan = [ok(1, 4, "10", 2, t=1.0), ok(1, 4, "11", 2, t=2.0)]
    hasil = hitung_simpanan(catatan, {(1, 4): (Decimal("11"), 2)}, {(1, 4, 2): Decimal("11")})
    assert hasil["tertimpa"] >= 1
    # The stored value differs from the one the last success sent.
    assert hitung_simpanan([ok(3, 1, "5", 4)], {(3, 1): (Decimal("6"), 4)})["tertimpa"] == 1


def test_a_missing_row_is_lost():
    assert hitung_simpanan([ok(9, 2, "1", 1)], {})["hilang"] == 1


@pytest.mark.django_db
def test_the_database_count_sees_a_lost_save(world):
    from evaluasi.models import Realisasi
    from indikator.models import Indikator

    ind = Indikator.objects.create(
        opd=world.opd, instansi=world.instansi, tahun=2026, kode="B1", nama="x", satuan="%", target_bawah=100
    )
    r = Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(10), versi=1)
    r.nilai, r.versi = Decimal(12), 2
    r.save()
    catatan = [ok(ind.pk, 1, "10", 1), ok(ind.pk, 1, "12", 2)]
    assert periksa_database(catatan)["hilang"] == 0
    assert periksa_database(catatan)["tertimpa"] == 0
    hasil = periksa_database(catatan + [ok(ind.pk, 1, "15", 3)])
    assert hasil["hilang"] == 2  # version 3 is in no history, and the row still holds version 2


# -- what the load test posts --------------------------------------------------------------------------------------

GRID = """
<body hx-headers='{"X-CSRFToken": "tok-header"}'>
<form method="post" action="/realisasi/5/2026/4/11/" hx-post="/realisasi/5/2026/4/11/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok-form">
  <input type="hidden" name="r11-versi" value="3">
  <input type="text" name="r11-nilai" value="12,5">
  <textarea name="r11-kendala">Hujan</textarea>
  <input type="file" name="r11-berkas">
  <input type="checkbox" name="pilih" value="11">
  <button type="submit" name="aksi" value="simpan">Simpan</button>
</form>
<form method="post" hx-post="/realisasi/5/2026/4/12/">
  <input type="hidden" name="r12-versi" value="1"><input type="text" name="r12-nilai" value="3" readonly>
</form>
<form method="post" action="/accounts/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>
</body>"""


def test_the_load_test_posts_what_the_browser_posts():
    rows = baris_terbuka(GRID)
    assert [r["indikator"] for r in rows] == [11]  # the read-only row and the logout form are left alone
    row = rows[0]
    assert row["triwulan"] == 4 and row["nilai"] == "r11-nilai"
    assert row["data"] == {
        "csrfmiddlewaretoken": "tok-form",
        "r11-versi": "3",
        "r11-nilai": "12,5",
        "r11-kendala": "Hujan",
    }
    assert versi_dari(GRID, 12) == 1
    assert versi_dari(GRID, 99) is None
    assert token(GRID) == "tok-form"
    assert token("""<body hx-headers='{"X-CSRFToken": "abc"}'>""") == "abc"


# -- the whole runner at a tiny size -------------------------------------------------------------------------------


def _postgres_url() -> str | None:
    """The benchmark's own database on the PostgreSQL server of the tests (or 127.0.0.1)."""
    url = os.environ.get("BENCH_TEST_DATABASE_URL")
    if url:
        return url
    basis = os.environ.get("DATABASE_URL", "")
    if not basis.startswith("postgres"):
        basis = "postgres://postgres@127.0.0.1:5432/postgres"
    p = urlsplit(basis)
    return urlunsplit((p.scheme, p.netloc, "/kinerja_bench_test", "", ""))


def _postgres_answers(url: str) -> bool:
    import psycopg

    p = urlsplit(url)
    try:
        psycopg.connect(urlunsplit((p.scheme, p.netloc, "/postgres", "", "")), connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def _redis_url() -> str | None:
    import redis

    url = os.environ.get("BENCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        return url
    except redis.RedisError:
        return None


def test_the_runner_at_tiny_size_writes_every_figure(tmp_path):
    from benchmarks import runner

    db = _postgres_url()
    if not _postgres_answers(db):
        if WAJIB:
            pytest.fail("PostgreSQL does not answer and KINERJA_REQUIRE_SERVICES=1")
        pytest.skip("make bench needs PostgreSQL; none answers at 127.0.0.1:5432")
    redis_url = _redis_url()
    if redis_url is None and WAJIB:
        pytest.fail("Redis does not answer and KINERJA_REQUIRE_SERVICES=1")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")}
    env.update(BENCH_DATABASE_URL=db, BENCH_REDIS_URL=redis_url or "")
    args = ["--ukuran", "tiny", "--out", str(tmp_path), "--kerja", str(tmp_path / "kerja"), "--ulang-recalc", "1"]
    if redis_url is None:
        args.append("--tanpa-beban")  # the load test needs Redis (broker and cache); told below
    proses = subprocess.run(
        [sys.executable, "-m", "benchmarks", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=170
    )
    assert proses.returncode == 0, proses.stdout[-3000:] + proses.stderr[-3000:]

    figs = json.loads((tmp_path / "benchmarks.json").read_text())
    names = {f["name"] for f in figs}
    assert set(runner.nama_wajib(beban=redis_url is not None)) <= names
    if importlib.util.find_spec("benchmarks.recalc"):
        assert any(n.startswith("recalc") for n in names)
    for f in figs:
        assert set(f) == {"name", "value", "unit", "limit", "ratio", "size"}
        assert isinstance(f["value"], int | float) and isinstance(f["unit"], str) and f["size"].startswith("tiny")
        assert f["limit"] is None or isinstance(f["limit"], int | float)
        if f["limit"] not in (None, 0):
            assert f["ratio"] == pytest.approx(f["value"] / f["limit"], rel=0.01, abs=0.01)
    md = (tmp_path / "benchmarks.md").read_text()
    assert "| figure | value | goal / limit | ratio | met |" in md and "halaman.grid_opd_300.p50" in md
    # The plans of each page's slowest queries, captured by the run (PostgreSQL only).
    assert "## EXPLAIN ANALYZE" in md and "### Realisation grid, OPD with 300 indicators: query 1" in md
    assert "Execution Time:" in md
    if redis_url is None:
        pytest.skip("the load test needs Redis; none answers (pages, generator and recalculation ran)")
    nilai = {f["name"]: f["value"] for f in figs}
    assert nilai["beban.saves_ok"] > 0
    assert nilai["beban.saves_lost"] == 0
    assert nilai["beban.errors"] == 0
