"""A citizen in a real browser: files a complaint with a photo, follows it by its code and rates the answer. No
account anywhere."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from pengaduan import services
from pengaduan.models import Pengaduan

from .conftest import assert_assets_loaded

pytestmark = pytest.mark.e2e


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, "PNG")
    return buf.getvalue()


def _file_complaint(page, live_server, world) -> str:
    page.goto(live_server.url + reverse("pengaduan:form"))
    assert_assets_loaded(page)
    page.get_by_label("Pemerintah daerah").select_option(str(world.instansi.pk))
    page.get_by_label("Kategori").select_option("adminduk")
    page.get_by_label("OPD yang dituju").select_option(str(world.opd.pk))
    page.get_by_label("Judul").fill("Antrean KTP-el <b>panjang</b>")
    page.get_by_label("Uraian").fill("Sudah tiga kali datang, blangko selalu habis.")
    page.get_by_label("Lampiran").set_input_files({"name": "antrean.png", "mimeType": "image/png", "buffer": _png()})
    page.get_by_label("Nama Anda").fill("Maria Ndun")
    page.get_by_label("Anonim: sembunyikan identitas saya").check()
    # The honeypot is in the form but off screen.
    expect(page.locator("input[name=situs_web]")).not_to_be_in_viewport()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan Anda sudah kami terima")
    kode = page.locator("#kode-lacak").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", kode)
    return kode


def test_file_follow_by_code_and_rate_the_answer(open_page, live_server, world):
    pelapor = open_page()
    kode = _file_complaint(pelapor, live_server, world)
    pengaduan = Pengaduan.objects.get()
    assert pengaduan.anonim and pengaduan.lampiran_set.count() == 1

    # The tracking link carries the code after '#', which the page's script puts into the form.
    pelapor.get_by_role("link", name="Buka halaman lacak").click()
    expect(pelapor.get_by_label("Kode lacak")).to_have_value(kode)

    # Another device: the code alone opens it.
    lain = open_page()
    lain.goto(live_server.url + reverse("pengaduan:lacak"))
    lain.get_by_label("Kode lacak").fill(kode.lower().replace("-", " "))
    lain.get_by_role("button", name="Lacak").click()
    expect(lain.get_by_role("heading", level=1)).to_have_text("Antrean KTP-el <b>panjang</b>")  # shown as text
    expect(lain.locator(".badge.status-diterima")).to_have_text("Diterima")
    assert_assets_loaded(lain)

    # The Petugas routes it and the OPD answers.
    petugas, tim = world.users["petugas_pengaduan"], world.users["tim_evaluasi"]
    pengaduan = services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi)
    pengaduan = services.pengaduan_route(actor=petugas, pengaduan=pengaduan, versi=pengaduan.versi, opd=world.opd)
    services.pengaduan_answer(
        actor=tim, pengaduan=pengaduan, versi=pengaduan.versi, jawaban="Blangko sudah tersedia; silakan datang."
    )

    lain.reload()
    expect(lain.get_by_text("Blangko sudah tersedia; silakan datang.").first).to_be_visible()
    expect(lain.locator(".linimasa")).to_contain_text("Dinas Kependudukan dan Pencatatan Sipil")
    lain.get_by_role("radio", name="5", exact=True).check()
    lain.get_by_role("radio", name="Ya", exact=True).check()
    lain.get_by_role("button", name="Kirim penilaian").click()
    expect(lain.locator(".alert-success")).to_contain_text("Terima kasih atas penilaian Anda.")
    expect(lain.locator(".badge.status-ditutup")).to_have_text("Ditutup")
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.penilaian, pengaduan.terselesaikan) == ("ditutup", 5, True)


def test_wrong_code_is_refused(page, live_server, world, browser_errors):
    page.goto(live_server.url + reverse("pengaduan:lacak"))
    page.get_by_label("Kode lacak").fill("ABCD-EFGH-JKMN")
    page.get_by_role("button", name="Lacak").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Kode lacak tidak dikenal")
    # The refusal is answered with 422 on purpose (and counted against this address).
    diharapkan = [e for e in browser_errors if e.startswith("HTTP 422 for document POST") and "/pengaduan/lacak/" in e]
    assert len(diharapkan) == 1
    browser_errors.remove(diharapkan[0])
