"""The reporter's answer to an answer: reopen once within the 10 working days before it closes (Dibuka kembali, the
OPD's response clock restarts), or close it as not solved; through the services and the public tracking page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pengaduan import services, services_pelapor
from pengaduan.eskalasi import tenggat_periksa
from pengaduan.models import Pengaduan

S = Pengaduan.Status


@pytest.fixture
def dijawab(ajukan, sampai, jam):
    """A complaint answered on Monday 3 August 2026: it closes by itself after Tuesday 18 August (17 August is a
    holiday)."""
    jam(2026, 8, 3, 9)
    pengaduan = sampai(ajukan()[0], S.SELESAI)
    assert pengaduan.tenggat_tutup == datetime.date(2026, 8, 18)
    return pengaduan


def test_reopen_restarts_the_response_clock(dijawab, jam):
    jam(2026, 8, 5, 14)
    pengaduan = services_pelapor.pengaduan_reopen(pengaduan=dijawab, alasan="KTP belum saya terima.")
    assert pengaduan.status == S.DIBUKA_KEMBALI
    assert pengaduan.dibantah is True
    assert pengaduan.tenggat_tutup is None
    # Five working days from Wednesday 5 August.
    assert pengaduan.tenggat_respons_ulang == datetime.date(2026, 8, 12)
    assert pengaduan.tenggat_aktif == datetime.date(2026, 8, 12)
    langkah = pengaduan.riwayat_set.last()
    assert (langkah.dari_status, langkah.ke_status, langkah.oleh_pelapor, langkah.catatan) == (
        S.SELESAI,
        S.DIBUKA_KEMBALI,
        True,
        "KTP belum saya terima.",
    )


def test_reopened_complaint_is_answered_again_and_cannot_be_reopened_twice(dijawab, jam, tim):
    jam(2026, 8, 5, 14)
    pengaduan = services_pelapor.pengaduan_reopen(pengaduan=dijawab, alasan="Belum.")
    pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan="Dicek.")
    assert pengaduan.status == S.DITINDAKLANJUTI
    jam(2026, 8, 6, 9)
    pengaduan = services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Sudah.")
    assert pengaduan.status == S.SELESAI
    assert pengaduan.tenggat_tutup == datetime.date(2026, 8, 21)
    with pytest.raises(ValidationError) as exc:
        services_pelapor.pengaduan_reopen(pengaduan=pengaduan, alasan="Lagi.")
    assert exc.value.code == "sudah_dibuka_kembali"


def test_reopen_on_the_last_day_is_accepted_the_day_after_is_refused(ajukan, sampai, jam):
    jam(2026, 8, 3, 9)
    satu = sampai(ajukan()[0], S.SELESAI)
    dua = sampai(ajukan()[0], S.SELESAI)
    jam(2026, 8, 18, 23, 30)
    assert services_pelapor.pengaduan_reopen(pengaduan=satu, alasan="x").status == S.DIBUKA_KEMBALI
    jam(2026, 8, 19, 0, 30)
    with pytest.raises(ValidationError) as exc:
        services_pelapor.pengaduan_reopen(pengaduan=dua, alasan="x")
    assert exc.value.code == "lewat"
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_mark_unresolved(pengaduan=dua)


def test_reopen_needs_a_reason_and_an_answered_complaint(ajukan, sampai, dijawab):
    with pytest.raises(ValidationError) as exc:
        services_pelapor.pengaduan_reopen(pengaduan=dijawab, alasan="  ")
    assert "alasan" in exc.value.message_dict
    ditangani = sampai(ajukan()[0], S.DITINDAKLANJUTI)
    with pytest.raises(ValidationError) as exc:
        services_pelapor.pengaduan_reopen(pengaduan=ditangani, alasan="x")
    assert exc.value.code == "status"


def test_mark_unresolved_closes_it(dijawab, jam):
    jam(2026, 8, 10, 9)
    pengaduan = services_pelapor.pengaduan_mark_unresolved(pengaduan=dijawab, catatan="Tetap ditolak di loket.")
    assert (pengaduan.status, pengaduan.terselesaikan) == (S.DITUTUP, False)
    assert pengaduan.ditutup_pada == jam.sekarang
    langkah = pengaduan.riwayat_set.last()
    assert (langkah.ke_status, langkah.oleh_pelapor) == (S.DITUTUP, True)
    assert langkah.catatan == "Ditutup oleh pelapor: masalah tidak selesai. Tetap ditolak di loket."
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_mark_unresolved(pengaduan=pengaduan)


def test_reopened_complaint_past_its_new_deadline_is_escalated(dijawab, jam, mailoutbox):
    jam(2026, 8, 5, 14)
    services_pelapor.pengaduan_reopen(pengaduan=dijawab, alasan="Belum.")
    jam(2026, 8, 12, 20)
    assert tenggat_periksa()["terlambat"] == 0
    jam(2026, 8, 13, 8)
    hasil = tenggat_periksa()
    assert (hasil["terlambat"], hasil["dieskalasi"]) == (1, 1)
    assert dijawab.eskalasi_set.get().tahap == "respons"


# -- the tracking page -----------------------------------------------------------------------------------------------


@pytest.fixture
def pelapor(client, ajukan, sampai, jam):
    """A browser that opened an answered complaint with its code."""
    jam(2026, 8, 3, 9)
    pengaduan, kode = ajukan()
    sampai(pengaduan, S.SELESAI)
    # The reporter comes back the next day and opens it with the code (a browser session lasts 12 hours at most).
    jam(2026, 8, 4, 9)
    assert client.post(reverse("pengaduan:lacak"), {"kode": kode}).status_code == 302
    pengaduan.refresh_from_db()
    return client, pengaduan


def test_tracking_page_offers_reopen_and_unresolved(pelapor, jam):
    client, pengaduan = pelapor
    jam(2026, 8, 4, 9)
    html = client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])).content.decode()
    assert reverse("pengaduan:lacak_buka_kembali", args=[pengaduan.pk]) in html
    assert reverse("pengaduan:lacak_tidak_selesai", args=[pengaduan.pk]) in html
    jam(2026, 8, 19, 9)
    html = client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])).content.decode()
    assert reverse("pengaduan:lacak_buka_kembali", args=[pengaduan.pk]) not in html


def test_reporter_reopens_through_the_tracking_page(pelapor, jam):
    client, pengaduan = pelapor
    jam(2026, 8, 4, 9)
    url = reverse("pengaduan:lacak_buka_kembali", args=[pengaduan.pk])
    response = client.post(url, {"alasan": ""})
    assert response.status_code == 422
    assert "alasan" in response.context["buka_form"].errors
    response = client.post(url, {"alasan": "Belum selesai."})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.DIBUKA_KEMBALI
    assert "Dibuka kembali" in client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk])).content.decode()
    # A second attempt: the reason next to the form, never a 500.
    response = client.post(url, {"alasan": "Lagi."})
    assert response.status_code == 422
    assert response.context["buka_form"].non_field_errors()


def test_reporter_marks_unresolved_through_the_tracking_page(pelapor, jam):
    client, pengaduan = pelapor
    jam(2026, 8, 4, 9)
    response = client.post(reverse("pengaduan:lacak_tidak_selesai", args=[pengaduan.pk]), {"catatan": ""})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.terselesaikan) == (S.DITUTUP, False)


def test_reopen_without_having_opened_the_complaint_is_refused(client, dijawab):
    for nama in ("pengaduan:lacak_buka_kembali", "pengaduan:lacak_tidak_selesai"):
        response = client.post(reverse(nama, args=[dijawab.pk]), {"alasan": "x"})
        assert response.status_code == 404
    dijawab.refresh_from_db()
    assert dijawab.status == S.SELESAI
