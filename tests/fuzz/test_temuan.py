"""What the fuzzing found, each pinned by a plain test: the answer a user gets instead of a 500."""

import pytest
from django.urls import reverse

from opd import masukan
from tests.matrix.penilaian import penilaian, peserta


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("2026", 2026),
        (" 7 ", 7),
        ("0", 0),
        ("9" * 18, 10**18 - 1),
        ("9" * 19, None),
        ("9" * 5000, None),
        ("²", None),
        ("①", None),
        ("٢٠٢٦", None),
        ("２０２６", None),
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("1_000", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_angka_reads_only_ascii_digits_of_a_sensible_length(teks, hasil):
    assert masukan.angka(teks) == hasil


def test_tahun_and_triwulan_fall_back_on_anything_else():
    assert masukan.tahun("2030", bawaan=2026) == 2030
    assert [masukan.tahun(t, bawaan=2026) for t in ("1999", "2101", "²⁰²⁶", "20260", "")] == [2026] * 5
    assert [masukan.triwulan(t) for t in ("1", "4", "0", "5", "¹", "11", None)] == [1, 4, None, None, None, None, None]


@pytest.mark.parametrize(
    ("nama", "peran", "args"),
    [
        ("dasbor:index", "admin_instansi", []),
        ("survei:ikm", "admin_instansi", []),
        ("transparansi:publik", None, []),
        ("indikator:periode_list", "admin_instansi", []),
        ("penilaian:daftar", "tim_evaluasi", []),
        ("laporan:minta", "admin_instansi", []),
    ],
)
def test_a_superscript_or_huge_number_in_the_query_is_ignored_not_a_500(client, world, nama, peran, args):
    if peran:
        client.force_login(world.users[peran])
    for nilai in ("²", "①", "9" * 5000):
        response = client.get(reverse(nama, args=args), {"tahun": nilai, "triwulan": nilai, "opd": nilai})
        assert response.status_code in (200, 404), (nilai, response.status_code)


def test_a_superscript_unit_in_the_grid_filter_is_ignored(client, world):
    from tests.matrix.evaluasi import grid_args, indikator

    indikator(world)
    client.force_login(world.users["tim_evaluasi"])
    response = client.get(reverse("evaluasi:grid", args=grid_args(world)), {"unit": "²", "halaman": "①"})
    assert response.status_code == 200


def test_a_nul_character_in_a_query_or_a_form_is_a_400(client, world):
    client.force_login(world.users["admin_instansi"])
    response = client.get(reverse("opd:pegawai_list"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert client.post(reverse("opd:lockout_reset"), {"username": "x\x00"}).status_code == 400
    assert client.get(reverse("opd:pegawai_list"), {"q\x00": "a"}).status_code == 400
    assert client.get(reverse("opd:pegawai_list"), {"q": "a"}).status_code == 200


def test_acknowledging_with_a_next_that_is_not_a_path_goes_to_the_evaluation(client, world):
    p = penilaian(world)
    client.force_login(world.users["asn"])
    response = client.post(reverse("penilaian:akui", args=[p.pk]), {"next": "0"})
    assert response.status_code == 302
    assert response["Location"] == reverse("penilaian:nilai", args=[p.pegawai_id, p.tahun, p.kode_periode])


def test_an_over_long_indicator_id_for_a_participant_is_a_form_error(client, world):
    client.force_login(world.users["admin_instansi"])
    response = client.post(
        reverse("penilaian:peserta_ubah", args=[peserta(world).pk]), {"kehadiran": "hadir", "indikator": "9" * 30}
    )
    assert response.status_code == 302
    assert peserta(world).indikator.count() == 0
    response = client.get(response["Location"])
    assert "bukan nilai yang valid" in response.content.decode() or "is not a valid value" in response.content.decode()


def test_a_username_longer_than_any_account_is_a_form_error_not_a_lockout_record(client, world):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "a" * 300, "password": "salah-sekali-123"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    # It never reached authenticate(): nothing was written to the lockout records (a database error on PostgreSQL).
    assert not AccessAttempt.objects.exists()
