"""Synthetic load, part three: citizens' complaints in every state with their history, services and survey answers.

Deadlines come from pengaduan.tenggat.perbarui_tenggat and working days from opd.hari_kerja, the same functions the
application uses, so the hourly deadline job finds nothing to correct.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from opd.hari_kerja import Kalender, selisih_hari_kerja
from opd.models import Instansi
from pengaduan.models import Pengaduan
from pengaduan.tenggat import HARI_RESPONS, perbarui_tenggat

from .beban_data import RencanaInstansi, Ukuran, acak

S = Pengaduan.Status
# (status, share): every state the workflow can leave a complaint in, except on hold.
STATUS_PENGADUAN = (
    (S.DITERIMA, 0.08), (S.DIVERIFIKASI, 0.05), (S.DIDISPOSISIKAN, 0.15), (S.DITINDAKLANJUTI, 0.15),
    (S.SELESAI, 0.2), (S.DITUTUP, 0.3), (S.DITOLAK, 0.04), (S.BUKAN_WEWENANG, 0.03),
)  # fmt: skip
JUDUL = (
    ("Antrean layanan terlalu lama", "adminduk"),
    ("Jalan rusak belum diperbaiki", "infrastruktur"),
    ("Sampah menumpuk di pinggir jalan", "lingkungan"),
    ("Petugas meminta biaya tambahan", "pungli"),
    ("Obat di puskesmas sering kosong", "kesehatan"),
    ("Izin usaha belum terbit", "perizinan"),
    ("Bantuan sosial tidak tepat sasaran", "sosial"),
    ("Guru jarang masuk kelas", "pendidikan"),
    ("Petugas loket tidak ramah", "perilaku"),
    ("Informasi jadwal layanan tidak jelas", "lainnya"),
)
KOLOM_PENGADUAN = (
    "id", "instansi_id", "kode_hash", "jenis", "kategori", "opd_usulan_id", "opd_id", "judul", "isi", "nama_pelapor",
    "kontak_pelapor", "anonim", "anonim_pelapor", "status", "alasan", "jawaban", "diterima_pada", "tanggal_diterima",
    "diverifikasi_pada", "didisposisikan_pada", "direspons_pada", "tanggal_respons", "diselesaikan_pada",
    "tanggal_selesai", "ditutup_pada", "hari_respons", "respons_tepat_waktu", "tenggat_verifikasi", "tenggat_respons",
    "tenggat_penyelesaian", "tenggat_tutup", "penilaian", "terselesaikan", "dinilai_pada", "versi", "diubah_pada",
)  # fmt: skip
KOLOM_RIWAYAT = ("pengaduan_id", "pada", "oleh_id", "oleh_pelapor", "dari_status", "ke_status", "opd_id", "catatan")
KOLOM_LAYANAN = ("id", "opd_id", "nama")
KOLOM_SURVEI = (
    "instansi_id", "opd_id", "layanan_id", "diisi_pada", "tanggal", "tahun", "triwulan", "u1", "u2", "u3", "u4", "u5",
    "u6", "u7", "u8", "u9", "usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran",
)  # fmt: skip
URUTAN = (S.DITERIMA, S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.SELESAI, S.DITUTUP)


def _status(u: float) -> str:
    for status, bagian in STATUS_PENGADUAN:
        if u < bagian:
            return status
        u -= bagian
    return S.DITUTUP


def bangun_pengaduan(
    ukuran: Ukuran, rencana: RencanaInstansi, *, instansi_id: int, id_opd: int, id_pengaduan: int, petugas_id: int,
    tim: dict[int, int], sekarang: datetime.datetime,
) -> tuple[list[tuple], list[tuple]]:  # fmt: skip
    """Complaints of the last 120 days (ids from `id_pengaduan`) and one history row per step taken."""
    rng = acak(ukuran, rencana.nomor, "pengaduan")
    zona = ZoneInfo(rencana.zona_waktu)
    kalender = Kalender(tambahan=frozenset())
    instansi = Instansi(pk=instansi_id, zona_waktu=rencana.zona_waktu)
    rows, riwayat = [], []
    for n in range(ukuran.pengaduan):
        pid = id_pengaduan + n
        status = _status(rng.random())
        judul, kategori = rng.choice(JUDUL)
        opd = rng.choice(rencana.opd)
        opd_id = id_opd + opd.nomor - 1
        hari_lalu = rng.randrange(1, 120)
        t0 = (
            (sekarang - datetime.timedelta(days=hari_lalu))
            .astimezone(zona)
            .replace(hour=rng.randint(7, 20), minute=rng.randrange(60), second=0, microsecond=0)
        )
        langkah = [t0]
        for _ in range(5):  # each later step 1 to 4 days after the one before, never in the future
            langkah.append(min(langkah[-1] + datetime.timedelta(days=rng.randint(1, 4), hours=1), sekarang))
        p = Pengaduan(
            instansi=instansi, status=status, diterima_pada=t0, tanggal_diterima=t0.date(), kategori=kategori,
            jenis=rng.choice(("pengaduan", "pengaduan", "aspirasi", "informasi")),
        )  # fmt: skip
        dicapai = URUTAN.index(status) if status in URUTAN else 1
        steps = [(S.DITERIMA, t0, None)]
        if status in (S.DITOLAK, S.BUKAN_WEWENANG):
            p.alasan = "Laporan tidak memuat cukup keterangan atau bukan kewenangan pemerintah daerah."
            p.ditutup_pada = langkah[1]
            steps.append((status, langkah[1], petugas_id))
        if dicapai >= 1 and status in URUTAN:
            p.diverifikasi_pada = langkah[1]
            steps.append((S.DIVERIFIKASI, langkah[1], petugas_id))
        if dicapai >= 2:
            p.opd_id = opd_id
            p.didisposisikan_pada = langkah[2]
            steps.append((S.DIDISPOSISIKAN, langkah[2], petugas_id))
        if dicapai >= 3:
            p.direspons_pada = langkah[3]
            p.tanggal_respons = langkah[3].astimezone(zona).date()
            p.hari_respons = selisih_hari_kerja(langkah[2].astimezone(zona).date(), p.tanggal_respons, kalender)
            p.respons_tepat_waktu = p.hari_respons <= HARI_RESPONS
            steps.append((S.DITINDAKLANJUTI, langkah[3], tim[opd.nomor]))
        if dicapai >= 4:
            p.jawaban = "Sudah kami tindak lanjuti bersama petugas lapangan; terima kasih atas laporannya."
            p.diselesaikan_pada = langkah[4]
            p.tanggal_selesai = langkah[4].astimezone(zona).date()
            steps.append((S.SELESAI, langkah[4], tim[opd.nomor]))
        if dicapai >= 5:
            p.ditutup_pada = langkah[5]
            steps.append((S.DITUTUP, langkah[5], None))
            if rng.random() < 0.6:
                p.penilaian, p.terselesaikan, p.dinilai_pada = rng.randint(1, 5), rng.random() < 0.7, langkah[5]
        perbarui_tenggat(p, kalender=kalender)
        anonim = rng.random() < 0.2
        kode = hashlib.sha256(f"beban:{ukuran.seed}:{rencana.nomor}:{n}".encode()).hexdigest()
        rows.append(
            (pid, instansi_id, kode, p.jenis, kategori, opd_id if rng.random() < 0.7 else None, p.opd_id, judul,
             f"{judul} di wilayah {opd.singkatan}. Mohon segera ditindaklanjuti.", "" if anonim else "Warga",
             "" if anonim else f"08{rng.randrange(10**9, 10**10)}", anonim, anonim, status, p.alasan, p.jawaban, t0,
             p.tanggal_diterima, p.diverifikasi_pada, p.didisposisikan_pada, p.direspons_pada, p.tanggal_respons,
             p.diselesaikan_pada, p.tanggal_selesai, p.ditutup_pada, p.hari_respons, p.respons_tepat_waktu,
             p.tenggat_verifikasi, p.tenggat_respons, p.tenggat_penyelesaian, p.tenggat_tutup, p.penilaian,
             p.terselesaikan, p.dinilai_pada, len(steps), steps[-1][1])
        )  # fmt: skip
        dari = ""
        for ke, pada, oleh in steps:
            riwayat.append((pid, pada, oleh, oleh is None and ke == S.DITERIMA, dari, ke, p.opd_id, ""))
            dari = ke
    return rows, riwayat


def bangun_survei(
    ukuran: Ukuran, rencana: RencanaInstansi, *, instansi_id: int, id_opd: int, id_layanan: int,
    sekarang: datetime.datetime,
) -> tuple[list[tuple], list[tuple]]:  # fmt: skip
    """Two services per OPD and `ukuran.survei` answers of this year spread over them, scores mostly 3."""
    rng = acak(ukuran, rencana.nomor, "survei")
    zona = ZoneInfo(rencana.zona_waktu)
    layanan = []
    for o in rencana.opd:
        for nama in ("Loket pelayanan", "Layanan informasi"):
            layanan.append((id_layanan + len(layanan), id_opd + o.nomor - 1, f"{nama} {o.singkatan}"))
    awal = datetime.datetime(ukuran.tahun, 1, 1, 8, tzinfo=zona)
    akhir = min(sekarang, datetime.datetime(ukuran.tahun, 12, 31, 16, tzinfo=zona))
    rentang = max(1, int((akhir - awal).total_seconds()))
    rows = []
    for _ in range(ukuran.survei if layanan else 0):
        lid, opd_id, _nama = rng.choice(layanan)
        diisi = (awal + datetime.timedelta(seconds=rng.randrange(rentang))).astimezone(zona)
        dasar = rng.choice((2, 3, 3, 3, 4))
        skor = [min(4, max(1, dasar + rng.choice((-1, 0, 0, 0, 1)))) for _ in range(9)]
        rows.append(
            (instansi_id, opd_id, lid, diisi, diisi.date(), diisi.year, (diisi.month - 1) // 3 + 1, *skor,
             rng.randint(17, 70), rng.choice("lp"), rng.choice(("sma", "s1", "smp", "d3", "sd", "s2")),
             rng.choice(("swasta", "wirausaha", "pns", "pelajar", "petani", "rumah_tangga", "lainnya")),
             "Tambah kursi di ruang tunggu." if rng.random() < 0.05 else "")
        )  # fmt: skip
    return layanan, rows
