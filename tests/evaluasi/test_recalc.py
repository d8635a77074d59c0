"""The set-based recalculation agrees with the pure engine, issues a fixed number of queries, and is idempotent."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.models import CapaianTriwulan, Realisasi, SkorInstansi, SkorOpd, SkorPegawai
from evaluasi.recalc import recalculate
from indikator.capaian import (
    Agregasi,
    BatasBand,
    NilaiTriwulan,
    Polaritas,
    capaian_sampai_dengan,
    hitung_capaian,
    rata_rata,
    skor_tertimbang,
)
from indikator.models import Indikator, TargetTriwulan
from tests.factories import InstansiFactory, OpdFactory, PegawaiFactory

D = Decimal
TOLERANCE = D("0") if connection.vendor == "postgresql" else D("0.0001")  # SQLite computes in binary floats


def make_indikator(opd, kode, *, pol="maximize", agg="sum", targets=((10, None),) * 4, pegawai=None, bobot=1):
    ind = Indikator.objects.create(
        opd=opd,
        pegawai=pegawai,
        jenis="iki" if pegawai else "iku",
        tahun=2026,
        kode=kode,
        nama=f"Indikator {kode}",
        satuan="%",
        polaritas=pol,
        agregasi=agg,
        bobot=D(bobot),
        target_bawah=D(100),
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=ind, triwulan=q, target_bawah=D(lo), target_atas=None if hi is None else D(hi))
        for q, (lo, hi) in enumerate(targets, start=1)
        if lo is not None
    )
    return ind


def verified(ind, triwulan, nilai, status=Realisasi.Status.DIVERIFIKASI):
    return Realisasi.objects.create(indikator=ind, triwulan=triwulan, nilai=D(nilai), status=status)


def stored(ind, q):
    return CapaianTriwulan.objects.get(indikator=ind, triwulan=q)


@pytest.mark.django_db
def test_worked_example_minimize_ktp_days():
    opd = OpdFactory()
    ind = make_indikator(opd, "KTP", pol="minimize", agg="average", targets=[(5, None)] * 4)
    verified(ind, 1, 4)
    verified(ind, 2, 6)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert stored(ind, 1).capaian_raw == D("120.0000")
    assert stored(ind, 2).capaian_triwulan == D("80.0000")
    # To date at TW II: mean realisation 5 against mean target 5.
    assert stored(ind, 2).sd_realisasi == D(5)
    assert stored(ind, 2).capaian == D("100.0000")
    assert stored(ind, 2).band == "sangat_baik"
    assert stored(ind, 3).capaian == D("100.0000")  # nothing new in TW III: the to-date value carries on
    assert stored(ind, 3).realisasi is None


@pytest.mark.django_db
def test_range_minimize_worked_example_and_cap():
    opd = OpdFactory()
    ind = make_indikator(opd, "IZIN", pol="minimize", agg="last", targets=[(7, 8)] * 4)
    verified(ind, 1, D("6.5"))
    verified(ind, 2, 9)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert stored(ind, 1).capaian_raw == D("107.1429")
    assert stored(ind, 2).capaian_raw == D("87.5000")
    assert stored(ind, 2).band == "baik"
    over = make_indikator(opd, "PASIEN", targets=[(100, None)] * 4)
    verified(over, 1, 150)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert stored(over, 1).capaian_raw == D("150.0000")
    assert stored(over, 1).capaian == D("120.0000")


@pytest.mark.django_db
def test_unverified_values_do_not_count_and_zero_target_cannot_be_computed():
    opd = OpdFactory()
    ind = make_indikator(opd, "A")
    verified(ind, 1, 5, status=Realisasi.Status.DIAJUKAN)
    zero = make_indikator(opd, "B", targets=[(0, None)] * 4)
    verified(zero, 1, 3)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert stored(ind, 1).status == "belum_diisi"
    assert stored(ind, 1).capaian is None
    assert stored(zero, 1).status == "tidak_dapat_dihitung"
    # Neither enters the OPD score.
    skor = SkorOpd.objects.get(opd=opd, triwulan=1)
    assert skor.skor is None
    assert (skor.jumlah_indikator, skor.jumlah_dihitung) == (2, 0)


@pytest.mark.django_db
def test_scores_weighted_by_owner_and_instansi_mean():
    instansi = InstansiFactory()
    opd1, opd2 = OpdFactory(instansi=instansi), OpdFactory(instansi=instansi)
    a = make_indikator(opd1, "A", bobot=3)
    b = make_indikator(opd1, "B", bobot=1)
    c = make_indikator(opd2, "C")
    verified(a, 1, 10)  # 100 %
    verified(b, 1, 5)  # 50 %
    verified(c, 1, 8)  # 80 %
    pegawai = PegawaiFactory(opd=opd1)
    iki = make_indikator(opd1, "I1", pegawai=pegawai)
    verified(iki, 1, 9)
    recalculate(instansi_id=instansi.pk, tahun=2026)
    assert SkorOpd.objects.get(opd=opd1, triwulan=1).skor == D("87.5000")  # (300 + 50) / 4
    assert SkorOpd.objects.get(opd=opd2, triwulan=1).skor == D("80.0000")
    assert SkorInstansi.objects.get(instansi=instansi, triwulan=1).skor == D("83.7500")
    assert SkorInstansi.objects.get(instansi=instansi, triwulan=1).band == "baik"
    assert SkorPegawai.objects.get(pegawai=pegawai, triwulan=1).skor == D("90.0000")


@pytest.mark.django_db
def test_respects_instansi_configuration():
    instansi = InstansiFactory(batas_capaian=D(110), band_sangat_baik=D(95))
    opd = OpdFactory(instansi=instansi)
    ind = make_indikator(opd, "A")
    verified(ind, 1, 13)
    low = make_indikator(opd, "B")
    verified(low, 1, D("9.3"))
    recalculate(instansi_id=instansi.pk, tahun=2026)
    assert stored(ind, 1).capaian == D("110.0000")
    assert stored(low, 1).band == "baik"  # 93 is under this instansi's 95 for Sangat Baik


@pytest.mark.django_db
def test_recalculation_is_idempotent_and_incremental():
    opd = OpdFactory()
    ind = make_indikator(opd, "A")
    other = make_indikator(opd, "B")
    verified(ind, 1, 5)
    verified(other, 1, 7)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    first = list(CapaianTriwulan.objects.order_by("indikator", "triwulan").values_list("capaian", "band"))
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert list(CapaianTriwulan.objects.order_by("indikator", "triwulan").values_list("capaian", "band")) == first
    Realisasi.objects.filter(indikator=ind).update(nilai=D(8))
    recalculate(indikator_ids=[ind.pk])
    assert stored(ind, 1).capaian == D("80.0000")
    assert stored(other, 1).capaian == D("70.0000")
    assert SkorOpd.objects.get(opd=opd, triwulan=1).skor == D("75.0000")
    assert CapaianTriwulan.objects.count() == 8


def _random_world(n: int, seed: int):
    rng = random.Random(seed)
    opd = OpdFactory()
    cases = []
    for k in range(n):
        pol = rng.choice(["maximize", "minimize", "stabilize"])
        agg = rng.choice(["sum", "average", "last"])
        targets = []
        for _q in range(4):
            if rng.random() < 0.05:
                targets.append((None, None))
                continue
            lo = D(rng.choice([0, 1, 5, 7, 10, 50, 100, 250])) + D(rng.randint(0, 99)) / 100
            if rng.random() < 0.08:
                lo = D(0)
            hi = lo + D(rng.randint(1, 30)) if rng.random() < 0.35 else None
            targets.append((lo, hi))
        ind = make_indikator(opd, f"R{k}", pol=pol, agg=agg, targets=targets)
        values = []
        for q in range(1, 5):
            if rng.random() < 0.3:
                values.append(None)
                continue
            nilai = D(rng.randint(0, 40000)) / 100
            status = rng.choice(
                [Realisasi.Status.DIVERIFIKASI] * 4 + [Realisasi.Status.DRAF, Realisasi.Status.DIAJUKAN]
            )
            verified(ind, q, nilai, status=status)
            values.append(nilai if status == Realisasi.Status.DIVERIFIKASI else None)
        cases.append((ind, pol, agg, targets, values))
    return opd, cases


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(D(a) - D(b)) <= TOLERANCE


@pytest.mark.django_db
def test_sql_agrees_with_pure_engine_on_random_indicators():
    opd, cases = _random_world(150, seed=20261123)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    rows = {(c.indikator_id, c.triwulan): c for c in CapaianTriwulan.objects.all()}
    bands = BatasBand()
    for ind, pol, agg, targets, values in cases:
        series = [NilaiTriwulan(v, lo, hi) for v, (lo, hi) in zip(values, targets, strict=True)]
        for q in range(1, 5):
            row = rows[(ind.pk, q)]
            expected = capaian_sampai_dengan(polaritas=Polaritas(pol), agregasi=Agregasi(agg), triwulan=series[:q])
            assert row.status == expected.status, (ind.kode, q)
            assert _close(row.capaian_raw, expected.raw), (ind.kode, q, row.capaian_raw, expected.raw)
            assert _close(row.capaian, expected.capped), (ind.kode, q)
            if expected.capped is not None:
                assert row.band == bands.band(D(row.capaian)).value
            alone = hitung_capaian(
                polaritas=Polaritas(pol),
                realisasi=values[q - 1],
                target_bawah=targets[q - 1][0],
                target_atas=targets[q - 1][1],
            )
            assert _close(row.capaian_triwulan, alone.raw), (ind.kode, q)
    for q in range(1, 5):
        expected_score = skor_tertimbang((rows[(ind.pk, q)].capaian, D(1)) for ind, *_ in cases)
        assert _close(SkorOpd.objects.get(opd=opd, triwulan=q).skor, expected_score)
        assert _close(SkorInstansi.objects.get(instansi=opd.instansi, triwulan=q).skor, rata_rata([expected_score]))


def _bulk_world(n_indikator: int):
    opd = OpdFactory()
    inds = Indikator.objects.bulk_create(
        Indikator(
            opd=opd,
            instansi=opd.instansi,
            jenis="iku",
            tahun=2026,
            kode=f"K{k}",
            nama="x",
            satuan="%",
            target_bawah=D(100),
        )
        for k in range(n_indikator)
    )
    TargetTriwulan.objects.bulk_create(
        (TargetTriwulan(indikator=i, triwulan=q, target_bawah=D(25)) for i in inds for q in range(1, 5)),
        batch_size=2000,
    )
    Realisasi.objects.bulk_create(
        (Realisasi(indikator=i, triwulan=q, nilai=D(20), status="diverifikasi") for i in inds for q in (1, 2)),
        batch_size=2000,
    )
    return opd


@pytest.mark.django_db
def test_query_count_is_the_same_for_10_and_10000_indicator_quarters():
    counts = {}
    for n_indikator in (3, 2500):  # 12 and 10,000 indicator-quarters
        opd = _bulk_world(n_indikator)
        with CaptureQueriesContext(connection) as ctx:
            recalculate(instansi_id=opd.instansi_id, tahun=2026)
        counts[n_indikator] = len(ctx.captured_queries)
        assert CapaianTriwulan.objects.filter(opd=opd).count() == n_indikator * 4
        assert SkorOpd.objects.get(opd=opd, triwulan=2).skor == D("80.0000")
    assert counts[3] == counts[2500]


@pytest.mark.django_db
def test_second_run_writes_nothing_and_a_change_rewrites_only_its_rows():
    opd, cases = _random_world(30, seed=7)
    pegawai = PegawaiFactory(opd=opd)
    iki = make_indikator(opd, "I1", pegawai=pegawai)
    verified(iki, 1, 9)
    assert recalculate(instansi_id=opd.instansi_id, tahun=2026) > 0
    assert recalculate(instansi_id=opd.instansi_id, tahun=2026) == 0
    assert recalculate(indikator_ids=[ind.pk for ind, *_ in cases]) == 0

    before = {(c.indikator_id, c.triwulan): c.pk for c in CapaianTriwulan.objects.all()}
    ind = cases[0][0]
    Realisasi.objects.update_or_create(
        indikator=ind, triwulan=4, defaults={"nilai": D("123.45"), "status": Realisasi.Status.DIVERIFIKASI}
    )
    with CaptureQueriesContext(connection) as ctx:
        written = recalculate(instansi_id=opd.instansi_id, tahun=2026)
    # Only TW IV of that indicator changes, and what it feeds: the OPD's and the instansi's TW IV scores (the ASN's
    # score is untouched), and the OPD's TW IV summary row.
    assert CapaianTriwulan.objects.filter(indikator=ind, triwulan=4).get().realisasi == D("123.45")
    assert 1 + 2 <= written <= 1 + 2 + 1
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "DELETE"))]
    assert writes, "the recalculation writes with INSERT ... ON CONFLICT and DELETE"
    # Rows are updated in place, never deleted and inserted again.
    assert {(c.indikator_id, c.triwulan): c.pk for c in CapaianTriwulan.objects.all()} == before
    assert recalculate(instansi_id=opd.instansi_id, tahun=2026) == 0


@pytest.mark.django_db
def test_incremental_run_after_one_value_writes_only_what_it_feeds():
    opd = OpdFactory()
    pegawai = PegawaiFactory(opd=opd)
    a = make_indikator(opd, "A")
    b = make_indikator(opd, "B")
    iki = make_indikator(opd, "I1", pegawai=pegawai)
    for ind in (a, b, iki):
        verified(ind, 1, 5)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    Realisasi.objects.filter(indikator=a, triwulan=1).update(nilai=D(8))
    written = recalculate(indikator_ids=[a.pk])
    # TW I..IV of A (the to-date figure carries on), the OPD's four scores and the instansi's four; the ASN's IKI
    # score does not move, nor do B's rows.
    assert stored(a, 1).capaian == D("80.0000") and stored(a, 4).capaian == D("80.0000")
    assert SkorOpd.objects.get(opd=opd, triwulan=1).skor == D("65.0000")
    assert 4 + 4 + 4 <= written <= 4 + 4 + 4 + 4  # + the OPD's summary rows, where their counts moved
    assert recalculate(indikator_ids=[a.pk]) == 0


@pytest.mark.django_db
def test_deactivated_indicator_rows_and_orphaned_scores_go():
    opd = OpdFactory()
    pegawai = PegawaiFactory(opd=opd)
    keep = make_indikator(opd, "A")
    gone = make_indikator(opd, "B")
    iki = make_indikator(opd, "I1", pegawai=pegawai)
    for ind in (keep, gone, iki):
        verified(ind, 1, 5)
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert CapaianTriwulan.objects.filter(indikator=gone).count() == 4
    assert SkorPegawai.objects.filter(pegawai=pegawai).count() == 4

    Indikator.objects.filter(pk__in=[gone.pk, iki.pk]).update(aktif=False)
    assert recalculate(indikator_ids=[gone.pk]) >= 4
    assert not CapaianTriwulan.objects.filter(indikator=gone).exists()
    assert CapaianTriwulan.objects.filter(indikator=keep).count() == 4
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    assert not CapaianTriwulan.objects.filter(indikator=iki).exists()
    # The ASN has no active IKI left: the score rows go rather than stay stale.
    assert not SkorPegawai.objects.filter(pegawai=pegawai).exists()
    assert SkorOpd.objects.get(opd=opd, triwulan=1).jumlah_indikator == 1
    assert recalculate(instansi_id=opd.instansi_id, tahun=2026) == 0


@pytest.mark.django_db
def test_incremental_statement_count_does_not_grow():
    opd = OpdFactory()
    inds = [make_indikator(opd, f"A{k}") for k in range(3)]
    recalculate(instansi_id=opd.instansi_id, tahun=2026)
    counts = []
    for ids in ([inds[0].pk], [i.pk for i in inds]):
        with CaptureQueriesContext(connection) as ctx:
            recalculate(indikator_ids=ids)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    from evaluasi.recalc import Lingkup, _capaian_statements, _skor_statements
    from evaluasi.ringkasan import ringkasan_statements

    lingkup = Lingkup(indikator_ids=(inds[0].pk,))
    n = len(_capaian_statements(lingkup)) + len(_skor_statements(lingkup)) + len(ringkasan_statements(lingkup))
    assert n == 8 + len(ringkasan_statements(lingkup))  # 2 for the achievements, 2 per score table


@pytest.mark.django_db
def test_recalculate_all_fans_out_one_task_per_instansi():
    from evaluasi.tasks import recalculate_all

    opds = [OpdFactory(), OpdFactory()]
    for opd in opds:
        verified(make_indikator(opd, "A"), 1, 5)
    assert recalculate_all() == 2  # eager in tests: the group runs here
    for opd in opds:
        assert stored(Indikator.objects.get(opd=opd), 1).capaian == D("50.0000")
    assert SkorInstansi.objects.filter(instansi__in=[o.instansi for o in opds], triwulan=1).count() == 2
