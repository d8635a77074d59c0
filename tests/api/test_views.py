"""The Admin Instansi's token pages: the list of the instansi's tokens, creating one (its key shown once) and revoking
one."""

import pytest
from django.urls import reverse

from api import services
from api.models import TokenApi, hash_kunci

pytestmark = pytest.mark.django_db


def test_an_admin_creates_a_token_and_sees_its_key_once(world, client_for):
    client = client_for(world.users["admin_instansi"])
    response = client.post(reverse("api:token_list"), {"nama": "SIASN", "instansi": world.instansi.pk})
    assert response.status_code == 302 and response["Location"] == reverse("api:token_list")
    token = TokenApi.objects.get()
    assert (token.nama, token.instansi, token.dibuat_oleh) == ("SIASN", world.instansi, world.users["admin_instansi"])
    halaman = client.get(reverse("api:token_list")).content.decode()
    kunci = halaman.split("data-kunci-token>")[1].split("<")[0]
    assert hash_kunci(kunci) == token.kunci_hash
    assert "Token dibuat. Salin kuncinya sekarang" in halaman
    assert kunci not in client.get(reverse("api:token_list")).content.decode()
    # The key works at once.
    client.logout()
    assert client.get("/api/v1/instansi/", HTTP_AUTHORIZATION=f"Bearer {kunci}").status_code == 200


def test_a_token_without_a_name_is_refused_next_to_the_field(world, client_for):
    client = client_for(world.users["admin_instansi"])
    response = client.post(reverse("api:token_list"), {"nama": "   ", "instansi": world.instansi.pk})
    assert response.status_code == 422
    assert response.context["form"].errors == {"nama": ["Bidang ini tidak boleh kosong."]}
    assert not TokenApi.objects.exists()


def test_an_admin_cannot_create_a_token_for_another_instansi(world, client_for):
    client = client_for(world.users["admin_lain"])
    response = client.post(reverse("api:token_list"), {"nama": "SIASN", "instansi": world.instansi.pk})
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["instansi"]
    assert not TokenApi.objects.exists()


def test_the_list_shows_the_instansis_tokens_only(world, client_for):
    services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama="SIASN Kota Uji")
    services.token_create(actor=world.users["admin_lain"], instansi=world.instansi_lain, nama="SIASN Kota Lain")
    halaman = client_for(world.users["admin_instansi"]).get(reverse("api:token_list")).content.decode()
    assert "SIASN Kota Uji" in halaman and "SIASN Kota Lain" not in halaman


def test_an_admin_revokes_a_token_and_its_key_stops_working(world, client_for):
    token, kunci = services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama="SIASN")
    client = client_for(world.users["admin_instansi"])
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.dicabut_pada is not None and token.dicabut_oleh == world.users["admin_instansi"]
    assert "Dicabut" in client.get(reverse("api:token_list")).content.decode()
    client.logout()
    assert client.get("/api/v1/instansi/", HTTP_AUTHORIZATION=f"Bearer {kunci}").status_code == 401


def test_another_instansis_token_cannot_be_revoked(world, client_for):
    token, _kunci = services.token_create(actor=world.users["admin_lain"], instansi=world.instansi_lain, nama="SIASN")
    response = client_for(world.users["admin_instansi"]).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.dicabut_pada is None


def test_the_token_page_is_in_the_admins_navigation_only(world, client_for):
    url = reverse("api:token_list")
    assert url in client_for(world.users["admin_instansi"]).get(reverse("home")).content.decode()
    assert url not in client_for(world.users["tim_evaluasi"]).get(reverse("home")).content.decode()


def test_the_token_list_costs_the_same_queries_for_one_token_as_for_many(world, client_for, django_assert_num_queries):
    client = client_for(world.users["admin_instansi"])
    services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama="Satu")
    client.get(reverse("api:token_list"))
    with django_assert_num_queries(QUERIES_TOKEN_LIST):
        client.get(reverse("api:token_list"))
    for n in range(5):
        token, _ = services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama=f"T{n}")
    services.token_revoke(actor=world.users["admin_instansi"], token=token)
    with django_assert_num_queries(QUERIES_TOKEN_LIST):
        client.get(reverse("api:token_list"))


QUERIES_TOKEN_LIST = 9


def test_the_documentation_page_and_its_script_come_from_this_server(client):
    """Swagger UI from the installed package (drf-spectacular-sidecar), its start-up script from its own address:
    nothing from a CDN, nothing inline, so the Content-Security-Policy holds."""
    halaman = client.get(reverse("api:docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in halaman
    assert "cdn" not in halaman.lower() and "<script>" not in halaman
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
    assert client.get(reverse("api:schema"), {"format": "json"}).json()["info"]["title"] == "Kinerja API"
