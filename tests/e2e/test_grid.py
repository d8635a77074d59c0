"""The realisation grid in a real browser: filled like a spreadsheet with the keyboard alone, the live achievement of
each row, one bulk submission, a stale save from a second session refused with its input kept, details on demand,
and a phone's width."""

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
# Typed into the ten rows (quarterly target 25, maximize): the achievement each must show while typing.
NILAI = ["25", "26", "27,5", "30", "25", "28", "29", "31", "32,25", "40"]
CAPAIAN = ["100,00%", "104,00%", "110,00%", "120,00%", "100,00%", "112,00%", "116,00%", "124,00%", "129,00%", "160,00%"]


@pytest.fixture
def sepuluh(world, buka_periode, buat_indikator):
    """Ten indicators of world.opd with a quarterly target of 25, their evidence already described (a draft without a
    value, as the team prepares it), the first quarter open for entry."""
    buka_periode(1)
    rows = []
    for k in range(10):
        ind = buat_indikator(world.opd, f"IKU-{k:02d}", tw=Decimal(25))
        Realisasi.objects.create(indikator=ind, triwulan=1, nilai=None, bukti_teks=f"Laporan bulanan {k}")
        rows.append(ind)
    return rows


def grid_url(live_server, ind):
    return live_server.url + reverse("evaluasi:grid", args=[ind.opd_id, ind.tahun, 1])


def open_grid(page, live_server, ind, username=None):
    if username:
        login(page, live_server, username)
    page.goto(grid_url(live_server, ind))
    expect(page.locator(f"#baris-{ind.pk}")).to_be_visible()
    page.evaluate("window.__noReload = 1")  # gone if anything reloads the page
    return page


def cell(page, ind):
    return page.locator(f"#id_r{ind.pk}-nilai")


def row(page, ind):
    return page.locator(f"#baris-{ind.pk}")


def preview(page, ind):
    return page.locator(f"#pratinjau-{ind.pk}")


def assert_not_reloaded(page):
    assert page.evaluate("window.__noReload") == 1, "the page was reloaded"


def screenshot(page, name):
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_team_fills_ten_rows_with_the_keyboard_and_submits_them_at_once(open_page, live_server, world, sepuluh):
    # A second session (the Admin Instansi standing in for the team) opens the same grid first: its rows are stale
    # once the team has saved.
    admin = open_grid(open_page(), live_server, sepuluh[0], "admin")

    tim = open_grid(open_page(), live_server, sepuluh[0], "tim")
    assert_assets_loaded(tim)
    cell(tim, sepuluh[0]).focus()
    for k, ind in enumerate(sepuluh):
        expect(cell(tim, ind)).to_be_focused()
        tim.keyboard.type(NILAI[k])
        expect(preview(tim, ind)).to_contain_text(CAPAIAN[k], timeout=SWAP_MS)  # live, before anything is saved
        if k == 4:
            # Tab walks along the row (to its "Rinci" button), then on to the next row's value.
            tim.keyboard.press("Tab")
            expect(row(tim, ind).get_by_role("link", name="Rinci")).to_be_focused()
            tim.keyboard.press("Tab")
        else:
            tim.keyboard.press("Enter")  # down to the same column of the next row; leaving the cell saves it
    # Shift+Enter goes back up a row; the last row, left with Enter, was saved in place.
    expect(cell(tim, sepuluh[-1])).to_be_focused()
    tim.keyboard.press("Shift+Enter")
    expect(cell(tim, sepuluh[-2])).to_be_focused()
    for k, ind in enumerate(sepuluh):
        expect(row(tim, ind)).to_have_attribute("data-versi", "2", timeout=SWAP_MS)
        expect(row(tim, ind).locator(".badge").nth(1)).to_have_text("Draf")
        expect(preview(tim, ind)).to_contain_text(CAPAIAN[k])
    assert_not_reloaded(tim)
    stored = {r.indikator_id: r for r in Realisasi.objects.filter(indikator__in=sepuluh)}
    assert [stored[i.pk].nilai for i in sepuluh] == [Decimal(v.replace(",", ".")) for v in NILAI]
    assert all(stored[i.pk].bukti_teks.startswith("Laporan bulanan") for i in sepuluh)  # the value alone changed
    screenshot(tim, "kinerja-grid.png")

    # One bulk action submits every complete row.
    button = tim.get_by_role("button", name="Ajukan semua baris lengkap")
    button.focus()
    with tim.expect_navigation():
        tim.keyboard.press("Enter")
    expect(tim.get_by_role("alert").first).to_contain_text("10 realisasi diajukan untuk diverifikasi.")
    for ind in sepuluh:
        expect(row(tim, ind).locator(".badge").nth(1)).to_have_text("Diajukan")
    assert set(Realisasi.objects.filter(indikator__in=sepuluh).values_list("status", flat=True)) == {"diajukan"}

    # The second session still shows the row as it was: its save is refused, and what it typed stays in the cell.
    target = sepuluh[3]
    cell(admin, target).fill("12,5")
    with admin.expect_response(lambda r: r.request.method == "POST") as answer:
        cell(admin, target).press("Enter")
    assert answer.value.status == 409
    expect(row(admin, target)).to_contain_text("sudah diubah orang lain", timeout=SWAP_MS)
    expect(row(admin, target)).to_contain_text("Nilai tersimpan: 30,00")
    expect(cell(admin, target)).to_have_value("12,5")
    assert_not_reloaded(admin)
    realisasi = Realisasi.objects.get(indikator=target, triwulan=1)
    assert (realisasi.nilai, realisasi.status) == (Decimal(30), "diajukan")


