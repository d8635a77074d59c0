"""The SIASN export and its pre-sync check: the demo passes its own check, a record broken on purpose is listed with
its reason and a link to where it is fixed, the files' contents, scope and query counts."""

import io
import json

import pytest
from django.db import transaction
from django.urls import reverse

from indikator.services import hari_ini_instansi
from laporan.sampel import muat
from laporan.siasn import PeriodeSiasn, rekaman_siasn
from opd.models import Instansi, Pegawai
from penilaian.aturan_siasn import Masalah
from penilaian.models import Penilaian
from tests.factories import PegawaiFactory, UnitKerjaFactory

# -- the demo --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        muat(hanya=["organisasi", "indikator", "penilaian"])
        yield
        transaction.set_rollback(True)


@pytest.fixture
def kupang(_demo, db):
    instansi = Instansi.objects.get(kode="kota-kupang")
    return instansi, hari_ini_instansi(instansi).year - 1


def _periksa(client, instansi, tahun, periode="tahunan"):
    return client.get(reverse("laporan:siasn"), {"instansi": instansi.pk, "tahun": tahun, "periode": periode})


def test_the_demo_export_passes_its_own_pre_sync_check(kupang, client):
    instansi, tahun = kupang
    periode = PeriodeSiasn(tahun=tahun, jenis="tahunan", triwulan=4)
    rekaman = list(rekaman_siasn(instansi=instansi, periode=periode))
    assert len(rekaman) == 7
    assert [(r.asn.nama, r.masalah) for r in rekaman if r.masalah] == []

    client.force_login(_admin_kupang())
    response = _periksa(client, instansi, tahun)
    assert response.status_code == 200
    assert "Tidak ada data yang akan ditolak SIASN." in response.content.decode()
    assert (response.context["jumlah"], response.context["final"], response.context["siap"]) == (7, 7, 7)

    ekspor = client.get(reverse("laporan:siasn_json"), {"instansi": instansi.pk, "tahun": tahun, "periode": "tahunan"})
    data = json.loads(b"".join(ekspor.streaming_content))
    assert sorted(d["nip"] for d in data["data"]) == sorted(r.asn.nip for r in rekaman)
    assert data["periode"] == {"jenis": "tahunan", "tahun": tahun, "triwulan": None, "bulan_awal": 1, "bulan_akhir": 12}


def _admin_kupang():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin.kupang")


def test_a_record_broken_on_purpose_is_listed_with_its_reason_and_where_to_fix_it(kupang, client):
    instansi, tahun = kupang
    yosef = Pegawai.objects.get(nip="197101211997011012")
    Pegawai.objects.filter(pk=yosef.pk).update(atasan=None)
    client.force_login(_admin_kupang())
    response = _periksa(client, instansi, tahun)
    assert response.status_code == 200
    assert [(m["rekaman"].asn.nip, m["kode"], m["tautan"]) for m in response.context["masalah"]] == [
        (yosef.nip, Masalah.TANPA_ATASAN, reverse("admin:opd_pegawai_change", args=[yosef.pk]))
    ]
    html = response.content.decode()
    assert "Tidak punya atasan (pejabat penilai)" in html
    assert reverse("admin:opd_pegawai_change", args=[yosef.pk]) in html
    assert response.context["siap"] == 6


def test_the_bkn_reads_the_check_of_the_instansi_it_oversees(kupang, client):
    instansi, tahun = kupang
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="bkn"))
    assert _periksa(client, instansi, tahun).status_code == 200
    assert _periksa(client, Instansi.objects.get(kode="kota-surabaya"), tahun).status_code == 200


# -- the records, the files ------------------------------------------------------------------------------------------

TAHUN = 2026


def _nilai(pegawai, instansi, **kwargs):
    kwargs.setdefault("status", Penilaian.Status.FINAL)
    kwargs.setdefault("hasil_kerja", "sesuai")
    kwargs.setdefault("perilaku", "di_atas")
    kwargs.setdefault("predikat", "baik")
    return Penilaian.objects.create(
        pegawai=pegawai, instansi=instansi, tahun=TAHUN, jenis="triwulan", triwulan=2, **kwargs
    )


