"""The daily notifications, computed once a day (beat: `kinerja.notifikasi.harian`) for every instansi on its own
date: an entry window that opens today or closes in a few days, values waiting for verification too long (in working
days of the instansi's calendar), complaints past their deadline. Each event has a key, so a second run the same day
notifies nothing new."""

from __future__ import annotations

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from evaluasi.models import Realisasi
from indikator.models import Periode
from opd.hari_kerja import selisih_hari_kerja
from opd.kalender import kalender_instansi
from opd.models import Instansi, JenisNotifikasi, Opd, Peran
from opd.notifikasi import beri_tahu, pengguna_peran


def _tanggal(tanggal: datetime.date) -> str:
    return date_format(tanggal, "j F Y")


def lama_menunggu(diajukan: datetime.date, hari_ini: datetime.date, libur) -> int:
    """Whole working days a value has waited since the day it was submitted."""
    return selisih_hari_kerja(diajukan, hari_ini, libur) if hari_ini >= diajukan else 0


def _jendela(instansi: Instansi, hari_ini: datetime.date) -> int:
    """Windows opening today, or closing in one of NOTIFIKASI_HARI_TUTUP days: the instansi's Tim Evaluasi,
    Pimpinan and Admin Instansi are told."""
    jumlah = 0
    hari = settings.NOTIFIKASI_HARI_TUTUP
    for p in Periode.objects.filter(instansi=instansi, ditutup__gte=hari_ini, dibuka__lte=hari_ini):
        sisa = (p.ditutup - hari_ini).days
        if p.dibuka == hari_ini:
            jenis, kunci = JenisNotifikasi.JENDELA_DIBUKA, f"periode:{p.pk}:dibuka:{p.dibuka}"
            teks = _("Jendela pengisian realisasi %(periode)s dibuka hari ini sampai %(tutup)s.") % {
                "periode": p.label,
                "tutup": _tanggal(p.ditutup),
            }
        elif sisa in hari:
            jenis, kunci = JenisNotifikasi.JENDELA_DITUTUP, f"periode:{p.pk}:tutup:{p.ditutup}:{sisa}"
            teks = _("Jendela pengisian realisasi %(periode)s ditutup %(tutup)s (%(sisa)s hari lagi).") % {
                "periode": p.label,
                "tutup": _tanggal(p.ditutup),
                "sisa": sisa,
            }
        else:
            continue
        opd_ids = list(Opd.objects.filter(instansi=instansi).values_list("pk", flat=True))
        penerima = pengguna_peran(
            peran=[Peran.TIM_EVALUASI, Peran.PIMPINAN_OPD, Peran.ADMIN_INSTANSI],
            opd_ids=opd_ids,
            instansi_ids=[instansi.pk],
        )
        jumlah += beri_tahu(users=penerima, jenis=jenis, teks=teks, tautan=reverse("evaluasi:grid_index"), kunci=kunci)
    return jumlah


def _verifikasi_tertunda(instansi: Instansi, hari_ini: datetime.date) -> int:
    """Per OPD, the values submitted more than NOTIFIKASI_VERIFIKASI_HARI_KERJA working days ago and not verified:
    its Pimpinan and Tim Evaluasi are told, once a day."""
    batas = settings.NOTIFIKASI_VERIFIKASI_HARI_KERJA
    zona = ZoneInfo(instansi.zona_waktu)
    # Only values submitted at least `batas` calendar days ago can have waited `batas` working days.
    sebelum = timezone.now() - datetime.timedelta(days=batas)
    libur = kalender_instansi(instansi.pk)
    per_opd: dict[int, int] = defaultdict(int)
    for opd_id, diajukan in Realisasi.objects.filter(
        indikator__instansi=instansi,
        indikator__aktif=True,
        status=Realisasi.Status.DIAJUKAN,
        diajukan_pada__lte=sebelum,
    ).values_list("indikator__opd_id", "diajukan_pada"):
        if lama_menunggu(diajukan.astimezone(zona).date(), hari_ini, libur) > batas:
            per_opd[opd_id] += 1
    jumlah = 0
    for opd_id, n in sorted(per_opd.items()):
        teks = _("%(n)s realisasi menunggu verifikasi lebih dari %(hari)s hari kerja.") % {"n": n, "hari": batas}
        jumlah += beri_tahu(
            users=pengguna_peran(peran=[Peran.PIMPINAN_OPD, Peran.TIM_EVALUASI], opd_ids=[opd_id]),
            jenis=JenisNotifikasi.VERIFIKASI_TERTUNDA,
            teks=teks,
            tautan=reverse("evaluasi:grid_index_opd", args=[opd_id]),
            kunci=f"verifikasi:{opd_id}:{hari_ini}",
        )
    return jumlah


def _pengaduan_terlambat(instansi: Instansi, hari_ini: datetime.date) -> int:
    """The complaints of the instansi past their deadline: its Petugas Pengaduan are told, once a day."""
    from pengaduan.models import Pengaduan
    from pengaduan.selectors import q_terlambat

    n = Pengaduan.objects.filter(q_terlambat({instansi.zona_waktu: hari_ini}), instansi=instansi).aggregate(
        n=Count("pk")
    )["n"]
    if not n:
        return 0
    teks = _("%(n)s pengaduan melewati tenggat dan perlu segera ditangani.") % {"n": n}
    return beri_tahu(
        users=pengguna_peran(peran=[Peran.PETUGAS_PENGADUAN], instansi_ids=[instansi.pk]),
        jenis=JenisNotifikasi.PENGADUAN_TERLAMBAT,
        teks=teks,
        tautan=f"{reverse('pengaduan:daftar')}?{urlencode({'terlambat': 'on'})}",
        kunci=f"pengaduan_terlambat:{instansi.pk}:{hari_ini}",
    )


def notifikasi_harian(*, sekarang: datetime.datetime | None = None) -> int:
    """Every instansi's daily events, on its own date. Returns how many notifications were made."""
    sekarang = sekarang or timezone.now()
    jumlah = 0
    with translation.override("id"):
        for instansi in Instansi.objects.order_by("pk"):
            hari_ini = sekarang.astimezone(ZoneInfo(instansi.zona_waktu)).date()
            jumlah += _jendela(instansi, hari_ini)
            jumlah += _verifikasi_tertunda(instansi, hari_ini)
            jumlah += _pengaduan_terlambat(instansi, hari_ini)
    return jumlah
