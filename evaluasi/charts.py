"""Server-rendered SVG charts: no JavaScript and no style attributes, so a strict Content-Security-Policy holds.

Colours and strokes are SVG presentation attributes (allowed under CSP, unlike `style=`); `currentColor` lets the
surrounding text colour decide. Every text that reaches the markup is escaped; coordinates are numbers we compute.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

__all__ = ["sparkline_svg"]

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
