"""Small server-rendered SVG charts (no JavaScript). Each chart is decorative for screen
readers (the data table beside it carries the numbers) but has a title for sighted users who
hover it. Every text that goes into the markup is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SERIES_COLOURS = ("#0b4f8a", "#b36b00", "#00703c")


def _svg(width: int, height: int, title: str, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every interpolated text below is escaped
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>{body}</svg>'
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
        'class="chart__axis"/>',
        f'<text x="{left - 4}" y="{top + 4}" class="chart__tick" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" class="chart__tick" '
        'text-anchor="end">0</text>',
    ]
    every = max(1, round(n / 8))
    for i, (label, value) in enumerate(points):
        h = (height - top - bottom) * value / peak
        x = left + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" class="chart__bar"><title>{escape(label)}: {value}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" class="chart__tick" '
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
            f'<text x="{x + 16}" y="14" class="chart__label">{escape(name)}</text>'
        )
    for r, (label, vs) in enumerate(rows):
        y = legend_h + r * group_h
        short = label if len(label) <= 55 else label[:54] + "…"
        parts.append(f'<text x="0" y="{y + 13}" class="chart__label">{escape(short)}</text>')
        for s, v in enumerate(vs):
            w = (v or 0) * scale
            by = y + label_h + s * bar_h
            shown = "–" if v is None else f"{number_format(v)}{unit}"
            parts.append(
                f'<rect x="0" y="{by}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{SERIES_COLOURS[s % 3]}"/>'
                f'<text x="{w + 4:.1f}" y="{by + bar_h - 4}" class="chart__tick">'
                f"{escape(shown)}</text>"
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
            f'<text x="{left + i * cell_w + cell_w / 2}" y="14" class="chart__tick" '
            f'text-anchor="middle">{hour:02d}</text>'
        )
    for d, row in enumerate(grid):
        y = top + d * cell_h
        parts.append(
            f'<text x="{left - 6}" y="{y + cell_h / 2 + 4}" class="chart__label" '
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


__all__ = ["bar_chart", "column_chart", "heat_map"]
