"""The public survey: an answer saved for its OPD and service, all nine elements required, spam defences."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opd import batas
from opd.models import PenghitungBatas, TugasTertunda
from survei import services
from survei.models import Layanan, ResponSurvei
from tests.gangguan import fixture_broker_mati, fixture_cache_mati  # noqa: F401


def _jawaban_survei(**extra):
    data = {f"u{i}": "4" for i in range(1, 10)}
    data.update(extra)
    return data


def test_survey_answer_is_saved_for_the_opd_and_service(client, world):
    layanan = Layanan.objects.create(opd=world.opd, nama="Perekaman KTP-el")
    halaman = client.get(reverse("survei:survei", args=[world.opd.pk]) + f"?layanan={layanan.pk}")
    assert halaman.context["form"].initial["layanan"] == layanan.pk
    response = client.post(
        reverse("survei:survei", args=[world.opd.pk]),
        _jawaban_survei(layanan=layanan.pk, usia="34", jenis_kelamin="p", saran="Tambah kursi <b>antrean</b>"),
    )
    assert response.status_code == 302
    respon = ResponSurvei.objects.get()
    assert (respon.opd, respon.layanan, respon.skor, respon.usia) == (world.opd, layanan, (4,) * 9, 34)


def test_survey_requires_all_nine_elements_and_refuses_another_opds_service(client, world):
    response = client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei(u9=""))
    assert response.status_code == 422
    lain = Layanan.objects.create(opd=world.opd_lain, nama="Imunisasi")
    response = client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei(layanan=lain.pk))
    assert response.status_code == 422
    response = client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei(u1="5"))
    assert response.status_code == 422
    assert not ResponSurvei.objects.exists()


def test_survey_honeypot_and_rate_limit(client, world, monkeypatch):
    assert client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei(situs_web="x")).status_code == 400
    monkeypatch.setitem(batas.BATAS, "survei", (2, 3600))
    for _ in range(2):
        assert client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei()).status_code == 302
    assert client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei()).status_code == 429
    assert ResponSurvei.objects.count() == 2


def test_unknown_opd_survey_is_404(client, db):
    assert client.get(reverse("survei:survei", args=[999999])).status_code == 404


def test_service_layer_survey_refuses_wrong_element_count(world):
    with pytest.raises(ValidationError):
        services.survei_submit(opd=world.opd, skor=[4] * 8)


@pytest.mark.usefixtures("cache_mati", "broker_mati")
def test_survey_answers_are_saved_and_limited_while_redis_is_down(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(batas.BATAS, "survei", (2, 3600))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei()).status_code == 302
    assert client.post(reverse("survei:survei", args=[world.opd.pk]), _jawaban_survei()).status_code == 429
    assert ResponSurvei.objects.count() == 2
    assert PenghitungBatas.objects.get().jumlah == 2
    # The IKM feed of each answer waits in the outbox.
    assert list(TugasTertunda.objects.values_list("nama", flat=True)) == ["kinerja.survei.feed_opd"] * 2
    assert client.get(reverse("survei:survei", args=[world.opd.pk])).status_code == 200
