"""Staff import: reading CSV/Excel, the all-or-nothing checks with their row report, the page and the command."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from opd.impor import KOLOM, MAKS_BARIS, BerkasTidakValid, GalatBaris, HasilImpor, baca_berkas, pegawai_import
from opd.models import Pegawai, Peran, PeranPengguna, UnitKerja
from tests.factories import InstansiFactory, OpdFactory, PegawaiFactory, user_with_role


def nip(i: int, *, sex: int = 1, pppk: bool = False) -> str:
    """A valid NIP, distinct for each i < 999 and from the factories' (born 1965, serial i + 1, never 000)."""
    appointment = "202100" if pppk else f"1990{1 + i % 12:02d}"
    return f"1965{1 + i % 12:02d}{1 + i % 28:02d}{appointment}{sex}{i + 1:03d}"


def row(nip_: str, **values) -> dict:
    base = {
        "nip": nip_,
        "nama": "Yohanes Tefa",
        "gelar_depan": "",
        "gelar_belakang": "",
        "status": "PNS",
        "golongan": "III/a",
        "jabatan": "Analis Kependudukan",
        "jenis_jabatan": "pelaksana",
        "kode_opd": "DUKCAPIL",
        "kode_unit": "",
        "nip_atasan": "",
        "aktif": "ya",
        "siasn_id": "",
        "siasn_id_unit": "",
    }
    base.update(values)
    return base


def csv_bytes(rows: list[dict], *, columns=KOLOM, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def xlsx_bytes(rows: list[list], *, second_sheet: bool = False) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    if second_sheet:
        workbook.create_sheet("Lain").append(["bukan", "daftar", "pegawai"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_csv(rows: list[dict], **kwargs) -> list[dict]:
    return baca_berkas(berkas=io.BytesIO(csv_bytes(rows, **kwargs)), nama_berkas="pegawai.csv")


def import_rows(world, rows: list[dict], **kwargs) -> HasilImpor:
    return pegawai_import(instansi=world.instansi, rows=read_csv(rows, **kwargs), actor=world.users["admin_instansi"])


# -- reading the file ------------------------------------------------------------------------------------------------


def test_baca_berkas_reads_a_utf8_csv_with_bom_and_semicolons_with_spreadsheet_row_numbers():
    data = "\ufeffNIP;Nama;status;jabatan;jenis jabatan;kode_opd\r\n" + (
        f"{nip(1)};Maria Ndun;PNS;Analis;pelaksana;DUKCAPIL\r\n;;;;;\r\n{nip(2)};Ana Lalo;PPPK;Perawat;fungsional;DINKES\r\n"
    )
    rows = baca_berkas(berkas=io.BytesIO(data.encode()), nama_berkas="Pegawai.CSV")
    assert rows == [
        {
            "baris": 2,
            "nip": nip(1),
            "nama": "Maria Ndun",
            "status": "PNS",
            "jabatan": "Analis",
            "jenis_jabatan": "pelaksana",
            "kode_opd": "DUKCAPIL",
        },
        {
            "baris": 4,
            "nip": nip(2),
            "nama": "Ana Lalo",
            "status": "PPPK",
            "jabatan": "Perawat",
            "jenis_jabatan": "fungsional",
            "kode_opd": "DINKES",
        },
    ]


def test_baca_berkas_reads_a_comma_csv_without_bom():
    rows = read_csv([row(nip(1), nama="Ruth Bessie, S.E.")])
    assert rows == [{"baris": 2, **row(nip(1), nama="Ruth Bessie, S.E.")}]


def test_baca_berkas_reads_the_first_sheet_of_an_xlsx():
    data = xlsx_bytes(
        [
            ["nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd", "aktif", None],
            [nip(1), "  Maria Ndun ", "PNS", "Analis", "pelaksana", "DUKCAPIL", 1, None],
            [None, None, None, None, None, None, None, None],
            [nip(2), "Ana Lalo", "pppk", "Perawat", "fungsional", "DINKES", 0],
        ],
        second_sheet=True,
    )
    rows = baca_berkas(berkas=io.BytesIO(data), nama_berkas="pegawai.xlsx")
    assert rows == [
        {
            "baris": 2,
            "nip": nip(1),
            "nama": "Maria Ndun",
            "status": "PNS",
            "jabatan": "Analis",
            "jenis_jabatan": "pelaksana",
            "kode_opd": "DUKCAPIL",
            "aktif": "1",
        },
        {
            "baris": 4,
            "nip": nip(2),
            "nama": "Ana Lalo",
            "status": "pppk",
            "jabatan": "Perawat",
            "jenis_jabatan": "fungsional",
            "kode_opd": "DINKES",
            "aktif": "0",
        },
    ]


def test_baca_berkas_keeps_a_nip_excel_stored_as_a_number_recognisable():
    data = xlsx_bytes([["nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd"], [1.98702152010012e17]])
    assert baca_berkas(berkas=io.BytesIO(data), nama_berkas="pegawai.xlsx")[0]["nip"] == "1.98702152010012e+17"


HEADER = ",".join(KOLOM)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "pegawai.xls", b"whatever", "Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx.", id="xls"
        ),
        pytest.param("pegawai", b"nip", "Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx.", id="no-ext"),
        pytest.param(
            "pegawai.csv",
            "nip,nama\n1,Tên".encode("utf-16"),
            "Berkas CSV tidak dapat dibaca: simpan sebagai CSV UTF-8 (Excel: “CSV UTF-8”).",
            id="not-utf8",
        ),
        pytest.param(
            "pegawai.csv",
            bytes(range(256)) * 4,
            "Berkas CSV tidak dapat dibaca: simpan sebagai CSV UTF-8 (Excel: “CSV UTF-8”).",
            id="garbage",
        ),
        pytest.param(
            "pegawai.csv", b"nip\x00nama\n", "Berkas CSV tidak dapat dibaca: isinya bukan teks.", id="nul-bytes"
        ),
        pytest.param(
            "pegawai.xlsx",
            HEADER.encode(),
            "Berkas Excel tidak dapat dibaca: pastikan berkas .xlsx yang benar.",
            id="xlsx-that-is-text",
        ),
        pytest.param(
            "pegawai.xlsx", b"", "Berkas Excel tidak dapat dibaca: pastikan berkas .xlsx yang benar.", id="empty-xlsx"
        ),
        pytest.param("pegawai.csv", b"", "Berkas kosong: baris pertama harus berisi nama kolom.", id="empty-csv"),
        pytest.param(
            "pegawai.csv",
            b"nip,nama,status\n198702152010012001,Ana,PNS\n",
            "Kolom wajib tidak ada: jabatan, jenis_jabatan, kode_opd.",
            id="missing-columns",
        ),
        pytest.param(
            "pegawai.csv",
            (HEADER + ",no,catatan\n").encode(),
            "Kolom tidak dikenal: no, catatan. Kolom yang dapat dipakai: " + ", ".join(KOLOM) + ".",
            id="unknown-columns",
        ),
        pytest.param(
            "pegawai.csv",
            (HEADER + ",nama\n").encode(),
            "Kolom nama muncul lebih dari sekali.",
            id="repeated-column",
        ),
        pytest.param(
            "pegawai.csv",
            (HEADER + "\n,,,\n\n").encode(),
            "Berkas tidak berisi baris data di bawah baris nama kolom.",
            id="header-only",
        ),
        pytest.param(
            "pegawai.csv",
            (HEADER + "\n" + "1,a,,,PNS,,b,pelaksana,X,,,\n" * (MAKS_BARIS + 1)).encode(),
            "Berkas berisi lebih dari 5000 baris data: bagi menjadi beberapa berkas.",
            id="too-many-rows",
        ),
    ],
)
def test_baca_berkas_refuses_a_file_it_cannot_import(name, content, message):
    with pytest.raises(BerkasTidakValid) as exc_info:
        baca_berkas(berkas=io.BytesIO(content), nama_berkas=name)
    assert str(exc_info.value) == message


