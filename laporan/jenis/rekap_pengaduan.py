"""Rekap pengaduan (the pengaduan app's complaints): PDF, chart and Excel sheets, from laporan/data/rekap_pengaduan.py."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laporan import data as d
from laporan.excel import Angka, Kolom, Lembar

from .dasar import OPD, JenisLaporan, periode_berkas, slug


class RekapPengaduan(JenisLaporan):
    kode = "rekap_pengaduan"
    judul = gettext_lazy("Rekap Pengaduan")
    keterangan = gettext_lazy(
        "Pengaduan, aspirasi dan permintaan informasi yang didisposisikan ke OPD pada satu periode: jumlah per jenis, "
        "status dan kategori, waktu respons, ketepatan waktu, penilaian pelapor, dan daftarnya (tanpa identitas "
        "pelapor)."
    )
    tingkat = OPD
    per_triwulan = False
    triwulan_opsional = True
    template = "laporan/pdf/rekap_pengaduan.html"

    def kumpulkan(self, laporan) -> d.DataRekapPengaduan:
        from laporan.selectors import hari_ini

        return d.rekap_pengaduan(
            opd=laporan.opd, tahun=laporan.tahun, triwulan=laporan.triwulan, hari_ini=hari_ini(laporan.instansi)
        )

    def judul_dokumen(self, laporan) -> str:
        return _("Rekap Pengaduan %(periode)s – %(opd)s") % {
            "periode": d.label_periode(laporan.tahun, laporan.triwulan),
            "opd": laporan.opd.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"rekap-pengaduan-{slug(laporan.opd.kode)}-{laporan.tahun}-{periode_berkas(laporan)}"

    def grafik(self, data: d.DataRekapPengaduan) -> dict:
        from evaluasi.charts import BarisBatang, Batang, bar_svg

        items = [(label, n) for label, n in data.per_status if n]
        return {
            "status": bar_svg(
                [BarisBatang(label, [Batang(Decimal(n), str(n))]) for label, n in items],
                label=_("Pengaduan menurut status. %(isi)s")
                % {"isi": "; ".join(f"{label}: {n}" for label, n in items) or _("Belum ada pengaduan.")},
                label_width=150,
                maximum=Decimal(max([1, *(n for _label, n in items)])),
            )
        }

    def lembar(self, data: d.DataRekapPengaduan) -> list[Lembar]:
        ringkasan = Lembar(
            nama=_("Ringkasan"),
            judul=_("Ringkasan pengaduan %(periode)s") % {"periode": data.periode},
            kolom=[Kolom(_("Ukuran"), lebar=50), Kolom(_("Nilai"), "angka")],
            baris=[
                [_("Pengaduan diterima"), Angka(Decimal(data.jumlah), 0)],
                *([label, Angka(Decimal(n), 0)] for label, n in data.per_jenis),
                [_("Dijawab (selesai atau ditutup)"), Angka(Decimal(data.dijawab), 0)],
                [_("Terlambat dan masih terbuka"), Angka(Decimal(data.terlambat), 0)],
                [_("Rata-rata waktu respons (hari kerja)"), data.respons_rerata],
                [_("Median waktu respons (hari kerja)"), Angka(data.respons_median, 1)],
                [_("Respons tepat waktu (%)"), data.persen_tepat_waktu],
                [_("Rata-rata penilaian pelapor (1–5)"), data.penilaian_rerata],
                [_("Terselesaikan menurut pelapor (%)"), data.persen_terselesaikan],
            ],
        )
        per = Lembar(
            nama=_("Status dan kategori"),
            judul=_("Jumlah menurut status dan kategori"),
            kolom=[Kolom(_("Kelompok"), lebar=20), Kolom(_("Nilai"), lebar=44), Kolom(_("Jumlah"), "bulat")],
            baris=[[_("Status"), label, n] for label, n in data.per_status]
            + [[_("Kategori"), label, n] for label, n in data.per_kategori],
        )
        daftar = Lembar(
            nama=_("Daftar pengaduan"),
            judul=_("Pengaduan yang diterima pada periode ini (tanpa identitas pelapor)"),
            kolom=[
                Kolom(_("Nomor"), lebar=18),
                Kolom(_("Tanggal diterima"), lebar=14),
                Kolom(_("Jenis"), lebar=16),
                Kolom(_("Kategori"), lebar=28),
                Kolom(_("Judul"), lebar=48),
                Kolom(_("Status"), lebar=16),
                Kolom(_("Hari kerja sampai respons"), "bulat", lebar=12),
                Kolom(_("Tepat waktu"), lebar=10),
                Kolom(_("Penilaian pelapor"), "bulat", lebar=10),
            ],
            baris=[
                [
                    b.nomor,
                    b.tanggal.strftime("%d/%m/%Y"),
                    b.jenis,
                    b.kategori,
                    b.judul,
                    b.status,
                    b.hari_respons,
                    "" if b.tepat_waktu is None else (_("ya") if b.tepat_waktu else _("tidak")),
                    b.penilaian,
                ]
                for b in data.daftar
            ],
        )
        return [ringkasan, per, daftar]
