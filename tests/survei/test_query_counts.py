"""Every list page of the survey runs a fixed number of queries, with one row or many (style.md, rule 7)."""

import pytest
from django.urls import reverse

from survei import services
from survei.models import Layanan
from tests.factories import OpdFactory


def _survei(opd, n, layanan=None):
    for i in range(n):
        services.survei_submit(opd=opd, layanan=layanan, skor=[1 + (i + u) % 4 for u in range(9)], saran=f"Saran {i}")


@pytest.mark.parametrize("n", [1, 10])
def test_survey_results(client_for, world, n, django_assert_num_queries):
    for i in range(n):
        _survei(world.opd, 3, Layanan.objects.create(opd=world.opd, nama=f"Layanan {i}"))
        _survei(OpdFactory(instansi=world.instansi), 2)
    client = client_for(world.users["admin_instansi"])
    with django_assert_num_queries(9):
        client.get(reverse("survei:ikm"))


@pytest.mark.parametrize("n", [1, 10])
def test_services_list(client_for, world, n, django_assert_num_queries):
    for i in range(n):
        Layanan.objects.create(opd=world.opd, nama=f"Layanan {i}")
        Layanan.objects.create(opd=OpdFactory(instansi=world.instansi), nama=f"Layanan {i}")
    client = client_for(world.users["admin_instansi"])
    with django_assert_num_queries(9):
        client.get(reverse("survei:layanan_list"))


@pytest.mark.parametrize("n", [1, 10])
def test_survey_index(client, world, n, django_assert_num_queries):
    for _ in range(n):
        OpdFactory(instansi=world.instansi)
    with django_assert_num_queries(1):
        client.get(reverse("survei:survei_index"))
