"""Syncing an instansi through the API with its token: every endpoint, every page, exactly the instansi's rows; the
other instansi's objects are a 404; a revoked, unknown or missing key is a 401."""

import pytest

from api import services
from evaluasi.models import CapaianTriwulan, Realisasi, SkorOpd, SkorPegawai
from indikator.models import Indikator
from opd.models import Opd, Pegawai
from penilaian.models import Penilaian, PredikatOpd

pytestmark = pytest.mark.django_db

# endpoint → the ids it must give for one instansi
DAFTAR = {
    "instansi": lambda i: [i.pk],
    "opd": lambda i: Opd.objects.filter(instansi=i),
    "pegawai": lambda i: Pegawai.objects.filter(opd__instansi=i),
    "indikator": lambda i: Indikator.objects.filter(instansi=i),
    "realisasi": lambda i: Realisasi.objects.filter(indikator__instansi=i),
    "capaian": lambda i: CapaianTriwulan.objects.filter(instansi=i),
    "skor-opd": lambda i: SkorOpd.objects.filter(instansi=i),
    "skor-pegawai": lambda i: SkorPegawai.objects.filter(instansi=i),
    "penilaian": lambda i: Penilaian.objects.filter(instansi=i, status__in=["final", "diakui"]),
    "predikat-opd": lambda i: PredikatOpd.objects.filter(instansi=i),
}
# endpoint → an object of an instansi
OBJEK = {
    "instansi": lambda i: i,
    "opd": lambda i: Opd.objects.filter(instansi=i).first(),
    "pegawai": lambda i: Pegawai.objects.filter(opd__instansi=i).first(),
    "indikator": lambda i: Indikator.objects.filter(instansi=i).first(),
    "realisasi": lambda i: Realisasi.objects.filter(indikator__instansi=i).first(),
    "capaian": lambda i: CapaianTriwulan.objects.filter(instansi=i).first(),
    "skor-opd": lambda i: SkorOpd.objects.filter(instansi=i).first(),
    "skor-pegawai": lambda i: SkorPegawai.objects.filter(instansi=i).first(),
    "penilaian": lambda i: Penilaian.objects.filter(instansi=i, status="final").first(),
    "predikat-opd": lambda i: PredikatOpd.objects.filter(instansi=i).first(),
}


