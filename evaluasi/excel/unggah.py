"""The workbook uploaded back filled in: `realisasi_unggah` = `baca_unggahan` (the file as rows; refuses a file that
is not ours) → `validasi_unggahan` (every row checked on preloaded data, a fixed number of queries) →
`terapkan_unggahan` (all changed rows in one transaction through `services.realisasi_simpan`, or none)."""

import datetime
import math
from decimal import Decimal
from typing import IO, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from evaluasi import services
from evaluasi.models import Realisasi
from evaluasi.selectors import grid_indikator
from indikator.models import ROMAWI, Indikator
from indikator.services import hari_ini_instansi, periode_get_or_create, periode_terbuka
from opd.lingkup import get_lingkup
from opd.masukan import angka
from opd.models import Opd

from .berkas import (
    BARIS_DATA,
    BARIS_KUNCI,
    BARIS_LABEL,
    FIELD_DIISI,
    FORMAT,
    KOLOM,
    KOLOM_ANGGARAN,
    KOLOM_BY_KUNCI,
    MAKS_BARIS,
    PANJANG_TAUTAN,
    PANJANG_TEKS,
    UKURAN_MAKS,
    BarisBerkas,
    BerkasTidakValid,
    GalatBaris,
    HasilUnggahan,
    Perubahan,
    _teks_sel,
)


def baca_unggahan(*, berkas: IO[bytes], opd: Opd, tahun: int, triwulan: int) -> list[BarisBerkas]:
    """The data rows of an uploaded grid workbook, after checking that it is this OPD's file for this quarter.

    Raises BerkasTidakValid, with a message for the user, when the file cannot be used at all.
    """
    from opd.xlsx import XlsxDitolak, buka_xlsx

    data = berkas.read(UKURAN_MAKS + 1)
    if not data:
        raise BerkasTidakValid(_("Berkas yang diunggah kosong."))
    if len(data) > UKURAN_MAKS:
        raise BerkasTidakValid(_("Berkas terlalu besar: paling besar 5 MB."))
    tidak_terbaca = _("Berkas bukan berkas Excel .xlsx yang dapat dibaca. Unggah berkas yang diunduh dari halaman ini.")
    if not data.startswith(b"PK\x03\x04"):
        raise BerkasTidakValid(tidak_terbaca)
    try:
        workbook = buka_xlsx(data)
    except XlsxDitolak as exc:
        # A damaged or fake .xlsx fails in many ways; to the user they are one case. A bomb or a huge sheet is told.
        raise BerkasTidakValid(tidak_terbaca if exc.kode == "rusak" else str(exc)) from None
    try:
        return _baca_sheet(workbook, opd=opd, tahun=tahun, triwulan=triwulan)
    except BerkasTidakValid:
        raise
    except Exception:
        raise BerkasTidakValid(tidak_terbaca) from None
    finally:
        workbook.close()


def _baca_sheet(workbook, *, opd: Opd, tahun: int, triwulan: int) -> list[BarisBerkas]:
    bukan_milik_kita = _(
        "Berkas ini bukan berkas realisasi dari aplikasi Kinerja, atau susunan kolomnya telah diubah. Unduh berkas "
        "dari halaman realisasi, isi, lalu unggah kembali."
    )
    if not workbook.worksheets:
        raise BerkasTidakValid(bukan_milik_kita)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    meta: dict[str, Any] = {}
    kolom: dict[str, int] | None = None
    for nomor, values in enumerate(rows, start=1):
        if nomor > BARIS_KUNCI + 5:
            break
        values = tuple(values)
        kunci = values[0] if values else None
        if kunci == KOLOM[0].kunci:
            kolom = {str(v).strip(): i for i, v in enumerate(values) if isinstance(v, str) and v.strip()}
            break
        if isinstance(kunci, str) and len(values) > 1:
            meta[kunci.strip()] = values[1]
    if kolom is None or meta.get("format") != FORMAT:
        raise BerkasTidakValid(bukan_milik_kita)
    hilang = [str(k.label) for k in KOLOM if k.kunci not in kolom and k.kunci not in KOLOM_ANGGARAN]
    if hilang:
        raise BerkasTidakValid(
            _("Kolom berikut tidak ada di berkas: %(kolom)s. Unduh ulang berkas; jangan menghapus kolom.")
            % {"kolom": ", ".join(hilang)}
        )
    _periksa_milik(meta, opd=opd, tahun=tahun, triwulan=triwulan)

    next(rows, None)  # the visible labels
    hasil: list[BarisBerkas] = []
    for nomor, values in enumerate(rows, start=BARIS_LABEL + 1):
        if nomor > BARIS_DATA + 2 * MAKS_BARIS:
            # Empty rows count too: a sheet stretched to a million rows is refused rather than walked to the end.
            raise BerkasTidakValid(_("Berkas berisi lebih dari %(maks)d baris.") % {"maks": MAKS_BARIS})
        values = tuple(values)
        sel = {k: (values[i] if i < len(values) else None) for k, i in kolom.items() if k in KOLOM_BY_KUNCI}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in sel.values()):
            continue
        if len(hasil) >= MAKS_BARIS:
            raise BerkasTidakValid(_("Berkas berisi lebih dari %(maks)d baris.") % {"maks": MAKS_BARIS})
        hasil.append(BarisBerkas(baris=nomor, sel=sel))
    return hasil


