"""Tracking codes: random, unambiguous when read aloud or copied by hand, and stored only as a hash.

12 characters from a 30-letter alphabet (no 0/O, 1/I/L, U) carry 12 × log2(30) ≈ 58.9 random bits from `secrets`.
Only the SHA-256 of the normalised code is stored; a lookup compares hashes through a unique index, so neither the
stored value nor the time a comparison takes says anything about the code.
"""

import hashlib
import math
import re
import secrets

ALFABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG = 12
BIT_ACAK = PANJANG * math.log2(len(ALFABET))
_POLA_PEMISAH = re.compile(r"[\s\-_.]+")


def kode_baru() -> str:
    """A fresh code, grouped for reading: XXXX-XXXX-XXXX."""
    mentah = "".join(secrets.choice(ALFABET) for _ in range(PANJANG))
    return "-".join(mentah[i : i + 4] for i in range(0, PANJANG, 4))


def normalisasi(teks: str) -> str | None:
    """The code as typed (any case, spaces or dashes) in its canonical form, or None if it cannot be a code."""
    mentah = _POLA_PEMISAH.sub("", (teks or "").upper())
    if len(mentah) != PANJANG or any(c not in ALFABET for c in mentah):
        return None
    return mentah


def hash_kode(kode: str) -> str:
    """The stored form of a code. Raises ValueError for anything that is not a well-formed code."""
    mentah = normalisasi(kode)
    if mentah is None:
        raise ValueError("kode lacak tidak valid")
    return hashlib.sha256(f"kinerja-pengaduan:{mentah}".encode()).hexdigest()
