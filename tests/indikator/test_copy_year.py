"""Copying a year's indicators: IKU and IKI with their quarterly targets, cascade links re-pointed to the copies."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import Indikator, TargetTriwulan
from indikator.services import HasilSalin, indikator_copy_year
from tests.factories import PegawaiFactory
from tests.indikator.factories import buat_indikator


def _copy(world, actor="tim_evaluasi", dari=2025, ke=2026) -> HasilSalin:
    return indikator_copy_year(actor=world.users[actor], opd=world.opd, dari_tahun=dari, ke_tahun=ke)


def _targets(indikator) -> list[tuple[int, Decimal, Decimal | None]]:
    return list(
        TargetTriwulan.objects.filter(indikator=indikator)
        .order_by("triwulan")
        .values_list("triwulan", "target_bawah", "target_atas")
    )


def test_copy_takes_every_attribute_and_the_quarterly_targets(world):
    asal = buat_indikator(
        opd=world.opd,
        tahun=2025,
        kode="IKU-01",
        nama="Waktu layanan KTP",
        satuan="hari",
        polaritas="minimize",
        agregasi="last",
        desimal=1,
        bobot=Decimal("2"),
        baseline=Decimal("7"),
        utama=False,
        sumber_realisasi="manual",
        definisi="Rata-rata hari kerja",
        formula="Σ hari / Σ permohonan",
        sumber_data="SIAK",
        unit=world.unit,
        target="5",
        target_atas="6",
        triwulan=[("7", "8"), ("6", "7"), ("5", "6"), ("5", "6")],
    )
    assert _copy(world) == HasilSalin(iku=1, iki=0, dilewati=0)
    salinan = Indikator.objects.get(tahun=2026)
    fields = ["opd", "instansi", "jenis", "kode", "nama", "satuan", "polaritas", "agregasi", "desimal", "bobot"]
    fields += ["baseline", "utama", "sumber_realisasi", "definisi", "formula", "sumber_data", "unit"]
    fields += ["target_bawah", "target_atas"]
    assert {f: getattr(salinan, f) for f in fields} == {f: getattr(asal, f) for f in fields}
    assert (salinan.versi, salinan.induk) == (1, None)
    assert _targets(salinan) == [
        (1, Decimal("7"), Decimal("8")),
        (2, Decimal("6"), Decimal("7")),
        (3, Decimal("5"), Decimal("6")),
        (4, Decimal("5"), Decimal("6")),
    ]


def test_copy_relinks_iki_to_the_copied_iku_and_to_the_superiors_copied_iki(world):
    atasan = world.pegawai.atasan
    iku = buat_indikator(opd=world.opd, tahun=2025, kode="IKU-01")
    iki_atasan = buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=atasan, kode="IKI-A", induk=iku)
    # Created before its parent's copy would exist, to check the order of copying.
    iki_staf = buat_indikator(
        opd=world.opd, tahun=2025, jenis="iki", pegawai=world.pegawai, kode="AAA", induk=iki_atasan
    )
    iki_staf_iku = buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=world.pegawai_lain, induk=iku)

    assert _copy(world) == HasilSalin(iku=1, iki=3, dilewati=0)
    baru = {(i.pegawai_id, i.kode): i for i in Indikator.objects.filter(tahun=2026)}
    iku_baru = baru[(None, "IKU-01")]
    iki_atasan_baru = baru[(atasan.pk, "IKI-A")]
    assert iki_atasan_baru.induk == iku_baru
    assert baru[(world.pegawai.pk, "AAA")].induk == iki_atasan_baru
    assert baru[(world.pegawai_lain.pk, iki_staf_iku.kode)].induk == iku_baru
    # Last year's links are untouched.
    iki_staf.refresh_from_db()
    assert iki_staf.induk == iki_atasan


def test_copy_skips_codes_that_already_exist_and_links_to_them(world):
    buat_indikator(opd=world.opd, tahun=2025, kode="IKU-01", nama="Lama")
    iku_lama = Indikator.objects.get(kode="IKU-01")
    buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=world.pegawai, kode="IKI-01", induk=iku_lama)
    buat_indikator(opd=world.opd, tahun=2025, kode="IKU-02")
    sudah_ada = buat_indikator(opd=world.opd, tahun=2026, kode="IKU-01", nama="Sudah disusun untuk 2026")

    assert _copy(world) == HasilSalin(iku=1, iki=1, dilewati=1)
    sudah_ada.refresh_from_db()
    assert sudah_ada.nama == "Sudah disusun untuk 2026"
    assert Indikator.objects.get(tahun=2026, kode="IKI-01").induk == sudah_ada
    # Running it again copies nothing more.
    assert _copy(world) == HasilSalin(iku=0, iki=0, dilewati=3)
    assert Indikator.objects.filter(tahun=2026).count() == 3


def test_copy_leaves_out_inactive_indicators_and_staff_who_left(world):
    buat_indikator(opd=world.opd, tahun=2025, kode="IKU-LAMA", aktif=False)
    keluar = PegawaiFactory(opd=world.opd, aktif=False)
    buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=keluar, kode="IKI-01")
    buat_indikator(opd=world.opd_lain, tahun=2025, kode="IKU-DINKES")

    assert _copy(world) == HasilSalin(iku=0, iki=0, dilewati=1)
    assert Indikator.objects.filter(tahun=2026).count() == 0


def test_copy_drops_a_link_to_someone_no_longer_the_superior(world):
    atasan_lama = world.pegawai.atasan
    iki_atasan = buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=atasan_lama, kode="IKI-A")
    buat_indikator(opd=world.opd, tahun=2025, jenis="iki", pegawai=world.pegawai, kode="IKI-B", induk=iki_atasan)
    world.pegawai.atasan = PegawaiFactory(opd=world.opd)
    world.pegawai.save()

    assert _copy(world) == HasilSalin(iku=0, iki=2, dilewati=0)
    assert Indikator.objects.get(tahun=2026, kode="IKI-B").induk is None


def test_copy_records_the_actor_in_the_history(world):
    buat_indikator(opd=world.opd, tahun=2025, kode="IKU-01")
    _copy(world, actor="admin_instansi")
    salinan = Indikator.objects.get(tahun=2026)
    assert salinan.history.get().history_user == world.users["admin_instansi"]
    assert {h.history_user for h in TargetTriwulan.history.filter(indikator_id=salinan.pk)} == {
        world.users["admin_instansi"]
    }


def test_copy_into_the_same_year_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _copy(world, dari=2026, ke=2026)
    assert exc.value.message_dict == {"ke_tahun": ["Tahun tujuan harus berbeda dari tahun asal."]}


@pytest.mark.parametrize("role", ["pimpinan_opd", "admin_bkn", "petugas_pengaduan", "asn", "admin_lain"])
def test_only_the_opd_team_and_the_admin_instansi_may_copy(world, role):
    buat_indikator(opd=world.opd, tahun=2025)
    with pytest.raises(PermissionDenied):
        _copy(world, actor=role)
    assert Indikator.objects.filter(tahun=2026).count() == 0
