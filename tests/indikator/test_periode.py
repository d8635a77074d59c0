"""Periods: default windows, closing, reopening with a recorded reason, all judged in the instansi's own zone."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from indikator import services
from indikator.models import PembukaanUlang, Periode
from tests.indikator.factories import buat_periode

# 16:30 UTC on 5 April 2026 is already 6 April in Kupang (WITA, UTC+8) but still 5 April in Jakarta (WIB, UTC+7).
SEKARANG = datetime.datetime(2026, 4, 5, 16, 30, tzinfo=datetime.UTC)


@pytest.fixture
def jam(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: SEKARANG)
    return SEKARANG


def _periode(world, *, dibuka, ditutup, instansi=None, triwulan=1):
    return Periode.objects.create(
        instansi=instansi or world.instansi, tahun=2026, triwulan=triwulan, dibuka=dibuka, ditutup=ditutup
    )


def test_hari_ini_instansi_follows_the_instansi_zone(world, jam):
    assert services.hari_ini_instansi(world.instansi) == datetime.date(2026, 4, 6)
    assert services.hari_ini_instansi(world.instansi_lain) == datetime.date(2026, 4, 5)


def test_periode_ensure_year_creates_the_four_triwulan_with_default_windows(world):
    daftar = services.periode_ensure_year(instansi=world.instansi, tahun=2026)
    assert [(p.triwulan, p.dibuka, p.ditutup) for p in daftar] == [
        (1, datetime.date(2026, 3, 1), datetime.date(2026, 4, 10)),
        (2, datetime.date(2026, 6, 1), datetime.date(2026, 7, 10)),
        (3, datetime.date(2026, 9, 1), datetime.date(2026, 10, 10)),
        (4, datetime.date(2026, 12, 1), datetime.date(2027, 1, 10)),
    ]
    assert services.periode_ensure_year(instansi=world.instansi, tahun=2026) == daftar
    assert Periode.objects.filter(instansi=world.instansi).count() == 4


def test_periode_terbuka_on_the_closing_day_in_kupang_time(world, jam):
    # Closing on 5 April: Kupang is already on the 6th, Jakarta still on the 5th.
    kupang = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 5))
    jakarta = _periode(
        world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 5), instansi=world.instansi_lain
    )
    assert services.periode_terbuka(periode=kupang) is False
    assert services.periode_terbuka(periode=jakarta) is True


def test_periode_tutup_closes_yesterday_in_the_instansi_zone(world, jam):
    admin = world.users["admin_instansi"]
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    periode = services.periode_tutup(actor=admin, periode=periode)
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 4, 5)
    assert periode.dibuka == datetime.date(2026, 3, 1)
    assert services.periode_terbuka(periode=periode) is False
    # The clock is frozen, so the records are told apart by their order of writing.
    assert [(h.ditutup, h.history_user) for h in periode.history.order_by("history_id")] == [
        (datetime.date(2026, 4, 10), None),
        (datetime.date(2026, 4, 5), admin),
    ]


def test_periode_tutup_refuses_a_closed_period(world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 1, 1), ditutup=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        services.periode_tutup(actor=world.users["admin_instansi"], periode=periode)
    assert exc.value.messages == ["Periode TW I 2026 sudah ditutup."]
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 2, 1)


def test_periode_tutup_of_a_period_not_yet_open_keeps_the_window_in_order(world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 6, 1), ditutup=datetime.date(2026, 7, 10), triwulan=2)
    services.periode_tutup(actor=world.users["admin_instansi"], periode=periode)
    periode.refresh_from_db()
    assert (periode.dibuka, periode.ditutup) == (datetime.date(2026, 4, 5), datetime.date(2026, 4, 5))


@pytest.mark.parametrize("role", ["tim_evaluasi", "pimpinan_opd", "admin_bkn", "admin_lain"])
def test_period_services_refuse_anyone_but_the_admin_of_the_instansi(world, role):
    periode = buat_periode(instansi=world.instansi, tahun=2026, triwulan=1, status="terbuka")
    actor = world.users[role]
    with pytest.raises(PermissionDenied):
        services.periode_tutup(actor=actor, periode=periode)
    with pytest.raises(PermissionDenied):
        services.periode_ubah_jendela(actor=actor, periode=periode, dibuka=periode.dibuka, ditutup=periode.ditutup)
    with pytest.raises(PermissionDenied):
        services.periode_buka_ulang(actor=actor, periode=periode, alasan="x", ditutup_baru=periode.ditutup)


def test_periode_buka_ulang_records_who_why_and_the_old_and_new_closing_date(world, jam):
    admin = world.users["admin_instansi"]
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 1))
    pembukaan = services.periode_buka_ulang(
        actor=admin,
        periode=periode,
        alasan="  Gangguan jaringan di Kecamatan Maulafa.  ",
        ditutup_baru=datetime.date(2026, 4, 6),
    )
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 4, 6)
    assert services.periode_terbuka(periode=periode) is True
    assert PembukaanUlang.objects.count() == 1
    assert (pembukaan.oleh, pembukaan.alasan, pembukaan.ditutup_lama, pembukaan.ditutup_baru) == (
        admin,
        "Gangguan jaringan di Kecamatan Maulafa.",
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 6),
    )
    assert periode.history.first().history_user == admin


def test_periode_buka_ulang_needs_a_reason_and_a_date_from_today(world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.periode_buka_ulang(
            actor=world.users["admin_instansi"], periode=periode, alasan="   ", ditutup_baru=datetime.date(2026, 4, 5)
        )
    assert exc.value.message_dict == {
        "alasan": ["Tuliskan alasan pembukaan ulang."],
        "ditutup_baru": ["Tanggal tutup baru paling awal hari ini (6 April 2026)."],
    }
    assert PembukaanUlang.objects.count() == 0
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 4, 1)


def test_periode_buka_ulang_refuses_a_period_that_is_not_closed(world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    with pytest.raises(ValidationError) as exc:
        services.periode_buka_ulang(
            actor=world.users["admin_instansi"], periode=periode, alasan="x", ditutup_baru=datetime.date(2026, 4, 20)
        )
    assert exc.value.messages == ["Hanya periode yang sudah ditutup yang dapat dibuka ulang."]


def test_periode_ubah_jendela_saves_the_window_with_history(world, jam):
    admin = world.users["admin_instansi"]
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    services.periode_ubah_jendela(
        actor=admin, periode=periode, dibuka=datetime.date(2026, 3, 15), ditutup=datetime.date(2026, 4, 15)
    )
    periode.refresh_from_db()
    assert (periode.dibuka, periode.ditutup) == (datetime.date(2026, 3, 15), datetime.date(2026, 4, 15))
    assert periode.history.first().history_user == admin


def test_periode_ubah_jendela_refuses_a_closed_period_and_a_reversed_window(world, jam):
    admin = world.users["admin_instansi"]
    ditutup = _periode(world, dibuka=datetime.date(2026, 1, 1), ditutup=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        services.periode_ubah_jendela(
            actor=admin, periode=ditutup, dibuka=datetime.date(2026, 1, 1), ditutup=datetime.date(2026, 12, 31)
        )
    assert exc.value.messages == [
        "Periode ini sudah ditutup. Untuk membukanya lagi gunakan Buka ulang dan tuliskan alasannya."
    ]
    terbuka = _periode(world, dibuka=datetime.date(2026, 6, 1), ditutup=datetime.date(2026, 7, 10), triwulan=2)
    with pytest.raises(ValidationError) as exc:
        services.periode_ubah_jendela(
            actor=admin, periode=terbuka, dibuka=datetime.date(2026, 7, 1), ditutup=datetime.date(2026, 6, 1)
        )
    assert exc.value.message_dict == {"ditutup": ["Tanggal tutup tidak boleh sebelum tanggal buka."]}


# -- screens ---------------------------------------------------------------------------------------------------------


def test_periode_list_creates_the_year_on_first_view_and_shows_status(client_for, world, jam):
    client = client_for(world.users["admin_instansi"])
    response = client.get(reverse("indikator:periode_list"), {"tahun": "2026"})
    assert response.status_code == 200
    assert Periode.objects.filter(instansi=world.instansi, tahun=2026).count() == 4
    statuses = [status.value for _p, status in response.context["baris"]]
    # 6 April 2026 in Kupang: TW I (1 March – 10 April) is open, the others have not opened.
    assert statuses == ["terbuka", "belum_dibuka", "belum_dibuka", "belum_dibuka"]
    body = response.content.decode()
    assert "Terbuka" in body
    assert "Belum dibuka" in body
    assert "1 Maret 2026" in body
    assert "10 April 2026" in body


def test_periode_list_with_a_nonsense_year_shows_the_current_year(client_for, world, jam):
    client = client_for(world.users["admin_instansi"])
    response = client.get(reverse("indikator:periode_list"), {"tahun": "dua ribu", "instansi": "x"})
    assert response.status_code == 200
    assert response.context["tahun"] == 2026
    assert response.context["instansi"] == world.instansi


def test_admin_closes_a_period_from_the_list(client_for, world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    client = client_for(world.users["admin_instansi"])
    response = client.post(reverse("indikator:periode_tutup", args=[periode.pk]), follow=True)
    assert response.redirect_chain == [
        (f"{reverse('indikator:periode_list')}?instansi={world.instansi.pk}&tahun=2026", 302)
    ]
    assert "Periode TW I 2026 ditutup: pengisian terkunci mulai hari ini." in response.content.decode()
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 4, 5)
    # Closing again is refused with a message, not an error page.
    response = client.post(reverse("indikator:periode_tutup", args=[periode.pk]), follow=True)
    assert "Periode TW I 2026 sudah ditutup." in response.content.decode()


def test_admin_reopens_a_closed_period_and_the_log_shows_it(client_for, world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 1))
    client = client_for(world.users["admin_instansi"])
    url = reverse("indikator:periode_buka_ulang", args=[periode.pk])
    response = client.post(url, {"alasan": "  ", "ditutup_baru": "2026-04-03"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"alasan": ["Tuliskan alasan pembukaan ulang."]}
    response = client.post(url, {"alasan": "Server down", "ditutup_baru": "2026-04-05"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ditutup_baru": ["Tanggal tutup baru paling awal hari ini (6 April 2026)."]
    }
    response = client.post(url, {"alasan": "Server BKD mati dua hari", "ditutup_baru": "2026-04-09"}, follow=True)
    body = response.content.decode()
    assert "Periode TW I 2026 dibuka ulang sampai 9 April 2026." in body
    assert "Server BKD mati dua hari" in body
    assert "1 Apr 2026 → 9 Apr 2026" in body
    periode.refresh_from_db()
    assert periode.ditutup == datetime.date(2026, 4, 9)


def test_reopen_page_of_an_open_period_sends_back_to_the_list(client_for, world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    response = client_for(world.users["admin_instansi"]).get(
        reverse("indikator:periode_buka_ulang", args=[periode.pk]), follow=True
    )
    assert "Periode TW I 2026 belum ditutup: tidak perlu dibuka ulang." in response.content.decode()


def test_admin_edits_the_window(client_for, world, jam):
    periode = _periode(world, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 10))
    client = client_for(world.users["admin_instansi"])
    url = reverse("indikator:periode_edit", args=[periode.pk])
    response = client.post(url, {"dibuka": "2026-03-10", "ditutup": "2026-03-01"})
    assert response.context["form"].errors == {"ditutup": ["Tanggal tutup tidak boleh sebelum tanggal buka."]}
    response = client.post(url, {"dibuka": "2026-03-10", "ditutup": "2026-04-20"})
    assert response.status_code == 302
    periode.refresh_from_db()
    assert (periode.dibuka, periode.ditutup) == (datetime.date(2026, 3, 10), datetime.date(2026, 4, 20))


def test_admin_of_another_instansi_gets_404_on_this_instansis_period(client_for, world):
    periode = buat_periode(instansi=world.instansi, tahun=2026, triwulan=1, status="terbuka")
    client = client_for(world.users["admin_lain"])
    assert client.post(reverse("indikator:periode_tutup", args=[periode.pk])).status_code == 404
    assert client.get(reverse("indikator:periode_list"), {"instansi": world.instansi.pk}).context["instansi"] == (
        world.instansi_lain
    )
    periode.refresh_from_db()
    assert services.periode_terbuka(periode=periode) is True
