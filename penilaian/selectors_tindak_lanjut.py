"""Reads for the follow-up of final evaluations: reward recommendations and their certificates (with the public
check of a certificate's code), and training recommendations, scoped to what the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from indikator.models import Indikator
from opd.lingkup import get_lingkup

from .kode import normalisasi_kode
from .models import Penghargaan, Penilaian, PesertaPelatihan, PredikatOpd, RekomendasiPelatihan
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


@dataclass(frozen=True)
class Dokumen:
    """A document the public verified: which kind (``penghargaan``: a certificate, ``penilaian``: an evaluation
    document, ``predikat_opd``: a predikat determination) and its row."""

    jenis: str
    objek: Penghargaan | Penilaian | PredikatOpd


def dokumen_dari_kode(kode: str) -> Dokumen | None:
    """The valid document with this code: an approved certificate, a final evaluation, an organisation predikat as
    set now; None for anything else, whatever the reason (one answer to the public)."""
    kode = normalisasi_kode(kode)
    if not kode:
        return None
    penghargaan = penghargaan_dari_kode(kode)
    if penghargaan is not None:
        return Dokumen("penghargaan", penghargaan)
    penilaian = (
        Penilaian.objects.filter(kode_verifikasi=kode, status__in=FINAL)
        .select_related("pegawai", "pegawai__opd", "pegawai__unit", "instansi")
        .first()
    )
    if penilaian is not None:
        return Dokumen("penilaian", penilaian)
    predikat = PredikatOpd.objects.filter(kode_verifikasi=kode).select_related("opd", "instansi").first()
    if predikat is not None:
        return Dokumen("predikat_opd", predikat)
    return None
