"""Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017): pure functions, no ORM.

domain.md, "Public satisfaction survey": nine elements (unsur) answered 1 (tidak baik) … 4 (sangat baik).
``NRR(u)`` is the mean score of element u over the respondents who answered it; ``IKM = Σ NRR(u) × 1/9`` with an exact
1/9 (not 0.111); ``IKM konversi = IKM × 25``; the service quality (mutu) is read from the konversi rounded half-up to
2 decimals: A Sangat Baik 88.31–100, B Baik 76.61–88.30, C Kurang Baik 65.00–76.60, D Tidak Baik 25.00–64.99.

Everything is computed with exact fractions; only the results are rounded (half-up, `indikator.pembulatan`), so
binary rounding can never decide a grade. The database hands over per-element sums and counts
(:func:`ikm_dari_jumlah`), which keeps the aggregation in SQL and the arithmetic here.

Decision where domain.md is silent: an element nobody answered has no NRR, and then the IKM is *tidak dapat dihitung*
(None), because the formula needs all nine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from indikator.pembulatan import bulatkan

__all__ = [
    "JUMLAH_UNSUR",
    "PRESISI_IKM",
    "HasilIkm",
    "Mutu",
    "hitung_ikm",
    "ikm_dari_jumlah",
    "mutu_pelayanan",
]

JUMLAH_UNSUR = 9
SKOR_MIN = 1
SKOR_MAKS = 4
PRESISI_IKM = 4
"""Decimals shown for NRR and IKM (the konversi and the grade use 2, as the regulation does)."""

_BOBOT = Fraction(1, JUMLAH_UNSUR)
_KONVERSI = 25


class Mutu(StrEnum):
    """Mutu pelayanan, from the IKM konversi."""

    A = "A"  # Sangat Baik
    B = "B"  # Baik
    C = "C"  # Kurang Baik
    D = "D"  # Tidak Baik


# Inclusive lower bounds of each grade, on the konversi rounded to 2 decimals.
BATAS_MUTU: tuple[tuple[Decimal, Mutu], ...] = (
    (Decimal("88.31"), Mutu.A),
    (Decimal("76.61"), Mutu.B),
    (Decimal("65.00"), Mutu.C),
    (Decimal("25.00"), Mutu.D),
)


def mutu_pelayanan(konversi: Decimal | Fraction) -> Mutu:
    """The grade of an IKM konversi, judged on its value rounded half-up to 2 decimals."""
    nilai = bulatkan(konversi, 2)
    if nilai > 100:
        raise ValueError(f"IKM konversi {nilai} di atas 100")
    for batas, mutu in BATAS_MUTU:
        if nilai >= batas:
            return mutu
    raise ValueError(f"IKM konversi {nilai} di bawah 25")


@dataclass(frozen=True)
class HasilIkm:
    """NRR per element, IKM, konversi and grade of a set of answers; the last three are None when not computable."""

    jumlah_responden: int
    nrr: tuple[Decimal | None, ...]
    ikm: Decimal | None
    konversi: Decimal | None
    mutu: Mutu | None
    ikm_tepat: Fraction | None = None  # the exact value, for further exact arithmetic

    @property
    def dapat_dihitung(self) -> bool:
        return self.ikm is not None


def _cek_skor(skor: object, unsur: int) -> int | None:
    if skor is None:
        return None
    if isinstance(skor, bool) or not isinstance(skor, int):
        raise TypeError(f"skor unsur U{unsur} harus bilangan bulat, bukan {type(skor).__name__}")
    if not SKOR_MIN <= skor <= SKOR_MAKS:
        raise ValueError(f"skor unsur U{unsur} harus 1–4, bukan {skor}")
    return skor


def ikm_dari_jumlah(jumlah: Sequence[int | None], banyak: Sequence[int | None], responden: int) -> HasilIkm:
    """IKM from the per-element sum of scores and number of answers (as SQL's SUM and COUNT give them)."""
    if len(jumlah) != JUMLAH_UNSUR or len(banyak) != JUMLAH_UNSUR:
        raise ValueError("harus ada jumlah dan banyak jawaban untuk kesembilan unsur")
    nrr_tepat: list[Fraction | None] = []
    for i, (total, n) in enumerate(zip(jumlah, banyak, strict=True), start=1):
        total = total or 0
        n = n or 0
        if n < 0 or total < 0:
            raise ValueError(f"unsur U{i}: jumlah dan banyak tidak boleh negatif")
        if n == 0:
            if total:
                raise ValueError(f"unsur U{i}: ada skor tanpa jawaban")
            nrr_tepat.append(None)
            continue
        if not SKOR_MIN * n <= total <= SKOR_MAKS * n:
            raise ValueError(f"unsur U{i}: jumlah {total} tidak mungkin untuk {n} jawaban bernilai 1–4")
        nrr_tepat.append(Fraction(total, n))
    nrr = tuple(None if v is None else bulatkan(v, PRESISI_IKM) for v in nrr_tepat)
    if any(v is None for v in nrr_tepat):
        return HasilIkm(responden, nrr, None, None, None)
    ikm_tepat = sum((v * _BOBOT for v in nrr_tepat if v is not None), Fraction(0))
    konversi = bulatkan(ikm_tepat * _KONVERSI, 2)
    return HasilIkm(
        jumlah_responden=responden,
        nrr=nrr,
        ikm=bulatkan(ikm_tepat, PRESISI_IKM),
        konversi=konversi,
        mutu=mutu_pelayanan(konversi),
        ikm_tepat=ikm_tepat,
    )


def hitung_ikm(jawaban: Iterable[Sequence[int | None]]) -> HasilIkm:
    """IKM of the respondents' answers, each a sequence of nine scores (None where the element was not answered)."""
    jumlah = [0] * JUMLAH_UNSUR
    banyak = [0] * JUMLAH_UNSUR
    responden = 0
    for baris in jawaban:
        if len(baris) != JUMLAH_UNSUR:
            raise ValueError(f"setiap responden menjawab {JUMLAH_UNSUR} unsur, bukan {len(baris)}")
        responden += 1
        for i, skor in enumerate(baris):
            nilai = _cek_skor(skor, i + 1)
            if nilai is not None:
                jumlah[i] += nilai
                banyak[i] += 1
    return ikm_dari_jumlah(jumlah, banyak, responden)
