"""Tokens of the read-only API: one per integration (e-Kinerja BKN, SIASN, a pemda's own data warehouse), each scoped
to one instansi. Only the SHA-256 of a key is stored; the key itself is shown once, when the token is created."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opd.models import Instansi

AWALAN_KUNCI = "knj_"


def hash_kunci(kunci: str) -> str:
    return hashlib.sha256(kunci.encode()).hexdigest()


class TokenApiQuerySet(models.QuerySet):
    def aktif(self) -> "TokenApiQuerySet":
        return self.filter(dicabut_pada__isnull=True)


class TokenApi(models.Model):
    """A key an integration sends as `Authorization: Bearer <key>`; it reads what its instansi holds, nothing else."""

    nama = models.CharField(_("nama integrasi"), max_length=100)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="token_api_set", verbose_name=_("instansi")
    )
    kunci_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so that an admin can tell which key an integration holds.
    awalan = models.CharField(_("awalan kunci"), max_length=12, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dicabut_pada = models.DateTimeField(_("dicabut"), null=True, blank=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dipakai_terakhir = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    objects = TokenApiQuerySet.as_manager()

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat_pada", "-id"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None
