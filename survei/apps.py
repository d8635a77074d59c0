from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "survei"
    verbose_name = _("Survei kepuasan masyarakat")

    def ready(self) -> None:
        from . import signals  # noqa: F401
