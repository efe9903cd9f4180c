"""Every output table once, as data, rendered to CSV (two dialects), Markdown and XLSX.

:func:`tables_from_estimate` turns an :class:`~soicost.analysis.estimate.Estimate` into the five
tables that studies commit next to their text (see docs/exports.md); the ``to_*`` functions
render any :class:`TableData`. Nothing is computed here except rounding.

Rounding policy (:func:`round_for_stability`): by default every non-integer figure is
rounded to three significant digits. A Monte Carlo result extrapolated from one quote has no
more, and, above all, tables committed to git must not change on a last digit when numpy's
summation or sorting changes in a patch release: ``6245702.820265282`` and
``6245702.820265279`` would otherwise make a diff that means nothing (both are ``6250000``).
A figure lying right at a rounding boundary can still flip, but that is rare and then the
change is in the third digit, where it is visible. ``rounded=False`` keeps full precision
(JSON always does)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from soicost.errors import UsageError
from soicost.finance.scenarios import CASH_CATEGORIES, NON_CASH_CATEGORIES
from soicost.i18n import N_, Said, tr
from soicost.model.stats import Stats
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.markdown import Align, markdown_table
from soicost.render.money import (
    Lang,
    format_money,
    format_rate_text,
    format_share,
    significant,
)
from soicost.render.words import (
    ASSET_CATEGORIES,
    BASIS,
    CASH_KINDS,
    CATEGORIES,
    CRITICALITIES,
    FLAGS,
    KINDS,
    STRATEGIES,
    local,
)

if TYPE_CHECKING:
    from soicost.analysis.estimate import Estimate

Kind = Literal["text", "money", "number", "int", "share", "date"]
Dialect = Literal["rfc4180", "excel-fr"]
DIALECTS: tuple[Dialect, ...] = ("rfc4180", "excel-fr")
SIGNIFICANT_DIGITS = 3
# Kinds whose values are rounded by ``rounded=True``: every non-integer figure.
ROUNDED_KINDS: frozenset[str] = frozenset({"money", "number", "share"})
NUMERIC_KINDS: frozenset[str] = frozenset({"money", "number", "int", "share"})
# Fixed timestamp of XLSX files (document properties and zip entries), so that the same
# tables always give the same bytes. 1980-01-01 is the earliest date a zip entry can carry.
XLSX_TIMESTAMP = dt.datetime(1980, 1, 1)
XLSX_MISSING = N_("XLSX output needs openpyxl: pip install 'soicost[xlsx]'")
SHEET_NAME_MAX = 31
_MAX_WIDTH = 60
_HEADER_WIDTH = 18  # longer titles wrap rather than widen their column
_EXACT_INT = 2**53  # beyond this a spreadsheet (IEEE double) cannot store an int exactly


@dataclass(frozen=True)
class Column:
    key: str  # machine name: the rfc4180 CSV header
    title_en: str
    title_fr: str
    kind: Kind
    # Values that are keys of the model (a cost category, a basis, true/false), shown to a
    # reader as these words of the catalogue (render/words.py); machine CSV keeps the keys.
    words: Mapping[str, str] | None = None

    def title(self, lang: Lang) -> str:
        return self.title_fr if lang == "fr" else self.title_en

    def shown(self, value: object, lang: Lang) -> object:
        """``value`` as a reader sees it in ``lang``: a key of ``words`` worded, a name
        written in several languages in ``lang``."""
        if self.words is not None and isinstance(value, str) and value in self.words:
            return tr(lang, self.words[value])
        return local(value, lang) if isinstance(value, str) else value


@dataclass(frozen=True)
class TableData:
    """One table: ``rows`` hold raw values (float for money/number/share, int, str,
    ``datetime.date``, or None for "not applicable"), in the order of ``columns``."""

    name: str  # file-safe: the file stem and the sheet name
    title_en: str
    title_fr: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    currency: str = "EUR"  # of every money column

    def title(self, lang: Lang) -> str:
        return self.title_fr if lang == "fr" else self.title_en

    def column(self, key: str) -> int:
        """The index of the column named ``key``."""
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)


# --------------------------------------------------------------------------------------
# Rounding

def round_for_stability(value: float) -> float:
    """``value`` to three significant digits (22 549 999 -> 22 500 000; -1234 -> -1230).

    Exact zeros stay zero (and -0.0 becomes 0.0); non-finite values are returned as they
    are. Ties go to the even digit, as Python's ``round`` does.
    """
    if value == 0:
        return 0.0
    if not math.isfinite(value):
        return value
    return float(significant(value, SIGNIFICANT_DIGITS))


def _rounded(value: object, kind: str, rounded: bool) -> object:
    if rounded and kind in ROUNDED_KINDS and isinstance(value, int | float) \
            and not isinstance(value, bool):
        return round_for_stability(float(value))
    return value


# --------------------------------------------------------------------------------------
# The tables of an estimate

def _c(key: str, title: str, kind: Kind, words: Mapping[str, str] | None = None) -> Column:
    """A column titled ``title`` (marked with ``N_``), in French from the catalogue."""
    return Column(key, tr("en", title), tr("fr", title), kind, words)


def _titles(message: str, **values: object) -> tuple[str, str]:
    """``message`` (marked with ``N_``) in English and in French, for a table's title."""
    return tr("en", message, **values), tr("fr", message, **values)


