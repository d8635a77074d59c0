"""Realisations in the audit log: a save through the grid is one entry with what changed; it costs one INSERT and
no read; a bulk verify writes all its entries in one INSERT."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Realisasi
from opd.models import CatatanAudit, JenisAudit
from tests.evaluasi.test_grid import banyak_indikator, post_row


def entri() -> list[CatatanAudit]:
    return list(CatatanAudit.objects.filter(jenis=JenisAudit.REALISASI).order_by("id"))


def test_a_realisation_saved_through_the_grid_is_recorded_with_its_changes(client, world, buka_periode, buat_indikator):
    buka_periode(1)
    ind = buat_indikator(world.opd)
    client.force_login(world.users["tim_evaluasi"])
    assert post_row(client, ind, nilai="20", bukti_teks="Laporan bulanan").status_code == 200
    assert post_row(client, ind, versi=1, nilai="22,5", bukti_teks="Laporan bulanan").status_code == 200
    dibuat, diubah = entri()
    r = Realisasi.objects.get(indikator=ind)
    for e in (dibuat, diubah):
        assert (e.user, e.instansi, e.content_type.model_class(), e.objek_id) == (
            world.users["tim_evaluasi"],
            world.instansi,
            Realisasi,
            r.pk,
        )
        assert e.objek_teks == f"IKU-01 {ind.tahun} TW 1"
        assert e.path == reverse("evaluasi:grid_baris", args=[world.opd.pk, ind.tahun, 1, ind.pk])
    assert dibuat.aksi == "dibuat"
    assert dibuat.perubahan == {
        "bukti_teks": [None, "Laporan bulanan"],
        "indikator": [None, ind.pk],
        "nilai": [None, "20"],
        "status": [None, "draf"],
        "triwulan": [None, 1],
    }
    assert (diubah.aksi, diubah.perubahan) == ("diubah", {"nilai": ["20.0000", "22.5"]})


def test_saving_a_realisation_adds_one_insert_and_no_read(world, buka_periode, buat_indikator):
    """The deadline rush: the audit costs one INSERT per save, no lookup of the previous state or the instansi."""
    buka_periode(1)
    ind = buat_indikator(world.opd)
    tim = world.users["tim_evaluasi"]
    r = services.realisasi_simpan(actor=tim, indikator=ind, triwulan=1, versi=0, nilai=Decimal(20))
    with CaptureQueriesContext(connection) as ctx:
        services.realisasi_simpan(actor=tim, indikator=ind, triwulan=1, versi=r.versi, nilai=Decimal(21))
    audit = [q["sql"] for q in ctx.captured_queries if "opd_catatanaudit" in q["sql"]]
    riwayat = [q["sql"] for q in ctx.captured_queries if "historicalrealisasi" in q["sql"]]
    assert len(audit) == 1 and audit[0].startswith("INSERT")
    assert len(riwayat) == 1 and riwayat[0].startswith("INSERT")
    assert entri()[-1].perubahan == {"nilai": ["20.0000", "21"]}


@pytest.mark.parametrize("n", [1, 30])
def test_bulk_verify_writes_every_entry_in_one_insert(client, world, buka_periode, tahun, django_assert_num_queries, n):
    buka_periode(1)
    made = banyak_indikator(world.opd, tahun, n)
    Realisasi.objects.bulk_create(
        Realisasi(indikator=i, triwulan=1, nilai=Decimal(30), bukti_teks="Laporan", status="diajukan") for i in made
    )
    client.force_login(world.users["pimpinan_opd"])
    url = reverse("evaluasi:grid_verifikasi", args=[world.opd.pk, tahun, 1])
    with django_assert_num_queries(13) as ctx:
        client.post(url, {"pilih": [f"{i.pk}:1" for i in made]})
    assert [q["sql"][:6] for q in ctx.captured_queries if "opd_catatanaudit" in q["sql"]] == ["INSERT"]
    entries = entri()
    assert len(entries) == n
    pimpinan = world.users["pimpinan_opd"]
    assert {(e.user, e.instansi_id, e.aksi) for e in entries} == {(pimpinan, world.instansi.pk, "diubah")}
    first = next(e for e in entries if e.objek_id == Realisasi.objects.get(indikator=made[0]).pk)
    assert set(first.perubahan) == {"status", "diverifikasi_oleh", "diverifikasi_pada"}
    assert first.perubahan["status"] == ["diajukan", "diverifikasi"]
    assert first.perubahan["diverifikasi_oleh"] == [None, pimpinan.pk]
    assert first.objek_teks == f"K000 {tahun} TW 1"
