"""Each report rendered from the known data of conftest.data_laporan, its text extracted with pdftotext and checked:
numbers, names, the letterhead and logo, page numbers, the generation time in the instansi's zone, the data version."""

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from laporan import services
from laporan.models import Laporan
from tests.factories import InstansiFactory, OpdFactory

from .conftest import JUDUL_HTML, KENDALA_HTML, TAHUN, baris_dengan, teks_grafik, teks_pdf

UTC = datetime.UTC
# 01:30 UTC is 09.30 WITA (Kupang) and 08.30 WIB (Surabaya).
PADA = datetime.datetime(2026, 7, 15, 1, 30, tzinfo=UTC)


def render(world, jenis, *, opd=None, instansi=None, triwulan=None, pegawai=None, format="pdf", dibuat_pada=PADA):
    laporan = Laporan(
        jenis=jenis,
        format=format,
        bahasa="id",
        instansi=instansi or world.instansi,
        opd=opd,
        pegawai=pegawai,
        tahun=TAHUN,
        triwulan=triwulan,
    )
    with translation.override("id"):
        isi, judul, versi = services.buat_isi(laporan=laporan, dibuat_pada=dibuat_pada)
    return isi, judul, versi


def gambar_di_halaman(isi: bytes, halaman: int = 0) -> int:
    page = PdfReader(io.BytesIO(isi)).pages[halaman]
    xobjects = page["/Resources"].get("/XObject") or {}
    return sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")


@pytest.mark.django_db
def test_capaian_triwulan_opd_shows_every_iku_with_its_numbers(world, data_laporan):
    isi, judul, versi = render(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2)
    teks = teks_pdf(isi)

    assert judul == "Laporan Capaian Kinerja Triwulan II Tahun 2026 – Dinas Kependudukan dan Pencatatan Sipil"
    assert PdfReader(io.BytesIO(isi)).metadata.title == judul
    assert "Laporan Capaian Kinerja Triwulan II Tahun 2026" in teks
    # Score TW II = (100 + 100 + 90) / 3 = 96,67; three of four IKU counted, one under target.
    assert "Skor OPD 96,67% Sangat Baik" in teks
    assert "IKU dihitung 3 dari 4" in teks
    assert "Realisasi terverifikasi 3 dari 4" in teks
    assert "IKU di bawah target 1" in teks
    # No, indicator, target, realisation, quarter alone, to date, band.
    assert "1 IKU-01 Persentase KTP-el tercetak 25,00 30,00 120,00% 100,00% Sangat Baik" in teks
    assert "2 IKU-02 Waktu layanan KTP (hari) 5,00 6,00 80,00% 100,00% Sangat Baik" in teks
    assert "3 IKU-03 Dokumen kependudukan 100,00 90,00 90,00% 90,00% Baik" in teks
    # Submitted but not verified: the state is named, no achievement.
    assert "4 IKU-04 Akta kelahiran terbit (%) 10,00 Diajukan – Belum diisi –" in teks
    # The chart has its values written in it.
    assert "Grafik capaian per indikator" in teks
    assert "IKU-03 90,00%" in teks_grafik(isi)  # chart rows are named by code; the table names them in full
    # DINKES is another OPD: never in this report.
    assert "Cakupan imunisasi" not in teks


@pytest.mark.django_db
def test_html_in_a_kendala_is_shown_as_text(world, data_laporan):
    isi, _judul, _versi = render(world, "capaian_triwulan_opd", opd=world.opd, triwulan=2)
    # Wrapped inside its table cell, so compared without white space.
    flat = re.sub(r"\s+", "", teks_pdf(isi, layout=False))
    assert re.sub(r"\s+", "", KENDALA_HTML) in flat
    assert "Tambah<b>server</b>cadangan" in flat


