"""The API's part of the permission matrix: every endpoint × (a token of the object's instansi, a token of another
instansi, a revoked token, no token) → the expected status. Its URL names are in tests/matrix/api.py too, where a
signed-in user without a token gets a 401."""

import pytest
from django.urls import reverse

from api import services
from tests.matrix.api import DAFTAR

from .test_sync import OBJEK

pytestmark = pytest.mark.django_db

PEMANGGIL = ["token_instansi", "token_instansi_lain", "token_dicabut", "tanpa_token"]
DETAIL = dict(zip(PEMANGGIL, [200, 404, 401, 401], strict=True))
LIST = dict(zip(PEMANGGIL, [200, 200, 401, 401], strict=True))


def test_every_endpoint_for_every_kind_of_caller(world, data_api, token, client):
    _t, kunci = token()
    _t_lain, kunci_lain = token(world.instansi_lain)
    dicabut, kunci_dicabut = token(nama="Lama")
    services.token_revoke(actor=world.users["admin_instansi"], token=dicabut)
    kunci_pemanggil = dict(zip(PEMANGGIL, [kunci, kunci_lain, kunci_dicabut, None], strict=True))
    salah = []
    for nama in DAFTAR:
        urls = [(reverse(f"api:{nama}-list"), LIST)]
        if nama in OBJEK:
            urls.append((reverse(f"api:{nama}-detail", args=[OBJEK[nama](world.instansi).pk]), DETAIL))
        for url, harapan in urls:
            for pemanggil, k in kunci_pemanggil.items():
                headers = {"HTTP_AUTHORIZATION": f"Bearer {k}"} if k else {}
                status = client.get(url, **headers).status_code
                if status != harapan[pemanggil]:
                    salah.append(f"{url} {pemanggil}: {status}, expected {harapan[pemanggil]}")
    assert salah == []
