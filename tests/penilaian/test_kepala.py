"""Rule 4a: a head of OPD is evaluated by their superior outside the OPD, never by the OPD's own team, and their
suggested rating hasil kerja follows the organisation predikat."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from evaluasi.models import SkorOpd
from opd.lingkup import get_lingkup
from opd.models import Peran
from penilaian import selectors
from penilaian.models import AturanPenilaian, Penilaian, PredikatOpd
from penilaian.selectors_opd import ringkasan_opd
from tests.factories import PegawaiFactory, user_with_role
from tests.penilaian.test_services import TAHUN, TAHUNAN, TW1, simpan


@pytest.fixture
def kepala(world):
    """world.opd's head, whose superior is the Sekda of the instansi's Sekretariat Daerah (world.opd_lain here)."""
    sekda = PegawaiFactory(opd=world.opd_lain, jabatan="Sekretaris Daerah", jenis_jabatan="struktural")
    world.sekda = user_with_role(Peran.ASN, pegawai=sekda, username="sekda")
    kepala = PegawaiFactory(opd=world.opd, jabatan="Kepala Dinas", jenis_jabatan="struktural", atasan=sekda)
    world.opd.kepala = kepala
    world.opd.save()
    kepala.refresh_from_db()
    return kepala


def nilai_url(pegawai, periode="tw1"):
    return reverse("penilaian:nilai", args=[pegawai.pk, TAHUN, periode])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["tim_evaluasi", "pimpinan_opd"])
def test_the_opds_own_team_cannot_open_its_heads_appraisal(client, world, kepala, role):
    client.force_login(world.users[role])
    assert client.get(nilai_url(kepala)).status_code == 404
    assert client.post(nilai_url(kepala), {"versi": 0, "aksi": "simpan"}).status_code == 404
    # Their other staff stay theirs.
    assert client.get(nilai_url(world.pegawai)).status_code == 200


@pytest.mark.django_db
def test_the_heads_superior_outside_the_opd_appraises_them(client, world, kepala):
    client.force_login(world.sekda)
    response = client.get(nilai_url(kepala))
    assert response.status_code == 200 and response.context["boleh_menilai"]
    hasil = simpan(world, kepala, actor=world.sekda, hasil_kerja="sesuai", alasan_hasil_kerja="Tanpa predikat.")
    assert hasil.penilai == world.sekda
    with pytest.raises(PermissionDenied):
        simpan(world, kepala, actor=world.users["tim_evaluasi"], periode=TAHUNAN, hasil_kerja="sesuai")


@pytest.mark.django_db
def test_a_superior_inside_the_heads_opd_does_not_appraise_them(world, kepala):
    dalam = PegawaiFactory(opd=world.opd)
    user = user_with_role(Peran.ASN, pegawai=dalam)
    kepala.atasan = dalam
    kepala.save()
    kepala.refresh_from_db()
    assert not selectors.boleh_menilai(get_lingkup(user), kepala)
    assert kepala not in [r.pegawai for r in selectors.daftar_kerja(user=user, tahun=TAHUN, periode=TW1)]


@pytest.mark.django_db
def test_the_head_leaves_the_teams_worklist_and_the_opd_summary(world, kepala):
    tim = selectors.daftar_kerja(user=world.users["tim_evaluasi"], tahun=TAHUN, periode=TW1)
    assert kepala.pk not in {r.pegawai.pk for r in tim} and world.pegawai.pk in {r.pegawai.pk for r in tim}
    sekda = selectors.daftar_kerja(user=world.sekda, tahun=TAHUN, periode=TW1)
    assert [r.pegawai.pk for r in sekda] == [kepala.pk]
    ringkasan = ringkasan_opd(opd=world.opd, tahun=TAHUN, periode=TW1)
    assert kepala.pk not in {b.pegawai.pk for b in ringkasan.baris}
    # The admins still read the head's appraisal.
    assert selectors.boleh_baca(get_lingkup(world.users["admin_instansi"]), kepala)
    assert not selectors.boleh_baca(get_lingkup(world.users["tim_evaluasi"]), kepala)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("organisasi", "saran"),
    [
        ("istimewa", "di_atas"),
        ("baik", "sesuai"),
        ("butuh_perbaikan", "di_bawah"),
        ("kurang", "di_bawah"),
        ("sangat_kurang", "di_bawah"),
    ],
)
def test_the_heads_suggestion_follows_the_organisation_predikat(client, world, kepala, organisasi, saran):
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, predikat=organisasi)
    figur = selectors.figur_penilaian(pegawai=kepala, tahun=TAHUN, triwulan=1)
    assert figur.saran.rating == saran
    assert (figur.kepala.predikat_organisasi, figur.kepala.ditetapkan) == (organisasi, True)
    client.force_login(world.sekda)
    dasar = client.get(nilai_url(kepala)).content.decode()
    assert "Mengikuti predikat organisasi" in dasar and "ditetapkan Admin Instansi" in dasar
    [row] = selectors.daftar_kerja(user=world.sekda, tahun=TAHUN, periode=TW1)
    assert row.saran == saran
    # The evaluation keeps it as its suggestion: following it needs no justification.
    hasil = simpan(world, kepala, actor=world.sekda, hasil_kerja=saran)
    assert (hasil.hasil_kerja_saran, hasil.alasan_hasil_kerja) == (saran, "")


@pytest.mark.django_db
def test_without_a_set_predikat_the_score_suggests_it_and_the_instansi_table_maps_it(world, kepala):
    assert selectors.figur_penilaian(pegawai=kepala, tahun=TAHUN, triwulan=1).saran.rating is None
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=1, skor=Decimal("112"))
    figur = selectors.figur_penilaian(pegawai=kepala, tahun=TAHUN, triwulan=1)
    assert (figur.kepala.predikat_organisasi, figur.kepala.ditetapkan, figur.saran.rating) == (
        "istimewa",
        False,
        "di_atas",
    )
    AturanPenilaian.objects.create(instansi=world.instansi, kepala_istimewa="sesuai")
    assert selectors.figur_penilaian(pegawai=kepala, tahun=TAHUN, triwulan=1).saran.rating == "sesuai"


@pytest.mark.django_db
def test_staff_suggestion_is_unchanged_by_the_organisation_predikat(world, kepala):
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, predikat="istimewa")
    figur = selectors.figur_penilaian(pegawai=world.pegawai, tahun=TAHUN, triwulan=1)
    assert figur.kepala is None and figur.saran.rating is None


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 5])
def test_sekda_worklist_query_count_is_flat_with_heads(client, world, kepala, django_assert_num_queries, n):
    from tests.factories import OpdFactory

    sekda = kepala.atasan
    for i in range(n - 1):
        opd = OpdFactory(instansi=world.instansi, kode=f"OPD{i}")
        opd.kepala = PegawaiFactory(opd=opd, atasan=sekda)
        opd.save()
    client.force_login(world.sekda)
    # Per request (5), the page (5), the objections to decide (1), the heads' organisation predikat, instansi rules
    # and OPD scores (3), the user's own evaluations (1); an ASN has no OPD summary to open (no query).
    with django_assert_num_queries(15):
        response = client.get(reverse("penilaian:daftar"), {"tahun": TAHUN, "periode": "tw1"})
    assert len(response.context["rows"]) == n
    assert Penilaian.objects.count() == 0
