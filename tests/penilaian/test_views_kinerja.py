"""Feedback on "Kinerja saya": the evaluations of the year, their acknowledgement, and who may read them."""

import pytest
from django.urls import reverse

from penilaian import services
from penilaian.models import Penilaian
from tests.evaluasi.test_recalc import make_indikator
from tests.penilaian.test_services import TAHUN, iki_dengan_capaian, simpan
from tests.penilaian.test_views import _assert_no_inline, _text, nilai_url


@pytest.mark.django_db
def test_kinerja_saya_shows_the_feedback_and_the_asn_acknowledges_it(client, world):
    ind = iki_dengan_capaian(world, world.pegawai, ("IKI-1", 8, 1, True))["IKI-1"]
    simpan(
        world,
        hasil_kerja="di_bawah",
        umpan_balik="Ikuti pelatihan pelayanan publik.",
        umpan_balik_indikator={ind.pk: "Waktu perekaman masih 22 menit."},
        finalkan=True,
    )
    simpan(
        world,
        periode=services.PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 2),
        hasil_kerja="sesuai",
        alasan_hasil_kerja="draf",
        umpan_balik="Draf rahasia",
    )
    client.force_login(world.users["asn"])
    response = client.get(reverse("kinerja:saya"), {"tahun": TAHUN})
    html = response.content.decode()
    text = _text(html)
    assert "Penilaian TW I 2026 Butuh Perbaikan Final" in text
    assert "Ikuti pelatihan pelayanan publik." in text
    assert "IKI-1 Indikator IKI-1: Waktu perekaman masih 22 menit." in text
    assert "Draf rahasia" not in html
    assert response.context["umpan_balik"][0]["isi"] == "Ikuti pelatihan pelayanan publik."
    _assert_no_inline(html)
    final = Penilaian.objects.get(triwulan=1)
    response = client.post(
        reverse("penilaian:akui", args=[final.pk]), {"next": reverse("kinerja:saya") + f"?tahun={TAHUN}"}
    )
    assert response.status_code == 302 and response["Location"] == f"/kinerja/saya/?tahun={TAHUN}"
    final.refresh_from_db()
    assert final.status == "diakui"
    assert "Saya sudah membaca" not in client.get(reverse("kinerja:saya"), {"tahun": TAHUN}).content.decode()
    # An off-site "next" is ignored.
    final.status = "final"
    final.save()
    response = client.post(reverse("penilaian:akui", args=[final.pk]), {"next": "https://contoh.invalid/"})
    assert response["Location"] == nilai_url(world.pegawai)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 4])
def test_kinerja_saya_query_count_does_not_grow_with_evaluations(client, world, django_assert_num_queries, n):
    ind = make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    for q in range(1, n + 1):
        simpan(
            world,
            periode=services.PeriodePenilaian(Penilaian.Jenis.TRIWULAN, q),
            hasil_kerja="sesuai",
            alasan_hasil_kerja="x",
            umpan_balik_indikator={ind.pk: f"Catatan TW {q}"},
            finalkan=True,
        )
    client.force_login(world.users["asn"])
    # The 13 of tests/evaluasi/test_kinerja_views.py, the prefetch of the feedback per indicator, and the objection
    # windows (the instansi's number of days, its days off, the objections filed).
    with django_assert_num_queries(17):
        response = client.get(reverse("kinerja:saya"), {"tahun": TAHUN})
    assert len(response.context["penilaian_umpan_balik"]) == n


@pytest.mark.django_db
def test_a_colleague_page_shows_feedback_only_to_those_who_may_read_evaluations(client, world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", umpan_balik="Umpan balik khusus", finalkan=True)
    client.force_login(world.users["petugas_pengaduan"])  # reads the OPD, not the evaluations
    html = client.get(reverse("kinerja:pegawai", args=[world.pegawai.pk]), {"tahun": TAHUN}).content.decode()
    assert "Umpan balik khusus" not in html
    client.force_login(world.users["pimpinan_opd"])
    html = client.get(reverse("kinerja:pegawai", args=[world.pegawai.pk]), {"tahun": TAHUN}).content.decode()
    assert "Umpan balik khusus" in html
