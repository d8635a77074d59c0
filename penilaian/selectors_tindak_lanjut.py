"""Reads for the follow-up of final evaluations: reward recommendations and their certificates (with the public
check of a certificate's code), and training recommendations, scoped to what the user may see.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from indikator.models import Indikator
from opd.lingkup import get_lingkup

from .models import Penghargaan, PesertaPelatihan, RekomendasiPelatihan
from .selectors import FINAL, q_pegawai_terbaca


def penghargaan_for_user(*, user) -> QuerySet[Penghargaan]:
    """Rewards the user may see: the ASN their own, evaluators those of their staff, the admins the instansi's."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        qs = Penghargaan.objects.all()
    else:
        q = Q(instansi_id__in=lingkup.admin_instansi | lingkup.bkn_instansi)
        if lingkup.tim_opd:
            q |= Q(pegawai__opd_id__in=lingkup.tim_opd)
        if lingkup.pegawai_id:
            q |= Q(pegawai_id=lingkup.pegawai_id) | Q(pegawai__atasan_id=lingkup.pegawai_id)
        qs = Penghargaan.objects.filter(q)
    return qs.select_related("pegawai", "pegawai__opd", "penilaian", "diputuskan_oleh")


def penghargaan_get(*, user, pk: int) -> Penghargaan:
    return get_object_or_404(penghargaan_for_user(user=user), pk=pk)


def rekomendasi_pelatihan_for_user(*, user) -> QuerySet[RekomendasiPelatihan]:
    lingkup = get_lingkup(user)
    qs = RekomendasiPelatihan.objects.filter(q_pegawai_terbaca(lingkup, "pegawai__"))
    return qs.select_related("pegawai", "pegawai__opd", "penilaian").prefetch_related(
        Prefetch("indikator", queryset=Indikator.objects.order_by("kode", "pk")),
        Prefetch("peserta_set", queryset=PesertaPelatihan.objects.select_related("pelatihan")),
    )


def penghargaan_dari_kode(kode: str) -> Penghargaan | None:
    """The approved certificate with this verification code, or None: anything else looks the same to the public."""
    kode = normalisasi_kode(kode)
    if not kode:
        return None
    return (
        Penghargaan.objects.filter(
            kode_verifikasi=kode, status=Penghargaan.Status.DISETUJUI, penilaian__status__in=FINAL
        )
        .select_related("pegawai", "pegawai__opd", "instansi", "penilaian")
        .first()
    )


KODE_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
PANJANG_KODE = 20  # 20 × 5 bits = 100 bits: unguessable


def normalisasi_kode(kode: str) -> str:
    """Upper case without spaces and hyphens; empty when it cannot be a code at all."""
    kode = "".join(ch for ch in (kode or "").upper() if ch not in " -")
    if len(kode) != PANJANG_KODE or any(ch not in KODE_ALFABET for ch in kode):
        return ""
    return kode
