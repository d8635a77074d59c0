"""Writes for the organisation predikat of an OPD.

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor.
"""

from __future__ import annotations

from django.db import transaction

from opd.models import Opd

from . import aturan
from .kode import kode_baru
from .models import AturanPenilaian, PredikatOpd
from .selectors_opd import batas_organisasi, skor_opd_tahunan
from .services import _cek_admin, _simpan


@transaction.atomic
def predikat_opd_tetapkan(*, actor, opd: Opd, tahun: int, predikat: str, catatan: str = "") -> PredikatOpd:
    """The Admin Instansi sets the OPD's organisation predikat for the year; the score and the suggestion it was set
    against are kept with it."""
    _cek_admin(actor, opd.instansi_id)
    skor = skor_opd_tahunan(opd=opd, tahun=tahun)
    saran = aturan.saran_predikat_organisasi(
        skor.skor if skor else None,
        batas_organisasi(AturanPenilaian.objects.filter(instansi_id=opd.instansi_id).first()),
    )
    obj = PredikatOpd.objects.select_for_update().filter(opd=opd, tahun=tahun).first() or PredikatOpd(
        opd=opd, instansi_id=opd.instansi_id, tahun=tahun
    )
    if obj.pk is None or obj.predikat != predikat or not obj.kode_verifikasi:
        obj.kode_verifikasi = kode_baru(PredikatOpd)  # a printed determination of another predikat stops verifying
    obj.predikat = predikat
    obj.predikat_saran = saran.value if saran else ""
    obj.skor = skor.skor if skor else None
    obj.triwulan_skor = skor.triwulan if skor else None
    obj.catatan = (catatan or "").strip()
    obj.ditetapkan_oleh = actor
    _simpan(obj, actor)
    return obj
