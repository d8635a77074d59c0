"""Working days (hari kerja), in which deadlines such as a complaint's are counted: pure functions, no ORM.

domain.md, "Citizen complaints": a working day is Monday to Friday, minus the Indonesian national holidays and the
instansi's own extra days off (cuti bersama and the like). Counting starts on the first working day *after* the event:
a complaint received on Friday 14 August 2026, with Monday 17 August a holiday, is due for verification (3 working
days) on Thursday 20 August. Elapsed time is counted in whole working days: answered the same day is 0, the next
working day is 1. **Ditunda** (on hold) pauses the clock.

The callers pass dates already converted to the instansi's time zone; the days off are any container of dates
(``date in libur``), usually a :class:`Kalender`.

Decisions where domain.md is silent (documented here so the UI can explain them):

* A pause runs from the day the complaint was put on hold to the day it was taken off hold. The working days
  *after* the hold day up to and including the resumption day do not count: the hold day itself counts (the clock
  was running when it began) and, like after the receipt, counting starts again on the first working day after the
  resumption. A hold that starts and ends on the same day changes nothing. A pause still running (no end) stops the
  clock for good until it ends.
* An event on a weekend or a holiday is counted like one on a working day: the next working day is day 1.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Jeda",
    "Kalender",
    "adalah_hari_kerja",
    "hari_kerja_setelah",
    "libur_nasional",
    "selisih_hari_kerja",
    "tambah_hari_kerja",
    "tenggat_hari_kerja",
]

SATU_HARI = datetime.timedelta(days=1)
# Far enough for any real deadline; a guard against an endless loop when a calendar has no working day at all.
BATAS_PENCARIAN_HARI = 366 * 5

Jeda = tuple[datetime.date, datetime.date | None]
"""A pause: the day it was put on hold and the day it was taken off hold (None while it still runs)."""


@lru_cache(maxsize=64)
def _libur_nasional_tahun(tahun: int) -> frozenset[datetime.date]:
    import holidays

    # Only the public category: cuti bersama are a per-instansi choice (its extra days off), not national holidays.
    return frozenset(holidays.Indonesia(years=tahun).keys())


def libur_nasional(tahun: Iterable[int]) -> frozenset[datetime.date]:
    """Indonesian national holidays of the given years, from the maintained `holidays` library."""
    hasil: frozenset[datetime.date] = frozenset()
    for t in tahun:
        hasil |= _libur_nasional_tahun(t)
    return hasil


@dataclass(frozen=True)
class Kalender(Container):
    """National holidays (any year, loaded when first asked) plus an instansi's own extra days off."""

    tambahan: frozenset[datetime.date] = field(default_factory=frozenset)
    nasional: bool = True

    def __contains__(self, tanggal: object) -> bool:
        if not isinstance(tanggal, datetime.date):
            return False
        if tanggal in self.tambahan:
            return True
        return self.nasional and tanggal in _libur_nasional_tahun(tanggal.year)


def _cek_tanggal(nama: str, nilai: object) -> datetime.date:
    # A datetime is a date too, but its time of day would be silently dropped: the caller converts to the zone first.
    if isinstance(nilai, datetime.datetime) or not isinstance(nilai, datetime.date):
        raise TypeError(f"{nama} harus datetime.date (tanggal di zona instansi), bukan {type(nilai).__name__}")
    return nilai


def adalah_hari_kerja(tanggal: datetime.date, libur: Container[datetime.date]) -> bool:
    """Monday–Friday and not a day off."""
    _cek_tanggal("tanggal", tanggal)
    return tanggal.weekday() < 5 and tanggal not in libur


def _hari_kerja_sesudah(mulai: datetime.date, libur: Container[datetime.date]) -> Iterator[datetime.date]:
    """The working days strictly after `mulai`, in order."""
    hari = mulai
    for _ in range(BATAS_PENCARIAN_HARI):
        hari += SATU_HARI
        if hari.weekday() < 5 and hari not in libur:
            yield hari
    raise ValueError("tidak ada hari kerja dalam lima tahun: periksa daftar hari libur")


def hari_kerja_setelah(tanggal: datetime.date, libur: Container[datetime.date]) -> datetime.date:
    """The first working day after `tanggal` (day 1 of any count that starts on it)."""
    _cek_tanggal("tanggal", tanggal)
    return next(_hari_kerja_sesudah(tanggal, libur))


def tambah_hari_kerja(start_date: datetime.date, n: int, libur: Container[datetime.date]) -> datetime.date:
    """The date `n` working days after `start_date`; `n = 0` is `start_date` itself.

    Friday 14 August 2026 + 3, with 17 August a holiday, is Thursday 20 August.
    """
    hasil = tenggat_hari_kerja(start_date, n, libur)
    assert hasil is not None  # only a pause without an end gives None, and there is none here
    return hasil


def _dijeda(hari: datetime.date, jeda: Iterable[Jeda]) -> bool:
    return any(mulai < hari and (selesai is None or hari <= selesai) for mulai, selesai in jeda)


def _normalisasi_jeda(jeda: Iterable[Jeda]) -> list[Jeda]:
    hasil = []
    for mulai, selesai in jeda:
        _cek_tanggal("jeda mulai", mulai)
        if selesai is not None:
            _cek_tanggal("jeda selesai", selesai)
            if selesai < mulai:
                raise ValueError(f"jeda berakhir ({selesai}) sebelum dimulai ({mulai})")
        hasil.append((mulai, selesai))
    return hasil


def selisih_hari_kerja(
    a: datetime.date, b: datetime.date, libur: Container[datetime.date], jeda: Iterable[Jeda] = ()
) -> int:
    """Whole working days elapsed from event day `a` to day `b`: the working days d with a < d ≤ b, less the paused
    ones. Same day is 0, the next working day 1. `b` before `a` is refused."""
    _cek_tanggal("a", a)
    _cek_tanggal("b", b)
    if b < a:
        raise ValueError(f"tanggal akhir {b} sebelum tanggal awal {a}")
    daftar_jeda = _normalisasi_jeda(jeda)
    jumlah = 0
    hari = a
    while hari < b:
        hari += SATU_HARI
        if hari.weekday() < 5 and hari not in libur and not _dijeda(hari, daftar_jeda):
            jumlah += 1
    return jumlah


def tenggat_hari_kerja(
    mulai: datetime.date, n: int, libur: Container[datetime.date], jeda: Iterable[Jeda] = ()
) -> datetime.date | None:
    """The deadline of something due `n` working days after event day `mulai`: the first day on which
    `selisih_hari_kerja(mulai, day) == n`. None while a pause without an end stops the clock before it is reached."""
    _cek_tanggal("mulai", mulai)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("n harus bilangan bulat")
    if n < 0:
        raise ValueError("n tidak boleh negatif")
    if n == 0:
        return mulai
    daftar_jeda = _normalisasi_jeda(jeda)
    terbuka = [m for m, s in daftar_jeda if s is None]
    hitung = 0
    for hari in _hari_kerja_sesudah(mulai, libur):
        if terbuka and any(hari > m for m in terbuka):
            return None
        if _dijeda(hari, daftar_jeda):
            continue
        hitung += 1
        if hitung == n:
            return hari
    raise AssertionError("unreachable")  # pragma: no cover