@pytest.fixture
def dua(world):
    """world.pegawai final and sound (superior Kepala Seksi in his unit); his superior's own evaluation draft."""
    atasan = world.pegawai.atasan
    atasan.unit = world.unit
    atasan.siasn_id = "SIASN-ATASAN"
    atasan.save()
    world.pegawai.siasn_id = "SIASN-PEG"
    world.pegawai.save()
    world.unit.siasn_id = "UNOR-IDP"
    world.unit.save()
    p = _nilai(world.pegawai, world.instansi, penilai=world.users["tim_evaluasi"])
    _nilai(atasan, world.instansi, status=Penilaian.Status.DRAF, predikat="")
    return p


def _get(client, user, name, world, **params):
    client.force_login(user)
    query = {"instansi": world.instansi.pk, "tahun": TAHUN, "periode": "tw2", **params}
    return client.get(reverse(name), query)


def test_the_json_export_carries_what_siasn_needs_of_final_evaluations(world, dua, client):
    response = _get(client, world.users["admin_instansi"], "laporan:siasn_json", world)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="siasn-kota-uji-2026-tw2.json"'
    data = json.loads(b"".join(response.streaming_content))
    atasan = world.pegawai.atasan
    assert data["format"] == "kinerja-siasn/1"
    assert data["instansi"] == {"kode": "kota-uji", "nama": "Pemerintah Kota Uji"}
    assert data["periode"] == {"jenis": "triwulan", "tahun": 2026, "triwulan": 2, "bulan_awal": 4, "bulan_akhir": 6}
    [rekaman] = data["data"]  # the draft is not exported
    rekaman.pop("difinalkan_pada")
    assert rekaman == {
        "nip": world.pegawai.nip,
        "nama": world.pegawai.nama_lengkap,
        "siasn_id": "SIASN-PEG",
        "status_asn": "pns",
        "jabatan": world.pegawai.jabatan,
        "unit": "Seksi Identitas Penduduk",
        "unit_siasn_id": "UNOR-IDP",
        "opd": "Dinas Kependudukan dan Pencatatan Sipil",
        "periode": {"jenis": "triwulan", "tahun": 2026, "bulan_awal": 4, "bulan_akhir": 6},
        "rating_hasil_kerja": "sesuai",
        "rating_hasil_kerja_label": "Sesuai Ekspektasi",
        "rating_perilaku": "di_atas",
        "rating_perilaku_label": "Di Atas Ekspektasi",
        "predikat": "baik",
        "predikat_label": "Baik",
        "status_penilaian": "final",
        "penilai": {
            "nip": atasan.nip,
            "nama": atasan.nama_lengkap,
            "jabatan": "Kepala Seksi",
            "unit": "Seksi Identitas Penduduk",
            "unit_siasn_id": "UNOR-IDP",
            "siasn_id": "SIASN-ATASAN",
            "asn": True,
        },
    }


def test_without_a_superior_the_evaluator_is_who_evaluated_and_may_not_be_an_asn(world, dua):
    Pegawai.objects.filter(pk=world.pegawai.pk).update(atasan=None)
    user = world.users["tim_evaluasi"]
    user.first_name, user.last_name = "Tim", "Dukcapil"
    user.save()
    [r] = list(rekaman_siasn(instansi=world.instansi, periode=PeriodeSiasn(TAHUN, "triwulan", 2), hanya_final=True))
    assert (r.penilai.nama, r.penilai.nip, r.penilai.asn) == ("Tim Dukcapil", "", False)
    assert r.masalah == ((Masalah.TANPA_ATASAN, ""),)


