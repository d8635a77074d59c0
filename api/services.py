"""Writes: creating and revoking API tokens, each recorded in the audit log."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from opd import audit
from opd.models import CatatanAudit, Instansi, JenisAudit

from .models import AWALAN_KUNCI, TokenApi, hash_kunci


@transaction.atomic
def token_create(*, actor, instansi: Instansi, nama: str) -> tuple[TokenApi, str]:
    """A new token of `instansi`, and its key: the only time the key exists outside the client (only its hash is
    kept)."""
    kunci = AWALAN_KUNCI + secrets.token_urlsafe(32)
    token = TokenApi(
        nama=nama.strip(), instansi=instansi, kunci_hash=hash_kunci(kunci), awalan=kunci[:12], dibuat_oleh=actor
    )
    token.full_clean()
    token.save()
    audit.catat(
        jenis=JenisAudit.KONFIGURASI,
        user=actor,
        instansi=instansi.pk,
        objek=token,
        objek_teks=str(token),
        aksi=CatatanAudit.Aksi.DIBUAT,
        keterangan="token API dibuat",
    )
    return token, kunci


@transaction.atomic
def token_revoke(*, actor, token: TokenApi) -> TokenApi:
    """Revoke a token: from now on its key gets 401. Revoking twice changes nothing."""
    token = TokenApi.objects.select_for_update().get(pk=token.pk)
    if token.dicabut_pada is not None:
        return token
    token.dicabut_pada = timezone.now()
    token.dicabut_oleh = actor
    token.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    audit.catat(
        jenis=JenisAudit.KONFIGURASI,
        user=actor,
        instansi=token.instansi_id,
        objek=token,
        objek_teks=str(token),
        aksi=CatatanAudit.Aksi.DIUBAH,
        perubahan={"dicabut_pada": [None, token.dicabut_pada]},
        keterangan="token API dicabut",
    )
    return token


def token_mark_used(*, token: TokenApi) -> None:
    """Record that the token was used, at most once a minute (one UPDATE that matches no row otherwise)."""
    sekarang = timezone.now()
    batas = sekarang - datetime.timedelta(minutes=1)
    TokenApi.objects.filter(pk=token.pk).exclude(dipakai_terakhir__gte=batas).update(dipakai_terakhir=sekarang)
