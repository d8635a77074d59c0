"""Random query parameters and ids on every page of the permission matrix, as a user who may open it: never a 500."""

import pytest
from django.urls import resolve, reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import FUZZ, Percobaan
from tests.fuzz.strategi import bilangan, parameter_get
from tests.matrix import ANON, collect_routes

# Every query parameter a page reads (test_cakupan.py checks the views against this list).
PARAMETER = [
    "tahun",
    "triwulan",
    "periode",
    "page",
    "page_bawah",
    "page_dokumen",
    "halaman",
    "kursor",
    "q",
    "opd",
    "unit",
    "instansi",
    "pegawai",
    "layanan",
    "jenis",
    "status",
    "terlambat",
    "pemegang",
    "bawah",
    "kode",
    "pengguna",
    "dari",
    "sampai",
    "objek",
    "objek_id",
    "next",
]

# Who opens a page, in this order of preference: the first role the matrix lets in.
URUTAN_PERAN = ["admin_instansi", "tim_evaluasi", "pimpinan_opd", "petugas_pengaduan", "asn", "admin_bkn", ANON]


def halaman() -> list:
    """One route per GET page of the matrix, with a role that may open it."""
    hasil, dilihat = [], set()
    for route in collect_routes():
        nama = route.name.split(" (")[0]
        if route.method != "get" or nama in dilihat or nama.startswith("admin:"):
            continue
        peran = next((p for p in URUTAN_PERAN if route.expect[p] == 200), None)
        if peran is None:
            continue
        dilihat.add(nama)
        hasil.append(pytest.param(route, peran, id=nama))
    return hasil


ID_ANEH = st.one_of(
    bilangan.filter(lambda s: s.isdigit()).map(int), st.sampled_from([0, 2**31, 2**63 - 1, 2**63, 10**30])
)


# Pages are many and cheaper to get wrong than forms: fewer examples each.
FUZZ_GET = settings(FUZZ, max_examples=max(5, FUZZ.max_examples * 2 // 3))


@pytest.mark.parametrize(("route", "peran"), halaman())
def test_random_query_parameters_and_ids_never_give_a_500(client, world, route, peran):
    # The random parameters replace any query the route's own address carries.
    url = route.url(world).split("?", 1)[0]
    cocok = resolve(url)
    nama = f"{cocok.namespace}:{cocok.url_name}" if cocok.namespace else cocok.url_name
    ints = [k for k, v in cocok.kwargs.items() if isinstance(v, int)]
    user = world.users[peran] if peran != ANON else None

    @FUZZ_GET
    @given(params=parameter_get(PARAMETER), ganti=st.dictionaries(st.sampled_from(ints or ["-"]), ID_ANEH, max_size=2))
    def buka(params, ganti):
        alamat = url
        if ints and ganti:
            alamat = reverse(nama, kwargs={**cocok.kwargs, **ganti})
        with Percobaan():
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(alamat, params)
            assert response.status_code < 500, response.status_code

    buka()