def test_baca_berkas_accepts_exactly_5000_rows():
    content = (HEADER + "\n" + "1,a,,,PNS,,b,pelaksana,X,,,\n" * MAKS_BARIS).encode()
    assert len(baca_berkas(berkas=io.BytesIO(content), nama_berkas="pegawai.csv")) == 5000


# -- importing: the happy paths --------------------------------------------------------------------------------------


def test_pegawai_import_creates_and_updates_by_nip_and_resolves_superiors(world):
    kepala = world.pegawai.atasan
    rows = [
        # New, reporting to existing staff.
        row(nip(1), nama="Maria Ndun", gelar_belakang="S.Kom.", golongan="iii/c", jenis_jabatan="Struktural",
            kode_unit="IDP", nip_atasan=kepala.nip),
        # New, reporting to a new row above it in the file.
        row(nip(2, sex=2), nama="Ana Lalo", status="pppk", golongan="ix", jenis_jabatan="fungsional",
            kode_opd="DINKES", nip_atasan=nip(1), aktif="tidak"),
        # Existing, moved to a new superior who is a later row of the file; NIP written in groups.
        row(f"{world.pegawai_lain.nip[:8]} {world.pegawai_lain.nip[8:14]} {world.pegawai_lain.nip[14:]}",
            nama="Nama Baru", jabatan="Pengolah Data", kode_unit="", nip_atasan=nip(3)),
        # New, with no superior.
        row(nip(3), nama="Kepala Bidang", jenis_jabatan="struktural", golongan="IV/a"),
    ]  # fmt: skip

    hasil = import_rows(world, rows)

    assert hasil == HasilImpor(dibuat=3, diperbarui=1, galat=[], tidak_berubah=0)
    assert hasil.berhasil is True
    maria = Pegawai.objects.get(nip=nip(1))
    assert (maria.nama_lengkap, maria.status, maria.golongan, maria.jenis_jabatan) == (
        "Maria Ndun, S.Kom.",
        "pns",
        "III/c",
        "struktural",
    )
    assert (maria.opd, maria.unit, maria.atasan, maria.aktif) == (world.opd, world.unit, kepala, True)
    ana = Pegawai.objects.get(nip=nip(2, sex=2))
    assert (ana.status, ana.golongan, ana.opd, ana.unit, ana.atasan, ana.aktif) == (
        "pppk",
        "IX",
        world.opd_lain,
        None,
        maria,
        False,
    )
    world.pegawai_lain.refresh_from_db()
    assert (world.pegawai_lain.nama, world.pegawai_lain.jabatan, world.pegawai_lain.unit) == (
        "Nama Baru",
        "Pengolah Data",
        None,
    )
    assert world.pegawai_lain.atasan == Pegawai.objects.get(nip=nip(3))
    assert Pegawai.objects.get(nip=nip(3)).atasan is None


