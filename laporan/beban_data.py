"""Synthetic load (issue 9), part one: the size, the plan of each instansi, and its organisation and people.

Pure functions of the size and the seed: no database here. Each instansi draws from its own random stream, so one
instansi's rows do not depend on how many came before it, and the same seed gives the same rows.
"""

import datetime
import math
import random
from dataclasses import dataclass, field

ZONA = ("Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura")
DAERAH = (
    "Nusa Indah", "Lembah Hijau", "Teluk Permai", "Bukit Sari", "Sungai Jernih", "Tanjung Harapan", "Pulau Damai",
    "Gunung Mas", "Padang Luas", "Karang Asri", "Danau Biru", "Rimba Raya",
)  # fmt: skip
# (nama, singkatan, jenis); the first is the large education office, the rest repeat with Kecamatan names.
OPD = (
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Dukcapil", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", "dinas"),
    ("Dinas Sosial", "Dinsos", "dinas"),
    ("Badan Kepegawaian dan Pengembangan SDM", "BKPSDM", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("Inspektorat Daerah", "Inspektorat", "lainnya"),
    ("Sekretariat Daerah", "Setda", "sekretariat"),
    ("Sekretariat DPRD", "Setwan", "sekretariat"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP", "dinas"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "lainnya"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    ("Dinas Pertanian", "Distan", "dinas"),
    ("Dinas Kelautan dan Perikanan", "DKP", "dinas"),
    ("Dinas Koperasi dan UKM", "Diskop", "dinas"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "dinas"),
    ("Dinas Pariwisata", "Dispar", "dinas"),
    ("Dinas Pemuda dan Olahraga", "Dispora", "dinas"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "dinas"),
    ("Dinas Ketahanan Pangan", "DKPangan", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "dinas"),
    ("Dinas Pengendalian Penduduk dan KB", "DPPKB", "dinas"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispursip", "dinas"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "badan"),
    ("Rumah Sakit Umum Daerah", "RSUD", "lainnya"),
)
KECAMATAN = ("Utara", "Selatan", "Timur", "Barat", "Tengah", "Pesisir", "Kota Lama", "Baru", "Raya", "Indah")
NAMA_DEPAN = (
    "Agus", "Budi", "Citra", "Dewi", "Eko", "Fransiska", "Gede", "Hendrik", "Intan", "Joko", "Kristina", "Lodowyk",
    "Maria", "Nur", "Oktavianus", "Putu", "Rina", "Siti", "Theresia", "Umar", "Veronika", "Wayan", "Yohanes", "Yuliana",
    "Ahmad", "Bernadus", "Dian", "Ester", "Fitri", "Hasan", "Ketut", "Made", "Novi", "Petrus", "Ratna", "Selfina",
)  # fmt: skip
NAMA_BELAKANG = (
    "Bria", "Ndun", "Lado", "Seran", "Manafe", "Fanggidae", "Benu", "Nalle", "Tallo", "Bani", "Ratu", "Lay", "Tefa",
    "Santoso", "Wibowo", "Lestari", "Hidayat", "Saputra", "Kurniawan", "Rahmawati", "Siregar", "Nasution", "Pandie",
    "Loudoe", "Kase", "Ola", "Dethan", "Sinaga", "Wijaya", "Pratama", "Susanti", "Hutapea", "Sitompul", "Daeng",
)  # fmt: skip
GELAR = ("", "", "", "S.Pd", "S.E", "S.Sos", "S.Kom", "A.Md", "S.H", "M.Si", "S.KM", "S.T")
GOLONGAN_PNS = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
JABATAN_STAF = (
    ("Analis Kebijakan Ahli Pertama", "fungsional"),
    ("Pranata Komputer Ahli Pertama", "fungsional"),
    ("Pengadministrasi Umum", "pelaksana"),
    ("Pengelola Data", "pelaksana"),
    ("Analis Perencanaan", "pelaksana"),
    ("Bendahara", "pelaksana"),
    ("Penyusun Laporan Keuangan", "pelaksana"),
    ("Perencana Ahli Muda", "fungsional"),
)


@dataclass(frozen=True)
class Ukuran:
    """How much to generate. The defaults are the full size of issue 9 (about 600,000 indicators)."""

    instansi: int = 6
    opd: int = 40  # per instansi
    pegawai: int = 9_880  # per instansi
    indikator_per_pegawai: int = 10
    iku_per_opd: int = 30
    pegawai_opd_besar: int = 1_250  # the first instansi's Dinas Pendidikan: every teacher has IKI
    iku_opd_besar: int = 500  # one OPD of the first instansi with this many IKU
    indikator_opd_kecil: int = 300  # one OPD of the first instansi with exactly this many indicators
    asn_login: int = 50  # per instansi
    tim_per_opd: int = 1
    pengaduan: int = 1_000  # per instansi
    survei: int = 3_000  # per instansi
    tahun: int = 2026
    seed: int = 2026


@dataclass
class RencanaOpd:
    nomor: int  # 1-based within its instansi
    kode: str
    nama: str
    singkatan: str
    jenis: str
    pegawai: int
    iku: int
    unit: int
    peran: str = ""  # "besar", "kecil", "iku_besar" or ""
    iki_pegawai_terakhir: int | None = None  # fewer IKI for its last pegawai, so the OPD's total is exact


@dataclass
class RencanaInstansi:
    nomor: int  # 1-based
    kode: str
    nama: str
    zona_waktu: str
    opd: list[RencanaOpd] = field(default_factory=list)

    @property
    def jumlah_pegawai(self) -> int:
        return sum(o.pegawai for o in self.opd)


def acak(ukuran: Ukuran, nomor: int, bagian: str) -> random.Random:
    """An independent random stream per instansi and part, from the seed alone."""
    return random.Random(f"{ukuran.seed}:{nomor}:{bagian}")


def _jumlah_unit(pegawai: int) -> int:
    return max(2, min(60, pegawai // 25))


def rencana_instansi(ukuran: Ukuran, nomor: int) -> RencanaInstansi:
    """Which OPDs the instansi has and how many staff and IKU each gets. The special OPDs of the benchmarks (one
    large education office, one with exactly `indikator_opd_kecil` indicators, one with `iku_opd_besar` IKU) live
    in the first instansi, and only as far as its number of OPDs and staff allow."""
    rng = acak(ukuran, nomor, "rencana")
    daerah = DAERAH[(nomor - 1) % len(DAERAH)]
    jenis = "Kota" if nomor % 2 else "Kabupaten"
    rencana = RencanaInstansi(
        nomor=nomor,
        kode=f"beban-{nomor:02d}",
        nama=f"Pemerintah {jenis} {daerah}" + (f" {nomor}" if nomor > len(DAERAH) else ""),
        zona_waktu=ZONA[(nomor - 1) % len(ZONA)],
    )
    ipp = ukuran.indikator_per_pegawai
    sisa_pegawai = ukuran.pegawai
    peran = [""] * ukuran.opd
    if nomor == 1:
        khusus = (["besar"] if ukuran.pegawai_opd_besar > 0 else []) + ["kecil", "iku_besar"]
        for i, p in enumerate(khusus[: ukuran.opd]):
            peran[i] = p
    for i in range(ukuran.opd):
        if i < len(OPD):
            nama, singkatan, jenis_opd = OPD[i]
        else:
            kec = KECAMATAN[(i - len(OPD)) % len(KECAMATAN)]
            nama, singkatan, jenis_opd = f"Kecamatan {daerah} {kec}", f"Kec. {kec}", "kecamatan"
            if i - len(OPD) >= len(KECAMATAN):
                nama, singkatan = f"{nama} {i - len(OPD) - len(KECAMATAN) + 2}", f"{singkatan} {i}"
        iku = ukuran.iku_opd_besar if peran[i] == "iku_besar" else ukuran.iku_per_opd
        opd = RencanaOpd(i + 1, f"OPD{i + 1:03d}", nama, singkatan, jenis_opd, 0, iku, 0, peran[i])
        if peran[i] == "besar":
            opd.pegawai = min(ukuran.pegawai_opd_besar, sisa_pegawai)
        elif peran[i] == "kecil" and ipp:
            iki = max(0, ukuran.indikator_opd_kecil - iku)
            opd.pegawai = min(math.ceil(iki / ipp), sisa_pegawai)
            if opd.pegawai and iki % ipp and opd.pegawai * ipp > iki:
                opd.iki_pegawai_terakhir = iki - (opd.pegawai - 1) * ipp
            if opd.pegawai == 0:
                opd.iku = min(iku, ukuran.indikator_opd_kecil)
        sisa_pegawai -= opd.pegawai
        rencana.opd.append(opd)
    # The rest of the staff over the ordinary OPDs, by random weights (sizes differ, as they do).
    biasa = [o for o in rencana.opd if o.peran in ("", "iku_besar")]
    if biasa and sisa_pegawai > 0:
        bobot = [0.3 + rng.random() * 1.7 for _ in biasa]
        total = sum(bobot)
        bagian = [int(sisa_pegawai * b / total) for b in bobot]
        for k in range(sisa_pegawai - sum(bagian)):
            bagian[k % len(bagian)] += 1
        for o, n in zip(biasa, bagian, strict=True):
            o.pegawai = n
    for o in rencana.opd:
        o.unit = _jumlah_unit(o.pegawai)
    return rencana


def nama_orang(rng: random.Random) -> tuple[str, str]:
    return rng.choice(NAMA_DEPAN) + " " + rng.choice(NAMA_BELAKANG), rng.choice(GELAR)


def nip_acak(rng: random.Random, *, pns: bool, tahun_ini: int) -> str:
    """A NIP that opd.nip.parse_nip accepts: birth date, appointment YYYYMM (PNS) or year and code (PPPK), sex,
    serial."""
    lahir = datetime.date(1966, 1, 1) + datetime.timedelta(days=rng.randrange(34 * 365))
    if pns:
        tmt = min(lahir.year + rng.randint(21, 30), tahun_ini)
        tengah = f"{tmt:04d}{rng.randint(1, 12):02d}"
    else:
        tengah = f"{rng.randint(2019, min(2024, tahun_ini)):04d}{rng.randint(1, 12):02d}"
    return f"{lahir:%Y%m%d}{tengah}{rng.randint(1, 2)}{rng.randrange(1000):03d}"


@dataclass
class Orang:
    """One generated Pegawai, with what the indicators need to know of them."""

    id: int
    opd: RencanaOpd
    opd_id: int
    unit_id: int
    atasan_id: int | None
    iki: int
    kepala: bool = False
    kepala_unit: bool = False
    user_id: int | None = None


def unit_rows(rencana: RencanaInstansi, id_opd: int, id_unit: int) -> tuple[list[tuple], dict[int, list[int]]]:
    """UnitKerja rows (id, opd_id, induk_id, kode, nama) and the unit ids of each OPD number."""
    rows, per_opd = [], {}
    nomor_unit = id_unit
    for o in rencana.opd:
        ids = []
        for u in range(o.unit):
            if u == 0:
                nama = "Sekretariat"
            elif o.peran == "besar":
                nama = f"{'SD' if u % 3 else 'SMP'} Negeri {u}"
            elif o.jenis == "kecamatan":
                nama = f"Kelurahan {KECAMATAN[u % len(KECAMATAN)]} {u}"
            else:
                nama = f"Bidang {u}"
            rows.append((nomor_unit, id_opd + o.nomor - 1, None, f"U{u + 1:02d}", nama))
            ids.append(nomor_unit)
            nomor_unit += 1
        per_opd[o.nomor] = ids
    return rows, per_opd


def pegawai_rows(
    ukuran: Ukuran, rencana: RencanaInstansi, id_opd: int, id_pegawai: int, unit_per_opd: dict[int, list[int]],
    nip_terpakai: set[str],
) -> tuple[list[tuple], list[Orang]]:  # fmt: skip
    """Pegawai rows (id, nip, nama, gelar_belakang, status, golongan, jabatan, jenis_jabatan, opd_id, unit_id,
    atasan_id): a head per OPD, a head per unit reporting to them, staff reporting to their unit's head."""
    rng = acak(ukuran, rencana.nomor, "pegawai")
    rows, orang = [], []
    pid = id_pegawai
    ipp = ukuran.indikator_per_pegawai
    for o in rencana.opd:
        units = unit_per_opd[o.nomor]
        opd_id = id_opd + o.nomor - 1
        kepala_id = pid
        kepala_unit: list[int] = []
        for k in range(o.pegawai):
            pns = k < len(units) or rng.random() < 0.85
            while True:
                nip = nip_acak(rng, pns=pns, tahun_ini=ukuran.tahun)
                if nip not in nip_terpakai:
                    nip_terpakai.add(nip)
                    break
            nama, gelar = nama_orang(rng)
            if k == 0:
                unit_id, atasan, jabatan, jenis = units[0], None, f"Kepala {o.nama}", "struktural"
                golongan = "IV/c"
            elif k < len(units):
                unit_id, atasan, jenis, golongan = units[k], kepala_id, "struktural", rng.choice(("III/d", "IV/a"))
                jabatan = "Kepala Sekolah" if o.peran == "besar" else f"Kepala Bidang {k}"
                kepala_unit.append(pid)
            else:
                u = rng.randrange(len(units))
                unit_id = units[u]
                atasan = kepala_unit[u - 1] if 0 < u <= len(kepala_unit) else kepala_id
                if o.peran == "besar":
                    jabatan, jenis = "Guru Ahli Pertama", "fungsional"
                else:
                    jabatan, jenis = rng.choice(JABATAN_STAF)
                golongan = rng.choice(GOLONGAN_PNS) if pns else rng.choice(("V", "VII", "IX", "X"))
            rows.append(
                (pid, nip, nama, gelar, "pns" if pns else "pppk", golongan, jabatan, jenis, opd_id, unit_id, atasan)
            )
            iki = ipp
            if k == o.pegawai - 1 and o.iki_pegawai_terakhir is not None:
                iki = o.iki_pegawai_terakhir
            orang.append(Orang(pid, o, opd_id, unit_id, atasan, iki, kepala=k == 0, kepala_unit=0 < k < len(units)))
            pid += 1
    return rows, orang
