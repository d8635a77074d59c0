"""The working-day calendar of an instansi, and its dates and quarters in the instansi's own zone.

Complaint deadlines (pengaduan), survey periods (survei) and the automatic feeds (evaluasi) all take their dates here,
so every app counts the same days the same way."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from .hari_kerja import Kalender
from .models import HariLibur, Instansi


def kalender_instansi(instansi_id: int) -> Kalender:
    """National holidays plus the instansi's own days off (one query)."""
    tambahan = HariLibur.objects.filter(instansi_id=instansi_id).values_list("tanggal", flat=True)
    return Kalender(tambahan=frozenset(tambahan))


def tanggal_lokal(instansi: Instansi, waktu: datetime.datetime) -> datetime.date:
    """The date a moment falls on in the instansi's zone (Kupang midnight is not UTC midnight)."""
    return waktu.astimezone(ZoneInfo(instansi.zona_waktu)).date()


def hari_ini(instansi: Instansi, sekarang: datetime.datetime | None = None) -> datetime.date:
    return tanggal_lokal(instansi, sekarang or timezone.now())


def triwulan_dari(tanggal: datetime.date) -> int:
    return (tanggal.month - 1) // 3 + 1


def rentang_triwulan(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a triwulan."""
    awal = datetime.date(tahun, 3 * (triwulan - 1) + 1, 1)
    akhir = datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, 3 * triwulan + 1, 1)
    return awal, akhir - datetime.timedelta(days=1)
