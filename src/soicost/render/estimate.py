"""Render an :class:`~soicost.analysis.estimate.Estimate` as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import json

from soicost.analysis.contract import to_json_data
from soicost.analysis.estimate import AppEstimate, Estimate
from soicost.i18n import N_, Words, tr
from soicost.render.escape import markdown_text
from soicost.render.markdown import Align, markdown_table
from soicost.render.money import Lang, format_count, format_money, format_share
from soicost.render.scenarios import section_table, side_by_side
from soicost.render.terminal import DEFAULT_WIDTH, NAME_MAX, TermColumn, Terminal, rich_table
from soicost.render.words import BASIS, KINDS, bias_words, local, word

ILLUSTRATIVE_WARNING_SHARE = 0.10

_WORDS = {
    'application': N_("Application"),
    'kind': N_("Kind"),
    'basis': N_("Basis"),
    'total': N_("Total"),
    'title': N_("Migration cost by application"),
    'mean': N_("Mean"),
}

# Application, kind and basis; then P10, P50, P90 and the mean.
_ALIGN: tuple[Align, ...] = ("left",) * 3 + ("right",) * 4


def sorted_applications(result: Estimate) -> list[AppEstimate]:
    """By expected cost, largest first; ties by id so the order is stable."""
    return sorted(result.applications, key=lambda a: (-a.stats.mean, a.id))


def render_json(result: Estimate) -> str:
    return json.dumps(to_json_data(result), indent=2, ensure_ascii=False) + "\n"


def euros_label(euros: str, base_year: int, lang: Lang) -> str:
    """'en euros constants 2022' / 'in constant 2022 euros' (timelines: current if asked)."""
    if euros == "constant":
        return tr(lang, "Amounts in constant {year} euros.", year=base_year)
    return tr(lang, "Amounts in current euros (costs by application in {year} euros).",
              year=base_year)


def header_lines(result: Estimate, lang: Lang) -> list[str]:
    o = result.options
    short = result.fingerprint.removeprefix("sha256:")[:8]
    return [tr(lang, "Method {method}, seed {seed}, {samples} samples, fingerprint {short}",
               method=o.method, seed=o.seed, samples=format_count(o.samples, lang),
               short=short),
            euros_label(result.options.euros, result.price_base_year, lang),
            tr(lang, "Reference application: {reference}; optimism bias: {bias}",
               reference=result.reference, bias=bias_words(result.optimism_bias, lang))]


def footer_lines(result: Estimate, lang: Lang) -> list[str]:
    m = result.migration
    cur = result.currency
    se = max(m.se_p10, m.se_p50, m.se_p90)

    def money(value: float) -> str:
        return format_money(value, lang, cur)

    lines = [tr(lang, "Total: P10 {p10}, P50 {p50}, P90 {p90} (Monte Carlo error <= {se}).",
                p10=money(m.p10), p50=money(m.p50), p90=money(m.p90), se=money(se))]
    if result.illustrative_share >= ILLUSTRATIVE_WARNING_SHARE:
        lines.append(tr(lang, "Warning: {share} of the expected total rests on illustrative "
                              "inputs; replace them before citing this figure.",
                        share=format_share(result.illustrative_share, lang)))
    if m.mean_is_unstable():
        lines.append(tr(lang, "Warning: the mean ({mean}) rests on a few extreme draws (Monte "
                              "Carlo error {se}); cite P50 and P10–P90, not the mean.",
                        mean=money(m.mean), se=money(m.se_mean)))
    return lines


def _rows(result: Estimate, lang: Lang) -> list[list[str]]:
    """The applications' rows, their names whole (a terminal table leaves their shortening or
    wrapping to its column, Markdown has no width to keep)."""
    cur = result.currency
    rows = []
    for a in sorted_applications(result):
        s = a.stats
        name = local(a.name, lang)
        rows.append([name, word(KINDS, a.kind, lang), word(BASIS, a.mode, lang),
                     *(format_money(v, lang, cur) for v in (s.p10, s.p50, s.p90, s.mean))])
    return rows


def _headings(lang: Lang) -> list[str]:
    labels = Words(_WORDS, lang)
    return [labels["application"], labels["kind"], labels["basis"], "P10", "P50", "P90",
            labels["mean"]]


def render_markdown(result: Estimate, lang: Lang = "en") -> str:
    labels = Words(_WORDS, lang)
    m = result.migration
    cur = result.currency
    total = [labels["total"], "", "", *(format_money(v, lang, cur)
                                        for v in (m.p10, m.p50, m.p90, m.mean))]
    lines = [f"## {labels['title']}", "",
             *(markdown_text(line) for line in header_lines(result, lang)), "",
             *markdown_table(_headings(lang), _rows(result, lang), _ALIGN, total=total),
             "", *footer_lines(result, lang), ""]
    return "\n".join(lines)




def render_table(result: Estimate, lang: Lang = "en", width: int = DEFAULT_WIDTH) -> str:
    """A table as plain text (no escape codes) for a terminal ``width`` columns wide, no
    figure cut (see :mod:`soicost.render.terminal`)."""
    labels = Words(_WORDS, lang)
    m = result.migration
    cur = result.currency
    # Names are shortened, kind and basis wrap, figures never give way (terminal.fit).
    heads = _headings(lang)
    columns = [TermColumn(heads[0], "name", max_width=NAME_MAX),
               *(TermColumn(h, "prose", max_width=24) for h in heads[1:3]),
               *(TermColumn(h, "figure") for h in heads[3:])]
    total = [labels["total"], "", "", *(format_money(v, lang, cur)
                                        for v in (m.p10, m.p50, m.p90, m.mean))]
    out = Terminal(width, lang)
    for line in header_lines(result, lang):
        out.text(line)
    out.table(rich_table(columns, _rows(result, lang), title=labels["title"],
                         total=total, gap=2))
    for line in footer_lines(result, lang):
        out.text(line)
    if result.comparison is not None and len(result.comparison.scenarios) > 1:
        title, heads, rows = side_by_side(result.comparison, lang, cur)
        out.text()
        out.table(section_table(title, heads, rows[:4], lang))
        out.text(tr(lang, "Details by year, staff and risks: soicost compare"))
    return out.getvalue()


def render(result: Estimate, fmt: str, lang: Lang = "en",
           csv_dialect: str = "rfc4180", width: int = DEFAULT_WIDTH) -> str | bytes:
    """``result`` in one of the formats of ``soicost estimate --format``: text, or the bytes
    of an XLSX workbook of every table."""
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result, lang)
    if fmt == "table":
        return render_table(result, lang, width)
    if fmt in ("csv", "xlsx"):
        from soicost.render.tabular import (
            applications_table,
            tables_from_estimate,
            to_csv,
            to_xlsx,
        )

        if fmt == "xlsx":
            return to_xlsx(tables_from_estimate(result), lang)
        if csv_dialect not in ("rfc4180", "excel-fr"):
            raise ValueError(f"unknown CSV dialect {csv_dialect!r}")
        return to_csv(applications_table(result),
                      "excel-fr" if csv_dialect == "excel-fr" else "rfc4180", rounded=False)
    raise ValueError(f"unknown format {fmt!r}")
