"""The demo: complaints in every state (one about KTP waiting time at Dukcapil), some overdue, survey answers that
give different grades, automatic indicators filled by the feed; a second run adds nothing."""

import pytest
from django.urls import reverse

from evaluasi.models import Realisasi
from indikator.models import Indikator
from laporan.sampel import baca, muat
from pengaduan import selectors
from pengaduan.models import Layanan, Pengaduan, ResponSurvei, RiwayatPengaduan

S = Pengaduan.Status
# The demo complaints of demo/40-pengaduan.yaml.
PENGADUAN = [p for berkas in baca(hanya=["pengaduan"]) for p in berkas.isi["pengaduan"]]


@pytest.fixture
def seeded(db):
    muat(hanya=["organisasi", "pengaduan", "survei"])


def _hitung():
    return (
        Pengaduan.objects.count(),
        RiwayatPengaduan.objects.count(),
        ResponSurvei.objects.count(),
        Layanan.objects.count(),
        Indikator.objects.count(),
        Realisasi.objects.count(),
    )


def test_every_state_and_the_ktp_complaint(seeded):
    assert set(Pengaduan.objects.values_list("status", flat=True)) == set(S.values)
    ktp = Pengaduan.objects.get(judul="KTP-el belum jadi setelah sebulan")
    assert ktp.opd.kode == "DUKCAPIL"
    assert ktp.hari_respons == 2
    assert Pengaduan.objects.filter(opd__isnull=False).values("opd").distinct().count() >= 4


def test_some_are_overdue(seeded):
    assert Pengaduan.objects.filter(selectors.q_terlambat(selectors.hari_ini_zona())).count() >= 2


def test_survey_grades_differ(seeded):
    tahun_list = set(ResponSurvei.objects.values_list("tahun", flat=True))
    mutu = {
        hasil_layanan.mutu
        for tahun in tahun_list
        for item in selectors.ikm_per_opd(opd_list=list(selectors.opd_publik()), tahun=tahun)
        for _l, hasil_layanan in item.per_layanan
    }
    assert {"A", "B", "C", "D"} <= mutu


def test_automatic_indicators_are_fed(seeded):
    waktu_respons = Indikator.objects.get(kode="IKU-DUKCAPIL-PGD")
    assert Realisasi.objects.filter(indikator=waktu_respons, status=Realisasi.Status.DRAF).exists()
    ikm = Indikator.objects.get(kode="IKU-DPMPTSP-IKM")
    assert Realisasi.objects.filter(indikator=ikm, nilai__gte=88).exists()


def test_demo_codes_open_their_complaints(seeded, client):
    for contoh in PENGADUAN:
        response = client.post(reverse("pengaduan:lacak"), {"kode": contoh["kode"]})
        assert response.status_code == 302, contoh["kode"]


def test_second_run_adds_nothing(seeded):
    sebelum = _hitung()
    muat(hanya=["pengaduan", "survei"])
    assert _hitung() == sebelum
