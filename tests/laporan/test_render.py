"""The renderer fetches nothing but our own static files (and inline data: images)."""

import base64
import socket
import urllib.request

import pytest

from laporan import render
from tests.laporan.conftest import logo_png


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test loudly."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def test_fetcher_serves_our_static_stylesheet():
    fetcher = render.pengambil()
    response = fetcher.fetch("http://kinerja.invalid/static/laporan/laporan.css")
    body = response.read()
    assert b"@page" in body
    assert response.content_type == "text/css"
    assert fetcher.ditolak == []


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://kinerja.invalid.example.com/static/laporan/laporan.css",
        "http://kinerja.invalid/media/bukti/1/rahasia.pdf",
        "http://kinerja.invalid/static/../kinerja/settings.py",
        "http://kinerja.invalid/static/%2e%2e/kinerja/settings.py",
        "http://kinerja.invalid/static/laporan/tidak-ada.css",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_fetcher_refuses_everything_else(url, no_network):
    fetcher = render.pengambil()
    with pytest.raises(render.AmbilDitolak):
        fetcher.fetch(url)
    assert fetcher.ditolak
    assert no_network == []


def test_fetcher_decodes_inline_png():
    png = logo_png()
    fetcher = render.pengambil()
    response = fetcher.fetch("data:image/png;base64," + base64.b64encode(png).decode())
    assert response.read() == png
    assert response.content_type == "image/png"


def test_rendering_html_that_points_outside_fetches_nothing_and_still_renders(no_network):
    """Markup a report could never contain (its text is escaped), fed straight to the renderer: every outside
    reference is refused, none reaches the network or the disk, the PDF is still made with our stylesheet."""
    html = """<html><head><title>Uji</title>
      <link rel="stylesheet" href="/static/laporan/laporan.css">
      <link rel="stylesheet" href="https://cdn.example.com/x.css">
      <style>@import url("http://evil.example/y.css"); body { background: url("file:///etc/hostname"); }</style>
      </head><body><h1>Uji</h1>
      <img src="http://tracker.example/pixel.gif"><img src="file:///etc/passwd">
      <iframe src="http://example.com/"></iframe><object data="http://example.com/x.svg"></object>
      <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
        <image xlink:href="http://example.com/e.png" width="10" height="10"/></svg>
      </body></html>"""
    fetcher = render.pengambil()
    pdf = render.pdf_dari_html(html, fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert fetcher.diambil == ["http://kinerja.invalid/static/laporan/laporan.css"]
    assert set(fetcher.ditolak) >= {
        "https://cdn.example.com/x.css",
        "http://evil.example/y.css",
        "file:///etc/hostname",
        "http://tracker.example/pixel.gif",
        "file:///etc/passwd",
    }
    assert no_network == []


@pytest.mark.django_db
def test_logo_must_be_a_real_png_jpeg_or_gif(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    png_name = default_storage.save("logo/uji.png", ContentFile(logo_png()))
    fake_name = default_storage.save("logo/palsu.png", ContentFile(b"<svg onload=alert(1)>"))
    try:
        assert render.logo_data_uri(png_name).startswith("data:image/png;base64,")
        assert render.logo_data_uri(fake_name) == ""
        assert render.logo_data_uri("logo/tidak-ada.png") == ""
        assert render.logo_data_uri("") == ""
    finally:
        default_storage.delete(png_name)
        default_storage.delete(fake_name)
