"""Laporan SKM of an OPD (the survei app's answers): NRR, IKM and grade, per service, the respondents and their
suggestions."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from opd.models import Opd

from .umum import Kop, kop, label_periode


def label_mutu(mutu) -> str:
    from django.utils.translation import gettext as _

    if not mutu:
        return ""
    labels = {"A": _("Sangat Baik"), "B": _("Baik"), "C": _("Kurang Baik"), "D": _("Tidak Baik")}
    return f"{mutu} ({labels[str(mutu)]})"


@dataclass(frozen=True)
class IkmLayanan:
    nama: str
    responden: int
    nrr: tuple[Decimal | None, ...]
    ikm: Decimal | None
    konversi: Decimal | None
    mutu: str


@dataclass(frozen=True)
class SaranSurvei:
    tanggal: datetime.date
    layanan: str
    teks: str


@dataclass(frozen=True)
class DataSkm:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    triwulan: int | None
    periode: str
    unsur: tuple[str, ...]  # the nine elements' names, U1…U9
    total: IkmLayanan
    layanan: tuple[IkmLayanan, ...]
    profil: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (dimension, ((value, count), …))
    saran: tuple[SaranSurvei, ...]
    saran_lainnya: int  # suggestions left out of the list (the newest are shown)


BATAS_SARAN = 100


def laporan_skm(*, opd: Opd, tahun: int, triwulan: int | None) -> DataSkm:
    """The OPD's satisfaction survey over the period (PermenPAN-RB 14/2017): NRR of the nine elements, IKM, konversi
    and grade, overall and per service; the respondents' profile; their suggestions (the newest BATAS_SARAN). The
    IKM arithmetic is the survey app's (exact fractions, rounded once). Five queries."""
    from django.utils.translation import gettext as _

    from survei.models import UNSUR, ResponSurvei
    from survei.selectors import ikm_per_opd

    [hasil] = ikm_per_opd(opd_list=[opd], tahun=tahun, triwulan=triwulan)

    def baris(nama, h) -> IkmLayanan:
        return IkmLayanan(nama, h.jumlah_responden, tuple(h.nrr), h.ikm, h.konversi, label_mutu(h.mutu))

    qs = ResponSurvei.objects.filter(opd=opd, tahun=tahun)
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    profil_rows = list(qs.order_by().values_list("jenis_kelamin", "pendidikan", "pekerjaan", "usia"))
    tanpa = _("Tidak diisi")

    def sebaran(index: int, choices) -> tuple[tuple[str, int], ...]:
        counts: dict[str, int] = defaultdict(int)
        for row in profil_rows:
            counts[row[index] or ""] += 1
        items = [(str(label), counts[kode]) for kode, label in choices]
        return tuple(items + ([(tanpa, counts[""])] if counts[""] else []))

    usia: dict[str, int] = defaultdict(int)
    kelompok = ((None, 24, _("di bawah 25 tahun")), (25, 39, _("25–39 tahun")), (40, 54, _("40–54 tahun")))
    for row in profil_rows:
        umur = row[3]
        if umur is None:
            usia[tanpa] += 1
            continue
        label = next(
            (lbl for lo, hi, lbl in kelompok if (lo is None or umur >= lo) and umur <= hi), _("55 tahun ke atas")
        )
        usia[str(label)] += 1
    urutan_usia = [str(lbl) for _lo, _hi, lbl in kelompok] + [_("55 tahun ke atas"), tanpa]
    saran_qs = qs.exclude(saran="").select_related("layanan").order_by("-diisi_pada", "-pk")
    saran = list(saran_qs[:BATAS_SARAN])
    jumlah_saran = qs.exclude(saran="").count() if len(saran) == BATAS_SARAN else len(saran)
    return DataSkm(
        kop=kop(opd.instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        triwulan=triwulan,
        periode=label_periode(tahun, triwulan),
        unsur=tuple(str(label) for _u, label in UNSUR),
        total=baris(opd.nama, hasil.hasil),
        layanan=tuple(baris(lay.nama if lay else _("Umum / lainnya"), h) for lay, h in hasil.per_layanan),
        profil=(
            (_("Jenis kelamin"), sebaran(0, ResponSurvei.JenisKelamin.choices)),
            (_("Pendidikan"), sebaran(1, ResponSurvei.Pendidikan.choices)),
            (_("Pekerjaan"), sebaran(2, ResponSurvei.Pekerjaan.choices)),
            (_("Usia"), tuple((label, usia[label]) for label in urutan_usia if usia[label] or label != tanpa)),
        ),
        saran=tuple(SaranSurvei(s.tanggal, s.layanan.nama if s.layanan else "", s.saran) for s in saran),
        saran_lainnya=jumlah_saran - len(saran),
    )
