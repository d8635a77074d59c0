"""Periods (tahun anggaran and triwulan with their entry windows), indicators (IKU and IKI) and their targets."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import Instansi, Opd, Pegawai, UnitKerja

from .capaian import Agregasi, Polaritas

TRIWULAN_CHOICES = [(1, _("TW I")), (2, _("TW II")), (3, _("TW III")), (4, _("TW IV"))]
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def jendela_bawaan(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    """Default entry window (domain.md): opens on the first day of the quarter's last month, closes on the 10th day
    after the quarter."""
    bulan_terakhir = triwulan * 3
    dibuka = datetime.date(tahun, bulan_terakhir, 1)
    akhir_triwulan = (
        datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, bulan_terakhir + 1, 1)
    ) - datetime.timedelta(days=1)
    return dibuka, akhir_triwulan + datetime.timedelta(days=10)


class Periode(models.Model):
    """One triwulan of a tahun anggaran in one instansi, with its entry window (dates in the instansi's zone)."""

    class Status(models.TextChoices):
        BELUM_DIBUKA = "belum_dibuka", _("Belum dibuka")
        TERBUKA = "terbuka", _("Terbuka")
        DITUTUP = "ditutup", _("Ditutup")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="periode_set")
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    dibuka = models.DateField(_("pengisian dibuka"))
    ditutup = models.DateField(_("pengisian ditutup"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["instansi", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "triwulan"], name="periode_unik"),
            models.CheckConstraint(condition=models.Q(ditutup__gte=models.F("dibuka")), name="periode_jendela_urut"),
        ]

    def __str__(self) -> str:
        return f"TW {ROMAWI[self.triwulan]} {self.tahun}"

    @property
    def label(self) -> str:
        return str(self)

    def status_pada(self, hari_ini: datetime.date) -> str:
        if hari_ini < self.dibuka:
            return self.Status.BELUM_DIBUKA
        if hari_ini > self.ditutup:
            return self.Status.DITUTUP
        return self.Status.TERBUKA

    def clean(self) -> None:
        if self.dibuka and self.ditutup and self.ditutup < self.dibuka:
            raise ValidationError({"ditutup": _("Tanggal tutup tidak boleh sebelum tanggal buka.")})


