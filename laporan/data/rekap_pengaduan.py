"""Rekap pengaduan of an OPD (the pengaduan app's complaints): counts, response times and ratings of a period."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from opd.models import Opd

from .umum import Kop, batas_periode, kop, label_periode, persen


@dataclass(frozen=True)
class BarisPengaduan:
    """One complaint in the recap: never who filed it (anonim or not, the recap names no reporter)."""

    nomor: str
    tanggal: datetime.date
    jenis: str
    kategori: str
    judul: str
    status: str
    hari_respons: int | None
    tepat_waktu: bool | None
    terlambat: bool
    penilaian: int | None


@dataclass(frozen=True)
class DataRekapPengaduan:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    triwulan: int | None
    periode: str
    awal: datetime.date
    akhir: datetime.date
    per_jenis: tuple[tuple[str, int], ...]
    per_status: tuple[tuple[str, int], ...]
    per_kategori: tuple[tuple[str, int], ...]
    dijawab: int
    terlambat: int
    respons_rerata: Decimal | None  # working days, routing → first response
    respons_median: Decimal | None
    dinilai_tepat: int  # responses judged against the 5-day deadline (answered, or unanswered past it)
    tepat_waktu: int
    penilaian_rerata: Decimal | None  # the reporters' rating, 1–5
    dinilai: int
    terselesaikan: int
    terselesaikan_dari: int
    daftar: tuple[BarisPengaduan, ...]

    @property
    def jumlah(self) -> int:
        return len(self.daftar)

    @property
    def persen_tepat_waktu(self) -> Decimal | None:
        return persen(self.tepat_waktu, self.dinilai_tepat)

    @property
    def persen_terselesaikan(self) -> Decimal | None:
        return persen(self.terselesaikan, self.terselesaikan_dari)


def rekap_pengaduan(*, opd: Opd, tahun: int, triwulan: int | None, hari_ini: datetime.date) -> DataRekapPengaduan:
    """Complaints routed to the OPD and received in the period (dates in the instansi's zone): counts by kind, state
    and category, response time in working days and the share within the deadline (an unanswered one counts as late
    once its deadline passed, as the complaints app counts it), the reporters' ratings, and the list. One query."""
    from indikator.pembulatan import bulatkan
    from pengaduan.models import Pengaduan
    from pengaduan.statistik import median, rerata

    awal, akhir = batas_periode(tahun, triwulan)
    rows = list(
        Pengaduan.objects.filter(opd=opd, tanggal_diterima__range=(awal, akhir))
        .order_by("tanggal_diterima", "pk")
        .only(
            "pk",
            "tanggal_diterima",
            "jenis",
            "kategori",
            "judul",
            "status",
            "hari_respons",
            "respons_tepat_waktu",
            "tenggat_respons",
            "terlambat_sejak",
            "penilaian",
            "terselesaikan",
        )
    )
    S = Pengaduan.Status

    def hitung(field: str, choices) -> tuple[tuple[str, int], ...]:
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            counts[getattr(row, field)] += 1
        return tuple((str(label), counts[kode]) for kode, label in choices if counts[kode] or field != "kategori")

    jenis_label, kategori_label, status_label = (
        dict(Pengaduan.Jenis.choices),
        dict(Pengaduan.Kategori.choices),
        dict(S.choices),
    )
    hari = [r.hari_respons for r in rows if r.hari_respons is not None]
    dinilai_tepat = tepat = 0
    for r in rows:
        if r.respons_tepat_waktu is not None:
            dinilai_tepat += 1
            tepat += bool(r.respons_tepat_waktu)
        elif r.tenggat_respons and r.tenggat_respons < hari_ini:
            dinilai_tepat += 1
    nilai = [r.penilaian for r in rows if r.penilaian is not None]
    selesai = [r.terselesaikan for r in rows if r.terselesaikan is not None]
    rata_hari, med_hari, rata_nilai = rerata(hari), median(hari), rerata(nilai)
    return DataRekapPengaduan(
        kop=kop(opd.instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        triwulan=triwulan,
        periode=label_periode(tahun, triwulan),
        awal=awal,
        akhir=akhir,
        per_jenis=hitung("jenis", Pengaduan.Jenis.choices),
        per_status=hitung("status", S.choices),
        per_kategori=hitung("kategori", Pengaduan.Kategori.choices),
        dijawab=sum(1 for r in rows if r.status in Pengaduan.STATUS_DIJAWAB),
        terlambat=sum(1 for r in rows if r.terlambat_sejak is not None and r.status in Pengaduan.STATUS_TERBUKA),
        respons_rerata=None if rata_hari is None else bulatkan(rata_hari, 2),
        respons_median=None if med_hari is None else bulatkan(med_hari, 1),
        dinilai_tepat=dinilai_tepat,
        tepat_waktu=tepat,
        penilaian_rerata=None if rata_nilai is None else bulatkan(rata_nilai, 2),
        dinilai=len(nilai),
        terselesaikan=sum(1 for v in selesai if v),
        terselesaikan_dari=len(selesai),
        daftar=tuple(
            BarisPengaduan(
                nomor=r.nomor,
                tanggal=r.tanggal_diterima,
                jenis=str(jenis_label.get(r.jenis, r.jenis)),
                kategori=str(kategori_label.get(r.kategori, r.kategori)),
                judul=r.judul,
                status=str(status_label.get(r.status, r.status)),
                hari_respons=r.hari_respons,
                tepat_waktu=r.respons_tepat_waktu,
                terlambat=r.terlambat_sejak is not None and r.status in Pengaduan.STATUS_TERBUKA,
                penilaian=r.penilaian,
            )
            for r in rows
        ),
    )
