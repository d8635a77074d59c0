"""Budget efficiency (efisiensi anggaran) of an IKU, as LKjIP chapter III sets achievement against budget absorption.

Pure Python on purpose, like ``indikator/capaian.py``: reports, the dashboard and the grid read the same figures.

* ``% serapan = serapan / pagu × 100`` (budget absorbed, in percent of the ceiling).
* ``efisiensi = capaian − % serapan`` (LKjIP practice): positive means the achievement outran the money spent
  (efficient), negative that more money went out than achievement came in.
* The achievement that enters is the capped one (the cap of the achievement rules, default 120 %), as in every score:
  a runaway realisation does not make a budget look efficient.
* A flag (*perlu perhatian*) marks an indicator whose absorption is high and achievement low: ``% serapan ≥ batas
  serapan`` and ``capaian < batas capaian`` (defaults 90 % and 76 %, the lower bound of *Baik*; configurable per
  instansi).

Decisions where practice is silent:

* Pagu missing or zero → % serapan and efficiency *tidak dapat dihitung* (None), never a division by zero; no flag.
* Serapan missing while pagu is given → nothing was absorbed yet is not assumed: None, no flag.
* Serapan above pagu is refused where it is entered (evaluasi.services), so % serapan here is at most 100 when
  the data came through the application; the function still computes what it is given.
* Achievement missing (not verified, or *tidak dapat dihitung*) → efficiency None, no flag; % serapan is still shown.
* Figures are quantized to 2 decimals, ROUND_HALF_UP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "BATAS_CAPAIAN_RENDAH",
    "BATAS_SERAPAN_TINGGI",
    "Efisiensi",
    "hitung_efisiensi",
    "jumlah_anggaran",
    "persen_serapan",
    "ringkasan_efisiensi",
]

BATAS_SERAPAN_TINGGI = Decimal("90")
BATAS_CAPAIAN_RENDAH = Decimal("76")
_SERATUS = Decimal(100)
_KUANTUM = Decimal("0.01")


def _q(nilai: Decimal) -> Decimal:
    return nilai.quantize(_KUANTUM, rounding=ROUND_HALF_UP)


def _cek(nama: str, nilai: Decimal | None) -> Decimal | None:
    if nilai is not None and not isinstance(nilai, Decimal):
        raise TypeError(f"{nama} harus Decimal, bukan {type(nilai).__name__}")
    return nilai


def persen_serapan(*, pagu: Decimal | None, serapan: Decimal | None) -> Decimal | None:
    """serapan / pagu × 100, to 2 decimals; None when either is missing or the pagu is not positive."""
    _cek("pagu", pagu)
    _cek("serapan", serapan)
    if pagu is None or serapan is None or pagu <= 0:
        return None
    return _q(serapan / pagu * _SERATUS)


@dataclass(frozen=True)
class Efisiensi:
    pagu: Decimal | None
    serapan: Decimal | None
    persen_serapan: Decimal | None  # None: tidak dapat dihitung
    capaian: Decimal | None  # capped achievement that entered
    efisiensi: Decimal | None  # capaian − % serapan; positive = efficient
    perlu_perhatian: bool  # absorption high, achievement low

    @property
    def efisien(self) -> bool | None:
        return None if self.efisiensi is None else self.efisiensi >= 0


def hitung_efisiensi(
    *,
    pagu: Decimal | None,
    serapan: Decimal | None,
    capaian: Decimal | None,
    cap: Decimal | None = None,
    batas_serapan: Decimal = BATAS_SERAPAN_TINGGI,
    batas_capaian: Decimal = BATAS_CAPAIAN_RENDAH,
) -> Efisiensi:
    """The efficiency figures of one indicator for one period (see the module's docstring for the rules)."""
    _cek("capaian", capaian)
    _cek("cap", cap)
    persen = persen_serapan(pagu=pagu, serapan=serapan)
    dibatasi = capaian
    if dibatasi is not None:
        dibatasi = max(dibatasi, Decimal(0))
        if cap is not None:
            dibatasi = min(dibatasi, cap)
    efisiensi = _q(dibatasi - persen) if persen is not None and dibatasi is not None else None
    perhatian = persen is not None and dibatasi is not None and persen >= batas_serapan and dibatasi < batas_capaian
    return Efisiensi(
        pagu=pagu,
        serapan=serapan,
        persen_serapan=persen,
        capaian=dibatasi,
        efisiensi=efisiensi,
        perlu_perhatian=perhatian,
    )


def jumlah_anggaran(pasangan: Iterable[tuple[Decimal | None, Decimal | None]]) -> tuple[Decimal | None, Decimal | None]:
    """Pagu and serapan summed over quarters (or indicators): only the pairs whose pagu is given count, so that a
    serapan without its pagu does not raise the share absorbed, and a missing serapan beside a pagu counts 0 (nothing
    absorbed in that quarter). (None, None) when no pagu is given at all."""
    total_pagu: Decimal | None = None
    total_serapan: Decimal | None = None
    for pagu, serapan in pasangan:
        _cek("pagu", pagu)
        _cek("serapan", serapan)
        if pagu is None:
            continue
        total_pagu = (total_pagu or Decimal(0)) + pagu
        total_serapan = (total_serapan or Decimal(0)) + (serapan or Decimal(0))
    return total_pagu, total_serapan


def ringkasan_efisiensi(
    items: Iterable[tuple[Decimal | None, Decimal | None, Decimal | None]],
    *,
    cap: Decimal | None = None,
    batas_serapan: Decimal = BATAS_SERAPAN_TINGGI,
    batas_capaian: Decimal = BATAS_CAPAIAN_RENDAH,
) -> Efisiensi:
    """An OPD's efficiency over its IKU (pagu, serapan, capaian each): % serapan of the summed budget, against the
    mean capped achievement of the IKU that have a positive pagu and a computed achievement."""
    items = list(items)
    pagu, serapan = jumlah_anggaran((p, s) for p, s, _c in items)
    dihitung = [
        min(max(c, Decimal(0)), cap) if cap is not None else max(c, Decimal(0))
        for p, _s, c in items
        if p is not None and p > 0 and c is not None
    ]
    capaian = sum(dihitung, Decimal(0)) / len(dihitung) if dihitung else None
    return hitung_efisiensi(
        pagu=pagu,
        serapan=serapan,
        capaian=capaian,
        cap=cap,
        batas_serapan=batas_serapan,
        batas_capaian=batas_capaian,
    )