def test_the_excel_export_has_one_row_per_final_evaluation_and_keeps_text_as_text(world, dua, client):
    import openpyxl

    Pegawai.objects.filter(pk=world.pegawai.pk).update(nama="=HYPERLINK(1)")
    response = _get(client, world.users["admin_bkn"], "laporan:siasn_xlsx", world)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="siasn-kota-uji-2026-tw2.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["NIP", "Nama", "ID SIASN pegawai"]
    assert len(rows) == 2
    assert rows[1][:2] == [world.pegawai.nip, "=HYPERLINK(1)"]
    assert sheet.cell(2, 2).data_type == "s"
    assert rows[1][8:16] == [
        2026,
        4,
        6,
        "Periodik (triwulan)",
        "Sesuai Ekspektasi",
        "Di Atas Ekspektasi",
        "Baik",
        "baik",
    ]
    assert rows[1][16:] == [
        world.pegawai.atasan.nip,
        world.pegawai.atasan.nama_lengkap,
        "Kepala Seksi",
        "Seksi Identitas Penduduk",
        "Ya",
    ]


def test_the_check_lists_each_reason_with_the_page_that_fixes_it(world, dua, client):
    p = dua
    Penilaian.objects.filter(pk=p.pk).update(predikat="sangat_baik")
    response = _get(client, world.users["admin_instansi"], "laporan:siasn", world)
    atasan = world.pegawai.atasan
    nilai = lambda pk: reverse("penilaian:nilai", args=[pk, TAHUN, "tw2"])  # noqa: E731
    assert sorted((m["rekaman"].asn.nip, m["kode"], m["tautan"]) for m in response.context["masalah"]) == sorted(
        [
            # the superior, head of nothing, with no superior of his own; his evaluation a draft
            (atasan.nip, Masalah.TANPA_ATASAN, reverse("admin:opd_pegawai_change", args=[atasan.pk])),
            (atasan.nip, Masalah.BELUM_FINAL, nilai(atasan.pk)),
            (world.pegawai.nip, Masalah.PREDIKAT_TIDAK_SESUAI, nilai(world.pegawai.pk)),
        ]
    )
    assert (response.context["jumlah"], response.context["final"], response.context["siap"]) == (2, 1, 0)


def test_the_check_lists_an_invalid_nip_with_its_reason(world, dua, client):
    Pegawai.objects.filter(pk=world.pegawai.pk).update(nip="198702152010132001")
    response = _get(client, world.users["admin_instansi"], "laporan:siasn", world)
    teks = [
        (m["kode"], m["detail"]) for m in response.context["masalah"] if m["rekaman"].pegawai_id == world.pegawai.pk
    ]
    assert teks == [(Masalah.NIP_TIDAK_VALID, "Digit 13–14 NIP (bulan pengangkatan) harus 01 sampai 12.")]


@pytest.mark.parametrize("name", ["laporan:siasn", "laporan:siasn_json", "laporan:siasn_xlsx"])
def test_another_tenant_s_instansi_is_a_404_and_bad_input_a_form_error(world, dua, client, name):
    admin = world.users["admin_instansi"]
    assert _get(client, admin, name, world, instansi=world.instansi_lain.pk).status_code == 404
    response = _get(client, admin, name, world, tahun="dua ribu", periode="tw9")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["tahun"] == ["Masukkan keseluruhan angka bilangan."]
    assert errors["periode"] == ["Masukkan pilihan yang valid. tw9 bukan salah satu dari pilihan yang tersedia."]


def _banyak(world, n):
    for _i in range(n):
        unit = UnitKerjaFactory(opd=world.opd_lain)
        kepala = PegawaiFactory(opd=world.opd_lain, unit=unit)
        _nilai(PegawaiFactory(opd=world.opd_lain, unit=unit, atasan=kepala), world.instansi)


@pytest.mark.parametrize("n", [0, 15])
@pytest.mark.parametrize(
    ("name", "queries"), [("laporan:siasn", 9), ("laporan:siasn_json", 9), ("laporan:siasn_xlsx", 9)]
)
def test_the_check_and_the_export_take_the_same_queries_for_1_and_many_staff(
    world, dua, client, django_assert_num_queries, n, name, queries
):
    _banyak(world, n)
    client.force_login(world.users["admin_instansi"])
    query = {"instansi": world.instansi.pk, "tahun": TAHUN, "periode": "tw2"}
    with django_assert_num_queries(queries):
        response = client.get(reverse(name), query)
        if name != "laporan:siasn":
            b"".join(response.streaming_content)
    assert response.status_code == 200
