"""The hourly deadline check: recompute the deadlines of open complaints, flag and escalate the overdue ones once per
missed deadline (notifikasi.py sends the e-mail), and close answered complaints nobody disputed. And the recount of an
instansi's open deadlines after its days off changed.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.hari_kerja import Kalender
from opd.kalender import kalender_instansi, tanggal_lokal

from .models import Eskalasi, Pengaduan
from .services import _riwayat, _simpan
from .tenggat import HARI_TUTUP_OTOMATIS, perbarui_tenggat

S = Pengaduan.Status


def _tahap_terlambat(pengaduan: Pengaduan, hari_ini: datetime.date) -> str | None:
    tenggat = pengaduan.tenggat_aktif
    if tenggat is None or hari_ini <= tenggat:
        return None
    if pengaduan.status in (S.DITERIMA, S.DIVERIFIKASI):
        return Eskalasi.Tahap.VERIFIKASI
    if pengaduan.status in (S.DIDISPOSISIKAN, S.DIBUKA_KEMBALI):
        return Eskalasi.Tahap.RESPONS
    return Eskalasi.Tahap.PENYELESAIAN


def tenggat_periksa(*, sekarang: datetime.datetime | None = None) -> dict[str, int]:
    """Recompute the deadlines of every open complaint (an instansi may have added a day off), flag and escalate the
    overdue ones once per missed deadline, and close answered complaints 10 working days after the answer.

    Idempotent: a second run in the same hour changes nothing and sends nothing."""
    from .notifikasi import kirim_eskalasi

    sekarang = sekarang or timezone.now()
    hasil = {"diperiksa": 0, "terlambat": 0, "dieskalasi": 0, "ditutup": 0}
    kalender: dict[int, Kalender] = {}
    ids = list(
        Pengaduan.objects.filter(status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
        .order_by("pk")
        .values_list("pk", "instansi_id")
    )
    for pk, instansi_id in ids:
        if instansi_id not in kalender:
            kalender[instansi_id] = kalender_instansi(instansi_id)
        with transaction.atomic():
            pengaduan = (
                Pengaduan.objects.select_for_update(of=("self",))
                .select_related("instansi", "opd__kepala__user")
                .filter(pk=pk, status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
                .first()
            )
            if pengaduan is None:
                continue
            hasil["diperiksa"] += 1
            hari_ini = tanggal_lokal(pengaduan.instansi, sekarang)
            berubah = perbarui_tenggat(pengaduan, kalender=kalender[instansi_id])
            if pengaduan.status == S.SELESAI:
                if pengaduan.tenggat_tutup and hari_ini > pengaduan.tenggat_tutup:
                    pengaduan.status = S.DITUTUP
                    pengaduan.ditutup_pada = sekarang
                    _riwayat(
                        pengaduan,
                        dari=S.SELESAI,
                        ke=S.DITUTUP,
                        pada=sekarang,
                        sistem=True,
                        catatan=_("Ditutup otomatis: %(n)d hari kerja setelah dijawab tanpa sanggahan.")
                        % {"n": HARI_TUTUP_OTOMATIS},
                    )
                    _simpan(pengaduan, kalender[instansi_id])
                    hasil["ditutup"] += 1
                elif berubah:
                    pengaduan.save(update_fields=["tenggat_tutup", "diubah_pada"])
                continue
            tahap = _tahap_terlambat(pengaduan, hari_ini)
            if tahap is None:
                if pengaduan.terlambat_sejak is not None:
                    pengaduan.terlambat_sejak = None
                    berubah = True
            else:
                hasil["terlambat"] += 1
                if pengaduan.terlambat_sejak is None:
                    pengaduan.terlambat_sejak = sekarang
                    berubah = True
                if kirim_eskalasi(pengaduan=pengaduan, tahap=tahap, tenggat=pengaduan.tenggat_aktif, pada=sekarang):
                    hasil["dieskalasi"] += 1
            if berubah:
                pengaduan.save(
                    update_fields=[
                        "tenggat_verifikasi",
                        "tenggat_respons",
                        "tenggat_penyelesaian",
                        "tenggat_tutup",
                        "tenggat_respons_ulang",
                        "terlambat_sejak",
                        "diubah_pada",
                    ]
                )
    return hasil


def tenggat_hitung_ulang_instansi(*, instansi_id: int) -> int:
    """After the instansi's days off changed: the deadlines of its open complaints (no escalation here)."""
    kalender = kalender_instansi(instansi_id)
    jumlah = 0
    qs = Pengaduan.objects.filter(instansi_id=instansi_id, status__in=[*Pengaduan.STATUS_TERBUKA, S.SELESAI])
    for pengaduan in qs.select_related("instansi").prefetch_related("jeda_set"):
        if perbarui_tenggat(pengaduan, kalender=kalender):
            pengaduan.save(
                update_fields=[
                    "tenggat_verifikasi",
                    "tenggat_respons",
                    "tenggat_penyelesaian",
                    "tenggat_tutup",
                    "tenggat_respons_ulang",
                    "diubah_pada",
                ]
            )
            jumlah += 1
    return jumlah
