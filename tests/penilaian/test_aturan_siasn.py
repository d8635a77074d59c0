"""The rules of what SIASN refuses, exhaustively on small graphs (penilaian/aturan_siasn.py)."""

import itertools

import pytest

from penilaian import aturan
from penilaian.aturan_siasn import (
    Masalah,
    Simpul,
    bulan_periode,
    masalah_nip,
    masalah_penilaian,
    masalah_rantai,
)

M = Masalah


def graf(*simpul: Simpul) -> dict[int, Simpul]:
    return {s.pk: s for s in simpul}


# Kepala (1) heads OPD 10; sekretaris (2) and staf (3) below him; the Sekda (9) of OPD 90 is the head's superior.
SEKDA = Simpul(9, 90, 1, None)
KEPALA = Simpul(1, 10, 1, 9)
SEK = Simpul(2, 10, 1, 1)
STAF = Simpul(3, 10, 1, 2)
DASAR = graf(SEKDA, KEPALA, SEK, STAF)


@pytest.mark.parametrize(
    ("triwulan", "jenis", "bulan"),
    [
        (1, "triwulan", (1, 3)),
        (2, "triwulan", (4, 6)),
        (3, "triwulan", (7, 9)),
        (4, "triwulan", (10, 12)),
        (4, "tahunan", (1, 12)),
    ],
)
def test_bulan_periode(triwulan, jenis, bulan):
    assert bulan_periode(jenis, triwulan) == bulan


def test_bulan_periode_refuses_a_fifth_quarter():
    with pytest.raises(ValueError):
        bulan_periode("triwulan", 5)


def test_a_sound_chain_has_no_problem():
    assert masalah_rantai(STAF, kepala_opd=False, ada_unit=True, simpul=DASAR) == []
    assert masalah_rantai(SEK, kepala_opd=False, ada_unit=True, simpul=DASAR) == []
    # The head of an OPD: superior outside the OPD, and no unit needed (the OPD is their unit).
    assert masalah_rantai(KEPALA, kepala_opd=True, ada_unit=False, simpul=DASAR) == []


def test_no_superior_and_no_unit():
    tanpa = Simpul(3, 10, 1, None)
    assert masalah_rantai(tanpa, kepala_opd=False, ada_unit=True, simpul=DASAR) == [M.TANPA_ATASAN]
    assert masalah_rantai(tanpa, kepala_opd=False, ada_unit=False, simpul=DASAR) == [M.TANPA_ATASAN, M.UNIT_KOSONG]
    assert masalah_rantai(STAF, kepala_opd=False, ada_unit=False, simpul=DASAR) == [M.UNIT_KOSONG]


def test_superior_equal_to_the_asn():
    diri = Simpul(3, 10, 1, 3)
    assert masalah_rantai(diri, kepala_opd=False, ada_unit=True, simpul=graf(diri)) == [M.PENILAI_DIRI_SENDIRI]


@pytest.mark.parametrize(
    ("pegawai", "kepala_opd", "simpul"),
    [
        # The superior is in another OPD while the ASN does not head theirs.
        (Simpul(3, 10, 1, 9), False, DASAR),
        # The head's superior is inside the OPD (below them): domain.md 4a.
        (Simpul(1, 10, 1, 2), True, graf(SEKDA, Simpul(1, 10, 1, 2), SEK, STAF)),
        # The superior reports to the ASN, directly or through others (a loop).
        (Simpul(2, 10, 1, 3), False, graf(KEPALA, Simpul(2, 10, 1, 3), STAF)),
        (Simpul(1, 10, 1, 3), True, graf(Simpul(1, 10, 1, 3), SEK, STAF)),
        # The superior is not staff of this instansi at all.
        (Simpul(3, 10, 1, 77), False, DASAR),
        (Simpul(3, 10, 1, 8), False, graf(Simpul(8, 10, 2, None), STAF)),
    ],
)
def test_superior_outside_the_upward_chain(pegawai, kepala_opd, simpul):
    assert masalah_rantai(pegawai, kepala_opd=kepala_opd, ada_unit=True, simpul=simpul) == [M.ATASAN_DI_LUAR_RANTAI]


def test_a_loop_above_the_superior_that_does_not_pass_the_asn_is_not_theirs():
    # 2 and 1 report to each other; 3 reports to 2: 3's superior is above 3 (the loop is 1's and 2's problem).
    simpul = graf(Simpul(1, 10, 1, 2), Simpul(2, 10, 1, 1), STAF)
    assert masalah_rantai(STAF, kepala_opd=False, ada_unit=True, simpul=simpul) == []
    assert masalah_rantai(simpul[2], kepala_opd=False, ada_unit=True, simpul=simpul) == [M.ATASAN_DI_LUAR_RANTAI]


def test_inactive_superior():
    simpul = graf(KEPALA, Simpul(2, 10, 1, 1, aktif=False), STAF)
    assert masalah_rantai(STAF, kepala_opd=False, ada_unit=True, simpul=simpul) == [M.ATASAN_NONAKTIF]


def test_masalah_nip():
    assert masalah_nip("198702152010012001", pns=True) == ""
    assert masalah_nip("19870215201001200", pns=True) == "NIP harus 18 digit (tertulis 17 digit)."
    assert masalah_nip("198702152010132001", pns=True) == "Digit 13–14 NIP (bulan pengangkatan) harus 01 sampai 12."
    assert masalah_nip("198702152021002001", pns=False) == ""


RATINGS = [r.value for r in aturan.Rating]
PREDIKAT = [p.value for p in aturan.Predikat]


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), list(itertools.product(RATINGS, RATINGS, PREDIKAT)))
def test_predikat_must_follow_from_the_two_ratings(hasil, perilaku, predikat):
    for status in ("final", "diakui"):
        got = masalah_penilaian(
            status=status, hasil_kerja=hasil, perilaku=perilaku, predikat=predikat, penilai_adalah_pegawai=False
        )
        assert got == ([] if aturan.predikat(hasil, perilaku).value == predikat else [M.PREDIKAT_TIDAK_SESUAI])


def test_a_final_evaluation_without_ratings_has_no_predikat_that_follows():
    got = masalah_penilaian(status="final", hasil_kerja="", perilaku="", predikat="baik", penilai_adalah_pegawai=False)
    assert got == [M.PREDIKAT_TIDAK_SESUAI]


def test_a_draft_is_not_final_and_is_not_judged_further():
    got = masalah_penilaian(status="draf", hasil_kerja="", perilaku="", predikat="", penilai_adalah_pegawai=True)
    assert got == [M.PENILAI_DIRI_SENDIRI, M.BELUM_FINAL]
