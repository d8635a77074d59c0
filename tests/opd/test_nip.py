"""NIP validation: each wrong part of the number is refused with a message naming that part."""

from datetime import date

import pytest

from opd.nip import NipError, NipParts, parse_nip
from tests.factories import valid_nip

MSG_ANGKA = "NIP hanya boleh berisi angka."
MSG_LAHIR = "Digit 1–8 NIP harus tanggal lahir yang benar (TTTTBBHH)."
MSG_BULAN_TMT = "Digit 13–14 NIP (bulan pengangkatan) harus 01 sampai 12."
MSG_TAHUN_TMT = "Digit 9–12 NIP (tahun pengangkatan) tidak boleh sebelum tahun lahir."
MSG_KELAMIN = "Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."

#            lahir    tmt    jk urut
VALID_PNS = "198702152010012001"
VALID_PPPK = "199007122021101014"


def _message(nip: str, *, pns: bool = True) -> str:
    with pytest.raises(NipError) as exc_info:
        parse_nip(nip, pns=pns)
    return str(exc_info.value)


def test_parse_nip_accepts_a_valid_pns_number_and_splits_it():
    assert parse_nip(VALID_PNS) == NipParts(
        tanggal_lahir=date(1987, 2, 15), tmt_tahun=2010, tmt_bulan=1, jenis_kelamin=2, nomor_urut="001"
    )


def test_parse_nip_accepts_a_valid_pppk_number():
    assert parse_nip(VALID_PPPK, pns=False) == NipParts(
        tanggal_lahir=date(1990, 7, 12), tmt_tahun=2021, tmt_bulan=10, jenis_kelamin=1, nomor_urut="014"
    )


def test_parse_nip_strips_surrounding_spaces():
    assert parse_nip(f"  {VALID_PNS} ").nomor_urut == "001"


def test_parse_nip_accepts_the_factory_numbers():
    for _i in range(30):
        parse_nip(valid_nip(sex=2))


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        pytest.param(VALID_PNS[:17], "NIP harus 18 digit (tertulis 17 digit).", id="17-digits"),
        pytest.param(VALID_PNS + "1", "NIP harus 18 digit (tertulis 19 digit).", id="19-digits"),
        pytest.param("19870215201001200A", MSG_ANGKA, id="letter"),
        pytest.param("19870215-201001-2-001", MSG_ANGKA, id="dashes"),
        pytest.param("", MSG_ANGKA, id="empty"),
        pytest.param("١٩٨٧٠٢١٥٢٠١٠٠١٢٠٠١", MSG_ANGKA, id="non-ascii-digits"),
        pytest.param("198702302010012001", MSG_LAHIR, id="birth-30-february"),
        pytest.param("198713152010012001", MSG_LAHIR, id="birth-month-13"),
        pytest.param("189912312010012001", MSG_LAHIR, id="birth-before-1900"),
        pytest.param(f"{date.today().year + 1}01012010012001", MSG_LAHIR, id="birth-in-future"),
        pytest.param("198702152010132001", MSG_BULAN_TMT, id="appointment-month-13"),
        pytest.param("198702152010002001", MSG_BULAN_TMT, id="appointment-month-00"),
        pytest.param("198702151980012001", MSG_TAHUN_TMT, id="appointment-before-birth"),
        pytest.param("198702152010013001", MSG_KELAMIN, id="gender-3"),
        pytest.param("198702152010010001", MSG_KELAMIN, id="gender-0"),
    ],
)
def test_parse_nip_refuses_with_the_part_that_is_wrong(nip, expected):
    assert _message(nip) == expected


def test_each_kind_of_wrong_nip_has_its_own_message():
    messages = {
        "length": _message(VALID_PNS[:17]),
        "letters": _message("19870215201001200A"),
        "birth date": _message("198702302010012001"),
        "appointment month": _message("198702152010132001"),
        "gender": _message("198702152010013001"),
    }
    assert len(set(messages.values())) == 5


def test_an_impossible_birth_date_a_birth_month_13_and_a_future_birth_date_share_the_birth_date_message():
    # parse_nip names the part (digits 1–8), not which calendar rule it breaks.
    assert {
        _message("198702302010012001"),
        _message("198713152010012001"),
        _message("209901012010012001"),
    } == {MSG_LAHIR}


def test_pppk_number_with_appointment_month_00_is_accepted_while_a_pns_number_is_refused():
    nip = "199007122021001014"
    assert parse_nip(nip, pns=False).tmt_bulan == 0
    assert _message(nip, pns=True) == MSG_BULAN_TMT


def test_pppk_numbers_still_need_a_real_birth_date_and_a_gender_digit():
    assert _message("199002302021001014", pns=False) == MSG_LAHIR
    assert _message("199007122021003014", pns=False) == MSG_KELAMIN


def test_letters_are_reported_before_the_length():
    assert _message("A" * 17) == MSG_ANGKA
