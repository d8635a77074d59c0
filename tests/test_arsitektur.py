"""The architecture (docs/architecture.md) as tests, on the source alone: no app is imported to check it.

Imports flow one way, opd ← indikator ← evaluasi ← (penilaian, pengaduan, survei) ← laporan ← api: a module may import
its own app and the apps of lower layers only, so the three in the middle never import each other, only api imports
laporan, and nothing imports api (the read-only JSON API, which reads every app); and no module imports another app's
_private name. Every import counts, inside functions too, and so does an import by name (a string naming another
app's module, as `import_module` or `__import__` take). Migrations are left out: a migration that moves a model names
the app it comes from. An app that does not exist (yet) is skipped.

And every hand-written module of an app is short enough to read whole.
"""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
LAPISAN: tuple[tuple[str, ...], ...] = (
    ("opd",),
    ("indikator",),
    ("evaluasi",),
    ("penilaian", "pengaduan", "survei"),
    ("laporan",),
    ("api",),
)
# Files allowed to import upward for a while (paths from the project root); the test of the exceptions below fails once
# one is no longer needed. None today: the demo, which writes every app's data, is loaded from laporan/, the top.
PENGECUALIAN: frozenset[str] = frozenset()

BATAS_BARIS = 550
# Temporary exceptions to the length limit (none left); the test below fails once one is no longer needed.
BOLEH_PANJANG = frozenset()

_NAMA_MODUL = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+")


@dataclass(frozen=True)
class Pelanggaran:
    berkas: str
    baris: int
    modul: str
    alasan: str

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris} {self.modul}: {self.alasan}"


def _tingkat(lapisan) -> dict[str, int]:
    return {app: n for n, apps in enumerate(lapisan) for app in apps}


def _ada_modul(akar: Path, modul: str) -> bool:
    jalur = akar.joinpath(*modul.split("."))
    return jalur.with_suffix(".py").is_file() or (jalur / "__init__.py").is_file()


def _pribadi(nama: str) -> bool:
    return nama.startswith("_") and not nama.startswith("__")


def _impor(pohon: ast.AST, akar: Path, apps: dict[str, int]) -> Iterator[tuple[int, str, list[str]]]:
    """(line, module, names taken from it) for every absolute import in the tree, wherever it stands, and for every
    string that names an existing module of an app. Relative imports stay inside their own app."""
    for node in ast.walk(pohon):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _NAMA_MODUL.fullmatch(node.value)
            and node.value.split(".")[0] in apps
            and _ada_modul(akar, node.value)
        ):
            yield node.lineno, node.value, []


def modul_app(akar: Path, lapisan=LAPISAN) -> Iterator[tuple[str, Path]]:
    """(app, file) for every hand-written module of the apps that exist under `akar`, migrations left out."""
    for app in _tingkat(lapisan):
        if not (akar / app).is_dir():
            continue
        for berkas in sorted((akar / app).rglob("*.py")):
            if "migrations" not in berkas.relative_to(akar).parts:
                yield app, berkas


def periksa_impor(akar: Path, lapisan=LAPISAN, pengecualian=frozenset()) -> list[Pelanggaran]:
    """Every import that goes against the layers or takes another app's private name, except the layering of the
    files in `pengecualian` (paths relative to `akar`)."""
    tingkat = _tingkat(lapisan)
    hasil = []
    for app, berkas in modul_app(akar, lapisan):
        relatif = berkas.relative_to(akar).as_posix()
        pohon = ast.parse(berkas.read_text(encoding="utf-8"), filename=relatif)
        for baris, modul, nama in _impor(pohon, akar, tingkat):
            lain = modul.split(".")[0]
            if lain not in tingkat or lain == app:
                continue
            if tingkat[lain] >= tingkat[app] and relatif not in pengecualian:
                alasan = "imports an app of its own layer" if tingkat[lain] == tingkat[app] else "imports upward"
                hasil.append(Pelanggaran(relatif, baris, modul, alasan))
            pribadi = [n for n in nama if _pribadi(n)] + [b for b in modul.split(".")[1:] if _pribadi(b)]
            if pribadi:
                hasil.append(Pelanggaran(relatif, baris, modul, f"imports another app's private {', '.join(pribadi)}"))
    return hasil


def modul_terlalu_panjang(akar: Path, batas: int = BATAS_BARIS, boleh=BOLEH_PANJANG, lapisan=LAPISAN) -> list[str]:
    hasil = []
    for _app, berkas in modul_app(akar, lapisan):
        relatif = berkas.relative_to(akar).as_posix()
        if relatif in boleh:
            continue
        baris = len(berkas.read_text(encoding="utf-8").splitlines())
        if baris > batas:
            hasil.append(f"{relatif}: {baris} lines")
    return hasil


