"""The reward certificate as a PDF (WeasyPrint), rendered by a task on the reports queue.

The renderer fetches nothing from the network or the filesystem at large: its URL fetcher serves only our own
static files (``kinerja-static:css/…``) and the certificate's instansi logo (``kinerja-logo:``), and refuses every
other URL, so a name or a logo cannot make the worker read a file or call a server.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

SKEMA_STATIC = "kinerja-static:"
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
            elif url == SKEMA_LOGO and logo:
                with logo.open("rb") as handle:
                    data = handle.read()
                jenis = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": jenis})
            raise ValueError(f"Sertifikat tidak boleh mengambil {url[:80]!r}")

    return FetcherKinerja(allowed_protocols=["kinerja-static", "kinerja-logo"])


def alamat_verifikasi() -> str:
    """Where the public checks a code: SITE_URL when the deployment sets it, else the path alone."""
    path = reverse("penilaian:verifikasi")
    situs = getattr(settings, "SITE_URL", "") or ""
    return f"{situs.rstrip('/')}{path}" if situs else path


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
