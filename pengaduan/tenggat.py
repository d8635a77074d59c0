"""Deadlines of a complaint (domain.md, "Citizen complaints"), from its moments, its holds and the instansi's
working-day calendar (opd/kalender.py). Computed on the object; whoever saves it decides when.
"""

import datetime

from opd.hari_kerja import Kalender, selisih_hari_kerja, tenggat_hari_kerja
from opd.kalender import kalender_instansi, tanggal_lokal

from .models import Pengaduan

S = Pengaduan.Status

# Deadlines of domain.md, in working days (calendar days for the resolution).
HARI_VERIFIKASI = 3
HARI_RESPONS = 5
HARI_TUTUP_OTOMATIS = 10
HARI_RESPONS_ULANG = HARI_RESPONS  # after the reporter reopens an answered complaint
HARI_KALENDER_PENYELESAIAN = 60


def _jeda(pengaduan: Pengaduan) -> list[tuple[datetime.date, datetime.date | None]]:
    if pengaduan.pk is None:
        return []
    return [(j.tanggal_mulai, j.tanggal_selesai) for j in pengaduan.jeda_set.all()]


def _hari_jeda_kalender(jeda, sejak: datetime.date) -> int | None:
    """Calendar days on hold after `sejak`; None while a hold runs."""
    total = 0
    for mulai, selesai in jeda:
        if selesai is None:
            return None
        awal = max(mulai, sejak)
        if selesai > awal:
            total += (selesai - awal).days
    return total


def perbarui_tenggat(pengaduan: Pengaduan, *, kalender: Kalender | None = None) -> bool:
    """Compute every deadline of the complaint from its moments, its holds and the instansi's calendar.

    Verification and routing: 3 working days from receipt (or from the OPD giving it back). The OPD's first response:
    5 from routing. Resolution: 60 calendar days from verification (the file is complete), plus the days on hold.
    Automatic closing: 10 working days after the answer. After the reporter reopens it: 5 working days from then for
    the OPD's response. Returns whether anything changed."""
    kalender = kalender or kalender_instansi(pengaduan.instansi_id)
    instansi = pengaduan.instansi
    jeda = _jeda(pengaduan)
    sebelum = (
        pengaduan.tenggat_verifikasi,
        pengaduan.tenggat_respons,
        pengaduan.tenggat_penyelesaian,
        pengaduan.tenggat_tutup,
        pengaduan.tenggat_respons_ulang,
    )
    mulai_verifikasi = max(filter(None, [pengaduan.tanggal_diterima, pengaduan.tanggal_dikembalikan]))
    pengaduan.tenggat_verifikasi = tenggat_hari_kerja(mulai_verifikasi, HARI_VERIFIKASI, kalender, jeda)
    if pengaduan.didisposisikan_pada:
        mulai = tanggal_lokal(instansi, pengaduan.didisposisikan_pada)
        pengaduan.tenggat_respons = tenggat_hari_kerja(mulai, HARI_RESPONS, kalender, jeda)
    else:
        pengaduan.tenggat_respons = None
    if pengaduan.diverifikasi_pada:
        mulai = tanggal_lokal(instansi, pengaduan.diverifikasi_pada)
        ditunda = _hari_jeda_kalender(jeda, mulai)
        pengaduan.tenggat_penyelesaian = (
            None if ditunda is None else mulai + datetime.timedelta(days=HARI_KALENDER_PENYELESAIAN + ditunda)
        )
    else:
        pengaduan.tenggat_penyelesaian = None
    if pengaduan.status == S.SELESAI and pengaduan.tanggal_selesai:
        pengaduan.tenggat_tutup = tenggat_hari_kerja(pengaduan.tanggal_selesai, HARI_TUTUP_OTOMATIS, kalender)
    else:
        pengaduan.tenggat_tutup = None
    if pengaduan.dibuka_kembali_pada:
        mulai = tanggal_lokal(instansi, pengaduan.dibuka_kembali_pada)
        pengaduan.tenggat_respons_ulang = tenggat_hari_kerja(mulai, HARI_RESPONS_ULANG, kalender, jeda)
    else:
        pengaduan.tenggat_respons_ulang = None
    return sebelum != (
        pengaduan.tenggat_verifikasi,
        pengaduan.tenggat_respons,
        pengaduan.tenggat_penyelesaian,
        pengaduan.tenggat_tutup,
        pengaduan.tenggat_respons_ulang,
    )


def catat_respons_pertama(pengaduan: Pengaduan, sekarang: datetime.datetime, kalender: Kalender) -> None:
    """The OPD's first response since routing: its date and the working days it took, pauses left out."""
    if pengaduan.direspons_pada is not None:
        return
    instansi = pengaduan.instansi
    pengaduan.direspons_pada = sekarang
    pengaduan.tanggal_respons = tanggal_lokal(instansi, sekarang)
    mulai = tanggal_lokal(instansi, pengaduan.didisposisikan_pada)
    pengaduan.hari_respons = selisih_hari_kerja(mulai, pengaduan.tanggal_respons, kalender, _jeda(pengaduan))
    pengaduan.respons_tepat_waktu = pengaduan.hari_respons <= HARI_RESPONS
