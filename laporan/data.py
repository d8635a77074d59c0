"""What each report shows, gathered from the stored rows (CapaianTriwulan, SkorOpd, SkorInstansi: written by
evaluasi/recalc.py from verified values only; RingkasanOpd, the completeness and under-target counts it writes from
the realisations in any state) into frozen dataclasses of plain values.

Plain values on purpose: the same object feeds the PDF template, the Excel sheets and the data version (a hash of the
object, see `versi_data`), so a report whose data has not changed is recognised without rendering it. Every function
issues a fixed number of queries whatever the number of OPDs or indicators; nothing is recomputed here.
"""

import dataclasses
import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.storage import default_storage
from django.db.models import Count, Prefetch, Sum

from evaluasi.models import CapaianTriwulan, Realisasi, RingkasanOpd, SkorInstansi, SkorOpd
from indikator.models import Indikator
from opd.models import Instansi, Opd

from .format import angka as format_angka

TRIWULAN = (1, 2, 3, 4)
SERATUS = Decimal(100)
Empat = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]


# -- the data version ------------------------------------------------------------------------------------------------


def _json_default(value):
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, Decimal):
        return str(value.normalize()) if value.is_finite() else str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"tidak dapat di-hash: {type(value).__name__}")


def versi_data(data, *, tambahan: dict | None = None) -> str:
    """SHA-256 of the report's data in canonical JSON (plus whatever else the file depends on: the report's template
    revision, its language). Equal data → equal version → the stored file is served again."""
    payload = {"data": dataclasses.asdict(data), **(tambahan or {})}
    teks = json.dumps(payload, default=_json_default, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


# -- shared pieces ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kop:
    """The letterhead: the instansi (and the OPD for an OPD's report), its address, and which logo file it shows
    (name and size, so that a new logo changes the data version)."""

    instansi: str
    alamat: str
    unit: str
    logo: str
    logo_ukuran: int
    zona_waktu: str


def kop(instansi: Instansi, opd: Opd | None = None) -> Kop:
    ukuran = 0
    if instansi.logo:
        try:
            ukuran = default_storage.size(instansi.logo.name)
        except OSError:
            ukuran = 0  # a missing file: the report is made without the logo
    return Kop(
        instansi=instansi.nama,
        alamat=instansi.alamat,
        unit=opd.nama if opd else "",
        logo=instansi.logo.name if instansi.logo and ukuran else "",
        logo_ukuran=ukuran,
        zona_waktu=instansi.zona_waktu,
    )


@dataclass(frozen=True)
class Analisis:
    """The kendala and solusi given with one triwulan's verified realisation."""

    triwulan: int
    kendala: str
    solusi: str


def _selisih(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def _empat(by_q: dict[int, Decimal | None]) -> Empat:
    return tuple(by_q.get(q) for q in TRIWULAN)  # type: ignore[return-value]


def _capaian_prefetch(triwulan: int | None = None) -> Prefetch:
    qs = CapaianTriwulan.objects.order_by("triwulan")
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    return Prefetch("capaian_set", queryset=qs)


def _realisasi_prefetch(*, triwulan: int | None = None, hanya_terverifikasi: bool) -> Prefetch:
    qs = Realisasi.objects.order_by("triwulan").only(
        "id", "indikator_id", "triwulan", "nilai", "status", "kendala", "solusi"
    )
    if triwulan is not None:
        qs = qs.filter(triwulan=triwulan)
    if hanya_terverifikasi:
        qs = qs.filter(status=Realisasi.Status.DIVERIFIKASI)
    return Prefetch("realisasi_set", queryset=qs)


def peringkat(nilai: list[Decimal | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) by descending value; None has no rank."""
    urut = sorted((v for v in nilai if v is not None), reverse=True)
    pertama: dict[Decimal, int] = {}
    for posisi, v in enumerate(urut, start=1):
        pertama.setdefault(v, posisi)
    return [pertama[v] if v is not None else None for v in nilai]


def persen(bagian: int, jumlah: int) -> Decimal | None:
    if not jumlah:
        return None
    return (Decimal(bagian) * SERATUS / Decimal(jumlah)).quantize(Decimal("0.01"))


# -- Laporan Capaian Kinerja Triwulan (OPD) --------------------------------------------------------------------------


@dataclass(frozen=True)
class IkuTriwulan:
    kode: str
    nama: str
    satuan: str
    desimal: int
    target_bawah: Decimal | None
    target_atas: Decimal | None
    realisasi: Decimal | None  # verified value of the triwulan; None when there is none
    keadaan: str  # the realisation's workflow state ("" when nothing was entered)
    capaian_triwulan: Decimal | None  # this triwulan alone, raw
    capaian: Decimal | None  # to date, raw (shown)
    capaian_dibatasi: Decimal | None  # to date, capped (enters the score)
    status_capaian: str
    band: str
    kendala: str
    solusi: str

    @property
    def di_bawah_target(self) -> bool:
        return self.capaian is not None and self.capaian < SERATUS

    @property
    def rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


@dataclass(frozen=True)
class DataCapaianTriwulan:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    triwulan: int
    skor: Decimal | None
    band: str
    jumlah_dihitung: int
    iku: tuple[IkuTriwulan, ...]

    @property
    def jumlah_iku(self) -> int:
        return len(self.iku)

    @property
    def jumlah_terverifikasi(self) -> int:
        return sum(1 for i in self.iku if i.realisasi is not None)

    @property
    def di_bawah_target(self) -> list[IkuTriwulan]:
        return [i for i in self.iku if i.di_bawah_target]


def capaian_triwulan_opd(*, opd: Opd, tahun: int, triwulan: int) -> DataCapaianTriwulan:
    """Every active IKU of the OPD with its triwulan target, verified realisation, achievement (the triwulan alone and
    to date), band, kendala and solusi; and the OPD score at that triwulan. Four queries."""
    indikator = (
        Indikator.objects.filter(opd=opd, tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True)
        .prefetch_related(
            _capaian_prefetch(triwulan), _realisasi_prefetch(triwulan=triwulan, hanya_terverifikasi=False)
        )
        .order_by("kode", "pk")
    )
    rows = []
    for ind in indikator:
        c = next(iter(ind.capaian_set.all()), None)
        r = next(iter(ind.realisasi_set.all()), None)
        verified = r is not None and r.status == Realisasi.Status.DIVERIFIKASI
        rows.append(
            IkuTriwulan(
                kode=ind.kode,
                nama=ind.nama,
                satuan=ind.satuan,
                desimal=ind.desimal,
                target_bawah=c.target_bawah if c else None,
                target_atas=c.target_atas if c else None,
                realisasi=c.realisasi if c else None,
                keadaan=r.status if r is not None and r.nilai is not None else "",
                capaian_triwulan=c.capaian_triwulan if c else None,
                capaian=c.capaian_raw if c else None,
                capaian_dibatasi=c.capaian if c else None,
                status_capaian=c.status if c else "",
                band=c.band if c else "",
                kendala=r.kendala if verified else "",
                solusi=r.solusi if verified else "",
            )
        )
    skor = SkorOpd.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).first()
    return DataCapaianTriwulan(
        kop=kop(opd.instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        triwulan=triwulan,
        skor=skor.skor if skor else None,
        band=skor.band if skor else "",
        jumlah_dihitung=skor.jumlah_dihitung if skor else 0,
        iku=tuple(rows),
    )


# -- Laporan Kinerja Tahunan -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IkuTahunan:
    kode: str
    nama: str
    satuan: str
    desimal: int
    target_bawah: Decimal
    target_atas: Decimal | None
    realisasi: Empat  # verified value of each triwulan
    capaian: Empat  # to date at each triwulan, raw
    band_triwulan: tuple[str, str, str, str]
    capaian_tahunan: Decimal | None  # to date at TW IV = the annual achievement (domain.md)
    band: str
    status_capaian: str
    ada_tahun_lalu: bool
    capaian_tahun_lalu: Decimal | None
    analisis: tuple[Analisis, ...]

    @property
    def selisih(self) -> Decimal | None:
        return _selisih(self.capaian_tahunan, self.capaian_tahun_lalu)

    @property
    def di_bawah_target(self) -> bool:
        return self.capaian_tahunan is not None and self.capaian_tahunan < SERATUS

    @property
    def rentang(self) -> bool:
        return self.target_atas is not None and self.target_atas != self.target_bawah


def _iku_tahunan(ind: Indikator, tahun_lalu: dict[tuple[int, str], Decimal | None]) -> IkuTahunan:
    capaian = {c.triwulan: c for c in ind.capaian_set.all()}
    verified = list(ind.realisasi_set.all())
    akhir = capaian.get(4)
    key = (ind.opd_id, ind.kode)
    return IkuTahunan(
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        desimal=ind.desimal,
        target_bawah=ind.target_bawah,
        target_atas=ind.target_atas,
        realisasi=_empat({q: c.realisasi for q, c in capaian.items()}),
        capaian=_empat({q: c.capaian_raw for q, c in capaian.items()}),
        band_triwulan=tuple(capaian[q].band if q in capaian else "" for q in TRIWULAN),  # type: ignore[arg-type]
        capaian_tahunan=akhir.capaian_raw if akhir else None,
        band=akhir.band if akhir else "",
        status_capaian=akhir.status if akhir else "",
        ada_tahun_lalu=key in tahun_lalu,
        capaian_tahun_lalu=tahun_lalu.get(key),
        analisis=tuple(Analisis(r.triwulan, r.kendala, r.solusi) for r in verified if r.kendala or r.solusi),
    )


def _iku_tahunan_qs(tahun: int, **filters):
    return (
        Indikator.objects.filter(tahun=tahun, jenis=Indikator.Jenis.IKU, aktif=True, **filters)
        .prefetch_related(_capaian_prefetch(), _realisasi_prefetch(hanya_terverifikasi=True))
        .order_by("kode", "pk")
    )


def _tahun_lalu(tahun: int, **filters) -> dict[tuple[int, str], Decimal | None]:
    """Last year's annual achievement (to date at TW IV) of each IKU, by (OPD, code): codes carry over when an OPD's
    indicators are copied to the next year."""
    rows = CapaianTriwulan.objects.filter(
        tahun=tahun - 1, triwulan=4, indikator__jenis=Indikator.Jenis.IKU, indikator__aktif=True, **filters
    ).values_list("opd_id", "indikator__kode", "capaian_raw")
    return {(opd_id, kode): nilai for opd_id, kode, nilai in rows}


@dataclass(frozen=True)
class Skor4:
    """A score at TW I–IV (the TW IV one is the year's), its bands, and last year's annual score."""

    skor: Empat
    band: tuple[str, str, str, str]
    tahun_lalu: Decimal | None
    band_tahun_lalu: str

    @property
    def tahunan(self) -> Decimal | None:
        return self.skor[3]

    @property
    def band_tahunan(self) -> str:
        return self.band[3]

    @property
    def selisih(self) -> Decimal | None:
        return _selisih(self.tahunan, self.tahun_lalu)


def _skor4(rows, tahun: int) -> Skor4:
    ini = {s.triwulan: s for s in rows if s.tahun == tahun}
    lalu = next((s for s in rows if s.tahun == tahun - 1 and s.triwulan == 4), None)
    return Skor4(
        skor=_empat({q: s.skor for q, s in ini.items()}),
        band=tuple(ini[q].band if q in ini else "" for q in TRIWULAN),  # type: ignore[arg-type]
        tahun_lalu=lalu.skor if lalu else None,
        band_tahun_lalu=lalu.band if lalu else "",
    )


@dataclass(frozen=True)
class DataTahunanOpd:
    kop: Kop
    opd: str
    opd_kode: str
    tahun: int
    skor: Skor4
    iku: tuple[IkuTahunan, ...]
    predikat: str  # the organisation predikat set by the Admin Instansi (its label); "" while none

    @property
    def di_bawah_target(self) -> list[IkuTahunan]:
        return [i for i in self.iku if i.di_bawah_target]


def kinerja_tahunan_opd(*, opd: Opd, tahun: int) -> DataTahunanOpd:
    """The OPD's IKU over the four triwulan with last year beside them, its scores, and the indicators under target
    with the kendala and solusi entered with their verified realisations. Five queries."""
    lalu = _tahun_lalu(tahun, opd=opd)
    iku = tuple(_iku_tahunan(ind, lalu) for ind in _iku_tahunan_qs(tahun, opd=opd))
    skor = _skor4(list(SkorOpd.objects.filter(opd=opd, tahun__in=(tahun, tahun - 1))), tahun)
    return DataTahunanOpd(
        kop=kop(opd.instansi, opd),
        opd=opd.nama,
        opd_kode=opd.kode,
        tahun=tahun,
        skor=skor,
        iku=iku,
        predikat=label_predikat_organisasi(predikat_organisasi(opd_ids=[opd.pk], tahun=tahun).get(opd.pk, "")),
    )


@dataclass(frozen=True)
class OpdTahunan:
    nama: str
    kode: str
    singkatan: str
    skor: Skor4
    peringkat: int | None
    predikat: str
    iku: tuple[IkuTahunan, ...]

    @property
    def di_bawah_target(self) -> list[IkuTahunan]:
        return [i for i in self.iku if i.di_bawah_target]

    @property
    def label(self) -> str:
        """Short name for chart rows (the tables give the full one)."""
        return self.singkatan or self.kode


@dataclass(frozen=True)
class DataTahunanInstansi:
    kop: Kop
    tahun: int
    skor: Skor4
    opd: tuple[OpdTahunan, ...]

    @property
    def jumlah_iku(self) -> int:
        return sum(len(o.iku) for o in self.opd)

    @property
    def di_bawah_target(self) -> list[tuple[OpdTahunan, IkuTahunan]]:
        return [(o, i) for o in self.opd for i in o.di_bawah_target]


def kinerja_tahunan_instansi(*, instansi: Instansi, tahun: int) -> DataTahunanInstansi:
    """Every OPD of the instansi with its scores over the year and last year's, ranked by the annual score, each with
    its IKU as in the OPD's annual report. Seven queries."""
    opds = list(Opd.objects.filter(instansi=instansi).order_by("nama", "pk"))
    lalu = _tahun_lalu(tahun, instansi=instansi)
    iku_per_opd: dict[int, list[IkuTahunan]] = defaultdict(list)
    for ind in _iku_tahunan_qs(tahun, instansi=instansi):
        iku_per_opd[ind.opd_id].append(_iku_tahunan(ind, lalu))
    skor_rows: dict[int, list] = defaultdict(list)
    for s in SkorOpd.objects.filter(instansi=instansi, tahun__in=(tahun, tahun - 1)):
        skor_rows[s.opd_id].append(s)
    skor_opd = {o.pk: _skor4(skor_rows[o.pk], tahun) for o in opds}
    ranks = peringkat([skor_opd[o.pk].tahunan for o in opds])
    predikat = predikat_organisasi(opd_ids=[o.pk for o in opds], tahun=tahun)
    items = [
        OpdTahunan(
            nama=o.nama,
            kode=o.kode,
            singkatan=o.singkatan,
            skor=skor_opd[o.pk],
            peringkat=rank,
            predikat=label_predikat_organisasi(predikat.get(o.pk, "")),
            iku=tuple(iku_per_opd[o.pk]),
        )
        for o, rank in zip(opds, ranks, strict=True)
    ]
    items.sort(key=lambda o: (o.peringkat is None, o.peringkat or 0, o.nama))
    return DataTahunanInstansi(
        kop=kop(instansi),
        tahun=tahun,
        skor=_skor4(list(SkorInstansi.objects.filter(instansi=instansi, tahun__in=(tahun, tahun - 1))), tahun),
        opd=tuple(items),
    )


# -- Rekap instansi (for BKN) ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpdRekap:
    nama: str
    kode: str
    singkatan: str
    skor: Decimal | None
    band: str
    peringkat: int | None
    predikat: str
    jumlah_iku: int
    iku_dihitung: int
    iku_di_bawah_target: int
    indikator: int  # IKU and IKI of the OPD's staff: what has to be entered
    terisi: int  # entered (a value, any state)
    diverifikasi: int
    sebaran: tuple[int, ...]  # final staff predikat of the triwulan, in the order of urutan_predikat_pegawai()
    peringatan: tuple[str, ...]  # distribution rules broken, given the organisation predikat

    @property
    def jumlah_dinilai(self) -> int:
        return sum(self.sebaran)

    @property
    def kelengkapan(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)

    @property
    def label(self) -> str:
        """Short name for chart rows (the tables give the full one)."""
        return self.singkatan or self.kode


@dataclass(frozen=True)
class DataRekap:
    kop: Kop
    tahun: int
    triwulan: int
    skor: Decimal | None
    band: str
    opd: tuple[OpdRekap, ...]
    predikat_pegawai: tuple[str, ...]  # the labels of the staff predikat, in the order of OpdRekap.sebaran

    @property
    def sebaran(self) -> tuple[int, ...]:
        return tuple(sum(o.sebaran[i] for o in self.opd) for i in range(len(self.predikat_pegawai)))

    @property
    def jumlah_dinilai(self) -> int:
        return sum(self.sebaran)

    @property
    def indikator(self) -> int:
        return sum(o.indikator for o in self.opd)

    @property
    def terisi(self) -> int:
        return sum(o.terisi for o in self.opd)

    @property
    def diverifikasi(self) -> int:
        return sum(o.diverifikasi for o in self.opd)

    @property
    def kelengkapan(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)


@dataclass(frozen=True)
class Kelengkapan:
    """Completeness of data entry in one triwulan: indicators to fill (IKU and IKI), entered (a value, any state),
    submitted and awaiting verification, verified."""

    indikator: int = 0
    terisi: int = 0
    diajukan: int = 0
    diverifikasi: int = 0

    @property
    def belum_diisi(self) -> int:
        return self.indikator - self.terisi

    @property
    def persen(self) -> Decimal | None:
        return persen(self.terisi, self.indikator)

    @property
    def persen_diverifikasi(self) -> Decimal | None:
        return persen(self.diverifikasi, self.indikator)


@dataclass(frozen=True)
class Ringkasan:
    """A triwulan of an OPD or an instansi from the stored summaries: completeness, and how many active IKU have a
    to-date achievement under 100 %."""

    kelengkapan: Kelengkapan = Kelengkapan()
    di_bawah_target: int = 0


def ringkasan_per(*, kelompok: str, instansi_ids, tahun: int) -> dict[int, dict[int, Ringkasan]]:
    """The stored summaries (RingkasanOpd, written by the recalculation) at TW I–IV, per OPD (`kelompok="opd_id"`)
    or summed per instansi (`"instansi_id"`). One query over a few rows per OPD, never over the indicators."""
    if kelompok not in ("opd_id", "instansi_id"):
        raise ValueError(kelompok)
    rows = (
        RingkasanOpd.objects.filter(instansi_id__in=list(instansi_ids), tahun=tahun)
        .order_by()
        .values(kelompok, "triwulan")
        .annotate(
            indikator=Sum("jumlah_indikator"),
            terisi=Sum("jumlah_terisi"),
            diajukan=Sum("jumlah_diajukan"),
            diverifikasi=Sum("jumlah_diverifikasi"),
            bawah=Sum("jumlah_bawah_target"),
        )
    )
    result: dict[int, dict[int, Ringkasan]] = defaultdict(dict)
    for row in rows:
        result[row[kelompok]][row["triwulan"]] = Ringkasan(
            Kelengkapan(row["indikator"], row["terisi"], row["diajukan"], row["diverifikasi"]), row["bawah"]
        )
    return dict(result)


def kelengkapan_per(*, kelompok: str, instansi_ids, tahun: int) -> dict[int, dict[int, Kelengkapan]]:
    """Completeness at TW I–IV, per OPD (`kelompok="opd_id"`) or per instansi (`"instansi_id"`), over every active
    IKU and IKI of the year, from the stored summaries. One query."""
    return {
        key: {q: r.kelengkapan for q, r in per_q.items()}
        for key, per_q in ringkasan_per(kelompok=kelompok, instansi_ids=instansi_ids, tahun=tahun).items()
    }


def di_bawah_target_per(*, kelompok: str, instansi_ids, tahun: int, triwulan: int) -> dict[int, int]:
    """How many active IKU of each OPD (or instansi) have a to-date achievement under 100 % at the triwulan, from the
    stored summaries. One query."""
    return {
        key: per_q[triwulan].di_bawah_target
        for key, per_q in ringkasan_per(kelompok=kelompok, instansi_ids=instansi_ids, tahun=tahun).items()
        if triwulan in per_q
    }


def rekap_instansi(*, instansi: Instansi, tahun: int, triwulan: int) -> DataRekap:
    """Every OPD's score and band at the triwulan, its rank, organisation predikat, the completeness of its data entry
    and the distribution of its staff's predikat (final evaluations of the triwulan, checked against the organisation
    predikat); the instansi's score. Six queries."""
    opds = list(Opd.objects.filter(instansi=instansi).order_by("nama", "pk"))
    skor = {s.opd_id: s for s in SkorOpd.objects.filter(instansi=instansi, tahun=tahun, triwulan=triwulan)}
    ringkasan = ringkasan_per(kelompok="opd_id", instansi_ids=[instansi.pk], tahun=tahun)
    predikat = predikat_organisasi(opd_ids=[o.pk for o in opds], tahun=tahun)
    sebaran = sebaran_predikat(kelompok="opd_id", instansi_ids=[instansi.pk], tahun=tahun, triwulan=triwulan)
    urutan = urutan_predikat_pegawai()
    ranks = peringkat([skor[o.pk].skor if o.pk in skor else None for o in opds])
    items = []
    for o, rank in zip(opds, ranks, strict=True):
        s = skor.get(o.pk)
        r = ringkasan.get(o.pk, {}).get(triwulan, Ringkasan())
        k = r.kelengkapan
        items.append(
            OpdRekap(
                nama=o.nama,
                kode=o.kode,
                singkatan=o.singkatan,
                skor=s.skor if s else None,
                band=s.band if s else "",
                peringkat=rank,
                predikat=label_predikat_organisasi(predikat.get(o.pk, "")),
                jumlah_iku=s.jumlah_indikator if s else 0,
                iku_dihitung=s.jumlah_dihitung if s else 0,
                iku_di_bawah_target=r.di_bawah_target,
                indikator=k.indikator,
                terisi=k.terisi,
                diverifikasi=k.diverifikasi,
                sebaran=tuple(sebaran.get(o.pk, {}).get(kode, 0) for kode, _label in urutan),
                peringatan=peringatan_sebaran(predikat.get(o.pk, ""), sebaran.get(o.pk, {})),
            )
        )
    items.sort(key=lambda o: (o.peringkat is None, o.peringkat or 0, o.nama))
    si = SkorInstansi.objects.filter(instansi=instansi, tahun=tahun, triwulan=triwulan).first()
    return DataRekap(
        kop=kop(instansi),
        tahun=tahun,
        triwulan=triwulan,
        skor=si.skor if si else None,
        band=si.band if si else "",
        opd=tuple(items),
        predikat_pegawai=tuple(label for _kode, label in urutan),
    )


# -- evaluation data (the evaluation cycle's models) ------------------------------------------------------------------


def predikat_organisasi(*, opd_ids, tahun: int) -> dict[int, str]:
    """The organisation predikat the Admin Instansi set for each OPD and year, as codes (an OPD without one is
    absent). One query."""
    from penilaian.models import PredikatOpd

    rows = PredikatOpd.objects.filter(opd_id__in=list(opd_ids), tahun=tahun).values_list("opd_id", "predikat")
    return dict(rows)


def label_predikat_organisasi(kode: str) -> str:
    from penilaian.models import PredikatOrganisasi

    return str(PredikatOrganisasi(kode).label) if kode else ""


def urutan_predikat_pegawai() -> list[tuple[str, str]]:
    """(code, label) of the staff predikat, best first."""
    from penilaian.models import PredikatKinerja

    return [(kode, str(label)) for kode, label in PredikatKinerja.choices]


def sebaran_predikat(*, kelompok: str, instansi_ids, tahun: int, triwulan: int) -> dict[int, dict[str, int]]:
    """How many final periodic evaluations of the triwulan gave each staff predikat, per OPD (`kelompok="opd_id"`,
    the ASN's OPD) or per instansi. One query."""
    from penilaian.models import Penilaian

    key = {"opd_id": "pegawai__opd_id", "instansi_id": "instansi_id"}[kelompok]
    rows = (
        Penilaian.objects.filter(
            instansi_id__in=list(instansi_ids),
            tahun=tahun,
            jenis=Penilaian.Jenis.TRIWULAN,
            triwulan=triwulan,
            status__in=(Penilaian.Status.FINAL, Penilaian.Status.DIAKUI),
        )
        .exclude(predikat="")
        .order_by()
        .values(key, "predikat")
        .annotate(n=Count("pk"))
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row[key]][row["predikat"]] = row["n"]
    return dict(result)


def peringatan_sebaran(predikat_opd: str, jumlah: dict[str, int]) -> tuple[str, ...]:
    """The distribution rules of domain.md the staff predikat break, given the organisation predikat, in words with
    the actual figures (they warn, they do not block)."""
    from django.utils.translation import gettext as _

    from penilaian.aturan import AturanDistribusi, periksa_distribusi

    if not predikat_opd:
        return ()
    label = dict(urutan_predikat_pegawai())
    pesan = []
    for hasil in periksa_distribusi(predikat_opd, jumlah):
        if hasil.terpenuhi:
            continue
        nama = _(" atau ").join(label[str(p)] for p in hasil.predikat)
        angka = {"nama": nama, "batas": int(hasil.batas), "persen": format_angka(hasil.persen, 2)}
        angka |= {"n": hasil.jumlah, "total": hasil.total}
        if hasil.aturan is AturanDistribusi.PALING_BANYAK:
            teks = _("%(nama)s paling banyak %(batas)s%%: %(persen)s%% (%(n)s dari %(total)s)") % angka
        elif hasil.aturan is AturanDistribusi.PALING_SEDIKIT:
            teks = _("%(nama)s paling sedikit %(batas)s%%: %(persen)s%% (%(n)s dari %(total)s)") % angka
        elif hasil.aturan is AturanDistribusi.MINIMAL_SATU:
            teks = _("paling sedikit satu %(nama)s: tidak ada") % angka
        else:
            teks = _("tidak boleh ada %(nama)s: %(n)s orang") % angka
        pesan.append(teks)
    return tuple(pesan)


# -- Dokumen evaluasi kinerja pegawai --------------------------------------------------------------------------------


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


def evaluasi_pegawai(*, pegawai_id: int, tahun: int, triwulan: int | None) -> DataEvaluasiPegawai:
    """One ASN's final evaluation of a triwulan (or of the year when `triwulan` is None, judged on TW IV): their IKI
    with target, realisation and achievement, the ratings, predikat and feedback, and who evaluated them. Six
    queries. A period without a final evaluation raises DataTidakAda."""
    from django.utils.translation import gettext as _

    from evaluasi.models import SkorPegawai
    from opd.models import Pegawai
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
        .prefetch_related(_capaian_prefetch(tw))
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
    )


# -- complaints and satisfaction surveys (the complaints app's models) -----------------------------------------------


def batas_periode(tahun: int, triwulan: int | None) -> tuple[datetime.date, datetime.date]:
    """First and last day of a triwulan, or of the year when triwulan is None."""
    if triwulan is None:
        return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    awal = datetime.date(tahun, 3 * triwulan - 2, 1)
    akhir = datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, 3 * triwulan + 1, 1)
    return awal, akhir - datetime.timedelta(days=1)


def label_periode(tahun: int, triwulan: int | None) -> str:
    from django.utils.translation import gettext as _

    from indikator.models import ROMAWI

    if triwulan is None:
        return _("Tahun %(tahun)s") % {"tahun": tahun}
    return _("Triwulan %(tw)s Tahun %(tahun)s") % {"tw": ROMAWI[triwulan], "tahun": tahun}


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
    from pengaduan.ikm import bulatkan
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
    IKM arithmetic is the complaints app's (exact fractions, rounded once). Five queries."""
    from django.utils.translation import gettext as _

    from pengaduan.models import UNSUR, ResponSurvei
    from pengaduan.selectors import ikm_per_opd

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
