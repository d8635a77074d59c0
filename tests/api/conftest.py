"""A token per instansi of the `world`, a client that sends it, and a year of data in both instansi for the API to
read."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.cache import cache

from api import services
from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate
from indikator.models import Indikator, TargetTriwulan
from pengaduan.models import Pengaduan
from penilaian.models import Penilaian, PredikatOpd
from survei.models import Layanan, ResponSurvei

TAHUN = 2026


@pytest.fixture(autouse=True)
def _hitungan_baru():
    """Each test starts with fresh rate-limit counters (the cache outlives a test's rolled-back rows)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token(world):
    """A new token of `instansi` (default the world's), and its key."""

    def _buat(instansi=None, nama="SIASN"):
        instansi = instansi or world.instansi
        admin = world.users["admin_instansi" if instansi == world.instansi else "admin_lain"]
        return services.token_create(actor=admin, instansi=instansi, nama=nama)

    return _buat


@pytest.fixture
def api(client):
    """GET an API address with a key (or none)."""

    def _get(url, kunci=None, **params):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {kunci}"} if kunci else {}
        return client.get(url, params, **headers)

    return _get


def _iku(opd, kode, *, pegawai=None, tahun=TAHUN):
    ind = Indikator.objects.create(
        opd=opd,
        pegawai=pegawai,
        jenis="iki" if pegawai else "iku",
        tahun=tahun,
        kode=kode,
        nama=f"Indikator {kode}",
        satuan="dokumen",
        target_bawah=D(400),
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=ind, triwulan=q, target_bawah=D(100)) for q in range(1, 5)
    )
    return ind


def _aduan(n, instansi, opd, tanggal, **kwargs):
    return Pengaduan.objects.create(
        instansi=instansi,
        kode_hash=f"{n:064d}",
        kategori="adminduk",
        opd=opd,
        judul=f"Pengaduan {n}",
        isi="Uraian",
        nama_pelapor="Nama Rahasia Pelapor",
        kontak_pelapor="0812-rahasia",
        diterima_pada=dt.datetime.combine(tanggal, dt.time(1), tzinfo=dt.UTC),
        tanggal_diterima=tanggal,
        **kwargs,
    )


def _isi_instansi(instansi, opd, pegawai, n):
    iku = _iku(opd, f"IKU-{n}")
    iki = _iku(opd, f"IKI-{n}", pegawai=pegawai)
    Realisasi.objects.create(indikator=iku, triwulan=1, nilai=D(90), status="diverifikasi")
    Realisasi.objects.create(indikator=iku, triwulan=2, nilai=D(120), status="diajukan")
    Realisasi.objects.create(indikator=iki, triwulan=1, nilai=D(110), status="diverifikasi")
    recalculate(instansi_id=instansi.pk)
    Penilaian.objects.create(
        pegawai=pegawai,
        instansi=instansi,
        tahun=TAHUN,
        jenis="triwulan",
        triwulan=1,
        status="final",
        hasil_kerja="sesuai",
        perilaku="sesuai",
        predikat="baik",
    )
    PredikatOpd.objects.create(opd=opd, instansi=instansi, tahun=TAHUN, predikat="baik")
    _aduan(
        n * 10 + 1,
        instansi,
        opd,
        dt.date(2026, 4, 6),
        status="selesai",
        hari_respons=3,
        tanggal_respons=dt.date(2026, 4, 9),
        tenggat_respons=dt.date(2026, 4, 13),
        respons_tepat_waktu=True,
    )
    _aduan(
        n * 10 + 2,
        instansi,
        opd,
        dt.date(2026, 5, 4),
        status="ditindaklanjuti",
        hari_respons=7,
        tanggal_respons=dt.date(2026, 5, 13),
        tenggat_respons=dt.date(2026, 5, 11),
        respons_tepat_waktu=False,
    )
    layanan = Layanan.objects.create(opd=opd, nama="Perekaman KTP-el")
    for skor in ((4, 3, 3, 4, 4, 3, 3, 2, 3), (3, 3, 2, 4, 3, 3, 4, 3, 3)):
        ResponSurvei.objects.create(
            instansi=instansi,
            opd=opd,
            layanan=layanan,
            diisi_pada=dt.datetime(2026, 5, 5, 2, tzinfo=dt.UTC),
            tanggal=dt.date(2026, 5, 5),
            tahun=TAHUN,
            triwulan=2,
            **{f"u{i}": s for i, s in enumerate(skor, start=1)},
        )
    return iku, iki


@pytest.fixture
def data_api(world):
    """Indicators, realisations, achievements and scores, a final evaluation and a draft, the OPD predikat, two
    complaints and two survey answers in `world.opd`; the same kind of rows in the other instansi."""
    iku, iki = _isi_instansi(world.instansi, world.opd, world.pegawai, 1)
    Penilaian.objects.create(
        pegawai=world.pegawai_lain, instansi=world.instansi, tahun=TAHUN, jenis="triwulan", triwulan=1, status="draf"
    )
    _isi_instansi(world.instansi_lain, world.opd_instansi_lain, world.pegawai_instansi_lain, 2)
    return iku, iki
