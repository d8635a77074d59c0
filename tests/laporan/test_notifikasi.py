"""Each kind of notification, from the event where it happens to the digest email (the in-memory mail backend):
windows opening and closing and values waiting too long (the daily job, on each instansi's own date), a value
returned, an evaluation final with feedback to acknowledge, a complaint overdue or escalated, a report ready."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from evaluasi import services as evaluasi_services
from evaluasi.models import Realisasi
from indikator.models import Periode
from laporan import notifikasi_harian
from laporan.tasks import notifikasi_harian as tugas_harian
from opd.models import JenisNotifikasi, Notifikasi
from opd.tasks import ringkasan
from tests.conftest import wita
from tests.evaluasi.test_recalc import make_indikator

J = JenisNotifikasi


@pytest.fixture
def alamat(world):
    for role, user in world.users.items():
        user.email = f"{role}@contoh.go.id"
        user.save()
    return world


def penerima(jenis) -> dict[str, str]:
    return dict(Notifikasi.objects.filter(jenis=jenis).values_list("user__username", "teks"))


def surat(username: str) -> str:
    (pesan,) = [m for m in mail.outbox if m.to == [f"{username}@contoh.go.id"]]
    return pesan.body


@pytest.mark.django_db
def test_a_window_opening_today_is_told_to_the_instansis_evaluation_roles(alamat, jam):
    world = alamat
    Periode.objects.create(instansi=world.instansi, tahun=2026, triwulan=4, dibuka="2026-12-01", ditutup="2027-01-10")
    jam(2026, 11, 30, 23, 0)  # still 30 November in Kupang
    assert tugas_harian.delay().get() == 0
    jam(2026, 12, 1, 6, 0)
    assert tugas_harian.delay().get() == 3
    assert tugas_harian.delay().get() == 0  # the same day again: nothing new
    teks = "Jendela pengisian realisasi TW IV 2026 dibuka hari ini sampai 10 Januari 2027."
    assert penerima(J.JENDELA_DIBUKA) == {"tim": teks, "pimpinan": teks, "admin": teks}
    ringkasan.delay().get()
    assert teks in surat("tim_evaluasi") and "== Jendela pengisian dibuka ==" in surat("tim_evaluasi")


@pytest.mark.django_db
@pytest.mark.parametrize(("hari", "sisa"), [(3, 7), (9, 1)])
def test_a_window_closing_in_seven_days_and_in_one_day_is_told(alamat, jam, hari, sisa):
    world = alamat
    Periode.objects.create(instansi=world.instansi, tahun=2026, triwulan=4, dibuka="2026-12-01", ditutup="2027-01-10")
    jam(2027, 1, hari, 6, 0)
    assert notifikasi_harian.notifikasi_harian() == 3
    teks = f"Jendela pengisian realisasi TW IV 2026 ditutup 10 Januari 2027 ({sisa} hari lagi)."
    assert set(penerima(J.JENDELA_DITUTUP).values()) == {teks}
    ringkasan.delay().get()
    assert teks in surat("pimpinan_opd")


@pytest.mark.django_db
def test_no_window_notice_on_other_days(alamat, jam):
    Periode.objects.create(instansi=alamat.instansi, tahun=2026, triwulan=4, dibuka="2026-12-01", ditutup="2027-01-10")
    jam(2027, 1, 5, 6, 0)
    assert notifikasi_harian.notifikasi_harian() == 0


@pytest.mark.django_db
def test_a_returned_value_is_told_to_the_evaluation_team(alamat):
    world = alamat
    ind = make_indikator(world.opd, "IKU-KTP")
    r = Realisasi.objects.create(indikator=ind, triwulan=2, nilai=5, status=Realisasi.Status.DIAJUKAN)
    evaluasi_services.realisasi_kembalikan(
        actor=world.users["pimpinan_opd"], realisasi=r, versi=r.versi, alasan="Bukti dukung belum diunggah."
    )
    teks = "Realisasi IKU-KTP TW II 2026 dikembalikan: Bukti dukung belum diunggah."
    assert penerima(J.REALISASI_DIKEMBALIKAN) == {"tim": teks}
    ringkasan.delay().get()
    body = surat("tim_evaluasi")
    assert teks in body
    assert reverse("evaluasi:grid", args=[world.opd.pk, 2026, 2]) + "?status=dikembalikan" in body


@pytest.mark.django_db
def test_the_team_member_who_returns_a_value_is_not_told_of_it(alamat):
    world = alamat
    ind = make_indikator(world.opd, "IKU-KTP")
    r = Realisasi.objects.create(indikator=ind, triwulan=2, nilai=5, status=Realisasi.Status.DIAJUKAN)
    evaluasi_services.realisasi_kembalikan(actor=world.users["tim_evaluasi"], realisasi=r, versi=r.versi, alasan="x")
    assert penerima(J.REALISASI_DIKEMBALIKAN) == {}


@pytest.mark.django_db
def test_values_waiting_more_than_five_working_days_are_told_to_the_opd(alamat, jam):
    world = alamat
    ind = make_indikator(world.opd, "IKU-A")
    lama = make_indikator(world.opd, "IKU-B")
    # Submitted on Monday 23 November (WITA): on Monday 30 November it has waited 5 working days, on Tuesday 6.
    for i in (ind, lama):
        Realisasi.objects.create(
            indikator=i, triwulan=3, nilai=5, status=Realisasi.Status.DIAJUKAN, diajukan_pada=wita(2026, 11, 23, 9)
        )
    Realisasi.objects.filter(indikator=ind).update(diajukan_pada=wita(2026, 11, 27, 9))
    jam(2026, 11, 30, 6)
    assert notifikasi_harian.notifikasi_harian() == 0
    jam(2026, 12, 1, 6)
    assert notifikasi_harian.notifikasi_harian() == 2
    teks = "1 realisasi menunggu verifikasi lebih dari 5 hari kerja."
    assert penerima(J.VERIFIKASI_TERTUNDA) == {"tim": teks, "pimpinan": teks}
    ringkasan.delay().get()
    assert teks in surat("pimpinan_opd")


def test_working_days_waited():
    from opd.hari_kerja import Kalender

    libur = Kalender(tambahan=frozenset({datetime.date(2026, 11, 25)}), nasional=False)
    assert notifikasi_harian.lama_menunggu(datetime.date(2026, 11, 23), datetime.date(2026, 11, 23), libur) == 0
    assert notifikasi_harian.lama_menunggu(datetime.date(2026, 11, 23), datetime.date(2026, 11, 24), libur) == 1
    assert notifikasi_harian.lama_menunggu(datetime.date(2026, 11, 23), datetime.date(2026, 11, 30), libur) == 4
    assert notifikasi_harian.lama_menunggu(datetime.date(2026, 11, 27), datetime.date(2026, 11, 30), libur) == 1
    assert notifikasi_harian.lama_menunggu(datetime.date(2026, 11, 30), datetime.date(2026, 11, 23), libur) == 0


@pytest.mark.django_db
def test_a_final_evaluation_asks_the_asn_to_acknowledge_its_feedback(alamat):
    from tests.penilaian.test_services import simpan

    world = alamat
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Sesuai target kerja.", finalkan=True)
    teks = "Penilaian TW I 2026 Anda sudah final: baca umpan baliknya dan beri tanda terima."
    assert penerima(J.UMPAN_BALIK) == {"asn": teks}
    ringkasan.delay().get()
    assert teks in surat("asn")


@pytest.mark.django_db
def test_an_escalated_complaint_and_the_days_overdue_complaints_are_told_to_the_petugas(
    alamat, jam, django_capture_on_commit_callbacks
):
    from pengaduan import eskalasi, services_pelapor

    world = alamat
    jam(2026, 8, 14, 10)
    pengaduan, _kode = services_pelapor.pengaduan_file(
        instansi=world.instansi,
        kategori="adminduk",
        judul="KTP-el belum jadi",
        isi="Sudah sebulan.",
        nama_pelapor="Maria Ndun",
        kontak_pelapor="0812",
        opd_usulan=world.opd,
    )
    jam(2026, 8, 21, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        eskalasi.tenggat_periksa()
    (teks,) = penerima(J.PENGADUAN_TERLAMBAT).values()
    assert teks == f"Pengaduan {pengaduan.nomor} melewati tenggat Verifikasi dan disposisi (20/08/2026) dan dieskalasi."
    jam(2026, 8, 21, 6, 0)
    notifikasi_harian.notifikasi_harian()
    assert sorted(Notifikasi.objects.filter(jenis=J.PENGADUAN_TERLAMBAT).values_list("teks", flat=True))[0] == (
        "1 pengaduan melewati tenggat dan perlu segera ditangani."
    )
    mail.outbox.clear()
    ringkasan.delay().get()
    body = surat("petugas_pengaduan")
    assert "1 pengaduan melewati tenggat dan perlu segera ditangani." in body and pengaduan.nomor in body
    assert "Maria Ndun" not in body


@pytest.mark.django_db
def test_a_report_ready_is_told_to_whoever_asked_for_it(alamat, data_laporan, django_capture_on_commit_callbacks):
    from laporan import services

    world = alamat
    with django_capture_on_commit_callbacks(execute=True):
        laporan = services.laporan_minta(
            actor=world.users["admin_instansi"],
            jenis="rekap_instansi",
            format="xlsx",
            instansi=world.instansi,
            tahun=2026,
            triwulan=2,
        )
    laporan.refresh_from_db()
    assert laporan.status == laporan.Status.SELESAI
    assert penerima(J.LAPORAN_SIAP) == {
        "admin": "Laporan siap diunduh: Rekap Kinerja Instansi, Pemerintah Kota Uji, TW II 2026"
    }
    ringkasan.delay().get()
    assert reverse("laporan:detail", args=[laporan.pk]) in surat("admin_instansi")
