"""Reads of the reports app: the jobs a user may see, the instansi a user may read as a whole, and the dashboards.

Scoping: a job is visible to the user who asked for it, and an automatic one (quarter close) to everyone who may
read its data; the scope is checked again at every read, so a user who lost a role loses their old reports too.
Out of scope is a 404. Dashboards read the stored rows and issue a fixed number of queries whatever the number of
OPDs or indicators.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from evaluasi import selectors_kinerja
from evaluasi.models import CapaianTriwulan, Realisasi, SkorInstansi, SkorOpd
from indikator.efisiensi import Efisiensi
from indikator.models import ROMAWI, Indikator, Periode
from opd.lingkup import get_lingkup
from opd.models import Instansi, Opd, Pegawai

from . import data as d
from .jenis import INSTANSI, OPD, PEGAWAI, REGISTRI
from .models import Laporan

BATAS_TENGGAT_HARI = 7  # an entry window closing within this many days is flagged
SERATUS = Decimal(100)


# -- jobs ------------------------------------------------------------------------------------------------------------


def _jenis(tingkat: str) -> list[str]:
    return [kode for kode, jenis in REGISTRI.items() if jenis.tingkat == tingkat]


def laporan_for_user(*, user) -> QuerySet[Laporan]:
    """The user's own requests and the automatic reports, each only while the user may read its data."""
    lingkup = get_lingkup(user)
    qs = Laporan.objects.select_related("instansi", "opd", "pegawai", "berkas")
    milik = Q(diminta_oleh_id=user.pk) | Q(diminta_oleh__isnull=True)
    if lingkup.superuser:
        return qs.filter(milik)
    scope = Q(pk__in=[])
    if lingkup.instansi_penuh or lingkup.opd_penuh:
        scope |= Q(jenis__in=_jenis(OPD)) & lingkup.opd_q("opd__")
    if lingkup.instansi_penuh:
        scope |= Q(jenis__in=_jenis(INSTANSI), instansi_id__in=lingkup.instansi_penuh)
    # A staff evaluation document: the evaluation cycle's readers of that ASN (their own, their staff, the OPD's...).
    from penilaian.selectors import q_pegawai_terbaca

    scope |= Q(jenis__in=_jenis(PEGAWAI)) & q_pegawai_terbaca(lingkup, "pegawai__")
    return qs.filter(milik & scope)


def laporan_get_for_user(*, user, pk: int) -> Laporan:
    return get_object_or_404(laporan_for_user(user=user), pk=pk)


def instansi_penuh_for_user(*, user) -> QuerySet[Instansi]:
    """Instansi whose every OPD the user may read (Admin BKN, Admin Instansi, Petugas Pengaduan)."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(pk__in=lingkup.instansi_penuh)


def instansi_penuh_get_for_user(*, user, pk: int) -> Instansi:
    return get_object_or_404(instansi_penuh_for_user(user=user), pk=pk)


# -- deadlines -------------------------------------------------------------------------------------------------------


@dataclass
class Tenggat:
    """An entry window closing soon, and how much of it is still to do."""

    instansi: Instansi
    triwulan: int
    ditutup: datetime.date
    sisa_hari: int
    kelengkapan: d.Kelengkapan | None = None

    @property
    def label(self) -> str:
        return selectors_kinerja.label_triwulan(self.triwulan)


def _periode(instansi_ids, tahun: int) -> list[Periode]:
    return list(Periode.objects.filter(instansi_id__in=instansi_ids, tahun=tahun).select_related("instansi"))


def _tenggat(periode: list[Periode], hari_ini: dict[int, datetime.date]) -> list[Tenggat]:
    """Open windows closing within BATAS_TENGGAT_HARI days, judged on the instansi's own date."""
    result = []
    for p in periode:
        today = hari_ini[p.instansi_id]
        if p.status_pada(today) != Periode.Status.TERBUKA:
            continue
        sisa = (p.ditutup - today).days
        if sisa <= BATAS_TENGGAT_HARI:
            result.append(Tenggat(instansi=p.instansi, triwulan=p.triwulan, ditutup=p.ditutup, sisa_hari=sisa))
    return sorted(result, key=lambda t: (t.ditutup, t.instansi.nama))


