"""The stored summary of each OPD's triwulan (RingkasanOpd): completeness of data entry and indicators under target.

Written by the recalculation after the achievements and scores, in the same transaction, so a page that reads the
summary and the achievements sees them agree. Two statements whatever the number of indicators, on PostgreSQL and
SQLite: an upsert that writes only the rows whose counts changed, and a delete of the rows of OPD-years left without
an active indicator. Counts follow every realisation state (draf, diajukan, ...), which changes without a
verification: evaluasi/signals.py enqueues the incremental recalculation when a realisation is saved or deleted.

The SQL is built from table names and fixed fragments only; every value is a bound parameter (hence the S608 noqa).
"""

from typing import TYPE_CHECKING

from django.db import connection

from indikator.models import Indikator

from .models import CapaianTriwulan, Realisasi, RingkasanOpd

if TYPE_CHECKING:
    from .recalc import Lingkup

KOLOM = (
    "jumlah_indikator",
    "jumlah_iku",
    "jumlah_terisi",
    "jumlah_draf",
    "jumlah_diajukan",
    "jumlah_diverifikasi",
    "jumlah_dikembalikan",
    "jumlah_bawah_target",
    "jumlah_bawah_target_akhir",
)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _lingkup(lingkup: "Lingkup", alias: str) -> tuple[str, list]:
    """Rows (of Indikator or RingkasanOpd, both carrying instansi, OPD and year) in the scope: those of the instansi
    and year, or, for an incremental run, those of the OPD-years of the changed indicators (a count covers a whole
    OPD)."""
    ind = Indikator._meta.db_table
    clauses: list[str] = []
    params: list = []
    if lingkup.instansi_id is not None:
        clauses.append(f"{alias}.instansi_id = %s")
        params.append(lingkup.instansi_id)
    if lingkup.tahun is not None:
        clauses.append(f"{alias}.tahun = %s")
        params.append(lingkup.tahun)
    if lingkup.indikator_ids is not None:
        ids = tuple(lingkup.indikator_ids)
        if not ids:
            clauses.append("1 = 0")
        else:
            clauses.append(
                f"""EXISTS (SELECT 1 FROM {ind} ubah WHERE ubah.id IN ({_placeholders(ids)})
                    AND ubah.opd_id = {alias}.opd_id AND ubah.tahun = {alias}.tahun)"""  # noqa: S608
            )
            params.extend(ids)
    return (" AND ".join(clauses) or "1 = 1"), params


def ringkasan_statements(lingkup: "Lingkup") -> list[tuple[str, list]]:
    """SQL to bring RingkasanOpd up to date for the scope; run after the achievements are stored."""
    ind, rea = Indikator._meta.db_table, Realisasi._meta.db_table
    cap, rk = CapaianTriwulan._meta.db_table, RingkasanOpd._meta.db_table
    where, params = _lingkup(lingkup, "i")
    # NULL-safe comparison: PostgreSQL and SQLite ≥ 3.39 know IS DISTINCT FROM; IS NOT means the same in SQLite.
    beda = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    berubah = " OR ".join(f"{rk}.{k} {beda} excluded.{k}" for k in KOLOM)

    def jumlah(kondisi: str) -> str:
        return f"SUM(CASE WHEN {kondisi} THEN 1 ELSE 0 END)"

    upsert = (
        f"""
        INSERT INTO {rk} (opd_id, instansi_id, tahun, triwulan, {", ".join(KOLOM)})
        SELECT a.opd_id, a.instansi_id, a.tahun, a.q, a.n, a.n_iku, a.terisi, a.draf, a.diajukan, a.diverifikasi,
            a.dikembalikan, a.bawah, COALESCE(t.n, 0)
        FROM (
            SELECT i.opd_id, i.instansi_id, i.tahun, q.q, COUNT(*) AS n,
                {jumlah("i.jenis = 'iku'")} AS n_iku,
                {jumlah("r.nilai IS NOT NULL")} AS terisi,
                {jumlah("r.status = 'draf'")} AS draf,
                {jumlah("r.status = 'diajukan'")} AS diajukan,
                {jumlah("r.status = 'diverifikasi'")} AS diverifikasi,
                {jumlah("r.status = 'dikembalikan'")} AS dikembalikan,
                {jumlah("i.jenis = 'iku' AND c.capaian_raw < 100")} AS bawah
            FROM {ind} i
            CROSS JOIN (SELECT 1 AS q UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) q
            LEFT JOIN {rea} r ON r.indikator_id = i.id AND r.triwulan = q.q
            LEFT JOIN {cap} c ON c.indikator_id = i.id AND c.triwulan = q.q
            WHERE i.aktif = %s AND {where}
            GROUP BY i.opd_id, i.instansi_id, i.tahun, q.q
        ) a
        LEFT JOIN (
            -- Under target at the indicator's latest verified triwulan: no later triwulan has a verified value.
            SELECT i.opd_id, i.tahun, c.triwulan, COUNT(*) AS n
            FROM {cap} c JOIN {ind} i ON i.id = c.indikator_id
            WHERE i.aktif = %s AND {where} AND c.realisasi IS NOT NULL AND c.capaian < 100
                AND NOT EXISTS (
                    SELECT 1 FROM {cap} kemudian WHERE kemudian.indikator_id = c.indikator_id
                        AND kemudian.triwulan > c.triwulan AND kemudian.realisasi IS NOT NULL
                )
            GROUP BY i.opd_id, i.tahun, c.triwulan
        ) t ON t.opd_id = a.opd_id AND t.tahun = a.tahun AND t.triwulan = a.q
        WHERE 1 = 1
        ON CONFLICT (opd_id, tahun, triwulan) DO UPDATE SET
            instansi_id = excluded.instansi_id, {", ".join(f"{k} = excluded.{k}" for k in KOLOM)}
        WHERE {rk}.instansi_id {beda} excluded.instansi_id OR {berubah}
        """,  # noqa: S608
        [True, *params, True, *params],
    )
    where_rk, params_rk = _lingkup(lingkup, rk)
    delete = (
        f"""DELETE FROM {rk} WHERE {where_rk} AND NOT EXISTS (
            SELECT 1 FROM {ind} i WHERE i.opd_id = {rk}.opd_id AND i.tahun = {rk}.tahun AND i.aktif = %s)""",  # noqa: S608
        [*params_rk, True],
    )
    return [upsert, delete]
