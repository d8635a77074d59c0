"""Sign-ins, sign-outs, failed sign-ins and lockouts into the audit log, from Django's and django-axes' signals (any
later check at sign-in, such as a second factor, reports its failures through `user_login_failed` too)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit, dua_langkah, sesi
from .models import JenisAudit


def _akun(username: str):
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def _catat_akun(*, jenis: str, username: str, request, keterangan: str = "") -> None:
    """An event about an account named at the login form: linked to the account when there is one."""
    akun = _akun(username)
    audit.catat(
        jenis=jenis,
        user=akun,
        username=username,
        instansi=audit.instansi_pengguna(akun),
        keterangan=keterangan,
        request=request,
    )


@receiver(user_logged_in, dispatch_uid="audit:masuk")
def _masuk(sender, request, user, **kwargs) -> None:
    audit.catat(jenis=JenisAudit.MASUK, user=user, instansi=audit.instansi_pengguna(user), request=request)


@receiver(user_logged_in, dispatch_uid="sesi:mulai")
def _mulai_sesi(sender, request, user, **kwargs) -> None:
    """A new session: its clocks start (opd/sesi.py) and it learns whether a second step is still to come."""
    session = getattr(request, "session", None)
    if session is None:
        return
    sesi.mulai(session)
    dua_langkah.tandai(request, dua_langkah.status_awal(user))


@receiver(user_logged_out, dispatch_uid="audit:keluar")
def _keluar(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.catat(jenis=JenisAudit.KELUAR, user=user, instansi=audit.instansi_pengguna(user), request=request)


@receiver(user_login_failed, dispatch_uid="audit:gagal-masuk")
def _gagal_masuk(sender, credentials, request=None, **kwargs) -> None:
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    # A wrong code at the second step is reported as a failed sign-in too (opd/views_akun.py), marked as such.
    keterangan = "kode dua langkah salah" if credentials.get("dua_langkah") else ""
    _catat_akun(jenis=JenisAudit.GAGAL_MASUK, username=username, request=request, keterangan=keterangan)


@receiver(user_locked_out, dispatch_uid="audit:terkunci")
def _terkunci(sender, request, username, ip_address=None, **kwargs) -> None:
    _catat_akun(jenis=JenisAudit.TERKUNCI, username=str(username or "")[:150], request=request)
