"""The full and the incremental recalculation (evaluasi/recalc.py) against their floor, on PostgreSQL.

    from benchmarks import recalc
    recalc.run(database_alias="default", repeats=5, workers=1)  # -> list of figures

Works on the current database as it is (the generated load), and writes to it: it recalculates everything, forces
every stored achievement to differ once per repeat, and changes one verified value for the incremental run (the
value is put back at the end). Measured, each the median of `repeats`:

* full recalculation of every instansi when every stored achievement differs ("everything changed": before each
  run an untimed UPDATE sets every `capaian` to -1, a value the arithmetic never produces, then an untimed VACUUM
  brings the table back to the state autovacuum keeps it in), and right after it when nothing changed;
  `workers` > 1 runs the instansi on that many connections at once, as that many Celery workers would
  (evaluasi.tasks.recalculate_all fans out one task per instansi);
* the floor: one hand-written `INSERT ... SELECT ... ON CONFLICT` into an UNLOGGED scratch table, doing the same
  arithmetic (each indicator-quarter's achievement and to-date achievement from the pivoted targets and verified
  realisations) over the same rows, in one statement with the same work_mem, timed in the same run;
* temporary files written by the full runs (pg_stat_database.temp_bytes, before and after);
* the incremental recalculation after one verified value changed: median time and number of statements;
* for context: the untimed forcing UPDATE's own time (what rewriting every stored row costs in the real, logged and
  indexed table, with no arithmetic), and the database time of the summary statements (evaluasi/ringkasan.py)
  inside the "nothing changed" run.

The full runs' limit is 1.5 x the floor (issue 9); the incremental run's limits are today's figures (14 ms; 11
statements, BEGIN and COMMIT included, plus the statements evaluasi/ringkasan.py adds).
"""

import statistics
import threading
import time

from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

LANTAI_TABLE = "bench_recalc_lantai"
BATAS_INKREMENTAL_MS = 14.0
BATAS_INKREMENTAL_STATEMENTS = 11


