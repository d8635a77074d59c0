"""Escalation emails for overdue complaints: plain text only, so whatever a reporter typed is shown as typed.

Never the reporter's identity: the OPD head may be the very ASN the complaint is about.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from opd.models import Peran

from .models import Eskalasi, Pengaduan

logger = logging.getLogger(__name__)


def penerima_eskalasi(pengaduan: Pengaduan, tahap: str) -> list[str]:
    """The instansi's Petugas Pengaduan, and for a late OPD step the OPD head's user when one is linked."""
    User = get_user_model()
    alamat = list(
        User.objects.filter(
            is_active=True,
            peran_set__peran=Peran.PETUGAS_PENGADUAN,
            peran_set__instansi_id=pengaduan.instansi_id,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if tahap != Eskalasi.Tahap.VERIFIKASI and pengaduan.opd_id:
        kepala = pengaduan.opd.kepala
        user = kepala.user if kepala is not None else None
        if user is not None and user.is_active and user.email and user.email not in alamat:
            alamat.append(user.email)
    return alamat


def _satu_baris(teks: str) -> str:
    """A mail header holds one line: a title with line breaks would be refused (header injection)."""
    return " ".join(str(teks).split())


def kirim_eskalasi(*, pengaduan: Pengaduan, tahap: str, tenggat: datetime.date, pada: datetime.datetime) -> bool:
    """Record and send the escalation of one missed deadline, once. Returns whether it was new."""
    penerima = penerima_eskalasi(pengaduan, tahap)
    _eskalasi, baru = Eskalasi.objects.get_or_create(
        pengaduan=pengaduan,
        tahap=tahap,
        tenggat=tenggat,
        defaults={"dikirim_pada": pada, "penerima": ", ".join(penerima)},
    )
    if not baru:
        return False
    if not penerima:
        logger.warning("Pengaduan %s melewati tenggat %s tanpa penerima eskalasi", pengaduan.pk, tahap)
        return True
    konteks = {
        "pengaduan": pengaduan,
        "tahap": Eskalasi.Tahap(tahap).label,
        "tenggat": tenggat,
        "tautan": reverse("pengaduan:detail", args=[pengaduan.pk]),
    }
    subjek = _satu_baris(render_to_string("pengaduan/email/eskalasi_subjek.txt", konteks))
    isi = render_to_string("pengaduan/email/eskalasi.txt", konteks)
    transaction.on_commit(lambda: send_mail(subjek, isi, settings.DEFAULT_FROM_EMAIL, penerima, fail_silently=False))
    _beri_tahu_eskalasi(pengaduan, tahap, tenggat)
    return True


def _beri_tahu_eskalasi(pengaduan: Pengaduan, tahap: str, tenggat: datetime.date) -> None:
    """The escalation in the application too, for the same people (the instansi's Petugas, the OPD head)."""
    from django.utils import translation

    from opd.models import JenisNotifikasi
    from opd.notifikasi import beri_tahu, pengguna_peran

    penerima = pengguna_peran(peran=[Peran.PETUGAS_PENGADUAN], instansi_ids=[pengaduan.instansi_id])
    if tahap != Eskalasi.Tahap.VERIFIKASI and pengaduan.opd_id and pengaduan.opd.kepala_id:
        kepala = pengaduan.opd.kepala.user_id
        if kepala:
            penerima.append(kepala)
    with translation.override("id"):
        teks = _("Pengaduan %(nomor)s melewati tenggat %(tahap)s (%(tenggat)s) dan dieskalasi.") % {
            "nomor": pengaduan.nomor,
            "tahap": Eskalasi.Tahap(tahap).label,
            "tenggat": tenggat.strftime("%d/%m/%Y"),
        }
    beri_tahu(
        users=penerima,
        jenis=JenisNotifikasi.PENGADUAN_TERLAMBAT,
        teks=teks,
        tautan=reverse("pengaduan:detail", args=[pengaduan.pk]),
        kunci=f"eskalasi:{pengaduan.pk}:{tahap}:{tenggat.isoformat()}",
    )
