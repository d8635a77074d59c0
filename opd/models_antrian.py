"""What keeps working while Redis is away: the database rate-limit counters and the outbox of tasks."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PenghitungBatas(models.Model):
    """A rate-limit counter kept in the database while the cache cannot be reached (opd/batas.py). One row per
    purpose and hashed address; its window starts with the first use and a use after the window starts a new one.
    Rows of ended windows are removed by the beat job `kinerja.opd.bersihkan_batas`."""

    kunci = models.CharField(max_length=120, unique=True)
    jendela_mulai = models.DateTimeField()
    jumlah = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung batas")
        verbose_name_plural = _("penghitung batas")
        indexes = [models.Index(fields=["jendela_mulai"], name="penghitung_batas_mulai")]

    def __str__(self) -> str:
        return f"{self.kunci}: {self.jumlah}"


class TugasTertunda(models.Model):
    """A background task that could not be handed to the broker (opd/antrian.py): kept here, and sent again by the
    beat job `kinerja.opd.kirim_tertunda` once the broker answers. Tasks are idempotent, so a task sent twice (a
    publish that reached the broker although it reported an error) changes nothing."""

    nama = models.CharField(_("nama tugas"), max_length=200)
    argumen = models.JSONField(_("argumen"), default=dict)
    percobaan = models.PositiveIntegerField(_("percobaan"), default=1)
    galat = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("tugas tertunda")
        verbose_name_plural = _("tugas tertunda")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.nama} {self.argumen}"
