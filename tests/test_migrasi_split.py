"""Splitting an app moves no row: a database filled by the demo is migrated back to the nodes before the split and
forward again, and every table is still there with as many rows as before.

The splits move models to a new app in the migration state only (SeparateDatabaseAndState: the tables keep their
names) and move their content types, so permissions keep their ids. Another split adds its apps to SEBELUM_SPLIT.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Per app, its last migration before the split (None: the app did not exist yet).
SEBELUM_SPLIT = {
    "evaluasi": "0004_ringkasan_opd",
    "penilaian": None,
}
# Per new app, the app its models came from.
ASAL_MODEL = {"penilaian": "evaluasi"}

# The migration recorder's own table gains a row per migration applied; it is not data.
BUKAN_DATA = {"django_migrations"}


def _migrasi(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _ujung() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _jumlah_baris() -> dict[str, int]:
    tabel = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        jumlah = {}
        for nama in tabel:
            if nama in BUKAN_DATA:
                continue
            # A table name from the database itself, quoted.
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(nama)}")  # noqa: S608
            jumlah[nama] = cursor.fetchone()[0]
    return jumlah


def _izin(app_label: str) -> dict[tuple[str, str], int]:
    """The permissions of an app's models: (model, codename) → id."""
    rows = Permission.objects.filter(content_type__app_label=app_label).values_list(
        "content_type__model", "codename", "pk"
    )
    return {(model, codename): pk for model, codename, pk in rows}


@pytest.mark.django_db(transaction=True)
def test_migrating_back_before_the_split_and_forward_again_loses_no_row():
    call_command("seed_demo", verbosity=0)
    terisi = _jumlah_baris()
    izin = {app: _izin(app) for app in ASAL_MODEL}
    assert all(izin.values()), "the moved models have their permissions"
    assert terisi["evaluasi_penilaian"] > 0 and terisi["evaluasi_historicalpenilaian"] > 0

    ujung = _ujung()
    try:
        _migrasi(list(SEBELUM_SPLIT.items()))
        sebelum = _jumlah_baris()
        # Before the split the content types were the old app's, with the same permissions (same ids).
        for baru, lama in ASAL_MODEL.items():
            assert _izin(baru) == {}
            assert {k: v for k, v in _izin(lama).items() if k in izin[baru]} == izin[baru]
    finally:
        _migrasi(ujung)
    sesudah = _jumlah_baris()

    assert sebelum == terisi
    assert sesudah == sebelum
    for app in ASAL_MODEL:
        assert _izin(app) == izin[app]
