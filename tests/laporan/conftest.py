"""Known data for the reports: two OPDs of world.instansi with verified realisations in 2026 and one IKU in 2025, and
helpers to render a report (through the real job machinery) and read its text back."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from evaluasi.models import Realisasi
from evaluasi.recalc import recalculate
from indikator.models import Indikator, TargetTriwulan
from tests.pengaduan.conftest import ajukan, petugas, sampai, tim  # noqa: F401 (complaints filed for the reports)

D = Decimal
TAHUN = 2026
S = Realisasi.Status


def buat_iku(opd, kode, nama, *, tahun=TAHUN, pol="maximize", agg="sum", tw=25, target=100, satuan="%", desimal=2):
    ind = Indikator.objects.create(
        opd=opd,
        jenis="iku",
        tahun=tahun,
        kode=kode,
        nama=nama,
        satuan=satuan,
        polaritas=pol,
        agregasi=agg,
        target_bawah=D(target),
        desimal=desimal,
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=ind, triwulan=q, target_bawah=D(tw)) for q in range(1, 5)
    )
    return ind


def isi(ind, triwulan, nilai, status=S.DIVERIFIKASI, kendala="", solusi=""):
    return Realisasi.objects.create(
        indikator=ind, triwulan=triwulan, nilai=D(nilai), status=status, kendala=kendala, solusi=solusi
    )


def logo_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


KENDALA_HTML = 'Server <i>SIAK</i> sering "down" & <script>alert(1)</script>'


@pytest.fixture
def data_laporan(world):
    """The numbers every report test checks (computed by hand in the comments):

    DUKCAPIL 2026 — IKU-01 max/sum, 25 per TW: TW I 20 (80 %), TW II 30 (quarter 120 %, to date 50/50 = 100 %).
    IKU-02 min/average, 5 per TW: TW I 4 (120 %), TW II 6 (quarter 80 %, to date mean 5/5 = 100 %).
    IKU-03 max/last, 100 per TW: TW II 90 (90 %, Baik), kendala with HTML in it.
    IKU-04 max/sum, 10 per TW: TW II 5 only submitted (not verified): belum diisi.
    Score TW II = (100 + 100 + 90) / 3 = 96,67 (Sangat Baik), 3 of 4 IKU counted; TW I = (80 + 120) / 2 = 100.
    DINKES 2026 — IKU-01 max/sum, 10 per TW: TW I 5, TW II 5 → to date 10/20 = 50 % (Sangat Kurang).
    DUKCAPIL 2025 — IKU-01 25 per TW: 25, 25, 25, 15 → annual 90/100 = 90 %; score 2025 = 90.
    """
    instansi = world.instansi
    instansi.alamat = "Jl. El Tari No. 1, Kupang"
    instansi.logo.save("logo.png", ContentFile(logo_png()), save=False)
    instansi.save()
    a = buat_iku(world.opd, "IKU-01", "Persentase KTP-el tercetak")
    isi(a, 1, 20, kendala="Blangko terlambat", solusi="Minta blangko ke Kemendagri")
    isi(a, 2, 30)
    b = buat_iku(world.opd, "IKU-02", "Waktu layanan KTP", pol="minimize", agg="average", tw=5, target=5, satuan="hari")
    isi(b, 1, 4)
    isi(b, 2, 6)
    c = buat_iku(world.opd, "IKU-03", "Dokumen kependudukan terbit", agg="last", tw=100)
    isi(c, 2, 90, kendala=KENDALA_HTML, solusi="Tambah <b>server</b> cadangan")
    d = buat_iku(world.opd, "IKU-04", "Akta kelahiran terbit", tw=10, target=40)
    isi(d, 2, 5, status=S.DIAJUKAN)
    e = buat_iku(world.opd_lain, "IKU-01", "Cakupan imunisasi", tw=10, target=40)
    isi(e, 1, 5)
    isi(e, 2, 5)
    lalu = buat_iku(world.opd, "IKU-01", "Persentase KTP-el tercetak", tahun=TAHUN - 1)
    for q, nilai in ((1, 25), (2, 25), (3, 25), (4, 15)):
        isi(lalu, q, nilai)
    recalculate(instansi_id=instansi.pk)
    return {"iku01": a, "iku02": b, "iku03": c, "iku04": d, "dinkes": e}


def teks_pdf(isi: bytes, *, layout: bool = True) -> str:
    """The PDF's text through pypdf (layout mode keeps a table row on one line), runs of spaces collapsed on each line.

    pypdf is a Python package of the development lock, so no system program (poppler) is needed on a fresh machine."""
    from pypdf import PdfReader

    mode = {"extraction_mode": "layout"} if layout else {}
    out = "\n".join(page.extract_text(**mode) for page in PdfReader(io.BytesIO(isi)).pages)
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in out.splitlines())


def teks_grafik(isi: bytes) -> str:
    """The text of the PDF's charts (SVG drawn as form objects, which pypdf's layout mode leaves out) on one line."""
    return " ".join(line for line in teks_pdf(isi, layout=False).splitlines() if line)


def baris_dengan(teks: str, awal: str) -> str:
    """The first line of the text that contains `awal`."""
    for line in teks.splitlines():
        if awal in line:
            return line
    raise AssertionError(f"tidak ada baris dengan {awal!r} dalam:\n{teks}")


UMPAN_BALIK_HTML = "Pertahankan! <b>Bagus</b> & <img src=x onerror=alert(1)>"


@pytest.fixture
def penilaian_laporan(world, data_laporan):
    """Evaluations of 2026 in DUKCAPIL: world.pegawai (with two IKI) final Sangat Baik in TW II and in the annual
    evaluation; world.pegawai_lain final Sangat Baik in TW II; their superior final Baik in TW II; one draft (not
    counted). DUKCAPIL's organisation predikat for 2026 is Baik, so the distribution rule "at least one Butuh
    Perbaikan or Kurang" is broken (3 staff: 2 Sangat Baik, 1 Baik)."""
    from penilaian.models import Penilaian, PredikatOpd, UmpanBalikIndikator
    from tests.factories import PegawaiFactory

    pegawai = world.pegawai
    pegawai.nama, pegawai.gelar_depan, pegawai.golongan = "Maria Goreti", "", "III/b"
    pegawai.save()
    atasan = pegawai.atasan
    atasan.nama = "Yohanes Bria"
    atasan.save()
    iki1 = buat_iku(world.opd, "IKI-01", "KTP-el diverifikasi", tw=100, target=400, satuan="dokumen", desimal=0)
    iki2 = buat_iku(world.opd, "IKI-02", "Waktu verifikasi berkas", pol="minimize", agg="average", tw=2, target=2)
    Indikator.objects.filter(pk__in=[iki1.pk, iki2.pk]).update(jenis="iki", pegawai=pegawai)
    isi(iki1, 1, 90)
    isi(iki1, 2, 130)  # to date 220 / 200 = 110 %
    isi(iki2, 2, 3)  # (4 - 3) / 2 = 50 %
    recalculate(instansi_id=world.instansi.pk)

    def final(p, **kwargs):
        kwargs.setdefault("jenis", "triwulan")
        kwargs.setdefault("triwulan", 2)
        kwargs.setdefault("status", Penilaian.Status.FINAL)
        return Penilaian.objects.create(pegawai=p, instansi=world.instansi, tahun=TAHUN, **kwargs)

    tw2 = final(
        pegawai,
        hasil_kerja="di_atas",
        hasil_kerja_saran="sesuai",
        alasan_hasil_kerja="Menangani antrean tambahan saat server SIAK mati",
        berorientasi_pelayanan=3,
        akuntabel=3,
        kompeten=2,
        harmonis=3,
        loyal=3,
        adaptif=3,
        kolaboratif=2,
        perilaku="di_atas",
        perilaku_saran="di_atas",
        predikat="sangat_baik",
        skor=D("80"),
        umpan_balik=UMPAN_BALIK_HTML,
    )
    UmpanBalikIndikator.objects.create(penilaian=tw2, indikator=iki1, isi="Melebihi target", ekspektasi="di_atas")
    UmpanBalikIndikator.objects.create(penilaian=tw2, indikator=iki2, isi="Percepat verifikasi", ekspektasi="di_bawah")
    final(pegawai, jenis="tahunan", triwulan=4, predikat="sangat_baik", hasil_kerja="di_atas", perilaku="di_atas")
    final(world.pegawai_lain, predikat="sangat_baik")
    final(atasan, predikat="baik")
    final(PegawaiFactory(opd=world.opd), predikat="kurang", status=Penilaian.Status.DRAF)
    PredikatOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, predikat="baik")
    return tw2


