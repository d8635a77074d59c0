from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = _("Penilaian")
