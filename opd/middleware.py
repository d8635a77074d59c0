from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

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


class MasukanTidakSah(SuspiciousOperation):
    """A request no form could accept; Django answers it with a 400 (handler400)."""


class TolakNulMiddleware:
    """A NUL character in the address, a query parameter or a form field is refused with a 400 before any view runs.

    No text the application keeps may hold one, and PostgreSQL refuses it in a query: a view that filters by `?q=`
    would otherwise answer with a 500. Forms refuse it too (Django's CharField), but not every value goes through one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _ada_nul(request.GET) or (request.method == "POST" and _ada_nul(request.POST)):
            raise MasukanTidakSah("NUL character in the request")
        return self.get_response(request)


def _ada_nul(data) -> bool:
    return any("\x00" in kunci or any("\x00" in v for v in nilai) for kunci, nilai in data.lists())


class SesiMiddleware:
    """Ends a signed-in session that has been idle too long or has lasted too long (opd/sesi.py): the user signs in
    again and comes back to the page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth import SESSION_KEY, logout
        from django.contrib.auth.views import redirect_to_login

        from . import sesi

        if SESSION_KEY in request.session and not sesi.periksa(request.session):
            logout(request)
            messages.info(request, _("Sesi Anda telah berakhir. Silakan masuk lagi."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


# Pages a signed-in user reaches before the second step is done: signing in and out, the language, the health check.
BEBAS_DUA_LANGKAH = frozenset({"login", "logout", "set_language", "healthz"})


class DuaLangkahMiddleware:
    """Until the second step is done (opd/dua_langkah.py), a signed-in user sees only that step's page: entering the
    code, or setting up an authenticator where one is required. Public pages (marked with Django's
    `login_not_required`) stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.contrib.auth import SESSION_KEY

        from . import dua_langkah

        if SESSION_KEY not in request.session or not request.user.is_authenticated:
            return None
        status = dua_langkah.status(request)
        if status == dua_langkah.OK or getattr(view_func, "login_required", True) is False:
            return None
        tujuan = "opd:dua_langkah_verifikasi" if status == dua_langkah.VERIFIKASI else "opd:dua_langkah_pasang"
        nama = request.resolver_match.view_name if request.resolver_match else ""
        if nama == tujuan or nama in BEBAS_DUA_LANGKAH:
            return None
        alamat = reverse(tujuan)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            kembali = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()}, safe="/")
            alamat = f"{alamat}?{kembali}"
        if request.headers.get("HX-Request"):
            # An in-page update would put the step's page inside the page: htmx loads it whole instead.
            return HttpResponse(status=204, headers={"HX-Redirect": alamat})
        return redirect(alamat)


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
