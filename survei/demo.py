"""Demo survey for the organisations of ``opd.demo`` (called by ``seed_demo`` after the other apps' demo data).

Services of the Kupang and Surabaya OPDs whose survey answers give each a different grade (A to D), answered over the
last working days through the real service; and an automatic indicator (DPMPTSP's IKM) filled by the feed.

Idempotent: a service is looked up by its OPD and name, and its survey answers are written only when it has none; a
second run adds nothing.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from indikator.models import Indikator, TargetTriwulan
from opd.hari_kerja import adalah_hari_kerja
from opd.kalender import hari_ini, kalender_instansi
from opd.models import Instansi, Opd

from . import feeds, services
from .models import Layanan, ResponSurvei

# Survey profiles: per service, the nine base scores; respondents vary around them. (grade it should give)
LAYANAN = [
    ("kota-kupang", "DUKCAPIL", "Perekaman dan pencetakan KTP-el", (4, 3, 3, 4, 3, 3, 4, 3, 3)),  # B
    ("kota-kupang", "DUKCAPIL", "Akta kelahiran", (4, 4, 4, 4, 4, 3, 4, 4, 4)),  # A
    ("kota-kupang", "DINKES", "Pendaftaran pasien puskesmas", (3, 3, 2, 4, 3, 3, 3, 2, 2)),  # C
    ("kota-kupang", "DPMPTSP", "Nomor Induk Berusaha (NIB)", (4, 4, 3, 4, 4, 4, 4, 3, 4)),  # A
    ("kota-kupang", "KEC-MAULAFA", "Surat keterangan domisili", (2, 2, 2, 3, 2, 3, 2, 2, 2)),  # D
    ("kota-surabaya", "DINKES", "Rawat jalan puskesmas", (3, 3, 3, 4, 3, 3, 4, 3, 3)),  # B
]
RESPONDEN = 12
# A deterministic spread around the base score (-1, 0, +1), clipped to 1–4.
_GESER = (0, 1, 0, -1, 0, 0, 1, 0, -1, 0, 0, 1)


def _waktu(instansi: Instansi, hari_lalu: int, jam: int) -> datetime.datetime:
    """A moment `hari_lalu` working days before today, in the instansi's zone, never in the future."""
    kalender = kalender_instansi(instansi.pk)
    tanggal = hari_ini(instansi)
    langkah = 0
    while langkah < hari_lalu:
        tanggal -= datetime.timedelta(days=1)
        if adalah_hari_kerja(tanggal, kalender):
            langkah += 1
    waktu = datetime.datetime.combine(tanggal, datetime.time(jam), tzinfo=ZoneInfo(instansi.zona_waktu))
    sekarang = timezone.now()
    # Today's steps early in the morning: still in the past, and still in order.
    return waktu if waktu < sekarang else sekarang - datetime.timedelta(minutes=24 - jam)


def _skor(dasar: tuple[int, ...], r: int) -> list[int]:
    return [
        min(4, max(1, nilai + _GESER[(r + u) % len(_GESER)] * (1 if (r + u) % 3 else 0)))
        for u, nilai in enumerate(dasar)
    ]


def _seed_survei() -> None:
    for inst_kode, opd_kode, nama, dasar in LAYANAN:
        opd = Opd.objects.filter(instansi__kode=inst_kode, kode=opd_kode).select_related("instansi").first()
        if opd is None:
            continue
        layanan, _created = Layanan.objects.get_or_create(opd=opd, nama=nama)
        if ResponSurvei.objects.filter(layanan=layanan).exists():
            continue
        for r in range(RESPONDEN):
            services.survei_submit(
                opd=opd,
                layanan=layanan,
                skor=_skor(dasar, r),
                usia=20 + (r * 7) % 45,
                jenis_kelamin="p" if r % 2 else "l",
                pendidikan=["sma", "s1", "smp", "d3"][r % 4],
                pekerjaan=["swasta", "wirausaha", "pns", "pelajar", "rumah_tangga"][r % 5],
                saran="Tambah kursi di ruang tunggu." if r == 3 else "",
                sekarang=_waktu(opd.instansi, r % 8, 9 + r % 6),
            )


INDIKATOR_OTOMATIS = [
    (
        "kota-kupang",
        "DPMPTSP",
        "IKU-DPMPTSP-IKM",
        "Indeks kepuasan masyarakat layanan perizinan",
        "indeks",
        Indikator.SumberRealisasi.IKM,
        "maximize",
        Decimal(85),
    ),
]


def _seed_indikator() -> list[Indikator]:
    hasil = []
    for inst_kode, opd_kode, kode, nama, satuan, sumber, polaritas, target in INDIKATOR_OTOMATIS:
        opd = Opd.objects.filter(instansi__kode=inst_kode, kode=opd_kode).select_related("instansi").first()
        if opd is None:
            continue
        tahun = hari_ini(opd.instansi).year
        indikator, created = Indikator.objects.get_or_create(
            opd=opd,
            tahun=tahun,
            kode=kode,
            jenis=Indikator.Jenis.IKU,
            defaults={
                "nama": nama,
                "satuan": satuan,
                "sumber_realisasi": sumber,
                "polaritas": polaritas,
                "agregasi": "average",
                "desimal": 2,
                "target_bawah": target,
                "utama": False,
                "definisi": "Dihitung otomatis oleh aplikasi dari data pengaduan dan survei kepuasan masyarakat.",
                "sumber_data": "Modul pengaduan dan SKM Kinerja",
            },
        )
        if created:
            TargetTriwulan.objects.bulk_create(
                TargetTriwulan(indikator=indikator, triwulan=q, target_bawah=target) for q in range(1, 5)
            )
        hasil.append(indikator)
    return hasil


def seed() -> None:
    """Services with survey answers, and the automatic indicator they feed."""
    with transaction.atomic():
        _seed_survei()
        for indikator in _seed_indikator():
            feeds.feed_indikator(indikator)
