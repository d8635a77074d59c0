from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API untuk integrasi")

    def ready(self) -> None:
        from opd import audit

        from .models import TokenApi

        # Token entries (created, revoked) name the token as their object, so the audit page can filter by it.
        audit.daftar_objek(TokenApi)