def _stats_columns(prefix: str, name: str = "") -> tuple[Column, ...]:
    """P10/P50/P90/mean money columns ``{prefix}p10`` … ``{prefix}mean``, titled
    "{name} P10" … "{name} mean" (or "P10" … "Mean" without a name; ``name`` is marked
    with ``N_``)."""
    def titles(lang: Lang) -> tuple[str, ...]:
        if not name:
            return ("P10", "P50", "P90", tr(lang, "Mean"))
        shown = tr(lang, name)
        return (f"{shown} P10", f"{shown} P50", f"{shown} P90",
                tr(lang, "{name} mean", name=shown))

    return tuple(Column(prefix + key, en, fr, "money") for key, en, fr in
                 zip(("p10", "p50", "p90", "mean"), titles("en"), titles("fr"), strict=True))


def _stats(s: Stats | None) -> tuple[float | None, ...]:
    if s is None:
        return (None, None, None, None)
    return (s.p10, s.p50, s.p90, s.mean)


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def portfolio_table(result: Estimate) -> TableData:
    o = result.options
    columns = (
        *_stats_columns(""),
        _c("illustrative_share", N_("Illustrative share"), "share"),
        _c("reference", N_("Reference application"), "text"),
        _c("method", N_("Method"), "text"),
        _c("seed", N_("Seed"), "int"),
        _c("samples", N_("Samples"), "int"),
        _c("fingerprint", N_("Fingerprint"), "text"),
    )
    row = (*_stats(result.migration), result.illustrative_share, result.reference, o.method,
           o.seed, o.samples, result.fingerprint)
    return TableData("portfolio", *_titles(N_("Portfolio migration cost")), columns, (row,),
                     result.currency)


def applications_table(result: Estimate) -> TableData:
    columns = (
        _c("id", N_("Id"), "text"),
        _c("name", N_("Application"), "text"),
        _c("kind", N_("Kind"), "text", KINDS),
        _c("strategy", N_("Strategy"), "text", STRATEGIES),
        _c("criticality", N_("Criticality"), "text", CRITICALITIES),
        _c("basis", N_("Basis"), "text", BASIS),
        _c("illustrative", N_("Illustrative"), "text", FLAGS),
        *_stats_columns(""),
    )
    # Largest first by the *rounded* mean, then by id: the order cannot flip on a last digit.
    apps = sorted(result.applications,
                  key=lambda a: (-round_for_stability(a.stats.mean), a.id))
    rows = tuple((a.id, a.name, a.kind, a.strategy, a.criticality, a.mode,
                  _yes(a.illustrative), *_stats(a.stats)) for a in apps)
    return TableData("applications", *_titles(N_("Migration cost by application")), columns,
                     rows, result.currency)


def assets_table(result: Estimate) -> TableData:
    columns = (
        _c("id", N_("Id"), "text"),
        _c("name", N_("Asset"), "text"),
        _c("category", N_("Category"), "text", ASSET_CATEGORIES),
        _c("convention", N_("Convention"), "text"),
        _c("in_service", N_("In service"), "date"),
        _c("life_years", N_("Life, years (P50)"), "number"),
        _c("cost_p50", N_("Cost P50"), "money"),
        _c("annual_charge_p50", N_("Annual charge P50"), "money"),
        *_stats_columns("nbv_", N_("NBV")),
        _c("remaining_life", N_("Years left (P50)"), "number"),
        _c("end_of_life", N_("End of life"), "date"),
        _c("illustrative", N_("Illustrative"), "text", FLAGS),
        _c("as_of", N_("Valuation date"), "date"),
    )
    report = result.assets
    if report is None:
        return TableData("assets", *_titles(N_("Assets: net book value")), columns, (),
                         result.currency)
    rows = tuple((a.id, a.name, a.category, a.convention.upper(), a.in_service,
                  a.life_years.p50, a.cost.p50, a.annual_charge.p50, *_stats(a.net_book_value),
                  a.remaining_life.p50, a.end_of_life, _yes(a.illustrative), report.as_of)
                 for a in report.assets)
    return TableData("assets", *_titles(N_("Assets: net book value at {date} (non-cash)"),
                                        date=report.as_of.isoformat()),
                     columns, rows, result.currency)


