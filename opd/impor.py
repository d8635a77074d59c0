"""Staff import from CSV or Excel: read the file, check every row, then write all of it or nothing.

Used by the Admin Instansi's import page and by the `impor_pegawai` management command.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import impor_siasn
from .impor_siasn import KOLOM_SIASN
from .models import GOLONGAN_PANGKAT, GOLONGAN_PPPK, Instansi, Opd, Pegawai, UnitKerja
from .nip import NipError, parse_nip

KOLOM_WAJIB = ("nip", "nama", "status", "jabatan", "jenis_jabatan", "kode_opd")
KOLOM = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "kode_opd",
    "kode_unit",
    "nip_atasan",
    "aktif",
    *KOLOM_SIASN,
)
MAKS_BARIS = 5000
BATCH = 500  # rows per INSERT/UPDATE statement (the database may lower it further)
EKSTENSI = (".csv", ".xlsx")

_YA = {"ya", "y", "1", "true", "aktif"}
_TIDAK = {"tidak", "t", "0", "false", "nonaktif"}
# An 18-digit number typed into an Excel cell keeps only 15 significant digits and comes back in scientific notation
# ("1.98702152010012E+17"): say so, rather than the bare "digits only" message.
_ANGKA_EXCEL = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")


class BerkasTidakValid(Exception):
    """The file as a whole cannot be imported (wrong type, unreadable, wrong columns, empty, too long)."""


@dataclass
class GalatBaris:
    baris: int  # the spreadsheet row number (header = 1); 0 when the error is not tied to a row
    nip: str
    kolom: str
    pesan: str


@dataclass
class HasilImpor:
    dibuat: int
    diperbarui: int
    galat: list[GalatBaris] = field(default_factory=list)
    tidak_berubah: int = 0

    @property
    def berhasil(self) -> bool:
        return not self.galat


# -- reading ---------------------------------------------------------------------------------------------------------


def baca_berkas(*, berkas: IO[bytes], nama_berkas: str) -> list[dict[str, Any]]:
    """Read a CSV (UTF-8, `,` or `;`) or .xlsx file into one dict per non-empty data row, keyed by column name.

    Each row carries `baris`, its spreadsheet row number (the header is row 1). Values are stripped strings.
    Raises BerkasTidakValid, with a message for the user, when the file cannot be imported at all.
    """
    nama = (nama_berkas or "").lower()
    if nama.endswith(".csv"):
        baris_mentah = _baca_csv(berkas)
    elif nama.endswith(".xlsx"):
        baris_mentah = _baca_xlsx(berkas)
    else:
        raise BerkasTidakValid(_("Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx."))

    try:
        header = next(baris_mentah)
    except StopIteration:
        raise BerkasTidakValid(_("Berkas kosong: baris pertama harus berisi nama kolom.")) from None
    kolom = _periksa_header(header)

    rows: list[dict[str, Any]] = []
    for nomor, nilai in enumerate(baris_mentah, start=2):
        nilai = [_teks(v) for v in nilai]
        if not any(nilai):
            continue
        if len(rows) >= MAKS_BARIS:
            raise BerkasTidakValid(
                _("Berkas berisi lebih dari %(maks)d baris data: bagi menjadi beberapa berkas.") % {"maks": MAKS_BARIS}
            )
        row: dict[str, Any] = {"baris": nomor}
        for indeks, nama_kolom in kolom.items():
            row[nama_kolom] = nilai[indeks] if indeks < len(nilai) else ""
        rows.append(row)
    if not rows:
        raise BerkasTidakValid(_("Berkas tidak berisi baris data di bawah baris nama kolom."))
    return rows


def _baca_csv(berkas: IO[bytes]):
    data = berkas.read()
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasTidakValid(
            _("Berkas CSV tidak dapat dibaca: simpan sebagai CSV UTF-8 (Excel: “CSV UTF-8”).")
        ) from None
    if "\x00" in teks:
        raise BerkasTidakValid(_("Berkas CSV tidak dapat dibaca: isinya bukan teks."))
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    reader = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)

    def _rows():
        try:
            yield from reader
        except csv.Error:
            raise BerkasTidakValid(_("Berkas CSV tidak dapat dibaca: periksa tanda kutip dan pemisah kolom.")) from None

    return _rows()


def _baca_xlsx(berkas: IO[bytes]):
    from .xlsx import XlsxDitolak, buka_xlsx

    data = berkas.read()
    tidak_terbaca = _("Berkas Excel tidak dapat dibaca: pastikan berkas .xlsx yang benar.")
    try:
        workbook = buka_xlsx(data)
    except XlsxDitolak as exc:
        # A damaged or fake .xlsx fails in many ways; to the user they are one case. A bomb or a huge sheet is told.
        raise BerkasTidakValid(tidak_terbaca if exc.kode == "rusak" else str(exc)) from None
    try:
        sheet = workbook.worksheets[0]
    except Exception:
        workbook.close()
        raise BerkasTidakValid(tidak_terbaca) from None

    def _rows():
        try:
            yield from sheet.iter_rows(values_only=True)
        except Exception:
            raise BerkasTidakValid(_("Berkas Excel tidak dapat dibaca: pastikan berkas .xlsx yang benar.")) from None
        finally:
            workbook.close()

    return _rows()


def _teks(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Integral values below 15 digits are exact in a float; longer ones are kept as written so that a NIP
        # Excel has rounded is recognised and refused, not silently completed.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def _periksa_header(header) -> dict[int, str]:
    """Map column index -> known column name; refuse unknown, repeated or missing required columns."""
    kolom: dict[int, str] = {}
    tidak_dikenal: list[str] = []
    for indeks, nilai in enumerate(header):
        nama = re.sub(r"\s+", "_", _teks(nilai).lstrip("\ufeff").strip().lower())
        if not nama:
            continue
        if nama not in KOLOM:
            tidak_dikenal.append(nama)
        elif nama in kolom.values():
            raise BerkasTidakValid(_("Kolom %(kolom)s muncul lebih dari sekali.") % {"kolom": nama})
        else:
            kolom[indeks] = nama
    if tidak_dikenal:
        # A file that is not a staff list at all can have a very long first line: name only a few.
        nama_nama = [n if len(n) <= 40 else n[:40] + "…" for n in tidak_dikenal[:5]]
        raise BerkasTidakValid(
            _("Kolom tidak dikenal: %(kolom)s. Kolom yang dapat dipakai: %(semua)s.")
            % {"kolom": ", ".join(nama_nama), "semua": ", ".join(KOLOM)}
        )
    kurang = [k for k in KOLOM_WAJIB if k not in kolom.values()]
    if kurang:
        raise BerkasTidakValid(_("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(kurang)})
    return kolom


# -- importing -------------------------------------------------------------------------------------------------------


_PANJANG = ("nama", "gelar_depan", "gelar_belakang", "jabatan")
# Fields an import may set, as bulk_update names them; `nip` identifies the row and is never changed.
_FIELDS = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "opd",
    "unit",
    "aktif",
    "siasn_id",
)
# Column of the file -> the field it sets (kode_opd, kode_unit and nip_atasan are resolved to ids).
_KOLOM_FIELD = {
    "nama": "nama",
    "gelar_depan": "gelar_depan",
    "gelar_belakang": "gelar_belakang",
    "status": "status",
    "golongan": "golongan",
    "jabatan": "jabatan",
    "jenis_jabatan": "jenis_jabatan",
    "kode_opd": "opd",
    "kode_unit": "unit",
    "aktif": "aktif",
    "siasn_id": "siasn_id",
}


@dataclass
class _Baris:
    """One row being checked: the values it sets (by field name) and the superior it names."""

    baris: int
    nip: str
    nilai: dict[str, Any] = field(default_factory=dict)
    ganti_atasan: bool = False  # the file has a nip_atasan column: the superior is set (or cleared) from it
    nip_atasan: str = ""
    siasn_unit: str | None = None
    galat: list[GalatBaris] = field(default_factory=list)

    def tambah(self, kolom: str, pesan: str) -> None:
        self.galat.append(GalatBaris(baris=self.baris, nip=self.nip, kolom=kolom, pesan=pesan))


def pegawai_import(*, instansi: Instansi, rows: list[dict[str, Any]], actor=None) -> HasilImpor:
    """Create or update (by NIP) the staff of one instansi from rows as `baca_berkas` returns them.

    Invariants:
    - All or nothing: every row is checked before anything is written; if any row is wrong nothing is written and
      every error found is returned, each with its row number, NIP, column and message.
    - A Pegawai belongs to one instansi: a NIP registered in another instansi is refused, never moved.
    - OPD, unit and superior resolve only inside `instansi`. A superior is another row of the file or existing staff
      of the instansi; superiors never form a loop.
    - A column absent from the file leaves the stored value unchanged; an empty cell clears an optional value.
    - Rows that would change nothing are not written. Every write is recorded in the history with `actor` as user.
    - The number of queries does not depend on the number of rows (the checks that `Pegawai.clean()` makes row by
      row are made here on preloaded data, which is why this service does not call `full_clean()`).
    """
    kolom_ada: set[str] = set().union(*(row.keys() for row in rows)) if rows else set()
    checked = [_periksa_baris(row, kolom_ada) for row in rows]

    # A NIP twice in the file: the later row is the one reported, naming the first.
    di_berkas: dict[str, _Baris] = {}
    for b in checked:
        if not b.nip:
            continue
        if b.nip in di_berkas:
            b.tambah("nip", _("NIP sudah dipakai di baris %(baris)d berkas ini.") % {"baris": di_berkas[b.nip].baris})
        else:
            di_berkas[b.nip] = b

    # Everything the rows refer to, in three queries whatever the number of rows (no ordering: no joins for it).
    kode_opd = {b.nilai["opd"] for b in checked if b.nilai.get("opd")}
    opd_by_kode = {
        kode: pk
        for pk, kode in Opd.objects.filter(instansi=instansi, kode__in=kode_opd).order_by().values_list("id", "kode")
    }
    unit_by_kode = {
        (opd_id, kode): pk
        for pk, opd_id, kode in UnitKerja.objects.filter(opd_id__in=opd_by_kode.values())
        .order_by()
        .values_list("id", "opd_id", "kode")
    }
    nip_dicari = set(di_berkas) | {b.nip_atasan for b in checked if b.nip_atasan}
    ada = {p.nip: p for p in Pegawai.objects.filter(nip__in=nip_dicari).select_related("opd", "unit").order_by()}

    for b in checked:
        _periksa_rujukan(
            b, instansi=instansi, opd_by_kode=opd_by_kode, unit_by_kode=unit_by_kode, ada=ada, di_berkas=di_berkas
        )
    _periksa_lingkaran(di_berkas=di_berkas, ada=ada)
    siasn_unit = impor_siasn.periksa(instansi=instansi, baris=checked, kolom_ada=kolom_ada)

    galat = [g for b in checked for g in b.galat]
    if galat:
        return HasilImpor(dibuat=0, diperbarui=0, galat=galat)
    try:
        return _simpan(baris=list(di_berkas.values()), ada=ada, actor=actor, siasn_unit=siasn_unit)
    except IntegrityError:
        # Someone else created or changed the same staff between the checks and the write.
        return HasilImpor(
            dibuat=0,
            diperbarui=0,
            galat=[
                GalatBaris(
                    0, "", "", _("Data pegawai berubah selama impor berjalan; tidak ada yang disimpan. Ulangi impor.")
                )
            ],
        )


def _periksa_baris(row: dict[str, Any], kolom_ada: set[str]) -> _Baris:
    """The checks a row needs no database for: required values, NIP, status, golongan, jenis jabatan, lengths, aktif."""
    b = _Baris(baris=int(row.get("baris") or 0), nip=_bersih_nip(row.get("nip")))
    teks = {k: str(row.get(k) if row.get(k) is not None else "").strip() for k in KOLOM if k in kolom_ada}

    for kolom in KOLOM_WAJIB:
        if not (b.nip if kolom == "nip" else teks.get(kolom)):
            b.tambah(kolom, _("Kolom %(kolom)s wajib diisi.") % {"kolom": kolom})

    status = teks.get("status", "").lower()
    if status and status not in Pegawai.Status.values:
        b.tambah("status", _("Status harus PNS atau PPPK (tertulis “%(nilai)s”).") % {"nilai": teks["status"]})
    if b.nip:
        # An unknown status is reported above; the NIP is then checked by the looser PPPK rule, not to add noise.
        pesan = _periksa_nip(b.nip, pns=status == Pegawai.Status.PNS)
        if pesan:
            b.tambah("nip", pesan)

    golongan = teks.get("golongan", "")
    if golongan and status in Pegawai.Status.values:
        golongan = _golongan(golongan, status)
        if golongan is None and status == Pegawai.Status.PPPK:
            b.tambah("golongan", _("Golongan PPPK harus salah satu dari I sampai XVII."))
        elif golongan is None:
            b.tambah("golongan", _("Golongan PNS harus salah satu dari I/a sampai IV/e."))

    jenis = teks.get("jenis_jabatan", "").lower()
    if jenis and jenis not in Pegawai.JenisJabatan.values:
        b.tambah(
            "jenis_jabatan",
            _("Jenis jabatan harus struktural, fungsional atau pelaksana (tertulis “%(nilai)s”).")
            % {"nilai": teks["jenis_jabatan"]},
        )

    for kolom in _PANJANG:
        batas = Pegawai._meta.get_field(kolom).max_length
        if len(teks.get(kolom, "")) > batas:
            b.tambah(kolom, _("Kolom %(kolom)s paling panjang %(batas)d karakter.") % {"kolom": kolom, "batas": batas})

    aktif = teks.get("aktif", "").lower()
    if aktif and aktif not in _YA | _TIDAK:
        b.tambah("aktif", _("Kolom aktif harus ya atau tidak (tertulis “%(nilai)s”).") % {"nilai": teks["aktif"]})

    nilai = {
        **{k: teks.get(k, "") for k in _PANJANG},
        "status": status,
        "golongan": golongan or "",
        "jenis_jabatan": jenis,
        "opd": teks.get("kode_opd", ""),  # a kode until _periksa_rujukan turns it into an id
        "unit": teks.get("kode_unit", ""),
        "aktif": aktif not in _TIDAK,  # an empty cell means ya
        "siasn_id": teks.get("siasn_id", ""),
    }
    b.nilai = {f: nilai[f] for k, f in _KOLOM_FIELD.items() if k in kolom_ada}
    b.siasn_unit = teks.get("siasn_id_unit")
    b.ganti_atasan = "nip_atasan" in kolom_ada
    b.nip_atasan = _bersih_nip(teks.get("nip_atasan"))
    if b.nip_atasan and b.nip_atasan == b.nip:
        b.tambah("nip_atasan", _("Pegawai tidak boleh menjadi atasannya sendiri."))
    return b


def _periksa_rujukan(
    b: _Baris,
    *,
    instansi: Instansi,
    opd_by_kode: dict[str, int],
    unit_by_kode: dict[tuple[int, str], int],
    ada: dict[str, Pegawai],
    di_berkas: dict[str, _Baris],
) -> None:
    """Resolve the row's OPD, unit and superior inside the instansi, on preloaded data."""
    lama = ada.get(b.nip)
    if lama is not None and lama.opd.instansi_id != instansi.pk:
        b.tambah("nip", _("NIP ini sudah terdaftar sebagai pegawai instansi lain."))

    kode_opd = b.nilai.get("opd")
    opd_id = opd_by_kode.get(kode_opd) if kode_opd else None
    if kode_opd and opd_id is None:
        b.tambah("kode_opd", _("Tidak ada OPD berkode “%(kode)s” di instansi ini.") % {"kode": kode_opd})
    if "opd" in b.nilai:
        b.nilai["opd"] = opd_id

    kode_unit = b.nilai.get("unit")
    if kode_unit and opd_id is not None:
        unit_id = unit_by_kode.get((opd_id, kode_unit))
        if unit_id is None:
            b.tambah(
                "kode_unit",
                _("Tidak ada unit kerja berkode “%(unit)s” di OPD %(opd)s.") % {"unit": kode_unit, "opd": kode_opd},
            )
        b.nilai["unit"] = unit_id
    elif "unit" in b.nilai:
        b.nilai["unit"] = None

    if b.nip_atasan and b.nip_atasan != b.nip and b.nip_atasan not in di_berkas:
        atasan = ada.get(b.nip_atasan)
        if atasan is None or atasan.opd.instansi_id != instansi.pk:
            b.tambah(
                "nip_atasan",
                _("Atasan dengan NIP %(nip)s tidak ada di berkas ini maupun di data pegawai instansi.")
                % {"nip": b.nip_atasan},
            )


