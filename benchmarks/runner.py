"""`make bench`: generate the load, measure each figure of the deadline-rush table with its floor or limit in the same
run, and write docs/benchmarks.md and docs/benchmarks.json.

    python -m benchmarks [--quick | --ukuran tiny|quick|full] [--out DIR] [--pakai-manifest PATH]
                         [--tanpa-recalc] [--ulang-recalc N]

PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kinerja_bench: dropped, created and
migrated here before each generation; with --pakai-manifest the database is reused as it is, and written to: the
quarter's entry window is opened and the load test saves realisations), Redis from BENCH_REDIS_URL (default
redis://127.0.0.1:6379/14, flushed). Work files (the manifest, logs, locust's statistics, the saves) go to
DIR/bench-<size>/ beside nothing else: DIR defaults to docs/, the work files to var/.
"""

import argparse
import datetime
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/kinerja_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
BENCH_SECRET = "kinerja-bench-only-not-a-secret-0123456789abcdef"  # noqa: S105 (benchmark servers on 127.0.0.1 only)

# generate_load's options for each size. `full` is the load: 6 instansi, 600,000 indicators, 2.4 million
# indicator-quarters, with the OPD of 300 indicators and the one of ~12,500 in it; `quick` is 1/20 of it.
UKURAN = {
    "full": {
        "instansi": 6,
        "opd": 40,
        "pegawai": 9_880,
        "indikator-per-pegawai": 10,
        "iku-per-opd": 30,
        "pegawai-opd-besar": 1_250,
        "iku-opd-besar": 500,
        "indikator-opd-kecil": 300,
        "asn-login": 50,
        "pengaduan": 1_000,
        "survei": 3_000,
    },
    # 1/20 of the instansi (staff, indicators, complaints, the big OPD); the pages' own sizes (an OPD of 300
    # indicators, 30 and 500 IKU) stay as they are.
    "quick": {
        "instansi": 6,
        "opd": 40,
        "pegawai": 494,
        "indikator-per-pegawai": 10,
        "iku-per-opd": 30,
        "pegawai-opd-besar": 62,
        "iku-opd-besar": 500,
        "indikator-opd-kecil": 300,
        "asn-login": 10,
        "pengaduan": 50,
        "survei": 150,
    },
    "tiny": {
        "instansi": 2,
        "opd": 5,
        "pegawai": 30,
        "indikator-per-pegawai": 3,
        "iku-per-opd": 3,
        "pegawai-opd-besar": 6,
        "iku-opd-besar": 10,
        "indikator-opd-kecil": 12,
        "asn-login": 4,
        "pengaduan": 5,
        "survei": 5,
    },
}
# Per size: page runs (median of), load test seconds (mix, floor), users of each kind.
PROFIL = {
    "full": {"ulang": 7, "detik": 60, "detik_trivial": 15, "jumlah": {"evaluator": 20, "pegawai": 20, "warga": 10}},
    "quick": {"ulang": 5, "detik": 20, "detik_trivial": 8, "jumlah": {"evaluator": 20, "pegawai": 20, "warga": 10}},
    "tiny": {"ulang": 1, "detik": 3, "detik_trivial": 2, "jumlah": {"evaluator": 3, "pegawai": 3, "warga": 2}},
}
# Databases a run must never drop or write to.
DIBAGI = {"kinerja_beban", "postgres", "kinerja", "template0", "template1"}
# Figures whose goal is a floor (met when value ≥ limit); every other limit is a ceiling.
LANTAI = {"beban.throughput_share"}


HALAMAN = (
    "grid_opd_300",
    "grid_opd_besar",
    "grid_opd_besar_filter",
    "kinerja_saya",
    "dasbor_opd_30",
    "dasbor_opd_500",
    "kinerja_opd_besar",
    "dasbor_instansi",
    "dasbor_bkn",
)
BEBAN = (
    "trivial_throughput",
    "throughput",
    "throughput_share",
    "p50",
    "p95",
    "errors",
    "saves_ok",
    "saves_stale_refused",
    "saves_lost",
    "cpu_web",
    "cpu_worker",
    "cpu_locust",
)


