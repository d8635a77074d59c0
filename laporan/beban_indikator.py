"""Synthetic load, part two: IKU and IKI with their quarterly targets, realisations in every state, evidence rows.

Pure functions (no database). Values are kept as whole units of the indicator's last decimal, so quarterly targets
add up exactly to the annual one (sum), equal it (average) or end on it (last), as the sample loader checks
(laporan/sampel/indikator.py).
"""

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from indikator.models import jendela_bawaan

from .beban_data import Orang, RencanaInstansi, Ukuran, acak

MAX, MIN, STAB = "maximize", "minimize", "stabilize"
# (nama, satuan, polaritas, agregasi, desimal, smallest and largest annual target in units of the last decimal)
TEMPLAT = (
    ("Persentase {o} yang diselesaikan tepat waktu", "%", MAX, "average", 2, 7000, 9900),
    ("Jumlah dokumen {o} yang diterbitkan", "dokumen", MAX, "sum", 0, 40, 4000),
    ("Rata-rata waktu penyelesaian {o}", "hari", MIN, "average", 1, 20, 150),
    ("Indeks kepuasan masyarakat atas {o}", "indeks", MAX, "average", 2, 7000, 9000),
    ("Cakupan {o} yang terdata", "%", MAX, "last", 2, 6000, 9900),
    ("Jumlah kegiatan pembinaan {o}", "kegiatan", MAX, "sum", 0, 4, 120),
    ("Jumlah temuan pemeriksaan atas {o}", "temuan", MIN, "sum", 0, 4, 12),
    ("Rasio {o} terhadap standar pelayanan minimal", "%", STAB, "average", 2, 9000, 10500),
    ("Persentase realisasi anggaran {o}", "%", STAB, "last", 2, 8500, 9500),
    ("Jumlah orang yang dilayani dalam {o}", "orang", MAX, "sum", 0, 50, 5000),
    ("Persentase keluhan atas {o}", "%", MIN, "average", 2, 100, 1500),
    ("Nilai evaluasi kinerja {o}", "nilai", MAX, "last", 2, 6000, 8500),
)
TEMPLAT_GURU = (
    ("Persentase siswa tuntas KKM {o}", "%", MAX, "average", 2, 7000, 9500),
    ("Jumlah perangkat pembelajaran {o} yang disusun", "dokumen", MAX, "sum", 0, 4, 40),
    ("Rata-rata nilai asesmen siswa {o}", "nilai", MAX, "average", 1, 650, 850),
    ("Persentase kehadiran siswa {o}", "%", MAX, "average", 2, 8500, 9800),
    ("Jumlah jam tatap muka {o} terlaksana", "jam", MAX, "sum", 0, 600, 1000),
    ("Jumlah siswa {o} yang mengikuti remedial", "siswa", MIN, "sum", 0, 5, 60),
)
OBJEK = (
    "pelayanan perizinan", "administrasi kependudukan", "pelayanan kesehatan dasar", "dokumen perencanaan",
    "pemeliharaan jalan", "bantuan sosial", "layanan kepegawaian", "pengelolaan aset", "pengawasan internal",
    "layanan persuratan", "pengelolaan data", "pembinaan UMKM", "pengelolaan sampah", "layanan informasi publik",
)  # fmt: skip
KELAS = ("kelas I", "kelas II", "kelas III", "kelas IV", "kelas V", "kelas VI", "kelas VII", "kelas VIII", "kelas IX")
# The first indicators of every instansi cover each combination the tests look for, whatever the seed.
PAKSA = (
    (MAX, "sum", False, ""), (MIN, "average", False, ""), (STAB, "last", True, ""), (MAX, "sum", False, "tw"),
    (MIN, "sum", False, "tahun"), (MAX, "average", True, ""), (STAB, "average", True, ""), (MAX, "last", False, ""),
)  # fmt: skip
D, A, V, K = "draf", "diajukan", "diverifikasi", "dikembalikan"
POLA_STATUS = ((V, A, K, D), (V, V, None, D), (A, K, V, None), (V, D, A, K), (K, V, D, A))
KENDALA = (
    "Data dari unit pelaksana terlambat masuk sehingga rekap triwulan belum lengkap.",
    "Anggaran kegiatan baru cair pada akhir triwulan; pelaksanaan bergeser.",
    "Petugas terbatas karena mutasi dan tugas belajar.",
    "Gangguan jaringan ke aplikasi pusat selama dua minggu.",
    "Cuaca buruk menghambat kegiatan lapangan di wilayah pesisir.",
)
SOLUSI = (
    "Jadwal pengiriman data dipercepat dan dipantau setiap minggu oleh sekretariat.",
    "Kegiatan dipadatkan pada triwulan berikutnya dengan penambahan tim pelaksana.",
    "Penugasan petugas cadangan dan pelatihan singkat bagi staf baru.",
    "Koordinasi dengan Diskominfo untuk jaringan cadangan; pencatatan manual sementara.",
)
ALASAN_KEMBALI = (
    "Bukti dukung belum sesuai dengan angka realisasi; mohon lampirkan rekap yang ditandatangani.",
    "Angka realisasi berbeda dengan laporan bulanan; mohon diperiksa kembali.",
    "Kendala dan solusi belum menjelaskan penyebab capaian di bawah target.",
)
BERKAS_BUKTI = "bukti/beban/contoh-bukti.pdf"  # one small shared file; rows point at it, nothing is copied per row


