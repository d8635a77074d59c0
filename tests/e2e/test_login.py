"""Signing in through the real form, in a real browser: every role lands on its home page."""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from opd.models import Peran
from tests.conftest import ROLES

from .conftest import assert_assets_loaded, login

pytestmark = pytest.mark.e2e

# admin_lain is an Admin Instansi of another instansi: the same role label as admin_instansi.
PERAN_USER = {name: Peran.ADMIN_INSTANSI if name == "admin_lain" else Peran(name) for name in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_sees_its_role(page, live_server, world, role):
    user = world.users[role]
    login(page, live_server, user.username)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selamat datang, {user.username}")
    expect(page.locator("main .badge")).to_have_text([str(PERAN_USER[role].label)])
    assert_assets_loaded(page)


def test_wrong_password_shows_the_form_error(page, live_server, world):
    login(page, live_server, world.users["tim_evaluasi"].username, "salah-sekali-123")

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.locator("form .alert-danger")).to_contain_text("Nama pengguna atau kata sandi salah.")
    expect(page.locator("#id_password")).to_have_value("")
    assert_assets_loaded(page)


def test_an_admin_sets_up_the_authenticator_at_first_sign_in(page, live_server, world):
    admin = world.users["admin_instansi"]
    login(page, live_server, admin.username, pasang_totp=False)

    expect(page).to_have_url(f"{live_server.url}/akun/keamanan/pasang/?next=/")
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    kunci = page.locator("#kunci-totp").inner_text().replace(" ", "")
    totp = TOTP(base64.b32decode(kunci + "=" * (-len(kunci) % 8)))
    page.get_by_label("Kode").fill(f"{totp.token():06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Aktifkan").click()

    expect(page).to_have_url(f"{live_server.url}/akun/keamanan/")
    expect(page.locator("#kode-pemulihan li")).to_have_count(10)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selamat datang, {admin.username}")
    assert_assets_loaded(page)
