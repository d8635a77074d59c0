"""Tugas saya: for every demo login, the home lists exactly the demo's pending items, nothing outside the user's
scope, with a query count that does not grow with the data."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi.models import Realisasi
from indikator.models import Indikator, TargetTriwulan
from laporan import tugas as t
from laporan.tugas import tugas_untuk
from opd.models import Opd, Peran, PeranPengguna
from tests.factories import OpdFactory

# The demo seen on Friday 4 December 2026 (WITA): TW IV's window is open until 10 January 2027.
TENGGAT = datetime.date(2027, 1, 10)

HARAPAN = {
    "tim.dukcapil": {
        ("Tim Evaluasi OPD", "Dinas Kependudukan dan Pencatatan Sipil"): {
            "belum_diisi": 11,
            "dikembalikan": 0,
            "menunggu_verifikasi": 0,
        },
        ("ASN", "Kinerja saya"): {"target_triwulan": 0, "umpan_balik": 0, "rencana_kerja": 0},
    },
    "tim.dinkes": {
        ("Tim Evaluasi OPD", "Dinas Kesehatan"): {"belum_diisi": 9, "dikembalikan": 0, "menunggu_verifikasi": 0},
        ("ASN", "Kinerja saya"): {"target_triwulan": 0, "umpan_balik": 0, "rencana_kerja": 0},
    },
    "pimpinan.dukcapil": {
        ("Pimpinan OPD", "Dinas Kependudukan dan Pencatatan Sipil"): {
            "verifikasi": 3,
            "penilaian_difinalkan": 1,
            "rencana_disetujui": 1,
        },
        ("ASN", "Kinerja saya"): {"target_triwulan": 0, "umpan_balik": 0, "rencana_kerja": 0},
    },
    "asn.dukcapil": {
        ("ASN", "Kinerja saya"): {"target_triwulan": 2, "umpan_balik": 1, "rencana_kerja": 0, "keberatan_terbuka": 1}
    },
    "admin.kupang": {
        ("Admin Instansi", "Pemerintah Kota Kupang"): {
            "periode_ditutup": 1,
            "opd_tertinggal": 5,
            "penghargaan": 0,
            "distribusi": 0,
        }
    },
    "admin.surabaya": {
        ("Admin Instansi", "Pemerintah Kota Surabaya"): {
            "periode_ditutup": 1,
            "opd_tertinggal": 1,
            "penghargaan": 0,
            "distribusi": 0,
        }
    },
    "petugas.kupang": {
        ("Petugas Pengaduan", "Pemerintah Kota Kupang"): {
            "pengaduan_verifikasi": 2,
            "pengaduan_disposisi": 1,
            "pengaduan_terlambat": 2,
            "pengaduan_dibuka_kembali": 1,
        }
    },
    "bkn": {("Admin BKN", "Instansi yang dipantau"): {"instansi_tertinggal": 2}},
}

# Queries of the whole home page per login (session, user, scope, zone, then the role's counts).
KUERI = {
    "tim.dukcapil": 13,
    "tim.dinkes": 13,
    "pimpinan.dukcapil": 17,
    "asn.dukcapil": 14,
    "admin.kupang": 11,
    "admin.surabaya": 10,
    "petugas.kupang": 8,
    "bkn": 7,
}


@pytest.fixture
def demo(db, jam):
    jam(2026, 12, 4)
    call_command("seed_demo", verbosity=0)


def _isi(beranda) -> dict:
    return {(k.peran, k.lingkup): {x.kode: x.jumlah for x in k.tugas} for k in beranda.kelompok}


@pytest.mark.parametrize("username", sorted(HARAPAN))
def test_home_lists_exactly_the_demos_pending_items_in_scope(client, demo, django_assert_num_queries, username):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    with django_assert_num_queries(KUERI[username]):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert _isi(response.context["beranda"]) == HARAPAN[username]


def test_the_evaluation_teams_home_says_what_is_missing_and_when_the_window_closes(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="tim.dukcapil"))
    response = client.get(reverse("home"))
    item = next(x for k in response.context["beranda"].kelompok for x in k.tugas if x.kode == "belum_diisi")
    assert (item.tenggat, item.sisa_hari, item.keterangan) == (TENGGAT, 37, "dari 12 indikator")
    opd = Opd.objects.get(kode="DUKCAPIL")
    assert item.url == reverse("evaluasi:grid", args=[opd.pk, 2026, 4]) + "?status=belum"
    html = response.content.decode()
    assert "Realisasi TW IV 2026 belum diisi" in html
    assert "ditutup 10 Januari 2027 (37 hari lagi)" in html
    assert reverse("evaluasi:grid", args=[opd.pk, 2026, 4]) in html


def test_an_instansis_deadline_is_its_own_date(world, jam):
    """At 23:30 WITA on 10 January the Kupang window is still open; at 00:30 WITA on the 11th it is closed."""
    from indikator.models import Periode

    Periode.objects.create(instansi=world.instansi, tahun=2026, triwulan=4, dibuka="2026-12-01", ditutup="2027-01-10")
    jam(2027, 1, 10, 23, 30)
    beranda = tugas_untuk(user=world.users["tim_evaluasi"])
    assert [(x.kode, x.sisa_hari) for x in beranda.kelompok[0].tugas][0] == ("belum_diisi", 0)
    jam(2027, 1, 11, 0, 30)
    world.users["tim_evaluasi"]._kinerja_lingkup = None
    beranda = tugas_untuk(user=world.users["tim_evaluasi"])
    assert [x.kode for x in beranda.kelompok[0].tugas] == ["jendela_tertutup"]


def _indikator(opd, kode, tahun=2026):
    ind = Indikator.objects.create(
        opd=opd,
        kode=kode,
        nama=kode,
        satuan="%",
        polaritas="maximize",
        agregasi="average",
        tahun=tahun,
        target_bawah=100,
    )
    TargetTriwulan.objects.create(indikator=ind, triwulan=4, target_bawah=100)
    return ind


@pytest.mark.parametrize("role", ["tim_evaluasi", "pimpinan_opd", "admin_instansi", "admin_bkn"])
def test_the_query_count_does_not_grow_with_opds_and_indicators(world, jam, role):
    from indikator.models import Periode

    jam(2026, 12, 4)
    Periode.objects.create(instansi=world.instansi, tahun=2026, triwulan=4, dibuka="2026-12-01", ditutup="2027-01-10")
    user = world.users[role]
    ind = _indikator(world.opd, "IKU-1")
    Realisasi.objects.create(indikator=ind, triwulan=4, nilai=1, status=Realisasi.Status.DIAJUKAN)

    def hitung():
        user._kinerja_lingkup = None
        with CaptureQueriesContext(connection) as ctx:
            tugas_untuk(user=user)
        return len(ctx.captured_queries)

    sedikit = hitung()
    for n in range(2, 7):
        opd = OpdFactory(instansi=world.instansi, kode=f"OPD-{n}", nama=f"OPD {n}")
        if role in ("tim_evaluasi", "pimpinan_opd"):
            PeranPengguna.objects.create(user=user, peran=role, opd=opd)
        for i in range(3):
            r = _indikator(opd, f"IKU-{n}-{i}")
            Realisasi.objects.create(indikator=r, triwulan=4, nilai=1, status=Realisasi.Status.DIAJUKAN)
    assert hitung() == sedikit


@pytest.mark.parametrize(
    ("tanggal", "triwulan"),
    [
        (datetime.date(2026, 1, 1), 1),
        (datetime.date(2026, 3, 31), 1),
        (datetime.date(2026, 4, 1), 2),
        (datetime.date(2026, 6, 30), 2),
        (datetime.date(2026, 7, 1), 3),
        (datetime.date(2026, 9, 30), 3),
        (datetime.date(2026, 10, 1), 4),
        (datetime.date(2026, 12, 31), 4),
    ],
)
def test_triwulan_of_a_date(tanggal, triwulan):
    assert t.triwulan_dari_tanggal(tanggal) == triwulan


def test_a_user_without_roles_has_an_empty_list(db, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("tanpa-peran", password="x-rahasia-123")
    assert tugas_untuk(user=user).kelompok == []
    client.force_login(user)
    assert "Akun ini belum memiliki peran" in client.get(reverse("home")).content.decode()


def test_the_budget_hooks_count_nothing_yet(world):
    from laporan import tugas_instansi, tugas_opd

    ids = {world.opd.pk}
    assert tugas_opd.hook_anggaran_belum_diisi(opd_ids=ids) == {}
    assert tugas_instansi.hook_anggaran_opd_tertinggal(instansi_ids={world.instansi.pk}) == {}


def test_objections_waiting_and_open_calibration_sessions_are_counted_per_opd(world):
    from laporan import tugas_opd
    from tests.matrix.penilaian import penilaian
    from tests.matrix.penilaian_keberatan import keberatan, sesi

    ids = {world.opd.pk}
    pegawai_id = penilaian(world).pegawai_id
    assert tugas_opd.hook_keberatan_terbuka(pegawai_id=pegawai_id) == 1
    assert tugas_opd.hook_keberatan_diputuskan(opd_ids=ids) == {}
    keberatan(world)
    sesi(world)
    assert tugas_opd.hook_keberatan_diputuskan(opd_ids=ids) == {world.opd.pk: 1}
    assert tugas_opd.hook_kalibrasi_tertunda(opd_ids=ids) == {world.opd.pk: 1}
    # Filed: the window no longer asks the ASN to act.
    assert tugas_opd.hook_keberatan_terbuka(pegawai_id=pegawai_id) == 0


def test_a_role_in_another_instansi_sees_nothing_of_this_one(world, jam):
    jam(2026, 12, 4)
    _indikator(world.opd, "IKU-1")
    beranda = tugas_untuk(user=world.users["admin_lain"])
    assert [k.lingkup for k in beranda.kelompok] == [world.instansi_lain.nama]


def _teks(html: str) -> str:
    import re

    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_dashboard_index_shows_the_figures_of_what_the_user_may_see(client, demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    client.force_login(users.get(username="bkn"))
    teks = _teks(client.get(reverse("dasbor:index")).content.decode())
    assert (
        "Pemerintah Kota Kupang – OPD berperingkat, peta warna OPD × triwulan Skor TW IV: 93,66% "
        "Pengisian TW IV: 0 dari 35 terisi, 0 diverifikasi"
    ) in teks
    assert "Pemerintah Kota Surabaya" in teks and "Pengisian TW IV: 0 dari 5 terisi, 0 diverifikasi" in teks
    client.force_login(users.get(username="pimpinan.dukcapil"))
    teks = _teks(client.get(reverse("dasbor:index")).content.decode())
    assert "Skor TW IV: 85,04% Pengisian TW IV: 0 dari 12 terisi, 0 diverifikasi" in teks
    assert "Surabaya" not in teks and "Dinas Kesehatan" not in teks
    client.force_login(users.get(username="asn.dukcapil"))
    teks = _teks(client.get(reverse("dasbor:index")).content.decode())
    assert "Dasbor saya – tren kinerja saya Skor TW IV: 83,75%" in teks


def test_the_dashboard_index_query_count_does_not_grow_with_instansi(client, world, django_assert_num_queries):
    from tests.factories import InstansiFactory

    user = world.users["admin_bkn"]
    client.force_login(user)
    with django_assert_num_queries(7):
        assert client.get(reverse("dasbor:index")).status_code == 200
    for n in range(3):
        lain = InstansiFactory(kode=f"kota-{n}", nama=f"Pemerintah Kota {n}")
        OpdFactory(instansi=lain, kode="DINKES", nama="Dinas Kesehatan")
        PeranPengguna.objects.create(user=user, peran=Peran.ADMIN_BKN, instansi=lain)
    with django_assert_num_queries(7):
        response = client.get(reverse("dasbor:index"))
    assert "Pemerintah Kota 2" in response.content.decode()


def test_the_admin_sees_rewards_to_approve_and_opds_breaking_the_distribution_rules(world, jam):
    from penilaian.models import Penghargaan, Penilaian, PredikatOpd
    from tests.factories import PegawaiFactory

    jam(2026, 12, 4)

    def final(pegawai, predikat):
        return Penilaian.objects.create(
            pegawai=pegawai,
            instansi_id=pegawai.opd.instansi_id,
            tahun=2025,
            jenis=Penilaian.Jenis.TAHUNAN,
            triwulan=4,
            status=Penilaian.Status.FINAL,
            predikat=predikat,
        )

    # Organisation Baik: at most 70 % Baik and at least one Butuh Perbaikan or Kurang. Two of two Baik break both.
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=2025, predikat="baik")
    final(world.pegawai, "baik")
    final(world.pegawai_lain, "baik")
    # Another OPD also Baik, within the rules (one Baik, one Butuh Perbaikan... and one Sangat Baik).
    PredikatOpd.objects.create(opd=world.opd_lain, instansi=world.instansi, tahun=2025, predikat="baik")
    lain = [PegawaiFactory(opd=world.opd_lain) for _ in range(3)]
    final(lain[0], "baik")
    final(lain[1], "butuh_perbaikan")
    sangat_baik = final(lain[2], "sangat_baik")
    Penghargaan.objects.create(penilaian=sangat_baik, pegawai=lain[2], instansi=world.instansi)
    # The other instansi's are not counted.
    final(world.pegawai_instansi_lain, "baik")
    PredikatOpd.objects.create(opd=world.opd_instansi_lain, instansi=world.instansi_lain, tahun=2025, predikat="baik")
    beranda = tugas_untuk(user=world.users["admin_instansi"])
    assert _isi(beranda) == {
        ("Admin Instansi", world.instansi.nama): {"opd_tertinggal": 0, "penghargaan": 1, "distribusi": 1}
    }
    beranda = tugas_untuk(user=world.users["admin_lain"])
    assert _isi(beranda)[("Admin Instansi", world.instansi_lain.nama)]["distribusi"] == 1
    assert _isi(beranda)[("Admin Instansi", world.instansi_lain.nama)]["penghargaan"] == 0
