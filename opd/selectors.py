"""Reads of organisations, staff, the instansi's days off and the audit log, always scoped to what the user may see.
Out of scope is a 404."""

import datetime

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .lingkup import get_lingkup
from .models import CatatanAudit, HariLibur, Instansi, Opd, Pegawai, UnitKerja


def instansi_for_user(*, user) -> QuerySet[Instansi]:
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(id__in=lingkup.instansi_terkait)


def opd_for_user(*, user) -> QuerySet[Opd]:
    lingkup = get_lingkup(user)
    if not lingkup.superuser and not lingkup.instansi_penuh and not lingkup.opd_penuh:
        return Opd.objects.none()
    return Opd.objects.filter(lingkup.opd_q()).select_related("instansi")


def opd_get_for_user(*, user, pk: int) -> Opd:
    return get_object_or_404(opd_for_user(user=user), pk=pk)


def unit_for_opd(*, opd: Opd) -> list[UnitKerja]:
    """The OPD's sub-units in tree order (parents before children), each with its depth as `tingkat`."""
    units = list(UnitKerja.objects.filter(opd=opd).order_by("kode"))
    children: dict[int | None, list[UnitKerja]] = {}
    for unit in units:
        children.setdefault(unit.induk_id, []).append(unit)
    ordered: list[UnitKerja] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            unit.tingkat = depth
            ordered.append(unit)
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def pegawai_for_user(*, user) -> QuerySet[Pegawai]:
    """Staff in the OPDs the user may read, and the user's own record."""
    lingkup = get_lingkup(user)
    qs = Pegawai.objects.select_related("opd", "opd__instansi", "unit", "atasan")
    if lingkup.superuser:
        return qs
    condition = Q(pk__in=[])
    if lingkup.instansi_penuh or lingkup.opd_penuh:
        condition |= lingkup.opd_q("opd__")
    if lingkup.pegawai_id:
        condition |= Q(pk=lingkup.pegawai_id)
    return qs.filter(condition)


def pegawai_get_for_user(*, user, pk: int) -> Pegawai:
    return get_object_or_404(pegawai_for_user(user=user), pk=pk)


def pegawai_search(*, qs: QuerySet[Pegawai], q: str = "", opd_id: int | None = None) -> QuerySet[Pegawai]:
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q) | Q(jabatan__icontains=q))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs


# -- days off --------------------------------------------------------------------------------------------------------


def instansi_libur_for_user(*, user) -> QuerySet[Instansi]:
    """Instansi whose days off the user keeps: their Petugas Pengaduan and Admin Instansi."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.order_by("nama")
    return Instansi.objects.filter(pk__in=lingkup.petugas_instansi | lingkup.admin_instansi).order_by("nama")


def hari_libur_for_user(*, user) -> QuerySet[HariLibur]:
    return HariLibur.objects.filter(instansi__in=instansi_libur_for_user(user=user)).select_related("instansi")


def opd_publik() -> QuerySet[Opd]:
    """Every OPD, for the public pages (survey, transparency): they list what anyone may rate and read."""
    return Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")


# -- the audit log ---------------------------------------------------------------------------------------------------


def boleh_baca_audit(lingkup) -> bool:
    """The audit log is read by the Admin Instansi (their instansi) and Admin BKN (the instansi they oversee)."""
    return lingkup.superuser or bool(lingkup.admin_instansi or lingkup.bkn_instansi)


def instansi_audit_for_user(*, user) -> QuerySet[Instansi]:
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.order_by("nama")
    return Instansi.objects.filter(pk__in=lingkup.admin_instansi | lingkup.bkn_instansi).order_by("nama")


def catatan_audit_for_user(*, user) -> QuerySet[CatatanAudit]:
    """Entries of the instansi the user administers or oversees; entries of no instansi only for a superuser."""
    lingkup = get_lingkup(user)
    qs = CatatanAudit.objects.select_related("instansi", "content_type")
    if lingkup.superuser:
        return qs
    return qs.filter(instansi_id__in=lingkup.admin_instansi | lingkup.bkn_instansi)


def catatan_audit_cari(
    *,
    qs: QuerySet[CatatanAudit],
    pengguna: str = "",
    mulai: datetime.datetime | None = None,
    sebelum: datetime.datetime | None = None,
    jenis: str = "",
    objek: str = "",
    objek_id: int | None = None,
    instansi: Instansi | None = None,
) -> QuerySet[CatatanAudit]:
    """Filter entries: username (part of it), from `mulai` up to before `sebelum`, kind, object type ("app.model")
    and id, instansi."""
    if pengguna:
        qs = qs.filter(username__icontains=pengguna)
    if mulai:
        qs = qs.filter(waktu__gte=mulai)
    if sebelum:
        qs = qs.filter(waktu__lt=sebelum)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if objek:
        app_label, model = objek.split(".", 1)
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model)
    if objek_id is not None:
        qs = qs.filter(objek_id=objek_id)
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    return qs


Kursor = tuple[datetime.datetime, int]
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def kursor_teks(kursor: Kursor) -> str:
    waktu, pk = kursor
    return f"{(waktu - _EPOCH) // datetime.timedelta(microseconds=1)}.{pk}"


def kursor_baca(teks: str | None) -> Kursor | None:
    """The position after which a page starts; None for the first page (or anything unreadable)."""
    try:
        mikro, pk = (int(bagian) for bagian in (teks or "").split("."))
        return _EPOCH + datetime.timedelta(microseconds=mikro), pk
    except (ValueError, OverflowError):
        return None


def catatan_audit_halaman(
    *, qs: QuerySet[CatatanAudit], kursor: Kursor | None, jumlah: int
) -> tuple[list[CatatanAudit], Kursor | None]:
    """One page, newest first, after `kursor` (keyset: no count, no offset, the same cost on every page), and the
    cursor of the next page, if there is one."""
    if kursor is not None:
        waktu, pk = kursor
        qs = qs.filter(Q(waktu__lt=waktu) | Q(waktu=waktu, pk__lt=pk))
    rows = list(qs.order_by("-waktu", "-id")[: jumlah + 1])
    if len(rows) <= jumlah:
        return rows, None
    terakhir = rows[jumlah - 1]
    return rows[:jumlah], (terakhir.waktu, terakhir.pk)
