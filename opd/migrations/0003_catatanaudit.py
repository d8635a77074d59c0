"""The audit log (CatatanAudit). On PostgreSQL a trigger makes its table append-only for everyone who connects with
the application's role: an UPDATE or DELETE is refused, except the one Django makes when an account is deleted
(`user` set to NULL, every other column unchanged). Retention is the DBA's (docs/operations.md)."""

import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


HANYA_TAMBAH = """
CREATE OR REPLACE FUNCTION opd_catatanaudit_hanya_tambah() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL
        AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'opd_catatanaudit is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER opd_catatanaudit_hanya_tambah
    BEFORE UPDATE OR DELETE ON opd_catatanaudit
    FOR EACH ROW EXECUTE FUNCTION opd_catatanaudit_hanya_tambah();
"""
HAPUS_PEMICU = """
DROP TRIGGER IF EXISTS opd_catatanaudit_hanya_tambah ON opd_catatanaudit;
DROP FUNCTION IF EXISTS opd_catatanaudit_hanya_tambah();
"""


def _hanya_di_postgresql(sql):
    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return jalankan


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("opd", "0002_harilibur"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CatatanAudit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("waktu", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="waktu")),
                ("username", models.CharField(blank=True, max_length=150, verbose_name="nama pengguna")),
                (
                    "jenis",
                    models.CharField(
                        choices=[
                            ("masuk", "Masuk"),
                            ("gagal_masuk", "Gagal masuk"),
                            ("terkunci", "Akun terkunci"),
                            ("buka_kunci", "Kunci akun dibuka"),
                            ("keluar", "Keluar"),
                            ("ditolak", "Akses ditolak"),
                            ("realisasi", "Perubahan realisasi"),
                            ("target", "Perubahan indikator atau target"),
                            ("penilaian", "Perubahan penilaian atau predikat"),
                            ("pengaduan", "Perubahan status pengaduan"),
                            ("konfigurasi", "Perubahan konfigurasi"),
                        ],
                        max_length=20,
                        verbose_name="jenis",
                    ),
                ),
                (
                    "aksi",
                    models.CharField(
                        blank=True,
                        choices=[("dibuat", "dibuat"), ("diubah", "diubah"), ("dihapus", "dihapus")],
                        max_length=10,
                        verbose_name="aksi",
                    ),
                ),
                ("objek_id", models.BigIntegerField(blank=True, null=True, verbose_name="ID objek")),
                ("objek_teks", models.CharField(blank=True, max_length=200, verbose_name="objek")),
                (
                    "perubahan",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="perubahan",
                    ),
                ),
                ("keterangan", models.CharField(blank=True, max_length=200, verbose_name="keterangan")),
                ("alamat", models.CharField(blank=True, max_length=64, verbose_name="alamat klien")),
                ("path", models.CharField(blank=True, max_length=500, verbose_name="alamat halaman")),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="jenis objek",
                    ),
                ),
                (
                    "instansi",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="opd.instansi",
                        verbose_name="instansi",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pengguna",
                    ),
                ),
            ],
            options={
                "verbose_name": "catatan audit",
                "verbose_name_plural": "catatan audit",
                "ordering": ["-waktu", "-id"],
                "indexes": [
                    models.Index(fields=["instansi", "-waktu", "-id"], name="audit_instansi_waktu"),
                    models.Index(fields=["content_type", "objek_id"], name="audit_objek"),
                ],
            },
        ),
        migrations.RunPython(_hanya_di_postgresql(HANYA_TAMBAH), _hanya_di_postgresql(HAPUS_PEMICU)),
    ]
