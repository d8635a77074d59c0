"""The audit log's writers: every kind of event becomes one entry with who, which instansi, what changed and from
where; a save adds one INSERT and nothing else; a bulk action writes its entries in one INSERT; and no entry can be
changed or deleted, by the model, its queryset, the admin or (on PostgreSQL) the database itself."""

import datetime

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from indikator import services as indikator_services
from indikator.models import Periode
from opd.models import AuditHanyaTambah, CatatanAudit, JenisAudit
from pengaduan import services as pengaduan_services
from tests.indikator import factories as indikator_factories
from tests.opd.test_auth import PASSWORD, login
from tests.penilaian.test_services import simpan

J = JenisAudit


def entri(jenis, **filters) -> list[CatatanAudit]:
    return list(CatatanAudit.objects.filter(jenis=jenis, **filters).order_by("id"))


# -- signing in and out ----------------------------------------------------------------------------------------------


def test_login_is_recorded_with_the_users_instansi_address_and_path(client, world):
    tim = world.users["tim_evaluasi"]
    assert login(client, tim.username, PASSWORD).status_code == 302
    (e,) = entri(J.MASUK)
    assert (e.user, e.username, e.instansi, e.alamat, e.path) == (
        tim,
        "tim",
        world.instansi,
        "127.0.0.1",
        reverse("login"),
    )


def test_failed_login_names_the_account_or_only_the_username_typed(client, world):
    login(client, "asn", "salah")
    login(client, "tidak-ada", "salah")
    akun, asing = entri(J.GAGAL_MASUK)
    assert (akun.user, akun.username, akun.instansi) == (world.users["asn"], "asn", world.instansi)
    assert (asing.user, asing.username, asing.instansi) == (None, "tidak-ada", None)
    assert "salah" not in str(akun.perubahan) + akun.keterangan  # the password is never written


def test_lockout_is_recorded_when_the_account_locks_and_at_each_attempt_while_locked(client, world):
    tim = world.users["tim_evaluasi"]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, tim.username, "salah")
    assert entri(J.TERKUNCI) == []
    assert login(client, tim.username, "salah").status_code == 429
    (e,) = entri(J.TERKUNCI)
    assert (e.user, e.username, e.instansi) == (tim, "tim", world.instansi)
    assert len(entri(J.GAGAL_MASUK)) == settings.AXES_FAILURE_LIMIT
    # Every attempt while locked is recorded too, even with the right password.
    assert login(client, tim.username, PASSWORD).status_code == 429
    assert len(entri(J.TERKUNCI)) == 2


def test_unlocking_an_account_is_recorded(client, world):
    tim = world.users["tim_evaluasi"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, tim.username, "salah")
    client.force_login(world.users["admin_instansi"])
    assert client.post(reverse("opd:lockout_reset"), {"username": tim.username}).status_code == 302
    (e,) = entri(J.BUKA_KUNCI)
    assert (e.user, e.objek_id, e.objek_teks, e.instansi) == (
        world.users["admin_instansi"],
        tim.pk,
        "tim",
        world.instansi,
    )


def test_logout_is_recorded(client, world):
    login(client, "asn", PASSWORD)
    client.post(reverse("logout"))
    (e,) = entri(J.KELUAR)
    assert (e.user, e.instansi) == (world.users["asn"], world.instansi)


# -- refusals --------------------------------------------------------------------------------------------------------


