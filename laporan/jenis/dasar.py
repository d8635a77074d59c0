"""What every report type is: the interface the job machinery knows (JenisLaporan), the levels a report covers, and
the labels and names the report types share."""

from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from evaluasi.models import BAND_CHOICES, STATUS_CAPAIAN_CHOICES
from indikator.models import ROMAWI
from laporan.excel import Kolom, Lembar

OPD = "opd"
INSTANSI = "instansi"
PEGAWAI = "pegawai"

LABEL_BAND = dict(BAND_CHOICES)
LABEL_STATUS = dict(STATUS_CAPAIAN_CHOICES)


def label_band(kode: str) -> str:
    return str(LABEL_BAND.get(kode, "")) if kode else ""


def label_status_capaian(kode: str) -> str:
    if not kode:
        return _("Belum dihitung")
    return "" if kode == "ok" else str(LABEL_STATUS.get(kode, kode))


def teks_analisis(items) -> str:
    return "\n".join(
        _("TW %(tw)s — Kendala: %(kendala)s; Solusi: %(solusi)s")
        % {"tw": ROMAWI[a.triwulan], "kendala": a.kendala or "–", "solusi": a.solusi or "–"}
        for a in items
    )


class JenisLaporan:
    kode: ClassVar[str]
    judul: ClassVar[Promise]
    keterangan: ClassVar[Promise]
    tingkat: ClassVar[str]
    per_triwulan: ClassVar[bool]
    # A report per year that may also be asked for one triwulan (None: the year).
    triwulan_opsional: ClassVar[bool] = False
    template: ClassVar[str]
    # Raise when the template or the sheets change, so that stored files made by the old layout are not served again.
    revisi: ClassVar[int] = 1

    def kumpulkan(self, laporan) -> Any:
        raise NotImplementedError

    def judul_dokumen(self, laporan) -> str:
        raise NotImplementedError

    def nama_berkas(self, laporan) -> str:
        raise NotImplementedError

    def grafik(self, data) -> dict:
        return {}

    def lembar(self, data) -> list[Lembar]:
        raise NotImplementedError

    def keterangan_excel(self, laporan) -> list[tuple[str, str]]:
        items = []
        if laporan.pegawai_id:
            items.append((_("Pegawai"), f"{laporan.pegawai.nama_lengkap} ({laporan.pegawai.nip})"))
        if laporan.opd_id:
            items.append((_("OPD"), laporan.opd.nama))
        items.append((_("Tahun"), str(laporan.tahun)))
        if laporan.triwulan:
            items.append((_("Triwulan"), f"TW {ROMAWI[laporan.triwulan]}"))
        return items


def lembar_efisiensi(items, total, *, label_capaian: str) -> Lembar:
    """The budget efficiency sheet of an OPD report: each IKU with a budget, and the OPD's total."""

    def baris(label_kode, label_nama, e):
        catatan = (
            _("Perlu perhatian")
            if e.perlu_perhatian
            else _("Efisien")
            if e.efisien
            else _("Kurang efisien")
            if e.efisien is False
            else ""
        )
        return [label_kode, label_nama, e.pagu, e.serapan, e.persen_serapan, e.capaian, e.efisiensi, catatan]

    return Lembar(
        nama=_("Efisiensi anggaran"),
        judul=_("Efisiensi anggaran: capaian − persentase serapan (serapan ÷ pagu × 100)"),
        kolom=[
            Kolom(_("Kode"), lebar=12),
            Kolom(_("Indikator"), lebar=44),
            Kolom(_("Pagu (Rp)"), "angka", lebar=18),
            Kolom(_("Serapan (Rp)"), "angka", lebar=18),
            Kolom(_("Serapan (%)"), "angka"),
            Kolom(label_capaian, "angka"),
            Kolom(_("Efisiensi (poin)"), "angka"),
            Kolom(_("Catatan"), lebar=18),
        ],
        baris=[
            *(baris(i.kode, i.nama, i.efisiensi) for i in items),
            baris("", _("Jumlah OPD (capaian rata-rata)"), total),
        ],
    )


def slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "x"


def periode_berkas(laporan) -> str:
    return f"TW{ROMAWI[laporan.triwulan]}" if laporan.triwulan else "tahunan"
