"""Generate the synthetic load of issue 9 into the database: one transaction per instansi, every table in bulk, then
the set-based recalculation and fresh planner statistics. Returns the manifest the benchmarks read.

Generated rows are recognisable: instansi codes start with ``beban-`` and usernames with ``beban.``, which is what
``ganti`` removes first.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from evaluasi.models import BuktiDukung, CapaianTriwulan, Realisasi, SkorInstansi, SkorOpd, SkorPegawai
from evaluasi.recalc import recalculate
from indikator.models import Indikator, Periode, TargetTriwulan
from opd.models import Instansi, Opd, Pegawai, Peran, PeranPengguna, UnitKerja
from pengaduan.models import Pengaduan, RiwayatPengaduan
from survei.models import Layanan, ResponSurvei

from . import beban_indikator as bi
from . import beban_publik as bp
from .beban_data import Orang, RencanaInstansi, Ukuran, pegawai_rows, rencana_instansi, unit_rows
from .beban_muat import AWALAN_KODE, analyze, cadangkan_id, hapus_data_beban, muat

PASSWORD_BAWAAN = "kinerja-beban-2026"  # noqa: S105 (documented password of the generated logins)
KOLOM_USER = ("id", "password", "username", "first_name", "last_name", "email", "is_staff", "is_active", "date_joined")
KOLOM_PERAN = ("user_id", "peran", "instansi_id", "opd_id")
KOLOM_PEGAWAI = (
    "id", "nip", "nama", "gelar_belakang", "status", "golongan", "jabatan", "jenis_jabatan", "opd_id", "unit_id",
    "atasan_id", "user_id",
)  # fmt: skip
PDF_KECIL = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DIANALISIS = (
    Instansi, Opd, UnitKerja, Pegawai, PeranPengguna, Periode, Indikator, TargetTriwulan, Realisasi, BuktiDukung,
    Pengaduan, RiwayatPengaduan, Layanan, ResponSurvei, CapaianTriwulan, SkorPegawai, SkorOpd, SkorInstansi,
)  # fmt: skip


DIHITUNG = (CapaianTriwulan, SkorPegawai, SkorOpd, SkorInstansi)


class DataBebanSudahAda(Exception):
    pass


@dataclass
class Catatan:
    """Counts per table and seconds per phase, as they accumulate."""

    jumlah: dict[str, int] = field(default_factory=dict)
    detik: dict[str, float] = field(default_factory=dict)

    def tambah(self, nama: str, n: int) -> None:
        self.jumlah[nama] = self.jumlah.get(nama, 0) + n

    def waktu(self, fase: str, mulai: float) -> None:
        self.detik[fase] = round(self.detik.get(fase, 0.0) + time.perf_counter() - mulai, 2)


def _muat(catatan: Catatan, model, kolom, rows) -> None:
    catatan.tambah(model._meta.label, muat(model, kolom, rows))


def _user(uid, hash_, username, depan, belakang, staff, sekarang):
    return (uid, hash_, username, depan, belakang, f"{username}@beban.kinerja.id", staff, True, sekarang)


def _pilih_asn(ukuran: Ukuran, orang: list[Orang]) -> list[Orang]:
    """The staff who get a login: spread over the OPDs; in the first instansi the first ordinary staff member of the
    OPD with exactly `indikator_opd_kecil` indicators comes first (the benchmark's ASN with 10 IKI)."""
    staf = [p for p in orang if not p.kepala and not p.kepala_unit and p.iki]
    if not staf or ukuran.asn_login <= 0:
        return []
    utama = [p for p in staf if p.opd.peran == "kecil" and p.iki == ukuran.indikator_per_pegawai][:1]
    langkah = max(1, len(staf) // ukuran.asn_login)
    lain = [p for p in staf[::langkah] if p not in utama]
    return (utama + lain)[: ukuran.asn_login]


def _instansi(ukuran: Ukuran, nomor: int, *, hash_: str, bkn_id: int, sekarang, nip: set, catatan: Catatan) -> dict:
    t = time.perf_counter()
    r: RencanaInstansi = rencana_instansi(ukuran, nomor)
    n_unit = sum(o.unit for o in r.opd)
    n_iku = sum(o.iku for o in r.opd)
    instansi_id = cadangkan_id(Instansi, 1)
    id_opd = cadangkan_id(Opd, len(r.opd))
    id_unit = cadangkan_id(UnitKerja, n_unit)
    id_pegawai = cadangkan_id(Pegawai, r.jumlah_pegawai)
    units, unit_per_opd = unit_rows(r, id_opd, id_unit)
    pegawai, orang = pegawai_rows(ukuran, r, id_opd, id_pegawai, unit_per_opd, nip)
    kepala = {p.opd.nomor: p.id for p in orang if p.kepala}
    asn = _pilih_asn(ukuran, orang)
    n_user = 2 + len(r.opd) * (ukuran.tim_per_opd + 1) + len(asn)
    uid = cadangkan_id(get_user_model(), n_user)
    pre = f"beban.{nomor:02d}"
    users = [
        _user(uid, hash_, f"{pre}.admin", "Admin", r.nama, True, sekarang),
        _user(uid + 1, hash_, f"{pre}.petugas", "Petugas", f"Pengaduan {r.nama}", False, sekarang),
    ]
    peran = [(bkn_id, Peran.ADMIN_BKN, instansi_id, None), (uid, Peran.ADMIN_INSTANSI, instansi_id, None)]
    peran.append((uid + 1, Peran.PETUGAS_PENGADUAN, instansi_id, None))
    tim_user, pimpinan_user, info_opd, user_pegawai = {}, {}, {}, {}
    for o in r.opd:
        opd_id = id_opd + o.nomor - 1
        nama_tim = []
        for k in range(ukuran.tim_per_opd):
            u = _user(
                uid + len(users),
                hash_,
                f"{pre}.opd{o.nomor:03d}.tim{k + 1}",
                "Tim Evaluasi",
                o.singkatan,
                False,
                sekarang,
            )
            users.append(u)
            peran.append((u[0], Peran.TIM_EVALUASI, instansi_id, opd_id))
            tim_user.setdefault(o.nomor, u[0])
            nama_tim.append(u[2])
        u = _user(uid + len(users), hash_, f"{pre}.opd{o.nomor:03d}.pimpinan", "Pimpinan", o.singkatan, False, sekarang)
        users.append(u)
        peran.append((u[0], Peran.PIMPINAN_OPD, instansi_id, opd_id))
        pimpinan_user[o.nomor] = u[0]
        if o.nomor in kepala:
            user_pegawai[kepala[o.nomor]] = u[0]
        info_opd[o.nomor] = {
            "id": opd_id, "instansi_id": instansi_id, "kode": o.kode, "nama": o.nama, "peran": o.peran,
            "tim": nama_tim[0] if nama_tim else None, "tim_semua": nama_tim, "pimpinan": u[2], "iku": o.iku,
            "pegawai": o.pegawai, "indikator": o.iku + sum(p.iki for p in orang if p.opd is o),
        }  # fmt: skip
    # Without a team login the Admin Instansi enters and verifies, as domain.md allows.
    pengisi = {o.nomor: tim_user.get(o.nomor, uid) for o in r.opd}
    info_asn = []
    for k, p in enumerate(asn, start=1):
        u = _user(uid + len(users), hash_, f"{pre}.asn{k:04d}", "ASN", f"{r.kode} {k}", False, sekarang)
        users.append(u)
        peran.append((u[0], Peran.ASN, None, None))
        user_pegawai[p.id] = u[0]
        info_asn.append({"username": u[2], "pegawai_id": p.id, "opd_id": p.opd_id, "iki": p.iki})
    waktu = bi.waktu_instansi(ukuran, r.zona_waktu, sekarang)
    inst_row = (instansi_id, r.kode, r.nama, "kota" if nomor % 2 else "kabupaten", r.zona_waktu, "Data beban sintetis")
    _muat(catatan, Instansi, ("id", "kode", "nama", "jenis", "zona_waktu", "alamat"), [inst_row])
    periode = [(instansi_id, ukuran.tahun, q, *waktu.jendela[q]) for q in range(1, 5)]
    _muat(catatan, Periode, ("instansi_id", "tahun", "triwulan", "dibuka", "ditutup"), periode)
    opd_rows = [
        (id_opd + o.nomor - 1, instansi_id, o.kode, o.nama, o.singkatan, o.jenis, kepala.get(o.nomor)) for o in r.opd
    ]
    _muat(catatan, Opd, ("id", "instansi_id", "kode", "nama", "singkatan", "jenis", "kepala_id"), opd_rows)
    _muat(catatan, UnitKerja, ("id", "opd_id", "induk_id", "kode", "nama"), units)
    _muat(catatan, Pegawai, KOLOM_PEGAWAI, (row + (user_pegawai.get(row[0]),) for row in pegawai))
    _muat(catatan, get_user_model(), KOLOM_USER, users)
    _muat(catatan, PeranPengguna, KOLOM_PERAN, peran)
    catatan.waktu("organisasi", t)

    t = time.perf_counter()
    id_indikator = cadangkan_id(Indikator, n_iku + sum(p.iki for p in orang))
    hasil = bi.bangun_indikator(
        ukuran, r, orang, instansi_id=instansi_id, id_opd=id_opd, id_indikator=id_indikator,
        unit_per_opd=unit_per_opd, pengisi=pengisi, pengembali={o.nomor: pimpinan_user[o.nomor] for o in r.opd},
        waktu=waktu,
    )  # fmt: skip
    catatan.waktu("bangun_indikator", t)
    t = time.perf_counter()
    _muat(catatan, Indikator, bi.KOLOM_INDIKATOR, hasil.indikator)
    _muat(catatan, TargetTriwulan, bi.KOLOM_TARGET, hasil.target)
    catatan.waktu("muat_indikator", t)
    t = time.perf_counter()
    id_realisasi = cadangkan_id(Realisasi, len(hasil.realisasi))
    _muat(catatan, Realisasi, bi.KOLOM_REALISASI, ((id_realisasi + i, *row) for i, row in enumerate(hasil.realisasi)))
    _muat(catatan, BuktiDukung, bi.KOLOM_BUKTI, ((id_realisasi + row[0], *row[1:]) for row in hasil.bukti))
    catatan.waktu("muat_realisasi", t)

    t = time.perf_counter()
    id_pengaduan = cadangkan_id(Pengaduan, ukuran.pengaduan)
    pengaduan, riwayat = bp.bangun_pengaduan(
        ukuran, r, instansi_id=instansi_id, id_opd=id_opd, id_pengaduan=id_pengaduan, petugas_id=uid + 1,
        tim=pengisi, sekarang=sekarang,
    )  # fmt: skip
    _muat(catatan, Pengaduan, bp.KOLOM_PENGADUAN, pengaduan)
    _muat(catatan, RiwayatPengaduan, bp.KOLOM_RIWAYAT, riwayat)
    id_layanan = cadangkan_id(Layanan, 2 * len(r.opd))
    layanan, survei = bp.bangun_survei(
        ukuran, r, instansi_id=instansi_id, id_opd=id_opd, id_layanan=id_layanan, sekarang=sekarang
    )
    _muat(catatan, Layanan, bp.KOLOM_LAYANAN, layanan)
    _muat(catatan, ResponSurvei, bp.KOLOM_SURVEI, survei)
    catatan.waktu("publik", t)
    return {
        "id": instansi_id, "kode": r.kode, "nama": r.nama, "admin": f"{pre}.admin", "petugas": f"{pre}.petugas",
        "indikator": len(hasil.indikator), "triwulan_terbuka": waktu.tw_buka, "opd": info_opd, "asn": info_asn,
    }  # fmt: skip


def _berkas_bukti() -> None:
    if not default_storage.exists(bi.BERKAS_BUKTI):
        default_storage.save(bi.BERKAS_BUKTI, ContentFile(PDF_KECIL))


def _interleave(per_instansi: list[list]) -> list:
    hasil, i = [], 0
    while any(i < len(x) for x in per_instansi):
        hasil.extend(x[i] for x in per_instansi if i < len(x))
        i += 1
    return hasil


def generate_load(
    ukuran: Ukuran, *, password: str = PASSWORD_BAWAAN, ganti: bool = False, hitung: bool = True,
    log: Callable[[str], None] = lambda _pesan: None,
) -> dict:  # fmt: skip
    """Load the synthetic data of `ukuran` and return the manifest (ids, logins, counts, seconds per phase)."""
    catatan = Catatan()
    mulai_semua = time.perf_counter()
    t = time.perf_counter()
    with transaction.atomic():
        if ganti:
            hapus_data_beban()
        elif Instansi.objects.filter(kode__startswith=AWALAN_KODE).exists():
            raise DataBebanSudahAda
    catatan.waktu("hapus", t)
    # Moments are measured from the start of today (UTC), so two runs on the same day give the same rows.
    sekarang = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    hash_ = make_password(password)  # once: hashing per user would dominate the run
    _berkas_bukti()
    User = get_user_model()
    with transaction.atomic():
        bkn_id = cadangkan_id(User, 1)
        _muat(catatan, User, KOLOM_USER, [_user(bkn_id, hash_, "beban.bkn", "Admin", "BKN Regional", True, sekarang)])
    nip = set(Pegawai.objects.values_list("nip", flat=True))
    instansi = []
    for nomor in range(1, ukuran.instansi + 1):
        with transaction.atomic():
            instansi.append(
                _instansi(ukuran, nomor, hash_=hash_, bkn_id=bkn_id, sekarang=sekarang, nip=nip, catatan=catatan)
            )
            t = time.perf_counter()  # the commit checks the deferred foreign keys of every row loaded
        catatan.waktu("commit", t)
        log(f"instansi {nomor}/{ukuran.instansi}: {instansi[-1]['indikator']} indikator ({catatan.detik})")
    pg = connection.vendor == "postgresql"
    if pg:
        # Before the recalculation: on tables it believes empty the planner picks nested loops over millions of rows.
        t = time.perf_counter()
        analyze([*DIANALISIS, User])
        catatan.waktu("analyze", t)
    if hitung:
        t = time.perf_counter()
        for info in instansi:
            recalculate(instansi_id=info["id"], tahun=ukuran.tahun)
            log(f"hitung ulang {info['kode']}: {time.perf_counter() - t:.1f} s")
        catatan.waktu("hitung_ulang", t)
        if pg:
            t = time.perf_counter()
            analyze(DIHITUNG)
            catatan.waktu("analyze", t)
    catatan.detik["total"] = round(time.perf_counter() - mulai_semua, 2)
    return _manifest(ukuran, instansi, catatan, password)


def _manifest(ukuran: Ukuran, instansi: list[dict], catatan: Catatan, password: str) -> dict:
    opd_semua = [o for info in instansi for o in info["opd"].values()]

    def khusus(peran: str) -> dict | None:
        return next((o for o in instansi[0]["opd"].values() if o["peran"] == peran), None) if instansi else None

    def ringkas(o: dict | None) -> dict | None:
        if o is None:
            return None
        return {
            k: o[k] for k in ("id", "instansi_id", "kode", "nama", "tim", "pimpinan", "iku", "pegawai", "indikator")
        }

    biasa = khusus("") or khusus("kecil")
    asn_10 = (
        next((a for a in instansi[0]["asn"] if a["iki"] == ukuran.indikator_per_pegawai), None) if instansi else None
    )
    terbesar = min(instansi, key=lambda i: abs(i["indikator"] - 100_000)) if instansi else None
    tim = _interleave([[o for o in info["opd"].values() if o["indikator"] and o["tim"]] for info in instansi])
    return {
        "database": connection.vendor,
        "tahun": ukuran.tahun,
        "seed": ukuran.seed,
        "password": password,
        "ukuran": asdict(ukuran),
        "triwulan_terbuka": instansi[0]["triwulan_terbuka"] if instansi else None,
        "bkn": {"username": "beban.bkn", "instansi_ids": [i["id"] for i in instansi]},
        "instansi": [{k: i[k] for k in ("id", "kode", "nama", "admin", "petugas", "indikator")} for i in instansi],
        "instansi_100k": (
            {
                "id": terbesar["id"],
                "kode": terbesar["kode"],
                "admin": terbesar["admin"],
                "indikator": terbesar["indikator"],
            }
            if terbesar
            else None
        ),  # fmt: skip
        "opd_300": ringkas(khusus("kecil")),
        "opd_besar": ringkas(khusus("besar")),
        "opd_iku_30": ringkas(biasa),
        "opd_iku_500": ringkas(khusus("iku_besar")),
        "asn_10_iki": asn_10,
        "tim": [{"username": o["tim"], "opd_id": o["id"], "instansi_id": o["instansi_id"]} for o in tim[:20]],
        "asn": _interleave([info["asn"] for info in instansi])[:20],
        "jumlah_opd": len(opd_semua),
        "jumlah": catatan.jumlah,
        "detik": catatan.detik,
    }
