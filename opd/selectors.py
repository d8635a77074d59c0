"""Reads of organisations, staff and the instansi's days off, always scoped to what the user may see. Out of scope is
a 404."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .lingkup import get_lingkup
from .models import HariLibur, Instansi, Opd, Pegawai, UnitKerja


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
