"""Citizen complaints (pengaduan, aspirasi, permintaan informasi) with their handling, deadlines and escalations.

The instansi's extra days off the deadlines are counted around are the opd app's (opd.models.HariLibur)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from opd.models import Instansi, Opd, Pegawai


class Pengaduan(models.Model):
    """A complaint, suggestion or information request filed by anyone, without an account.

    The reporter is known only by the tracking code (stored as its hash) and, if they chose to give them, a name and
    contact. `anonim` hides those from the OPD and the public; `rahasia` keeps the report off public pages. Both are
    what the reporter chose (`*_pelapor`, never undone) or what the Petugas Pengaduan added.
    """

    class Jenis(models.TextChoices):
        PENGADUAN = "pengaduan", _("Pengaduan")
        ASPIRASI = "aspirasi", _("Aspirasi")
        PERMINTAAN_INFORMASI = "informasi", _("Permintaan informasi")

    class Kategori(models.TextChoices):
        ADMINDUK = "adminduk", _("Administrasi kependudukan (KTP, KK, akta)")
        KESEHATAN = "kesehatan", _("Kesehatan")
        PENDIDIKAN = "pendidikan", _("Pendidikan")
        PERIZINAN = "perizinan", _("Perizinan dan penanaman modal")
        INFRASTRUKTUR = "infrastruktur", _("Jalan, drainase dan fasilitas umum")
        LINGKUNGAN = "lingkungan", _("Kebersihan dan lingkungan")
        SOSIAL = "sosial", _("Bantuan sosial")
        PERILAKU = "perilaku", _("Perilaku atau disiplin aparatur")
        PUNGLI = "pungli", _("Pungutan liar")
        LAINNYA = "lainnya", _("Lainnya")

    class Status(models.TextChoices):
        DITERIMA = "diterima", _("Diterima")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIDISPOSISIKAN = "didisposisikan", _("Didisposisikan")
        DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
        SELESAI = "selesai", _("Selesai")
        DITUTUP = "ditutup", _("Ditutup")
        DITOLAK = "ditolak", _("Ditolak")
        BUKAN_WEWENANG = "bukan_wewenang", _("Bukan wewenang")
        DITUNDA = "ditunda", _("Ditunda")
        DIBUKA_KEMBALI = "dibuka_kembali", _("Dibuka kembali")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="pengaduan_set")
    kode_hash = models.CharField(max_length=64, unique=True, editable=False)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.PENGADUAN)
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    opd_usulan = models.ForeignKey(
        Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("OPD menurut pelapor")
    )
    opd = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengaduan_set",
        verbose_name=_("OPD yang menangani"),
    )
    asn_dilaporkan = models.CharField(_("ASN yang dilaporkan (nama atau NIP)"), max_length=200, blank=True)
    pegawai_terlapor = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ASN terlapor")
    )
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(_("uraian"), max_length=5000)
    lokasi = models.CharField(_("lokasi kejadian"), max_length=300, blank=True)
    tanggal_kejadian = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    nama_pelapor = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    kontak_pelapor = models.CharField(_("kontak pelapor"), max_length=150, blank=True)
    anonim = models.BooleanField(_("anonim"), default=False)
    rahasia = models.BooleanField(_("rahasia"), default=False)
    anonim_pelapor = models.BooleanField(default=False, editable=False)
    rahasia_pelapor = models.BooleanField(default=False, editable=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DITERIMA)
    status_sebelum_tunda = models.CharField(max_length=20, choices=Status.choices, blank=True)
    alasan = models.TextField(_("alasan"), blank=True)  # Ditolak, Bukan wewenang, Ditunda
    jawaban = models.TextField(_("jawaban"), blank=True)
    dibantah = models.BooleanField(_("dibantah pelapor"), default=False)

    # Moments (UTC) and the dates they fall on in the instansi's zone, which the deadlines and figures use.
    diterima_pada = models.DateTimeField()
    tanggal_diterima = models.DateField()
    tanggal_dikembalikan = models.DateField(null=True, blank=True)  # the OPD gave it back: routing starts again
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    didisposisikan_pada = models.DateTimeField(null=True, blank=True)
    direspons_pada = models.DateTimeField(null=True, blank=True)
    tanggal_respons = models.DateField(null=True, blank=True)
    diselesaikan_pada = models.DateTimeField(null=True, blank=True)
    tanggal_selesai = models.DateField(null=True, blank=True)
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    # The reporter reopened the answered complaint (once, before it closed): the OPD's response clock starts again.
    dibuka_kembali_pada = models.DateTimeField(null=True, blank=True)
    # Working days from routing to the OPD's first response, pauses left out; and whether that met the deadline.
    hari_respons = models.PositiveSmallIntegerField(null=True, blank=True)
    respons_tepat_waktu = models.BooleanField(null=True, blank=True)

    tenggat_verifikasi = models.DateField(_("tenggat verifikasi"), null=True, blank=True)
    tenggat_respons = models.DateField(_("tenggat respons OPD"), null=True, blank=True)
    tenggat_penyelesaian = models.DateField(_("tenggat penyelesaian"), null=True, blank=True)
    tenggat_tutup = models.DateField(_("ditutup otomatis setelah"), null=True, blank=True)
    tenggat_respons_ulang = models.DateField(_("tenggat respons OPD setelah dibuka kembali"), null=True, blank=True)
    terlambat_sejak = models.DateTimeField(null=True, blank=True)

    penilaian = models.PositiveSmallIntegerField(
        _("penilaian"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    terselesaikan = models.BooleanField(_("masalah terselesaikan"), null=True, blank=True)
    dinilai_pada = models.DateTimeField(null=True, blank=True)

    versi = models.PositiveIntegerField(default=1)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-diterima_pada", "-pk"]
        indexes = [
            models.Index(fields=["instansi", "status"]),
            models.Index(fields=["opd", "status"]),
            models.Index(fields=["opd", "tanggal_respons"]),
            models.Index(fields=["opd", "tenggat_respons"]),
            models.Index(fields=["instansi", "tanggal_diterima"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(penilaian__isnull=True) | models.Q(penilaian__gte=1, penilaian__lte=5),
                name="pengaduan_penilaian_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(anonim=True) | models.Q(anonim_pelapor=False), name="pengaduan_anonim_pelapor"
            ),
            models.CheckConstraint(
                condition=models.Q(rahasia=True) | models.Q(rahasia_pelapor=False), name="pengaduan_rahasia_pelapor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor} {self.judul}"

    @property
    def nomor(self) -> str:
        """The public reference (not a secret: the tracking code is)."""
        tahun = self.tanggal_diterima.year if self.tanggal_diterima else 0
        return f"PGD-{tahun}-{self.pk or 0:06d}"

    STATUS_TERBUKA = (
        Status.DITERIMA,
        Status.DIVERIFIKASI,
        Status.DIDISPOSISIKAN,
        Status.DITINDAKLANJUTI,
        Status.DITUNDA,
        Status.DIBUKA_KEMBALI,
    )
    STATUS_AKHIR = (Status.DITUTUP, Status.DITOLAK, Status.BUKAN_WEWENANG)
    STATUS_DIJAWAB = (Status.SELESAI, Status.DITUTUP)

    @property
    def tenggat_aktif(self):
        """The deadline the current state is held to (None when nothing is due: on hold, answered or finished)."""
        S = self.Status
        if self.status in (S.DITERIMA, S.DIVERIFIKASI):
            return self.tenggat_verifikasi
        if self.status == S.DIDISPOSISIKAN:
            return self.tenggat_respons
        if self.status == S.DITINDAKLANJUTI:
            return self.tenggat_penyelesaian
        if self.status == S.DIBUKA_KEMBALI:
            return self.tenggat_respons_ulang
        return None


class Jeda(models.Model):
    """A time on hold (Ditunda): the deadline clocks stop from `mulai` to `selesai`."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="jeda_set")
    mulai = models.DateTimeField()
    tanggal_mulai = models.DateField()
    selesai = models.DateTimeField(null=True, blank=True)
    tanggal_selesai = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pengaduan"], condition=models.Q(selesai__isnull=True), name="jeda_satu_yang_berjalan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tanggal_mulai} – {self.tanggal_selesai or '…'}"


