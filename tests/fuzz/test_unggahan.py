"""Uploads and imports: hostile workbooks are refused with a clear message, within time and memory bounded relative to
an ordinary small file; a huge file is kept only up to the limit; too many files are refused whole."""

import io
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from evaluasi.models import BuktiDukung
from opd.impor import BerkasTidakValid, baca_berkas
from opd.models import Pegawai
from opd.xlsx import XlsxDitolak, buka_xlsx, periksa_xlsx
from pengaduan.models import Lampiran, Pengaduan
from tests.fuzz import berkas_jahat
from tests.fuzz.conftest import FUZZ, Percobaan, berubah, jejak
from tests.matrix.evaluasi import grid_args
from tests.matrix.evaluasi import indikator as indikator_grid


def _ukur(fungsi) -> tuple[float, int]:
    """(CPU seconds, peak bytes allocated) of fungsi(), the best of three runs."""
    hasil = []
    for _ in range(3):
        tracemalloc.start()
        mulai = time.process_time()
        try:
            fungsi()
        except (XlsxDitolak, BerkasTidakValid):
            pass
        waktu = time.process_time() - mulai
        puncak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        hasil.append((waktu, puncak))
    return min(h[0] for h in hasil), min(h[1] for h in hasil)


def _baca_kecil():
    """The yardstick: an ordinary small workbook (100 rows) opened and read to its end."""
    wb = buka_xlsx(berkas_jahat.lembar(100))
    list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()


# Refusing may cost a little more than the yardstick (one more parser, a message): within twice it, where opening the
# file would cost hundreds of times as much.
LONGGAR = 2


def _pesan(data: bytes) -> str:
    with pytest.raises(XlsxDitolak) as exc:
        buka_xlsx(data)
    return str(exc.value)


def test_a_zip_bomb_is_refused_before_it_is_unpacked_in_bounded_time_and_memory():
    bom = berkas_jahat.bom_zip()  # 64 MB of blanks
    assert len(bom) < 200 * 1024
    assert "isinya bila dibuka jauh lebih besar dari berkasnya" in _pesan(bom)
    rasio = berkas_jahat.bom_rasio()  # 4 MB: under the total, but a thousand times its size
    assert "isinya bila dibuka jauh lebih besar dari berkasnya" in _pesan(rasio)
    waktu_kecil, memori_kecil = _ukur(_baca_kecil)
    waktu, memori = _ukur(lambda: buka_xlsx(bom))
    assert waktu <= LONGGAR * waktu_kecil and memori <= LONGGAR * memori_kecil


def test_a_file_of_50000_rows_is_refused_with_a_clear_message_in_bounded_time_and_memory():
    besar = berkas_jahat.lembar(50_000)
    tanpa_dimensi = berkas_jahat.lembar(50_000, dimensi=False)
    assert _pesan(besar) == "Berkas berisi lebih dari 20.000 baris. Pecah menjadi beberapa berkas."
    assert _pesan(tanpa_dimensi) == "Berkas berisi lebih dari 20.000 baris. Pecah menjadi beberapa berkas."
    waktu_kecil, memori_kecil = _ukur(_baca_kecil)
    # Its declared size refuses it at once: about as dear as reading a small file.
    waktu, memori = _ukur(lambda: buka_xlsx(besar))
    assert waktu <= LONGGAR * waktu_kecil and memori <= LONGGAR * memori_kecil
    # Without one, its rows are counted as a stream and counting stops at the limit: memory stays that of a small
    # file, time that of the 20,000 rows a file may have (two hundred small files of 100 rows).
    waktu, memori = _ukur(lambda: buka_xlsx(tanpa_dimensi))
    assert memori <= LONGGAR * memori_kecil and waktu <= 200 * waktu_kecil


