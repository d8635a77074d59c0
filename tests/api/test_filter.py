"""The list filters (tahun, triwulan, opd, updated_since), the cursor pages, and a flat number of queries per page."""

import datetime as dt

import pytest
from django.utils import timezone

from evaluasi.models import Realisasi
from opd.models import Opd, Pegawai
from penilaian.models import Penilaian, PredikatOpd
from tests.factories import PegawaiFactory

from .conftest import TAHUN, _iku

pytestmark = pytest.mark.django_db


def test_realisations_filter_by_year_quarter_and_opd(world, data_api, token, api):
    iku, iki = data_api
    lama = _iku(world.opd, "IKU-LAMA", tahun=2025)
    Realisasi.objects.create(indikator=lama, triwulan=1, nilai=5)
    _t, kunci = token()

    def baris(**params):
        return sorted(
            (r["indikator"], r["triwulan"]) for r in api("/api/v1/realisasi/", kunci, **params).json()["results"]
        )

    assert baris(tahun=TAHUN) == sorted([(iku.pk, 1), (iku.pk, 2), (iki.pk, 1)])
    assert baris(tahun=TAHUN, triwulan=1) == sorted([(iku.pk, 1), (iki.pk, 1)])
    assert baris(tahun=2025) == [(lama.pk, 1)]
    assert baris(opd=world.opd_lain.pk) == []
    # Another instansi's OPD is nothing to filter by: no rows, nothing of theirs.
    assert baris(opd=world.opd_instansi_lain.pk) == []


def test_updated_since_gives_realisations_changed_since_then(world, data_api, token, api):
    iku, _iki = data_api
    dulu = timezone.now() - dt.timedelta(days=3)
    Realisasi.objects.update(diubah_pada=dulu)
    baru = Realisasi.objects.get(indikator=iku, triwulan=2)
    Realisasi.objects.filter(pk=baru.pk).update(diubah_pada=timezone.now())
    _t, kunci = token()
    sejak = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert [r["id"] for r in api("/api/v1/realisasi/", kunci, updated_since=sejak).json()["results"]] == [baru.pk]


def test_updated_since_on_kept_history_gives_rows_changed_since_then(world, data_api, token, api):
    """OPDs, staff and indicators have no timestamp of their own: their history (simple_history) tells when."""
    _t, kunci = token()
    sejak = timezone.now()
    assert api("/api/v1/opd/", kunci, updated_since=sejak.isoformat()).json()["results"] == []
    opd = Opd.objects.get(pk=world.opd_lain.pk)
    opd.singkatan = "DINKES"
    opd.save()
    pegawai = PegawaiFactory(opd=world.opd)
    assert [r["id"] for r in api("/api/v1/opd/", kunci, updated_since=sejak.isoformat()).json()["results"]] == [opd.pk]
    assert [r["id"] for r in api("/api/v1/pegawai/", kunci, updated_since=sejak.isoformat()).json()["results"]] == [
        pegawai.pk
    ]


def test_updated_since_on_evaluations_and_predikat(world, data_api, token, api):
    _t, kunci = token()
    Penilaian.objects.update(diubah_pada=timezone.now() - dt.timedelta(days=2))
    PredikatOpd.objects.update(ditetapkan_pada=timezone.now() - dt.timedelta(days=2))
    sejak = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert api("/api/v1/penilaian/", kunci, updated_since=sejak).json()["results"] == []
    assert api("/api/v1/predikat-opd/", kunci, updated_since=sejak).json()["results"] == []


@pytest.mark.parametrize(
    "nilai", ["kemarin", "2026-04-01", "2026-04-01T00:00:00", "2026-04-01 00:00:00+08:00", "2026-04-01T00:00+08:00"]
)
def test_an_unreadable_updated_since_is_a_400_that_says_how_to_write_it(world, token, api, nilai):
    _t, kunci = token()
    response = api("/api/v1/realisasi/", kunci, updated_since=nilai)
    assert response.status_code == 400
    assert response.json() == {
        "updated_since": [
            "Format waktu salah: pakai ISO 8601 lengkap dengan detik dan zona waktu, misalnya "
            "2026-04-01T00:00:00+08:00 atau 2026-03-31T16:00:00Z."
        ]
    }


@pytest.mark.parametrize("nilai", ["2026-04-01T00:00:00Z", "2026-04-01T08:00:00.5+08:00"])
def test_a_full_iso_datetime_is_accepted(world, token, api, nilai):
    _t, kunci = token()
    assert api("/api/v1/realisasi/", kunci, updated_since=nilai).status_code == 200


