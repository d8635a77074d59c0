"""A citizen in a real browser answers the satisfaction survey on a phone, from the link its QR code carries. No
account."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from survei.models import Layanan, ResponSurvei

from .conftest import assert_assets_loaded

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_answer_the_survey_on_a_phone(open_page, live_server, world):
    layanan = Layanan.objects.create(opd=world.opd, nama="Perekaman KTP-el")
    page = open_page(viewport=PHONE)
    page.goto(live_server.url + reverse("survei:survei", args=[world.opd.pk]) + f"?layanan={layanan.pk}")
    assert_assets_loaded(page)
    expect(page.get_by_label("Layanan yang Anda terima")).to_have_value(str(layanan.pk))
    for i, fieldset in enumerate(page.locator("fieldset.skala").all()):
        # The answers are buttons (labels of hidden radios), big enough for a thumb.
        fieldset.get_by_text("4 · Sangat baik" if i % 2 else "3 · Baik", exact=True).click()
    page.get_by_label("Saran dan masukan").fill("Tambah kursi di ruang tunggu.")
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih atas penilaian Anda")
    respon = ResponSurvei.objects.get()
    assert respon.layanan == layanan
    assert respon.skor == (3, 4, 3, 4, 3, 4, 3, 4, 3)
    assert respon.saran == "Tambah kursi di ruang tunggu."
