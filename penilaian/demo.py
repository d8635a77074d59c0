"""Demo evaluations, follow-up and work plans, on top of the organisations of ``opd.demo`` and the indicators of
``indikator.demo`` (``seed_demo`` calls ``seed()`` after them).

The story follows the source articles (docs/../seeds): "rewards for those who perform, training for those who fall
short; after training the KTP waiting time fell".

* **Last year, finished** (Dinas Dukcapil Kota Kupang): the staff's indicators with all four quarters verified, and an
  annual evaluation of seven of them that shows every predikat: the head of registration services is *Sangat Baik*
  (his reward is approved and its certificate issued), the KTP-el operator is *Butuh Perbaikan* (his recording time
  fell short: a training recommendation), one clerk is *Kurang/Misconduct*, one verifier *Sangat Kurang*, the rest
  *Baik* (one of them after the evaluator overrode the suggestion, with the reason kept). The Admin Instansi set the
  OPD's organisation predikat (Baik) against its score.
* **This year**: the operator and his superiors attend the "Manajemen Waktu dan Pelayanan Publik" training at the end
  of April; the training page shows their KTP figures before (TW I) and after it (TW II): waiting and recording times
  fell. TW I is evaluated (the operator acknowledged his), TW II is final for the operator (waiting for his
  acknowledgement) and a draft for his section head; the operator's TW III work plan is approved and his TW IV plan
  waits for the Tim Evaluasi.

Idempotent: every step looks for what it would create and does nothing when it is there, so running ``seed_demo``
again neither duplicates rows nor adds history entries. Writes go through the services (with the demo logins as
actors), so the demo obeys the same rules as the users.
"""

import datetime
import io
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from evaluasi.recalc import recalculate
from indikator.demo import DIVERIFIKASI, Ind, R, pegawai_demo, seed_opd
from indikator.models import Indikator
from indikator.services import hari_ini_instansi, periode_ensure_year
from opd.models import Instansi, Opd, Pegawai

from . import services, services_opd, services_pelatihan, services_rencana, services_tindak_lanjut
from .aturan import NILAI_BERAKHLAK
from .models import (
    Pelatihan,
    Penghargaan,
    Penilaian,
    PesertaPelatihan,
    PredikatOpd,
    RekomendasiPelatihan,
    RencanaKerja,
)
from .selectors import PeriodePenilaian, figur_penilaian

KUNCI = ("kota-kupang", "DUKCAPIL")
ADMIN, TIM, PIMPINAN, ASN = "admin.kupang", "tim.dukcapil", "pimpinan.dukcapil", "asn.dukcapil"
V = DIVERIFIKASI  # last year is closed: every quarter was verified long ago

K_BLANGKO = "Blangko KTP-el terbatas dari pusat pada awal tahun."
S_BLANGKO = "Koordinasi tambahan blangko dengan Ditjen Dukcapil; prioritas antrean bagi pemohon mendesak."
K_ALAT = "Alat perekaman sidik jari dan iris sering gagal membaca; antrean belum bernomor."
S_ALAT = "Kalibrasi alat, antrean bernomor, dan usulan pelatihan pelayanan publik bagi operator."
K_VERIF = "Berkas permohonan daring sering tidak lengkap; verifikasi menumpuk menjelang akhir bulan."
S_VERIF = "Daftar periksa kelengkapan berkas dan pembagian antrean verifikasi harian."
K_SERVER = "Dua hari layanan terhenti karena pemeliharaan server SIAK pusat."
S_SERVER = "Entri susulan pada hari Sabtu setelah server pulih."


def _r(tw: int, nilai: str, kendala: str = "", solusi: str = "") -> R:
    return R(tw, nilai, V, kendala, solusi)


