"""Writes for periods and indicators.

Every service is keyword-only, runs in one transaction, validates with ``full_clean()`` and records its history with
the actor through simple_history. Services check the actor's right themselves too, so that a caller other than a view
(a command, a task) cannot skip it.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd, Pegawai

from .models import Indikator, PembukaanUlang, Periode, TargetTriwulan, jendela_bawaan

# Quarterly targets as the services take them: {triwulan: (target_bawah, target_atas or None)}.
TargetTriwulanData = Mapping[int, tuple[Decimal, Decimal | None]]

# Model fields a form may set on an indicator; everything else (instansi, opd, tahun, versi) is the service's.
FIELD_INDIKATOR = (
    "jenis",
    "pegawai",
    "unit",
    "kode",
    "nama",
    "definisi",
    "formula",
    "satuan",
    "sumber_data",
    "polaritas",
    "agregasi",
    "desimal",
    "bobot",
    "baseline",
    "utama",
    "sumber_realisasi",
    "induk",
    "target_bawah",
    "target_atas",
    "aktif",
)


def hari_ini_instansi(instansi: Instansi) -> datetime.date:
    """Today's date in the instansi's own zone: an entry window closes at midnight in Kupang, not in UTC."""
    return timezone.now().astimezone(ZoneInfo(instansi.zona_waktu)).date()


# -- periods ---------------------------------------------------------------------------------------------------------


def periode_get_or_create(*, instansi: Instansi, tahun: int, triwulan: int) -> Periode:
    """The period, created with the default entry window of domain.md the first time it is needed."""
    dibuka, ditutup = jendela_bawaan(tahun, triwulan)
    periode, _created = Periode.objects.get_or_create(
        instansi=instansi, tahun=tahun, triwulan=triwulan, defaults={"dibuka": dibuka, "ditutup": ditutup}
    )
    return periode


@transaction.atomic
def periode_ensure_year(*, instansi: Instansi, tahun: int) -> list[Periode]:
    return [periode_get_or_create(instansi=instansi, tahun=tahun, triwulan=q) for q in range(1, 5)]


def periode_terbuka(*, periode: Periode, hari_ini: datetime.date | None = None) -> bool:
    hari_ini = hari_ini or hari_ini_instansi(periode.instansi)
    return periode.status_pada(hari_ini) == Periode.Status.TERBUKA


def _cek_admin_periode(actor, periode: Periode) -> None:
    if not get_lingkup(actor).is_admin_instansi(periode.instansi_id):
        raise PermissionDenied


def _kunci_periode(periode: Periode) -> Periode:
    """The period's row, locked for this transaction, so two admins cannot close and reopen it at once."""
    return Periode.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=periode.pk)


@transaction.atomic
def periode_ubah_jendela(*, actor, periode: Periode, dibuka: datetime.date, ditutup: datetime.date) -> Periode:
    """Change the entry window of a period that has not closed yet.

    A closed period is refused: moving its closing date forward would reopen it without the recorded reason that
    domain.md requires; ``periode_buka_ulang`` is the way to do that.
    """
    _cek_admin_periode(actor, periode)
    periode = _kunci_periode(periode)
    if periode.status_pada(hari_ini_instansi(periode.instansi)) == Periode.Status.DITUTUP:
        raise ValidationError(
            _("Periode ini sudah ditutup. Untuk membukanya lagi gunakan Buka ulang dan tuliskan alasannya.")
        )
    periode.dibuka = dibuka
    periode.ditutup = ditutup
    periode.full_clean()
    periode._history_user = actor
    periode.save()
    return periode


@transaction.atomic
def periode_tutup(*, actor, periode: Periode) -> Periode:
    """Lock entry now: the window closes yesterday in the instansi's zone.

    A period that has not opened yet is closed too (its opening date moves back to the same day, the window must stay
    in order); one that is already closed is refused.
    """
    _cek_admin_periode(actor, periode)
    periode = _kunci_periode(periode)
    hari_ini = hari_ini_instansi(periode.instansi)
    if periode.status_pada(hari_ini) == Periode.Status.DITUTUP:
        raise ValidationError(_("Periode %(periode)s sudah ditutup.") % {"periode": periode.label})
    kemarin = hari_ini - datetime.timedelta(days=1)
    periode.ditutup = kemarin
    periode.dibuka = min(periode.dibuka, kemarin)
    periode.full_clean()
    periode._history_user = actor
    periode.save()
    return periode


