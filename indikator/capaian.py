"""Achievement (capaian) arithmetic for IKU/IKI indicators.

Pure Python on purpose: the rules in ``docs/domain.md`` ("Indicators and targets",
"Achievement (capaian), in percent") are the core of every dashboard, score and
report, so they live here where they can be tested exhaustively without a database.

Everything is ``Decimal``; floats are refused so that binary rounding can never decide
a band or a rating. Stored achievements are quantized to :data:`PRESISI` (4 decimals,
ROUND_HALF_UP) and every decision (band, expectation rating) is taken on that value.

Decisions where ``domain.md`` is silent (kept here so the UI can explain them):

* Every achievement is floored at 0 %, maximize included (a negative realisation does
  not produce a negative percentage that would drag a weighted score below zero).
* A target divisor that is negative makes the achievement *tidak dapat dihitung*, like
  a zero one: the ratio formulas invert their meaning for negative targets.
* ``realisasi is None`` (*belum diisi*) wins over a missing target, because
  completeness figures count what was not entered.
* In the to-date aggregation a quarter with a single target next to quarters with a
  range counts as the degenerate range ``[T, T]``; a missing target in any entered
  quarter makes the to-date target unknown (*tidak dapat dihitung*).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum

__all__ = [
    "DEFAULT_CAP",
    "PRESISI",
    "PRESISI_SAMPAI_DENGAN",
    "Agregasi",
    "Band",
    "BatasBand",
    "Capaian",
    "NilaiTriwulan",
    "PenilaianIndikator",
    "Polaritas",
    "SampaiDengan",
    "StatusCapaian",
    "agregasi_sampai_dengan",
    "capaian_sampai_dengan",
    "hitung_capaian",
    "nilai_indikator_terhadap_ekspektasi",
    "rata_rata",
    "skor_tertimbang",
]


class Polaritas(StrEnum):
    """Which direction of the realisation is better."""

    MAXIMIZE = "maximize"
    MINIMIZE = "minimize"
    STABILIZE = "stabilize"


class Agregasi(StrEnum):
    """How quarterly values consolidate into a to-date value (konsolidasi periode)."""

    SUM = "sum"
    AVERAGE = "average"
    LAST = "last"


class StatusCapaian(StrEnum):
    """Whether an achievement exists; the last two are left out of every average."""

    OK = "ok"
    TIDAK_DAPAT_DIHITUNG = "tidak_dapat_dihitung"
    BELUM_DIISI = "belum_diisi"


class Band(StrEnum):
    """LKjIP achievement band, decided on the capped achievement."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    CUKUP = "cukup"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


