from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengaduanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pengaduan"
    verbose_name = _("Pengaduan")

    def ready(self) -> None:
        from opd import audit

        from . import signals  # noqa: F401
        from .models import Pengaduan

        # Its steps are written to the audit log by the services (services._riwayat), not from a history.
        audit.daftar_objek(Pengaduan)