def semua(api, url, kunci, **params):
    """Every row of a list, page after page, following the `next` links."""
    hasil, halaman = [], 0
    response = api(url, kunci, **params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        hasil.extend(body["results"])
        halaman += 1
        if not body["next"]:
            return hasil, halaman
        response = api(body["next"].removeprefix("http://testserver"), kunci)


def ids(qs):
    return sorted(o if isinstance(o, int) else o.pk for o in qs)


def test_a_token_syncs_its_whole_instansi_page_by_page(world, data_api, token, api):
    _token, kunci = token()
    for nama, harapan in DAFTAR.items():
        rows, halaman = semua(api, f"/api/v1/{nama}/", kunci, jumlah=1)
        expected = ids(harapan(world.instansi))
        assert expected, nama  # the data covers every endpoint
        assert sorted(r["id"] for r in rows) == expected, nama
        assert halaman == len(expected), nama  # one row a page: no row skipped, none repeated
    opd_ids = ids(Opd.objects.filter(instansi=world.instansi))
    for nama in ("statistik-pengaduan", "hasil-survei"):
        rows, _ = semua(api, f"/api/v1/{nama}/", kunci, jumlah=1, tahun=2026)
        assert sorted(r["opd"] for r in rows) == opd_ids


def test_the_synced_rows_carry_targets_statuses_scores_and_predikat(world, data_api, token, api):
    iku, iki = data_api
    _token, kunci = token()
    indikator = api(f"/api/v1/indikator/{iku.pk}/", kunci).json()
    assert indikator["opd"] == world.opd.pk
    assert indikator["target_bawah"] == "400.0000"
    assert [(t["triwulan"], t["target_bawah"]) for t in indikator["target_triwulan"]] == [
        (1, "100.0000"),
        (2, "100.0000"),
        (3, "100.0000"),
        (4, "100.0000"),
    ]
    realisasi, _ = semua(api, "/api/v1/realisasi/", kunci, opd=world.opd.pk)
    assert sorted((r["indikator"], r["triwulan"], r["nilai"], r["status"]) for r in realisasi) == sorted(
        [
            (iku.pk, 1, "90.0000", "diverifikasi"),
            (iku.pk, 2, "120.0000", "diajukan"),
            (iki.pk, 1, "110.0000", "diverifikasi"),
        ]
    )
    capaian = api("/api/v1/capaian/", kunci, tahun=2026, triwulan=1).json()["results"]
    assert {(c["indikator"], c["capaian"], c["band"]) for c in capaian} == {
        (iku.pk, "90.0000", "baik"),
        (iki.pk, "110.0000", "sangat_baik"),
    }
    skor = api("/api/v1/skor-opd/", kunci, opd=world.opd.pk, tahun=2026, triwulan=1).json()["results"]
    assert [(s["opd"], s["skor"]) for s in skor] == [(world.opd.pk, "90.0000")]
    penilaian = api("/api/v1/penilaian/", kunci, tahun=2026).json()["results"]
    assert [(p["pegawai"], p["opd"], p["predikat"]) for p in penilaian] == [(world.pegawai.pk, world.opd.pk, "baik")]
    survei = api("/api/v1/hasil-survei/", kunci, tahun=2026, opd=world.opd.pk).json()["results"]
    assert survei == [
        {
            "opd": world.opd.pk,
            "tahun": 2026,
            "triwulan": None,
            "jumlah_responden": 2,
            "nrr": {
                "u1": "3.5000",
                "u2": "3.0000",
                "u3": "2.5000",
                "u4": "4.0000",
                "u5": "3.5000",
                "u6": "3.0000",
                "u7": "3.5000",
                "u8": "2.5000",
                "u9": "3.0000",
            },
            "ikm": "3.1667",
            "ikm_konversi": "79.17",
            "mutu": "B",
        }
    ]


def test_complaint_statistics_never_show_the_reporter(world, data_api, token, api):
    _token, kunci = token()
    response = api("/api/v1/statistik-pengaduan/", kunci, tahun=2026, opd=world.opd.pk)
    assert response.json()["results"] == [
        {
            "opd": world.opd.pk,
            "tahun": 2026,
            "diterima": 2,
            "dijawab": 1,
            "median_respons": "5.0",
            "tepat_waktu": "50.0",
        }
    ]
    assert b"Rahasia" not in response.content and b"0812" not in response.content


@pytest.mark.parametrize("nama", list(OBJEK))
def test_the_token_reads_its_own_objects_and_gets_404_for_another_instansis(world, data_api, token, api, nama):
    _token, kunci = token()
    sendiri, lain = OBJEK[nama](world.instansi), OBJEK[nama](world.instansi_lain)
    assert api(f"/api/v1/{nama}/{sendiri.pk}/", kunci).status_code == 200
    response = api(f"/api/v1/{nama}/{lain.pk}/", kunci)
    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan."}
    # …and the other instansi's token the other way round.
    _token_lain, kunci_lain = token(world.instansi_lain)
    assert api(f"/api/v1/{nama}/{lain.pk}/", kunci_lain).status_code == 200
    assert api(f"/api/v1/{nama}/{sendiri.pk}/", kunci_lain).status_code == 404


def test_a_draft_evaluation_is_not_exported(world, data_api, token, api):
    _token, kunci = token()
    draf = Penilaian.objects.get(pegawai=world.pegawai_lain)
    assert api(f"/api/v1/penilaian/{draf.pk}/", kunci).status_code == 404


def test_a_revoked_token_gets_401(world, data_api, token, api):
    t, kunci = token()
    assert api("/api/v1/opd/", kunci).status_code == 200
    services.token_revoke(actor=world.users["admin_instansi"], token=t)
    for url in ("/api/v1/opd/", f"/api/v1/opd/{world.opd.pk}/", "/api/v1/statistik-pengaduan/"):
        response = api(url, kunci)
        assert response.status_code == 401
        assert response.json() == {"detail": "Token ini sudah dicabut."}
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        (None, "Data autentikasi tidak diberikan."),
        ("Bearer knj_bukan-kunci-yang-ada", "Kunci token tidak valid."),
        ("Bearer", "Header Authorization harus berisi Bearer, spasi, lalu kunci token."),
        ("Bearer satu dua", "Header Authorization harus berisi Bearer, spasi, lalu kunci token."),
    ],
)
def test_a_missing_or_unknown_key_gets_401(world, client, header, detail):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/opd/", **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_the_key_may_also_be_sent_as_token(world, token, client):
    _token, kunci = token()
    assert client.get("/api/v1/opd/", HTTP_AUTHORIZATION=f"Token {kunci}").status_code == 200


def test_a_signed_in_user_without_a_token_gets_401(world, client):
    """The API reads with tokens only: a browser session (and its CSRF-free GETs) opens nothing."""
    client.force_login(world.users["admin_instansi"])
    assert client.get("/api/v1/opd/").status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(world, token, client, method):
    _token, kunci = token()
    response = getattr(client, method)(
        f"/api/v1/opd/{world.opd.pk}/", {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {kunci}"
    )
    assert response.status_code == 405
    assert Opd.objects.get(pk=world.opd.pk).nama == world.opd.nama
