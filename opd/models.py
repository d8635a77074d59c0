"""Instansi (the tenant), its OPDs and their sub-units, staff (Pegawai), users' roles with their scope, the
instansi's extra days off (its working-day calendar, opd/kalender.py), and the audit log."""

from decimal import Decimal
from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .nip import NipError, parse_nip

ZONA_WAKTU_CHOICES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]
assert all(tz in available_timezones() for tz, _label in ZONA_WAKTU_CHOICES)


class Instansi(models.Model):
    """A local government (pemda): the tenant. Holds the configurable rules of domain.md."""

    class Jenis(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")
        PROVINSI = "provinsi", _("Provinsi")

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, choices=ZONA_WAKTU_CHOICES, default="Asia/Makassar")
    logo = models.ImageField(_("logo untuk laporan"), upload_to="logo/", blank=True)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    # Configurable achievement rules (domain.md): the defaults ship, an Admin Instansi can change them.
    batas_capaian = models.DecimalField(
        _("batas atas capaian (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("120"),
        validators=[MinValueValidator(Decimal("100"))],
    )
    band_sangat_baik = models.DecimalField(
        _("batas Sangat Baik (%)"), max_digits=6, decimal_places=2, default=Decimal("91")
    )
    band_baik = models.DecimalField(_("batas Baik (%)"), max_digits=6, decimal_places=2, default=Decimal("76"))
    band_cukup = models.DecimalField(_("batas Cukup (%)"), max_digits=6, decimal_places=2, default=Decimal("66"))
    band_kurang = models.DecimalField(_("batas Kurang (%)"), max_digits=6, decimal_places=2, default=Decimal("51"))
    toleransi = models.DecimalField(
        _("toleransi ekspektasi (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Budget efficiency flag (indikator/efisiensi.py): absorption at or above the first, achievement under the second.
    batas_serapan_tinggi = models.DecimalField(
        _("batas serapan anggaran tinggi (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    batas_capaian_rendah = models.DecimalField(
        _("batas capaian rendah untuk efisiensi (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("76"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if not (self.band_sangat_baik > self.band_baik > self.band_cukup > self.band_kurang > 0):
            raise ValidationError(_("Batas band harus menurun: Sangat Baik > Baik > Cukup > Kurang > 0."))


class HariLibur(models.Model):
    """An extra day off of one instansi (cuti bersama, a local holiday): not a working day for its deadlines."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="hari_libur_set")
    tanggal = models.DateField(_("tanggal"))
    keterangan = models.CharField(_("keterangan"), max_length=200)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        # The table kept the name it had in the pengaduan app (moved with its rows, opd/migrations/0002).
        db_table = "pengaduan_harilibur"
        verbose_name = _("hari libur instansi")
        verbose_name_plural = _("hari libur instansi")
        ordering = ["instansi", "tanggal"]
        constraints = [models.UniqueConstraint(fields=["instansi", "tanggal"], name="hari_libur_unik")]

    def __str__(self) -> str:
        return f"{self.tanggal:%d/%m/%Y} {self.keterangan}"


def siasn_id_field():
    """The record's id in SIASN (BKN's national staff system), for the export; optional."""
    return models.CharField(
        _("ID SIASN"),
        max_length=64,
        blank=True,
        default="",
        # Bulk loads that name their columns (the generated load) leave it out: the database fills it.
        db_default="",
        help_text=_("Opsional: ID rujukan di SIASN BKN, dipakai pada ekspor SIASN. Unik dalam satu instansi."),
    )


def cek_siasn_id_unik(model, obj, instansi_id: int | None, jalur_instansi: str) -> dict:
    """{"siasn_id": message} when another row of the same instansi already holds obj's SIASN id."""
    if not obj.siasn_id or instansi_id is None:
        return {}
    lain = model.objects.filter(siasn_id=obj.siasn_id, **{jalur_instansi: instansi_id}).exclude(pk=obj.pk)
    if lain.exists():
        pesan = _("ID SIASN ini sudah dipakai %(objek)s lain di instansi ini.")
        return {"siasn_id": pesan % {"objek": model._meta.verbose_name}}
    return {}


class Opd(models.Model):
    """Organisasi Perangkat Daerah: a work unit of an instansi."""

    class Jenis(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        KANTOR = "kantor", _("Kantor")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        LAINNYA = "lainnya", _("Lainnya")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="opd_set", verbose_name=_("instansi"))
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.DINAS)
    kepala = models.ForeignKey(
        "Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kepala")
    )
    siasn_id = siasn_id_field()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["instansi__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="opd_kode_unik_per_instansi"),
            models.UniqueConstraint(
                fields=["instansi", "siasn_id"],
                condition=~models.Q(siasn_id=""),
                name="opd_siasn_id_unik",
                violation_error_message=_("ID SIASN ini sudah dipakai OPD lain di instansi ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.singkatan or self.nama


class UnitKerja(models.Model):
    """A sub-unit of an OPD (bidang, seksi, UPTD, puskesmas), in a tree."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="unit_set", verbose_name=_("OPD"))
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak", verbose_name=_("unit induk")
    )
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama"), max_length=200)
    siasn_id = siasn_id_field()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["opd", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="unit_kode_unik_per_opd")]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.opd_id:
            errors = cek_siasn_id_unik(UnitKerja, self, self.opd.instansi_id, "opd__instansi_id")
            if errors:
                raise ValidationError(errors)
        if self.induk_id is None:
            return
        if self.induk.opd_id != self.opd_id:
            raise ValidationError({"induk": _("Unit induk harus berada di OPD yang sama.")})
        node, seen = self.induk, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"induk": _("Unit induk tidak boleh membentuk lingkaran.")})
            seen.add(node.pk)
            node = node.induk


GOLONGAN_PANGKAT = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
# PPPK have a golongan I–XVII and no pangkat.
GOLONGAN_PPPK = [
    f"{n}"
    for n in (
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
        "XV",
        "XVI",
        "XVII",
    )
]
GOLONGAN_CHOICES = [(g, f"{g} – {p}") for g, p in GOLONGAN_PANGKAT.items()] + [(g, f"PPPK {g}") for g in GOLONGAN_PPPK]


class Pegawai(models.Model):
    """An ASN (PNS or PPPK), identified across the whole system by their NIP."""

    class Status(models.TextChoices):
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")

    class JenisJabatan(models.TextChoices):
        STRUKTURAL = "struktural", _("Struktural (pimpinan tinggi / administrator / pengawas)")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=4, choices=Status.choices, default=Status.PNS)
    golongan = models.CharField(_("golongan"), max_length=6, choices=GOLONGAN_CHOICES, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    jenis_jabatan = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="pegawai_set", verbose_name=_("OPD"))
    unit = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai_set",
        verbose_name=_("unit kerja"),
    )
    atasan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="bawahan", verbose_name=_("atasan")
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    siasn_id = siasn_id_field()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name=_("akun"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(atasan=models.F("pk")), name="pegawai_bukan_atasan_sendiri"),
        ]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        nama = self.nama
        if self.gelar_depan:
            nama = f"{self.gelar_depan} {nama}"
        if self.gelar_belakang:
            nama = f"{nama}, {self.gelar_belakang}"
        return nama

    @property
    def pangkat(self) -> str:
        return GOLONGAN_PANGKAT.get(self.golongan, "")

    def clean(self) -> None:
        errors = {}
        try:
            parse_nip(self.nip, pns=self.status == self.Status.PNS)
        except NipError as exc:
            errors["nip"] = str(exc)
        if self.golongan:
            if self.status == self.Status.PNS and self.golongan not in GOLONGAN_PANGKAT:
                errors["golongan"] = _("Golongan PNS harus salah satu dari I/a sampai IV/e.")
            if self.status == self.Status.PPPK and self.golongan not in GOLONGAN_PPPK:
                errors["golongan"] = _("Golongan PPPK harus salah satu dari I sampai XVII.")
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = _("Unit kerja harus berada di OPD pegawai.")
        if self.atasan_id:
            if self.pk and self.atasan_id == self.pk:
                errors["atasan"] = _("Pegawai tidak boleh menjadi atasannya sendiri.")
            elif self.opd_id and self.atasan.opd.instansi_id != self.opd.instansi_id:
                errors["atasan"] = _("Atasan harus pegawai instansi yang sama.")
        if self.opd_id:
            errors.update(cek_siasn_id_unik(Pegawai, self, self.opd.instansi_id, "opd__instansi_id"))
        if errors:
            raise ValidationError(errors)


class Peran(models.TextChoices):
    ADMIN_BKN = "admin_bkn", _("Admin BKN")
    ADMIN_INSTANSI = "admin_instansi", _("Admin Instansi")
    PIMPINAN_OPD = "pimpinan_opd", _("Pimpinan OPD")
    TIM_EVALUASI = "tim_evaluasi", _("Tim Evaluasi OPD")
    PETUGAS_PENGADUAN = "petugas_pengaduan", _("Petugas Pengaduan")
    ASN = "asn", _("ASN")


PERAN_LINGKUP_INSTANSI = {Peran.ADMIN_BKN, Peran.ADMIN_INSTANSI, Peran.PETUGAS_PENGADUAN}
PERAN_LINGKUP_OPD = {Peran.PIMPINAN_OPD, Peran.TIM_EVALUASI}


class PeranPengguna(models.Model):
    """A role a user holds, with its scope: an instansi (BKN holds one row per instansi it oversees) or an OPD."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran_set", verbose_name=_("pengguna")
    )
    peran = models.CharField(_("peran"), max_length=30, choices=Peran.choices)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("instansi")
    )
    opd = models.ForeignKey(
        Opd, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(fields=["user", "peran", "instansi", "opd"], name="peran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_peran_display()} ({self.opd or self.instansi or '-'})"

    def save(self, *args, **kwargs) -> None:
        # An OPD-scoped role also records its instansi, so that instansi-wide reads find it in one filter.
        if self.opd_id and not self.instansi_id:
            self.instansi_id = Opd.objects.filter(pk=self.opd_id).values_list("instansi_id", flat=True).first()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.peran in PERAN_LINGKUP_INSTANSI and (not self.instansi_id or self.opd_id):
            raise ValidationError(_("Peran ini berlaku untuk satu instansi: isi instansi saja."))
        if self.peran in PERAN_LINGKUP_OPD and not self.opd_id:
            raise ValidationError(_("Peran ini berlaku untuk satu OPD: isi OPD."))
        if self.peran in PERAN_LINGKUP_OPD and self.instansi_id and self.instansi_id != self.opd.instansi_id:
            raise ValidationError(_("OPD tidak berada di instansi yang dipilih."))
        if self.peran == Peran.ASN and (self.instansi_id or self.opd_id):
            raise ValidationError(_("Peran ASN berlaku untuk diri sendiri: kosongkan instansi dan OPD."))


class JenisAudit(models.TextChoices):
    MASUK = "masuk", _("Masuk")
    GAGAL_MASUK = "gagal_masuk", _("Gagal masuk")
    TERKUNCI = "terkunci", _("Akun terkunci")
    BUKA_KUNCI = "buka_kunci", _("Kunci akun dibuka")
    KELUAR = "keluar", _("Keluar")
    DUA_LANGKAH = "dua_langkah", _("Verifikasi dua langkah")
    DITOLAK = "ditolak", _("Akses ditolak")
    REALISASI = "realisasi", _("Perubahan realisasi")
    TARGET = "target", _("Perubahan indikator atau target")
    PENILAIAN = "penilaian", _("Perubahan penilaian atau predikat")
    PENGADUAN = "pengaduan", _("Perubahan status pengaduan")
    KONFIGURASI = "konfigurasi", _("Perubahan konfigurasi")


class AuditHanyaTambah(Exception):
    """An audit entry is written once and never changed or deleted by the application."""


class CatatanAuditQuerySet(models.QuerySet):
    def delete(self):
        raise AuditHanyaTambah("Catatan audit tidak dapat dihapus.")

    # Deleting an account clears `user` (on_delete=SET_NULL) through the base manager, not this one: the entry keeps
    # the username as text.
    def update(self, **kwargs):
        raise AuditHanyaTambah("Catatan audit tidak dapat diubah.")


class CatatanAudit(models.Model):
    """One event of the audit log: who did what, to which object, when and from where. Append-only: written by
    opd/audit.py, never changed or deleted by the application (save, delete and the queryset's bulk forms refuse;
    on PostgreSQL a trigger refuses too, opd/migrations/0003). Retention is the DBA's (docs/operations.md)."""

    class Aksi(models.TextChoices):
        DIBUAT = "dibuat", _("dibuat")
        DIUBAH = "diubah", _("diubah")
        DIHAPUS = "dihapus", _("dihapus")

    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    # No database constraint and no cascade on the instansi or the object's type: an entry outlives what it is about,
    # and a cascade would have to change or delete it.
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisAudit.choices)
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jenis objek"),
    )
    objek_id = models.BigIntegerField(_("ID objek"), null=True, blank=True)
    objek_teks = models.CharField(_("objek"), max_length=200, blank=True)
    perubahan = models.JSONField(_("perubahan"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    alamat = models.CharField(_("alamat klien"), max_length=64, blank=True)
    path = models.CharField(_("alamat halaman"), max_length=500, blank=True)

    objects = CatatanAuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-waktu", "-id"]
        indexes = [
            # The page: one instansi's entries, newest first, a page at a time from a (waktu, id) cursor.
            models.Index(fields=["instansi", "-waktu", "-id"], name="audit_instansi_waktu"),
            models.Index(fields=["content_type", "objek_id"], name="audit_objek"),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.jenis}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None or not self._state.adding:
            raise AuditHanyaTambah("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditHanyaTambah("Catatan audit tidak dapat dihapus.")


# The rate-limit counters and the outbox live in their own module (opd/antrian.py, opd/batas.py use them).
from .models_antrian import PenghitungBatas, TugasTertunda  # noqa: E402, F401

# Notifications live in their own module; imported here so that Django registers them with the app.
from .models_notifikasi import JenisNotifikasi, Notifikasi, PreferensiNotifikasi  # noqa: E402, F401
