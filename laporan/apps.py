from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laporan"
    verbose_name = _("Laporan dan dasbor")

    def ready(self) -> None:
        from . import undangan  # noqa: F401  (connects the survey invitation to closed complaints)
