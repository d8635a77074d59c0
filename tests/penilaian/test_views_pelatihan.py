"""Training pages: participants with their figures before and after, the catalogue and attendance."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.recalc import recalculate
from indikator.models import Indikator
from penilaian.models import Pelatihan, PesertaPelatihan
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.penilaian.test_services import TAHUN
from tests.penilaian.test_views import _assert_no_inline, _text

D = Decimal


@pytest.mark.django_db
def test_the_training_shows_participants_before_and_after(client, world):
    ktp = make_indikator(
        world.opd, "IKI-02", pol="minimize", agg="average", targets=[(15, None)] * 4, pegawai=world.pegawai
    )
    Indikator.objects.filter(pk=ktp.pk).update(
        nama="Waktu rata-rata perekaman KTP-el per pemohon", satuan="menit", desimal=1
    )
    verified(ktp, 1, 22)
    verified(ktp, 2, D("17.5"))
    verified(ktp, 3, D("13.8"))
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    pelatihan = Pelatihan.objects.create(
        instansi=world.instansi,
        topik="Manajemen waktu dan pelayanan publik",
        tanggal_mulai=datetime.date(TAHUN, 6, 28),
        tanggal_selesai=datetime.date(TAHUN, 6, 30),
        penyelenggara="BKPSDM Kota Uji",
    )
    peserta = PesertaPelatihan.objects.create(pelatihan=pelatihan, pegawai=world.pegawai, kehadiran="hadir")
    peserta.indikator.set([ktp])
    PesertaPelatihan.objects.create(pelatihan=pelatihan, pegawai=world.pegawai_lain)

    client.force_login(world.users["admin_instansi"])
    response = client.get(reverse("penilaian:pelatihan_detail", args=[pelatihan.pk]))
    text = _text(response.content.decode())
    # TW I before (22 minutes: 53,33 %), TW II during, TW III after (13,8: 108 %).
    assert "TW I Sebelum TW II Selama TW III Sesudah TW IV Sesudah" in text
    assert "Realisasi 22,0 17,5 13,8 –" in text
    assert "Sebelum: 22,0 menit (53,33%) → Sesudah: 13,8 menit (108,00%) · +54,67 poin capaian" in text
    assert len(response.context["perbandingan"]) == 2
    _assert_no_inline(response.content.decode())

    # The participant sees their own page; another ASN's participation is not theirs to see.
    client.force_login(world.users["asn"])
    response = client.get(reverse("penilaian:peserta_detail", args=[peserta.pk]))
    assert "Sebelum: 22,0 menit (53,33%) → Sesudah: 13,8 menit (108,00%)" in _text(response.content.decode())
    response = client.get(reverse("penilaian:pelatihan_detail", args=[pelatihan.pk]))
    assert [p.peserta.pegawai for p in response.context["perbandingan"]] == [world.pegawai]


@pytest.mark.django_db
def test_the_admin_keeps_the_catalogue_and_records_attendance(client, world):
    client.force_login(world.users["admin_instansi"])
    response = client.post(
        reverse("penilaian:pelatihan_tambah"),
        {
            "topik": "Bimtek SIAK",
            "penyelenggara": "Ditjen Dukcapil",
            "tanggal_mulai": "2026-08-03",
            "tanggal_selesai": "2026-08-01",
        },
    )
    assert response.status_code == 422
    response = client.post(
        reverse("penilaian:pelatihan_tambah"),
        {
            "topik": "Bimtek SIAK",
            "penyelenggara": "Ditjen Dukcapil",
            "tanggal_mulai": "2026-08-03",
            "tanggal_selesai": "2026-08-04",
        },
    )
    pelatihan = Pelatihan.objects.get()
    assert response["Location"] == reverse("penilaian:pelatihan_detail", args=[pelatihan.pk])
    assert pelatihan.instansi == world.instansi
    response = client.post(reverse("penilaian:peserta_tambah", args=[pelatihan.pk]), {"pegawai": world.pegawai.pk})
    peserta = PesertaPelatihan.objects.get()
    assert response["Location"] == reverse("penilaian:peserta_detail", args=[peserta.pk])
    ind = make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    client.post(reverse("penilaian:peserta_ubah", args=[peserta.pk]), {"kehadiran": "hadir", "indikator": [ind.pk]})
    peserta.refresh_from_db()
    assert peserta.kehadiran == "hadir" and list(peserta.indikator.all()) == [ind]
    # Another instansi's ASN cannot be registered.
    response = client.post(
        reverse("penilaian:peserta_tambah", args=[pelatihan.pk]), {"pegawai": world.pegawai_instansi_lain.pk}
    )
    assert PesertaPelatihan.objects.count() == 1
