"""Reads for evaluations, always scoped to what the user may see: the periods, who may read and who evaluates an
ASN, the figures of one evaluation, the evaluator's worklist, and the feedback shown on "Kinerja saya". The OPD's
summary, the follow-up, training and work plans have their own modules (selectors_opd.py, selectors_tindak_lanjut.py,
selectors_pelatihan.py, selectors_rencana.py), built on the scope defined here.

Who sees an ASN's evaluation: the ASN (only once it is final), their evaluators (the superior whose Pegawai record is
linked to the user, and the OPD's Tim Evaluasi), the OPD's Pimpinan, and the instansi's Admin Instansi and Admin BKN.
Anyone else gets a 404. Who evaluates: the superior or the OPD's Tim Evaluasi, never themself. A head of OPD (rule 4a,
selectors_kepala.py) is neither read nor evaluated by their OPD's own roles: only by their superior outside the OPD.

Every list here issues a fixed number of queries whatever the number of rows (subqueries on the scope, prefetches,
never a query per row). Achievements and scores are the stored ones written by evaluasi/recalc.py.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.models import CapaianTriwulan, SkorPegawai
from indikator.models import Indikator
from opd.lingkup import Lingkup, get_lingkup
from opd.models import Pegawai

from . import aturan
from .models import (
    Penilaian,
    RencanaKerja,
    UmpanBalikIndikator,
)
from .selectors_kepala import DasarKepala, adalah_kepala, dasar_kepala

FINAL = (Penilaian.Status.FINAL, Penilaian.Status.DIAKUI)


# -- periods -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodePenilaian:
    """A period of evaluation as it appears in URLs: tw1 … tw4, or tahunan (judged on the TW IV figures)."""

    jenis: str
    triwulan: int

    @classmethod
    def dari_kode(cls, kode: str) -> PeriodePenilaian | None:
        if kode == "tahunan":
            return cls(Penilaian.Jenis.TAHUNAN, 4)
        if len(kode) == 3 and kode.startswith("tw") and kode[2] in "1234":
            return cls(Penilaian.Jenis.TRIWULAN, int(kode[2]))
        return None

    @property
    def kode(self) -> str:
        return "tahunan" if self.tahunan else f"tw{self.triwulan}"

    @property
    def tahunan(self) -> bool:
        return self.jenis == Penilaian.Jenis.TAHUNAN

    @property
    def label(self) -> str:
        return _("Tahunan") if self.tahunan else _("TW %(tw)s") % {"tw": aturan.ROMAWI[self.triwulan]}


SEMUA_PERIODE = [PeriodePenilaian(Penilaian.Jenis.TRIWULAN, q) for q in (1, 2, 3, 4)] + [
    PeriodePenilaian(Penilaian.Jenis.TAHUNAN, 4)
]


def periode_bawaan(hari_ini: datetime.date) -> tuple[int, PeriodePenilaian]:
    """The period due for evaluation today: the quarter that ended last; in TW I that is last year's annual one."""
    q = (hari_ini.month - 1) // 3 + 1
    if q == 1:
        return hari_ini.year - 1, SEMUA_PERIODE[4]
    return hari_ini.year, SEMUA_PERIODE[q - 2]


def periode_bawaan_hari_ini() -> tuple[int, PeriodePenilaian]:
    from django.utils import timezone

    return periode_bawaan(timezone.localdate())


# -- scope ---------------------------------------------------------------------------------------------------------


def q_pegawai_terbaca(lingkup: Lingkup, path: str = "") -> Q:
    """Staff whose evaluations the user may read. ``path`` leads from the queried model to the Pegawai."""
    if lingkup.superuser:
        return Q()
    q = Q(**{f"{path}pk__in": []})
    instansi = lingkup.admin_instansi | lingkup.bkn_instansi
    if instansi:
        q |= Q(**{f"{path}opd__instansi_id__in": instansi})
    opd = lingkup.tim_opd | lingkup.pimpinan_opd
    if opd:
        q |= Q(**{f"{path}opd_id__in": opd}) & ~_q_kepala(path)
    if lingkup.pegawai_id:
        q |= Q(**{f"{path}pk": lingkup.pegawai_id}) | Q(**{f"{path}atasan_id": lingkup.pegawai_id})
    return q


