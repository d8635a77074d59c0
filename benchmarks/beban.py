"""The deadline-rush load test: gunicorn and a Celery worker on 127.0.0.1 against the benchmark database and Redis,
locust driving 20 evaluators, 20 staff and 10 citizens (benchmarks/locustfile.py), then a count in the database that
every save that got a success reply is stored with the value sent and that none was silently overwritten.

The same server first serves the floor: a trivial page (the login form) alone, as fast as locust can ask, for a
shorter time. The mix's
throughput is reported as a share of that floor's (goal: at least 25 %).

Called by the runner (`python -m benchmarks`), which has set Django up against the benchmark database.
"""

import csv
import datetime
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_SECRET = "kinerja-bench-only-not-a-secret-0123456789abcdef"  # noqa: S105 (servers on 127.0.0.1 only)
BIN = Path(sys.executable).parent
PASSWORD = "kinerja-beban-2026"  # noqa: S105 (the generated load's documented password)
JUMLAH = {"evaluator": 20, "pegawai": 20, "warga": 10}


# -- what the browser would post (used by the locustfile) ------------------------------------------------------

BARIS_URL = re.compile(r"^/realisasi/(\d+)/(\d+)/(\d+)/(\d+)/$")


class Formulir(HTMLParser):
    """Every <form> of a page: its target (hx-post, else action) and the values its fields would submit (buttons,
    files and unchecked boxes left out, as a browser leaves them out), and which text fields are read-only."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"url": a.get("hx-post") or a.get("action") or "", "data": {}, "readonly": set()}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            jenis = (a.get("type") or "text").lower()
            if jenis in ("submit", "button", "file", "image", "reset"):
                return
            if jenis in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["data"][a["name"]] = a.get("value") or ""
            if "readonly" in a or "disabled" in a:
                self._form["readonly"].add(a["name"])
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["data"][a["name"]] = ""
            if "readonly" in a or "disabled" in a:
                self._form["readonly"].add(a["name"])
        elif tag == "select":
            self._form["data"].setdefault(a["name"], "")

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["data"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def formulir(html: str) -> list[dict]:
    parser = Formulir()
    parser.feed(html)
    return parser.forms


def baris_terbuka(html: str) -> list[dict]:
    """The grid rows this user may save now: a row form whose value field is not read-only."""
    hasil = []
    for f in formulir(html):
        m = BARIS_URL.match(f["url"])
        nilai = [k for k in f["data"] if k.endswith("-nilai")]
        if m and nilai and nilai[0] not in f["readonly"] and any(k.endswith("-versi") for k in f["data"]):
            hasil.append({**f, "indikator": int(m.group(4)), "triwulan": int(m.group(3)), "nilai": nilai[0]})
    return hasil


def versi_dari(html: str, indikator: int) -> int | None:
    """The version the server answered with, from the row it sent back (the hidden `versi` field)."""
    for f in formulir(html):
        m = BARIS_URL.match(f["url"])
        if m and int(m.group(4)) == indikator:
            for k, v in f["data"].items():
                if k.endswith("-versi") and v.strip().isdigit():
                    return int(v)
    return None


def token(html: str) -> str:
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html) or re.search(r'"X-CSRFToken":\s*"([^"]+)"', html)
    return m.group(1) if m else ""


# -- the count -----------------------------------------------------------------------------------------------------


def _angka(teks) -> Decimal | None:
    if teks is None:
        return None
    try:
        return Decimal(str(teks).replace(",", "."))
    except InvalidOperation:
        return None


def hitung_simpanan(catatan: list[dict], tersimpan: dict, riwayat: dict | None = None) -> dict:
    """Count the saves that were answered with success but are not in the database as sent.

    `catatan`: the load test's records; those with hasil "ok" are successes: indikator, triwulan, nilai (the value
    sent, as text), versi (the version the reply showed, or None) and t (when the reply came).
    `tersimpan`: {(indikator, triwulan): (nilai, versi)} as stored now.
    `riwayat`: {(indikator, triwulan, versi): nilai} from the history table, when there is one.

    A save is lost when the version its reply showed is missing from the history, or when it is the last success on
    its row and the row does not hold it; it is overwritten when another success on the same row claims the same
    version, or when the stored value of its version is not the value sent. A later success on the same row counts
    as the latest; a stale save refused with 409 is fine and not counted here.
    """
    riwayat = riwayat or {}
    per_baris: dict[tuple, list[dict]] = defaultdict(list)
    for c in catatan:
        if c.get("hasil") == "ok":
            per_baris[(int(c["indikator"]), int(c["triwulan"]))].append(c)
    hilang, tertimpa, contoh = 0, 0, []
    for kunci, daftar in per_baris.items():
        daftar.sort(key=lambda c: (c.get("versi") is not None, c.get("versi") or 0, c.get("t") or 0))
        dilihat: dict[int, dict] = {}
        for c in daftar:
            v = c.get("versi")
            if v is None:
                continue
            if v in dilihat:
                tertimpa += 1
                contoh.append({"baris": kunci, "versi": v, "masalah": "dua jawaban sukses untuk satu versi"})
                continue
            dilihat[v] = c
            if riwayat:
                if (kunci[0], kunci[1], v) not in riwayat:
                    hilang += 1
                    contoh.append({"baris": kunci, "versi": v, "masalah": "versi tidak ada di riwayat"})
                elif riwayat[(kunci[0], kunci[1], v)] != _angka(c["nilai"]):
                    tertimpa += 1
                    contoh.append({"baris": kunci, "versi": v, "masalah": "riwayat menyimpan nilai lain"})
        terakhir = daftar[-1]
        sekarang = tersimpan.get(kunci)
        if sekarang is None:
            hilang += 1
            contoh.append({"baris": kunci, "masalah": "baris tidak tersimpan"})
            continue
        nilai, versi = sekarang
        v = terakhir.get("versi")
        if v is not None and versi is not None and versi < v:
            hilang += 1
            contoh.append({"baris": kunci, "versi": v, "masalah": f"tersimpan versi {versi}, lebih lama"})
        elif (v is None or versi == v) and _angka(nilai) != _angka(terakhir["nilai"]):
            tertimpa += 1
            contoh.append({"baris": kunci, "versi": v, "masalah": "nilai tersimpan bukan yang dikirim"})
    return {
        "sukses": sum(len(d) for d in per_baris.values()),
        "baris": len(per_baris),
        "hilang": hilang,
        "tertimpa": tertimpa,
        "contoh": contoh[:20],
    }


def baca_catatan(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def periksa_database(catatan: list[dict]) -> dict:
    """The count against the benchmark database (Django set up by the caller)."""
    from evaluasi.models import Realisasi

    oks = [c for c in catatan if c.get("hasil") == "ok"]
    ids = sorted({int(c["indikator"]) for c in oks})
    tersimpan, riwayat = {}, {}
    for mulai in range(0, len(ids), 5000):
        potong = ids[mulai : mulai + 5000]
        for ind, tw, nilai, versi in Realisasi.objects.filter(indikator_id__in=potong).values_list(
            "indikator_id", "triwulan", "nilai", "versi"
        ):
            tersimpan[(ind, tw)] = (nilai, versi)
        for ind, tw, nilai, versi in Realisasi.history.filter(indikator_id__in=potong).values_list(
            "indikator_id", "triwulan", "nilai", "versi"
        ):
            riwayat[(ind, tw, versi)] = nilai
    return hitung_simpanan(catatan, tersimpan, riwayat)


# -- the plan ------------------------------------------------------------------------------------------------------


def _daftar(manifest: dict, *kunci) -> list:
    for k in kunci:
        if manifest.get(k):
            return list(manifest[k])
    return []


def _username(x) -> str:
    return x if isinstance(x, str) else (x.get("username") or x.get("user"))


def triwulan_uji(manifest: dict) -> int:
    for kunci in ("triwulan", "triwulan_terbuka"):
        if manifest.get(kunci):
            return int(manifest[kunci])
    today = datetime.date.today()
    return (today.month - 1) // 3 + 1 if int(manifest["tahun"]) == today.year else 4


def siapkan(manifest: dict, folder: Path) -> dict:
    """Write the plan locust reads, and open the quarter's entry window in every instansi (the rush is the last days
    of an open window). Writes to the benchmark database only."""
    from django.urls import reverse

    from indikator.models import Periode
    from opd.models import Instansi

    tahun, tw = int(manifest["tahun"]), triwulan_uji(manifest)
    today = datetime.date.today()
    instansi = list(Instansi.objects.order_by("pk").values_list("pk", flat=True))
    for pk in instansi:
        Periode.objects.update_or_create(
            instansi_id=pk,
            tahun=tahun,
            triwulan=tw,
            defaults={"dibuka": today - datetime.timedelta(days=60), "ditutup": today + datetime.timedelta(days=2)},
        )
    tim = _daftar(manifest, "tim", "tim_evaluasi", "evaluator")
    evaluator = []
    for t in tim:
        opd_pk = (t.get("opd_id") or t.get("opd")) if isinstance(t, dict) else None
        if opd_pk is None:
            continue
        evaluator.append({"username": _username(t), "grid": reverse("evaluasi:grid", args=[opd_pk, tahun, tw])})
    if not evaluator:
        raise SystemExit("manifest: no evaluation-team users with their OPD (key 'tim')")
    pegawai = [_username(a) for a in _daftar(manifest, "asn", "pegawai", "asn_users")]
    if not pegawai:
        raise SystemExit("manifest: no ASN users (key 'asn')")
    rencana = {
        "password": manifest.get("password", PASSWORD),
        "evaluator": evaluator[: JUMLAH["evaluator"]],
        "pegawai": pegawai[: JUMLAH["pegawai"]],
        "instansi": instansi,
        "jumlah": JUMLAH,
        "catatan": str(folder / "simpanan.jsonl"),
    }
    return rencana


# -- the servers ---------------------------------------------------------------------------------------------------


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_server(database_url: str, redis_url: str) -> dict:
    """Production settings (DEBUG off, Redis cache and broker, tasks queued), behind a proxy as deployed."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="kinerja.settings",
        KINERJA_ENV_FILE="/dev/null",
        DEBUG="False",
        SECRET_KEY=BENCH_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="False",
        BEHIND_PROXY="True",
        SECURE_COOKIES="False",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _static_siap(env: dict) -> None:
    """collectstatic once (DEBUG off serves hashed files through WhiteNoise); again only when a source is newer."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    sumber = [ROOT / "static", ROOT / "node_modules" / "bootstrap" / "dist"]
    terbaru = max((p.stat().st_mtime for d in sumber if d.exists() for p in d.rglob("*") if p.is_file()), default=0)
    if manifest.exists() and manifest.stat().st_mtime >= terbaru:
        return
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def _tunggu(url: str, proses: subprocess.Popen, batas: float = 60) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise RuntimeError(f"server exited with {proses.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 (http://127.0.0.1 only)
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {batas} s")


def _henti(proses: subprocess.Popen | None) -> None:
    if proses is None or proses.poll() is not None:
        return
    try:
        os.killpg(proses.pid, signal.SIGTERM)
        proses.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proses.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _cpu(proses: subprocess.Popen) -> float:
    """CPU seconds used so far by a process and its children (gunicorn's workers, Celery's pool)."""
    import psutil

    try:
        induk = psutil.Process(proses.pid)
        semua = [induk, *induk.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in semua:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _cpu_anak() -> float:
    """CPU seconds of this process's children that have ended and been waited for (locust, run to its end)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _locust(rencana: dict, folder: Path, nama: str, host: str, pengguna: int, detik: float, cap: float) -> dict:
    path = folder / f"rencana-{nama}.json"
    path.write_text(json.dumps({**rencana, "mode": nama, "durasi": detik}), encoding="utf-8")
    prefix = folder / f"locust-{nama}"
    env = {**os.environ, "BEBAN_RENCANA": str(path), "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with open(folder / f"locust-{nama}.log", "w") as log:
        subprocess.run(  # noqa: S603 (tools of this virtualenv)
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(pengguna),
                "-r",
                str(pengguna),
                "-t",
                f"{int(cap)}s",
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=cap + 120,
        )
    return baca_csv(Path(f"{prefix}_stats.csv"))


def baca_csv(path: Path) -> dict:
    """Locust's per-name statistics; the 'Aggregated' row is the whole run (after the measuring window opened)."""

    def angka(teks) -> float:
        try:
            return float(teks)
        except (TypeError, ValueError):  # "N/A" when a name had no request in the window
            return 0.0

    hasil = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            hasil[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": angka(row["50%"]),
                "p95": angka(row["95%"]),
                "rps": angka(row["Requests/s"]),
            }
    return hasil


def run(manifest: dict, folder: Path, *, database_url: str, redis_url: str, detik: float, detik_trivial: float) -> dict:
    """Run the floor and the mix on one server; returns the figures (see the runner for how they are reported)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "simpanan.jsonl").unlink(missing_ok=True)
    rencana = siapkan(manifest, folder)
    env = env_server(database_url, redis_url)
    _static_siap(env)
    import redis

    redis.Redis.from_url(redis_url).flushdb()  # no stale tasks or cached pages from an earlier run
    port = _port_bebas()
    host = f"http://127.0.0.1:{port}"
    workers = int(os.environ.get("BENCH_WEB_WORKERS", str(2 * (os.cpu_count() or 1))))
    web = worker = None
    try:
        with open(folder / "gunicorn.log", "w") as log_web, open(folder / "celery.log", "w") as log_worker:
            web = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "kinerja.wsgi:application", "--bind", f"127.0.0.1:{port}"]
                + ["--workers", str(workers), "--timeout", "120", "--log-level", "warning"],
                cwd=ROOT,
                env=env,
                stdout=log_web,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            worker = subprocess.Popen(  # noqa: S603
                [str(BIN / "celery"), "-A", "kinerja", "worker", "-Q", "default", "-c", "1", "-l", "warning"]
                + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT,
                env=env,
                stdout=log_worker,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            _tunggu(f"{host}/healthz", web)
            for _ in range(3):  # warm every worker's imports and connection pool
                urllib.request.urlopen(f"{host}/healthz", timeout=10).read()  # noqa: S310
            jumlah = sum(JUMLAH.values())
            trivial = _locust(rencana, folder, "trivial", host, jumlah, detik_trivial, detik_trivial)
            cpu_web, cpu_worker, mulai = _cpu(web), _cpu(worker), time.monotonic()
            cpu_locust = _cpu_anak()
            campuran = _locust(rencana, folder, "campuran", host, jumlah, detik, detik + 180)
            cpu_locust = _cpu_anak() - cpu_locust  # locust is the only child that ends during the mix
            cpu_web, cpu_worker = _cpu(web) - cpu_web, _cpu(worker) - cpu_worker
            lama = time.monotonic() - mulai
    finally:
        _henti(web)
        _henti(worker)
    catatan = baca_catatan(folder / "simpanan.jsonl")
    hitungan = periksa_database(catatan)
    semua = campuran.get("Aggregated", {"requests": 0, "failures": 0, "p50": 0, "p95": 0, "rps": 0})
    dasar = trivial.get("Aggregated", {"rps": 0})
    hasil = {
        "workers": workers,
        "trivial_rps": dasar["rps"],
        "trivial_p95": dasar.get("p95", 0),
        "rps": semua["rps"],
        "p50": semua["p50"],
        "p95": semua["p95"],
        "requests": semua["requests"],
        "errors": semua["failures"] + dasar.get("failures", 0),
        "saves": hitungan["sukses"],
        "stale": sum(1 for c in catatan if c.get("hasil") == "basi"),
        "lost": hitungan["hilang"] + hitungan["tertimpa"],
        "hitungan": hitungan,
        # CPU seconds per second of the mix phase (logins included): how many cores web and worker kept busy.
        "cpu_web_per_detik": cpu_web / lama if lama else 0.0,
        "cpu_worker_per_detik": cpu_worker / lama if lama else 0.0,
        "cpu_locust_per_detik": cpu_locust / lama if lama else 0.0,
        "per_nama": campuran,
    }
    (folder / "beban.json").write_text(json.dumps(hasil, indent=2, default=str), encoding="utf-8")
    return hasil
