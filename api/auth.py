"""Who calls the API: a token's key in `Authorization: Bearer <key>` (or `Token <key>`). A revoked or unknown key is
a 401. The caller reads through the apps' selectors with the token's scope (selectors.lingkup_token)."""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, throttling

from . import selectors, services
from .models import TokenApi

logger = logging.getLogger(__name__)
SKEMA = ("bearer", "token")


class KlienApi:
    """The request's user for an API call: an integration, not a person. The scope the selectors read is set on it
    (opd.lingkup.get_lingkup reads `_kinerja_lingkup`), so they need no account."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = id = None

    def __init__(self, token: TokenApi):
        self.token = token
        self._kinerja_lingkup = selectors.lingkup_token(token)

    def __str__(self) -> str:
        return f"token:{self.token.awalan}"

    def get_username(self) -> str:
        return str(self)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in SKEMA:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization harus berisi Bearer, spasi, lalu kunci token.")
            )
        try:
            kunci = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Kunci token tidak valid.")) from None
        token = selectors.token_by_kunci(kunci)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Kunci token tidak valid."))
        if not token.aktif:
            # Kept for the audit entry of the refusal, which then names the token's instansi.
            request.token_ditolak = token
            raise exceptions.AuthenticationFailed(_("Token ini sudah dicabut."))
        services.token_mark_used(token=token)
        return KlienApi(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests per token (API_RATE_LIMIT, e.g. "600/min"), counted in the cache. If the cache cannot be reached the
    request goes through: a slow cache must not take the API down with it."""

    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view) -> str | None:
        token = request.auth
        if not isinstance(token, TokenApi):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - any failure of the cache backend
            logger.warning("API throttle: cache unavailable, request allowed", exc_info=True)
            return True
