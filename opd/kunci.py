"""Login lockout (django-axes) that cannot be turned against its victim.

Failures are counted per account and address together (AXES_LOCKOUT_PARAMETERS): ten wrong passwords for an admin
from one address lock that admin out of that address only, and the admin still signs in from an office that did not
fail. Guessing across many accounts from one address is stopped by a second, higher limit on the address alone
(AXES_ADDRESS_FAILURE_LIMIT), counted over the same cool-off.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum

from .batas import alamat_klien


def alamat_axes(request) -> str | None:
    """The client's address as the rate limits of the public pages see it (opd.batas), or None when there is none
    that the address column can hold."""
    alamat = alamat_klien(request)
    try:
        return str(ipaddress.ip_address(alamat))
    except ValueError:
        return None


def gagal_dari_alamat(alamat: str | None, *, sejak) -> int:
    """Failed logins from one address since `sejak`, whatever the account."""
    if not alamat:
        return 0
    total = AccessAttempt.objects.filter(ip_address=alamat, attempt_time__gte=sejak).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class KunciHandler(AxesDatabaseHandler):
    """axes' database handler, with the address limit on top of the account-and-address one."""

    def alamat_terkunci(self, request) -> bool:
        sejak = get_cool_off_threshold(request)
        return gagal_dari_alamat(request.axes_ip_address, sejak=sejak) >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.alamat_terkunci(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or not self.alamat_terkunci(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=credentials.get("username"), ip_address=request.axes_ip_address
        )
