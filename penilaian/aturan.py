"""Individual and organisation evaluation arithmetic (domain.md, "Individual evaluation"; PermenPAN-RB 6/2022).

Pure functions with no ORM, so the rules can be tested exhaustively and reused by pages, services and the demo:

* the suggested *rating hasil kerja* from an ASN's stored capped achievements, the instansi's tolerance and the
  "more than half the weight" rules;
* the suggested *rating perilaku kerja* from the seven BerAKHLAK scores;
* the *predikat kinerja* matrix;
* the suggested organisation predikat from an OPD's score;
* the distribution check of the staff's predikat against the organisation predikat.

Everything that decides is exact: Decimal or integer arithmetic, never floats.

Decisions where domain.md is silent (kept here so the UI can explain them):

* An indicator without a capped achievement (*belum diisi*, *tidak dapat dihitung*) or with weight 0 is left out of
  the hasil-kerja suggestion, as it is left out of scores. With nothing left there is no suggestion (None): the
  evaluator decides and, having no suggestion to confirm, writes the basis of the decision.
* "More than half the weight" is strict: exactly half is not more than half, so it gives Sesuai.
* "No main (utama) indicator is below" looks at the counted indicators only.
* In the distribution rules "Kurang" is Kurang/Misconduct; percentages are of the staff with a decided predikat.
* A head of OPD's suggested hasil kerja (rule 4a) follows the organisation predikat set for the year; before one is
  set, the predikat suggested from the OPD's stored score of the period's triwulan; with neither there is none.
* The objection window (rule 7) counts working days as complaints do: the day after the evaluation was finalised is
  day 1 (in the instansi's zone); an objection is still accepted on the last day.
* Before and after a training: a quarter is *before* when it ended before the training began, *after* when more
  than half of its days fall after the training ended, and *during* otherwise (shown, but in neither average).
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from indikator.capaian import PenilaianIndikator, nilai_indikator_terhadap_ekspektasi
from opd.hari_kerja import tambah_hari_kerja

__all__ = [
    "NILAI_BERAKHLAK",
    "AturanDistribusi",
    "BatasPredikatOrganisasi",
    "HasilAturan",
    "IndikatorHasilKerja",
    "KelompokTriwulan",
    "Predikat",
    "PredikatOrganisasi",
    "Rating",
    "SaranHasilKerja",
    "PEMETAAN_KEPALA",
    "batas_keberatan",
    "batas_triwulan",
    "keberatan_masih_dibuka",
    "kelompok_triwulan",
    "periksa_distribusi",
    "persen",
    "predikat",
    "rerata_perilaku",
    "saran_hasil_kerja",
    "saran_hasil_kerja_kepala",
    "saran_perilaku",
    "saran_perilaku_dari_rerata",
    "saran_predikat_organisasi",
]

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Both ratings take the same three values as the per-indicator expectation.
Rating = PenilaianIndikator


class Predikat(StrEnum):
    """Predikat kinerja of an ASN."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # Kurang/Misconduct
    SANGAT_KURANG = "sangat_kurang"


