"""The IKM feed: the survey answers of the quarter write its realisation as a Draf, on commit of each answer."""

import datetime
from decimal import Decimal

import pytest

from evaluasi.models import Realisasi
from indikator.models import Indikator, TargetTriwulan
from survei import feeds, services

D = Decimal
SUMBER = Indikator.SumberRealisasi


@pytest.fixture
def indikator(world):
    def _buat(sumber, *, kode="IKU-PGD", pol="minimize", agg="average", desimal=2, tahun=2026):
        ind = Indikator.objects.create(
            opd=world.opd,
            tahun=tahun,
            kode=kode,
            nama=f"Indikator {sumber}",
            satuan="hari",
            polaritas=pol,
            agregasi=agg,
            desimal=desimal,
            target_bawah=D(5),
            sumber_realisasi=sumber,
        )
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, triwulan=q, target_bawah=D(5)) for q in range(1, 5)
        )
        return ind

    return _buat


def test_ikm_feed_uses_the_konversi(world, jam, indikator):
    ind = indikator(SUMBER.IKM, kode="IKU-IKM", pol="maximize")
    jam(2026, 5, 4, 9)
    for skor in [
        (4, 3, 3, 4, 4, 3, 3, 2, 3),
        (3, 3, 2, 4, 3, 3, 4, 3, 3),
        (4, 4, 3, 4, 4, 4, 4, 3, 4),
        (3, 2, 3, 4, 3, 3, 3, 2, 3),
    ]:
        services.survei_submit(opd=world.opd, skor=skor)
    feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 5, 10))
    assert list(Realisasi.objects.filter(indikator=ind).values_list("triwulan", "nilai", "status")) == [
        (2, D("81.25"), Realisasi.Status.DRAF)
    ]


def test_survey_answer_feeds_on_commit(world, jam, indikator, django_capture_on_commit_callbacks):
    ind = indikator(SUMBER.IKM, kode="IKU-IKM", pol="maximize", tahun=2026)
    jam(2026, 2, 2, 9)
    with django_capture_on_commit_callbacks(execute=True):
        services.survei_submit(opd=world.opd, skor=[4] * 9)
    assert Realisasi.objects.get(indikator=ind, triwulan=1).nilai == D("100.00")
