"""Report jobs (who asked for which report, and where it is in queued → running → done / failed), the rendered files
they share when the data has not changed, and the record of each triwulan whose closing produced reports."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indikator.models import TRIWULAN_CHOICES, Periode
from opd.models import Instansi, Opd, Pegawai


def berkas_upload_to(instance: "BerkasLaporan", filename: str) -> str:
    # Never a name from the request: a random token under the instansi, with the format's extension.
    return f"laporan/{instance.instansi_id}/{secrets.token_hex(16)}.{instance.format}"


class Format(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel")


class BerkasLaporan(models.Model):
    """One rendered file of a report, for one data version. Jobs asking for the same report over the same data share
    it instead of rendering again (the data version is a hash of everything the file shows)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    kunci = models.CharField(max_length=200)
    versi_data = models.CharField(_("versi data"), max_length=64)
    format = models.CharField(max_length=4, choices=Format.choices)
    judul = models.CharField(_("judul"), max_length=300)
    berkas = models.FileField(upload_to=berkas_upload_to, max_length=200)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"))
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"))

    class Meta:
        verbose_name = _("berkas laporan")
        verbose_name_plural = _("berkas laporan")
        constraints = [models.UniqueConstraint(fields=["kunci", "versi_data"], name="berkas_laporan_unik")]
        indexes = [models.Index(fields=["terakhir_dipakai"])]

    def __str__(self) -> str:
        return f"{self.judul} ({self.versi_data[:12]})"


class PenutupanTriwulan(models.Model):
    """A triwulan whose entry window closed and whose reports were generated. Unique per closing date, so the beat job
    runs once per closing; a period reopened and closed again gets a new row (and new reports)."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    ditutup = models.DateField(_("tanggal tutup yang diproses"))
    diproses_pada = models.DateTimeField(default=timezone.now)
    diberitahu_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penutupan triwulan")
        verbose_name_plural = _("penutupan triwulan")
        constraints = [models.UniqueConstraint(fields=["periode", "ditutup"], name="penutupan_triwulan_unik")]

    def __str__(self) -> str:
        return f"{self.periode_id} ditutup {self.ditutup}"


class Laporan(models.Model):
    """A report job: one request (by a user, or by the quarter-close job when `diminta_oleh` is empty) for one report
    of one OPD, instansi or pegawai. The `reports` queue renders it; the download centre lists it."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    # Validated against laporan.jenis.REGISTRI by the service (no choices here: a new report type needs no migration).
    jenis = models.CharField(_("jenis laporan"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    bahasa = models.CharField(_("bahasa"), max_length=10)
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="laporan_set")
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, null=True, blank=True, related_name="laporan_set")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="laporan_set")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    alasan_gagal = models.TextField(_("alasan gagal"), blank=True)
    # Renders started for this job: a worker killed mid-render gives the job back, and after
    # laporan.services.MAKS_PERCOBAAN attempts it is failed with its reason.
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    berkas = models.ForeignKey(BerkasLaporan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    dari_cache = models.BooleanField(_("memakai berkas tersimpan"), default=False)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    penutupan = models.ForeignKey(
        PenutupanTriwulan, on_delete=models.SET_NULL, null=True, blank=True, related_name="laporan_set"
    )
    diminta_pada = models.DateTimeField(_("diminta pada"), default=timezone.now)
    mulai_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-diminta_pada", "-pk"]
        indexes = [
            models.Index(fields=["diminta_oleh", "-diminta_pada"]),
            models.Index(fields=["instansi", "-diminta_pada"]),
            models.Index(fields=["diminta_pada"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(triwulan__isnull=True) | models.Q(triwulan__gte=1, triwulan__lte=4),
                name="laporan_triwulan_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jenis} #{self.pk} ({self.status})"

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)

    @property
    def otomatis(self) -> bool:
        return self.diminta_oleh_id is None

    @property
    def jenis_laporan(self):
        from .jenis import REGISTRI

        return REGISTRI.get(self.jenis)

    @property
    def judul_jenis(self) -> str:
        jenis = self.jenis_laporan
        return str(jenis.judul) if jenis else self.jenis
