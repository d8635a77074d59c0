"""Budget (pagu) and absorption (serapan) of an IKU per triwulan: typed in the grid's row details in rupiah, kept
with the realisation's workflow, refused next to the field when not a sum of money or above the pagu."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Realisasi
from evaluasi.services import parse_rupiah


def post_row(client, ind, *, aksi="simpan", versi=0, triwulan=1, htmx=True, hanya_nilai=False, **fields):
    data = {f"r{ind.pk}-versi": versi, "aksi": aksi}
    if hanya_nilai:
        data["hanya_nilai"] = "1"
    data.update({f"r{ind.pk}-{k}": v for k, v in fields.items()})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("evaluasi:grid_baris", args=[ind.opd_id, ind.tahun, triwulan, ind.pk]), data, **headers)


@pytest.fixture
def setup(world, buka_periode, buat_indikator, client):
    buka_periode(1)
    ind = buat_indikator(world.opd)
    client.force_login(world.users["tim_evaluasi"])
    return ind


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("", None),
        ("  ", None),
        ("1.250.000", Decimal("1250000")),
        ("Rp 1.250.000", Decimal("1250000")),
        ("rp1.250.000,50", Decimal("1250000.50")),
        ("1250000", Decimal("1250000")),
        ("1250000.5", Decimal("1250000.5")),
        ("1250000,5", Decimal("1250000.5")),
        ("0", Decimal("0")),
        ("12.5", Decimal("12.5")),  # not groups of three: a decimal point
    ],
)
def test_parse_rupiah(teks, nilai):
    assert parse_rupiah(teks, label="Pagu") == nilai


@pytest.mark.parametrize(
    ("teks", "code"),
    [
        ("satu juta", "bukan_angka"),
        ("NaN", "bukan_angka"),
        ("Infinity", "bukan_angka"),
        ("-5", "negatif"),
        ("99999999999999999", "terlalu_besar"),
        ("10,555", "desimal"),
    ],
)
def test_parse_rupiah_refuses(teks, code):
    with pytest.raises(ValidationError) as exc:
        parse_rupiah(teks, label="Pagu")
    assert exc.value.code == code


def test_grid_details_save_pagu_and_serapan(client, setup):
    ind = setup
    response = post_row(client, ind, nilai="20", pagu="1.000.000", serapan="850.000,50")
    assert response.status_code == 200
    r = Realisasi.objects.get(indikator=ind, triwulan=1)
    assert (r.pagu, r.serapan) == (Decimal("1000000"), Decimal("850000.50"))
    # The compact row sends the value alone: the budget is kept.
    response = post_row(client, ind, versi=1, nilai="21", hanya_nilai=True)
    assert response.status_code == 200
    r.refresh_from_db()
    assert (r.nilai, r.pagu, r.serapan) == (Decimal(21), Decimal("1000000"), Decimal("850000.50"))
    # The details form shows them again the Indonesian way.
    html = client.get(
        reverse("evaluasi:grid_rinci", args=[ind.opd_id, ind.tahun, 1, ind.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'value="1000000"' in html
    assert 'value="850000,50"' in html
    # Cleared when sent blank.
    post_row(client, ind, versi=2, nilai="21", pagu="", serapan="")
    r.refresh_from_db()
    assert (r.pagu, r.serapan) == (None, None)


def test_serapan_above_pagu_is_refused_next_to_the_field(client, setup):
    ind = setup
    response = post_row(client, ind, nilai="20", pagu="1.000.000", serapan="1.200.000")
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["serapan"] == ["Serapan anggaran tidak boleh melebihi pagu."]
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_serapan_without_pagu_and_bad_amounts_are_form_errors(client, setup):
    ind = setup
    response = post_row(client, ind, nilai="20", serapan="5.000")
    assert response.status_code == 422
    assert response.context["form"].errors["pagu"] == ["Isi pagu anggaran bila serapan diisi."]
    response = post_row(client, ind, nilai="20", pagu="sejuta")
    assert response.status_code == 422
    assert "harus berupa jumlah rupiah" in response.context["form"].errors["pagu"][0]
    response = post_row(client, ind, nilai="20", pagu="-1")
    assert response.status_code == 422
    assert response.context["form"].errors["pagu"] == ["Pagu anggaran tidak boleh negatif."]


def test_budget_belongs_to_an_iku_only(world, setup, buat_indikator):
    iki = buat_indikator(world.opd, "IKI-01", pegawai=world.pegawai)
    tim = world.users["tim_evaluasi"]
    with pytest.raises(ValidationError) as exc:
        services.realisasi_simpan(actor=tim, indikator=iki, triwulan=1, versi=0, nilai=Decimal(1), pagu=Decimal(5))
    assert "pagu" in exc.value.message_dict
    r = services.realisasi_simpan(actor=tim, indikator=iki, triwulan=1, versi=0, nilai=Decimal(1))
    assert r.pagu is None


def test_budget_follows_the_workflow_a_verified_row_is_locked(client, world, setup):
    ind = setup
    tim = world.users["tim_evaluasi"]
    r = services.realisasi_simpan(
        actor=tim,
        indikator=ind,
        triwulan=1,
        versi=0,
        nilai=Decimal(25),
        bukti_teks="Laporan",
        pagu=Decimal(100),
        serapan=Decimal(90),
    )
    r = services.realisasi_ajukan(actor=tim, realisasi=r, versi=r.versi)
    response = post_row(client, ind, versi=r.versi, nilai="25", pagu="100", serapan="10")
    assert response.status_code == 422
    r.refresh_from_db()
    assert r.serapan == Decimal(90)
