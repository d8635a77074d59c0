"""The SIASN-ready export of an instansi's evaluations for one period, and its pre-sync check.

One record per evaluation of the period: the ASN (NIP, SIASN id, unit), the period (first and last month, year), the
two ratings, the predikat, and the evaluator (penilaian/aturan_siasn.py says who that is and what SIASN refuses).
The check lists every record with what SIASN would refuse; the export carries the final evaluations.

Set-based: three queries whatever the number of staff (the instansi's staff for the superior chain, its OPDs'
heads, then the evaluations with everything they show, read in chunks). The JSON is streamed record by record; the
Excel file is written by openpyxl in write-only mode, row by row, into a temporary file.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opd.models import Instansi, Opd, Pegawai
from penilaian.aturan_siasn import Masalah, Simpul, bulan_periode, masalah_nip, masalah_penilaian, masalah_rantai
from penilaian.models import Penilaian, PredikatKinerja, Rating

FINAL = (Penilaian.Status.FINAL, Penilaian.Status.DIAKUI)
CHUNK = 2000

LABEL_MASALAH = {
    Masalah.TANPA_ATASAN: gettext_lazy("Tidak punya atasan (pejabat penilai)"),
    Masalah.PENILAI_DIRI_SENDIRI: gettext_lazy("Pejabat penilai sama dengan ASN yang dinilai"),
    Masalah.ATASAN_DI_LUAR_RANTAI: gettext_lazy("Atasan tidak berada di atas ASN dalam rantai jabatan"),
    Masalah.ATASAN_NONAKTIF: gettext_lazy("Atasan sudah tidak aktif"),
    Masalah.UNIT_KOSONG: gettext_lazy("Unit kerja belum diisi"),
    Masalah.NIP_TIDAK_VALID: gettext_lazy("NIP tidak valid"),
    Masalah.NIP_ATASAN_TIDAK_VALID: gettext_lazy("NIP atasan tidak valid"),
    Masalah.BELUM_FINAL: gettext_lazy("Penilaian belum final"),
    Masalah.PREDIKAT_TIDAK_SESUAI: gettext_lazy("Predikat tidak sesuai dengan rating hasil kerja dan perilaku"),
}
# Where each problem is fixed: the staff record (the admin's change page) or the evaluation page.
DIPERBAIKI_DI_PEGAWAI = {
    Masalah.TANPA_ATASAN,
    Masalah.ATASAN_DI_LUAR_RANTAI,
    Masalah.ATASAN_NONAKTIF,
    Masalah.UNIT_KOSONG,
    Masalah.NIP_TIDAK_VALID,
}


@dataclass(frozen=True)
class PeriodeSiasn:
    tahun: int
    jenis: str  # Penilaian.Jenis
    triwulan: int  # 4 for the annual evaluation

    @property
    def bulan(self) -> tuple[int, int]:
        return bulan_periode(self.jenis, self.triwulan)

    @property
    def kode(self) -> str:
        return "tahunan" if self.jenis == Penilaian.Jenis.TAHUNAN else f"tw{self.triwulan}"


@dataclass(frozen=True)
class Orang:
    nip: str
    nama: str
    jabatan: str
    unit: str
    unit_siasn_id: str
    asn: bool
    siasn_id: str = ""


@dataclass(frozen=True)
class RekamanSiasn:
    penilaian_id: int
    pegawai_id: int
    atasan_id: int | None
    asn: Orang
    status_asn: str
    opd: str
    periode: PeriodeSiasn
    status: str
    hasil_kerja: str
    perilaku: str
    predikat: str
    difinalkan_pada: datetime.datetime | None
    penilai: Orang
    masalah: tuple[tuple[Masalah, str], ...] = field(default=())

    @property
    def final(self) -> bool:
        return self.status in FINAL


def _unit(pegawai: Pegawai) -> tuple[str, str]:
    """The unit SIASN knows the ASN in: their unit kerja, or their OPD when they have none (an OPD's head)."""
    if pegawai.unit_id:
        return pegawai.unit.nama, pegawai.unit.siasn_id or ""
    return pegawai.opd.nama, pegawai.opd.siasn_id or ""


def _orang(pegawai: Pegawai) -> Orang:
    unit, unit_siasn_id = _unit(pegawai)
    return Orang(
        nip=pegawai.nip,
        nama=pegawai.nama_lengkap,
        jabatan=pegawai.jabatan,
        unit=unit,
        unit_siasn_id=unit_siasn_id,
        asn=True,
        siasn_id=pegawai.siasn_id or "",
    )


def _penilai(p: Penilaian) -> Orang:
    """The superior; without one, whoever evaluated (an ASN when their account has a staff record)."""
    if p.pegawai.atasan_id:
        return _orang(p.pegawai.atasan)
    user = p.penilai
    if user is None:
        return Orang("", "", "", "", "", asn=False)
    pegawai = getattr(user, "pegawai", None)
    if pegawai is not None:
        return _orang(pegawai)
    return Orang("", user.get_full_name() or user.username, "", "", "", asn=False)


def _graf(instansi: Instansi) -> tuple[dict[int, Simpul], set[int]]:
    simpul = {
        pk: Simpul(pk, opd_id, instansi.pk, atasan_id, aktif)
        for pk, opd_id, atasan_id, aktif in Pegawai.objects.filter(opd__instansi=instansi)
        .order_by()
        .values_list("pk", "opd_id", "atasan_id", "aktif")
    }
    kepala = set(
        Opd.objects.filter(instansi=instansi, kepala__isnull=False).order_by().values_list("kepala_id", flat=True)
    )
    return simpul, kepala


def rekaman_siasn(*, instansi: Instansi, periode: PeriodeSiasn, hanya_final: bool = False) -> Iterator[RekamanSiasn]:
    """The evaluations of the period in the instansi, by OPD and name, each with what SIASN would refuse in it."""
    simpul, kepala = _graf(instansi)
    qs = Penilaian.objects.filter(
        instansi=instansi, tahun=periode.tahun, jenis=periode.jenis, triwulan=periode.triwulan
    )
    if hanya_final:
        qs = qs.filter(status__in=FINAL)
    qs = qs.select_related(
        "pegawai__opd",
        "pegawai__unit",
        "pegawai__atasan__opd",
        "pegawai__atasan__unit",
        "penilai__pegawai__opd",
        "penilai__pegawai__unit",
    ).order_by("pegawai__opd__nama", "pegawai__nama", "pegawai__nip")
    for p in qs.iterator(chunk_size=CHUNK):
        pegawai = p.pegawai
        node = simpul.get(pegawai.pk) or Simpul(pegawai.pk, pegawai.opd_id, instansi.pk, pegawai.atasan_id)
        masalah: list[tuple[Masalah, str]] = [
            (m, "")
            for m in masalah_rantai(
                node, kepala_opd=pegawai.pk in kepala, ada_unit=pegawai.unit_id is not None, simpul=simpul
            )
        ]
        pesan = masalah_nip(pegawai.nip, pns=pegawai.status == Pegawai.Status.PNS)
        if pesan:
            masalah.append((Masalah.NIP_TIDAK_VALID, pesan))
        atasan = pegawai.atasan
        if atasan is not None:
            pesan = masalah_nip(atasan.nip, pns=atasan.status == Pegawai.Status.PNS)
            if pesan:
                masalah.append((Masalah.NIP_ATASAN_TIDAK_VALID, pesan))
        penilai_pegawai = getattr(p.penilai, "pegawai", None) if p.penilai_id else None
        for m in masalah_penilaian(
            status=p.status,
            hasil_kerja=p.hasil_kerja,
            perilaku=p.perilaku,
            predikat=p.predikat,
            penilai_adalah_pegawai=penilai_pegawai is not None and penilai_pegawai.pk == pegawai.pk,
        ):
            if (m, "") not in masalah:
                masalah.append((m, ""))
        yield RekamanSiasn(
            penilaian_id=p.pk,
            pegawai_id=pegawai.pk,
            atasan_id=pegawai.atasan_id,
            asn=_orang(pegawai),
            status_asn=pegawai.status,
            opd=pegawai.opd.nama,
            periode=periode,
            status=p.status,
            hasil_kerja=p.hasil_kerja,
            perilaku=p.perilaku,
            predikat=p.predikat,
            difinalkan_pada=p.difinalkan_pada,
            penilai=_penilai(p),
            masalah=tuple(masalah),
        )


# -- the files -------------------------------------------------------------------------------------------------------

FORMAT_JSON = "kinerja-siasn/1"


def _label(choices, kode: str) -> str:
    return str(dict(choices).get(kode, "")) if kode else ""


def _json_rekaman(r: RekamanSiasn) -> dict:
    awal, akhir = r.periode.bulan
    return {
        "nip": r.asn.nip,
        "nama": r.asn.nama,
        "siasn_id": r.asn.siasn_id or None,
        "status_asn": r.status_asn,
        "jabatan": r.asn.jabatan,
        "unit": r.asn.unit,
        "unit_siasn_id": r.asn.unit_siasn_id or None,
        "opd": r.opd,
        "periode": {
            "jenis": r.periode.jenis,
            "tahun": r.periode.tahun,
            "bulan_awal": awal,
            "bulan_akhir": akhir,
        },
        "rating_hasil_kerja": r.hasil_kerja,
        "rating_hasil_kerja_label": _label(Rating.choices, r.hasil_kerja),
        "rating_perilaku": r.perilaku,
        "rating_perilaku_label": _label(Rating.choices, r.perilaku),
        "predikat": r.predikat,
        "predikat_label": _label(PredikatKinerja.choices, r.predikat),
        "status_penilaian": r.status,
        "difinalkan_pada": r.difinalkan_pada.isoformat() if r.difinalkan_pada else None,
        "penilai": {
            "nip": r.penilai.nip or None,
            "nama": r.penilai.nama,
            "jabatan": r.penilai.jabatan,
            "unit": r.penilai.unit,
            "unit_siasn_id": r.penilai.unit_siasn_id or None,
            "siasn_id": r.penilai.siasn_id or None,
            "asn": r.penilai.asn,
        },
    }


def json_siasn(*, instansi: Instansi, periode: PeriodeSiasn) -> Iterator[str]:
    """The export as JSON text in pieces: a header, then one record at a time (the final evaluations)."""
    awal, akhir = periode.bulan
    kepala = {
        "format": FORMAT_JSON,
        "instansi": {"kode": instansi.kode, "nama": instansi.nama},
        "periode": {
            "jenis": periode.jenis,
            "tahun": periode.tahun,
            "triwulan": None if periode.jenis == Penilaian.Jenis.TAHUNAN else periode.triwulan,
            "bulan_awal": awal,
            "bulan_akhir": akhir,
        },
        "dibuat_pada": timezone.now().isoformat(),
    }
    teks = json.dumps(kepala, ensure_ascii=False)
    yield teks[:-1] + ', "data": ['
    pisah = ""
    for r in rekaman_siasn(instansi=instansi, periode=periode, hanya_final=True):
        yield pisah + json.dumps(_json_rekaman(r), ensure_ascii=False)
        pisah = ", "
    yield "]}\n"


def _kolom() -> list[str]:
    return [
        _("NIP"),
        _("Nama"),
        _("ID SIASN pegawai"),
        _("Status ASN"),
        _("Jabatan"),
        _("Unit kerja"),
        _("ID SIASN unit"),
        _("OPD"),
        _("Tahun"),
        _("Bulan awal"),
        _("Bulan akhir"),
        _("Jenis penilaian"),
        _("Rating hasil kerja"),
        _("Rating perilaku kerja"),
        _("Predikat kinerja"),
        _("Kode predikat"),
        _("NIP pejabat penilai"),
        _("Nama pejabat penilai"),
        _("Jabatan pejabat penilai"),
        _("Unit pejabat penilai"),
        _("Pejabat penilai ASN"),
    ]


def xlsx_siasn(*, instansi: Instansi, periode: PeriodeSiasn):
    """The export as an .xlsx file (write-only workbook, one row per final evaluation), in a temporary file opened at
    its start. Text is written as text: a name starting with "=" stays a name."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("SIASN")
    sheet.freeze_panes = "A2"
    sheet.append(_kolom())

    def teks(value: str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell

    ya, tidak = _("Ya"), _("Tidak")
    for r in rekaman_siasn(instansi=instansi, periode=periode, hanya_final=True):
        awal, akhir = r.periode.bulan
        sheet.append(
            [
                teks(r.asn.nip),
                teks(r.asn.nama),
                teks(r.asn.siasn_id),
                r.status_asn.upper(),
                teks(r.asn.jabatan),
                teks(r.asn.unit),
                teks(r.asn.unit_siasn_id),
                teks(r.opd),
                r.periode.tahun,
                awal,
                akhir,
                _label(Penilaian.Jenis.choices, r.periode.jenis),
                _label(Rating.choices, r.hasil_kerja),
                _label(Rating.choices, r.perilaku),
                _label(PredikatKinerja.choices, r.predikat),
                r.predikat,
                teks(r.penilai.nip),
                teks(r.penilai.nama),
                teks(r.penilai.jabatan),
                teks(r.penilai.unit),
                ya if r.penilai.asn else tidak,
            ]
        )
    berkas = tempfile.TemporaryFile()
    workbook.save(berkas)
    berkas.seek(0)
    return berkas
