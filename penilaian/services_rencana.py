"""Writes for work plans: the ASN drafts and submits, the superior approves or returns.

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import Indikator
from opd.lingkup import get_lingkup
from opd.models import Pegawai

from .models import RencanaAksi, RencanaKerja
from .selectors import boleh_menilai
from .services import Kedaluwarsa, _simpan, _simpan_baru


@transaction.atomic
def rencana_simpan(
    *,
    actor,
    pegawai: Pegawai,
    tahun: int,
    triwulan: int,
    versi: int,
    aksi: Mapping[int, tuple[str, str]],
    ajukan: bool = False,
) -> RencanaKerja:
    """The ASN drafts (or submits) their work plan for a triwulan: per active indicator, the actions and when.
    Only the ASN; only a draft or a returned plan; only from the version they saw. Submitting needs an action for
    every indicator."""
    if get_lingkup(actor).pegawai_id != pegawai.pk:
        raise PermissionDenied
    rencana = RencanaKerja.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun, triwulan=triwulan).first()
    if rencana is None:
        if versi != 0:
            raise Kedaluwarsa(None)
        rencana = RencanaKerja(
            pegawai=pegawai, instansi_id=pegawai.opd.instansi_id, tahun=tahun, triwulan=triwulan, versi=0
        )
    elif rencana.versi != versi:
        raise Kedaluwarsa(rencana)
    if not rencana.dapat_diubah:
        raise ValidationError(
            _("Rencana kerja berstatus %(status)s tidak dapat diubah.") % {"status": rencana.get_status_display()},
            code="status",
        )
    indikator = list(
        Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True).order_by("kode")
    )
    if ajukan:
        kosong = [i.kode for i in indikator if not (aksi.get(i.pk, ("", ""))[0] or "").strip()]
        if not indikator:
            raise ValidationError(_("Belum ada IKI tahun ini untuk direncanakan."), code="kosong")
        if kosong:
            raise ValidationError(
                _("Tuliskan rencana aksi untuk setiap indikator sebelum mengajukan (belum: %(kode)s).")
                % {"kode": ", ".join(kosong)},
                code="belum_lengkap",
            )
        rencana.status = RencanaKerja.Status.DIAJUKAN
        rencana.diajukan_pada = timezone.now()
    elif rencana.status == RencanaKerja.Status.DIKEMBALIKAN:
        rencana.status = RencanaKerja.Status.DRAF
    rencana.versi += 1
    rencana.full_clean(validate_unique=False, validate_constraints=False)
    rencana._history_user = actor
    _simpan_baru(rencana)
    ada = {a.indikator_id: a for a in RencanaAksi.objects.filter(rencana=rencana)}
    for ind in indikator:
        teks, jadwal = aksi.get(ind.pk, ("", ""))
        teks, jadwal = (teks or "").strip(), (jadwal or "").strip()
        lama = ada.get(ind.pk)
        if not teks:
            if lama is not None:
                lama._history_user = actor
                lama.delete()
            continue
        if lama is not None and (lama.aksi, lama.jadwal) == (teks, jadwal):
            continue
        obj = lama or RencanaAksi(rencana=rencana, indikator=ind)
        obj.aksi, obj.jadwal = teks, jadwal
        _simpan(obj, actor)
    return rencana


@transaction.atomic
def rencana_putuskan(*, actor, rencana: RencanaKerja, versi: int, setuju: bool, catatan: str = "") -> RencanaKerja:
    """The superior (or the OPD's Tim Evaluasi) approves a submitted plan, or returns a submitted or approved one
    with a note for the ASN to revise."""
    if not boleh_menilai(get_lingkup(actor), rencana.pegawai):
        raise PermissionDenied
    rencana = RencanaKerja.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=rencana.pk)
    if rencana.versi != versi:
        raise Kedaluwarsa(rencana)
    catatan = (catatan or "").strip()
    if setuju:
        if rencana.status != RencanaKerja.Status.DIAJUKAN:
            raise ValidationError(_("Hanya rencana kerja yang diajukan yang dapat disetujui."), code="status")
        rencana.status = RencanaKerja.Status.DISETUJUI
    else:
        if rencana.status not in (RencanaKerja.Status.DIAJUKAN, RencanaKerja.Status.DISETUJUI):
            raise ValidationError(_("Hanya rencana kerja yang diajukan atau disetujui yang dapat dikembalikan."))
        if not catatan:
            raise ValidationError({"catatan": _("Tuliskan catatan agar pegawai tahu apa yang perlu diperbaiki.")})
        rencana.status = RencanaKerja.Status.DIKEMBALIKAN
    rencana.catatan_atasan = catatan
    rencana.diputuskan_oleh = actor
    rencana.diputuskan_pada = timezone.now()
    rencana.versi += 1
    _simpan(rencana, actor)
    return rencana
