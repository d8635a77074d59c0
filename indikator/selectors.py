"""Reads of periods and indicators, always scoped to what the user may see. Out of scope is a 404."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd, Pegawai, UnitKerja

from .models import ROMAWI, Indikator, PembukaanUlang, Periode, TargetTriwulan


def rapikan(nilai: Decimal | None) -> Decimal | None:
    """Without the trailing zeros of the 4 stored decimals (100.0000 → 100, 12.5000 → 12.5)."""
    if nilai is None:
        return None
    return nilai.normalize() if nilai != nilai.to_integral_value() else nilai.quantize(Decimal(1))


def angka(nilai: Decimal) -> str:
    """A Decimal as Indonesians write it (1.250,5), without trailing zeros."""
    return number_format(rapikan(nilai), use_l10n=True, force_grouping=True)


# -- periods ---------------------------------------------------------------------------------------------------------


def instansi_admin_for_user(*, user) -> QuerySet[Instansi]:
    """The instansi whose periods this user administers."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(pk__in=lingkup.admin_instansi)


def periode_for_admin(*, user) -> QuerySet[Periode]:
    lingkup = get_lingkup(user)
    qs = Periode.objects.select_related("instansi")
    if lingkup.superuser:
        return qs
    return qs.filter(instansi_id__in=lingkup.admin_instansi)


def periode_get_for_admin(*, user, pk: int) -> Periode:
    return get_object_or_404(periode_for_admin(user=user), pk=pk)


def pembukaan_ulang_for_periode(*, periode_ids: list[int]) -> QuerySet[PembukaanUlang]:
    return PembukaanUlang.objects.filter(periode_id__in=periode_ids).select_related("periode", "oleh")


# -- indicators ------------------------------------------------------------------------------------------------------


def indikator_for_user(*, user) -> QuerySet[Indikator]:
    """Indicators of the OPDs the user may read, and the user's own IKI."""
    lingkup = get_lingkup(user)
    qs = Indikator.objects.select_related("opd", "instansi", "pegawai", "unit", "induk", "induk__pegawai")
    if lingkup.superuser:
        return qs
    condition = Q(pk__in=[])
    if lingkup.instansi_penuh or lingkup.opd_penuh:
        condition |= lingkup.opd_q("opd__")
    if lingkup.pegawai_id:
        condition |= Q(jenis=Indikator.Jenis.IKI, pegawai_id=lingkup.pegawai_id)
    return qs.filter(condition)


def indikator_get_for_user(*, user, pk: int) -> Indikator:
    return get_object_or_404(indikator_for_user(user=user), pk=pk)


def indikator_for_opd(
    *, user, opd: Opd, tahun: int, jenis: str | None = None, unit_id: int | None = None
) -> QuerySet[Indikator]:
    """One OPD's indicators of one year for the list page, IKU first; one query whatever the number of rows."""
    qs = indikator_for_user(user=user).filter(opd=opd, tahun=tahun)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("jenis", "kode", "pegawai__nama", "pk")


def indikator_milik_pegawai(*, user, tahun: int) -> QuerySet[Indikator]:
    """The user's own IKI of one year (the ASN's view)."""
    lingkup = get_lingkup(user)
    if not lingkup.pegawai_id:
        return Indikator.objects.none()
    return indikator_for_user(user=user).filter(pegawai_id=lingkup.pegawai_id, tahun=tahun).order_by("kode")


def opd_dengan_jumlah_indikator(*, qs: QuerySet[Opd], tahun: int) -> QuerySet[Opd]:
    tahun_q = Q(indikator_set__tahun=tahun)
    return qs.annotate(
        jumlah_iku=Count("indikator_set", filter=tahun_q & Q(indikator_set__jenis=Indikator.Jenis.IKU)),
        jumlah_iki=Count("indikator_set", filter=tahun_q & Q(indikator_set__jenis=Indikator.Jenis.IKI)),
    )


def tahun_indikator_opd(*, opd: Opd) -> list[int]:
    return list(Indikator.objects.filter(opd=opd).values_list("tahun", flat=True).distinct().order_by("tahun"))


def unit_opd(*, opd: Opd) -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(opd=opd).order_by("kode")


def pegawai_aktif_opd(*, opd: Opd) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(opd=opd, aktif=True).order_by("nama")


def target_triwulan_for(*, indikator: Indikator) -> dict[int, TargetTriwulan]:
    return {t.triwulan: t for t in TargetTriwulan.objects.filter(indikator=indikator)}


def turunan_for_user(*, user, indikator: Indikator) -> QuerySet[Indikator]:
    """The indicators (IKI) that support this one, among those the user may read."""
    return indikator_for_user(user=user).filter(induk=indikator).order_by("pegawai__nama", "kode")


# -- change history --------------------------------------------------------------------------------------------------

