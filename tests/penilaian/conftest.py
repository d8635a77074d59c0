"""Fixtures shared by the evaluation page tests."""

import pytest

from penilaian import services, services_tindak_lanjut
from penilaian.models import Penilaian
from tests.penilaian.test_services import simpan, skor


@pytest.fixture
def sertifikat(world):
    world.pegawai.nama = "Yosef Bani"
    world.pegawai.gelar_belakang = "A.Md"
    world.pegawai.save()
    final = simpan(
        world,
        hasil_kerja="di_atas",
        alasan_hasil_kerja="x",
        perilaku_skor=skor(3),
        perilaku="di_atas",
        periode=services.PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 2),
        finalkan=True,
    )
    penghargaan = services_tindak_lanjut.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=final.penghargaan, setuju=True
    )
    services_tindak_lanjut.sertifikat_buat(penghargaan_id=penghargaan.pk)
    penghargaan.refresh_from_db()
    return penghargaan
