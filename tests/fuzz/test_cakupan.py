"""Nothing escapes the fuzzing: every view that takes a POST is in titik.py, every Form class of the product is in
formulir.py, and every query parameter a view reads is one test_get.py varies."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from django import forms
from django.urls import URLPattern, URLResolver, get_resolver

from tests.fuzz.formulir import DARI_DJANGO, FORMULIR
from tests.fuzz.test_get import PARAMETER
from tests.fuzz.titik import DI_LUAR, TITIK

APPS = ("opd", "indikator", "evaluasi", "penilaian", "laporan", "pengaduan", "survei", "api", "kinerja")
BASE = Path(__file__).resolve().parents[2]


def _pola(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _pola(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def menerima_post(view) -> bool:
    """Whether a view handles POST: its method decorator lists it, its class has post(), or (no decorator) its code
    reads POST data."""
    kelas = getattr(view, "view_class", None)
    if kelas is not None:
        return hasattr(kelas, "post")
    fungsi = view
    while fungsi is not None:
        bebas = dict(zip(fungsi.__code__.co_freevars, (c.cell_contents for c in fungsi.__closure__ or ()), strict=True))
        if "request_method_list" in bebas:
            return "POST" in bebas["request_method_list"]
        dalam = getattr(fungsi, "__wrapped__", None)
        if dalam is None:
            return "POST" in inspect.getsource(fungsi)
        fungsi = dalam
    return False


def test_menerima_post_tells_a_post_view_from_a_get_page():
    from evaluasi.views import bukti_hapus, bukti_unduh
    from opd.views import opd_list
    from opd.views_libur import hari_libur

    assert [menerima_post(v) for v in (bukti_hapus, hari_libur, bukti_unduh, opd_list)] == [True, True, False, False]


def post_tanpa_titik(titik) -> list[str]:
    di_titik = {t.nama for t in titik}
    # The old pengaduan:<name> of a page that moved (kinerja/urls.py) is the same view under its new name.
    return sorted(
        nama
        for nama, view in _pola()
        if not nama.startswith(tuple(DI_LUAR)) and menerima_post(view) and _pindah(nama) not in di_titik
    )


def test_every_view_that_takes_a_post_is_fuzzed():
    assert post_tanpa_titik(TITIK) == [], "add these POST endpoints to tests/fuzz/titik.py"
    # And the check does see an endpoint left out.
    assert post_tanpa_titik([t for t in TITIK if t.nama != "opd:hari_libur"]) == [
        "opd:hari_libur",
        "pengaduan:hari_libur",
    ]


def _pindah(nama: str) -> str:
    from kinerja.urls import NAMA_LAMA_PENGADUAN

    if not nama.startswith("pengaduan:"):
        return nama
    pendek = nama.split(":", 1)[1]
    for namespace, patterns in NAMA_LAMA_PENGADUAN.items():
        if any(p.name == pendek for p in patterns):
            return f"{namespace}:{pendek}"
    return nama


def _semua_modul():
    for app in APPS:
        paket = importlib.import_module(app)
        for info in pkgutil.walk_packages(paket.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            importlib.import_module(info.name)


def _turunan(kelas):
    for sub in kelas.__subclasses__():
        yield sub
        yield from _turunan(sub)


def test_every_form_of_the_product_is_fuzzed():
    _semua_modul()
    milik = {k for k in _turunan(forms.BaseForm) if k.__module__.split(".")[0] in APPS}
    kurang = sorted(f"{k.__module__}.{k.__qualname__}" for k in milik - set(FORMULIR) - set(DARI_DJANGO))
    assert kurang == [], "add these forms to tests/fuzz/formulir.py"
    assert len(milik) == len(FORMULIR)


def test_every_query_parameter_a_view_reads_is_fuzzed():
    dibaca = set()
    pola = re.compile(r"""request\.GET(?:\.get|\.getlist|\[)\(?\s*f?["']([a-z_]+)["']""")
    for app in APPS:
        for berkas in (BASE / app).rglob("*.py"):
            dibaca |= set(pola.findall(berkas.read_text()))
    assert sorted(dibaca - set(PARAMETER)) == [], "add these parameters to PARAMETER in tests/fuzz/test_get.py"