def _lantai_sql() -> str:
    """The floor: the same arithmetic as evaluasi/recalc.py in the most direct single statement PostgreSQL allows
    (each table pivoted on its own, streamed in indicator order, and unpivoted with LATERAL VALUES)."""
    from evaluasi.recalc import _floor_round, band_sql, capaian_sql

    q4 = (1, 2, 3, 4)
    tgt = ", ".join(
        f"MAX(target_bawah) FILTER (WHERE triwulan = {q}) AS lo{q}, MAX(target_atas) FILTER (WHERE triwulan = {q}) AS hi{q}"
        for q in q4
    )
    rea = ", ".join(f"MAX(nilai) FILTER (WHERE triwulan = {q}) AS r{q}" for q in q4)

    def masuk(k: int) -> str:
        return f"(q.q >= {k} AND r{k} IS NOT NULL)"

    def jumlah(expr: str) -> str:
        return " + ".join(f"(CASE WHEN {masuk(k)} THEN {expr.format(k=k)} ELSE 0 END)" for k in q4)

    def terakhir(c: str) -> str:
        return "CASE " + " ".join(f"WHEN {masuk(k)} THEN {c}{k}" for k in reversed(q4)) + " END"

    def ini(c: str) -> str:
        return "CASE q.q " + " ".join(f"WHEN {k} THEN {c}{k}" for k in q4) + " END"

    capped = "CASE WHEN b.raw_sd > b.batas_capaian THEN b.batas_capaian ELSE b.raw_sd END"
    return f"""
        INSERT INTO {LANTAI_TABLE} (indikator_id, triwulan, realisasi, target_bawah, target_atas, sd_realisasi,
            sd_target_bawah, sd_target_atas, status, capaian_triwulan, capaian_raw, capaian, band)
        SELECT b.id, b.q, b.r, b.lo, b.hi, b.sd_r, b.sd_lo, b.sd_hi,
            CASE WHEN b.sd_r IS NULL THEN 'belum_diisi' WHEN b.x_sd IS NULL THEN 'tidak_dapat_dihitung' ELSE 'ok' END,
            b.raw_tw, b.raw_sd, {capped}, {band_sql(capped, "b")}
        FROM (
            SELECT h.*, {_floor_round("h.x_tw")} AS raw_tw, {_floor_round("h.x_sd")} AS raw_sd
            FROM (
                SELECT s.*, {capaian_sql("s.r", "s.lo", "s.hi", "s.pol")} AS x_tw,
                    {capaian_sql("s.sd_r", "s.sd_lo", "s.sd_hi", "s.pol")} AS x_sd
                FROM (
                    SELECT v.*,
                        CASE WHEN v.n = 0 THEN NULL WHEN v.agg = 'sum' THEN v.sum_r
                            WHEN v.agg = 'average' THEN ROUND(v.sum_r / v.n, 6) ELSE v.last_r END AS sd_r,
                        CASE WHEN v.n = 0 THEN NULL WHEN v.agg = 'last' THEN v.last_lo
                            WHEN v.n_tanpa > 0 THEN NULL WHEN v.agg = 'sum' THEN v.sum_lo
                            ELSE ROUND(v.sum_lo / v.n, 6) END AS sd_lo,
                        CASE WHEN v.n = 0 THEN NULL WHEN v.agg = 'last' THEN v.last_hi
                            WHEN v.n_tanpa > 0 OR v.n_rentang = 0 THEN NULL WHEN v.agg = 'sum' THEN v.sum_hi
                            ELSE ROUND(v.sum_hi / v.n, 6) END AS sd_hi
                    FROM (
                        SELECT i.id, i.polaritas AS pol, i.agregasi AS agg, inst.batas_capaian,
                            inst.band_sangat_baik, inst.band_baik, inst.band_cukup, inst.band_kurang, q.q,
                            {ini("r")} AS r, {ini("lo")} AS lo, {ini("hi")} AS hi, {jumlah("1")} AS n,
                            {jumlah("CASE WHEN lo{k} IS NULL THEN 1 ELSE 0 END")} AS n_tanpa,
                            {jumlah("CASE WHEN hi{k} IS NOT NULL THEN 1 ELSE 0 END")} AS n_rentang,
                            {jumlah("r{k}")} AS sum_r, {jumlah("COALESCE(lo{k}, 0)")} AS sum_lo,
                            {jumlah("COALESCE(hi{k}, lo{k}, 0)")} AS sum_hi,
                            {terakhir("r")} AS last_r, {terakhir("lo")} AS last_lo, {terakhir("hi")} AS last_hi
                        FROM indikator_indikator i
                        JOIN opd_instansi inst ON inst.id = i.instansi_id
                        LEFT JOIN (SELECT indikator_id, {tgt} FROM indikator_targettriwulan GROUP BY indikator_id) t
                            ON t.indikator_id = i.id
                        LEFT JOIN (
                            SELECT indikator_id, {rea} FROM evaluasi_realisasi WHERE status = 'diverifikasi'
                            GROUP BY indikator_id
                        ) r ON r.indikator_id = i.id
                        CROSS JOIN (VALUES (1), (2), (3), (4)) AS q (q)
                        WHERE i.aktif
                        OFFSET 0
                    ) v
                    OFFSET 0
                ) s
                OFFSET 0
            ) h
            OFFSET 0
        ) b
        ON CONFLICT (indikator_id, triwulan) DO UPDATE SET realisasi = EXCLUDED.realisasi,
            target_bawah = EXCLUDED.target_bawah, target_atas = EXCLUDED.target_atas,
            sd_realisasi = EXCLUDED.sd_realisasi, sd_target_bawah = EXCLUDED.sd_target_bawah,
            sd_target_atas = EXCLUDED.sd_target_atas, status = EXCLUDED.status,
            capaian_triwulan = EXCLUDED.capaian_triwulan, capaian_raw = EXCLUDED.capaian_raw,
            capaian = EXCLUDED.capaian, band = EXCLUDED.band"""  # noqa: S608 (built from constants)