def test_pegawai_import_from_xlsx(world):
    data = xlsx_bytes(
        [
            list(KOLOM),
            [nip(1), "Maria Ndun", "", "S.Kom.", "PNS", "III/b", "Pranata Komputer", "fungsional", "DUKCAPIL", "IDP",
             world.pegawai.atasan.nip, "ya"],
            [world.pegawai.nip, "Nama Diperbarui", "", "", "PNS", "III/a", "Analis", "pelaksana", "DUKCAPIL", "IDP",
             nip(1), 1],
        ]
    )  # fmt: skip
    rows = baca_berkas(berkas=io.BytesIO(data), nama_berkas="pegawai.xlsx")
    hasil = pegawai_import(instansi=world.instansi, rows=rows, actor=world.users["admin_instansi"])
    assert hasil == HasilImpor(dibuat=1, diperbarui=1, galat=[])
    world.pegawai.refresh_from_db()
    assert world.pegawai.nama == "Nama Diperbarui"
    assert world.pegawai.atasan.nip == nip(1)
    assert Pegawai.objects.get(nip=nip(1)).atasan == world.pegawai_lain.atasan


def test_pegawai_import_keeps_what_absent_columns_do_not_mention(world):
    world.pegawai.gelar_belakang = "S.H."
    world.pegawai.save()
    columns = ("nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd")
    hasil = import_rows(world, [row(world.pegawai.nip, jabatan="Analis Hukum")], columns=columns)
    assert hasil == HasilImpor(dibuat=0, diperbarui=1, galat=[])
    world.pegawai.refresh_from_db()
    assert (world.pegawai.jabatan, world.pegawai.gelar_belakang, world.pegawai.unit, world.pegawai.golongan) == (
        "Analis Hukum",
        "S.H.",
        world.unit,
        "III/a",
    )
    assert world.pegawai.atasan is not None


def test_pegawai_import_clears_the_old_unit_of_staff_moved_to_another_opd(world):
    columns = ("nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd")
    hasil = import_rows(world, [row(world.pegawai.nip, kode_opd="DINKES")], columns=columns)
    assert hasil.berhasil
    world.pegawai.refresh_from_db()
    assert (world.pegawai.opd, world.pegawai.unit) == (world.opd_lain, None)


def test_pegawai_import_writes_nothing_for_rows_that_change_nothing(world):
    rows = [row(nip(1)), row(nip(2), nip_atasan=nip(1))]
    assert import_rows(world, rows) == HasilImpor(dibuat=2, diperbarui=0, galat=[])
    history = Pegawai.history.count()
    assert import_rows(world, rows) == HasilImpor(dibuat=0, diperbarui=0, galat=[], tidak_berubah=2)
    assert Pegawai.history.count() == history


def test_pegawai_import_records_history_with_the_actor(world):
    admin = world.users["admin_instansi"]
    before = Pegawai.history.count()
    rows = [row(nip(1)), row(nip(2), nip_atasan=nip(1)), row(world.pegawai.nip, jabatan="Analis Data")]
    assert import_rows(world, rows).berhasil
    assert Pegawai.history.count() == before + 4
    assert list(Pegawai.history.filter(nip=nip(1)).values_list("history_type", "history_user", "atasan")) == [
        ("+", admin.pk, None)
    ]
    # A superior created in the same import is set in a second step, recorded as a change.
    assert list(
        Pegawai.history.filter(nip=nip(2)).order_by("history_id").values_list("history_type", "history_user")
    ) == [("+", admin.pk), ("~", admin.pk)]
    assert Pegawai.history.filter(nip=nip(2)).latest("history_id").atasan_id == Pegawai.objects.get(nip=nip(1)).pk
    latest = Pegawai.history.filter(nip=world.pegawai.nip).latest("history_id")
    assert (latest.history_type, latest.history_user, latest.jabatan) == ("~", admin, "Analis Data")


