"""Page figures for `make bench`: each page of the issue's table rendered in-process (Django's test client, DEBUG off,
the Redis cache of the run) against the generated load, as its real user sees it: median time, response size, query
count and time spent in the database. The health URL, measured the same way, is the floor.

Called by the runner (`python -m benchmarks`), which has set Django up against the benchmark database.
"""

import gc
import statistics
import time

# Goals of the issue: a page in under 150 ms (Kinerja saya under 100 ms); the grid under 250 KB.
BATAS_MS = 150.0
BATAS_SAYA_MS = 100.0
BATAS_GRID_BYTES = 250 * 1024
# A filtered page of the big grid: the rows not yet entered, second page (the grid's query parameters).
FILTER_GRID = "status=belum&halaman=2"


def _id(nilai):
    if isinstance(nilai, dict):
        return nilai.get("id") or nilai.get("pk")
    return nilai


def _username(nilai):
    if isinstance(nilai, str):
        return nilai
    if isinstance(nilai, dict):
        return nilai.get("username") or nilai.get("user")
    return None


def _pengguna(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username) if username else None


def _superuser():
    """The fallback viewer of a page the load has no specific user for (full scope, like BKN over every instansi)."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench-superuser", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def _tim_untuk(manifest: dict, opd_pk):
    entri = manifest.get(f"tim_opd_{opd_pk}")
    if entri:
        return _username(entri)
    for t in manifest.get("tim") or []:
        if isinstance(t, dict) and (t.get("opd_id") or t.get("opd")) == opd_pk:
            return _username(t)
    return None


def daftar_halaman(manifest: dict, triwulan: int) -> list[dict]:
    """The pages of the issue's table: name, URL, viewer, time limit (batas_ms) and size limit (batas_bytes) or None."""
    from django.urls import reverse

    tahun = int(manifest["tahun"])
    opd_300, opd_besar = _id(manifest["opd_300"]), _id(manifest["opd_besar"])
    opd_30, opd_500 = _id(manifest["opd_iku_30"]), _id(manifest["opd_iku_500"])
    instansi = _id(manifest["instansi_100k"])

    def peran(key, pk, kunci):
        """The OPD's own user of that role, from the manifest (`tim` or `pimpinan`), else its first team member."""
        entri = manifest.get(key)
        if isinstance(entri, dict) and entri.get(kunci):
            return entri[kunci]
        return _tim_untuk(manifest, pk)

    def tim(key, pk):
        return peran(key, pk, "tim")

    def pimpinan(key, pk):
        return peran(key, pk, "pimpinan")

    grid_besar = reverse("evaluasi:grid", args=[opd_besar, tahun, triwulan])
    return [
        {
            "name": "halaman.grid_opd_300",
            "judul": "Realisation grid, OPD with 300 indicators",
            "url": reverse("evaluasi:grid", args=[opd_300, tahun, triwulan]),
            "user": tim("opd_300", opd_300),
            "batas_ms": BATAS_MS,
            "batas_bytes": BATAS_GRID_BYTES,
        },
        {
            "name": "halaman.grid_opd_besar",
            "judul": "Realisation grid, OPD with ~12,500 indicators (first page)",
            "url": grid_besar,
            "user": tim("opd_besar", opd_besar),
            "batas_ms": BATAS_MS,
            "batas_bytes": BATAS_GRID_BYTES,
        },
        {
            "name": "halaman.grid_opd_besar_filter",
            "judul": "Realisation grid, OPD with ~12,500 indicators, filtered page",
            "url": f"{grid_besar}?{FILTER_GRID}",
            "user": tim("opd_besar", opd_besar),
            "batas_ms": BATAS_MS,
            "batas_bytes": BATAS_GRID_BYTES,
        },
        {
            "name": "halaman.kinerja_saya",
            "judul": "Kinerja saya (ASN with 10 IKI)",
            "url": reverse("kinerja:saya"),
            "user": _username(manifest["asn_10_iki"]),
            "batas_ms": BATAS_SAYA_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.dasbor_opd_30",
            "judul": "OPD dashboard, 30 IKU",
            "url": reverse("dasbor:opd", args=[opd_30]),
            "user": pimpinan("opd_iku_30", opd_30),
            "batas_ms": BATAS_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.dasbor_opd_500",
            "judul": "OPD dashboard, 500 IKU",
            "url": reverse("dasbor:opd", args=[opd_500]),
            "user": pimpinan("opd_iku_500", opd_500),
            "batas_ms": BATAS_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.kinerja_opd_besar",
            "judul": "Kinerja OPD page, OPD with ~12,500 indicators",
            "url": reverse("kinerja:opd", args=[opd_besar]),
            "user": pimpinan("opd_besar", opd_besar),
            "batas_ms": BATAS_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.dasbor_instansi",
            "judul": "Instansi dashboard (~100,000 indicators)",
            "url": reverse("dasbor:instansi", args=[instansi]),
            "user": (manifest.get("instansi_100k") or {}).get("admin"),
            "batas_ms": BATAS_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.dasbor_bkn",
            "judul": "BKN overview (every indicator of the load)",
            "url": reverse("dasbor:bkn"),
            "user": _username(manifest.get("bkn")),
            "batas_ms": BATAS_MS,
            "batas_bytes": None,
        },
        {
            "name": "halaman.healthz",
            "judul": "Health URL (the floor: one SELECT 1)",
            "url": reverse("healthz"),
            "user": None,
            "batas_ms": None,
            "batas_bytes": None,
        },
    ]