@pytest.mark.django_db
def test_every_pdf_has_letterhead_logo_page_numbers_time_in_the_instansi_zone_and_data_version(world, data_laporan):
    isi, _judul, versi = render(world, "kinerja_tahunan_opd", opd=world.opd)
    teks = teks_pdf(isi)
    halaman = len(PdfReader(io.BytesIO(isi)).pages)

    assert halaman >= 2
    assert teks.startswith("PEMERINTAH KOTA UJI\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\nJl. El Tari No. 1, Kupang")
    assert gambar_di_halaman(isi, 0) == 1  # the logo
    for nomor in range(1, halaman + 1):
        assert f"Halaman {nomor} dari {halaman}" in teks
    assert re.fullmatch(r"[0-9a-f]{64}", versi)
    footer = f"Pemerintah Kota Uji · Dibuat 15 Juli 2026, 09.30 WITA · Versi data {versi[:12]}"
    assert teks.count(footer) == halaman


@pytest.mark.django_db
def test_time_is_in_the_zone_of_the_reports_instansi(world):
    surabaya = InstansiFactory(kode="kota-surabaya", nama="Pemerintah Kota Surabaya", zona_waktu="Asia/Jakarta")
    OpdFactory(instansi=surabaya, nama="Dinas Kesehatan Surabaya")
    isi, _judul, _versi = render(world, "rekap_instansi", instansi=surabaya, triwulan=1)
    teks = teks_pdf(isi)
    assert "Dibuat 15 Juli 2026, 08.30 WIB" in teks
    assert "PEMERINTAH KOTA SURABAYA" in teks
    assert gambar_di_halaman(isi, 0) == 0  # no logo uploaded: none drawn, nothing fetched


@pytest.mark.django_db
def test_kinerja_tahunan_opd_compares_with_last_year_and_lists_under_target_with_analysis(world, data_laporan):
    isi, judul, _versi = render(world, "kinerja_tahunan_opd", opd=world.opd)
    teks = teks_pdf(isi)

    assert judul == "Laporan Kinerja Tahunan 2026 – Dinas Kependudukan dan Pencatatan Sipil"
    # Annual score = TW IV to date = 96,67; 2025: 90 → +6,67.
    assert "Skor tahunan OPD 96,67% Sangat Baik" in teks
    assert "Skor tahun 2025 90,00% (perubahan +6,67)" in teks
    assert "Predikat kinerja organisasi Belum ditetapkan" in teks
    assert "IKU di bawah target 1 dari 4" in teks
    assert "100,00% 96,67% 96,67% 96,67%" in teks  # the score at TW I–IV
    # TW I–IV to date, annual, band, last year, change.
    assert (
        "IKU-01 Persentase KTP-el tercetak (%) 100,00 80,00% 100,00% 100,00% 100,00% 100,00% Sangat Baik 90,00% +10,00"
        in teks
    )
    assert (
        "IKU-02 Waktu layanan KTP (hari) 5,00 120,00% 100,00% 100,00% 100,00% 100,00% Sangat Baik tidak ada –" in teks
    )
    assert "IKU-03 Dokumen kependudukan terbit (%) 100,00 – 90,00% 90,00% 90,00% 90,00% Baik tidak ada –" in teks
    # pypdf sets the dash of the empty cell after "Belum diisi" without a space: compared without spaces.
    iku04 = baris_dengan(teks, "IKU-04 Akta kelahiran").replace(" ", "")
    assert iku04 == "IKU-04 Akta kelahiran terbit (%) 40,00 – – – – Belum diisi – tidak ada –".replace(" ", "")
    bawah = teks.split("Indikator di bawah target dan analisisnya")[1]
    assert "IKU-03 Dokumen kependudukan terbit 90,00% TW II — Kendala: Server <i>SIAK</i>" in bawah
    assert "Solusi: Tambah <b>server</b> cadangan" in bawah
    assert "IKU-01" not in bawah


