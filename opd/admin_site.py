from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .lingkup import get_lingkup
from .models import Peran


class KinerjaAdminSite(admin.AdminSite):
    """The Django admin is housekeeping for Admin Instansi and Admin BKN only."""

    site_header = _("Kinerja – administrasi")
    site_title = _("Kinerja")
    index_title = _("Administrasi")

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return get_lingkup(user).has(Peran.ADMIN_INSTANSI, Peran.ADMIN_BKN)