@dataclass(frozen=True)
class Waktu:
    """The generation's notion of now, and the year's entry windows with the quarter that is open."""

    sekarang: datetime.datetime
    jendela: dict[int, tuple[datetime.date, datetime.date]]
    tw_buka: int


def waktu_instansi(ukuran: Ukuran, zona: str, sekarang: datetime.datetime) -> Waktu:
    """Default windows; when none is open today, the latest closed quarter is extended by 30 days (or TW I opened
    now, early in the year), as the demo does, so the evaluators of the load test have a quarter to fill."""
    hari_ini = sekarang.astimezone(ZoneInfo(zona)).date()
    jendela = {q: jendela_bawaan(ukuran.tahun, q) for q in range(1, 5)}
    terbuka = [q for q, (b, t) in jendela.items() if b <= hari_ini <= t]
    if terbuka:
        tw = terbuka[-1]
    else:
        tutup = [q for q, (_b, t) in jendela.items() if t < hari_ini]
        if tutup:
            tw = tutup[-1]
            jendela[tw] = (jendela[tw][0], hari_ini + datetime.timedelta(days=30))
        else:
            tw = 1
            jendela[1] = (hari_ini, max(jendela[1][1], hari_ini))
    return Waktu(sekarang, jendela, tw)


def _fmt(units: int, d: int) -> str:
    if d == 0:
        return str(units)
    s = f"{units:0{d + 1}d}"
    return f"{s[:-d]}.{s[-d:]}"


def _bagi(total: int, n: int, rng: random.Random) -> list[int]:
    bobot = [0.8 + 0.4 * rng.random() for _ in range(n)]
    s = sum(bobot)
    parts = [int(total * b / s) for b in bobot]
    parts[-1] += total - sum(parts)
    return parts


def _target_tw(agg: str, lo: int, hi: int | None, nol_tw: bool, pol: str, rng) -> list[tuple[int, int | None]]:
    if agg == "sum":
        if nol_tw:
            bawah = [0, *_bagi(lo, 3, rng)]
            atas = [0, *_bagi(hi - lo, 3, rng)] if hi is not None else None
        else:
            bawah = _bagi(lo, 4, rng)
            atas = _bagi(hi - lo, 4, rng) if hi is not None else None
        return [(b, b + atas[i] if atas else None) for i, b in enumerate(bawah)]
    if agg == "average":
        return [(lo, hi)] * 4
    langkah = (0.7, 0.8, 0.9, 1.0) if pol != MIN else (1.3, 1.2, 1.1, 1.0)
    return [(round(lo * f), round(hi * f) if hi is not None else None) for f in langkah]


def _di_bawah(pol: str, r: int, lo: int, hi: int | None) -> bool:
    """Whether a value misses its target (achievement under 100 %): the rows that need kendala and solusi."""
    atas = lo if hi is None else hi
    if pol == MAX:
        return r < lo
    if pol == MIN:
        return r > atas
    return not lo <= r <= atas


@dataclass
class HasilIndikator:
    indikator: list[tuple]
    target: list[tuple]
    realisasi: list[tuple]  # without id: the caller numbers them
    bukti: list[tuple]  # realisasi as its index in `realisasi`


