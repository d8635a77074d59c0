"""The apps form layers: opd ← indikator ← evaluasi ← pengaduan ← laporan. A module may import its own app and the
apps below it, never one above (the demo loader, which writes every app's data, lives in laporan, the top)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAPISAN = ["opd", "indikator", "evaluasi", "penilaian", "pengaduan", "laporan"]


def _impor(path: Path) -> set[str]:
    nama = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            nama.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            nama.add(node.module.split(".")[0])
    return nama


@pytest.mark.parametrize("app", LAPISAN[:-1])
def test_no_module_imports_a_higher_app(app):
    di_atas = set(LAPISAN[LAPISAN.index(app) + 1 :])
    salah = {
        str(path.relative_to(ROOT)): sorted(_impor(path) & di_atas)
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and _impor(path) & di_atas
    }
    assert salah == {}
