"""The evaluation models now belong to the penilaian app (penilaian/migrations/0001_initial.py): evaluasi forgets
them without dropping a table, and their content types move with them, so every permission keeps its id (and the
users and groups that hold it).

Reversible: backwards, the content types come back to evaluasi and evaluasi's state has the models again.
"""

from django.db import migrations

# Every moved model, history included, as content types name them.
MODELS = [
    "aturanpenilaian",
    "pelatihan",
    "pembukaanpenilaian",
    "penghargaan",
    "penilaian",
    "pesertapelatihan",
    "predikatopd",
    "rekomendasipelatihan",
    "rencanaaksi",
    "rencanakerja",
    "umpanbalikindikator",
    "historicalaturanpenilaian",
    "historicalpelatihan",
    "historicalpenghargaan",
    "historicalpenilaian",
    "historicalpesertapelatihan",
    "historicalpredikatopd",
    "historicalrekomendasipelatihan",
    "historicalrencanaaksi",
    "historicalrencanakerja",
    "historicalumpanbalikindikator",
]


def _pindahkan(apps, schema_editor, dari: str, ke: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # A content type that already exists under the new label (created by a post_migrate between the two steps) is
    # left alone, as Django's own RenameContentType does; the old one is then stale (remove_stale_contenttypes).
    sudah = ContentType.objects.using(db).filter(app_label=ke, model__in=MODELS).values_list("model", flat=True)
    ContentType.objects.using(db).filter(app_label=dari, model__in=MODELS).exclude(model__in=list(sudah)).update(
        app_label=ke
    )
    ContentType.objects.clear_cache()


def ke_penilaian(apps, schema_editor):
    _pindahkan(apps, schema_editor, "evaluasi", "penilaian")


def ke_evaluasi(apps, schema_editor):
    _pindahkan(apps, schema_editor, "penilaian", "evaluasi")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("evaluasi", "0005_capaian_tanpa_indeks_fk_fillfactor"),
        ("penilaian", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Dependants first, so that no model left in the state points at one already gone.
            state_operations=[
                migrations.DeleteModel(name="HistoricalAturanPenilaian"),
                migrations.DeleteModel(name="HistoricalPelatihan"),
                migrations.DeleteModel(name="HistoricalPenghargaan"),
                migrations.DeleteModel(name="HistoricalPenilaian"),
                migrations.DeleteModel(name="HistoricalPesertaPelatihan"),
                migrations.DeleteModel(name="HistoricalPredikatOpd"),
                migrations.DeleteModel(name="HistoricalRekomendasiPelatihan"),
                migrations.DeleteModel(name="HistoricalRencanaAksi"),
                migrations.DeleteModel(name="HistoricalRencanaKerja"),
                migrations.DeleteModel(name="HistoricalUmpanBalikIndikator"),
                migrations.DeleteModel(name="RencanaAksi"),
                migrations.DeleteModel(name="RencanaKerja"),
                migrations.DeleteModel(name="PesertaPelatihan"),
                migrations.DeleteModel(name="Pelatihan"),
                migrations.DeleteModel(name="RekomendasiPelatihan"),
                migrations.DeleteModel(name="Penghargaan"),
                migrations.DeleteModel(name="PembukaanPenilaian"),
                migrations.DeleteModel(name="UmpanBalikIndikator"),
                migrations.DeleteModel(name="Penilaian"),
                migrations.DeleteModel(name="PredikatOpd"),
                migrations.DeleteModel(name="AturanPenilaian"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(ke_penilaian, ke_evaluasi),
    ]
