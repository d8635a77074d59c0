import base64
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP

from laporan.sampel import baca
from opd.models import Instansi, Opd, Pegawai, PeranPengguna
from opd.nip import parse_nip

# The demo logins of demo/10-organisasi.yaml: every account with a password.
LOGINS = [a for berkas in baca(hanya=["organisasi"]) for a in berkas.isi["akun"] if a.get("kata_sandi")]
README = Path(__file__).resolve().parents[2] / "README.md"


def kode_dari_kunci(kunci: str) -> str:
    """The code an authenticator app shows now for a base32 key."""
    totp = TOTP(base64.b32decode(kunci))
    return f"{totp.token():06d}"


def test_the_demo_administrators_sign_in_with_the_documented_key_and_passwords_pass_the_rules():
    admins = {a["username"] for a in LOGINS if a.get("peran") in ("admin_bkn", "admin_instansi")}
    assert admins == {a["username"] for a in LOGINS if a.get("totp_kunci")} == {"bkn", "admin.kupang", "admin.surabaya"}
    readme = README.read_text(encoding="utf-8")
    for akun in LOGINS:
        assert akun["kata_sandi"] in readme
        if akun.get("totp_kunci"):
            assert akun["totp_kunci"] in readme
        user = get_user_model()(username=akun["username"], email=akun.get("email", ""))
        password_validation.validate_password(akun["kata_sandi"], user)


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_staff_are_valid():
    call_command("seed_demo", verbosity=0)
    counts = (Instansi.objects.count(), Opd.objects.count(), Pegawai.objects.count(), PeranPengguna.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (
        Instansi.objects.count(),
        Opd.objects.count(),
        Pegawai.objects.count(),
        PeranPengguna.objects.count(),
    ) == counts
    assert counts[:2] == (2, 7)
    for pegawai in Pegawai.objects.all():
        parse_nip(pegawai.nip, pns=pegawai.status == Pegawai.Status.PNS)
    assert Instansi.objects.get(kode="kota-kupang").zona_waktu == "Asia/Makassar"
    assert Instansi.objects.get(kode="kota-surabaya").zona_waktu == "Asia/Jakarta"


@pytest.mark.django_db
def test_every_demo_login_reaches_its_home_page(client):
    call_command("seed_demo", verbosity=0)
    assert len(LOGINS) == 9
    for akun in LOGINS:
        username = akun["username"]
        response = client.post(reverse("login"), {"username": username, "password": akun["kata_sandi"]})
        assert response.status_code == 302, username
        assert response["Location"] == reverse("home")
        if akun.get("totp_kunci"):
            # The demo administrators' second step, with the code of the key the README gives.
            assert client.get(reverse("home"))["Location"] == reverse("opd:dua_langkah_verifikasi") + "?next=/"
            kode = {"kode": kode_dari_kunci(akun["totp_kunci"]), "next": "/"}
            assert client.post(reverse("opd:dua_langkah_verifikasi"), kode)["Location"] == "/", username
        home = client.get(reverse("home"))
        assert home.status_code == 200
        assert "Selamat datang" in home.content.decode()
        client.logout()