def _q_kepala(path: str = "") -> Q:
    """The heads of their OPD (rule 4a)."""
    return Q(**{f"{path}opd__kepala_id": F(f"{path}pk")})


def q_pegawai_dinilai(lingkup: Lingkup, path: str = "") -> Q:
    """Active staff the user evaluates: their direct reports and, for a Tim Evaluasi, the OPD's staff; not themself."""
    if lingkup.superuser:
        q = Q()
    else:
        q = Q(**{f"{path}pk__in": []})
        if lingkup.tim_opd:
            q |= Q(**{f"{path}opd_id__in": lingkup.tim_opd}) & ~_q_kepala(path)
        if lingkup.pegawai_id:
            # A head's superior must stand outside the head's OPD (rule 4a).
            q |= Q(**{f"{path}atasan_id": lingkup.pegawai_id}) & ~(
                _q_kepala(path) & Q(**{f"{path}opd_id": lingkup.pegawai_opd_id})
            )
    q &= Q(**{f"{path}aktif": True})
    if lingkup.pegawai_id:
        q &= ~Q(**{f"{path}pk": lingkup.pegawai_id})
    return q


def boleh_baca(lingkup: Lingkup, pegawai: Pegawai) -> bool:
    """Without a query: the Pegawai must come with its OPD loaded."""
    if lingkup.superuser:
        return True
    instansi_id = pegawai.opd.instansi_id
    return (
        instansi_id in lingkup.admin_instansi
        or instansi_id in lingkup.bkn_instansi
        or (pegawai.opd_id in (lingkup.tim_opd | lingkup.pimpinan_opd) and not adalah_kepala(pegawai))
        or (lingkup.pegawai_id is not None and lingkup.pegawai_id in (pegawai.pk, pegawai.atasan_id))
    )


def boleh_menilai(lingkup: Lingkup, pegawai: Pegawai) -> bool:
    if lingkup.pegawai_id is not None and pegawai.pk == lingkup.pegawai_id:
        return False  # nobody evaluates themself, whatever else they are
    if lingkup.superuser:
        return True
    if not pegawai.aktif:
        return False
    if adalah_kepala(pegawai):
        # Rule 4a: only the head's own superior, and only from outside the head's OPD.
        return (
            lingkup.pegawai_id is not None
            and pegawai.atasan_id == lingkup.pegawai_id
            and lingkup.pegawai_opd_id != pegawai.opd_id
        )
    return pegawai.opd_id in lingkup.tim_opd or (
        lingkup.pegawai_id is not None and pegawai.atasan_id == lingkup.pegawai_id
    )


def pegawai_penilaian_for_user(*, user) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(q_pegawai_terbaca(get_lingkup(user))).select_related("opd", "opd__instansi", "unit")


def pegawai_penilaian_get(*, user, pk: int) -> Pegawai:
    return get_object_or_404(pegawai_penilaian_for_user(user=user), pk=pk)


def penilaian_for_user(*, user) -> QuerySet[Penilaian]:
    """Evaluations the user may read. The ASN reads their own once final; drafts are the evaluator's work."""
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Penilaian.objects.all()
    lain = q_pegawai_terbaca(dataclasses.replace(lingkup, pegawai_id=None), "pegawai__")
    if lingkup.pegawai_id:
        lain |= Q(pegawai__atasan_id=lingkup.pegawai_id)
        lain |= Q(pegawai_id=lingkup.pegawai_id, status__in=FINAL)
    return Penilaian.objects.filter(lain)


def penilaian_get(*, user, pk: int) -> Penilaian:
    qs = penilaian_for_user(user=user).select_related("pegawai", "pegawai__opd", "pegawai__opd__instansi")
    return get_object_or_404(qs, pk=pk)


def penilaian_periode(*, pegawai: Pegawai, tahun: int, periode: PeriodePenilaian) -> Penilaian | None:
    return (
        Penilaian.objects.filter(pegawai=pegawai, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan)
        .select_related("penilai", "difinalkan_oleh")
        .first()
    )


# -- the figures of one evaluation ----------------------------------------------------------------------------------