def _periksa_lingkaran(*, di_berkas: dict[str, _Baris], ada: dict[str, Pegawai]) -> None:
    """Refuse superiors that form a loop (A reports to B, B to A), as far as the file and preloaded staff show it."""
    nip_by_id = {p.pk: p.nip for p in ada.values()}

    def atasan_dari(nip: str) -> str | None:
        b = di_berkas.get(nip)
        if b is not None and b.ganti_atasan:
            nxt = b.nip_atasan or None
        else:
            lama = ada.get(nip)
            nxt = nip_by_id.get(lama.atasan_id) if lama is not None and lama.atasan_id else None
        # Self-reference is reported on its own; unknown superiors too.
        return nxt if nxt != nip and (nxt in di_berkas or nxt in ada) else None

    selesai: set[str] = set()
    for awal in di_berkas:
        jalur: list[str] = []
        posisi: dict[str, int] = {}
        nip: str | None = awal
        while nip is not None and nip not in selesai and nip not in posisi:
            posisi[nip] = len(jalur)
            jalur.append(nip)
            nip = atasan_dari(nip)
        if nip is not None and nip in posisi:
            lingkaran = jalur[posisi[nip] :]
            rantai = " \u2192 ".join([*lingkaran, lingkaran[0]])
            for anggota in lingkaran:
                if anggota in di_berkas:
                    di_berkas[anggota].tambah(
                        "nip_atasan", _("Atasan membentuk lingkaran: %(rantai)s.") % {"rantai": rantai}
                    )
        selesai.update(jalur)