# Fields whose change is not the user's business: bookkeeping of the row itself.
_TANPA_RIWAYAT = {"id", "instansi", "versi", "indikator"}


@dataclass
class Perubahan:
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    pada: datetime.datetime
    oleh: str
    objek: str  # "Indikator" or "Target TW II"
    jenis: str  # "+" created, "~" changed, "-" deleted
    perubahan: list[Perubahan] = field(default_factory=list)

    @property
    def jenis_label(self) -> str:
        return {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}.get(self.jenis, self.jenis)


def _tampil(model, nama_field: str, nilai: Any, label_fk: dict[tuple[str, int], str]) -> str:
    if nilai is None or nilai == "":
        return "–"
    f = model._meta.get_field(nama_field)
    if f.is_relation:
        return label_fk.get((nama_field, nilai), f"#{nilai}")
    if f.choices:
        return str(dict(f.flatchoices).get(nilai, nilai))
    if isinstance(nilai, bool):
        return _("Ya") if nilai else _("Tidak")
    if isinstance(nilai, Decimal):
        return angka(nilai)
    return str(nilai)


def _label_fk(rows: list) -> dict[tuple[str, int], str]:
    """Names for the ids that appear in history rows, fetched in one query per kind."""
    ids: dict[str, set[int]] = {"pegawai": set(), "unit": set(), "induk": set(), "opd": set()}
    for row in rows:
        for nama in ids:
            nilai = getattr(row, f"{nama}_id", None)
            if nilai:
                ids[nama].add(nilai)
    labels: dict[tuple[str, int], str] = {}
    if ids["pegawai"]:
        for p in Pegawai.objects.filter(pk__in=ids["pegawai"]):
            labels[("pegawai", p.pk)] = p.nama_lengkap
    if ids["unit"]:
        for u in UnitKerja.objects.filter(pk__in=ids["unit"]):
            labels[("unit", u.pk)] = u.nama
    if ids["induk"]:
        for i in Indikator.objects.filter(pk__in=ids["induk"]):
            labels[("induk", i.pk)] = str(i)
    if ids["opd"]:
        for o in Opd.objects.filter(pk__in=ids["opd"]):
            labels[("opd", o.pk)] = o.nama
    return labels


def nama_pengguna(user) -> str:
    if user is None:
        return _("Sistem")
    return user.get_full_name() or user.get_username()


def _entri(model, rows: list, objek, label_fk) -> list[EntriRiwayat]:
    """Each history row against the one before it of the same object: what changed, from what to what."""
    entri: list[EntriRiwayat] = []
    sebelumnya: dict[int, Any] = {}
    for row in rows:
        prev = sebelumnya.get(row.id)
        perubahan: list[Perubahan] = []
        if prev is not None and row.history_type == "~":
            delta = row.diff_against(prev, excluded_fields=_TANPA_RIWAYAT)
            urutan = [f.name for f in model._meta.fields]
            for change in sorted(delta.changes, key=lambda c: urutan.index(c.field) if c.field in urutan else 99):
                perubahan.append(
                    Perubahan(
                        label=capfirst(model._meta.get_field(change.field).verbose_name),
                        lama=_tampil(model, change.field, change.old, label_fk),
                        baru=_tampil(model, change.field, change.new, label_fk),
                    )
                )
            if not perubahan:
                sebelumnya[row.id] = row
                continue
        elif row.history_type == "+" and model is TargetTriwulan:
            for nama in ("target_bawah", "target_atas"):
                if getattr(row, nama) is None:
                    continue
                perubahan.append(
                    Perubahan(
                        label=capfirst(model._meta.get_field(nama).verbose_name),
                        lama="–",
                        baru=_tampil(model, nama, getattr(row, nama), label_fk),
                    )
                )
        entri.append(
            EntriRiwayat(
                pada=row.history_date, oleh=nama_pengguna(row.history_user), objek=objek(row), jenis=row.history_type
            )
        )
        entri[-1].perubahan = perubahan
        sebelumnya[row.id] = row
    return entri


def riwayat_indikator(*, indikator: Indikator) -> list[EntriRiwayat]:
    """Who changed the indicator and its quarterly targets, when, and old → new; newest first."""
    rows_ind = list(
        Indikator.history.filter(id=indikator.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    rows_target = list(
        TargetTriwulan.history.filter(indikator_id=indikator.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    label_fk = _label_fk(rows_ind)
    entri = _entri(Indikator, rows_ind, lambda r: _("Indikator"), label_fk)
    entri += _entri(
        TargetTriwulan,
        rows_target,
        lambda r: _("Target TW %(tw)s") % {"tw": ROMAWI.get(r.triwulan, r.triwulan)},
        label_fk,
    )
    entri.sort(key=lambda e: e.pada, reverse=True)
    return entri
