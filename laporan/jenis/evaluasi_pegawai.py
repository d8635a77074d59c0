"""Dokumen evaluasi kinerja pegawai (the evaluation cycle's data): PDF and Excel sheets, from
laporan/data/evaluasi_pegawai.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import ROMAWI
from laporan import data as d
from laporan.excel import Angka, Kolom, Lembar
from laporan.format import persen

from .dasar import PEGAWAI, JenisLaporan, label_band


def periode_evaluasi(laporan) -> str:
    if laporan.triwulan:
        return _("Triwulan %(tw)s Tahun %(tahun)s") % {"tw": ROMAWI[laporan.triwulan], "tahun": laporan.tahun}
    return _("Tahun %(tahun)s") % {"tahun": laporan.tahun}


class EvaluasiPegawai(JenisLaporan):
    kode = "evaluasi_pegawai"
    judul = gettext_lazy("Dokumen Evaluasi Kinerja Pegawai")
    keterangan = gettext_lazy(
        "Indikator, capaian, rating hasil kerja dan perilaku, predikat dan umpan balik satu ASN pada satu periode "
        "penilaian yang sudah final, dengan tempat tanda tangan ASN dan pejabat penilai."
    )
    tingkat = PEGAWAI
    per_triwulan = False
    triwulan_opsional = True
    template = "laporan/pdf/evaluasi_pegawai.html"
    revisi = 2  # the verification code, its address and QR code

    def kumpulkan(self, laporan) -> d.DataEvaluasiPegawai:
        return d.evaluasi_pegawai(pegawai_id=laporan.pegawai_id, tahun=laporan.tahun, triwulan=laporan.triwulan)

    def judul_dokumen(self, laporan) -> str:
        return _("Dokumen Evaluasi Kinerja Pegawai – %(nama)s – %(periode)s") % {
            "nama": laporan.pegawai.nama_lengkap,
            "periode": periode_evaluasi(laporan),
        }

    def nama_berkas(self, laporan) -> str:
        periode = f"TW{ROMAWI[laporan.triwulan]}" if laporan.triwulan else "tahunan"
        return f"evaluasi-{laporan.pegawai.nip}-{laporan.tahun}-{periode}"

    def lembar(self, data: d.DataEvaluasiPegawai) -> list[Lembar]:
        indikator = Lembar(
            nama=_("Indikator"),
            judul=_("Indikator kinerja individu, capaian dan umpan balik"),
            kolom=[
                Kolom(_("Kode"), lebar=12),
                Kolom(_("Indikator"), lebar=44),
                Kolom(_("Satuan"), lebar=12),
                Kolom(_("Target"), "angka"),
                Kolom(_("Batas atas target"), "angka"),
                Kolom(_("Realisasi"), "angka"),
                Kolom(_("Capaian s.d. TW (%)"), "angka"),
                Kolom(_("Kategori"), lebar=16),
                Kolom(_("Terhadap ekspektasi"), lebar=20),
                Kolom(_("Umpan balik"), lebar=60),
            ],
            baris=[
                [
                    i.kode,
                    i.nama,
                    i.satuan,
                    Angka(i.target_bawah, i.desimal),
                    Angka(i.target_atas if i.rentang else None, i.desimal),
                    Angka(i.realisasi, i.desimal),
                    i.capaian,
                    label_band(i.band),
                    i.ekspektasi,
                    i.umpan_balik,
                ]
                for i in data.indikator
            ],
        )
        penilai = f"{data.penilai_nama} ({data.penilai_nip})" if data.penilai_nip else data.penilai_nama
        penilaian = Lembar(
            nama=_("Penilaian"),
            judul=_("Rating, predikat dan umpan balik"),
            kolom=[Kolom(_("Unsur"), lebar=36), Kolom(_("Nilai"), lebar=60)],
            baris=[
                [_("Pegawai"), f"{data.nama} ({data.nip})"],
                [_("Periode"), data.periode],
                [_("Pejabat penilai"), penilai],
                [_("Skor kinerja"), persen(data.skor)],
                [_("Rating hasil kerja"), data.hasil_kerja],
                [_("Saran sistem hasil kerja"), data.hasil_kerja_saran],
                *([[_("Alasan rating hasil kerja"), data.alasan_hasil_kerja]] if data.alasan_hasil_kerja else []),
                *([[label, "–" if nilai is None else str(nilai)] for label, nilai in data.perilaku_skor]),
                [_("Rating perilaku kerja"), data.perilaku],
                *([[_("Alasan rating perilaku kerja"), data.alasan_perilaku]] if data.alasan_perilaku else []),
                [_("Predikat kinerja"), data.predikat],
                [_("Umpan balik"), data.umpan_balik],
                *([[_("Kode verifikasi"), data.kode_verifikasi]] if data.kode_verifikasi else []),
                *([[_("Alamat verifikasi"), data.alamat_verifikasi]] if data.alamat_verifikasi else []),
            ],
        )
        return [indikator, penilaian]
