"""The hourly job: overdue complaints are flagged and escalated once, answered ones close after 10 working days."""

import datetime

from django.core import mail

from pengaduan import eskalasi, services, services_pelapor
from pengaduan.models import Eskalasi, Pengaduan
from pengaduan.tasks import periksa_tenggat
from tests.conftest import wita

S = Pengaduan.Status


def _opd_head_with_login(world):
    from tests.factories import UserFactory

    kepala = world.pegawai_lain
    kepala.user = UserFactory(username="kadis", email="kadis@kota-uji.go.id")
    kepala.save()
    world.opd.kepala = kepala
    world.opd.save()
    world.users["petugas_pengaduan"].email = "petugas@kota-uji.go.id"
    world.users["petugas_pengaduan"].save()


def test_overdue_verification_is_flagged_and_escalated_to_the_petugas_once(
    ajukan, jam, world, django_capture_on_commit_callbacks
):
    _opd_head_with_login(world)
    jam(2026, 8, 14, 10)
    pengaduan, _kode = ajukan(judul='Antrean <script>alert("x")</script> KTP')
    jam(2026, 8, 20, 23)  # still the due day
    with django_capture_on_commit_callbacks(execute=True):
        assert eskalasi.tenggat_periksa()["terlambat"] == 0
    jam(2026, 8, 21, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        hasil = eskalasi.tenggat_periksa()
    assert hasil == {"diperiksa": 1, "terlambat": 1, "dieskalasi": 1, "ditutup": 0}
    pengaduan.refresh_from_db()
    assert pengaduan.terlambat_sejak == wita(2026, 8, 21, 0, 5)
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["petugas@kota-uji.go.id"]  # verification is the Petugas' step, not the OPD's
    assert pesan.alternatives == []  # plain text only
    assert '<script>alert("x")</script>' in pesan.body  # shown as typed, never as markup or entities
    assert "&lt;" not in pesan.body
    assert "Maria Ndun" not in pesan.body and "0812" not in pesan.body
    assert pesan.subject.startswith("[Kinerja] Pengaduan PGD-2026-")
    # The next hourly run sends nothing more.
    jam(2026, 8, 21, 1, 5)
    with django_capture_on_commit_callbacks(execute=True):
        hasil = periksa_tenggat.delay().get()
    assert hasil["dieskalasi"] == 0
    assert len(mail.outbox) == 1
    assert Eskalasi.objects.count() == 1


def test_overdue_response_escalates_to_the_opd_head_and_the_petugas(
    ajukan, jam, world, sampai, django_capture_on_commit_callbacks
):
    _opd_head_with_login(world)
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    assert pengaduan.tenggat_respons == datetime.date(2026, 10, 12)
    jam(2026, 10, 13, 8)
    with django_capture_on_commit_callbacks(execute=True):
        eskalasi.tenggat_periksa()
    assert mail.outbox[0].to == ["petugas@kota-uji.go.id", "kadis@kota-uji.go.id"]
    assert list(Eskalasi.objects.values_list("tahap", "tenggat")) == [("respons", datetime.date(2026, 10, 12))]


def test_answered_complaint_closes_after_ten_working_days_without_dispute(ajukan, jam, sampai):
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.SELESAI)  # answered Monday 5 October
    assert pengaduan.tenggat_tutup == datetime.date(2026, 10, 19)
    jam(2026, 10, 19, 23)
    assert eskalasi.tenggat_periksa()["ditutup"] == 0
    jam(2026, 10, 20, 0, 5)
    assert eskalasi.tenggat_periksa()["ditutup"] == 1
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.DITUTUP
    langkah = pengaduan.riwayat_set.last()
    assert (langkah.dari_status, langkah.ke_status, langkah.oleh_sistem) == (S.SELESAI, S.DITUTUP, True)
    assert eskalasi.tenggat_periksa()["ditutup"] == 0


def test_a_disputed_answer_is_not_closed(ajukan, jam, sampai):
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.SELESAI)
    services_pelapor.pengaduan_reply(pengaduan=pengaduan, pesan="Belum selesai.")
    jam(2026, 11, 30, 9)
    assert eskalasi.tenggat_periksa()["ditutup"] == 0
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.DITINDAKLANJUTI


def test_the_flag_clears_when_the_complaint_is_handled(ajukan, jam, petugas):
    jam(2026, 10, 5, 9)
    pengaduan, _kode = ajukan()
    jam(2026, 10, 9, 9)
    eskalasi.tenggat_periksa()
    pengaduan.refresh_from_db()
    assert pengaduan.terlambat_sejak is not None
    services.pengaduan_hold(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, alasan="Menunggu KK")
    eskalasi.tenggat_periksa()
    pengaduan.refresh_from_db()
    assert pengaduan.terlambat_sejak is None