def hari_ini(instansi: Instansi, sekarang: datetime.datetime | None = None) -> datetime.date:
    from indikator.services import hari_ini_instansi

    if sekarang is None:
        return hari_ini_instansi(instansi)
    from zoneinfo import ZoneInfo

    return sekarang.astimezone(ZoneInfo(instansi.zona_waktu)).date()


def _triwulan_terpilih(diminta: int | None, skor_rows) -> int:
    """The triwulan asked for, else the latest with a computed score, else TW I."""
    if diminta in (1, 2, 3, 4):
        return diminta
    ada = [s.triwulan for s in skor_rows if s.skor is not None]
    return max(ada) if ada else 1


def _empat(rows) -> list:
    by_q = {s.triwulan: s for s in rows}
    return [by_q.get(q) for q in d.TRIWULAN]


# -- OPD -------------------------------------------------------------------------------------------------------------


def _penilaian_final():
    from penilaian.models import Penilaian

    return Penilaian.objects.filter(status__in=(Penilaian.Status.FINAL, Penilaian.Status.DIAKUI))


def boleh_baca_penilaian_opd(lingkup, opd: Opd) -> bool:
    """Who reads the evaluations of an OPD's staff (the evaluation cycle's rule): the instansi's admins and BKN, the
    OPD's team and head."""
    return (
        lingkup.superuser
        or opd.instansi_id in (lingkup.admin_instansi | lingkup.bkn_instansi)
        or opd.pk in (lingkup.tim_opd | lingkup.pimpinan_opd)
    )


@dataclass
class DasborOpd:
    kinerja: selectors_kinerja.KinerjaOpd
    tenggat: list[Tenggat]
    penilaian: Page | None = None  # final staff evaluations of the year, for their documents (a page of them)
    efisiensi: list["EfisiensiTriwulan"] = field(default_factory=list)

    @property
    def ada_anggaran(self) -> bool:
        return any(e.total.pagu is not None for e in self.efisiensi)


@dataclass
class EfisiensiTriwulan:
    triwulan: int
    total: Efisiensi  # the OPD's IKU with a verified budget in this triwulan
    perlu_perhatian: list[str]  # codes of the IKU flagged (absorption high, achievement low)

    @property
    def label(self) -> str:
        return f"TW {ROMAWI[self.triwulan]}"


def efisiensi_opd(*, opd: Opd, tahun: int) -> list[EfisiensiTriwulan]:
    """Budget efficiency of the OPD per triwulan, from the verified pagu and serapan of its active IKU against each
    quarter's own stored achievement (as in its quarterly report). One query."""
    rows = (
        Realisasi.objects.filter(
            indikator__opd=opd,
            indikator__tahun=tahun,
            indikator__jenis=Indikator.Jenis.IKU,
            indikator__aktif=True,
            status=Realisasi.Status.DIVERIFIKASI,
            pagu__isnull=False,
        )
        .annotate(
            capaian_tw=Subquery(
                CapaianTriwulan.objects.filter(
                    indikator_id=OuterRef("indikator_id"), triwulan=OuterRef("triwulan")
                ).values("capaian_triwulan")[:1]
            )
        )
        .order_by("indikator__kode", "indikator_id")
        .values_list("triwulan", "indikator__kode", "pagu", "serapan", "capaian_tw")
    )
    per_tw: dict[int, list] = {q: [] for q in d.TRIWULAN}
    for triwulan, kode, pagu, serapan, capaian in rows:
        per_tw[triwulan].append((kode, pagu, serapan, capaian))
    instansi = opd.instansi
    hasil = []
    for q, items in per_tw.items():
        hasil.append(
            EfisiensiTriwulan(
                triwulan=q,
                total=d.ringkasan_efisiensi_instansi(instansi, [(p, s, c) for _k, p, s, c in items]),
                perlu_perhatian=[
                    kode
                    for kode, p, s, c in items
                    if d.efisiensi_instansi(instansi, pagu=p, serapan=s, capaian=c).perlu_perhatian
                ],
            )
        )
    return hasil


