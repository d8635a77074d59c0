"""The one-time survey invitation sent when a complaint closes: the reporter who left an e-mail address is asked to
rate the OPD's service, once (survei.UndanganSurvei). Here, above both apps, because neither the complaint app nor the
survey app may import the other (docs/architecture.md)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pengaduan.models import Pengaduan, pengaduan_ditutup
from survei.services import undangan_buat

logger = logging.getLogger(__name__)


def alamat_email(kontak: str) -> str:
    """The reporter's contact when it is an e-mail address, else ""."""
    kontak = (kontak or "").strip()
    try:
        validate_email(kontak)
    except ValidationError:
        return ""
    return kontak


@transaction.atomic
def undangan_untuk_pengaduan(*, pengaduan_id: int):
    """Create and send the invitation of a closed complaint. Nothing when the complaint has no OPD, is not closed,
    left no e-mail address, or already has its invitation (idempotent)."""
    pengaduan = (
        Pengaduan.objects.select_related("opd__instansi")
        .filter(pk=pengaduan_id, status=Pengaduan.Status.DITUTUP)
        .first()
    )
    if pengaduan is None or pengaduan.opd is None:
        return None
    email = alamat_email(pengaduan.kontak_pelapor)
    if not email:
        return None
    undangan = undangan_buat(opd=pengaduan.opd, asal=pengaduan.nomor, dikirim_ke=email)
    if undangan is None:
        return None
    tautan = settings.SITE_URL + reverse("survei:undangan", args=[undangan.token])
    with translation.override(settings.LANGUAGE_CODE):
        konteks = {"opd": pengaduan.opd, "nomor": pengaduan.nomor, "tautan": tautan}
        subjek = " ".join(render_to_string("survei/email/undangan_subjek.txt", konteks).split())
        isi = render_to_string("survei/email/undangan.txt", konteks)
    transaction.on_commit(lambda: send_mail(subjek, isi, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True))
    return undangan


@receiver(pengaduan_ditutup)
def _pengaduan_ditutup(sender, pengaduan_id: int, **kwargs) -> None:
    try:
        undangan_untuk_pengaduan(pengaduan_id=pengaduan_id)
    except Exception:
        # The complaint is closed already; a failed invitation must not turn that into an error for the reporter.
        logger.exception("Undangan survei untuk pengaduan %s gagal dibuat", pengaduan_id)
