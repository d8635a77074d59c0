"""The automatic feeds' discrepancy records (SelisihFeed) move from the pengaduan app to this one, whose realisations
they are about, in the same table (pengaduan_selisihfeed) with the same rows: both the complaint and the survey feeds
write them. Nothing in the database changes but the content type, which follows the model; pengaduan 0002 then
forgets it.
"""

import django.db.models.deletion
from django.db import migrations, models


def _jenis_konten(dari: str, ke: str, model: tuple[str, ...]):
    """Move the content types of the moved models to their new app, so that their permissions (and anything else
    pointing at a content type) follow them. A type the new app already has is left alone."""

    def pindahkan(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for nama in model:
            if not ContentType.objects.using(db).filter(app_label=ke, model=nama).exists():
                ContentType.objects.using(db).filter(app_label=dari, model=nama).update(app_label=ke)

    return pindahkan


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("evaluasi", "0004_ringkasan_opd"),
        ("indikator", "0001_initial"),
        ("pengaduan", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SelisihFeed",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "triwulan",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
                            ),
                        ),
                        ("nilai_tercatat", models.DecimalField(decimal_places=4, max_digits=18, null=True)),
                        ("nilai_hitung", models.DecimalField(decimal_places=4, max_digits=18, null=True)),
                        ("status_realisasi", models.CharField(max_length=15)),
                        ("dicatat_pada", models.DateTimeField(auto_now=True)),
                        (
                            "indikator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="indikator.indikator"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "pengaduan_selisihfeed",
                        "ordering": ["indikator", "triwulan"],
                        "constraints": [
                            models.UniqueConstraint(fields=("indikator", "triwulan"), name="selisih_feed_unik")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            _jenis_konten("pengaduan", "evaluasi", ("selisihfeed",)),
            _jenis_konten("evaluasi", "pengaduan", ("selisihfeed",)),
        ),
    ]
