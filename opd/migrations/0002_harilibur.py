"""The instansi's days off (HariLibur) move from the pengaduan app to this one, the instansi's calendar, in the same
table (pengaduan_harilibur) with the same rows. Nothing in the database changes but the content type, which follows
the model; pengaduan 0002 then forgets it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kinerja.migrasi import DEPENDENCIES, jenis_konten


class Migration(migrations.Migration):
    dependencies = [
        *DEPENDENCIES,
        ("opd", "0001_initial"),
        ("pengaduan", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HariLibur",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("tanggal", models.DateField(verbose_name="tanggal")),
                        ("keterangan", models.CharField(max_length=200, verbose_name="keterangan")),
                        (
                            "dibuat_oleh",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "instansi",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="hari_libur_set",
                                to="opd.instansi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hari libur instansi",
                        "verbose_name_plural": "hari libur instansi",
                        "db_table": "pengaduan_harilibur",
                        "ordering": ["instansi", "tanggal"],
                        "constraints": [
                            models.UniqueConstraint(fields=("instansi", "tanggal"), name="hari_libur_unik")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            jenis_konten("pengaduan", "opd", ("harilibur",)),
            jenis_konten("opd", "pengaduan", ("harilibur",)),
        ),
    ]
