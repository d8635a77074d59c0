"""Writes for rewards: the Admin Instansi's decision and the certificate it produces.

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor.
Rendering a certificate is slow: it is enqueued on commit (reports queue).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import antrian

from .kode import kode_baru
from .models import Penghargaan
from .services import _cek_admin, _simpan


@transaction.atomic
def penghargaan_putuskan(
    *, actor, penghargaan: Penghargaan, setuju: bool, bentuk: str = "", catatan: str = ""
) -> Penghargaan:
    """The Admin Instansi approves (choosing certificate and/or incentive) or declines (with a reason) a reward
    recommendation. An approved certificate gets its verification code now and its PDF from the reports queue."""
    _cek_admin(actor, penghargaan.instansi_id)
    penghargaan = Penghargaan.objects.select_for_update(of=("self",)).select_related("penilaian").get(pk=penghargaan.pk)
    if penghargaan.status != Penghargaan.Status.DIREKOMENDASIKAN:
        raise ValidationError(_("Rekomendasi ini sudah diputuskan."), code="status")
    if not penghargaan.penilaian.sudah_final:
        raise ValidationError(_("Penilaiannya sedang dibuka ulang; putuskan setelah final kembali."), code="status")
    catatan = (catatan or "").strip()
    if setuju:
        penghargaan.status = Penghargaan.Status.DISETUJUI
        penghargaan.bentuk = bentuk or Penghargaan.Bentuk.SERTIFIKAT
        if penghargaan.dengan_sertifikat:
            penghargaan.kode_verifikasi = kode_baru(Penghargaan)
    else:
        if not catatan:
            raise ValidationError({"catatan": _("Tuliskan alasan penolakan.")})
        penghargaan.status = Penghargaan.Status.DITOLAK
    penghargaan.catatan = catatan
    penghargaan.diputuskan_oleh = actor
    penghargaan.diputuskan_pada = timezone.now()
    _simpan(penghargaan, actor)
    if penghargaan.status == Penghargaan.Status.DISETUJUI and penghargaan.dengan_sertifikat:
        _render_on_commit(penghargaan.pk)
    return penghargaan


def _render_on_commit(penghargaan_id: int) -> None:
    from .tasks import render_sertifikat

    antrian.kirim_saat_commit(render_sertifikat, penghargaan_id=penghargaan_id)


def sertifikat_buat(*, penghargaan_id: int) -> bool:
    """Render and store the certificate PDF of an approved reward. Idempotent: nothing happens when the reward is
    gone, not (or no longer) approved, has no certificate, or already has its file. Returns whether it rendered."""
    from .sertifikat import render_sertifikat_pdf

    with transaction.atomic():
        penghargaan = (
            Penghargaan.objects.select_for_update(of=("self",))
            .select_related("pegawai", "pegawai__opd", "instansi", "penilaian", "diputuskan_oleh")
            .filter(pk=penghargaan_id)
            .first()
        )
        if (
            penghargaan is None
            or penghargaan.status != Penghargaan.Status.DISETUJUI
            or not penghargaan.dengan_sertifikat
            or not penghargaan.kode_verifikasi
            or penghargaan.berkas
        ):
            return False
        pdf = render_sertifikat_pdf(penghargaan)
        penghargaan.berkas.save("sertifikat.pdf", ContentFile(pdf), save=False)
        penghargaan.berkas_dibuat_pada = timezone.now()
        penghargaan.save(update_fields=["berkas", "berkas_dibuat_pada"])
    return True
