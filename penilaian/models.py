"""Individual and organisation evaluation, its follow-up (rewards and certificates, training) and work plans.

The arithmetic (suggestions, predikat matrix, distribution check) lives in penilaian/aturan.py. These tables were
created by evaluasi's migrations and keep their names (``evaluasi_…``): the app took them over without moving a row
(penilaian/migrations/0001_initial.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indikator.models import TRIWULAN_CHOICES, Indikator
from opd.models import Instansi, Opd, Pegawai

from .kode import kode_tampil


def _kode_verifikasi():
    """The code a document prints for the public check (penilaian/kode.py); empty while there is no document."""
    return models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)


class Rating(models.TextChoices):
    DI_ATAS = "di_atas", _("Di Atas Ekspektasi")
    SESUAI = "sesuai", _("Sesuai Ekspektasi")
    DI_BAWAH = "di_bawah", _("Di Bawah Ekspektasi")


class PredikatKinerja(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class PredikatOrganisasi(models.TextChoices):
    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


SKOR_PERILAKU_CHOICES = [
    (1, _("1 – Di bawah ekspektasi")),
    (2, _("2 – Sesuai ekspektasi")),
    (3, _("3 – Di atas ekspektasi")),
]
LABEL_BERAKHLAK = {
    "berorientasi_pelayanan": _("Berorientasi Pelayanan"),
    "akuntabel": _("Akuntabel"),
    "kompeten": _("Kompeten"),
    "harmonis": _("Harmonis"),
    "loyal": _("Loyal"),
    "adaptif": _("Adaptif"),
    "kolaboratif": _("Kolaboratif"),
}
ROMAWI_TW = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _skor_perilaku(label):
    return models.PositiveSmallIntegerField(label, choices=SKOR_PERILAKU_CHOICES, null=True, blank=True)


class Penilaian(models.Model):
    """The evaluation of one ASN for one period: a triwulan, or the year (annual, judged on the TW IV figures).

    No row means *belum dimulai*. Draf → Final (read-only) → Diakui (the ASN acknowledged the feedback); a final one
    changes again only after an Admin Instansi reopens it (PembukaanPenilaian records who, when and why).
    """

    class Jenis(models.TextChoices):
        TRIWULAN = "triwulan", _("Periodik (triwulan)")
        TAHUNAN = "tahunan", _("Tahunan")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        FINAL = "final", _("Final")
        DIAKUI = "diakui", _("Diakui")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penilaian_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis penilaian"), max_length=10, choices=Jenis.choices)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAF)
    # Rating hasil kerja: what the system suggested when it was last saved, and what the evaluator decided.
    hasil_kerja_saran = models.CharField(_("saran hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    alasan_hasil_kerja = models.TextField(_("alasan rating hasil kerja berbeda dari saran"), blank=True)
    berorientasi_pelayanan = _skor_perilaku(_("Berorientasi Pelayanan"))
    akuntabel = _skor_perilaku(_("Akuntabel"))
    kompeten = _skor_perilaku(_("Kompeten"))
    harmonis = _skor_perilaku(_("Harmonis"))
    loyal = _skor_perilaku(_("Loyal"))
    adaptif = _skor_perilaku(_("Adaptif"))
    kolaboratif = _skor_perilaku(_("Kolaboratif"))
    perilaku_saran = models.CharField(_("saran perilaku kerja"), max_length=10, choices=Rating.choices, blank=True)
    perilaku = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices, blank=True)
    alasan_perilaku = models.TextField(_("alasan rating perilaku berbeda dari saran"), blank=True)
    predikat = models.CharField(_("predikat kinerja"), max_length=20, choices=PredikatKinerja.choices, blank=True)
    skor = models.DecimalField(_("skor kinerja saat dinilai"), max_digits=12, decimal_places=4, null=True, blank=True)
    umpan_balik = models.TextField(_("umpan balik umum"), blank=True)
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    difinalkan_pada = models.DateTimeField(null=True, blank=True)
    diakui_pada = models.DateTimeField(null=True, blank=True)
    versi = models.PositiveIntegerField(default=1)
    # Set when it is finalised (a new one each time), cleared when it is reopened: the evaluation document's code.
    kode_verifikasi = _kode_verifikasi()

    history = HistoricalRecords(table_name="evaluasi_historicalpenilaian")

    class Meta:
        db_table = "evaluasi_penilaian"
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["pegawai", "tahun", "jenis", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun", "jenis", "triwulan"], name="penilaian_unik"),
            models.CheckConstraint(
                condition=models.Q(jenis="triwulan") | models.Q(triwulan=4), name="penilaian_tahunan_tw4"
            ),
        ]
        indexes = [models.Index(fields=["instansi", "tahun", "jenis", "triwulan"])]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.label_periode}"

    @property
    def label_periode(self) -> str:
        if self.jenis == self.Jenis.TAHUNAN:
            return _("Tahunan %(tahun)s") % {"tahun": self.tahun}
        return _("TW %(tw)s %(tahun)s") % {"tw": ROMAWI_TW[self.triwulan], "tahun": self.tahun}

    @property
    def label_periode_panjang(self) -> str:
        if self.jenis == self.Jenis.TAHUNAN:
            return _("Tahun %(tahun)s") % {"tahun": self.tahun}
        return _("Triwulan %(tw)s Tahun %(tahun)s") % {"tw": ROMAWI_TW[self.triwulan], "tahun": self.tahun}

    @property
    def kode_periode(self) -> str:
        return "tahunan" if self.jenis == self.Jenis.TAHUNAN else f"tw{self.triwulan}"

    @property
    def sudah_final(self) -> bool:
        return self.status in (self.Status.FINAL, self.Status.DIAKUI)

    @property
    def kode_tampil(self) -> str:
        return kode_tampil(self.kode_verifikasi)

    @property
    def skor_perilaku(self) -> list[int | None]:
        return [getattr(self, nama) for nama in LABEL_BERAKHLAK]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        # An override of the system's suggestion needs a justification, kept with the rating (domain.md).
        if self.hasil_kerja and self.hasil_kerja != self.hasil_kerja_saran and not self.alasan_hasil_kerja.strip():
            errors["alasan_hasil_kerja"] = (
                _("Rating hasil kerja berbeda dari saran sistem: tuliskan alasannya.")
                if self.hasil_kerja_saran
                else _("Belum ada saran sistem (belum ada capaian): tuliskan dasar rating hasil kerja.")
            )
        if self.perilaku and self.perilaku != self.perilaku_saran and not self.alasan_perilaku.strip():
            errors["alasan_perilaku"] = (
                _("Rating perilaku kerja berbeda dari saran sistem: tuliskan alasannya.")
                if self.perilaku_saran
                else _("Nilai ketujuh perilaku BerAKHLAK atau tuliskan dasar rating perilaku kerja.")
            )
        if errors:
            raise ValidationError(errors)


class UmpanBalikIndikator(models.Model):
    """The evaluator's feedback on one indicator, with the achievement it was written against."""

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="umpan_balik_indikator")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    isi = models.TextField(_("umpan balik"))
    capaian = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    ekspektasi = models.CharField(max_length=10, choices=Rating.choices, blank=True)

    history = HistoricalRecords(table_name="evaluasi_historicalumpanbalikindikator")

    class Meta:
        db_table = "evaluasi_umpanbalikindikator"
        verbose_name = _("umpan balik indikator")
        verbose_name_plural = _("umpan balik indikator")
        ordering = ["penilaian", "indikator__kode"]
        constraints = [models.UniqueConstraint(fields=["penilaian", "indikator"], name="umpan_balik_indikator_unik")]

    def __str__(self) -> str:
        return f"{self.penilaian_id} {self.indikator_id}"


