"""Signing in through the real form, in a real browser: every role lands on its home page."""

import pytest
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
