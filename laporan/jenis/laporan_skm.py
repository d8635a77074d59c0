"""Laporan SKM (the survei app's answers): PDF, charts and Excel sheets, from laporan/data/laporan_skm.py."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laporan import data as d
from laporan.excel import Kolom, Lembar

from .dasar import OPD, JenisLaporan, periode_berkas, slug


class LaporanSkm(JenisLaporan):
    kode = "laporan_skm"
    judul = gettext_lazy("Laporan Survei Kepuasan Masyarakat (SKM)")
    keterangan = gettext_lazy(
        "Nilai rata-rata kesembilan unsur, IKM, IKM konversi dan mutu pelayanan OPD dan setiap layanannya pada satu "
        "periode, profil responden, dan saran mereka."
    )
    tingkat = OPD
    per_triwulan = False
    triwulan_opsional = True
    template = "laporan/pdf/laporan_skm.html"

    def kumpulkan(self, laporan) -> d.DataSkm:
        return d.laporan_skm(opd=laporan.opd, tahun=laporan.tahun, triwulan=laporan.triwulan)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Survei Kepuasan Masyarakat %(periode)s – %(opd)s") % {
            "periode": d.label_periode(laporan.tahun, laporan.triwulan),
            "opd": laporan.opd.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"skm-{slug(laporan.opd.kode)}-{laporan.tahun}-{periode_berkas(laporan)}"

    def grafik(self, data: d.DataSkm) -> dict:
        from evaluasi.charts import BarisBatang, Batang, bar_svg
        from laporan.format import angka

        rows = [
            BarisBatang(f"U{k} {nama}", [Batang(nilai, angka(nilai, 2) if nilai is not None else _("Belum ada"))])
            for k, (nama, nilai) in enumerate(zip(data.unsur, data.total.nrr, strict=True), start=1)
        ]
        ringkas = "; ".join(
            f"U{k}: {angka(v, 2) if v is not None else '–'}" for k, v in enumerate(data.total.nrr, start=1)
        )
        return {
            "nrr": bar_svg(
                rows,
                label=_("Nilai rata-rata per unsur (1–4). %(isi)s") % {"isi": ringkas},
                maximum=Decimal(4),
                label_width=250,
            )
        }

    def lembar(self, data: d.DataSkm) -> list[Lembar]:
        kolom_nrr = [Kolom(f"U{k}", "angka", desimal=4, lebar=9) for k in range(1, 10)]
        ikm = Lembar(
            nama=_("IKM"),
            judul=_("IKM OPD dan setiap layanan %(periode)s") % {"periode": data.periode},
            kolom=[
                Kolom(_("Layanan"), lebar=36),
                Kolom(_("Responden"), "bulat", lebar=11),
                *kolom_nrr,
                Kolom(_("IKM"), "angka", desimal=4),
                Kolom(_("IKM konversi"), "angka"),
                Kolom(_("Mutu pelayanan"), lebar=18),
            ],
            baris=[[b.nama, b.responden, *b.nrr, b.ikm, b.konversi, b.mutu] for b in (data.total, *data.layanan)],
        )
        unsur = Lembar(
            nama=_("Unsur"),
            judul=_("Unsur pelayanan"),
            kolom=[Kolom(_("Kode"), lebar=8), Kolom(_("Unsur"), lebar=48), Kolom(_("NRR"), "angka", desimal=4)],
            baris=[
                [f"U{k}", nama, nilai]
                for k, (nama, nilai) in enumerate(zip(data.unsur, data.total.nrr, strict=True), 1)
            ],
        )
        profil = Lembar(
            nama=_("Profil responden"),
            judul=_("Profil responden"),
            kolom=[Kolom(_("Ciri"), lebar=18), Kolom(_("Kelompok"), lebar=30), Kolom(_("Responden"), "bulat")],
            baris=[[judul, label, n] for judul, items in data.profil for label, n in items],
        )
        saran = Lembar(
            nama=_("Saran"),
            judul=_("Saran responden, terbaru di atas"),
            kolom=[Kolom(_("Tanggal"), lebar=12), Kolom(_("Layanan"), lebar=30), Kolom(_("Saran"), lebar=80)],
            baris=[[s.tanggal.strftime("%d/%m/%Y"), s.layanan, s.teks] for s in data.saran],
        )
        return [ikm, unsur, profil, saran]
