"""The organisation predikat: set against the OPD's score, suggested with the instansi's own thresholds."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from evaluasi.models import SkorOpd
from penilaian import services_opd
from penilaian.models import PredikatOpd
from tests.penilaian.test_services import TAHUN

D = Decimal


@pytest.mark.django_db
def test_the_admin_instansi_sets_the_organisation_predikat_against_the_score(world):
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=3, skor=D("92.5"))
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=None)
    for peran in ("pimpinan_opd", "tim_evaluasi", "admin_bkn", "admin_lain"):
        with pytest.raises(PermissionDenied):
            services_opd.predikat_opd_tetapkan(actor=world.users[peran], opd=world.opd, tahun=TAHUN, predikat="baik")
    hasil = services_opd.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="butuh_perbaikan", catatan="IKM turun"
    )
    assert (hasil.predikat, hasil.predikat_saran, hasil.skor, hasil.triwulan_skor) == (
        "butuh_perbaikan",
        "baik",
        D("92.5"),
        3,
    )
    services_opd.predikat_opd_tetapkan(actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik")
    assert PredikatOpd.objects.get().predikat == "baik"
    assert PredikatOpd.history.count() == 2


@pytest.mark.django_db
def test_the_instansi_s_own_thresholds_decide_the_organisation_suggestion(client, world):
    from penilaian.models import AturanPenilaian

    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=D("95"))
    hasil = services_opd.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik"
    )
    assert hasil.predikat_saran == "baik"
    aturan = AturanPenilaian.objects.create(
        instansi=world.instansi,
        batas_istimewa=D(120),
        batas_baik=D(96),
        batas_butuh_perbaikan=D(80),
        batas_kurang=D(60),
    )
    hasil = services_opd.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik"
    )
    assert hasil.predikat_saran == "butuh_perbaikan"
    # The Admin Instansi keeps them in the admin, and sees only their own instansi's row.
    AturanPenilaian.objects.create(instansi=world.instansi_lain)
    client.force_login(world.users["admin_instansi"])
    response = client.get("/admin/penilaian/aturanpenilaian/")
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [aturan]


@pytest.mark.django_db
def test_the_thresholds_admin_pages_of_evaluasi_lead_to_penilaian(client, world):
    # AturanPenilaian moved from evaluasi to penilaian, and its admin address with the app label.
    client.force_login(world.users["admin_instansi"])
    lama = client.get("/admin/evaluasi/aturanpenilaian/?q=kupang")
    assert (lama.status_code, lama["Location"]) == (301, "/admin/penilaian/aturanpenilaian/?q=kupang")
    assert (
        client.get("/admin/evaluasi/aturanpenilaian/7/change/")["Location"]
        == "/admin/penilaian/aturanpenilaian/7/change/"
    )
    assert client.get("/admin/evaluasi/")["Location"] == "/admin/penilaian/"
