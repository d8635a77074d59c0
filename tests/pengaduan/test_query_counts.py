"""Every list and report page runs a fixed number of queries, with one row or many (style.md, rule 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pengaduan import services
from pengaduan.models import Pengaduan

S = Pengaduan.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _banyak_pengaduan(ajukan, sampai, n):
    hasil = []
    for i in range(n):
        pengaduan, kode = ajukan(judul=f"Laporan {i}", lampiran=[SimpleUploadedFile("a.pdf", PDF)])
        hasil.append((sampai(pengaduan, S.SELESAI), kode))
    return hasil


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
