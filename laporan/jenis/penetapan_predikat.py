"""Penetapan predikat kinerja organisasi: the organisation predikat of one OPD for a year, from
laporan/data/penetapan_predikat.py, verifiable by its code and QR code."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laporan import data as d
from laporan.excel import Kolom, Lembar
from laporan.format import persen

from .dasar import OPD, JenisLaporan, slug


class PenetapanPredikatOpd(JenisLaporan):
    kode = "penetapan_predikat_opd"
    judul = gettext_lazy("Penetapan Predikat Kinerja Organisasi")
    keterangan = gettext_lazy(
        "Predikat kinerja organisasi satu OPD untuk satu tahun yang ditetapkan Admin Instansi, dengan skor dan saran "
        "sistem, kode verifikasi dan kode QR untuk memeriksa keasliannya."
    )
    tingkat = OPD
    per_triwulan = False
    template = "laporan/pdf/penetapan_predikat_opd.html"

    def kumpulkan(self, laporan) -> d.DataPenetapanPredikat:
        return d.penetapan_predikat_opd(opd_id=laporan.opd_id, tahun=laporan.tahun)

    def judul_dokumen(self, laporan) -> str:
        return _("Penetapan Predikat Kinerja Organisasi – %(opd)s – Tahun %(tahun)s") % {
            "opd": laporan.opd.nama,
            "tahun": laporan.tahun,
        }

    def nama_berkas(self, laporan) -> str:
        return f"penetapan-predikat-{slug(laporan.opd.kode)}-{laporan.tahun}"

    def lembar(self, data: d.DataPenetapanPredikat) -> list[Lembar]:
        return [
            Lembar(
                nama=_("Penetapan"),
                judul=_("Penetapan predikat kinerja organisasi"),
                kolom=[Kolom(_("Unsur"), lebar=36), Kolom(_("Nilai"), lebar=70)],
                baris=[
                    [_("OPD"), data.opd],
                    [_("Tahun"), str(data.tahun)],
                    [_("Skor OPD"), persen(data.skor)],
                    [_("Saran sistem"), data.predikat_saran],
                    [_("Predikat organisasi"), data.predikat],
                    [_("Catatan"), data.catatan],
                    [_("Ditetapkan oleh"), data.ditetapkan_oleh],
                    [_("Tanggal penetapan"), data.ditetapkan_pada.strftime("%d/%m/%Y")],
                    [_("Kode verifikasi"), data.kode_verifikasi],
                    [_("Alamat verifikasi"), data.alamat_verifikasi],
                ],
            )
        ]