class PembukaanPenilaian(models.Model):
    """A final evaluation reopened by an Admin Instansi: who, when, why, and from which status."""

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="pembukaan_set")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(_("alasan"))
    status_sebelumnya = models.CharField(max_length=10, choices=Penilaian.Status.choices)

    class Meta:
        db_table = "evaluasi_pembukaanpenilaian"
        ordering = ["-pada"]

    def __str__(self) -> str:
        return f"{self.penilaian_id} dibuka ulang"


def _rating_kepala(label, bawaan: str):
    return models.CharField(label, max_length=10, choices=Rating.choices, default=bawaan)


class AturanPenilaian(models.Model):
    """An instansi's own evaluation rules (domain.md's defaults when there is no row): the thresholds of the
    organisation predikat, the working days allowed for an objection (rule 7) and how a head of OPD's rating hasil
    kerja follows the organisation predikat (rule 4a)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="aturan_penilaian")
    batas_istimewa = models.DecimalField(_("skor minimal Istimewa"), max_digits=6, decimal_places=2, default=110)
    batas_baik = models.DecimalField(_("skor minimal Baik"), max_digits=6, decimal_places=2, default=90)
    batas_butuh_perbaikan = models.DecimalField(
        _("skor minimal Butuh Perbaikan"), max_digits=6, decimal_places=2, default=70
    )
    batas_kurang = models.DecimalField(_("skor minimal Kurang"), max_digits=6, decimal_places=2, default=50)
    # Rule 7: how many working days after an evaluation is final its ASN may object to the predikat.
    hari_keberatan = models.PositiveSmallIntegerField(
        _("batas keberatan (hari kerja)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    # Rule 4a: a head of OPD's rating hasil kerja follows the organisation predikat.
    kepala_istimewa = _rating_kepala(_("hasil kerja kepala OPD bila organisasi Istimewa"), Rating.DI_ATAS)
    kepala_baik = _rating_kepala(_("hasil kerja kepala OPD bila organisasi Baik"), Rating.SESUAI)
    kepala_butuh_perbaikan = _rating_kepala(
        _("hasil kerja kepala OPD bila organisasi Butuh Perbaikan"), Rating.DI_BAWAH
    )
    kepala_kurang = _rating_kepala(_("hasil kerja kepala OPD bila organisasi Kurang"), Rating.DI_BAWAH)
    kepala_sangat_kurang = _rating_kepala(_("hasil kerja kepala OPD bila organisasi Sangat Kurang"), Rating.DI_BAWAH)

    history = HistoricalRecords(table_name="evaluasi_historicalaturanpenilaian")

    class Meta:
        db_table = "evaluasi_aturanpenilaian"
        verbose_name = _("aturan predikat organisasi")
        verbose_name_plural = _("aturan predikat organisasi")

    def __str__(self) -> str:
        return str(self.instansi)

    def clean(self) -> None:
        if not (self.batas_istimewa > self.batas_baik > self.batas_butuh_perbaikan > self.batas_kurang):
            raise ValidationError(_("Batas harus menurun: Istimewa > Baik > Butuh Perbaikan > Kurang."))


class PredikatOpd(models.Model):
    """The organisation predikat of an OPD for a year, set by the Admin Instansi, with the score it was set against."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="predikat_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+", editable=False)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=PredikatOrganisasi.choices)
    predikat_saran = models.CharField(max_length=20, choices=PredikatOrganisasi.choices, blank=True)
    skor = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    triwulan_skor = models.PositiveSmallIntegerField(null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(auto_now=True)
    # A new one each time the predikat is set to another value: the determination document's code.
    kode_verifikasi = _kode_verifikasi()

    history = HistoricalRecords(table_name="evaluasi_historicalpredikatopd")

    class Meta:
        db_table = "evaluasi_predikatopd"
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="predikat_opd_unik")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun}: {self.predikat}"

    @property
    def kode_tampil(self) -> str:
        return kode_tampil(self.kode_verifikasi)


