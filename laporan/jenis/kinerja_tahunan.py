"""Laporan Kinerja Tahunan (OPD and instansi): PDF, charts and Excel sheets, from laporan/data/kinerja_tahunan.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import ROMAWI
from laporan import data as d
from laporan import grafik
from laporan.excel import Angka, Kolom, Lembar

from .dasar import INSTANSI, OPD, JenisLaporan, label_band, lembar_efisiensi, slug, teks_analisis


def _kolom_iku_tahunan(tahun: int, *, dengan_opd: bool) -> list[Kolom]:
    kolom = [Kolom(_("OPD"), lebar=30)] if dengan_opd else []
    return kolom + [
        Kolom(_("Kode"), lebar=12),
        Kolom(_("Indikator"), lebar=44),
        Kolom(_("Satuan"), lebar=12),
        Kolom(_("Target tahunan"), "angka"),
        Kolom(_("Batas atas target"), "angka"),
        *(Kolom(_("Capaian s.d. TW %(tw)s (%%)") % {"tw": ROMAWI[q]}, "angka") for q in d.TRIWULAN),
        Kolom(_("Capaian tahunan %(tahun)s (%%)") % {"tahun": tahun}, "angka"),
        Kolom(_("Kategori"), lebar=16),
        Kolom(_("Capaian %(tahun)s (%%)") % {"tahun": tahun - 1}, "angka"),
        Kolom(_("Perubahan (poin)"), "angka"),
        Kolom(_("Analisis: kendala dan solusi"), lebar=60),
    ]


def _baris_iku_tahunan(i: d.IkuTahunan, opd: str | None = None) -> list:
    return ([opd] if opd is not None else []) + [
        i.kode,
        i.nama,
        i.satuan,
        Angka(i.target_bawah, i.desimal),
        Angka(i.target_atas if i.rentang else None, i.desimal),
        *i.capaian,
        i.capaian_tahunan,
        label_band(i.band),
        i.capaian_tahun_lalu,
        i.selisih,
        teks_analisis(i.analisis),
    ]


def _kolom_skor(tahun: int) -> list[Kolom]:
    return [
        *(Kolom(_("Skor TW %(tw)s (%%)") % {"tw": ROMAWI[q]}, "angka") for q in d.TRIWULAN),
        Kolom(_("Kategori tahunan"), lebar=16),
        Kolom(_("Skor %(tahun)s (%%)") % {"tahun": tahun - 1}, "angka"),
        Kolom(_("Perubahan (poin)"), "angka"),
    ]


def _baris_skor(s: d.Skor4) -> list:
    return [*s.skor, label_band(s.band_tahunan), s.tahun_lalu, s.selisih]


class KinerjaTahunanOpd(JenisLaporan):
    kode = "kinerja_tahunan_opd"
    judul = gettext_lazy("Laporan Kinerja Tahunan OPD")
    keterangan = gettext_lazy(
        "Capaian setiap IKU OPD per triwulan dan tahunan, dibandingkan dengan tahun lalu; indikator di bawah target "
        "dengan kendala dan solusinya; skor dan predikat organisasi."
    )
    tingkat = OPD
    per_triwulan = False
    template = "laporan/pdf/kinerja_tahunan_opd.html"
    revisi = 2  # 2: the budget efficiency section and sheet

    def kumpulkan(self, laporan) -> d.DataTahunanOpd:
        return d.kinerja_tahunan_opd(opd=laporan.opd, tahun=laporan.tahun)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Kinerja Tahunan %(tahun)s – %(opd)s") % {"tahun": laporan.tahun, "opd": laporan.opd.nama}

    def nama_berkas(self, laporan) -> str:
        return f"kinerja-tahunan-{slug(laporan.opd.kode)}-{laporan.tahun}"

    def grafik(self, data: d.DataTahunanOpd) -> dict:
        return {
            "triwulan": [
                grafik.heatmap_triwulan(
                    [
                        (i.kode, [(i.capaian[q - 1], i.band_triwulan[q - 1], "") for q in d.TRIWULAN], i.desimal)
                        for i in bagian
                    ],
                    judul=_("Capaian s.d. triwulan setiap IKU"),
                    label_width=120,
                    dengan_legenda=akhir,
                )
                for bagian, akhir in grafik.per_halaman(data.iku)
            ],
            "dua_tahun": [
                grafik.bar_dua_tahun(
                    [(i.kode, i.capaian_tahunan, i.capaian_tahun_lalu, i.desimal) for i in bagian],
                    judul=_("Capaian tahunan dibandingkan dengan tahun lalu"),
                    tahun=data.tahun,
                    ringkas=True,
                )
                for bagian, _akhir in grafik.per_halaman(data.iku, 14)
            ],
        }

    def lembar(self, data: d.DataTahunanOpd) -> list[Lembar]:
        return [
            Lembar(
                nama=_("Capaian IKU"),
                judul=_("Capaian IKU per triwulan dan tahunan"),
                kolom=_kolom_iku_tahunan(data.tahun, dengan_opd=False),
                baris=[_baris_iku_tahunan(i) for i in data.iku],
            ),
            Lembar(
                nama=_("Skor OPD"),
                judul=_("Skor OPD per triwulan"),
                kolom=[Kolom(_("OPD"), lebar=30), *_kolom_skor(data.tahun), Kolom(_("Predikat"), lebar=18)],
                baris=[[data.opd, *_baris_skor(data.skor), data.predikat]],
            ),
            lembar_efisiensi(data.beranggaran, data.efisiensi, label_capaian=_("Capaian tahunan (%)")),
        ]


class KinerjaTahunanInstansi(JenisLaporan):
    kode = "kinerja_tahunan_instansi"
    judul = gettext_lazy("Laporan Kinerja Tahunan Instansi")
    keterangan = gettext_lazy(
        "Skor setiap OPD per triwulan dan tahunan, peringkat dan perbandingan dengan tahun lalu; capaian IKU setiap "
        "OPD; indikator di bawah target dengan kendala dan solusinya."
    )
    tingkat = INSTANSI
    per_triwulan = False
    template = "laporan/pdf/kinerja_tahunan_instansi.html"

    def kumpulkan(self, laporan) -> d.DataTahunanInstansi:
        return d.kinerja_tahunan_instansi(instansi=laporan.instansi, tahun=laporan.tahun)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Kinerja Tahunan %(tahun)s – %(instansi)s") % {
            "tahun": laporan.tahun,
            "instansi": laporan.instansi.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"kinerja-tahunan-{slug(laporan.instansi.kode)}-{laporan.tahun}"

    def grafik(self, data: d.DataTahunanInstansi) -> dict:
        return {
            "triwulan": [
                grafik.heatmap_triwulan(
                    [(o.label, [(o.skor.skor[q - 1], o.skor.band[q - 1], "") for q in d.TRIWULAN]) for o in bagian],
                    judul=_("Skor OPD per triwulan"),
                    label_width=160,
                    dengan_legenda=akhir,
                )
                for bagian, akhir in grafik.per_halaman(data.opd)
            ],
            "dua_tahun": [
                grafik.bar_dua_tahun(
                    [(o.label, o.skor.tahunan, o.skor.tahun_lalu, 2) for o in bagian],
                    judul=_("Skor tahunan OPD dibandingkan dengan tahun lalu"),
                    tahun=data.tahun,
                    ringkas=True,
                )
                for bagian, _akhir in grafik.per_halaman(data.opd, 14)
            ],
        }

    def lembar(self, data: d.DataTahunanInstansi) -> list[Lembar]:
        return [
            Lembar(
                nama=_("Skor OPD"),
                judul=_("Skor OPD per triwulan, peringkat dan perbandingan dengan tahun lalu"),
                kolom=[
                    Kolom(_("Peringkat"), "bulat", lebar=10),
                    Kolom(_("OPD"), lebar=36),
                    *_kolom_skor(data.tahun),
                    Kolom(_("Predikat"), lebar=18),
                ],
                baris=[[o.peringkat, o.nama, *_baris_skor(o.skor), o.predikat] for o in data.opd],
            ),
            Lembar(
                nama=_("Capaian IKU"),
                judul=_("Capaian IKU setiap OPD per triwulan dan tahunan"),
                kolom=_kolom_iku_tahunan(data.tahun, dengan_opd=True),
                baris=[_baris_iku_tahunan(i, o.nama) for o in data.opd for i in o.iku],
            ),
        ]
