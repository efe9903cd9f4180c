"""Render a :class:`~soicost.analysis.diff.DiffReport` as Markdown (for a pull-request comment)."""

from __future__ import annotations

from soicost.analysis.diff import DiffReport
from soicost.render.escape import markdown_text
from soicost.render.money import Lang, format_money

MAX_ROWS = 40


def render_diff(report: DiffReport, lang: Lang = "en") -> str:
    fr = lang == "fr"
    lines = ["## soicost diff", ""]
    if report.differing_inputs:
        lines.append(("Fichiers d'entrée modifiés : " if fr else "Input files that differ: ")
                     + ", ".join(markdown_text(f, code=True) for f in report.differing_inputs))
    else:
        lines.append("Aucun fichier d'entrée modifié." if fr else "No input file differs.")
    if report.options_changed:
        lines.append(("Options modifiées : " if fr else "Options that differ: ")
                     + ", ".join(markdown_text(o, code=True) for o in report.options_changed))
    lines.append("")
    if not report.changes:
        lines.append(f"Aucun des {report.compared} chiffres comparés n'a changé." if fr
                     else f"None of the {report.compared} figures compared changed.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(report.changes)} chiffre(s) sur {report.compared} ont changé"
                 if fr else f"{len(report.changes)} of {report.compared} figures changed"
                 + (f" (the {MAX_ROWS} largest relative changes shown)"
                    if len(report.changes) > MAX_ROWS else "") + ":")
    lines += ["", "| figure | old | new | change | % |" if not fr else
              "| chiffre | avant | après | écart | % |", "|---|---:|---:|---:|---:|"]
    for c in report.changes[:MAX_ROWS]:
        old = format_money(c.old, lang) if c.old is not None else "—"
        new = format_money(c.new, lang) if c.new is not None else "—"
        delta = format_money(c.delta, lang) if c.delta is not None else "—"
        rel = f"{c.relative:+.1%}" if c.relative is not None else "—"
        # Figure names hold the ids of a JSON output, which may not come from soicost.
        lines.append(f"| {markdown_text(c.figure, code=True)} | {old} | {new} | {delta} | "
                     f"{rel} |")
    return "\n".join(lines) + "\n"
