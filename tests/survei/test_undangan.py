"""One-time survey invitations: created once per origin, and the public page takes one response per link; a second
use gets a clear message and records nothing."""

import pytest
from django.urls import reverse

from survei import services
from survei.models import Layanan, ResponSurvei, UndanganSurvei


def _jawaban(**extra):
    data = {f"u{i}": "3" for i in range(1, 10)}
    data.update(extra)
    return data


@pytest.fixture
def undangan(world):
    return services.undangan_buat(opd=world.opd, asal="PGD-2026-000001", dikirim_ke="maria@example.org")


def test_undangan_buat_is_once_per_origin(world, undangan):
    assert len(undangan.token) >= 32
    assert (undangan.opd, undangan.instansi_id, undangan.dipakai_pada) == (world.opd, world.instansi.pk, None)
    assert services.undangan_buat(opd=world.opd, asal="PGD-2026-000001") is None
    assert UndanganSurvei.objects.count() == 1
    # Without an origin every call is a new invitation, each with its own token.
    a = services.undangan_buat(opd=world.opd)
    b = services.undangan_buat(opd=world.opd)
    assert a.token != b.token


def test_survei_submit_undangan_records_one_response(world, undangan):
    services.survei_submit_undangan(undangan=undangan, skor=(4,) * 9)
    undangan.refresh_from_db()
    assert undangan.dipakai_pada is not None
    with pytest.raises(services.UndanganTidakBerlaku):
        services.survei_submit_undangan(undangan=undangan, skor=(1,) * 9)
    assert list(ResponSurvei.objects.values_list("opd", "u1")) == [(world.opd.pk, 4)]


def test_invitation_page_takes_one_response(client, world, undangan):
    layanan = Layanan.objects.create(opd=world.opd, nama="Perekaman KTP-el")
    url = reverse("survei:undangan", args=[undangan.token])
    halaman = client.get(url)
    assert halaman.status_code == 200
    assert world.opd.nama in halaman.content.decode()
    response = client.post(url, _jawaban(layanan=layanan.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("survei:survei_terima_kasih", args=[world.opd.pk])
    respon = ResponSurvei.objects.get()
    assert (respon.opd, respon.layanan, respon.skor) == (world.opd, layanan, (3,) * 9)
    # The second use: a clear message, nothing recorded.
    lagi = client.get(url)
    assert lagi.status_code == 410
    assert "sudah dipakai" in lagi.content.decode()
    assert client.post(url, _jawaban()).status_code == 410
    assert ResponSurvei.objects.count() == 1


def test_invitation_page_bad_input_is_a_form_error_and_keeps_the_link(client, undangan):
    url = reverse("survei:undangan", args=[undangan.token])
    response = client.post(url, _jawaban(u9=""))
    assert response.status_code == 422
    assert "u9" in response.context["form"].errors
    undangan.refresh_from_db()
    assert undangan.dipakai_pada is None
    assert client.post(url, _jawaban()).status_code == 302


def test_unknown_invitation_is_404(client, undangan):
    assert client.get(reverse("survei:undangan", args=["bukan-token"])).status_code == 404
    assert client.get(reverse("survei:undangan", args=["x" * 300])).status_code == 404
