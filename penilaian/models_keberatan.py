"""Keberatan (an ASN's objection to a final predikat) and calibration (a session per OPD and period that adjusts the
staff's ratings before they are final, each change with its reason). domain.md, rule 7.

Both keep the ratings before and after, so the evaluation's own history and these rows tell the same story twice:
the evaluation's history says what changed, these say why and by whose decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indikator.models import TRIWULAN_CHOICES
from opd.models import Instansi, Opd, Pegawai

from .models import ROMAWI_TW, Penilaian, PredikatKinerja, Rating


def bukti_keberatan_upload_to(instance: "Keberatan", filename: str) -> str:
    import secrets
    from pathlib import Path

    akhiran = Path(filename).suffix.lower()[:10]
    return f"keberatan/{instance.instansi_id}/{secrets.token_hex(16)}{akhiran}"


def _rating(label):
    return models.CharField(label, max_length=10, choices=Rating.choices, blank=True)


def _predikat(label):
    return models.CharField(label, max_length=20, choices=PredikatKinerja.choices, blank=True)


class Keberatan(models.Model):
    """An ASN's objection to the final predikat of one evaluation, filed within the instansi's number of working days
    after it was finalised, decided by the evaluator's superior, the OPD's Pimpinan or the Admin Instansi (the
    instansi's calibration team): upheld (ditolak) or changed (dikabulkan), always with a reason."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKABULKAN = "dikabulkan", _("Dikabulkan (predikat diubah)")
        DITOLAK = "ditolak", _("Ditolak (predikat tetap)")

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="keberatan_set")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="keberatan_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN)
    alasan = models.TextField(_("alasan keberatan"))
    bukti = models.FileField(_("bukti dukung"), upload_to=bukti_keberatan_upload_to, max_length=200, blank=True)
    # The evaluator's own superior when the evaluator is in the chain of staff: one of those who decide.
    atasan_penilai = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("atasan penilai")
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diajukan_pada = models.DateTimeField(auto_now_add=True)
    hasil_kerja_sebelum = _rating(_("rating hasil kerja sebelum"))
    perilaku_sebelum = _rating(_("rating perilaku kerja sebelum"))
    predikat_sebelum = _predikat(_("predikat sebelum"))
    hasil_kerja_sesudah = _rating(_("rating hasil kerja sesudah"))
    perilaku_sesudah = _rating(_("rating perilaku kerja sesudah"))
    predikat_sesudah = _predikat(_("predikat sesudah"))
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diajukan_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["penilaian"], condition=models.Q(status="diajukan"), name="keberatan_satu_terbuka"
            )
        ]
        indexes = [models.Index(fields=["instansi", "status"])]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.penilaian_id}: {self.status}"

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.DIAJUKAN


class SesiKalibrasi(models.Model):
    """A calibration session of one OPD for one evaluation period: open while the team adjusts the draft ratings,
    read-only once closed."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        DITUTUP = "ditutup", _("Ditutup")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="sesi_kalibrasi_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+", editable=False)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis penilaian"), max_length=10, choices=Penilaian.Jenis.choices)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TERBUKA)
    catatan = models.TextField(_("catatan penutupan"), blank=True)
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuka_pada = models.DateTimeField(auto_now_add=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesi kalibrasi")
        verbose_name_plural = _("sesi kalibrasi")
        ordering = ["-tahun", "-triwulan", "jenis", "opd__nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "jenis", "triwulan"], name="sesi_kalibrasi_unik"),
            models.CheckConstraint(
                condition=models.Q(jenis="triwulan") | models.Q(triwulan=4), name="sesi_kalibrasi_tahunan_tw4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.kode_periode} {self.tahun}"

    @property
    def kode_periode(self) -> str:
        return "tahunan" if self.jenis == Penilaian.Jenis.TAHUNAN else f"tw{self.triwulan}"

    @property
    def label_periode(self) -> str:
        if self.jenis == Penilaian.Jenis.TAHUNAN:
            return _("Tahunan %(tahun)s") % {"tahun": self.tahun}
        return _("TW %(tw)s %(tahun)s") % {"tw": ROMAWI_TW[self.triwulan], "tahun": self.tahun}

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.TERBUKA


class PerubahanKalibrasi(models.Model):
    """One rating changed in a calibration session: before, after, the reason, who and when."""

    sesi = models.ForeignKey(SesiKalibrasi, on_delete=models.CASCADE, related_name="perubahan_set")
    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="perubahan_kalibrasi_set")
    hasil_kerja_sebelum = _rating(_("rating hasil kerja sebelum"))
    perilaku_sebelum = _rating(_("rating perilaku kerja sebelum"))
    predikat_sebelum = _predikat(_("predikat sebelum"))
    hasil_kerja_sesudah = _rating(_("rating hasil kerja sesudah"))
    perilaku_sesudah = _rating(_("rating perilaku kerja sesudah"))
    predikat_sesudah = _predikat(_("predikat sesudah"))
    alasan = models.TextField(_("alasan perubahan"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perubahan kalibrasi")
        verbose_name_plural = _("perubahan kalibrasi")
        ordering = ["sesi", "pada", "pk"]

    def __str__(self) -> str:
        return f"{self.sesi_id} {self.penilaian_id}"
