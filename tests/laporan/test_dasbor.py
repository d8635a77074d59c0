"""Dashboards: the numbers they show, their red flags, charts with text equivalents and nothing inline, and a query
count that does not grow with the number of OPDs, instansi or indicators."""

import datetime
import re

import pytest
from django.urls import reverse

from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate
from indikator.models import Periode
from indikator.services import hari_ini_instansi
from opd.models import Peran, PeranPengguna
from tests.factories import InstansiFactory, OpdFactory, PegawaiFactory

from .conftest import TAHUN, D, buat_iku, isi


def get(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, {"tahun": TAHUN, **params})
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def assert_csp_clean(html: str) -> None:
    """No inline script or style: every <script> has a src, no style attribute or element."""
    assert "style=" not in html
    assert "<style" not in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert not re.search(r"<[^>]+\son[a-z]+=", html)  # no event-handler attributes


def final(pegawai, *, triwulan=None, predikat="baik"):
    """A final evaluation (periodic, or annual when triwulan is None) of 2026."""
    from penilaian.models import Penilaian

    return Penilaian.objects.create(
        pegawai=pegawai,
        instansi=pegawai.opd.instansi,
        tahun=TAHUN,
        jenis="tahunan" if triwulan is None else "triwulan",
        triwulan=triwulan or 4,
        status=Penilaian.Status.FINAL,
        predikat=predikat,
    )


def tenggat_tw2(instansi, hari: int) -> Periode:
    today = hari_ini_instansi(instansi)
    return Periode.objects.create(
        instansi=instansi,
        tahun=TAHUN,
        triwulan=2,
        dibuka=today - datetime.timedelta(days=20),
        ditutup=today + datetime.timedelta(days=hari),
    )


# -- OPD -------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opd_dashboard_shows_heat_map_scores_completeness_and_red_flags(client, world, data_laporan):
    tenggat_tw2(world.instansi, 3)
    html = get(client, world.users["tim_evaluasi"], reverse("dasbor:opd", args=[world.opd.pk]))
    teks = text(html)

    assert_csp_clean(html)
    # The heat map says in words what its colours show.
    assert (
        'aria-label="Capaian s.d. triwulan setiap IKU. IKU-01 Persentase KTP-el tercetak: TW I 80,00%, TW II 100,00%, '
        "TW III 100,00%, TW IV 100,00%; IKU-02 Waktu layanan KTP: TW I 120,00%"
    ) in html
    assert "<title>IKU-03 Dokumen kependudukan terbit, TW II: 90,00% (Baik)</title>" in html
    # Score per triwulan, chart and table.
    assert "TW II 96,67% Sangat Baik 3 dari 4" in teks
    # Completeness TW II: 4 indicators, 4 entered, 1 submitted, 3 verified, 0 empty.
    assert "TW II 4 4 1 3 0" in teks
    # Red flags: the deadline and the indicator under target, in words and with an icon.
    assert "Tenggat dekat: pengisian TW II ditutup dalam 3 hari" in teks
    assert "0 dari 4 indikator belum diisi; 1 menunggu verifikasi." in teks
    assert "Di bawah target: 1 indikator memiliki capaian s.d. triwulan terakhir di bawah 100%." in teks
    assert "Server &lt;i&gt;SIAK&lt;/i&gt; sering &quot;down&quot; &amp; &lt;script&gt;" in html  # escaped
    # One-click report requests for the TW of the latest score.
    assert '<input type="hidden" name="jenis" value="capaian_triwulan_opd">' in html
    assert '<input type="hidden" name="triwulan" value="4">' in html


@pytest.mark.django_db
def test_no_deadline_flag_when_the_window_closes_later_or_is_closed(client, world, data_laporan):
    periode = tenggat_tw2(world.instansi, 8)
    url = reverse("dasbor:opd", args=[world.opd.pk])
    assert "Tenggat dekat" not in get(client, world.users["tim_evaluasi"], url)
    periode.ditutup = hari_ini_instansi(world.instansi)
    periode.save()
    assert "pengisian TW II ditutup hari ini" in text(get(client, world.users["tim_evaluasi"], url))
    periode.dibuka = periode.ditutup = hari_ini_instansi(world.instansi) - datetime.timedelta(days=1)
    periode.save()
    assert "Tenggat dekat" not in get(client, world.users["tim_evaluasi"], url)