# Last year's indicators of Dinas Dukcapil: every quarter verified. Under 100 % a quarter carries kendala and solusi.
TAHUN_LALU = [
    Ind(
        "IKU-DUKCAPIL-01",
        "Waktu penyelesaian layanan KTP-el",
        "hari",
        "minimize",
        "average",
        1,
        "6",
        bobot="2",
        unit="PDP",
        sumber_data="SIAK Terpusat dan buku register layanan KTP-el",
        realisasi=(
            _r(1, "7.5", K_BLANGKO, S_BLANGKO),
            _r(2, "6.8", K_ALAT, S_ALAT),
            _r(3, "5.6"),
            _r(4, "5"),
        ),
    ),
    Ind(
        "IKU-DUKCAPIL-02",
        "Persentase penduduk wajib KTP yang telah memiliki KTP-el",
        "%",
        "maximize",
        "last",
        2,
        "97",
        tw=("95.5", "96", "96.5", "97"),
        unit="PDP",
        sumber_data="Data Konsolidasi Bersih (DKB) SIAK Terpusat",
        realisasi=(_r(1, "95.82"), _r(2, "96.20"), _r(3, "96.61"), _r(4, "97.08")),
    ),
    Ind(
        "IKU-DUKCAPIL-03",
        "Jumlah akta kelahiran diterbitkan",
        "dokumen",
        "maximize",
        "sum",
        0,
        "5800",
        tw=("1350", "1450", "1450", "1550"),
        unit="CAPIL",
        sumber_data="SIAK Terpusat – modul pencatatan sipil",
        realisasi=(_r(1, "1380"), _r(2, "1500"), _r(3, "1470"), _r(4, "1560")),
    ),
    Ind(
        "IKI-01",
        "Persentase dokumen perencanaan dan laporan kinerja OPD disampaikan tepat waktu",
        "%",
        "maximize",
        "last",
        0,
        "100",
        pegawai="sek",
        realisasi=(_r(1, "100"), _r(2, "100"), _r(3, "100"), _r(4, "100")),
    ),
    Ind(
        "IKI-01",
        "Rata-rata waktu penyelesaian layanan pendaftaran penduduk",
        "hari",
        "minimize",
        "average",
        1,
        "6",
        bobot="2",
        pegawai="kabid",
        induk="IKU-DUKCAPIL-01",
        realisasi=(_r(1, "5.2"), _r(2, "5"), _r(3, "4.8"), _r(4, "4.6")),
    ),
    Ind(
        "IKI-02",
        "Persentase perekaman KTP-el penduduk wajib KTP",
        "%",
        "maximize",
        "last",
        2,
        "98",
        tw=("96", "96.5", "97.25", "98"),
        utama=False,
        pegawai="kabid",
        induk="IKU-DUKCAPIL-02",
        realisasi=(_r(1, "96.30"), _r(2, "96.70"), _r(3, "97.40"), _r(4, "98.20")),
    ),
    Ind(
        "IKI-01",
        "Waktu rata-rata pencetakan KTP-el sejak perekaman",
        "hari",
        "minimize",
        "average",
        1,
        "3.5",
        pegawai="kasi",
        induk=("kabid", "IKI-01"),
        realisasi=(_r(1, "3.4"), _r(2, "3.3"), _r(3, "3.2"), _r(4, "3.1")),
    ),
    Ind(
        "IKI-02",
        "Jumlah KTP-el diterbitkan",
        "dokumen",
        "maximize",
        "sum",
        0,
        "7000",
        tw=("1700", "1750", "1750", "1800"),
        pegawai="kasi",
        induk=("kabid", "IKI-02"),
        realisasi=(_r(1, "1720"), _r(2, "1760"), _r(3, "1790"), _r(4, "1830")),
    ),
    Ind(
        "IKI-01",
        "Jumlah KTP-el dicetak",
        "dokumen",
        "maximize",
        "sum",
        0,
        "4600",
        tw=("1100", "1150", "1150", "1200"),
        pegawai="operator",
        induk=("kasi", "IKI-02"),
        realisasi=(
            _r(1, "1080", K_BLANGKO, S_BLANGKO),
            _r(2, "1120", K_ALAT, S_ALAT),
            _r(3, "1130", K_ALAT, S_ALAT),
            _r(4, "1170", K_ALAT, S_ALAT),
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
        bobot="2",
        pegawai="operator",
        induk="IKU-DUKCAPIL-01",
        realisasi=(
            _r(1, "24", K_ALAT, S_ALAT),
            _r(2, "23", K_ALAT, S_ALAT),
            _r(3, "22.5", K_ALAT, S_ALAT),
            _r(4, "22", K_ALAT, S_ALAT),
        ),
    ),
    Ind(
        "IKI-01",
        "Persentase berkas KTP-el diverifikasi dalam satu hari kerja",
        "%",
        "maximize",
        "average",
        2,
        "95",
        pegawai="verifikator",
        realisasi=(
            _r(1, "80", K_VERIF, S_VERIF),
            _r(2, "78", K_VERIF, S_VERIF),
            _r(3, "82", K_VERIF, S_VERIF),
            _r(4, "80", K_VERIF, S_VERIF),
        ),
    ),
    Ind(
        "IKI-02",
        "Jumlah data kependudukan dimutakhirkan",
        "data",
        "maximize",
        "sum",
        0,
        "2000",
        tw=("500", "500", "500", "500"),
        pegawai="verifikator",
        realisasi=(
            _r(1, "430", K_VERIF, S_VERIF),
            _r(2, "420", K_SERVER, S_SERVER),
            _r(3, "440", K_VERIF, S_VERIF),
            _r(4, "410", K_SERVER, S_SERVER),
        ),
    ),
    Ind(
        "IKI-01",
        "Jumlah akta kelahiran diterbitkan tepat waktu",
        "dokumen",
        "maximize",
        "sum",
        0,
        "5600",
        tw=("1350", "1400", "1400", "1450"),
        pegawai="kabidcapil",
        induk="IKU-DUKCAPIL-03",
        realisasi=(_r(1, "1360"), _r(2, "1420"), _r(3, "1410"), _r(4, "1460")),
    ),
    Ind(
        "IKI-01",
        "Jumlah berkas akta kelahiran diverifikasi dan diinput ke SIAK",
        "berkas",
        "maximize",
        "sum",
        0,
        "5800",
        tw=("1400", "1450", "1450", "1500"),
        pegawai="capil",
        induk=("kabidcapil", "IKI-01"),
        realisasi=(_r(1, "1410"), _r(2, "1460"), _r(3, "1440", K_SERVER, S_SERVER), _r(4, "1510")),
    ),
]

# Last year's annual evaluation: staff key → (evaluator login, seven BerAKHLAK scores, override of the hasil-kerja
# suggestion with its reason or None, overall feedback, per-indicator feedback by IKI code).
TAHUNAN = {
    "kabid": (
        PIMPINAN,
        [3, 3, 3, 3, 3, 3, 3],
        None,
        "Layanan pendaftaran penduduk selesai rata-rata 4,9 hari, jauh di bawah target 6 hari. Pertahankan dan "
        "bagikan praktik baik antrean bernomor ke kecamatan.",
        {"IKI-01": "Capaian tertinggi di dinas; jadikan SOP antrean sebagai standar bidang."},
    ),
    "kasi": (
        TIM,
        [3, 2, 2, 3, 2, 2, 3],
        None,
        "Pencetakan KTP-el stabil di bawah target waktu. Dampingi operator baru agar waktu perekaman ikut turun.",
        {},
    ),
    "sek": (
        PIMPINAN,
        [2, 2, 2, 2, 2, 2, 2],
        (
            "di_atas",
            "Selain seluruh dokumen perencanaan tepat waktu, memimpin Tim Evaluasi OPD dan menyusun LKjIP tanpa "
            "koreksi inspektorat.",
        ),
        "Dokumen perencanaan dan pelaporan selalu tepat waktu. Tingkatkan kolaborasi dengan bidang teknis.",
        {},
    ),
    "kabidcapil": (
        PIMPINAN,
        [3, 3, 2, 3, 2, 3, 2],
        None,
        "Akta kelahiran tepat waktu melampaui target. Perilaku pelayanan menjadi teladan bidang.",
        {},
    ),
    "operator": (
        TIM,
        [2, 2, 2, 2, 2, 2, 2],
        None,
        "Jumlah cetak hampir mencapai target, tetapi waktu perekaman masih 22–24 menit per pemohon (target 15). "
        "Direkomendasikan mengikuti pelatihan manajemen waktu dan pelayanan publik.",
        {"IKI-02": "Waktu perekaman rata-rata 22,9 menit. Terapkan antrean bernomor dan periksa berkas sebelum rekam."},
    ),
    "capil": (
        TIM,
        [1, 1, 2, 1, 1, 2, 2],
        None,
        "Target entri tercapai, tetapi sering tidak hadir tanpa keterangan pada TW III dan teguran belum "
        "ditindaklanjuti. Perbaiki disiplin dan tanggung jawab.",
        {},
    ),
    "verifikator": (
        TIM,
        [1, 2, 1, 1, 2, 1, 1],
        None,
        "Verifikasi berkas jauh di bawah target dan sering tertunda. Ikuti bimtek verifikasi berkas dan SIAK.",
        {"IKI-01": "Rata-rata 80% berkas terverifikasi dalam sehari (target 95%)."},
    ),
}
DIAKUI_TAHUN_LALU = {"operator": ASN, "sek": TIM}

PELATIHAN_KTP = {
    "topik": "Pelatihan Manajemen Waktu dan Pelayanan Publik",
    "penyelenggara": "BKPSDM Kota Kupang bersama Kantor Regional BKN Kupang",
    "tempat": "Aula BKPSDM Kota Kupang",
    "deskripsi": (
        "Manajemen antrean, standar waktu layanan, dan pelayanan prima bagi petugas loket dan perekaman KTP-el. "
        "Menindaklanjuti rekomendasi pelatihan dari penilaian kinerja."
    ),
}
PELATIHAN_SIAK = {
    "topik": "Bimbingan Teknis Verifikasi Berkas Kependudukan dan SIAK Terpusat",
    "penyelenggara": "Ditjen Dukcapil Kemendagri",
    "tempat": "Hotel Aston Kupang",
    "deskripsi": "Verifikasi berkas daring, pemutakhiran data, dan penanganan kegagalan sinkronisasi SIAK.",
}


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _skor(nilai: list[int]) -> dict[str, int]:
    return dict(zip(NILAI_BERAKHLAK, nilai, strict=True))


def _perilaku(nilai: list[int]) -> str:
    from .aturan import saran_perilaku

    return saran_perilaku(nilai).value


def _nilai(
    *,
    actor,
    pegawai: Pegawai,
    tahun: int,
    periode: PeriodePenilaian,
    skor: list[int],
    umpan_balik: str,
    per_indikator: dict[str, str] | None = None,
    ganti: tuple[str, str] | None = None,
    finalkan: bool = True,
) -> Penilaian | None:
    """Evaluate once: nothing happens when the evaluation exists. The hasil-kerja rating confirms the suggestion
    unless ``ganti`` overrides it (with its reason)."""
    if Penilaian.objects.filter(pegawai=pegawai, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan).exists():
        return None
    figur = figur_penilaian(pegawai=pegawai, tahun=tahun, triwulan=periode.triwulan)
    hasil, alasan = ganti or (figur.saran.rating.value if figur.saran.rating else "sesuai", "")
    if not figur.saran.rating and not alasan:
        alasan = "Belum ada capaian terverifikasi; dinilai dari laporan kerja."
    kode = {b.indikator.kode: b.indikator.pk for b in figur.baris}
    return services.penilaian_simpan(
        actor=actor,
        pegawai=pegawai,
        tahun=tahun,
        periode=periode,
        versi=0,
        finalkan=finalkan,
        data=services.DataPenilaian(
            hasil_kerja=hasil,
            alasan_hasil_kerja=alasan,
            perilaku_skor=_skor(skor),
            perilaku=_perilaku(skor),
            umpan_balik=umpan_balik,
            umpan_balik_indikator={kode[k]: teks for k, teks in (per_indikator or {}).items() if k in kode},
        ),
    )


def _pada(instansi: Instansi, tanggal: datetime.date, jam: int) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(jam), tzinfo=ZoneInfo(instansi.zona_waktu))