class PenilaianIndikator(StrEnum):
    """Per-indicator suggestion feeding the *rating hasil kerja*."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


DEFAULT_CAP: Decimal = Decimal(120)
"""Default cap on achievement (configurable per instansi)."""

PRESISI: Decimal = Decimal("0.0001")
"""Quantum of stored achievements and scores; bands are decided on this value."""

PRESISI_SAMPAI_DENGAN: Decimal = Decimal("0.000001")
"""Quantum of to-date means: precise enough for 4-decimal percentages, yet finite."""

_SERATUS = Decimal(100)
_NOL = Decimal(0)

# Generous precision so that quantize() never fails and intermediate results are exact
# for any realistic indicator value.
_KONTEKS = Context(prec=60)


def _cek_decimal(nama: str, nilai: Decimal | None) -> Decimal | None:
    """Refuse floats and non-finite values: they would let rounding decide results."""
    if nilai is None:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError(f"{nama} harus Decimal, bukan {type(nilai).__name__}")
    nilai = Decimal(nilai)
    if not nilai.is_finite():
        raise ValueError(f"{nama} harus bilangan berhingga, bukan {nilai}")
    return nilai


def _wajib_decimal(nama: str, nilai: Decimal) -> Decimal:
    """Like :func:`_cek_decimal` for arguments that may not be None."""
    hasil = _cek_decimal(nama, nilai)
    if hasil is None:
        raise TypeError(f"{nama} wajib diisi")
    return hasil


def _kuantisasi(nilai: Decimal, kuantum: Decimal = PRESISI) -> Decimal:
    """Round half-up to ``kuantum``, the only rounding the domain allows."""
    with localcontext(_KONTEKS):
        return nilai.quantize(kuantum, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BatasBand:
    """Inclusive lower bounds of the bands (configurable per instansi)."""

    sangat_baik: Decimal = Decimal(91)
    baik: Decimal = Decimal(76)
    cukup: Decimal = Decimal(66)
    kurang: Decimal = Decimal(51)

    def __post_init__(self) -> None:
        """Reject thresholds that are floats or not in descending order."""
        batas = []
        for nama in ("sangat_baik", "baik", "cukup", "kurang"):
            nilai = _wajib_decimal(nama, getattr(self, nama))
            object.__setattr__(self, nama, nilai)  # store ints as Decimal
            batas.append(nilai)
        if not batas[0] >= batas[1] >= batas[2] >= batas[3]:
            raise ValueError("batas band harus menurun: sangat_baik >= baik >= cukup >= kurang")

    def band(self, capped: Decimal) -> Band:
        """Band of a capped achievement, judged on its 4-decimal stored value."""
        nilai = _kuantisasi(_wajib_decimal("capped", capped))
        if nilai >= self.sangat_baik:
            return Band.SANGAT_BAIK
        if nilai >= self.baik:
            return Band.BAIK
        if nilai >= self.cukup:
            return Band.CUKUP
        if nilai >= self.kurang:
            return Band.KURANG
        return Band.SANGAT_KURANG


@dataclass(frozen=True)
class Capaian:
    """An achievement: ``raw`` is shown, ``capped`` enters scores; both None unless OK."""

    status: StatusCapaian
    raw: Decimal | None
    capped: Decimal | None

    @classmethod
    def belum_diisi(cls) -> Capaian:
        """Realisation not entered yet."""
        return cls(StatusCapaian.BELUM_DIISI, None, None)

    @classmethod
    def tidak_dapat_dihitung(cls) -> Capaian:
        """Target missing or divisor not positive."""
        return cls(StatusCapaian.TIDAK_DAPAT_DIHITUNG, None, None)


def _rasio_naik(r: Decimal, pembagi: Decimal) -> Decimal | None:
    """``R / D × 100`` (higher is better); None when the divisor is not positive."""
    if pembagi <= 0:
        return None
    return r / pembagi * _SERATUS


def _rasio_turun(r: Decimal, pembagi: Decimal) -> Decimal | None:
    """``(2D − R) / D × 100`` (lower is better); None when the divisor is not positive."""
    if pembagi <= 0:
        return None
    return (2 * pembagi - r) / pembagi * _SERATUS


def _hitung_rentang(polaritas: Polaritas, r: Decimal, bawah: Decimal, atas: Decimal) -> Decimal | None:
    """Range formulas of the domain table; only the divisor actually used matters."""
    if bawah <= r <= atas:
        return _SERATUS
    if r < bawah:
        if polaritas is Polaritas.MINIMIZE:
            return _rasio_turun(r, bawah)
        return _rasio_naik(r, bawah)  # maximize and stabilize
    if polaritas is Polaritas.MAXIMIZE:
        return _rasio_naik(r, atas)
    return _rasio_turun(r, atas)  # minimize and stabilize


def hitung_capaian(
    *,
    polaritas: Polaritas,
    realisasi: Decimal | None,
    target_bawah: Decimal | None,
    target_atas: Decimal | None = None,
    cap: Decimal = DEFAULT_CAP,
) -> Capaian:
    """Achievement in percent of one realisation against a single or range target.

    A single target T is ``target_bawah=T`` with ``target_atas`` None or equal to T;
    T = 0 (or negative) is *tidak dapat dihitung* even when R = 0. For a range only the
    divisor actually used can make it uncomputable. Results are floored at 0.
    """
    polaritas = Polaritas(polaritas)
    r = _cek_decimal("realisasi", realisasi)
    bawah = _cek_decimal("target_bawah", target_bawah)
    atas = _cek_decimal("target_atas", target_atas)
    batas_atas = _wajib_decimal("cap", cap)
    if batas_atas <= 0:
        raise ValueError("cap harus lebih dari 0")
    if bawah is not None and atas is not None and bawah > atas:
        raise ValueError(f"target_bawah {bawah} lebih besar dari target_atas {atas}")

    if r is None:
        return Capaian.belum_diisi()
    if bawah is None:
        return Capaian.tidak_dapat_dihitung()

    with localcontext(_KONTEKS):
        if atas is None or atas == bawah:
            if bawah <= 0:
                return Capaian.tidak_dapat_dihitung()
            if polaritas is Polaritas.MAXIMIZE:
                nilai = _rasio_naik(r, bawah)
            elif polaritas is Polaritas.MINIMIZE:
                nilai = _rasio_turun(r, bawah)
            else:
                nilai = _hitung_rentang(polaritas, r, bawah, bawah)
        else:
            nilai = _hitung_rentang(polaritas, r, bawah, atas)

        if nilai is None:
            return Capaian.tidak_dapat_dihitung()
        raw = _kuantisasi(max(nilai, _NOL))
        capped = _kuantisasi(min(raw, batas_atas))
    return Capaian(StatusCapaian.OK, raw, capped)


@dataclass(frozen=True)
class NilaiTriwulan:
    """One quarter's realisation (None = not entered) and its target."""

    realisasi: Decimal | None
    target_bawah: Decimal | None
    target_atas: Decimal | None = None


@dataclass(frozen=True)
class SampaiDengan:
    """To-date (s.d. triwulan) realisation and target over the entered quarters."""

    realisasi: Decimal | None
    target_bawah: Decimal | None
    target_atas: Decimal | None
    jumlah_terisi: int


def _jumlah(nilai: Sequence[Decimal]) -> Decimal:
    """Exact sum under the wide context."""
    with localcontext(_KONTEKS):
        return sum(nilai, _NOL)