@pytest.mark.django_db
def test_kinerja_tahunan_instansi_ranks_opd_and_lists_each_opds_iku(world, data_laporan):
    isi, judul, _versi = render(world, "kinerja_tahunan_instansi")
    teks = teks_pdf(isi)

    assert judul == "Laporan Kinerja Tahunan 2026 – Pemerintah Kota Uji"
    # Instansi = mean of the OPD scores (96,6667 and 50) = 73,33 (Cukup); 2025 only DUKCAPIL had one: 90.
    assert "Skor tahunan instansi 73,33% Cukup" in teks
    assert "Skor tahun 2025 90,00% (perubahan −16,67)" in teks
    assert "Jumlah OPD 2" in teks
    assert "IKU di bawah target 2 dari 5" in teks
    assert (
        "1 Dinas Kependudukan dan Pencatatan 100,00% 96,67% 96,67% 96,67% Sangat Baik 90,00% +6,67 Belum ditetapkan"
        in teks
    )
    assert "2 Dinas Kesehatan (DINKES) 50,00% 50,00% 50,00% 50,00% Sangat Kurang – – Belum ditetapkan" in teks
    assert "IKU-01 Cakupan imunisasi (%) 40,00 50,00% 50,00% 50,00% 50,00% 50,00% Sangat Kurang tidak ada –" in teks
    bawah = teks.split("Indikator di bawah target dan analisisnya")[1]
    assert "Dinas Kesehatan IKU-01 Cakupan imunisasi 50,00% Kendala dan solusi belum diisi." in bawah
    assert "<script>alert(1)</" in bawah


@pytest.mark.django_db
def test_rekap_instansi_has_every_opds_score_rank_and_completeness(world, data_laporan):
    isi, judul, _versi = render(world, "rekap_instansi", triwulan=2)
    teks = teks_pdf(isi)

    assert judul == "Rekap Kinerja Instansi Triwulan II Tahun 2026 – Pemerintah Kota Uji"
    assert "Skor instansi 73,33% Cukup" in teks
    assert "Jumlah OPD 2" in teks
    # TW II: DUKCAPIL 4 indicators, all 4 entered (IKU-04 submitted), 3 verified; DINKES 1 of 1.
    assert "Kelengkapan pengisian 5 dari 5 indikator terisi (100,00%)" in teks
    assert "Diverifikasi 4 dari 5 (80,00%)" in teks
    # Rank, OPD, score, band, predikat, IKU counted, IKU under target, indicators, entered, verified, completeness.
    assert baris_dengan(teks, "1 Dinas Kependudukan dan") == (
        "1 Dinas Kependudukan dan Pencatatan 96,67% Sangat Baik Belum 3 dari 4 1 4 4 3 100,00%"
    )
    assert "2 Dinas Kesehatan (DINKES) 50,00% Sangat Kurang Belum 1 dari 1 1 1 1 1 100,00%" in teks
    assert "DUKCAPIL 96,67%" in teks_grafik(isi) and "DINKES 50,00%" in teks_grafik(
        isi
    )  # the chart, rows named by code


@pytest.mark.django_db
def test_rekap_ranks_ties_equally_and_opd_without_iku_last(world):
    from decimal import Decimal

    from evaluasi.models import SkorOpd

    ketiga = OpdFactory(instansi=world.instansi, nama="Kecamatan Maulafa")
    for opd in (world.opd, world.opd_lain):
        SkorOpd.objects.create(
            opd=opd, instansi=world.instansi, tahun=TAHUN, triwulan=1, skor=Decimal("88.5"), band="baik"
        )
    isi, _judul, _versi = render(world, "rekap_instansi", triwulan=1)
    teks = teks_pdf(isi)
    assert "1 Dinas Kependudukan dan Pencatatan 88,50% Baik" in teks
    assert "1 Dinas Kesehatan (DINKES) 88,50% Baik" in teks
    assert f"– {ketiga.nama} ({ketiga.kode}) – –" in teks


