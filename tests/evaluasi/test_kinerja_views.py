"""The "Kinerja" pages: an ASN's own indicators and an OPD's overview, read from the stored achievements."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.charts import sparkline_svg
from evaluasi.models import CapaianTriwulan, Realisasi
from evaluasi.recalc import recalculate
from evaluasi.selectors_kinerja import kelengkapan_opd
from indikator.models import Indikator
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.factories import PegawaiFactory

D = Decimal
TAHUN = 2026
S = Realisasi.Status


def _text(html: str) -> str:
    """The page's visible text with tags dropped and whitespace collapsed, for asserting table rows."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url, {"tahun": TAHUN})
    assert response.status_code == 200
    return response, response.content.decode()


def _saya(world):
    return reverse("kinerja:saya")


# -- ASN page ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_asn_sees_own_indicators_with_exact_indonesian_numbers(client, world):
    iku = make_indikator(world.opd, "IKU-1")
    iku.nama = "Waktu penyelesaian layanan KTP"
    iku.save()
    # The domain.md worked example: minimize, T = 5 days, R = 4 → 120 %; R = 6 → 80 %; to date (average) 100 %.
    ktp = make_indikator(
        world.opd, "IKI-1", pol="minimize", agg="average", targets=[(5, None)] * 3 + [(7, 8)], pegawai=world.pegawai
    )
    Indikator.objects.filter(pk=ktp.pk).update(induk=iku, satuan="hari")
    verified(ktp, 1, 4)
    verified(ktp, 2, 6)
    # desimal 0 and thousands: 1234.5 of 1000 → shown "1.235", raw 123,45 % → "123%" capped to 120 for the score.
    orang = make_indikator(world.opd, "IKI-2", targets=[(1000, None)] * 4, pegawai=world.pegawai)
    Indikator.objects.filter(pk=orang.pk).update(desimal=0, satuan="orang")
    verified(orang, 1, D("1234.5"))
    make_indikator(world.opd, "IKI-X", pegawai=world.pegawai_lain)  # a colleague's: never on this page
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)

    response, html = _get(client, world.users["asn"], _saya(world))
    text = _text(html)

    assert [i.indikator.kode for i in response.context["data"].indikator] == ["IKI-1", "IKI-2"]
    assert "IKI-X" not in html
    # IKI-1, TW I: target 5,00; realisation 4,00 verified; quarter 120,00 %; to date 120,00 % Sangat Baik.
    assert "TW I 5,00 4,00 Diverifikasi 120,00% 120,00% Sangat Baik" in text
    # TW II: quarter 80,00 %, to date (mean 5 against mean 5) 100,00 %.
    assert "TW II 5,00 6,00 Diverifikasi 80,00% 100,00% Sangat Baik" in text
    assert "TW III 5,00 Belum diisi – 100,00% Sangat Baik" in text
    assert "TW IV 7,00&nbsp;–&nbsp;8,00 Belum diisi – 100,00% Sangat Baik" in text  # a range target
    assert "Mendukung: IKU IKU-1 Waktu penyelesaian layanan KTP" in text
    assert "Satuan: hari" in text
    # IKI-2: no decimals, Indonesian thousands separator, raw shown, capped value named.
    assert "TW I 1.000 1.235 Diverifikasi 123% 123% Sangat Baik Skor memakai 120% (batas atas capaian)" in text
    # The score: mean of the capped to-date achievements (120 and 120); TW II: 100 and 120.
    assert "TW I 120,00% Sangat Baik 2 dari 2" in text
    assert "TW II 110,00% Sangat Baik 2 dari 2" in text
    # Trend sparkline, with its text equivalent, and no inline style anywhere.
    assert 'role="img" aria-label="Tren capaian s.d. triwulan IKI-1: TW I: 120,00%; TW II: 100,00%;' in html
    assert "style=" not in html
    assert "Belum ada umpan balik dari penilai." in text
    assert f'href="{reverse("kinerja:saya")}"' in html  # the navigation entry


@pytest.mark.django_db
def test_year_is_never_grouped_like_a_number(client, world):
    make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    _response, html = _get(client, world.users["asn"], _saya(world))
    assert '<option value="2026" selected>2026</option>' in html
    assert "2.026" not in html


