"""Reads for work plans: an ASN's plan for a triwulan, seen by the same people who may read their evaluations."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from opd.lingkup import get_lingkup
from opd.models import Pegawai

from .models import RencanaKerja
from .selectors import q_pegawai_terbaca


def rencana_get(*, pegawai: Pegawai, tahun: int, triwulan: int) -> RencanaKerja | None:
    return (
        RencanaKerja.objects.filter(pegawai=pegawai, tahun=tahun, triwulan=triwulan)
        .select_related("diputuskan_oleh")
        .prefetch_related("aksi_set")
        .first()
    )


def rencana_for_user(*, user) -> QuerySet[RencanaKerja]:
    return RencanaKerja.objects.filter(q_pegawai_terbaca(get_lingkup(user), "pegawai__")).select_related(
        "pegawai", "pegawai__opd", "pegawai__opd__instansi"
    )


def rencana_get_for_user(*, user, pk: int) -> RencanaKerja:
    return get_object_or_404(rencana_for_user(user=user), pk=pk)
