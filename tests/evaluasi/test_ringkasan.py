"""The stored OPD summaries (RingkasanOpd): the same figures as a recount of the raw rows, after a wide
recalculation and after the recount of one OPD, after a realisation changes state (through the signal and the
scheduled recount), and when an OPD loses its last indicator."""

import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from evaluasi.models import CapaianTriwulan, Realisasi, RingkasanOpd
from evaluasi.recalc import Lingkup, recalculate
from evaluasi.ringkasan import JEDA_DETIK, KOLOM, hitung_ringkasan_opd, jadwalkan, ringkasan_statements
from indikator.models import Indikator
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.factories import OpdFactory, PegawaiFactory

D = Decimal
TAHUN = 2026
S = Realisasi.Status


def recount(opd_id: int, tahun: int) -> dict[int, tuple]:
    """The summary of an OPD-year counted in Python from Indikator, Realisasi and CapaianTriwulan."""
    indikator = list(Indikator.objects.filter(opd_id=opd_id, tahun=tahun, aktif=True))
    if not indikator:
        return {}
    realisasi = {(r.indikator_id, r.triwulan): r for r in Realisasi.objects.filter(indikator__in=indikator)}
    capaian = {(c.indikator_id, c.triwulan): c for c in CapaianTriwulan.objects.filter(indikator__in=indikator)}
    akhir = {}
    for ind in indikator:
        verified_q = [q for q in (1, 2, 3, 4) if (c := capaian.get((ind.pk, q))) and c.realisasi is not None]
        if verified_q:
            akhir[ind.pk] = max(verified_q)
    result = {}
    for q in (1, 2, 3, 4):
        rs = [realisasi.get((i.pk, q)) for i in indikator]
        result[q] = (
            len(indikator),
            sum(1 for i in indikator if i.jenis == "iku"),
            sum(1 for r in rs if r is not None and r.nilai is not None),
            sum(1 for r in rs if r is not None and r.status == S.DRAF),
            sum(1 for r in rs if r is not None and r.status == S.DIAJUKAN),
            sum(1 for r in rs if r is not None and r.status == S.DIVERIFIKASI),
            sum(1 for r in rs if r is not None and r.status == S.DIKEMBALIKAN),
            sum(
                1
                for i in indikator
                if i.jenis == "iku"
                and (c := capaian.get((i.pk, q)))
                and c.capaian_raw is not None
                and c.capaian_raw < 100
            ),
            sum(
                1
                for i in indikator
                if akhir.get(i.pk) == q and capaian[(i.pk, q)].capaian is not None and capaian[(i.pk, q)].capaian < 100
            ),
        )
    return result


def stored(opd_id: int, tahun: int) -> dict[int, tuple]:
    return {
        r["triwulan"]: tuple(r[k] for k in KOLOM)
        for r in RingkasanOpd.objects.filter(opd_id=opd_id, tahun=tahun).values("triwulan", *KOLOM)
    }


def random_opd(opd, rng: random.Random, *, n: int, prefix: str, pegawai=None):
    """n indicators of the OPD in a seeded mix: IKU and IKI, polarities, every realisation state, empty values."""
    statuses = [S.DRAF, S.DIAJUKAN, S.DIVERIFIKASI, S.DIVERIFIKASI, S.DIKEMBALIKAN]
    made = []
    for k in range(n):
        ind = make_indikator(
            opd,
            f"{prefix}-{k:02d}",
            pol=rng.choice(["maximize", "minimize"]),
            agg=rng.choice(["sum", "average", "last"]),
            pegawai=pegawai if pegawai is not None and k % 3 else None,
        )
        for q in (1, 2, 3, 4):
            if rng.random() < 0.7:
                nilai = None if rng.random() < 0.1 else D(rng.randint(0, 15))
                Realisasi.objects.create(indikator=ind, triwulan=q, nilai=nilai, status=rng.choice(statuses))
        made.append(ind)
    return made