@dataclass
class BarisFigur:
    indikator: Indikator
    capaian: CapaianTriwulan | None
    ekspektasi: aturan.Rating | None
    umpan_balik: str = ""


@dataclass
class Figur:
    baris: list[BarisFigur]
    saran: aturan.SaranHasilKerja
    skor: SkorPegawai | None
    toleransi: Decimal
    kepala: DasarKepala | None = None

    @property
    def indikator_ids(self) -> set[int]:
        return {b.indikator.pk for b in self.baris}


def figur_penilaian(*, pegawai: Pegawai, tahun: int, triwulan: int) -> Figur:
    """The ASN's active IKI of the year with their stored to-date achievement at the triwulan, each judged against
    expectation with the instansi's tolerance, and the suggested rating hasil kerja. Three queries; for a head of OPD
    the suggestion follows the organisation predikat instead (rule 4a), three more."""
    indikator = list(
        Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True)
        .prefetch_related(
            Prefetch("capaian_set", queryset=CapaianTriwulan.objects.filter(triwulan=triwulan), to_attr="capaian_tw")
        )
        .order_by("kode", "pk")
    )
    toleransi = pegawai.opd.instansi.toleransi
    items = []
    for ind in indikator:
        c = ind.capaian_tw[0] if ind.capaian_tw else None
        items.append(
            aturan.IndikatorHasilKerja(
                capped=c.capaian if c is not None else None,
                bobot=c.bobot if c is not None else ind.bobot,
                utama=ind.utama,
                kunci=ind.pk,
            )
        )
    saran = aturan.saran_hasil_kerja(items, toleransi)
    kepala = None
    if adalah_kepala(pegawai):
        kepala = dasar_kepala(opd_instansi={pegawai.opd_id: pegawai.opd.instansi_id}, tahun=tahun, triwulan=triwulan)[
            pegawai.opd_id
        ]
        saran = dataclasses.replace(saran, rating=kepala.rating)
    baris = []
    for ind in indikator:
        c = ind.capaian_tw[0] if ind.capaian_tw else None
        baris.append(BarisFigur(ind, c, saran.rating_untuk(ind.pk)))
    skor = SkorPegawai.objects.filter(pegawai=pegawai, tahun=tahun, triwulan=triwulan).first()
    return Figur(baris=baris, saran=saran, skor=skor, toleransi=toleransi, kepala=kepala)


# -- the evaluator's worklist ----------------------------------------------------------------------------------------

STATUS_BELUM = "belum_dimulai"
LABEL_STATUS = {
    STATUS_BELUM: gettext_lazy("Belum dimulai"),
    Penilaian.Status.DRAF: gettext_lazy("Draf"),
    Penilaian.Status.FINAL: gettext_lazy("Final"),
    Penilaian.Status.DIAKUI: gettext_lazy("Diakui"),
}


@dataclass
class BarisDaftar:
    pegawai: Pegawai
    penilaian: Penilaian | None
    skor: SkorPegawai | None
    saran: aturan.Rating | None
    rencana: RencanaKerja | None
    jumlah_di_bawah: int

    @property
    def status(self) -> str:
        return self.penilaian.status if self.penilaian else STATUS_BELUM

    @property
    def status_label(self) -> str:
        return str(LABEL_STATUS[self.status])