def test_a_file_of_50000_rows_is_refused_by_the_staff_import_page(client, world):
    client.force_login(world.users["admin_instansi"])
    sebelum = Pegawai.objects.count()
    response = client.post(
        reverse("opd:pegawai_import"),
        {"berkas": SimpleUploadedFile("pegawai.xlsx", berkas_jahat.lembar(50_000))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["berkas"] == [
        "Berkas berisi lebih dari 20.000 baris. Pecah menjadi beberapa berkas."
    ]
    assert Pegawai.objects.count() == sebelum


def test_a_zip_bomb_is_refused_by_the_grid_upload(client, world):
    indikator_grid(world)
    client.force_login(world.users["tim_evaluasi"])
    response = client.post(
        reverse("evaluasi:grid_excel_unggah", args=grid_args(world)),
        {"berkas": SimpleUploadedFile("realisasi.xlsx", berkas_jahat.bom_rasio())},
    )
    assert response.status_code == 422
    assert "isinya bila dibuka jauh lebih besar dari berkasnya" in response.content.decode()


@pytest.mark.parametrize("nama", list(berkas_jahat.ANEH))
def test_a_strange_workbook_with_odd_xml_is_refused(nama):
    pesan = _pesan(berkas_jahat.ANEH[nama]())
    assert pesan.startswith(("Berkas bukan berkas Excel", "Berkas Excel ditolak", "Berkas berisi lebih dari"))


@FUZZ
@given(
    potong=st.integers(min_value=0, max_value=4000),
    ubah=st.lists(st.tuples(st.integers(min_value=0, max_value=4000), st.integers(0, 255)), max_size=8),
    sisip=st.binary(max_size=64),
)
def test_random_bytes_truncated_and_altered_are_refused_or_read_never_raised(potong, ubah, sisip):
    data = bytearray(berkas_jahat.lembar(20))
    for posisi, nilai in ubah:
        data[posisi % len(data)] = nilai
    data = bytes(data[: max(potong, 4)] + sisip + data[potong:]) if sisip else bytes(data[: len(data) - potong])
    try:
        wb = buka_xlsx(data)
    except XlsxDitolak as exc:
        assert str(exc)
    else:
        wb.close()
    try:
        baca_berkas(berkas=io.BytesIO(data), nama_berkas="pegawai.xlsx")
    except BerkasTidakValid as exc:
        assert str(exc)


def test_a_well_formed_workbook_within_the_limits_is_opened():
    periksa_xlsx(berkas_jahat.lembar(20_000 - 1))
    wb = buka_xlsx(berkas_jahat.lembar(3))
    assert list(wb.worksheets[0].iter_rows(values_only=True))[1] == ("198001012005011000", "Pegawai 0")
    wb.close()


@override_settings(UPLOAD_MAX_BYTES=64 * 1024)
def test_a_huge_evidence_file_is_kept_only_up_to_the_limit_and_refused(client, world, monkeypatch):
    from evaluasi import bukti, services

    indikator_grid(world)
    client.force_login(world.users["tim_evaluasi"])
    dilihat = []
    asli = bukti.periksa_berkas
    monkeypatch.setattr(services, "periksa_berkas", lambda berkas: dilihat.append(berkas.size) or asli(berkas))
    pk = indikator_grid(world).pk
    sebelum = jejak()
    response = client.post(
        reverse("evaluasi:grid_baris", args=[*grid_args(world), pk]),
        {
            f"r{pk}-versi": "0",
            f"r{pk}-nilai": "20",
            "aksi": "simpan",
            f"r{pk}-berkas": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)),
        },
    )
    assert response.status_code == 422
    assert dilihat == [64 * 1024 + 1]  # 3 MB sent, the limit plus one byte kept
    assert "terlalu besar" in response.content.decode()
    assert BuktiDukung.objects.count() == 0
    assert berubah(sebelum, jejak()) == []


def test_the_upload_handler_passes_a_small_file_whole(client, world):
    client.force_login(world.users["admin_instansi"])
    isi = b"nip,nama\n198001012005011001,Pegawai Baru\n"
    response = client.post(reverse("opd:pegawai_import"), {"berkas": SimpleUploadedFile("pegawai.csv", isi)})
    assert response.status_code in (200, 302)
    assert "terlalu besar" not in response.content.decode()


def test_more_files_than_any_form_takes_are_refused_whole(client, world):
    sebelum = (Pengaduan.objects.count(), Lampiran.objects.count())
    with Percobaan():
        jejak_awal = jejak()
        response = client.post(
            reverse("pengaduan:form"),
            {
                "instansi": world.instansi.pk,
                "jenis": "pengaduan",
                "kategori": "adminduk",
                "judul": "Antrean KTP",
                "isi": "Antrean terlalu lama.",
                "lampiran": [SimpleUploadedFile(f"b{i}.pdf", b"%PDF-1.4\n") for i in range(21)],
            },
        )
        assert response.status_code == 400
        assert berubah(jejak_awal, jejak()) == []
    assert (Pengaduan.objects.count(), Lampiran.objects.count()) == sebelum
