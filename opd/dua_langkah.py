"""The second sign-in step (django-otp): a time-based code from an authenticator app (TOTP), or one of ten single-use
recovery codes.

Admin BKN and Admin Instansi (and superusers), who read and change a whole pemda, must use it; everyone else may
turn it on. Where a session stands is kept in the session itself (`STATUS`), set at sign-in by opd/signals.py, so
that no page asks the database about devices:

- `OK`: nothing more to do (the code was entered, or the account needs none);
- `VERIFIKASI`: the password was right, the code is still to come (opd.views_akun.verifikasi);
- `PASANG`: an account that must use a second factor has none yet (opd.views_akun.pasang).

opd.middleware.DuaLangkahMiddleware keeps a session that is not `OK` on its page.
"""

import base64
import enum

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .lingkup import get_lingkup
from .models import JenisAudit

STATUS = "kinerja_dua_langkah"
OK, VERIFIKASI, PASANG = "ok", "verifikasi", "pasang"
JUMLAH_KODE_PEMULIHAN = 10
PANJANG_KODE = 6


class Hasil(enum.Enum):
    BENAR = "benar"
    PEMULIHAN = "pemulihan"  # right, with a recovery code (now used up)
    SALAH = "salah"
    TUNGGU = "tunggu"  # too many wrong codes just now: the device refuses for a few seconds


def wajib(user) -> bool:
    """Whether this account must use a second factor: it can read or change a whole instansi's data."""
    lingkup = get_lingkup(user)
    return lingkup.superuser or bool(lingkup.admin_instansi or lingkup.bkn_instansi)


def aktif(user) -> bool:
    """Whether the account has a confirmed authenticator."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def status_awal(user) -> str:
    """Where a fresh sign-in of `user` stands."""
    if aktif(user):
        return VERIFIKASI
    return PASANG if wajib(user) else OK


def status(request) -> str:
    """Where this session stands (computed and kept once for a session signed in before this existed)."""
    nilai = request.session.get(STATUS)
    if nilai not in (OK, VERIFIKASI, PASANG):
        nilai = request.session[STATUS] = status_awal(request.user)
    return nilai


def tandai(request, nilai: str) -> None:
    request.session[STATUS] = nilai


def rapikan(kode: str) -> str:
    """What the user typed, without spaces and dashes (authenticator apps show "123 456"; codes are copied with
    their grouping)."""
    return "".join(kode.split()).replace("-", "").lower()


# -- setting up ------------------------------------------------------------------------------------------------------


def perangkat_baru(*, user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed until its first code is entered): the same one while the page is
    reloaded, so that the QR code scanned stays valid."""
    perangkat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if perangkat is None:
        perangkat = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    return perangkat


def kunci_teks(perangkat: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed: base32, in groups of four."""
    teks = base64.b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def qr_data_uri(perangkat: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG in a data: URI (the Content-Security-Policy allows data: images)."""
    import segno

    return segno.make(perangkat.config_url, error="m").svg_data_uri(scale=5, border=2)


def _periksa(perangkat, kode: str) -> Hasil:
    if not perangkat.verify_is_allowed()[0]:
        return Hasil.TUNGGU
    return Hasil.BENAR if perangkat.verify_token(kode) else Hasil.SALAH


@transaction.atomic
def dua_langkah_aktifkan(*, user, perangkat: TOTPDevice, kode: str) -> tuple[Hasil, list[str]]:
    """Confirm the authenticator being set up with its first code. On success it replaces any earlier one, ten new
    recovery codes replace the old ones (returned, to be shown once), and the audit log records it."""
    perangkat = TOTPDevice.objects.select_for_update().get(pk=perangkat.pk, user=user, confirmed=False)
    hasil = _periksa(perangkat, rapikan(kode))
    if hasil is not Hasil.BENAR:
        return hasil, []
    TOTPDevice.objects.filter(user=user).exclude(pk=perangkat.pk).delete()
    perangkat.confirmed = True
    perangkat.save(update_fields=["confirmed"])
    kode_baru = _kode_pemulihan_baru(user)
    audit.catat(
        jenis=JenisAudit.DUA_LANGKAH, user=user, instansi=audit.instansi_pengguna(user), keterangan="diaktifkan"
    )
    return hasil, kode_baru


def _kode_pemulihan_baru(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    perangkat = StaticDevice.objects.create(user=user, name="Kode pemulihan", confirmed=True)
    kode = [StaticToken.random_token() for _ in range(JUMLAH_KODE_PEMULIHAN)]
    StaticToken.objects.bulk_create(StaticToken(device=perangkat, token=k) for k in kode)
    return kode


@transaction.atomic
def kode_pemulihan_buat_ulang(*, user) -> list[str]:
    """Ten new recovery codes for an account with an authenticator; the old ones stop working."""
    if not aktif(user):
        return []
    kode = _kode_pemulihan_baru(user)
    audit.catat(
        jenis=JenisAudit.DUA_LANGKAH,
        user=user,
        instansi=audit.instansi_pengguna(user),
        keterangan="kode pemulihan dibuat ulang",
    )
    return kode


def sisa_kode_pemulihan(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# -- signing in ------------------------------------------------------------------------------------------------------


@transaction.atomic
def dua_langkah_periksa(*, user, kode: str) -> Hasil:
    """Check a code at sign-in: six digits against the authenticator, anything else against the recovery codes (a
    recovery code works once, and its use is audited)."""
    kode = rapikan(kode)
    if kode.isdigit() and len(kode) == PANJANG_KODE:
        perangkat = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        return _periksa(perangkat, kode) if perangkat else Hasil.SALAH
    perangkat = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if perangkat is None or not kode:
        return Hasil.SALAH
    hasil = _periksa(perangkat, kode)
    if hasil is not Hasil.BENAR:
        return hasil
    audit.catat(
        jenis=JenisAudit.DUA_LANGKAH,
        user=user,
        instansi=audit.instansi_pengguna(user),
        keterangan="kode pemulihan dipakai",
    )
    return Hasil.PEMULIHAN


@transaction.atomic
def dua_langkah_matikan(*, user, kode: str) -> Hasil:
    """Turn the second factor off, confirmed with a current code (or a recovery code). An account that must use one
    is asked to set up a new authenticator at once (the caller marks the session)."""
    hasil = dua_langkah_periksa(user=user, kode=kode)
    if hasil not in (Hasil.BENAR, Hasil.PEMULIHAN):
        return hasil
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.catat(jenis=JenisAudit.DUA_LANGKAH, user=user, instansi=audit.instansi_pengguna(user), keterangan="dimatikan")
    return hasil


# -- the demo --------------------------------------------------------------------------------------------------------


def pasang_kunci_tetap(*, user, kunci: str) -> bool:
    """Give an account a confirmed authenticator with a known base32 secret (the demo's documented one), unless it
    already has one. Returns whether one was added."""
    if aktif(user):
        return False
    teks = "".join(kunci.split()).upper()
    biner = base64.b32decode(teks + "=" * (-len(teks) % 8))
    TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", key=biner.hex(), confirmed=True)
    return True
