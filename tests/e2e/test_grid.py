"""The realisation grid in a real browser: the live preview updates without a reload; submit, return and verify."""

import os
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import Realisasi

from .conftest import assert_assets_loaded, login

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# Once the server's answer is in, htmx swaps it within a frame or two; waiting longer would only hide a failure.
SWAP_MS = 2_000


@pytest.fixture
def ind(world, buka_periode, buat_indikator):
    """An indicator of world.opd with a quarterly target of 25 (maximize), its first quarter open for entry."""
    buka_periode(1)
    return buat_indikator(world.opd, tw=Decimal(25))


def open_grid(page, live_server, ind, username=None):
    """Open the grid of the indicator's OPD, first quarter (signing in first if given a username); return its row."""
    if username:
        login(page, live_server, username)
    page.goto(live_server.url + reverse("evaluasi:grid", args=[ind.opd_id, ind.tahun, 1]))
    row = page.locator(f"#baris-{ind.pk}")
    expect(row).to_be_visible()
    page.evaluate("window.__noReload = 1")  # gone if anything reloads the page
    return row


def press(row, name):
    """Click one of the row's buttons and wait for the server's answer to the htmx POST."""
    with row.page.expect_response(lambda r: r.request.method == "POST") as answer:
        row.get_by_role("button", name=name, exact=True).click()
    return answer.value


def field(row, ind, name):
    return row.locator(f"#id_r{ind.pk}-{name}")


def status_of(row):
    return row.locator(".card-header .badge").last


def preview(row, ind):
    return row.locator(f"#pratinjau-{ind.pk}")


def assert_not_reloaded(page):
    assert page.evaluate("window.__noReload") == 1, "the page was reloaded"