def _logo(instansi: Instansi) -> None:
    """A plain emblem for the demo certificate (the real logo is uploaded by the Admin Instansi)."""
    if instansi.logo:
        return
    from PIL import Image, ImageDraw

    gambar = Image.new("RGB", (240, 280), "white")
    gores = ImageDraw.Draw(gambar)
    gores.polygon([(20, 20), (220, 20), (220, 170), (120, 260), (20, 170)], fill="#0b4f6c", outline="#c9a227")
    gores.ellipse([70, 60, 170, 160], fill="#c9a227")
    gores.text((92, 180), "KUPANG", fill="white")
    buffer = io.BytesIO()
    gambar.save(buffer, format="PNG")
    instansi.logo.save("logo-demo.png", ContentFile(buffer.getvalue()), save=False)
    instansi.save(update_fields=["logo"])


def _tahun_lalu(opd: Opd, tahun: int) -> None:
    instansi = opd.instansi
    admin = _user(ADMIN)
    periode_ensure_year(instansi=instansi, tahun=tahun)
    seed_opd(KUNCI, TAHUN_LALU, tahun)
    recalculate(instansi_id=instansi.pk, tahun=tahun)

    tahunan = PeriodePenilaian(Penilaian.Jenis.TAHUNAN, 4)
    for kunci, (penilai, skor, ganti, umpan_balik, per_indikator) in TAHUNAN.items():
        pegawai = pegawai_demo(opd, KUNCI, kunci)
        baru = _nilai(
            actor=_user(penilai),
            pegawai=pegawai,
            tahun=tahun,
            periode=tahunan,
            skor=skor,
            umpan_balik=umpan_balik,
            per_indikator=per_indikator,
            ganti=ganti,
        )
        if baru is None:
            continue
        if kunci in DIAKUI_TAHUN_LALU:
            services.penilaian_akui(actor=_user(DIAKUI_TAHUN_LALU[kunci]), penilaian=baru)
        # A finished year: finalised in mid-January, acknowledged a few days later.
        Penilaian.objects.filter(pk=baru.pk).update(
            difinalkan_pada=_pada(instansi, datetime.date(tahun + 1, 1, 15), 10),
            diakui_pada=_pada(instansi, datetime.date(tahun + 1, 1, 20), 9) if kunci in DIAKUI_TAHUN_LALU else None,
        )

    if not PredikatOpd.objects.filter(opd=opd, tahun=tahun).exists():
        services_opd.predikat_opd_tetapkan(
            actor=admin,
            opd=opd,
            tahun=tahun,
            predikat="baik",
            catatan="Skor OPD 98,6%: sesuai saran. Waktu layanan KTP-el masih di atas target pada semester pertama.",
        )

    for penghargaan in Penghargaan.objects.filter(
        penilaian__pegawai__opd=opd, penilaian__tahun=tahun, status=Penghargaan.Status.DIREKOMENDASIKAN
    ):
        hasil = services_tindak_lanjut.penghargaan_putuskan(
            actor=admin,
            penghargaan=penghargaan,
            setuju=True,
            bentuk=Penghargaan.Bentuk.SERTIFIKAT_INSENTIF,
            catatan="Penghargaan kinerja tahunan; insentif sesuai Perwali tentang TPP.",
        )
        Penghargaan.objects.filter(pk=hasil.pk).update(
            diputuskan_pada=_pada(instansi, datetime.date(tahun + 1, 2, 3), 11)
        )
    for penghargaan in Penghargaan.objects.filter(
        penilaian__pegawai__opd=opd, status=Penghargaan.Status.DISETUJUI, berkas=""
    ):
        services_tindak_lanjut.sertifikat_buat(penghargaan_id=penghargaan.pk)