def nama_wajib(*, beban: bool = True) -> list[str]:
    """The figures every run writes (the recalculation's come from benchmarks/recalc.py)."""
    nama = ["generate_load.seconds", "halaman.healthz.p50"]
    nama += [f"halaman.{h}.{x}" for h in HALAMAN for x in ("p50", "bytes", "queries", "db")]
    return nama + ([f"beban.{b}" for b in BEBAN] if beban else [])


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="1/20 of the size, under 3 minutes (make bench-quick)")
    p.add_argument("--ukuran", choices=sorted(UKURAN), help="size: tiny (tests), quick, full (default)")
    p.add_argument("--out", default=str(ROOT / "docs"), help="where benchmarks.md and benchmarks.json go")
    p.add_argument("--kerja", help="work folder (manifest, logs); default var/bench-<size>")
    p.add_argument("--pakai-manifest", metavar="PATH", help="reuse the database a generate_load manifest describes")
    p.add_argument("--tanpa-recalc", action="store_true", help="skip the full recalculation benchmark")
    p.add_argument(
        "--ulang-recalc", type=int, metavar="N", help="recalculation runs, the median reported (5; quick 3, tiny 1)"
    )
    p.add_argument(
        "--recalc-workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="instansi recalculated at once, as N Celery workers would (default: the number of CPUs)",
    )
    p.add_argument("--tanpa-beban", action="store_true", help="skip the load test (no gunicorn/Redis needed)")
    a = p.parse_args(argv)
    a.ukuran = a.ukuran or ("quick" if a.quick else "full")
    if a.ulang_recalc is None:  # each repeat rewrites every stored achievement: the quick run must stay short
        a.ulang_recalc = {"full": 5, "quick": 3, "tiny": 1}[a.ukuran]
    return a


# -- database and generation ---------------------------------------------------------------------------------------