def sertifikat_upload_to(instance: "Penghargaan", filename: str) -> str:
    import secrets

    return f"sertifikat/{instance.instansi_id}/{secrets.token_hex(16)}.pdf"


class Penghargaan(models.Model):
    """A reward recommendation produced by a final Sangat Baik evaluation, decided by the Admin Instansi. An approved
    certificate is a PDF (rendered on the reports queue, stored outside the web root) with a verification code."""

    class Status(models.TextChoices):
        DIREKOMENDASIKAN = "direkomendasikan", _("Direkomendasikan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")
        DIBATALKAN = "dibatalkan", _("Dibatalkan (predikat berubah)")

    class Bentuk(models.TextChoices):
        SERTIFIKAT = "sertifikat", _("Sertifikat penghargaan")
        INSENTIF = "insentif", _("Insentif")
        SERTIFIKAT_INSENTIF = "sertifikat_insentif", _("Sertifikat dan insentif")

    penilaian = models.OneToOneField(Penilaian, on_delete=models.CASCADE, related_name="penghargaan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penghargaan_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIREKOMENDASIKAN)
    bentuk = models.CharField(_("bentuk"), max_length=20, choices=Bentuk.choices, default=Bentuk.SERTIFIKAT)
    catatan = models.TextField(_("catatan"), blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    kode_verifikasi = _kode_verifikasi()
    berkas = models.FileField(upload_to=sertifikat_upload_to, max_length=200, blank=True)
    berkas_dibuat_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="evaluasi_historicalpenghargaan", excluded_fields=["berkas"])

    class Meta:
        db_table = "evaluasi_penghargaan"
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.penilaian_id}: {self.status}"

    @property
    def dengan_sertifikat(self) -> bool:
        return self.bentuk in (self.Bentuk.SERTIFIKAT, self.Bentuk.SERTIFIKAT_INSENTIF)

    @property
    def kode_tampil(self) -> str:
        return kode_tampil(self.kode_verifikasi)