def _periksa_milik(meta: dict[str, Any], *, opd: Opd, tahun: int, triwulan: int) -> None:
    """A file downloaded for another OPD or another quarter is refused whole, naming what it is for."""
    opd_berkas, tahun_berkas, tw_berkas = (_bilangan_bulat(meta.get(k)) for k in ("opd", "tahun", "triwulan"))
    if opd_berkas != opd.pk:
        raise BerkasTidakValid(
            _("Berkas ini untuk OPD lain, bukan %(opd)s. Unggah berkas yang diunduh dari halaman realisasi OPD ini.")
            % {"opd": opd.nama}
        )
    if (tahun_berkas, tw_berkas) != (tahun, triwulan):
        periode_berkas = (
            f"TW {ROMAWI[tw_berkas]} {tahun_berkas}" if tw_berkas in ROMAWI and tahun_berkas else _("periode lain")
        )
        raise BerkasTidakValid(
            _("Berkas ini untuk %(berkas)s, bukan TW %(tw)s %(tahun)s. Unggah berkas periode yang sesuai.")
            % {"berkas": periode_berkas, "tw": ROMAWI[triwulan], "tahun": tahun}
        )


def _bilangan_bulat(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return angka(value)
    return None


def _teks(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return _teks_sel(str(value))


def nilai_dari_sel(value: Any, *, indikator: Indikator) -> Decimal | None:
    """The realisation in a cell, by the same rules as the web form (`services.parse_nilai`).

    Excel stores numbers as binary doubles and keeps 15 significant digits: 20.5 reads back as 20.5, but a value
    computed in the sheet (=0.1+0.2) as 0.30000000000000004. Reading the double at 15 significant digits gives what
    Excel shows, so such noise is dropped while a real extra decimal (12.345 for a 2-decimal indicator) is still
    refused rather than silently rounded. Text cells ("12,5") go through parse_nilai as typed.
    """
    if value is None:
        return None
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        raise ValidationError(
            _("Realisasi harus berupa angka; Excel membaca isian ini sebagai tanggal atau jam."), code="tanggal"
        )
    if isinstance(value, bool):
        raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
        teks = f"{value:.15g}"
    else:
        teks = str(value)
    return services.parse_nilai(teks, indikator=indikator)


def rupiah_dari_sel(value: Any, *, label: str) -> Decimal | None:
    """An amount in rupiah in a cell: a number cell read at Excel's 15 significant digits, a text cell as typed
    ("1.250.000", "Rp 1.250.000,50") by the web form's rules (`services.parse_rupiah`)."""
    if value is None:
        return None
    if isinstance(value, bool | datetime.date | datetime.time | datetime.timedelta):
        raise ValidationError(
            _("%(label)s harus berupa jumlah rupiah, misalnya 1.250.000 atau 1250000,50.") % {"label": label},
            code="bukan_angka",
        )
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(
                _("%(label)s harus berupa jumlah rupiah, misalnya 1.250.000 atau 1250000,50.") % {"label": label},
                code="bukan_angka",
            )
        # A decimal comma, so that parse_rupiah never takes the point of 1.255 for a thousands separator.
        return services.parse_rupiah(format(Decimal(f"{value:.15g}"), "f").replace(".", ","), label=label)
    return services.parse_rupiah(str(value), label=label)


# -- validation ------------------------------------------------------------------------------------------------------


def _label(kunci: str) -> str:
    return str(KOLOM_BY_KUNCI[kunci].label)


def validasi_unggahan(*, opd: Opd, tahun: int, triwulan: int, baris: list[BarisBerkas]) -> HasilUnggahan:
    """Check every row against the stored values, without writing. Three queries whatever the number of rows.

    A row is a change when any field it may set differs from what is stored; rows that match are skipped. A change
    needs the version the file was downloaded at to be the current one (else someone else saved in between, and
    their value is not overwritten), and a realisation that is still Draf or Dikembalikan (or none yet). A row of a
    submitted or verified value may come back unchanged. An automatic feed's value column is ignored.
    """
    hasil = HasilUnggahan(jumlah_baris=len(baris))
    ids = {i for b in baris if (i := _bilangan_bulat(b.sel.get("id_indikator"))) is not None}
    indikator = {
        ind.pk: ind
        for ind in grid_indikator(opd=opd, tahun=tahun)
        .filter(pk__in=ids)
        .prefetch_related(
            Prefetch("realisasi_set", queryset=Realisasi.objects.filter(triwulan=triwulan), to_attr="realisasi_tw")
        )
        .order_by()
    }
    periode = periode_get_or_create(instansi=opd.instansi, tahun=tahun, triwulan=triwulan)
    terbuka = periode_terbuka(periode=periode, hari_ini=hari_ini_instansi(opd.instansi))
    url_field = forms.URLField(max_length=PANJANG_TAUTAN, assume_scheme="https", required=False)

    dilihat: dict[int, int] = {}
    for b in baris:
        galat: list[GalatBaris] = []

        def tambah(kolom: str, pesan: str, *, kode: str = "", b=b, galat=galat) -> None:
            galat.append(GalatBaris(baris=b.baris, kode=kode or _teks(b.sel.get("kode")), kolom=kolom, pesan=pesan))

        id_indikator = _bilangan_bulat(b.sel.get("id_indikator"))
        ind = indikator.get(id_indikator) if id_indikator is not None else None
        if id_indikator is None:
            tambah(
                _label("id_indikator"),
                _("Baris ini tidak berasal dari berkas unduhan (ID indikator kosong). Hapus baris ini."),
            )
        elif ind is None:
            tambah(
                _label("id_indikator"),
                _("Indikator ini tidak ada (lagi) di OPD ini untuk tahun %(tahun)s.") % {"tahun": tahun},
            )
        elif id_indikator in dilihat:
            tambah(
                _label("id_indikator"),
                _("Indikator ini sudah ada di baris %(baris)d berkas ini.") % {"baris": dilihat[id_indikator]},
                kode=ind.kode,
            )
            ind = None
        versi = _bilangan_bulat(b.sel.get("versi"))
        if versi is None:
            tambah(_label("versi"), _("Kolom versi rusak: unduh ulang berkas."))
        if ind is None or versi is None:
            hasil.galat.extend(galat)
            continue
        dilihat[ind.pk] = b.baris
        ind.opd, ind.instansi = opd, opd.instansi  # already loaded: spares a query per row when saving

        realisasi = ind.realisasi_tw[0] if ind.realisasi_tw else None
        lama = {
            "nilai": realisasi.nilai if realisasi else None,
            "kendala": _teks_sel(realisasi.kendala) if realisasi else "",
            "solusi": _teks_sel(realisasi.solusi) if realisasi else "",
            "bukti_tautan": realisasi.bukti_tautan if realisasi else "",
            "bukti_teks": _teks_sel(realisasi.bukti_teks) if realisasi else "",
            "pagu": realisasi.pagu if realisasi else None,
            "serapan": realisasi.serapan if realisasi else None,
        }
        baru = dict(lama)
        if ind.sumber_realisasi == Indikator.SumberRealisasi.MANUAL:
            try:
                baru["nilai"] = nilai_dari_sel(b.sel.get("nilai"), indikator=ind)
            except ValidationError as exc:
                tambah(_label("nilai"), " ".join(exc.messages), kode=ind.kode)
        for kunci, batas in PANJANG_TEKS.items():
            baru[kunci] = _teks(b.sel.get(kunci))
            if len(baru[kunci]) > batas:
                tambah(
                    _label(kunci),
                    _("Paling banyak %(n)d karakter (tertulis %(m)d).") % {"n": batas, "m": len(baru[kunci])},
                    kode=ind.kode,
                )
        try:
            baru["bukti_tautan"] = url_field.clean(_teks(b.sel.get("bukti_tautan")))
        except ValidationError as exc:
            tambah(_label("bukti_tautan"), " ".join(exc.messages), kode=ind.kode)
        for kunci in KOLOM_ANGGARAN:
            if kunci not in b.sel:
                continue  # a file from before the budget columns: the stored figures stay
            if ind.jenis != Indikator.Jenis.IKU:
                if b.sel[kunci] not in (None, ""):
                    tambah(_label(kunci), _("Anggaran hanya dicatat untuk IKU; kosongkan sel ini."), kode=ind.kode)
                continue
            try:
                baru[kunci] = rupiah_dari_sel(b.sel[kunci], label=_label(kunci))
            except ValidationError as exc:
                tambah(_label(kunci), " ".join(exc.messages), kode=ind.kode)
        if not galat and baru["serapan"] is not None:
            if baru["pagu"] is None:
                tambah(_label("pagu"), _("Isi pagu anggaran bila serapan diisi."), kode=ind.kode)
            elif baru["serapan"] > baru["pagu"]:
                tambah(_label("serapan"), _("Serapan anggaran tidak boleh melebihi pagu."), kode=ind.kode)
        if galat:
            hasil.galat.extend(galat)
            continue

        rincian = [
            {"kolom": _label(k), "lama": lama[k], "baru": baru[k], "angka": k == "nilai", "rupiah": k in KOLOM_ANGGARAN}
            for k in FIELD_DIISI
            if baru[k] != lama[k]
        ]
        if not rincian:
            hasil.tidak_berubah += 1
            continue
        versi_kini = realisasi.versi if realisasi else 0
        if versi != versi_kini:
            tambah(
                "",
                _(
                    "Realisasi ini sudah diubah orang lain sejak berkas diunduh. Unduh ulang berkas, lalu isi kembali "
                    "baris ini."
                ),
                kode=ind.kode,
            )
        elif realisasi is not None and not realisasi.dapat_diubah:
            tambah(
                ", ".join(r["kolom"] for r in rincian),
                _("Realisasi berstatus %(status)s tidak dapat diubah; biarkan baris ini seperti semula.")
                % {"status": realisasi.get_status_display()},
                kode=ind.kode,
            )
        if galat:
            hasil.galat.extend(galat)
            continue
        hasil.perubahan.append(Perubahan(baris=b.baris, indikator=ind, versi=versi, rincian=rincian, **baru))

    if hasil.perubahan and not terbuka:
        hasil.galat.insert(
            0,
            GalatBaris(
                baris=0,
                kode="",
                kolom="",
                pesan=_("Periode %(periode)s tidak terbuka untuk pengisian (jendela %(buka)s – %(tutup)s).")
                % {
                    "periode": periode,
                    "buka": periode.dibuka.strftime("%d/%m/%Y"),
                    "tutup": periode.ditutup.strftime("%d/%m/%Y"),
                },
            ),
        )
    if hasil.galat:
        hasil.perubahan = []
    return hasil


# -- applying --------------------------------------------------------------------------------------------------------


class _Batal(Exception):
    def __init__(self, galat: GalatBaris):
        self.galat = galat


def terapkan_unggahan(*, actor, triwulan: int, hasil: HasilUnggahan) -> HasilUnggahan:
    """Save every change of a validated upload in one transaction, or none of them.

    Each row goes through `services.realisasi_simpan`, so permission, the open period, the version lock and the
    history (with `actor`) are enforced exactly as on the grid. A row that fails there (someone saved between the
    check and the write) rolls everything back and is reported.
    """
    try:
        with transaction.atomic():
            for p in hasil.perubahan:
                try:
                    services.realisasi_simpan(
                        actor=actor,
                        indikator=p.indikator,
                        triwulan=triwulan,
                        versi=p.versi,
                        nilai=p.nilai,
                        kendala=p.kendala,
                        solusi=p.solusi,
                        bukti_tautan=p.bukti_tautan,
                        bukti_teks=p.bukti_teks,
                        **({"pagu": p.pagu, "serapan": p.serapan} if p.indikator.jenis == Indikator.Jenis.IKU else {}),
                    )
                except services.KonflikVersi:
                    raise _Batal(
                        GalatBaris(
                            p.baris,
                            p.indikator.kode,
                            "",
                            _("Realisasi ini sudah diubah orang lain sejak berkas diunduh. Unduh ulang berkas."),
                        )
                    )
                except ValidationError as exc:
                    raise _Batal(GalatBaris(p.baris, p.indikator.kode, "", " ".join(exc.messages)))
    except _Batal as exc:
        return HasilUnggahan(galat=[exc.galat], tidak_berubah=hasil.tidak_berubah, jumlah_baris=hasil.jumlah_baris)
    return hasil


def realisasi_unggah(*, actor, opd: Opd, tahun: int, triwulan: int, berkas: IO[bytes]) -> HasilUnggahan:
    """Apply a filled-in grid workbook: every row checked first, then all changes saved or none.

    Only the OPD's evaluation team or its Admin Instansi. Raises BerkasTidakValid when the file cannot be used at
    all; otherwise the result lists either the row errors (nothing saved) or the changes made.
    """
    if not get_lingkup(actor).can_enter_realisasi(opd.pk, opd.instansi_id):
        raise PermissionDenied
    baris = baca_unggahan(berkas=berkas, opd=opd, tahun=tahun, triwulan=triwulan)
    hasil = validasi_unggahan(opd=opd, tahun=tahun, triwulan=triwulan, baris=baris)
    if not hasil.berhasil or not hasil.perubahan:
        return hasil
    return terapkan_unggahan(actor=actor, triwulan=triwulan, hasil=hasil)
