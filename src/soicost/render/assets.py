"""Render an :class:`~soicost.finance.assets.AssetReport`: table, JSON, CSV, Markdown."""

from __future__ import annotations

import json

from soicost.analysis.contract import assets_json_list
from soicost.analysis.estimate import JSON_SCHEMA_VERSION
from soicost.finance.assets import AssetReport, AssetValuation
from soicost.i18n import N_, Number, Words
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.markdown import Align, markdown_table
from soicost.render.money import Lang, format_money
from soicost.render.tabular import Dialect, write_rows
from soicost.render.terminal import DEFAULT_WIDTH, TermColumn, Terminal, rich_table
from soicost.render.words import ASSET_CATEGORIES, local, word
from soicost.version import __version__

_WORDS = {
    'title': N_("Assets: net book value at {date} (non-cash, book values)"),
    'asset': N_("Asset"),
    'category': N_("Category"),
    'in_service': N_("In service"),
    'life': N_("Life"),
    'conv': N_("Conv."),
    'cost': N_("Cost"),
    'charge': N_("Charge/yr"),
    'nbv': N_("NBV P50"),
    'range': N_("NBV P10–P90"),
    'left': N_("Years left"),
    'total': N_("Total"),
    'by_category': N_("Net book value by category"),
    'schedule': N_("Schedule of {name} ({conv}, at the medians of the inputs)"),
    'year': N_("Year"),
    'opening': N_("Opening NBV"),
    'acc': N_("Accumulated"),
    'closing': N_("Closing NBV"),
    'note': N_("Net book values are book figures, not cash: a scenario that abandons an asset "
               "writes its NBV off (non-cash); it never adds it to cash costs."),
}


