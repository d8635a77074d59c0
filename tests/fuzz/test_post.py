"""Random bodies POSTed to every endpoint of titik.py as the user who posts it: the answer is a page with errors or a
4xx, never a 500, and a refused POST leaves every table as it was."""

import pytest
from hypothesis import given

from tests.fuzz.conftest import FUZZ, Percobaan, berubah, ditolak, jejak
from tests.fuzz.strategi import data_formulir
from tests.fuzz.titik import TITIK


@pytest.mark.parametrize("titik", TITIK, ids=lambda t: t.nama)
def test_a_random_post_gets_errors_or_a_4xx_and_a_refused_one_changes_nothing(client, world, titik):
    url = titik.url(world)
    strategi = data_formulir(titik.dasar(world), titik.medan(world), medan_berkas=titik.berkas(world))
    user = world.users[titik.peran] if titik.peran else None

    @FUZZ
    @given(data=strategi)
    def kirim(data):
        with Percobaan():
            client.logout()
            if user is not None:
                client.force_login(user)
            if titik.sesi:
                titik.sesi(world, client)
            sebelum = jejak()
            response = client.post(url, data)
            assert response.status_code < 500, response.status_code
            if ditolak(response):
                assert berubah(sebelum, jejak()) == [], f"refused with {response.status_code} yet changed"

    kirim()
