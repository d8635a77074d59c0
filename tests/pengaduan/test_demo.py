"""The demo: complaints in every state (one about KTP waiting time at Dukcapil), some overdue, the automatic
response-time indicator filled by the feed; a second run adds nothing."""

import pytest
from django.urls import reverse

from evaluasi.models import Realisasi
from indikator.models import Indikator
from laporan.sampel import baca, muat
from pengaduan import selectors
from pengaduan.models import Pengaduan, RiwayatPengaduan

S = Pengaduan.Status
# The demo complaints of demo/40-pengaduan.yaml.
PENGADUAN = [p for berkas in baca(hanya=["pengaduan"]) for p in berkas.isi["pengaduan"]]


@pytest.fixture
def seeded(db):
    muat(hanya=["organisasi", "pengaduan"])


def _hitung():
    return (
        Pengaduan.objects.count(),
        RiwayatPengaduan.objects.count(),
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


def test_automatic_indicator_is_fed(seeded):
    waktu_respons = Indikator.objects.get(kode="IKU-DUKCAPIL-PGD")
    assert Realisasi.objects.filter(indikator=waktu_respons, status=Realisasi.Status.DRAF).exists()


def test_demo_codes_open_their_complaints(seeded, client):
    for contoh in PENGADUAN:
        response = client.post(reverse("pengaduan:lacak"), {"kode": contoh["kode"]})
        assert response.status_code == 302, contoh["kode"]


def test_second_run_adds_nothing(seeded):
    sebelum = _hitung()
    muat(hanya=["pengaduan"])
    assert _hitung() == sebelum
