"""Citizen complaints (pengaduan, aspirasi, permintaan informasi) with their handling and deadlines, the instansi's
extra days off, and the public satisfaction survey (SKM) per OPD and service."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from indikator.models import TRIWULAN_CHOICES, Indikator
from opd.models import Instansi, Opd, Pegawai


class HariLibur(models.Model):
    """An extra day off of one instansi (cuti bersama, a local holiday): not a working day for its deadlines."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="hari_libur_set")
    tanggal = models.DateField(_("tanggal"))
    keterangan = models.CharField(_("keterangan"), max_length=200)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hari libur instansi")
        verbose_name_plural = _("hari libur instansi")
        ordering = ["instansi", "tanggal"]
        constraints = [models.UniqueConstraint(fields=["instansi", "tanggal"], name="hari_libur_unik")]

    def __str__(self) -> str:
        return f"{self.tanggal:%d/%m/%Y} {self.keterangan}"


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
    # Working days from routing to the OPD's first response, pauses left out; and whether that met the deadline.
    hari_respons = models.PositiveSmallIntegerField(null=True, blank=True)
    respons_tepat_waktu = models.BooleanField(null=True, blank=True)

    tenggat_verifikasi = models.DateField(_("tenggat verifikasi"), null=True, blank=True)
    tenggat_respons = models.DateField(_("tenggat respons OPD"), null=True, blank=True)
    tenggat_penyelesaian = models.DateField(_("tenggat penyelesaian"), null=True, blank=True)
    tenggat_tutup = models.DateField(_("ditutup otomatis setelah"), null=True, blank=True)
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


class Layanan(models.Model):
    """A service of an OPD that citizens rate in the satisfaction survey (each has its own QR code)."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="layanan_set")
    nama = models.CharField(_("nama layanan"), max_length=200)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["opd", "nama"]
        constraints = [models.UniqueConstraint(fields=["opd", "nama"], name="layanan_nama_unik_per_opd")]

    def __str__(self) -> str:
        return self.nama


UNSUR = [
    ("u1", _("Persyaratan")),
    ("u2", _("Sistem, mekanisme dan prosedur")),
    ("u3", _("Waktu penyelesaian")),
    ("u4", _("Biaya/tarif")),
    ("u5", _("Produk spesifikasi jenis pelayanan")),
    ("u6", _("Kompetensi pelaksana")),
    ("u7", _("Perilaku pelaksana")),
    ("u8", _("Penanganan pengaduan, saran dan masukan")),
    ("u9", _("Sarana dan prasarana")),
]
SKOR_CHOICES = [(1, _("Tidak baik")), (2, _("Kurang baik")), (3, _("Baik")), (4, _("Sangat baik"))]


def _skor_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=SKOR_CHOICES, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class ResponSurvei(models.Model):
    """One respondent's answers to the nine elements (1–4), with their profile and suggestion."""

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "l", _("Laki-laki")
        PEREMPUAN = "p", _("Perempuan")

    class Pendidikan(models.TextChoices):
        SD = "sd", _("SD ke bawah")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        D3 = "d3", _("D1–D3")
        S1 = "s1", _("D4/S1")
        S2 = "s2", _("S2 ke atas")

    class Pekerjaan(models.TextChoices):
        PNS = "pns", _("PNS/TNI/Polri")
        SWASTA = "swasta", _("Pegawai swasta")
        WIRAUSAHA = "wirausaha", _("Wiraswasta/usahawan")
        PELAJAR = "pelajar", _("Pelajar/mahasiswa")
        PETANI = "petani", _("Petani/nelayan")
        RUMAH_TANGGA = "rumah_tangga", _("Mengurus rumah tangga")
        LAINNYA = "lainnya", _("Lainnya")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="respon_survei_set")
    layanan = models.ForeignKey(Layanan, on_delete=models.SET_NULL, null=True, blank=True, related_name="respon_set")
    diisi_pada = models.DateTimeField()
    tanggal = models.DateField()  # in the instansi's zone
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    u1 = _skor_field(UNSUR[0][1])
    u2 = _skor_field(UNSUR[1][1])
    u3 = _skor_field(UNSUR[2][1])
    u4 = _skor_field(UNSUR[3][1])
    u5 = _skor_field(UNSUR[4][1])
    u6 = _skor_field(UNSUR[5][1])
    u7 = _skor_field(UNSUR[6][1])
    u8 = _skor_field(UNSUR[7][1])
    u9 = _skor_field(UNSUR[8][1])
    usia = models.PositiveSmallIntegerField(
        _("usia"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(110)]
    )
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True)
    pendidikan = models.CharField(_("pendidikan"), max_length=10, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=15, choices=Pekerjaan.choices, blank=True)
    saran = models.TextField(_("saran"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("respons survei")
        verbose_name_plural = _("respons survei")
        ordering = ["-diisi_pada"]
        indexes = [models.Index(fields=["opd", "tahun", "triwulan"]), models.Index(fields=["instansi", "tahun"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{u}__isnull": True}) | models.Q(**{f"{u}__gte": 1, f"{u}__lte": 4}),
                name=f"respon_{u}_1_4",
            )
            for u, _label in UNSUR
        ]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tanggal}"

    @property
    def skor(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, u) for u, _label in UNSUR)


class SelisihFeed(models.Model):
    """An automatic figure that differs from a realisation already submitted or verified, which the feed never
    overwrites: kept here so that the OPD can return the value and let it be refreshed."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN_CHOICES)
    nilai_tercatat = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    nilai_hitung = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    status_realisasi = models.CharField(max_length=15)
    dicatat_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indikator", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="selisih_feed_unik")]

    def __str__(self) -> str:
        return f"{self.indikator_id} TW {self.triwulan}: {self.nilai_tercatat} ≠ {self.nilai_hitung}"