def _rerata(nilai: Sequence[Decimal]) -> Decimal:
    """Exact Decimal mean, quantized to :data:`PRESISI_SAMPAI_DENGAN`."""
    with localcontext(_KONTEKS):
        return _kuantisasi(_jumlah(nilai) / len(nilai), PRESISI_SAMPAI_DENGAN)


def _normalisasi(
    triwulan: Sequence[NilaiTriwulan],
) -> list[tuple[Decimal, Decimal | None, Decimal | None]]:
    """Validate every quarter and keep the entered ones as checked Decimals."""
    if len(triwulan) > 4:
        raise ValueError("paling banyak 4 triwulan dalam satu tahun anggaran")
    terisi: list[tuple[Decimal, Decimal | None, Decimal | None]] = []
    for i, tw in enumerate(triwulan, start=1):
        r = _cek_decimal(f"triwulan {i} realisasi", tw.realisasi)
        bawah = _cek_decimal(f"triwulan {i} target_bawah", tw.target_bawah)
        atas = _cek_decimal(f"triwulan {i} target_atas", tw.target_atas)
        if bawah is not None and atas is not None and bawah > atas:
            raise ValueError(f"triwulan {i}: target_bawah lebih besar dari target_atas")
        if r is not None:
            terisi.append((r, bawah, atas))
    return terisi


def agregasi_sampai_dengan(*, agregasi: Agregasi, triwulan: Sequence[NilaiTriwulan]) -> SampaiDengan:
    """Consolidate TW I up to the current quarter into to-date values (domain.md).

    Quarters without a realisation are skipped. Sums and the ``last`` value are exact;
    means are quantized to 6 decimals. With nothing entered, everything is None.
    """
    agregasi = Agregasi(agregasi)
    terisi = _normalisasi(triwulan)
    n = len(terisi)
    if n == 0:
        return SampaiDengan(None, None, None, 0)
    if agregasi is Agregasi.LAST:
        r, bawah, atas = terisi[-1]
        return SampaiDengan(r, bawah, atas, n)

    gabung = _jumlah if agregasi is Agregasi.SUM else _rerata
    realisasi = gabung([r for r, _, _ in terisi])
    semua_bawah = [b for _, b, _ in terisi if b is not None]
    if len(semua_bawah) < n:
        # A quarter without a target makes the to-date target unknown.
        return SampaiDengan(realisasi, None, None, n)
    target_bawah = gabung(semua_bawah)
    if all(a is None for _, _, a in terisi):
        return SampaiDengan(realisasi, target_bawah, None, n)
    # Mixed single and range quarters: a single T counts as the range [T, T].
    target_atas = gabung([a if a is not None else b for _, b, a in terisi if b is not None])
    return SampaiDengan(realisasi, target_bawah, target_atas, n)


def capaian_sampai_dengan(
    *,
    polaritas: Polaritas,
    agregasi: Agregasi,
    triwulan: Sequence[NilaiTriwulan],
    cap: Decimal = DEFAULT_CAP,
) -> Capaian:
    """To-date achievement; at TW IV (all four quarters given) it is the annual one."""
    sd = agregasi_sampai_dengan(agregasi=agregasi, triwulan=triwulan)
    return hitung_capaian(
        polaritas=polaritas,
        realisasi=sd.realisasi,
        target_bawah=sd.target_bawah,
        target_atas=sd.target_atas,
        cap=cap,
    )


def skor_tertimbang(items: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Weighted mean of capped achievements (ASN or OPD score).

    Items without an achievement (None) or with weight 0 are left out, as domain.md
    requires for *belum diisi* and *tidak dapat dihitung*; None when nothing is left.
    """
    total_bobot = _NOL
    total_nilai = _NOL
    with localcontext(_KONTEKS):
        for capped, bobot in items:
            w = _wajib_decimal("bobot", bobot)
            if w < 0:
                raise ValueError(f"bobot tidak boleh negatif: {w}")
            nilai = _cek_decimal("capped", capped)
            if nilai is None or w == 0:
                continue
            total_bobot += w
            total_nilai += nilai * w
        if total_bobot == 0:
            return None
        return _kuantisasi(total_nilai / total_bobot)


def rata_rata(values: Iterable[Decimal | None]) -> Decimal | None:
    """Plain mean ignoring None (instansi score over its OPDs); None when empty."""
    return skor_tertimbang((v, Decimal(1)) for v in values)


def nilai_indikator_terhadap_ekspektasi(capped: Decimal, toleransi: Decimal = Decimal(10)) -> PenilaianIndikator:
    """Suggest above/meets/below expectation for one indicator, boundaries meet.

    Judged on the 4-decimal stored value, like the bands.
    """
    nilai = _kuantisasi(_wajib_decimal("capped", capped))
    tol = _wajib_decimal("toleransi", toleransi)
    if tol < 0:
        raise ValueError("toleransi tidak boleh negatif")
    if nilai > _SERATUS + tol:
        return PenilaianIndikator.DI_ATAS
    if nilai < _SERATUS - tol:
        return PenilaianIndikator.DI_BAWAH
    return PenilaianIndikator.SESUAI
