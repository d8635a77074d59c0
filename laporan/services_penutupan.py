"""Writes of the quarter close: when a period's entry window has closed, queue each OPD's quarterly report and the
instansi recap as automatic jobs (services.py renders them like any other), and e-mail the instansi's admins once
all of them are finished.

Invariants: a period is processed once per closing date (a unique row, PenutupanTriwulan, taken before anything is
queued); the admins are told once (the row is stamped in the transaction that sends the mail).
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indikator.models import ROMAWI, Indikator, Periode
from opd.models import Opd, Peran, PeranPengguna

from .models import Format, Laporan, PenutupanTriwulan
from .services import _enqueue

logger = logging.getLogger(__name__)

MASA_PENUTUPAN_HARI = 30  # the quarter-close job looks back this far, so a first deployment does not flood the queue


def laporan_tutup_triwulan(*, sekarang: datetime.datetime | None = None) -> list[PenutupanTriwulan]:
    """For every period whose entry window has closed (the day after `ditutup` has begun in the instansi's zone)
    within the last MASA_PENUTUPAN_HARI days and was not processed yet: queue each OPD's quarterly report (OPDs with
    IKU that year) and the instansi recap, as automatic jobs. The admins are told once they are all finished."""
    sekarang = sekarang or timezone.now()
    paling_awal = (sekarang - datetime.timedelta(days=MASA_PENUTUPAN_HARI + 1)).date()
    paling_akhir = (sekarang + datetime.timedelta(days=1)).date()
    calon = Periode.objects.filter(ditutup__gte=paling_awal, ditutup__lt=paling_akhir).select_related("instansi")
    selesai = set(PenutupanTriwulan.objects.filter(periode__in=calon).values_list("periode_id", "ditutup"))
    hasil = []
    for periode in calon:
        hari_ini = sekarang.astimezone(ZoneInfo(periode.instansi.zona_waktu)).date()
        if periode.ditutup >= hari_ini or (periode.pk, periode.ditutup) in selesai:
            continue
        if (hari_ini - periode.ditutup).days > MASA_PENUTUPAN_HARI:
            continue
        penutupan = _tutup_satu(periode)
        if penutupan is not None:
            hasil.append(penutupan)
    # Closings whose admins were not told yet (the last report's notification failed, e.g. the mail server was
    # down): try again; it does nothing while reports are still being made.
    tertunda = PenutupanTriwulan.objects.filter(
        diberitahu_pada__isnull=True, diproses_pada__gte=sekarang - datetime.timedelta(days=MASA_PENUTUPAN_HARI)
    ).exclude(pk__in=[p.pk for p in hasil])
    for penutupan_id in tertunda.values_list("pk", flat=True):
        try:
            penutupan_beritahu(penutupan_id=penutupan_id)
        except Exception:
            logger.exception("pemberitahuan penutupan %s gagal; dicoba lagi pada jam berikutnya", penutupan_id)
    return hasil


@transaction.atomic
def _tutup_satu(periode: Periode) -> PenutupanTriwulan | None:
    try:
        with transaction.atomic():
            penutupan = PenutupanTriwulan.objects.create(periode=periode, ditutup=periode.ditutup)
    except IntegrityError:
        return None  # another beat run got there first
    opd_ids = (
        Indikator.objects.filter(
            instansi_id=periode.instansi_id, tahun=periode.tahun, jenis=Indikator.Jenis.IKU, aktif=True
        )
        .order_by()
        .values("opd_id")
    )
    common = {
        "format": Format.PDF,
        "bahasa": settings.LANGUAGE_CODE,
        "instansi_id": periode.instansi_id,
        "tahun": periode.tahun,
        "triwulan": periode.triwulan,
        "penutupan": penutupan,
    }
    jobs = [
        Laporan(jenis="capaian_triwulan_opd", opd=opd, **common)
        for opd in Opd.objects.filter(pk__in=opd_ids).order_by("nama", "pk")
    ]
    jobs.append(Laporan(jenis="rekap_instansi", **common))
    for job in Laporan.objects.bulk_create(jobs):
        _enqueue(job.pk)
    return penutupan


def penutupan_beritahu(*, penutupan_id: int) -> bool:
    """Email the Admin Instansi and Admin BKN of the instansi once every report of a quarter close is finished.

    Sends once: the row is locked, stamped and the mail sent in one transaction, so a concurrent call waits and then
    finds it stamped, and a failed send leaves it unstamped for the hourly beat to try again."""
    selesai = (Laporan.Status.SELESAI, Laporan.Status.GAGAL)
    with transaction.atomic():
        penutupan = (
            PenutupanTriwulan.objects.select_for_update(of=("self",))
            .select_related("periode__instansi")
            .filter(pk=penutupan_id, diberitahu_pada__isnull=True)
            .first()
        )
        if penutupan is None or Laporan.objects.filter(penutupan=penutupan).exclude(status__in=selesai).exists():
            return False
        pesan = _pesan_penutupan(penutupan)
        if pesan:
            send_mass_mail(pesan, fail_silently=False)
        penutupan.diberitahu_pada = timezone.now()
        penutupan.save(update_fields=["diberitahu_pada"])
    return True


def _pesan_penutupan(penutupan: PenutupanTriwulan) -> list[tuple[str, str, str, list[str]]]:
    periode = penutupan.periode
    instansi = periode.instansi
    jobs = list(Laporan.objects.filter(penutupan=penutupan).select_related("opd").order_by("jenis", "opd__nama"))
    penerima = sorted(
        set(
            PeranPengguna.objects.filter(
                instansi=instansi,
                opd__isnull=True,
                peran__in=(Peran.ADMIN_INSTANSI, Peran.ADMIN_BKN),
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not penerima:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        tw = ROMAWI[periode.triwulan]
        subjek = _("Laporan akhir TW %(tw)s %(tahun)s %(instansi)s siap diunduh") % {
            "tw": tw,
            "tahun": periode.tahun,
            "instansi": instansi.nama,
        }
        baris = []
        for job in jobs:
            nama = job.opd.nama if job.opd_id else instansi.nama
            keadaan = (
                _("siap")
                if job.status == Laporan.Status.SELESAI
                else _("gagal: %(alasan)s") % {"alasan": job.alasan_gagal}
            )
            baris.append(f"- {job.judul_jenis} – {nama}: {keadaan}")
        tautan = f"{settings.SITE_URL.rstrip('/')}{reverse('laporan:index')}"
        isi = "\n".join(
            [
                _("Pengisian realisasi TW %(tw)s %(tahun)s %(instansi)s telah ditutup pada %(tanggal)s.")
                % {
                    "tw": tw,
                    "tahun": periode.tahun,
                    "instansi": instansi.nama,
                    "tanggal": penutupan.ditutup.strftime("%d/%m/%Y"),
                },
                _("Laporan berikut telah dibuat dan dapat diunduh di Pusat Unduhan:"),
                "",
                *baris,
                "",
                tautan,
            ]
        )
    return [(subjek, isi, settings.DEFAULT_FROM_EMAIL, [email]) for email in penerima]
