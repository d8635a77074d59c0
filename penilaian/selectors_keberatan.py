"""Reads for objections (keberatan) and calibration sessions, scoped to the user.

Who decides an objection: the evaluator's own superior (``atasan_penilai``, recorded when it was filed), the OPD's
Pimpinan (not for the head of that OPD, rule 4a) and the instansi's Admin Instansi, who acts as its calibration team;
never the ASN who objects nor the evaluator whose predikat is disputed. Who reads it: whoever may read the evaluation,
and whoever decides it. Anyone else gets a 404.

Who runs a calibration session: the OPD's Tim Evaluasi and Pimpinan and the instansi's Admin Instansi; the Admin BKN
reads it too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opd.kalender import kalender_instansi, tanggal_lokal
from opd.lingkup import Lingkup, get_lingkup
from opd.models import Opd

from . import aturan
from .models import AturanPenilaian, Keberatan, Penilaian, PerubahanKalibrasi, PredikatKinerja, SesiKalibrasi
from .selectors import FINAL, PeriodePenilaian, penilaian_for_user
from .selectors_opd import Distribusi, RingkasanOpd, ringkasan_opd

HARI_KEBERATAN_BAWAAN = 14


# -- objections ------------------------------------------------------------------------------------------------------


def hari_keberatan(instansi_id: int) -> int:
    """The instansi's number of working days for an objection (one query)."""
    nilai = AturanPenilaian.objects.filter(instansi_id=instansi_id).values_list("hari_keberatan", flat=True).first()
    return nilai or HARI_KEBERATAN_BAWAAN


def q_keberatan_diputuskan(lingkup: Lingkup) -> Q:
    """Objections this user decides (whatever their state)."""
    if lingkup.superuser:
        return Q()
    q = Q(pk__in=[])
    if lingkup.admin_instansi:
        q |= Q(instansi_id__in=lingkup.admin_instansi)
    if lingkup.pimpinan_opd:
        q |= Q(pegawai__opd_id__in=lingkup.pimpinan_opd) & ~Q(pegawai__opd__kepala_id=F("pegawai_id"))
    if lingkup.pegawai_id:
        q |= Q(atasan_penilai_id=lingkup.pegawai_id)
        q &= ~Q(pegawai_id=lingkup.pegawai_id)
    if lingkup.user_id:
        q &= ~Q(penilaian__penilai_id=lingkup.user_id)
    return q


def boleh_putuskan(lingkup: Lingkup, keberatan: Keberatan) -> bool:
    """Without a query: the objection must come with its Pegawai, OPD and evaluation loaded."""
    if lingkup.pegawai_id is not None and keberatan.pegawai_id == lingkup.pegawai_id:
        return False
    if lingkup.user_id is not None and keberatan.penilaian.penilai_id == lingkup.user_id:
        return False
    if lingkup.superuser or keberatan.instansi_id in lingkup.admin_instansi:
        return True
    pegawai = keberatan.pegawai
    if pegawai.opd_id in lingkup.pimpinan_opd and pegawai.opd.kepala_id != pegawai.pk:
        return True
    return lingkup.pegawai_id is not None and keberatan.atasan_penilai_id == lingkup.pegawai_id


def keberatan_for_user(*, user) -> QuerySet[Keberatan]:
    lingkup = get_lingkup(user)
    if lingkup.superuser:
        return Keberatan.objects.all()
    return Keberatan.objects.filter(
        Q(penilaian__in=penilaian_for_user(user=user).values("pk")) | q_keberatan_diputuskan(lingkup)
    )


def keberatan_get(*, user, pk: int) -> Keberatan:
    qs = keberatan_for_user(user=user).select_related(
        "pegawai", "pegawai__opd", "penilaian", "penilaian__penilai", "instansi", "diputuskan_oleh", "atasan_penilai"
    )
    return get_object_or_404(qs, pk=pk)


def _daftar(qs: QuerySet[Keberatan]) -> list[Keberatan]:
    return list(
        qs.select_related("pegawai", "pegawai__opd", "penilaian", "diputuskan_oleh").order_by("-diajukan_pada", "-pk")
    )


def keberatan_menunggu(*, user) -> list[Keberatan]:
    """Objections still to decide that this user decides, oldest first (one query)."""
    lingkup = get_lingkup(user)
    qs = Keberatan.objects.filter(q_keberatan_diputuskan(lingkup), status=Keberatan.Status.DIAJUKAN)
    return list(qs.select_related("pegawai", "pegawai__opd", "penilaian").order_by("diajukan_pada", "pk"))


def keberatan_saya(*, user) -> list[Keberatan]:
    """The user's own objections, newest first (one query; none without a Pegawai)."""
    pegawai_id = get_lingkup(user).pegawai_id
    if not pegawai_id:
        return []
    return _daftar(Keberatan.objects.filter(pegawai_id=pegawai_id))


def keberatan_terbaca(*, user, batas: int = 50) -> list[Keberatan]:
    """The latest objections the user may read, decided or not (one query)."""
    return _daftar(keberatan_for_user(user=user))[:batas]


@dataclass(frozen=True)
class JendelaKeberatan:
    """Whether the ASN may object to one evaluation today, and until when."""

    batas: datetime.date | None
    terbuka: bool
    keberatan: Keberatan | None


def jendela_keberatan(*, penilaian: Penilaian) -> JendelaKeberatan:
    """The objection window of one final evaluation and the objection filed since it was finalised, if any. Three
    queries; none for an evaluation that is not final. The evaluation must come with its instansi loaded."""
    return jendela_keberatan_banyak(daftar=[penilaian], instansi=penilaian.instansi)[penilaian.pk]


