"""Writes for the training catalogue and its participants.

Every function is keyword-only, runs in one transaction, checks the actor's right itself (a command or a task
cannot skip it), validates with ``full_clean()`` and keeps its history through simple_history with the actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator.models import Indikator
from opd.models import Instansi, Pegawai

from .models import Pelatihan, PesertaPelatihan, RekomendasiPelatihan
from .services import _cek_admin, _simpan

FIELD_PELATIHAN = ("topik", "deskripsi", "tanggal_mulai", "tanggal_selesai", "penyelenggara", "tempat")


@transaction.atomic
def pelatihan_simpan(*, actor, instansi: Instansi, data: Mapping, pelatihan: Pelatihan | None = None) -> Pelatihan:
    """Add a training to the instansi's catalogue, or change one."""
    _cek_admin(actor, instansi.pk)
    if pelatihan is not None and pelatihan.instansi_id != instansi.pk:
        raise PermissionDenied
    obj = pelatihan or Pelatihan(instansi=instansi)
    for nama in FIELD_PELATIHAN:
        if nama in data:
            setattr(obj, nama, data[nama])
    _simpan(obj, actor)
    return obj


def _sinkron_rekomendasi(peserta: PesertaPelatihan, actor) -> None:
    rekomendasi = peserta.rekomendasi
    if rekomendasi is None or rekomendasi.status == RekomendasiPelatihan.Status.DIBATALKAN:
        return
    status = {
        PesertaPelatihan.Kehadiran.TERDAFTAR: RekomendasiPelatihan.Status.DIJADWALKAN,
        PesertaPelatihan.Kehadiran.HADIR: RekomendasiPelatihan.Status.SELESAI,
        PesertaPelatihan.Kehadiran.TIDAK_HADIR: RekomendasiPelatihan.Status.DIREKOMENDASIKAN,
    }[peserta.kehadiran]
    if rekomendasi.status != status:
        rekomendasi.status = status
        _simpan(rekomendasi, actor)


def _indikator_pegawai(pegawai: Pegawai, ids: Iterable[int]) -> list[int]:
    """Only the participant's own IKI may be related to their participation."""
    return list(
        Indikator.objects.filter(pk__in=list(ids), pegawai=pegawai, jenis=Indikator.Jenis.IKI).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def peserta_tambah(
    *, actor, pelatihan: Pelatihan, pegawai: Pegawai, rekomendasi: RekomendasiPelatihan | None = None
) -> PesertaPelatihan:
    """Register an ASN of the instansi for a training, optionally answering their training recommendation. The
    related indicators start as the participant's indicators of the training's year with the codes the
    recommendation named (or the named ones themselves when they are of that year)."""
    _cek_admin(actor, pelatihan.instansi_id)
    if pegawai.opd.instansi_id != pelatihan.instansi_id:
        raise ValidationError({"pegawai": _("Peserta harus pegawai instansi penyelenggara.")})
    if PesertaPelatihan.objects.filter(pelatihan=pelatihan, pegawai=pegawai).exists():
        raise ValidationError({"pegawai": _("Pegawai ini sudah terdaftar pada pelatihan ini.")})
    ids: list[int] = []
    if rekomendasi is not None:
        if rekomendasi.pegawai_id != pegawai.pk:
            raise ValidationError({"rekomendasi": _("Rekomendasi itu untuk pegawai lain.")})
        kode = list(rekomendasi.indikator.values_list("kode", flat=True))
        ids = list(
            Indikator.objects.filter(
                pegawai=pegawai, jenis=Indikator.Jenis.IKI, tahun=pelatihan.tanggal_mulai.year, kode__in=kode
            ).values_list("pk", flat=True)
        )
    peserta = PesertaPelatihan(pelatihan=pelatihan, pegawai=pegawai, rekomendasi=rekomendasi)
    _simpan(peserta, actor)
    peserta.indikator.set(ids)
    _sinkron_rekomendasi(peserta, actor)
    return peserta


@transaction.atomic
def peserta_ubah(*, actor, peserta: PesertaPelatihan, kehadiran: str, indikator_ids: Iterable[int]) -> PesertaPelatihan:
    """Record attendance and choose the related indicators (the participant's own IKI only)."""
    _cek_admin(actor, peserta.pelatihan.instansi_id)
    peserta = PesertaPelatihan.objects.select_for_update(of=("self",)).select_related("rekomendasi").get(pk=peserta.pk)
    peserta.kehadiran = kehadiran
    _simpan(peserta, actor)
    peserta.indikator.set(_indikator_pegawai(peserta.pegawai, indikator_ids))
    _sinkron_rekomendasi(peserta, actor)
    return peserta
