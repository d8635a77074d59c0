"""Demo complaints for the organisations of ``opd.demo`` (called by ``seed_demo`` after the other apps' demo data).

Complaints in every state across the Kupang OPDs (among them the KTP waiting time at Dukcapil), some of them overdue,
each moved through the real services at moments relative to today so that the deadlines are live; and an automatic
indicator (Dukcapil's complaint response time) filled by the feed. The survey's demo is survei/demo.py.

Idempotent: a complaint is looked up by its instansi and title; a second run adds nothing. Every demo complaint has a
fixed tracking code (listed in docs/user-guide.md) so the tracking page can be tried.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from indikator.models import Indikator, TargetTriwulan
from opd.hari_kerja import adalah_hari_kerja
from opd.kalender import hari_ini, kalender_instansi
from opd.models import Instansi, Opd

from . import feeds, services, services_pelapor
from .kode import hash_kode, normalisasi
from .models import Pengaduan

S = Pengaduan.Status
PETUGAS = {"kota-kupang": "petugas.kupang", "kota-surabaya": None}
TIM = {
    ("kota-kupang", "DUKCAPIL"): "tim.dukcapil",
    ("kota-kupang", "DINKES"): "tim.dinkes",
}


@dataclass(frozen=True)
class Demo:
    """One complaint: where it ends up, and how many working days ago each step happened (None: not taken)."""

    kode: str
    instansi: str
    opd: str | None
    judul: str
    isi: str
    kategori: str
    status: str
    jenis: str = Pengaduan.Jenis.PENGADUAN
    diterima: int = 1  # working days ago
    rute: int | None = None
    respons: int | None = None
    jawab: int | None = None
    nama: str = ""
    kontak: str = ""
    anonim: bool = False
    rahasia: bool = False
    asn: str = ""
    lokasi: str = ""
    alasan: str = ""
    tanggapan: str = "Laporan sudah kami terima dan sedang kami periksa bersama petugas layanan."
    jawaban: str = ""
    nilai: tuple[int, bool] | None = None
    balasan: list[str] = field(default_factory=list)


PENGADUAN = [
    Demo(
        "KTPE-2345-DKCP",
        "kota-kupang",
        "DUKCAPIL",
        "KTP-el belum jadi setelah sebulan",
        "Saya merekam KTP-el di kantor Dukcapil pada awal bulan lalu. Sampai sekarang belum dicetak; setiap kali "
        "datang dikatakan blangko habis. Mohon kepastian kapan KTP saya bisa diambil.",
        Pengaduan.Kategori.ADMINDUK,
        S.DITINDAKLANJUTI,
        diterima=9,
        rute=8,
        respons=6,
        nama="Maria Ndun",
        kontak="0812-3456-7801",
        lokasi="Kantor Dinas Dukcapil, Jl. S.K. Lerik",
        tanggapan="Blangko KTP-el dari Ditjen Dukcapil tiba minggu ini; pencetakan dilakukan berurutan sesuai antrean.",
    ),
    Demo(
        "ANTR-2345-KTPE",
        "kota-kupang",
        "DUKCAPIL",
        "Antrean perekaman KTP-el mengular sejak subuh",
        "Warga sudah antre sejak pukul 05.00 tetapi nomor antrean dibatasi 50 per hari. Banyak yang pulang tanpa "
        "dilayani. Mohon ditambah loket atau dibuka layanan sore.",
        Pengaduan.Kategori.ADMINDUK,
        S.DITERIMA,
        diterima=0,
        nama="Yakobus Lede",
    ),
    Demo(
        "AKTA-2345-NAMA",
        "kota-kupang",
        "DUKCAPIL",
        "Akta kelahiran anak salah ketik nama",
        "Nama anak saya pada akta kelahiran tertulis 'Krisna' padahal seharusnya 'Kristina'. Bagaimana cara "
        "memperbaikinya dan apakah dikenakan biaya?",
        Pengaduan.Kategori.ADMINDUK,
        S.SELESAI,
        jenis=Pengaduan.Jenis.PERMINTAAN_INFORMASI,
        diterima=6,
        rute=5,
        respons=4,
        jawab=3,
        nama="Kristina Lay",
        jawaban="Perbaikan akta tidak dipungut biaya. Bawa akta asli, KK dan surat keterangan lahir ke loket "
        "pencatatan sipil; akta baru selesai dalam 3 hari kerja.",
    ),
    Demo(
        "PKMB-2345-SRTS",
        "kota-kupang",
        "DINKES",
        "Petugas puskesmas meminta biaya surat keterangan sehat",
        "Di loket Puskesmas Oebobo saya diminta membayar Rp50.000 untuk surat keterangan sehat tanpa kuitansi.",
        Pengaduan.Kategori.PUNGLI,
        S.DIDISPOSISIKAN,
        diterima=9,
        rute=8,
        anonim=True,
        rahasia=True,
        nama="Pelapor Rahasia Oebobo",
        kontak="pelapor.oebobo@example.com",
        asn="Petugas loket pendaftaran Puskesmas Oebobo",
        lokasi="UPTD Puskesmas Oebobo",
    ),
    Demo(
        "CMPK-2345-JDWK",
        "kota-kupang",
        "DINKES",
        "Jadwal imunisasi campak di posyandu",
        "Kapan jadwal imunisasi campak-rubela di posyandu Kelurahan Oebobo bulan ini?",
        Pengaduan.Kategori.KESEHATAN,
        S.DIVERIFIKASI,
        jenis=Pengaduan.Jenis.PERMINTAAN_INFORMASI,
        diterima=1,
        nama="Ani Tefa",
    ),
    Demo(
        "JRAN-2345-BRKG",
        "kota-kupang",
        None,
        "Jalan berlubang di Jl. Frans Seda",
        "Lubang besar di depan kompleks pertokoan sudah sebulan, sudah dua pengendara motor jatuh.",
        Pengaduan.Kategori.INFRASTRUKTUR,
        S.DITERIMA,
        diterima=6,
        lokasi="Jl. Frans Seda, Kelapa Lima",
    ),
    Demo(
        "NBBS-2345-MKRQ",
        "kota-kupang",
        "DPMPTSP",
        "Izin usaha mikro belum terbit",
        "Permohonan NIB untuk usaha kue rumahan sudah dua minggu belum terbit di OSS.",
        Pengaduan.Kategori.PERIZINAN,
        S.DIDISPOSISIKAN,
        diterima=2,
        rute=1,
        nama="Fransiska Bessi",
    ),
    Demo(
        "PJXN-2345-NMKT",
        "kota-kupang",
        "KEC-MAULAFA",
        "Lampu jalan mati di Kelurahan Naimata",
        "Tiga lampu penerangan jalan di RT 05 mati sejak bulan lalu, jalan gelap dan rawan.",
        Pengaduan.Kategori.INFRASTRUKTUR,
        S.DITUTUP,
        diterima=20,
        rute=19,
        respons=18,
        jawab=15,
        nama="Simon Manu",
        jawaban="Lampu sudah diganti bersama Dinas Perhubungan pada hari Kamis.",
        nilai=(5, True),
    ),
    Demo(
        "SRGM-2345-SKHH",
        "kota-kupang",
        "DISDIK",
        "Sekolah meminta uang seragam",
        "SD negeri di Maulafa meminta orang tua membeli seragam di sekolah seharga Rp450.000.",
        Pengaduan.Kategori.PENDIDIKAN,
        S.DITUNDA,
        diterima=4,
        alasan="Mohon lengkapi nama sekolah dan foto surat edaran dari sekolah melalui balasan di halaman lacak.",
    ),
    Demo(
        "PNJM-2345-SPAM",
        "kota-kupang",
        None,
        "Pinjaman cepat tanpa agunan",
        "Hubungi kami untuk pinjaman cepat cair.",
        Pengaduan.Kategori.LAINNYA,
        S.DITOLAK,
        diterima=3,
        alasan="Bukan pengaduan pelayanan publik (iklan).",
    ),
    Demo(
        "BPJS-2345-TNGK",
        "kota-kupang",
        None,
        "Tunggakan iuran BPJS Kesehatan",
        "Kartu BPJS saya nonaktif karena tunggakan, padahal saya peserta PBI.",
        Pengaduan.Kategori.SOSIAL,
        S.BUKAN_WEWENANG,
        diterima=3,
        alasan="Status kepesertaan PBI diurus BPJS Kesehatan Cabang Kupang dan Dinas Sosial; silakan datang ke "
        "kantor cabang dengan membawa KTP dan KK.",
    ),
    Demo(
        "RWJN-2345-SBYA",
        "kota-surabaya",
        "DINKES",
        "Antrean rawat jalan puskesmas terlalu lama",
        "Menunggu tiga jam untuk poli umum di Puskesmas Ketabang.",
        Pengaduan.Kategori.KESEHATAN,
        S.DITERIMA,
        diterima=1,
    ),
]

assert all(normalisasi(d.kode) for d in PENGADUAN), "demo codes use the tracking-code alphabet"


def _user(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


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


def _seed_pengaduan(demo: Demo) -> None:
    instansi = Instansi.objects.filter(kode=demo.instansi).first()
    if instansi is None or Pengaduan.objects.filter(instansi=instansi, judul=demo.judul).exists():
        return
    opd = Opd.objects.filter(instansi=instansi, kode=demo.opd).first() if demo.opd else None
    petugas = _user(PETUGAS[demo.instansi]) or _superuser_stand_in()
    tim = _user(TIM.get((demo.instansi, demo.opd))) or _superuser_stand_in()
    pengaduan, _kode_acak = services_pelapor.pengaduan_file(
        instansi=instansi,
        jenis=demo.jenis,
        kategori=demo.kategori,
        judul=demo.judul,
        isi=demo.isi,
        opd_usulan=opd,
        asn_dilaporkan=demo.asn,
        lokasi=demo.lokasi,
        nama_pelapor=demo.nama,
        kontak_pelapor=demo.kontak,
        anonim=demo.anonim,
        rahasia=demo.rahasia,
        sekarang=_waktu(instansi, demo.diterima, 8),
    )
    # A known code, so that the demo's tracking page can be tried (docs/user-guide.md lists them).
    Pengaduan.objects.filter(pk=pengaduan.pk).update(kode_hash=hash_kode(demo.kode))
    pengaduan.refresh_from_db()

    def v():
        pengaduan.refresh_from_db()
        return pengaduan.versi

    if demo.status == S.DITOLAK:
        services.pengaduan_reject(
            actor=petugas,
            pengaduan=pengaduan,
            versi=v(),
            alasan=demo.alasan,
            sekarang=_waktu(instansi, demo.diterima, 10),
        )
        return
    if demo.status == S.BUKAN_WEWENANG:
        services.pengaduan_not_authority(
            actor=petugas,
            pengaduan=pengaduan,
            versi=v(),
            alasan=demo.alasan,
            sekarang=_waktu(instansi, demo.diterima, 10),
        )
        return
    if demo.status == S.DITUNDA:
        services.pengaduan_hold(
            actor=petugas,
            pengaduan=pengaduan,
            versi=v(),
            alasan=demo.alasan,
            sekarang=_waktu(instansi, demo.diterima, 10),
        )
        return
    if demo.status == S.DITERIMA:
        return
    services.pengaduan_verify(
        actor=petugas,
        pengaduan=pengaduan,
        versi=v(),
        catatan="Identitas dan uraian lengkap.",
        sekarang=_waktu(instansi, demo.rute if demo.rute is not None else demo.diterima, 9),
    )
    if demo.rute is None:
        return
    services.pengaduan_route(
        actor=petugas, pengaduan=pengaduan, versi=v(), opd=opd, sekarang=_waktu(instansi, demo.rute, 10)
    )
    if demo.respons is not None:
        services.pengaduan_respond(
            actor=tim,
            pengaduan=pengaduan,
            versi=v(),
            tanggapan=demo.tanggapan,
            sekarang=_waktu(instansi, demo.respons, 11),
        )
    if demo.jawab is not None:
        services.pengaduan_answer(
            actor=tim, pengaduan=pengaduan, versi=v(), jawaban=demo.jawaban, sekarang=_waktu(instansi, demo.jawab, 14)
        )
    if demo.nilai is not None:
        penilaian, terselesaikan = demo.nilai
        services_pelapor.pengaduan_rate(
            pengaduan=pengaduan,
            penilaian=penilaian,
            terselesaikan=terselesaikan,
            sekarang=_waktu(instansi, max(demo.jawab - 1, 0), 15),
        )


def _superuser_stand_in():
    """Where the demo has no login for a step (Surabaya's Petugas, an OPD without a team login), a superuser acts."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="demo.sistem", defaults={"first_name": "Sistem", "last_name": "Demo", "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


INDIKATOR_OTOMATIS = [
    (
        "kota-kupang",
        "DUKCAPIL",
        "IKU-DUKCAPIL-PGD",
        "Rata-rata waktu respons pengaduan masyarakat",
        "hari kerja",
        Indikator.SumberRealisasi.WAKTU_RESPONS_PENGADUAN,
        "minimize",
        Decimal(5),
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
    """Demo complaints and the automatic indicator they feed."""
    with transaction.atomic():
        for demo in PENGADUAN:
            _seed_pengaduan(demo)
        for indikator in _seed_indikator():
            feeds.feed_indikator(indikator)
