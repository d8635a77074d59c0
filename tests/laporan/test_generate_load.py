"""generate_load: counts follow the options, a seed gives the same rows, every case the benchmarks need is there, the
generated logins work with their scope, and --ganti replaces the data. Tiny size; runs on SQLite and PostgreSQL."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from evaluasi.models import BuktiDukung, CapaianTriwulan, Realisasi
from indikator.models import Indikator, Periode, TargetTriwulan
from opd.models import Instansi, Opd, Pegawai, PeranPengguna, UnitKerja
from opd.nip import parse_nip
from pengaduan.models import Pengaduan, RiwayatPengaduan
from survei.models import Layanan, ResponSurvei
from tests.factories import dengan_totp, kode_totp

TAHUN = datetime.date.today().year - 1  # a finished year: every quarter closed, TW IV reopened for entry
PASSWORD = "kinerja-beban-2026"
KECIL = [
    "--instansi",
    "2",
    "--opd",
    "5",
    "--pegawai",
    "60",
    "--indikator-per-pegawai",
    "3",
    "--iku-per-opd",
    "4",
    "--pegawai-opd-besar",
    "20",
    "--iku-opd-besar",
    "10",
    "--indikator-opd-kecil",
    "20",
    "--asn-login",
    "5",
    "--pengaduan",
    "30",
    "--survei",
    "50",
    "--tahun",
    str(TAHUN),
    "-v",
    "0",
]


def _generate(tmp_path, *extra) -> dict:
    path = tmp_path / "manifest.json"
    call_command("generate_load", *KECIL, "--manifest", str(path), *extra)
    return json.loads(path.read_text())


def _urut(rows) -> list:
    return sorted(rows, key=repr)


def _isi() -> dict:
    """The generated rows by their natural keys (never by id), to compare two runs."""
    return {
        "pegawai": _urut(
            Pegawai.objects.values_list("nip", "nama", "opd__kode", "unit__nama", "atasan__nip", "status")
        ),
        "indikator": _urut(
            Indikator.objects.values_list(
                "opd__instansi__kode",
                "opd__kode",
                "pegawai__nip",
                "kode",
                "nama",
                "polaritas",
                "agregasi",
                "target_bawah",
                "target_atas",
                "induk__kode",
            )
        ),
        "target": _urut(
            TargetTriwulan.objects.values_list(
                "indikator__opd__kode",
                "indikator__pegawai__nip",
                "indikator__kode",
                "triwulan",
                "target_bawah",
                "target_atas",
            )
        ),
        "realisasi": _urut(
            Realisasi.objects.values_list(
                "indikator__opd__kode",
                "indikator__pegawai__nip",
                "indikator__kode",
                "triwulan",
                "nilai",
                "status",
                "kendala",
                "diubah_oleh__username",
            )
        ),
        "pengaduan": _urut(Pengaduan.objects.values_list("kode_hash", "status", "opd__kode", "tenggat_verifikasi")),
        "survei": _urut(ResponSurvei.objects.values_list("opd__kode", "diisi_pada", "u1", "u9", "usia")),
        "user": _urut(get_user_model().objects.values_list("username", "pegawai__nip")),
    }


@pytest.mark.django_db
def test_generate_load_counts_follow_the_options(tmp_path):
    m = _generate(tmp_path)

    assert Instansi.objects.count() == 2
    assert Opd.objects.count() == 10
    assert Pegawai.objects.count() == 120
    assert UnitKerja.objects.count() == 20  # two units per OPD at this size
    # First instansi: 4 OPDs × 4 IKU + 10 IKU, 54 staff × 3 IKI + the OPD of exactly 20 (4 IKU + 5 × 3 + 1 IKI).
    assert Indikator.objects.filter(instansi_id=m["instansi"][0]["id"]).count() == 204
    assert Indikator.objects.filter(instansi_id=m["instansi"][1]["id"]).count() == 5 * 4 + 60 * 3
    assert TargetTriwulan.objects.count() == 4 * 404
    assert CapaianTriwulan.objects.count() == 4 * 404
    assert Periode.objects.filter(tahun=TAHUN).count() == 8
    assert Pengaduan.objects.count() == 60
    assert RiwayatPengaduan.objects.count() >= 60
    assert ResponSurvei.objects.count() == 100
    assert Layanan.objects.count() == 20
    assert BuktiDukung.objects.exists()
    # BKN, and per instansi: admin, petugas, a team and a head per OPD, five ASN.
    assert get_user_model().objects.count() == 1 + 2 * (2 + 5 * 2 + 5)
    assert m["jumlah"]["indikator.Indikator"] == 404
    assert m["opd_300"]["indikator"] == Indikator.objects.filter(opd_id=m["opd_300"]["id"]).count() == 20
    assert Indikator.objects.filter(opd_id=m["opd_iku_500"]["id"], jenis="iku").count() == 10
    assert Indikator.objects.filter(opd_id=m["opd_iku_30"]["id"], jenis="iku").count() == 4
    assert Indikator.objects.filter(opd_id=m["opd_besar"]["id"], jenis="iki").count() == 20 * 3
    assert Indikator.objects.filter(pegawai_id=m["asn_10_iki"]["pegawai_id"]).count() == 3
    assert set(m["detik"]) >= {"organisasi", "muat_indikator", "muat_realisasi", "publik", "hitung_ulang", "total"}
    assert len(m["tim"]) == 10 and len(m["asn"]) == 10
    for p in Pegawai.objects.all():
        parse_nip(p.nip, pns=p.status == "pns")
        p.full_clean()


@pytest.mark.django_db
def test_generate_load_mixes_every_case_the_benchmarks_need(tmp_path):
    _generate(tmp_path)

    assert set(Realisasi.objects.values_list("status", flat=True)) == {
        "draf",
        "diajukan",
        "diverifikasi",
        "dikembalikan",
    }
    assert set(Indikator.objects.values_list("polaritas", flat=True)) == {"maximize", "minimize", "stabilize"}
    assert set(Indikator.objects.values_list("agregasi", flat=True)) == {"sum", "average", "last"}
    assert Indikator.objects.filter(target_atas__isnull=False).exists()
    assert Indikator.objects.filter(target_bawah=0).exists()
    assert TargetTriwulan.objects.filter(target_bawah=0, indikator__target_bawah__gt=0).exists()
    # Some quarters stay empty: fewer realisations than indicator-quarters.
    assert Realisasi.objects.count() < TargetTriwulan.objects.count()
    assert set(CapaianTriwulan.objects.values_list("status", flat=True)) == {
        "ok",
        "belum_diisi",
        "tidak_dapat_dihitung",
    }
    assert Pengaduan.objects.values("status").annotate(n=Count("id")).count() >= 6
    assert not Realisasi.objects.filter(status="dikembalikan", alasan_pengembalian="").exists()
    assert not Realisasi.objects.exclude(status="draf").filter(bukti_teks="", bukti_tautan="").exists()
    for r in Realisasi.objects.select_related("indikator")[:300]:
        r.full_clean()
    for i in Indikator.objects.all()[:300]:
        i.full_clean()


@pytest.mark.django_db
def test_generate_load_same_seed_same_rows_and_ganti_replaces(tmp_path):
    _generate(tmp_path)
    pertama = _isi()
    with pytest.raises(CommandError):
        call_command("generate_load", *KECIL)

    _generate(tmp_path, "--ganti")

    assert Indikator.objects.count() == 404  # replaced, not added
    assert _isi() == pertama
    _generate(tmp_path, "--ganti", "--seed", "7")
    assert _isi()["indikator"] != pertama["indikator"]


@pytest.mark.django_db
def test_generated_logins_see_their_own_scope_only(client, tmp_path):
    m = _generate(tmp_path, "--tanpa-hitung")
    tw = m["triwulan_terbuka"]
    opd_lain = Opd.objects.get(instansi_id=m["instansi"][1]["id"], kode="OPD001")

    login = client.post(reverse("login"), {"username": m["opd_300"]["tim"], "password": PASSWORD})
    assert login.status_code == 302
    grid = client.get(reverse("evaluasi:grid", args=[m["opd_300"]["id"], TAHUN, tw]))
    assert grid.status_code == 200
    assert client.get(reverse("evaluasi:grid", args=[opd_lain.pk, TAHUN, tw])).status_code == 404

    client.logout()
    assert (
        client.post(reverse("login"), {"username": m["asn_10_iki"]["username"], "password": PASSWORD}).status_code
        == 302
    )
    assert client.get(reverse("kinerja:saya")).status_code == 200

    client.logout()
    # The Admin BKN signs in with a second code as well.
    bkn = dengan_totp(get_user_model().objects.get(username=m["bkn"]["username"]))
    assert client.post(reverse("login"), {"username": m["bkn"]["username"], "password": PASSWORD}).status_code == 302
    assert client.post(reverse("opd:dua_langkah_verifikasi"), {"kode": kode_totp(bkn)}).status_code == 302
    assert client.get(reverse("dasbor:bkn")).status_code == 200
    assert PeranPengguna.objects.filter(user__username="beban.bkn").count() == 2
