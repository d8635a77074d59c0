"""Objection and calibration pages: the forms, errors next to their field, the links from "Kinerja saya" and the
worklist, and query counts that do not grow with rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penilaian import services_keberatan as layanan
from penilaian.models import Keberatan, Penilaian, PerubahanKalibrasi, SesiKalibrasi
from tests.factories import PegawaiFactory, user_with_role
from tests.penilaian.test_services import TAHUN, TW1, skor
from tests.penilaian.test_services_kalibrasi import draf
from tests.penilaian.test_services_keberatan import final


@pytest.mark.django_db
def test_asn_files_an_objection_from_kinerja_saya(client, world, jam):
    jam(2026, 4, 13, 10)
    penilaian = final(world)
    client.force_login(world.users["asn"])
    halaman = client.get(reverse("kinerja:saya"), {"tahun": TAHUN}).content.decode()
    url = reverse("penilaian:keberatan_ajukan", args=[penilaian.pk])
    assert f'href="{url}"' in halaman and "paling lambat 4 Mei 2026" in halaman
    bukti = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    response = client.post(url, {"alasan": "Capaian belum diverifikasi.", "bukti": bukti})
    k = Keberatan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("penilaian:keberatan_detail", args=[k.pk])
    # Filed: the button gives way to the objection's state.
    halaman = client.get(reverse("kinerja:saya"), {"tahun": TAHUN}).content.decode()
    assert f'href="{url}"' not in halaman and reverse("penilaian:keberatan_detail", args=[k.pk]) in halaman
    unduh = client.get(reverse("penilaian:keberatan_bukti", args=[k.pk]))
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == b"%PDF-1.4 bukti"


@pytest.mark.django_db
def test_no_objection_button_after_the_window(client, world, jam):
    jam(2026, 4, 13, 10)
    penilaian = final(world)
    jam(2026, 5, 5, 10)
    client.force_login(world.users["asn"])
    url = reverse("penilaian:keberatan_ajukan", args=[penilaian.pk])
    assert f'href="{url}"' not in client.get(reverse("kinerja:saya"), {"tahun": TAHUN}).content.decode()
    response = client.post(url, {"alasan": "Terlambat."})
    assert response.status_code == 422
    assert not Keberatan.objects.exists()


@pytest.mark.django_db
def test_objection_form_errors_are_shown_next_to_the_field(client, world):
    penilaian = final(world)
    client.force_login(world.users["asn"])
    url = reverse("penilaian:keberatan_ajukan", args=[penilaian.pk])
    response = client.post(url, {"alasan": ""})
    assert response.status_code == 422
    assert response.context["form"].errors["alasan"] == ["Tuliskan alasan keberatan."]
    palsu = SimpleUploadedFile("bukti.pdf", b"MZ bukan pdf", content_type="application/pdf")
    response = client.post(url, {"alasan": "x", "bukti": palsu})
    assert response.status_code == 422 and "bukti" in response.context["form"].errors
    assert not Keberatan.objects.exists()


@pytest.mark.django_db
def test_decision_page_grants_with_new_ratings(client, world):
    k = layanan.keberatan_ajukan(actor=world.users["asn"], penilaian=final(world), alasan="x")
    client.force_login(world.users["pimpinan_opd"])
    url = reverse("penilaian:keberatan_detail", args=[k.pk])
    assert client.get(url).context["form"] is not None
    putuskan = reverse("penilaian:keberatan_putuskan", args=[k.pk])
    response = client.post(putuskan, {"keputusan": "kabulkan", "alasan_keputusan": "Capaian sudah diverifikasi."})
    assert response.status_code == 422
    assert response.context["form"].errors["hasil_kerja"] == ["Pilih rating hasil kerja yang baru."]
    response = client.post(
        putuskan,
        {
            "keputusan": "kabulkan",
            "hasil_kerja": "di_atas",
            "perilaku": "di_atas",
            "alasan_keputusan": "Sudah diverifikasi.",
        },
    )
    assert response.status_code == 302
    assert Penilaian.objects.get().predikat == "sangat_baik"
    halaman = client.get(url)
    assert halaman.context["form"] is None
    assert "Sudah diverifikasi." in halaman.content.decode()
    # The evaluator reads it but has no form.
    client.force_login(world.users["tim_evaluasi"])
    assert client.get(url).context["form"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 6])
def test_objection_list_query_count_does_not_grow(client, world, django_assert_num_queries, n):
    tim = world.users["tim_evaluasi"]
    for i in range(n):
        pegawai = PegawaiFactory(opd=world.opd)
        user = user_with_role("asn", pegawai=pegawai, username=f"asn{i}")
        layanan.keberatan_ajukan(actor=user, penilaian=final(world, pegawai, actor=tim), alasan="x")
    client.force_login(world.users["pimpinan_opd"])
    # Per request (5): the objections to decide, the user's own (none without a Pegawai) and the latest readable.
    with django_assert_num_queries(7):
        response = client.get(reverse("penilaian:keberatan_daftar"))
    assert len(response.context["menunggu"]) == n and len(response.context["terbaca"]) == n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 8])
def test_calibration_screen_query_count_does_not_grow(client, world, django_assert_num_queries, n):
    for _ in range(n):
        draf(world, PegawaiFactory(opd=world.opd))
    sesi = layanan.sesi_kalibrasi_buka(actor=world.users["tim_evaluasi"], opd=world.opd, tahun=TAHUN, periode=TW1)
    client.force_login(world.users["tim_evaluasi"])
    # Per request (5), the session (1), the staff, their evaluations, the OPD score, organisation predikat and the
    # instansi's rules (5), the changes recorded (1).
    with django_assert_num_queries(12):
        response = client.get(reverse("penilaian:kalibrasi_sesi", args=[sesi.pk]))
    assert len(response.context["formset"].forms) == n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_calibration_list_query_count_does_not_grow(client, world, django_assert_num_queries, n):
    for q in range(1, n + 1):
        SesiKalibrasi.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, jenis="triwulan", triwulan=q)
    client.force_login(world.users["admin_instansi"])
    # Per request (5), the sessions (1), whether the user may open one and the OPDs of the form's choice (2).
    with django_assert_num_queries(8):
        response = client.get(reverse("penilaian:kalibrasi_daftar"))
    assert len(response.context["sesi"]) == n


def _post_baris(response, ubah: dict):
    """The calibration formset as the page rendered it, with rows changed by penilaian id."""
    formset = response.context["formset"]
    data = {"form-TOTAL_FORMS": str(len(formset.forms)), "form-INITIAL_FORMS": str(len(formset.forms))}
    for i, f in enumerate(formset.forms):
        pid = f.initial["penilaian"]
        baris = {
            "penilaian": pid,
            "hasil_kerja": f.initial["hasil_kerja"],
            "perilaku": f.initial["perilaku"],
            "alasan": "",
        }
        baris.update(ubah.get(pid, {}))
        data.update({f"form-{i}-{k}": v for k, v in baris.items()})
    return data


@pytest.mark.django_db
def test_calibration_screen_saves_changed_rows_and_closes(client, world):
    a, b = draf(world, world.pegawai), draf(world, world.pegawai_lain)
    client.force_login(world.users["tim_evaluasi"])
    response = client.post(reverse("penilaian:kalibrasi_buka"), {"opd": world.opd.pk, "tahun": TAHUN, "periode": "tw1"})
    sesi = SesiKalibrasi.objects.get()
    url = reverse("penilaian:kalibrasi_sesi", args=[sesi.pk])
    assert response["Location"] == url
    halaman = client.get(url)
    # A change without a reason: the error sits on the row's reason, nothing is written.
    response = client.post(url, _post_baris(halaman, {b.pk: {"hasil_kerja": "di_atas"}}))
    assert response.status_code == 422
    [baris] = [f for f in response.context["formset"].forms if f.initial["penilaian"] == b.pk]
    assert baris.errors["alasan"] == ["Tuliskan alasan perubahan."]
    assert "Tuliskan alasan perubahan." in response.content.decode()
    assert not PerubahanKalibrasi.objects.exists()
    response = client.post(url, _post_baris(halaman, {b.pk: {"hasil_kerja": "di_atas", "alasan": "Melampaui target."}}))
    assert response.status_code == 302
    [c] = PerubahanKalibrasi.objects.all()
    assert (c.penilaian_id, c.predikat_sebelum, c.predikat_sesudah) == (b.pk, "baik", "baik")
    assert Penilaian.objects.get(pk=b.pk).hasil_kerja == "di_atas"
    assert Penilaian.objects.get(pk=a.pk).versi == a.versi
    assert client.post(reverse("penilaian:kalibrasi_tutup", args=[sesi.pk]), {"catatan": ""}).status_code == 302
    halaman = client.get(url)
    assert halaman.context["formset"] is None and "Melampaui target." in halaman.content.decode()
    response = client.post(url, {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    assert PerubahanKalibrasi.objects.count() == 1


@pytest.mark.django_db
def test_calibration_form_refuses_an_opd_out_of_scope(client, world):
    client.force_login(world.users["tim_evaluasi"])
    response = client.post(
        reverse("penilaian:kalibrasi_buka"), {"opd": world.opd_lain.pk, "tahun": TAHUN, "periode": "tw1"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["opd"] == ["Pilih OPD yang dapat Anda kalibrasi."]
    response = client.post(
        reverse("penilaian:kalibrasi_buka"), {"opd": world.opd.pk, "tahun": "dua ribu", "periode": "tw9"}
    )
    assert response.status_code == 422 and set(response.context["form"].errors) == {"tahun", "periode"}
    assert not SesiKalibrasi.objects.exists()


@pytest.mark.django_db
def test_worklist_links_objections_and_calibration(client, world):
    k = layanan.keberatan_ajukan(
        actor=world.users["asn"],
        penilaian=final(world, hasil_kerja="di_atas", perilaku="di_atas", perilaku_skor=skor(3)),
        alasan="x",
    )
    client.force_login(world.users["pimpinan_opd"])
    halaman = client.get(reverse("penilaian:daftar"), {"tahun": TAHUN, "periode": "tw1"})
    assert [x.pk for x in halaman.context["keberatan_menunggu"]] == [k.pk]
    teks = halaman.content.decode()
    assert reverse("penilaian:keberatan_daftar") in teks and reverse("penilaian:kalibrasi_daftar") in teks
    client.force_login(world.users["asn"])
    teks = client.get(reverse("penilaian:daftar")).content.decode()
    assert reverse("penilaian:kalibrasi_daftar") not in teks
