"""A pemda's own sample, loaded by the same loader as the demo (seed_demo --folder): natural keys, relative and
absolute years, JSON as well as YAML, idempotent, and a refused sample names its file and record."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from evaluasi.models import Realisasi
from indikator.models import Indikator, Periode, TargetTriwulan
from indikator.services import hari_ini_instansi
from laporan.sampel import BAGIAN, muat
from laporan.sampel.konteks import Konteks
from laporan.sampel.tempat import MODUL, model, modul
from opd.models import Instansi, Opd, Pegawai, PeranPengguna

ORGANISASI = {
    "instansi": [{"kode": "kab-contoh", "nama": "Pemerintah Kabupaten Contoh", "jenis": "kabupaten"}],
    "opd": [
        {
            "instansi": "kab-contoh",
            "kode": "BAPPEDA",
            "nama": "Badan Perencanaan Pembangunan Daerah",
            "jenis": "badan",
            "kepala": "198001012005011001",
            "unit": [{"kode": "SEK", "nama": "Sekretariat"}],
            "pegawai": [
                {
                    "nip": "198001012005011001",
                    "nama": "Kepala Contoh",
                    "jabatan": "Kepala Badan",
                    "jenis_jabatan": "struktural",
                    "golongan": "IV/c",
                    "status": "pns",
                },
                {
                    "nip": "198502142010012002",
                    "nama": "Staf Contoh",
                    "jabatan": "Perencana Ahli Pertama",
                    "jenis_jabatan": "fungsional",
                    "golongan": "III/a",
                    "status": "pns",
                    "unit": "SEK",
                    "atasan": "198001012005011001",
                },
            ],
        }
    ],
    "akun": [
        {
            "username": "admin.contoh",
            "kata_sandi": "rahasia-sampel-1",
            "peran": "admin_instansi",
            "instansi": "kab-contoh",
        },
        {"username": "staf.contoh", "kata_sandi": "rahasia-sampel-2", "peran": "asn", "pegawai": "198502142010012002"},
    ],
}
INDIKATOR = {
    "periode": [{"instansi": "kab-contoh", "tahun": "-1"}],
    "indikator": [
        {
            "instansi": "kab-contoh",
            "opd": "BAPPEDA",
            "tahun": "-1",
            "oleh": "admin.contoh",
            "bukti_bawaan": {"teks": "Rekap TW {tw} {tahun} ({kode})"},
            "daftar": [
                {
                    "kode": "IKU-01",
                    "nama": "Dokumen perencanaan tepat waktu",
                    "satuan": "dokumen",
                    "agregasi": "sum",
                    "desimal": 0,
                    "target": 8,
                    "target_triwulan": [2, 2, 2, 2],
                    "realisasi": [{"triwulan": 1, "nilai": 2, "status": "diverifikasi"}],
                },
                {
                    "kode": "IKI-01",
                    "pegawai": "198502142010012002",
                    "nama": "Rancangan dokumen disusun",
                    "satuan": "dokumen",
                    "desimal": 1,
                    "target": 4.5,
                    "target_triwulan": [1, 1, 1.5, 1],
                    "induk": "IKU-01",
                },
            ],
        }
    ],
}


def _tulis(folder, nama, isi):
    (folder / nama).write_text(json.dumps(isi), encoding="utf-8")


@pytest.fixture
def sampel(tmp_path):
    _tulis(tmp_path, "1-organisasi.json", ORGANISASI)
    _tulis(tmp_path, "2-indikator.json", INDIKATOR)
    return tmp_path


@pytest.mark.django_db
def test_a_pemda_loads_its_own_sample_twice_without_change(sampel):
    keluar = io.StringIO()
    call_command("seed_demo", folder=str(sampel), stdout=keluar)
    assert f"Sampel {sampel} dimuat: 1 instansi, 1 OPD, 2 pegawai, 2 akun demo" in keluar.getvalue()
    instansi = Instansi.objects.get(kode="kab-contoh")
    tahun = hari_ini_instansi(instansi).year - 1
    opd = Opd.objects.get(instansi=instansi, kode="BAPPEDA")
    assert opd.kepala.nip == "198001012005011001"
    staf = Pegawai.objects.get(nip="198502142010012002")
    assert (staf.atasan, staf.unit.kode, staf.user.username) == (opd.kepala, "SEK", "staf.contoh")
    assert get_user_model().objects.get(username="admin.contoh").check_password("rahasia-sampel-1")
    assert PeranPengguna.objects.filter(user__username="admin.contoh", peran="admin_instansi", instansi=instansi)
    assert Periode.objects.filter(instansi=instansi, tahun=tahun).count() == 4
    iki = Indikator.objects.get(pegawai=staf, tahun=tahun, kode="IKI-01")
    assert iki.induk.kode == "IKU-01" and iki.target_bawah == 4.5
    realisasi = Realisasi.objects.get(indikator__kode="IKU-01", triwulan=1)
    assert realisasi.status == "diverifikasi" and realisasi.bukti_teks == f"Rekap TW I {tahun} (iku-01)"
    assert realisasi.diverifikasi_oleh.username == "admin.contoh"
    assert realisasi.history.get().history_user.username == "admin.contoh"

    jumlah = {m: m.objects.count() for m in (Pegawai, Indikator, TargetTriwulan, Realisasi)}
    riwayat = {m: m.history.count() for m in (Instansi, Opd, Pegawai, Indikator, TargetTriwulan, Realisasi)}
    keluar = io.StringIO()
    call_command("seed_demo", folder=str(sampel), verbosity=2, stdout=keluar)
    assert "indikator: 2 (dibuat 0, diubah 0, tetap 2)" in keluar.getvalue()
    assert {m: m.objects.count() for m in jumlah} == jumlah
    assert {m: m.history.count() for m in riwayat} == riwayat
    assert get_user_model().objects.get(username="staf.contoh").check_password("rahasia-sampel-2")


@pytest.mark.django_db
def test_a_changed_sample_updates_in_place(sampel):
    muat(sampel)
    ORGANISASI_BARU = json.loads(json.dumps(ORGANISASI))
    ORGANISASI_BARU["opd"][0]["pegawai"][1]["jabatan"] = "Perencana Ahli Muda"
    _tulis(sampel, "1-organisasi.json", ORGANISASI_BARU)
    hasil = muat(sampel, hanya=["organisasi"])
    assert hasil.jumlah["pegawai"] == {"tetap": 1, "diubah": 1}
    assert Pegawai.objects.get(nip="198502142010012002").jabatan == "Perencana Ahli Muda"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (lambda s: s.update(rencana=[]), "bagian tidak dikenal: rencana"),
        (
            lambda s: s["indikator"][0]["daftar"][0].update(target=9),
            "2-indikator.json: indikator #1, daftar #1 (IKU-01): target triwulan",
        ),
        (lambda s: s["indikator"][0].update(opd="TIDAK-ADA"), "2-indikator.json: indikator #1: DoesNotExist"),
        (lambda s: s["indikator"][0].update(tahun="tahun lalu"), "tahun tidak dikenal"),
        (
            lambda s: s["indikator"][0]["daftar"][1].pop("satuan"),
            "indikator #1, daftar #2 (IKI-01): kolom 'satuan' wajib",
        ),
    ],
)
def test_a_faulty_sample_is_refused_with_its_place_and_leaves_nothing(sampel, ubah, pesan):
    salah = json.loads(json.dumps(INDIKATOR))
    ubah(salah)
    _tulis(sampel, "2-indikator.json", salah)
    with pytest.raises(CommandError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        call_command("seed_demo", folder=str(sampel))
    assert not Instansi.objects.filter(kode="kab-contoh").exists()


def test_every_model_and_module_the_loader_names_resolves():
    for nama in ("Instansi", "Penilaian", "Layanan", "ResponSurvei", "Pengaduan", "Realisasi", "PesertaPelatihan"):
        assert model(nama).__name__ == nama
    for kunci in MODUL:
        assert modul(kunci)
    with pytest.raises(LookupError):
        model("TidakAda")
    assert list(BAGIAN)[:3] == ["instansi", "opd", "akun"]


@pytest.mark.django_db
def test_relative_years_and_dates_follow_the_instansi_s_current_year():
    instansi = Instansi.objects.create(kode="kab-zona", nama="Kab. Zona", jenis="kabupaten", zona_waktu="Asia/Jayapura")
    ctx = Konteks()
    ini = hari_ini_instansi(instansi).year
    assert (ctx.tahun("+0", instansi), ctx.tahun("-1", instansi), ctx.tahun(2024, instansi)) == (ini, ini - 1, 2024)
    assert ctx.tanggal("+0-04-22", instansi) == datetime.date(ini, 4, 22)
    assert ctx.tanggal(datetime.date(2024, 1, 2), instansi) == datetime.date(2024, 1, 2)
    waktu = ctx.waktu("-1-01-15 10:00", instansi)
    assert (waktu.year, waktu.hour, waktu.utcoffset()) == (ini - 1, 10, datetime.timedelta(hours=9))
    with pytest.raises(ValueError):
        ctx.tanggal("22 April", instansi)
