"""The survey moves out of the pengaduan app: its services (Layanan) and answers (ResponSurvei) become this app's
models, in the same tables (pengaduan_layanan, pengaduan_responsurvei) with the same rows, indexes and constraints.
Nothing in the database changes but the content types, which follow the models; pengaduan 0002 then forgets them.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from kinerja.migrasi import DEPENDENCIES, jenis_konten


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        *DEPENDENCIES,
        ("indikator", "0001_initial"),
        ("opd", "0001_initial"),
        ("pengaduan", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Layanan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("nama", models.CharField(max_length=200, verbose_name="nama layanan")),
                        ("aktif", models.BooleanField(default=True, verbose_name="aktif")),
                        (
                            "opd",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="layanan_set", to="opd.opd"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "layanan",
                        "verbose_name_plural": "layanan",
                        "db_table": "pengaduan_layanan",
                        "ordering": ["opd", "nama"],
                        "constraints": [
                            models.UniqueConstraint(fields=("opd", "nama"), name="layanan_nama_unik_per_opd")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ResponSurvei",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("diisi_pada", models.DateTimeField()),
                        ("tanggal", models.DateField()),
                        ("tahun", models.PositiveSmallIntegerField()),
                        (
                            "triwulan",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
                            ),
                        ),
                        (
                            "u1",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Persyaratan",
                            ),
                        ),
                        (
                            "u2",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Sistem, mekanisme dan prosedur",
                            ),
                        ),
                        (
                            "u3",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Waktu penyelesaian",
                            ),
                        ),
                        (
                            "u4",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Biaya/tarif",
                            ),
                        ),
                        (
                            "u5",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Produk spesifikasi jenis pelayanan",
                            ),
                        ),
                        (
                            "u6",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Kompetensi pelaksana",
                            ),
                        ),
                        (
                            "u7",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Perilaku pelaksana",
                            ),
                        ),
                        (
                            "u8",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Penanganan pengaduan, saran dan masukan",
                            ),
                        ),
                        (
                            "u9",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik")],
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="Sarana dan prasarana",
                            ),
                        ),
                        (
                            "usia",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(10),
                                    django.core.validators.MaxValueValidator(110),
                                ],
                                verbose_name="usia",
                            ),
                        ),
                        (
                            "jenis_kelamin",
                            models.CharField(
                                blank=True,
                                choices=[("l", "Laki-laki"), ("p", "Perempuan")],
                                max_length=1,
                                verbose_name="jenis kelamin",
                            ),
                        ),
                        (
                            "pendidikan",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("sd", "SD ke bawah"),
                                    ("smp", "SMP"),
                                    ("sma", "SMA/SMK"),
                                    ("d3", "D1–D3"),
                                    ("s1", "D4/S1"),
                                    ("s2", "S2 ke atas"),
                                ],
                                max_length=10,
                                verbose_name="pendidikan",
                            ),
                        ),
                        (
                            "pekerjaan",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("pns", "PNS/TNI/Polri"),
                                    ("swasta", "Pegawai swasta"),
                                    ("wirausaha", "Wiraswasta/usahawan"),
                                    ("pelajar", "Pelajar/mahasiswa"),
                                    ("petani", "Petani/nelayan"),
                                    ("rumah_tangga", "Mengurus rumah tangga"),
                                    ("lainnya", "Lainnya"),
                                ],
                                max_length=15,
                                verbose_name="pekerjaan",
                            ),
                        ),
                        ("saran", models.TextField(blank=True, max_length=1000, verbose_name="saran")),
                        (
                            "instansi",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="opd.instansi"
                            ),
                        ),
                        (
                            "layanan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="respon_set",
                                to="survei.layanan",
                            ),
                        ),
                        (
                            "opd",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="respon_survei_set",
                                to="opd.opd",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "respons survei",
                        "verbose_name_plural": "respons survei",
                        "db_table": "pengaduan_responsurvei",
                        "ordering": ["-diisi_pada"],
                        "indexes": [
                            models.Index(fields=["opd", "tahun", "triwulan"], name="pengaduan_r_opd_id_013d1b_idx"),
                            models.Index(fields=["instansi", "tahun"], name="pengaduan_r_instans_1a6db9_idx"),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u1__isnull", True), models.Q(("u1__gte", 1), ("u1__lte", 4)), _connector="OR"
                                ),
                                name="respon_u1_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u2__isnull", True), models.Q(("u2__gte", 1), ("u2__lte", 4)), _connector="OR"
                                ),
                                name="respon_u2_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u3__isnull", True), models.Q(("u3__gte", 1), ("u3__lte", 4)), _connector="OR"
                                ),
                                name="respon_u3_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u4__isnull", True), models.Q(("u4__gte", 1), ("u4__lte", 4)), _connector="OR"
                                ),
                                name="respon_u4_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u5__isnull", True), models.Q(("u5__gte", 1), ("u5__lte", 4)), _connector="OR"
                                ),
                                name="respon_u5_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u6__isnull", True), models.Q(("u6__gte", 1), ("u6__lte", 4)), _connector="OR"
                                ),
                                name="respon_u6_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u7__isnull", True), models.Q(("u7__gte", 1), ("u7__lte", 4)), _connector="OR"
                                ),
                                name="respon_u7_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u8__isnull", True), models.Q(("u8__gte", 1), ("u8__lte", 4)), _connector="OR"
                                ),
                                name="respon_u8_1_4",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("u9__isnull", True), models.Q(("u9__gte", 1), ("u9__lte", 4)), _connector="OR"
                                ),
                                name="respon_u9_1_4",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            jenis_konten("pengaduan", "survei", ("layanan", "responsurvei")),
            jenis_konten("survei", "pengaduan", ("layanan", "responsurvei")),
        ),
    ]