@pytest.mark.parametrize("n", [2, 40])
def test_pegawai_import_of_new_staff_takes_the_same_queries_for_2_and_40_rows(world, django_assert_num_queries, n):
    # The first row reports to existing staff, the others to the first row: both ways of resolving a superior.
    rows = read_csv([row(nip(0), nip_atasan=world.pegawai.nip)] + [row(nip(i), nip_atasan=nip(0)) for i in range(1, n)])
    with django_assert_num_queries(9):
        hasil = pegawai_import(instansi=world.instansi, rows=rows, actor=world.users["admin_instansi"])
    assert hasil == HasilImpor(dibuat=n, diperbarui=0, galat=[])
    assert Pegawai.objects.filter(atasan__nip=nip(0)).count() == n - 1


@pytest.mark.parametrize("n", [2, 40])
def test_pegawai_import_of_existing_staff_takes_the_same_queries_for_2_and_40_rows(world, django_assert_num_queries, n):
    existing = [PegawaiFactory(opd=world.opd, nip=nip(i)) for i in range(n)]
    rows = read_csv(
        [row(existing[0].nip, jabatan="Kepala Seksi", kode_unit="IDP", nip_atasan=world.pegawai.nip)]
        + [row(p.nip, jabatan="Jabatan Baru", nip_atasan=existing[0].nip) for p in existing[1:]]
    )
    with django_assert_num_queries(7):
        hasil = pegawai_import(instansi=world.instansi, rows=rows, actor=world.users["admin_instansi"])
    assert hasil == HasilImpor(dibuat=0, diperbarui=n, galat=[])
    assert Pegawai.objects.filter(atasan__nip=nip(0), jabatan="Jabatan Baru").count() == n - 1


def test_pegawai_import_checks_in_a_constant_number_of_queries(world, django_assert_num_queries):
    rows = read_csv([row(nip(i), kode_opd="TIDAK-ADA") for i in range(40)])
    with django_assert_num_queries(2):  # the OPDs, then the staff; no unit query when no OPD matched
        hasil = pegawai_import(instansi=world.instansi, rows=rows)
    assert len(hasil.galat) == 40


# -- importing: one bad row, nothing written -------------------------------------------------------------------------

BAD = "19870215201001200A"


@pytest.mark.parametrize(
    ("values", "kolom", "pesan"),
    [
        pytest.param({"nip": BAD}, "nip", "NIP hanya boleh berisi angka.", id="nip-letters"),
        pytest.param({"nip": "1987021520100120011"}, "nip", "NIP harus 18 digit (tertulis 19 digit).", id="nip-long"),
        pytest.param(
            {"nip": "198702302010012001"},
            "nip",
            "Digit 1–8 NIP harus tanggal lahir yang benar (TTTTBBHH).",
            id="nip-birth-date",
        ),
        pytest.param(
            {"nip": "198702152010132001"},
            "nip",
            "Digit 13–14 NIP (bulan pengangkatan) harus 01 sampai 12.",
            id="nip-appointment-month",
        ),
        pytest.param(
            {"nip": "198702152010013001"},
            "nip",
            "Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).",
            id="nip-gender",
        ),
        pytest.param(
            {"nip": "1.98702152010012e+17"},
            "nip",
            "NIP tampaknya terpotong oleh Excel karena tersimpan sebagai angka: format kolom NIP sebagai Teks lalu "
            "ketik ulang NIP-nya.",
            id="nip-excel-number",
        ),
        pytest.param({"nip": ""}, "nip", "Kolom nip wajib diisi.", id="nip-missing"),
        pytest.param({"nama": " "}, "nama", "Kolom nama wajib diisi.", id="nama-missing"),
        pytest.param({"nama": "x" * 151}, "nama", "Kolom nama paling panjang 150 karakter.", id="nama-too-long"),
        pytest.param({"status": "honorer"}, "status", "Status harus PNS atau PPPK (tertulis “honorer”).", id="status"),
        pytest.param(
            {"golongan": "V/a"}, "golongan", "Golongan PNS harus salah satu dari I/a sampai IV/e.", id="golongan-pns"
        ),
        pytest.param(
            {"status": "PPPK", "nip": "198702152021001001", "golongan": "III/a"},
            "golongan",
            "Golongan PPPK harus salah satu dari I sampai XVII.",
            id="golongan-pppk",
        ),
        pytest.param(
            {"jenis_jabatan": "honorer"},
            "jenis_jabatan",
            "Jenis jabatan harus struktural, fungsional atau pelaksana (tertulis “honorer”).",
            id="jenis-jabatan",
        ),
        pytest.param(
            {"kode_opd": "DISHUB"}, "kode_opd", "Tidak ada OPD berkode “DISHUB” di instansi ini.", id="opd-unknown"
        ),
        pytest.param(
            {"kode_opd": "DINKES", "kode_unit": "IDP"},
            "kode_unit",
            "Tidak ada unit kerja berkode “IDP” di OPD DINKES.",
            id="unit-of-another-opd",
        ),
        pytest.param(
            {"nip_atasan": "197001012000011999"},
            "nip_atasan",
            "Atasan dengan NIP 197001012000011999 tidak ada di berkas ini maupun di data pegawai instansi.",
            id="superior-not-found",
        ),
        pytest.param(
            {"nip_atasan": "198702152010012001"},
            "nip_atasan",
            "Pegawai tidak boleh menjadi atasannya sendiri.",
            id="superior-self",
        ),
        pytest.param(
            {"aktif": "mungkin"}, "aktif", "Kolom aktif harus ya atau tidak (tertulis “mungkin”).", id="aktif"
        ),
    ],
)
def test_pegawai_import_with_one_bad_row_writes_nothing_and_reports_it(world, values, kolom, pesan):
    before = Pegawai.objects.count(), Pegawai.history.count()
    bad = row("198702152010012001", **values)
    hasil = import_rows(world, [row(nip(1)), row(world.pegawai.nip, jabatan="Berubah"), bad])
    assert hasil == HasilImpor(
        dibuat=0, diperbarui=0, galat=[GalatBaris(baris=4, nip=bad["nip"].replace(" ", ""), kolom=kolom, pesan=pesan)]
    )
    assert hasil.berhasil is False
    assert (Pegawai.objects.count(), Pegawai.history.count()) == before
    world.pegawai.refresh_from_db()
    assert world.pegawai.jabatan == "Analis Kebijakan"