def _nama_db(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def buat_ulang_db(url: str) -> None:
    """Drop and create the benchmark database (a fresh generation), connected to the server's `postgres` database."""
    import psycopg

    nama = _nama_db(url)
    if not nama or not nama.replace("_", "").isalnum():
        raise SystemExit(f"BENCH_DATABASE_URL: unusable database name {nama!r}")
    if nama in DIBAGI:
        raise SystemExit(f"refusing to drop {nama!r}: set BENCH_DATABASE_URL to a database of its own")
    parts = urlsplit(url)
    admin = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{nama}"')


def env_manage(database_url: str) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "PYTEST_CURRENT_TEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kinerja.settings",
        KINERJA_ENV_FILE="/dev/null",
        DEBUG="False",
        SECRET_KEY=BENCH_SECRET,
        DATABASE_URL=database_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(args: list[str], database_url: str, log: Path) -> float:
    mulai = time.perf_counter()
    with open(log, "a") as f:
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env_manage(database_url),
            stdout=f,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - mulai


def generate(ukuran: str, database_url: str, kerja: Path, *, hitung: bool = True) -> tuple[dict, float]:
    """A fresh database with the load of `ukuran`. Without `hitung` the generator leaves the stored figures to the
    recalculation benchmark, which runs first and computes every one of them (no second full pass)."""
    buat_ulang_db(database_url)
    manage(["migrate", "--noinput", "-v", "0"], database_url, kerja / "generate.log")
    path = kerja / "manifest.json"
    opsi = [x for k, v in UKURAN[ukuran].items() for x in (f"--{k}", str(v))] + ([] if hitung else ["--tanpa-hitung"])
    detik = manage(
        ["generate_load", *opsi, "--seed", "2026", "--manifest", str(path)], database_url, kerja / "generate.log"
    )
    return json.loads(path.read_text(encoding="utf-8")), detik


def setup_django(database_url: str, redis_url: str) -> None:
    """This process measures pages and runs the recalculation in-process against the benchmark database, with DEBUG
    off and the run's Redis as the cache (tasks in-process: nothing here needs a worker)."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kinerja.settings_test",
        KINERJA_ENV_FILE="/dev/null",
        DEBUG="False",
        SECRET_KEY=BENCH_SECRET,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url or "",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )
    (ROOT / "var" / "bench-static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


# -- figures -------------------------------------------------------------------------------------------------------


def _bulat(x):
    """Four significant digits (a time of 0.0123 s keeps its digits; 72.51 s no spurious ones)."""
    return float(f"{x:.4g}") if isinstance(x, float) else x


def figure(name: str, value, unit: str, limit=None, size: str = "") -> dict:
    value, limit = _bulat(value), _bulat(limit)
    ratio = None
    if limit not in (None, 0) and value is not None:
        ratio = round(value / limit, 3)  # from the figures as written, so a reader can check it
    return {"name": name, "value": value, "unit": unit, "limit": limit, "ratio": ratio, "size": size}


def met(f: dict) -> bool | None:
    if f["limit"] is None or f["value"] is None:
        return None
    if f["name"] in LANTAI:
        return f["value"] >= f["limit"]
    return f["value"] <= f["limit"]


def figures_halaman(hasil: list[dict], size: str) -> list[dict]:
    out = []
    for h in hasil:
        n = h["name"]
        out.append(figure(f"{n}.p50", h["ms"], "ms", h["batas_ms"], size))
        if n == "halaman.healthz":
            continue
        out.append(figure(f"{n}.bytes", h["bytes"], "B", h["batas_bytes"], size))
        out.append(figure(f"{n}.queries", h["queries"], "queries", None, size))
        out.append(figure(f"{n}.db", h["db_ms"], "ms", None, size))
    return out


def figures_beban(b: dict, size: str) -> list[dict]:
    share = 100 * b["rps"] / b["trivial_rps"] if b["trivial_rps"] else 0.0
    return [
        figure("beban.trivial_throughput", b["trivial_rps"], "req/s", None, size),
        figure("beban.throughput", b["rps"], "req/s", None, size),
        figure("beban.throughput_share", share, "%", 25, size),
        figure("beban.p50", b["p50"], "ms", None, size),
        figure("beban.p95", b["p95"], "ms", 500, size),
        figure("beban.errors", b["errors"], "requests", 0, size),
        figure("beban.saves_ok", b["saves"], "saves", None, size),
        figure("beban.saves_stale_refused", b["stale"], "saves", None, size),
        figure("beban.saves_lost", b["lost"], "saves", 0, size),
        figure("beban.cpu_web", b["cpu_web_per_detik"], "cores", None, size),
        figure("beban.cpu_worker", b["cpu_worker_per_detik"], "cores", None, size),
        figure("beban.cpu_locust", b.get("cpu_locust_per_detik", 0.0), "cores", None, size),
    ]


def figures_recalc(daftar: list[dict], size: str) -> list[dict]:
    out = []
    for d in daftar:
        ukuran = size.split(":", 1)[0]
        sendiri = f"{ukuran}: {d['size']}" if d.get("size") else size  # the size it measured, under the run's name
        out.append(figure(d["name"], d.get("value"), d.get("unit", ""), d.get("limit"), sendiri))
    return out


# -- documents -----------------------------------------------------------------------------------------------------


def catatan(path: Path) -> dict[str, str]:
    """benchmarks/catatan.md: one '## name' section per figure (or name prefix) explaining a missed goal."""
    if not path.exists():
        return {}
    bagian, nama = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            nama = line[3:].strip()
            bagian[nama] = []
        elif nama:
            bagian[nama].append(line)
    return {k: " ".join(x.strip() for x in v if x.strip()) for k, v in bagian.items()}


def _angka(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) >= 10 else f"{v:,.2f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


RENCANA_BARIS = 60  # a plan longer than this is cut (the rest is marked)
SQL_KARAKTER = 1500


def _bagian_explain(halaman: list[dict]) -> list[str]:
    """Each page's slowest queries of the run with their EXPLAIN (ANALYZE, BUFFERS) plans."""
    if not any(h.get("explain") for h in halaman):
        return []
    baris = [
        "",
        "## EXPLAIN ANALYZE",
        "",
        "The slowest queries of each page (outside the session and user look-ups) in the run above, each with its",
        "plan as PostgreSQL executed it right after the measurement (`EXPLAIN (ANALYZE, BUFFERS)`).",
    ]
    for h in halaman:
        for i, q in enumerate(h.get("explain") or [], 1):
            sql = q["sql"] if len(q["sql"]) <= SQL_KARAKTER else q["sql"][:SQL_KARAKTER] + " …"
            rencana = q["rencana"][:RENCANA_BARIS]
            if len(q["rencana"]) > RENCANA_BARIS:
                rencana.append(f"… ({len(q['rencana']) - RENCANA_BARIS} more lines)")
            baris += [
                "",
                f"### {h['judul']}: query {i} ({q['ms']:.1f} ms in the measured run)",
                "",
                "```sql",
                sql,
                "```",
                "",
                "```",
                *rencana,
                "```",
            ]
    return baris


def tulis(figs: list[dict], out: Path, konteks: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmarks.json").write_text(json.dumps(figs, indent=2) + "\n", encoding="utf-8")
    notes = catatan(ROOT / "benchmarks" / "catatan.md")
    baris = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks`); do not edit by hand: explanations of missed goals live in",
        "`benchmarks/catatan.md`; the query plans at the end are captured by the run. Every figure and its floor or",
        "limit come from the same run; times are medians of several runs. Machine-readable: `docs/benchmarks.json`.",
        "",
        f"- Run: {konteks['tanggal']}, size `{konteks['ukuran']}` ({konteks['size']}), {konteks['durasi']:.0f} s in all",
        "- Stages: " + ", ".join(f"{k} {v:.0f} s" for k, v in konteks.get("tahap", {}).items()),
        f"- Machine: {konteks['cpu']} CPUs, {konteks['python']}, PostgreSQL {konteks['postgres']}, Redis",
        f"- Pages: median of {konteks['ulang']} in-process requests after one warm-up, DEBUG off, the real user of each"
        " page, Redis as the cache; `db` is the time the queries took",
        f"- Load test: gunicorn with {konteks.get('workers', '?')} sync workers and one Celery worker on 127.0.0.1,"
        f" {konteks.get('pengguna', '?')} locust users for {konteks.get('detik', '?')} s (after every user has"
        " logged in), nobody waiting between requests; the floor is the login page alone on the same server just before",
        "",
        "| figure | value | goal / limit | ratio | met |",
        "|---|---:|---:|---:|:---:|",
    ]
    for f in figs:
        m = met(f)
        tanda = "" if m is None else ("yes" if m else "**missed**")
        batas = "" if f["limit"] is None else ("≥ " if f["name"] in LANTAI else "≤ ") + _angka(f["limit"])
        unit = f" {f['unit']}" if f["unit"] else ""
        baris.append(
            f"| `{f['name']}` | {_angka(f['value'])}{unit} | {batas}{unit if batas else ''} | "
            f"{_angka(f['ratio'])} | {tanda} |"
        )
    terlewat = [f for f in figs if met(f) is False]
    baris += ["", "## Missed goals", ""]
    if not terlewat:
        baris.append("None: every goal with a limit was met in this run.")
    for f in terlewat:
        note = notes.get(f["name"]) or next(
            (v for k, v in sorted(notes.items(), key=lambda kv: -len(kv[0])) if f["name"].startswith(k)), ""
        )
        baris.append(
            f"- `{f['name']}`: {_angka(f['value'])} {f['unit']} against {_angka(f['limit'])}"
            f" (ratio {_angka(f['ratio'])}). {note or 'No explanation recorded yet.'}"
        )
    if konteks.get("halaman_status"):
        baris += ["", "Pages that did not answer 200: " + ", ".join(konteks["halaman_status"]) + "."]
    hitungan = konteks.get("hitungan")
    if hitungan:
        baris += [
            "",
            "## Saves in the load test",
            "",
            f"{hitungan['sukses']:,} saves got a success reply on {hitungan['baris']:,} rows; counted in the database"
            " after the run (each reply's version present in the history with the value sent, the last one still"
            f" stored): {hitungan['hilang']} lost, {hitungan['tertimpa']} silently overwritten."
            f" {konteks.get('stale', 0):,} stale saves were refused with 409 (the right answer).",
        ]
    baris += _bagian_explain(konteks.get("explain") or [])
    (out / "benchmarks.md").write_text("\n".join(baris) + "\n", encoding="utf-8")


# -- the run -------------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    a = parse_args(argv)
    mulai = time.perf_counter()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    profil = PROFIL[a.ukuran]
    kerja = Path(a.kerja) if a.kerja else ROOT / "var" / f"bench-{a.ukuran}"
    kerja.mkdir(parents=True, exist_ok=True)
    figs: list[dict] = []
    tahap: dict[str, float] = {}  # seconds per stage, for the document
    print(f"benchmarks: size {a.ukuran}, database {_nama_db(database_url)}, work files in {kerja}", flush=True)

    if a.pakai_manifest and _nama_db(database_url) in DIBAGI:
        raise SystemExit(
            f"{_nama_db(database_url)} is shared and read-only: the run writes to its database (entry windows, saves,"
            f" recalculation). Copy it first (createdb -T {_nama_db(database_url)} kinerja_bench) and point"
            " BENCH_DATABASE_URL at the copy."
        )
    if a.pakai_manifest:
        manifest = json.loads(Path(a.pakai_manifest).read_text(encoding="utf-8"))
        manage(["migrate", "--noinput", "-v", "0"], database_url, kerja / "generate.log")
        detik_gen = None
    else:
        recalc_ada = not a.tanpa_recalc and importlib.util.find_spec("benchmarks.recalc") is not None
        manifest, detik_gen = generate(a.ukuran, database_url, kerja, hitung=not recalc_ada)
        tahap["generate"] = detik_gen
        print(f"  generate_load: {detik_gen:.1f} s", flush=True)

    setup_django(database_url, redis_url)
    from django.db import connection

    from benchmarks import beban, halaman
    from evaluasi.models import Realisasi
    from indikator.models import Indikator, TargetTriwulan

    n_ind, n_iq = Indikator.objects.count(), TargetTriwulan.objects.count()
    size = f"{a.ukuran}: {n_ind:,} indicators, {n_iq:,} indicator-quarters, {Realisasi.objects.count():,} realisations"
    if detik_gen is not None:
        figs.append(figure("generate_load.seconds", detik_gen, "s", None, size))
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    if not a.tanpa_recalc and importlib.util.find_spec("benchmarks.recalc") is None:
        print("  recalculation skipped: benchmarks/recalc.py is missing", flush=True)
    elif not a.tanpa_recalc:
        from benchmarks import recalc

        t = time.perf_counter()
        figs += figures_recalc(recalc.run(repeats=a.ulang_recalc, workers=a.recalc_workers), size)
        tahap["recalculation"] = time.perf_counter() - t
        print("  recalculation: done", flush=True)

    with connection.cursor() as c:
        c.execute("ANALYZE")  # fresh planner statistics, as autovacuum keeps them on a live database
    triwulan = beban.triwulan_uji(manifest)
    t = time.perf_counter()
    hasil_halaman = halaman.run(manifest, triwulan=triwulan, ulang=profil["ulang"])
    tahap["pages"] = time.perf_counter() - t
    figs += figures_halaman(hasil_halaman, size)
    print(f"  pages: {len(hasil_halaman)} measured", flush=True)

    konteks = {}
    if not redis_url and not a.tanpa_beban:
        print("  load test skipped: BENCH_REDIS_URL is empty (the server needs Redis as broker and cache)", flush=True)
    elif not a.tanpa_beban:
        beban.JUMLAH.update(profil["jumlah"])
        t = time.perf_counter()
        b = beban.run(
            manifest,
            kerja / "beban",
            database_url=database_url,
            redis_url=redis_url,
            detik=profil["detik"],
            detik_trivial=profil["detik_trivial"],
        )
        tahap["load test"] = time.perf_counter() - t
        figs += figures_beban(b, size)
        konteks.update(
            workers=b["workers"],
            hitungan=b["hitungan"],
            stale=b["stale"],
            pengguna=sum(profil["jumlah"].values()),
            detik=profil["detik"],
        )
        print(f"  load test: {b['rps']:.1f} req/s, p95 {b['p95']:.0f} ms, {b['lost']} lost saves", flush=True)

    with connection.cursor() as c:
        c.execute("SHOW server_version")
        versi_pg = c.fetchone()[0]
    konteks.update(
        tanggal=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        ukuran=a.ukuran,
        size=size.split(": ", 1)[1],
        durasi=time.perf_counter() - mulai,
        cpu=os.cpu_count(),
        python=f"Python {platform.python_version()}",
        postgres=versi_pg.split()[0],
        ulang=profil["ulang"],
        tahap=tahap,
        halaman_status=[f"{h['name']} ({h['status']})" for h in hasil_halaman if h["status"] != 200],
        explain=[h for h in hasil_halaman if h["name"] != "halaman.healthz"],
    )
    tulis(figs, Path(a.out), konteks)
    print(f"benchmarks: {len(figs)} figures in {a.out}/benchmarks.json ({konteks['durasi']:.0f} s)", flush=True)
    return 0