# -- the project -----------------------------------------------------------------------------------------------------


def test_imports_follow_the_layers_and_leave_private_names_alone():
    pelanggaran = periksa_impor(AKAR, pengecualian=PENGECUALIAN)
    assert [str(p) for p in pelanggaran] == []


def test_no_hand_written_module_is_longer_than_550_lines():
    assert modul_terlalu_panjang(AKAR) == [], "split these by subject"


def test_every_exception_is_still_needed():
    """An exception that no longer imports upward, or is no longer too long (or no longer exists), is taken off."""
    perlu = {p.berkas for p in periksa_impor(AKAR) if p.alasan == "imports upward"}
    assert sorted(PENGECUALIAN - perlu) == []
    panjang = {baris.split(":")[0] for baris in modul_terlalu_panjang(AKAR, boleh=frozenset())}
    assert sorted(BOLEH_PANJANG - panjang) == []


# -- the checker itself ----------------------------------------------------------------------------------------------


def _pohon(akar: Path, berkas: dict[str, str]) -> Path:
    for jalur, isi in berkas.items():
        tujuan = akar / jalur
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        tujuan.write_text(isi, encoding="utf-8")
    return akar


@pytest.fixture
def proyek(tmp_path):
    return _pohon(
        tmp_path,
        {
            "opd/__init__.py": "",
            "opd/models.py": "class Instansi: ...\n_RAHASIA = 1\n",
            "indikator/__init__.py": "",
            "indikator/models.py": "from opd.models import Instansi\n",
            "evaluasi/__init__.py": "",
            "evaluasi/services.py": "def tulis(): ...\n",
            "pengaduan/__init__.py": "",
            "pengaduan/views.py": "from . import models\nfrom evaluasi.services import tulis\n",
            "pengaduan/models.py": "",
            "survei/__init__.py": "",
            "survei/models.py": "",
            "laporan/__init__.py": "",
            "laporan/views.py": "from pengaduan import views\nfrom survei import models\n",
            "pengaduan/migrations/0002_pindah.py": "from survei.models import x\n",
        },
    )


def test_checker_accepts_imports_down_the_layers(proyek):
    assert periksa_impor(proyek) == []


def test_checker_finds_an_upward_import_inside_a_function(proyek):
    _pohon(proyek, {"indikator/services.py": "def f():\n    from evaluasi.services import tulis\n    return tulis\n"})
    assert periksa_impor(proyek) == [Pelanggaran("indikator/services.py", 2, "evaluasi.services", "imports upward")]


def test_checker_finds_middle_apps_importing_each_other(proyek):
    _pohon(proyek, {"survei/feeds.py": "import pengaduan.models\n"})
    assert periksa_impor(proyek) == [
        Pelanggaran("survei/feeds.py", 1, "pengaduan.models", "imports an app of its own layer")
    ]


def test_checker_finds_an_import_of_laporan(proyek):
    _pohon(proyek, {"evaluasi/signals.py": "from laporan.views import x\n"})
    assert [p.alasan for p in periksa_impor(proyek)] == ["imports upward"]


def test_checker_finds_another_apps_private_name_even_downward(proyek):
    _pohon(proyek, {"indikator/capaian.py": "from opd.models import Instansi, _RAHASIA\n"})
    assert periksa_impor(proyek) == [
        Pelanggaran("indikator/capaian.py", 1, "opd.models", "imports another app's private _RAHASIA")
    ]


def test_checker_finds_an_import_by_name(proyek):
    _pohon(
        proyek, {"opd/seed.py": 'import importlib\n\nfor m in ("pengaduan.views",):\n    importlib.import_module(m)\n'}
    )
    assert periksa_impor(proyek) == [Pelanggaran("opd/seed.py", 3, "pengaduan.views", "imports upward")]


def test_checker_skips_the_exceptions_and_the_apps_not_there(proyek):
    _pohon(proyek, {"opd/seed.py": "from survei.models import x\n"})
    assert periksa_impor(proyek, pengecualian=frozenset({"opd/seed.py"})) == []
    assert not (proyek / "penilaian").exists()


def test_checker_of_length_finds_a_long_module_but_not_the_allowed_ones(proyek):
    panjang = "x = 1\n" * 551
    _pohon(proyek, {"survei/views.py": panjang, "evaluasi/views.py": panjang})
    assert modul_terlalu_panjang(proyek, boleh=frozenset({"evaluasi/views.py"})) == ["survei/views.py: 551 lines"]
    _pohon(proyek, {"survei/views.py": "x = 1\n" * 550})
    assert modul_terlalu_panjang(proyek, boleh=frozenset({"evaluasi/views.py"})) == []
