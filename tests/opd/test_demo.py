import pytest
from django.core.management import call_command
from django.urls import reverse

from laporan.sampel import baca
from opd.models import Instansi, Opd, Pegawai, PeranPengguna
from opd.nip import parse_nip

# The demo logins of demo/10-organisasi.yaml: every account with a password.
LOGINS = [a for berkas in baca(hanya=["organisasi"]) for a in berkas.isi["akun"] if a.get("kata_sandi")]


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
        home = client.get(reverse("home"))
        assert home.status_code == 200
        assert "Selamat datang" in home.content.decode()
        client.logout()
