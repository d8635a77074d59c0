"""Every list and report page runs a fixed number of queries, with one row or many (style.md, rule 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import CapaianTriwulan, SkorOpd
from indikator.models import Indikator
from pengaduan import services
from pengaduan.models import HariLibur, Layanan, Pengaduan
from tests.factories import OpdFactory

S = Pengaduan.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _banyak_pengaduan(ajukan, sampai, n):
    hasil = []
    for i in range(n):
        pengaduan, kode = ajukan(judul=f"Laporan {i}", lampiran=[SimpleUploadedFile("a.pdf", PDF)])
        hasil.append((sampai(pengaduan, S.SELESAI), kode))
    return hasil


def _survei(opd, n, layanan=None):
    for i in range(n):
        services.survei_submit(opd=opd, layanan=layanan, skor=[1 + (i + u) % 4 for u in range(9)], saran=f"Saran {i}")


@pytest.mark.parametrize("n", [1, 12])
def test_staff_list(client_for, ajukan, sampai, petugas, n, django_assert_num_queries):
    _banyak_pengaduan(ajukan, sampai, n)
    client = client_for(petugas)
    with django_assert_num_queries(9):
        response = client.get(reverse("pengaduan:daftar"))
    assert len(response.context["page_obj"]) == n


@pytest.mark.parametrize("n", [1, 12])
def test_staff_list_for_an_opd_filtered_overdue(client_for, ajukan, sampai, tim, n, django_assert_num_queries):
    _banyak_pengaduan(ajukan, sampai, n)
    client = client_for(tim)
    with django_assert_num_queries(8):
        client.get(reverse("pengaduan:daftar") + "?terlambat=on&status=selesai")


@pytest.mark.parametrize("n", [1, 8])
def test_staff_detail_with_many_steps(client_for, ajukan, sampai, petugas, tim, n, django_assert_num_queries):
    pengaduan = sampai(
        ajukan(lampiran=[SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(min(n, 5))])[0], S.DITINDAKLANJUTI
    )
    for i in range(n):
        pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan=f"#{i}")
    client = client_for(petugas)
    with django_assert_num_queries(9):
        client.get(reverse("pengaduan:detail", args=[pengaduan.pk]))


@pytest.mark.parametrize("n", [1, 8])
def test_tracking_page_with_many_steps(client, ajukan, sampai, tim, n, django_assert_num_queries):
    pengaduan, kode = ajukan()
    pengaduan = sampai(pengaduan, S.DITINDAKLANJUTI)
    for i in range(n):
        pengaduan = services.pengaduan_respond(actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, tanggapan=f"#{i}")
    client.post(reverse("pengaduan:lacak"), {"kode": kode})
    with django_assert_num_queries(4):
        client.get(reverse("pengaduan:lacak_detail", args=[pengaduan.pk]))


@pytest.mark.parametrize("n", [1, 10])
def test_transparency_index(client, world, ajukan, sampai, n, django_assert_num_queries):
    opds = [world.opd] + [OpdFactory(instansi=world.instansi) for _ in range(n - 1)]
    for opd in opds:
        _survei(opd, 2, Layanan.objects.create(opd=opd, nama="Loket"))
        SkorOpd.objects.create(
            opd=opd, instansi=world.instansi, tahun=2026, triwulan=1, skor=95, band="sangat_baik", jumlah_dihitung=1
        )
    _banyak_pengaduan(ajukan, sampai, n)
    with django_assert_num_queries(6):
        response = client.get(reverse("pengaduan:publik"))
    assert len(response.context["baris"]) >= n


@pytest.mark.parametrize("n", [1, 10])
def test_transparency_opd_page(client, world, ajukan, sampai, n, django_assert_num_queries):
    for i in range(n):
        layanan = Layanan.objects.create(opd=world.opd, nama=f"Layanan {i}")
        _survei(world.opd, 2, layanan)
        ind = Indikator.objects.create(
            opd=world.opd, tahun=2026, kode=f"IKU-{i}", nama=f"IKU {i}", satuan="%", target_bawah=100
        )
        CapaianTriwulan.objects.create(
            indikator=ind,
            triwulan=1,
            instansi=world.instansi,
            opd=world.opd,
            tahun=2026,
            sd_realisasi=90,
            sd_target_bawah=100,
            status="ok",
            capaian_raw=90,
            capaian=90,
            band="baik",
            bobot=1,
        )
    _banyak_pengaduan(ajukan, sampai, n)
    with django_assert_num_queries(6):
        response = client.get(reverse("pengaduan:publik_opd", args=[world.opd.pk]) + "?tahun=2026")
    assert len(response.context["capaian"]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_survey_results(client_for, world, n, django_assert_num_queries):
    for i in range(n):
        _survei(world.opd, 3, Layanan.objects.create(opd=world.opd, nama=f"Layanan {i}"))
        _survei(OpdFactory(instansi=world.instansi), 2)
    client = client_for(world.users["admin_instansi"])
    with django_assert_num_queries(9):
        client.get(reverse("pengaduan:ikm"))


@pytest.mark.parametrize("n", [1, 10])
def test_services_list(client_for, world, n, django_assert_num_queries):
    for i in range(n):
        Layanan.objects.create(opd=world.opd, nama=f"Layanan {i}")
        Layanan.objects.create(opd=OpdFactory(instansi=world.instansi), nama=f"Layanan {i}")
    client = client_for(world.users["admin_instansi"])
    with django_assert_num_queries(9):
        client.get(reverse("pengaduan:layanan_list"))


@pytest.mark.parametrize("n", [1, 10])
def test_days_off_list(client_for, world, petugas, n, django_assert_num_queries):
    import datetime

    for i in range(n):
        HariLibur.objects.create(
            instansi=world.instansi,
            tanggal=datetime.date(2026, 1, 5) + datetime.timedelta(days=i),
            keterangan=f"Libur {i}",
        )
    client = client_for(petugas)
    with django_assert_num_queries(10):
        client.get(reverse("pengaduan:hari_libur"))


@pytest.mark.parametrize("n", [1, 10])
def test_survey_index(client, world, n, django_assert_num_queries):
    for _ in range(n):
        OpdFactory(instansi=world.instansi)
    with django_assert_num_queries(1):
        client.get(reverse("pengaduan:survei_index"))
