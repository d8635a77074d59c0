"""The evaluation demo of demo/30-penilaian.yaml: a finished year with every predikat, a reward with its certificate, a
training with before/after figures, work plans; idempotent."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction

from indikator.services import hari_ini_instansi
from laporan.sampel import muat
from opd.models import Opd
from penilaian.models import (
    Pelatihan,
    Penghargaan,
    Penilaian,
    PesertaPelatihan,
    PredikatOpd,
    RekomendasiPelatihan,
    RencanaKerja,
)
from penilaian.selectors import PeriodePenilaian
from penilaian.selectors_opd import ringkasan_opd
from penilaian.selectors_pelatihan import perbandingan

MODELS = [
    "penilaian.Penilaian",
    "penilaian.UmpanBalikIndikator",
    "penilaian.PembukaanPenilaian",
    "penilaian.PredikatOpd",
    "penilaian.Penghargaan",
    "penilaian.RekomendasiPelatihan",
    "penilaian.Pelatihan",
    "penilaian.PesertaPelatihan",
    "penilaian.RencanaKerja",
    "penilaian.RencanaAksi",
    "indikator.Indikator",
    "evaluasi.Realisasi",
    "opd.Instansi",
]


def _counts() -> dict[str, int]:
    counts = {}
    for name in MODELS:
        model = apps.get_model(name)
        counts[name] = model.objects.count()
        if hasattr(model, "history"):
            counts[f"{name} (riwayat)"] = model.history.count()
    return counts


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        muat(hanya=["organisasi", "indikator", "penilaian"])
        yield
        transaction.set_rollback(True)


@pytest.fixture
def dukcapil(_seeded_once, db):
    opd = Opd.objects.select_related("instansi").get(instansi__kode="kota-kupang", kode="DUKCAPIL")
    return opd, hari_ini_instansi(opd.instansi).year


def test_last_year_is_finished_with_every_predikat(dukcapil):
    opd, tahun = dukcapil
    tahunan = Penilaian.objects.filter(pegawai__opd=opd, tahun=tahun - 1, jenis="tahunan")
    assert {p.pegawai.nama: p.predikat for p in tahunan} == {
        "Marthen Luther Nalle": "sangat_baik",
        "Ester Manafe": "baik",
        "Yuliana Benu": "baik",
        "Hendrik Tallo": "baik",
        "Yosef Bani": "butuh_perbaikan",
        "Oktaviana Lette": "kurang",
        "Selfina Ratu": "sangat_kurang",
    }
    assert all(p.sudah_final for p in tahunan)
    # Every suggestion followed from the stored figures; the one override keeps its reason.
    sek = tahunan.get(pegawai__nama="Yuliana Benu")
    assert (sek.hasil_kerja_saran, sek.hasil_kerja) == ("sesuai", "di_atas") and sek.alasan_hasil_kerja
    assert all(p.hasil_kerja == p.hasil_kerja_saran for p in tahunan.exclude(pk=sek.pk))
    assert tahunan.get(pegawai__nama="Yosef Bani").status == "diakui"


def test_last_year_s_organisation_predikat_and_distribution(dukcapil):
    opd, tahun = dukcapil
    predikat = PredikatOpd.objects.get(opd=opd, tahun=tahun - 1)
    assert (predikat.predikat, predikat.predikat_saran) == ("baik", "baik")
    assert predikat.skor == Decimal("98.6198")  # (96,25 × 2 + 100,08 + 101,90) ÷ 4
    data = ringkasan_opd(opd=opd, tahun=tahun - 1, periode=PeriodePenilaian("tahunan", 4))
    assert data.jumlah_final == 7 and data.peringatan == []


def test_the_reward_is_approved_with_its_certificate(dukcapil):
    opd, tahun = dukcapil
    penghargaan = Penghargaan.objects.get(penilaian__tahun=tahun - 1)
    assert penghargaan.pegawai.nama == "Marthen Luther Nalle"
    assert penghargaan.status == "disetujui" and penghargaan.bentuk == "sertifikat_insentif"
    assert penghargaan.berkas.read(5) == b"%PDF-"
    assert opd.instansi.logo


def test_training_recommendations_and_the_ktp_training_before_and_after(dukcapil):
    opd, tahun = dukcapil
    rekomendasi = {
        r.pegawai.nama: (r.status, sorted(r.indikator.values_list("kode", flat=True)))
        for r in RekomendasiPelatihan.objects.filter(penilaian__tahun=tahun - 1)
    }
    assert rekomendasi["Yosef Bani"][1] == ["IKI-02"]
    assert rekomendasi["Oktaviana Lette"][0] == "direkomendasikan"  # still to schedule
    pelatihan = Pelatihan.objects.get(topik="Pelatihan Manajemen Waktu dan Pelayanan Publik")
    data = {p.peserta.pegawai.nama: p for p in perbandingan(PesertaPelatihan.objects.filter(pelatihan=pelatihan))}
    operator = data["Yosef Bani"].indikator[0]
    assert operator.indikator.kode == "IKI-02" and operator.indikator.tahun == tahun
    # The KTP story: recording time 22 minutes before the training, 17,5 after.
    assert (operator.realisasi_sebelum, operator.realisasi_sesudah) == (Decimal("22"), Decimal("17.5"))
    assert operator.selisih_capaian > 0
    kasi = data["Ester Manafe"].indikator[0]
    assert (kasi.realisasi_sebelum, kasi.realisasi_sesudah) == (Decimal("4.2"), Decimal("3.4"))
    assert data["Yosef Bani"].peserta.rekomendasi.penilaian.tahun == tahun - 1


def test_this_year_s_statuses_and_work_plans(dukcapil):
    opd, tahun = dukcapil
    operator = {p.triwulan: p.status for p in Penilaian.objects.filter(pegawai__nama="Yosef Bani", tahun=tahun)}
    assert operator == {1: "diakui", 2: "final"}
    assert Penilaian.objects.get(pegawai__nama="Ester Manafe", tahun=tahun, triwulan=2).status == "draf"
    rencana = {r.triwulan: r.status for r in RencanaKerja.objects.filter(pegawai__nama="Yosef Bani", tahun=tahun)}
    assert rencana == {3: "disetujui", 4: "diajukan"}


def test_seeding_again_changes_nothing(dukcapil):
    before = _counts()
    muat(hanya=["penilaian"])
    assert _counts() == before


def test_the_heads_of_opd_are_appraised_by_the_sekda_not_by_their_own_team(dukcapil, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from opd.models import Pegawai
    from penilaian.selectors import SEMUA_PERIODE, daftar_kerja

    opd, tahun = dukcapil
    User = get_user_model()
    tim, sekda = User.objects.get(username="tim.dukcapil"), User.objects.get(username="sekda.kupang")
    kepala = Pegawai.objects.get(nama="Lodowyk Fanggidae")
    assert opd.kepala_id == kepala.pk and kepala.atasan.jabatan == "Sekretaris Daerah Kota Kupang"
    # The Sekretaris on the OPD's team is no longer offered her own Kepala Dinas.
    assert kepala.pk not in {r.pegawai.pk for r in daftar_kerja(user=tim, tahun=tahun, periode=SEMUA_PERIODE[0])}
    url = reverse("penilaian:nilai", args=[kepala.pk, tahun, "tw1"])
    client.force_login(tim)
    assert client.get(url).status_code == 404
    # The Sekda is offered every Kupang head of OPD, and no one else.
    rows = daftar_kerja(user=sekda, tahun=tahun, periode=SEMUA_PERIODE[0])
    assert sorted(r.pegawai.opd.kode for r in rows) == ["DINKES", "DISDIK", "DPMPTSP", "DUKCAPIL", "KEC-MAULAFA"]
    assert all(r.pegawai.opd.kepala_id == r.pegawai.pk for r in rows)
    client.force_login(sekda)
    assert client.get(url).status_code == 200
