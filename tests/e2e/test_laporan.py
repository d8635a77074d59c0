"""Reports and dashboards in a real browser: an Admin BKN requests the instansi recap, waits for it and downloads a
real PDF; every dashboard draws its charts with no JavaScript error and no CSP violation (the browser_errors fixture
fails the test on any), also on a phone-sized screen."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate
from indikator.models import Indikator, Periode, TargetTriwulan
from laporan.models import Laporan

from .conftest import assert_assets_loaded, login

pytestmark = pytest.mark.e2e

TAHUN = 2026
PHONE = {"width": 390, "height": 844}


def _iku(opd, kode, nama, tw, nilai, *, pegawai=None):
    ind = Indikator.objects.create(
        opd=opd,
        pegawai=pegawai,
        jenis="iki" if pegawai else "iku",
        tahun=TAHUN,
        kode=kode,
        nama=nama,
        satuan="%",
        target_bawah=Decimal(tw * 4),
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=ind, triwulan=q, target_bawah=Decimal(tw)) for q in (1, 2, 3, 4)
    )
    for q, value in enumerate(nilai, start=1):
        Realisasi.objects.create(
            indikator=ind,
            triwulan=q,
            nilai=Decimal(value),
            status=Realisasi.Status.DIVERIFIKASI,
            kendala="<b>kendala</b>",
        )
    return ind


@pytest.fixture
def data(world):
    """Two OPDs with verified values in TW I and II of 2026, an IKI of the ASN, and TW II closing in three days."""
    _iku(world.opd, "IKU-01", "Persentase KTP-el tercetak", 25, [20, 30])
    _iku(world.opd, "IKU-02", "Akta kelahiran terbit", 10, [10, 6])
    _iku(world.opd_lain, "IKU-01", "Cakupan imunisasi", 10, [5, 5])
    _iku(world.opd, "IKI-01", "KTP-el diverifikasi", 100, [90, 110], pegawai=world.pegawai)
    recalculate(instansi_id=world.instansi.pk)
    today = timezone.localdate()
    Periode.objects.create(
        instansi=world.instansi,
        tahun=TAHUN,
        triwulan=2,
        dibuka=today - datetime.timedelta(days=20),
        ditutup=today + datetime.timedelta(days=3),
    )
    return world


def test_admin_bkn_requests_the_instansi_recap_waits_and_downloads_the_pdf(page, live_server, data, tmp_path):
    login(page, live_server, "bkn")
    page.goto(f"{live_server.url}{reverse('dasbor:bkn')}?tahun={TAHUN}&triwulan=2")
    assert_assets_loaded(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dasbor BKN")
    expect(page.locator("svg.grafik").first).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Rekap Pemerintah Kota Uji TW II: PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekap Kinerja Instansi")
    expect(page.get_by_role("alert").first).to_contain_text("sedang disiapkan")
    # The job page follows the job; with the eager worker of the test settings it is finished already.
    unduh = page.get_by_role("link", name="Unduh PDF")
    expect(unduh).to_be_visible()
    expect(page.locator("#status-laporan")).to_contain_text("Selesai")

    with page.expect_download() as info:
        unduh.click()
    download = info.value
    assert download.suggested_filename == "rekap-kota-uji-2026-TWII.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    body = path.read_bytes()
    assert body.startswith(b"%PDF-")
    judul = "Rekap Kinerja Instansi Triwulan II Tahun 2026 – Pemerintah Kota Uji"
    assert PdfReader(io.BytesIO(body)).metadata.title == judul
    teks = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Rekap Kinerja Instansi Triwulan II Tahun 2026" in teks
    assert "Dinas Kependudukan dan" in teks

    laporan = Laporan.objects.get()
    assert (laporan.jenis, laporan.status, laporan.diminta_oleh.username) == ("rekap_instansi", "selesai", "bkn")
    # The download centre lists it with its download link.
    page.goto(f"{live_server.url}{reverse('laporan:index')}")
    expect(page.get_by_role("link", name=f"Unduh {laporan.judul_jenis}")).to_be_visible()


def test_job_page_updates_itself_when_the_worker_finishes(page, live_server, data):
    """A queued job's page asks again (htmx, no inline script) and shows the download link once the job is done."""
    laporan = Laporan.objects.create(
        jenis="rekap_instansi",
        bahasa="id",
        instansi=data.instansi,
        tahun=TAHUN,
        triwulan=2,
        diminta_oleh=data.users["admin_bkn"],
    )
    login(page, live_server, "bkn")
    page.goto(f"{live_server.url}{reverse('laporan:detail', args=[laporan.pk])}")
    expect(page.locator("#status-laporan")).to_contain_text("Dalam antrean")
    page.evaluate("window.__noReload = 1")
    from laporan.services import laporan_render

    laporan_render(laporan_id=laporan.pk)  # what the reports worker does
    expect(page.get_by_role("link", name="Unduh PDF")).to_be_visible()
    assert page.evaluate("window.__noReload") == 1


@pytest.mark.parametrize(
    ("username", "url_name", "args", "charts"),
    [
        ("pimpinan", "dasbor:opd", "opd", 3),
        ("admin", "dasbor:instansi", "instansi", 4),
        ("bkn", "dasbor:bkn", None, 3),
        ("asn", "dasbor:saya", None, 2),
    ],
)
def test_dashboards_draw_their_charts_without_javascript_errors(
    open_page, live_server, data, username, url_name, args, charts
):
    for viewport in (None, PHONE):
        page = open_page(viewport=viewport) if viewport else open_page()
        login(page, live_server, username)
        target = {"opd": [data.opd.pk], "instansi": [data.instansi.pk], None: []}[args]
        page.goto(f"{live_server.url}{reverse(url_name, args=target)}?tahun={TAHUN}")
        assert_assets_loaded(page)
        grafik = page.locator("svg.grafik")
        expect(grafik).to_have_count(charts)
        for k in range(charts):
            expect(grafik.nth(k)).to_be_visible()
            assert grafik.nth(k).get_attribute("role") == "img"
            assert grafik.nth(k).get_attribute("aria-label")
            box = grafik.nth(k).bounding_box()
            assert box["width"] > 100 and box["height"] > 20
        if url_name != "dasbor:bkn":
            expect(page.get_by_text("Tenggat dekat")).to_be_visible()
        if viewport:
            # Charts scroll inside their own box; the page itself never scrolls sideways on a phone.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