class PredikatOrganisasi(StrEnum):
    """Predikat kinerja of an OPD for a year."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


# The seven BerAKHLAK core values, in the order the regulation lists them (also the model's field names).
NILAI_BERAKHLAK: tuple[str, ...] = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)

_MATRIKS: dict[tuple[Rating, Rating], Predikat] = {
    # (hasil kerja, perilaku) → predikat
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}


def predikat(hasil_kerja: Rating | str, perilaku: Rating | str) -> Predikat:
    """The predikat kinerja from the two ratings (domain.md's matrix)."""
    return _MATRIKS[(Rating(hasil_kerja), Rating(perilaku))]


# -- hasil kerja -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorHasilKerja:
    """One indicator as the suggestion sees it: its stored capped achievement (None when there is none), its weight
    and whether it is a main (utama) indicator. ``kunci`` lets the caller find its own row again."""

    capped: Decimal | None
    bobot: Decimal
    utama: bool = True
    kunci: object = None


@dataclass(frozen=True)
class SaranHasilKerja:
    """The suggestion with the figures that explain it."""

    rating: Rating | None
    per_indikator: tuple[tuple[IndikatorHasilKerja, Rating | None], ...]
    bobot_total: Decimal
    bobot_di_atas: Decimal
    bobot_di_bawah: Decimal
    utama_di_bawah: bool

    def rating_untuk(self, kunci: object) -> Rating | None:
        for item, rating in self.per_indikator:
            if item.kunci == kunci:
                return rating
        return None

    @property
    def di_bawah(self) -> list[IndikatorHasilKerja]:
        """The counted indicators below expectation (what a training recommendation names)."""
        return [item for item, rating in self.per_indikator if rating is Rating.DI_BAWAH]


def _decimal(nama: str, nilai) -> Decimal:
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError(f"{nama} harus Decimal, bukan {type(nilai).__name__}")
    nilai = Decimal(nilai)
    if not nilai.is_finite():
        raise ValueError(f"{nama} harus bilangan berhingga")
    return nilai


def saran_hasil_kerja(items: Iterable[IndikatorHasilKerja], toleransi: Decimal = Decimal(10)) -> SaranHasilKerja:
    """Suggest the rating hasil kerja.

    Each indicator is above when its capped achievement is over 100 + toleransi, below when under 100 − toleransi,
    else it meets (boundaries meet; the rule of ``nilai_indikator_terhadap_ekspektasi``). Di Atas when more than half
    the counted weight is above and no counted main indicator is below; Di Bawah when more than half the counted
    weight is below; else Sesuai. None when no indicator counts.
    """
    per_indikator: list[tuple[IndikatorHasilKerja, Rating | None]] = []
    total = atas = bawah = Decimal(0)
    utama_di_bawah = False
    for item in items:
        bobot = _decimal("bobot", item.bobot)
        if bobot < 0:
            raise ValueError(f"bobot tidak boleh negatif: {bobot}")
        if item.capped is None or bobot == 0:
            per_indikator.append((item, None if item.capped is None else _nilai(item.capped, toleransi)))
            continue
        rating = _nilai(item.capped, toleransi)
        per_indikator.append((item, rating))
        total += bobot
        if rating is Rating.DI_ATAS:
            atas += bobot
        elif rating is Rating.DI_BAWAH:
            bawah += bobot
            utama_di_bawah = utama_di_bawah or item.utama
    if total == 0:
        hasil = None
    elif atas * 2 > total and not utama_di_bawah:
        hasil = Rating.DI_ATAS
    elif bawah * 2 > total:
        hasil = Rating.DI_BAWAH
    else:
        hasil = Rating.SESUAI
    return SaranHasilKerja(
        rating=hasil,
        per_indikator=tuple(per_indikator),
        bobot_total=total,
        bobot_di_atas=atas,
        bobot_di_bawah=bawah,
        utama_di_bawah=utama_di_bawah,
    )


def _nilai(capped, toleransi: Decimal) -> Rating:
    return Rating(nilai_indikator_terhadap_ekspektasi(_decimal("capped", capped), toleransi))


# -- perilaku kerja --------------------------------------------------------------------------------------------------


def _cek_skor_perilaku(skor: Sequence[int]) -> list[int]:
    nilai = list(skor)
    if len(nilai) != len(NILAI_BERAKHLAK):
        raise ValueError(f"perilaku kerja dinilai pada {len(NILAI_BERAKHLAK)} nilai BerAKHLAK, bukan {len(nilai)}")
    for s in nilai:
        if isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 3:
            raise ValueError(f"skor perilaku harus 1, 2 atau 3, bukan {s!r}")
    return nilai


def rerata_perilaku(skor: Sequence[int]) -> Fraction:
    """The exact mean of the seven scores (a Fraction: 11/7 is not rounded before it is compared)."""
    nilai = _cek_skor_perilaku(skor)
    return Fraction(sum(nilai), len(nilai))


def saran_perilaku_dari_rerata(rerata: Fraction | Decimal | int) -> Rating:
    """mean < 1.5 → Di Bawah; mean ≤ 2.5 → Sesuai; else Di Atas (exactly 1.5 and 2.5 are Sesuai)."""
    if isinstance(rerata, float):
        raise TypeError("rerata harus eksak (Fraction atau Decimal), bukan float")
    nilai = Fraction(rerata)
    if nilai < Fraction(3, 2):
        return Rating.DI_BAWAH
    if nilai <= Fraction(5, 2):
        return Rating.SESUAI
    return Rating.DI_ATAS


def saran_perilaku(skor: Sequence[int]) -> Rating:
    """Suggest the rating perilaku from the seven BerAKHLAK scores (1 di bawah, 2 sesuai, 3 di atas ekspektasi)."""
    return saran_perilaku_dari_rerata(rerata_perilaku(skor))


# -- organisation --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatasPredikatOrganisasi:
    """Inclusive lower bounds of the OPD score for each organisation predikat (configurable per instansi)."""

    istimewa: Decimal = Decimal(110)
    baik: Decimal = Decimal(90)
    butuh_perbaikan: Decimal = Decimal(70)
    kurang: Decimal = Decimal(50)

    def __post_init__(self) -> None:
        batas = []
        for nama in ("istimewa", "baik", "butuh_perbaikan", "kurang"):
            nilai = _decimal(nama, getattr(self, nama))
            object.__setattr__(self, nama, nilai)
            batas.append(nilai)
        if not batas[0] > batas[1] > batas[2] > batas[3]:
            raise ValueError("batas predikat organisasi harus menurun: istimewa > baik > butuh_perbaikan > kurang")


def saran_predikat_organisasi(
    skor: Decimal | None, batas: BatasPredikatOrganisasi | None = None
) -> PredikatOrganisasi | None:
    """Suggested organisation predikat from the OPD's score (≥ 110, ≥ 90, ≥ 70, ≥ 50, below); None without a score."""
    if skor is None:
        return None
    batas = batas or BatasPredikatOrganisasi()
    nilai = _decimal("skor", skor)
    if nilai >= batas.istimewa:
        return PredikatOrganisasi.ISTIMEWA
    if nilai >= batas.baik:
        return PredikatOrganisasi.BAIK
    if nilai >= batas.butuh_perbaikan:
        return PredikatOrganisasi.BUTUH_PERBAIKAN
    if nilai >= batas.kurang:
        return PredikatOrganisasi.KURANG
    return PredikatOrganisasi.SANGAT_KURANG


# Rule 4a (PermenPAN-RB 6/2022): a head of OPD's rating hasil kerja from the organisation predikat.
PEMETAAN_KEPALA: dict[PredikatOrganisasi, Rating] = {
    PredikatOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    PredikatOrganisasi.BAIK: Rating.SESUAI,
    PredikatOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    PredikatOrganisasi.KURANG: Rating.DI_BAWAH,
    PredikatOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}


def saran_hasil_kerja_kepala(
    organisasi: PredikatOrganisasi | str | None, pemetaan: Mapping[PredikatOrganisasi | str, Rating | str] | None = None
) -> Rating | None:
    """The suggested rating hasil kerja of a head of OPD: the organisation predikat mapped by the instansi's table
    (rule 4a's default when it has none). None without an organisation predikat."""
    if organisasi is None or organisasi == "":
        return None
    kunci = PredikatOrganisasi(organisasi)
    if pemetaan is None:
        return PEMETAAN_KEPALA[kunci]
    tabel = {PredikatOrganisasi(k): Rating(v) for k, v in pemetaan.items()}
    return tabel.get(kunci, PEMETAAN_KEPALA[kunci])


class AturanDistribusi(StrEnum):
    """How a rule compares: a share at most, a share at least, at least one person, or nobody."""

    PALING_BANYAK = "paling_banyak"
    PALING_SEDIKIT = "paling_sedikit"
    MINIMAL_SATU = "minimal_satu"
    TIDAK_ADA = "tidak_ada"


@dataclass(frozen=True)
class HasilAturan:
    """One distribution rule applied to the actual figures."""

    predikat: tuple[Predikat, ...]
    aturan: AturanDistribusi
    batas: Decimal  # percent for the share rules; 1 and 0 people for the other two
    jumlah: int
    total: int
    terpenuhi: bool

    @property
    def persen(self) -> Decimal:
        return persen(self.jumlah, self.total)


_P = Predikat
# (predikat counted together, rule, bound in percent)
_DISTRIBUSI: dict[PredikatOrganisasi, tuple[tuple[tuple[Predikat, ...], AturanDistribusi, int], ...]] = {
    PredikatOrganisasi.ISTIMEWA: (((_P.SANGAT_BAIK,), AturanDistribusi.PALING_BANYAK, 70),),
    PredikatOrganisasi.BAIK: (
        ((_P.BAIK,), AturanDistribusi.PALING_BANYAK, 70),
        ((_P.BUTUH_PERBAIKAN, _P.KURANG), AturanDistribusi.MINIMAL_SATU, 1),
    ),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        ((_P.BUTUH_PERBAIKAN,), AturanDistribusi.PALING_SEDIKIT, 60),
        ((_P.SANGAT_BAIK,), AturanDistribusi.PALING_BANYAK, 10),
    ),
    PredikatOrganisasi.KURANG: (
        ((_P.KURANG,), AturanDistribusi.PALING_SEDIKIT, 60),
        ((_P.BUTUH_PERBAIKAN,), AturanDistribusi.PALING_SEDIKIT, 10),
        ((_P.SANGAT_BAIK,), AturanDistribusi.PALING_BANYAK, 10),
    ),
    PredikatOrganisasi.SANGAT_KURANG: (
        ((_P.SANGAT_KURANG,), AturanDistribusi.PALING_SEDIKIT, 60),
        ((_P.KURANG, _P.BUTUH_PERBAIKAN), AturanDistribusi.PALING_SEDIKIT, 10),
        ((_P.SANGAT_BAIK,), AturanDistribusi.TIDAK_ADA, 0),
    ),
}


