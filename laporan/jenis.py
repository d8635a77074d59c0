"""The report registry: each report type is one small class saying what it covers (an OPD, an instansi, a pegawai;
per triwulan or per year), how its data is gathered (laporan/data.py), which template draws it, its charts and its
Excel sheets. The job machinery (services, tasks, views) knows only this interface.

A report type appears here only when its data exists: those on the evaluation cycle's data (the staff evaluation
document) and on complaints and surveys read those apps' models, never copies of them.
"""

from decimal import Decimal
from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.models import BAND_CHOICES, STATUS_CAPAIAN_CHOICES
from indikator.models import ROMAWI

from . import data as d
from . import grafik
from .excel import Angka, Kolom, Lembar
from .format import persen

OPD = "opd"
INSTANSI = "instansi"
PEGAWAI = "pegawai"

LABEL_BAND = dict(BAND_CHOICES)
LABEL_STATUS = dict(STATUS_CAPAIAN_CHOICES)


def _band(kode: str) -> str:
    return str(LABEL_BAND.get(kode, "")) if kode else ""


def _status_capaian(kode: str) -> str:
    if not kode:
        return _("Belum dihitung")
    return "" if kode == "ok" else str(LABEL_STATUS.get(kode, kode))


def _analisis(items) -> str:
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


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "x"


# -- Laporan Capaian Kinerja Triwulan (OPD) --------------------------------------------------------------------------


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

    def kumpulkan(self, laporan) -> d.DataCapaianTriwulan:
        return d.capaian_triwulan_opd(opd=laporan.opd, tahun=laporan.tahun, triwulan=laporan.triwulan)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Capaian Kinerja Triwulan %(tw)s Tahun %(tahun)s – %(opd)s") % {
            "tw": ROMAWI[laporan.triwulan],
            "tahun": laporan.tahun,
            "opd": laporan.opd.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"capaian-triwulan-{_slug(laporan.opd.kode)}-{laporan.tahun}-TW{ROMAWI[laporan.triwulan]}"

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
                    _band(i.band),
                    _status_capaian(i.status_capaian),
                    i.kendala,
                    i.solusi,
                ]
            )
        skor = Lembar(
            nama=_("Skor OPD"),
            judul=_("Skor OPD"),
            kolom=[Kolom(_("Triwulan")), Kolom(_("Skor (%)"), "angka"), Kolom(_("Kategori"), lebar=16)],
            baris=[[f"TW {ROMAWI[data.triwulan]}", data.skor, _band(data.band)]],
        )
        return [iku, skor]


# -- Laporan Kinerja Tahunan (OPD and instansi) ----------------------------------------------------------------------


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
        _band(i.band),
        i.capaian_tahun_lalu,
        i.selisih,
        _analisis(i.analisis),
    ]


def _kolom_skor(tahun: int) -> list[Kolom]:
    return [
        *(Kolom(_("Skor TW %(tw)s (%%)") % {"tw": ROMAWI[q]}, "angka") for q in d.TRIWULAN),
        Kolom(_("Kategori tahunan"), lebar=16),
        Kolom(_("Skor %(tahun)s (%%)") % {"tahun": tahun - 1}, "angka"),
        Kolom(_("Perubahan (poin)"), "angka"),
    ]


def _baris_skor(s: d.Skor4) -> list:
    return [*s.skor, _band(s.band_tahunan), s.tahun_lalu, s.selisih]


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

    def kumpulkan(self, laporan) -> d.DataTahunanOpd:
        return d.kinerja_tahunan_opd(opd=laporan.opd, tahun=laporan.tahun)

    def judul_dokumen(self, laporan) -> str:
        return _("Laporan Kinerja Tahunan %(tahun)s – %(opd)s") % {"tahun": laporan.tahun, "opd": laporan.opd.nama}

    def nama_berkas(self, laporan) -> str:
        return f"kinerja-tahunan-{_slug(laporan.opd.kode)}-{laporan.tahun}"

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
        return f"kinerja-tahunan-{_slug(laporan.instansi.kode)}-{laporan.tahun}"

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


# -- Rekap instansi (for BKN) ----------------------------------------------------------------------------------------


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
        return f"rekap-{_slug(laporan.instansi.kode)}-{laporan.tahun}-TW{ROMAWI[laporan.triwulan]}"

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
                        _band(o.band),
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


# -- Dokumen evaluasi kinerja pegawai (the evaluation cycle's data) --------------------------------------------------


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
                    _band(i.band),
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
            ],
        )
        return [indikator, penilaian]


# -- Rekap pengaduan and Laporan SKM (the complaints app's data) ------------------------------------------------------


def _periode_berkas(laporan) -> str:
    return f"TW{ROMAWI[laporan.triwulan]}" if laporan.triwulan else "tahunan"


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
        from .selectors import hari_ini

        return d.rekap_pengaduan(
            opd=laporan.opd, tahun=laporan.tahun, triwulan=laporan.triwulan, hari_ini=hari_ini(laporan.instansi)
        )

    def judul_dokumen(self, laporan) -> str:
        return _("Rekap Pengaduan %(periode)s – %(opd)s") % {
            "periode": d.label_periode(laporan.tahun, laporan.triwulan),
            "opd": laporan.opd.nama,
        }

    def nama_berkas(self, laporan) -> str:
        return f"rekap-pengaduan-{_slug(laporan.opd.kode)}-{laporan.tahun}-{_periode_berkas(laporan)}"

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
        return f"skm-{_slug(laporan.opd.kode)}-{laporan.tahun}-{_periode_berkas(laporan)}"

    def grafik(self, data: d.DataSkm) -> dict:
        from evaluasi.charts import BarisBatang, Batang, bar_svg

        from .format import angka

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


REGISTRI: dict[str, JenisLaporan] = {
    jenis.kode: jenis
    for jenis in (
        CapaianTriwulanOpd(),
        KinerjaTahunanOpd(),
        KinerjaTahunanInstansi(),
        RekapInstansi(),
        EvaluasiPegawai(),
        RekapPengaduan(),
        LaporanSkm(),
    )
}