@pytest.mark.django_db
def test_asn_gets_404_for_a_colleagues_page_and_200_for_their_own(client, world):
    client.force_login(world.users["asn"])
    assert client.get(reverse("kinerja:pegawai", args=[world.pegawai_lain.pk])).status_code == 404
    assert client.get(reverse("kinerja:pegawai", args=[world.pegawai_instansi_lain.pk])).status_code == 404
    own = client.get(reverse("kinerja:pegawai", args=[world.pegawai.pk]))
    assert own.status_code == 200
    assert own.context["sendiri"] is True


@pytest.mark.django_db
def test_a_user_without_pegawai_has_no_own_page_and_no_nav_entry(client, world):
    client.force_login(world.users["admin_instansi"])
    assert client.get(reverse("kinerja:saya")).status_code == 404
    home = client.get(reverse("home")).content.decode()
    assert reverse("kinerja:saya") not in home


@pytest.mark.django_db
def test_unverified_value_is_flagged_and_does_not_change_the_stored_achievement(client, world):
    ind = make_indikator(world.opd, "IKI-1", agg="average", pegawai=world.pegawai)
    verified(ind, 1, 12)  # 120 %
    verified(ind, 2, 2, status=S.DIAJUKAN)  # would drag the mean to 70 % if it counted
    verified(ind, 3, 2, status=S.DRAF)
    verified(ind, 4, 2, status=S.DIKEMBALIKAN)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)

    tw2 = CapaianTriwulan.objects.get(indikator=ind, triwulan=2)
    assert (tw2.realisasi, tw2.capaian_triwulan, tw2.capaian) == (None, None, D("120.0000"))

    _response, html = _get(client, world.users["asn"], _saya(world))
    text = _text(html)
    assert "TW II 10,00 2,00 Menunggu verifikasi Belum dihitung dalam capaian. – 120,00% Sangat Baik" in text
    assert "TW III 10,00 2,00 Draf Belum dihitung dalam capaian. – 120,00%" in text
    assert "TW IV 10,00 2,00 Dikembalikan Belum dihitung dalam capaian. – 120,00%" in text
    assert "TW II 120,00% Sangat Baik 1 dari 1" in text  # the score is unchanged too


@pytest.mark.django_db
def test_staff_sees_a_colleagues_page_with_a_link_to_the_opd(client, world):
    make_indikator(world.opd, "IKI-9", pegawai=world.pegawai_lain)
    response, html = _get(client, world.users["pimpinan_opd"], reverse("kinerja:pegawai", args=[world.pegawai_lain.pk]))
    assert response.context["sendiri"] is False
    assert "IKI-9" in html
    assert f'href="{reverse("kinerja:opd", args=[world.opd.pk])}?tahun=2026"' in html


# -- OPD page ------------------------------------------------------------------------------------------------------


@pytest.fixture
def opd_world(world):
    """IKU and IKI of `world.opd` in every realisation state, plus indicators that must not be counted."""
    a = make_indikator(world.opd, "IKU-A")
    verified(a, 1, 10)
    verified(a, 2, 10, status=S.DIAJUKAN)
    b = make_indikator(world.opd, "IKU-B")
    verified(b, 1, 3, status=S.DRAF)
    verified(b, 2, 3, status=S.DIKEMBALIKAN)
    c = make_indikator(world.opd, "IKI-C", pegawai=world.pegawai)
    verified(c, 1, 8, status=S.DIAJUKAN)
    d = make_indikator(world.opd, "IKI-D", pegawai=world.pegawai_lain)
    Realisasi.objects.create(indikator=d, triwulan=1, nilai=None, kendala="belum ada data")  # no value: not entered
    verified(make_indikator(world.opd_lain, "IKU-LAIN"), 1, 10)  # another OPD
    inactive = make_indikator(world.opd, "IKU-NONAKTIF")
    Indikator.objects.filter(pk=inactive.pk).update(aktif=False)
    verified(inactive, 1, 10)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    return world