class PembukaanUlang(models.Model):
    """A closed period reopened by an Admin Instansi: who, when, why, and until when."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="pembukaan_ulang")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(_("alasan"))
    ditutup_lama = models.DateField()
    ditutup_baru = models.DateField()

    class Meta:
        ordering = ["-pada"]

    def __str__(self) -> str:
        return f"{self.periode} dibuka ulang sampai {self.ditutup_baru}"


class PolaritasChoices(models.TextChoices):
    MAXIMIZE = Polaritas.MAXIMIZE.value, _("Maksimal (makin tinggi makin baik)")
    MINIMIZE = Polaritas.MINIMIZE.value, _("Minimal (makin rendah makin baik)")
    STABILIZE = Polaritas.STABILIZE.value, _("Stabil (dalam rentang paling baik)")


class AgregasiChoices(models.TextChoices):
    SUM = Agregasi.SUM.value, _("Kumulatif (jumlah triwulan)")
    AVERAGE = Agregasi.AVERAGE.value, _("Rata-rata triwulan")
    LAST = Agregasi.LAST.value, _("Nilai terakhir")


class Indikator(models.Model):
    """An IKU of an OPD or an IKI of one Pegawai, for one tahun anggaran, with its annual target."""

    class Jenis(models.TextChoices):
        IKU = "iku", _("IKU (Indikator Kinerja Utama OPD)")
        IKI = "iki", _("IKI (Indikator Kinerja Individu)")

    class SumberRealisasi(models.TextChoices):
        MANUAL = "manual", _("Diisi manual")
        WAKTU_RESPONS_PENGADUAN = "pengaduan_waktu_respons", _("Otomatis: waktu respons pengaduan (hari kerja)")
        PENGADUAN_TEPAT_WAKTU = "pengaduan_tepat_waktu", _("Otomatis: pengaduan dijawab tepat waktu (%)")
        IKM = "ikm", _("Otomatis: IKM konversi survei kepuasan")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="indikator_set", editable=False)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="indikator_set", verbose_name=_("OPD"))
    pegawai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator_set",
        verbose_name=_("pegawai (untuk IKI)"),
    )
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices, default=Jenis.IKU)
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama indikator"), max_length=300)
    definisi = models.TextField(_("definisi operasional"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    satuan = models.CharField(_("satuan"), max_length=40)
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    polaritas = models.CharField(_("polaritas"), max_length=10, choices=PolaritasChoices.choices, default="maximize")
    agregasi = models.CharField(_("agregasi"), max_length=10, choices=AgregasiChoices.choices, default="sum")
    desimal = models.PositiveSmallIntegerField(_("jumlah desimal"), default=2, validators=[MaxValueValidator(4)])
    bobot = models.DecimalField(
        _("bobot"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(Decimal("0"))]
    )
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    utama = models.BooleanField(_("indikator utama"), default=True)
    sumber_realisasi = models.CharField(
        _("sumber realisasi"), max_length=30, choices=SumberRealisasi.choices, default=SumberRealisasi.MANUAL
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turunan",
        verbose_name=_("mendukung indikator"),
    )
    # Annual target: a single value (target_atas empty) or a range [target_bawah, target_atas].
    target_bawah = models.DecimalField(_("target tahunan"), max_digits=18, decimal_places=4)
    target_atas = models.DecimalField(
        _("batas atas target (jika rentang)"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    versi = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["opd", "tahun", "jenis", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "kode"], condition=models.Q(jenis="iku"), name="iku_kode_unik"
            ),
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "kode"], condition=models.Q(jenis="iki"), name="iki_kode_unik"
            ),
            models.CheckConstraint(
                condition=(models.Q(jenis="iku", pegawai__isnull=True) | models.Q(jenis="iki", pegawai__isnull=False)),
                name="iki_punya_pegawai",
            ),
            models.CheckConstraint(
                condition=models.Q(target_atas__isnull=True) | models.Q(target_atas__gte=models.F("target_bawah")),
                name="target_rentang_urut",
            ),
        ]
        indexes = [models.Index(fields=["instansi", "tahun"]), models.Index(fields=["pegawai", "tahun"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs) -> None:
        if self.opd_id and not self.instansi_id:
            self.instansi_id = Opd.objects.filter(pk=self.opd_id).values_list("instansi_id", flat=True).get()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.jenis == self.Jenis.IKI and not self.pegawai_id:
            errors["pegawai"] = _("IKI harus dimiliki seorang pegawai.")
        if self.jenis == self.Jenis.IKU and self.pegawai_id:
            errors["pegawai"] = _("IKU milik OPD, bukan pegawai: kosongkan pegawai.")
        if self.pegawai_id and self.opd_id and self.pegawai.opd_id != self.opd_id:
            errors["pegawai"] = _("Pegawai harus berada di OPD indikator ini.")
        if self.target_atas is not None and self.target_bawah is not None and self.target_atas < self.target_bawah:
            errors["target_atas"] = _("Batas atas rentang tidak boleh lebih kecil dari batas bawah (L ≤ U).")
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = _("Unit kerja harus berada di OPD indikator ini.")
        if self.induk_id:
            induk = self.induk
            if induk.pk == self.pk:
                errors["induk"] = _("Indikator tidak boleh mendukung dirinya sendiri.")
            elif induk.tahun != self.tahun:
                errors["induk"] = _("Indikator yang didukung harus dari tahun yang sama.")
            elif self.jenis == self.Jenis.IKU:
                errors["induk"] = _("Hanya IKI yang dapat diturunkan dari indikator lain.")
            elif induk.jenis == self.Jenis.IKU and induk.opd_id != self.opd_id:
                errors["induk"] = _("IKI hanya dapat mendukung IKU OPD-nya sendiri.")
            elif induk.jenis == self.Jenis.IKI and self.pegawai_id and induk.pegawai_id != self.pegawai.atasan_id:
                errors["induk"] = _("IKI hanya dapat mendukung IKI atasan langsung.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


class TargetTriwulan(models.Model):
    """The target for one triwulan: a per-quarter amount for `sum` indicators, the quarter's level otherwise."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_triwulan")
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    target_bawah = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    target_atas = models.DecimalField(_("batas atas"), max_digits=18, decimal_places=4, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target triwulan")
        verbose_name_plural = _("target triwulan")
        ordering = ["indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "triwulan"], name="target_triwulan_unik"),
            models.CheckConstraint(
                condition=models.Q(target_atas__isnull=True) | models.Q(target_atas__gte=models.F("target_bawah")),
                name="target_triwulan_rentang_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} TW {ROMAWI[self.triwulan]}"
