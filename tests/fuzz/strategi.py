"""Hypothesis strategies for hostile input: what a browser, a script or a careless spreadsheet may send.

Every value is a string (or a list of strings, or a file), as it arrives in a request: text with NUL and other control
characters, unicode without surrogates, huge strings, digits of other scripts, negative and huge numbers, odd dates.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

# Digits of other scripts: int() accepts the Arabic-Indic, Devanagari, fullwidth and Thai ones; str.isdigit() is also
# true of superscripts and circled digits, which int() refuses.
ANGKA_ASING = "٠١٢٣٤٥٦٧٨٩०१२३४५६७८९０１２３４５６７８９๐๑๒๓๔๕๖๗๘๙²³¹⁰①⑨"

teks_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
teks_kontrol = st.text(st.sampled_from("\x00\x01\x07\x08\t\n\r\x0b\x0c\x1b\x7f\u200b\u202e\ufeff a"), max_size=12)
teks_panjang = st.integers(min_value=256, max_value=20_000).map(lambda n: "x" * n)
# Past 4300 digits int() refuses a string (CPython's limit against slow conversions).
angka_panjang = st.integers(min_value=19, max_value=6000).map(lambda n: "9" * n)
angka_asing = st.text(st.sampled_from(ANGKA_ASING), min_size=1, max_size=8)
bilangan = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**100]),
).map(str)
desimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.sampled_from(["1e999", "-1e-999", "NaN", "inf", "-Infinity", "1,5", "1.234,56", "12.5.3", "1_000", "0x10", ""]),
)
tanggal = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(lambda d: d.isoformat()),
    st.sampled_from(
        ["2026-02-30", "2026-13-01", "0000-00-00", "31/12/2026", "2026-1-1", "99999-01-01", "2026-04-31T25:61", "-1"]
    ),
)
pilihan_aneh = st.sampled_from(["", " ", "null", "None", "true", "[]", "{}", "0", "-1", "on", "ya", "tidak", "∞"])

nilai = st.one_of(
    teks_unicode,
    teks_kontrol,
    teks_panjang,
    angka_asing,
    angka_panjang,
    bilangan,
    desimal,
    tanggal,
    pilihan_aneh,
)
# A field sent several times (`?x=1&x=2`), which a view reading .get() sees as its last value.
daftar_nilai = st.lists(nilai, min_size=2, max_size=3)


def berkas(nama: str = "berkas") -> st.SearchStrategy:
    """An uploaded file: empty, random bytes, or bytes that start like a known type, under a random name."""
    isi = st.one_of(
        st.binary(max_size=2048),
        st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"]).flatmap(
            lambda kepala: st.binary(max_size=512).map(lambda ekor: kepala + ekor)
        ),
    )
    nama_berkas = st.one_of(
        st.sampled_from(["a.pdf", "a.xlsx", "a.csv", "a.png", "a.exe", "noext", ".pdf", "a.PDF", "ä ö.xlsx"]),
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00/\\"), min_size=1, max_size=300),
    )
    return st.builds(lambda i, n: SimpleUploadedFile(n, i), isi, nama_berkas)


def data_formulir(
    dasar: dict, medan: list[str], *, medan_berkas: tuple[str, ...] = (), ekstra: bool = True
) -> st.SearchStrategy:
    """A POST body built from `dasar` (a valid or near-valid body): each field in `medan` is kept, dropped, replaced by
    a hostile value or sent several times; files go to `medan_berkas`; sometimes an unknown field is added."""

    def _ubah(nama: str) -> st.SearchStrategy:
        # A field of the valid body is kept half of the time, so that most examples reach the service behind the form.
        ganti = st.one_of(nilai.map(lambda v: ("ganti", v)), daftar_nilai.map(lambda v: ("ganti", v)))
        hapus = st.just(("hapus", None))
        if nama not in dasar:
            return st.one_of(hapus, ganti)
        return st.integers(0, 5).flatmap(lambda i: st.just(("tetap", None)) if i < 3 else hapus if i == 3 else ganti)

    @st.composite
    def _bangun(draw):
        data = dict(dasar)
        for nama in medan:
            aksi, v = draw(_ubah(nama))
            if aksi == "hapus":
                data.pop(nama, None)
            elif aksi == "ganti":
                data[nama] = v
        for nama in medan_berkas:
            if draw(st.booleans()):
                data[nama] = draw(berkas(nama))
        if ekstra and draw(st.booleans()):
            data[draw(st.text(st.characters(codec="ascii", exclude_characters="\x00"), min_size=1, max_size=20))] = (
                draw(nilai)
            )
        return data

    return _bangun()


def parameter_get(nama: list[str]) -> st.SearchStrategy:
    """A query string over the parameters a page reads, each absent, hostile or repeated."""
    return st.fixed_dictionaries({}, optional={n: st.one_of(nilai, daftar_nilai) for n in nama})
