"""Notifications: what happened that a user should know (in the application, and by email in a daily digest), and
each user's choice per kind."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JenisNotifikasi(models.TextChoices):
    JENDELA_DIBUKA = "jendela_dibuka", _("Jendela pengisian dibuka")
    JENDELA_DITUTUP = "jendela_ditutup", _("Jendela pengisian segera ditutup")
    REALISASI_DIKEMBALIKAN = "realisasi_dikembalikan", _("Realisasi dikembalikan")
    VERIFIKASI_TERTUNDA = "verifikasi_tertunda", _("Realisasi lama menunggu verifikasi")
    UMPAN_BALIK = "umpan_balik", _("Umpan balik menunggu tanda terima")
    PENGADUAN_TERLAMBAT = "pengaduan_terlambat", _("Pengaduan terlambat atau dieskalasi")
    LAPORAN_SIAP = "laporan_siap", _("Laporan siap diunduh")


class Notifikasi(models.Model):
    """One event for one user. `kunci` names the event (a period's closing day, a value's return...) so that a job
    run twice creates it once; `kirim_email` is the user's choice when it was created, `diemail` when the digest sent
    it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi_set", verbose_name=_("pengguna")
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisNotifikasi.choices)
    teks = models.CharField(_("teks"), max_length=500)
    tautan = models.CharField(_("tautan"), max_length=500, blank=True)
    kunci = models.CharField(max_length=200, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)
    dibaca = models.DateTimeField(_("dibaca"), null=True, blank=True)
    kirim_email = models.BooleanField(default=True)
    diemail = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jenis", "kunci"], condition=~models.Q(kunci=""), name="notifikasi_sekali"
            )
        ]
        indexes = [
            models.Index(fields=["user", "dibaca"], name="notifikasi_belum_dibaca"),
            models.Index(
                fields=["user"], condition=models.Q(kirim_email=True, diemail__isnull=True), name="notifikasi_antre"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.jenis}: {self.teks[:40]}"


class PreferensiNotifikasi(models.Model):
    """A user's choice for one kind: in the application and by email (the default, when no row exists), in the
    application only, or off."""

    class Saluran(models.TextChoices):
        APLIKASI_EMAIL = "aplikasi_email", _("Di aplikasi dan lewat email")
        APLIKASI = "aplikasi", _("Di aplikasi saja")
        MATI = "mati", _("Tidak diberitahukan")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_notifikasi_set"
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisNotifikasi.choices)
    saluran = models.CharField(_("saluran"), max_length=20, choices=Saluran.choices, default=Saluran.APLIKASI_EMAIL)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [models.UniqueConstraint(fields=["user", "jenis"], name="preferensi_notifikasi_unik")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.jenis}: {self.saluran}"