# -- with the evaluation cycle's data --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_evaluasi_pegawai_document_has_indicators_ratings_predikat_feedback_and_signatures(world, penilaian_laporan):
    from .conftest import UMPAN_BALIK_HTML

    pegawai = world.pegawai
    isi, judul, _versi = render(world, "evaluasi_pegawai", opd=world.opd, triwulan=2, pegawai=pegawai)
    teks = teks_pdf(isi)
    flat = re.sub(r"\s+", "", teks)

    assert judul == "Dokumen Evaluasi Kinerja Pegawai – Maria Goreti – Triwulan II Tahun 2026"
    assert "Dokumen Evaluasi Kinerja Pegawai" in teks and "Periode penilaian: Triwulan II Tahun 2026" in teks
    assert f"NIP {pegawai.nip} NIP {pegawai.atasan.nip}" in teks
    assert "Nama Maria Goreti Nama Yohanes Bria" in teks
    assert "Pangkat/golongan Penata Muda Tingkat I (III/b) Jabatan Kepala Seksi" in teks
    # IKI-01: TW II target 100, realisation 130, to date 220/200 = 110 % (0 decimals), above expectation.
    assert "1 IKI-01 KTP-el diverifikasi (dokumen) 100 130 110% Sangat Baik Di Atas Melebihi target" in teks
    # IKI-02 (minimize): target 2, realisation 3 → 50 %, below.
    assert "2 IKI-02 Waktu verifikasi berkas (%) 2,00 3,00 50,00% Sangat Kurang Di Bawah Percepat verifikasi" in teks
    assert "Skor kinerja 80,00%" in teks
    assert "Rating hasil kerja Di Atas Ekspektasi (saran sistem: Sesuai Ekspektasi)" in teks
    assert "Alasan Menangani antrean tambahan saat server SIAK mati" in teks
    assert "Berorientasi Pelayanan 3" in teks and "Kompeten 2" in teks and "Kolaboratif 2" in teks
    assert "Rating perilaku kerja Di Atas Ekspektasi (saran sistem: Di Atas Ekspektasi)" in teks
    assert "Predikat kinerja Sangat Baik" in teks
    assert re.sub(r"\s+", "", UMPAN_BALIK_HTML) in flat  # the evaluator's HTML is text
    assert "Umpan balik belum diakui pegawai." in teks
    # Signature blocks: the ASN and the evaluator (their superior), with names and NIPs.
    assert "Pegawai yang dinilai Pejabat penilai kinerja" in teks.split("Umpan balik belum diakui pegawai.")[1]
    assert "Maria Goreti Yohanes Bria" in teks
    assert f"NIP {pegawai.nip} NIP {pegawai.atasan.nip}" in teks.split("Pejabat penilai kinerja")[-1]
    assert gambar_di_halaman(isi, 0) == 1


@pytest.mark.django_db
def test_annual_evaluation_document_uses_the_year_target_and_to_date_realisation(world, penilaian_laporan):
    isi, judul, _versi = render(world, "evaluasi_pegawai", opd=world.opd, pegawai=world.pegawai)
    teks = teks_pdf(isi)
    assert judul == "Dokumen Evaluasi Kinerja Pegawai – Maria Goreti – Tahun 2026"
    assert "1 IKI-01 KTP-el diverifikasi (dokumen) 400 220 110% Sangat Baik" in teks


@pytest.mark.django_db
def test_no_final_evaluation_fails_the_job_with_its_reason(world, data_laporan):
    laporan = Laporan.objects.create(
        jenis="evaluasi_pegawai",
        bahasa="id",
        instansi=world.instansi,
        opd=world.opd,
        pegawai=world.pegawai,
        tahun=TAHUN,
        triwulan=3,
        diminta_oleh=world.users["asn"],
    )
    services.laporan_render(laporan_id=laporan.pk)
    laporan.refresh_from_db()
    assert (laporan.status, laporan.alasan_gagal) == ("gagal", "Belum ada penilaian final untuk periode ini.")


@pytest.mark.django_db
def test_rekap_shows_organisation_predikat_and_staff_predikat_distribution_with_its_warning(world, penilaian_laporan):
    isi, _judul, _versi = render(world, "rekap_instansi", triwulan=2)
    teks = teks_pdf(isi)
    # DUKCAPIL now also counts the two IKI of world.pegawai (6 indicators, all entered).
    assert baris_dengan(teks, "1 Dinas Kependudukan dan").startswith(
        "1 Dinas Kependudukan dan Pencatatan 96,67% Sangat Baik Baik"
    )
    sebaran = teks.split("Sebaran predikat pegawai (TW II)")[1]
    # Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang, total; the draft is not counted.
    baris = baris_dengan(sebaran, "Dinas Kependudukan dan")
    assert re.match(r"Dinas Kependudukan dan( Pencatatan)? Baik 2 1 0 0 0 3 paling sedikit satu Butuh", baris)
    assert "Kurang/Misconduct: tidak ada" in sebaran
    assert re.search(r"Dinas Kesehatan \(DINKES\) Belum( ditetapkan)? 0 0 0 0 0 0 –", sebaran)
    assert "Instansi 2 1 0 0 0 3" in sebaran


