"""The pengaduan app forgets the models that moved out with their tables and rows: the survey's Layanan and
ResponSurvei (survei 0001), the instansi's HariLibur (opd 0002) and the feeds' SelisihFeed (evaluasi 0007). State only:
the tables stay, now the new apps' own. Their content types moved with them; one that a step-by-step migrate made
again for this app meanwhile is removed.
"""

from django.db import migrations

from kinerja.migrasi import DEPENDENCIES, hapus_jenis_konten_sisa


class Migration(migrations.Migration):
    dependencies = [
        *DEPENDENCIES,
        ("evaluasi", "0007_selisihfeed"),
        ("opd", "0002_harilibur"),
        ("pengaduan", "0001_initial"),
        ("survei", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ResponSurvei"),
                migrations.DeleteModel(name="Layanan"),
                migrations.DeleteModel(name="HariLibur"),
                migrations.DeleteModel(name="SelisihFeed"),
            ],
        ),
        migrations.RunPython(
            hapus_jenis_konten_sisa("pengaduan", ("responsurvei", "layanan", "harilibur", "selisihfeed")),
            migrations.RunPython.noop,
        ),
    ]
