from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OpdConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opd"
    verbose_name = _("Organisasi dan pegawai")


class KinerjaAdminConfig(admin_apps.AdminConfig):
    default_site = "opd.admin_site.KinerjaAdminSite"
