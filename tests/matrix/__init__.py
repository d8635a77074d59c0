"""The permission matrix's routes, one module per app (each app's issue adds its own module and lists it here)."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

ANON = "anon"
ALL = [ANON, "admin_bkn", "admin_instansi", "pimpinan_opd", "tim_evaluasi", "petugas_pengaduan", "asn", "admin_lain"]
LOGIN = 302

MODULES = [
    "tests.matrix.opd",
    "tests.matrix.indikator",
    "tests.matrix.evaluasi",
    "tests.matrix.evaluasi_kinerja",
    "tests.matrix.penilaian",
    "tests.matrix.penilaian_keberatan",
    "tests.matrix.laporan",
    "tests.matrix.pengaduan",
    "tests.matrix.survei",
    "tests.matrix.api",
]


@dataclass
class Route:
    name: str
    url: Callable
    expect: dict
    method: str = "get"
    data: Callable | None = None


def expect(default: int, anon: int = LOGIN, **overrides: int) -> dict:
    result = {role: default for role in ALL}
    result[ANON] = anon
    result.update(overrides)
    return result


def collect_routes() -> list:
    routes = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        routes.extend(module.ROUTES)
    return routes
