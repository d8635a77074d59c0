import datetime
from decimal import Decimal

import pytest

from indikator.models import Indikator, Periode, TargetTriwulan, jendela_bawaan


@pytest.fixture
def tahun():
    return datetime.date.today().year


@pytest.fixture
def buka_periode(world, tahun):
    """Open the entry window of a triwulan of `world.instansi` around today."""

    def _buka(triwulan: int = 1, instansi=None):
        instansi = instansi or world.instansi
        today = datetime.date.today()
        periode, _ = Periode.objects.update_or_create(
            instansi=instansi,
            tahun=tahun,
            triwulan=triwulan,
            defaults={"dibuka": today - datetime.timedelta(days=5), "ditutup": today + datetime.timedelta(days=5)},
        )
        return periode

    return _buka


@pytest.fixture
def tutup_periode(world, tahun):
    def _tutup(triwulan: int = 1):
        dibuka, _ = jendela_bawaan(tahun, triwulan)
        today = datetime.date.today()
        periode, _ = Periode.objects.update_or_create(
            instansi=world.instansi,
            tahun=tahun,
            triwulan=triwulan,
            defaults={"dibuka": today - datetime.timedelta(days=40), "ditutup": today - datetime.timedelta(days=1)},
        )
        return periode

    return _tutup


@pytest.fixture
def buat_indikator(tahun):
    def _buat(
        opd,
        kode="IKU-01",
        *,
        pol="maximize",
        agg="sum",
        target=Decimal(100),
        tw=Decimal(25),
        pegawai=None,
        desimal=2,
        **extra,
    ):
        ind = Indikator.objects.create(
            opd=opd,
            pegawai=pegawai,
            jenis="iki" if pegawai else "iku",
            tahun=tahun,
            kode=kode,
            nama=f"Indikator {kode}",
            satuan="dokumen",
            polaritas=pol,
            agregasi=agg,
            target_bawah=target,
            desimal=desimal,
            **extra,
        )
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, triwulan=q, target_bawah=tw) for q in range(1, 5)
        )
        return ind

    return _buat