@pytest.mark.django_db
def test_summary_counts_a_small_opd_exactly(world):
    a = make_indikator(world.opd, "IKU-A")  # target 10 per triwulan, sum
    verified(a, 1, 5)  # 50 %: under target, the latest verified triwulan until TW II
    verified(a, 2, 20)  # to date 25/20: no longer under target
    verified(a, 3, 1, status=S.DIAJUKAN)
    b = make_indikator(world.opd, "IKU-B")
    verified(b, 1, 3, status=S.DRAF)
    c = make_indikator(world.opd, "IKI-C", pegawai=world.pegawai)
    verified(c, 1, 8)  # 80 %, its only verified triwulan: under target "at the latest"
    verified(c, 2, 1, status=S.DIKEMBALIKAN)
    Realisasi.objects.create(indikator=c, triwulan=3, nilai=None, status=S.DRAF, kendala="belum ada data")
    nonaktif = make_indikator(world.opd, "IKU-X")
    Indikator.objects.filter(pk=nonaktif.pk).update(aktif=False)
    verified(nonaktif, 1, 1)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)

    # (indikator, iku, terisi, draf, diajukan, diverifikasi, dikembalikan, IKU under target, under target at latest)
    assert stored(world.opd.pk, TAHUN) == {
        1: (3, 2, 3, 1, 0, 2, 0, 1, 1),  # IKU-A 50 % at TW I; IKU-B has nothing verified: belum diisi, not under
        2: (3, 2, 2, 0, 0, 1, 1, 0, 0),
        3: (3, 2, 1, 1, 1, 0, 0, 0, 0),  # the empty draft of IKI-C is a draft but not entered
        4: (3, 2, 0, 0, 0, 0, 0, 0, 0),
    }
    assert stored(world.opd.pk, TAHUN) == recount(world.opd.pk, TAHUN)
    assert RingkasanOpd.objects.get(opd=world.opd, tahun=TAHUN, triwulan=1).instansi_id == world.instansi.pk
    assert not RingkasanOpd.objects.filter(opd=world.opd_lain).exists()  # no indicators: no rows


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_summary_matches_a_recount_of_the_raw_rows(world, seed):
    rng = random.Random(seed)
    random_opd(world.opd, rng, n=12, prefix="A", pegawai=world.pegawai)
    random_opd(world.opd_lain, rng, n=9, prefix="B", pegawai=PegawaiFactory(opd=world.opd_lain))
    random_opd(world.opd_instansi_lain, rng, n=5, prefix="C")
    mati = Indikator.objects.filter(opd=world.opd).order_by("pk").first()
    Indikator.objects.filter(pk=mati.pk).update(aktif=False)
    for inst in (world.instansi, world.instansi_lain):
        recalculate(instansi_id=inst.pk, tahun=TAHUN)

    for opd in (world.opd, world.opd_lain, world.opd_instansi_lain):
        assert set(stored(opd.pk, TAHUN)) == {1, 2, 3, 4}
        assert stored(opd.pk, TAHUN) == recount(opd.pk, TAHUN)
    assert RingkasanOpd.objects.count() == 12


@pytest.mark.django_db
def test_a_second_run_writes_nothing(world):
    random_opd(world.opd, random.Random(3), n=6, prefix="A", pegawai=world.pegawai)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    with connection.cursor() as cursor:
        for sql, params in ringkasan_statements(Lingkup(instansi_id=world.instansi.pk, tahun=TAHUN)):
            cursor.execute(sql, params)
            if not sql.startswith("SET"):  # PostgreSQL: the statements run without JIT
                assert cursor.rowcount == 0


