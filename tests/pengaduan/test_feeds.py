"""Automatic feeds: complaint response time and share answered on time write the quarter's realisation as a Draf,
never over a submitted or verified value."""

import datetime
from decimal import Decimal

from evaluasi.feeds import ALASAN_RIWAYAT
from evaluasi.models import Realisasi, SelisihFeed
from indikator.models import Indikator
from pengaduan import feeds, services
from pengaduan.models import Pengaduan

S = Pengaduan.Status
D = Decimal
SUMBER = Indikator.SumberRealisasi


def _dijawab(ajukan, jam, sampai, tim, rute, jawab):
    jam(*rute)
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(*jawab)
    return services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Sudah.")


def test_a_complaint_answered_in_two_working_days_shows_on_the_response_time_indicator(
    ajukan, jam, sampai, tim, indikator, django_capture_on_commit_callbacks
):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN)
    jam(2026, 10, 5, 9)  # Monday, TW IV
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(2026, 10, 7, 14)  # Wednesday
    with django_capture_on_commit_callbacks(execute=True):
        services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="KTP sudah jadi.")
    realisasi = Realisasi.objects.get(indikator=ind, triwulan=4)
    assert realisasi.nilai == D(2)
    assert realisasi.status == Realisasi.Status.DRAF
    riwayat = realisasi.history.get()
    assert riwayat.history_user is None
    assert riwayat.history_change_reason == ALASAN_RIWAYAT
    assert not Realisasi.objects.filter(indikator=ind, triwulan__in=[1, 2, 3]).exists()  # no complaints there


def test_mean_over_the_quarter_rounded_half_up(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN, desimal=1)
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))  # 2
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 6, 9))  # 1
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))  # 2
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 6, 9))  # 1 → mean 1.5
    assert feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20)) == {
        1: "kosong",
        2: "kosong",
        3: "kosong",
        4: "dibuat",
    }
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D("1.5")


def test_response_in_another_quarter_counts_there(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN)
    _dijawab(ajukan, jam, sampai, tim, (2026, 9, 29, 9), (2026, 10, 2, 9))  # routed TW III, answered TW IV: 3 days
    feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20))
    assert list(Realisasi.objects.filter(indikator=ind).values_list("triwulan", "nilai")) == [(4, D(3))]


def test_share_answered_on_time(ajukan, jam, sampai, tim, indikator, petugas, world):
    ind = indikator(SUMBER.PENGADUAN_TEPAT_WAKTU, kode="IKU-TW", pol="maximize")
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))  # on time
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 14, 9))  # 7 days: late
    jam(2026, 10, 5, 9)
    sampai(ajukan()[0], S.DIDISPOSISIKAN)  # due 12 October, never answered
    jam(2026, 10, 9, 9)
    sampai(ajukan()[0], S.DIDISPOSISIKAN)  # due 16 October, not yet due on the 15th
    feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 15))
    # 1 on time of 3 counted (the one still in time is left out): 33.33 %.
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D("33.33")
    feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 17))
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D("25.00")


def test_a_submitted_or_verified_value_is_never_overwritten(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN)
    Realisasi.objects.create(indikator=ind, triwulan=4, nilai=D("3"), status=Realisasi.Status.DIVERIFIKASI)
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))
    assert feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20))[4] == "terkunci"
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D(3)
    selisih = SelisihFeed.objects.get()
    assert (selisih.nilai_tercatat, selisih.nilai_hitung, selisih.status_realisasi) == (D(3), D(2), "diverifikasi")
    # When the figure agrees again the flag goes.
    Realisasi.objects.filter(indikator=ind, triwulan=4).update(nilai=D(2))
    feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20))
    assert not SelisihFeed.objects.exists()


def test_draft_and_returned_values_are_refreshed_with_a_new_version(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN)
    Realisasi.objects.create(
        indikator=ind, triwulan=4, nilai=D("9"), status=Realisasi.Status.DIKEMBALIKAN, versi=3, alasan_pengembalian="x"
    )
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))
    assert feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20))[4] == "diperbarui"
    realisasi = Realisasi.objects.get(indikator=ind, triwulan=4)
    assert (realisasi.nilai, realisasi.versi, realisasi.status) == (D(2), 4, Realisasi.Status.DIKEMBALIKAN)
    # Running it again changes nothing.
    assert feeds.feed_indikator(ind, hari_ini_=datetime.date(2026, 10, 20))[4] == "sama"
    assert Realisasi.objects.get(indikator=ind, triwulan=4).versi == 4


def test_manual_indicators_are_left_alone(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.MANUAL)
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))
    assert feeds.feed_opd(opd_id=ind.opd_id, tahun=2026) == {}
    assert not Realisasi.objects.exists()


def test_indicator_switched_to_automatic_is_filled_on_commit(
    ajukan, jam, sampai, tim, indikator, django_capture_on_commit_callbacks
):
    ind = indikator(SUMBER.MANUAL)
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))
    ind.sumber_realisasi = SUMBER.WAKTU_RESPONS_PENGADUAN
    with django_capture_on_commit_callbacks(execute=True):
        ind.save()
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D(2)


def test_nightly_feed_covers_the_current_year(ajukan, jam, sampai, tim, indikator):
    ind = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN)
    lama = indikator(SUMBER.WAKTU_RESPONS_PENGADUAN, kode="IKU-LAMA", tahun=2025)
    _dijawab(ajukan, jam, sampai, tim, (2026, 10, 5, 9), (2026, 10, 7, 9))
    jam(2026, 10, 20, 2)
    from pengaduan.tasks import feed_semua

    assert feed_semua.delay().get() == 1
    assert Realisasi.objects.get(indikator=ind, triwulan=4).nilai == D(2)
    assert not Realisasi.objects.filter(indikator=lama).exists()
