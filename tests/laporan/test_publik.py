"""The public transparency pages run a fixed number of queries whatever the number of OPDs, indicators, complaints
and survey answers (style.md, rule 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import CapaianTriwulan, SkorOpd
from indikator.models import Indikator
from pengaduan.models import Pengaduan
from survei import services as survei_services
from survei.models import Layanan
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
        survei_services.survei_submit(
            opd=opd, layanan=layanan, skor=[1 + (i + u) % 4 for u in range(9)], saran=f"Saran {i}"
        )


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
        response = client.get(reverse("transparansi:publik"))
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
        response = client.get(reverse("transparansi:publik_opd", args=[world.opd.pk]) + "?tahun=2026")
    assert len(response.context["capaian"]) == n
