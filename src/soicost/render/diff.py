"""Render a :class:`~soicost.analysis.diff.DiffReport` as Markdown (for a pull-request comment)."""

from __future__ import annotations

from soicost.analysis.diff import DiffReport
from soicost.i18n import tr
from soicost.render.escape import markdown_text
from soicost.render.markdown import markdown_table
from soicost.render.money import Lang, format_change, format_money

MAX_ROWS = 40


def render_diff(report: DiffReport, lang: Lang = "en") -> str:
    lines = ["## soicost diff", ""]
    if report.differing_inputs:
        lines.append(tr(lang, "Input files that differ: {files}", files=", ".join(
            markdown_text(f, code=True) for f in report.differing_inputs)))
    else:
        lines.append(tr(lang, "No input file differs."))
    if report.options_changed:
        lines.append(tr(lang, "Options that differ: {options}", options=", ".join(
            markdown_text(o, code=True) for o in report.options_changed)))
    lines.append("")
    if not report.changes:
        lines.append(tr(lang, "None of the {n} figures compared changed.", n=report.compared))
        return "\n".join(lines) + "\n"
    if len(report.changes) > MAX_ROWS:
        lines.append(tr(lang, "{n} of {compared} figures changed (the {shown} largest "
                              "relative changes shown):", n=len(report.changes),
                        compared=report.compared, shown=MAX_ROWS))
    else:
        lines.append(tr(lang, "{n} of {compared} figures changed:", n=len(report.changes),
                        compared=report.compared))
    rows = []
    for c in report.changes[:MAX_ROWS]:
        old = format_money(c.old, lang, report.currency) if c.old is not None else "—"
        new = format_money(c.new, lang, report.currency) if c.new is not None else "—"
        delta = format_money(c.delta, lang, report.currency) if c.delta is not None else "—"
        rel = format_change(c.relative, lang) if c.relative is not None else "—"
        # Figure names hold the ids of a JSON output, which may not come from soicost.
        rows.append([markdown_text(c.figure, code=True), old, new, delta, rel])
    lines += ["", *markdown_table(
        [tr(lang, "figure"), tr(lang, "old"), tr(lang, "new"), tr(lang, "change"), "%"],
        rows, ("left", "right", "right", "right", "right"), written={0})]
    return "\n".join(lines) + "\n"