def _iku_banyak(opd, n, prefix="IKU"):
    for k in range(n):
        ind = buat_iku(opd, f"{prefix}-{k:02d}", f"Indikator {k}")
        isi(ind, 1, 20 + k)
        isi(ind, 2, 10, kendala="kendala")


@pytest.mark.django_db
def test_opd_dashboard_query_count_does_not_grow_with_indicators(client, world, django_assert_num_queries):
    tenggat_tw2(world.instansi, 2)
    url = reverse("dasbor:opd", args=[world.opd.pk])
    _iku_banyak(world.opd, 1)
    recalculate(instansi_id=world.instansi.pk)
    final(PegawaiFactory(opd=world.opd), triwulan=1)
    client.force_login(world.users["pimpinan_opd"])
    Realisasi.objects.update(pagu=D(1000), serapan=D(900))
    # Per request (5); the OPD, its stored summaries, scores, the IKU (count, page, achievements), the deadlines,
    # the final evaluations (count, page), the list under target (a page; its length is stored), the budget
    # efficiency per triwulan (11).
    with django_assert_num_queries(16):
        assert client.get(url, {"tahun": TAHUN}).status_code == 200
    _iku_banyak(world.opd, 25, prefix="LAIN")
    Realisasi.objects.update(pagu=D(1000), serapan=D(900))
    recalculate(instansi_id=world.instansi.pk)
    for k in range(5):  # final evaluations of several staff, each listed with its document buttons
        final(PegawaiFactory(opd=world.opd), triwulan=1 + k % 4)
    with django_assert_num_queries(16):
        response = client.get(url, {"tahun": TAHUN})
    assert response.content.decode().count("<title>LAIN-") >= 25
    assert response.content.decode().count('value="evaluasi_pegawai"') == 6


# -- instansi --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_instansi_dashboard_ranks_opd_with_heat_map_and_flags(client, world, data_laporan):
    tenggat_tw2(world.instansi, 1)
    html = get(client, world.users["admin_instansi"], reverse("dasbor:instansi", args=[world.instansi.pk]))
    teks = text(html)
    assert_csp_clean(html)
    # Latest triwulan with a score is TW IV (to-date scores carry over); ranking and completeness at it.
    assert "Dasbor Pemerintah Kota Uji 2026 · TW IV" in teks
    assert "1 Dinas Kependudukan dan Pencatatan Sipil 96,67% Sangat Baik" in teks
    assert "2 Dinas Kesehatan 50,00% Sangat Kurang" in teks
    assert (
        'aria-label="Skor OPD per triwulan. Dinas Kependudukan dan Pencatatan Sipil: TW I 100,00%, TW II 96,67%, '
        "TW III 96,67%, TW IV 96,67%; Dinas Kesehatan: TW I 50,00%, TW II 50,00%"
    ) in html
    assert "Tenggat dekat: pengisian TW II ditutup besok" in teks
    assert "0 dari 5 indikator belum diisi; 1 menunggu verifikasi." in teks
    assert "Di bawah target: Dinas Kependudukan dan Pencatatan Sipil (1 IKU), Dinas Kesehatan (1 IKU)" in teks

    tw2 = text(
        get(client, world.users["admin_instansi"], reverse("dasbor:instansi", args=[world.instansi.pk]), triwulan=2)
    )
    assert "Skor instansi TW II 73,33% Cukup" in tw2
    assert "Kelengkapan pengisian 100,00% 5 dari 5 indikator terisi" in tw2


@pytest.mark.django_db
def test_instansi_dashboard_query_count_does_not_grow_with_opds(client, world, django_assert_num_queries):
    tenggat_tw2(world.instansi, 2)
    url = reverse("dasbor:instansi", args=[world.instansi.pk])
    _iku_banyak(world.opd, 2)
    recalculate(instansi_id=world.instansi.pk)
    client.force_login(world.users["admin_bkn"])
    with django_assert_num_queries(11):
        assert client.get(url, {"tahun": TAHUN}).status_code == 200
    for k in range(20):
        _iku_banyak(OpdFactory(instansi=world.instansi, nama=f"Kecamatan {k}"), 2)
    recalculate(instansi_id=world.instansi.pk)
    with django_assert_num_queries(11):
        response = client.get(url, {"tahun": TAHUN})
    assert response.content.decode().count("Kecamatan 1") >= 11


