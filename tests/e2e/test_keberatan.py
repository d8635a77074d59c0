"""An objection to a final predikat in a real browser, from filing on "Kinerja saya" to the decision that changes
the predikat, and back to the ASN who sees it."""

import pytest
from playwright.sync_api import expect

from penilaian import services
from penilaian.models import Keberatan, Penilaian
from penilaian.selectors import PeriodePenilaian

from .conftest import assert_assets_loaded, login

pytestmark = pytest.mark.e2e

BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def test_objection_from_filing_to_decision(open_page, browser_errors, live_server, world, tahun):
    services.penilaian_simpan(
        actor=world.users["tim_evaluasi"],
        pegawai=world.pegawai,
        tahun=tahun,
        periode=PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 1),
        versi=0,
        finalkan=True,
        data=services.DataPenilaian(
            hasil_kerja="sesuai",
            alasan_hasil_kerja="Belum ada capaian; dinilai dari laporan kerja.",
            perilaku_skor=dict.fromkeys(BERAKHLAK, 2),
            perilaku="sesuai",
            umpan_balik="Terus tingkatkan.",
        ),
    )

    # The ASN files the objection from their own page.
    asn = open_page()
    login(asn, live_server, world.users["asn"].username)
    asn.goto(f"{live_server.url}/kinerja/saya/?tahun={tahun}")
    asn.get_by_role("link", name="Ajukan keberatan").click()
    expect(asn.get_by_role("heading", level=1)).to_contain_text("Keberatan atas predikat TW I")
    asn.get_by_role("button", name="Ajukan keberatan").click()
    expect(asn.locator("#id_alasan")).to_have_class("textarea form-control is-invalid")
    expect(asn.locator("#error_1_id_alasan")).to_have_text("Tuliskan alasan keberatan.")
    # The refused form answers 422 on purpose.
    browser_errors[:] = [e for e in browser_errors if not e.startswith("HTTP 422 for document POST")]
    asn.locator("#id_alasan").fill("Realisasi TW I belum diverifikasi saat saya dinilai; kini sudah 112 %.")
    asn.get_by_role("button", name="Ajukan keberatan").click()
    expect(asn.locator("#status-keberatan")).to_have_text("Diajukan")
    assert_assets_loaded(asn)

    # The OPD's Pimpinan finds it waiting and grants it with new ratings and a reason.
    pimpinan = open_page()
    login(pimpinan, live_server, world.users["pimpinan_opd"].username)
    pimpinan.goto(f"{live_server.url}/penilaian/keberatan/")
    menunggu = pimpinan.locator("section", has=pimpinan.get_by_role("heading", name="Menunggu keputusan Anda"))
    menunggu.get_by_role("link", name="Buka").click()
    pimpinan.get_by_label("Kabulkan: ubah predikat").check()
    pimpinan.get_by_label("Rating hasil kerja yang baru").select_option("di_atas")
    pimpinan.get_by_label("Rating perilaku kerja yang baru").select_option("di_atas")
    pimpinan.get_by_label("Alasan keputusan").fill("Capaian terverifikasi 112 %, perilaku dinilai ulang.")
    pimpinan.get_by_role("button", name="Simpan keputusan").click()
    expect(pimpinan.locator("#status-keberatan")).to_have_text("Dikabulkan (predikat diubah)")
    expect(pimpinan.locator("#predikat-sesudah")).to_have_text("Sangat Baik")

    keberatan = Keberatan.objects.get()
    assert (keberatan.predikat_sebelum, keberatan.predikat_sesudah) == ("baik", "sangat_baik")
    assert Penilaian.objects.get().predikat == "sangat_baik"

    # Back on the ASN's page: the new predikat and the objection's outcome, no second objection.
    asn.goto(f"{live_server.url}/kinerja/saya/?tahun={tahun}")
    expect(asn.get_by_role("link", name="Ajukan keberatan")).to_have_count(0)
    expect(asn.get_by_role("link", name="Keberatan: Dikabulkan (predikat diubah)")).to_be_visible()
    expect(asn.locator("article .badge").first).to_have_text("Sangat Baik")
