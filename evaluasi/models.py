"""Quarterly realisations with their workflow and evidence, and the stored achievements and scores computed from them."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indikator.capaian import Band, StatusCapaian
from indikator.models import TRIWULAN_CHOICES, Indikator
from opd.models import Instansi, Opd, Pegawai


class Realisasi(models.Model):
    """The value entered for one indicator in one triwulan, and where it is in Draf → Diajukan → Diverifikasi."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi_set")
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    nilai = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAF)
    kendala = models.TextField(_("kendala"), blank=True)
    solusi = models.TextField(_("solusi / rencana tindak lanjut"), blank=True)
    bukti_tautan = models.URLField(_("tautan bukti dukung"), max_length=500, blank=True)
    bukti_teks = models.TextField(_("keterangan bukti dukung"), blank=True)
    alasan_pengembalian = models.TextField(_("alasan pengembalian"), blank=True)
    # Budget of the IKU in this triwulan (LKjIP chapter III, indikator/efisiensi.py): the ceiling and what was spent.
    # Serapan above pagu is refused (clean()), both in rupiah.
    pagu = models.DecimalField(
        _("pagu anggaran (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    serapan = models.DecimalField(
        _("realisasi anggaran / serapan (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    # Optimistic locking: a save names the version it started from; a stale one is refused, never overwrites.
    versi = models.PositiveIntegerField(default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indikator", "triwulan"]
        # No index on (triwulan, status): the planner would pick it for the recalculation's join on fresh tables and
        # scan a whole quarter per indicator. The unique (indikator, triwulan) index serves every lookup.
        constraints = [
            models.UniqueConstraint(fields=["indikator", "triwulan"], name="realisasi_unik"),
            models.CheckConstraint(
                condition=models.Q(pagu__isnull=True) | models.Q(pagu__gte=0), name="realisasi_pagu_positif"
            ),
            models.CheckConstraint(
                condition=models.Q(serapan__isnull=True) | models.Q(serapan__gte=0), name="realisasi_serapan_positif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} TW {self.triwulan}: {self.nilai}"

    def clean(self) -> None:
        if self.serapan is not None and self.pagu is None:
            raise ValidationError({"pagu": _("Isi pagu anggaran bila serapan diisi.")}, code="pagu_kosong")
        if self.serapan is not None and self.pagu is not None and self.serapan > self.pagu:
            raise ValidationError(
                {"serapan": _("Serapan anggaran tidak boleh melebihi pagu.")}, code="serapan_melebihi_pagu"
            )

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (self.Status.DRAF, self.Status.DIKEMBALIKAN)


def bukti_upload_to(instance: "BuktiDukung", filename: str) -> str:
    # The stored name never comes from the user: a random token, with the checked extension.
    import secrets

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bukti/{instance.realisasi.indikator.instansi_id}/{secrets.token_hex(16)}.{ext}"


class BuktiDukung(models.Model):
    """An evidence file, stored outside the web root and served only to users who may see its realisation."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti_set")
    berkas = models.FileField(upload_to=bukti_upload_to, max_length=200)
    nama_asli = models.CharField(max_length=200)
    jenis_konten = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField()
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["diunggah_pada"]

    def __str__(self) -> str:
        return self.nama_asli


class SelisihFeed(models.Model):
    """An automatic figure (a complaint or survey feed, evaluasi/feeds.py) that differs from a realisation already
    submitted or verified, which the feed never overwrites: kept here so that the OPD can return the value and let it
    be refreshed."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    nilai_tercatat = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    nilai_hitung = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    status_realisasi = models.CharField(max_length=15)
    dicatat_pada = models.DateTimeField(auto_now=True)

    class Meta:
        # The table kept the name it had in the pengaduan app (moved with its rows, evaluasi/migrations/0007).
        db_table = "pengaduan_selisihfeed"
        ordering = ["indikator", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="selisih_feed_unik")]

    def __str__(self) -> str:
        return f"{self.indikator_id} TW {self.triwulan}: {self.nilai_tercatat} ≠ {self.nilai_hitung}"


STATUS_CAPAIAN_CHOICES = [
    (StatusCapaian.OK.value, _("Dihitung")),
    (StatusCapaian.TIDAK_DAPAT_DIHITUNG.value, _("Tidak dapat dihitung")),
    (StatusCapaian.BELUM_DIISI.value, _("Belum diisi")),
]
BAND_CHOICES = [
    (Band.SANGAT_BAIK.value, _("Sangat Baik")),
    (Band.BAIK.value, _("Baik")),
    (Band.CUKUP.value, _("Cukup")),
    (Band.KURANG.value, _("Kurang")),
    (Band.SANGAT_KURANG.value, _("Sangat Kurang")),
]


class CapaianTriwulan(models.Model):
    """Stored achievement of one indicator at one triwulan, from verified values only. Written by the set-based
    recalculation (evaluasi/recalc.py); pages read it and never recompute it."""

    # No single-column index on the foreign keys: each leads a composite index below (capaian_unik for the
    # indicator), and every index is one more write for each row the full recalculation rewrites.
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="capaian_set", db_index=False)
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+", db_index=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_index=False)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    tahun = models.PositiveSmallIntegerField()
    realisasi = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    target_bawah = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    target_atas = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    # Aggregated to date (TW I up to this triwulan), per the indicator's aggregation.
    sd_realisasi = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    sd_target_bawah = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    sd_target_atas = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    status = models.CharField(max_length=25, choices=STATUS_CAPAIAN_CHOICES)
    capaian_triwulan = models.DecimalField(max_digits=12, decimal_places=4, null=True)  # this quarter alone, raw
    capaian_raw = models.DecimalField(max_digits=12, decimal_places=4, null=True)  # to date, raw
    capaian = models.DecimalField(max_digits=12, decimal_places=4, null=True)  # to date, capped: enters scores
    band = models.CharField(max_length=15, choices=BAND_CHOICES, blank=True)
    bobot = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="capaian_unik")]
        indexes = [
            models.Index(fields=["instansi", "tahun", "triwulan"]),
            models.Index(fields=["opd", "tahun", "triwulan"]),
            models.Index(fields=["pegawai", "tahun", "triwulan"]),
            # The OPD pages' list under target, in its order (staff's IKI by pegawai, then the IKU): a page is read
            # from the front of this small index instead of sorting every row under target.
            models.Index(
                fields=["opd", "tahun", "pegawai", "indikator"],
                condition=models.Q(realisasi__isnull=False, capaian_raw__lt=100),
                name="capaian_bawah_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} TW {self.triwulan}: {self.capaian}"


class _Skor(models.Model):
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    skor = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    band = models.CharField(max_length=15, choices=BAND_CHOICES, blank=True)
    jumlah_indikator = models.PositiveIntegerField(default=0)
    jumlah_dihitung = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class SkorPegawai(_Skor):
    """Weighted mean of the capped to-date achievements of one ASN's IKI."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="skor_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun", "triwulan"], name="skor_pegawai_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun} TW {self.triwulan}: {self.skor}"


class SkorOpd(_Skor):
    """Weighted mean of the capped to-date achievements of an OPD's IKU."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="skor_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "triwulan"], name="skor_opd_unik")]
        indexes = [models.Index(fields=["instansi", "tahun", "triwulan"], name="skor_opd_instansi")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun} TW {self.triwulan}: {self.skor}"


class SkorInstansi(_Skor):
    """Mean of the OPD scores of an instansi."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="skor_set")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["instansi", "tahun", "triwulan"], name="skor_instansi_unik")]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.tahun} TW {self.triwulan}: {self.skor}"


class RingkasanOpd(models.Model):
    """How far an OPD's data entry has got in one triwulan, and how many of its indicators are under target: counts
    over its active IKU and its staff's IKI of the year. Written by the recalculation (evaluasi/ringkasan.py) from the
    realisations in any state and the stored achievements; dashboards and the OPD pages read it instead of counting
    raw rows per request."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="ringkasan_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    jumlah_indikator = models.PositiveIntegerField(default=0)  # active IKU and IKI
    jumlah_iku = models.PositiveIntegerField(default=0)
    jumlah_terisi = models.PositiveIntegerField(default=0)  # a value entered, any state
    jumlah_draf = models.PositiveIntegerField(default=0)
    jumlah_diajukan = models.PositiveIntegerField(default=0)
    jumlah_diverifikasi = models.PositiveIntegerField(default=0)
    jumlah_dikembalikan = models.PositiveIntegerField(default=0)
    # IKU whose to-date achievement at this triwulan is under 100 % (the instansi and BKN dashboards, the recap).
    jumlah_bawah_target = models.PositiveIntegerField(default=0)
    # IKU and IKI whose latest verified triwulan is this one, with a to-date achievement under 100 % there: summed
    # over the four triwulan, the length of the OPD pages' list under target.
    jumlah_bawah_target_akhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "triwulan"], name="ringkasan_opd_unik")]
        indexes = [models.Index(fields=["instansi", "tahun", "triwulan"], name="ringkasan_opd_instansi")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun} TW {self.triwulan}: {self.jumlah_terisi}/{self.jumlah_indikator}"