# -- BKN -------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bkn_dashboard_puts_its_instansi_side_by_side(client, world, data_laporan):
    surabaya = InstansiFactory(kode="kota-surabaya", nama="Pemerintah Kota Surabaya", zona_waktu="Asia/Jakarta")
    PeranPengguna.objects.create(user=world.users["admin_bkn"], peran=Peran.ADMIN_BKN, instansi=surabaya)
    rsud = OpdFactory(instansi=surabaya, nama="RSUD dr. Soewandhie")
    ind = buat_iku(rsud, "IKU-01", "Waktu tunggu rawat jalan", pol="minimize", agg="average", tw=60, target=60)
    isi(ind, 2, 45)  # (120 - 45) / 60 = 125 % raw, capped 120
    recalculate(instansi_id=surabaya.pk)
    html = get(client, world.users["admin_bkn"], reverse("dasbor:bkn"), triwulan=2)
    teks = text(html)
    assert_csp_clean(html)
    assert "Pemerintah Kota Surabaya – – – –" not in teks
    assert (
        "Pemerintah Kota Surabaya – 120,00% Sangat Baik 120,00% Sangat Baik 120,00% Sangat Baik 1 100,00% (1/1) 0"
        in teks
    )
    # TW I = mean(100, 50) = 75 (Cukup); from TW II on mean(96,67, 50) = 73,33.
    assert "Pemerintah Kota Uji 75,00% Cukup 73,33% Cukup 73,33% Cukup 73,33% Cukup 2 100,00% (5/5) 2" in teks
    assert "Pemerintah Kota Lain" not in teks  # not overseen by this BKN office
    assert '<input type="hidden" name="jenis" value="rekap_instansi">' in html


@pytest.mark.django_db
def test_bkn_dashboard_query_count_does_not_grow_with_instansi(client, world, django_assert_num_queries):
    bkn = world.users["admin_bkn"]
    _iku_banyak(world.opd, 1)
    recalculate(instansi_id=world.instansi.pk)
    tenggat_tw2(world.instansi, 2)
    client.force_login(bkn)
    url = reverse("dasbor:bkn")
    with django_assert_num_queries(10):
        assert client.get(url, {"tahun": TAHUN}).status_code == 200
    for k in range(8):
        inst = InstansiFactory(kode=f"kab-{k}", nama=f"Pemerintah Kabupaten {k}")
        PeranPengguna.objects.create(user=bkn, peran=Peran.ADMIN_BKN, instansi=inst)
        _iku_banyak(OpdFactory(instansi=inst), 2)
        recalculate(instansi_id=inst.pk)
        tenggat_tw2(inst, 3)
    client.force_login(bkn)  # a fresh request: roles are read once per request
    with django_assert_num_queries(10):
        response = client.get(url, {"tahun": TAHUN})
    assert text(response.content.decode()).count("Tenggat dekat") == 9


# -- ASN -------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_asn_dashboard_shows_own_trend_and_flags(client, world):
    from tests.evaluasi.test_recalc import make_indikator, verified

    ind = make_indikator(world.opd, "IKI-1", targets=[(10, None)] * 4, pegawai=world.pegawai)
    verified(ind, 1, 12)
    verified(ind, 2, 6)  # to date 18/20 = 90 %
    make_indikator(world.opd, "IKI-X", pegawai=world.pegawai_lain)
    recalculate(instansi_id=world.instansi.pk)
    tenggat_tw2(world.instansi, 5)
    html = get(client, world.users["asn"], reverse("dasbor:saya"))
    teks = text(html)
    assert_csp_clean(html)
    assert "IKI-X" not in html
    assert "Di bawah target: IKI-1 Indikator IKI-1: capaian s.d. TW II 90,00%." in teks
    assert "Tenggat dekat: pengisian TW II ditutup dalam 5 hari" in teks
    assert "0 dari 1 indikator belum diisi" in teks
    assert (
        'aria-label="Skor kinerja saya per triwulan. TW I: 120,00%; TW II: 90,00%; TW III: 90,00%; TW IV: 90,00%"'
        in html
    )


