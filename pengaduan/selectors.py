"""Reads for complaints, surveys and the public pages. Every staff read is scoped to what the user may see: another
instansi's complaint, or one not routed to the user's OPD, is a 404."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from evaluasi.models import CapaianTriwulan, SkorOpd
from indikator.models import Indikator
from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd

from . import akses
from .ikm import HasilIkm, bulatkan, ikm_dari_jumlah
from .kode import hash_kode, normalisasi
from .models import UNSUR, HariLibur, Layanan, Pengaduan, ResponSurvei, RiwayatPengaduan
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
        if bagian.isdigit():
            kondisi |= Q(pk=int(bagian))
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


# -- days off and services -------------------------------------------------------------------------------------------


def instansi_libur_for_user(*, user) -> QuerySet[Instansi]:
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.order_by("nama")
    return Instansi.objects.filter(pk__in=lingkup.petugas_instansi | lingkup.admin_instansi).order_by("nama")


def hari_libur_for_user(*, user) -> QuerySet[HariLibur]:
    return HariLibur.objects.filter(instansi__in=instansi_libur_for_user(user=user)).select_related("instansi")


def opd_layanan_for_user(*, user) -> QuerySet[Opd]:
    """OPDs whose services the user keeps: their own OPD's team, or every OPD for the Admin Instansi."""
    lingkup = get_lingkup(user)
    qs = Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")
    if lingkup.superuser:
        return qs
    return qs.filter(Q(instansi_id__in=lingkup.admin_instansi) | Q(pk__in=lingkup.tim_opd | lingkup.pimpinan_opd))


def layanan_for_user(*, user) -> QuerySet[Layanan]:
    return Layanan.objects.filter(opd__in=opd_layanan_for_user(user=user)).select_related("opd", "opd__instansi")


# -- survey figures --------------------------------------------------------------------------------------------------


def _agregat_ikm(qs: QuerySet[ResponSurvei], *group: str) -> list[dict]:
    return list(
        qs.order_by()
        .values(*group)
        .annotate(
            responden=Count("pk"),
            **{f"j_{u}": Sum(u) for u, _label in UNSUR},
            **{f"n_{u}": Count(u) for u, _label in UNSUR},
        )
    )


def _hasil(baris: dict) -> HasilIkm:
    return ikm_dari_jumlah(
        [baris[f"j_{u}"] or 0 for u, _label in UNSUR],
        [baris[f"n_{u}"] for u, _label in UNSUR],
        baris["responden"],
    )


def _gabung(daftar: list[dict]) -> HasilIkm:
    """The exact IKM of several groups together: sums and counts add up, means do not."""
    total = defaultdict(int)
    for baris in daftar:
        for kunci, nilai in baris.items():
            if kunci == "responden" or kunci.startswith(("j_", "n_")):
                total[kunci] += nilai or 0
    return _hasil(total)


@dataclass
class IkmOpd:
    opd: Opd
    hasil: HasilIkm
    per_layanan: list[tuple[Layanan | None, HasilIkm]]


def ikm_per_opd(*, opd_list: list[Opd], tahun: int, triwulan: int | None = None) -> list[IkmOpd]:
    """IKM of each OPD and of each of its services in a year (or one triwulan). Two queries."""
    qs = ResponSurvei.objects.filter(opd__in=opd_list, tahun=tahun)
    if triwulan:
        qs = qs.filter(triwulan=triwulan)
    baris = _agregat_ikm(qs, "opd_id", "layanan_id")
    layanan = Layanan.objects.in_bulk({b["layanan_id"] for b in baris if b["layanan_id"]})
    per_opd: dict[int, list[dict]] = defaultdict(list)
    for b in baris:
        per_opd[b["opd_id"]].append(b)
    hasil = []
    for opd in opd_list:
        daftar = per_opd.get(opd.pk, [])
        per_layanan = sorted(
            ((layanan.get(b["layanan_id"]), _hasil(b)) for b in daftar),
            key=lambda item: (item[0] is None, item[0].nama if item[0] else ""),
        )
        hasil.append(IkmOpd(opd, _gabung(daftar), per_layanan))
    return hasil


def saran_terbaru(*, opd_list: list[Opd], tahun: int, batas: int = 20) -> list[ResponSurvei]:
    return list(
        ResponSurvei.objects.filter(opd__in=opd_list, tahun=tahun)
        .exclude(saran="")
        .select_related("opd", "layanan")
        .order_by("-diisi_pada")[:batas]
    )


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


def skor_opd_terakhir(*, opd_ids: list[int], tahun: int) -> dict[int, SkorOpd]:
    """Each OPD's latest score of the year (verified realisations only: the recalculation reads nothing else)."""
    hasil: dict[int, SkorOpd] = {}
    for skor in SkorOpd.objects.filter(opd_id__in=opd_ids, tahun=tahun, jumlah_dihitung__gt=0).order_by("triwulan"):
        hasil[skor.opd_id] = skor
    return hasil


def capaian_iku(*, opd: Opd, tahun: int) -> list[CapaianTriwulan]:
    """The latest computed to-date achievement of each active IKU of the OPD this year (verified values only)."""
    terakhir: dict[int, CapaianTriwulan] = {}
    for capaian in (
        CapaianTriwulan.objects.filter(
            opd=opd,
            tahun=tahun,
            indikator__jenis=Indikator.Jenis.IKU,
            indikator__aktif=True,
            sd_realisasi__isnull=False,
        )
        .select_related("indikator")
        .order_by("indikator__kode", "triwulan")
    ):
        terakhir[capaian.indikator_id] = capaian
    return list(terakhir.values())


def pengaduan_publik(*, opd: Opd, batas: int = 10) -> list[Pengaduan]:
    """Answered complaints of the OPD that may be shown to the public: never rahasia, never the reporter."""
    return list(
        Pengaduan.objects.filter(opd=opd, rahasia=False, status__in=Pengaduan.STATUS_DIJAWAB)
        .only("pk", "judul", "kategori", "jenis", "status", "tanggal_diterima", "tanggal_selesai", "jawaban", "opd_id")
        .order_by("-tanggal_selesai", "-pk")[:batas]
    )


def opd_publik() -> QuerySet[Opd]:
    return Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")
