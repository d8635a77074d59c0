"""Training attendance and its recommendation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluasi.recalc import recalculate
from indikator.models import Indikator
from penilaian import services_pelatihan
from penilaian.models import Pelatihan, PesertaPelatihan, RekomendasiPelatihan
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.penilaian.test_services import TAHUN, simpan


@pytest.mark.django_db
def test_registering_from_a_recommendation_relates_this_year_s_indicators_and_tracks_attendance(world):
    lama = make_indikator(world.opd, "IKI-KTP", pegawai=world.pegawai)  # 2026, below
    verified(lama, 1, 5)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    simpan(world, hasil_kerja="di_bawah", finalkan=True)
    rekomendasi = RekomendasiPelatihan.objects.get()
    baru = make_indikator(world.opd, "IKI-KTP-2027", pegawai=world.pegawai)
    Indikator.objects.filter(pk=baru.pk).update(tahun=TAHUN + 1, kode="IKI-KTP")
    pelatihan = Pelatihan.objects.create(
        instansi=world.instansi,
        topik="Pelayanan prima",
        tanggal_mulai=datetime.date(TAHUN + 1, 4, 22),
        tanggal_selesai=datetime.date(TAHUN + 1, 4, 24),
        penyelenggara="BKPSDM",
    )
    with pytest.raises(PermissionDenied):
        services_pelatihan.peserta_tambah(actor=world.users["tim_evaluasi"], pelatihan=pelatihan, pegawai=world.pegawai)
    with pytest.raises(ValidationError):
        services_pelatihan.peserta_tambah(
            actor=world.users["admin_instansi"],
            pelatihan=pelatihan,
            pegawai=world.pegawai_lain,
            rekomendasi=rekomendasi,
        )
    with pytest.raises(ValidationError):
        services_pelatihan.peserta_tambah(
            actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai_instansi_lain
        )
    peserta = services_pelatihan.peserta_tambah(
        actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai, rekomendasi=rekomendasi
    )
    assert list(peserta.indikator.all()) == [baru]
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == RekomendasiPelatihan.Status.DIJADWALKAN
    asing = make_indikator(world.opd, "IKI-Y", pegawai=world.pegawai_lain)
    services_pelatihan.peserta_ubah(
        actor=world.users["admin_instansi"], peserta=peserta, kehadiran="hadir", indikator_ids=[lama.pk, asing.pk]
    )
    peserta.refresh_from_db()
    assert peserta.kehadiran == PesertaPelatihan.Kehadiran.HADIR
    assert list(peserta.indikator.all()) == [lama]  # another ASN's indicator is ignored
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == RekomendasiPelatihan.Status.SELESAI
    with pytest.raises(ValidationError):
        services_pelatihan.peserta_tambah(
            actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai
        )