def scenarios_by_year_table(result: Estimate) -> TableData:
    columns = (
        _c("scenario", N_("Scenario"), "text"),
        _c("year", N_("Year"), "int"),
        _c("kind", N_("Cash or non-cash"), "text", CASH_KINDS),
        _c("category", N_("Category"), "text", CATEGORIES),
        *_stats_columns(""),
    )
    rows: list[tuple[object, ...]] = []
    c = result.comparison
    for s in c.scenarios if c else ():
        for y in s.by_year:
            rows += [(s.id, y.year, "cash", cat, *_stats(y.cash[cat]))
                     for cat in CASH_CATEGORIES]
            rows.append((s.id, y.year, "cash", "total", *_stats(y.cash_total)))
            rows += [(s.id, y.year, "non_cash", cat, *_stats(y.non_cash[cat]))
                     for cat in NON_CASH_CATEGORIES]
            if len(NON_CASH_CATEGORIES) > 1:
                rows.append((s.id, y.year, "non_cash", "total", *_stats(y.non_cash_total)))
    return TableData("scenarios-by-year", *_titles(
        N_("Scenarios: costs by year (cash and non-cash apart, undiscounted)")),
        columns, tuple(rows), result.currency)


def scenario_comparison_table(result: Estimate) -> TableData:
    columns = (
        _c("scenario", N_("Scenario"), "text"),
        _c("name", N_("Name"), "text"),
        *_stats_columns("npv_", N_("NPV")),
        *_stats_columns("delta_npv_", N_("Δ NPV vs status quo")),
        _c("cash_total_p50", N_("Cash costs, undiscounted (P50)"), "money"),
        _c("non_cash_total_p50", N_("Write-offs, non-cash (P50)"), "money"),
        _c("migrated", N_("Applications migrated"), "int"),
    )
    c = result.comparison
    if c is None:
        return TableData("scenario-comparison", *_titles(N_("Scenario comparison")), columns,
                         (), result.currency)
    rows = tuple((s.id, s.name, *_stats(s.npv), *_stats(s.delta_vs_status_quo),
                  s.cash_total.p50, s.non_cash_total.p50, s.migrated) for s in c.scenarios)
    title = N_("Scenario comparison ({first}–{last}, NPV at {rate} to {base})")
    values = {"first": c.years[0], "last": c.years[-1], "base": c.base_year}
    return TableData("scenario-comparison",
                     tr("en", title, rate=c.discount_rate, **values),
                     tr("fr", title, rate=format_rate_text(c.discount_rate, "fr"), **values),
                     columns, rows, result.currency)


def tables_from_estimate(result: Estimate) -> list[TableData]:
    """The five committed tables, always all five (empty when the estimate lacks assets or
    scenarios): portfolio, applications, assets, scenarios-by-year, scenario-comparison."""
    return [portfolio_table(result), applications_table(result), assets_table(result),
            scenarios_by_year_table(result), scenario_comparison_table(result)]


# --------------------------------------------------------------------------------------
# CSV

def _plain(value: float) -> str:
    """A number without exponent nor thousands separator: the shortest text that reads
    back to the same float (``22500000``, ``0.923``, ``0.0000123``)."""
    if not math.isfinite(value):
        return repr(value)
    if value == int(value) and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _csv_cell(value: object, kind: str, dialect: Dialect, rounded: bool) -> str:
    if value is None:
        return ""
    value = _rounded(value, kind, rounded)
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind in NUMERIC_KINDS and isinstance(value, int | float):
        return decimal(_plain(float(value)) if kind != "int" else str(int(value)), dialect)
    # Text, never a number written above (those stay -1234 and -0,5): no formula.
    return spreadsheet_text(str(value))


