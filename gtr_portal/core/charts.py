"""Small server-side SVG charts: the same markup is shown in the browser and printed in PDFs.

Colours are chosen to differ in lightness too, and every bar carries its value, so the charts
still read when printed in grey. Labels are escaped; nothing here knows the domain.
"""

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# Dark to light, so that neighbours stay distinct in grey print.
SERIES_COLOURS = ["#0d3d70", "#c8962a", "#6f9fd8", "#b42318", "#9aa5b1", "#1f7a4d"]
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
DARK_TEXT, LIGHT_TEXT = "#1d2733", "#ffffff"


@dataclass
class Series:
    label: str
    values: list[float]
    colour: str | None = None


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a "#rrggbb" (or "#rgb") colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def label_colour(fill: str) -> str:
    """White or dark text, whichever reads better on the fill (the series' order says nothing
    about its lightness: a caller may pass any colour)."""
    if contrast_ratio(fill, LIGHT_TEXT) > contrast_ratio(fill, DARK_TEXT):
        return LIGHT_TEXT
    return DARK_TEXT


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill=DARK_TEXT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(str(content))}</text>'
    )


def _svg(width: int, height: int, body: list[str], title: str) -> SafeString:
    # Reviewed: every text that comes from data is escaped where it is put in (_text, <title>);
    # the rest is numbers and this module's own constants.
    return mark_safe(  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(series: list[Series], x: int, y: int, width: int) -> tuple[list[str], int]:
    """The legend, wrapped onto as many lines as the width needs; returns its height too."""
    parts, cursor, line = [], x, 0
    for index, item in enumerate(series):
        needed = 24 + 6.5 * len(item.label)
        if cursor + needed > width and cursor > x:
            cursor, line = x, line + 1
        colour = item.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
        top = y + line * 16
        parts.append(f'<rect x="{cursor}" y="{top - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(cursor + 14, top, item.label, size=11))
        cursor += needed
    return parts, (line + 1) * 16


def stacked_bars(
    *, title: str, categories: list[str], series: list[Series], width: int = 720
) -> SafeString:
    """Horizontal stacked bars, one row per category (members, commissions, meetings)."""
    label_width, row = 230, 24
    body, legend_height = _legend(series, 12, 16, width)
    top = legend_height + 14
    height = top + row * max(len(categories), 1) + 12
    plot = width - label_width - 50
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    scale = plot / max(max(totals, default=0), 1)
    for i, category in enumerate(categories):
        y = top + i * row
        short = category if len(category) <= 34 else category[:33] + "…"
        body.append(_text(label_width - 8, y + 15, short, anchor="end"))
        x = label_width
        for index, item in enumerate(series):
            value = item.values[i]
            if not value:
                continue
            colour = item.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
            w = value * scale
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" fill="{colour}">'
                f"<title>{escape(item.label)}: {value:g}</title></rect>"
            )
            if w > 18:
                body.append(
                    _text(
                        x + w / 2,
                        y + 15,
                        f"{value:g}",
                        size=10,
                        anchor="middle",
                        fill=label_colour(colour),
                    )
                )
            x += w
        body.append(_text(x + 6, y + 15, f"{totals[i]:g}", size=10, weight="bold"))
    return _svg(width, height, body, title)


def line_chart(
    *, title: str, labels: list[str], series: list[Series], width: int = 720, height: int = 240
) -> SafeString:
    """Lines over time (for example implemented recommendations, cumulated by quarter)."""
    left, right, bottom = 46, 16, 34
    body, legend_height = _legend(series, left, 16, width)
    top = legend_height + 14
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((v for s in series for v in s.values), default=0) or 1
    step = max(1, math.ceil(highest / 4))
    peak = step * 4
    steps = max(len(labels) - 1, 1)
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        y = top + plot_h * (1 - fraction)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d9e0e8"/>'
        )
        body.append(_text(left - 6, y + 4, f"{peak * fraction:.0f}", size=10, anchor="end"))
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x = left + plot_w * i / steps
            body.append(_text(x, height - 12, label, size=10, anchor="middle"))
    dashes = ["", ' stroke-dasharray="6 4"', ' stroke-dasharray="2 3"']
    for index, item in enumerate(series):
        colour = item.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
        points = " ".join(
            f"{left + plot_w * i / steps:.1f},{top + plot_h * (1 - v / peak):.1f}"
            for i, v in enumerate(item.values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dashes[index % len(dashes)]}/>"
        )
        if item.values:
            last_x = left + plot_w * (len(item.values) - 1) / steps
            last_y = top + plot_h * (1 - item.values[-1] / peak)
            body.append(
                _text(
                    last_x - 4,
                    last_y - 6,
                    f"{item.values[-1]:g}",
                    size=10,
                    anchor="end",
                    weight="bold",
                )
            )
    return _svg(width, height, body, title)
