"""Rekap instansi (for BKN): PDF, charts and Excel sheets, from laporan/data/rekap_instansi.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import ROMAWI
from laporan import data as d
from laporan import grafik
from laporan.excel import Kolom, Lembar

from .dasar import INSTANSI, JenisLaporan, label_band, slug


class RekapInstansi(JenisLaporan):
    kode = "rekap_instansi"
    judul = gettext_lazy("Rekap Kinerja Instansi")
    keterangan = gettext_lazy(
        "Skor, kategori, predikat dan peringkat setiap OPD pada satu triwulan, kelengkapan pengisian realisasi, "
        "sebaran predikat pegawai, skor instansi."
    )
    tingkat = INSTANSI
    per_triwulan = True
    template = "laporan/pdf/rekap_instansi.html"

    def kumpulkan(self, laporan) -> d.DataRekap:
        return d.rekap_instansi(instansi=laporan.instansi, tahun=laporan.tahun, triwulan=laporan.triwulan)

    def judul_dokumen(self, laporan) -> str:
        return _("Rekap Kinerja Instansi Triwulan %(tw)s Tahun %(tahun)s – %(instansi)s") % {
            "tw": ROMAWI[laporan.triwulan],
            "tahun": laporan.tahun,
            "instansi": laporan.instansi.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"rekap-{slug(laporan.instansi.kode)}-{laporan.tahun}-TW{ROMAWI[laporan.triwulan]}"

    def grafik(self, data: d.DataRekap) -> dict:
        return {
            "skor": [
                grafik.bar_skor(
                    [(o.label, o.skor, o.band) for o in bagian],
                    judul=_("Skor OPD, urut menurut peringkat"),
                    ringkas=True,
                    dengan_legenda=akhir,
                )
                for bagian, akhir in grafik.per_halaman(data.opd, 30)
            ]
        }

    def lembar(self, data: d.DataRekap) -> list[Lembar]:
        return [
            Lembar(
                nama=_("Rekap OPD"),
                judul=_("Skor, peringkat dan kelengkapan pengisian setiap OPD"),
                kolom=[
                    Kolom(_("Peringkat"), "bulat", lebar=10),
                    Kolom(_("OPD"), lebar=36),
                    Kolom(_("Skor (%)"), "angka"),
                    Kolom(_("Kategori"), lebar=16),
                    Kolom(_("Predikat"), lebar=18),
                    Kolom(_("IKU"), "bulat", lebar=8),
                    Kolom(_("IKU dihitung"), "bulat", lebar=10),
                    Kolom(_("IKU di bawah target"), "bulat", lebar=12),
                    Kolom(_("Indikator (IKU+IKI)"), "bulat", lebar=12),
                    Kolom(_("Terisi"), "bulat", lebar=10),
                    Kolom(_("Diverifikasi"), "bulat", lebar=12),
                    Kolom(_("Kelengkapan (%)"), "angka"),
                ],
                baris=[
                    [
                        o.peringkat,
                        o.nama,
                        o.skor,
                        label_band(o.band),
                        o.predikat,
                        o.jumlah_iku,
                        o.iku_dihitung,
                        o.iku_di_bawah_target,
                        o.indikator,
                        o.terisi,
                        o.diverifikasi,
                        o.kelengkapan,
                    ]
                    for o in data.opd
                ],
            ),
            Lembar(
                nama=_("Sebaran predikat"),
                judul=_("Sebaran predikat pegawai dari penilaian TW %(tw)s yang final") % {"tw": ROMAWI[data.triwulan]},
                kolom=[
                    Kolom(_("OPD"), lebar=36),
                    Kolom(_("Predikat organisasi"), lebar=18),
                    *(Kolom(label, "bulat", lebar=12) for label in data.predikat_pegawai),
                    Kolom(_("Jumlah"), "bulat", lebar=10),
                    Kolom(_("Catatan sebaran"), lebar=60),
                ],
                baris=[[o.nama, o.predikat, *o.sebaran, o.jumlah_dinilai, "\n".join(o.peringatan)] for o in data.opd],
            ),
        ]
