from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndikatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indikator"
    verbose_name = _("Indikator dan capaian")
