"""Dokumen evaluasi kinerja pegawai: one ASN's evaluation of a quarter or a year, with their indicators."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from indikator.models import Indikator

from .umum import Kop, capaian_prefetch, kop


class DataTidakAda(Exception):
    """The report has nothing to be made from (e.g. no final evaluation): the job fails with this reason."""


@dataclass(frozen=True)
class IndikatorEvaluasi:
    kode: str
    nama: str
    satuan: str
    desimal: int
    target_bawah: Decimal | None  # the triwulan's target (periodic) or the year's (annual)
    target_atas: Decimal | None
    realisasi: Decimal | None  # the triwulan's verified value (periodic) or the year's to date (annual)
    capaian: Decimal | None  # to date, raw
    band: str
    status_capaian: str
    ekspektasi: str  # the rating label given with the feedback (or suggested), "" when none
    umpan_balik: str

    @property
    def rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


@dataclass(frozen=True)
class DataEvaluasiPegawai:
    kop: Kop
    periode: str  # "Triwulan II Tahun 2026" or "Tahun 2026"
    tahunan: bool
    nama: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str
    opd: str
    penilai_nama: str
    penilai_nip: str
    penilai_jabatan: str
    status: str
    skor: Decimal | None
    hasil_kerja: str
    hasil_kerja_saran: str
    alasan_hasil_kerja: str
    perilaku_skor: tuple[tuple[str, int | None], ...]
    perilaku: str
    perilaku_saran: str
    alasan_perilaku: str
    predikat: str
    umpan_balik: str
    difinalkan_pada: datetime.date | None
    diakui_pada: datetime.date | None
    indikator: tuple[IndikatorEvaluasi, ...]
    kode_verifikasi: str = ""  # as printed, ABCD-EFGH-…; "" for an evaluation finalised without one
    alamat_verifikasi: str = ""  # the public page that confirms this code


def evaluasi_pegawai(*, pegawai_id: int, tahun: int, triwulan: int | None) -> DataEvaluasiPegawai:
    """One ASN's final evaluation of a triwulan (or of the year when `triwulan` is None, judged on TW IV): their IKI
    with target, realisation and achievement, the ratings, predikat and feedback, and who evaluated them. Six
    queries. A period without a final evaluation raises DataTidakAda."""
    from django.utils.translation import gettext as _

    from evaluasi.models import SkorPegawai
    from opd.models import Pegawai
    from penilaian.kode import alamat_verifikasi
    from penilaian.models import LABEL_BERAKHLAK, Penilaian, PredikatKinerja, Rating, UmpanBalikIndikator

    pegawai = Pegawai.objects.select_related("opd", "opd__instansi", "unit", "atasan").get(pk=pegawai_id)
    tahunan = triwulan is None
    tw = 4 if tahunan else triwulan
    jenis = Penilaian.Jenis.TAHUNAN if tahunan else Penilaian.Jenis.TRIWULAN
    penilaian = (
        Penilaian.objects.filter(
            pegawai=pegawai,
            tahun=tahun,
            jenis=jenis,
            triwulan=tw,
            status__in=(Penilaian.Status.FINAL, Penilaian.Status.DIAKUI),
        )
        .select_related("penilai")
        .first()
    )
    if penilaian is None:
        raise DataTidakAda(_("Belum ada penilaian final untuk periode ini."))
    umpan = {u.indikator_id: u for u in UmpanBalikIndikator.objects.filter(penilaian=penilaian)}
    rating = dict(Rating.choices)
    indikator = (
        Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True)
        .prefetch_related(capaian_prefetch(tw))
        .order_by("kode", "pk")
    )
    rows = []
    for ind in indikator:
        c = next(iter(ind.capaian_set.all()), None)
        u = umpan.get(ind.pk)
        rows.append(
            IndikatorEvaluasi(
                kode=ind.kode,
                nama=ind.nama,
                satuan=ind.satuan,
                desimal=ind.desimal,
                target_bawah=ind.target_bawah if tahunan else (c.target_bawah if c else None),
                target_atas=ind.target_atas if tahunan else (c.target_atas if c else None),
                realisasi=(c.sd_realisasi if tahunan else c.realisasi) if c else None,
                capaian=c.capaian_raw if c else None,
                band=c.band if c else "",
                status_capaian=c.status if c else "",
                ekspektasi=str(rating.get(u.ekspektasi, "")) if u else "",
                umpan_balik=u.isi if u else "",
            )
        )
    skor = SkorPegawai.objects.filter(pegawai=pegawai, tahun=tahun, triwulan=tw).first()
    atasan = pegawai.atasan
    penilai = penilaian.penilai
    zona = ZoneInfo(pegawai.opd.instansi.zona_waktu)

    def tanggal(moment):
        return moment.astimezone(zona).date() if moment else None

    return DataEvaluasiPegawai(
        kop=kop(pegawai.opd.instansi, pegawai.opd),
        periode=penilaian.label_periode_panjang,
        tahunan=tahunan,
        nama=pegawai.nama_lengkap,
        nip=pegawai.nip,
        pangkat=f"{pegawai.pangkat} ({pegawai.golongan})" if pegawai.pangkat else pegawai.golongan,
        jabatan=pegawai.jabatan,
        unit=pegawai.unit.nama if pegawai.unit else "",
        opd=pegawai.opd.nama,
        # The pejabat penilai is the ASN's superior; without one, the user who evaluated (the OPD's team).
        penilai_nama=atasan.nama_lengkap
        if atasan
        else (penilai.get_full_name() or penilai.username if penilai else ""),
        penilai_nip=atasan.nip if atasan else "",
        penilai_jabatan=atasan.jabatan if atasan else _("Tim Evaluasi OPD"),
        status=str(Penilaian.Status(penilaian.status).label),
        skor=penilaian.skor if penilaian.skor is not None else (skor.skor if skor else None),
        hasil_kerja=str(rating.get(penilaian.hasil_kerja, "")),
        hasil_kerja_saran=str(rating.get(penilaian.hasil_kerja_saran, "")),
        alasan_hasil_kerja=penilaian.alasan_hasil_kerja,
        perilaku_skor=tuple((str(label), getattr(penilaian, nama)) for nama, label in LABEL_BERAKHLAK.items()),
        perilaku=str(rating.get(penilaian.perilaku, "")),
        perilaku_saran=str(rating.get(penilaian.perilaku_saran, "")),
        alasan_perilaku=penilaian.alasan_perilaku,
        predikat=str(PredikatKinerja(penilaian.predikat).label) if penilaian.predikat else "",
        umpan_balik=penilaian.umpan_balik,
        difinalkan_pada=tanggal(penilaian.difinalkan_pada),
        diakui_pada=tanggal(penilaian.diakui_pada),
        indikator=tuple(rows),
        kode_verifikasi=penilaian.kode_tampil,
        alamat_verifikasi=alamat_verifikasi(penilaian.kode_verifikasi) if penilaian.kode_verifikasi else "",
    )