def test_pegawai_import_reports_a_nip_twice_in_the_file_on_the_second_row(world):
    hasil = import_rows(world, [row(nip(1)), row(nip(2)), row(nip(1), nama="Orang Lain")])
    assert hasil.galat == [GalatBaris(4, nip(1), "nip", "NIP sudah dipakai di baris 2 berkas ini.")]
    assert not Pegawai.objects.filter(nip__in=[nip(1), nip(2)]).exists()


def test_pegawai_import_refuses_a_nip_of_another_instansi(world):
    other = world.pegawai_instansi_lain
    hasil = import_rows(world, [row(nip(1)), row(other.nip)])
    assert hasil.galat == [GalatBaris(3, other.nip, "nip", "NIP ini sudah terdaftar sebagai pegawai instansi lain.")]
    other.refresh_from_db()
    assert other.opd == world.opd_instansi_lain
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


def test_pegawai_import_does_not_find_a_superior_in_another_instansi(world):
    other = world.pegawai_instansi_lain
    hasil = import_rows(world, [row(nip(1), nip_atasan=other.nip)])
    assert hasil.galat == [
        GalatBaris(
            2,
            nip(1),
            "nip_atasan",
            f"Atasan dengan NIP {other.nip} tidak ada di berkas ini maupun di data pegawai instansi.",
        )
    ]


def test_pegawai_import_refuses_superiors_in_a_loop(world):
    hasil = import_rows(
        world,
        [
            row(nip(1), nip_atasan=nip(2)),
            row(nip(2), nip_atasan=world.pegawai.nip),
            row(world.pegawai.nip, nip_atasan=nip(1)),
        ],
    )
    rantai = f"{nip(1)} → {nip(2)} → {world.pegawai.nip} → {nip(1)}"
    assert hasil.galat == [
        GalatBaris(2, nip(1), "nip_atasan", f"Atasan membentuk lingkaran: {rantai}."),
        GalatBaris(3, nip(2), "nip_atasan", f"Atasan membentuk lingkaran: {rantai}."),
        GalatBaris(4, world.pegawai.nip, "nip_atasan", f"Atasan membentuk lingkaran: {rantai}."),
    ]


def test_pegawai_import_refuses_a_loop_through_existing_staff(world):
    # world.pegawai reports to its kepala; making the kepala report to world.pegawai closes a loop.
    kepala = world.pegawai.atasan
    columns = ("nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd", "nip_atasan")
    hasil = import_rows(world, [row(kepala.nip, nip_atasan=world.pegawai.nip)], columns=columns)
    assert hasil.galat == [
        GalatBaris(
            2,
            kepala.nip,
            "nip_atasan",
            f"Atasan membentuk lingkaran: {kepala.nip} → {world.pegawai.nip} → {kepala.nip}.",
        )
    ]


def test_pegawai_import_reports_every_error_of_every_row(world):
    hasil = import_rows(
        world,
        [
            row(BAD, kode_opd="DISHUB"),
            row(nip(1)),
            row(nip(2), status="", jenis_jabatan="", nip_atasan=nip(99)),
        ],
    )
    assert [(g.baris, g.kolom) for g in hasil.galat] == [
        (2, "nip"),
        (2, "kode_opd"),
        (4, "status"),
        (4, "jenis_jabatan"),
        (4, "nip_atasan"),
    ]
    assert hasil.galat[2].pesan == "Kolom status wajib diisi."
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


