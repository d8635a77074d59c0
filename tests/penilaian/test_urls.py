"""The evaluation pages and the Kinerja pages kept their addresses and names when they moved from evaluasi to
penilaian: bookmarks keep working, and so does the verification address printed on every certificate."""

import pytest
from django.urls import resolve, reverse

ALAMAT = [
    # name, arguments, address
    ("penilaian:daftar", [], "/penilaian/"),
    ("penilaian:nilai", [3, 2026, "tw2"], "/penilaian/pegawai/3/2026/tw2/"),
    ("penilaian:akui", [5], "/penilaian/5/akui/"),
    ("penilaian:buka_ulang", [5], "/penilaian/5/buka-ulang/"),
    ("penilaian:riwayat", [5], "/penilaian/5/riwayat/"),
    ("penilaian:opd", [7, 2026], "/penilaian/opd/7/2026/"),
    ("penilaian:predikat_opd", [7, 2026], "/penilaian/opd/7/2026/predikat/"),
    ("penilaian:tindak_lanjut", [], "/penilaian/tindak-lanjut/"),
    ("penilaian:penghargaan_putuskan", [9], "/penilaian/penghargaan/9/putuskan/"),
    ("penilaian:sertifikat", [9], "/penilaian/penghargaan/9/sertifikat/"),
    ("penilaian:verifikasi", [], "/penilaian/verifikasi/"),
    ("penilaian:verifikasi_kode", ["ABCD2345EFGH6789JKLM"], "/penilaian/verifikasi/ABCD2345EFGH6789JKLM/"),
    ("penilaian:pelatihan_list", [], "/penilaian/pelatihan/"),
    ("penilaian:pelatihan_tambah", [], "/penilaian/pelatihan/tambah/"),
    ("penilaian:pelatihan_detail", [4], "/penilaian/pelatihan/4/"),
    ("penilaian:pelatihan_ubah", [4], "/penilaian/pelatihan/4/ubah/"),
    ("penilaian:peserta_tambah", [4], "/penilaian/pelatihan/4/peserta/"),
    ("penilaian:peserta_detail", [6], "/penilaian/peserta/6/"),
    ("penilaian:peserta_ubah", [6], "/penilaian/peserta/6/ubah/"),
    ("penilaian:rencana", [3, 2026, 4], "/penilaian/rencana/3/2026/4/"),
    ("penilaian:rencana_putuskan", [8], "/penilaian/rencana/8/putuskan/"),
    ("kinerja:saya", [], "/kinerja/saya/"),
    ("kinerja:pegawai", [3], "/kinerja/pegawai/3/"),
    ("kinerja:opd", [7], "/kinerja/opd/7/"),
]


@pytest.mark.parametrize(("nama", "args", "alamat"), ALAMAT, ids=[a[0] for a in ALAMAT])
def test_a_page_keeps_its_address_and_its_name(nama, args, alamat):
    assert reverse(nama, args=args) == alamat
    assert resolve(alamat).view_name == nama


def test_the_certificate_points_to_the_verification_page_it_always_did(settings):
    from penilaian.sertifikat import alamat_verifikasi

    settings.SITE_URL = "https://kinerja.kupangkota.go.id/"
    assert alamat_verifikasi() == "https://kinerja.kupangkota.go.id/penilaian/verifikasi/"
