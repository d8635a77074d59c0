"""Reads for complaints and their public figures. Every staff read is scoped to what the user may see: another
instansi's complaint, or one not routed to the user's OPD, is a 404."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from indikator.pembulatan import bulatkan
from opd.lingkup import get_lingkup
from opd.masukan import angka
from opd.models import Opd

from . import akses
from .kode import hash_kode, normalisasi
from .models import Pengaduan, RiwayatPengaduan
from .statistik import median, persentase

S = Pengaduan.Status


# -- complaints for staff --------------------------------------------------------------------------------------------


def pengaduan_for_user(*, user) -> QuerySet[Pengaduan]:
    """The Petugas, Admin Instansi and Admin BKN read their instansi's complaints; an OPD's team reads those routed
    to it."""
    lingkup = get_lingkup(user)
    qs = Pengaduan.objects.select_related("instansi", "opd", "opd_usulan")
    if lingkup.superuser:
        return qs
    instansi = akses.pembaca_instansi(lingkup)
    opd = lingkup.opd_penuh
    if not instansi and not opd:
        return qs.none()
    return qs.filter(Q(instansi_id__in=instansi) | Q(opd_id__in=opd))


def pengaduan_get_for_user(*, user, pk: int) -> Pengaduan:
    return get_object_or_404(pengaduan_for_user(user=user), pk=pk)


def boleh_membuka_daftar(user) -> bool:
    lingkup = get_lingkup(user)
    return lingkup.superuser or bool(akses.pembaca_instansi(lingkup) or lingkup.opd_penuh)


def hari_ini_per_instansi(instansi_list) -> dict[int, datetime.date]:
    sekarang = timezone.now()
    return {i.pk: sekarang.astimezone(ZoneInfo(i.zona_waktu)).date() for i in instansi_list}


def q_terlambat(hari_ini_zona: dict[str, datetime.date]) -> Q:
    """Complaints past the deadline their state is held to, with 'today' taken in each instansi's zone."""
    hasil = Q(pk__in=[])
    for zona, hari_ini in hari_ini_zona.items():
        hasil |= Q(instansi__zona_waktu=zona) & (
            Q(status__in=[S.DITERIMA, S.DIVERIFIKASI], tenggat_verifikasi__lt=hari_ini)
            | Q(status=S.DIDISPOSISIKAN, tenggat_respons__lt=hari_ini)
            | Q(status=S.DITINDAKLANJUTI, tenggat_penyelesaian__lt=hari_ini)
            | Q(status=S.DIBUKA_KEMBALI, tenggat_respons_ulang__lt=hari_ini)
        )
    return hasil


def hari_ini_zona() -> dict[str, datetime.date]:
    from opd.models import ZONA_WAKTU_CHOICES

    sekarang = timezone.now()
    return {zona: sekarang.astimezone(ZoneInfo(zona)).date() for zona, _label in ZONA_WAKTU_CHOICES}


def pengaduan_filter(
    qs: QuerySet[Pengaduan], *, q: str = "", status: str = "", opd: Opd | None = None, terlambat: bool = False
) -> QuerySet[Pengaduan]:
    if q:
        nomor = q.upper().removeprefix("PGD-")
        kondisi = Q(judul__icontains=q)
        bagian = nomor.split("-")[-1]
        if angka(bagian) is not None:
            kondisi |= Q(pk=angka(bagian))
        qs = qs.filter(kondisi)
    if status:
        qs = qs.filter(status=status)
    if opd is not None:
        qs = qs.filter(opd=opd)
    if terlambat:
        qs = qs.filter(q_terlambat(hari_ini_zona()))
    return qs


def ringkasan_status(qs: QuerySet[Pengaduan]) -> dict[str, int]:
    return dict(qs.order_by().values_list("status").annotate(n=Count("pk")))


def riwayat(pengaduan: Pengaduan) -> list[RiwayatPengaduan]:
    return list(pengaduan.riwayat_set.select_related("oleh", "opd"))


# -- the reporter ----------------------------------------------------------------------------------------------------


def pengaduan_by_kode(kode: str) -> Pengaduan | None:
    """The complaint a tracking code opens (looked up by the code's hash), or None."""
    if normalisasi(kode) is None:
        return None
    return Pengaduan.objects.select_related("instansi", "opd").filter(kode_hash=hash_kode(kode)).first()


# -- public figures --------------------------------------------------------------------------------------------------


@dataclass
class AngkaPengaduan:
    diterima: int = 0
    dijawab: int = 0
    median_respons: Decimal | None = None
    tepat_waktu: Decimal | None = None  # percent


def angka_pengaduan(*, opd_ids: list[int], tahun: int, hari_ini: datetime.date) -> dict[int, AngkaPengaduan]:
    """Per OPD for a year: complaints received (routed to it), answered, median working days to the first response,
    and the share answered within the 5-day deadline (an unanswered one counts once its deadline passed). Counts
    include rahasia complaints; nothing of their content is read. One query."""
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    baris = (
        Pengaduan.objects.filter(opd_id__in=opd_ids)
        .filter(
            Q(tanggal_diterima__range=(awal, akhir))
            | Q(tanggal_respons__range=(awal, akhir))
            | Q(tenggat_respons__range=(awal, akhir))
        )
        .values_list(
            "opd_id",
            "tanggal_diterima",
            "status",
            "hari_respons",
            "tanggal_respons",
            "respons_tepat_waktu",
            "tenggat_respons",
        )
    )
    hari: dict[int, list[int]] = defaultdict(list)
    tepat: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    hasil = {opd_id: AngkaPengaduan() for opd_id in opd_ids}
    for opd_id, diterima, status, hari_respons, tgl_respons, tepat_waktu, tenggat in baris:
        angka = hasil[opd_id]
        if awal <= diterima <= akhir:
            angka.diterima += 1
            if status in Pengaduan.STATUS_DIJAWAB:
                angka.dijawab += 1
        if hari_respons is not None and tgl_respons and awal <= tgl_respons <= akhir:
            hari[opd_id].append(hari_respons)
        if tenggat and awal <= tenggat <= akhir and (tepat_waktu is not None or tenggat < hari_ini):
            tepat[opd_id][1] += 1
            tepat[opd_id][0] += bool(tepat_waktu)
    for opd_id, angka in hasil.items():
        m = median(hari.get(opd_id, []))
        angka.median_respons = None if m is None else bulatkan(m, 1)
        p = persentase(*tepat[opd_id]) if opd_id in tepat else None
        angka.tepat_waktu = None if p is None else bulatkan(p, 1)
    return hasil


def pengaduan_publik(*, opd: Opd, batas: int = 10) -> list[Pengaduan]:
    """Answered complaints of the OPD that may be shown to the public: never rahasia, never the reporter."""
    return list(
        Pengaduan.objects.filter(opd=opd, rahasia=False, status__in=Pengaduan.STATUS_DIJAWAB)
        .only("pk", "judul", "kategori", "jenis", "status", "tanggal_diterima", "tanggal_selesai", "jawaban", "opd_id")
        .order_by("-tanggal_selesai", "-pk")[:batas]
    )
