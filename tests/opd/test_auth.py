import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from opd.models import Peran
from tests.factories import dengan_totp, kode_totp, user_with_role

PASSWORD = "rahasia-uji-123"


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_page_is_in_bahasa_indonesia(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke Kinerja" in response.content.decode()
    assert response.headers["Content-Language"] == "id"


def test_each_role_reaches_its_home_page(client, world):
    for role, user in world.users.items():
        admin = role in ("admin_bkn", "admin_instansi", "admin_lain")
        if admin:
            dengan_totp(user)
        response = login(client, user.username, PASSWORD)
        assert response.status_code == 302, role
        if admin:
            # The administrators' second step: the code from their authenticator.
            langkah = client.get(response["Location"])
            assert langkah["Location"] == reverse("opd:dua_langkah_verifikasi") + "?next=/", role
            response = client.post(reverse("opd:dua_langkah_verifikasi"), {"kode": kode_totp(user), "next": "/"})
            assert response.status_code == 302, role
        home = client.get(response["Location"])
        assert home.status_code == 200, role
        assert str(Peran(role).label if role != "admin_lain" else Peran.ADMIN_INSTANSI.label) in home.content.decode()
        client.logout()


def test_home_navigation_follows_roles(client, world):
    client.force_login(world.users["asn"])
    body = client.get(reverse("home")).content.decode()
    assert reverse("opd:opd_list") not in body
    assert reverse("opd:pegawai_import") not in body
    client.force_login(world.users["admin_instansi"])
    body = client.get(reverse("home")).content.decode()
    assert reverse("opd:opd_list") in body
    assert reverse("opd:pegawai_import") in body


def test_ten_failed_logins_lock_the_account_and_admin_sees_and_lifts_it(client, world):
    assert settings.AXES_FAILURE_LIMIT == 10
    target = world.users["tim_evaluasi"]
    for _ in range(9):
        assert login(client, target.username, "salah").status_code == 200
    # The tenth failure locks the account; from then on even the right password is refused.
    assert login(client, target.username, "salah").status_code == 429
    response = login(client, target.username, PASSWORD)
    assert response.status_code == 429
    assert "Akun terkunci sementara" in response.content.decode()

    client.force_login(world.users["admin_instansi"])
    page = client.get(reverse("opd:lockout_list")).content.decode()
    assert target.username in page
    # The admin of another instansi does not see this account, and cannot unlock it.
    client.force_login(world.users["admin_lain"])
    assert target.username not in client.get(reverse("opd:lockout_list")).content.decode()
    assert client.post(reverse("opd:lockout_reset"), {"username": target.username}).status_code == 404

    client.force_login(world.users["admin_instansi"])
    response = client.post(reverse("opd:lockout_reset"), {"username": target.username})
    assert response.status_code == 302
    client.logout()
    assert login(client, target.username, PASSWORD).status_code == 302


def test_another_users_failures_do_not_lock_this_account(client, world):
    for _ in range(10):
        login(client, world.users["asn"].username, "salah")
    assert login(client, world.users["tim_evaluasi"].username, PASSWORD).status_code == 302


def test_password_reset_sends_an_email(client, world):
    user = world.users["asn"]
    user.email = "asn@example.go.id"
    user.save()
    response = client.post(reverse("password_reset"), {"email": "asn@example.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["asn@example.go.id"]


def test_password_change(client, world):
    user = world.users["asn"]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "kata-sandi-baru-2026", "new_password2": "kata-sandi-baru-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-2026")


def test_django_admin_is_for_admins_only(client, world):
    staff_without_admin_role = user_with_role(Peran.TIM_EVALUASI, opd=world.opd, instansi=world.instansi, is_staff=True)
    client.force_login(staff_without_admin_role)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(world.users["admin_instansi"])
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_instansi_sees_only_own_instansi_in_admin(client, world):
    client.force_login(world.users["admin_instansi"])
    body = client.get(reverse("admin:opd_opd_changelist")).content.decode()
    assert world.opd.nama in body
    assert world.opd_instansi_lain.nama not in body
    url = reverse("admin:opd_opd_change", args=[world.opd_instansi_lain.pk])
    assert client.get(url).status_code == 302  # Django admin redirects a missing object to the index


def test_admin_bkn_reads_but_cannot_change_in_admin(client, world):
    client.force_login(world.users["admin_bkn"])
    url = reverse("admin:opd_opd_change", args=[world.opd.pk])
    response = client.post(url, {"nama": "Diubah", "kode": world.opd.kode, "instansi": world.instansi.pk})
    assert response.status_code == 403
    world.opd.refresh_from_db()
    assert world.opd.nama != "Diubah"


@pytest.mark.django_db
def test_wrong_password_message_is_clear(client):
    response = client.post(reverse("login"), {"username": "siapa", "password": "salah"})
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


@pytest.mark.parametrize(
    ("baru", "pesan"),
    [
        ("pendek-2026", "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter."),
        ("password1234", "Kata sandi ini terlalu umum."),
        ("pimpinan-2026", "Kata sandi terlalu mirip dengan nama pengguna."),
    ],
)
def test_a_new_password_must_be_long_uncommon_and_unlike_the_user(client, world, baru, pesan):
    user = world.users["pimpinan_opd"]
    client.force_login(user)
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru}
    )
    assert response.status_code == 200
    assert pesan in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
