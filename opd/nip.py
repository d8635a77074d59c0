"""NIP (Nomor Induk Pegawai) validation: 18 digits whose parts carry meaning (see docs/domain.md, Identity)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _


class NipError(ValueError):
    """Raised with a message that names the wrong part of the NIP."""


@dataclass(frozen=True)
class NipParts:
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: int  # 1 male, 2 female
    nomor_urut: str


def parse_nip(nip: str, *, pns: bool = True) -> NipParts:
    """Split and check a NIP. For a PNS digits 9-14 are the appointment YYYYMM; a PPPK number only needs digits there."""
    value = (nip or "").strip()
    if not value.isdigit() or not value.isascii():
        raise NipError(_("NIP hanya boleh berisi angka."))
    if len(value) != 18:
        raise NipError(_("NIP harus 18 digit (tertulis %(n)d digit).") % {"n": len(value)})
    try:
        lahir = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipError(_("Digit 1–8 NIP harus tanggal lahir yang benar (TTTTBBHH).")) from None
    if lahir.year < 1900 or lahir > date.today():
        raise NipError(_("Digit 1–8 NIP harus tanggal lahir yang benar (TTTTBBHH)."))
    tmt_tahun, tmt_bulan = int(value[8:12]), int(value[12:14])
    if pns:
        if not 1 <= tmt_bulan <= 12:
            raise NipError(_("Digit 13–14 NIP (bulan pengangkatan) harus 01 sampai 12."))
        if tmt_tahun < lahir.year:
            raise NipError(_("Digit 9–12 NIP (tahun pengangkatan) tidak boleh sebelum tahun lahir."))
    gender = int(value[14])
    if gender not in (1, 2):
        raise NipError(_("Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."))
    return NipParts(lahir, tmt_tahun, tmt_bulan, gender, value[15:18])


def validate_nip(nip: str) -> None:
    """Django validator form of parse_nip for a PNS number (the stricter rule)."""
    from django.core.exceptions import ValidationError

    try:
        parse_nip(nip)
    except NipError as exc:
        raise ValidationError(str(exc), code="nip") from exc
