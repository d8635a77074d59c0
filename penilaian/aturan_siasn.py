"""What SIASN (BKN's national staff system) refuses in an evaluation record, as pure functions (no ORM), so every rule
is tested on its own and the pre-sync check and the export share them.

A record is one evaluation of one ASN for one period. The national system takes it only when:

* the ASN has a superior (the pejabat penilai), who is not the ASN themself;
* the superior stands above the ASN in the chain: in the same instansi; in the ASN's own OPD, except for the head of
  an OPD, whose superior is outside it (domain.md 4a); and not below the ASN (the chain upward from the superior
  never reaches the ASN);
* the superior is still active;
* the ASN has a unit (unit kerja), except the head of an OPD, whose unit is the OPD itself;
* the ASN's NIP and the superior's are valid (opd/nip.py);
* the evaluation is final;
* its predikat is what the two ratings give (penilaian/aturan.py's matrix).

The evaluator SIASN records is the superior; without one, the user who evaluated (an ASN when their account is linked
to a staff record, otherwise someone outside the ASN, such as a kepala daerah).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from opd.nip import NipError, parse_nip

from . import aturan

__all__ = ["Masalah", "Simpul", "bulan_periode", "masalah_nip", "masalah_penilaian", "masalah_rantai"]


class Masalah(StrEnum):
    """Why SIASN would refuse a record (codes; the pages word them)."""

    TANPA_ATASAN = "tanpa_atasan"
    PENILAI_DIRI_SENDIRI = "penilai_diri_sendiri"
    ATASAN_DI_LUAR_RANTAI = "atasan_di_luar_rantai"
    ATASAN_NONAKTIF = "atasan_nonaktif"
    UNIT_KOSONG = "unit_kosong"
    NIP_TIDAK_VALID = "nip_tidak_valid"
    NIP_ATASAN_TIDAK_VALID = "nip_atasan_tidak_valid"
    BELUM_FINAL = "belum_final"
    PREDIKAT_TIDAK_SESUAI = "predikat_tidak_sesuai"


@dataclass(frozen=True)
class Simpul:
    """A staff member as the chain check sees them."""

    pk: int
    opd_id: int
    instansi_id: int
    atasan_id: int | None
    aktif: bool = True


def bulan_periode(jenis: str, triwulan: int) -> tuple[int, int]:
    """First and last month of an evaluation period: the triwulan's three months, or the whole year."""
    if jenis == "tahunan":
        return 1, 12
    if triwulan not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1–4, bukan {triwulan!r}")
    return 3 * triwulan - 2, 3 * triwulan


def _di_bawah(atasan_id: int, pegawai_id: int, simpul: Mapping[int, Simpul]) -> bool:
    """Whether the chain upward from `atasan_id` reaches `pegawai_id` (the superior reports to the ASN)."""
    dilihat: set[int] = set()
    node = simpul.get(atasan_id)
    while node is not None and node.pk not in dilihat:
        if node.pk == pegawai_id:
            return True
        dilihat.add(node.pk)
        node = simpul.get(node.atasan_id) if node.atasan_id is not None else None
    return False


def masalah_rantai(pegawai: Simpul, *, kepala_opd: bool, ada_unit: bool, simpul: Mapping[int, Simpul]) -> list[Masalah]:
    """The superior and unit rules for one ASN. `simpul` holds the staff of the ASN's instansi by pk (a superior
    missing from it is outside the instansi); `kepala_opd`: the ASN heads their OPD."""
    hasil: list[Masalah] = []
    if not ada_unit and not kepala_opd:
        hasil.append(Masalah.UNIT_KOSONG)
    if pegawai.atasan_id is None:
        return [Masalah.TANPA_ATASAN, *hasil]
    if pegawai.atasan_id == pegawai.pk:
        return [Masalah.PENILAI_DIRI_SENDIRI, *hasil]
    atasan = simpul.get(pegawai.atasan_id)
    if (
        atasan is None
        or atasan.instansi_id != pegawai.instansi_id
        or (atasan.opd_id == pegawai.opd_id) == kepala_opd
        or _di_bawah(atasan.pk, pegawai.pk, simpul)
    ):
        hasil.insert(0, Masalah.ATASAN_DI_LUAR_RANTAI)
    elif not atasan.aktif:
        hasil.insert(0, Masalah.ATASAN_NONAKTIF)
    return hasil


def masalah_nip(nip: str, *, pns: bool) -> str:
    """Why the NIP is wrong, in words, or "" when it is valid."""
    try:
        parse_nip(nip, pns=pns)
    except NipError as exc:
        return str(exc)
    return ""


def masalah_penilaian(
    *, status: str, hasil_kerja: str, perilaku: str, predikat: str, penilai_adalah_pegawai: bool
) -> list[Masalah]:
    """The rules on the evaluation itself: final, evaluated by someone else, predikat from the two ratings."""
    hasil: list[Masalah] = []
    if penilai_adalah_pegawai:
        hasil.append(Masalah.PENILAI_DIRI_SENDIRI)
    if status not in ("final", "diakui"):
        hasil.append(Masalah.BELUM_FINAL)
        return hasil
    try:
        benar = aturan.predikat(hasil_kerja, perilaku).value
    except (ValueError, KeyError):
        benar = None
    if benar is None or predikat != benar:
        hasil.append(Masalah.PREDIKAT_TIDAK_SESUAI)
    return hasil