def test_details_open_on_demand_and_an_under_target_row_is_submitted_with_kendala(page, live_server, world, sepuluh):
    ind = sepuluh[0]
    open_grid(page, live_server, ind, "tim")
    cell(page, ind).fill("20")
    expect(preview(page, ind)).to_contain_text("80,00%")
    expect(preview(page, ind)).to_contain_text("kendala dan solusi wajib")
    cell(page, ind).press("Enter")
    expect(row(page, ind)).to_have_attribute("data-versi", "2", timeout=SWAP_MS)
    expect(row(page, ind)).to_contain_text("Belum lengkap: kendala, solusi")

    row(page, ind).get_by_role("link", name="Rinci").click()
    details = page.locator(f"#rinci-{ind.pk}")
    expect(details).to_be_visible(timeout=SWAP_MS)
    expect(details).to_contain_text("Laporan bulanan 0")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        details.get_by_role("button", name="Ajukan").click()
    assert answer.value.status == 422
    expect(page.locator(f"#id_r{ind.pk}-kendala + .invalid-feedback")).to_have_text(
        "Capaian di bawah 100%: jelaskan kendalanya.", timeout=SWAP_MS
    )
    page.locator(f"#id_r{ind.pk}-kendala").fill("Blangko terbatas")
    page.locator(f"#id_r{ind.pk}-solusi").fill("Jemput bola ke kelurahan")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(f"#rinci-{ind.pk}").get_by_role("button", name="Ajukan").click()
    assert answer.value.status == 200
    expect(page.locator(f"#rinci-{ind.pk}")).to_contain_text("Realisasi IKU-00 diajukan untuk diverifikasi.")
    # The row above the details followed (out of band): its status and version moved on.
    expect(row(page, ind).locator(".badge").nth(1)).to_have_text("Diajukan", timeout=SWAP_MS)
    # Pressing "Rinci" again closes the details.
    row(page, ind).get_by_role("link", name="Rinci").click()
    expect(page.locator(f"#rinci-{ind.pk}")).to_have_count(0)
    assert_not_reloaded(page)
    r = Realisasi.objects.get(indikator=ind, triwulan=1)
    assert (r.nilai, r.status, r.kendala) == (Decimal(20), "diajukan", "Blangko terbatas")


def test_the_head_verifies_the_selected_rows(open_page, live_server, world, sepuluh):
    Realisasi.objects.filter(indikator__in=sepuluh[:3]).update(nilai=Decimal(30), status="diajukan")
    page = open_grid(open_page(), live_server, sepuluh[0], "pimpinan")
    for ind in sepuluh[:2]:
        row(page, ind).get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Verifikasi baris terpilih").click()
    expect(page.get_by_role("alert").first).to_contain_text("2 realisasi diverifikasi.")
    statuses = dict(Realisasi.objects.filter(indikator__in=sepuluh[:3]).values_list("indikator__kode", "status"))
    assert statuses == {"IKU-00": "diverifikasi", "IKU-01": "diverifikasi", "IKU-02": "diajukan"}


def test_grid_is_usable_on_a_phone(open_page, live_server, world, sepuluh):
    ind = sepuluh[0]
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_grid(page, live_server, ind, "tim")
    assert_assets_loaded(page)
    # The page itself does not scroll sideways; the table does, inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".grid-wadah")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    cell(page, ind).scroll_into_view_if_needed()
    cell(page, ind).fill("20")
    expect(preview(page, ind)).to_contain_text("80,00%")
    width = cell(page, ind).evaluate("el => el.getBoundingClientRect().width")
    assert width >= 80, width  # wide enough to type in
    screenshot(page, "kinerja-grid-phone.png")
    expect(page.locator("#nav-utama")).to_be_hidden()
    page.get_by_role("button", name="Buka navigasi").click()
    expect(page.locator("#nav-utama")).to_be_visible()
    assert re.search(r"/realisasi/", page.url)