# The queries of a page that are bookkeeping (session, user, roles), not the page's own reading.
_BUKAN_HALAMAN = ('"django_session"', '"auth_user"', '"opd_peranpengguna"')
JUMLAH_EXPLAIN = 2  # the slowest queries of each page shown with their plans


def explain(captured: list[dict], jumlah: int = JUMLAH_EXPLAIN) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of the page's slowest SELECTs of its last run, on PostgreSQL: the plans behind the
    page's time, for docs/benchmarks.md."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    kandidat = [
        q
        for q in captured
        if q["sql"].lstrip().upper().startswith("SELECT") and not any(t in q["sql"] for t in _BUKAN_HALAMAN)
    ]
    kandidat.sort(key=lambda q: -float(q.get("time") or 0))
    hasil = []
    for q in kandidat[:jumlah]:
        with connection.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            rencana = [r[0] for r in c.fetchall()]
        hasil.append({"ms": float(q.get("time") or 0) * 1000, "sql": q["sql"], "rencana": rencana})
    return hasil


def ukur(client, url: str, ulang: int) -> dict:
    """Median wall-clock time over `ulang` runs after one warm-up, with the last run's size and queries, and the plans
    of its slowest queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    respons = client.get(url)
    waktu, db_ms, queries = [], [], 0
    for _ in range(ulang):
        gc.collect()
        with CaptureQueriesContext(connection) as ctx:
            mulai = time.perf_counter()
            respons = client.get(url)
            isi = respons.content
            waktu.append((time.perf_counter() - mulai) * 1000)
        queries = len(ctx.captured_queries)
        db_ms.append(sum(float(q.get("time") or 0) for q in ctx.captured_queries) * 1000)
    return {
        "status": respons.status_code,
        "ms": statistics.median(waktu),
        "db_ms": statistics.median(db_ms),
        "bytes": len(isi),
        "queries": queries,
        "runs": ulang,
        "explain": explain(ctx.captured_queries),
    }


def run(manifest: dict, *, triwulan: int, ulang: int = 5) -> list[dict]:
    """Measure every page; returns one dict per page (name, judul, url, status, ms, db_ms, bytes, queries, limits)."""
    from django.test import Client
    from django.test.utils import override_settings

    from opd import dua_langkah

    hasil = []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for h in daftar_halaman(manifest, triwulan):
            client = Client()
            user = _pengguna(h["user"]) if h["user"] else (_superuser() if h["name"] != "halaman.healthz" else None)
            if user is not None:
                client.force_login(user)
                # Measured as a user past the second sign-in step (an administrator enters a code once a session).
                session = client.session
                session[dua_langkah.STATUS] = dua_langkah.OK
                session.save()
            hasil.append({**h, "user": user.username if user else None, **ukur(client, h["url"], ulang)})
    return hasil
