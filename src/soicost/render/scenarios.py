"""Render a scenario :class:`~soicost.finance.scenarios.Comparison`: JSON, table, Markdown, CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soicost.finance.scenarios import (
    CASH_CATEGORIES,
    NON_CASH_CATEGORIES,
    Comparison,
    ScenarioResult,
)
from soicost.i18n import LANGS, N_, Number, Words, tr
from soicost.model.stats import Stats
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.markdown import Align, markdown_table
from soicost.render.money import Lang, format_money, format_rate_text
from soicost.render.tabular import Dialect, write_rows
from soicost.render.terminal import DEFAULT_WIDTH, TermColumn, Terminal, rich_table
from soicost.render.words import AXES as WORD_AXES
from soicost.render.words import CATEGORIES, local, word

if TYPE_CHECKING:
    from rich.table import Table

_WORDS = {
    'side': N_("Scenarios side by side ({first}–{last}, NPV at {rate} to {base})"),
    'npv': N_("NPV of cash costs"),
    'delta': N_("Difference to status quo (NPV)"),
    'cash': N_("Cash costs, undiscounted"),
    'write_off': N_("Write-offs (non-cash)"),
    'proxies': N_("RPS cost proxies (NPV, apart)"),
    'migrated': N_("Applications migrated"),
    'stays': N_("FTE staying, {last}"),
    'transferred': N_("FTE transferred, {last}"),
    'removed': N_("FTE removed, {last}"),
    'departures': N_("Departures over the horizon"),
    'vacancies': N_("Vacant FTE, average"),
    'to_fill': N_("Months to fill a post (max)"),
    'rps_top': N_("Highest RPS score (L×S)"),
    'by_year': N_("{name}: cash costs by year (P50; totals as P10–P90)"),
    'total': N_("Cash total"),
    'delta_row': N_("Δ vs status quo"),
    'non_cash': N_("Write-offs (non-cash)"),
    'rps': N_("Psycho-social risks: {name}"),
    'axis': N_("Axis"),
    'l': N_("L"),
    's': N_("S"),
    'score': N_("L×S"),
    'why': N_("Rationale"),
    'category': N_("Category"),
    'note': N_("Cash and non-cash figures are kept apart: write-offs are book values, never "
               "added to cash costs. RPS proxies are indicative and counted apart."),
}

# The RPS axes by language (from render/words.AXES), as the report reads them.
AXES = {lang: {key: tr(lang, label) for key, label in WORD_AXES.items()} for lang in LANGS}


def _range(stats: Stats, lang: Lang, cur: str) -> str:
    if stats.p10 == stats.p90:
        return format_money(stats.p50, lang, cur)
    return (f"{format_money(stats.p50, lang, cur)} ({format_money(stats.p10, lang, cur)}–"
            f"{format_money(stats.p90, lang, cur)})")


def side_by_side(c: Comparison, lang: Lang, cur: str) -> tuple[str, list[str],
                                                               list[list[str]]]:
    L = Words(_WORDS, lang)
    last = c.years[-1]
    rate = format_rate_text(c.discount_rate, lang)
    title = L["side"].format(first=c.years[0], last=last, rate=rate, base=c.base_year)
    heads = ["", *(local(s.name, lang) for s in c.scenarios)]
    rows: list[list[str]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append([label, *values])

    ss = c.scenarios
    row(L["npv"], [_range(s.npv, lang, cur) for s in ss])
    row(L["delta"], [_range(s.delta_vs_status_quo, lang, cur) if s.delta_vs_status_quo
                     else "—" for s in ss])
    row(L["cash"], [_range(s.cash_total, lang, cur) for s in ss])
    row(L["write_off"], [_range(s.non_cash_total, lang, cur) for s in ss])
    row(L["proxies"], [_range(s.proxies_npv, lang, cur) for s in ss])
    row(L["migrated"], [str(s.migrated) for s in ss])
    for key in ("stays", "transferred", "removed"):
        row(L[key].format(last=last),
            [_num(sum(getattr(h, key) for h in s.staff[-1].headcount.values()), lang)
             for s in ss])
    row(L["departures"], [_num(sum(st.departures.mean for st in s.staff), lang) for s in ss])
    row(L["vacancies"],
        [_num(sum(st.vacancies.mean for st in s.staff) / len(s.staff), lang) for s in ss])
    row(L["to_fill"], [f"{max(st.months_to_fill for st in s.staff):g}" for s in ss])
    row(L["rps_top"], [_top_rps(s, lang) for s in ss])
    return title, heads, rows


def _num(value: float, lang: Lang) -> str:
    return Number(value, ".1f").text(lang)


def _top_rps(s: ScenarioResult, lang: Lang) -> str:
    if not s.rps:
        return "—"
    top = max(s.rps, key=lambda r: r.score)
    return f"{top.score} ({AXES[lang][top.axis]})"


def by_year(s: ScenarioResult, lang: Lang, cur: str) -> tuple[str, list[str],
                                                               list[list[str]]]:
    L = Words(_WORDS, lang)
    heads = [L["category"], *(str(y.year) for y in s.by_year)]
    rows = [[word(CATEGORIES, c, lang), *(format_money(y.cash[c].p50, lang, cur)
                                           for y in s.by_year)]
            for c in CASH_CATEGORIES if any(y.cash[c].p90 != 0 or y.cash[c].p10 != 0
                                             for y in s.by_year)]
    rows.append([L["total"] + " P50", *(format_money(y.cash_total.p50, lang, cur)
                                        for y in s.by_year)])
    rows.append([L["total"] + " P10", *(format_money(y.cash_total.p10, lang, cur)
                                        for y in s.by_year)])
    rows.append([L["total"] + " P90", *(format_money(y.cash_total.p90, lang, cur)
                                        for y in s.by_year)])
    if any(y.delta_cash_total for y in s.by_year):
        rows.append([L["delta_row"] + " P50",
                     *(format_money(y.delta_cash_total.p50, lang, cur) if y.delta_cash_total
                       else "—" for y in s.by_year)])
    for c in NON_CASH_CATEGORIES:
        if any(y.non_cash[c].p90 for y in s.by_year):
            rows.append([L["non_cash"], *(format_money(y.non_cash[c].p50, lang, cur)
                                          for y in s.by_year)])
    return L["by_year"].format(name=local(s.name, lang)), heads, rows


def rps_rows(s: ScenarioResult, lang: Lang) -> tuple[str, list[str], list[list[str]]]:
    L = Words(_WORDS, lang)
    rows = [[AXES[lang][r.axis], str(r.likelihood), str(r.severity), str(r.score),
             local(r.rationale, lang)] for r in s.rps]
    heads = [L["axis"], L["l"], L["s"], L["score"], L["why"]]
    return L["rps"].format(name=local(s.name, lang)), heads, rows


def sections(c: Comparison, lang: Lang, cur: str) -> list[tuple[str, list[str],
                                                                list[list[str]]]]:
    out = [side_by_side(c, lang, cur)]
    out += [by_year(s, lang, cur) for s in c.scenarios]
    out += [rps_rows(s, lang) for s in c.scenarios if s.rps]
    return out


def render_markdown(c: Comparison, lang: Lang = "en", cur: str = "EUR") -> str:
    words = Words(_WORDS, lang)
    lines: list[str] = []
    for title, heads, rows in sections(c, lang, cur):
        # Scenario names are in the titles and the headings, rationales in the cells.
        align: list[Align] = ["left" if i == 0 or h in (words["why"], words["axis"])
                              else "right" for i, h in enumerate(heads)]
        lines += [f"## {markdown_text(title)}", "", *markdown_table(heads, rows, align), ""]
    lines += [Words(_WORDS, lang)["note"], ""]
    return "\n".join(lines)


def section_table(title: str, heads: list[str], rows: list[list[str]], lang: Lang) -> Table:
    """One section as a terminal table that fits 100 columns: ranges under their central
    value in the side-by-side view, the rationale wrapped in the risk register."""
    is_rps = heads[-1] == Words(_WORDS, lang)["why"]
    columns: list[TermColumn]
    if is_rps:  # axis, L, S, L×S, rationale
        columns = [TermColumn(heads[0], "label"), *(TermColumn(h, "figure") for h in heads[1:-1]),
                   TermColumn(heads[-1], "prose")]
    elif heads[0] == "":
        # The side-by-side's labels wrap when the terminal is narrow (render/terminal.py
        # narrows them); its figures wrap only where a range is put under its P50.
        columns = [TermColumn("", "prose", min_width=30, max_width=40),
                   *(TermColumn(h, "wrapped", max_width=22) for h in heads[1:])]
    else:  # by year
        columns = [TermColumn(heads[0], "label"), *(TermColumn(h, "figure") for h in heads[1:])]
    # Scenario names are in the title and the headings, rationales in the cells: a range goes
    # under its central value, a rationale's parenthesis stays where it is.
    return rich_table(columns, ([cell.replace(" (", "\n(") if c.role == "wrapped" else cell
                                 for c, cell in zip(columns, row, strict=True)]
                                for row in rows), title=title)


def render_table(c: Comparison, lang: Lang = "en", cur: str = "EUR",
                 width: int = DEFAULT_WIDTH) -> str:
    """The comparison for a terminal ``width`` columns wide, no figure cut."""
    out = Terminal(width, lang)
    for title, heads, rows in sections(c, lang, cur):
        out.table(section_table(title, heads, rows, lang))
        out.text()
    out.text(Words(_WORDS, lang)["note"])
    return out.getvalue()


def render_csv(c: Comparison, dialect: Dialect = "rfc4180") -> str:
    """One row per scenario, year and figure, with full-precision P10/P50/P90/mean."""
    rows: list[list[object]] = []
    for s in c.scenarios:
        sid = spreadsheet_text(s.id)  # the only text from the inputs; figures stay numbers
        for y in s.by_year:
            for kind, cats, total in (("cash", y.cash, y.cash_total),
                                      ("non_cash", y.non_cash, y.non_cash_total)):
                for cat, st in [*cats.items(), ("total", total)]:
                    rows.append([sid, y.year, kind, cat, *_figures(st)])
            if y.delta_cash_total is not None:
                rows.append([sid, y.year, "delta_cash", "total",
                             *_figures(y.delta_cash_total)])
        npvs: list[tuple[str, Stats | None]] = [("npv", s.npv),
                                                ("delta_npv", s.delta_vs_status_quo)]
        for label, value in npvs:
            if value is not None:
                rows.append([sid, "", label, "total", *_figures(value)])
    return write_rows(["scenario", "year", "kind", "category", "p10", "p50", "p90", "mean"],
                      rows, dialect)


def _figures(st: Stats) -> list[object]:
    return [float(st.p10), float(st.p50), float(st.p90), float(st.mean)]
