"""The two beat jobs: reports at quarter close (and the admins told once they are ready), and retention."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from indikator.models import Periode
from kinerja.celery import app
from laporan import services, services_penutupan
from laporan.models import BerkasLaporan, Laporan, PenutupanTriwulan
from laporan.tasks import hapus_kedaluwarsa, tutup_triwulan
from opd.models import PeranPengguna
from tests.factories import InstansiFactory, OpdFactory

from .conftest import TAHUN, buat_iku

UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def test_beat_schedules_both_jobs():
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"kinerja.laporan.tutup_triwulan", "kinerja.laporan.hapus_kedaluwarsa"} <= schedule
    assert tutup_triwulan.name == "kinerja.laporan.tutup_triwulan"
    assert hapus_kedaluwarsa.name == "kinerja.laporan.hapus_kedaluwarsa"
    # Light work stays on the default queue; only rendering goes to `reports`.
    assert app.amqp.router.route({}, tutup_triwulan.name)["queue"].name == "default"


@pytest.fixture
def penutupan(world, data_laporan):
    """TW II 2026 of world.instansi (WITA) closes at the end of 10 July; its admins have email addresses."""
    for role, email in (("admin_instansi", "admin@kupangkota.go.id"), ("admin_bkn", "kanreg@bkn.go.id")):
        user = world.users[role]
        user.email = email
        user.save()
    world.users["admin_lain"].email = "admin@lain.go.id"
    world.users["admin_lain"].save()
    return Periode.objects.create(
        instansi=world.instansi,
        tahun=TAHUN,
        triwulan=2,
        dibuka=datetime.date(2026, 6, 1),
        ditutup=datetime.date(2026, 7, 10),
    )


@pytest.mark.django_db
def test_quarter_close_generates_each_opds_report_and_the_recap_then_emails_the_admins(
    world, penutupan, django_capture_on_commit_callbacks
):
    # 15:59 UTC on 10 July is 23:59 WITA: the window is still open.
    with django_capture_on_commit_callbacks(execute=True):
        assert services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 15, 59)) == []
    assert not Laporan.objects.exists()

    # 16:00 UTC is midnight WITA: closed.
    with django_capture_on_commit_callbacks(execute=True):
        hasil = services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0))
    assert [(p.periode, p.ditutup) for p in hasil] == [(penutupan, datetime.date(2026, 7, 10))]
    jobs = list(Laporan.objects.order_by("jenis", "opd__nama"))
    assert [(j.jenis, j.opd, j.triwulan, j.diminta_oleh, j.status) for j in jobs] == [
        ("capaian_triwulan_opd", world.opd, 2, None, "selesai"),
        ("capaian_triwulan_opd", world.opd_lain, 2, None, "selesai"),
        ("rekap_instansi", None, 2, None, "selesai"),
    ]
    assert all(j.penutupan == hasil[0] for j in jobs)
    hasil[0].refresh_from_db()
    assert hasil[0].diberitahu_pada is not None

    assert sorted(m.to[0] for m in mail.outbox) == ["admin@kupangkota.go.id", "kanreg@bkn.go.id"]
    message = mail.outbox[0]
    assert message.subject == "Laporan akhir TW II 2026 Pemerintah Kota Uji siap diunduh"
    assert "Pengisian realisasi TW II 2026 Pemerintah Kota Uji telah ditutup pada 10/07/2026." in message.body
    assert "- Laporan Capaian Kinerja Triwulan – Dinas Kependudukan dan Pencatatan Sipil: siap" in message.body
    assert "- Laporan Capaian Kinerja Triwulan – Dinas Kesehatan: siap" in message.body
    assert "- Rekap Kinerja Instansi – Pemerintah Kota Uji: siap" in message.body
    assert message.body.rstrip().endswith("/laporan/")

    # Running again (the beat runs every hour) changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 11, 3, 0)) == []
    assert Laporan.objects.count() == 3
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_reopened_and_closed_again_gives_new_reports(world, penutupan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0))
    penutupan.ditutup = datetime.date(2026, 7, 20)
    penutupan.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 15, 16, 0)) == []
        hasil = services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 20, 16, 0))
    assert len(hasil) == 1
    assert PenutupanTriwulan.objects.count() == 2
    assert Laporan.objects.count() == 6
    # The data did not change between the two closings: the second batch reuses the stored files.
    assert Laporan.objects.filter(dari_cache=True).count() == 3
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_quarter_close_follows_each_instansis_own_midnight(world, django_capture_on_commit_callbacks):
    surabaya = InstansiFactory(kode="kota-surabaya", nama="Pemerintah Kota Surabaya", zona_waktu="Asia/Jakarta")
    buat_iku(OpdFactory(instansi=surabaya), "IKU-01", "Waktu tunggu")
    for instansi in (world.instansi, surabaya):
        Periode.objects.create(
            instansi=instansi,
            tahun=TAHUN,
            triwulan=2,
            dibuka=datetime.date(2026, 6, 1),
            ditutup=datetime.date(2026, 7, 10),
        )
    with django_capture_on_commit_callbacks(execute=True):
        wita = services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 30))  # 00.30 WITA, 23.30 WIB
        wib = services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 17, 0))  # 00.00 WIB
    assert [p.periode.instansi for p in wita] == [world.instansi]
    assert [p.periode.instansi for p in wib] == [surabaya]
    # world.instansi has no IKU: only its recap.
    assert list(Laporan.objects.filter(instansi=world.instansi).values_list("jenis", flat=True)) == ["rekap_instansi"]


@pytest.mark.django_db
def test_quarter_close_ignores_periods_closed_long_ago(world, django_capture_on_commit_callbacks):
    Periode.objects.create(
        instansi=world.instansi,
        tahun=2025,
        triwulan=1,
        dibuka=datetime.date(2025, 3, 1),
        ditutup=datetime.date(2025, 4, 10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0)) == []


@pytest.mark.django_db
def test_no_email_until_every_report_of_the_closing_is_finished(world, penutupan, monkeypatch):
    from laporan.tasks import render_laporan

    monkeypatch.setattr(render_laporan, "delay", lambda **kwargs: None)  # the reports worker has not run yet
    monkeypatch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
    [hasil] = services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0))
    assert services_penutupan.penutupan_beritahu(penutupan_id=hasil.pk) is False
    Laporan.objects.filter(penutupan=hasil).update(status="selesai")
    first = Laporan.objects.filter(penutupan=hasil).first()
    Laporan.objects.filter(pk=first.pk).update(status="gagal", alasan_gagal="Waktu pembuatan laporan habis.")
    assert services_penutupan.penutupan_beritahu(penutupan_id=hasil.pk) is True
    assert services_penutupan.penutupan_beritahu(penutupan_id=hasil.pk) is False  # once
    assert len(mail.outbox) == 2
    assert "gagal: Waktu pembuatan laporan habis." in mail.outbox[0].body


# -- retention -------------------------------------------------------------------------------------------------------


def _berkas(world, kunci, dipakai):
    berkas = BerkasLaporan(
        instansi=world.instansi,
        kunci=kunci,
        versi_data="a" * 64,
        format="pdf",
        judul=kunci,
        ukuran=8,
        dibuat_pada=dipakai,
        terakhir_dipakai=dipakai,
    )
    berkas.berkas.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return berkas


def _job(world, diminta, berkas):
    return Laporan.objects.create(
        jenis="rekap_instansi",
        bahasa="id",
        instansi=world.instansi,
        tahun=TAHUN,
        triwulan=1,
        status="selesai",
        berkas=berkas,
        diminta_pada=diminta,
        diminta_oleh=world.users["admin_instansi"],
    )


@pytest.mark.django_db
def test_retention_removes_old_jobs_and_files_no_recent_job_uses(world, settings, django_capture_on_commit_callbacks):
    settings.LAPORAN_RETENSI_HARI = 90
    now = timezone.now()
    lama = now - datetime.timedelta(days=91)
    baru = now - datetime.timedelta(days=10)
    a = _berkas(world, "a", lama)  # only an old job uses it: removed with its file
    b = _berkas(world, "b", baru)  # rendered long ago but served again recently: kept
    c = _berkas(world, "c", lama)  # unused and old: removed
    job_lama = _job(world, lama, a)
    job_lama_b = _job(world, lama, b)
    job_baru = _job(world, baru, b)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.laporan_hapus_kedaluwarsa(sekarang=now) == (2, 2)
    assert list(Laporan.objects.values_list("pk", flat=True)) == [job_baru.pk]
    assert list(BerkasLaporan.objects.values_list("pk", flat=True)) == [b.pk]
    assert not default_storage.exists(a.berkas.name)
    assert not default_storage.exists(c.berkas.name)
    assert default_storage.exists(b.berkas.name)
    assert not Laporan.objects.filter(pk__in=[job_lama.pk, job_lama_b.pk]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert hapus_kedaluwarsa.delay().get() == [0, 0]  # idempotent


@pytest.mark.django_db
def test_admins_of_another_instansi_are_not_told(world, penutupan, django_capture_on_commit_callbacks):
    PeranPengguna.objects.filter(user=world.users["admin_bkn"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0))
    assert [m.to for m in mail.outbox] == [["admin@kupangkota.go.id"]]


@pytest.mark.django_db
def test_a_failed_notification_is_sent_again_by_the_next_hourly_run(
    world, penutupan, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    calls = {"n": 0}
    real_send = EmailBackend.send_messages

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("SMTP tidak menjawab")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 16, 0))
    [p] = PenutupanTriwulan.objects.all()
    assert p.diberitahu_pada is None and mail.outbox == []
    assert Laporan.objects.filter(status="selesai").count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert services_penutupan.laporan_tutup_triwulan(sekarang=utc(2026, 7, 10, 17, 20)) == []
    p.refresh_from_db()
    assert p.diberitahu_pada is not None
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_daily_cleanup_fails_jobs_stuck_in_the_queue(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    macet = Laporan.objects.create(
        jenis="rekap_instansi",
        bahasa="id",
        instansi=world.instansi,
        tahun=TAHUN,
        triwulan=1,
        diminta_pada=now - datetime.timedelta(hours=7),
    )
    baru = Laporan.objects.create(
        jenis="rekap_instansi",
        bahasa="id",
        instansi=world.instansi,
        tahun=TAHUN,
        triwulan=2,
        diminta_pada=now - datetime.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_hapus_kedaluwarsa(sekarang=now)
    macet.refresh_from_db()
    baru.refresh_from_db()
    assert (macet.status, macet.alasan_gagal) == (
        "gagal",
        "Laporan tidak selesai dibuat dalam 6 jam. Silakan minta lagi.",
    )
    assert baru.status == "antri"