def _momen(waktu: Waktu, zona: ZoneInfo, q: int, rng: random.Random) -> list[datetime.datetime]:
    """A sorted handful of moments inside the quarter's window, all in the past."""
    dibuka, ditutup = waktu.jendela[q]
    batas = waktu.sekarang - datetime.timedelta(hours=1)
    hari = max(1, (ditutup - dibuka).days + 1)
    daftar = []
    for _ in range(40):
        tanggal = dibuka + datetime.timedelta(days=rng.randrange(hari))
        m = datetime.datetime.combine(tanggal, datetime.time(rng.randint(7, 16), rng.randrange(60)), tzinfo=zona)
        daftar.append(min(m, batas))
    return sorted(daftar)


def bangun_indikator(
    ukuran: Ukuran, rencana: RencanaInstansi, orang: list[Orang], *, instansi_id: int, id_opd: int,
    id_indikator: int, unit_per_opd: dict[int, list[int]], pengisi: dict[int, int], pengembali: dict[int, int],
    waktu: Waktu,
) -> HasilIndikator:  # fmt: skip
    """IKU of every OPD, then the IKI of each of its staff; targets for the four quarters; realisations up to the
    open quarter (quarters after it stay empty). `pengisi`/`pengembali`: user id per OPD number (the team that
    enters and verifies, the head who returns)."""
    rng = acak(ukuran, rencana.nomor, "indikator")
    zona = ZoneInfo(rencana.zona_waktu)
    momen = {q: _momen(waktu, zona, q, rng) for q in range(1, 5)}
    bukti_teks = {
        q: f"Rekap TW {q} {ukuran.tahun} ditandatangani kepala unit; dokumen asli di arsip OPD." for q in range(1, 5)
    }
    hasil = HasilIndikator([], [], [], [])
    iid = id_indikator
    paksa = 0
    iki_pertama: dict[int, int] = {}
    per_opd: dict[int, list[Orang]] = {}
    for p in orang:
        per_opd.setdefault(p.opd.nomor, []).append(p)

    def satu(o, jenis, kode, pegawai: Orang | None, unit_id, induk_id):
        nonlocal iid, paksa
        guru = pegawai is not None and o.peran == "besar"
        t = rng.choice(TEMPLAT_GURU if guru else TEMPLAT)
        nama = t[0].format(o=rng.choice(KELAS) if guru else OBJEK[(o.nomor + rng.randrange(3)) % len(OBJEK)])
        satuan, pol, agg, d, t_min, t_max = t[1:]
        rentang = rng.random() < (0.6 if pol == STAB else 0.06)
        nol = ""
        u = rng.random()
        if agg == "sum" and u < 0.02:
            nol = "tw"
        elif u > 0.99:
            pol, nol = MIN, "tahun"
        elif u > 0.85:
            pol = rng.choice((MAX, MAX, MAX, MIN, MIN, STAB))
        if paksa < len(PAKSA):
            pol, agg, rentang, nol = PAKSA[paksa]
        lo = 0 if nol == "tahun" else rng.randint(t_min, t_max)
        hi = round(lo * (1.05 + 0.1 * rng.random())) + 1 if rentang and lo else None
        tw = _target_tw(agg, lo, hi, nol == "tw", pol, rng)
        bobot = "1" if u < 0.8 else ("2" if u < 0.95 else "0.5")
        baseline = _fmt(round(lo * (0.8 + 0.3 * rng.random())), d) if rng.random() < 0.5 else None
        hasil.indikator.append(
            (iid, instansi_id, id_opd + o.nomor - 1, pegawai.id if pegawai else None, unit_id, jenis, ukuran.tahun,
             kode, nama, satuan, f"Laporan {o.singkatan}", pol, agg, d, bobot, baseline, induk_id, _fmt(lo, d),
             _fmt(hi, d) if hi is not None else None)
        )  # fmt: skip
        for q, (b, a) in enumerate(tw, start=1):
            hasil.target.append((iid, q, _fmt(b, d), _fmt(a, d) if a is not None else None))
            _realisasi(o, iid, q, pol, b, a, d, kode, paksa if paksa < len(POLA_STATUS) else None)
        paksa += 1
        iid += 1
        return iid - 1

    def _realisasi(o, ind_id, q, pol, lo, hi, d, kode, pola):
        if pola is not None:
            status = POLA_STATUS[pola][q - 1]
        elif q > waktu.tw_buka:
            return
        else:
            u = rng.random()
            if q == waktu.tw_buka:
                status = None if u < 0.55 else D if u < 0.8 else A if u < 0.92 else V if u < 0.97 else K
            elif q == waktu.tw_buka - 1:
                status = V if u < 0.7 else A if u < 0.82 else K if u < 0.87 else D if u < 0.92 else None
            else:
                status = V if u < 0.9 else A if u < 0.93 else K if u < 0.95 else D if u < 0.97 else None
        if status is None:
            return
        f = min(1.6, max(0.3, rng.gauss(1.0, 0.12)))
        r = round(lo * f) if lo else rng.choice((0, 0, 1, 2)) * 10**d
        nilai = None if status == D and rng.random() < 0.02 else _fmt(r, d)
        kurang = lo > 0 and _di_bawah(pol, r, lo, hi)
        kendala = solusi = ""
        if kurang and (status != D or rng.random() < 0.5):
            kendala, solusi = rng.choice(KENDALA), rng.choice(SOLUSI)
        teks = bukti_teks[q] if status != D or rng.random() < 0.3 else ""
        tautan = ""
        if status != D and kode.startswith("IKU") and rng.random() < 0.5:
            tautan = f"https://arsip.beban.kinerja.id/{rencana.kode}/{o.kode.lower()}/{ukuran.tahun}/{kode.lower()}-tw{q}.pdf"
        m = momen[q]
        i = rng.randrange(len(m) - 1)
        j = i + 1 + rng.randrange(len(m) - i - 1)
        tim, kepala = pengisi[o.nomor], pengembali[o.nomor]
        diajukan = m[i] if status != D else None
        diverifikasi = m[j] if status == V else None
        diubah = m[j] if status in (V, K) else m[i]
        oleh = kepala if status == K else tim
        versi = {D: 1, A: 2, V: 3, K: 3}[status]
        hasil.realisasi.append(
            (ind_id, q, nilai, status, kendala, solusi, tautan, teks, rng.choice(ALASAN_KEMBALI) if status == K else "",
             versi, oleh, diubah, diajukan, tim if status == V else None, diverifikasi)
        )  # fmt: skip
        if status != D and rng.random() < 0.2:
            hasil.bukti.append(
                (len(hasil.realisasi) - 1, BERKAS_BUKTI, f"{kode.lower()}-tw{q}.pdf", "application/pdf", 2048, tim,
                 diajukan)
            )  # fmt: skip

    for o in rencana.opd:
        units = unit_per_opd[o.nomor]
        iku_ids = [
            satu(o, "iku", f"IKU-{o.kode}-{k + 1:03d}", None, rng.choice(units) if rng.random() < 0.7 else None, None)
            for k in range(o.iku)
        ]
        for p in per_opd.get(o.nomor, []):
            for k in range(p.iki):
                induk = None
                if k == 0:
                    if p.kepala_unit and iku_ids:
                        induk = rng.choice(iku_ids)
                    elif p.atasan_id in iki_pertama:
                        induk = iki_pertama[p.atasan_id]
                ind_id = satu(o, "iki", f"IKI-{k + 1:02d}", p, p.unit_id, induk)
                if k == 0:
                    iki_pertama[p.id] = ind_id
    return hasil


KOLOM_INDIKATOR = (
    "id", "instansi_id", "opd_id", "pegawai_id", "unit_id", "jenis", "tahun", "kode", "nama", "satuan", "sumber_data",
    "polaritas", "agregasi", "desimal", "bobot", "baseline", "induk_id", "target_bawah", "target_atas",
)  # fmt: skip
KOLOM_TARGET = ("indikator_id", "triwulan", "target_bawah", "target_atas")
KOLOM_REALISASI = (
    "id", "indikator_id", "triwulan", "nilai", "status", "kendala", "solusi", "bukti_tautan", "bukti_teks",
    "alasan_pengembalian", "versi", "diubah_oleh_id", "diubah_pada", "diajukan_pada", "diverifikasi_oleh_id",
    "diverifikasi_pada",
)  # fmt: skip
KOLOM_BUKTI = ("realisasi_id", "berkas", "nama_asli", "jenis_konten", "ukuran", "diunggah_oleh_id", "diunggah_pada")