def dasbor_opd(
    *,
    opd: Opd,
    tahun: int,
    lingkup=None,
    sekarang: datetime.datetime | None = None,
    halaman_iku=None,
    halaman_bawah=None,
    halaman_dokumen=None,
) -> DasborOpd:
    """The OPD page's data (evaluasi.selectors_kinerja.kinerja_opd: six queries, pages of its lists), the entry
    deadlines closing soon with what is still to do in them (one query), and for readers of the staff's evaluations a
    page of the final ones of the year (two queries), and the budget efficiency per triwulan (one query)."""
    kinerja = selectors_kinerja.kinerja_opd(opd=opd, tahun=tahun, halaman_iku=halaman_iku, halaman_bawah=halaman_bawah)
    lengkap = {k.triwulan: k for k in kinerja.kelengkapan}
    tenggat = _tenggat(_periode([opd.instansi_id], tahun), {opd.instansi_id: hari_ini(opd.instansi, sekarang)})
    for t in tenggat:
        k = lengkap[t.triwulan]
        t.kelengkapan = d.Kelengkapan(k.jumlah, k.terisi, k.diajukan, k.diverifikasi)
    penilaian = None
    if lingkup is not None and boleh_baca_penilaian_opd(lingkup, opd):
        penilaian = selectors_kinerja.halaman(
            _penilaian_final()
            .filter(pegawai__opd=opd, tahun=tahun)
            .select_related("pegawai")
            .order_by("pegawai__nama", "pegawai_id", "-jenis", "triwulan"),
            halaman_dokumen,
        )
    return DasborOpd(
        kinerja=kinerja, tenggat=tenggat, penilaian=penilaian, efisiensi=efisiensi_opd(opd=opd, tahun=tahun)
    )


# -- instansi --------------------------------------------------------------------------------------------------------


@dataclass
class BarisOpd:
    opd: Opd
    skor: list  # SkorOpd | None at TW I–IV
    peringkat: int | None = None
    kelengkapan: d.Kelengkapan = field(default_factory=d.Kelengkapan)
    di_bawah_target: int = 0
    terpilih: SkorOpd | None = None  # the score at the dashboard's triwulan

    def skor_pada(self, triwulan: int) -> SkorOpd | None:
        return self.skor[triwulan - 1]


@dataclass
class DasborInstansi:
    instansi: Instansi
    tahun: int
    triwulan: int
    skor: list  # SkorInstansi | None at TW I–IV
    opd: list[BarisOpd]
    tenggat: list[Tenggat]
    sebaran: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, count) of staff predikat
    opd_halaman: Page | None = None  # the page of `opd` (ranked) shown in the table and charts

    @property
    def jumlah_dinilai(self) -> int:
        return sum(n for _kode, _label, n in self.sebaran)

    @property
    def skor_terpilih(self) -> SkorInstansi | None:
        return self.skor[self.triwulan - 1]

    @property
    def kelengkapan(self) -> d.Kelengkapan:
        items = [b.kelengkapan for b in self.opd]
        return d.Kelengkapan(
            sum(k.indikator for k in items),
            sum(k.terisi for k in items),
            sum(k.diajukan for k in items),
            sum(k.diverifikasi for k in items),
        )

    @property
    def opd_di_bawah_target(self) -> list[BarisOpd]:
        return [b for b in self.opd if b.di_bawah_target]


