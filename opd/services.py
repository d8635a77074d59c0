"""Writes for organisations, staff and accounts."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .lingkup import get_lingkup


def _users_in_scope(*, user):
    lingkup = get_lingkup(user)
    User = get_user_model()
    if lingkup.superuser:
        return User.objects.all()
    instansi = lingkup.admin_instansi | lingkup.bkn_instansi
    return User.objects.filter(Q(peran_set__instansi_id__in=instansi) | Q(pegawai__opd__instansi_id__in=instansi))


def lockout_list_for_user(*, user) -> list:
    """Accounts now locked out (AXES_FAILURE_LIMIT failures within the cool-off) that this admin looks after."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    usernames = _users_in_scope(user=user).values("username")
    return list(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since, username__in=usernames
        ).order_by("-attempt_time")
    )


def lockout_reset(*, actor, username: str) -> bool:
    """Lift a lockout for a user the actor looks after. Returns False when there is nothing of theirs to lift."""
    from axes.utils import reset

    if not _users_in_scope(user=actor).filter(username=username).exists():
        return False
    reset(username=username)
    return True
