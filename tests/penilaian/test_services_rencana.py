"""Work plans: drafted and submitted by the ASN, approved or returned by the evaluator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from penilaian import services, services_rencana
from penilaian.models import RencanaKerja
from tests.evaluasi.test_recalc import make_indikator
from tests.penilaian.test_services import TAHUN


@pytest.mark.django_db
def test_the_asn_drafts_and_submits_and_the_evaluator_approves_or_returns(world):
    a = make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    b = make_indikator(world.opd, "IKI-2", pegawai=world.pegawai)
    asn, tim = world.users["asn"], world.users["tim_evaluasi"]
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_simpan(actor=tim, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={})
    draf = services_rencana.rencana_simpan(
        actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={a.pk: ("Antrean bernomor", "Juli")}
    )
    assert draf.status == RencanaKerja.Status.DRAF
    with pytest.raises(ValidationError) as exc:
        services_rencana.rencana_simpan(
            actor=asn,
            pegawai=world.pegawai,
            tahun=TAHUN,
            triwulan=3,
            versi=draf.versi,
            aksi={a.pk: ("x", "")},
            ajukan=True,
        )
    assert "IKI-2" in exc.value.messages[0]
    with pytest.raises(services.Kedaluwarsa):
        services_rencana.rencana_simpan(actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={})
    diajukan = services_rencana.rencana_simpan(
        actor=asn,
        pegawai=world.pegawai,
        tahun=TAHUN,
        triwulan=3,
        versi=draf.versi,
        aksi={a.pk: ("Antrean bernomor", "Juli"), b.pk: ("Jemput bola", "Agustus")},
        ajukan=True,
    )
    assert diajukan.status == RencanaKerja.Status.DIAJUKAN
    assert sorted(diajukan.aksi_set.values_list("aksi", flat=True)) == ["Antrean bernomor", "Jemput bola"]
    with pytest.raises(ValidationError):
        services_rencana.rencana_simpan(
            actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=diajukan.versi, aksi={}
        )
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_putuskan(actor=asn, rencana=diajukan, versi=diajukan.versi, setuju=True)
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_putuskan(
            actor=world.users["pimpinan_opd"], rencana=diajukan, versi=diajukan.versi, setuju=True
        )
    with pytest.raises(ValidationError):
        services_rencana.rencana_putuskan(actor=tim, rencana=diajukan, versi=diajukan.versi, setuju=False, catatan="")
    kembali = services_rencana.rencana_putuskan(
        actor=tim, rencana=diajukan, versi=diajukan.versi, setuju=False, catatan="Tambahkan target mingguan."
    )
    assert (kembali.status, kembali.catatan_atasan) == (RencanaKerja.Status.DIKEMBALIKAN, "Tambahkan target mingguan.")
    lagi = services_rencana.rencana_simpan(
        actor=asn,
        pegawai=world.pegawai,
        tahun=TAHUN,
        triwulan=3,
        versi=kembali.versi,
        aksi={a.pk: ("Antrean bernomor; 60 pemohon per hari", "Juli"), b.pk: ("Jemput bola", "Agustus")},
        ajukan=True,
    )
    setuju = services_rencana.rencana_putuskan(actor=tim, rencana=lagi, versi=lagi.versi, setuju=True)
    assert setuju.status == RencanaKerja.Status.DISETUJUI and setuju.diputuskan_oleh == tim
    assert RencanaKerja.history.filter(status="dikembalikan").exists()