@pytest.mark.parametrize(
    ("params", "galat"),
    [
        ({"tahun": "dua ribu"}, {"tahun": ["Nilai bidang ini harus berupa bilangan bulat."]}),
        ({"tahun": "1999"}, {"tahun": ["Isi bidang ini harus lebih atau sama dengan 2000."]}),
        ({"triwulan": "5"}, {"triwulan": ["Isi bidang ini harus kurang atau sama dengan 4."]}),
        ({"opd": "x"}, {"opd": ["Nilai bidang ini harus berupa bilangan bulat."]}),
        ({"jumlah": "0"}, {"jumlah": ["Isi bilangan bulat 1–500."]}),
        ({"jumlah": "banyak"}, {"jumlah": ["Isi bilangan bulat 1–500."]}),
    ],
)
def test_an_unreadable_filter_is_a_400_naming_the_parameter(world, token, api, params, galat):
    _t, kunci = token()
    response = api("/api/v1/realisasi/", kunci, **params)
    assert response.status_code == 400
    assert response.json() == galat


def test_an_unknown_cursor_is_a_404(world, token, api):
    _t, kunci = token()
    response = api("/api/v1/opd/", kunci, cursor="bukan-kursor")
    assert response.status_code == 404


def test_cursor_pages_neither_skip_nor_repeat_a_row_changed_while_paging(world, data_api, token, api):
    """Realisations are paged by (last change, id): a row changed after the first page moves to the end, and is read
    again there, once, rather than lost."""
    _t, kunci = token()
    dulu = timezone.now() - dt.timedelta(days=1)
    for i, r in enumerate(Realisasi.objects.filter(indikator__instansi=world.instansi).order_by("pk")):
        Realisasi.objects.filter(pk=r.pk).update(diubah_pada=dulu + dt.timedelta(minutes=i))
    pertama = api("/api/v1/realisasi/", kunci, jumlah=1).json()
    diubah = Realisasi.objects.get(pk=pertama["results"][0]["id"])
    Realisasi.objects.filter(pk=diubah.pk).update(diubah_pada=timezone.now())
    dilihat = [pertama["results"][0]["id"]]
    url = pertama["next"]
    while url:
        body = api(url.removeprefix("http://testserver"), kunci).json()
        dilihat += [r["id"] for r in body["results"]]
        url = body["next"]
    semua = sorted(Realisasi.objects.filter(indikator__instansi=world.instansi).values_list("pk", flat=True))
    assert sorted(set(dilihat)) == semua
    assert dilihat[-1] == diubah.pk


# Queries of one page: the token (1), marking it used (1), the rows (1), and what each endpoint prefetches or
# computes for its page.
QUERIES = {
    "instansi": 3,
    "opd": 3,
    "pegawai": 3,
    "indikator": 4,
    "realisasi": 3,
    "capaian": 3,
    "skor-opd": 3,
    "skor-pegawai": 3,
    "penilaian": 3,
    "predikat-opd": 3,
    "statistik-pengaduan": 4,
    "hasil-survei": 5,
}


@pytest.mark.parametrize("nama", list(QUERIES))
def test_a_page_costs_the_same_queries_for_one_row_as_for_many(
    world, data_api, token, api, django_assert_num_queries, nama
):
    for p in Pegawai.objects.filter(opd=world.opd):
        Penilaian.objects.get_or_create(
            pegawai=p,
            instansi=world.instansi,
            tahun=TAHUN,
            jenis="tahunan",
            triwulan=4,
            defaults={"status": "final", "predikat": "baik"},
        )
    PredikatOpd.objects.create(opd=world.opd_lain, instansi=world.instansi, tahun=TAHUN, predikat="baik")
    _t, kunci = token()
    params = {"tahun": TAHUN} if nama in ("statistik-pengaduan", "hasil-survei") else {}
    with django_assert_num_queries(QUERIES[nama]):
        satu = api(f"/api/v1/{nama}/", kunci, jumlah=1, **params)
    with django_assert_num_queries(QUERIES[nama]):
        banyak = api(f"/api/v1/{nama}/", kunci, jumlah=500, **params)
    assert len(satu.json()["results"]) == 1
    # The token sees one instansi; every other list has several rows on the page.
    assert len(banyak.json()["results"]) >= (1 if nama == "instansi" else 2)
