"""The automatic feeds' discrepancy records (SelisihFeed) move from the pengaduan app to this one, whose realisations
they are about, in the same table (pengaduan_selisihfeed) with the same rows: both the complaint and the survey feeds
write them. Nothing in the database changes but the content type, which follows the model; pengaduan 0002 then
forgets it.
"""

import django.db.models.deletion
from django.db import migrations, models

from kinerja.migrasi import DEPENDENCIES, jenis_konten


class Migration(migrations.Migration):
    dependencies = [
        *DEPENDENCIES,
        ("evaluasi", "0006_penilaian_pindah"),
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
            jenis_konten("pengaduan", "evaluasi", ("selisihfeed",)),
            jenis_konten("evaluasi", "pengaduan", ("selisihfeed",)),
        ),
    ]
