"""Every URL × every role → the expected status. A new URL must join this matrix (see test_every_url_is_in_matrix).

Roles are those of tests/conftest.py's `world`: each holds its role in `world.instansi` (the OPD roles and the ASN in
`world.opd`), and `admin_lain` is the Admin Instansi of another instansi, to whom `world`'s objects are a 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.urls import NAMA_LAMA_PENGADUAN
from tests.matrix import ALL, ANON, LOGIN, Route, collect_routes

MATRIX: list[Route] = collect_routes()

# URL names that are not the product's own pages, or that every visitor may open (the login page, say).
NOT_IN_MATRIX_PREFIXES = ("admin:", "login", "logout", "password_", "set_language", "healthz")


def _cases():
    for route in MATRIX:
        for role in ALL:
            yield pytest.param(route, role, id=f"{route.name}-{role}")


@pytest.mark.parametrize(("route", "role"), list(_cases()))
def test_permission_matrix(client, world, route, role):
    if role != ANON:
        client.force_login(world.users[role])
    url = route.url(world)
    data = route.data(world) if route.data else None
    response = getattr(client, route.method)(url, data) if data is not None else getattr(client, route.method)(url)
    assert response.status_code == route.expect[role], f"{route.method.upper()} {url} as {role}"
    if role == ANON and route.expect[ANON] == LOGIN and not route.name.startswith("admin:"):
        assert response["Location"].startswith(reverse("login"))


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _all_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_matrix():
    covered = {route.name.split(" (")[0] for route in MATRIX}
    # The old pengaduan:<name> of a page that moved to another app is the same pattern as its new name (kinerja/urls.py).
    covered |= {
        f"pengaduan:{pattern.name}"
        for namespace, patterns in NAMA_LAMA_PENGADUAN.items()
        for pattern in patterns
        if f"{namespace}:{pattern.name}" in covered
    }
    missing = sorted(
        name for name in set(_all_url_names()) if name not in covered and not name.startswith(NOT_IN_MATRIX_PREFIXES)
    )
    assert missing == [], "add these URLs to MATRIX"
