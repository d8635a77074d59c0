"""Penetapan predikat kinerja organisasi: the organisation predikat the Admin Instansi set for an OPD and year, with
the score and suggestion it was set against, and the code that lets anyone check a printed copy."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from .evaluasi_pegawai import DataTidakAda
from .umum import Kop, kop


@dataclass(frozen=True)
class DataPenetapanPredikat:
    kop: Kop
    opd: str
    instansi: str
    tahun: int
    predikat: str
    predikat_saran: str
    skor: Decimal | None
    triwulan_skor: int | None
    catatan: str
    ditetapkan_oleh: str
    ditetapkan_pada: datetime.date
    kode_verifikasi: str
    alamat_verifikasi: str


def penetapan_predikat_opd(*, opd_id: int, tahun: int) -> DataPenetapanPredikat:
    """One query. An OPD-year without an organisation predikat raises DataTidakAda."""
    from django.utils.translation import gettext as _

    from penilaian.kode import alamat_verifikasi
    from penilaian.models import PredikatOpd, PredikatOrganisasi

    obj = (
        PredikatOpd.objects.filter(opd_id=opd_id, tahun=tahun)
        .select_related("opd", "opd__instansi", "ditetapkan_oleh")
        .first()
    )
    if obj is None:
        raise DataTidakAda(_("Predikat organisasi OPD ini untuk tahun tersebut belum ditetapkan."))
    instansi = obj.opd.instansi
    oleh = obj.ditetapkan_oleh
    label = dict(PredikatOrganisasi.choices)
    return DataPenetapanPredikat(
        kop=kop(instansi, obj.opd),
        opd=obj.opd.nama,
        instansi=instansi.nama,
        tahun=obj.tahun,
        predikat=str(label.get(obj.predikat, "")),
        predikat_saran=str(label.get(obj.predikat_saran, "")),
        skor=obj.skor,
        triwulan_skor=obj.triwulan_skor,
        catatan=obj.catatan,
        ditetapkan_oleh=(oleh.get_full_name() or oleh.username) if oleh else "",
        ditetapkan_pada=obj.ditetapkan_pada.astimezone(ZoneInfo(instansi.zona_waktu)).date(),
        kode_verifikasi=obj.kode_tampil,
        alamat_verifikasi=alamat_verifikasi(obj.kode_verifikasi) if obj.kode_verifikasi else "",
    )
