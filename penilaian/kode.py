"""Verification codes of the documents the public may check: reward certificates, staff evaluation documents and
organisation predikat determinations. Each document prints its code, the public verification address and a QR code
of that address, so a printed copy is checked without a wet signature.

A code is 20 symbols of a 32-letter alphabet from the OS's secure generator (100 bits: not guessable), stored on the
document's row (unique per table). A document that changes (an evaluation reopened, a predikat set again) gets a new
code, so an old printout no longer verifies.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.urls import reverse

KODE_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
PANJANG_KODE = 20  # 20 × 5 bits = 100 bits: unguessable


def kode_baru(model, field: str = "kode_verifikasi") -> str:
    """A fresh code no row of `model` holds yet."""
    while True:
        kode = "".join(secrets.choice(KODE_ALFABET) for _i in range(PANJANG_KODE))
        if not model._default_manager.filter(**{field: kode}).exists():
            return kode


def normalisasi_kode(kode: str) -> str:
    """Upper case without spaces and hyphens; empty when it cannot be a code at all."""
    kode = "".join(ch for ch in (kode or "").upper() if ch not in " -")
    if len(kode) != PANJANG_KODE or any(ch not in KODE_ALFABET for ch in kode):
        return ""
    return kode


def kode_tampil(kode: str | None) -> str:
    """The code in groups of four, as printed: ABCD-EFGH-JKLM-NPQR-STUV."""
    kode = kode or ""
    return "-".join(kode[i : i + 4] for i in range(0, len(kode), 4))


def alamat_verifikasi(kode: str | None = None) -> str:
    """Where the public checks a code (the page for that code when given): SITE_URL when the deployment sets it, else
    the path alone."""
    path = reverse("penilaian:verifikasi_kode", args=[kode_tampil(kode)]) if kode else reverse("penilaian:verifikasi")
    situs = getattr(settings, "SITE_URL", "") or ""
    return f"{situs.rstrip('/')}{path}" if situs else path


def qr_data_uri(teks: str) -> str:
    """A QR code of `teks` as a PNG data: URI, one pixel per module with the standard four-module quiet zone; the
    document scales it up with crisp edges (CSS `image-rendering: pixelated`)."""
    import segno

    return segno.make(teks, error="m").png_data_uri(scale=1, border=4)