class RekomendasiPelatihan(models.Model):
    """A training recommendation produced by a final Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang evaluation,
    naming the indicators that fell short (and the BerAKHLAK values scored below expectation)."""

    class Status(models.TextChoices):
        DIREKOMENDASIKAN = "direkomendasikan", _("Direkomendasikan")
        DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
        SELESAI = "selesai", _("Sudah mengikuti pelatihan")
        DIBATALKAN = "dibatalkan", _("Dibatalkan (predikat berubah)")

    penilaian = models.OneToOneField(Penilaian, on_delete=models.CASCADE, related_name="rekomendasi_pelatihan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rekomendasi_pelatihan_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    indikator = models.ManyToManyField(Indikator, related_name="+", blank=True, verbose_name=_("indikator"))
    aspek_perilaku = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIREKOMENDASIKAN)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="evaluasi_historicalrekomendasipelatihan")

    class Meta:
        db_table = "evaluasi_rekomendasipelatihan"
        verbose_name = _("rekomendasi pelatihan")
        verbose_name_plural = _("rekomendasi pelatihan")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.penilaian_id}: {self.status}"

    @property
    def label_perilaku(self) -> list[str]:
        return [str(LABEL_BERAKHLAK[n]) for n in self.aspek_perilaku if n in LABEL_BERAKHLAK]


class Pelatihan(models.Model):
    """A training (diklat, workshop, bimtek) in the instansi's catalogue."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pelatihan_set", editable=False)
    topik = models.CharField(_("topik"), max_length=200)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)

    history = HistoricalRecords(table_name="evaluasi_historicalpelatihan")

    class Meta:
        db_table = "evaluasi_pelatihan"
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["-tanggal_mulai", "topik"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="pelatihan_tanggal_urut"
            )
        ]

    def __str__(self) -> str:
        return self.topik

    def clean(self) -> None:
        if self.tanggal_mulai and self.tanggal_selesai and self.tanggal_selesai < self.tanggal_mulai:
            raise ValidationError({"tanggal_selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


class PesertaPelatihan(models.Model):
    """One ASN in a training: registered, attended or absent, with the indicators whose achievement before and after
    the training the pages compare."""

    class Kehadiran(models.TextChoices):
        TERDAFTAR = "terdaftar", _("Terdaftar")
        HADIR = "hadir", _("Hadir")
        TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")

    pelatihan = models.ForeignKey(Pelatihan, on_delete=models.CASCADE, related_name="peserta_set")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="pelatihan_set")
    rekomendasi = models.ForeignKey(
        RekomendasiPelatihan, on_delete=models.SET_NULL, null=True, blank=True, related_name="peserta_set"
    )
    kehadiran = models.CharField(_("kehadiran"), max_length=15, choices=Kehadiran.choices, default=Kehadiran.TERDAFTAR)
    indikator = models.ManyToManyField(Indikator, related_name="+", blank=True, verbose_name=_("indikator terkait"))

    history = HistoricalRecords(table_name="evaluasi_historicalpesertapelatihan")

    class Meta:
        db_table = "evaluasi_pesertapelatihan"
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        ordering = ["pelatihan", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pelatihan", "pegawai"], name="peserta_pelatihan_unik")]

    def __str__(self) -> str:
        return f"{self.pelatihan_id} {self.pegawai_id}"


class RencanaKerja(models.Model):
    """An ASN's work plan for one triwulan: per indicator, the actions that will meet it. Drafted by the ASN,
    approved or returned with a note by the superior (or the OPD's Tim Evaluasi)."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rencana_kerja_set")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TRIWULAN_CHOICES)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAF)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    versi = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="evaluasi_historicalrencanakerja")

    class Meta:
        db_table = "evaluasi_rencanakerja"
        verbose_name = _("rencana kerja")
        verbose_name_plural = _("rencana kerja")
        ordering = ["pegawai", "tahun", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun", "triwulan"], name="rencana_kerja_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun} TW {self.triwulan}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (self.Status.DRAF, self.Status.DIKEMBALIKAN)


class RencanaAksi(models.Model):
    """The actions planned for one indicator in a work plan."""

    rencana = models.ForeignKey(RencanaKerja, on_delete=models.CASCADE, related_name="aksi_set")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    aksi = models.TextField(_("rencana aksi"))
    jadwal = models.CharField(_("jadwal"), max_length=100, blank=True)

    history = HistoricalRecords(table_name="evaluasi_historicalrencanaaksi")

    class Meta:
        db_table = "evaluasi_rencanaaksi"
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["rencana", "indikator__kode"]
        constraints = [models.UniqueConstraint(fields=["rencana", "indikator"], name="rencana_aksi_unik")]

    def __str__(self) -> str:
        return f"{self.rencana_id} {self.indikator_id}"


# Objections and calibration live in their own module; importing them here registers them with the app.
from .models_keberatan import Keberatan, PerubahanKalibrasi, SesiKalibrasi  # noqa: E402

__all__ = [
    "AturanPenilaian",
    "Keberatan",
    "Pelatihan",
    "Penghargaan",
    "Penilaian",
    "PerubahanKalibrasi",
    "PesertaPelatihan",
    "PredikatOpd",
    "RekomendasiPelatihan",
    "RencanaAksi",
    "RencanaKerja",
    "SesiKalibrasi",
    "UmpanBalikIndikator",
]