@pytest.mark.django_db
def test_asn_dashboard_query_count_does_not_grow_with_indicators(client, world, django_assert_num_queries):
    from tests.evaluasi.test_recalc import make_indikator, verified

    def buat(n, prefix):
        for k in range(n):
            ind = make_indikator(world.opd, f"{prefix}-{k}", pegawai=world.pegawai)
            verified(ind, 1, 8)

    tenggat_tw2(world.instansi, 2)
    buat(1, "A")
    recalculate(instansi_id=world.instansi.pk)
    client.force_login(world.users["asn"])
    url = reverse("dasbor:saya")
    with django_assert_num_queries(14):
        assert client.get(url, {"tahun": TAHUN}).status_code == 200
    buat(15, "B")
    recalculate(instansi_id=world.instansi.pk)
    for q in (1, 2, 3):
        final(world.pegawai, triwulan=q)
    with django_assert_num_queries(14):
        response = client.get(url, {"tahun": TAHUN})
    assert response.content.decode().count("<title>B-") >= 15


@pytest.mark.django_db
def test_dashboard_index_lists_what_each_role_may_open(client, world):
    bkn = text(get(client, world.users["admin_bkn"], reverse("dasbor:index")))
    assert "Dasbor BKN" in bkn and "Pemerintah Kota Uji" in bkn and "Dasbor saya" not in bkn
    pimpinan = get(client, world.users["pimpinan_opd"], reverse("dasbor:index"))
    assert reverse("dasbor:opd", args=[world.opd.pk]) in pimpinan
    assert reverse("dasbor:opd", args=[world.opd_lain.pk]) not in pimpinan
    asn = get(client, world.users["asn"], reverse("dasbor:index"))
    assert reverse("dasbor:saya") in asn and "Dasbor BKN" not in asn
    lain = get(client, world.users["admin_lain"], reverse("dasbor:index"))
    assert "Pemerintah Kota Uji" not in lain and reverse("dasbor:instansi", args=[world.instansi_lain.pk]) in lain


@pytest.mark.django_db
def test_instansi_dashboard_shows_the_staff_predikat_distribution(client, world, penilaian_laporan):
    html = get(client, world.users["admin_bkn"], reverse("dasbor:instansi", args=[world.instansi.pk]), triwulan=2)
    teks = text(html)
    assert "Predikat dari 3 penilaian periodik TW II yang sudah final" in teks
    assert "Sangat Baik 2 Baik 1 Butuh Perbaikan 0 Kurang/Misconduct 0 Sangat Kurang 0" in teks
    assert "Sangat Baik: 2; Baik: 1; Butuh Perbaikan: 0" in html  # the chart's text equivalent
    assert ">2 orang (66,67%)</text>" in html


# -- pagination ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opd_dashboard_pages_its_iku_its_list_under_target_and_its_documents(client, world):
    for k in range(52):
        isi(buat_iku(world.opd, f"IKU-{k:02d}", f"Indikator {k}"), 1, 5)  # 5 of 25: under target
    recalculate(instansi_id=world.instansi.pk)
    for _k in range(51):
        final(PegawaiFactory(opd=world.opd), triwulan=1)
    url = reverse("dasbor:opd", args=[world.opd.pk])
    html = get(client, world.users["pimpinan_opd"], url)
    teks = text(html)
    assert set(re.findall(r"<title>(IKU-\d+)", html)) == {f"IKU-{k:02d}" for k in range(50)}  # the page's IKU
    assert "Capaian IKU per triwulan IKU 1–50 dari 52" in teks
    assert "Di bawah target: 52 indikator memiliki capaian s.d. triwulan terakhir di bawah 100%." in teks
    assert html.count('value="evaluasi_pegawai"') == 50
    assert 'href="?tahun=2026&amp;page=2#judul-capaian"' in html
    assert 'href="?tahun=2026&amp;page_bawah=2#judul-bawah-target"' in html
    assert 'href="?tahun=2026&amp;page_dokumen=2#judul-dokumen-evaluasi"' in html

    html = get(client, world.users["pimpinan_opd"], url, page=2, page_bawah=2, page_dokumen=2)
    assert set(re.findall(r"<title>(IKU-\d+)", html)) == {"IKU-50", "IKU-51"}
    assert html.count('value="evaluasi_pegawai"') == 1
    assert "Baris 51–52 dari 52" in text(html)


