"""Sections ``instansi``, ``opd`` (with its unit kerja and staff) and ``akun`` (logins and their roles)."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from opd import dua_langkah
from opd.models import Peran

from .konteks import Konteks, simpan
from .tempat import model

KOLOM_INSTANSI = ("nama", "jenis", "zona_waktu", "alamat")
KOLOM_PEGAWAI = ("nama", "gelar_depan", "gelar_belakang", "jabatan", "jenis_jabatan", "golongan", "status")


def muat_instansi(ctx: Konteks, berkas: str, daftar: list) -> None:
    """Each instansi by its kode. ``logo`` is an image file beside the sample, set only while the instansi has
    none (an Admin Instansi's upload is kept)."""
    Instansi = model("Instansi")
    for rec in ctx.tiap(berkas, "instansi", daftar):
        nilai = {k: rec[k] for k in KOLOM_INSTANSI if k in rec}
        instansi, status = simpan(Instansi, {"kode": rec["kode"]}, nilai)
        ctx.lupakan_instansi(instansi.kode)
        if rec.get("logo") and not instansi.logo:
            berkas_logo = ctx.folder / rec["logo"]
            instansi.logo.save(berkas_logo.name, ContentFile(berkas_logo.read_bytes()), save=False)
            instansi.save(update_fields=["logo"])
            status = "diubah" if status == "tetap" else status
        ctx.catat("instansi", status)


def muat_opd(ctx: Konteks, berkas: str, daftar: list) -> None:
    """Each OPD by instansi and kode, its units (a parent before its children), its staff by NIP (a superior
    before the staff under them), and its head (``kepala``, a NIP of its staff)."""
    Opd, UnitKerja, Pegawai = model("Opd"), model("UnitKerja"), model("Pegawai")
    for rec in ctx.tiap(berkas, "opd", daftar):
        instansi = ctx.instansi(rec["instansi"])
        nilai = {"nama": rec["nama"], "singkatan": rec.get("singkatan", ""), "jenis": rec.get("jenis", "dinas")}
        opd, status = simpan(Opd, {"instansi": instansi, "kode": rec["kode"]}, nilai)
        lokasi = ctx.lokasi
        unit = {}
        for u in rec.get("unit", []):
            induk = unit[u["induk"]] if u.get("induk") else None
            unit[u["kode"]], _status = simpan(
                UnitKerja, {"opd": opd, "kode": u["kode"]}, {"nama": u["nama"], "induk": induk}
            )
        for nomor, p in enumerate(rec.get("pegawai", []), start=1):
            ctx.lokasi = f"{lokasi}, pegawai #{nomor} ({p.get('nip')})"
            nilai = {k: p.get(k, "") for k in KOLOM_PEGAWAI}
            nilai.update(
                opd=opd,
                unit=unit[p["unit"]] if p.get("unit") else None,
                atasan=Pegawai.objects.get(nip=str(p["atasan"])) if p.get("atasan") else None,
            )
            _pegawai, status_p = simpan(Pegawai, {"nip": str(p["nip"])}, nilai)
            ctx.catat("pegawai", status_p)
        ctx.lokasi = lokasi
        if rec.get("kepala"):
            kepala = Pegawai.objects.get(nip=str(rec["kepala"]), opd=opd)
            if opd.kepala_id != kepala.pk:
                opd.kepala = kepala
                opd.save(update_fields=["kepala"])
                status = "diubah" if status == "tetap" else status
        ctx.catat("opd", status)


def muat_akun(ctx: Konteks, berkas: str, daftar: list) -> None:
    """Each login by username, with one role: an instansi role (``instansi``: one kode or a list), an OPD role
    (``instansi`` and ``opd``), or ``asn`` (no scope). ``pegawai`` links the login to that staff member. The password
    is set only when the account is created; an account without one cannot log in (``superuser`` marks a system
    account that acts where the sample names no one). ``totp_kunci`` (base32) gives the account an authenticator with
    that key for the second sign-in step, unless it has one."""
    User, PeranPengguna, Pegawai = get_user_model(), model("PeranPengguna"), model("Pegawai")
    for rec in ctx.tiap(berkas, "akun", daftar):
        user, dibuat = User.objects.get_or_create(username=rec["username"])
        status = "dibuat" if dibuat else "tetap"
        peran = rec.get("peran")
        nilai = {
            "first_name": rec.get("nama_depan", ""),
            "last_name": rec.get("nama_belakang", ""),
            "email": rec.get("email", ""),
            "is_staff": peran in (Peran.ADMIN_BKN, Peran.ADMIN_INSTANSI),
            "is_superuser": bool(rec.get("superuser")),
        }
        berubah = dibuat
        for nama, value in nilai.items():
            if getattr(user, nama) != value:
                setattr(user, nama, value)
                berubah = True
        if dibuat:
            if rec.get("kata_sandi"):
                user.set_password(rec["kata_sandi"])
            else:
                user.set_unusable_password()
        if berubah:
            user.save()
            status = "dibuat" if dibuat else "diubah"
        if rec.get("totp_kunci") and dua_langkah.pasang_kunci_tetap(user=user, kunci=str(rec["totp_kunci"])):
            status = "diubah" if status == "tetap" else status
        if rec.get("kata_sandi"):
            ctx.hasil.login += 1
        if peran == Peran.ASN:
            lingkup = [{"instansi": None, "opd": None}]
        elif peran and rec.get("opd"):
            opd = ctx.opd(rec)
            lingkup = [{"instansi": opd.instansi, "opd": opd}]
        elif peran:
            kode = rec["instansi"] if isinstance(rec["instansi"], list) else [rec["instansi"]]
            lingkup = [{"instansi": ctx.instansi(k), "opd": None} for k in kode]
        else:
            lingkup = []
        for scope in lingkup:
            _peran_pengguna, baru = PeranPengguna.objects.get_or_create(user=user, peran=peran, **scope)
            if baru and status == "tetap":
                status = "diubah"
        if rec.get("pegawai"):
            pegawai = Pegawai.objects.get(nip=str(rec["pegawai"]))
            if pegawai.user_id != user.pk:
                pegawai.user = user
                pegawai.save(update_fields=["user"])
                status = "diubah" if status == "tetap" else status
        ctx.catat("akun", status)