def _simpan(*, baris: list[_Baris], ada: dict[str, Pegawai], actor, siasn_unit=None) -> HasilImpor:
    """Write checked rows: new staff first (so that they have ids), then changes, then superiors that were new rows."""
    with transaction.atomic():
        baru: list[Pegawai] = []
        atasan_baru: list[tuple[Pegawai, str]] = []
        for b in baris:
            if b.nip in ada:
                continue
            pegawai = Pegawai(nip=b.nip, **{_attname(f): v for f, v in b.nilai.items()})
            if b.nip_atasan in ada:
                pegawai.atasan_id = ada[b.nip_atasan].pk
            elif b.nip_atasan:
                atasan_baru.append((pegawai, b.nip_atasan))
            baru.append(pegawai)
        bulk_create_with_history(baru, Pegawai, batch_size=BATCH, default_user=actor)

        pk_by_nip = {p.nip: p.pk for p in [*ada.values(), *baru]}
        for pegawai, nip_atasan in atasan_baru:
            pegawai.atasan_id = pk_by_nip[nip_atasan]

        fields = [f for f in _FIELDS if any(f in b.nilai for b in baris)]
        if any(b.ganti_atasan for b in baris):
            fields.append("atasan")
        if "opd" in fields and "unit" not in fields:
            fields.append("unit")  # staff moved to another OPD leave their old unit
        diubah: list[Pegawai] = []
        tidak_berubah = 0
        for b in baris:
            pegawai = ada.get(b.nip)
            if pegawai is None:
                continue
            sebelum = [getattr(pegawai, _attname(f)) for f in fields]
            for f, v in b.nilai.items():
                setattr(pegawai, _attname(f), v)
            if b.ganti_atasan:
                pegawai.atasan_id = pk_by_nip[b.nip_atasan] if b.nip_atasan else None
            # The unit was loaded with the row; it is only read when the file did not set it.
            if "unit" not in b.nilai and pegawai.unit_id and pegawai.unit.opd_id != pegawai.opd_id:
                pegawai.unit_id = None
            if sebelum != [getattr(pegawai, _attname(f)) for f in fields]:
                diubah.append(pegawai)
            else:
                tidak_berubah += 1
        if diubah:
            bulk_update_with_history(diubah, Pegawai, fields, batch_size=BATCH, default_user=actor)
        if atasan_baru:
            bulk_update_with_history(
                [p for p, _nip in atasan_baru], Pegawai, ["atasan"], batch_size=BATCH, default_user=actor
            )
        impor_siasn.simpan(siasn_unit or {}, actor=actor)
    return HasilImpor(dibuat=len(baru), diperbarui=len(diubah), galat=[], tidak_berubah=tidak_berubah)


def _attname(field_name: str) -> str:
    return f"{field_name}_id" if field_name in ("opd", "unit", "atasan") else field_name


def _bersih_nip(value: Any) -> str:
    # NIPs are often written in groups: "19870215 201001 2 001".
    return re.sub(r"\s+", "", str(value if value is not None else ""))


def _periksa_nip(nip: str, *, pns: bool) -> str:
    """The message for a wrong NIP, or "" when it is right."""
    if _ANGKA_EXCEL.match(nip):
        return _(
            "NIP tampaknya terpotong oleh Excel karena tersimpan sebagai angka: format kolom NIP sebagai Teks lalu "
            "ketik ulang NIP-nya."
        )
    try:
        parse_nip(nip, pns=pns)
    except NipError as exc:
        return str(exc)
    return ""


def _golongan(value: str, status: str) -> str | None:
    """The golongan as stored (I/a … IV/e for a PNS, I … XVII for a PPPK) whatever its case; None when invalid."""
    daftar = GOLONGAN_PPPK if status == Pegawai.Status.PPPK else list(GOLONGAN_PANGKAT)
    return {g.lower(): g for g in daftar}.get(value.replace(" ", "").lower())
