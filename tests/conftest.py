"""Shared fixtures: a small world of two instansi, with one user for each role in the first, and a clock."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from indikator.models import Indikator, TargetTriwulan
from opd.models import Peran

from .factories import InstansiFactory, OpdFactory, PegawaiFactory, UnitKerjaFactory, user_with_role


@dataclass
class World:
    instansi: object
    opd: object
    opd_lain: object  # another OPD of the same instansi
    unit: object
    pegawai: object  # an ASN of `opd`, with a login
    pegawai_lain: object  # another ASN of `opd`, without a login
    instansi_lain: object
    opd_instansi_lain: object
    pegawai_instansi_lain: object
    users: dict


ROLES = ["admin_bkn", "admin_instansi", "pimpinan_opd", "tim_evaluasi", "petugas_pengaduan", "asn", "admin_lain"]


@pytest.fixture
def world(db) -> World:
    instansi = InstansiFactory(kode="kota-uji", nama="Pemerintah Kota Uji", zona_waktu="Asia/Makassar")
    opd = OpdFactory(instansi=instansi, kode="DUKCAPIL", nama="Dinas Kependudukan dan Pencatatan Sipil")
    opd_lain = OpdFactory(instansi=instansi, kode="DINKES", nama="Dinas Kesehatan")
    unit = UnitKerjaFactory(opd=opd, kode="IDP", nama="Seksi Identitas Penduduk")
    atasan = PegawaiFactory(opd=opd, jabatan="Kepala Seksi", jenis_jabatan="struktural", golongan="III/d")
    pegawai = PegawaiFactory(opd=opd, unit=unit, atasan=atasan)
    pegawai_lain = PegawaiFactory(opd=opd, unit=unit, atasan=atasan)
    instansi_lain = InstansiFactory(kode="kota-lain", nama="Pemerintah Kota Lain", zona_waktu="Asia/Jakarta")
    opd_instansi_lain = OpdFactory(instansi=instansi_lain, kode="DINKES", nama="Dinas Kesehatan Kota Lain")
    pegawai_instansi_lain = PegawaiFactory(opd=opd_instansi_lain)
    users = {
        "admin_bkn": user_with_role(Peran.ADMIN_BKN, instansi=instansi, username="bkn"),
        "admin_instansi": user_with_role(Peran.ADMIN_INSTANSI, instansi=instansi, username="admin"),
        "pimpinan_opd": user_with_role(Peran.PIMPINAN_OPD, opd=opd, instansi=instansi, username="pimpinan"),
        "tim_evaluasi": user_with_role(Peran.TIM_EVALUASI, opd=opd, instansi=instansi, username="tim"),
        "petugas_pengaduan": user_with_role(Peran.PETUGAS_PENGADUAN, instansi=instansi, username="petugas"),
        "asn": user_with_role(Peran.ASN, pegawai=pegawai, username="asn"),
        # An Admin Instansi of the other instansi: everything of `instansi` must be a 404 to them.
        "admin_lain": user_with_role(Peran.ADMIN_INSTANSI, instansi=instansi_lain, username="admin-lain"),
    }
    return World(
        instansi,
        opd,
        opd_lain,
        unit,
        pegawai,
        pegawai_lain,
        instansi_lain,
        opd_instansi_lain,
        pegawai_instansi_lain,
        users,
    )


@pytest.fixture(autouse=True)
def force_login_selesai_dua_langkah(monkeypatch):
    """`client.force_login` stands for a finished sign-in, the second step included: the session is marked as past
    it. The real flow (password, then the code) has its own tests (tests/opd/test_dua_langkah.py)."""
    from django.test.client import ClientMixin

    from opd import dua_langkah

    asli = ClientMixin.force_login

    def force_login(self, user, backend=None):
        asli(self, user, backend)
        session = self.session
        session[dua_langkah.STATUS] = dua_langkah.OK
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def client_for(client):
    """Log the test client in as one of the world's users."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


WITA = ZoneInfo("Asia/Makassar")


def wita(tahun, bulan, hari, jam=10, menit=0) -> datetime.datetime:
    return datetime.datetime(tahun, bulan, hari, jam, menit, tzinfo=WITA)


@pytest.fixture
def jam(monkeypatch):
    """Set the clock (every timezone.now() in the code) to a moment in WITA."""

    class Jam:
        sekarang = None

        def __call__(self, *args):
            self.sekarang = wita(*args) if args and not isinstance(args[0], datetime.datetime) else args[0]
            monkeypatch.setattr(timezone, "now", lambda: self.sekarang)
            return self.sekarang

    return Jam()


@pytest.fixture
def indikator(world):
    """An IKU of world.opd fed automatically from `sumber` (complaints or the survey), target 5 in every quarter."""

    def _buat(sumber, *, kode="IKU-PGD", pol="minimize", agg="average", desimal=2, tahun=2026):
        ind = Indikator.objects.create(
            opd=world.opd,
            tahun=tahun,
            kode=kode,
            nama=f"Indikator {sumber}",
            satuan="hari",
            polaritas=pol,
            agregasi=agg,
            desimal=desimal,
            target_bawah=Decimal(5),
            sumber_realisasi=sumber,
        )
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, triwulan=q, target_bawah=Decimal(5)) for q in range(1, 5)
        )
        return ind

    return _buat
