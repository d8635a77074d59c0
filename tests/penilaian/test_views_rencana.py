"""The work plan beside the realisations."""

from decimal import Decimal

import pytest
from django.urls import reverse

from penilaian.models import RencanaAksi, RencanaKerja
from tests.evaluasi.test_recalc import make_indikator
from tests.penilaian.test_services import TAHUN
from tests.penilaian.test_views import _assert_no_inline, _text

D = Decimal


@pytest.mark.django_db
def test_the_work_plan_sits_beside_the_realisations(client, world):
    ind = make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    Realisasi = ind.realisasi_set.model
    Realisasi.objects.create(indikator=ind, triwulan=3, nilai=D(7), status="diajukan", kendala="Server SIAK putus")
    url = reverse("penilaian:rencana", args=[world.pegawai.pk, TAHUN, 3])
    client.force_login(world.users["asn"])
    response = client.post(url, {"versi": 0, "aksi": "ajukan", f"aksi_{ind.pk}": "", f"jadwal_{ind.pk}": ""})
    assert response.status_code == 422
    response = client.post(
        url, {"versi": 0, "aksi": "ajukan", f"aksi_{ind.pk}": "Entri susulan hari Sabtu", f"jadwal_{ind.pk}": "Agustus"}
    )
    assert response.status_code == 302
    rencana = RencanaKerja.objects.get()
    assert rencana.status == "diajukan" and RencanaAksi.objects.get().jadwal == "Agustus"

    client.force_login(world.users["tim_evaluasi"])
    response = client.get(url)
    text = _text(response.content.decode())
    assert (
        "IKI-1 Indikator IKI-1 (%) 10,00 7,00 Diajukan Kendala: Server SIAK putus – Entri susulan hari Sabtu Jadwal: Agustus"
        in text
    )
    assert "Setujui" in text
    _assert_no_inline(response.content.decode())
    response = client.post(
        reverse("penilaian:rencana_putuskan", args=[rencana.pk]),
        {"versi": rencana.versi, "aksi": "setujui", "catatan": ""},
    )
    assert response.status_code == 302
    rencana.refresh_from_db()
    assert rencana.status == "disetujui"
    client.force_login(world.users["asn"])
    response = client.get(url)
    assert response.context["form"] is None  # approved: read-only
    assert "Disetujui oleh" in response.content.decode()
