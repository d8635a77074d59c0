"""PDF rendering with WeasyPrint, fetching nothing but our own static files.

The HTML of a report is rendered against a base URL on a reserved, never-resolving host, and WeasyPrint gets a URL
fetcher that answers only for that host's /static/ files (read from disk through the staticfiles finders) and for
inline data: images (the instansi's logo). Anything else — http(s), file:, another host, a path outside /static/ — is
refused and recorded, so text smuggled into a report can never make the renderer reach the network or the disk.
"""

import base64
import binascii
import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

BASIS_URL = "http://kinerja.invalid/"
GAMBAR_DATA = {"image/png", "image/jpeg", "image/gif"}
LOGO_MAKS = 2 * 1024 * 1024


class AmbilDitolak(ValueError):
    """The renderer asked for something outside our own static files."""


def _path_statis(url: str) -> str | None:
    """The static file name a URL points at, or None when it is not one of ours."""
    prefix = urljoin(BASIS_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    parts = urlsplit(url)
    name = unquote(parts.path[len(urlsplit(prefix).path) :])
    normal = posixpath.normpath(name)
    if not name or normal.startswith(("..", "/")) or normal != name.rstrip("/"):
        return None
    return normal


def _berkas_statis(name: str) -> bytes | None:
    path = finders.find(name)
    if not path:
        try:
            path = staticfiles_storage.path(name)
        except (NotImplementedError, ValueError):
            path = None
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _data_url(url: str) -> tuple[bytes, str]:
    """Decode a data: URL; only raster images (no SVG: it could point elsewhere itself)."""
    header, _sep, payload = url[5:].partition(",")
    params = header.split(";")
    mime = params[0].strip().lower() or "text/plain"
    if mime not in GAMBAR_DATA:
        raise AmbilDitolak(f"data: {mime} ditolak")
    try:
        body = base64.b64decode(payload, validate=True) if "base64" in params[1:] else unquote(payload).encode()
    except (binascii.Error, ValueError) as exc:
        raise AmbilDitolak("data: tidak valid") from exc
    return body, mime


def pengambil():
    """A WeasyPrint URL fetcher that serves our static files and data: images, and refuses everything else. The URLs
    it refused are in its `ditolak` list."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PengambilStatis(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("http", "data"), allow_redirects=False)
            self.ditolak: list[str] = []
            self.diambil: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                try:
                    body, mime = _data_url(url)
                except AmbilDitolak:
                    self.ditolak.append(url[:60])
                    raise
                return URLFetcherResponse(url[:60], body=body, headers={"Content-Type": mime})
            name = _path_statis(url)
            body = _berkas_statis(name) if name else None
            if body is None:
                self.ditolak.append(url)
                logger.warning("renderer laporan menolak mengambil %s", url)
                raise AmbilDitolak(f"hanya berkas statis Kinerja yang boleh diambil: {url}")
            self.diambil.append(url)
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return PengambilStatis()


def logo_data_uri(nama: str) -> str:
    """The instansi's logo as a data: URI, read from our storage and checked to be a PNG, JPEG or GIF image; "" when
    there is none or it is not a usable image."""
    if not nama:
        return ""
    from PIL import Image, UnidentifiedImageError

    try:
        with default_storage.open(nama, "rb") as handle:
            body = handle.read(LOGO_MAKS + 1)
    except OSError:
        return ""
    if len(body) > LOGO_MAKS:
        return ""
    import io

    try:
        with Image.open(io.BytesIO(body)) as image:
            kind = (image.format or "").upper()
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return ""
    mime = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(kind)
    if not mime:
        return ""
    return f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"


def pdf_dari_html(html: str, *, fetcher=None) -> bytes:
    """The finished HTML of a report as PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASIS_URL, url_fetcher=fetcher or pengambil()).write_pdf()