def persen(jumlah: int, total: int) -> Decimal:
    """jumlah / total × 100, rounded half-up to 2 decimals for display (0 when total is 0)."""
    if total == 0:
        return Decimal("0.00")
    return (Decimal(jumlah) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def periksa_distribusi(organisasi: PredikatOrganisasi | str, jumlah: Mapping[Predikat | str, int]) -> list[HasilAturan]:
    """Apply the distribution rules of the organisation predikat to the count of each staff predikat.

    Shares are compared exactly (count × 100 against bound × total), never on a rounded percentage. With no staff
    predikat at all there is nothing to check: an empty list.
    """
    per_predikat = {Predikat(k): int(v) for k, v in jumlah.items()}
    if any(v < 0 for v in per_predikat.values()):
        raise ValueError("jumlah tidak boleh negatif")
    total = sum(per_predikat.values())
    if total == 0:
        return []
    hasil = []
    for kelompok, aturan, batas in _DISTRIBUSI[PredikatOrganisasi(organisasi)]:
        n = sum(per_predikat.get(p, 0) for p in kelompok)
        if aturan is AturanDistribusi.PALING_BANYAK:
            ok = n * 100 <= batas * total
        elif aturan is AturanDistribusi.PALING_SEDIKIT:
            ok = n * 100 >= batas * total
        elif aturan is AturanDistribusi.MINIMAL_SATU:
            ok = n >= 1
        else:
            ok = n == 0
        hasil.append(HasilAturan(kelompok, aturan, Decimal(batas), n, total, ok))
    return hasil


# -- objections (rule 7) ----------------------------------------------------------------------------------------------


def batas_keberatan(difinalkan: datetime.date, hari: int, libur: Container[datetime.date]) -> datetime.date:
    """The last day an ASN may object to a predikat finalised on ``difinalkan``: ``hari`` working days later."""
    if isinstance(hari, bool) or not isinstance(hari, int) or hari < 1:
        raise ValueError(f"batas keberatan harus bilangan bulat positif, bukan {hari!r}")
    return tambah_hari_kerja(difinalkan, hari, libur)


def keberatan_masih_dibuka(
    difinalkan: datetime.date, hari_ini: datetime.date, hari: int, libur: Container[datetime.date]
) -> bool:
    """Whether an objection filed today is still in time (the last day included)."""
    return hari_ini <= batas_keberatan(difinalkan, hari, libur)


# -- before and after a training -----------------------------------------------------------------------------------


class KelompokTriwulan(StrEnum):
    """Where a quarter falls relative to a training."""

    SEBELUM = "sebelum"
    SELAMA = "selama"
    SESUDAH = "sesudah"


def batas_triwulan(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a triwulan."""
    if triwulan not in ROMAWI:
        raise ValueError(f"triwulan harus 1–4, bukan {triwulan!r}")
    awal = datetime.date(tahun, 3 * triwulan - 2, 1)
    akhir = (datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, 3 * triwulan + 1, 1)) - (
        datetime.timedelta(days=1)
    )
    return awal, akhir


def kelompok_triwulan(*, tahun: int, triwulan: int, mulai: datetime.date, selesai: datetime.date) -> KelompokTriwulan:
    """Before: the quarter ended before the training began. After: more than half of the quarter's days fall after
    the training ended (so a training in the first weeks of a quarter counts that quarter as after). Else during."""
    if selesai < mulai:
        raise ValueError("tanggal selesai pelatihan sebelum tanggal mulai")
    awal, akhir = batas_triwulan(tahun, triwulan)
    if akhir < mulai:
        return KelompokTriwulan.SEBELUM
    sejak = max(selesai, awal - datetime.timedelta(days=1))
    hari_sesudah = (akhir - sejak).days
    hari = (akhir - awal).days + 1
    if hari_sesudah * 2 > hari:
        return KelompokTriwulan.SESUDAH
    return KelompokTriwulan.SELAMA