# -- the page --------------------------------------------------------------------------------------------------------

URL = "/pegawai/impor/"


def upload(content: bytes, name: str = "pegawai.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_pegawai_import_urls():
    assert reverse("opd:pegawai_import") == URL
    assert reverse("opd:pegawai_import_template") == "/pegawai/impor/contoh.csv"


def test_pegawai_import_page_shows_the_form_to_the_admin_instansi(world, client_for):
    response = client_for(world.users["admin_instansi"]).get(URL)
    assert response.status_code == 200
    assert response.templates[0].name == "opd/pegawai_import.html"
    assert list(response.context["form"].fields) == ["berkas"]
    assert response.context["form"].instansi == world.instansi
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'accept=".csv,.xlsx"' in content
    assert reverse("opd:pegawai_import_template") in content


@pytest.mark.parametrize("role", ["tim_evaluasi", "asn", "pimpinan_opd", "admin_bkn", "petugas_pengaduan"])
def test_pegawai_import_page_is_404_to_other_roles(world, client_for, role):
    client = client_for(world.users[role])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"berkas": upload(csv_bytes([row(nip(1))]))}).status_code == 404
    assert client.get(reverse("opd:pegawai_import_template")).status_code == 404
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


def test_pegawai_import_page_sends_anonymous_visitors_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_pegawai_import_post_of_a_good_file_saves_and_redirects(world, client_for):
    client = client_for(world.users["admin_instansi"])
    response = client.post(URL, {"berkas": upload(csv_bytes([row(nip(1)), row(world.pegawai.nip, jabatan="Baru")]))})
    assert response.status_code == 302
    assert response["Location"] == reverse("opd:pegawai_list")
    assert Pegawai.objects.get(nip=nip(1)).opd == world.opd
    assert Pegawai.objects.get(pk=world.pegawai.pk).jabatan == "Baru"
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "Impor selesai: 1 pegawai baru, 1 diperbarui, 0 tanpa perubahan."
    ]
    assert Pegawai.history.filter(nip=nip(1)).get().history_user == world.users["admin_instansi"]


def test_pegawai_import_post_of_an_xlsx_saves(world, client_for):
    data = xlsx_bytes([list(KOLOM), [nip(1), "Maria", "", "", "PNS", "II/c", "Pengadministrasi", "pelaksana",
                                     "DINKES", "", "", "ya"]])  # fmt: skip
    response = client_for(world.users["admin_instansi"]).post(URL, {"berkas": upload(data, "data.xlsx")})
    assert response.status_code == 302
    assert Pegawai.objects.get(nip=nip(1)).opd == world.opd_lain


def test_pegawai_import_post_of_a_bad_file_shows_the_row_errors_and_saves_nothing(world, client_for):
    data = csv_bytes([row(nip(1)), row(nip(2), kode_opd="DISHUB")], delimiter=";", bom=True)
    response = client_for(world.users["admin_instansi"]).post(URL, {"berkas": upload(data)})
    assert response.status_code == 200
    assert response.context["galat"] == [
        GalatBaris(3, nip(2), "kode_opd", "Tidak ada OPD berkode “DISHUB” di instansi ini.")
    ]
    content = response.content.decode()
    assert "Tidak ada data yang disimpan" in content
    assert "Tidak ada OPD berkode “DISHUB” di instansi ini." in content
    assert '<th scope="row" class="num">3</th>' in content
    assert not Pegawai.objects.filter(nip__in=[nip(1), nip(2)]).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pegawai.csv", bytes(range(256)) * 8, "Berkas CSV tidak dapat dibaca"),
        ("pegawai.xlsx", b"nip,nama\n1,2\n", "Berkas Excel tidak dapat dibaca"),
        ("pegawai.csv", b"", "Berkas yang diunggah kosong."),
        ("pegawai.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx."),
        ("pegawai.csv", b"nip;nama\n", "Kolom wajib tidak ada: status, jabatan, jenis_jabatan, kode_opd."),
    ],
)
def test_pegawai_import_post_of_an_unreadable_file_is_a_form_error_not_a_500(world, client_for, name, content, message):
    response = client_for(world.users["admin_instansi"]).post(URL, {"berkas": upload(content, name)})
    assert response.status_code == 200
    assert response.context["form"].errors["berkas"][0].startswith(message)
    assert response.context["galat"] is None


def test_pegawai_import_post_without_a_file_is_a_form_error(world, client_for):
    response = client_for(world.users["admin_instansi"]).post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors == {"berkas": ["Pilih berkas yang akan diimpor."]}