@pytest.mark.django_db
def test_a_status_change_updates_the_summary_through_the_signal(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ind = make_indikator(world.opd, "IKU-A")
        r = verified(ind, 1, 5, status=S.DRAF)
    assert stored(world.opd.pk, TAHUN)[1] == (1, 1, 1, 1, 0, 0, 0, 0, 0)

    # Submitting moves no achievement, only the counts; one task for the whole transaction.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            r.status = S.DIAJUKAN
            r.save()
            verified(ind, 2, 7, status=S.DRAF)
    assert len(callbacks) == 1
    assert stored(world.opd.pk, TAHUN)[1] == (1, 1, 1, 0, 1, 0, 0, 0, 0)
    assert stored(world.opd.pk, TAHUN)[2] == (1, 1, 1, 1, 0, 0, 0, 0, 0)

    with django_capture_on_commit_callbacks(execute=True):
        r.status = S.DIVERIFIKASI
        r.save()
    assert stored(world.opd.pk, TAHUN)[1] == (1, 1, 1, 0, 0, 1, 0, 1, 1)  # 5 of 10: under target
    assert stored(world.opd.pk, TAHUN) == recount(world.opd.pk, TAHUN)

    with django_capture_on_commit_callbacks(execute=True):
        r.delete()
    assert stored(world.opd.pk, TAHUN)[1] == (1, 1, 0, 0, 0, 0, 0, 0, 0)
    assert stored(world.opd.pk, TAHUN) == recount(world.opd.pk, TAHUN)


@pytest.mark.django_db
def test_the_recount_of_one_opd_leaves_the_others_alone_and_the_incremental_run_leaves_it_to_the_recount(world):
    a = make_indikator(world.opd, "IKU-A")
    b = make_indikator(world.opd, "IKU-B")
    lain = make_indikator(world.opd_lain, "IKU-L")
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    # Raw writes that bypass the signals: only what is recounted changes.
    Realisasi.objects.bulk_create(
        [
            Realisasi(indikator=b, triwulan=1, nilai=D(4), status=S.DIAJUKAN),
            Realisasi(indikator=lain, triwulan=1, nilai=D(4), status=S.DIAJUKAN),
        ]
    )
    assert ringkasan_statements(Lingkup(indikator_ids=(a.pk,))) == []
    recalculate(indikator_ids=[a.pk])
    assert stored(world.opd.pk, TAHUN)[1][4] == 0
    hitung_ringkasan_opd(opd_id=world.opd.pk, tahun=TAHUN)
    assert stored(world.opd.pk, TAHUN)[1][4] == 1
    assert stored(world.opd.pk, TAHUN) == recount(world.opd.pk, TAHUN)
    assert stored(world.opd_lain.pk, TAHUN)[1][4] == 0  # another OPD: untouched until its own recount
    recalculate(instansi_id=world.instansi.pk)
    assert stored(world.opd_lain.pk, TAHUN)[1][4] == 1


@pytest.mark.django_db
def test_a_burst_of_changes_schedules_one_recount_per_opd_year(world, monkeypatch):
    cache.clear()
    calls = []
    monkeypatch.setattr(hitung_ringkasan_opd, "apply_async", lambda **kw: calls.append(kw))
    jadwalkan([(world.opd.pk, TAHUN), (world.opd.pk, TAHUN), (world.opd_lain.pk, TAHUN)])
    jadwalkan([(world.opd.pk, TAHUN)])  # still pending: nothing more
    assert calls == [
        {"kwargs": {"opd_id": world.opd.pk, "tahun": TAHUN}, "countdown": JEDA_DETIK},
        {"kwargs": {"opd_id": world.opd_lain.pk, "tahun": TAHUN}, "countdown": JEDA_DETIK},
    ]
    cache.delete(f"kinerja:ringkasan:{world.opd.pk}:{TAHUN}")  # what the recount does when it starts
    jadwalkan([(world.opd.pk, TAHUN)])
    assert len(calls) == 3
    cache.clear()


@pytest.mark.django_db
def test_an_opd_left_without_active_indicators_loses_its_rows(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = make_indikator(world.opd, "IKU-A")
        verified(a, 1, 5)
        lain = make_indikator(world.opd_lain, "IKU-L")
        lalu = make_indikator(world.opd, "IKU-2025")
        Indikator.objects.filter(pk=lalu.pk).update(tahun=TAHUN - 1)
    recalculate(instansi_id=world.instansi.pk)
    assert RingkasanOpd.objects.filter(opd=world.opd, tahun=TAHUN).count() == 4
    assert RingkasanOpd.objects.filter(opd=world.opd, tahun=TAHUN - 1).count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        a.aktif = False
        a.save()  # deactivated: an incremental run for it
    assert not RingkasanOpd.objects.filter(opd=world.opd, tahun=TAHUN).exists()
    assert RingkasanOpd.objects.filter(opd=world.opd, tahun=TAHUN - 1).count() == 4  # another year: kept

    with django_capture_on_commit_callbacks(execute=True):
        lain.delete()  # deleted: the instansi's run
    assert not RingkasanOpd.objects.filter(opd=world.opd_lain).exists()


@pytest.mark.django_db
def test_a_new_opd_gets_its_rows_and_other_instansi_are_left_alone(world):
    make_indikator(world.opd_instansi_lain, "IKU-L")
    recalculate(instansi_id=world.instansi_lain.pk)
    baru = OpdFactory(instansi=world.instansi)
    make_indikator(baru, "IKU-N")
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    assert stored(baru.pk, TAHUN)[2] == (1, 1, 0, 0, 0, 0, 0, 0, 0)
    RingkasanOpd.objects.filter(opd=world.opd_instansi_lain).update(jumlah_draf=9)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    assert set(RingkasanOpd.objects.filter(opd=world.opd_instansi_lain).values_list("jumlah_draf", flat=True)) == {9}
