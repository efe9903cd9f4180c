"""Small SVG charts built as strings: a histogram, a range bar, stacked bars and lines.

No plotting library: every chart is a few hundred lines of plain SVG that any browser shows
offline and that is byte-identical from one run to the next (coordinates are written with
one decimal, nothing depends on the clock or on hashing). Every chart carries a ``<title>``
and a ``<desc>`` (named by ``aria-labelledby``) for screen readers, and every bar, point and
marker a ``<title>`` that browsers show as a tooltip.

Text passed in (titles, labels, series names) is escaped here; callers pass plain text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

import numpy as np
from numpy.typing import NDArray

from soicost.i18n import Lang, tr

Formatter = Callable[[float], str]

# Okabe & Ito's palette, readable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999", "#000000")
INK = "#222222"
GRID = "#d9d9d9"
FONT = 12

WIDTH = 760
MARGIN_LEFT = 84
MARGIN_RIGHT = 24
MARGIN_TOP = 44


def _f(value: float) -> str:
    """A coordinate: one decimal, no '-0.0'."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _tip(lang: Lang, label: str, value: str) -> str:
    """A tooltip ``label: value`` (``label : value`` in French)."""
    return tr(lang, "{label}: {value}", label=label, value=value)


def _t(text: str) -> str:
    return escape(text, quote=True)


def standalone(svg: str) -> str:
    """A chart as an .svg file of its own: with the SVG namespace (which HTML does not need),
    and a font that does not depend on a page to inherit from."""
    return (svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
            .replace('font-family="inherit"', 'font-family="sans-serif"', 1))


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0]
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        if lo == 0:
            return [0.0, 1.0]
        pad = abs(lo) * 0.1
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    n = round((last - first) / step)
    return [_clean(first + i * step) for i in range(n + 1)]


def _clean(value: float) -> float:
    # 0.30000000000000004 → 0.3, so that formatted labels are stable.
    return float(f"{value:.12g}") + 0.0