class RiwayatPengaduan(models.Model):
    """One step of a complaint: who (a user, or the reporter), when, from which state to which, and the note.

    `publik` steps appear on the reporter's tracking timeline; the others are internal notes."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="riwayat_set")
    pada = models.DateTimeField()
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    oleh_pelapor = models.BooleanField(default=False)
    oleh_sistem = models.BooleanField(default=False)
    dari_status = models.CharField(max_length=20, choices=Pengaduan.Status.choices, blank=True)
    ke_status = models.CharField(max_length=20, choices=Pengaduan.Status.choices)
    opd = models.ForeignKey(Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    catatan = models.TextField(blank=True)
    publik = models.BooleanField(default=True)

    class Meta:
        ordering = ["pada", "pk"]
        indexes = [models.Index(fields=["pengaduan", "pada"])]

    def __str__(self) -> str:
        return f"{self.pengaduan_id}: {self.dari_status} → {self.ke_status}"


def lampiran_upload_to(instance: "Lampiran", filename: str) -> str:
    # The stored name never comes from the user: a random token, with the extension the content was checked for.
    import secrets

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"pengaduan/{instance.pengaduan.instansi_id}/{secrets.token_hex(16)}.{ext}"


class Lampiran(models.Model):
    """A reporter's attachment (image or PDF), stored outside the web root and served only to who may see it."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="lampiran_set")
    berkas = models.FileField(upload_to=lampiran_upload_to, max_length=200)
    nama_asli = models.CharField(max_length=200)
    jenis_konten = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField()
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.nama_asli


class Eskalasi(models.Model):
    """An overdue deadline that was flagged and escalated; one row per complaint, stage and deadline, so the hourly
    job escalates each missed deadline once."""

    class Tahap(models.TextChoices):
        VERIFIKASI = "verifikasi", _("Verifikasi dan disposisi")
        RESPONS = "respons", _("Respons OPD")
        PENYELESAIAN = "penyelesaian", _("Penyelesaian")

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="eskalasi_set")
    tahap = models.CharField(max_length=20, choices=Tahap.choices)
    tenggat = models.DateField()
    dikirim_pada = models.DateTimeField()
    penerima = models.TextField(blank=True)

    class Meta:
        ordering = ["dikirim_pada"]
        constraints = [models.UniqueConstraint(fields=["pengaduan", "tahap", "tenggat"], name="eskalasi_unik")]

    def __str__(self) -> str:
        return f"{self.pengaduan_id} {self.tahap} {self.tenggat}"


# Sent once the change is committed, with `pengaduan_id`, when a complaint reaches Ditutup (by the reporter, or by the
# hourly job after the answer went undisputed). Receivers live in the apps above this one (laporan/undangan.py).
pengaduan_ditutup = Signal()
