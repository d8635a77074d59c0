"""The IKM feed: the survey answers of the quarter write its realisation as a Draf, on commit of each answer."""

import datetime
from decimal import Decimal

from evaluasi.models import Realisasi
from indikator.models import Indikator
from survei import feeds, services

D = Decimal
SUMBER = Indikator.SumberRealisasi


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