def jendela_keberatan_banyak(*, daftar: list[Penilaian], instansi) -> dict[int, JendelaKeberatan]:
    """The objection windows of several evaluations of one instansi: three queries whatever their number (none when
    none is final)."""
    final = [p for p in daftar if p.sudah_final and p.difinalkan_pada is not None and p.predikat]
    hasil = {p.pk: JendelaKeberatan(None, False, None) for p in daftar}
    if not final:
        return hasil
    hari, libur = hari_keberatan(instansi.pk), kalender_instansi(instansi.pk)
    hari_ini = tanggal_lokal(instansi, timezone.now())
    terakhir: dict[int, Keberatan] = {}
    for k in Keberatan.objects.filter(penilaian__in=[p.pk for p in final]).order_by("diajukan_pada", "pk"):
        terakhir[k.penilaian_id] = k
    for p in final:
        batas = aturan.batas_keberatan(tanggal_lokal(instansi, p.difinalkan_pada), hari, libur)
        k = terakhir.get(p.pk)
        if k is not None and k.diajukan_pada < p.difinalkan_pada:
            k = None  # filed against an earlier finalisation, before a reopening
        hasil[p.pk] = JendelaKeberatan(batas, k is None and hari_ini <= batas, k)
    return hasil


# -- calibration -----------------------------------------------------------------------------------------------------


def q_opd_kalibrasi(lingkup: Lingkup, *, ubah: bool) -> Q:
    """OPDs whose calibration sessions the user runs (``ubah``) or reads."""
    if lingkup.superuser:
        return Q()
    instansi = set(lingkup.admin_instansi)
    if not ubah:
        instansi |= lingkup.bkn_instansi
    return Q(instansi_id__in=instansi) | Q(id__in=lingkup.tim_opd | lingkup.pimpinan_opd)


def opd_kalibrasi_for_user(*, user, ubah: bool = False) -> QuerySet[Opd]:
    return Opd.objects.filter(q_opd_kalibrasi(get_lingkup(user), ubah=ubah)).select_related("instansi")


def boleh_kalibrasi(lingkup: Lingkup, opd: Opd) -> bool:
    return (
        lingkup.superuser
        or opd.instansi_id in lingkup.admin_instansi
        or opd.pk in lingkup.tim_opd
        or opd.pk in lingkup.pimpinan_opd
    )


def sesi_for_user(*, user) -> QuerySet[SesiKalibrasi]:
    return SesiKalibrasi.objects.filter(opd__in=opd_kalibrasi_for_user(user=user).values("pk")).select_related(
        "opd", "opd__instansi", "dibuka_oleh", "ditutup_oleh"
    )


def sesi_get(*, user, pk: int) -> SesiKalibrasi:
    return get_object_or_404(sesi_for_user(user=user), pk=pk)


def sesi_daftar(*, user) -> list[SesiKalibrasi]:
    """The sessions the user may read, newest period first (one query)."""
    return list(sesi_for_user(user=user).order_by("-tahun", "-triwulan", "jenis", "opd__nama", "pk"))


@dataclass
class DataSesi:
    sesi: SesiKalibrasi
    ringkasan: RingkasanOpd
    jumlah: dict[str, int]
    total: int
    pemeriksaan: list[aturan.HasilAturan]
    perubahan: list[PerubahanKalibrasi] = field(default_factory=list)

    @property
    def peringatan(self) -> list[aturan.HasilAturan]:
        return [h for h in self.pemeriksaan if not h.terpenuhi]

    @property
    def distribusi(self) -> list[Distribusi]:
        return [
            Distribusi(
                p.value,
                str(PredikatKinerja(p.value).label),
                self.jumlah[p.value],
                aturan.persen(self.jumlah[p.value], self.total),
            )
            for p in aturan.Predikat
        ]


def periode_sesi(sesi: SesiKalibrasi) -> PeriodePenilaian:
    return PeriodePenilaian(sesi.jenis, sesi.triwulan)


def data_sesi(*, sesi: SesiKalibrasi) -> DataSesi:
    """The OPD's staff (not its head) with their evaluation of the session's period, the distribution of every
    decided predikat, draft or final (calibration comes before they are final), checked against the organisation
    predikat (rule 6), and the changes recorded so far. Six queries whatever the number of staff."""
    ringkasan = ringkasan_opd(opd=sesi.opd, tahun=sesi.tahun, periode=periode_sesi(sesi))
    jumlah = {p.value: 0 for p in aturan.Predikat}
    for baris in ringkasan.baris:
        if baris.penilaian is not None and baris.penilaian.predikat:
            jumlah[baris.penilaian.predikat] += 1
    pemeriksaan = aturan.periksa_distribusi(ringkasan.predikat_acuan, jumlah) if ringkasan.predikat_acuan else []
    perubahan = list(
        PerubahanKalibrasi.objects.filter(sesi=sesi)
        .select_related("penilaian__pegawai", "oleh")
        .order_by("-pada", "-pk")
    )
    return DataSesi(sesi, ringkasan, jumlah, sum(jumlah.values()), pemeriksaan, perubahan)


def dapat_dikalibrasi(penilaian: Penilaian | None) -> bool:
    """A draft with both ratings decided: calibration adjusts ratings before they are final."""
    return (
        penilaian is not None
        and penilaian.status not in FINAL
        and bool(penilaian.hasil_kerja)
        and bool(penilaian.perilaku)
    )