@pytest.mark.django_db
def test_opd_completeness_counts_are_exact(client, opd_world):
    w = opd_world
    rows = [
        (k.triwulan, k.jumlah, k.terisi, k.diajukan, k.diverifikasi, k.dikembalikan, k.belum_diisi)
        for k in kelengkapan_opd(opd=w.opd, tahun=TAHUN)
    ]
    assert rows == [(1, 4, 3, 1, 1, 0, 1), (2, 4, 2, 1, 0, 1, 2), (3, 4, 0, 0, 0, 0, 4), (4, 4, 0, 0, 0, 0, 4)]
    assert kelengkapan_opd(opd=w.opd, tahun=TAHUN + 1)[0].jumlah == 0

    response, html = _get(client, w.users["tim_evaluasi"], reverse("kinerja:opd", args=[w.opd.pk]))
    text = _text(html)
    assert "TW I 4 3 1 1 0 1" in text
    assert "TW II 4 2 1 0 1 2" in text
    # IKU × TW: only the OPD's active IKU, with stored achievement and band; the OPD score from its IKU.
    assert [i.indikator.kode for i in response.context["data"].iku] == ["IKU-A", "IKU-B"]
    assert "IKU-A Indikator IKU-A (%) 100,00% Sangat Baik 100,00% Sangat Baik" in text
    assert "IKU-B Indikator IKU-B (%) Belum diisi Belum diisi" in text
    assert "TW I 100,00% Sangat Baik 1 dari 2" in text
    assert "style=" not in html


@pytest.mark.django_db
def test_under_target_lists_latest_quarter_with_kendala_and_solusi_escaped(client, world):
    low = make_indikator(world.opd, "IKU-LOW")
    Realisasi.objects.create(
        indikator=low,
        triwulan=1,
        nilai=D(6),
        status=S.DIVERIFIKASI,
        kendala="<script>alert(1)</script> Server down",
        solusi="Tambah server\nLatih petugas",
    )
    # Under target in TW I, then above: the latest to-date achievement (TW II, 110 %) is not under target.
    recovered = make_indikator(world.opd, "IKU-PULIH")
    verified(recovered, 1, 5)
    Realisasi.objects.create(indikator=recovered, triwulan=2, nilai=D(17), status=S.DIVERIFIKASI)
    # Above in TW I, under to date in TW II (17 of 20 = 85 %): listed with TW II's kendala, not TW I's.
    slipped = make_indikator(world.opd, "IKI-TURUN", pegawai=world.pegawai)
    Realisasi.objects.create(
        indikator=slipped, triwulan=1, nilai=D(12), status=S.DIVERIFIKASI, kendala="kendala lama TW I"
    )
    Realisasi.objects.create(
        indikator=slipped, triwulan=2, nilai=D(5), status=S.DIVERIFIKASI, kendala="Petugas cuti", solusi="Lembur"
    )
    # An unverified low value is not an achievement yet.
    pending = make_indikator(world.opd, "IKU-PENDING")
    verified(pending, 1, 1, status=S.DIAJUKAN)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)

    response, html = _get(client, world.users["pimpinan_opd"], reverse("kinerja:opd", args=[world.opd.pk]))
    daftar = response.context["data"].di_bawah_target
    assert [(c.indikator.kode, c.triwulan, c.capaian) for c in daftar] == [
        ("IKI-TURUN", 2, D("85.0000")),
        ("IKU-LOW", 1, D("60.0000")),
    ]
    text = _text(html)
    assert "IKI IKI-TURUN Indikator IKI-TURUN" in text
    assert "TW II 85,00% Baik Petugas cuti Lembur" in text
    assert "kendala lama TW I" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Server down" in html
    assert "<script>alert(1)" not in html
    assert "Tambah server<br>Latih petugas" in html
    assert f'href="{reverse("kinerja:pegawai", args=[world.pegawai.pk])}?tahun=2026"' in html


# -- Query counts --------------------------------------------------------------------------------------------------


def _many_iki(world, n: int):
    iku = make_indikator(world.opd, "IKU-Q")
    for k in range(n):
        ind = make_indikator(
            world.opd, f"IKI-{k:02d}", targets=[(10, None), (10, 12), (10, None), (10, None)], pegawai=world.pegawai
        )
        Indikator.objects.filter(pk=ind.pk).update(induk=iku)
        verified(ind, 1, 9)
        verified(ind, 2, 11, status=S.DIAJUKAN)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)


