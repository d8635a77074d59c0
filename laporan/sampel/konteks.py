"""What the sections of a sample share: references resolved to rows (instansi kode, OPD kode, NIP, username),
years and dates relative to an instansi's current year, the save-only-when-different rule, and the counts."""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import models

from .tempat import model, modul


class SampelTidakValid(Exception):
    """The sample cannot be loaded: which file, which record, and why."""


URUTAN_RINCIAN = ["instansi", "opd", "pegawai", "akun", "periode", "indikator", "realisasi", "penilaian"]


@dataclass
class Hasil:
    """Per section, how many records were created, changed, or found as they are ("tetap")."""

    jumlah: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    login: int = 0  # accounts with a password: the demo logins

    def catat(self, bagian: str, status: str) -> None:
        self.jumlah[bagian][status] += 1

    def total(self, bagian: str) -> int:
        return sum(self.jumlah[bagian].values())

    def ringkasan(self) -> str:
        return (
            f"{self.total('instansi')} instansi, {self.total('opd')} OPD, {self.total('pegawai')} pegawai, "
            f"{self.login} akun demo"
        )

    def rincian(self) -> list[str]:
        urut = sorted(
            self.jumlah, key=lambda b: URUTAN_RINCIAN.index(b) if b in URUTAN_RINCIAN else len(URUTAN_RINCIAN)
        )
        return [
            f"{b}: {sum(self.jumlah[b].values())} (dibuat {self.jumlah[b]['dibuat']}, diubah {self.jumlah[b]['diubah']}, "
            f"tetap {self.jumlah[b]['tetap']})"
            for b in urut
        ]


_TAHUN = re.compile(r"^[+-]\d+$")
_TANGGAL = re.compile(r"^([+-]\d+|\d{4})-(\d{1,2})-(\d{1,2})$")
_WAKTU = re.compile(r"^([+-]\d+|\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$")


def angka(nilai) -> Decimal:
    """A number of the sample (int, Decimal, or a string) as Decimal."""
    if isinstance(nilai, bool) or nilai is None:
        raise ValueError(f"bukan angka: {nilai!r}")
    return Decimal(str(nilai))


def rentang(nilai) -> tuple[Decimal, Decimal | None]:
    """A target: one value, or a range [lower, upper]."""
    if isinstance(nilai, list):
        bawah, atas = nilai
        return angka(bawah), angka(atas)
    return angka(nilai), None


class Konteks:
    """State of one load: where we are (for error messages), caches of resolved references, what is left to do
    at the end (automatic indicators to feed), and the counts."""

    def __init__(self) -> None:
        self.hasil = Hasil()
        self.folder = Path()
        self.lokasi = ""
        self.otomatis: list[models.Model] = []
        self._instansi: dict[str, models.Model] = {}
        self._user: dict[str, object] = {}

    def tiap(self, berkas: str, bagian: str, daftar):
        if not isinstance(daftar, list):
            raise SampelTidakValid(f"{berkas}: {bagian}: harus berupa daftar")
        for nomor, rec in enumerate(daftar, start=1):
            self.lokasi = f"{berkas}: {bagian} #{nomor}"
            if not isinstance(rec, dict):
                raise SampelTidakValid(f"{self.lokasi}: harus berupa pemetaan (kunci: nilai)")
            yield rec

    def catat(self, bagian: str, status: str) -> None:
        self.hasil.catat(bagian, status)

    # -- references --------------------------------------------------------------------------------------------------

    def instansi(self, kode: str):
        if kode not in self._instansi:
            self._instansi[kode] = model("Instansi").objects.get(kode=kode)
        return self._instansi[kode]

    def lupakan_instansi(self, kode: str) -> None:
        self._instansi.pop(kode, None)

    def opd(self, rec: dict):
        """The OPD of a record that names ``instansi`` and ``opd`` (its kode in that instansi)."""
        return model("Opd").objects.select_related("instansi").get(instansi__kode=rec["instansi"], kode=rec["opd"])

    def pegawai(self, nip):
        return model("Pegawai").objects.select_related("opd__instansi", "unit").get(nip=str(nip))

    def user(self, username: str):
        if username not in self._user:
            self._user[username] = get_user_model().objects.get(username=username)
        return self._user[username]

    # -- years and dates relative to the instansi's current year -----------------------------------------------------

    def hari_ini(self, instansi) -> datetime.date:
        return modul("periode").hari_ini_instansi(instansi)

    def tahun(self, nilai, instansi) -> int:
        """``2025``, or ``"+0"`` / ``"-1"``: the instansi's current year plus the offset."""
        if isinstance(nilai, int) and not isinstance(nilai, bool):
            return nilai
        if isinstance(nilai, str) and _TAHUN.match(nilai.strip()):
            return self.hari_ini(instansi).year + int(nilai)
        raise ValueError(f'tahun tidak dikenal: {nilai!r} (contoh: 2025, "+0", "-1")')

    def _tahun_tanggal(self, teks: str, instansi) -> int:
        return int(teks) if teks[0] not in "+-" else self.hari_ini(instansi).year + int(teks)

    def tanggal(self, nilai, instansi) -> datetime.date:
        """``2025-04-22``, or ``"+0-04-22"``: that day in the instansi's current year plus the offset."""
        if isinstance(nilai, datetime.date) and not isinstance(nilai, datetime.datetime):
            return nilai
        m = _TANGGAL.match(str(nilai).strip())
        if not m:
            raise ValueError(f'tanggal tidak dikenal: {nilai!r} (contoh: "+0-04-22")')
        return datetime.date(self._tahun_tanggal(m.group(1), instansi), int(m.group(2)), int(m.group(3)))

    def waktu(self, nilai, instansi) -> datetime.datetime:
        """``"+0-01-15 10:00"`` (or with a full year): that moment in the instansi's time zone."""
        zona = ZoneInfo(instansi.zona_waktu)
        if isinstance(nilai, datetime.datetime):
            return nilai if nilai.tzinfo else nilai.replace(tzinfo=zona)
        m = _WAKTU.match(str(nilai).strip())
        if not m:
            raise ValueError(f'waktu tidak dikenal: {nilai!r} (contoh: "+0-01-15 10:00")')
        tahun = self._tahun_tanggal(m.group(1), instansi)
        return datetime.datetime(tahun, int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)), tzinfo=zona)


def simpan(kelas: type[models.Model], kunci: dict, nilai: dict, *, user=None, pada=None) -> tuple[models.Model, str]:
    """Create the row with that natural key, or update it when a value differs; a row already as the sample says is
    not saved again, so a second load adds no history. Returns the row and "dibuat", "diubah" or "tetap"."""
    obj = kelas.objects.filter(**kunci).first()
    if obj is None:
        obj, status = kelas(**kunci, **nilai), "dibuat"
    else:
        status = "tetap"
        for nama, value in nilai.items():
            f = kelas._meta.get_field(nama)
            sekarang = getattr(obj, f.attname)
            baru = value.pk if f.is_relation and value is not None else value
            if sekarang != baru:
                setattr(obj, nama, value)
                status = "diubah"
        if status == "tetap":
            return obj, status
    obj.full_clean()
    obj._history_user = user
    if pada is not None:
        obj._history_date = pada
    obj.save()
    return obj, status
