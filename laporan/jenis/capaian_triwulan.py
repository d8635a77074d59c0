"""Laporan Capaian Kinerja Triwulan (OPD): its PDF, charts and Excel sheets, from laporan/data/capaian_triwulan.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import ROMAWI
from laporan import data as d
from laporan import grafik
from laporan.excel import Angka, Kolom, Lembar

from .dasar import OPD, JenisLaporan, label_band, label_status_capaian, lembar_efisiensi, slug


class CapaianTriwulanOpd(JenisLaporan):
    kode = "capaian_triwulan_opd"
    judul = gettext_lazy("Laporan Capaian Kinerja Triwulan")
    keterangan = gettext_lazy(
        "Setiap IKU OPD: target, realisasi, capaian, kategori, kendala dan solusi pada satu triwulan; grafik capaian "
        "per indikator; skor OPD."
    )
    tingkat = OPD
    per_triwulan = True
    template = "laporan/pdf/capaian_triwulan_opd.html"
    revisi = 2  # 2: the budget efficiency section and sheet

    def kumpulkan(self, laporan) -> d.DataCapaianTriwulan:
        return d.capaian_triwulan_opd(opd=laporan.opd, tahun=laporan.tahun, triwulan=laporan.triwulan)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Capaian Kinerja Triwulan %(tw)s Tahun %(tahun)s – %(opd)s") % {
            "tw": ROMAWI[laporan.triwulan],
            "tahun": laporan.tahun,
            "opd": laporan.opd.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"capaian-triwulan-{slug(laporan.opd.kode)}-{laporan.tahun}-TW{ROMAWI[laporan.triwulan]}"

    def grafik(self, data: d.DataCapaianTriwulan) -> dict:
        # In the PDF a chart row is named by its code: the table above names the indicator in full.
        return {
            "capaian": [
                grafik.bar_capaian(
                    [(i.kode, i.capaian, i.band, i.desimal, i.status_capaian) for i in bagian],
                    judul=_("Capaian s.d. triwulan per indikator"),
                    ringkas=True,
                    dengan_legenda=akhir,
                )
                for bagian, akhir in grafik.per_halaman(data.iku)
            ]
        }

    def lembar(self, data: d.DataCapaianTriwulan) -> list[Lembar]:
        iku = Lembar(
            nama=_("Capaian IKU"),
            judul=_("Capaian IKU TW %(tw)s") % {"tw": ROMAWI[data.triwulan]},
            kolom=[
                Kolom(_("Kode"), lebar=12),
                Kolom(_("Indikator"), lebar=44),
                Kolom(_("Satuan"), lebar=12),
                Kolom(_("Target TW"), "angka"),
                Kolom(_("Batas atas target"), "angka"),
                Kolom(_("Realisasi"), "angka"),
                Kolom(_("Capaian TW (%)"), "angka"),
                Kolom(_("Capaian s.d. TW (%)"), "angka"),
                Kolom(_("Capaian untuk skor (%)"), "angka"),
                Kolom(_("Kategori"), lebar=16),
                Kolom(_("Keterangan"), lebar=22),
                Kolom(_("Kendala"), lebar=40),
                Kolom(_("Solusi / rencana tindak lanjut"), lebar=40),
            ],
        )
        for i in data.iku:
            iku.baris.append(
                [
                    i.kode,
                    i.nama,
                    i.satuan,
                    Angka(i.target_bawah, i.desimal),
                    Angka(i.target_atas if i.rentang else None, i.desimal),
                    Angka(i.realisasi, i.desimal),
                    i.capaian_triwulan,
                    i.capaian,
                    i.capaian_dibatasi,
                    label_band(i.band),
                    label_status_capaian(i.status_capaian),
                    i.kendala,
                    i.solusi,
                ]
            )
        skor = Lembar(
            nama=_("Skor OPD"),
            judul=_("Skor OPD"),
            kolom=[Kolom(_("Triwulan")), Kolom(_("Skor (%)"), "angka"), Kolom(_("Kategori"), lebar=16)],
            baris=[[f"TW {ROMAWI[data.triwulan]}", data.skor, label_band(data.band)]],
        )
        efisiensi = lembar_efisiensi(data.beranggaran, data.efisiensi, label_capaian=_("Capaian TW (%)"))
        return [iku, skor, efisiensi]
