"""The API's pages and endpoints. The token pages are the Admin Instansi's; the endpoints read with a token only, so
every signed-in user without one gets a 401 (the token × instansi matrix is tests/api/test_matrix_api.py)."""

from django.urls import reverse

from api import services
from tests.matrix import Route, expect


def token(w):
    if not hasattr(w, "_token_api"):
        w._token_api = services.token_create(actor=w.users["admin_instansi"], instansi=w.instansi, nama="SIASN")[0]
    return w._token_api


ADMIN = expect(404, admin_instansi=200, admin_lain=200)
TANPA_TOKEN = expect(401, anon=401)

DAFTAR = [
    "instansi",
    "opd",
    "pegawai",
    "indikator",
    "realisasi",
    "capaian",
    "skor-opd",
    "skor-pegawai",
    "penilaian",
    "predikat-opd",
    "statistik-pengaduan",
    "hasil-survei",
]
DETAIL = {
    "instansi": lambda w: w.instansi.pk,
    "opd": lambda w: w.opd.pk,
    "pegawai": lambda w: w.pegawai.pk,
}

ROUTES: list[Route] = [
    Route("api:token_list", lambda w: reverse("api:token_list"), ADMIN),
    Route(
        "api:token_list (create)",
        lambda w: reverse("api:token_list"),
        # The other instansi's admin may not pick this instansi: a form error.
        expect(404, admin_instansi=302, admin_lain=422),
        method="post",
        data=lambda w: {"nama": "SIASN", "instansi": w.instansi.pk},
    ),
    Route(
        "api:token_revoke",
        lambda w: reverse("api:token_revoke", args=[token(w).pk]),
        expect(404, admin_instansi=302),
        method="post",
        data=lambda w: {},
    ),
    Route("api:schema", lambda w: reverse("api:schema"), expect(200, anon=200)),
    Route("api:docs", lambda w: reverse("api:docs"), expect(200, anon=200)),
    *(Route(f"api:{nama}-list", lambda w, nama=nama: reverse(f"api:{nama}-list"), TANPA_TOKEN) for nama in DAFTAR),
    *(
        Route(
            f"api:{nama}-detail",
            lambda w, nama=nama: reverse(f"api:{nama}-detail", args=[DETAIL.get(nama, lambda w: 1)(w)]),
            TANPA_TOKEN,
        )
        for nama in DAFTAR[:10]
    ),
]
