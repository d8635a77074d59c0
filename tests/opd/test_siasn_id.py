"""SIASN ids on staff, unit kerja and OPD: optional, unique within the instansi when set."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OpdFactory, UnitKerjaFactory


def _error(obj) -> dict:
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    return exc.value.message_dict


@pytest.mark.django_db
def test_a_staff_siasn_id_is_unique_within_the_instansi_only(world):
    world.pegawai_lain.siasn_id = "PNS-1"
    world.pegawai_lain.save()
    world.pegawai.siasn_id = "PNS-1"
    assert _error(world.pegawai) == {"siasn_id": ["ID SIASN ini sudah dipakai pegawai lain di instansi ini."]}
    world.pegawai_instansi_lain.siasn_id = "PNS-1"
    world.pegawai_instansi_lain.full_clean()  # another instansi: allowed
    world.pegawai.siasn_id = world.pegawai_lain.siasn_id = ""
    world.pegawai_lain.save()
    world.pegawai.full_clean()  # empty is never a duplicate


@pytest.mark.django_db
def test_a_unit_siasn_id_is_unique_within_the_instansi(world):
    UnitKerjaFactory(opd=world.opd_lain, siasn_id="UNOR-1")
    unit = UnitKerjaFactory.build(opd=world.opd, kode="X", nama="Seksi X", siasn_id="UNOR-1")
    assert _error(unit) == {"siasn_id": ["ID SIASN ini sudah dipakai unit kerja lain di instansi ini."]}
    UnitKerjaFactory.build(opd=world.opd_instansi_lain, kode="X", nama="Seksi X", siasn_id="UNOR-1").full_clean()


@pytest.mark.django_db
def test_an_opd_siasn_id_is_unique_within_the_instansi(world):
    world.opd_lain.siasn_id = "UNOR-OPD"
    world.opd_lain.save()
    world.opd.siasn_id = "UNOR-OPD"
    assert _error(world.opd) == {"__all__": ["ID SIASN ini sudah dipakai OPD lain di instansi ini."]}
    OpdFactory.build(instansi=world.instansi_lain, kode="LAIN", siasn_id="UNOR-OPD").full_clean()
    world.opd.siasn_id = world.opd_lain.siasn_id = ""
    world.opd_lain.save()
    world.opd.full_clean()
