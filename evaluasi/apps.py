from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = _("Realisasi dan evaluasi")

    def ready(self) -> None:
        from . import signals  # noqa: F401
