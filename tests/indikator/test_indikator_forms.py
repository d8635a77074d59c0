"""IndikatorForm: ranges in order, quarterly targets of a `sum` indicator adding up, and the choices it offers."""

import pytest

from indikator.forms import IndikatorForm
from tests.factories import PegawaiFactory
from tests.indikator.factories import buat_indikator


def data(**overrides) -> dict:
    """A complete, valid IKU: 100 a year, 25 a quarter, cumulative."""
    base = {
        "jenis": "iku",
        "kode": "IKU-01",
        "nama": "Persentase KTP-el yang terbit tepat waktu",
        "satuan": "%",
        "polaritas": "maximize",
        "agregasi": "sum",
        "desimal": "2",
        "bobot": "1",
        "sumber_realisasi": "manual",
        "utama": "on",
        "aktif": "on",
        "target_bawah": "100",
        "target_atas": "",
    }
    for q in range(1, 5):
        base[f"tw{q}_bawah"] = "25"
        base[f"tw{q}_atas"] = ""
    base.update(overrides)
    return base


def form_for(world, tahun=2026, **overrides) -> IndikatorForm:
    return IndikatorForm(data(**overrides), opd=world.opd, tahun=tahun)


def test_a_complete_sum_indicator_is_valid(world):
    form = form_for(world)
    assert form.errors == {}
    assert form.target_triwulan() == {q: (form.cleaned_data[f"tw{q}_bawah"], None) for q in range(1, 5)}
    assert str(form.cleaned_data["tw1_bawah"]) == "25"


def test_annual_range_with_upper_below_lower_is_refused_on_the_field(world):
    form = form_for(world, target_bawah="10", target_atas="5", agregasi="average", **{"tw1_bawah": "10"})
    assert form.errors == {"target_atas": ["Batas atas rentang tidak boleh lebih kecil dari batas bawah (L ≤ U)."]}


def test_annual_range_in_reverse_on_a_sum_indicator_gives_only_the_order_message(world):
    form = form_for(world, target_bawah="100", target_atas="80")
    assert form.errors == {"target_atas": ["Batas atas rentang tidak boleh lebih kecil dari batas bawah (L ≤ U)."]}


def test_quarterly_range_with_upper_below_lower_is_refused_on_that_quarter(world):
    form = form_for(world, agregasi="average", tw2_bawah="30", tw2_atas="20")
    assert form.errors == {"tw2_atas": ["Batas atas TW II tidak boleh lebih kecil dari batas bawahnya (L ≤ U)."]}


def test_sum_indicator_whose_quarters_do_not_add_up_says_by_how_much(world):
    form = form_for(world, tw4_bawah="15")
    assert form.errors == {
        "target_bawah": ["Jumlah target triwulan (90) tidak sama dengan target tahunan (100): selisih -10"]
    }


def test_sum_difference_is_written_the_indonesian_way(world):
    form = form_for(world, target_bawah="1250,5", tw1_bawah="300", tw2_bawah="300", tw3_bawah="300", tw4_bawah="300,25")
    assert form.errors == {
        "target_bawah": ["Jumlah target triwulan (1.200,25) tidak sama dengan target tahunan (1.250,5): selisih -50,25"]
    }


def test_sum_range_checks_both_bounds(world):
    ranges = {f"tw{q}_{b}": v for q in range(1, 5) for b, v in (("bawah", "20"), ("atas", "25"))}
    assert form_for(world, target_bawah="80", target_atas="100", **ranges).errors == {}

    ranges["tw4_atas"] = "21"
    form = form_for(world, target_bawah="80", target_atas="100", **ranges)
    assert form.errors == {
        "target_atas": [
            "Jumlah batas atas target triwulan (96) tidak sama dengan batas atas target tahunan (100): selisih -4"
        ]
    }

    ranges["tw4_atas"] = "25"
    ranges["tw1_bawah"] = "22"
    form = form_for(world, target_bawah="80", target_atas="100", **ranges)
    assert form.errors == {
        "target_bawah": [
            "Jumlah batas bawah target triwulan (82) tidak sama dengan batas bawah target tahunan (80): selisih 2"
        ]
    }


@pytest.mark.parametrize("agregasi", ["average", "last"])
def test_average_and_last_indicators_have_no_sum_rule(world, agregasi):
    form = form_for(world, agregasi=agregasi, tw1_bawah="50", tw2_bawah="60", tw3_bawah="70", tw4_bawah="80")
    assert form.errors == {}