@transaction.atomic
def periode_buka_ulang(*, actor, periode: Periode, alasan: str, ditutup_baru: datetime.date) -> PembukaanUlang:
    """Reopen a closed period until ``ditutup_baru`` (today or later), recording who, why and the old closing date."""
    _cek_admin_periode(actor, periode)
    periode = _kunci_periode(periode)
    hari_ini = hari_ini_instansi(periode.instansi)
    if periode.status_pada(hari_ini) != Periode.Status.DITUTUP:
        raise ValidationError(_("Hanya periode yang sudah ditutup yang dapat dibuka ulang."))
    errors: dict[str, str] = {}
    alasan = (alasan or "").strip()
    if not alasan:
        errors["alasan"] = _("Tuliskan alasan pembukaan ulang.")
    if ditutup_baru < hari_ini:
        errors["ditutup_baru"] = _("Tanggal tutup baru paling awal hari ini (%(hari_ini)s).") % {
            "hari_ini": date_format(hari_ini, "j F Y")
        }
    if errors:
        raise ValidationError(errors)
    pembukaan = PembukaanUlang(
        periode=periode, oleh=actor, alasan=alasan, ditutup_lama=periode.ditutup, ditutup_baru=ditutup_baru
    )
    periode.ditutup = ditutup_baru
    periode.full_clean()
    periode._history_user = actor
    periode.save()
    pembukaan.full_clean()
    pembukaan.save()
    return pembukaan


# -- indicators ------------------------------------------------------------------------------------------------------


class IndikatorKedaluwarsa(Exception):
    """The indicator changed since the editor opened it; the save is refused, never silently overwrites."""

    def __init__(self, terbaru: Indikator):
        super().__init__(f"indikator {terbaru.pk} is at versi {terbaru.versi}")
        self.terbaru = terbaru


def _cek_boleh_ubah(actor, opd: Opd) -> None:
    if not get_lingkup(actor).can_enter_realisasi(opd.pk, opd.instansi_id):
        raise PermissionDenied


def _simpan_target_triwulan(*, actor, indikator: Indikator, target_triwulan: TargetTriwulanData) -> bool:
    """Create or update the four quarterly targets; only changed rows are saved (and so enter the history)."""
    ada = {t.triwulan: t for t in TargetTriwulan.objects.filter(indikator=indikator)}
    berubah = False
    for triwulan in range(1, 5):
        bawah, atas = target_triwulan[triwulan]
        target = ada.get(triwulan) or TargetTriwulan(indikator=indikator, triwulan=triwulan)
        if target.pk and target.target_bawah == bawah and target.target_atas == atas:
            continue
        target.target_bawah = bawah
        target.target_atas = atas
        target.full_clean()
        target._history_user = actor
        target.save()
        berubah = True
    return berubah


def _nilai(indikator: Indikator, field: str) -> Any:
    """A field's stored value; a relation by its id, so comparing does not fetch the related row."""
    return getattr(indikator, Indikator._meta.get_field(field).attname)


def _nilai_baru(field: str, nilai: Any) -> Any:
    if Indikator._meta.get_field(field).is_relation:
        return nilai.pk if nilai is not None else None
    return nilai


def _simpan(indikator: Indikator) -> None:
    try:
        with transaction.atomic():
            indikator.save()
    except IntegrityError:
        # A race the form's own uniqueness check could not see.
        raise ValidationError({"kode": _("Kode ini sudah dipakai indikator lain di tahun yang sama.")})


@transaction.atomic
def indikator_create(
    *, actor, opd: Opd, tahun: int, data: Mapping[str, Any], target_triwulan: TargetTriwulanData
) -> Indikator:
    """A new IKU or IKI of the OPD for one year, with its four quarterly targets."""
    _cek_boleh_ubah(actor, opd)
    indikator = Indikator(opd=opd, instansi_id=opd.instansi_id, tahun=tahun)
    for field in FIELD_INDIKATOR:
        if field in data:
            setattr(indikator, field, data[field])
    indikator.full_clean()
    indikator._history_user = actor
    _simpan(indikator)
    _simpan_target_triwulan(actor=actor, indikator=indikator, target_triwulan=target_triwulan)
    return indikator


@transaction.atomic
def indikator_update(
    *, actor, indikator: Indikator, versi: int, data: Mapping[str, Any], target_triwulan: TargetTriwulanData
) -> Indikator:
    """Save an edit made from ``versi``; raises IndikatorKedaluwarsa when someone saved in between.

    The version goes up once per saved edit, whether the indicator, its targets or both changed; an edit that changes
    nothing saves nothing.
    """
    terbaru = Indikator.objects.select_for_update(of=("self",)).select_related("opd", "pegawai").get(pk=indikator.pk)
    _cek_boleh_ubah(actor, terbaru.opd)
    if terbaru.versi != versi:
        raise IndikatorKedaluwarsa(terbaru)
    berubah = False
    for field in FIELD_INDIKATOR:
        if field in data and _nilai(terbaru, field) != _nilai_baru(field, data[field]):
            setattr(terbaru, field, data[field])
            berubah = True
    terbaru.full_clean()
    target_berubah = _simpan_target_triwulan(actor=actor, indikator=terbaru, target_triwulan=target_triwulan)
    if berubah or target_berubah:
        terbaru.versi += 1
        terbaru._history_user = actor
        _simpan(terbaru)
    return terbaru


