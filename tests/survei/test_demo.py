"""The demo survey (demo/50-survei.yaml): answers that give the services different grades, the automatic IKM
indicator filled by the feed; a second run adds nothing."""

import pytest

from evaluasi.models import Realisasi
from indikator.models import Indikator
from laporan.sampel import muat
from opd.selectors import opd_publik
from survei import selectors
from survei.models import Layanan, ResponSurvei


@pytest.fixture
def seeded(db):
    muat(hanya=["organisasi", "survei"])


def _hitung():
    return (
        ResponSurvei.objects.count(),
        Layanan.objects.count(),
        Indikator.objects.count(),
        Realisasi.objects.count(),
    )


def test_survey_grades_differ(seeded):
    tahun_list = set(ResponSurvei.objects.values_list("tahun", flat=True))
    mutu = {
        hasil_layanan.mutu
        for tahun in tahun_list
        for item in selectors.ikm_per_opd(opd_list=list(opd_publik()), tahun=tahun)
        for _l, hasil_layanan in item.per_layanan
    }
    assert {"A", "B", "C", "D"} <= mutu


def test_automatic_indicator_is_fed(seeded):
    ikm = Indikator.objects.get(kode="IKU-DPMPTSP-IKM")
    assert Realisasi.objects.filter(indikator=ikm, nilai__gte=88).exists()


def test_second_run_adds_nothing(seeded):
    sebelum = _hitung()
    muat(hanya=["survei"])
    assert _hitung() == sebelum
