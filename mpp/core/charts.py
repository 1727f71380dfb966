"""Small server-rendered SVG charts (no JavaScript). Each chart is decorative for screen
readers (the data table beside it carries the numbers) but has a title for sighted users who
hover it. Every text that goes into the markup is escaped.

Colours and type sizes are presentation attributes, so a chart looks the same where no
stylesheet reaches it (a PDF report, an embedded SVG); page stylesheets may still override
them through the `chart__*` classes. Shared by the dashboard, the printed reports and the
IKM poster."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SERIES_COLOURS = ("#0b4f8a", "#b36b00", "#00703c")
_TICK = 'class="chart__tick" font-size="12" fill="#1f2937"'
_LABEL = 'class="chart__label" font-size="13" fill="#1f2937"'


def _svg(width: int, height: int, title: str, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every interpolated text below is escaped
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'preserveAspectRatio="xMinYMin meet" font-family="Liberation Sans, DejaVu Sans, Arial, '
        f'sans-serif"><title>{escape(title)}</title>{body}</svg>'
    )


def column_chart(title: str, points: Sequence[tuple[str, int]]) -> SafeString:
    """Vertical bars (visitors per day). Labels every few bars so they never overlap."""
    width, height, top, bottom, left = 420, 200, 12, 30, 40
    n = max(1, len(points))
    peak = max([v for _, v in points] + [1])
    step = (width - left - 4) / n
    bar = max(1.0, step * 0.8)
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'class="chart__axis" stroke="#6b7280" stroke-width="1"/>',
        f'<text x="{left - 4}" y="{top + 4}" {_TICK} text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" {_TICK} text-anchor="end">0</text>',
    ]
    every = max(1, round(n / 8))
    for i, (label, value) in enumerate(points):
        h = (height - top - bottom) * value / peak
        x = left + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" class="chart__bar" fill="{SERIES_COLOURS[0]}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" {_TICK} '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return _svg(width, height, title, "".join(parts))


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[str],
    *,
    maximum: float | None = None,
    unit: str = "",
) -> SafeString:
    """Horizontal grouped bars: one group per row (an agency, named on a line above its
    bars, so the chart stays narrow enough for a phone), one bar per series."""
    width, bar_h, label_h, gap = 420, 16, 18, 10
    k = max(1, len(series))
    group_h = label_h + k * bar_h + gap
    legend_h = 24
    height = legend_h + max(1, len(rows)) * group_h
    values = [v for _, vs in rows for v in vs if v is not None]
    peak = maximum or max([*values, 1])
    scale = (width - 60) / peak
    parts = []
    for s, name in enumerate(series):
        x = s * 160
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{SERIES_COLOURS[s % 3]}"/>'
            f'<text x="{x + 16}" y="14" {_LABEL}>{escape(name)}</text>'
        )
    for r, (label, vs) in enumerate(rows):
        y = legend_h + r * group_h
        short = label if len(label) <= 55 else label[:54] + "…"
        parts.append(f'<text x="0" y="{y + 13}" {_LABEL}>{escape(short)}</text>')
        for s, v in enumerate(vs):
            w = (v or 0) * scale
            by = y + label_h + s * bar_h
            shown = "–" if v is None else f"{number_format(v)}{unit}"
            parts.append(
                f'<rect x="0" y="{by}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{SERIES_COLOURS[s % 3]}"/>'
                f'<text x="{w + 4:.1f}" y="{by + bar_h - 4}" {_TICK}>'
                f"{escape(shown)}</text>"
            )
    return _svg(width, height, title, "".join(parts))


def row_bars(
    title: str,
    rows: Sequence[tuple[str, float | None]],
    *,
    maximum: float | None = None,
    minimum: float = 0,
    unit: str = "",
    width: int = 640,
    marks: Sequence[tuple[float, str]] = (),
) -> SafeString:
    """One bar per row with its label on the left and its value on the right: compact
    enough for 40 agencies on half an A4 page. `marks` draws labelled vertical lines (the
    grade boundaries of the IKM, a target); `minimum` starts the scale where the measure
    starts (the IKM's scale is 25–100)."""
    row_h, label_w, value_w, top = 16, 230, 56, 14 if marks else 2
    height = top + max(1, len(rows)) * row_h + 4
    values = [v for _, v in rows if v is not None]
    peak = (maximum or max([*values, 1])) - minimum
    span = width - label_w - value_w

    def length(value: float | None) -> float:
        return span * max(0.0, (value or minimum) - minimum) / peak

    parts = []
    for at, name in marks:
        x = label_w + length(at)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{height - 2}" stroke="#9ca3af" '
            'stroke-width="1" stroke-dasharray="3 2"/>'
            f'<text x="{x:.1f}" y="{top - 4}" {_TICK} text-anchor="middle">{escape(name)}</text>'
        )
    for r, (label, value) in enumerate(rows):
        y = top + r * row_h
        # About 6.5 px per character at 12 px: keep the label inside its column.
        short = label if len(label) <= 34 else label[:33] + "…"
        w = length(value)
        shown = "–" if value is None else f"{number_format(value)}{unit}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" {_TICK} text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 4}" '
            f'class="chart__bar" fill="{SERIES_COLOURS[0]}"><title>{escape(label)}: '
            f"{escape(shown)}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" {_TICK}>{escape(shown)}</text>'
        )
    return _svg(width, height, title, "".join(parts))


def heat_map(
    title: str, grid: Sequence[Sequence[int]], day_labels: Sequence[str], hours: Sequence[int]
) -> SafeString:
    """Weekday × hour cells, darker = busier."""
    cell_w, cell_h, left, top = 40, 28, 48, 20
    width = left + len(hours) * cell_w + 4
    height = top + len(grid) * cell_h + 4
    peak = max([v for row in grid for v in (row[h] for h in hours)] + [1])
    parts = []
    for i, hour in enumerate(hours):
        parts.append(
            f'<text x="{left + i * cell_w + cell_w / 2}" y="14" {_TICK} '
            f'text-anchor="middle">{hour:02d}</text>'
        )
    for d, row in enumerate(grid):
        y = top + d * cell_h
        parts.append(
            f'<text x="{left - 6}" y="{y + cell_h / 2 + 4}" {_LABEL} '
            f'text-anchor="end">{escape(day_labels[d])}</text>'
        )
        for i, hour in enumerate(hours):
            value = row[hour]
            level = value / peak
            parts.append(
                f'<rect x="{left + i * cell_w + 1}" y="{y + 1}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" fill="#0b4f8a" fill-opacity="{0.06 + 0.94 * level:.2f}">'
                f"<title>{escape(day_labels[d])} {hour:02d}.00: {value}</title></rect>"
            )
    return _svg(width, height, title, "".join(parts))


__all__ = ["bar_chart", "column_chart", "heat_map", "row_bars"]
