"""Set-based recalculation of stored achievements and scores.

A handful of SQL statements, whatever the number of rows: the same arithmetic as the pure functions in
indikator/capaian.py (which are the reference; tests/evaluasi/test_recalc.py checks that the two agree), written as
SQL CASE expressions. Runs on PostgreSQL and on SQLite (3.24 or later). Only verified realisations count (domain.md:
"A verified value is what dashboards, scores and reports use").

One pass over the data: the four quarters of each indicator are pivoted into one row with conditional aggregates
(target and verified realisation of TW I..IV), the to-date figures of each quarter are computed from those columns
while the row is unpivoted again into four, and the result is upserted. No window function, no sort and no
materialised step: the only memory it needs is the pivot's hash and the hash of the stored rows it compares with,
sized by `WORK_MEM_LEBAR`, so it does not spill to temporary files (docs/operations.md, "PostgreSQL settings for the
recalculation").

Only rows whose values changed are written: the new rows are compared with the stored ones before the upsert, and
`ON CONFLICT ... DO UPDATE ... WHERE (old) IS DISTINCT FROM (new)` guards the rest. Rows of indicators no longer
active, and scores of owners left with no achievement, are deleted. Running it twice writes nothing the second time;
`recalculate()` returns the number of rows written. A wide run (whole instansi-years) filters on the stored rows' own
instansi and year; an incremental run (a list of indicators) reaches its few rows through the unique keys, with the
same number of statements.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from indikator.models import Indikator, TargetTriwulan
from opd.models import Instansi

from .models import CapaianTriwulan, Realisasi, SkorInstansi, SkorOpd, SkorPegawai
from .ringkasan import ringkasan_statements

# Memory for the sort/hash steps of a wide run (one instansi or more), set with SET LOCAL so it never outlives the
# transaction; see docs/operations.md. The incremental path keeps the server's default.
WORK_MEM_LEBAR = "64MB"


@dataclass(frozen=True)
class Lingkup:
    """What to recalculate: one instansi-year, or a set of indicators (and the scores they feed)."""

    instansi_id: int | None = None
    tahun: int | None = None
    indikator_ids: tuple[int, ...] | None = None

    @property
    def lebar(self) -> bool:
        """A wide run: whole instansi-years (or everything), not a list of changed indicators."""
        return self.indikator_ids is None

    def where(self, alias: str) -> tuple[str, list]:
        """Filter on the indicator table."""
        clauses, params = self._instansi_tahun(alias)
        if self.indikator_ids is not None:
            if not self.indikator_ids:
                clauses.append("1 = 0")
            else:
                clauses.append(f"{alias}.id IN ({', '.join(['%s'] * len(self.indikator_ids))})")
                params.extend(self.indikator_ids)
        return (" AND ".join(clauses) or "1 = 1"), params

    def where_baris(self, alias: str) -> tuple[str, list]:
        """Filter of a wide run on a stored table that carries instansi_id and tahun itself."""
        clauses, params = self._instansi_tahun(alias)
        return (" AND ".join(clauses) or "1 = 1"), params

    def _instansi_tahun(self, alias: str) -> tuple[list[str], list]:
        clauses, params = [], []
        if self.instansi_id is not None:
            clauses.append(f"{alias}.instansi_id = %s")
            params.append(self.instansi_id)
        if self.tahun is not None:
            clauses.append(f"{alias}.tahun = %s")
            params.append(self.tahun)
        return clauses, params


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


def _pagar() -> str:
    """Keeps a subquery from being flattened into the next step, so that each computed column is evaluated once
    per row instead of being copied into every expression that uses it (PostgreSQL and SQLite both inline
    subqueries). Unlike a MATERIALIZED CTE it stores nothing: the rows still stream."""
    return "OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0"


def _upsert(
    table: str, columns: list[str], conflict: list[str], select_sql: str, lama: tuple[str, list]
) -> tuple[str, list]:
    """INSERT ... ON CONFLICT that writes only new rows and rows whose values differ.

    `select_sql` names its columns like `columns`. The rows that already hold the same values are dropped before
    the insert by a join with the stored rows (`lama`: a filter on them, alias `o`, that keeps every row the run can
    produce and need not be exact; rows it misses are still caught by the conflict clause): ON CONFLICT DO UPDATE
    would otherwise lock, and so dirty, every unchanged row even when its WHERE turns the update down.
    """
    changed = [c for c in columns if c not in conflict]
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    lama_sql, lama_params = lama
    join = " AND ".join(f"o.{c} = n.{c}" for c in conflict)
    sql = f"""INSERT INTO {table} ({", ".join(columns)})
        SELECT {", ".join(f"n.{c}" for c in columns)}
        FROM ({select_sql} {_pagar()}) n
        LEFT JOIN {table} o ON {join} AND {lama_sql}
        WHERE o.{conflict[0]} IS NULL
            OR ({", ".join(f"o.{c}" for c in changed)}) {distinct} ({", ".join(f"n.{c}" for c in changed)})
        ON CONFLICT ({", ".join(conflict)}) DO UPDATE SET {", ".join(f"{c} = EXCLUDED.{c}" for c in changed)}
        WHERE ({", ".join(f"{table}.{c}" for c in changed)}) {distinct} ({", ".join(f"EXCLUDED.{c}" for c in changed)})"""
    return sql, lama_params


def _lama(lingkup: Lingkup) -> tuple[str, list]:
    """The stored rows an upsert compares with: a wide run's instansi-year; an incremental run looks its few rows up
    by the unique key."""
    return lingkup.where_baris("o") if lingkup.lebar else ("1 = 1", [])


CAPAIAN_COLUMNS = [
    "indikator_id",
    "triwulan",
    "instansi_id",
    "opd_id",
    "pegawai_id",
    "tahun",
    "realisasi",
    "target_bawah",
    "target_atas",
    "sd_realisasi",
    "sd_target_bawah",
    "sd_target_atas",
    "status",
    "capaian_triwulan",
    "capaian_raw",
    "capaian",
    "band",
    "bobot",
]
SKOR_COLUMNS = ["instansi_id", "tahun", "triwulan", "skor", "band", "jumlah_indikator", "jumlah_dihitung"]


def _capaian_statements(lingkup: Lingkup) -> list[tuple[str, list]]:
    ind, tgt, rea = Indikator._meta.db_table, TargetTriwulan._meta.db_table, Realisasi._meta.db_table
    cap, inst = CapaianTriwulan._meta.db_table, Instansi._meta.db_table
    where, params = lingkup.where("i")
    pagar = _pagar()
    kuartal = (1, 2, 3, 4)

    # Pivot: one row per indicator with the target and the verified realisation of each quarter.
    def kolom(src: int, q: int, col: str) -> str:
        return f"MAX(CASE WHEN x.src = {src} AND x.q = {q} THEN x.{col} END)"

    pivot_cols = ", ".join(
        f"{kolom(1, q, 'a')} AS r{q}, {kolom(0, q, 'a')} AS lo{q}, {kolom(0, q, 'b')} AS hi{q}" for q in kuartal
    )
    owner_cols = "i.id, i.instansi_id, i.opd_id, i.pegawai_id, i.tahun, i.polaritas, i.agregasi, i.bobot"
    pivot = f"""
        SELECT i.id AS indikator_id, i.instansi_id, i.opd_id, i.pegawai_id, i.tahun, i.polaritas AS pol,
            i.agregasi AS agg, i.bobot, {pivot_cols}
        FROM {ind} i
        LEFT JOIN (
            SELECT t.indikator_id, t.triwulan AS q, 0 AS src, t.target_bawah AS a, t.target_atas AS b FROM {tgt} t
            UNION ALL
            SELECT r.indikator_id, r.triwulan, 1, r.nilai, NULL FROM {rea} r WHERE r.status = 'diverifikasi'
        ) x ON x.indikator_id = i.id
        WHERE i.aktif = %s AND {where}
        GROUP BY {owner_cols}
        {pagar}"""

    # Unpivot: four rows per indicator; quarter k counts towards quarter q's to-date figures when k <= q and a
    # verified value was entered in k.
    def masuk(k: int) -> str:
        return f"p.r{k} IS NOT NULL" if k == 1 else f"(q.q >= {k} AND p.r{k} IS NOT NULL)"

    def jumlah(then: str) -> str:
        return " + ".join(f"(CASE WHEN {masuk(k)} THEN {then.format(k=k)} ELSE 0 END)" for k in kuartal)

    def terakhir(col: str) -> str:
        return "CASE " + " ".join(f"WHEN {masuk(k)} THEN p.{col}{k}" for k in reversed(kuartal)) + " END"

    def kuartal_ini(col: str) -> str:
        return "CASE q.q " + " ".join(f"WHEN {k} THEN p.{col}{k}" for k in kuartal) + " END"

    unpivot = f"""
        SELECT p.indikator_id, q.q, p.instansi_id, p.opd_id, p.pegawai_id, p.tahun, p.pol, p.agg, p.bobot,
            {kuartal_ini("r")} AS r, {kuartal_ini("lo")} AS lo, {kuartal_ini("hi")} AS hi,
            {jumlah("1")} AS n,
            {jumlah("CASE WHEN p.lo{k} IS NULL THEN 1 ELSE 0 END")} AS n_tanpa_target,
            {jumlah("CASE WHEN p.hi{k} IS NOT NULL THEN 1 ELSE 0 END")} AS n_rentang,
            {jumlah("p.r{k}")} AS sum_r,
            {jumlah("COALESCE(p.lo{k}, 0)")} AS sum_lo,
            {jumlah("COALESCE(p.hi{k}, p.lo{k}, 0)")} AS sum_hi,
            {terakhir("r")} AS last_r, {terakhir("lo")} AS last_lo, {terakhir("hi")} AS last_hi
        FROM ({pivot}) p
        CROSS JOIN (SELECT 1 AS q UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) q
        {pagar}"""

    def rerata(total: str) -> str:
        return f"ROUND({total} / (1.0 * u.n), 6)"

    sd = f"""
        SELECT u.indikator_id, u.q, u.instansi_id, u.opd_id, u.pegawai_id, u.tahun, u.pol, u.bobot, u.r, u.lo, u.hi,
            CASE WHEN u.n = 0 THEN NULL
                WHEN u.agg = 'sum' THEN u.sum_r WHEN u.agg = 'average' THEN {rerata("u.sum_r")}
                ELSE u.last_r END AS sd_r,
            CASE WHEN u.n = 0 THEN NULL
                WHEN u.agg = 'last' THEN u.last_lo
                WHEN u.n_tanpa_target > 0 THEN NULL
                WHEN u.agg = 'sum' THEN u.sum_lo ELSE {rerata("u.sum_lo")} END AS sd_lo,
            CASE WHEN u.n = 0 THEN NULL
                WHEN u.agg = 'last' THEN u.last_hi
                WHEN u.n_tanpa_target > 0 OR u.n_rentang = 0 THEN NULL
                WHEN u.agg = 'sum' THEN u.sum_hi ELSE {rerata("u.sum_hi")} END AS sd_hi
        FROM ({unpivot}) u
        {pagar}"""
    hitung = f"""
        SELECT s.*, {capaian_sql("s.r", "s.lo", "s.hi", "s.pol")} AS x_tw,
            {capaian_sql("s.sd_r", "s.sd_lo", "s.sd_hi", "s.pol")} AS x_sd
        FROM ({sd}) s
        {pagar}"""
    bulat = f"""
        SELECT h.*, {_floor_round("h.x_tw")} AS raw_tw, {_floor_round("h.x_sd")} AS raw_sd
        FROM ({hitung}) h
        {pagar}"""
    capped = "CASE WHEN b.raw_sd > inst.batas_capaian THEN inst.batas_capaian ELSE b.raw_sd END"
    select = f"""
        SELECT b.indikator_id, b.q AS triwulan, b.instansi_id, b.opd_id, b.pegawai_id, b.tahun, b.r AS realisasi,
            b.lo AS target_bawah, b.hi AS target_atas, b.sd_r AS sd_realisasi, b.sd_lo AS sd_target_bawah,
            b.sd_hi AS sd_target_atas,
            CASE WHEN b.sd_r IS NULL THEN 'belum_diisi' WHEN b.x_sd IS NULL THEN 'tidak_dapat_dihitung' ELSE 'ok' END
                AS status,
            b.raw_tw AS capaian_triwulan, b.raw_sd AS capaian_raw, {capped} AS capaian,
            {band_sql(capped, "inst")} AS band, b.bobot
        FROM ({bulat}) b JOIN {inst} inst ON inst.id = b.instansi_id"""
    delete = (
        f"DELETE FROM {cap} WHERE indikator_id IN (SELECT i.id FROM {ind} i WHERE i.aktif = %s AND {where})",
        [False, *params],
    )
    sql, lama_params = _upsert(cap, CAPAIAN_COLUMNS, ["indikator_id", "triwulan"], select, _lama(lingkup))
    upsert = (sql, [True, *params, *lama_params])
    return [delete, upsert]


def _skor_statements(lingkup: Lingkup) -> list[tuple[str, list]]:
    ind, cap, inst = Indikator._meta.db_table, CapaianTriwulan._meta.db_table, Instansi._meta.db_table
    sp, so, si = SkorPegawai._meta.db_table, SkorOpd._meta.db_table, SkorInstansi._meta.db_table
    where, params = lingkup.where("i")
    counted = "c.capaian IS NOT NULL AND c.bobot > 0"
    weighted = f"""ROUND(1.0 * SUM(CASE WHEN {counted} THEN c.capaian * c.bobot END)
        / NULLIF(SUM(CASE WHEN {counted} THEN c.bobot END), 0), 4)"""
    tahun_in = f"SELECT DISTINCT i.tahun FROM {ind} i WHERE {where}"

    def cakupan(table: str, owner: str, owner_in: str) -> tuple[str, list]:
        """Which stored rows of `table` the run recomputes: a wide run filters on the row's own instansi and
        year; an incremental one on the owners of the changed indicators (found from the indicators)."""
        if lingkup.lebar:
            return lingkup.where_baris(table)
        return f"{table}.{owner} IN ({owner_in}) AND {table}.tahun IN ({tahun_in})", [*params, *params]

    statements: list[tuple[str, list]] = []
    # IKI feed the ASN's score, IKU the OPD's (the indicator table's check constraint: IKI <=> pegawai set).
    for table, owner, jenis_cap, owner_in in (
        (
            sp,
            "pegawai_id",
            "c.pegawai_id IS NOT NULL",
            f"SELECT i.pegawai_id FROM {ind} i WHERE i.pegawai_id IS NOT NULL AND {where}",
        ),
        (so, "opd_id", "c.pegawai_id IS NULL", f"SELECT i.opd_id FROM {ind} i WHERE {where}"),
    ):
        scope_c, scope_params = cakupan("c", owner, owner_in)
        scope_t, _ = cakupan(table, owner, owner_in)
        statements.append(
            (
                f"""DELETE FROM {table} WHERE {scope_t} AND NOT EXISTS (
                    SELECT 1 FROM {cap} c WHERE c.{owner} = {table}.{owner} AND c.tahun = {table}.tahun
                        AND c.triwulan = {table}.triwulan AND {jenis_cap})""",
                scope_params,
            )
        )
        select = f"""
            SELECT s.owner_id AS {owner}, s.instansi_id, s.tahun, s.triwulan, s.skor,
                {band_sql("s.skor", "inst")} AS band, s.n AS jumlah_indikator, s.k AS jumlah_dihitung
            FROM (
                SELECT c.{owner} AS owner_id, MAX(c.instansi_id) AS instansi_id, c.tahun, c.triwulan,
                    {weighted} AS skor, COUNT(*) AS n, SUM(CASE WHEN {counted} THEN 1 ELSE 0 END) AS k
                FROM {cap} c
                WHERE {jenis_cap} AND {scope_c}
                GROUP BY c.{owner}, c.tahun, c.triwulan
            ) s JOIN {inst} inst ON inst.id = s.instansi_id"""
        conflict = [owner, "tahun", "triwulan"]
        sql, lama_params = _upsert(table, [owner, *SKOR_COLUMNS], conflict, select, _lama(lingkup))
        statements.append((sql, [*scope_params, *lama_params]))

    inst_in = f"SELECT i.instansi_id FROM {ind} i WHERE {where}"
    scope_o, scope_params = cakupan("o", "instansi_id", inst_in)
    scope_t, _ = cakupan(si, "instansi_id", inst_in)
    statements.append(
        (
            f"""DELETE FROM {si} WHERE {scope_t} AND NOT EXISTS (
                SELECT 1 FROM {so} o WHERE o.instansi_id = {si}.instansi_id AND o.tahun = {si}.tahun
                    AND o.triwulan = {si}.triwulan)""",
            scope_params,
        )
    )
    select = f"""
        SELECT s.instansi_id, s.tahun, s.triwulan, s.skor, {band_sql("s.skor", "inst")} AS band,
            s.n AS jumlah_indikator, s.k AS jumlah_dihitung
        FROM (
            SELECT o.instansi_id, o.tahun, o.triwulan, ROUND(AVG(o.skor), 4) AS skor,
                COUNT(*) AS n, COUNT(o.skor) AS k
            FROM {so} o WHERE {scope_o}
            GROUP BY o.instansi_id, o.tahun, o.triwulan
        ) s JOIN {inst} inst ON inst.id = s.instansi_id"""
    sql, lama_params = _upsert(si, SKOR_COLUMNS, ["instansi_id", "tahun", "triwulan"], select, _lama(lingkup))
    statements.append((sql, [*scope_params, *lama_params]))
    return statements


def recalculate(
    *,
    instansi_id: int | None = None,
    tahun: int | None = None,
    indikator_ids: Iterable[int] | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Recompute stored achievements for the scope, then the scores of every ASN, OPD and instansi it feeds.

    The same fixed number of statements for any number of indicators; returns the number of achievement,
    score and summary (evaluasi/ringkasan.py) rows written (inserted, changed or deleted), 0 when nothing changed. Concurrent runs on one instansi are
    serialised by a row lock on the instansi (PostgreSQL); SQLite serialises writers anyway.
    """
    lingkup = Lingkup(
        instansi_id=instansi_id, tahun=tahun, indikator_ids=tuple(indikator_ids) if indikator_ids is not None else None
    )
    db = connections[using]
    postgres = db.vendor == "postgresql"
    written = 0
    with transaction.atomic(using=using):
        if postgres:
            qs = Instansi.objects.using(using).select_for_update().order_by("pk")
            if instansi_id is not None:
                qs = qs.filter(pk=instansi_id)
            else:
                qs = qs.filter(
                    pk__in=Indikator.objects.using(using)
                    .filter(pk__in=lingkup.indikator_ids or ())
                    .values("instansi_id")
                )
            list(qs.values_list("pk", flat=True))
        with db.cursor() as cursor:
            if postgres and lingkup.lebar:
                cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_LEBAR}'")
            for sql, params in _capaian_statements(lingkup):
                cursor.execute(sql, params)
                written += max(cursor.rowcount, 0)
            if postgres and lingkup.lebar and written:
                # Fresh statistics for the score statements after a bulk write (a freshly loaded table has none).
                cursor.execute(f"ANALYZE {CapaianTriwulan._meta.db_table}")
            for sql, params in _skor_statements(lingkup):
                cursor.execute(sql, params)
                written += max(cursor.rowcount, 0)
            for sql, params in ringkasan_statements(lingkup):
                cursor.execute(sql, params)
                written += max(cursor.rowcount, 0)
    return written