def dasbor_instansi(
    *,
    instansi: Instansi,
    tahun: int,
    triwulan: int | None = None,
    sekarang: datetime.datetime | None = None,
    halaman_opd=None,
) -> DasborInstansi:
    """Every OPD's score at TW I–IV (the heat map), ranked at the chosen triwulan, with its completeness and how many
    of its IKU are under target (stored summaries); the instansi's score; the deadlines closing soon; the
    distribution of the staff's predikat in the final evaluations of the triwulan. Seven queries. The ranking covers
    every OPD; `opd_halaman` holds one page of it."""
    opds = list(Opd.objects.filter(instansi=instansi).order_by("nama", "pk"))
    skor_opd: dict[int, list] = {}
    for s in SkorOpd.objects.filter(instansi=instansi, tahun=tahun):
        skor_opd.setdefault(s.opd_id, []).append(s)
    skor_instansi = list(SkorInstansi.objects.filter(instansi=instansi, tahun=tahun))
    tw = _triwulan_terpilih(triwulan, skor_instansi)
    ringkasan = d.ringkasan_per(kelompok="opd_id", instansi_ids=[instansi.pk], tahun=tahun)
    rows = []
    for o in opds:
        r = ringkasan.get(o.pk, {}).get(tw, d.Ringkasan())
        rows.append(
            BarisOpd(
                opd=o,
                skor=_empat(skor_opd.get(o.pk, [])),
                kelengkapan=r.kelengkapan,
                di_bawah_target=r.di_bawah_target,
            )
        )
    ranks = d.peringkat([r.skor_pada(tw).skor if r.skor_pada(tw) else None for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row.peringkat = rank
        row.terpilih = row.skor_pada(tw)
    rows.sort(key=lambda r: (r.peringkat is None, r.peringkat or 0, r.opd.nama))
    tenggat = _tenggat(_periode([instansi.pk], tahun), {instansi.pk: hari_ini(instansi, sekarang)})
    for t in tenggat:
        per_q = [ringkasan.get(o.pk, {}).get(t.triwulan, d.Ringkasan()).kelengkapan for o in opds]
        t.kelengkapan = d.Kelengkapan(
            sum(k.indikator for k in per_q),
            sum(k.terisi for k in per_q),
            sum(k.diajukan for k in per_q),
            sum(k.diverifikasi for k in per_q),
        )
    jumlah = d.sebaran_predikat(kelompok="instansi_id", instansi_ids=[instansi.pk], tahun=tahun, triwulan=tw)
    jumlah = jumlah.get(instansi.pk, {})
    return DasborInstansi(
        instansi=instansi,
        tahun=tahun,
        triwulan=tw,
        skor=_empat(skor_instansi),
        opd=rows,
        tenggat=tenggat,
        sebaran=[(kode, label, jumlah.get(kode, 0)) for kode, label in d.urutan_predikat_pegawai()],
        opd_halaman=selectors_kinerja.halaman(rows, halaman_opd),
    )


# -- BKN -------------------------------------------------------------------------------------------------------------


@dataclass
class BarisInstansi:
    instansi: Instansi
    skor: list  # SkorInstansi | None at TW I–IV
    jumlah_opd: int
    kelengkapan: d.Kelengkapan
    di_bawah_target: int
    terpilih: SkorInstansi | None = None  # the score at the dashboard's triwulan

    def skor_pada(self, triwulan: int) -> SkorInstansi | None:
        return self.skor[triwulan - 1]


@dataclass
class DasborBkn:
    tahun: int
    triwulan: int
    instansi: list[BarisInstansi]  # the page shown
    tenggat: list[Tenggat]
    halaman: Page | None = None


def dasbor_bkn(
    *, instansi_qs: QuerySet[Instansi], tahun: int, triwulan: int | None = None, sekarang=None, halaman_instansi=None
) -> DasborBkn:
    """The instansi a BKN office oversees, side by side, a page at a time: their scores at TW I–IV, number of OPDs,
    completeness and IKU under target at the chosen triwulan (stored summaries), and deadlines closing soon. Seven
    queries (five when the office oversees none)."""
    page = selectors_kinerja.halaman(instansi_qs.order_by("nama", "pk"), halaman_instansi)
    instansi = list(page.object_list)
    ids = [i.pk for i in instansi]
    skor: dict[int, list] = {}
    semua_skor = list(SkorInstansi.objects.filter(instansi_id__in=ids, tahun=tahun)) if ids else []
    for s in semua_skor:
        skor.setdefault(s.instansi_id, []).append(s)
    tw = _triwulan_terpilih(triwulan, semua_skor)
    jumlah_opd = (
        dict(
            Opd.objects.filter(instansi_id__in=ids)
            .order_by()
            .values("instansi_id")
            .annotate(n=Count("pk"))
            .values_list("instansi_id", "n")
        )
        if ids
        else {}
    )
    ringkasan = d.ringkasan_per(kelompok="instansi_id", instansi_ids=ids, tahun=tahun) if ids else {}
    rows = []
    for i in instansi:
        r = ringkasan.get(i.pk, {}).get(tw, d.Ringkasan())
        rows.append(
            BarisInstansi(
                instansi=i,
                skor=_empat(skor.get(i.pk, [])),
                jumlah_opd=jumlah_opd.get(i.pk, 0),
                kelengkapan=r.kelengkapan,
                di_bawah_target=r.di_bawah_target,
                terpilih=_empat(skor.get(i.pk, []))[tw - 1],
            )
        )
    tenggat = _tenggat(_periode(ids, tahun), {i.pk: hari_ini(i, sekarang) for i in instansi}) if ids else []
    for t in tenggat:
        t.kelengkapan = ringkasan.get(t.instansi.pk, {}).get(t.triwulan, d.Ringkasan()).kelengkapan
    page.object_list = rows
    return DasborBkn(tahun=tahun, triwulan=tw, instansi=rows, tenggat=tenggat, halaman=page)


# -- ASN -------------------------------------------------------------------------------------------------------------


@dataclass
class DasborPegawai:
    kinerja: selectors_kinerja.KinerjaPegawai
    tenggat: list[Tenggat]
    penilaian: list = field(default_factory=list)  # own final evaluations of the year

    @property
    def di_bawah_target(self) -> list:
        """Own indicators whose latest to-date achievement is under 100 %."""
        result = []
        for item in self.kinerja.indikator:
            latest = next((b for b in reversed(item.triwulan) if b.capaian and b.capaian.realisasi is not None), None)
            if latest is not None and latest.capaian.capaian_raw is not None and latest.capaian.capaian_raw < SERATUS:
                result.append((item, latest))
        return result


def dasbor_pegawai(*, pegawai: Pegawai, tahun: int, sekarang=None) -> DasborPegawai:
    """The ASN's own indicators and scores (evaluasi.selectors_kinerja.kinerja_pegawai: six queries), the entry
    deadlines closing soon with how many of their own indicators are still empty (one query), and their own final
    evaluations of the year (one query)."""
    kinerja = selectors_kinerja.kinerja_pegawai(pegawai=pegawai, tahun=tahun)
    instansi = pegawai.opd.instansi
    tenggat = _tenggat(_periode([instansi.pk], tahun), {instansi.pk: hari_ini(instansi, sekarang)})
    for t in tenggat:
        baris = [item.triwulan[t.triwulan - 1] for item in kinerja.indikator]
        t.kelengkapan = d.Kelengkapan(
            len(baris),
            sum(1 for b in baris if b.terisi),
            sum(1 for b in baris if b.terisi and b.realisasi.status == "diajukan"),
            sum(1 for b in baris if b.terisi and b.realisasi.status == "diverifikasi"),
        )
    penilaian = list(
        _penilaian_final().filter(pegawai=pegawai, tahun=tahun).select_related("pegawai").order_by("-jenis", "triwulan")
    )
    return DasborPegawai(kinerja=kinerja, tenggat=tenggat, penilaian=penilaian)