def to_csv(table: TableData, dialect: Dialect = "rfc4180", lang: Lang | None = None,
           rounded: bool = True) -> str:
    """``table`` as CSV text with CRLF line ends.

    - ``rfc4180``: ``,`` separator, ``.`` decimals, header of column keys; for programs.
    - ``excel-fr``: ``;`` separator, decimal comma, a UTF-8 byte-order mark first and a header
      of French titles, so that French Excel and LibreOffice read it correctly.

    ``lang`` (``en``/``fr``) replaces the header by the column titles in that language; by
    default the header is the keys (rfc4180) or the French titles (excel-fr). Numbers are
    never grouped, dates are ISO 8601, shares are fractions (0.25), "not applicable" is an
    empty field. Write the text as UTF-8 with ``newline=""`` so the CRLFs stay as they are.
    """
    if lang is None:
        header = [c.title("fr") for c in table.columns] if dialect == "excel-fr" \
            else [c.key for c in table.columns]
    else:
        header = [c.title(lang) for c in table.columns]
    # A header for readers (titles) goes with values for readers (words for keys).
    shown: Lang | None = lang if lang is not None else "fr" if dialect == "excel-fr" else None
    return csv_text(header, ([_csv_cell(c.shown(v, shown) if shown else v, c.kind, dialect,
                                        rounded)
                              for v, c in zip(row, table.columns, strict=True)]
                             for row in table.rows), dialect)


def _check(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise UsageError(Said("unknown CSV dialect {dialect!r}; choose one of {dialects}",
                              dialect=dialect, dialects=", ".join(DIALECTS)))


def decimal(number: str, dialect: Dialect) -> str:
    """A number written with ``.`` as ``dialect`` writes it: with a decimal comma in
    ``excel-fr``, which French spreadsheets read as a number (``0.5`` would be text)."""
    return number.replace(".", ",") if dialect == "excel-fr" else number


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]],
             dialect: Dialect = "rfc4180") -> str:
    """The one CSV writer, the only place that knows the dialects' syntax: ``rfc4180``
    separates with ``,``; ``excel-fr`` with ``;`` and starts with a UTF-8 byte-order mark,
    without which French Excel reads the file as Windows-1252. Both end lines with CRLF and
    quote a cell only when it must be. The cells are written already (numbers through
    :func:`decimal`, text from the inputs through :func:`spreadsheet_text`)."""
    _check(dialect)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dialect == "excel-fr" else ",",
                        lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return "\ufeff" + text if dialect == "excel-fr" else text


def write_rows(header: Sequence[str], rows: Iterable[Sequence[object]],
               dialect: Dialect = "rfc4180") -> str:
    """A machine table (keys as header, figures at full precision, as ``repr`` writes them)
    as CSV text, through :func:`csv_text`. Text cells are written as given (escape text from
    the inputs with :func:`spreadsheet_text` first); None is an empty cell."""
    return csv_text(header, ([decimal(repr(v), dialect) if isinstance(v, float)
                              else "" if v is None else str(v) for v in row]
                             for row in rows), dialect)


# --------------------------------------------------------------------------------------
# Markdown