@pytest.mark.django_db
def test_annual_reports_show_the_organisation_predikat(world, penilaian_laporan):
    isi, _judul, _versi = render(world, "kinerja_tahunan_opd", opd=world.opd)
    assert "Predikat kinerja organisasi Baik" in teks_pdf(isi)
    isi, _judul, _versi = render(world, "kinerja_tahunan_instansi")
    teks = teks_pdf(isi)
    assert baris_dengan(teks, "1 Dinas Kependudukan dan").endswith("+6,67 Baik")
    assert baris_dengan(teks, "2 Dinas Kesehatan").endswith("Belum ditetapkan")


# -- with the complaints app's data ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rekap_pengaduan_counts_times_and_lists_without_the_reporter(world, pengaduan_laporan, monkeypatch):
    import datetime as dt

    from laporan import selectors

    monkeypatch.setattr(selectors, "hari_ini", lambda instansi, sekarang=None: dt.date(2026, 7, 15))
    isi, judul, _versi = render(world, "rekap_pengaduan", opd=world.opd, triwulan=2)
    teks = teks_pdf(isi)
    assert judul == "Rekap Pengaduan Triwulan II Tahun 2026 – Dinas Kependudukan dan Pencatatan Sipil"
    assert "Dinas Kependudukan dan Pencatatan Sipil · 1 April 2026 – 30 Juni 2026" in teks
    assert "Diterima 3 · Pengaduan 1 · Aspirasi 1 · Permintaan informasi 1" in teks
    assert "Dijawab 1" in teks
    assert "Terlambat, masih terbuka 1" in teks
    # Response times 3 and 7 working days; on time: 1 of 3 (the third is unanswered past its deadline of 10 June).
    assert "Waktu respons rata-rata 5,00 hari kerja, median 5,0" in teks
    assert "Respons tepat waktu 33,33% (1 dari 3)" in teks
    assert "Penilaian pelapor 4,00 dari 5 (1 penilaian)" in teks
    assert "Terselesaikan menurut pelapor 100,00% (1 dari 1)" in teks
    assert "Selesai 1" in teks and "Ditindaklanjuti 1" in teks and "Didisposisikan 1" in teks
    flat = re.sub(r"\s+", "", teks)
    assert re.sub(r"\s+", "", JUDUL_HTML) in flat  # escaped: shown as text
    assert "PGD-2026-" in teks
    assert "Rahasia Pelapor" not in teks and "0812" not in teks  # never the reporter
    assert teks.count("PGD-2026-") == 3  # neither DINKES's nor TW I's


@pytest.mark.django_db
def test_laporan_skm_has_the_domain_example_figures_profile_and_suggestions(world, pengaduan_laporan):
    isi, judul, _versi = render(world, "laporan_skm", opd=world.opd, triwulan=2)
    teks = teks_pdf(isi)
    assert (
        judul == "Laporan Survei Kepuasan Masyarakat Triwulan II Tahun 2026 – Dinas Kependudukan dan Pencatatan Sipil"
    )
    assert "Responden 4" in teks
    assert "IKM 3,2500" in teks
    assert "IKM konversi 81,25" in teks
    assert "Mutu pelayanan B (Baik)" in teks
    # The OPD row: respondents, NRR U1…U9, IKM, konversi, grade.
    assert "OPD 4 3,50 3,00 2,75 4,00 3,50 3,25 3,50 2,50 3,25 3,25 81,25 B (Baik)" in teks
    assert "Perekaman KTP-el 2 3,50 3,00 2,50 4,00 3,50 3,00 3,50 2,50 3,00" in teks
    assert "U1 Persyaratan 3,50" in teks_grafik(isi)  # the chart
    assert "Jenis kelamin Laki-laki 1" in teks and "Perempuan 2" in teks and "Tidak diisi 1" in teks
    assert "25–39 tahun 1" in teks and "55 tahun ke atas 1" in teks
    flat = re.sub(r"\s+", "", teks)
    assert "Antrean<b>terlalu</b>panjang" in flat
    assert "Petugasramah" in flat
    annual = teks_pdf(render(world, "laporan_skm", opd=world.opd)[0])
    assert "Responden 5" in annual  # the TW I answer joins in the annual report