@pytest.mark.parametrize(("desimal", "valid"), [("0", True), ("4", True), ("5", False), ("-1", False)])
def test_decimals_from_0_to_4(world, desimal, valid):
    form = form_for(world, desimal=desimal)
    assert form.errors == ({} if valid else {"desimal": ["Jumlah desimal harus antara 0 dan 4."]})


def test_every_quarter_needs_a_target(world):
    form = form_for(world, tw3_bawah="")
    assert form.errors == {"tw3_bawah": ["Isi target TW III."]}


def test_iku_code_is_unique_per_opd_and_year(world):
    buat_indikator(opd=world.opd, kode="IKU-01", tahun=2026)
    assert form_for(world).errors == {"kode": ["Kode IKU-01 sudah dipakai IKU lain OPD ini pada tahun 2026."]}
    assert form_for(world, tahun=2027).errors == {}


def test_iki_needs_an_active_pegawai_of_the_opd(world):
    assert form_for(world, jenis="iki").errors == {"pegawai": ["IKI harus dimiliki seorang pegawai."]}
    nonaktif = PegawaiFactory(opd=world.opd, aktif=False)
    for pegawai in (nonaktif, world.pegawai_instansi_lain, PegawaiFactory(opd=world.opd_lain)):
        form = form_for(world, jenis="iki", pegawai=str(pegawai.pk))
        assert form.errors == {"pegawai": ["Pilih pegawai aktif OPD ini."]}
    assert form_for(world, jenis="iki", pegawai=str(world.pegawai.pk)).errors == {}


def test_iku_has_no_pegawai(world):
    form = form_for(world, pegawai=str(world.pegawai.pk))
    assert form.errors == {"pegawai": ["IKU milik OPD, bukan pegawai: kosongkan pegawai."]}


def test_induk_is_an_iku_of_the_opd_that_year_or_the_superiors_iki(world):
    iku = buat_indikator(opd=world.opd, kode="IKU-A", tahun=2026)
    iki_atasan = buat_indikator(opd=world.opd, jenis="iki", pegawai=world.pegawai.atasan, tahun=2026)
    iki_rekan = buat_indikator(opd=world.opd, jenis="iki", pegawai=world.pegawai_lain, tahun=2026)
    iku_lain = buat_indikator(opd=world.opd_lain, tahun=2026)
    iku_tahun_lalu = buat_indikator(opd=world.opd, tahun=2025)

    form = IndikatorForm(opd=world.opd, tahun=2026)
    assert set(form.fields["induk"].queryset) == {iku, iki_atasan}

    iki = {"jenis": "iki", "pegawai": str(world.pegawai.pk)}
    assert form_for(world, induk=str(iku.pk), **iki).errors == {}
    assert form_for(world, induk=str(iki_atasan.pk), **iki).errors == {}
    for salah in (iki_rekan, iku_lain, iku_tahun_lalu):
        assert form_for(world, induk=str(salah.pk), **iki).errors == {
            "induk": ["Pilih IKU OPD ini atau IKI atasan langsung pada tahun yang sama."]
        }
    # The superior's IKI is offered, but supports only the IKI of that superior's own staff.
    atasan_lain = PegawaiFactory(opd=world.opd)
    bawahan_lain = PegawaiFactory(opd=world.opd, atasan=atasan_lain)
    form = form_for(world, jenis="iki", pegawai=str(bawahan_lain.pk), induk=str(iki_atasan.pk))
    assert form.errors == {"induk": ["IKI hanya dapat mendukung IKI atasan langsung."]}


def test_iku_cannot_support_another_indicator(world):
    iku = buat_indikator(opd=world.opd, kode="IKU-A", tahun=2026)
    form = form_for(world, induk=str(iku.pk))
    assert form.errors == {"induk": ["Hanya IKI yang dapat diturunkan dari indikator lain."]}


def test_edit_form_shows_stored_values_without_trailing_zeros(world):
    iku = buat_indikator(opd=world.opd, target="1250.5", agregasi="average")
    form = IndikatorForm(instance=iku, opd=world.opd, tahun=iku.tahun)
    html = form.as_div()
    assert 'value="1250,5"' in html  # no grouping in an input: easier to edit
    assert form.fields["jenis"].disabled is True
    assert form.fields["versi"].initial == 1
