"""The public satisfaction survey (SKM): the services of each OPD that citizens rate, and their answers.

Both tables kept the names they had in the pengaduan app, where they began (moved with their rows,
survei/migrations/0001)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from indikator.models import TRIWULAN_CHOICES
from opd.models import Instansi, Opd


class Layanan(models.Model):
    """A service of an OPD that citizens rate in the satisfaction survey (each has its own QR code)."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="layanan_set")
    nama = models.CharField(_("nama layanan"), max_length=200)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        db_table = "pengaduan_layanan"
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
        db_table = "pengaduan_responsurvei"
        verbose_name = _("respons survei")
        verbose_name_plural = _("respons survei")
        ordering = ["-diisi_pada"]
        # Unnamed: their names derive from the table name, which has not changed, so they match the database's.
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


class UndanganSurvei(models.Model):
    """A one-time invitation to the OPD's survey, sent to a reporter whose complaint was closed (laporan/undangan.py).

    The token is the link's secret and is good for one response: `dipakai_pada` is set with it. The response itself
    is not tied to the invitation, so a survey answer stays as anonymous as one given at the counter."""

    token = models.CharField(max_length=64, unique=True, editable=False)
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="undangan_survei_set")
    layanan = models.ForeignKey(Layanan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # What it was sent for (a complaint's number); no foreign key: survei does not depend on pengaduan.
    asal = models.CharField(max_length=40, blank=True)
    dibuat_pada = models.DateTimeField()
    dikirim_ke = models.CharField(max_length=150, blank=True)
    dipakai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = _("undangan survei")
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(fields=["asal"], condition=~models.Q(asal=""), name="undangan_asal_unik")
        ]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.asal}"
