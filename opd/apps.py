from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OpdConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opd"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self) -> None:
        from . import audit, signals  # noqa: F401
        from .models import Instansi, JenisAudit, PeranPengguna

        # The instansi's settings and rules, and who holds which role where.
        audit.pantau(Instansi, jenis=JenisAudit.KONFIGURASI, instansi="")
        audit.pantau(PeranPengguna, jenis=JenisAudit.KONFIGURASI, teks=_teks_peran)


def _teks_peran(peran) -> str:
    from .audit import terisi

    user = terisi(peran, "user")
    return f"{peran.peran} {user.get_username() if user else f'#{peran.user_id}'}"


class KinerjaAdminConfig(admin_apps.AdminConfig):
    default_site = "opd.admin_site.KinerjaAdminSite"
