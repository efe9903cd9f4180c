"""Render a :class:`~soicost.analysis.sensitivity.Sensitivity`: table, JSON, CSV, Markdown,
chart."""

from __future__ import annotations

import json
from typing import Any

from soicost.analysis.sensitivity import InputSensitivity, Sensitivity
from soicost.i18n import N_, Number, tr
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.markdown import markdown_table
from soicost.render.money import Lang, format_count, format_money
from soicost.render.tabular import Dialect, write_rows
from soicost.render.terminal import DEFAULT_WIDTH, TermColumn, Terminal, rich_table

_TITLE = N_("Sensitivity of {figure} ({n} samples, seed {seed})")


def _title(s: Sensitivity, lang: Lang) -> str:
    return tr(lang, _TITLE, figure=figure_words(s, lang), n=format_count(s.samples, lang),
              seed=s.seed)


def figure_words(s: Sensitivity, lang: Lang) -> str:
    """The analysed figure in words ("the migration cost"), else its id."""
    return s.figure if s.label is None else s.label.text(lang)


def _label(r: InputSensitivity, lang: Lang) -> str:
    return r.label.text(lang) if r.label is not None else r.name


def to_json_data(s: Sensitivity) -> dict[str, Any]:
    return {
        "figure": s.figure,
        "method": s.method,
        "samples": s.samples,
        "seed": s.seed,
        "at_medians": s.at_medians,
        "variance": s.variance,
        "inputs": [{"name": r.name, "first_order": r.first_order, "total": r.total,
                    "first_order_ci": list(r.first_order_ci), "total_ci": list(r.total_ci),
                    "swing_low": r.swing_low, "swing_high": r.swing_high}
                   for r in s.inputs],
    }


def _rows(s: Sensitivity, lang: Lang) -> list[list[str]]:
    def index(value: float, ci: tuple[float, float]) -> str:
        low, high = (Number(v, ".3f").text(lang) for v in ci)
        return tr(lang, "{value} [{low}, {high}]", value=Number(value, ".3f"), low=low,
                  high=high)

    return [[_label(r, lang), index(r.first_order, r.first_order_ci),
             index(r.total, r.total_ci), format_money(r.swing_low, lang, s.currency),
             format_money(r.swing_high, lang, s.currency)] for r in s.inputs]


def render(s: Sensitivity, fmt: str, lang: Lang = "en", width: int = DEFAULT_WIDTH,
           dialect: Dialect = "rfc4180") -> str:
    if fmt == "json":
        return json.dumps(to_json_data(s), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return write_rows(
            ["name", "first_order", "first_order_low", "first_order_high", "total",
             "total_low", "total_high", "swing_low", "swing_high"],
            [[spreadsheet_text(r.name), float(r.first_order), *map(float, r.first_order_ci),
              float(r.total), *map(float, r.total_ci), float(r.swing_low),
              float(r.swing_high)] for r in s.inputs], dialect)
    title = _title(s, lang)
    heads = [tr(lang, "Input group"), tr(lang, "First order"), tr(lang, "Total"),
             tr(lang, "At P10"), tr(lang, "At P90")]
    note = tr(lang, "Sobol indices: share of the variance explained by the group alone "
                    "(first order) and with its interactions (total), 95 % bootstrap "
                    "intervals in brackets. Tornado: the figure with the group at its P10 and "
                    "P90, every other input at its median ({centre}).",
              centre=format_money(s.at_medians, lang, s.currency))
    if fmt == "markdown":
        # A group's name holds driver and index names from the inputs; the other cells are
        # figures written here, where escaping would only put backslashes before the
        # interval brackets.
        lines = markdown_table(heads, _rows(s, lang), ("left", *("right",) * 4),
                               written=range(1, 5))
        return "\n".join([f"## {markdown_text(title)}", "", *lines, "", note, ""])
    columns = [TermColumn(heads[0], "name", max_width=40),
               *(TermColumn(h, "figure") for h in heads[1:])]
    out = Terminal(width, lang)
    out.table(rich_table(columns, _rows(s, lang), title=title))
    out.text(note)
    return out.getvalue()


def chart(s: Sensitivity, lang: Lang = "en", chart_id: str = "tornado") -> str:
    """The tornado as an SVG document, largest swing first; ``chart_id`` prefixes its ids
    (unique in a page that holds several)."""
    from soicost.render.charts import tornado_chart

    bars = sorted(s.inputs, key=lambda r: -r.swing)
    return tornado_chart([(_label(r, lang), r.swing_low, r.swing_high) for r in bars],
                         s.at_medians, chart_id=chart_id, title=_title(s, lang),
                         fmt=lambda v: format_money(v, lang, s.currency), label=tr(lang, "Figure"),
                         lang=lang)