def _many_opd(world, n: int):
    for k in range(n):
        iku = make_indikator(world.opd, f"IKU-{k:02d}")
        Realisasi.objects.create(indikator=iku, triwulan=1, nilai=D(7), status=S.DIVERIFIKASI, kendala="k")
        iki = make_indikator(world.opd, f"IKI-{k:02d}", pegawai=world.pegawai)
        verified(iki, 1, 5)
        verified(iki, 2, 5, status=S.DIAJUKAN)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 15])
def test_asn_page_query_count_does_not_grow_with_indicators(client, world, django_assert_num_queries, n):
    _many_iki(world, n)
    client.force_login(world.users["asn"])
    # Per request: session, user, roles, own Pegawai, instansi time zone (5). The page: the Pegawai in scope, IKI,
    # their targets, realisations and achievements (one prefetch each), scores, years (7); the final evaluations
    # with their feedback (1, and one prefetch when there is one: see tests/penilaian/test_views.py).
    with django_assert_num_queries(13):
        response = client.get(reverse("kinerja:saya"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert len(response.context["data"].indikator) == n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 15, 60])
def test_opd_page_query_count_does_not_grow_with_indicators(client, world, django_assert_num_queries, n):
    _many_opd(world, n)
    client.force_login(world.users["tim_evaluasi"])
    # Per request: session, user, roles, own Pegawai, instansi time zone (5). The page: the OPD in scope, its stored
    # summaries (completeness, years, length of the list under target), scores, IKU (count, page, achievements),
    # a page of the list under target (7).
    with django_assert_num_queries(12):
        response = client.get(reverse("kinerja:opd", args=[world.opd.pk]), {"tahun": TAHUN})
    assert response.status_code == 200
    data = response.context["data"]
    assert len(data.iku) == min(n, 50) and data.iku.paginator.count == n
    assert len(data.di_bawah_target) == min(2 * n, 50) and data.di_bawah_target.paginator.count == 2 * n


# -- Pagination ----------------------------------------------------------------------------------------------------


def _under_target_iku(world, n: int, prefix: str = "IKU"):
    """n IKU of `world.opd`, each 50 % at TW I (verified 5 of 10)."""
    for k in range(n):
        verified(make_indikator(world.opd, f"{prefix}-{k:02d}"), 1, 5)


@pytest.mark.django_db
def test_opd_page_lists_fifty_rows_a_page_with_one_parameter_per_list(client, world):
    _under_target_iku(world, 53)
    for k in range(4):
        iki = make_indikator(world.opd, f"IKI-{k}", pegawai=world.pegawai)
        verified(iki, 1, 2)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    url = reverse("kinerja:opd", args=[world.opd.pk])
    client.force_login(world.users["tim_evaluasi"])

    first = client.get(url, {"tahun": TAHUN})
    data = first.context["data"]
    assert [i.indikator.kode for i in data.iku][:2] == ["IKU-00", "IKU-01"]
    assert (len(data.iku), data.iku.paginator.num_pages) == (50, 2)
    # Under target: IKI before IKU, 57 in all, the first 50 here.
    assert [c.indikator.kode for c in data.di_bawah_target][:5] == ["IKI-0", "IKI-1", "IKI-2", "IKI-3", "IKU-00"]
    assert data.di_bawah_target.paginator.count == 57
    html = first.content.decode()
    assert "Baris 1–50 dari 53" in _text(html) and "Baris 1–50 dari 57" in _text(html)
    assert 'href="?tahun=2026&amp;page=2#judul-iku"' in html
    assert 'href="?tahun=2026&amp;page_bawah=2#judul-bawah-target"' in html

    # Each list turns its own page; the other keeps its own.
    second = client.get(url, {"tahun": TAHUN, "page": 2, "page_bawah": 2})
    data = second.context["data"]
    assert [i.indikator.kode for i in data.iku] == ["IKU-50", "IKU-51", "IKU-52"]
    assert [c.indikator.kode for c in data.di_bawah_target] == [f"IKU-{k}" for k in range(46, 53)]
    html = second.content.decode()
    assert 'href="?tahun=2026&amp;page_bawah=2&amp;page=1#judul-iku"' in html
    assert 'href="?tahun=2026&amp;page=2&amp;page_bawah=1#judul-bawah-target"' in html

    # Anything that is not a page number gives a page, never an error.
    for params in ({"page": "abc", "page_bawah": "-1"}, {"page": "999", "page_bawah": "2.5"}):
        response = client.get(url, {"tahun": TAHUN, **params})
        assert response.status_code == 200
    assert client.get(url, {"tahun": TAHUN, "page": "999"}).context["data"].iku.number == 2


