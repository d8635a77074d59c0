"""The stored summary of each OPD's triwulan (RingkasanOpd): completeness of data entry and indicators under target.

Counted from the realisations in any state and the stored achievements, never per request. Two statements whatever
the number of indicators, on PostgreSQL and SQLite: an upsert that writes only the rows whose counts changed, and a
delete of the rows of OPD-years left without an active indicator.

Two ways in:

* A wide recalculation (an instansi, a year, everything) runs `ringkasan_statements(lingkup)` after its scores, in
  its transaction, so the summaries agree with the achievements it stored.
* A change to a few indicators (a realisation saved in any state, a verification, a target) does not recount in the
  incremental recalculation: a count covers a whole OPD, up to tens of thousands of indicators, and the incremental
  path must stay a few milliseconds. evaluasi/signals.py schedules `hitung_ringkasan_opd` for the OPD-years touched,
  at most one pending per OPD-year (`jadwalkan`): during a deadline rush an OPD is recounted every JEDA_DETIK seconds,
  not at every save. Pages may therefore show completeness counts up to that long behind.

The SQL is built from table names and fixed fragments only; every value is a bound parameter (hence the S608 noqa).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from celery import shared_task
from django.core.cache import cache
from django.db import connection, transaction

from indikator.models import Indikator
from opd import antrian, gangguan

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
STATUS = ("draf", "diajukan", "diverifikasi", "dikembalikan")
JEDA_DETIK = 10  # the longest a scheduled recount of an OPD waits, so that a burst of saves costs one recount


@dataclass(frozen=True)
class _Cakupan:
    """What to recount: an instansi and/or a year (a wide run), or one OPD-year."""

    instansi_id: int | None = None
    tahun: int | None = None
    opd_id: int | None = None

    def where(self, alias: str) -> tuple[str, list]:
        """Filter on a table that carries instansi_id, opd_id and tahun (Indikator, CapaianTriwulan, RingkasanOpd)."""
        clauses, params = [], []
        for kolom in ("instansi_id", "opd_id", "tahun"):
            nilai = getattr(self, kolom)
            if nilai is not None:
                clauses.append(f"{alias}.{kolom} = %s")
                params.append(nilai)
        return (" AND ".join(clauses) or "1 = 1"), params


def _statements(cakupan: _Cakupan, vendor: str) -> list[tuple[str, list]]:
    ind, rea = Indikator._meta.db_table, Realisasi._meta.db_table
    cap, rk = CapaianTriwulan._meta.db_table, RingkasanOpd._meta.db_table
    w_i, p_i = cakupan.where("i")
    w_c, p_c = cakupan.where("c")
    w_k, p_k = cakupan.where("k")

    def jumlah(kondisi: str) -> str:
        return f"SUM(CASE WHEN {kondisi} THEN 1 ELSE 0 END)"

    if vendor == "postgresql" and cakupan.opd_id is not None:
        # One OPD: its realisations by the unique (indikator, triwulan) index, indicator by indicator (OFFSET 0 keeps
        # the planner from hashing the whole realisation table instead).
        realisasi = f"""CROSS JOIN LATERAL (
            SELECT r.triwulan, r.status, r.nilai FROM {rea} r WHERE r.indikator_id = i.id OFFSET 0) r"""  # noqa: S608
    else:
        realisasi = f"JOIN {rea} r ON r.indikator_id = i.id"
    status = ", ".join(jumlah(f"r.status = '{s}'") + f" AS {s}" for s in STATUS)
    upsert = f"""
        INSERT INTO {rk} (opd_id, instansi_id, tahun, triwulan, {", ".join(KOLOM)})
        SELECT n.opd_id, n.instansi_id, n.tahun, q.q, n.n, n.n_iku, COALESCE(r.terisi, 0),
            {", ".join(f"COALESCE(r.{s}, 0)" for s in STATUS)}, COALESCE(c.bawah, 0), COALESCE(c.akhir, 0)
        FROM (
            SELECT i.opd_id, i.instansi_id, i.tahun, COUNT(*) AS n, {jumlah("i.jenis = 'iku'")} AS n_iku
            FROM {ind} i WHERE i.aktif = %s AND {w_i}
            GROUP BY i.opd_id, i.instansi_id, i.tahun
        ) n
        CROSS JOIN (SELECT 1 AS q UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) q
        LEFT JOIN (
            SELECT i.opd_id, i.tahun, r.triwulan, {jumlah("r.nilai IS NOT NULL")} AS terisi, {status}
            FROM {ind} i {realisasi}
            WHERE i.aktif = %s AND {w_i}
            GROUP BY i.opd_id, i.tahun, r.triwulan
        ) r ON r.opd_id = n.opd_id AND r.tahun = n.tahun AND r.triwulan = q.q
        LEFT JOIN (
            -- Stored achievements exist for active indicators only (evaluasi/recalc.py). An IKU has no pegawai. The
            -- cap is at least 100, so "under 100" reads the same on the raw and the capped value. "Akhir": the
            -- indicator's latest triwulan with a verified value.
            SELECT c.opd_id, c.tahun, c.triwulan, {jumlah("c.pegawai_id IS NULL")} AS bawah,
                {jumlah("c.triwulan = a.q_akhir")} AS akhir
            FROM {cap} c
            LEFT JOIN (
                SELECT k.indikator_id, MAX(k.triwulan) AS q_akhir FROM {cap} k
                WHERE {w_k} AND k.realisasi IS NOT NULL GROUP BY k.indikator_id
            ) a ON a.indikator_id = c.indikator_id
            WHERE {w_c} AND c.capaian_raw < 100
            GROUP BY c.opd_id, c.tahun, c.triwulan
        ) c ON c.opd_id = n.opd_id AND c.tahun = n.tahun AND c.triwulan = q.q
        WHERE 1 = 1
        ON CONFLICT (opd_id, tahun, triwulan) DO UPDATE SET
            instansi_id = excluded.instansi_id, {", ".join(f"{k} = excluded.{k}" for k in KOLOM)}
        WHERE {_berubah(rk, vendor)}
        """  # noqa: S608
    w_rk, p_rk = cakupan.where(rk)
    delete = f"""DELETE FROM {rk} WHERE {w_rk} AND NOT EXISTS (
            SELECT 1 FROM {ind} i WHERE i.opd_id = {rk}.opd_id AND i.tahun = {rk}.tahun AND i.aktif = %s)"""  # noqa: S608
    statements = [(upsert, [True, *p_i, True, *p_i, *p_k, *p_c]), (delete, [*p_rk, True])]
    if vendor == "postgresql":
        # A few hundred rows out: compiling the plan (JIT) would cost more than running it. Local to the transaction,
        # which these statements end (evaluasi/recalc.py runs them last).
        statements.insert(0, ("SET LOCAL jit = off", []))
    return statements


def _berubah(rk: str, vendor: str) -> str:
    # NULL-safe comparison: PostgreSQL and SQLite ≥ 3.39 know IS DISTINCT FROM; IS NOT means the same in SQLite.
    beda = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"{rk}.{k} {beda} excluded.{k}" for k in ("instansi_id", *KOLOM))


def ringkasan_statements(lingkup: "Lingkup", *, vendor: str | None = None) -> list[tuple[str, list]]:
    """SQL to bring RingkasanOpd up to date for a wide recalculation (an instansi and/or a year); run after the
    achievements are stored. None for an incremental run (`lingkup.indikator_ids`): see the module's docstring."""
    if lingkup.indikator_ids is not None:
        return []
    return _statements(_Cakupan(instansi_id=lingkup.instansi_id, tahun=lingkup.tahun), vendor or connection.vendor)