def test_pegawai_import_refuses_a_file_over_5_mb(world, client_for):
    content = csv_bytes([row(nip(1))]) + b"\n" * (5 * 1024 * 1024)
    response = client_for(world.users["admin_instansi"]).post(URL, {"berkas": upload(content)})
    assert response.status_code == 200
    assert response.context["form"].errors == {"berkas": ["Berkas terlalu besar: paling besar 5 MB."]}
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


def test_pegawai_import_by_the_admin_of_another_instansi_goes_to_their_own_instansi(world, client_for):
    # The page has no instansi in its URL: an Admin Instansi imports into the instansi they administer, whatever
    # the form says, so world.instansi's OPD codes are unknown to them.
    client = client_for(world.users["admin_lain"])
    data = csv_bytes([row(nip(1), kode_opd="DUKCAPIL")])
    response = client.post(URL, {"berkas": upload(data), "instansi": world.instansi.pk})
    assert response.status_code == 200
    assert response.context["galat"] == [
        GalatBaris(2, nip(1), "kode_opd", "Tidak ada OPD berkode “DUKCAPIL” di instansi ini.")
    ]
    response = client.post(URL, {"berkas": upload(csv_bytes([row(nip(1), kode_opd="DINKES")]))})
    assert response.status_code == 302
    assert Pegawai.objects.get(nip=nip(1)).opd == world.opd_instansi_lain