@pytest.mark.django_db
def test_opd_page_under_target_length_follows_the_stored_summary(client, world, django_capture_on_commit_callbacks):
    """The list's length is stored: a value verified later moves it through the recalculation."""
    with django_capture_on_commit_callbacks(execute=True):
        ind = make_indikator(world.opd, "IKU-A")
        verified(ind, 1, 5)
    client.force_login(world.users["tim_evaluasi"])
    url = reverse("kinerja:opd", args=[world.opd.pk])
    assert client.get(url, {"tahun": TAHUN}).context["data"].di_bawah_target.paginator.count == 1
    with django_capture_on_commit_callbacks(execute=True):
        verified(ind, 2, 30)  # to date 35 of 20: no longer under target
    data = client.get(url, {"tahun": TAHUN}).context["data"]
    assert data.di_bawah_target.paginator.count == 0 and list(data.di_bawah_target) == []
    assert [(k.triwulan, k.terisi, k.diverifikasi) for k in data.kelengkapan][:2] == [(1, 1, 1), (2, 1, 1)]


# -- SVG sparkline -------------------------------------------------------------------------------------------------


def test_sparkline_breaks_the_line_at_gaps():
    svg = sparkline_svg([D(50), D(100), None, D(80)], width=100, height=20, minimum=D(0), maximum=D(100))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    path = re.search(r'<path d="([^"]+)"', svg).group(1)
    # The first two points are joined; the last stands alone after the gap: one segment, three markers.
    assert path == "M3.00 10.00 L34.33 3.00"
    assert svg.count("<circle") == 3
    assert 'cx="97.00" cy="5.80"' in svg
    assert "<script" not in svg and "style=" not in svg


def test_sparkline_two_runs_lift_the_pen():
    svg = sparkline_svg([D(1), D(2), None, D(3), D(4)], width=100, height=20)
    path = re.search(r'<path d="([^"]+)"', svg).group(1)
    assert path.count("M") == 2 and path.count("L") == 2


def test_sparkline_all_none_draws_only_the_label():
    svg = sparkline_svg([None, None, None, None], width=120, height=32, label="Belum ada capaian")
    assert "<path" not in svg and "<circle" not in svg
    assert 'role="img" aria-label="Belum ada capaian"' in svg
    assert "<title>Belum ada capaian</title>" in svg


def test_sparkline_single_point_is_a_centred_marker():
    svg = sparkline_svg([D(75)], width=40, height=20)
    assert "<path" not in svg
    assert '<circle cx="20.00" cy="10.00"' in svg  # a flat range puts it in the middle
    assert 'aria-hidden="true"' in svg  # no label: decorative


def test_sparkline_escapes_text_and_draws_reference_line():
    svg = sparkline_svg(
        [D(90), D(110)],
        width=50,
        height=20,
        minimum=D(0),
        reference=D(100),
        label='<b>"A&B"</b>',
        point_labels=["<i>TW I</i>", ""],
        css_class='x" onload="y',
    )
    assert "<b>" not in svg and "<i>" not in svg and 'onload="y' not in svg
    assert "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;" in svg
    assert "<title>&lt;i&gt;TW I&lt;/i&gt;</title>" in svg
    assert 'stroke-dasharray="3 2"' in svg


def test_sparkline_rejects_empty_size_and_ignores_non_finite_values():
    with pytest.raises(ValueError):
        sparkline_svg([D(1)], width=0, height=10)
    svg = sparkline_svg([D("NaN"), D(1), D("Infinity")], width=30, height=10)
    assert svg.count("<circle") == 1


@pytest.mark.django_db
def test_asn_never_sees_a_pegawai_of_another_opd(client, world):
    # A Pegawai with IKI in another OPD of the instansi stays invisible to the ASN.
    other = PegawaiFactory(opd=world.opd_lain)
    make_indikator(world.opd_lain, "IKI-DINKES", pegawai=other)
    client.force_login(world.users["asn"])
    assert client.get(reverse("kinerja:pegawai", args=[other.pk])).status_code == 404
    assert "IKI-DINKES" not in client.get(reverse("kinerja:saya"), {"tahun": TAHUN}).content.decode()
