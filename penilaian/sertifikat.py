"""The reward certificate as a PDF (WeasyPrint), rendered by a task on the reports queue.

The renderer fetches nothing from the network or the filesystem at large: its URL fetcher serves only our own
static files (``kinerja-static:css/…``), the certificate's instansi logo (``kinerja-logo:``) and the PNG of its QR
code (a ``data:image/png`` URL made by penilaian/kode.py), and refuses every
other URL, so a name or a logo cannot make the worker read a file or call a server.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .kode import alamat_verifikasi, qr_data_uri

__all__ = ["alamat_verifikasi", "buat_url_fetcher", "konteks_sertifikat", "render_sertifikat_pdf"]

SKEMA_STATIC = "kinerja-static:"
QR_PNG = "data:image/png;base64,"
SKEMA_LOGO = "kinerja-logo:"
TEMPLATE = "penilaian/sertifikat_pdf.html"


def static_milik_sendiri(path: str) -> Path | None:
    """A file under the project's own static folder (not a vendor package, not anything outside it)."""
    root = (Path(settings.BASE_DIR) / "static").resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def buat_url_fetcher(*, logo=None):
    """A WeasyPrint URL fetcher that answers only our static files and the given logo file; anything else is
    refused (WeasyPrint then leaves the resource out)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FetcherKinerja(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(SKEMA_STATIC):
                path = static_milik_sendiri(url.removeprefix(SKEMA_STATIC))
                if path is not None:
                    jenis = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": jenis})
            elif url.startswith(QR_PNG):  # the QR code of the verification address (penilaian/kode.py)
                return URLFetcherResponse(url[:40], base64.b64decode(url[len(QR_PNG) :]), {"Content-Type": "image/png"})
            elif url == SKEMA_LOGO and logo:
                with logo.open("rb") as handle:
                    data = handle.read()
                jenis = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": jenis})
            raise ValueError(f"Sertifikat tidak boleh mengambil {url[:80]!r}")

    return FetcherKinerja(allowed_protocols=["kinerja-static", "kinerja-logo", "data"])


def konteks_sertifikat(penghargaan) -> dict:
    penilaian = penghargaan.penilaian
    pegawai = penghargaan.pegawai
    instansi = penghargaan.instansi
    return {
        "penghargaan": penghargaan,
        "pegawai": pegawai,
        "instansi": instansi,
        "periode": penilaian.label_periode_panjang,
        "predikat": penilaian.get_predikat_display(),
        "kode": penghargaan.kode_tampil,
        "alamat_verifikasi": alamat_verifikasi(),
        "qr": qr_data_uri(alamat_verifikasi(penghargaan.kode_verifikasi)),
        "tanggal": timezone.localtime(
            penghargaan.diputuskan_pada or timezone.now(), ZoneInfo(instansi.zona_waktu)
        ).date(),
        "ada_logo": bool(instansi.logo),
        "logo_url": SKEMA_LOGO,
        "css_url": f"{SKEMA_STATIC}css/sertifikat.css",
    }


def render_sertifikat_pdf(penghargaan) -> bytes:
    """The certificate of an approved reward as PDF bytes, in Bahasa Indonesia whatever the worker's language."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(TEMPLATE, konteks_sertifikat(penghargaan))
    fetcher = buat_url_fetcher(logo=penghargaan.instansi.logo or None)
    return HTML(string=html, base_url=SKEMA_STATIC, url_fetcher=fetcher).write_pdf()