def _md_cell(value: object, kind: str, lang: Lang, currency: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if kind == "money":
            return format_money(float(value), lang, currency)
        if kind == "share":
            return format_share(float(value), lang)
        if kind == "number":
            text = _plain(round_for_stability(float(value)))
            return text.replace(".", ",") if lang == "fr" else text
        if kind == "int":
            return str(int(value))
    return str(value)  # escaped by markdown_table, with every other cell


def to_markdown(table: TableData, lang: Lang = "en") -> str:
    """A ``##`` heading and a GitHub table; amounts rounded for reading (format_money)."""
    rows = [[_md_cell(c.shown(v, lang), c.kind, lang, table.currency)
             for v, c in zip(row, table.columns, strict=True)] for row in table.rows]
    align: list[Align] = ["right" if c.kind in NUMERIC_KINDS else "left"
                          for c in table.columns]
    lines = [f"## {markdown_text(table.title(lang))}", "",
             *markdown_table([c.title(lang) for c in table.columns],
                             rows or [["—"] * len(table.columns)], align)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# XLSX

def money_format(currency: str = "EUR") -> str:
    """Excel number format of a money column: whole units, grouped, then the symbol.
    Format codes are stored locale-independently: French Excel shows ``22 500 000 €``."""
    symbol = "€" if currency == "EUR" else currency.replace('"', "")
    return f'#,##0 "{symbol}"'


_FORMATS: dict[str, str] = {"share": "0.0%", "int": "0", "number": "General",
                            "date": "yyyy-mm-dd", "text": "@"}


def _sheet_names(tables: list[TableData]) -> list[str]:
    names: list[str] = []
    for t in tables:
        base = "".join("-" if ch in "[]:*?/\\" else ch for ch in t.name).strip("'")
        base = base[:SHEET_NAME_MAX] or "table"
        name, k = base, 2
        while name.lower() in (n.lower() for n in names):
            suffix = f"-{k}"
            name, k = base[:SHEET_NAME_MAX - len(suffix)] + suffix, k + 1
        names.append(name)
    return names


def _display_width(value: object, kind: str) -> int:
    """About how many characters the cell shows, to size its column."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        if kind == "money":
            return len(f"{round(value):,}") + 2
        if kind == "share":
            return len(f"{value:.1%}")
        return len(_plain(float(value)))
    return len(str(value))


def _import_openpyxl() -> tuple[Any, Any, Any, Any]:
    try:
        # import_module keeps openpyxl (untyped, optional) out of the type checker's way.
        return (importlib.import_module("openpyxl"),
                importlib.import_module("openpyxl.styles"),
                importlib.import_module("openpyxl.utils"),
                importlib.import_module("openpyxl.writer.excel"))
    except ImportError:
        raise UsageError(Said(XLSX_MISSING)) from None


def _normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes, so its bytes depend only on
    the contents (openpyxl stamps entries with the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=XLSX_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_xlsx(tables: list[TableData], lang: Lang = "en", *, rounded: bool = True) -> bytes:
    """An Excel workbook with one sheet per table (named after the table), titles in
    ``lang``, numbers stored as numbers, bold frozen header and a filter on it.

    The same tables give the same bytes: document properties and zip entries carry
    :data:`XLSX_TIMESTAMP` (with one version of openpyxl and zlib). Needs openpyxl
    (``soicost[xlsx]``); raises UsageError without it.
    """
    if not tables:
        raise ValueError("to_xlsx needs at least one table")
    openpyxl, styles, utils, excel = _import_openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "soicost"
    wb.properties.lastModifiedBy = "soicost"
    wb.properties.created = XLSX_TIMESTAMP
    wb.properties.modified = XLSX_TIMESTAMP
    bold = styles.Font(bold=True)
    header_alignment = styles.Alignment(wrap_text=True, vertical="top")
    for table, sheet in zip(tables, _sheet_names(tables), strict=True):
        ws = wb.create_sheet(title=sheet)
        formats = [money_format(table.currency) if c.kind == "money" else _FORMATS[c.kind]
                   for c in table.columns]
        widths = [min(len(c.title(lang)), _HEADER_WIDTH) + 2 for c in table.columns]
        for j, c in enumerate(table.columns, start=1):
            cell = ws.cell(row=1, column=j, value=c.title(lang))
            cell.data_type = "s"  # a title starting with '=' is not a formula
            cell.font = bold
            cell.alignment = header_alignment
        for i, row in enumerate(table.rows, start=2):
            for j, (value, c) in enumerate(zip(row, table.columns, strict=True), start=1):
                value = _rounded(c.shown(value, lang), c.kind, rounded)
                if isinstance(value, str):
                    # Text from the inputs gets the same leading ' as in the CSV files,
                    # rather than openpyxl's quotePrefix style: a style is lost when the
                    # sheet is saved as CSV or pasted elsewhere and is ignored by some
                    # readers, while the ' stays with the text, and the workbook and the
                    # CSV files then hold the same cell (docs/exports.md).
                    value = spreadsheet_text(value)
                widths[j - 1] = max(widths[j - 1], _display_width(value, c.kind))
                if isinstance(value, bool):
                    value = _yes(value)
                elif isinstance(value, int) and abs(value) >= _EXACT_INT:
                    value = str(value)  # a double would lose digits (large seeds)
                cell = ws.cell(row=i, column=j, value=value)
                if isinstance(value, str):
                    # openpyxl stores a string starting with '=' as a formula: force text.
                    cell.data_type = "s"
                if value is not None:
                    cell.number_format = formats[j - 1]
        for j, width in enumerate(widths, start=1):
            ws.column_dimensions[utils.get_column_letter(j)].width = min(width + 1,
                                                                         _MAX_WIDTH)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{utils.get_column_letter(len(table.columns))}" \
                             f"{max(1, len(table.rows) + 1)}"
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps `modified` with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        excel.ExcelWriter(wb, archive).write_data()
    return _normalise_zip(buffer.getvalue())