def screenshot(page, name):
    """With E2E_SCREENSHOT_DIR set, keep a full-page picture for a human to look at."""
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_typing_a_value_updates_the_achievement_without_reloading(page, live_server, world, ind, tahun):
    row = open_grid(page, live_server, ind, "tim")
    assert_assets_loaded(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Realisasi TW I {tahun}")  # not "2.026"
    expect(status_of(row)).to_have_text("Belum diisi")
    expect(preview(row, ind)).to_contain_text("Belum diisi")

    field(row, ind, "nilai").press_sequentially("30")
    expect(preview(row, ind)).to_contain_text("Capaian 120,00%")
    expect(preview(row, ind)).not_to_contain_text("wajib diisi")
    field(row, ind, "nilai").fill("12,5")
    expect(preview(row, ind)).to_contain_text("Capaian 50,00%")
    field(row, ind, "nilai").fill("abc")
    expect(preview(row, ind)).to_contain_text("Realisasi harus berupa angka")
    assert_not_reloaded(page)
    # Only a preview: nothing is stored until the user saves.
    assert not Realisasi.objects.filter(indikator=ind).exists()
    field(row, ind, "nilai").fill("30")
    expect(preview(row, ind)).to_contain_text("Capaian 120,00%")
    screenshot(page, "kinerja-grid.png")


def test_submit_return_resubmit_and_verify(open_page, live_server, world, ind):
    tim = open_page()
    row = open_grid(tim, live_server, ind, "tim")
    field(row, ind, "nilai").fill("30")
    field(row, ind, "bukti_teks").fill("Laporan bulanan Januari–Maret")
    assert press(row, "Ajukan").status == 200
    expect(status_of(row)).to_have_text("Diajukan", timeout=SWAP_MS)
    expect(row.get_by_role("alert")).to_contain_text("Realisasi IKU-01 diajukan untuk diverifikasi.")
    assert_not_reloaded(tim)

    # The head of the OPD, in a separate session, returns it with a reason.
    pimpinan = open_page()
    row_p = open_grid(pimpinan, live_server, ind, "pimpinan")
    expect(status_of(row_p)).to_have_text("Diajukan")
    row_p.get_by_placeholder("Alasan pengembalian").fill("Lampirkan notulen rapat.")
    assert press(row_p, "Kembalikan").status == 200
    expect(status_of(row_p)).to_have_text("Dikembalikan", timeout=SWAP_MS)
    expect(row_p).to_contain_text("Lampirkan notulen rapat.")
    assert_not_reloaded(pimpinan)

    # The team sees the reason, corrects the value and submits again.
    row = open_grid(tim, live_server, ind)
    expect(status_of(row)).to_have_text("Dikembalikan")
    expect(row).to_contain_text("Lampirkan notulen rapat.")
    field(row, ind, "nilai").fill("31")
    expect(preview(row, ind)).to_contain_text("Capaian 124,00%")
    field(row, ind, "bukti_teks").fill("Laporan bulanan dan notulen rapat")
    assert press(row, "Ajukan").status == 200
    expect(status_of(row)).to_have_text("Diajukan", timeout=SWAP_MS)

    row_p = open_grid(pimpinan, live_server, ind)
    assert press(row_p, "Verifikasi").status == 200
    expect(status_of(row_p)).to_have_text("Diverifikasi", timeout=SWAP_MS)
    expect(row_p.get_by_role("alert")).to_contain_text("Realisasi IKU-01 diverifikasi.")
    assert_not_reloaded(pimpinan)

    realisasi = Realisasi.objects.get(indikator=ind, triwulan=1)
    assert (realisasi.nilai, realisasi.status, realisasi.diverifikasi_oleh) == (
        Decimal(31),
        "diverifikasi",
        world.users["pimpinan_opd"],
    )


def test_returning_without_a_reason_is_refused_next_to_the_field(open_page, live_server, world, ind):
    tim = open_page()
    row = open_grid(tim, live_server, ind, "tim")
    field(row, ind, "nilai").fill("30")
    field(row, ind, "bukti_teks").fill("Laporan bulanan")
    assert press(row, "Ajukan").status == 200
    expect(status_of(row)).to_have_text("Diajukan", timeout=SWAP_MS)

    pimpinan = open_page()
    row_p = open_grid(pimpinan, live_server, ind, "pimpinan")
    assert press(row_p, "Kembalikan").status == 422
    expect(row_p).to_contain_text("Tuliskan alasan pengembalian.", timeout=SWAP_MS)
    expect(status_of(row_p)).to_have_text("Diajukan")
    assert_not_reloaded(pimpinan)
    assert Realisasi.objects.get(indikator=ind, triwulan=1).status == "diajukan"


def test_under_target_needs_kendala_and_solusi_before_submitting(page, live_server, world, ind):
    row = open_grid(page, live_server, ind, "tim")
    field(row, ind, "nilai").fill("20")
    expect(preview(row, ind)).to_contain_text("Capaian 80,00%")
    expect(preview(row, ind)).to_contain_text("Di bawah 100%: kendala dan solusi wajib diisi sebelum diajukan.")

    field(row, ind, "bukti_teks").fill("Laporan bulanan")
    assert press(row, "Ajukan").status == 422
    # The draft is kept; the submission waits, and each missing explanation is named under its field.
    expect(row.get_by_role("alert").first).to_contain_text(
        "Draf disimpan, tetapi belum dapat diajukan.", timeout=SWAP_MS
    )
    expect(field(row, ind, "kendala")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(row.locator(f"#id_r{ind.pk}-kendala + .invalid-feedback")).to_have_text(
        "Capaian di bawah 100%: jelaskan kendalanya."
    )
    expect(row.locator(f"#id_r{ind.pk}-solusi + .invalid-feedback")).to_have_text(
        "Capaian di bawah 100%: tuliskan solusi atau rencana tindak lanjut."
    )
    expect(status_of(row)).to_have_text("Draf")
    assert_not_reloaded(page)

    field(row, ind, "kendala").fill("Blangko terbatas")
    field(row, ind, "solusi").fill("Jemput bola ke kelurahan")
    assert press(row, "Ajukan").status == 200
    expect(status_of(row)).to_have_text("Diajukan", timeout=SWAP_MS)


def test_grid_is_usable_on_a_phone(open_page, live_server, world, ind):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    row = open_grid(page, live_server, ind, "tim")
    assert_assets_loaded(page)
    field(row, ind, "nilai").fill("20")
    expect(preview(row, ind)).to_contain_text("Capaian 80,00%")
    # Nothing is wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "kinerja-grid-phone.png")
    # The navigation is collapsed behind the toggler, which Bootstrap's JavaScript opens.
    expect(page.locator("#nav-utama")).to_be_hidden()
    page.get_by_role("button", name="Buka navigasi").click()
    expect(page.locator("#nav-utama")).to_be_visible()