@pytest.mark.django_db
def test_instansi_dashboard_ranks_every_opd_and_shows_fifty_a_page(client, world):
    for k in range(52):
        ind = buat_iku(OpdFactory(instansi=world.instansi, nama=f"Kelurahan {k:02d}"), "IKU-01", "Cakupan", tw=100)
        isi(ind, 1, k)  # k %: the higher k, the better the rank
    recalculate(instansi_id=world.instansi.pk)
    url = reverse("dasbor:instansi", args=[world.instansi.pk])
    client.force_login(world.users["admin_instansi"])
    first = client.get(url, {"tahun": TAHUN, "triwulan": 1})
    rows = list(first.context["data"].opd_halaman)
    assert len(rows) == 50 and (rows[0].opd.nama, rows[0].peringkat) == ("Kelurahan 51", 1)
    assert first.context["data"].opd[0].opd.nama == "Kelurahan 51"
    second = client.get(url, {"tahun": TAHUN, "triwulan": 1, "page": 2})
    rows = [(b.peringkat, b.opd.nama) for b in second.context["data"].opd_halaman]
    # Ranks 51 and 52, then the two OPDs of the world without a score; every OPD counts on the cards.
    assert rows == [(51, "Kelurahan 01"), (52, "Kelurahan 00"), (None, "Dinas Kependudukan dan Pencatatan Sipil"),
                    (None, "Dinas Kesehatan")]  # fmt: skip
    assert "OPD 54" in text(second.content.decode())


@pytest.mark.django_db
def test_bkn_dashboard_shows_fifty_instansi_a_page(client, world):
    bkn = world.users["admin_bkn"]
    for k in range(50):
        inst = InstansiFactory(kode=f"kab-{k:02d}", nama=f"Pemerintah Kabupaten {k:02d}")
        PeranPengguna.objects.create(user=bkn, peran=Peran.ADMIN_BKN, instansi=inst)
    html = get(client, bkn, reverse("dasbor:bkn"))
    assert "Pemerintah Kabupaten 49" in html and "Pemerintah Kota Uji" not in html
    assert "Baris 1–50 dari 51" in text(html)
    html = get(client, bkn, reverse("dasbor:bkn"), page=2)
    assert "Pemerintah Kota Uji" in html and "Pemerintah Kabupaten" not in html


@pytest.mark.django_db
def test_opd_dashboard_shows_budget_efficiency_per_triwulan_and_flags(client, world, data_laporan):
    """data_laporan's TW II achievements of the quarter alone: IKU-01 120 %, IKU-02 80 %, IKU-03 90 %."""
    for kode, pagu, serapan in (("iku01", 100, 50), ("iku02", 100, 95), ("iku03", 100, 90)):
        Realisasi.objects.filter(indikator=data_laporan[kode], triwulan=2).update(pagu=D(pagu), serapan=D(serapan))
    url = reverse("dasbor:opd", args=[world.opd.pk])
    html = get(client, world.users["pimpinan_opd"], url, tahun=TAHUN)
    body = text(html)
    assert "Efisiensi = capaian − % serapan" in body
    # 300 and 235 → 78,33 %; mean capaian (120 + 80 + 90) / 3 = 96,667 → 96,667 − 78,33 = +18,34. IKU-02: 95 % absorbed, 80 % achieved:
    # not flagged at the default 76 %.
    assert "TW II 300 235 78,33% 96,67% +18,34 –" in body
    assert "TW I – – – – – –" in body
    world.instansi.batas_capaian_rendah = D(85)
    world.instansi.save()
    body = text(get(client, world.users["pimpinan_opd"], url, tahun=TAHUN))
    assert "TW II 300 235 78,33% 96,67% +18,34 IKU-02" in body


@pytest.mark.django_db
def test_opd_dashboard_without_budget_says_so(client, world, data_laporan):
    html = get(client, world.users["pimpinan_opd"], reverse("dasbor:opd", args=[world.opd.pk]), tahun=TAHUN)
    assert "Belum ada pagu anggaran yang terverifikasi." in text(html)