def _pelatihan(instansi: Instansi, data: dict, mulai: datetime.date, selesai: datetime.date, admin) -> Pelatihan:
    ada = Pelatihan.objects.filter(instansi=instansi, topik=data["topik"], tanggal_mulai=mulai).first()
    if ada is not None:
        return ada
    return services_pelatihan.pelatihan_simpan(
        actor=admin, instansi=instansi, data={**data, "tanggal_mulai": mulai, "tanggal_selesai": selesai}
    )


def _peserta(pelatihan: Pelatihan, pegawai: Pegawai, admin, *, indikator_kode: list[str] | None = None) -> None:
    """Register once (answering the ASN's open training recommendation if there is one) and record attendance."""
    if PesertaPelatihan.objects.filter(pelatihan=pelatihan, pegawai=pegawai).exists():
        return
    rekomendasi = (
        RekomendasiPelatihan.objects.filter(pegawai=pegawai, status=RekomendasiPelatihan.Status.DIREKOMENDASIKAN)
        .order_by("dibuat_pada", "pk")
        .first()
    )
    peserta = services_pelatihan.peserta_tambah(
        actor=admin, pelatihan=pelatihan, pegawai=pegawai, rekomendasi=rekomendasi
    )
    ids = list(peserta.indikator.values_list("pk", flat=True))
    if indikator_kode:
        ids += list(
            Indikator.objects.filter(
                pegawai=pegawai, tahun=pelatihan.tanggal_mulai.year, jenis=Indikator.Jenis.IKI, kode__in=indikator_kode
            ).values_list("pk", flat=True)
        )
    sudah = pelatihan.tanggal_selesai < hari_ini_instansi(pelatihan.instansi)
    services_pelatihan.peserta_ubah(
        actor=admin,
        peserta=peserta,
        kehadiran=PesertaPelatihan.Kehadiran.HADIR if sudah else PesertaPelatihan.Kehadiran.TERDAFTAR,
        indikator_ids=ids,
    )


