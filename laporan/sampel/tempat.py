"""Where the loader finds what it writes through: the one place to change when a model or a domain module moves.

* Models are found by their class name across the installed apps (``model("Penilaian")``), so moving a model to
  another app needs no change here; a name held by two apps would be refused, and would then get an entry in
  ``MODEL``.
* The domain modules the loader calls (services, selectors, rules) are named by a short key in ``MODUL``. When one
  moves (say the individual evaluations to ``penilaian``, the survey to ``survei``, the holiday calendar to ``opd``),
  its line here is the only change the loader needs.
"""

import importlib
from functools import cache
from types import ModuleType

from django.apps import apps
from django.db import models

# Model name → "app_label.Model", only for a name that more than one app holds.
MODEL: dict[str, str] = {}

MODUL = {
    # periods and today's date of an instansi: hari_ini_instansi, periode_ensure_year, periode_buka_ulang, ...
    "periode": "indikator.services",
    # ROMAWI, jendela_bawaan (the default entry window of a quarter)
    "aturan_indikator": "indikator.models",
    # hitung_capaian, Polaritas, StatusCapaian
    "capaian": "indikator.capaian",
    # recalculate: the stored achievements and scores
    "hitung_ulang": "evaluasi.recalc",
    # pengaduan_verify, pengaduan_route, pengaduan_respond, pengaduan_answer, pengaduan_reject, pengaduan_hold, ...
    "layanan_pengaduan": "pengaduan.services",
    # pengaduan_file, pengaduan_rate: the reporter's own steps
    "layanan_pelapor": "pengaduan.services_pelapor",
    # hash_kode, normalisasi: the tracking code
    "kode_lacak": "pengaduan.kode",
    # survei_submit
    "layanan_survei": "survei.services",
    # feed_indikator: the automatic realisations, from complaints and from surveys (each feeds its own sources)
    "umpan_pengaduan": "pengaduan.feeds",
    "umpan_survei": "survei.feeds",
    # kalender_instansi, hari_ini (holidays of an instansi); adalah_hari_kerja
    "kalender": "opd.kalender",
    "hari_kerja": "opd.hari_kerja",
}


@cache
def model(nama: str) -> type[models.Model]:
    """The model with that class name, in whichever installed app holds it."""
    if nama in MODEL:
        return apps.get_model(MODEL[nama])
    cocok = [m for m in apps.get_models() if m.__name__ == nama]
    if len(cocok) != 1:
        raise LookupError(f"model {nama!r}: {len(cocok)} aplikasi memilikinya; tuliskan di laporan/sampel/tempat.py")
    return cocok[0]


def modul(kunci: str) -> ModuleType:
    return importlib.import_module(MODUL[kunci])
