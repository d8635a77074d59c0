"""Demo periods, IKU/IKI and quarterly realisations for the organisations of ``opd.demo``.

The story follows the source articles (docs/../seeds): in Kota Kupang the Dinas Dukcapil brings KTP-el service time
down from 7 to 4,5 days after its staff were trained; Dinas Kesehatan counts the patients its puskesmas serve;
DPMPTSP processes permits on time; Kecamatan Maulafa shortens its counter service; Kota Surabaya watches the waiting
time of outpatients. Everything is for the *current* year of each instansi, so the demo stays true in later years.

Idempotent: every row is looked up by its natural key and saved only when something differs, so running
``seed_demo`` again neither duplicates rows nor adds history entries. Realisations are written directly (not through
``evaluasi.services``, which only accepts entries while a period is open) with the state, actor and timestamps each
would have had; their single history row carries the actor and the time of their last step.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import models

from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate
from indikator.capaian import Polaritas, StatusCapaian, hitung_capaian
from opd.demo import STAFF
from opd.models import Instansi, Opd, Pegawai

from .models import ROMAWI, Indikator, Periode, TargetTriwulan, jendela_bawaan
from .services import hari_ini_instansi, periode_buka_ulang, periode_ensure_year, periode_ubah_jendela

ADMIN = {"kota-kupang": "admin.kupang", "kota-surabaya": "admin.surabaya"}
# The OPD's Tim Evaluasi login where the demo has one; elsewhere the Admin Instansi stands in (domain.md allows it).
TIM = {("kota-kupang", "DUKCAPIL"): "tim.dukcapil", ("kota-kupang", "DINKES"): "tim.dinkes"}
PIMPINAN = {("kota-kupang", "DUKCAPIL"): "pimpinan.dukcapil"}
HARI_PERPANJANGAN = 30

DRAF = Realisasi.Status.DRAF
DIAJUKAN = Realisasi.Status.DIAJUKAN
DIVERIFIKASI = Realisasi.Status.DIVERIFIKASI
DIKEMBALIKAN = Realisasi.Status.DIKEMBALIKAN

Target = str | tuple[str, str]  # a single value, or a range (L, U)


@dataclass(frozen=True)
class R:
    """One quarter's realisation as the demo tells it."""

    tw: int
    nilai: str
    status: str
    kendala: str = ""
    solusi: str = ""
    bukti: str = ""  # evidence text; a default one is written when empty
    alasan: str = ""  # alasan pengembalian (Dikembalikan only)


@dataclass(frozen=True)
class Ind:
    """An IKU (``pegawai`` None) or an IKI of the staff member with that key in ``opd.demo.STAFF``."""

    kode: str
    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    desimal: int
    target: Target
    tw: tuple[Target, Target, Target, Target] | None = None  # None: every quarter takes the annual target
    definisi: str = ""
    formula: str = ""
    sumber_data: str = ""
    bobot: str = "1"
    baseline: str | None = None
    utama: bool = True
    unit: str | None = None  # IKU only: the unit kerja code; an IKI takes its owner's unit
    pegawai: str | None = None
    # The indicator supported: an IKU code of the same OPD, or (superior's staff key, IKI code).
    induk: str | tuple[str, str] | None = None
    realisasi: tuple[R, ...] = ()


# -- the data --------------------------------------------------------------------------------------------------------

KENDALA_BLANGKO = "Blangko KTP-el terbatas dari pusat; pencetakan sempat terhenti sembilan hari pada bulan Februari."
SOLUSI_BLANGKO = (
    "Koordinasi dengan Ditjen Dukcapil untuk tambahan blangko; layanan jemput bola di kelurahan; pelatihan "
    "manajemen waktu dan pelayanan publik bagi petugas loket dijadwalkan bulan April."
)
KENDALA_SOP_BARU = "Petugas masih menyesuaikan diri dengan SOP antrean baru hasil pelatihan akhir April."
SOLUSI_SOP_BARU = "Pendampingan oleh Kepala Seksi Identitas Penduduk; pemeriksaan kelengkapan berkas sebelum perekaman."
KENDALA_DOKTER = "Dua puskesmas kekurangan dokter umum selama Mei–Juni karena tugas belajar; layanan sore dibatasi."
SOLUSI_DOKTER = (
    "Penempatan dokter internsip dan rotasi jadwal dokter antarpuskesmas; layanan dasar dialihkan sementara ke pustu "
    "dan posyandu."
)
KENDALA_PARAF = "Surat keterangan menunggu paraf berjenjang; camat dan sekcam sering rapat di luar kantor."
SOLUSI_PARAF = "Pelimpahan penandatanganan kepada sekretaris kecamatan dan penggunaan tanda tangan elektronik."
KENDALA_JARINGAN = "Jaringan internet ke server SIAK sering terputus; petugas perekaman di kecamatan hanya satu orang."
SOLUSI_JARINGAN = (
    "Pengajuan peningkatan bandwidth ke Dinas Kominfo; pelatihan petugas cadangan dari Seksi Pemerintahan."
)
KENDALA_APS = "Sebagian anak usia 13–15 tahun di kelurahan pinggiran putus sekolah untuk membantu ekonomi keluarga."
SOLUSI_APS = "Pendataan anak tidak sekolah bersama kelurahan, beasiswa daerah, dan gerakan kembali ke sekolah."