def daftar_kerja(*, user, tahun: int, periode: PeriodePenilaian) -> list[BarisDaftar]:
    """Everyone the user evaluates, with the period's status, score, suggested rating hasil kerja, predikat and (for a
    triwulan) work plan. Five queries for a triwulan, four for the annual period, whatever the number of staff; three
    more when heads of OPD are among them (their suggestion follows the organisation predikat, rule 4a)."""
    lingkup = get_lingkup(user)
    pegawai = list(
        Pegawai.objects.filter(q_pegawai_dinilai(lingkup))
        .select_related("opd", "opd__instansi", "unit")
        .order_by("opd__nama", "nama", "pk")
    )
    if not pegawai:
        return []
    lewat = q_pegawai_dinilai(lingkup, "pegawai__")
    capaian: dict[int, list[aturan.IndikatorHasilKerja]] = {}
    for pegawai_id, capped, bobot, utama in CapaianTriwulan.objects.filter(
        lewat, tahun=tahun, triwulan=periode.triwulan, indikator__aktif=True, indikator__jenis=Indikator.Jenis.IKI
    ).values_list("pegawai_id", "capaian", "bobot", "indikator__utama"):
        capaian.setdefault(pegawai_id, []).append(aturan.IndikatorHasilKerja(capped, bobot, utama))
    skor = {s.pegawai_id: s for s in SkorPegawai.objects.filter(lewat, tahun=tahun, triwulan=periode.triwulan)}
    penilaian = {
        p.pegawai_id: p
        for p in Penilaian.objects.filter(lewat, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan)
    }
    rencana = {}
    if not periode.tahunan:
        rencana = {r.pegawai_id: r for r in RencanaKerja.objects.filter(lewat, tahun=tahun, triwulan=periode.triwulan)}
    kepala = dasar_kepala(
        opd_instansi={p.opd_id: p.opd.instansi_id for p in pegawai if adalah_kepala(p)},
        tahun=tahun,
        triwulan=periode.triwulan,
    )
    rows = []
    for p in pegawai:
        saran = aturan.saran_hasil_kerja(capaian.get(p.pk, []), p.opd.instansi.toleransi)
        if adalah_kepala(p):
            saran = dataclasses.replace(saran, rating=kepala[p.opd_id].rating)
        rows.append(
            BarisDaftar(
                pegawai=p,
                penilaian=penilaian.get(p.pk),
                skor=skor.get(p.pk),
                saran=saran.rating,
                rencana=rencana.get(p.pk),
                jumlah_di_bawah=len(saran.di_bawah),
            )
        )
    return rows


def penilaian_saya(*, user) -> list[Penilaian]:
    """The user's own final evaluations, newest first (one query; none without a Pegawai)."""
    pegawai_id = get_lingkup(user).pegawai_id
    if not pegawai_id:
        return []
    return list(
        Penilaian.objects.filter(pegawai_id=pegawai_id, status__in=FINAL).order_by("-tahun", "-jenis", "-triwulan")
    )


# -- feedback on "Kinerja saya" ------------------------------------------------------------------------------------


@dataclass
class UmpanBalikPenilaian:
    penilaian: Penilaian
    per_indikator: list = field(default_factory=list)
    keberatan: object = None  # the objection window, on the ASN's own page (selectors_keberatan.JendelaKeberatan)


def umpan_balik_pegawai(*, user, pegawai: Pegawai, tahun: int) -> list[UmpanBalikPenilaian]:
    """The final evaluations of the year with their overall and per-indicator feedback, for whoever may read them.
    Two queries (none for a reader outside the scope)."""
    if not boleh_baca(get_lingkup(user), pegawai):
        return []
    penilaian = list(
        Penilaian.objects.filter(pegawai=pegawai, tahun=tahun, status__in=FINAL)
        .select_related("penilai")
        .prefetch_related(
            Prefetch(
                "umpan_balik_indikator",
                queryset=UmpanBalikIndikator.objects.select_related("indikator").order_by(
                    "indikator__kode", "indikator__pk"
                ),
            )
        )
        .order_by("-jenis", "-triwulan")
    )
    return [UmpanBalikPenilaian(p, list(p.umpan_balik_indikator.all())) for p in penilaian]


def butir_umpan_balik(daftar: list[UmpanBalikPenilaian]) -> list[dict]:
    """The same feedback flattened for templates/evaluasi/_kinerja_umpan_balik.html (judul, isi, oleh, pada)."""
    butir = []
    for u in daftar:
        p = u.penilaian
        oleh = (p.penilai.get_full_name() or p.penilai.get_username()) if p.penilai else ""
        if p.umpan_balik:
            judul = _("%(periode)s · predikat %(predikat)s") % {
                "periode": p.label_periode,
                "predikat": p.get_predikat_display(),
            }
            butir.append({"judul": judul, "isi": p.umpan_balik, "oleh": oleh, "pada": p.difinalkan_pada})
        for ub in u.per_indikator:
            judul = f"{p.label_periode} · {ub.indikator.kode} {ub.indikator.nama}"
            butir.append({"judul": judul, "isi": ub.isi, "oleh": oleh, "pada": p.difinalkan_pada})
    return butir