def render_json(report: AssetReport, currency: str = "EUR") -> str:
    data = {
        "schema_version": JSON_SCHEMA_VERSION,
        "soicost_version": __version__,
        "as_of": report.as_of.isoformat(),
        "seed": report.seed,
        "samples": report.samples,
        "currency": currency,
        "cash": False,
        "assets": assets_json_list(report),
        "net_book_value_by_category": {k: v.as_dict() for k, v in report.by_category.items()},
        "net_book_value_total": report.total.as_dict(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_csv(report: AssetReport, dialect: Dialect = "rfc4180") -> str:
    header = ["id", "name", "category", "in_service", "life_years", "convention", "cost",
              "annual_charge", "nbv_p10", "nbv_p50", "nbv_p90", "nbv_mean", "remaining_life",
              "as_of"]
    # Text from the inputs cannot become a formula; the figures are written as numbers.
    rows = [[*map(spreadsheet_text, (a.id, a.name, a.category)), a.in_service.isoformat(),
             float(a.life_years.p50), a.convention, float(a.cost.mean),
             float(a.annual_charge.mean), float(a.net_book_value.p10),
             float(a.net_book_value.p50), float(a.net_book_value.p90),
             float(a.net_book_value.mean), float(a.remaining_life.p50),
             report.as_of.isoformat()] for a in report.assets]
    return write_rows(header, rows, dialect)


def _rows(report: AssetReport, lang: Lang, cur: str) -> list[list[str]]:
    rows = []
    for a in report.assets:
        n = a.net_book_value
        life = (Number(a.life_years.p50, "g").text(lang) if a.life_years.p10 == a.life_years.p90
                else f"{Number(a.life_years.p10).text(lang)}–{Number(a.life_years.p90).text(lang)}")
        name = local(a.name, lang)
        rows.append([name if len(name) <= 28 else name[:27] + "…",
                     word(ASSET_CATEGORIES, a.category, lang),
                     a.in_service.isoformat(), life, a.convention.upper(),
                     format_money(a.cost.p50, lang, cur),
                     format_money(a.annual_charge.p50, lang, cur),
                     format_money(n.p50, lang, cur),
                     f"{format_money(n.p10, lang, cur)}–{format_money(n.p90, lang, cur)}",
                     Number(a.remaining_life.p50, ".1f").text(lang)])
    return rows


def _headings(lang: Lang) -> list[str]:
    L = Words(_WORDS, lang)
    return [L["asset"], L["category"], L["in_service"], L["life"], L["conv"], L["cost"],
            L["charge"], L["nbv"], L["range"], L["left"]]


def _category_rows(report: AssetReport, lang: Lang, cur: str) -> list[list[str]]:
    rows = [[word(ASSET_CATEGORIES, cat, lang), format_money(s.p10, lang, cur),
             format_money(s.p50, lang, cur),
             format_money(s.p90, lang, cur)] for cat, s in report.by_category.items()]
    t = report.total
    rows.append([Words(_WORDS, lang)["total"], format_money(t.p10, lang, cur),
                 format_money(t.p50, lang, cur), format_money(t.p90, lang, cur)])
    return rows


def _schedule_rows(a: AssetValuation, lang: Lang, cur: str) -> list[list[str]]:
    return [[str(r.year), format_money(r.opening_nbv, lang, cur),
             format_money(r.charge, lang, cur), format_money(r.accumulated, lang, cur),
             format_money(r.closing_nbv, lang, cur)] for r in a.schedule]


def _md_table(heads: list[str], rows: list[list[str]], right_from: int) -> list[str]:
    align: list[Align] = ["right" if i >= right_from else "left" for i in range(len(heads))]
    return markdown_table(heads, rows, align)


def render_markdown(report: AssetReport, lang: Lang = "en", currency: str = "EUR") -> str:
    L = Words(_WORDS, lang)
    lines = [f"## {markdown_text(L['title'].format(date=report.as_of.isoformat()))}", ""]
    lines += _md_table(_headings(lang), _rows(report, lang, currency), 3)
    lines += ["", f"### {markdown_text(L['by_category'])}", ""]
    lines += _md_table([L["category"], "P10", "P50", "P90"],
                       _category_rows(report, lang, currency), 1)
    for a in report.assets:
        if a.schedule:
            title = L["schedule"].format(name=local(a.name, lang), conv=a.convention.upper())
            lines += ["", f"### {markdown_text(title)}", ""]
            lines += _md_table([L["year"], L["opening"], L["charge"], L["acc"], L["closing"]],
                               _schedule_rows(a, lang, currency), 1)
    lines += ["", L["note"], ""]
    return "\n".join(lines)


def render_table(report: AssetReport, lang: Lang = "en", currency: str = "EUR",
                 width: int = DEFAULT_WIDTH) -> str:
    """The valuation for a terminal ``width`` columns wide, no figure cut."""
    L = Words(_WORDS, lang)
    out = Terminal(width, lang)

    def table(title: str, heads: list[str], rows: list[list[str]], right_from: int,
              total_last: bool = False) -> None:
        # Asset names are in the schedules' titles and in the cells: the first column is
        # shortened when the terminal is narrow; dates and lives are kept whole.
        columns = [TermColumn(h, "figure" if i >= right_from else "label") if i
                   else TermColumn(h, "name", max_width=60) for i, h in enumerate(heads)]
        out.table(rich_table(columns, rows[:-1] if total_last else rows, title=title,
                             total=rows[-1] if total_last else None))

    # The terminal is narrow: category and convention go to their own lines.
    narrow = [[r[0], *r[2:4], *r[5:]] for r in _rows(report, lang, currency)]
    heads = _headings(lang)
    conventions = sorted({a.convention.upper() for a in report.assets})
    table(L["title"].format(date=report.as_of.isoformat()) + f" — {'/'.join(conventions)}",
          [heads[0], *heads[2:4], *heads[5:]], narrow, 3)
    out.text()
    table(L["by_category"], [L["category"], "P10", "P50", "P90"],
          _category_rows(report, lang, currency), 1, total_last=True)
    for a in report.assets:
        if a.schedule:
            out.text()
            table(L["schedule"].format(name=local(a.name, lang), conv=a.convention.upper()),
                  [L["year"], L["opening"], L["charge"], L["acc"], L["closing"]],
                  _schedule_rows(a, lang, currency), 1)
    out.text(L["note"])
    return out.getvalue()


def render(report: AssetReport, fmt: str, lang: Lang = "en", currency: str = "EUR",
           width: int = DEFAULT_WIDTH, dialect: Dialect = "rfc4180") -> str:
    if fmt == "json":
        return render_json(report, currency)
    if fmt == "csv":
        return render_csv(report, dialect)
    if fmt == "markdown":
        return render_markdown(report, lang, currency)
    return render_table(report, lang, currency, width)