def ringkasan_opd_statements(*, opd_id: int, tahun: int, vendor: str | None = None) -> list[tuple[str, list]]:
    """SQL to recount one OPD-year."""
    return _statements(_Cakupan(opd_id=opd_id, tahun=tahun), vendor or connection.vendor)


def _kunci(opd_id: int, tahun: int) -> str:
    return f"kinerja:ringkasan:{opd_id}:{tahun}"


@shared_task(name="kinerja.ringkasan.opd")
def hitung_ringkasan_opd(*, opd_id: int, tahun: int) -> None:
    """Recount one OPD-year. Idempotent; a change committed while it runs schedules another."""
    kunci = _kunci(opd_id, tahun)
    gangguan.lewat_cache(lambda: cache.delete(kunci), lambda: None)
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in ringkasan_opd_statements(opd_id=opd_id, tahun=tahun):
            cursor.execute(sql, params)


def jadwalkan(opd_tahun) -> None:
    """Schedule the recount of each (opd_id, tahun), unless one is already waiting to run."""
    for opd_id, tahun in sorted(set(opd_tahun)):
        kunci = _kunci(opd_id, tahun)
        # Without the cache every change schedules its own recount: more work, the same result.
        if gangguan.lewat_cache(lambda kunci=kunci: cache.add(kunci, 1, timeout=JEDA_DETIK * 6), lambda: True):
            antrian.kirim(hitung_ringkasan_opd, countdown=JEDA_DETIK, opd_id=opd_id, tahun=tahun)
