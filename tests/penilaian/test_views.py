"""Evaluation pages: scope (404 across ASNs and OPDs, 403 on change), the evaluator's form, the worklist and the OPD
summary with their query counts, and every page without inline code. Feedback on "Kinerja saya", the certificate and
its public check, training and work plans are in the test_views_*.py beside this one."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.models import SkorOpd
from evaluasi.recalc import recalculate
from opd.models import Peran
from penilaian import services
from penilaian.models import Penilaian, PredikatOpd, RencanaKerja
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.factories import PegawaiFactory, user_with_role
from tests.penilaian.test_services import TAHUN, TW1, iki_dengan_capaian, simpan, skor

D = Decimal


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def nilai_url(pegawai, periode="tw1"):
    return reverse("penilaian:nilai", args=[pegawai.pk, TAHUN, periode])


def _post_form(**overrides):
    data = {
        "versi": 0,
        "aksi": "finalkan",
        "hasil_kerja": "sesuai",
        "alasan_hasil_kerja": "",
        "perilaku": "sesuai",
        "alasan_perilaku": "",
        "umpan_balik": "Pertahankan ketelitian; percepat antrean.",
        **{nama: "2" for nama in skor(2)},
    }
    data.update(overrides)
    return data


def _assert_no_inline(html: str) -> None:
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert "<style" not in html


# -- scope ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_asn_cannot_see_another_asn_s_evaluation(client, world):
    simpan(world, world.pegawai_lain, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    client.force_login(world.users["asn"])
    assert client.get(nilai_url(world.pegawai_lain)).status_code == 404
    final = Penilaian.objects.get()
    for name in ("penilaian:riwayat", "penilaian:buka_ulang"):
        assert client.get(reverse(name, args=[final.pk])).status_code == 404
    assert client.post(reverse("penilaian:akui", args=[final.pk])).status_code == 404
    assert client.get(reverse("penilaian:rencana", args=[world.pegawai_lain.pk, TAHUN, 1])).status_code == 404


@pytest.mark.django_db
def test_the_asn_reads_their_own_evaluation_only_once_final(client, world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Rahasia penilai", umpan_balik="Catatan draf")
    client.force_login(world.users["asn"])
    response = client.get(nilai_url(world.pegawai))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rahasia penilai" not in html and "Catatan draf" not in html
    assert "belum tersedia" in html
    assert response.context["form"] is None
    simpan(
        world, hasil_kerja="sesuai", alasan_hasil_kerja="Rahasia penilai", umpan_balik="Catatan final", finalkan=True
    )
    html = client.get(nilai_url(world.pegawai)).content.decode()
    assert "Catatan final" in html
    assert "Saya sudah membaca penilaian dan umpan balik ini" in html


@pytest.mark.django_db
def test_the_asn_cannot_change_their_own_ratings_through_the_page(client, world):
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    client.force_login(world.users["asn"])
    response = client.post(nilai_url(world.pegawai, "tw2"), _post_form(hasil_kerja="di_atas", alasan_hasil_kerja="a"))
    assert response.status_code == 403
    response = client.post(nilai_url(world.pegawai), _post_form(versi=final.versi, hasil_kerja="di_atas"))
    assert response.status_code == 403
    assert list(Penilaian.objects.values_list("triwulan", "hasil_kerja")) == [(1, "sesuai")]


@pytest.mark.django_db
def test_an_evaluator_cannot_evaluate_someone_outside_their_scope(client, world):
    di_opd_lain = PegawaiFactory(opd=world.opd_lain)
    client.force_login(world.users["tim_evaluasi"])
    for pegawai in (di_opd_lain, world.pegawai_instansi_lain):
        assert client.get(nilai_url(pegawai)).status_code == 404
        assert client.post(nilai_url(pegawai), _post_form(alasan_hasil_kerja="x")).status_code == 404
    # A reader who may not evaluate (the Pimpinan, the Admin Instansi): the page, but no form and a 403 on change.
    for peran in ("pimpinan_opd", "admin_instansi"):
        client.force_login(world.users[peran])
        response = client.get(nilai_url(world.pegawai))
        assert response.status_code == 200 and response.context["form"] is None
        assert client.post(nilai_url(world.pegawai), _post_form(alasan_hasil_kerja="x")).status_code == 403
    assert not Penilaian.objects.exists()


# -- the evaluator's form ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_evaluator_sees_the_figures_and_finalises_through_the_form(client, world):
    inds = iki_dengan_capaian(world, world.pegawai, ("IKI-1", 12, 2, True), ("IKI-2", 8, 1, True))
    client.force_login(world.users["tim_evaluasi"])
    response = client.get(nilai_url(world.pegawai))
    text = _text(response.content.decode())
    assert "IKI-1 Indikator IKI-1 utama 2,00 120,00% Di Atas Ekspektasi" in text
    assert "IKI-2 Indikator IKI-2 utama 1,00 80,00% Di Bawah Ekspektasi" in text
    # Two thirds of the weight above, but a main indicator below: Sesuai.
    assert "Bobot di atas / di bawah / dihitung 2,00 / 1,00 / 3,00 · ada indikator utama di bawah ekspektasi" in text
    assert "Saran rating hasil kerja Sesuai Ekspektasi" in text
    assert response.context["form"].initial["hasil_kerja"] == "sesuai"
    _assert_no_inline(response.content.decode())

    # An override without its justification: refused, with the message beside the field; nothing saved.
    response = client.post(nilai_url(world.pegawai), _post_form(hasil_kerja="di_atas"))
    assert response.status_code == 422
    assert "Rating hasil kerja berbeda dari saran sistem: tuliskan alasannya." in response.content.decode()
    assert not Penilaian.objects.exists()

    response = client.post(
        nilai_url(world.pegawai),
        _post_form(
            hasil_kerja="di_atas",
            alasan_hasil_kerja="IKI-2 tertahan gangguan server pusat.",
            **{f"ub_{inds['IKI-2'].pk}": "Siapkan cadangan entri."},
            **dict.fromkeys(skor(3), "3"),
            perilaku="di_atas",
        ),
    )
    assert response.status_code == 302 and response["Location"] == nilai_url(world.pegawai)
    final = Penilaian.objects.get()
    assert (final.status, final.predikat, final.hasil_kerja_saran) == ("final", "sangat_baik", "sesuai")
    assert final.umpan_balik_indikator.get().isi == "Siapkan cadangan entri."
    response = client.get(nilai_url(world.pegawai))
    assert response.context["form"] is None
    assert "Difinalkan oleh" in response.content.decode()


@pytest.mark.django_db
def test_a_stale_form_is_refused_with_409(client, world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    client.force_login(world.users["tim_evaluasi"])
    response = client.post(nilai_url(world.pegawai), _post_form(versi=0, aksi="simpan", alasan_hasil_kerja="y"))
    assert response.status_code == 409
    assert Penilaian.objects.get().alasan_hasil_kerja == "x"


@pytest.mark.django_db
def test_reopening_through_the_page_records_the_reason(client, world):
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    client.force_login(world.users["admin_instansi"])
    assert client.post(reverse("penilaian:buka_ulang", args=[final.pk]), {"alasan": ""}).status_code == 422
    response = client.post(reverse("penilaian:buka_ulang", args=[final.pk]), {"alasan": "Nilai loyal tertukar."})
    assert response.status_code == 302
    final.refresh_from_db()
    assert final.status == "draf"
    html = client.get(reverse("penilaian:riwayat", args=[final.pk])).content.decode()
    assert "Nilai loyal tertukar." in html and "Final" in html and "Draf" in html


# -- worklist ------------------------------------------------------------------------------------------------------


def _staf(world, n: int):
    """n staff of the OPD with an IKI verified in TW I; one evaluation of each status and a plan each."""
    pegawai = [PegawaiFactory(opd=world.opd) for _k in range(n)]
    for k, p in enumerate(pegawai):
        verified(make_indikator(world.opd, f"IKI-{k}", pegawai=p), 1, 12 if k % 2 else 8)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    for k, p in enumerate(pegawai):
        if k % 3 == 0:
            continue  # not started
        hasil = "di_bawah" if k % 2 == 0 else "di_atas"
        simpan(world, p, hasil_kerja=hasil, finalkan=k % 3 == 2)
        RencanaKerja.objects.create(pegawai=p, instansi=world.instansi, tahun=TAHUN, triwulan=1)
    return pegawai


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 12])
def test_worklist_query_count_does_not_grow_with_staff(client, world, django_assert_num_queries, n):
    _staf(world, n)
    client.force_login(world.users["tim_evaluasi"])
    # Per request: session, user, roles, own Pegawai, instansi time zone (5). The page: the staff evaluated, their
    # achievements, scores, evaluations and work plans (5), the OPDs whose summary may be opened (1).
    with django_assert_num_queries(11):
        response = client.get(reverse("penilaian:daftar"), {"tahun": TAHUN, "periode": "tw1"})
    assert response.status_code == 200
    rows = response.context["rows"]
    # The OPD's staff (world's two and n more) and never the OPD of another team.
    assert len(rows) == n + 3
    assert {r.pegawai.opd_id for r in rows} == {world.opd.pk}


@pytest.mark.django_db
def test_worklist_shows_status_and_figures(client, world):
    pegawai = _staf(world, 3)
    client.force_login(world.users["tim_evaluasi"])
    response = client.get(reverse("penilaian:daftar"), {"tahun": TAHUN, "periode": "tw1"})
    baris = {r.pegawai.pk: r for r in response.context["rows"]}
    assert [baris[p.pk].status for p in pegawai] == ["belum_dimulai", "draf", "final"]
    assert [baris[p.pk].saran for p in pegawai] == ["di_bawah", "di_atas", "di_bawah"]
    assert baris[pegawai[1].pk].skor.skor == D("120.0000")
    assert baris[pegawai[2].pk].penilaian.predikat == "butuh_perbaikan"
    text = _text(response.content.decode())
    assert f"{pegawai[2].nama_lengkap} NIP {pegawai[2].nip}" in text
    assert "80,00% Baik 1 dari 1 indikator Di Bawah Ekspektasi" in text
    _assert_no_inline(response.content.decode())
    # The superior linked to a user sees only their direct reports, whatever their roles.
    atasan_user = user_with_role(Peran.ASN, pegawai=world.pegawai.atasan, username="kasi")
    client.force_login(atasan_user)
    rows = client.get(reverse("penilaian:daftar"), {"tahun": TAHUN, "periode": "tw1"}).context["rows"]
    assert {r.pegawai.pk for r in rows} == {world.pegawai.pk, world.pegawai_lain.pk}


# -- OPD summary ---------------------------------------------------------------------------------------------------


def _tahunan(world, pegawai, hasil, perilaku_nilai):
    perilaku = {1: "di_bawah", 2: "sesuai", 3: "di_atas"}[perilaku_nilai]
    return simpan(
        world,
        pegawai,
        periode=services.PeriodePenilaian(Penilaian.Jenis.TAHUNAN, 4),
        hasil_kerja=hasil,
        alasan_hasil_kerja="Dasar: laporan tahunan.",
        perilaku_skor=skor(perilaku_nilai),
        perilaku=perilaku,
        finalkan=True,
    )


@pytest.mark.django_db
def test_opd_summary_shows_actual_percentages_and_warnings(client, world):
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=D("95"))
    staf = [world.pegawai, world.pegawai_lain] + [PegawaiFactory(opd=world.opd) for _k in range(2)]
    for p in staf[:3]:
        _tahunan(world, p, "sesuai", 2)  # Baik × 3
    _tahunan(world, staf[3], "di_atas", 3)  # Sangat Baik
    client.force_login(world.users["admin_instansi"])
    url = reverse("penilaian:opd", args=[world.opd.pk, TAHUN])
    response = client.get(url)
    text = _text(response.content.decode())
    # Not set yet: checked against the suggestion from the score (95 → Baik).
    assert "Saran sistem Baik" in text
    assert "Baik 3 75,00%" in text and "Sangat Baik 1 25,00%" in text
    assert "Dari 4 penilaian final" in text
    assert "Peringatan: Baik: paling banyak 70% — sekarang 3 dari 4 (75,00%)" in text
    assert "Peringatan: Butuh Perbaikan atau Kurang/Misconduct: minimal satu orang — sekarang 0 dari 4 (0,00%)" in text
    _assert_no_inline(response.content.decode())

    # The Admin Instansi sets Istimewa: Sangat Baik 25 % ≤ 70 %, no warning left.
    assert (
        client.post(reverse("penilaian:predikat_opd", args=[world.opd.pk, TAHUN]), {"predikat": "istimewa"}).status_code
        == 302
    )
    assert PredikatOpd.objects.get().predikat_saran == "baik"
    response = client.get(url)
    assert response.context["data"].peringatan == []
    assert "Sangat Baik: paling banyak 70% — sekarang 1 dari 4 (25,00%)" in _text(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_opd_summary_query_count_does_not_grow_with_staff(client, world, django_assert_num_queries, n):
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=D("95"))
    for _k in range(n):
        _tahunan(world, PegawaiFactory(opd=world.opd), "sesuai", 2)
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, predikat="baik")
    client.force_login(world.users["pimpinan_opd"])
    # Per request (5); the page: the OPD in scope, staff, their evaluations, the OPD score, the organisation predikat
    # and the instansi's thresholds (6).
    with django_assert_num_queries(11):
        response = client.get(reverse("penilaian:opd", args=[world.opd.pk, TAHUN]))
    assert response.status_code == 200
    assert response.context["data"].jumlah_final == n


@pytest.mark.django_db
def test_pages_render_for_every_reader_without_inline_code(client, world, sertifikat):
    pages = [
        reverse("penilaian:daftar"),
        nilai_url(world.pegawai, "tw2"),
        reverse("penilaian:tindak_lanjut"),
        reverse("penilaian:pelatihan_list"),
        reverse("penilaian:verifikasi"),
        reverse("penilaian:verifikasi_kode", args=[sertifikat.kode_tampil]),
        reverse("penilaian:riwayat", args=[sertifikat.penilaian.pk]),
        reverse("kinerja:saya"),
    ]
    client.force_login(world.users["asn"])
    for url in pages:
        response = client.get(url, {"tahun": TAHUN})
        assert response.status_code == 200, url
        _assert_no_inline(response.content.decode())
    assert TW1.kode == "tw1"
