"""The audit page and its CSV: only the admins, only their instansi's entries, the filters, a page at a time newest
first with the same queries for 1 and 30 entries, and a streamed CSV whose cells never become formulas."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import StreamingHttpResponse
from django.urls import reverse

from evaluasi.models import Realisasi
from indikator.models import Indikator
from opd.models import CatatanAudit, JenisAudit, Peran, PeranPengguna
from opd.views_audit import PER_HALAMAN
from tests.factories import InstansiFactory

J = JenisAudit
WAKTU = datetime.datetime(2026, 3, 10, 2, 0, tzinfo=datetime.UTC)  # 10:00 WITA


# Sign-outs: the one kind the tests' own sign-ins (force_login) do not write.
def buat(instansi, *, jenis=J.KELUAR, username="pengguna", waktu=WAKTU, **kwargs) -> CatatanAudit:
    return CatatanAudit.objects.create(instansi=instansi, jenis=jenis, username=username, waktu=waktu, **kwargs)


def halaman(client, **params):
    response = client.get(reverse("opd:audit"), params)
    assert response.status_code == 200
    return response


def nama(response) -> list[str]:
    return [e.username for e in response.context["entri"]]


def baris_csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    teks = b"".join(response.streaming_content).decode()
    assert teks.startswith("\ufeff")
    return list(csv.reader(io.StringIO(teks[1:])))


@pytest.fixture
def admin(client, world):
    client.force_login(world.users["admin_instansi"])
    return client


def test_each_admin_sees_only_their_instansi(client, world):
    buat(world.instansi, username="di-sini")
    buat(world.instansi_lain, username="di-sana")
    buat(None, username="tanpa-instansi")
    for role, ada in (
        ("admin_instansi", "di-sini"),
        ("admin_bkn", "di-sini"),
        ("admin_lain", "di-sana"),
    ):
        client.force_login(world.users[role])
        assert nama(halaman(client, jenis=J.KELUAR)) == [ada], role
        rows = baris_csv(client.get(reverse("opd:audit_csv"), {"jenis": J.KELUAR}))
        assert [row[2] for row in rows[1:]] == [ada], role


@pytest.mark.parametrize("role", ["pimpinan_opd", "tim_evaluasi", "petugas_pengaduan", "asn"])
def test_other_roles_are_refused_and_see_no_link(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("opd:audit")).status_code == 403
    assert client.get(reverse("opd:audit_csv")).status_code == 403
    assert reverse("opd:audit") not in client.get(reverse("home")).content.decode()


def test_the_admins_navigation_links_to_the_log(admin):
    assert reverse("opd:audit") in admin.get(reverse("home")).content.decode()


def test_filters_by_user_date_kind_and_object(admin, world):
    realisasi = ContentType.objects.get_for_model(Realisasi)
    indikator = ContentType.objects.get_for_model(Indikator)
    buat(world.instansi, username="budi")
    buat(world.instansi, username="budiman", waktu=WAKTU - datetime.timedelta(days=3))
    buat(world.instansi, username="siti", jenis=J.GAGAL_MASUK)
    tujuh = buat(world.instansi, username="siti", jenis=J.REALISASI, content_type=realisasi, objek_id=7)
    buat(world.instansi, username="siti", jenis=J.REALISASI, content_type=realisasi, objek_id=8)
    buat(world.instansi, username="siti", jenis=J.TARGET, content_type=indikator, objek_id=7)
    assert nama(halaman(admin, pengguna="BUDI")) == ["budi", "budiman"]
    # Days are the admin's own (WITA): 10 March 00:00 up to 11 March 00:00.
    assert nama(halaman(admin, pengguna="budi", dari="2026-03-10", sampai="2026-03-10")) == ["budi"]
    assert nama(halaman(admin, pengguna="budi", sampai="2026-03-09")) == ["budiman"]
    assert nama(halaman(admin, pengguna="budi", dari="2026-03-11")) == []
    assert nama(halaman(admin, jenis=J.GAGAL_MASUK)) == ["siti"]
    found = halaman(admin, objek="evaluasi.realisasi", objek_id=7).context["entri"]
    assert [e.pk for e in found] == [tujuh.pk]
    assert len(halaman(admin, objek="evaluasi.realisasi").context["entri"]) == 2
    # The CSV takes the same filters.
    rows = baris_csv(admin.get(reverse("opd:audit_csv"), {"objek": "evaluasi.realisasi", "objek_id": 7}))
    assert [(r[5], r[6]) for r in rows[1:]] == [("evaluasi.realisasi", "7")]


def test_a_date_range_backwards_says_so_and_lists_nothing(admin, world):
    buat(world.instansi, username="budi")
    response = halaman(admin, dari="2026-03-10", sampai="2026-03-01")
    assert response.context["entri"] == []
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()


def test_admin_bkn_of_several_instansi_filters_by_instansi(client, world):
    bkn = world.users["admin_bkn"]
    PeranPengguna.objects.create(user=bkn, peran=Peran.ADMIN_BKN, instansi=world.instansi_lain)
    buat(world.instansi, username="di-sini", waktu=WAKTU)
    buat(world.instansi_lain, username="di-sana", waktu=WAKTU - datetime.timedelta(hours=1))
    client.force_login(bkn)
    assert nama(halaman(client, jenis=J.KELUAR)) == ["di-sini", "di-sana"]
    assert nama(halaman(client, jenis=J.KELUAR, instansi=world.instansi_lain.pk)) == ["di-sana"]
    # An instansi they do not oversee is not a choice: the filter is refused, nothing is listed.
    assert halaman(client, instansi=InstansiFactory().pk).context["entri"] == []


def test_pages_run_newest_first_without_gaps_or_repeats(admin, world):
    made = [
        buat(world.instansi, username=f"u{k:03d}", waktu=WAKTU + datetime.timedelta(minutes=k // 2))
        for k in range(PER_HALAMAN + 5)
    ]
    first = halaman(admin, jenis=J.KELUAR)
    assert nama(first) == [e.username for e in reversed(made)][:PER_HALAMAN]
    berikut = first.context["halaman_berikut"]
    assert berikut and "jenis=keluar" in berikut
    second = admin.get(f"{reverse('opd:audit')}?{berikut}")
    assert nama(second) == [e.username for e in reversed(made)][PER_HALAMAN:]
    assert second.context["halaman_berikut"] == ""
    # A cursor that is not one is the first page.
    assert nama(halaman(admin, jenis=J.KELUAR, kursor="x.y")) == nama(first)


@pytest.mark.parametrize("n", [1, 30])
def test_the_page_issues_the_same_queries_for_1_and_30_entries(admin, world, django_assert_num_queries, n):
    realisasi = ContentType.objects.get_for_model(Realisasi)
    for k in range(n):
        buat(
            world.instansi,
            username=f"u{k}",
            jenis=J.REALISASI,
            content_type=realisasi,
            objek_id=k,
            perubahan={"nilai": ["1", "2"]},
        )
    # session, user, roles (2), time zone, the entries (with instansi and object type)
    with django_assert_num_queries(6):
        response = halaman(admin, jenis=J.REALISASI)
    assert len(response.context["entri"]) == n
    assert "nilai</code>: 1 → 2" in response.content.decode()


def test_the_csv_lists_the_entries_and_keeps_formulas_as_text(admin, world):
    buat(
        world.instansi,
        jenis=J.GAGAL_MASUK,
        username='=HYPERLINK("http://jahat.example","klik")',
        alamat="10.0.0.9",
        path="/accounts/login/",
    )
    buat(world.instansi, jenis=J.GAGAL_MASUK, username="+62812", waktu=WAKTU - datetime.timedelta(minutes=1))
    buat(world.instansi, jenis=J.GAGAL_MASUK, username="-1", waktu=WAKTU - datetime.timedelta(minutes=2))
    buat(world.instansi, jenis=J.GAGAL_MASUK, username="@SUM(A1)", waktu=WAKTU - datetime.timedelta(minutes=3))
    response = admin.get(reverse("opd:audit_csv"), {"jenis": J.GAGAL_MASUK})
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    kepala, *rows = baris_csv(response)
    assert kepala[:4] == ["Waktu", "Instansi", "Nama pengguna", "Jenis"]
    assert rows[0] == [
        "2026-03-10T10:00:00+08:00",
        "Pemerintah Kota Uji",
        '\'=HYPERLINK("http://jahat.example","klik")',
        "Gagal masuk",
        "",
        "",
        "",
        "",
        "",
        "",
        "10.0.0.9",
        "/accounts/login/",
    ]
    assert [r[2] for r in rows[1:]] == ["'+62812", "'-1", "'@SUM(A1)"]


def test_the_csv_writes_the_changes_as_json(admin, world):
    realisasi = ContentType.objects.get_for_model(Realisasi)
    buat(
        world.instansi,
        jenis=J.REALISASI,
        aksi="diubah",
        content_type=realisasi,
        objek_id=5,
        objek_teks="IKU-01 2026 TW 1",
        perubahan={"nilai": ["20.0000", "22.5"]},
    )
    (row,) = baris_csv(admin.get(reverse("opd:audit_csv"), {"jenis": J.REALISASI}))[1:]
    assert row[3:9] == [
        "Perubahan realisasi",
        "diubah",
        "evaluasi.realisasi",
        "5",
        "IKU-01 2026 TW 1",
        '{"nilai": ["20.0000", "22.5"]}',
    ]