LANTAI_DDL = f"""CREATE UNLOGGED TABLE IF NOT EXISTS {LANTAI_TABLE} (
    indikator_id bigint NOT NULL, triwulan smallint NOT NULL,
    realisasi numeric(18, 4), target_bawah numeric(18, 4), target_atas numeric(18, 4),
    sd_realisasi numeric(24, 6), sd_target_bawah numeric(24, 6), sd_target_atas numeric(24, 6),
    status varchar(25) NOT NULL, capaian_triwulan numeric(12, 4), capaian_raw numeric(12, 4),
    capaian numeric(12, 4), band varchar(15) NOT NULL,
    PRIMARY KEY (indikator_id, triwulan))"""


def _temp_bytes(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
        return int(cursor.fetchone()[0])


def _flush_stats(conn) -> None:
    """Have this backend report its statistics (temp_bytes) when its current statement ends (PostgreSQL 15)."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")


def _full_run(alias: str, jobs: list[tuple[int, int | None]], workers: int) -> tuple[float, int, float]:
    """Every (instansi, year) recalculated, on `workers` connections at once; (seconds, rows written, seconds the
    database spent in the summary statements of evaluasi/ringkasan.py, summed over the connections)."""
    from evaluasi.models import RingkasanOpd
    from evaluasi.recalc import recalculate

    antrean = list(jobs)
    lock = threading.Lock()
    written: list[int] = []
    ringkasan: list[float] = []
    errors: list[BaseException] = []
    rk = RingkasanOpd._meta.db_table

    def worker() -> None:
        try:
            while True:
                with lock:
                    if not antrean:
                        break
                    instansi_id, tahun = antrean.pop(0)
                with CaptureQueriesContext(connections[alias]) as ctx:
                    written.append(recalculate(instansi_id=instansi_id, tahun=tahun, using=alias))
                ringkasan.extend(float(q["time"]) for q in ctx.captured_queries if rk in q["sql"].split("(")[0])
            _flush_stats(connections[alias])
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
        finally:
            if workers > 1:
                connections[alias].close()

    start = time.perf_counter()
    if workers <= 1:
        worker()
    else:
        threads = [threading.Thread(target=worker) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise errors[0]
    return elapsed, sum(written), sum(ringkasan)


def run(*, database_alias: str = "default", repeats: int = 5, workers: int = 1) -> list[dict]:
    from evaluasi.models import CapaianTriwulan, Realisasi, RingkasanOpd, SkorInstansi, SkorOpd, SkorPegawai
    from evaluasi.recalc import WORK_MEM_LEBAR, Lingkup, recalculate
    from evaluasi.ringkasan import ringkasan_statements
    from indikator.models import Indikator

    conn = connections[database_alias]
    if conn.vendor != "postgresql":
        raise RuntimeError("benchmarks.recalc needs PostgreSQL")
    cap = CapaianTriwulan._meta.db_table
    aktif = Indikator.objects.using(database_alias).filter(aktif=True)
    jobs = [(i, None) for i in aktif.order_by("instansi_id").values_list("instansi_id", flat=True).distinct()]
    n_rows = aktif.count() * 4
    size = f"{n_rows:,} indicator-quarters, {len(jobs)} instansi, {workers} worker(s)"

    with conn.cursor() as cursor:
        cursor.execute(LANTAI_DDL)
    _full_run(database_alias, jobs, 1)  # bring the stored rows up to date (untimed)

    changed, unchanged, lantai, temp, written_changed, written_unchanged = [], [], [], [], [], []
    rewrite, ringkasan = [], []
    lantai_sql = _lantai_sql()
    for _ in range(repeats):
        with conn.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(f"UPDATE {cap} SET capaian = -1")  # noqa: S608 (a table name)
            rewrite.append(time.perf_counter() - start)
            cursor.execute(f"VACUUM ANALYZE {cap}")
        before = _temp_bytes(conn)
        seconds, written, _ = _full_run(database_alias, jobs, workers)
        changed.append(seconds)
        written_changed.append(written)
        seconds, written, detik_ringkasan = _full_run(database_alias, jobs, workers)
        unchanged.append(seconds)
        written_unchanged.append(written)
        ringkasan.append(detik_ringkasan)
        time.sleep(0.1)
        temp.append(_temp_bytes(conn) - before)

        with conn.cursor() as cursor:
            cursor.execute(f"TRUNCATE {LANTAI_TABLE}")
        with transaction.atomic(using=database_alias), conn.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_LEBAR}'")
            start = time.perf_counter()
            cursor.execute(lantai_sql)
            lantai.append(time.perf_counter() - start)

    # Incremental: one verified value of an IKI changes; its indicator's quarters and the scores it feeds follow.
    # Measured in the steady state autovacuum keeps a live database in, not amid the dead rows of the full rewrites
    # just above (each left 2.4 million of them at full size): the tables are vacuumed first, untimed.
    with conn.cursor() as cursor:
        for model in (CapaianTriwulan, SkorPegawai, SkorOpd, SkorInstansi, RingkasanOpd):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    real = (
        Realisasi.objects.using(database_alias)
        .filter(status="diverifikasi", nilai__isnull=False, indikator__aktif=True, indikator__pegawai__isnull=False)
        .order_by("pk")
        .first()
    )
    inc_ms, inc_statements = [], []
    if real is not None:
        asli = real.nilai
        for k in range(repeats + 1):
            Realisasi.objects.using(database_alias).filter(pk=real.pk).update(nilai=asli + k + 1)
            with CaptureQueriesContext(conn) as ctx:
                start = time.perf_counter()
                recalculate(indikator_ids=[real.indikator_id], using=database_alias)
                elapsed = time.perf_counter() - start
            if k:  # the first run warms the caches
                inc_ms.append(elapsed * 1000)
                inc_statements.append(len(ctx.captured_queries))
        Realisasi.objects.using(database_alias).filter(pk=real.pk).update(nilai=asli)
        recalculate(indikator_ids=[real.indikator_id], using=database_alias)
    n_ringkasan = len(ringkasan_statements(Lingkup(indikator_ids=(0,))))

    floor = statistics.median(lantai)
    limit = 1.5 * floor

    def fig(name, value, unit, limit=None, size=size):
        ratio = value / limit if limit else None
        return {"name": name, "value": value, "unit": unit, "limit": limit, "ratio": ratio, "size": size}

    one = "one verified value, 4 indicator-quarters and the scores they feed"
    figures = [
        fig("recalc.full_changed", statistics.median(changed), "s", limit),
        fig("recalc.full_unchanged", statistics.median(unchanged), "s", limit),
        fig("recalc.floor", floor, "s"),
        # Context for the gap: a trivial UPDATE of every stored achievement (one statement, no arithmetic) is what
        # writing every row of the real table (logged, with its indexes) costs by itself; and the database time
        # of the summary statements (evaluasi/ringkasan.py) inside the "nothing changed" run.
        fig("recalc.rewrite_every_row", statistics.median(rewrite), "s"),
        fig("recalc.full_unchanged_ringkasan", statistics.median(ringkasan), "s"),
        fig("recalc.rows_written_changed", statistics.median(written_changed), "rows"),
        fig("recalc.rows_written_unchanged", max(written_unchanged), "rows", None),
        fig("recalc.temp_bytes", max(temp), "B", 0),
    ]
    if inc_ms:
        figures += [
            fig("recalc.incremental", statistics.median(inc_ms), "ms", BATAS_INKREMENTAL_MS, one),
            fig(
                "recalc.incremental_statements",
                statistics.median(inc_statements),
                "statements",
                BATAS_INKREMENTAL_STATEMENTS + n_ringkasan,
                one,
            ),
        ]
    return figures
