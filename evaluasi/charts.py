"""Server-rendered SVG charts: no JavaScript and no style attributes, so a strict Content-Security-Policy holds.

Colours and strokes are SVG presentation attributes (allowed under CSP, unlike `style=`); `currentColor` lets the
surrounding text colour decide. Every text that reaches the markup is escaped; coordinates are numbers we compute.
The same markup serves the web pages and the PDF reports (WeasyPrint draws inline SVG), so a chart is written once.
Charts never rely on colour alone: bars and cells carry their value as text, and every chart has a <title> and an
aria-label with its text equivalent.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

__all__ = ["BAND_WARNA", "BarisBatang", "Batang", "Sel", "bar_svg", "heatmap_svg", "sparkline_svg", "warna_band"]

_PAD = Decimal(3)  # room for the point markers at the edges
_RADIUS = Decimal(2)


def _angka(value) -> Decimal | None:
    """A finite Decimal, or None for a gap (None, NaN, infinity, or anything that is not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _koordinat(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def sparkline_svg(
    values: Sequence[Decimal | None],
    *,
    width: int = 120,
    height: int = 32,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    reference: Decimal | None = None,
    label: str = "",
    point_labels: Sequence[str] | None = None,
    css_class: str = "sparkline",
) -> SafeString:
    """A small line chart of `values` spread evenly across `width`, as inline SVG markup.

    A None breaks the line (a gap, not a zero); an isolated value is still drawn as a point. The vertical scale runs
    from `minimum` to `maximum` (defaults: the data's own range, widened to include `reference`); `reference`, when
    given, is drawn as a dashed horizontal line (e.g. 100 %). `label` is the chart's text equivalent (aria-label and
    <title>); `point_labels` become a <title> per point. With no value at all only the frame and label remain.
    """
    if width <= 0 or height <= 0:
        raise ValueError("width dan height harus lebih dari 0")
    numbers = [_angka(v) for v in values]
    present = [n for n in numbers if n is not None]
    ref = _angka(reference)

    low = _angka(minimum)
    high = _angka(maximum)
    scale_points = present + ([ref] if ref is not None else [])
    if low is None:
        low = min(scale_points) if scale_points else Decimal(0)
    if high is None:
        high = max(scale_points) if scale_points else Decimal(1)
    if high < low:
        low, high = high, low
    if high == low:
        # A flat series sits in the middle rather than on an edge.
        low, high = low - 1, high + 1

    w, h = Decimal(width), Decimal(height)
    inner_w, inner_h = w - 2 * _PAD, h - 2 * _PAD

    def x_at(index: int) -> Decimal:
        if len(numbers) <= 1:
            return w / 2
        return _PAD + inner_w * index / (len(numbers) - 1)

    def y_at(value: Decimal) -> Decimal:
        clamped = min(max(value, low), high)
        return _PAD + inner_h * (high - clamped) / (high - low)

    parts: list[str] = []
    if label:
        parts.append(format_html("<title>{}</title>", label))
    if ref is not None and low <= ref <= high:
        y = _koordinat(y_at(ref))
        parts.append(
            f'<line x1="{_koordinat(_PAD)}" y1="{y}" x2="{_koordinat(w - _PAD)}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.35" stroke-width="1" stroke-dasharray="3 2"/>'
        )

    # One path, one "M" per run of consecutive values: a gap lifts the pen. A lone value is only a marker.
    runs: list[list[int]] = [[]]
    for index, number in enumerate(numbers):
        if number is None:
            runs.append([])
        else:
            runs[-1].append(index)
    commands = [
        " ".join(
            f"{'M' if k == 0 else 'L'}{_koordinat(x_at(i))} {_koordinat(y_at(numbers[i]))}" for k, i in enumerate(run)
        )
        for run in runs
        if len(run) > 1
    ]
    if commands:
        parts.append(
            f'<path d="{" ".join(commands)}" fill="none" stroke="currentColor" stroke-width="1.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    for index, number in enumerate(numbers):
        if number is None:
            continue
        title = ""
        if point_labels is not None and index < len(point_labels) and point_labels[index]:
            title = f"<title>{escape(point_labels[index])}</title>"
        parts.append(
            f'<circle cx="{_koordinat(x_at(index))}" cy="{_koordinat(y_at(number))}" r="{_koordinat(_RADIUS)}" '
            f'fill="currentColor">{title}</circle>'
        )

    aria = format_html(' role="img" aria-label="{}"', label) if label else ' aria-hidden="true"'
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" focusable="false"{aria}>'
    )
    return mark_safe(opening + "".join(parts) + "</svg>")  # noqa: S308 - every text part above is escaped


# -- colours ---------------------------------------------------------------------------------------------------------

# Band fill and the text colour readable on it; the same pairs as the .band-* classes of static/css/kinerja.css.
BAND_WARNA: dict[str, tuple[str, str]] = {
    "sangat_baik": ("#198754", "#ffffff"),
    "baik": ("#20c997", "#052c22"),
    "cukup": ("#ffc107", "#332701"),
    "kurang": ("#fd7e14", "#331a04"),
    "sangat_kurang": ("#dc3545", "#ffffff"),
    "": ("#e9ecef", "#495057"),
}
WARNA_UTAMA = "#0b4f6c"
WARNA_KEDUA = "#8fb8cc"
_HEX = re.compile(r"^#[0-9a-fA-F]{3,8}$")
_FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def warna_band(band: str | None) -> tuple[str, str]:
    """(fill, text colour) of an achievement band; grey for none."""
    return BAND_WARNA.get(band or "", BAND_WARNA[""])


def _warna(value: str, fallback: str = WARNA_UTAMA) -> str:
    """Only a hex colour reaches an attribute; anything else falls back."""
    return value if isinstance(value, str) and _HEX.match(value) else fallback


def _potong(teks: str, panjang: int) -> str:
    """Shorten a label to fit its column; the full text stays in the element's <title>."""
    teks = " ".join(str(teks).split())
    return teks if len(teks) <= panjang else teks[: max(panjang - 1, 1)].rstrip() + "…"


def _muat(lebar: int) -> int:
    """How many characters of 10px text fit in a column this wide (DejaVu Sans averages about 6.3px a character)."""
    return max(int((lebar - 12) / 6.3), 4)


def _legenda(items: Sequence[tuple[str, str]], *, y: int, width: int) -> tuple[list[str], int]:
    """Legend entries (a swatch and its text) laid out in lines that fit `width`; returns the parts and the height."""
    parts: list[str] = []
    x, line = 0, 0
    for text, colour in items:
        item_width = 24 + int(5.6 * len(str(text)))
        if x and x + item_width > width:
            x, line = 0, line + 1
        ly = y + line * 14
        parts.append(f'<rect x="{x}" y="{ly}" width="10" height="10" fill="{_warna(colour)}"/>')
        parts.append(f'<text x="{x + 14}" y="{ly + 9}" font-size="9" {_FONT} fill="#212529">{escape(text)}</text>')
        x += item_width
    return parts, (line + 1) * 14


def _svg(width: int, height: int, label: str, css_class: str, parts: list[str]) -> SafeString:
    aria = format_html(' role="img" aria-label="{}"', label) if label else ' aria-hidden="true"'
    title = format_html("<title>{}</title>", label) if label else ""
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" focusable="false"{aria}>'
    )
    return mark_safe(opening + title + "".join(parts) + "</svg>")  # noqa: S308 - every text part is escaped


# -- horizontal bar chart --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batang:
    """One bar: its value (None draws no bar, the text still says why), the text written after it, its fill and an
    optional tooltip."""

    nilai: Decimal | None
    teks: str
    warna: str = WARNA_UTAMA
    judul: str = ""


@dataclass(frozen=True)
class BarisBatang:
    """One row of a bar chart: a label and one bar per series."""

    label: str
    batang: Sequence[Batang]


def bar_svg(
    rows: Sequence[BarisBatang],
    *,
    label: str,
    maximum: Decimal | None = None,
    reference: Decimal | None = None,
    reference_label: str = "",
    legend: Sequence[tuple[str, str]] = (),
    width: int = 640,
    label_width: int = 220,
    text_width: int = 78,
    bar_height: int = 12,
    gap: int = 6,
    label_chars: int | None = None,
    css_class: str = "grafik",
) -> SafeString:
    """A horizontal bar chart: one row per item, one bar per series in it, the value written after each bar.

    The scale runs from 0 to `maximum` (default: the largest value or `reference`, whichever is larger). `reference`
    (e.g. 100 %) is a dashed vertical line labelled `reference_label`. `legend` is a list of (text, colour) drawn
    below the rows. Negative values are drawn as 0; a None value has no bar. Labels longer than their column
    (`label_chars`, by default what fits in `label_width`) are shortened, the full text kept in their <title>.
    """
    if label_chars is None:
        label_chars = _muat(label_width)
    if width <= label_width + text_width + 20:
        raise ValueError("width terlalu kecil untuk label dan teks nilai")
    values = [_angka(b.nilai) for row in rows for b in row.batang]
    present = [v for v in values if v is not None]
    ref = _angka(reference)
    top = _angka(maximum)
    if top is None:
        top = max([*present, *([ref] if ref is not None else []), Decimal(1)])
    if top <= 0:
        top = Decimal(1)
    series = max((len(row.batang) for row in rows), default=1)
    row_h = series * bar_height + gap
    header = 14 if ref is not None and reference_label else 4
    legend_h = 18 if legend else 0
    height = header + max(len(rows), 1) * row_h + legend_h + 4
    x0 = Decimal(label_width)
    span = Decimal(width - label_width - text_width)

    def x_for(value: Decimal) -> Decimal:
        clamped = min(max(value, Decimal(0)), top)
        return x0 + span * clamped / top

    parts: list[str] = []
    for index, row in enumerate(rows):
        y = header + index * row_h
        parts.append(
            f'<text x="{label_width - 6}" y="{y + (series * bar_height) / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="10" {_FONT} fill="#212529">{escape(_potong(row.label, label_chars))}'
            f"<title>{escape(row.label)}</title></text>"
        )
        for k, bar in enumerate(row.batang):
            by = y + k * bar_height
            value = _angka(bar.nilai)
            end = x0
            if value is not None:
                end = x_for(value)
                tooltip = f"<title>{escape(bar.judul or f'{row.label}: {bar.teks}')}</title>"
                parts.append(
                    f'<rect x="{_koordinat(x0)}" y="{by + 1}" width="{_koordinat(end - x0)}" height="{bar_height - 2}" '
                    f'fill="{_warna(bar.warna)}">{tooltip}</rect>'
                )
            parts.append(
                f'<text x="{_koordinat(end + 4)}" y="{by + bar_height - 3}" font-size="9" {_FONT} '
                f'fill="#212529">{escape(bar.teks)}</text>'
            )
    if ref is not None and ref <= top:
        rx = _koordinat(x_for(ref))
        bottom = header + max(len(rows), 1) * row_h
        parts.append(
            f'<line x1="{rx}" y1="{header - 2}" x2="{rx}" y2="{bottom}" stroke="#6c757d" stroke-width="1" '
            'stroke-dasharray="4 3"/>'
        )
        if reference_label:
            parts.append(
                f'<text x="{rx}" y="10" text-anchor="middle" font-size="9" {_FONT} fill="#495057">'
                f"{escape(reference_label)}</text>"
            )
    if legend:
        legend_parts, legend_h = _legenda(legend, y=header + max(len(rows), 1) * row_h + 6, width=width)
        parts.extend(legend_parts)
        height = header + max(len(rows), 1) * row_h + legend_h + 8
    return _svg(width, height, label, css_class, parts)


# -- heat map --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sel:
    """One cell of a heat map: the text written in it (its value, so colour is never the only signal), its fill, the
    text colour readable on that fill, and its tooltip."""

    teks: str
    warna: str
    warna_teks: str = "#212529"
    judul: str = ""


def heatmap_svg(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    cells: Sequence[Sequence[Sel]],
    *,
    label: str,
    legend: Sequence[tuple[str, str]] = (),
    label_width: int = 220,
    cell_width: int = 74,
    cell_height: int = 22,
    label_chars: int | None = None,
    css_class: str = "grafik",
) -> SafeString:
    """A grid of coloured cells, `cells[row][col]`, with the row labels on the left and the column labels on top."""
    if label_chars is None:
        label_chars = _muat(label_width)
    if len(cells) != len(row_labels) or any(len(row) != len(col_labels) for row in cells):
        raise ValueError("ukuran sel tidak sesuai dengan label baris dan kolom")
    header = 18
    legend_h = 20 if legend else 0
    width = label_width + cell_width * max(len(col_labels), 1) + 2
    height = header + cell_height * max(len(row_labels), 1) + legend_h + 2
    parts: list[str] = []
    for j, col in enumerate(col_labels):
        cx = label_width + j * cell_width + cell_width / 2
        parts.append(
            f'<text x="{cx:.1f}" y="12" text-anchor="middle" font-size="10" font-weight="bold" {_FONT} '
            f'fill="#212529">{escape(col)}</text>'
        )
    for i, row_label in enumerate(row_labels):
        y = header + i * cell_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + cell_height / 2 + 4:.1f}" text-anchor="end" font-size="10" '
            f'{_FONT} fill="#212529">{escape(_potong(row_label, label_chars))}<title>{escape(row_label)}</title></text>'
        )
        for j, cell in enumerate(cells[i]):
            x = label_width + j * cell_width
            tooltip = f"<title>{escape(cell.judul or f'{row_label}, {col_labels[j]}: {cell.teks}')}</title>"
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_width - 2}" height="{cell_height - 2}" '
                f'fill="{_warna(cell.warna, BAND_WARNA[""][0])}">{tooltip}</rect>'
            )
            parts.append(
                f'<text x="{x + cell_width / 2:.1f}" y="{y + cell_height / 2 + 4:.1f}" text-anchor="middle" '
                f'font-size="10" {_FONT} fill="{_warna(cell.warna_teks, "#212529")}">{escape(cell.teks)}</text>'
            )
    if legend:
        legend_parts, legend_h = _legenda(legend, y=header + cell_height * max(len(row_labels), 1) + 6, width=width)
        parts.extend(legend_parts)
        height = header + cell_height * max(len(row_labels), 1) + legend_h + 8
    return _svg(width, height, label, css_class, parts)