def test_a_views_404_and_403_for_a_signed_in_user_are_recorded(client, world):
    client.force_login(world.users["tim_evaluasi"])
    url = reverse("opd:opd_detail", args=[world.opd_instansi_lain.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.users["pimpinan_opd"])
    ajukan = reverse("evaluasi:grid_ajukan", args=[world.opd.pk, datetime.date.today().year, 1])
    assert client.post(ajukan).status_code == 403
    tidak_ada, dilarang = entri(J.DITOLAK)
    assert (tidak_ada.user, tidak_ada.keterangan, tidak_ada.path, tidak_ada.instansi) == (
        world.users["tim_evaluasi"],
        "404",
        url,
        world.instansi,
    )
    assert (dilarang.user, dilarang.keterangan, dilarang.path) == (world.users["pimpinan_opd"], "403", ajukan)


def test_a_mistyped_address_or_an_anonymous_visitor_is_not_a_refusal(client, world):
    assert client.get(reverse("opd:opd_detail", args=[world.opd.pk])).status_code == 302
    client.force_login(world.users["tim_evaluasi"])
    assert client.get("/tidak-ada-halaman-ini/").status_code == 404
    assert entri(J.DITOLAK) == []


# -- changes ---------------------------------------------------------------------------------------------------------


def test_a_target_change_is_recorded_for_the_indicator_and_its_quarter(client_for, world):
    from tests.indikator.test_indikator_views import _edit_data

    indikator = indikator_factories.buat_indikator(opd=world.opd, kode="IKU-01", nama="Cakupan KIA")
    tim = world.users["tim_evaluasi"]
    url = reverse("indikator:indikator_edit", args=[indikator.pk])
    assert (
        client_for(tim)
        .post(
            url,
            _edit_data(indikator, target_bawah="120", tw1_bawah="45", tw2_bawah="25", tw3_bawah="25", tw4_bawah="25"),
        )
        .status_code
        == 302
    )
    tw1, ind = entri(J.TARGET, user=tim)
    assert (ind.objek_id, ind.perubahan, ind.instansi) == (
        indikator.pk,
        {"target_bawah": ["100.0000", "120"]},
        world.instansi,
    )
    assert (tw1.objek_teks, tw1.perubahan["target_bawah"], tw1.instansi) == (
        f"#{indikator.pk} TW 1",
        ["25.0000", "45"],
        world.instansi,  # looked up inside the INSERT: the quarter's indicator was not loaded with it
    )


@pytest.mark.django_db
def test_a_rating_change_is_recorded(world):
    simpan(world, hasil_kerja="di_atas", alasan_hasil_kerja="Melampaui target.")
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Sesuai target.")
    dibuat, diubah = entri(J.PENILAIAN)
    assert (dibuat.aksi, dibuat.user, dibuat.instansi) == ("dibuat", world.users["tim_evaluasi"], world.instansi)
    assert diubah.perubahan["hasil_kerja"] == ["di_atas", "sesuai"]
    assert diubah.perubahan["alasan_hasil_kerja"] == ["Melampaui target.", "Sesuai target."]


def test_a_complaint_state_change_is_recorded(world):
    from pengaduan import services_pelapor

    pengaduan, _kode = services_pelapor.pengaduan_file(
        instansi=world.instansi,
        kategori="adminduk",
        judul="KTP-el belum jadi",
        isi="Sudah sebulan belum dicetak.",
        nama_pelapor="Maria",
        kontak_pelapor="0812",
        opd_usulan=world.opd,
    )
    petugas = world.users["petugas_pengaduan"]
    pengaduan_services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi)
    diterima, diverifikasi = entri(J.PENGADUAN)
    assert (diterima.user, diterima.keterangan, diterima.perubahan) == (None, "pelapor", {"status": [None, "diterima"]})
    assert (diverifikasi.user, diverifikasi.instansi, diverifikasi.objek_id, diverifikasi.objek_teks) == (
        petugas,
        world.instansi,
        pengaduan.pk,
        pengaduan.nomor,
    )
    assert diverifikasi.perubahan == {"status": ["diterima", "diverifikasi"]}


def test_a_configuration_change_is_recorded(world, jam):
    jam(2026, 3, 5)
    (periode,) = [
        p for p in indikator_services.periode_ensure_year(instansi=world.instansi, tahun=2026) if p.triwulan == 1
    ]
    admin = world.users["admin_instansi"]
    indikator_services.periode_ubah_jendela(
        actor=admin, periode=periode, dibuka=datetime.date(2026, 3, 1), ditutup=datetime.date(2026, 4, 20)
    )
    (e,) = entri(J.KONFIGURASI, user=admin)
    assert (e.aksi, e.instansi, e.objek_teks, e.perubahan) == (
        "diubah",
        world.instansi,
        "TW I 2026",
        {"ditutup": ["2026-04-10", "2026-04-20"]},
    )


