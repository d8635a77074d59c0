"""Notifications: created per user's choice, once per event, read and marked in the application, gathered into one
daily email in Bahasa Indonesia with a signed link per kind that stops its emails without signing in."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from opd import notifikasi
from opd.models import JenisNotifikasi, Notifikasi, PreferensiNotifikasi
from opd.tasks import ringkasan

J = JenisNotifikasi
Saluran = PreferensiNotifikasi.Saluran


@pytest.fixture
def asn(world):
    user = world.users["asn"]
    user.email = "asn@kota-uji.go.id"
    user.save()
    return user


def test_beri_tahu_follows_each_users_choice(world, asn):
    tim = world.users["tim_evaluasi"]
    pimpinan = world.users["pimpinan_opd"]
    PreferensiNotifikasi.objects.create(user=tim, jenis=J.LAPORAN_SIAP, saluran=Saluran.APLIKASI)
    PreferensiNotifikasi.objects.create(user=pimpinan, jenis=J.LAPORAN_SIAP, saluran=Saluran.MATI)
    n = notifikasi.beri_tahu(users=[asn, tim.pk, pimpinan, None], jenis=J.LAPORAN_SIAP, teks="Laporan  siap\nx")
    assert n == 2
    rows = {r.user_id: r for r in Notifikasi.objects.all()}
    assert set(rows) == {asn.pk, tim.pk}
    assert rows[asn.pk].kirim_email is True and rows[tim.pk].kirim_email is False
    assert rows[asn.pk].teks == "Laporan siap x"  # one line


def test_an_event_with_a_key_is_notified_once(world, asn):
    for _ in range(2):
        notifikasi.beri_tahu(users=[asn], jenis=J.JENDELA_DIBUKA, teks="Dibuka", kunci="periode:1:dibuka")
    assert Notifikasi.objects.count() == 1
    notifikasi.beri_tahu(users=[asn], jenis=J.JENDELA_DIBUKA, teks="Dibuka lagi")
    notifikasi.beri_tahu(users=[asn], jenis=J.JENDELA_DIBUKA, teks="Dibuka lagi")
    assert Notifikasi.objects.count() == 3  # without a key every call is an event


def test_the_digest_gathers_many_events_into_one_email_in_bahasa_indonesia(world, asn, settings):
    settings.SITE_URL = "https://kinerja.kupangkota.go.id"
    notifikasi.beri_tahu(
        users=[asn], jenis=J.UMPAN_BALIK, teks="Penilaian TW I 2026 Anda sudah final.", tautan="/kinerja/"
    )
    notifikasi.beri_tahu(users=[asn], jenis=J.UMPAN_BALIK, teks="Penilaian TW II 2026 Anda sudah final.")
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="Laporan siap diunduh: Rekap", tautan="/laporan/7/")
    notifikasi.beri_tahu(users=[world.users["tim_evaluasi"]], jenis=J.LAPORAN_SIAP, teks="tanpa alamat email")
    with translation.override("en"):
        assert ringkasan.delay().get() == 1
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["asn@kota-uji.go.id"]
    assert pesan.subject == "Kinerja: 3 pemberitahuan baru"
    assert "Ada 3 pemberitahuan baru untuk Anda di Kinerja." in pesan.body
    assert "== Umpan balik menunggu tanda terima ==" in pesan.body
    assert "== Laporan siap diunduh ==" in pesan.body
    assert "- Penilaian TW I 2026 Anda sudah final.\n  https://kinerja.kupangkota.go.id/kinerja/" in pesan.body
    assert "https://kinerja.kupangkota.go.id/laporan/7/" in pesan.body
    assert (
        pesan.body.count("Berhenti menerima email jenis ini: https://kinerja.kupangkota.go.id/notifikasi/berhenti/")
        == 2
    )
    assert not Notifikasi.objects.filter(user=asn, diemail__isnull=True).exists()
    # Run again: nothing new, nothing sent.
    assert ringkasan.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_kind_shown_in_the_application_only_is_not_emailed(world, asn):
    PreferensiNotifikasi.objects.create(user=asn, jenis=J.LAPORAN_SIAP, saluran=Saluran.APLIKASI)
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="Laporan siap")
    assert ringkasan.delay().get() == 0
    assert mail.outbox == []
    assert Notifikasi.objects.get().dibaca is None  # still in the application


def _tautan_berhenti(body: str) -> str:
    return re.search(r"https?://\S+/notifikasi/berhenti/\S+/", body).group(0)


def test_the_unsubscribe_link_works_without_signing_in_and_only_for_its_kind(client, world, asn, settings):
    settings.SITE_URL = "http://testserver"
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="Laporan siap")
    ringkasan.delay().get()
    url = _tautan_berhenti(mail.outbox[0].body).removeprefix("http://testserver")
    halaman = client.get(url)
    assert halaman.status_code == 200
    assert "Berhenti menerima email untuk pemberitahuan" in halaman.content.decode()
    assert not PreferensiNotifikasi.objects.exists()  # a GET (a mail scanner) changes nothing
    assert client.post(url).status_code == 200
    assert PreferensiNotifikasi.objects.get(user=asn, jenis=J.LAPORAN_SIAP).saluran == Saluran.APLIKASI
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="Laporan lain siap")
    notifikasi.beri_tahu(users=[asn], jenis=J.UMPAN_BALIK, teks="Umpan balik")
    ringkasan.delay().get()
    assert "Umpan balik" in mail.outbox[1].body and "Laporan lain siap" not in mail.outbox[1].body
    assert Notifikasi.objects.filter(teks="Laporan lain siap").exists()


def test_an_altered_unsubscribe_token_is_a_404(client, world, asn):
    token = notifikasi.token_berhenti(user_id=asn.pk, jenis=J.LAPORAN_SIAP)
    lain = notifikasi.token_berhenti(user_id=asn.pk + 1, jenis=J.LAPORAN_SIAP)
    palsu = lain.split(":")[0] + ":" + token.split(":", 1)[1]
    assert client.get(reverse("opd:notifikasi_berhenti", args=[palsu])).status_code == 404
    assert client.post(reverse("opd:notifikasi_berhenti", args=["bukan-token"])).status_code == 404
    assert not PreferensiNotifikasi.objects.exists()


def test_the_bell_counts_the_unread_in_one_query(client, world, asn, django_assert_num_queries):
    client.force_login(asn)
    for i in range(3):
        notifikasi.beri_tahu(users=[asn], jenis=J.UMPAN_BALIK, teks=f"Umpan balik {i}")
    notifikasi.beri_tahu(users=[world.users["tim_evaluasi"]], jenis=J.UMPAN_BALIK, teks="bukan untuk ASN")
    # Session, user, scope (two), zone; then the count.
    with django_assert_num_queries(6):
        html = client.get(reverse("opd:notifikasi_jumlah")).content.decode()
    assert ">3</span>" in html and "3 pemberitahuan belum dibaca" in html
    home = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("opd:notifikasi_jumlah")}"' in home


def test_the_list_marks_read_one_or_all_and_never_anothers(client, world, asn):
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="Laporan siap", tautan="/laporan/")
    notifikasi.beri_tahu(users=[asn], jenis=J.UMPAN_BALIK, teks="Umpan balik")
    notifikasi.beri_tahu(users=[world.users["tim_evaluasi"]], jenis=J.UMPAN_BALIK, teks="Milik tim")
    milik_tim = Notifikasi.objects.get(teks="Milik tim")
    client.force_login(asn)
    html = client.get(reverse("opd:notifikasi")).content.decode()
    assert "Laporan siap" in html and "Umpan balik" in html and "Milik tim" not in html
    assert client.post(reverse("opd:notifikasi_baca", args=[milik_tim.pk])).status_code == 404
    laporan = Notifikasi.objects.get(teks="Laporan siap")
    response = client.post(reverse("opd:notifikasi_baca", args=[laporan.pk]))
    assert response["Location"] == "/laporan/"
    assert Notifikasi.objects.filter(user=asn, dibaca__isnull=True).count() == 1
    client.post(reverse("opd:notifikasi_baca_semua"))
    assert Notifikasi.objects.filter(user=asn, dibaca__isnull=True).count() == 0
    milik_tim.refresh_from_db()
    assert milik_tim.dibaca is None


def test_a_link_to_another_site_is_not_followed(client, world, asn):
    notifikasi.beri_tahu(users=[asn], jenis=J.LAPORAN_SIAP, teks="x", tautan="https://contoh.example/")
    client.force_login(asn)
    response = client.post(reverse("opd:notifikasi_baca", args=[Notifikasi.objects.get().pk]))
    assert response["Location"] == reverse("opd:notifikasi")


def test_preferences_are_saved_and_a_bad_choice_is_a_form_error(client, world, asn):
    client.force_login(asn)
    data = {j.value: Saluran.APLIKASI_EMAIL for j in J} | {J.LAPORAN_SIAP: Saluran.MATI}
    assert client.post(reverse("opd:notifikasi_preferensi"), data).status_code == 302
    assert notifikasi.preferensi_for_user(user=asn)[J.LAPORAN_SIAP] == Saluran.MATI
    response = client.post(reverse("opd:notifikasi_preferensi"), data | {J.UMPAN_BALIK: "semua"})
    assert response.status_code == 200
    assert "Pilih salah satu pilihan yang tersedia." in response.content.decode()
    assert response.context["form"].errors == {J.UMPAN_BALIK: ["Pilih salah satu pilihan yang tersedia."]}
