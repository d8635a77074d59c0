"""Indicators for tests: an IKU or IKI with its four quarterly targets, built the way the services would."""

import datetime
from decimal import Decimal

from indikator.models import Indikator, Periode, TargetTriwulan
from indikator.services import hari_ini_instansi

_serial = iter(range(1, 10**6))


def buat_indikator(
    *,
    opd,
    tahun: int = 2026,
    jenis: str = Indikator.Jenis.IKU,
    pegawai=None,
    kode: str | None = None,
    target: Decimal | str = "100",
    target_atas: Decimal | str | None = None,
    agregasi: str = "sum",
    triwulan: list | None = None,
    **kwargs,
) -> Indikator:
    """An indicator with four quarterly targets: the annual target split evenly for `sum`, repeated otherwise.

    `triwulan` overrides them: a list of four values or (bawah, atas) pairs.
    """
    target = Decimal(target)
    atas = Decimal(target_atas) if target_atas is not None else None
    kwargs.setdefault("nama", f"Indikator uji {kode or ''}".strip())
    kwargs.setdefault("satuan", "%")
    indikator = Indikator.objects.create(
        opd=opd,
        tahun=tahun,
        jenis=jenis,
        pegawai=pegawai,
        kode=kode or f"{jenis.upper()}-{next(_serial)}",
        target_bawah=target,
        target_atas=atas,
        agregasi=agregasi,
        **kwargs,
    )
    if triwulan is None:
        if agregasi == "sum":
            triwulan = [(target / 4, atas / 4 if atas is not None else None)] * 4
        else:
            triwulan = [(target, atas)] * 4
    for q, nilai in enumerate(triwulan, start=1):
        bawah, batas_atas = nilai if isinstance(nilai, tuple) else (nilai, None)
        TargetTriwulan.objects.create(
            indikator=indikator,
            triwulan=q,
            target_bawah=Decimal(bawah),
            target_atas=Decimal(batas_atas) if batas_atas is not None else None,
        )
    return indikator


def buat_periode(*, instansi, tahun: int, triwulan: int, status: str) -> Periode:
    """A period whose window makes it 'terbuka', 'ditutup' or 'belum_dibuka' today in the instansi's zone."""
    hari_ini = hari_ini_instansi(instansi)
    hari = datetime.timedelta(days=1)
    dibuka, ditutup = {
        Periode.Status.TERBUKA: (hari_ini - 5 * hari, hari_ini + 5 * hari),
        Periode.Status.DITUTUP: (hari_ini - 30 * hari, hari_ini - 10 * hari),
        Periode.Status.BELUM_DIBUKA: (hari_ini + 10 * hari, hari_ini + 30 * hari),
    }[status]
    return Periode.objects.create(instansi=instansi, tahun=tahun, triwulan=triwulan, dibuka=dibuka, ditutup=ditutup)