def _tahun_ini(opd: Opd, tahun: int) -> None:
    instansi = opd.instansi
    admin, tim, pimpinan, asn = _user(ADMIN), _user(TIM), _user(PIMPINAN), _user(ASN)
    operator = pegawai_demo(opd, KUNCI, "operator")
    kasi = pegawai_demo(opd, KUNCI, "kasi")
    kabid = pegawai_demo(opd, KUNCI, "kabid")
    tw1 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 1)
    tw2 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 2)

    # TW I: the staff with indicators this year; the operator read and acknowledged his.
    tw1_staf = {
        "kabid": (
            pimpinan,
            [3, 3, 2, 3, 3, 2, 3],
            "Waktu layanan masih 7,2 hari karena blangko; kawal pelatihan April.",
        ),
        "kasi": (tim, [2, 2, 2, 3, 2, 2, 2], "Pencetakan KTP-el melampaui target jumlah; waktu cetak perlu turun."),
        "operator": (tim, [2, 2, 2, 2, 2, 2, 2], "Jumlah cetak hampir sesuai target; waktu perekaman 22 menit."),
        "kabidcapil": (pimpinan, [3, 2, 2, 3, 2, 3, 2], "Akta tepat waktu hampir sesuai target triwulan."),
        "capil": (tim, [2, 2, 2, 2, 2, 2, 2], "Kedisiplinan membaik dibanding tahun lalu; pertahankan."),
    }
    for kunci, (penilai, skor, umpan_balik) in tw1_staf.items():
        pegawai = pegawai_demo(opd, KUNCI, kunci)
        baru = _nilai(actor=penilai, pegawai=pegawai, tahun=tahun, periode=tw1, skor=skor, umpan_balik=umpan_balik)
        if baru is not None and kunci == "operator":
            services.penilaian_akui(actor=asn, penilaian=baru)

    # TW II: final for the operator (his acknowledgement is the demo's to click), a draft for his section head.
    _nilai(
        actor=tim,
        pegawai=operator,
        tahun=tahun,
        periode=tw2,
        skor=[3, 2, 2, 2, 3, 3, 2],
        umpan_balik="Setelah pelatihan, waktu perekaman turun dari 22 menjadi 17,5 menit. Lanjutkan antrean bernomor.",
        per_indikator={"IKI-02": "Turun 4,5 menit dalam satu triwulan; target 15 menit sudah dekat."},
    )
    _nilai(
        actor=tim,
        pegawai=kasi,
        tahun=tahun,
        periode=tw2,
        skor=[2, 2, 2, 2, 2, 2, 2],
        umpan_balik="Draf: menunggu verifikasi realisasi TW II.",
        finalkan=False,
    )

    # The training at the end of April and a later one; the KTP staff's figures before and after it.
    ktp = _pelatihan(instansi, PELATIHAN_KTP, datetime.date(tahun, 4, 22), datetime.date(tahun, 4, 24), admin)
    _peserta(ktp, operator, admin, indikator_kode=["IKI-02"])
    _peserta(ktp, kasi, admin, indikator_kode=["IKI-01"])
    _peserta(ktp, kabid, admin, indikator_kode=["IKI-01"])
    siak = _pelatihan(instansi, PELATIHAN_SIAK, datetime.date(tahun, 9, 15), datetime.date(tahun, 9, 17), admin)
    _peserta(siak, pegawai_demo(opd, KUNCI, "verifikator"), admin)

    # The operator's work plans: TW III approved, TW IV waiting for the Tim Evaluasi.
    rencana = {
        3: (
            {
                "IKI-01": ("Mencetak sesuai antrean prioritas; cek pita printer setiap Senin.", "Juli–September"),
                "IKI-02": ("Antrean bernomor dan pemeriksaan berkas sebelum perekaman; target 14 menit.", "Juli"),
            },
            True,
        ),
        4: (
            {
                "IKI-01": ("Lembur terjadwal dua kali sebulan untuk antrean cetak akhir tahun.", "Oktober–Desember"),
                "IKI-02": ("Perekaman jemput bola di kelurahan bersama petugas cadangan.", "November"),
            },
            False,
        ),
    }
    for triwulan, (aksi, setujui) in rencana.items():
        if RencanaKerja.objects.filter(pegawai=operator, tahun=tahun, triwulan=triwulan).exists():
            continue
        kode = dict(
            Indikator.objects.filter(pegawai=operator, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True).values_list(
                "kode", "pk"
            )
        )
        hasil = services_rencana.rencana_simpan(
            actor=asn,
            pegawai=operator,
            tahun=tahun,
            triwulan=triwulan,
            versi=0,
            aksi={kode[k]: v for k, v in aksi.items() if k in kode},
            ajukan=True,
        )
        if setujui:
            services_rencana.rencana_putuskan(actor=tim, rencana=hasil, versi=hasil.versi, setuju=True)


def seed() -> None:
    """Last year's finished evaluation and this year's follow-up for Dinas Dukcapil Kota Kupang."""
    opd = Opd.objects.select_related("instansi").filter(instansi__kode=KUNCI[0], kode=KUNCI[1]).first()
    if opd is None:
        return
    _logo(opd.instansi)
    tahun = hari_ini_instansi(opd.instansi).year
    _tahun_lalu(opd, tahun - 1)
    _tahun_ini(opd, tahun)