def test_a_field_that_was_not_loaded_is_compared_with_the_previous_history_row(world, jam):
    jam(2026, 3, 5)
    indikator_services.periode_ensure_year(instansi=world.instansi, tahun=2026)
    periode = Periode.objects.only("id", "instansi_id", "tahun", "triwulan").get(instansi=world.instansi, triwulan=1)
    periode.ditutup = datetime.date(2026, 4, 30)
    periode.save()
    (e,) = entri(J.KONFIGURASI, aksi="diubah")
    assert e.perubahan == {"ditutup": ["2026-04-10", "2026-04-30"]}


def test_the_instansi_settings_changed_in_the_admin_are_recorded(client, world):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.go.id", PASSWORD)
    client.force_login(root)
    url = reverse("admin:opd_instansi_change", args=[world.instansi.pk])
    data = {
        f.name: getattr(world.instansi, f.attname)
        for f in world.instansi._meta.concrete_fields
        if f.editable and f.name not in ("id", "logo")
    }
    data["batas_capaian"] = "130"
    assert client.post(url, data).status_code == 302
    (e,) = entri(J.KONFIGURASI, user=root)
    assert (e.instansi, e.objek_id, e.objek_teks, e.perubahan) == (
        world.instansi,
        world.instansi.pk,
        world.instansi.nama,
        {"batas_capaian": ["120.00", "130"]},
    )


# -- append-only -----------------------------------------------------------------------------------------------------


@pytest.fixture
def satu(world):
    return CatatanAudit.objects.create(jenis=J.MASUK, user=world.users["asn"], username="asn", instansi=world.instansi)


def test_an_entry_cannot_be_saved_again_or_deleted(satu):
    satu.username = "orang-lain"
    with pytest.raises(AuditHanyaTambah):
        satu.save()
    with pytest.raises(AuditHanyaTambah):
        satu.delete()
    with pytest.raises(AuditHanyaTambah):
        CatatanAudit.objects.filter(pk=satu.pk).update(username="orang-lain")
    with pytest.raises(AuditHanyaTambah):
        CatatanAudit.objects.filter(pk=satu.pk).delete()
    assert CatatanAudit.objects.get(pk=satu.pk).username == "asn"


def test_deleting_an_account_keeps_its_entries_and_username(satu, world):
    world.users["asn"].delete()
    satu = CatatanAudit.objects.get(pk=satu.pk)
    assert (satu.user, satu.username) == (None, "asn")


def test_the_admin_is_read_only_even_for_a_superuser(client, world, satu):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.id", PASSWORD))
    assert client.get(reverse("admin:opd_catatanaudit_changelist")).status_code == 200
    assert client.get(reverse("admin:opd_catatanaudit_add")).status_code == 403
    change = reverse("admin:opd_catatanaudit_change", args=[satu.pk])
    assert client.post(change, {"username": "orang-lain"}).status_code == 403
    assert client.post(reverse("admin:opd_catatanaudit_delete", args=[satu.pk]), {"post": "yes"}).status_code == 403
    changelist = reverse("admin:opd_catatanaudit_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [satu.pk], "post": "yes"})
    assert CatatanAudit.objects.get(pk=satu.pk).username == "asn"


def test_the_admin_shows_an_admin_instansi_only_their_instansi(client, world, satu):
    CatatanAudit.objects.create(jenis=J.MASUK, username="orang-lain", instansi=world.instansi_lain)
    user = world.users["admin_instansi"]
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get(reverse("admin:opd_catatanaudit_changelist"))
    assert [e.pk for e in response.context["cl"].result_list] == [
        e.pk for e in CatatanAudit.objects.filter(instansi=world.instansi)
    ]


postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")


@postgresql
def test_the_database_refuses_a_raw_update_or_delete(satu):
    for sql in (
        "UPDATE opd_catatanaudit SET username = 'orang-lain' WHERE id = %s",
        "DELETE FROM opd_catatanaudit WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [satu.pk])
    assert CatatanAudit.objects.get(pk=satu.pk).username == "asn"


@postgresql
def test_the_database_lets_only_the_account_link_be_cleared(satu):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE opd_catatanaudit SET user_id = NULL, username = '' WHERE id = %s", [satu.pk])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE opd_catatanaudit SET user_id = NULL WHERE id = %s", [satu.pk])
    assert CatatanAudit.objects.get(pk=satu.pk).user_id is None
