"""The instansi's days off: kept by its Petugas Pengaduan and Admin Instansi, a duplicate date refused in words; the
page lists them with the national holidays."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opd import services
from opd.models import HariLibur

D = datetime.date


def test_duplicate_day_off_is_refused_in_words(world):
    petugas = world.users["petugas_pengaduan"]
    services.hari_libur_add(actor=petugas, instansi=world.instansi, tanggal=D(2026, 12, 24), keterangan="Cuti")
    with pytest.raises(ValidationError) as exc:
        services.hari_libur_add(actor=petugas, instansi=world.instansi, tanggal=D(2026, 12, 24), keterangan="Lagi")
    assert "sudah tercatat" in str(exc.value)


def test_day_off_only_by_petugas_or_admin_of_that_instansi(world):
    for role in ("tim_evaluasi", "asn", "admin_lain", "admin_bkn"):
        with pytest.raises(PermissionDenied):
            services.hari_libur_add(
                actor=world.users[role], instansi=world.instansi, tanggal=D(2026, 12, 24), keterangan="x"
            )


def test_hari_libur_page_adds_and_lists(client_for, world):
    client = client_for(world.users["petugas_pengaduan"])
    response = client.post(
        reverse("opd:hari_libur"),
        {"instansi": world.instansi.pk, "tanggal": "2026-12-24", "keterangan": "Cuti bersama Natal"},
    )
    assert response.status_code == 302
    halaman = client.get(reverse("opd:hari_libur")).content.decode()
    assert "Cuti bersama Natal" in halaman
    assert "Hari Kemerdekaan" in halaman or "Kemerdekaan" in halaman
    again = client.post(
        reverse("opd:hari_libur"), {"instansi": world.instansi.pk, "tanggal": "2026-12-24", "keterangan": "x"}
    )
    assert again.status_code == 422
    # Another instansi cannot be chosen.
    lain = client.post(
        reverse("opd:hari_libur"),
        {"instansi": world.instansi_lain.pk, "tanggal": "2026-12-24", "keterangan": "x"},
    )
    assert lain.status_code == 422


@pytest.mark.parametrize("n", [1, 10])
def test_days_off_list(client_for, world, n, django_assert_num_queries):
    for i in range(n):
        HariLibur.objects.create(
            instansi=world.instansi,
            tanggal=datetime.date(2026, 1, 5) + datetime.timedelta(days=i),
            keterangan=f"Libur {i}",
        )
    client = client_for(world.users["petugas_pengaduan"])
    with django_assert_num_queries(10):
        client.get(reverse("opd:hari_libur"))