JUDUL_HTML = 'KTP belum jadi <script>alert("x")</script>'


@pytest.fixture
def pengaduan_laporan(world):
    """Complaints and survey answers of DUKCAPIL in TW II 2026 (and some that must stay out of its reports)."""
    import datetime as dt

    from pengaduan.models import Pengaduan
    from survei.models import Layanan, ResponSurvei

    def aduan(n, opd, tanggal, **kwargs):
        kwargs.setdefault("kategori", "adminduk")
        return Pengaduan.objects.create(
            instansi=world.instansi,
            kode_hash=f"{n:064d}",
            opd=opd,
            judul=kwargs.pop("judul", f"Pengaduan {n}"),
            isi="Uraian",
            nama_pelapor="Rahasia Pelapor",
            kontak_pelapor="0812-rahasia",
            anonim=True,
            diterima_pada=dt.datetime.combine(tanggal, dt.time(1), tzinfo=dt.UTC),
            tanggal_diterima=tanggal,
            **kwargs,
        )

    aduan(
        1,
        world.opd,
        dt.date(2026, 4, 6),
        judul=JUDUL_HTML,
        status="selesai",
        hari_respons=3,
        respons_tepat_waktu=True,
        penilaian=4,
        terselesaikan=True,
    )
    aduan(
        2,
        world.opd,
        dt.date(2026, 5, 4),
        jenis="aspirasi",
        kategori="lainnya",
        status="ditindaklanjuti",
        hari_respons=7,
        respons_tepat_waktu=False,
        terlambat_sejak=dt.datetime(2026, 5, 20, tzinfo=dt.UTC),
    )
    aduan(
        3,
        world.opd,
        dt.date(2026, 6, 1),
        jenis="informasi",
        status="didisposisikan",
        tenggat_respons=dt.date(2026, 6, 10),
    )
    aduan(4, world.opd_lain, dt.date(2026, 5, 5), status="selesai")  # another OPD's
    aduan(5, world.opd, dt.date(2026, 3, 30), status="selesai")  # TW I

    # domain.md's survey example: NRR 3.5, 3.0, 2.75, 4.0, 3.5, 3.25, 3.5, 2.5, 3.25; IKM 3.25; konversi 81.25; B.
    ktp = Layanan.objects.create(opd=world.opd, nama="Perekaman KTP-el")
    akta = Layanan.objects.create(opd=world.opd, nama="Akta kelahiran")
    jawaban = [
        ((4, 3, 3, 4, 4, 3, 3, 2, 3), ktp, "l", "s1", 30, "Antrean <b>terlalu</b> panjang"),
        ((3, 3, 2, 4, 3, 3, 4, 3, 3), ktp, "p", "sma", 45, ""),
        ((4, 4, 3, 4, 4, 4, 4, 3, 4), akta, "p", "s1", 58, "Petugas ramah"),
        ((3, 2, 3, 4, 3, 3, 3, 2, 3), None, "", "", None, ""),
    ]
    for k, (skor, layanan, jk, pendidikan, usia, saran) in enumerate(jawaban):
        ResponSurvei.objects.create(
            instansi=world.instansi,
            opd=world.opd,
            layanan=layanan,
            diisi_pada=dt.datetime(2026, 5, 1 + k, 2, tzinfo=dt.UTC),
            tanggal=dt.date(2026, 5, 1 + k),
            tahun=TAHUN,
            triwulan=2,
            jenis_kelamin=jk,
            pendidikan=pendidikan,
            pekerjaan="pns" if k % 2 else "swasta",
            usia=usia,
            saran=saran,
            **{f"u{i}": s for i, s in enumerate(skor, start=1)},
        )
    ResponSurvei.objects.create(  # TW I: only in the annual report
        instansi=world.instansi,
        opd=world.opd,
        diisi_pada=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
        tanggal=dt.date(2026, 2, 1),
        tahun=TAHUN,
        triwulan=1,
        **{f"u{i}": 1 for i in range(1, 10)},
    )
