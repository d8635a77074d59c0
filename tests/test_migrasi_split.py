"""Splitting an app moves no row: a database filled by the demo is migrated back to the nodes before the split and
forward again, and every table is still there with as many rows as before.

A split moves models to another app in the migration state only (SeparateDatabaseAndState: the tables keep their
names) and moves their content types, so every permission keeps its id. Another split adds its apps to SEBELUM_SPLIT
and ASAL_MODEL.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Per app, its last migration before the split (None: the app did not exist yet).
SEBELUM_SPLIT = {
    "evaluasi": "0004_ringkasan_opd",
    "penilaian": None,
    "opd": "0001_initial",
    "pengaduan": "0001_initial",
    "survei": None,
}
# Per app that received models in a split, the app they came from.
ASAL_MODEL = {"penilaian": "evaluasi", "survei": "pengaduan", "opd": "pengaduan", "evaluasi": "pengaduan"}

# The migration recorder's own table gains a row per migration applied; it is not data.
BUKAN_DATA = {"django_migrations"}
# Tables created by migrations after the split: migrating back before the split drops them, rows and all, by design.
SESUDAH_SPLIT = {
    "opd_catatanaudit",
    "opd_penghitungbatas",
    "opd_tugastertunda",
    "opd_notifikasi",
    "opd_preferensinotifikasi",
    "penilaian_keberatan",
    "penilaian_historicalkeberatan",
    "penilaian_sesikalibrasi",
    "penilaian_historicalsesikalibrasi",
    "penilaian_perubahankalibrasi",
    "penilaian_historicalperubahankalibrasi",
    "survei_undangansurvei",
}


def _migrasi(targets: list[tuple[str, str | None]]) -> None:
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()


def _jumlah_baris() -> dict[str, int]:
    with connection.cursor() as cursor:
        jumlah = {}
        for nama in sorted(connection.introspection.table_names()):
            if nama in BUKAN_DATA | SESUDAH_SPLIT:
                continue
            # A table name from the database itself, quoted.
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(nama)}")  # noqa: S608
            jumlah[nama] = cursor.fetchone()[0]
    return jumlah


def _jenis_konten() -> dict[int, tuple[str, str]]:
    return {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}


def _izin() -> set[tuple[int, int, str]]:
    return set(Permission.objects.values_list("pk", "content_type_id", "codename"))


@pytest.mark.django_db(transaction=True)
def test_migrating_back_before_the_split_and_forward_again_loses_no_row():
    call_command("seed_demo", verbosity=0)
    terisi, jenis, izin = _jumlah_baris(), _jenis_konten(), _izin()
    assert terisi["evaluasi_penilaian"] > 0 and terisi["evaluasi_historicalpenilaian"] > 0
    assert terisi["pengaduan_layanan"] > 0 and terisi["pengaduan_responsurvei"] > 0

    ujung = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrasi(list(SEBELUM_SPLIT.items()))
        sebelum, jenis_sebelum, izin_sebelum = _jumlah_baris(), _jenis_konten(), _izin()
    finally:
        _migrasi(ujung)
    sesudah = _jumlah_baris()

    assert sebelum == terisi
    assert sesudah == sebelum
    # Before the split, each moved model's content type (same id, same permissions) was its old app's.
    assert izin_sebelum == izin
    assert jenis_sebelum.keys() == jenis.keys()
    pindah = {pk: (jenis[pk], jenis_sebelum[pk]) for pk in jenis if jenis[pk] != jenis_sebelum[pk]}
    for (baru, model), (lama, model_lama) in pindah.values():
        assert (lama, model_lama) == (ASAL_MODEL.get(baru), model)
    for app in ASAL_MODEL:
        dipindah = {model for (baru, model), _lama in pindah.values() if baru == app}
        assert dipindah, f"no model of {app} came from {ASAL_MODEL[app]}"
        if SEBELUM_SPLIT.get(app, "") is None:  # a new app: every model of it came over
            # Models added after the split (their tables in SESUDAH_SPLIT) were never moved.
            assert dipindah == {
                m._meta.model_name
                for m in apps.get_app_config(app).get_models()
                if m._meta.db_table not in SESUDAH_SPLIT
            }
    assert (_jenis_konten(), _izin()) == (jenis, izin)
