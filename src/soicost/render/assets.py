"""Render an :class:`~soicost.finance.assets.AssetReport`: table, JSON, CSV, Markdown."""

from __future__ import annotations

import json

from soicost.analysis.contract import assets_json_list
from soicost.analysis.estimate import JSON_SCHEMA_VERSION
from soicost.finance.assets import AssetReport, AssetValuation
from soicost.i18n import N_, Number, Words
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.money import Lang, format_money
from soicost.render.tabular import Dialect, write_rows
from soicost.render.terminal import DEFAULT_WIDTH, NAME_MAX, Terminal
from soicost.render.worded import WordedColumn, WordedTable, to_markdown, to_terminal
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
        rows.append([name,
                     word(ASSET_CATEGORIES, a.category, lang),
                     a.in_service.isoformat(), life, a.convention.upper(),
                     format_money(a.cost.p50, lang, cur),
                     format_money(a.annual_charge.p50, lang, cur),
                     format_money(n.p50, lang, cur),
                     f"{format_money(n.p10, lang, cur)}–{format_money(n.p90, lang, cur)}",
                     Number(a.remaining_life.p50, ".1f").text(lang)])
    return rows


def _category_rows(report: AssetReport, lang: Lang, cur: str) -> list[list[str]]:
    return [[word(ASSET_CATEGORIES, cat, lang), format_money(s.p10, lang, cur),
             format_money(s.p50, lang, cur),
             format_money(s.p90, lang, cur)] for cat, s in report.by_category.items()]


def _schedule_rows(a: AssetValuation, lang: Lang, cur: str) -> list[list[str]]:
    return [[str(r.year), format_money(r.opening_nbv, lang, cur),
             format_money(r.charge, lang, cur), format_money(r.accumulated, lang, cur),
             format_money(r.closing_nbv, lang, cur)] for r in a.schedule]


def _figures(first: WordedColumn, heads: list[str], rows: list[list[str]], title: str,
             total: list[str] | None = None) -> WordedTable:
    """A first column (shortened in a narrow terminal), then columns of figures; a total
    is a plain last row in Markdown."""
    return WordedTable(title, (first, *(WordedColumn(h, "figure") for h in heads)),
                       tuple(map(tuple, rows)), None if total is None else tuple(total),
                       bold_total=False)


def tables(report: AssetReport, lang: Lang, cur: str) -> list[WordedTable]:
    """The valuation, the net book value by category, then each asset's schedule: the
    tables the terminal and Markdown show."""
    L = Words(_WORDS, lang)
    # Category and convention have no room in a terminal (the convention is in the
    # title there); lives and conventions have always been on the right in Markdown.
    columns = (WordedColumn(L["asset"], "name", max_width=NAME_MAX),
               WordedColumn(L["category"], "label", wide_only=True),
               WordedColumn(L["in_service"], "label"),
               WordedColumn(L["life"], "label", align="right"),
               WordedColumn(L["conv"], "figure", wide_only=True),
               *(WordedColumn(L[key], "figure")
                 for key in ("cost", "charge", "nbv", "range", "left")))
    out = [WordedTable(L["title"].format(date=report.as_of.isoformat()), columns,
                       tuple(map(tuple, _rows(report, lang, cur))))]
    t = report.total
    out.append(_figures(WordedColumn(L["category"], "name", max_width=60), ["P10", "P50", "P90"],
                        _category_rows(report, lang, cur), L["by_category"],
                        [L["total"], *(format_money(v, lang, cur) for v in (t.p10, t.p50, t.p90))]))
    out += [_figures(WordedColumn(L["year"], "name", max_width=60),
                     [L["opening"], L["charge"], L["acc"], L["closing"]],
                     _schedule_rows(a, lang, cur),
                     L["schedule"].format(name=local(a.name, lang), conv=a.convention.upper()))
            for a in report.assets if a.schedule]
    return out


def render_markdown(report: AssetReport, lang: Lang = "en", currency: str = "EUR") -> str:
    lines: list[str] = []
    for i, table in enumerate(tables(report, lang, currency)):
        # The valuation is the document's title; the others are its sections.
        lines += [*([""] if i else []), f"{'###' if i else '##'} {markdown_text(table.title)}",
                  "", *to_markdown(table)]
    lines += ["", Words(_WORDS, lang)["note"], ""]
    return "\n".join(lines)


def render_table(report: AssetReport, lang: Lang = "en", currency: str = "EUR",
                 width: int = DEFAULT_WIDTH) -> str:
    """The valuation for a terminal ``width`` columns wide, no figure cut."""
    out = Terminal(width, lang)
    valuation, *others = tables(report, lang, currency)
    conventions = sorted({a.convention.upper() for a in report.assets})
    out.table(to_terminal(valuation, f"{valuation.title} — {'/'.join(conventions)}"))
    for table in others:
        out.text()
        out.table(to_terminal(table))
    out.text(Words(_WORDS, lang)["note"])
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
