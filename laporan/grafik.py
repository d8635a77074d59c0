"""The charts of the reports and dashboards, drawn with evaluasi/charts.py from the plain data of laporan/data/ and
the dashboards' selectors. One function per chart, used by the web page and the PDF alike.

Numbers are written in the active language's format (Indonesian: 92,50%); every chart says in words what it shows.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from evaluasi.charts import BAND_WARNA, WARNA_KEDUA, WARNA_UTAMA, BarisBatang, Batang, Sel, bar_svg, heatmap_svg
from evaluasi.charts import warna_band as _warna_band
from evaluasi.models import BAND_CHOICES, STATUS_CAPAIAN_CHOICES
from indikator.models import ROMAWI

from .format import persen

SERATUS = Decimal(100)
LABEL_BAND = dict(BAND_CHOICES)
LABEL_STATUS = dict(STATUS_CAPAIAN_CHOICES)


def label_tw(triwulan: int) -> str:
    return _("TW %(tw)s") % {"tw": ROMAWI[triwulan]}


def teks_persen(nilai: Decimal | None, desimal: int = 2, *, status: str = "") -> str:
    """92,50% — or why there is no value ("Belum diisi", "Tidak dapat dihitung")."""
    if nilai is None:
        if status and status != "ok":
            return str(LABEL_STATUS.get(status, status))
        return _("Belum ada")
    return persen(nilai, desimal)


def legenda_band() -> list[tuple[str, str]]:
    return [(str(LABEL_BAND[kode]), BAND_WARNA[kode][0]) for kode, _label in BAND_CHOICES] + [
        (_("Belum ada capaian"), BAND_WARNA[""][0])
    ]


def _band_dari_nilai(band: str, nilai: Decimal | None) -> str:
    return band if nilai is not None else ""


def bar_capaian(
    items: Sequence[tuple[str, Decimal | None, str, int, str]],
    *,
    judul: str,
    ringkas: bool = False,
    dengan_legenda: bool = True,
) -> SafeString:
    """Achievement per indicator: items are (label, achievement, band, decimals, status); bars in the band's colour
    with the value written after each, a dashed line at 100 %. `ringkas` leaves the band's name out of the bar's text
    (the PDF, where the table beside the chart names it: WeasyPrint draws SVG text letter by letter, so every
    character counts)."""
    rows = [
        BarisBatang(
            label=label,
            batang=[
                Batang(
                    nilai=nilai,
                    teks=teks_persen(nilai, desimal, status=status)
                    + (f" ({LABEL_BAND[band]})" if nilai is not None and band in LABEL_BAND and not ringkas else ""),
                    warna=_warna_band(_band_dari_nilai(band, nilai))[0],
                )
            ],
        )
        for label, nilai, band, desimal, status in items
    ]
    top = max([SERATUS * Decimal("1.2"), *(n for _l, n, _b, _d, _s in items if n is not None)])
    ringkas = "; ".join(f"{label}: {teks_persen(n, d, status=s)}" for label, n, _b, d, s in items)
    return bar_svg(
        rows,
        label=f"{judul}. {ringkas}" if ringkas else f"{judul}. {_('Belum ada indikator.')}",
        maximum=top,
        reference=SERATUS,
        reference_label=_("target 100%"),
        legend=legenda_band() if dengan_legenda else (),
        text_width=150,
        label_width=110 if ringkas else 220,
    )


def bar_dua_tahun(
    items: Sequence[tuple[str, Decimal | None, Decimal | None, int]], *, judul: str, tahun: int, ringkas: bool = False
) -> SafeString:
    """This year's achievement beside last year's, per indicator or OPD: items are (label, this year, last year,
    decimals). `ringkas`: the year is left to the legend."""
    ini, lalu = str(tahun), str(tahun - 1)
    awal_ini, awal_lalu = ("", "") if ringkas else (f"{ini}: ", f"{lalu}: ")
    rows = [
        BarisBatang(
            label=label,
            batang=[
                Batang(nilai=a, teks=f"{awal_ini}{teks_persen(a, d)}", warna=WARNA_UTAMA),
                Batang(nilai=b, teks=f"{awal_lalu}{teks_persen(b, d)}", warna=WARNA_KEDUA),
            ],
        )
        for label, a, b, d in items
    ]
    values = [v for _l, a, b, _d in items for v in (a, b) if v is not None]
    ringkas = "; ".join(f"{label}: {ini} {teks_persen(a, d)}, {lalu} {teks_persen(b, d)}" for label, a, b, d in items)
    return bar_svg(
        rows,
        label=f"{judul}. {ringkas}" if ringkas else judul,
        maximum=max([SERATUS * Decimal("1.2"), *values]),
        reference=SERATUS,
        reference_label=_("target 100%"),
        legend=[(ini, WARNA_UTAMA), (lalu, WARNA_KEDUA)],
        text_width=110,
        label_width=110 if ringkas else 220,
    )


def heatmap_triwulan(
    rows: Sequence[tuple],
    *,
    judul: str,
    desimal: int = 2,
    label_width: int = 220,
    dengan_legenda: bool = True,
) -> SafeString:
    """Rows (an OPD, an indicator) × TW I–IV: each row is (label, cells) or (label, cells, decimals: an indicator's
    own), each cell (value, band, status), coloured by band with its value written inside."""
    cols = [label_tw(q) for q in (1, 2, 3, 4)]
    rows = [(r[0], r[1], r[2] if len(r) > 2 else desimal) for r in rows]
    cells = []
    for label, values, desimal in rows:
        line = []
        for q, (nilai, band, status) in enumerate(values, start=1):
            fill, text = _warna_band(_band_dari_nilai(band, nilai))
            teks = teks_persen(nilai, desimal) if nilai is not None else "–"
            keterangan = teks_persen(nilai, desimal, status=status)
            if nilai is not None and band in LABEL_BAND:
                keterangan = f"{keterangan} ({LABEL_BAND[band]})"
            line.append(Sel(teks=teks, warna=fill, warna_teks=text, judul=f"{label}, {label_tw(q)}: {keterangan}"))
        cells.append(line)
    ringkas = "; ".join(
        f"{label}: "
        + ", ".join(f"{label_tw(q)} {teks_persen(n, d, status=s)}" for q, (n, _b, s) in enumerate(v, start=1))
        for label, v, d in rows
    )
    return heatmap_svg(
        [label for label, _v, _d in rows],
        cols,
        cells,
        label=f"{judul}. {ringkas}" if ringkas else f"{judul}. {_('Belum ada data.')}",
        legend=legenda_band() if dengan_legenda else (),
        label_width=label_width,
    )


def bar_skor(
    items: Sequence[tuple[str, Decimal | None, str]], *, judul: str, ringkas: bool = False, dengan_legenda: bool = True
) -> SafeString:
    """Scores (an OPD's, an instansi's, an ASN's) as bars: items are (label, score, band)."""
    return bar_capaian(
        [(label, nilai, band, 2, "") for label, nilai, band in items],
        judul=judul,
        ringkas=ringkas,
        dengan_legenda=dengan_legenda,
    )


BARIS_PER_HALAMAN = 25  # rows of a chart that fit on an A4 landscape page


def per_halaman(items: Sequence, n: int = BARIS_PER_HALAMAN) -> list[tuple[Sequence, bool]]:
    """A long chart drawn as several, each fitting a PDF page (an SVG cannot break across pages): (rows, last?).
    Only the last part carries the legend (WeasyPrint draws SVG text letter by letter: text is what costs)."""
    parts = [items[i : i + n] for i in range(0, len(items), n)] or [items]
    return [(part, k == len(parts) - 1) for k, part in enumerate(parts)]


def bar_kelengkapan(items: Sequence[tuple[str, object]], *, judul: str) -> SafeString:
    """Completeness per row: items are (label, laporan.data.Kelengkapan); two bars each, entered and verified, in
    percent of the indicators to fill."""
    rows = []
    for label, k in items:
        terisi, verif = k.persen, k.persen_diverifikasi
        rows.append(
            BarisBatang(
                label=label,
                batang=[
                    Batang(
                        nilai=terisi,
                        teks=_("terisi %(n)s dari %(total)s") % {"n": k.terisi, "total": k.indikator},
                        warna=WARNA_KEDUA,
                    ),
                    Batang(
                        nilai=verif,
                        teks=_("diverifikasi %(n)s") % {"n": k.diverifikasi},
                        warna=WARNA_UTAMA,
                    ),
                ],
            )
        )
    ringkas = "; ".join(
        _("%(label)s: %(terisi)s dari %(total)s terisi, %(verif)s diverifikasi")
        % {"label": label, "terisi": k.terisi, "total": k.indikator, "verif": k.diverifikasi}
        for label, k in items
    )
    return bar_svg(
        rows,
        label=f"{judul}. {ringkas}" if ringkas else judul,
        maximum=SERATUS,
        legend=[(_("Terisi"), WARNA_KEDUA), (_("Diverifikasi"), WARNA_UTAMA)],
        text_width=140,
    )


def bar_sebaran(items: Sequence[tuple[str, int]], *, judul: str) -> SafeString:
    """How many staff got each predikat: items are (label, count); each bar says the count and its share."""
    total = sum(n for _label, n in items)
    rows = [
        BarisBatang(
            label=label,
            batang=[
                Batang(
                    nilai=Decimal(n),
                    teks=_("%(n)s orang (%(persen)s)") % {"n": n, "persen": persen(Decimal(n) * 100 / total, 2)}
                    if total
                    else _("%(n)s orang") % {"n": n},
                    warna=WARNA_UTAMA,
                )
            ],
        )
        for label, n in items
    ]
    ringkas = "; ".join(f"{label}: {n}" for label, n in items)
    return bar_svg(
        rows, label=f"{judul}. {ringkas}", maximum=Decimal(max([1, *(n for _l, n in items)])), text_width=130
    )