def test_pegawai_import_asks_an_admin_of_several_instansi_which_one(world, client_for):
    third = InstansiFactory(kode="kota-ketiga", nama="Pemerintah Kota Ketiga")
    OpdFactory(instansi=third, kode="DUKCAPIL")
    admin = user_with_role(Peran.ADMIN_INSTANSI, instansi=world.instansi, username="admin-dua")
    PeranPengguna.objects.create(user=admin, peran=Peran.ADMIN_INSTANSI, instansi=third)
    client = client_for(admin)

    form = client.get(URL).context["form"]
    assert list(form.fields["instansi"].queryset) == [third, world.instansi]  # by name

    data = csv_bytes([row(nip(1))])
    response = client.post(URL, {"berkas": upload(data), "instansi": world.instansi_lain.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {"instansi": ["Pilih instansi yang Anda kelola."]}

    response = client.post(URL, {"berkas": upload(data), "instansi": third.pk})
    assert response.status_code == 302
    assert Pegawai.objects.get(nip=nip(1)).opd.instansi == third


def test_pegawai_import_template_is_a_csv_the_import_reads(world, client_for):
    response = client_for(world.users["admin_instansi"]).get(reverse("opd:pegawai_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="contoh-impor-pegawai.csv"'
    assert response.content.decode("utf-8").splitlines() == [
        "\ufeff" + ",".join(KOLOM),
        "198702152010012001,Maria Yosefa Ndun,,S.Kom.,PNS,III/b,Pranata Komputer Ahli Pertama,fungsional,KODE-OPD,,,ya,,",
    ]
    rows = baca_berkas(berkas=io.BytesIO(response.content), nama_berkas="contoh-impor-pegawai.csv")
    # The example row is right but for its placeholder OPD code, so an unchanged template imports nobody.
    hasil = pegawai_import(instansi=world.instansi, rows=rows)
    assert hasil.galat == [
        GalatBaris(2, "198702152010012001", "kode_opd", "Tidak ada OPD berkode “KODE-OPD” di instansi ini.")
    ]


# -- the management command ------------------------------------------------------------------------------------------


def test_impor_pegawai_command_imports_and_prints_the_counts(world, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes([row(nip(1)), row(nip(2), nip_atasan=nip(1)), row(world.pegawai.nip, jabatan="Baru")]))
    out = io.StringIO()
    call_command("impor_pegawai", "--instansi", "kota-uji", str(path), stdout=out)
    assert out.getvalue() == "Impor selesai: 2 pegawai baru, 1 diperbarui, 0 tanpa perubahan.\n"
    assert Pegawai.objects.get(nip=nip(2)).atasan.nip == nip(1)
    assert Pegawai.history.filter(nip=nip(1)).get().history_user is None


def test_impor_pegawai_command_reads_xlsx(world, tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(xlsx_bytes([list(KOLOM), [nip(1), "Maria", "", "", "PNS", "", "Analis", "pelaksana", "DUKCAPIL"]]))
    call_command("impor_pegawai", "--instansi", "kota-uji", str(path), stdout=io.StringIO())
    assert Pegawai.objects.get(nip=nip(1)).golongan == ""


def test_impor_pegawai_command_prints_the_row_errors_and_fails(world, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes([row(nip(1)), row(BAD), row(nip(2), nip_atasan=nip(99))]))
    err = io.StringIO()
    with pytest.raises(CommandError) as exc_info:
        call_command("impor_pegawai", "--instansi", "kota-uji", str(path), stdout=io.StringIO(), stderr=err)
    assert str(exc_info.value) == "Impor dibatalkan: 2 kesalahan. Tidak ada data yang disimpan."
    assert err.getvalue().splitlines() == [
        f"Baris 3, NIP {BAD}, kolom nip: NIP hanya boleh berisi angka.",
        f"Baris 4, NIP {nip(2)}, kolom nip_atasan: Atasan dengan NIP {nip(99)} tidak ada di berkas ini maupun di "
        "data pegawai instansi.",
    ]
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--instansi", "tidak-ada", "x.csv"], "Tidak ada instansi berkode tidak-ada."),
        (["--instansi", "kota-uji", "/tidak/ada/pegawai.csv"], "Berkas tidak dapat dibuka: No such file or directory"),
    ],
)
def test_impor_pegawai_command_fails_on_a_wrong_instansi_or_path(world, args, message):
    with pytest.raises(CommandError) as exc_info:
        call_command("impor_pegawai", *args)
    assert str(exc_info.value) == message


def test_impor_pegawai_command_fails_on_a_file_it_cannot_read(world, tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_text("bukan excel")
    with pytest.raises(CommandError) as exc_info:
        call_command("impor_pegawai", "--instansi", "kota-uji", str(path))
    assert str(exc_info.value) == "Berkas Excel tidak dapat dibaca: pastikan berkas .xlsx yang benar."


def test_unit_codes_are_resolved_within_the_opd(world):
    # Two OPDs may use the same unit code; the row's OPD decides which unit it is.
    other_unit = UnitKerja.objects.create(opd=world.opd_lain, kode="IDP", nama="Seksi di Dinkes")
    assert import_rows(world, [row(nip(1), kode_opd="DINKES", kode_unit="IDP")]).berhasil
    assert Pegawai.objects.get(nip=nip(1)).unit == other_unit


# -- SIASN ids -------------------------------------------------------------------------------------------------------


def test_pegawai_import_sets_siasn_ids_of_staff_and_of_their_unit_or_opd(world):
    hasil = import_rows(
        world,
        [
            row(nip(1), kode_unit="IDP", siasn_id="A1B2-PEGAWAI-1", siasn_id_unit="UNOR-IDP"),
            row(nip(2), kode_unit="IDP", siasn_id_unit=""),  # empty: the unit keeps the id the first row gave
            row(nip(3), siasn_id="A1B2-PEGAWAI-3", siasn_id_unit="UNOR-DUKCAPIL"),  # no unit: the OPD's id
        ],
    )
    assert hasil.galat == []
    assert dict(Pegawai.objects.filter(nip__in=[nip(1), nip(2), nip(3)]).values_list("nip", "siasn_id")) == {
        nip(1): "A1B2-PEGAWAI-1",
        nip(2): "",
        nip(3): "A1B2-PEGAWAI-3",
    }
    world.unit.refresh_from_db()
    world.opd.refresh_from_db()
    assert (world.unit.siasn_id, world.opd.siasn_id) == ("UNOR-IDP", "UNOR-DUKCAPIL")
    assert world.opd.history.first().history_user == world.users["admin_instansi"]


def test_pegawai_import_refuses_siasn_ids_used_twice_in_the_instansi(world):
    world.pegawai_lain.siasn_id = "DIPAKAI"
    world.pegawai_lain.save()
    world.opd_lain.siasn_id = "UNOR-DINKES"
    world.opd_lain.save()
    hasil = import_rows(
        world,
        [
            row(nip(1), siasn_id="DIPAKAI"),
            row(nip(2), siasn_id="SAMA"),
            row(nip(3), siasn_id="SAMA"),
            row(nip(4), kode_unit="IDP", siasn_id_unit="U-1"),
            row(nip(5), kode_unit="IDP", siasn_id_unit="U-2"),
            row(nip(6), siasn_id_unit="UNOR-DINKES"),
            row(nip(7), siasn_id="x" * 65),
        ],
    )
    assert [(g.baris, g.kolom, g.pesan) for g in hasil.galat] == [
        (2, "siasn_id", f"ID SIASN ini sudah dipakai pegawai lain (NIP {world.pegawai_lain.nip})."),
        (4, "siasn_id", "ID SIASN sudah dipakai di baris 3 berkas ini."),
        (6, "siasn_id_unit", "Unit yang sama diberi ID SIASN lain di baris 5 berkas ini."),
        (7, "siasn_id_unit", "ID SIASN ini sudah dipakai unit kerja atau OPD lain di instansi ini."),
        (8, "siasn_id", "ID SIASN paling panjang 64 karakter."),
    ]
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


def test_pegawai_import_accepts_a_siasn_id_used_in_another_instansi(world):
    world.pegawai_instansi_lain.siasn_id = "DI-KOTA-LAIN"
    world.pegawai_instansi_lain.save()
    assert import_rows(world, [row(nip(1), siasn_id="DI-KOTA-LAIN")]).galat == []
