"""What every report's data is made of: the data version, the letterhead, the periods, and small shared helpers."""

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.storage import default_storage
from django.db.models import Prefetch

from evaluasi.models import CapaianTriwulan, Realisasi
from indikator.efisiensi import Efisiensi, hitung_efisiensi, ringkasan_efisiensi
from opd.models import Instansi, Opd

TRIWULAN = (1, 2, 3, 4)
SERATUS = Decimal(100)
Empat = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]


# -- the data version ------------------------------------------------------------------------------------------------


def _json_default(value):
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, Decimal):
        return str(value.normalize()) if value.is_finite() else str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"tidak dapat di-hash: {type(value).__name__}")


def versi_data(data, *, tambahan: dict | None = None) -> str:
    """SHA-256 of the report's data in canonical JSON (plus whatever else the file depends on: the report's template
    revision, its language). Equal data → equal version → the stored file is served again."""
    payload = {"data": dataclasses.asdict(data), **(tambahan or {})}
    teks = json.dumps(payload, default=_json_default, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


# -- shared pieces ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kop:
    """The letterhead: the instansi (and the OPD for an OPD's report), its address, and which logo file it shows
    (name and size, so that a new logo changes the data version)."""

    instansi: str
    alamat: str
    unit: str
    logo: str
    logo_ukuran: int
    zona_waktu: str


def kop(instansi: Instansi, opd: Opd | None = None) -> Kop:
    ukuran = 0
    if instansi.logo:
        try:
            ukuran = default_storage.size(instansi.logo.name)
        except OSError:
            ukuran = 0  # a missing file: the report is made without the logo
    return Kop(
        instansi=instansi.nama,
        alamat=instansi.alamat,
        unit=opd.nama if opd else "",
        logo=instansi.logo.name if instansi.logo and ukuran else "",
        logo_ukuran=ukuran,
        zona_waktu=instansi.zona_waktu,
    )


@dataclass(frozen=True)
class Analisis:
    """The kendala and solusi given with one triwulan's verified realisation."""

    triwulan: int
    kendala: str
    solusi: str


def capaian_prefetch(triwulan: int | None = None) -> Prefetch:
    qs = CapaianTriwulan.objects.order_by("triwulan")
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    return Prefetch("capaian_set", queryset=qs)


def realisasi_prefetch(*, triwulan: int | None = None, hanya_terverifikasi: bool) -> Prefetch:
    qs = Realisasi.objects.order_by("triwulan").only(
        "id", "indikator_id", "triwulan", "nilai", "status", "kendala", "solusi", "pagu", "serapan"
    )
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    if hanya_terverifikasi:
        qs = qs.filter(status=Realisasi.Status.DIVERIFIKASI)
    return Prefetch("realisasi_set", queryset=qs)


def efisiensi_instansi(instansi, **kwargs) -> Efisiensi:
    """`hitung_efisiensi` with the instansi's cap and thresholds."""
    return hitung_efisiensi(
        cap=instansi.batas_capaian,
        batas_serapan=instansi.batas_serapan_tinggi,
        batas_capaian=instansi.batas_capaian_rendah,
        **kwargs,
    )


def ringkasan_efisiensi_instansi(instansi, items) -> Efisiensi:
    """`ringkasan_efisiensi` with the instansi's cap and thresholds."""
    return ringkasan_efisiensi(
        items,
        cap=instansi.batas_capaian,
        batas_serapan=instansi.batas_serapan_tinggi,
        batas_capaian=instansi.batas_capaian_rendah,
    )


def peringkat(nilai: list[Decimal | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) by descending value; None has no rank."""
    urut = sorted((v for v in nilai if v is not None), reverse=True)
    pertama: dict[Decimal, int] = {}
    for posisi, v in enumerate(urut, start=1):
        pertama.setdefault(v, posisi)
    return [pertama[v] if v is not None else None for v in nilai]


def persen(bagian: int, jumlah: int) -> Decimal | None:
    if not jumlah:
        return None
    return (Decimal(bagian) * SERATUS / Decimal(jumlah)).quantize(Decimal("0.01"))


# -- periods of the complaint and survey reports ---------------------------------------------------------------------


def batas_periode(tahun: int, triwulan: int | None) -> tuple[datetime.date, datetime.date]:
    """First and last day of a triwulan, or of the year when triwulan is None."""
    if triwulan is None:
        return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    awal = datetime.date(tahun, 3 * triwulan - 2, 1)
    akhir = datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, 3 * triwulan + 1, 1)
    return awal, akhir - datetime.timedelta(days=1)


def label_periode(tahun: int, triwulan: int | None) -> str:
    from django.utils.translation import gettext as _

    from indikator.models import ROMAWI

    if triwulan is None:
        return _("Tahun %(tahun)s") % {"tahun": tahun}
    return _("Triwulan %(tw)s Tahun %(tahun)s") % {"tw": ROMAWI[triwulan], "tahun": tahun}
