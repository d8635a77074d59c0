"""Set-based recalculation of stored achievements and scores.

A handful of SQL statements, whatever the number of rows: the same arithmetic as the pure functions in
indikator/capaian.py (which are the reference; tests/evaluasi/test_recalc.py checks that the two agree), written as
SQL CASE expressions over window functions. Runs on PostgreSQL and on SQLite. Idempotent: running it twice changes
nothing. Only verified realisations count (domain.md: "A verified value is what dashboards, scores and reports use").
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from indikator.models import Indikator, TargetTriwulan
from opd.models import Instansi

from .models import CapaianTriwulan, Realisasi, SkorInstansi, SkorOpd, SkorPegawai


@dataclass(frozen=True)
class Lingkup:
    """What to recalculate: one instansi-year, or a set of indicators (and the scores they feed)."""

    instansi_id: int | None = None
    tahun: int | None = None
    indikator_ids: tuple[int, ...] | None = None

    def where(self, alias: str) -> tuple[str, list]:
        clauses, params = [], []
        if self.instansi_id is not None:
            clauses.append(f"{alias}.instansi_id = %s")
            params.append(self.instansi_id)
        if self.tahun is not None:
            clauses.append(f"{alias}.tahun = %s")
            params.append(self.tahun)
        if self.indikator_ids is not None:
            if not self.indikator_ids:
                clauses.append("1 = 0")
            else:
                clauses.append(f"{alias}.id IN ({', '.join(['%s'] * len(self.indikator_ids))})")
                params.extend(self.indikator_ids)
        return (" AND ".join(clauses) or "1 = 1"), params


def _rasio_naik(r: str, d: str) -> str:
    return f"(100.0 * {r} / {d})"


def _rasio_turun(r: str, d: str) -> str:
    return f"(100.0 * (2 * {d} - {r}) / {d})"


def capaian_sql(r: str, lo: str, hi: str, pol: str) -> str:
    """Achievement before flooring and rounding, NULL when it cannot be computed (mirrors hitung_capaian)."""
    single = f"""CASE
        WHEN {lo} <= 0 THEN NULL
        WHEN {pol} = 'maximize' THEN {_rasio_naik(r, lo)}
        WHEN {pol} = 'minimize' THEN {_rasio_turun(r, lo)}
        WHEN {r} = {lo} THEN 100.0
        WHEN {r} < {lo} THEN {_rasio_naik(r, lo)}
        ELSE {_rasio_turun(r, lo)} END"""
    rentang = f"""CASE
        WHEN {r} >= {lo} AND {r} <= {hi} THEN 100.0
        WHEN {r} < {lo} THEN CASE WHEN {lo} <= 0 THEN NULL
            WHEN {pol} = 'minimize' THEN {_rasio_turun(r, lo)} ELSE {_rasio_naik(r, lo)} END
        ELSE CASE WHEN {hi} <= 0 THEN NULL
            WHEN {pol} = 'maximize' THEN {_rasio_naik(r, hi)} ELSE {_rasio_turun(r, hi)} END
        END"""
    return f"""CASE WHEN {r} IS NULL OR {lo} IS NULL THEN NULL
        WHEN {hi} IS NULL OR {hi} = {lo} THEN {single}
        ELSE {rentang} END"""


def _floor_round(x: str) -> str:
    return f"ROUND(CASE WHEN ({x}) < 0 THEN 0 ELSE ({x}) END, 4)"


def band_sql(value: str, inst: str) -> str:
    return f"""CASE WHEN {value} IS NULL THEN ''
        WHEN {value} >= {inst}.band_sangat_baik THEN 'sangat_baik'
        WHEN {value} >= {inst}.band_baik THEN 'baik'
        WHEN {value} >= {inst}.band_cukup THEN 'cukup'
        WHEN {value} >= {inst}.band_kurang THEN 'kurang'
        ELSE 'sangat_kurang' END"""


def _capaian_statements(lingkup: Lingkup) -> list[tuple[str, list]]:
    ind, tgt, rea = Indikator._meta.db_table, TargetTriwulan._meta.db_table, Realisasi._meta.db_table
    cap, inst = CapaianTriwulan._meta.db_table, Instansi._meta.db_table
    where, params = lingkup.where("i")
    entered = "b.r IS NOT NULL"
    w = "OVER (PARTITION BY b.indikator_id ORDER BY b.q ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"

    def agg(fn: str, expr: str) -> str:
        combined = f"{fn}(CASE WHEN {entered} THEN {expr} END) {w}"
        return f"ROUND({combined}, 6)" if fn == "AVG" else combined

    delete = (
        f"DELETE FROM {cap} WHERE indikator_id IN (SELECT i.id FROM {ind} i WHERE {where})",
        params,
    )
    insert = (
        f"""
        INSERT INTO {cap} (indikator_id, triwulan, instansi_id, opd_id, pegawai_id, tahun, realisasi, target_bawah,
            target_atas, sd_realisasi, sd_target_bawah, sd_target_atas, status, capaian_triwulan, capaian_raw,
            capaian, band, bobot)
        WITH base AS (
            SELECT i.id AS indikator_id, q.q AS q, i.instansi_id, i.opd_id, i.pegawai_id, i.tahun, i.polaritas AS pol,
                i.agregasi AS agg, i.bobot, r.nilai AS r, t.target_bawah AS lo, t.target_atas AS hi
            FROM {ind} i
            CROSS JOIN (SELECT 1 AS q UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) q
            LEFT JOIN {tgt} t ON t.indikator_id = i.id AND t.triwulan = q.q
            LEFT JOIN {rea} r ON r.indikator_id = i.id AND r.triwulan = q.q AND r.status = 'diverifikasi'
            WHERE i.aktif = %s AND {where}
        ),
        win AS (
            SELECT b.*,
                COUNT(b.r) {w} AS n,
                SUM(CASE WHEN {entered} AND b.lo IS NULL THEN 1 ELSE 0 END) {w} AS n_tanpa_target,
                SUM(CASE WHEN {entered} AND b.hi IS NOT NULL THEN 1 ELSE 0 END) {w} AS n_rentang,
                SUM(CASE WHEN {entered} THEN b.r END) {w} AS sum_r,
                SUM(CASE WHEN {entered} THEN b.lo END) {w} AS sum_lo,
                SUM(CASE WHEN {entered} THEN COALESCE(b.hi, b.lo) END) {w} AS sum_hi,
                {agg("AVG", "b.r")} AS avg_r,
                {agg("AVG", "b.lo")} AS avg_lo,
                {agg("AVG", "COALESCE(b.hi, b.lo)")} AS avg_hi
            FROM base b
        ),
        -- The latest entered quarter without a self-join: rows that share the running count of entered quarters
        -- start at an entered quarter, so the first row of each such group carries the latest entered value.
        akhir AS (
            SELECT w.*,
                FIRST_VALUE(w.r) OVER grp AS last_r,
                FIRST_VALUE(w.lo) OVER grp AS last_lo,
                FIRST_VALUE(w.hi) OVER grp AS last_hi
            FROM win w
            WINDOW grp AS (PARTITION BY w.indikator_id, w.n ORDER BY w.q)
        ),
        -- MATERIALIZED: each step's columns are referenced many times by the next; inlined, PostgreSQL would copy
        -- the whole expression into every reference and evaluate it again and again.
        sd AS MATERIALIZED (
            SELECT a.*,
                CASE WHEN a.n = 0 THEN NULL
                    WHEN a.agg = 'sum' THEN a.sum_r WHEN a.agg = 'average' THEN a.avg_r ELSE a.last_r END AS sd_r,
                CASE WHEN a.n = 0 THEN NULL
                    WHEN a.agg = 'last' THEN a.last_lo
                    WHEN a.n_tanpa_target > 0 THEN NULL
                    WHEN a.agg = 'sum' THEN a.sum_lo ELSE a.avg_lo END AS sd_lo,
                CASE WHEN a.n = 0 THEN NULL
                    WHEN a.agg = 'last' THEN a.last_hi
                    WHEN a.n_tanpa_target > 0 OR a.n_rentang = 0 THEN NULL
                    WHEN a.agg = 'sum' THEN a.sum_hi ELSE a.avg_hi END AS sd_hi
            FROM akhir a
        ),
        hitung AS MATERIALIZED (
            SELECT sd.*, {capaian_sql("sd.r", "sd.lo", "sd.hi", "sd.pol")} AS x_tw,
                {capaian_sql("sd.sd_r", "sd.sd_lo", "sd.sd_hi", "sd.pol")} AS x_sd
            FROM sd
        ),
        bulat AS MATERIALIZED (
            SELECT h.*, {_floor_round("h.x_tw")} AS raw_tw, {_floor_round("h.x_sd")} AS raw_sd FROM hitung h
        )
        SELECT b.indikator_id, b.q, b.instansi_id, b.opd_id, b.pegawai_id, b.tahun, b.r, b.lo, b.hi,
            b.sd_r, b.sd_lo, b.sd_hi,
            CASE WHEN b.sd_r IS NULL THEN 'belum_diisi' WHEN b.x_sd IS NULL THEN 'tidak_dapat_dihitung' ELSE 'ok' END,
            b.raw_tw, b.raw_sd,
            CASE WHEN b.raw_sd > inst.batas_capaian THEN inst.batas_capaian ELSE b.raw_sd END,
            {band_sql("CASE WHEN b.raw_sd > inst.batas_capaian THEN inst.batas_capaian ELSE b.raw_sd END", "inst")},
            b.bobot
        FROM bulat b JOIN {inst} inst ON inst.id = b.instansi_id
        """,
        [True, *params],
    )
    return [delete, insert]


def _skor_statements(lingkup: Lingkup) -> list[tuple[str, list]]:
    ind, cap, inst = Indikator._meta.db_table, CapaianTriwulan._meta.db_table, Instansi._meta.db_table
    sp, so, si = SkorPegawai._meta.db_table, SkorOpd._meta.db_table, SkorInstansi._meta.db_table
    where, params = lingkup.where("i")
    counted = "c.capaian IS NOT NULL AND c.bobot > 0"
    weighted = f"""ROUND(1.0 * SUM(CASE WHEN {counted} THEN c.capaian * c.bobot END)
        / NULLIF(SUM(CASE WHEN {counted} THEN c.bobot END), 0), 4)"""
    # The owners whose scores the changed indicators feed, found from the indicators themselves.
    pegawai_in = f"SELECT DISTINCT i.pegawai_id FROM {ind} i WHERE i.pegawai_id IS NOT NULL AND {where}"
    opd_in = f"SELECT DISTINCT i.opd_id FROM {ind} i WHERE {where}"
    inst_in = f"SELECT DISTINCT i.instansi_id FROM {ind} i WHERE {where}"
    tahun_in = f"SELECT DISTINCT i.tahun FROM {ind} i WHERE {where}"
    statements: list[tuple[str, list]] = []
    for table, owner, jenis, owner_in in ((sp, "pegawai_id", "iki", pegawai_in), (so, "opd_id", "iku", opd_in)):
        statements.append(
            (f"DELETE FROM {table} WHERE {owner} IN ({owner_in}) AND tahun IN ({tahun_in})", [*params, *params])
        )
        statements.append(
            (
                f"""INSERT INTO {table} ({owner}, instansi_id, tahun, triwulan, skor, band, jumlah_indikator,
                    jumlah_dihitung)
                SELECT s.owner_id, s.instansi_id, s.tahun, s.triwulan, s.skor, {band_sql("s.skor", "inst")}, s.n, s.k
                FROM (
                    SELECT c.{owner} AS owner_id, c.instansi_id, c.tahun, c.triwulan, {weighted} AS skor,
                        COUNT(*) AS n, SUM(CASE WHEN {counted} THEN 1 ELSE 0 END) AS k
                    FROM {cap} c JOIN {ind} ind ON ind.id = c.indikator_id
                    WHERE ind.jenis = %s AND c.{owner} IN ({owner_in}) AND c.tahun IN ({tahun_in})
                    GROUP BY c.{owner}, c.instansi_id, c.tahun, c.triwulan
                ) s JOIN {inst} inst ON inst.id = s.instansi_id""",
                [jenis, *params, *params],
            )
        )
    statements.append(
        (f"DELETE FROM {si} WHERE instansi_id IN ({inst_in}) AND tahun IN ({tahun_in})", [*params, *params])
    )
    statements.append(
        (
            f"""INSERT INTO {si} (instansi_id, tahun, triwulan, skor, band, jumlah_indikator, jumlah_dihitung)
            SELECT s.instansi_id, s.tahun, s.triwulan, s.skor, {band_sql("s.skor", "inst")}, s.n, s.k
            FROM (
                SELECT o.instansi_id, o.tahun, o.triwulan, ROUND(AVG(o.skor), 4) AS skor,
                    COUNT(*) AS n, COUNT(o.skor) AS k
                FROM {so} o WHERE o.instansi_id IN ({inst_in}) AND o.tahun IN ({tahun_in})
                GROUP BY o.instansi_id, o.tahun, o.triwulan
            ) s JOIN {inst} inst ON inst.id = s.instansi_id""",
            [*params, *params],
        )
    )
    return statements


def recalculate(
    *, instansi_id: int | None = None, tahun: int | None = None, indikator_ids: Iterable[int] | None = None
) -> None:
    """Recompute stored achievements for the scope, then the scores of every ASN, OPD and instansi it feeds.

    The same fixed number of statements for any number of indicators. Concurrent runs on one instansi are
    serialised by a row lock on the instansi (PostgreSQL); SQLite serialises writers anyway.
    """
    lingkup = Lingkup(
        instansi_id=instansi_id, tahun=tahun, indikator_ids=tuple(indikator_ids) if indikator_ids is not None else None
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            qs = Instansi.objects.select_for_update().order_by("pk")
            if instansi_id is not None:
                qs = qs.filter(pk=instansi_id)
            else:
                qs = qs.filter(
                    pk__in=Indikator.objects.filter(pk__in=lingkup.indikator_ids or ()).values("instansi_id")
                )
            list(qs.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            for sql, params in [*_capaian_statements(lingkup), *_skor_statements(lingkup)]:
                cursor.execute(sql, params)
