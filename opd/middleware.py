from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import Http404
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
    # The instansi a user works in; a BKN user overseeing several zones keeps the site default.
    own = get_lingkup(user).instansi_kerja
    zone = None
    if len(own) == 1:
        from .models import Instansi

        zone = Instansi.objects.filter(pk=next(iter(own))).values_list("zona_waktu", flat=True).first()
    user._kinerja_zone = zone
    return zone


class AuditPenolakanMiddleware:
    """A 404 or 403 that a view raised for a signed-in user goes into the audit log: someone reached for what is
    outside their scope (or no longer exists). A mistyped address is not a view's refusal and is not recorded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404 | PermissionDenied):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        from . import audit
        from .models import JenisAudit

        instansi = get_lingkup(user).instansi_kerja
        audit.catat(
            jenis=JenisAudit.DITOLAK,
            user=user,
            instansi=next(iter(instansi)) if len(instansi) == 1 else None,
            keterangan="404" if isinstance(exception, Http404) else "403",
            request=request,
        )
        return None


class BahasaMiddleware:
    """Bahasa Indonesia unless the user chose otherwise: the language switch (Django's set_language view) keeps the
    choice in the language cookie. The browser's Accept-Language is ignored on purpose: many civil servants' browsers
    are set to English, and the product speaks Bahasa Indonesia to them all the same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        pilihan = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        kode = pilihan if pilihan in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(kode)
        request.LANGUAGE_CODE = kode
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", kode)
        return response
