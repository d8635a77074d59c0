"""The second sign-in step: required for Admin BKN and Admin Instansi, optional for the others; set up with an
authenticator app, recovery codes, lockout and audit. Signed in through the real form (password, then the code)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opd import dua_langkah
from opd.models import CatatanAudit, JenisAudit
from tests.factories import dengan_totp, kode_totp

PASSWORD = "rahasia-uji-123"
VERIFIKASI = reverse("opd:dua_langkah_verifikasi")
PASANG = reverse("opd:dua_langkah_pasang")


def masuk(client, user, **extra):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def kode_dari_halaman(body: str) -> str:
    """The code for the key the setup page shows (what the user's app computes from it)."""
    import base64
    import time

    from django_otp.oath import TOTP

    kunci = re.search(r'id="kunci-totp">([A-Z2-7 ]+)<', body).group(1).replace(" ", "")
    totp = TOTP(base64.b32decode(kunci + "=" * (-len(kunci) % 8)))
    totp.time = time.time()
    return f"{totp.token():06d}"


def audit_dua_langkah(user) -> list[str]:
    return list(
        CatatanAudit.objects.filter(user=user, jenis=JenisAudit.DUA_LANGKAH)
        .order_by("waktu", "pk")
        .values_list("keterangan", flat=True)
    )


@pytest.mark.parametrize("role", ["admin_instansi", "admin_bkn", "admin_lain"])
def test_an_admin_without_an_authenticator_must_set_one_up_before_any_page(client, world, role):
    masuk(client, world.users[role])
    assert client.get(reverse("home"))["Location"] == f"{PASANG}?next=/"
    assert client.get(reverse("opd:audit"))["Location"] == f"{PASANG}?next=/audit/"
    assert client.post(reverse("opd:lockout_reset"), {"username": "x"})["Location"] == PASANG
    # htmx requests are sent to the page whole.
    response = client.get(reverse("opd:opd_list"), headers={"HX-Request": "true"})
    assert (response.status_code, response["HX-Redirect"]) == (204, f"{PASANG}")
    # The entry page itself, and the public pages, stay open.
    assert client.get(PASANG).status_code == 200
    assert client.get(reverse("pengaduan:form")).status_code == 200
    assert client.get(reverse("transparansi:publik")).status_code == 200


@pytest.mark.parametrize("role", ["pimpinan_opd", "tim_evaluasi", "petugas_pengaduan", "asn"])
def test_the_other_roles_sign_in_with_their_password_alone(client, world, role):
    response = masuk(client, world.users[role])
    assert client.get(response["Location"]).status_code == 200


def test_setting_up_confirms_with_a_code_and_shows_ten_recovery_codes_once(client, world):
    admin = world.users["admin_instansi"]
    masuk(client, admin)
    page = client.get(PASANG)
    body = page.content.decode()
    assert 'src="data:image/svg+xml' in body
    perangkat = TOTPDevice.objects.get(user=admin)
    assert perangkat.confirmed is False
    # Reloading the page keeps the key the user may already have scanned.
    assert kode_dari_halaman(client.get(PASANG).content.decode()) == kode_dari_halaman(body)

    response = client.post(PASANG, {"kode": kode_dari_halaman(body)})
    assert response["Location"] == reverse("opd:akun_keamanan")
    perangkat.refresh_from_db()
    assert perangkat.confirmed is True
    halaman = client.get(reverse("opd:akun_keamanan")).content.decode()
    kode = re.findall(r'<li class="col">([a-z2-7]{8})</li>', halaman)
    assert len(kode) == 10
    assert sorted(kode) == sorted(StaticToken.objects.filter(device__user=admin).values_list("token", flat=True))
    # Shown once.
    assert kode[0] not in client.get(reverse("opd:akun_keamanan")).content.decode()
    assert client.get(reverse("home")).status_code == 200
    assert audit_dua_langkah(admin) == ["diaktifkan"]


def test_a_wrong_setup_code_is_a_form_error_in_bahasa_indonesia(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = world.users["admin_instansi"]
    masuk(client, admin)
    body = client.get(PASANG).content.decode()
    for salah, pesan in [
        ("000000", "Kode tidak cocok."),
        ("12ab", "Kode terdiri dari enam angka."),
        ("", "Masukkan kode."),
    ]:
        response = client.post(PASANG, {"kode": salah})
        assert response.status_code == 200
        assert pesan in response.content.decode()
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    assert client.get(reverse("home"))["Location"] == f"{PASANG}?next=/"
    # Spaces as the app shows them are fine.
    kode = kode_dari_halaman(body)
    assert client.post(PASANG, {"kode": f"{kode[:3]} {kode[3:]}"}).status_code == 302


def test_password_then_the_code_from_the_authenticator(client, world):
    admin = dengan_totp(world.users["admin_instansi"])
    masuk(client, admin)
    assert client.get(reverse("opd:audit"))["Location"] == f"{VERIFIKASI}?next=/audit/"
    assert client.get(PASANG)["Location"] == f"{VERIFIKASI}?next={PASANG}"
    lama = kode_totp(admin)
    response = client.post(VERIFIKASI, {"kode": lama, "next": "/audit/"})
    assert response["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200
    # A code is used once.
    client.logout()
    masuk(client, admin)
    assert "Kode tidak cocok." in client.post(VERIFIKASI, {"kode": lama}).content.decode()


def test_an_address_elsewhere_is_not_followed_after_the_code(client, world):
    admin = dengan_totp(world.users["admin_bkn"])
    masuk(client, admin)
    response = client.post(VERIFIKASI, {"kode": kode_totp(admin), "next": "https://contoh.example/ambil"})
    assert response["Location"] == reverse("home")


def test_a_recovery_code_signs_in_once_and_is_audited(client, world):
    admin = dengan_totp(world.users["admin_instansi"])
    kode = dua_langkah.kode_pemulihan_buat_ulang(user=admin)
    masuk(client, admin)
    response = client.post(VERIFIKASI, {"kode": kode[0].upper()[:4] + "-" + kode[0][4:]})
    assert response["Location"] == reverse("home")
    assert "Sisa kode pemulihan: 9." in client.get(reverse("home")).content.decode()
    assert audit_dua_langkah(admin) == ["kode pemulihan dibuat ulang", "kode pemulihan dipakai"]
    client.logout()
    masuk(client, admin)
    assert "Kode tidak cocok." in client.post(VERIFIKASI, {"kode": kode[0]}).content.decode()


def test_wrong_codes_are_failed_sign_ins_that_lock_the_account_at_this_address(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = dengan_totp(world.users["admin_instansi"])
    masuk(client, admin)
    for _ in range(9):
        assert "Kode tidak cocok." in client.post(VERIFIKASI, {"kode": "000000"}).content.decode()
    response = client.post(VERIFIKASI, {"kode": "000000"})
    assert response.status_code == 429
    assert "Akun terkunci sementara" in response.content.decode()
    gagal = CatatanAudit.objects.filter(user=admin, jenis=JenisAudit.GAGAL_MASUK)
    assert list(gagal.values_list("keterangan", flat=True)) == ["kode dua langkah salah"] * 10
    assert CatatanAudit.objects.filter(user=admin, jenis=JenisAudit.TERKUNCI).count() == 1
    # The session is over, and the password is refused from this address for the cool-off.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert client.post(reverse("login"), {"username": admin.username, "password": PASSWORD}).status_code == 429
    # From another office the admin still signs in.
    lain = {"REMOTE_ADDR": "10.20.30.40"}
    masuk(client, admin, **lain)
    assert client.post(VERIFIKASI, {"kode": kode_totp(admin)}, **lain)["Location"] == reverse("home")


def test_a_locked_pair_is_refused_even_with_the_right_code(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = dengan_totp(world.users["admin_instansi"])
    masuk(client, admin)
    other = client_class_like(client)
    masuk(other, admin)
    for _ in range(10):
        other.post(VERIFIKASI, {"kode": "000000"})
    response = client.post(VERIFIKASI, {"kode": kode_totp(admin)})
    assert response.status_code == 429
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def client_class_like(client):
    return type(client)()


def test_too_many_quick_wrong_codes_ask_to_wait_without_counting(client, world, jam):
    mulai = jam(timezone.now())
    admin = dengan_totp(world.users["admin_instansi"])
    masuk(client, admin)
    client.post(VERIFIKASI, {"kode": "000000"})
    response = client.post(VERIFIKASI, {"kode": kode_totp(admin)})
    assert "Tunggu beberapa detik" in response.content.decode()
    assert CatatanAudit.objects.filter(user=admin, jenis=JenisAudit.GAGAL_MASUK).count() == 1
    jam(mulai + datetime.timedelta(seconds=2))
    assert client.post(VERIFIKASI, {"kode": kode_totp(admin)})["Location"] == reverse("home")


def test_an_optional_second_step_once_turned_on_is_asked_at_every_sign_in(client, world):
    tim = world.users["tim_evaluasi"]
    masuk(client, tim)
    assert "Tidak aktif" in client.get(reverse("opd:akun_keamanan")).content.decode()
    body = client.get(PASANG).content.decode()
    assert client.post(PASANG, {"kode": kode_dari_halaman(body)}).status_code == 302
    client.logout()
    masuk(client, tim)
    assert client.get(reverse("home"))["Location"] == f"{VERIFIKASI}?next=/"


def test_turning_it_off_needs_a_code_and_a_required_role_sets_up_again(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = dengan_totp(world.users["admin_instansi"])
    masuk(client, admin)
    client.post(VERIFIKASI, {"kode": kode_totp(admin)})
    matikan = reverse("opd:dua_langkah_matikan")
    response = client.post(matikan, {"kode": "000000"})
    assert response.status_code == 200
    assert "Kode tidak cocok." in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin).exists()
    assert client.post(matikan, {"kode": kode_totp(admin)})["Location"] == PASANG
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    assert client.get(reverse("home"))["Location"] == f"{PASANG}?next=/"
    assert audit_dua_langkah(admin) == ["dimatikan"]


def test_an_optional_user_turns_it_off(client, world):
    tim = dengan_totp(world.users["tim_evaluasi"])
    client.force_login(tim)
    assert client.post(reverse("opd:dua_langkah_matikan"), {"kode": kode_totp(tim)})["Location"] == reverse(
        "opd:akun_keamanan"
    )
    assert client.get(reverse("home")).status_code == 200
    client.logout()
    response = masuk(client, tim)
    assert client.get(response["Location"]).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, world):
    tim = dengan_totp(world.users["tim_evaluasi"])
    lama = dua_langkah.kode_pemulihan_buat_ulang(user=tim)
    client.force_login(tim)
    assert client.post(reverse("opd:kode_pemulihan"))["Location"] == reverse("opd:akun_keamanan")
    baru = set(StaticToken.objects.filter(device__user=tim).values_list("token", flat=True))
    assert len(baru) == 10
    assert not baru & set(lama)
    assert "Tersisa 10 kode pemulihan." in client.get(reverse("opd:akun_keamanan")).content.decode()


def test_who_must_use_a_second_factor(world):
    wajib = {role for role, user in world.users.items() if dua_langkah.wajib(user)}
    assert wajib == {"admin_bkn", "admin_instansi", "admin_lain"}


def _rute():
    from tests.matrix import collect_routes

    for route in collect_routes():
        if not route.name.startswith("opd:dua_langkah_pasang"):
            yield pytest.param(route, id=route.name)


@pytest.mark.parametrize("route", list(_rute()))
def test_every_page_behind_the_login_waits_for_the_second_step(client, world, route):
    """Each URL of the permission matrix that asks an anonymous visitor to sign in sends an administrator who has not
    set up a second factor to do so first; the public pages answer them as they answer anyone."""
    from tests.matrix import ANON, LOGIN

    client.force_login(world.users["admin_instansi"])
    session = client.session
    session[dua_langkah.STATUS] = dua_langkah.PASANG
    session.save()
    url = route.url(world)
    data = route.data(world) if route.data else None
    response = getattr(client, route.method)(url, data) if data is not None else getattr(client, route.method)(url)
    if route.expect[ANON] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == PASANG
    else:
        assert response.status_code == route.expect["admin_instansi"]