DUKCAPIL = [
    Ind(
        "IKU-DUKCAPIL-01",
        "Waktu penyelesaian layanan KTP-el",
        "hari",
        "minimize",
        "average",
        1,
        "5",
        definisi=(
            "Rata-rata jumlah hari kerja sejak berkas permohonan KTP-el dinyatakan lengkap sampai KTP-el siap "
            "diserahkan kepada pemohon, untuk seluruh permohonan yang selesai dalam triwulan."
        ),
        formula="Σ (tanggal KTP-el siap − tanggal berkas lengkap, dalam hari kerja) ÷ jumlah permohonan selesai",
        sumber_data="SIAK Terpusat dan buku register layanan KTP-el",
        bobot="2",
        baseline="7.5",
        unit="PDP",
        realisasi=(
            R(1, "7", DIVERIFIKASI, KENDALA_BLANGKO, SOLUSI_BLANGKO),
            R(
                2,
                "6",
                DIVERIFIKASI,
                "Pelatihan manajemen waktu baru diikuti petugas akhir April; satu alat perekaman rusak dua minggu.",
                "Penerapan SOP antrean baru hasil pelatihan; perbaikan alat perekaman; tambahan operator pada jam sibuk.",
            ),
            R(
                3,
                "4.5",
                DIAJUKAN,
                bukti="Rekap SIAK TW III: 2.104 permohonan KTP-el selesai, rata-rata 4,5 hari kerja setelah pelatihan.",
            ),
        ),
    ),
    Ind(
        "IKU-DUKCAPIL-02",
        "Persentase penduduk wajib KTP yang telah memiliki KTP-el",
        "%",
        "maximize",
        "last",
        2,
        "98",
        tw=("96", "96.5", "97.25", "98"),
        definisi=(
            "Perbandingan penduduk wajib KTP (berusia 17 tahun ke atas atau sudah/pernah kawin) yang telah memiliki "
            "KTP-el dengan seluruh penduduk wajib KTP Kota Kupang pada akhir triwulan."
        ),
        formula="Penduduk wajib KTP yang memiliki KTP-el ÷ seluruh penduduk wajib KTP × 100%",
        sumber_data="Data Konsolidasi Bersih (DKB) SIAK Terpusat Ditjen Dukcapil",
        baseline="95.4",
        unit="PDP",
        realisasi=(
            R(1, "96.12", DIVERIFIKASI),
            R(
                2,
                "96.48",
                DIVERIFIKASI,
                "Penduduk wajib KTP pemula bertambah setelah kelulusan SMA; sebagian belum datang merekam.",
                "Perekaman KTP-el pemula di SMA/SMK bersama Dinas Pendidikan Provinsi NTT.",
            ),
            R(
                3,
                "97.10",
                DRAF,
                "Sebagian penduduk merantau ke luar daerah sehingga belum dapat merekam.",
                "Pemberitahuan melalui kelurahan dan RT; layanan perekaman pada hari Sabtu.",
            ),
        ),
    ),
    Ind(
        "IKU-DUKCAPIL-03",
        "Jumlah akta kelahiran diterbitkan",
        "dokumen",
        "maximize",
        "sum",
        0,
        "6000",
        tw=("1400", "1500", "1500", "1600"),
        definisi=(
            "Jumlah kutipan akta kelahiran yang diterbitkan dan ditandatangani secara elektronik dalam triwulan, dari "
            "permohonan di loket maupun daring."
        ),
        formula="Σ akta kelahiran terbit dalam triwulan (kumulatif sepanjang tahun)",
        sumber_data="SIAK Terpusat – modul pencatatan sipil",
        baseline="5640",
        unit="CAPIL",
        realisasi=(
            R(
                1,
                "1320",
                DIVERIFIKASI,
                "Surat keterangan lahir dari fasilitas kesehatan swasta sering belum dilampirkan pemohon.",
                "Layanan akta kelahiran terpadu di rumah sakit dan puskesmas; sosialisasi persyaratan melalui kelurahan.",
            ),
            R(2, "1585", DIVERIFIKASI),
            R(
                3,
                "1502",
                DIKEMBALIKAN,
                bukti="Rekap manual loket pencatatan sipil Juli–September.",
                alasan=(
                    "Angka 1.502 belum cocok dengan rekap SIAK per 30 September (1.520 akta). Mohon dicek ulang dan "
                    "lampirkan rekap SIAK sebagai bukti dukung."
                ),
            ),
        ),
    ),
    Ind(
        "IKI-01",
        "Rata-rata waktu penyelesaian layanan pendaftaran penduduk",
        "hari",
        "minimize",
        "average",
        1,
        "5",
        definisi="Rata-rata hari kerja penyelesaian layanan KTP-el dan KK di Bidang Pelayanan Pendaftaran Penduduk.",
        formula="Σ lama penyelesaian layanan (hari kerja) ÷ jumlah layanan selesai",
        sumber_data="SIAK Terpusat dan buku register layanan",
        bobot="2",
        pegawai="kabid",
        induk="IKU-DUKCAPIL-01",
        realisasi=(
            R(1, "7.2", DIVERIFIKASI, KENDALA_BLANGKO, SOLUSI_BLANGKO),
            R(2, "6.1", DIVERIFIKASI, KENDALA_SOP_BARU, SOLUSI_SOP_BARU),
            R(3, "4.6", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Persentase perekaman KTP-el penduduk wajib KTP",
        "%",
        "maximize",
        "last",
        2,
        "98.5",
        tw=("96.5", "97", "97.75", "98.5"),
        definisi="Penduduk wajib KTP yang sudah merekam data biometrik KTP-el dibanding seluruh penduduk wajib KTP.",
        formula="Penduduk wajib KTP sudah merekam ÷ seluruh penduduk wajib KTP × 100%",
        sumber_data="Data Konsolidasi Bersih (DKB) SIAK Terpusat",
        utama=False,
        pegawai="kabid",
        induk="IKU-DUKCAPIL-02",
        realisasi=(R(1, "96.80", DIVERIFIKASI), R(2, "97.05", DIVERIFIKASI)),
    ),
    Ind(
        "IKI-01",
        "Waktu rata-rata pencetakan KTP-el sejak perekaman",
        "hari",
        "minimize",
        "average",
        1,
        "3",
        definisi="Rata-rata hari kerja sejak data biometrik direkam sampai KTP-el tercetak dan lolos kendali mutu.",
        formula="Σ (tanggal cetak − tanggal rekam, hari kerja) ÷ jumlah KTP-el dicetak",
        sumber_data="SIAK Terpusat – log perekaman dan pencetakan",
        pegawai="kasi",
        induk=("kabid", "IKI-01"),
        realisasi=(
            R(1, "4.2", DIVERIFIKASI, KENDALA_BLANGKO, SOLUSI_BLANGKO),
            R(2, "3.4", DIVERIFIKASI, KENDALA_SOP_BARU, SOLUSI_SOP_BARU),
            R(3, "2.8", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Jumlah KTP-el diterbitkan",
        "dokumen",
        "maximize",
        "sum",
        0,
        "7200",
        tw=("1700", "1800", "1800", "1900"),
        definisi="Jumlah KTP-el baru, perubahan data, dan penggantian yang diterbitkan Seksi Identitas Penduduk.",
        formula="Σ KTP-el terbit dalam triwulan (kumulatif sepanjang tahun)",
        sumber_data="SIAK Terpusat – log pencetakan",
        pegawai="kasi",
        induk=("kabid", "IKI-02"),
        realisasi=(
            R(1, "1912", DIVERIFIKASI),
            R(2, "1846", DIVERIFIKASI),
            R(
                3,
                "1795",
                DRAF,
                "Printer kartu menunggu penggantian pita (ribbon) selama tiga hari.",
                "Pengadaan pita cadangan dan jadwal perawatan printer mingguan.",
            ),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah KTP-el dicetak",
        "dokumen",
        "maximize",
        "sum",
        0,
        "4800",
        tw=("1100", "1200", "1200", "1300"),
        definisi="Jumlah KTP-el yang dicetak operator dan lolos kendali mutu dalam triwulan.",
        formula="Σ KTP-el dicetak oleh operator dalam triwulan (kumulatif sepanjang tahun)",
        sumber_data="SIAK Terpusat – log pencetakan per operator",
        pegawai="operator",
        induk=("kasi", "IKI-02"),
        realisasi=(
            R(1, "1045", DIVERIFIKASI, KENDALA_BLANGKO, "Mencetak sesuai antrean prioritas setelah blangko tiba."),
            R(2, "1236", DIVERIFIKASI),
            R(
                3,
                "1190",
                DRAF,
                "Printer kartu menunggu penggantian pita (ribbon) selama tiga hari.",
                "Lembur terjadwal untuk mengejar antrean cetak.",
            ),
        ),
    ),
    Ind(
        "IKI-02",
        "Waktu rata-rata perekaman KTP-el per pemohon",
        "menit",
        "minimize",
        "average",
        1,
        "15",
        definisi="Rata-rata menit sejak pemohon dipanggil ke meja perekaman sampai perekaman biometrik selesai.",
        formula="Σ lama perekaman (menit) ÷ jumlah pemohon direkam",
        sumber_data="Aplikasi antrean loket KTP-el",
        pegawai="operator",
        induk="IKU-DUKCAPIL-01",
        realisasi=(
            R(
                1,
                "22",
                DIVERIFIKASI,
                "Belum terbiasa dengan alat perekaman sidik jari dan iris yang baru; antrean belum memakai nomor urut.",
                "Mengikuti pelatihan pelayanan publik dan manajemen waktu; menerapkan antrean bernomor.",
            ),
            R(2, "17.5", DIVERIFIKASI, KENDALA_SOP_BARU, SOLUSI_SOP_BARU),
            R(3, "13.8", DIAJUKAN),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah akta kelahiran diterbitkan tepat waktu",
        "dokumen",
        "maximize",
        "sum",
        0,
        "5800",
        tw=("1350", "1450", "1450", "1550"),
        definisi="Akta kelahiran yang terbit paling lama 3 hari kerja sejak berkas lengkap.",
        formula="Σ akta kelahiran terbit ≤ 3 hari kerja dalam triwulan (kumulatif)",
        sumber_data="SIAK Terpusat – modul pencatatan sipil",
        pegawai="kabidcapil",
        induk="IKU-DUKCAPIL-03",
        realisasi=(
            R(
                1,
                "1298",
                DIVERIFIKASI,
                "Surat keterangan lahir dari fasilitas kesehatan swasta sering belum dilampirkan pemohon.",
                "Layanan akta kelahiran terpadu di rumah sakit dan puskesmas.",
            ),
            R(2, "1502", DIAJUKAN),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah berkas akta kelahiran diverifikasi dan diinput ke SIAK",
        "berkas",
        "maximize",
        "sum",
        0,
        "6000",
        tw=("1400", "1500", "1500", "1600"),
        definisi="Berkas permohonan akta kelahiran (loket dan daring) yang diverifikasi dan diinput ke SIAK.",
        formula="Σ berkas diverifikasi dan diinput dalam triwulan (kumulatif)",
        sumber_data="SIAK Terpusat – log entri per petugas",
        pegawai="capil",
        induk=("kabidcapil", "IKI-01"),
        realisasi=(
            R(
                1,
                "1356",
                DIVERIFIKASI,
                "Berkas permohonan daring sering tidak terbaca karena foto dokumen buram.",
                "Panduan unggah berkas di laman layanan dan konfirmasi melalui WhatsApp resmi Dukcapil.",
            ),
            R(2, "1571", DIVERIFIKASI),
            R(
                3,
                "1490",
                DRAF,
                "Dua hari layanan terhenti karena pemeliharaan server SIAK pusat.",
                "Entri susulan pada hari Sabtu setelah server pulih.",
            ),
        ),
    ),
]

DINKES_KUPANG = [
    Ind(
        "IKU-DINKES-01",
        "Jumlah pasien dilayani puskesmas",
        "orang",
        "maximize",
        "sum",
        0,
        "120000",
        tw=("28000", "30000", "30000", "32000"),
        definisi=(
            "Jumlah kunjungan pasien (baru dan lama) yang mendapat pelayanan rawat jalan, rawat inap, dan pelayanan "
            "kesehatan lainnya di 11 puskesmas Kota Kupang dalam triwulan."
        ),
        formula="Σ kunjungan pasien di seluruh puskesmas dalam triwulan (kumulatif sepanjang tahun)",
        sumber_data="Laporan bulanan e-Puskesmas dan LB1 puskesmas",
        bobot="2",
        baseline="112450",
        unit="YANKES",
        realisasi=(
            R(1, "29150", DIVERIFIKASI),
            R(2, "28740", DIVERIFIKASI, KENDALA_DOKTER, SOLUSI_DOKTER),
            R(3, "30410", DRAF),
        ),
    ),
    Ind(
        "IKU-DINKES-02",
        "Indeks kepuasan pasien",
        "indeks",
        "maximize",
        "average",
        2,
        "82",
        definisi=(
            "Nilai IKM konversi (skala 25–100) Survei Kepuasan Masyarakat terhadap layanan puskesmas menurut "
            "PermenPAN-RB 14/2017, rata-rata seluruh puskesmas. Diisi manual dari rekap survei puskesmas; dapat "
            "dialihkan ke sumber otomatis IKM bila survei diinput di aplikasi."
        ),
        formula="IKM = Σ NRR unsur × 1/9; IKM konversi = IKM × 25",
        sumber_data="Rekap Survei Kepuasan Masyarakat puskesmas",
        baseline="79.8",
        utama=False,
        unit="YANKES",
        realisasi=(
            R(
                1,
                "80.50",
                DIVERIFIKASI,
                "Keluhan waktu tunggu di loket pendaftaran dan kekosongan beberapa jenis obat.",
                "Pendaftaran daring dan penataan alur loket; koordinasi instalasi farmasi untuk stok penyangga obat.",
            ),
            R(2, "83.10", DIAJUKAN),
        ),
    ),
    Ind(
        "IKU-DINKES-03",
        "Persentase balita gizi buruk mendapat perawatan",
        "%",
        "maximize",
        "last",
        2,
        "100",
        definisi=(
            "Persentase balita gizi buruk (BB/TB < −3 SD atau edema) yang ditemukan dan mendapat perawatan sesuai "
            "tata laksana gizi buruk di puskesmas atau rumah sakit."
        ),
        formula="Balita gizi buruk yang dirawat ÷ balita gizi buruk yang ditemukan × 100%",
        sumber_data="e-PPGBM dan register tata laksana gizi buruk puskesmas",
        baseline="96",
        unit="YANKES",
        realisasi=(
            R(1, "100", DIVERIFIKASI),
            R(
                2,
                "94.44",
                DIVERIFIKASI,
                "Satu keluarga menolak rujukan ke Therapeutic Feeding Center karena jarak dan biaya pendamping.",
                "Kunjungan rumah oleh tenaga gizi dan bidan kelurahan; PMT pemulihan; bantuan transportasi rujukan.",
            ),
            R(3, "100", DRAF),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah kunjungan pasien rawat jalan puskesmas",
        "orang",
        "maximize",
        "sum",
        0,
        "96000",
        tw=("22500", "24000", "24000", "25500"),
        definisi="Kunjungan rawat jalan di seluruh puskesmas yang dibina Bidang Pelayanan Kesehatan.",
        formula="Σ kunjungan rawat jalan dalam triwulan (kumulatif)",
        sumber_data="e-Puskesmas",
        bobot="2",
        pegawai="kabid",
        induk="IKU-DINKES-01",
        realisasi=(
            R(1, "23140", DIVERIFIKASI),
            R(2, "22870", DIVERIFIKASI, KENDALA_DOKTER, SOLUSI_DOKTER),
            R(3, "24210", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Persentase puskesmas yang menerapkan tata laksana gizi buruk sesuai standar",
        "%",
        "maximize",
        "last",
        2,
        "100",
        tw=("81.82", "90.91", "100", "100"),
        definisi="Puskesmas (dari 11) yang memiliki tenaga gizi terlatih dan menerapkan tata laksana gizi buruk.",
        formula="Puskesmas sesuai standar ÷ 11 puskesmas × 100%",
        sumber_data="Hasil supervisi Bidang Pelayanan Kesehatan",
        pegawai="kabid",
        induk="IKU-DINKES-03",
        realisasi=(R(1, "81.82", DIVERIFIKASI), R(2, "90.91", DIVERIFIKASI)),
    ),
    Ind(
        "IKI-01",
        "Jumlah pasien dilayani Puskesmas Oebobo",
        "orang",
        "maximize",
        "sum",
        0,
        "14400",
        tw=("3400", "3600", "3600", "3800"),
        definisi="Kunjungan pasien (baru dan lama) di UPTD Puskesmas Oebobo dan jaringannya.",
        formula="Σ kunjungan pasien dalam triwulan (kumulatif)",
        sumber_data="e-Puskesmas Puskesmas Oebobo",
        pegawai="kapkm",
        induk=("kabid", "IKI-01"),
        realisasi=(
            R(1, "3520", DIVERIFIKASI),
            R(
                2,
                "3480",
                DIVERIFIKASI,
                "Dokter umum Puskesmas Oebobo tugas belajar sejak Mei; layanan sore ditiadakan.",
                "Dokter internsip ditempatkan mulai Juli dan layanan sore dibuka kembali.",
            ),
            R(3, "3710", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Indeks kepuasan pasien Puskesmas Oebobo",
        "indeks",
        "maximize",
        "average",
        2,
        "82",
        definisi="IKM konversi Survei Kepuasan Masyarakat di Puskesmas Oebobo.",
        formula="IKM = Σ NRR unsur × 1/9; IKM konversi = IKM × 25",
        sumber_data="Survei Kepuasan Masyarakat Puskesmas Oebobo",
        utama=False,
        pegawai="kapkm",
        induk="IKU-DINKES-02",
        realisasi=(
            R(
                1,
                "81.25",
                DIVERIFIKASI,
                "Keluhan ruang tunggu sempit dan panas.",
                "Penataan ruang tunggu dan penambahan kipas angin dari dana BLUD puskesmas.",
            ),
            R(2, "83.40", DIVERIFIKASI),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah pasien rawat jalan yang mendapat asuhan keperawatan",
        "orang",
        "maximize",
        "sum",
        0,
        "4800",
        tw=("1100", "1200", "1200", "1300"),
        definisi="Pasien poli umum Puskesmas Oebobo yang mendapat asuhan keperawatan terdokumentasi.",
        formula="Σ pasien dengan asuhan keperawatan terdokumentasi dalam triwulan (kumulatif)",
        sumber_data="Rekam medis elektronik e-Puskesmas",
        pegawai="perawat",
        induk=("kapkm", "IKI-01"),
        realisasi=(
            R(1, "1185", DIVERIFIKASI),
            R(
                2,
                "1160",
                DIAJUKAN,
                "Perawat poli umum merangkap tugas di ruang tindakan saat dokter berhalangan.",
                "Pembagian jadwal jaga poli dan ruang tindakan; pencatatan dibantu tenaga administrasi.",
            ),
        ),
    ),
    Ind(
        "IKI-01",
        "Persentase balita gizi buruk di wilayah kerja yang mendapat perawatan",
        "%",
        "maximize",
        "last",
        2,
        "100",
        definisi="Balita gizi buruk di wilayah kerja Puskesmas Oebobo yang mendapat perawatan sesuai tata laksana.",
        formula="Balita gizi buruk dirawat ÷ balita gizi buruk ditemukan × 100%",
        sumber_data="e-PPGBM dan register gizi buruk Puskesmas Oebobo",
        pegawai="bidan",
        induk="IKU-DINKES-03",
        realisasi=(R(1, "100", DIVERIFIKASI), R(2, "100", DIVERIFIKASI), R(3, "100", DRAF)),
    ),
]

DPMPTSP = [
    Ind(
        "IKU-DPMPTSP-01",
        "Persentase izin diproses tepat waktu",
        "%",
        "maximize",
        "average",
        2,
        "95",
        definisi=(
            "Persentase permohonan perizinan dan nonperizinan yang selesai dalam batas waktu standar pelayanan sejak "
            "berkas dinyatakan lengkap dan benar."
        ),
        formula="Izin selesai dalam batas waktu standar ÷ seluruh izin selesai dalam triwulan × 100%",
        sumber_data="OSS RBA dan aplikasi perizinan daerah",
        bobot="2",
        baseline="89.5",
        unit="PERIZINAN",
        realisasi=(
            R(
                1,
                "91.20",
                DIVERIFIKASI,
                "Integrasi OSS RBA dengan aplikasi daerah terganggu dua minggu pada Februari; rekomendasi teknis "
                "beberapa OPD terlambat.",
                "Pencatatan manual sementara lalu sinkronisasi ulang; batas waktu rekomendasi teknis 3 hari kerja "
                "melalui surat edaran Wali Kota.",
            ),
            R(2, "95.80", DIVERIFIKASI),
            R(3, "96.40", DIAJUKAN),
        ),
    ),
    Ind(
        "IKU-DPMPTSP-02",
        "Rata-rata waktu penerbitan izin usaha",
        "hari",
        "minimize",
        "average",
        1,
        ("3", "5"),
        definisi=(
            "Rata-rata hari kerja sejak permohonan izin usaha berisiko menengah-tinggi dinyatakan lengkap sampai "
            "izin terbit. Rentang 3–5 hari kerja sesuai standar pelayanan."
        ),
        formula="Σ (tanggal terbit − tanggal berkas lengkap, hari kerja) ÷ jumlah izin usaha terbit",
        sumber_data="OSS RBA dan aplikasi perizinan daerah",
        baseline="6.2",
        unit="PERIZINAN",
        realisasi=(
            R(
                1,
                "5.6",
                DIVERIFIKASI,
                "Verifikasi lapangan menunggu jadwal tim teknis OPD terkait.",
                "Jadwal verifikasi lapangan bersama setiap Selasa dan Kamis.",
            ),
            R(2, "4.2", DIVERIFIKASI),
            R(3, "3.8", DRAF),
        ),
    ),
    Ind(
        "IKI-01",
        "Persentase berkas izin diverifikasi dalam 1 hari kerja",
        "%",
        "maximize",
        "average",
        2,
        "95",
        definisi="Berkas permohonan izin yang diverifikasi kelengkapannya paling lama 1 hari kerja sejak diterima.",
        formula="Berkas diverifikasi ≤ 1 hari kerja ÷ seluruh berkas diterima × 100%",
        sumber_data="Aplikasi perizinan daerah – log verifikasi",
        pegawai="analis",
        induk="IKU-DPMPTSP-01",
        realisasi=(
            R(
                1,
                "93.50",
                DIVERIFIKASI,
                "Lonjakan permohonan izin usaha mikro setelah sosialisasi OSS.",
                "Verifikasi berkas dibagi per sektor antara dua analis.",
            ),
            R(2, "96.20", DIVERIFIKASI),
            R(3, "97", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Rata-rata waktu verifikasi teknis berkas izin usaha",
        "hari",
        "minimize",
        "average",
        1,
        ("1", "2"),
        definisi="Rata-rata hari kerja verifikasi teknis berkas izin usaha sebelum diteruskan ke tim teknis OPD.",
        formula="Σ lama verifikasi teknis (hari kerja) ÷ jumlah berkas",
        sumber_data="Aplikasi perizinan daerah – log verifikasi",
        utama=False,
        pegawai="analis",
        induk="IKU-DPMPTSP-02",
        realisasi=(
            R(
                1,
                "2.4",
                DIVERIFIKASI,
                "Berkas izin usaha sektor kesehatan membutuhkan konfirmasi ke Dinas Kesehatan.",
                "Daftar periksa persyaratan teknis per sektor disepakati dengan OPD teknis.",
            ),
            R(2, "1.8", DIVERIFIKASI),
        ),
    ),
]

DISDIK = [
    Ind(
        "IKU-DISDIK-01",
        "Tingkat kelulusan SD",
        "%",
        "maximize",
        "last",
        2,
        "99",
        definisi=(
            "Persentase peserta didik kelas VI SD/MI negeri dan swasta di Kota Kupang yang dinyatakan lulus pada akhir "
            "tahun ajaran. Kelulusan ditetapkan sekali setahun (Juni), sehingga realisasi pertama ada di TW II."
        ),
        formula="Peserta didik kelas VI yang lulus ÷ peserta didik kelas VI akhir tahun ajaran × 100%",
        sumber_data="Dapodik dan rekap kelulusan satuan pendidikan",
        baseline="98.6",
        unit="SD",
        realisasi=(
            R(
                2,
                "98.74",
                DIVERIFIKASI,
                "Dua belas peserta didik kelas VI tidak mengikuti ujian sekolah karena pindah domisili atau putus "
                "sekolah.",
                "Pendataan anak tidak sekolah bersama kelurahan dan program kejar paket A; pendampingan sekolah dengan "
                "kelulusan di bawah 97%.",
            ),
        ),
    ),
    Ind(
        "IKU-DISDIK-02",
        "Angka partisipasi murni SMP",
        "%",
        "maximize",
        "last",
        2,
        ("90", "95"),
        definisi=(
            "Perbandingan penduduk usia 13–15 tahun yang bersekolah di SMP/MTs/sederajat dengan seluruh penduduk usia "
            "13–15 tahun di Kota Kupang."
        ),
        formula="Siswa SMP/sederajat usia 13–15 tahun ÷ penduduk usia 13–15 tahun × 100%",
        sumber_data="Dapodik, EMIS Kemenag, dan data penduduk Dinas Dukcapil",
        baseline="88.9",
        unit="SMP",
        realisasi=(
            R(1, "88.60", DIVERIFIKASI, KENDALA_APS, SOLUSI_APS),
            R(2, "89.10", DIAJUKAN, KENDALA_APS, SOLUSI_APS),
            R(3, "91.20", DRAF),
        ),
    ),
    Ind(
        "IKI-01",
        "Persentase SD dengan tingkat kelulusan 100%",
        "%",
        "maximize",
        "last",
        2,
        "90",
        definisi="SD/MI yang seluruh peserta didik kelas VI-nya lulus, dibanding seluruh SD/MI di Kota Kupang.",
        formula="SD dengan kelulusan 100% ÷ seluruh SD × 100%",
        sumber_data="Rekap kelulusan satuan pendidikan",
        pegawai="kabid",
        induk="IKU-DISDIK-01",
        realisasi=(
            R(
                2,
                "88.24",
                DIVERIFIKASI,
                "Beberapa SD swasta kecil di pinggiran kota kehilangan peserta didik kelas VI yang pindah.",
                "Supervisi akademik terfokus dan pendampingan kepala sekolah.",
            ),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah SD binaan yang disupervisi",
        "sekolah",
        "maximize",
        "sum",
        0,
        "24",
        tw=("6", "6", "6", "6"),
        definisi="SD binaan yang mendapat supervisi akademik dan manajerial lengkap dengan laporan.",
        formula="Σ SD binaan disupervisi dalam triwulan (kumulatif)",
        sumber_data="Laporan supervisi pengawas sekolah",
        pegawai="pengawas",
        induk=("kabid", "IKI-01"),
        realisasi=(
            R(1, "6", DIVERIFIKASI),
            R(2, "7", DIVERIFIKASI),
            R(
                3,
                "5",
                DRAF,
                "Dua jadwal supervisi bertepatan dengan Asesmen Nasional.",
                "Supervisi susulan pada minggu pertama Oktober.",
            ),
        ),
    ),
]

MAULAFA = [
    Ind(
        "IKU-MAULAFA-01",
        "Persentase layanan administrasi kependudukan tingkat kecamatan selesai tepat waktu",
        "%",
        "maximize",
        "average",
        2,
        "90",
        definisi=(
            "Persentase permohonan layanan administrasi kependudukan di kecamatan (pengantar KK, pindah-datang, "
            "perekaman KTP-el) yang selesai dalam waktu sesuai standar pelayanan PATEN."
        ),
        formula="Layanan selesai sesuai standar waktu ÷ seluruh layanan selesai × 100%",
        sumber_data="Buku register PATEN Kecamatan Maulafa",
        baseline="84",
        unit="PELAYANAN",
        realisasi=(
            R(1, "86.50", DIVERIFIKASI, KENDALA_JARINGAN, SOLUSI_JARINGAN),
            R(2, "92.30", DIVERIFIKASI),
            R(3, "93", DRAF),
        ),
    ),
    Ind(
        "IKU-MAULAFA-02",
        "Waktu rata-rata pelayanan surat keterangan",
        "menit",
        "minimize",
        "average",
        0,
        "30",
        definisi=(
            "Rata-rata menit sejak pemohon mengambil nomor antrean sampai surat keterangan (domisili, usaha, tidak "
            "mampu) ditandatangani dan diserahkan."
        ),
        formula="Σ lama layanan (menit) ÷ jumlah surat keterangan diterbitkan",
        sumber_data="Aplikasi antrean dan buku register surat keterangan kecamatan",
        baseline="45",
        unit="PELAYANAN",
        realisasi=(
            R(1, "42", DIVERIFIKASI, KENDALA_PARAF, SOLUSI_PARAF),
            R(
                2,
                "33",
                DIVERIFIKASI,
                "Tanda tangan elektronik baru berlaku pertengahan Mei.",
                "Seluruh surat keterangan memakai tanda tangan elektronik mulai Juli.",
            ),
            R(3, "27", DRAF),
        ),
    ),
    Ind(
        "IKI-01",
        "Waktu rata-rata pelayanan surat keterangan di loket PATEN",
        "menit",
        "minimize",
        "average",
        0,
        "30",
        definisi="Rata-rata menit layanan surat keterangan di loket PATEN yang ditangani Seksi Pelayanan Umum.",
        formula="Σ lama layanan (menit) ÷ jumlah surat keterangan",
        sumber_data="Aplikasi antrean kecamatan",
        pegawai="kasipel",
        induk="IKU-MAULAFA-02",
        realisasi=(
            R(1, "40", DIVERIFIKASI, KENDALA_PARAF, SOLUSI_PARAF),
            R(
                2,
                "31",
                DIVERIFIKASI,
                "Antrean menumpuk pada Senin pagi.",
                "Loket tambahan pada Senin pagi oleh staf Seksi Pemerintahan.",
            ),
            R(3, "26", DRAF),
        ),
    ),
    Ind(
        "IKI-02",
        "Jumlah layanan administrasi kependudukan diselesaikan tepat waktu",
        "dokumen",
        "maximize",
        "sum",
        0,
        "1600",
        tw=("400", "400", "400", "400"),
        definisi="Layanan administrasi kependudukan di loket PATEN yang selesai sesuai standar waktu.",
        formula="Σ layanan selesai tepat waktu dalam triwulan (kumulatif)",
        sumber_data="Buku register PATEN",
        pegawai="kasipel",
        induk="IKU-MAULAFA-01",
        realisasi=(R(1, "372", DIVERIFIKASI, KENDALA_JARINGAN, SOLUSI_JARINGAN), R(2, "415", DIVERIFIKASI)),
    ),
    Ind(
        "IKI-01",
        "Jumlah berkas layanan administrasi kependudukan diproses tepat waktu",
        "berkas",
        "maximize",
        "sum",
        0,
        "1200",
        tw=("300", "300", "300", "300"),
        definisi="Berkas layanan yang diperiksa, dicatat, dan diteruskan ke Dinas Dukcapil sesuai standar waktu.",
        formula="Σ berkas diproses tepat waktu dalam triwulan (kumulatif)",
        sumber_data="Buku register PATEN",
        pegawai="staf",
        induk=("kasipel", "IKI-02"),
        realisasi=(
            R(1, "281", DIVERIFIKASI, KENDALA_JARINGAN, "Pencatatan berkas offline lalu diunggah saat jaringan pulih."),
            R(2, "318", DIAJUKAN),
            R(3, "305", DRAF),
        ),
    ),
]

DINKES_SURABAYA = [
    Ind(
        "IKU-DINKES-01",
        "Waktu tunggu pasien rawat jalan puskesmas",
        "menit",
        "minimize",
        "average",
        0,
        "60",
        definisi=(
            "Rata-rata menit sejak pasien mendaftar sampai diterima di ruang pemeriksaan poli rawat jalan, dari "
            "sampel pasien setiap bulan di seluruh puskesmas Kota Surabaya."
        ),
        formula="Σ waktu tunggu sampel pasien (menit) ÷ jumlah sampel pasien",
        sumber_data="Aplikasi antrean e-Health dan survei waktu tunggu puskesmas",
        bobot="2",
        baseline="78",
        unit="YANKES",
        realisasi=(
            R(
                1,
                "72",
                DIVERIFIKASI,
                "Lonjakan kunjungan ISPA pada musim hujan; pendaftaran daring belum dimanfaatkan pasien lansia.",
                "Loket pendaftaran tambahan pada jam sibuk; pendampingan pendaftaran daring oleh kader kesehatan.",
            ),
            R(
                2,
                "64",
                DIVERIFIKASI,
                "Sebagian puskesmas masih memanggil pasien secara manual.",
                "Sistem panggil antrean terintegrasi e-Health dipasang di seluruh puskesmas.",
            ),
            R(3, "58", DIAJUKAN),
        ),
    ),
    Ind(
        "IKU-DINKES-02",
        "Cakupan imunisasi dasar lengkap",
        "%",
        "maximize",
        "last",
        2,
        "95",
        tw=("23.75", "47.5", "71.25", "95"),
        definisi=(
            "Persentase bayi usia 0–11 bulan yang mendapat imunisasi dasar lengkap dibanding sasaran bayi tahun "
            "berjalan, kumulatif sejak Januari (target triwulan naik bertahap sampai 95% di akhir tahun)."
        ),
        formula="Bayi dengan imunisasi dasar lengkap (kumulatif) ÷ sasaran bayi tahun berjalan × 100%",
        sumber_data="ASIK (Aplikasi Sehat IndonesiaKu) dan laporan imunisasi puskesmas",
        baseline="93.1",
        unit="YANKES",
        realisasi=(
            R(
                1,
                "22.40",
                DIVERIFIKASI,
                "Sebagian orang tua menunda imunisasi karena anak sakit atau khawatir KIPI.",
                "Sweeping imunisasi dan edukasi oleh kader; jadwal imunisasi sore di puskesmas.",
            ),
            R(2, "48.10", DIVERIFIKASI),
            R(
                3,
                "70.20",
                DRAF,
                "Stok vaksin MR sempat kosong dua minggu di tingkat kota.",
                "Permintaan tambahan vaksin ke Dinkes Provinsi Jawa Timur dan penjadwalan ulang posyandu.",
            ),
        ),
    ),
    Ind(
        "IKI-01",
        "Cakupan imunisasi dasar lengkap di puskesmas binaan",
        "%",
        "maximize",
        "last",
        2,
        "95",
        tw=("23.75", "47.5", "71.25", "95"),
        definisi="Cakupan imunisasi dasar lengkap kumulatif di puskesmas binaan Bidang Pelayanan Kesehatan.",
        formula="Bayi dengan imunisasi dasar lengkap (kumulatif) ÷ sasaran bayi × 100%",
        sumber_data="ASIK",
        pegawai="kabid",
        induk="IKU-DINKES-02",
        realisasi=(
            R(
                1,
                "22.90",
                DIVERIFIKASI,
                "Sebagian orang tua menunda imunisasi karena anak sakit atau khawatir KIPI.",
                "Sweeping imunisasi dan edukasi oleh kader.",
            ),
            R(2, "47.80", DIVERIFIKASI),
        ),
    ),
    Ind(
        "IKI-01",
        "Waktu tunggu pasien rawat jalan Puskesmas Ketabang",
        "menit",
        "minimize",
        "average",
        0,
        "60",
        definisi="Rata-rata menit dari pendaftaran sampai pemeriksaan poli rawat jalan di UPTD Puskesmas Ketabang.",
        formula="Σ waktu tunggu sampel pasien (menit) ÷ jumlah sampel pasien",
        sumber_data="Aplikasi antrean e-Health Puskesmas Ketabang",
        pegawai="kapkm",
        induk="IKU-DINKES-01",
        realisasi=(
            R(
                1,
                "68",
                DIVERIFIKASI,
                "Satu dokter poli umum cuti melahirkan.",
                "Dokter pengganti dari puskesmas pembantu pada hari Senin–Rabu.",
            ),
            R(2, "59", DIVERIFIKASI),
            R(3, "55", DRAF),
        ),
    ),
    Ind(
        "IKI-01",
        "Waktu rata-rata triase pasien rawat jalan",
        "menit",
        "minimize",
        "average",
        0,
        "10",
        definisi="Rata-rata menit pemeriksaan awal (triase dan tanda vital) pasien rawat jalan.",
        formula="Σ lama triase (menit) ÷ jumlah pasien",
        sumber_data="Rekam medis elektronik e-Health",
        pegawai="perawat",
        induk=("kapkm", "IKI-01"),
        realisasi=(
            R(
                1,
                "12",
                DIVERIFIKASI,
                "Alat tensimeter digital di ruang triase hanya satu.",
                "Pengadaan dua tensimeter digital tambahan.",
            ),
            R(2, "9", DIVERIFIKASI),
        ),
    ),
]

INDIKATOR = {
    ("kota-kupang", "DUKCAPIL"): DUKCAPIL,
    ("kota-kupang", "DINKES"): DINKES_KUPANG,
    ("kota-kupang", "DPMPTSP"): DPMPTSP,
    ("kota-kupang", "DISDIK"): DISDIK,
    ("kota-kupang", "KEC-MAULAFA"): MAULAFA,
    ("kota-surabaya", "DINKES"): DINKES_SURABAYA,
}


# -- helpers ---------------------------------------------------------------------------------------------------------


def _rentang(target: Target) -> tuple[Decimal, Decimal | None]:
    if isinstance(target, tuple):
        return Decimal(target[0]), Decimal(target[1])
    return Decimal(target), None


def _target_triwulan(ind: Ind) -> dict[int, tuple[Decimal, Decimal | None]]:
    quarters = ind.tw or (ind.target,) * 4
    return {q: _rentang(t) for q, t in enumerate(quarters, start=1)}


def _periksa(ind: Ind) -> None:
    """The demo's own consistency: quarterly targets agree with the annual one, values fit the decimals, and every
    value that was submitted under 100 % carries kendala, solusi and evidence, as the workflow demands."""
    tahunan = _rentang(ind.target)
    tw = _target_triwulan(ind)
    bawah = [tw[q][0] for q in range(1, 5)]
    atas = [tw[q][1] if tw[q][1] is not None else tw[q][0] for q in range(1, 5)]
    if ind.agregasi == "sum":
        ok = sum(bawah) == tahunan[0] and (tahunan[1] is None or sum(atas) == tahunan[1])
    elif ind.agregasi == "average":
        ok = sum(bawah) / 4 == tahunan[0] and (tahunan[1] is None or sum(atas) / 4 == tahunan[1])
    else:
        ok = tw[4] == tahunan
    if not ok:
        raise ValueError(f"{ind.kode} {ind.nama}: target triwulan tidak konsisten dengan target tahunan")
    for r in ind.realisasi:
        nilai = Decimal(r.nilai)
        if nilai != round(nilai, ind.desimal):
            raise ValueError(f"{ind.kode} TW {r.tw}: {r.nilai} melebihi {ind.desimal} desimal")
        capaian = hitung_capaian(
            polaritas=Polaritas(ind.polaritas), realisasi=nilai, target_bawah=tw[r.tw][0], target_atas=tw[r.tw][1]
        )
        if (
            r.status != DRAF
            and capaian.status == StatusCapaian.OK
            and capaian.raw < 100
            and not (r.kendala and r.solusi)
        ):
            raise ValueError(f"{ind.kode} TW {r.tw}: capaian {capaian.raw}% tanpa kendala dan solusi")
        if r.status == DIKEMBALIKAN and not r.alasan:
            raise ValueError(f"{ind.kode} TW {r.tw}: dikembalikan tanpa alasan")


def _simpan(model: type[models.Model], kunci: dict, nilai: dict, *, user=None, pada=None) -> tuple[models.Model, bool]:
    """update_or_create on a natural key that saves only when a value differs, so a second run adds no history.

    Returns the row and whether it was written.
    """
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        obj = model(**kunci, **nilai)
    else:
        berubah = False
        for field, value in nilai.items():
            f = model._meta.get_field(field)
            sekarang = getattr(obj, f.attname)
            baru = value.pk if f.is_relation and value is not None else value
            if sekarang != baru:
                setattr(obj, field, value)
                berubah = True
        if not berubah:
            return obj, False
    obj.full_clean()
    obj._history_user = user
    if pada is not None:
        obj._history_date = pada
    obj.save()
    return obj, True


def _user(username: str):
    return get_user_model().objects.get(username=username)


def pegawai_demo(opd: Opd, key: tuple[str, str], staff_key: str) -> Pegawai:
    """The demo staff member with that key, found by OPD and name (NIPs are generated in opd.demo)."""
    nama = next(row[1] for row in STAFF[key] if row[0] == staff_key)
    return Pegawai.objects.get(opd=opd, nama=nama)


def _waktu(instansi: Instansi, tahun: int, triwulan: int, hari_sebelum_tutup: int, jam: int, menit: int = 0):
    """A moment in the quarter's default entry window (in the instansi's zone), never later than yesterday."""
    zona = ZoneInfo(instansi.zona_waktu)
    _dibuka, ditutup = jendela_bawaan(tahun, triwulan)
    hari = ditutup - datetime.timedelta(days=hari_sebelum_tutup)
    waktu = datetime.datetime.combine(hari, datetime.time(jam, menit), tzinfo=zona)
    batas = datetime.datetime.combine(
        hari_ini_instansi(instansi) - datetime.timedelta(days=1), datetime.time(16, 0), tzinfo=zona
    )
    return min(waktu, batas)


# -- periods ---------------------------------------------------------------------------------------------------------


def _pastikan_periode_terbuka(instansi: Instansi, tahun: int, admin) -> None:
    """Leave the year with one period open today: reopen the most recent closed quarter when none is open."""
    daftar = periode_ensure_year(instansi=instansi, tahun=tahun)
    hari_ini = hari_ini_instansi(instansi)
    if any(p.status_pada(hari_ini) == Periode.Status.TERBUKA for p in daftar):
        return
    ditutup = [p for p in daftar if p.status_pada(hari_ini) == Periode.Status.DITUTUP]
    if ditutup:
        periode = ditutup[-1]
        periode_buka_ulang(
            actor=admin,
            periode=periode,
            alasan=f"Perpanjangan pengisian untuk demo: data TW {ROMAWI[periode.triwulan]} belum lengkap",
            ditutup_baru=hari_ini + datetime.timedelta(days=HARI_PERPANJANGAN),
        )
        return
    # Early in the year nothing has closed yet: open TW I now instead of on 1 March.
    periode_ubah_jendela(actor=admin, periode=daftar[0], dibuka=hari_ini, ditutup=daftar[0].ditutup)


# -- indicators and realisations -------------------------------------------------------------------------------------


def seed_opd(key: tuple[str, str], daftar: list[Ind], tahun: int) -> None:
    inst_kode, opd_kode = key
    opd = Opd.objects.select_related("instansi").get(instansi__kode=inst_kode, kode=opd_kode)
    instansi = opd.instansi
    admin = _user(ADMIN[inst_kode])
    pengisi = _user(TIM[key]) if key in TIM else admin
    pengembali = _user(PIMPINAN[key]) if key in PIMPINAN else pengisi
    units = {u.kode: u for u in opd.unit_set.all()}
    iku: dict[str, Indikator] = {}
    iki: dict[tuple[str, str], Indikator] = {}

    for ind in daftar:
        _periksa(ind)
        pegawai = pegawai_demo(opd, key, ind.pegawai) if ind.pegawai else None
        if ind.induk is None:
            induk = None
        elif isinstance(ind.induk, str):
            induk = iku[ind.induk]
        else:
            induk = iki[ind.induk]
        bawah, atas = _rentang(ind.target)
        if pegawai:
            kunci = {"pegawai": pegawai, "tahun": tahun, "kode": ind.kode, "jenis": Indikator.Jenis.IKI}
        else:
            kunci = {"opd": opd, "tahun": tahun, "kode": ind.kode, "jenis": Indikator.Jenis.IKU}
        nilai = {
            "opd": opd,
            "instansi": instansi,
            "pegawai": pegawai,
            "unit": pegawai.unit if pegawai else units.get(ind.unit),
            "nama": ind.nama,
            "definisi": ind.definisi,
            "formula": ind.formula,
            "satuan": ind.satuan,
            "sumber_data": ind.sumber_data,
            "polaritas": ind.polaritas,
            "agregasi": ind.agregasi,
            "desimal": ind.desimal,
            "bobot": Decimal(ind.bobot),
            "baseline": Decimal(ind.baseline) if ind.baseline is not None else None,
            "utama": ind.utama,
            "sumber_realisasi": Indikator.SumberRealisasi.MANUAL,
            "induk": induk,
            "target_bawah": bawah,
            "target_atas": atas,
            "aktif": True,
        }
        nilai = {k: v for k, v in nilai.items() if k not in kunci}
        indikator, _ = _simpan(Indikator, kunci, nilai, user=admin)
        if pegawai:
            iki[(ind.pegawai, ind.kode)] = indikator
        else:
            iku[ind.kode] = indikator
        for q, (t_bawah, t_atas) in _target_triwulan(ind).items():
            _simpan(
                TargetTriwulan,
                {"indikator": indikator, "triwulan": q},
                {"target_bawah": t_bawah, "target_atas": t_atas},
                user=admin,
            )
        for r in ind.realisasi:
            _seed_realisasi(indikator, ind, r, tahun=tahun, pengisi=pengisi, pengembali=pengembali)


def _bukti(indikator: Indikator, ind: Ind, r: R, tahun: int) -> tuple[str, str]:
    teks = r.bukti or (
        f"Rekap TW {ROMAWI[r.tw]} {tahun} dari {ind.sumber_data or 'dokumen sumber'}; dokumen asli disimpan di arsip "
        f"{indikator.unit or indikator.opd.nama}."
    )
    tautan = ""
    if indikator.jenis == Indikator.Jenis.IKU:
        tautan = (
            f"https://arsip.demo.kinerja.id/{indikator.instansi.kode}/{indikator.opd.kode.lower()}/{tahun}/"
            f"{indikator.kode.lower()}-tw{r.tw}.pdf"
        )
    return tautan, teks


def _seed_realisasi(indikator: Indikator, ind: Ind, r: R, *, tahun: int, pengisi, pengembali) -> None:
    instansi = indikator.instansi
    diisi_pada = _waktu(instansi, tahun, r.tw, 8, 10)
    diajukan_pada = _waktu(instansi, tahun, r.tw, 5, 14) if r.status != DRAF else None
    diverifikasi_pada = _waktu(instansi, tahun, r.tw, 2, 9, 30) if r.status == DIVERIFIKASI else None
    if r.status == DIVERIFIKASI:
        oleh, pada = pengisi, diverifikasi_pada
    elif r.status == DIKEMBALIKAN:
        oleh, pada = pengembali, _waktu(instansi, tahun, r.tw, 3, 11)
    elif r.status == DIAJUKAN:
        oleh, pada = pengisi, diajukan_pada
    else:
        oleh, pada = pengisi, diisi_pada
    tautan, teks = _bukti(indikator, ind, r, tahun)
    realisasi, ditulis = _simpan(
        Realisasi,
        {"indikator": indikator, "triwulan": r.tw},
        {
            "nilai": Decimal(r.nilai),
            "status": r.status,
            "kendala": r.kendala,
            "solusi": r.solusi,
            "bukti_tautan": tautan,
            "bukti_teks": teks,
            "alasan_pengembalian": r.alasan,
            "versi": 1,
            "diubah_oleh": oleh,
            "diajukan_pada": diajukan_pada,
            "diverifikasi_oleh": pengisi if r.status == DIVERIFIKASI else None,
            "diverifikasi_pada": diverifikasi_pada,
        },
        user=oleh,
        pada=pada,
    )
    if ditulis:
        # auto_now stamps the seeding moment; the demo keeps the moment of the last step instead.
        Realisasi.objects.filter(pk=realisasi.pk).update(diubah_pada=pada)


def seed() -> None:
    """Periods, indicators, targets and realisations of the current year for the demo instansi, then the stored
    achievements and scores."""
    instansi_demo = {i.kode: i for i in Instansi.objects.filter(kode__in=ADMIN)}
    tahun_per_instansi = {}
    for kode, instansi in instansi_demo.items():
        tahun = hari_ini_instansi(instansi).year
        tahun_per_instansi[kode] = tahun
        _pastikan_periode_terbuka(instansi, tahun, _user(ADMIN[kode]))
    for key, daftar in INDIKATOR.items():
        seed_opd(key, daftar, tahun_per_instansi[key[0]])
    for kode, instansi in instansi_demo.items():
        recalculate(instansi_id=instansi.pk, tahun=tahun_per_instansi[kode])
