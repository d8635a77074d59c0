"""Staff pages of the survey: services with their printable QR codes, and the survey results."""

from decimal import Decimal

from django.urls import reverse

from survei import services
from survei.models import Layanan


def test_services_and_printable_qr(client_for, world):
    client = client_for(world.users["tim_evaluasi"])
    response = client.post(reverse("survei:layanan_list"), {"opd": world.opd.pk, "nama": "Perekaman KTP-el"})
    assert response.status_code == 302
    layanan = Layanan.objects.get()
    dobel = client.post(reverse("survei:layanan_list"), {"opd": world.opd.pk, "nama": "perekaman ktp-el"})
    assert dobel.status_code == 422
    qr = client.get(reverse("survei:layanan_qr", args=[layanan.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<svg")
    cetak = client.get(reverse("survei:layanan_cetak", args=[layanan.pk])).content.decode()
    assert f"http://testserver/survei/{world.opd.pk}/?layanan={layanan.pk}" in cetak
    # Another OPD's team may not add to this OPD.
    lain = client.post(reverse("survei:layanan_list"), {"opd": world.opd_lain.pk, "nama": "Imunisasi"})
    assert lain.status_code == 422


def test_qr_code_encodes_the_survey_link(client_for, world):
    import segno

    layanan = Layanan.objects.create(opd=world.opd, nama="Akta kelahiran")
    response = client_for(world.users["admin_instansi"]).get(reverse("survei:layanan_qr", args=[layanan.pk]))
    expected = segno.make(f"http://testserver/survei/{world.opd.pk}/?layanan={layanan.pk}", error="m")
    assert response.content.decode() == expected.svg_inline(scale=8, border=2, dark="#000", light="#fff")


def test_ikm_page_shows_the_domain_example(client_for, world, jam):
    jam(2026, 5, 4, 9)
    layanan = Layanan.objects.create(opd=world.opd, nama="KTP-el")
    for skor in [
        (4, 3, 3, 4, 4, 3, 3, 2, 3),
        (3, 3, 2, 4, 3, 3, 4, 3, 3),
        (4, 4, 3, 4, 4, 4, 4, 3, 4),
        (3, 2, 3, 4, 3, 3, 3, 2, 3),
    ]:
        services.survei_submit(opd=world.opd, layanan=layanan, skor=skor)
    response = client_for(world.users["tim_evaluasi"]).get(reverse("survei:ikm") + "?tahun=2026&triwulan=2")
    hasil = response.context["hasil"][0]
    assert (hasil.hasil.konversi, hasil.hasil.mutu) == (Decimal("81.25"), "B")
    assert "81,25" in response.content.decode()
