"""Pages that moved out of the pengaduan app keep their addresses (the survey's are printed on QR codes at the
counters) and their old names, which reverse to the same addresses while the addresses resolve to the new names."""

import pytest
from django.urls import resolve, reverse

from kinerja.urls import NAMA_LAMA_PENGADUAN

PINDAH = [
    # old name, new name, arguments, address
    ("pengaduan:survei_index", "survei:survei_index", [], "/survei/"),
    ("pengaduan:survei", "survei:survei", [7], "/survei/7/"),
    ("pengaduan:survei_terima_kasih", "survei:survei_terima_kasih", [7], "/survei/7/terima-kasih/"),
    ("pengaduan:layanan_list", "survei:layanan_list", [], "/survei/kelola/"),
    ("pengaduan:layanan_aktif", "survei:layanan_aktif", [3], "/survei/kelola/3/aktif/"),
    ("pengaduan:layanan_qr", "survei:layanan_qr", [3], "/survei/kelola/3/qr.svg"),
    ("pengaduan:layanan_cetak", "survei:layanan_cetak", [3], "/survei/kelola/3/cetak/"),
    ("pengaduan:ikm", "survei:ikm", [], "/survei/hasil/"),
    ("pengaduan:hari_libur", "opd:hari_libur", [], "/pengaduan/hari-libur/"),
    ("pengaduan:hari_libur_hapus", "opd:hari_libur_hapus", [5], "/pengaduan/hari-libur/5/hapus/"),
    ("pengaduan:publik", "transparansi:publik", [], "/publik/"),
    ("pengaduan:publik_opd", "transparansi:publik_opd", [7], "/publik/7/"),
]


@pytest.mark.parametrize(("lama", "baru", "args", "alamat"), PINDAH, ids=[p[0] for p in PINDAH])
def test_a_moved_page_keeps_its_address_and_its_old_name(lama, baru, args, alamat):
    assert reverse(baru, args=args) == alamat
    assert reverse(lama, args=args) == alamat
    assert resolve(alamat).view_name == baru


def test_the_old_names_are_exactly_those_of_the_moved_pages():
    lama = {f"pengaduan:{p.name}" for patterns in NAMA_LAMA_PENGADUAN.values() for p in patterns}
    assert lama == {p[0] for p in PINDAH}