@dataclass(frozen=True)
class HasilSalin:
    """What a copy of last year's indicators did."""

    iku: int
    iki: int
    dilewati: int  # codes already present in the target year, or IKI of staff no longer active in the OPD

    @property
    def jumlah(self) -> int:
        return self.iku + self.iki


def _urut_induk_dulu(daftar: list[Indikator]) -> list[Indikator]:
    """IKI ordered so that a superior's IKI is copied before the IKI that support it."""
    by_pk = {i.pk: i for i in daftar}

    def kedalaman(ind: Indikator, seen: frozenset[int] = frozenset()) -> int:
        induk = by_pk.get(ind.induk_id) if ind.induk_id else None
        if induk is None or induk.pk in seen:
            return 0
        return 1 + kedalaman(induk, seen | {ind.pk})

    return sorted(daftar, key=lambda i: (kedalaman(i), i.kode, i.pk))


@transaction.atomic
def indikator_copy_year(*, actor, opd: Opd, dari_tahun: int, ke_tahun: int) -> HasilSalin:
    """Copy the OPD's active IKU and IKI of ``dari_tahun`` with their quarterly targets into ``ke_tahun``.

    A code that already exists in ``ke_tahun`` (per OPD for IKU, per pegawai for IKI) is skipped, and so is the IKI of
    someone no longer active in the OPD. Cascade links point to the indicator of ``ke_tahun`` with the parent's code
    (the copy, or the one that was already there); a link that would no longer hold (the superior changed) is dropped.
    """
    _cek_boleh_ubah(actor, opd)
    if dari_tahun == ke_tahun:
        raise ValidationError({"ke_tahun": _("Tahun tujuan harus berbeda dari tahun asal.")})
    sumber = list(
        Indikator.objects.filter(opd=opd, tahun=dari_tahun, aktif=True)
        .select_related("induk")
        .prefetch_related("target_triwulan")
        .order_by("jenis", "kode")
    )
    tujuan = Indikator.objects.filter(tahun=ke_tahun).filter(opd=opd)
    iku_ada = {i.kode: i for i in tujuan.filter(jenis=Indikator.Jenis.IKU)}
    iki_ada = {(i.pegawai_id, i.kode): i for i in tujuan.filter(jenis=Indikator.Jenis.IKI)}
    pegawai_aktif = {p.pk: p for p in Pegawai.objects.filter(opd=opd, aktif=True)}

    def cari_induk(induk: Indikator | None) -> Indikator | None:
        if induk is None:
            return None
        if induk.jenis == Indikator.Jenis.IKU:
            return iku_ada.get(induk.kode)
        key = (induk.pegawai_id, induk.kode)
        if key in iki_ada:
            return iki_ada[key]
        # The superior may sit in another OPD, whose indicators this copy does not create.
        return Indikator.objects.filter(
            jenis=Indikator.Jenis.IKI, tahun=ke_tahun, pegawai_id=induk.pegawai_id, kode=induk.kode
        ).first()

    iku = iki = dilewati = 0
    daftar_iku = [i for i in sumber if i.jenis == Indikator.Jenis.IKU]
    daftar_iki = _urut_induk_dulu([i for i in sumber if i.jenis == Indikator.Jenis.IKI])
    for asal in daftar_iku + daftar_iki:
        if asal.jenis == Indikator.Jenis.IKU:
            if asal.kode in iku_ada:
                dilewati += 1
                continue
        elif (asal.pegawai_id, asal.kode) in iki_ada or asal.pegawai_id not in pegawai_aktif:
            dilewati += 1
            continue
        salinan = Indikator(opd=opd, instansi_id=opd.instansi_id, tahun=ke_tahun)
        for field in FIELD_INDIKATOR:
            if field != "induk":
                setattr(salinan, field, getattr(asal, field))
        induk = cari_induk(asal.induk)
        if induk is not None and asal.jenis == Indikator.Jenis.IKI:
            pegawai = pegawai_aktif[asal.pegawai_id]
            sah = (
                induk.opd_id == opd.pk if induk.jenis == Indikator.Jenis.IKU else induk.pegawai_id == pegawai.atasan_id
            )
            salinan.induk = induk if sah else None
        salinan.full_clean()
        salinan._history_user = actor
        salinan.save()
        # Quarters without a stored target (data from before targets were required) take the annual one.
        target = {q: (asal.target_bawah, asal.target_atas) for q in range(1, 5)}
        target.update({t.triwulan: (t.target_bawah, t.target_atas) for t in asal.target_triwulan.all()})
        _simpan_target_triwulan(actor=actor, indikator=salinan, target_triwulan=target)
        if asal.jenis == Indikator.Jenis.IKU:
            iku_ada[salinan.kode] = salinan
            iku += 1
        else:
            iki_ada[(salinan.pegawai_id, salinan.kode)] = salinan
            iki += 1
    return HasilSalin(iku=iku, iki=iki, dilewati=dilewati)
