"""Load a sample: a folder of data files (YAML or JSON) that name their rows by natural keys (instansi kode, OPD
kode, NIP, indicator kode, username) and their years and dates relative to the current year. The demo is one such
sample (``demo/`` at the top of the project, loaded by ``manage.py seed_demo``); a pemda loads its own the same way
(``manage.py seed_demo --folder PATH``). docs/operations.md describes the format.

Files are read in name order (``10-organisasi.yaml`` before ``20-indikator.yaml``); within a file the sections are
loaded in the order of ``BAGIAN``, whatever their order in the file. A file's subject is its name without the
leading number (``organisasi``). Loading is idempotent: every record is found again by its natural key and written
only when something differs, so a second load changes nothing. A sample that cannot be loaded raises
``SampelTidakValid`` naming the file and the record, and nothing of it is kept.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction

from . import indikator, organisasi, pengaduan, penilaian
from .konteks import Hasil, Konteks, SampelTidakValid
from .tempat import modul

__all__ = ["BAGIAN", "FOLDER_DEMO", "Berkas", "Hasil", "SampelTidakValid", "baca", "muat"]

FOLDER_DEMO = Path(settings.BASE_DIR) / "demo"

# Section → its loader, in the order they are loaded within a file.
BAGIAN = {
    "instansi": organisasi.muat_instansi,
    "opd": organisasi.muat_opd,
    "akun": organisasi.muat_akun,
    "periode": indikator.muat_periode,
    "indikator": indikator.muat_indikator,
    "penilaian": penilaian.muat_penilaian,
    "predikat_opd": penilaian.muat_predikat_opd,
    "penghargaan": penilaian.muat_penghargaan,
    "pelatihan": penilaian.muat_pelatihan,
    "rencana_kerja": penilaian.muat_rencana_kerja,
    "pengaduan": pengaduan.muat_pengaduan,
    "layanan": pengaduan.muat_layanan,
}
AKHIRAN = (".yaml", ".yml", ".json")


class _Pembaca(yaml.SafeLoader):
    """YAML with decimal numbers read as Decimal (a target of 97.10 stays exact)."""


_Pembaca.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node).replace("_", ""))
)


@dataclass(frozen=True)
class Berkas:
    path: Path
    subjek: str
    isi: dict


def _subjek(path: Path) -> str:
    awal, _sep, sisa = path.stem.partition("-")
    return sisa if awal.isdigit() and sisa else path.stem


def baca(folder: Path | str | None = None, hanya: Iterable[str] | None = None) -> list[Berkas]:
    """The sample's files in load order (all, or only the subjects named in ``hanya``), parsed and checked for
    unknown sections."""
    folder = Path(folder) if folder is not None else FOLDER_DEMO
    if not folder.is_dir():
        raise SampelTidakValid(f"{folder}: bukan folder")
    semua = sorted(p for p in folder.iterdir() if p.suffix in AKHIRAN and p.is_file())
    if hanya is not None:
        hanya = set(hanya)
        tidak_ada = hanya - {_subjek(p) for p in semua}
        if tidak_ada:
            raise SampelTidakValid(f"{folder}: tidak ada berkas untuk {', '.join(sorted(tidak_ada))}")
        semua = [p for p in semua if _subjek(p) in hanya]
    hasil = []
    for path in semua:
        teks = path.read_text(encoding="utf-8")
        try:
            isi = json.loads(teks, parse_float=Decimal) if path.suffix == ".json" else yaml.load(teks, _Pembaca)  # noqa: S506 (a SafeLoader)
        except (ValueError, yaml.YAMLError) as e:
            raise SampelTidakValid(f"{path.name}: tidak terbaca: {e}") from e
        isi = isi or {}
        if not isinstance(isi, dict):
            raise SampelTidakValid(f"{path.name}: harus berupa pemetaan bagian → daftar")
        asing = set(isi) - set(BAGIAN)
        if asing:
            raise SampelTidakValid(
                f"{path.name}: bagian tidak dikenal: {', '.join(sorted(asing))} (yang dikenal: {', '.join(BAGIAN)})"
            )
        hasil.append(Berkas(path, _subjek(path), isi))
    return hasil


@transaction.atomic
def muat(folder: Path | str | None = None, hanya: Iterable[str] | None = None) -> Hasil:
    """Load the sample in ``folder`` (the demo by default; only the subjects in ``hanya`` if given) and return the
    counts. At the end, every automatic indicator of the sample gets its realisations from the complaints and
    survey answers."""
    ctx = Konteks()
    for berkas in baca(folder, hanya):
        ctx.folder = berkas.path.parent
        for bagian, muat_bagian in BAGIAN.items():
            if bagian not in berkas.isi:
                continue
            try:
                muat_bagian(ctx, berkas.path.name, berkas.isi[bagian] or [])
            except SampelTidakValid:
                raise
            except KeyError as e:
                raise SampelTidakValid(f"{ctx.lokasi}: kolom {e} wajib diisi") from e
            except ValueError as e:
                raise SampelTidakValid(f"{ctx.lokasi}: {e}") from e
            except (TypeError, LookupError, ObjectDoesNotExist, ValidationError, PermissionDenied) as e:
                raise SampelTidakValid(f"{ctx.lokasi}: {type(e).__name__}: {e}") from e
    umpan = [modul("umpan_pengaduan"), modul("umpan_survei")]
    for ind in ctx.otomatis:
        for feed in umpan:
            feed.feed_indikator(ind)  # each fills only the indicators of its own sources
    return ctx.hasil
