"""Render a :class:`~soicost.analysis.sensitivity.Sensitivity`: table, JSON, CSV, Markdown,
chart."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from soicost.analysis.sensitivity import Sensitivity
from soicost.render.escape import markdown_text, spreadsheet_text, terminal_text
from soicost.render.money import Lang, format_money
from soicost.render.terminal import DEFAULT_WIDTH, Terminal

_L = {
    "en": {"title": "Sensitivity of {figure} ({n} samples, seed {seed})",
           "input": "Input group", "s1": "First order", "st": "Total", "low": "At P10",
           "high": "At P90", "note": "Sobol indices: share of the variance explained by "
           "the group alone (first order) and with its interactions (total), 95 % bootstrap "
           "intervals in brackets. Tornado: the figure with the group at its P10 and P90, "
           "every other input at its median ({centre}).", "axis": "Figure"},
    "fr": {"title": "Sensibilité de {figure} ({n} tirages, graine {seed})",
           "input": "Groupe d'entrées", "s1": "1er ordre", "st": "Total", "low": "À P10",
           "high": "À P90", "note": "Indices de Sobol : part de la variance expliquée par "
           "le groupe seul (premier ordre) et avec ses interactions (total), intervalles "
           "bootstrap à 95 % entre crochets. Tornade : le chiffre avec le groupe à son P10 "
           "et à son P90, toutes les autres entrées à leur médiane ({centre}).",
           "axis": "Chiffre"},
}


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
    return [[r.name, f"{r.first_order:.3f} [{r.first_order_ci[0]:.3f}, "
             f"{r.first_order_ci[1]:.3f}]", f"{r.total:.3f} [{r.total_ci[0]:.3f}, "
             f"{r.total_ci[1]:.3f}]", format_money(r.swing_low, lang),
             format_money(r.swing_high, lang)] for r in s.inputs]


def render(s: Sensitivity, fmt: str, lang: Lang = "en", width: int = DEFAULT_WIDTH) -> str:
    L = _L[lang]
    if fmt == "json":
        return json.dumps(to_json_data(s), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["name", "first_order", "first_order_low", "first_order_high",
                         "total", "total_low", "total_high", "swing_low", "swing_high"])
        for r in s.inputs:
            writer.writerow([spreadsheet_text(r.name), repr(r.first_order),
                             *map(repr, r.first_order_ci), repr(r.total),
                             *map(repr, r.total_ci), repr(r.swing_low), repr(r.swing_high)])
        return buffer.getvalue()
    title = L["title"].format(figure=s.figure, n=s.samples, seed=s.seed)
    heads = [L["input"], L["s1"], L["st"], L["low"], L["high"]]
    note = L["note"].format(centre=format_money(s.at_medians, lang))
    if fmt == "markdown":
        lines = [f"## {markdown_text(title)}", "",
                 "| " + " | ".join(markdown_text(h) for h in heads) + " |",
                 "|---|---:|---:|---:|---:|"]
        # A group's name holds driver and index names from the inputs; the other cells are
        # figures written here, where escaping would only put backslashes before the
        # interval brackets.
        lines += ["| " + " | ".join([markdown_text(name), *figures]) + " |"
                  for name, *figures in _rows(s, lang)]
        return "\n".join([*lines, "", note, ""])
    from rich.table import Table

    table = Table(title=terminal_text(title), title_justify="left", box=None, pad_edge=False,
                  header_style="bold", padding=(0, 1, 0, 1), collapse_padding=True)
    for i, head in enumerate(heads):
        table.add_column(head, justify="left" if i == 0 else "right", no_wrap=True,
                         max_width=40 if i == 0 else None, overflow="ellipsis")
    for row in _rows(s, lang):
        table.add_row(*map(terminal_text, row))
    out = Terminal(width, lang)
    out.table(table)
    out.text(note)
    return out.getvalue()


def chart(s: Sensitivity, lang: Lang = "en") -> str:
    """The tornado as an SVG document, largest swing first."""
    from soicost.render.charts import tornado_chart

    bars = sorted(s.inputs, key=lambda r: -r.swing)
    return tornado_chart([(r.name, r.swing_low, r.swing_high) for r in bars], s.at_medians,
                         chart_id="tornado", title=_L[lang]["title"].format(
                             figure=s.figure, n=s.samples, seed=s.seed),
                         fmt=lambda v: format_money(v, lang), label=_L[lang]["axis"])
