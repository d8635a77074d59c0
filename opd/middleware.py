from zoneinfo import ZoneInfo

from django.utils import timezone

from .lingkup import get_lingkup


class InstansiTimezoneMiddleware:
    """Show times in the zone of the user's instansi (Kupang WITA, Surabaya WIB); UTC stays the storage."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = instansi_zone_for_user(request.user) if hasattr(request, "user") else None
        if zone:
            timezone.activate(ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def instansi_zone_for_user(user) -> str | None:
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_kinerja_zone", False)
    if cached is not False:
        return cached
    lingkup = get_lingkup(user)
    # The instansi a user works in; a BKN user overseeing several zones keeps the site default.
    own = lingkup.admin_instansi | lingkup.petugas_instansi | lingkup.opd_role_instansi
    if lingkup.pegawai_instansi_id:
        own |= {lingkup.pegawai_instansi_id}
    zone = None
    if len(own) == 1:
        from .models import Instansi

        zone = Instansi.objects.filter(pk=next(iter(own))).values_list("zona_waktu", flat=True).first()
    user._kinerja_zone = zone
    return zone
