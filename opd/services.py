"""Writes for organisations, staff, accounts and the instansi's days off.

The deadlines counted in working days (open complaints) are recomputed by their own app when a day off is saved or
deleted (pengaduan/signals.py), so this module knows nothing of them.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .lingkup import Lingkup, get_lingkup
from .models import HariLibur, Instansi, JenisAudit


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

    akun = _users_in_scope(user=actor).filter(username=username).first()
    if akun is None:
        return False
    reset(username=username)
    audit.catat(
        jenis=JenisAudit.BUKA_KUNCI,
        user=actor,
        instansi=audit.instansi_pengguna(akun) or audit.instansi_pengguna(actor),
        objek=akun,
        objek_teks=username,
    )
    return True


# -- days off --------------------------------------------------------------------------------------------------------


def boleh_kelola_libur(lingkup: Lingkup, instansi_id: int) -> bool:
    """The instansi's Petugas Pengaduan and Admin Instansi keep its days off."""
    return lingkup.superuser or instansi_id in lingkup.petugas_instansi | lingkup.admin_instansi


@transaction.atomic
def hari_libur_add(*, actor, instansi: Instansi, tanggal: datetime.date, keterangan: str) -> HariLibur:
    """An extra day off of the instansi (cuti bersama…): its open complaints' deadlines move on commit."""
    if not boleh_kelola_libur(get_lingkup(actor), instansi.pk):
        raise PermissionDenied
    libur = HariLibur(instansi=instansi, tanggal=tanggal, keterangan=keterangan.strip(), dibuat_oleh=actor)
    # The unique date is checked by the database below, so the message can say what happened in plain words.
    libur.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            libur.save()
    except IntegrityError:
        raise ValidationError({"tanggal": _("Tanggal ini sudah tercatat sebagai hari libur.")})
    return libur


@transaction.atomic
def hari_libur_delete(*, actor, hari_libur: HariLibur) -> None:
    if not boleh_kelola_libur(get_lingkup(actor), hari_libur.instansi_id):
        raise PermissionDenied
    hari_libur.delete()
