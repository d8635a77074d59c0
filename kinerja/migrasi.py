"""Helpers for migrations that move a model from one app to another with its table and rows.

Historical migrations call these: change what they do only in ways every past caller still wants.
"""

from django.db.models import Q

# The migrations a caller of these helpers must depend on, for the models they read.
DEPENDENCIES = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("contenttypes", "0002_remove_content_type_name"),
]


def jenis_konten(dari: str, ke: str, model: tuple[str, ...]):
    """A RunPython function that moves the content types of `model` from app `dari` to app `ke`, so that their
    permissions (and their assignments to users and groups, and the admin log) follow the models.

    Migrating step by step can leave both apps with a type for the same model: Django creates the content types of
    every model in the migration state after each `migrate` command, and between the two apps' migrations both hold
    the model. A type in `ke` that nothing uses yet (no permission of it assigned, no admin log entry) is that
    by-product and makes way; one that is in use is left alone, and so is the old one then."""

    def pindahkan(apps, schema_editor):
        db = schema_editor.connection.alias
        ContentType = apps.get_model("contenttypes", "ContentType")
        for nama in model:
            lama = ContentType.objects.using(db).filter(app_label=dari, model=nama).first()
            if lama is None:
                continue
            baru = ContentType.objects.using(db).filter(app_label=ke, model=nama).first()
            if baru is not None:
                if _dipakai(apps, db, baru):
                    continue
                baru.delete()
            lama.app_label = ke
            lama.save(update_fields=["app_label"])

    return pindahkan


def hapus_jenis_konten_sisa(app: str, model: tuple[str, ...]):
    """A RunPython function for the migration that removes moved models from their old app's state: the old app's
    content types for them that a step-by-step migrate created meanwhile (see `jenis_konten`) go, unless in use."""

    def hapus(apps, schema_editor):
        db = schema_editor.connection.alias
        ContentType = apps.get_model("contenttypes", "ContentType")
        for sisa in ContentType.objects.using(db).filter(app_label=app, model__in=model):
            if not _dipakai(apps, db, sisa):
                sisa.delete()

    return hapus


def _dipakai(apps, db: str, jenis) -> bool:
    """Whether anything refers to this content type: a permission of it given to a user or group, an admin log entry."""
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    izin_diberikan = (
        Permission.objects.using(db).filter(content_type=jenis).filter(Q(group__isnull=False) | Q(user__isnull=False))
    )
    return izin_diberikan.exists() or LogEntry.objects.using(db).filter(content_type=jenis).exists()
