"""Every URL × every role → the expected status. A new URL must join this matrix (see test_every_url_is_in_matrix).

Roles are those of tests/conftest.py's `world`: each holds its role in `world.instansi` (the OPD roles and the ASN in
`world.opd`), and `admin_lain` is the Admin Instansi of another instansi, to whom `world`'s objects are a 404.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANON = "anon"
ALL = [ANON, "admin_bkn", "admin_instansi", "pimpinan_opd", "tim_evaluasi", "petugas_pengaduan", "asn", "admin_lain"]
LOGIN = 302


@dataclass
class Route:
    name: str
    url: Callable
    expect: dict
    method: str = "get"
    data: Callable | None = None


def expect(default: int, anon: int = LOGIN, **overrides: int) -> dict:
    result = {role: default for role in ALL}
    result[ANON] = anon
    result.update(overrides)
    return result


# Statuses for pages that list the OPDs and staff a user may read: everyone with an OPD or instansi role.
READERS = expect(200, asn=404)

MATRIX: list[Route] = [
    Route("home", lambda w: reverse("home"), expect(200)),
    Route("opd:opd_list", lambda w: reverse("opd:opd_list"), READERS),
    Route("opd:opd_detail", lambda w: reverse("opd:opd_detail", args=[w.opd.pk]), expect(200, asn=404, admin_lain=404)),
    Route(
        "opd:opd_detail (other OPD of the instansi)",
        lambda w: reverse("opd:opd_detail", args=[w.opd_lain.pk]),
        expect(200, asn=404, admin_lain=404, pimpinan_opd=404, tim_evaluasi=404),
    ),
    Route("opd:pegawai_list", lambda w: reverse("opd:pegawai_list"), READERS),
    Route(
        "opd:pegawai_detail (own record)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai.pk]),
        expect(200, admin_lain=404),
    ),
    Route(
        "opd:pegawai_detail (a colleague)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai_lain.pk]),
        expect(200, asn=404, admin_lain=404),
    ),
    Route(
        "opd:pegawai_detail (other instansi)",
        lambda w: reverse("opd:pegawai_detail", args=[w.pegawai_instansi_lain.pk]),
        expect(404, admin_lain=200),
    ),
    Route(
        "opd:pegawai_import",
        lambda w: reverse("opd:pegawai_import"),
        expect(404, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "opd:pegawai_import_template",
        lambda w: reverse("opd:pegawai_import_template"),
        expect(404, admin_instansi=200, admin_lain=200),
    ),
    Route(
        "opd:lockout_list",
        lambda w: reverse("opd:lockout_list"),
        expect(404, admin_instansi=200, admin_bkn=200, admin_lain=200),
    ),
    Route(
        "opd:lockout_reset",
        lambda w: reverse("opd:lockout_reset"),
        # Nothing to unlock for this user name: 404 even for the admin; others may not unlock at all.
        expect(
            404,
            admin_instansi=404,
            admin_bkn=403,
            admin_lain=404,
            pimpinan_opd=403,
            tim_evaluasi=403,
            petugas_pengaduan=403,
            asn=403,
        ),
        method="post",
        data=lambda w: {"username": "tidak-ada"},
    ),
    Route(
        "admin:index",
        lambda w: reverse("admin:index"),
        expect(LOGIN, admin_bkn=200, admin_instansi=200, admin_lain=200),
    ),
]

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
    missing = sorted(
        name for name in set(_all_url_names()) if name not in covered and not name.startswith(NOT_IN_MATRIX_PREFIXES)
    )
    assert missing == [], "add these URLs to MATRIX"
