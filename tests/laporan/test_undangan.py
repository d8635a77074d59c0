"""A closed complaint sends its reporter, when the contact given is an e-mail address, a one-time link to the survey
of the OPD that handled it: closed by the reporter (solved, or not solved) or by the hourly job."""

import pytest
from django.urls import reverse

from pengaduan import services, services_pelapor
from pengaduan.eskalasi import tenggat_periksa
from pengaduan.models import Pengaduan
from survei.models import UndanganSurvei

S = Pengaduan.Status


@pytest.fixture
def dijawab(world, jam):
    """File a complaint and take it to Selesai through the real services."""

    def _dijawab(kontak: str = "maria@example.org", opd=None):
        jam(2026, 8, 3, 9)
        petugas, tim = world.users["petugas_pengaduan"], world.users["tim_evaluasi"]
        p, _kode = services_pelapor.pengaduan_file(
            instansi=world.instansi, kategori="adminduk", judul="KTP-el", isi="Belum jadi.", kontak_pelapor=kontak
        )
        p = services.pengaduan_verify(actor=petugas, pengaduan=p, versi=p.versi)
        p = services.pengaduan_route(actor=petugas, pengaduan=p, versi=p.versi, opd=opd or world.opd)
        return services.pengaduan_answer(actor=tim, pengaduan=p, versi=p.versi, jawaban="Sudah dicetak.")

    return _dijawab


def test_closing_as_solved_emails_a_one_time_link(dijawab, world, mailoutbox, django_capture_on_commit_callbacks):
    pengaduan = dijawab()
    with django_capture_on_commit_callbacks(execute=True):
        services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=5, terselesaikan=True)
    undangan = UndanganSurvei.objects.get()
    assert (undangan.opd, undangan.asal, undangan.dikirim_ke) == (world.opd, pengaduan.nomor, "maria@example.org")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["maria@example.org"]
    assert reverse("survei:undangan", args=[undangan.token]) in mail.body
    assert world.opd.nama in mail.subject


def test_closing_as_not_solved_also_invites(dijawab, mailoutbox, django_capture_on_commit_callbacks):
    pengaduan = dijawab()
    with django_capture_on_commit_callbacks(execute=True):
        services_pelapor.pengaduan_mark_unresolved(pengaduan=pengaduan)
    assert UndanganSurvei.objects.count() == 1
    assert len(mailoutbox) == 1


def test_closing_by_the_hourly_job_invites_once(dijawab, jam, mailoutbox, django_capture_on_commit_callbacks):
    dijawab()
    jam(2026, 8, 19, 9)
    with django_capture_on_commit_callbacks(execute=True):
        assert tenggat_periksa()["ditutup"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        tenggat_periksa()
    assert UndanganSurvei.objects.count() == 1
    assert len(mailoutbox) == 1


def test_no_invitation_without_an_email_contact(dijawab, mailoutbox, django_capture_on_commit_callbacks):
    for kontak in ("0812-3456-7890", ""):
        pengaduan = dijawab(kontak=kontak)
        with django_capture_on_commit_callbacks(execute=True):
            services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=4, terselesaikan=True)
    assert not UndanganSurvei.objects.exists()
    assert mailoutbox == []


def test_no_invitation_before_the_complaint_closes(dijawab, mailoutbox, django_capture_on_commit_callbacks):
    pengaduan = dijawab()
    with django_capture_on_commit_callbacks(execute=True):
        services_pelapor.pengaduan_reopen(pengaduan=pengaduan, alasan="Belum.")
    assert not UndanganSurvei.objects.exists()
    assert mailoutbox == []
