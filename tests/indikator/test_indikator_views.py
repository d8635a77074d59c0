"""Indicator screens: create, edit (with the stale-edit refusal), detail with its history, copy, list and scope."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator import services
from indikator.models import Indikator, TargetTriwulan
from tests.factories import UnitKerjaFactory
from tests.indikator.factories import buat_indikator
from tests.indikator.test_indikator_forms import data


def _targets(indikator) -> list[tuple[int, Decimal, Decimal | None]]:
    return [
        (t.triwulan, t.target_bawah, t.target_atas)
        for t in TargetTriwulan.objects.filter(indikator=indikator).order_by("triwulan")
    ]


def _edit_data(indikator, **overrides) -> dict:
    """The edit form as the browser would post it back unchanged."""
    base = data(
        kode=indikator.kode,
        nama=indikator.nama,
        satuan=indikator.satuan,
        agregasi=indikator.agregasi,
        polaritas=indikator.polaritas,
        target_bawah=str(indikator.target_bawah),
        versi=str(indikator.versi),
    )
    for t in TargetTriwulan.objects.filter(indikator=indikator):
        base[f"tw{t.triwulan}_bawah"] = str(t.target_bawah)
    base.update(overrides)
    return base


def test_tim_evaluasi_creates_an_iku_with_its_quarterly_targets(client_for, world):
    tim = world.users["tim_evaluasi"]
    response = client_for(tim).post(
        reverse("indikator:indikator_create", args=[world.opd.pk, 2026]),
        data(
            nama="Waktu penyelesaian layanan KTP",
            satuan="hari",
            polaritas="minimize",
            agregasi="average",
            desimal="1",
            bobot="2,5",
            baseline="7,5",
            target_bawah="5",
            tw1_bawah="6",
            tw2_bawah="5,5",
            tw3_bawah="5",
            tw4_bawah="4,5",
            sumber_data="SIAK",
        ),
    )
    indikator = Indikator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("indikator:indikator_detail", args=[indikator.pk])
    assert (indikator.opd, indikator.instansi, indikator.tahun, indikator.jenis) == (
        world.opd,
        world.instansi,
        2026,
        "iku",
    )
    assert (indikator.polaritas, indikator.agregasi, indikator.desimal) == ("minimize", "average", 1)
    assert (indikator.bobot, indikator.baseline, indikator.target_bawah, indikator.target_atas) == (
        Decimal("2.5"),
        Decimal("7.5"),
        Decimal("5"),
        None,
    )
    assert _targets(indikator) == [
        (1, Decimal("6"), None),
        (2, Decimal("5.5"), None),
        (3, Decimal("5"), None),
        (4, Decimal("4.5"), None),
    ]
    assert indikator.versi == 1
    assert indikator.history.get().history_user == tim
    assert {h.history_user for h in TargetTriwulan.history.all()} == {tim}


def test_admin_instansi_creates_an_iki_that_supports_the_iku(client_for, world):
    iku = buat_indikator(opd=world.opd, kode="IKU-01", tahun=2026)
    client = client_for(world.users["admin_instansi"])
    response = client.post(
        reverse("indikator:indikator_create", args=[world.opd.pk, 2026]),
        data(jenis="iki", kode="IKI-01", nama="KTP-el dicetak", pegawai=str(world.pegawai.pk), induk=str(iku.pk)),
    )
    assert response.status_code == 302
    iki = Indikator.objects.get(jenis="iki")
    assert (iki.pegawai, iki.induk) == (world.pegawai, iku)
    body = client.get(reverse("indikator:indikator_detail", args=[iku.pk])).content.decode()
    assert "IKI IKI-01 – KTP-el dicetak" in body
    # The ASN sees their own IKI and which IKU it feeds, without a link to a page they may not open.
    body = client_for(world.users["asn"]).get(reverse("indikator:indikator_detail", args=[iki.pk])).content.decode()
    assert "IKU (Indikator Kinerja Utama OPD) IKU-01 – Indikator uji IKU-01" in body
    assert reverse("indikator:indikator_detail", args=[iku.pk]) not in body


def test_create_with_errors_keeps_the_input_and_saves_nothing(client_for, world):
    response = client_for(world.users["tim_evaluasi"]).post(
        reverse("indikator:indikator_create", args=[world.opd.pk, 2026]),
        data(nama="Cakupan imunisasi dasar", tw4_bawah="10"),
    )
    assert response.status_code == 200
    assert Indikator.objects.count() == 0
    body = response.content.decode()
    assert "Jumlah target triwulan (85) tidak sama dengan target tahunan (100): selisih -15" in body
    assert 'value="Cakupan imunisasi dasar"' in body


def test_edit_saves_changes_bumps_the_version_and_shows_them_in_the_history(client_for, world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Cakupan KIA")
    tim = world.users["tim_evaluasi"]
    client = client_for(tim)
    url = reverse("indikator:indikator_edit", args=[indikator.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _edit_data(indikator, target_bawah="120", tw1_bawah="30", tw2_bawah="30", tw3_bawah="30", tw4_bawah="30"),
    )
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert (indikator.target_bawah, indikator.versi) == (Decimal("120"), 2)
    assert _targets(indikator) == [(q, Decimal("30"), None) for q in range(1, 5)]
    page = client.get(reverse("indikator:indikator_detail", args=[indikator.pk]))
    riwayat = page.context["riwayat"]
    ubah_indikator = next(e for e in riwayat if e.objek == "Indikator" and e.jenis == "~")
    assert ubah_indikator.oleh == "tim"
    assert [(p.label, p.lama, p.baru) for p in ubah_indikator.perubahan] == [
        ("Target tahunan", "100", "120"),
    ]
    ubah_tw1 = next(e for e in riwayat if e.objek == "Target TW I" and e.jenis == "~")
    assert [(p.label, p.lama, p.baru) for p in ubah_tw1.perubahan] == [("Target", "25", "30")]
    body = page.content.decode()
    assert "{% block" not in body
    assert "100 → 120" in body


def test_edit_without_changes_saves_nothing(client_for, world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Cakupan KIA")
    response = client_for(world.users["tim_evaluasi"]).post(
        reverse("indikator:indikator_edit", args=[indikator.pk]), _edit_data(indikator), follow=True
    )
    assert "Tidak ada perubahan pada indikator IKU-01." in response.content.decode()
    indikator.refresh_from_db()
    assert indikator.versi == 1
    assert indikator.history.count() == 1


def test_stale_edit_is_refused_and_the_form_keeps_the_input(client_for, world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Cakupan KIA")
    opened = _edit_data(indikator)  # the Tim Evaluasi opens the form at versi 1 …
    # … meanwhile the Admin Instansi saves a change.
    services.indikator_update(
        actor=world.users["admin_instansi"],
        indikator=indikator,
        versi=1,
        data={"nama": "Cakupan pelayanan KIA"},
        target_triwulan={q: (Decimal("25"), None) for q in range(1, 5)},
    )
    client = client_for(world.users["tim_evaluasi"])
    url = reverse("indikator:indikator_edit", args=[indikator.pk])
    response = client.post(url, {**opened, "nama": "Cakupan KIA ibu hamil"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Indikator ini sudah diubah orang lain sejak Anda membukanya." in body
    assert 'value="Cakupan KIA ibu hamil"' in body
    assert response.context["beda"] == [("Nama indikator", "Cakupan pelayanan KIA", "Cakupan KIA ibu hamil")]
    assert 'name="versi" value="2"' in body
    indikator.refresh_from_db()
    assert (indikator.nama, indikator.versi) == ("Cakupan pelayanan KIA", 2)

    # Saving again, now knowingly against versi 2, goes through.
    response = client.post(url, {**opened, "nama": "Cakupan KIA ibu hamil", "versi": "2"})
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert (indikator.nama, indikator.versi) == ("Cakupan KIA ibu hamil", 3)


def test_edit_without_a_version_is_treated_as_stale(client_for, world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01")
    response = client_for(world.users["tim_evaluasi"]).post(
        reverse("indikator:indikator_edit", args=[indikator.pk]), _edit_data(indikator, nama="Baru", versi="")
    )
    assert response.status_code == 200
    indikator.refresh_from_db()
    assert indikator.versi == 1


@pytest.mark.parametrize("role", ["pimpinan_opd", "admin_bkn", "petugas_pengaduan"])
def test_readers_may_not_change_403(client_for, world, role):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Lama")
    client = client_for(world.users[role])
    assert client.get(reverse("indikator:indikator_detail", args=[indikator.pk])).status_code == 200
    response = client.post(reverse("indikator:indikator_edit", args=[indikator.pk]), _edit_data(indikator, nama="X"))
    assert response.status_code == 403
    response = client.post(reverse("indikator:indikator_create", args=[world.opd.pk, 2026]), data())
    assert response.status_code == 403
    indikator.refresh_from_db()
    assert indikator.nama == "Lama"
    assert Indikator.objects.count() == 1


def test_another_instansi_gets_404_everywhere(client_for, world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Lama")
    client = client_for(world.users["admin_lain"])
    for url in (
        reverse("indikator:indikator_detail", args=[indikator.pk]),
        reverse("indikator:indikator_edit", args=[indikator.pk]),
        reverse("indikator:indikator_list", args=[world.opd.pk]),
        reverse("indikator:indikator_copy", args=[world.opd.pk]),
        reverse("indikator:indikator_create", args=[world.opd.pk, 2026]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("indikator:indikator_edit", args=[indikator.pk]), _edit_data(indikator, nama="X"))
    assert response.status_code == 404
    indikator.refresh_from_db()
    assert indikator.nama == "Lama"
    # Nor do they see it in their own lists.
    own = buat_indikator(opd=world.opd_instansi_lain, tahun=2026)
    response = client.get(reverse("indikator:indikator_list", args=[world.opd_instansi_lain.pk]), {"tahun": 2026})
    assert list(response.context["page_obj"]) == [own]


def test_asn_sees_only_their_own_iki(client_for, world):
    iku = buat_indikator(opd=world.opd)
    sendiri = buat_indikator(opd=world.opd, jenis="iki", pegawai=world.pegawai, tahun=2026)
    rekan = buat_indikator(opd=world.opd, jenis="iki", pegawai=world.pegawai_lain, tahun=2026)
    client = client_for(world.users["asn"])
    assert client.get(reverse("indikator:indikator_detail", args=[sendiri.pk])).status_code == 200
    assert client.get(reverse("indikator:indikator_detail", args=[rekan.pk])).status_code == 404
    assert client.get(reverse("indikator:indikator_detail", args=[iku.pk])).status_code == 404
    assert client.get(reverse("indikator:indikator_edit", args=[sendiri.pk])).status_code == 403
    response = client.get(reverse("indikator:index"), {"tahun": 2026})
    assert list(response.context["milik_saya"]) == [sendiri]


def test_copy_last_year_from_the_screen(client_for, world):
    buat_indikator(opd=world.opd, kode="IKU-01", tahun=2025)
    buat_indikator(opd=world.opd, jenis="iki", pegawai=world.pegawai, kode="IKI-01", tahun=2025)
    client = client_for(world.users["tim_evaluasi"])
    url = reverse("indikator:indikator_copy", args=[world.opd.pk])
    response = client.get(url, {"tahun": "2026"})
    assert response.context["form"].initial == {"dari_tahun": 2025, "ke_tahun": 2026}
    response = client.post(url, {"dari_tahun": "2025", "ke_tahun": "2026"}, follow=True)
    assert response.redirect_chain == [(f"{reverse('indikator:indikator_list', args=[world.opd.pk])}?tahun=2026", 302)]
    assert (
        "Disalin dari 2025 ke 2026: 1 IKU dan 1 IKI. 0 dilewati karena kodenya sudah ada di 2026 atau pegawainya "
        "tidak aktif lagi di OPD ini." in response.content.decode()
    )
    assert Indikator.objects.filter(tahun=2026).count() == 2
    response = client.post(url, {"dari_tahun": "2026", "ke_tahun": "2026"})
    assert response.context["form"].errors == {"ke_tahun": ["Tahun tujuan harus berbeda dari tahun asal."]}


def test_list_filters_by_jenis_and_unit_and_shows_the_attributes(client_for, world):
    iku = buat_indikator(opd=world.opd, kode="IKU-01", nama="Cakupan KTP", satuan="%", target="1250.5", desimal=2)
    iki = buat_indikator(
        opd=world.opd, jenis="iki", pegawai=world.pegawai, kode="IKI-01", unit=world.unit, induk=iku, desimal=0
    )
    client = client_for(world.users["pimpinan_opd"])
    url = reverse("indikator:indikator_list", args=[world.opd.pk])
    response = client.get(url, {"tahun": "2026"})
    assert list(response.context["page_obj"]) == [iki, iku]
    body = response.content.decode()
    assert "1.250,50 %" in body
    assert "Maksimal" in body and "Kumulatif" in body
    assert "IKU IKU-01" in body
    # Read only: no buttons to change.
    assert reverse("indikator:indikator_create", args=[world.opd.pk, 2026]) not in body
    assert list(client.get(url, {"tahun": "2026", "jenis": "iki"}).context["page_obj"]) == [iki]
    assert list(client.get(url, {"tahun": "2026", "unit": world.unit.pk}).context["page_obj"]) == [iki]
    other_unit = UnitKerjaFactory(opd=world.opd)
    assert list(client.get(url, {"tahun": "2026", "unit": other_unit.pk}).context["page_obj"]) == []


@pytest.mark.parametrize(
    "params", [{"tahun": "abc"}, {"tahun": "99999"}, {"jenis": "xyz"}, {"unit": "x"}, {"page": "zzz"}, {"unit": "-1"}]
)
def test_list_with_bad_parameters_is_not_an_error(client_for, world, params):
    buat_indikator(opd=world.opd)
    response = client_for(world.users["tim_evaluasi"]).get(
        reverse("indikator:indikator_list", args=[world.opd.pk]), params
    )
    assert response.status_code == 200


def test_create_for_an_impossible_year_is_404(client_for, world):
    client = client_for(world.users["tim_evaluasi"])
    assert client.get(reverse("indikator:indikator_create", args=[world.opd.pk, 1999])).status_code == 404


def _isi(world, n: int) -> None:
    iku = buat_indikator(opd=world.opd, kode="IKU-00", tahun=2026)
    for i in range(1, n):
        buat_indikator(
            opd=world.opd,
            jenis="iki",
            pegawai=world.pegawai if i % 2 else world.pegawai_lain,
            unit=world.unit,
            induk=iku,
            kode=f"IKI-{i:02d}",
            tahun=2026,
        )


@pytest.mark.parametrize("n", [1, 20])
def test_list_page_query_count_does_not_grow_with_rows(client_for, world, django_assert_num_queries, n):
    _isi(world, n)
    client = client_for(world.users["tim_evaluasi"])
    url = reverse("indikator:indikator_list", args=[world.opd.pk])
    with django_assert_num_queries(10):
        response = client.get(url, {"tahun": "2026"})
    assert len(response.context["page_obj"]) == n


def test_indikator_update_refuses_a_stale_version_and_changes_nothing(world):
    indikator = buat_indikator(opd=world.opd, kode="IKU-01", nama="Lama")
    targets = {q: (Decimal("30"), None) for q in range(1, 5)}
    with pytest.raises(services.IndikatorKedaluwarsa) as exc:
        services.indikator_update(
            actor=world.users["tim_evaluasi"],
            indikator=indikator,
            versi=0,
            data={"nama": "Baru", "target_bawah": Decimal("120")},
            target_triwulan=targets,
        )
    assert exc.value.terbaru.versi == 1
    indikator.refresh_from_db()
    assert (indikator.nama, indikator.versi) == ("Lama", 1)
    assert _targets(indikator) == [(q, Decimal("25"), None) for q in range(1, 5)]
