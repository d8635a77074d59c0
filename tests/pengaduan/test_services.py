"""The complaint workflow: states, who may take each step, deadlines in working days, holds and the reporter."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opd import services as opd_services
from opd.models import HariLibur
from pengaduan import services, services_pelapor
from pengaduan.kode import hash_kode
from pengaduan.models import Jeda, Pengaduan, RiwayatPengaduan
from tests.factories import PegawaiFactory

S = Pengaduan.Status
D = datetime.date


def test_file_keeps_only_the_hash_of_the_code_and_sets_the_verification_deadline(ajukan, jam):
    jam(2026, 8, 14, 10)  # Friday; Monday 17 August is Independence Day
    pengaduan, kode = ajukan()
    assert pengaduan.status == S.DITERIMA
    assert pengaduan.kode_hash == hash_kode(kode)
    assert not Pengaduan.objects.filter(kode_hash__icontains=kode.replace("-", "")).exists()
    assert pengaduan.tanggal_diterima == D(2026, 8, 14)
    assert pengaduan.tenggat_verifikasi == D(2026, 8, 20)
    assert pengaduan.tenggat_respons is None
    assert list(pengaduan.riwayat_set.values_list("dari_status", "ke_status", "oleh_pelapor")) == [
        ("", S.DITERIMA, True)
    ]


def test_dates_are_taken_in_the_instansi_zone(ajukan, jam, world):
    # Thursday 13 August 23:30 UTC is already Friday 07:30 in Kupang (WITA).
    jam(datetime.datetime(2026, 8, 13, 23, 30, tzinfo=datetime.UTC))
    pengaduan, _kode = ajukan()
    assert pengaduan.tanggal_diterima == D(2026, 8, 14)
    assert pengaduan.tenggat_verifikasi == D(2026, 8, 20)


def test_whole_workflow_keeps_every_step_with_who_and_note(ajukan, jam, petugas, tim, world):
    jam(2026, 10, 5, 9)
    pengaduan, _kode = ajukan()
    pengaduan = services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=1, catatan="Lengkap.")
    jam(2026, 10, 5, 11)
    pengaduan = services.pengaduan_route(actor=petugas, pengaduan=pengaduan, versi=2, opd=world.opd)
    assert pengaduan.tenggat_respons == D(2026, 10, 12)
    assert pengaduan.tenggat_penyelesaian == D(2026, 12, 4)  # 60 calendar days after verification
    jam(2026, 10, 6, 9)
    pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=3, tanggapan="Kami cek.")
    jam(2026, 10, 8, 14)
    pengaduan = services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=4, jawaban="Sudah dicetak.")
    assert pengaduan.status == S.SELESAI
    assert pengaduan.tenggat_tutup == D(2026, 10, 22)
    jam(2026, 10, 9, 8)
    pengaduan = services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=5, terselesaikan=True)
    assert pengaduan.status == S.DITUTUP
    langkah = list(
        RiwayatPengaduan.objects.filter(pengaduan=pengaduan).values_list(
            "dari_status", "ke_status", "oleh__username", "oleh_pelapor", "catatan"
        )
    )
    assert langkah == [
        ("", S.DITERIMA, None, True, ""),
        (S.DITERIMA, S.DIVERIFIKASI, "petugas", False, "Lengkap."),
        (S.DIVERIFIKASI, S.DIDISPOSISIKAN, "petugas", False, ""),
        (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, "tim", False, "Kami cek."),
        (S.DITINDAKLANJUTI, S.SELESAI, "tim", False, "Sudah dicetak."),
        (S.SELESAI, S.DITUTUP, None, True, "Penilaian 5 dari 5; masalah terselesaikan."),
    ]


def test_response_time_counts_working_days_from_routing(ajukan, jam, petugas, tim, world, sampai):
    jam(2026, 10, 5, 9)  # Monday
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(2026, 10, 7, 15)  # Wednesday
    pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan="Ok")
    assert pengaduan.hari_respons == 2
    assert pengaduan.respons_tepat_waktu is True
    assert pengaduan.tanggal_respons == D(2026, 10, 7)
    # A later note does not change the first response.
    jam(2026, 10, 20, 15)
    pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan="Lagi")
    assert pengaduan.hari_respons == 2


def test_late_response_is_not_on_time(ajukan, jam, tim, sampai):
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(2026, 10, 13, 9)  # 6 working days later
    pengaduan = services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Maaf")
    assert pengaduan.hari_respons == 6
    assert pengaduan.respons_tepat_waktu is False


def test_ditunda_pauses_the_deadlines(ajukan, jam, petugas):
    jam(2026, 10, 5, 9)  # Monday: due Thursday 8th
    pengaduan, _kode = ajukan()
    jam(2026, 10, 6, 9)
    pengaduan = services.pengaduan_hold(actor=petugas, pengaduan=pengaduan, versi=1, alasan="Mohon kirim foto KK.")
    assert pengaduan.status == S.DITUNDA
    assert pengaduan.tenggat_verifikasi is None  # the clock is stopped
    assert pengaduan.tenggat_aktif is None
    jam(2026, 10, 9, 9)
    pengaduan = services.pengaduan_resume(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi)
    assert pengaduan.status == S.DITERIMA
    assert pengaduan.tenggat_verifikasi == D(2026, 10, 13)
    assert list(Jeda.objects.values_list("tanggal_mulai", "tanggal_selesai")) == [(D(2026, 10, 6), D(2026, 10, 9))]


def test_hold_returns_to_the_state_it_came_from_and_pauses_the_response_time(ajukan, jam, petugas, tim, sampai):
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(2026, 10, 6, 9)
    pengaduan = services.pengaduan_hold(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, alasan="Tunggu")
    jam(2026, 10, 12, 9)
    pengaduan = services.pengaduan_resume(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi)
    assert pengaduan.status == S.DIDISPOSISIKAN
    jam(2026, 10, 13, 9)
    pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan="Ok")
    # Tue 6 counts; Wed 7 … Mon 12 are on hold; Tue 13 counts.
    assert pengaduan.hari_respons == 2


def test_cuti_bersama_added_by_the_instansi_moves_open_deadlines(
    ajukan, jam, petugas, world, django_capture_on_commit_callbacks
):
    jam(2026, 12, 22, 9)  # Tuesday: Wed 23, Thu 24, (Fri 25 Christmas) Mon 28
    pengaduan, _kode = ajukan()
    assert pengaduan.tenggat_verifikasi == D(2026, 12, 28)
    with django_capture_on_commit_callbacks(execute=True):
        opd_services.hari_libur_add(
            actor=petugas, instansi=world.instansi, tanggal=D(2026, 12, 24), keterangan="Cuti bersama"
        )
    pengaduan.refresh_from_db()
    assert pengaduan.tenggat_verifikasi == D(2026, 12, 29)
    libur = HariLibur.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        opd_services.hari_libur_delete(actor=petugas, hari_libur=libur)
    pengaduan.refresh_from_db()
    assert pengaduan.tenggat_verifikasi == D(2026, 12, 28)


def test_only_the_petugas_of_the_instansi_verifies(ajukan, world):
    pengaduan, _kode = ajukan()
    for role in ("tim_evaluasi", "pimpinan_opd", "admin_instansi", "admin_bkn", "asn", "admin_lain"):
        with pytest.raises(PermissionDenied):
            services.pengaduan_verify(actor=world.users[role], pengaduan=pengaduan, versi=1)


def test_only_the_team_of_the_routed_opd_answers(ajukan, sampai, world, petugas):
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN, opd=world.opd_lain)
    for user in (world.users["tim_evaluasi"], world.users["pimpinan_opd"], petugas, world.users["admin_instansi"]):
        with pytest.raises(PermissionDenied):
            services.pengaduan_answer(actor=user, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="x")


def test_stale_version_is_refused(ajukan, petugas):
    pengaduan, _kode = ajukan()
    services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=1)
    with pytest.raises(services.KonflikVersi):
        services.pengaduan_reject(actor=petugas, pengaduan=pengaduan, versi=1, alasan="Spam")


def test_wrong_state_is_refused(ajukan, petugas, world):
    pengaduan, _kode = ajukan()
    with pytest.raises(ValidationError):
        services.pengaduan_route(actor=petugas, pengaduan=pengaduan, versi=1, opd=world.opd)


def test_reject_and_not_authority_need_a_reason_the_reporter_reads(ajukan, petugas):
    pengaduan, _kode = ajukan()
    with pytest.raises(ValidationError):
        services.pengaduan_reject(actor=petugas, pengaduan=pengaduan, versi=1, alasan="  ")
    pengaduan = services.pengaduan_not_authority(
        actor=petugas, pengaduan=pengaduan, versi=1, alasan="Urusan BPJS Kesehatan, hubungi kantor cabang."
    )
    assert pengaduan.status == S.BUKAN_WEWENANG
    assert pengaduan.riwayat_set.last().publik
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_reply(pengaduan=pengaduan, pesan="Halo?")


def test_route_only_to_an_opd_of_the_same_instansi(ajukan, sampai, petugas, world):
    pengaduan = sampai(ajukan()[0], S.DIVERIFIKASI)
    with pytest.raises(ValidationError):
        services.pengaduan_route(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, opd=world.opd_instansi_lain)


def test_opd_gives_back_a_complaint_that_is_not_its_own(ajukan, sampai, jam, tim, petugas, world):
    jam(2026, 10, 5, 9)
    pengaduan = sampai(ajukan()[0], S.DIDISPOSISIKAN)
    jam(2026, 10, 8, 9)
    pengaduan = services.pengaduan_return(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, alasan="Urusan Dinkes")
    assert pengaduan.status == S.DIVERIFIKASI
    assert pengaduan.opd is None
    assert pengaduan.tenggat_verifikasi == D(2026, 10, 13)  # 3 working days again from the return
    pengaduan = services.pengaduan_route(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, opd=world.opd_lain)
    assert pengaduan.opd == world.opd_lain


def test_reporter_reply_on_an_answer_reopens_it(ajukan, sampai):
    pengaduan = sampai(ajukan()[0], S.SELESAI)
    assert pengaduan.tenggat_tutup is not None
    pengaduan = services_pelapor.pengaduan_reply(pengaduan=pengaduan, pesan="KTP belum saya terima.")
    assert pengaduan.status == S.DITINDAKLANJUTI
    assert pengaduan.dibantah
    assert pengaduan.tenggat_tutup is None
    langkah = pengaduan.riwayat_set.last()
    assert (langkah.dari_status, langkah.ke_status, langkah.oleh_pelapor) == (S.SELESAI, S.DITINDAKLANJUTI, True)


def test_rating_not_solved_reopens_and_a_new_answer_can_be_rated_again(ajukan, sampai, tim):
    pengaduan = sampai(ajukan()[0], S.SELESAI)
    pengaduan = services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=2, terselesaikan=False)
    assert pengaduan.status == S.DITINDAKLANJUTI
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=4, terselesaikan=True)
    pengaduan = services.pengaduan_answer(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Sudah.")
    pengaduan = services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=4, terselesaikan=True)
    assert (pengaduan.status, pengaduan.penilaian, pengaduan.terselesaikan) == (S.DITUTUP, 4, True)
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=5, terselesaikan=True)


def test_rating_is_one_to_five(ajukan, sampai):
    pengaduan = sampai(ajukan()[0], S.SELESAI)
    with pytest.raises(ValidationError):
        services_pelapor.pengaduan_rate(pengaduan=pengaduan, penilaian=6, terselesaikan=True)


def test_reporter_choice_of_anonim_and_rahasia_cannot_be_undone(ajukan, petugas):
    pengaduan, _kode = ajukan(anonim=True)
    with pytest.raises(ValidationError):
        services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=1, anonim=False)
    pengaduan = services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=1, rahasia=True)
    assert pengaduan.anonim and pengaduan.rahasia
    # The Petugas may undo their own choice.
    pengaduan = services.pengaduan_set_privacy(
        actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, anonim=True, rahasia=False
    )
    assert not pengaduan.rahasia


def test_an_asn_named_by_nip_is_linked(ajukan, world):
    pengaduan, _kode = ajukan(asn_dilaporkan=f"Petugas loket NIP {world.pegawai.nip} meminta uang")
    assert pengaduan.pegawai_terlapor == world.pegawai
    lain, _kode = ajukan(asn_dilaporkan=f"NIP {world.pegawai_instansi_lain.nip}")
    assert lain.pegawai_terlapor is None  # not this instansi's staff


def test_petugas_names_the_asn_at_verification(ajukan, petugas, world):
    pengaduan, _kode = ajukan(asn_dilaporkan="petugas loket berkacamata")
    pengaduan = services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=1, pegawai_terlapor=world.pegawai)
    assert pengaduan.pegawai_terlapor == world.pegawai
    lain = PegawaiFactory(opd=world.opd_instansi_lain)
    pengaduan2, _kode = ajukan()
    with pytest.raises(ValidationError):
        services.pengaduan_verify(actor=petugas, pengaduan=pengaduan2, versi=1, pegawai_terlapor=lain)


def test_event_date_in_the_future_is_refused(ajukan, jam):
    jam(2026, 10, 5, 9)
    with pytest.raises(ValidationError):
        ajukan(tanggal_kejadian=D(2026, 10, 6))


def test_suggested_opd_must_belong_to_the_instansi(ajukan, world):
    with pytest.raises(ValidationError):
        ajukan(opd_usulan=world.opd_instansi_lain)
