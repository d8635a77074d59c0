"""Writes for periods and indicators."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from opd.models import Instansi

from .models import Periode, jendela_bawaan


def hari_ini_instansi(instansi: Instansi) -> datetime.date:
    """Today's date in the instansi's own zone: an entry window closes at midnight in Kupang, not in UTC."""
    return timezone.now().astimezone(ZoneInfo(instansi.zona_waktu)).date()


def periode_get_or_create(*, instansi: Instansi, tahun: int, triwulan: int) -> Periode:
    """The period, created with the default entry window of domain.md the first time it is needed."""
    dibuka, ditutup = jendela_bawaan(tahun, triwulan)
    periode, _ = Periode.objects.get_or_create(
        instansi=instansi, tahun=tahun, triwulan=triwulan, defaults={"dibuka": dibuka, "ditutup": ditutup}
    )
    return periode


@transaction.atomic
def periode_ensure_year(*, instansi: Instansi, tahun: int) -> list[Periode]:
    return [periode_get_or_create(instansi=instansi, tahun=tahun, triwulan=q) for q in range(1, 5)]


def periode_terbuka(*, periode: Periode, hari_ini: datetime.date | None = None) -> bool:
    hari_ini = hari_ini or hari_ini_instansi(periode.instansi)
    return periode.status_pada(hari_ini) == Periode.Status.TERBUKA