class _Canvas:
    """An SVG document under construction, with a plot area and linear scales."""

    def __init__(self, chart_id: str, title: str, desc: str, height: int,
                 width: int = WIDTH, bottom: int = 56) -> None:
        self.id = chart_id
        self.width = width
        self.height = height
        self.left = MARGIN_LEFT
        self.right = width - MARGIN_RIGHT
        self.top = MARGIN_TOP
        self.bottom = height - bottom
        self.parts: list[str] = [
            f'<svg class="chart" id="{_t(chart_id)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-labelledby="{_t(chart_id)}-title {_t(chart_id)}-desc" '
            f'font-family="inherit" font-size="{FONT}">',
            f'<title id="{_t(chart_id)}-title">{_t(title)}</title>',
            f'<desc id="{_t(chart_id)}-desc">{_t(desc)}</desc>',
            f'<text x="{_f(width / 2)}" y="20" text-anchor="middle" font-size="15" '
            f'font-weight="bold" fill="{INK}">{_t(title)}</text>',
        ]

    def add(self, part: str) -> None:
        self.parts.append(part)

    def x_scale(self, lo: float, hi: float) -> Callable[[float], float]:
        span = hi - lo or 1.0
        return lambda v: self.left + (v - lo) / span * (self.right - self.left)

    def y_scale(self, lo: float, hi: float) -> Callable[[float], float]:
        span = hi - lo or 1.0
        return lambda v: self.bottom - (v - lo) / span * (self.bottom - self.top)

    def y_axis(self, ticks: Sequence[float], y: Callable[[float], float], fmt: Formatter,
               label: str) -> None:
        for tick in ticks:
            py = _f(y(tick))
            self.add(f'<line x1="{_f(self.left)}" y1="{py}" x2="{_f(self.right)}" y2="{py}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
            self.add(f'<text x="{_f(self.left - 6)}" y="{py}" dy="0.32em" text-anchor="end" '
                     f'fill="{INK}">{_t(fmt(tick))}</text>')
        cy = (self.top + self.bottom) / 2
        self.add(f'<text x="14" y="{_f(cy)}" text-anchor="middle" fill="{INK}" '
                 f'transform="rotate(-90 14 {_f(cy)})">{_t(label)}</text>')

    def x_axis(self, ticks: Sequence[tuple[float, str]], label: str) -> None:
        self.add(f'<line x1="{_f(self.left)}" y1="{_f(self.bottom)}" x2="{_f(self.right)}" '
                 f'y2="{_f(self.bottom)}" stroke="{INK}" stroke-width="1"/>')
        for px, text in ticks:
            self.add(f'<line x1="{_f(px)}" y1="{_f(self.bottom)}" x2="{_f(px)}" '
                     f'y2="{_f(self.bottom + 4)}" stroke="{INK}" stroke-width="1"/>')
            self.add(f'<text x="{_f(px)}" y="{_f(self.bottom + 17)}" text-anchor="middle" '
                     f'fill="{INK}">{_t(text)}</text>')
        self.add(f'<text x="{_f((self.left + self.right) / 2)}" y="{_f(self.bottom + 38)}" '
                 f'text-anchor="middle" fill="{INK}">{_t(label)}</text>')

    def legend(self, names: Sequence[str], colours: Sequence[str], y: float,
               line: bool = False) -> None:
        """Swatches and names, wrapped over as many rows as needed from height ``y``."""
        x = float(self.left)
        row = 0
        for name, colour in zip(names, colours, strict=True):
            width = 22 + 6.6 * len(name) + 16
            if x + width > self.right and x > self.left:
                x = float(self.left)
                row += 1
            py = y + row * 18
            if line:
                self.add(f'<line x1="{_f(x)}" y1="{_f(py)}" x2="{_f(x + 16)}" y2="{_f(py)}" '
                         f'stroke="{colour}" stroke-width="3"/>')
            else:
                self.add(f'<rect x="{_f(x)}" y="{_f(py - 6)}" width="12" height="12" '
                         f'fill="{colour}"/>')
            self.add(f'<text x="{_f(x + 22)}" y="{_f(py)}" dy="0.32em" fill="{INK}">'
                     f'{_t(name)}</text>')
            x += width

    def svg(self) -> str:
        return "\n".join([*self.parts, "</svg>"])


def legend_rows(names: Sequence[str], width: int = WIDTH) -> int:
    """How many rows :meth:`_Canvas.legend` needs for ``names``."""
    x = float(MARGIN_LEFT)
    rows = 1
    for name in names:
        w = 22 + 6.6 * len(name) + 16
        if x + w > width - MARGIN_RIGHT and x > MARGIN_LEFT:
            x = float(MARGIN_LEFT)
            rows += 1
        x += w
    return rows


def _marker_labels(canvas: _Canvas, marks: Sequence[tuple[str, float]],
                   x: Callable[[float], float], fmt: Formatter, lang: Lang = "en") -> None:
    """Vertical lines at the marks, labelled on staggered rows so they never overlap."""
    for i, (name, value) in enumerate(marks):
        px = x(value)
        row = i % 3
        base = canvas.top + 10 + 13 * row
        near_right = px > canvas.right - 150
        tx = px - 4 if near_right else px + 4
        anchor = "end" if near_right else "start"
        canvas.add(f'<g class="mark"><title>{_t(_tip(lang, name, fmt(value)))}</title>'
                   f'<line x1="{_f(px)}" y1="{_f(base - 10)}" x2="{_f(px)}" '
                   f'y2="{_f(canvas.bottom)}" stroke="{INK}" stroke-width="1.5" '
                   f'stroke-dasharray="{"none" if row == 1 else "5 3"}"/>'
                   f'<text x="{_f(tx)}" y="{_f(base)}" text-anchor="{anchor}" fill="{INK}" '
                   f'font-weight="bold" stroke="#ffffff" stroke-width="3" '
                   f'paint-order="stroke">{_t(name)} {_t(fmt(value))}</text></g>')


def histogram(samples: NDArray[np.float64], marks: Sequence[tuple[str, float]], *,
              chart_id: str, title: str, x_label: str, y_label: str, fmt: Formatter,
              share_fmt: Formatter, overflow_note: Callable[[str], str] | None = None,
              bins: int = 40, lang: Lang = "en") -> str:
    """The distribution of ``samples`` as bars of the share of samples per bin, with the
    ``marks`` (name, value: P10, P50, P90) drawn as vertical lines.

    The range runs from the smallest sample to the 99th percentile (or the largest mark, if
    above): a long right tail would otherwise squash the body into a few bars. Samples
    beyond it are counted in the last bar, which ``overflow_note`` describes.
    """
    values = np.asarray(samples, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return range_bar(marks, chart_id=chart_id, title=title, x_label=x_label, fmt=fmt,
                         lang=lang)
    lo = float(values.min())
    top = float(np.quantile(values, 0.99))
    hi = max(top, *(v for _, v in marks))
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    counts, edges = np.histogram(np.clip(values, lo, hi), bins=bins, range=(lo, hi))
    shares = counts / values.size
    clipped = bool(values.max() > hi)
    desc = ", ".join(f"{name} {fmt(v)}" for name, v in marks)
    if clipped and overflow_note is not None:
        note = overflow_note(fmt(hi))
        desc += ". " + note[:1].upper() + note[1:]  # a sentence of its own
    canvas = _Canvas(chart_id, title, desc, height=340)
    x_ticks = [t for t in nice_ticks(lo, hi) if lo <= t <= hi]
    y_ticks = nice_ticks(0.0, float(shares.max()), 4)
    x = canvas.x_scale(lo, hi)
    y = canvas.y_scale(0.0, y_ticks[-1])
    canvas.y_axis(y_ticks, y, share_fmt, y_label)
    for k in range(bins):
        x0, x1 = x(float(edges[k])), x(float(edges[k + 1]))
        y0 = y(float(shares[k]))
        last = clipped and k == bins - 1
        tip = f"{fmt(float(edges[k]))}–{fmt(float(edges[k + 1]))}" + ("+" if last else "")
        canvas.add(f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(max(x1 - x0 - 1, 0.5))}" '
                   f'height="{_f(canvas.bottom - y0)}" fill="{PALETTE[4]}">'
                   f'<title>{_t(_tip(lang, tip, share_fmt(float(shares[k]))))}</title></rect>')
    canvas.x_axis([(x(t), fmt(t)) for t in x_ticks], x_label)
    _marker_labels(canvas, marks, x, fmt, lang)
    if clipped and overflow_note is not None:
        canvas.add(f'<text x="{_f(canvas.right)}" y="{_f(canvas.top - 10)}" '
                   f'text-anchor="end" font-size="11" fill="{INK}">'
                   f'{_t(overflow_note(fmt(hi)))}</text>')
    return canvas.svg()


def range_bar(marks: Sequence[tuple[str, float]], *, chart_id: str, title: str,
              x_label: str, fmt: Formatter, lang: Lang = "en") -> str:
    """A horizontal bar from the first mark to the last (P10 to P90), each mark labelled."""
    values = [v for _, v in marks]
    lo, hi = min(values), max(values)
    ticks = nice_ticks(min(lo, 0.0), hi)
    desc = ", ".join(f"{name} {fmt(v)}" for name, v in marks)
    canvas = _Canvas(chart_id, title, desc, height=190)
    x = canvas.x_scale(ticks[0], ticks[-1])
    for tick in ticks:
        px = _f(x(tick))
        canvas.add(f'<line x1="{px}" y1="{_f(canvas.top)}" x2="{px}" y2="{_f(canvas.bottom)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
    mid = (canvas.top + canvas.bottom) / 2 + 10
    canvas.add(f'<rect x="{_f(x(lo))}" y="{_f(mid - 14)}" width="{_f(max(x(hi) - x(lo), 1))}" '
               f'height="28" fill="{PALETTE[4]}"><title>{_t(desc)}</title></rect>')
    canvas.x_axis([(x(t), fmt(t)) for t in ticks], x_label)
    _marker_labels(canvas, marks, x, fmt, lang)
    return canvas.svg()


def stacked_bars(groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
                 chart_id: str, title: str, x_label: str, y_label: str, fmt: Formatter,
                 desc: str = "", colours: Sequence[str] | None = None,
                 lang: Lang = "en") -> str:
    """One bar per group (a year), stacked by series (categories); negative values stack
    downwards from zero. ``series`` is (name, one value per group); ``colours``, one per
    series, keeps a category's colour the same from chart to chart (default: the palette
    in order)."""
    n = len(groups)
    fills = list(colours) if colours is not None else [PALETTE[j % len(PALETTE)]
                                                       for j in range(len(series))]
    pos = [sum(max(v[i], 0.0) for _, v in series) for i in range(n)]
    neg = [sum(min(v[i], 0.0) for _, v in series) for i in range(n)]
    ticks = nice_ticks(min([0.0, *neg]), max([0.0, *pos]), 5)
    names = [name for name, _ in series]
    rows = legend_rows(names)
    canvas = _Canvas(chart_id, title, desc or title, height=330 + 18 * rows, bottom=64 + 18 * rows)
    y = canvas.y_scale(ticks[0], ticks[-1])
    canvas.y_axis(ticks, y, fmt, y_label)
    slot = (canvas.right - canvas.left) / max(n, 1)
    bar = min(slot * 0.64, 64)
    for i, group in enumerate(groups):
        x0 = canvas.left + slot * i + (slot - bar) / 2
        up = down = 0.0
        for j, (name, values) in enumerate(series):
            value = values[i]
            if value == 0:
                continue
            if value > 0:
                a, b = up, up + value
                up = b
            else:
                a, b = down + value, down
                down = a
            top, bottom = y(b), y(a)
            canvas.add(f'<rect x="{_f(x0)}" y="{_f(top)}" width="{_f(bar)}" '
                       f'height="{_f(max(bottom - top, 0.0))}" '
                       f'fill="{fills[j]}"><title>{_t(_tip(lang, f"{group}, {name}", fmt(value)))}'
                       f'</title></rect>')
    if ticks[0] < 0:
        py = _f(y(0.0))
        canvas.add(f'<line x1="{_f(canvas.left)}" y1="{py}" x2="{_f(canvas.right)}" '
                   f'y2="{py}" stroke="{INK}" stroke-width="1"/>')
    canvas.x_axis([(canvas.left + slot * (i + 0.5), g) for i, g in enumerate(groups)], x_label)
    canvas.legend(names, fills, canvas.bottom + 58)
    return canvas.svg()


def line_chart(groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
               chart_id: str, title: str, x_label: str, y_label: str, fmt: Formatter,
               desc: str = "", lang: Lang = "en") -> str:
    """One line per series over the groups (dates), with a marker at every point."""
    n = len(groups)
    values = [v for _, vs in series for v in vs]
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]), 5)
    names = [name for name, _ in series]
    rows = legend_rows(names)
    canvas = _Canvas(chart_id, title, desc or title, height=340 + 18 * rows, bottom=64 + 18 * rows)
    y = canvas.y_scale(ticks[0], ticks[-1])
    canvas.y_axis(ticks, y, fmt, y_label)
    slot = (canvas.right - canvas.left) / max(n - 1, 1)

    def x(i: int) -> float:
        return canvas.left + slot * i if n > 1 else (canvas.left + canvas.right) / 2

    for j, (name, vs) in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        points = " ".join(f"{_f(x(i))},{_f(y(v))}" for i, v in enumerate(vs))
        dash = "" if j < len(PALETTE) else ' stroke-dasharray="6 3"'
        canvas.add(f'<g class="series"><title>{_t(name)}</title>'
                   f'<polyline points="{points}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
        for i, v in enumerate(vs):
            canvas.add(f'<circle cx="{_f(x(i))}" cy="{_f(y(v))}" r="3" fill="{colour}">'
                       f'<title>{_t(_tip(lang, f"{name}, {groups[i]}", fmt(v)))}</title></circle>')
        canvas.add("</g>")
    canvas.x_axis([(x(i), g) for i, g in enumerate(groups)], x_label)
    canvas.legend(names, [PALETTE[j % len(PALETTE)] for j in range(len(series))],
                  canvas.bottom + 58, line=True)
    return canvas.svg()


def tornado_chart(bars: Sequence[tuple[str, float, float]], centre: float, *, chart_id: str,
                  title: str, fmt: Formatter, label: str, lang: Lang = "en") -> str:
    """Horizontal bars from the figure at one input's P10 to its P90, around ``centre`` (the
    figure with every input at its median), largest swing first."""
    rows = len(bars)
    left = 300
    height = MARGIN_TOP + rows * 26 + 60
    canvas = _Canvas(chart_id, title, tr(lang, "Tornado of {n} inputs around {centre}", n=rows,
                                         centre=fmt(centre)), height)
    canvas.left = left
    values = [centre, *(v for _, lo, hi in bars for v in (lo, hi))]
    ticks = nice_ticks(min(values), max(values))
    x = canvas.x_scale(ticks[0], ticks[-1])
    canvas.x_axis([(x(t), fmt(t)) for t in ticks], label)
    for i, (name, low, high) in enumerate(bars):
        top = MARGIN_TOP + i * 26 + 4
        for value, colour, word in ((low, PALETTE[0], "P10"), (high, PALETTE[1], "P90")):
            a, b = sorted((x(centre), x(value)))
            tip = _tip(lang, tr(lang, "{name} at its {mark}", name=name, mark=word), fmt(value))
            canvas.add(f'<rect x="{_f(a)}" y="{_f(top)}" width="{_f(max(b - a, 0.5))}" '
                       f'height="18" fill="{colour}"><title>{_t(tip)}</title></rect>')
        shown = name if len(name) <= 44 else name[:43] + "…"
        canvas.add(f'<text x="{_f(left - 8)}" y="{_f(top + 9)}" dy="0.32em" '
                   f'text-anchor="end" fill="{INK}">{_t(shown)}</text>')
    cx = _f(x(centre))
    canvas.add(f'<line x1="{cx}" y1="{_f(MARGIN_TOP)}" x2="{cx}" y2="{_f(canvas.bottom)}" '
               f'stroke="{INK}" stroke-width="1.5"/>')
    canvas.legend([tr(lang, "input at its P10"), tr(lang, "input at its P90")],
                  [PALETTE[0], PALETTE[1]], height - 10)
    return canvas.svg()


def pit_histogram(series: Sequence[tuple[str, Sequence[int]]], *, chart_id: str, title: str,
                  x_label: str, y_label: str, even_label: str, share_fmt: Formatter,
                  rank_fmt: Formatter, colon: str = ": ") -> str:
    """Calibration chart: for each series (a protocol), the share of actuals whose rank in
    their predicted distribution (the PIT) falls in each of equal bins over [0, 1], side by
    side, with the dashed line every bin would reach if the ranges were calibrated. Bars
    high at both ends: ranges too narrow; high in the middle: too wide."""
    bins = len(series[0][1])
    shares = [[c / max(sum(counts), 1) for c in counts] for _, counts in series]
    even = 1 / bins
    # The separators follow the colon's typography: "; " in English, " ; " in French.
    desc = colon.replace(":", ";").join(f"{name}{colon}" + ", ".join(share_fmt(s) for s in row)
                     for (name, _), row in zip(series, shares, strict=True))
    canvas = _Canvas(chart_id, title, f"{desc}. {even_label} {share_fmt(even)}.", height=370,
                     bottom=86)
    top = max(even, *(max(row) for row in shares))
    y_ticks = nice_ticks(0.0, top, 4)
    x = canvas.x_scale(0.0, 1.0)
    y = canvas.y_scale(0.0, y_ticks[-1])
    canvas.y_axis(y_ticks, y, share_fmt, y_label)
    width = (x(1.0) - x(0.0)) / bins
    bar = (width - 4) / len(series)
    for s, ((name, _), row) in enumerate(zip(series, shares, strict=True)):
        for k, share in enumerate(row):
            x0 = x(k / bins) + 2 + s * bar
            y0 = y(share)
            canvas.add(f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(max(bar - 1, 0.5))}" '
                       f'height="{_f(canvas.bottom - y0)}" fill="{PALETTE[s]}">'
                       f'<title>{_t(name)}, {_t(rank_fmt(k / bins))}–'
                       f'{_t(rank_fmt((k + 1) / bins))}{_t(colon)}'
                       f'{_t(share_fmt(share))}</title></rect>')
    py = _f(y(even))
    canvas.add(f'<line x1="{_f(canvas.left)}" y1="{py}" x2="{_f(canvas.right)}" y2="{py}" '
               f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4">'
               f'<title>{_t(even_label)} {_t(share_fmt(even))}</title></line>')
    canvas.x_axis([(x(t), rank_fmt(t)) for t in (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)], x_label)
    canvas.legend([name for name, _ in series], PALETTE[:len(series)], canvas.bottom + 64)
    return canvas.svg()
