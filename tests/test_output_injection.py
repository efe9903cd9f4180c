"""Hostile text in the inputs reaches every output inert: no live formula in a CSV or XLSX
cell (OWASP's leading quote), no broken or injected Markdown table (issue 14, item 5)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import write_files
from soicost.cli import app
from soicost.render.escape import markdown_text, spreadsheet_text
from soicost.render.tabular import Column, TableData, to_csv, to_markdown, to_xlsx

runner = CliRunner()
FAST = ["--samples", "300"]

FORMULA = "=cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("http://x","clic")'
SCRIPT = "<script>alert(1)</script>"
# Application id -> name. Names are free text; ids are slugs and cannot carry any of this.
# A tab or a line break cannot start a name (names are one line): the tab is tested on the
# helpers and on table data below.
APP_NAMES = {"ref": FORMULA, "plus": "+1", "minus": "-1+2", "at": "@SUM(1)", "sum": "=SUM(1;2)",
             "pipe": "a|b", "html": SCRIPT}
# What a spreadsheet cell holds for each (OWASP: a leading ' before = + - @ tab CR).
APP_CELLS = {"ref": "'" + FORMULA, "plus": "'+1", "minus": "'-1+2", "at": "'@SUM(1)",
             "sum": "'=SUM(1;2)", "pipe": "a|b", "html": SCRIPT}
# What a Markdown cell holds for each: no quote (Markdown is not a spreadsheet), escaped.
APP_MARKDOWN = {"ref": "=cmd\\|' /C calc'!A0", "plus": "+1", "minus": "-1+2",
                "at": "@SUM(1)", "sum": "=SUM(1;2)", "pipe": "a\\|b",
                "html": "&lt;script&gt;alert(1)&lt;/script&gt;"}
LINK_ASSET = "[clic](http://x) `c` \\ &"
MOVE = f"a|b {SCRIPT}"
DRIVER = "a|b<i>"

APPLICATIONS = """\
applications:
  - id: ref
    name: "=cmd|' /C calc'!A0"
    kind: vendor
    drivers: {users: 100, "a|b<i>": 2}
    quotes:
      - {amount: 500k, date: 2022-05-18, scope: "<script>alert(1)</script>", source: "-1+2"}
    provenance: {status: sourced, source: "@SUM(1)"}
    notes: "line1\\nline2 <script>alert(1)</script>"
""" + "".join(f"""\
  - id: {ident}
    name: "{name}"
    kind: vendor
    drivers: {{users: {50 + 10 * k}, "a|b<i>": 1}}
    provenance: {{status: illustrative, source: "+1"}}
    notes: "line1\\nline2"
""" for k, (ident, name) in enumerate([("plus", "+1"), ("minus", "-1+2"), ("at", "@SUM(1)"),
                                       ("sum", "=SUM(1;2)"), ("pipe", "a|b"),
                                       ("html", SCRIPT)]))

INFRASTRUCTURE = """\
assets:
  - id: dc
    name: "@SUM(1)"
    category: datacenter
    cost: 1M
    in_service: 2017-09-01
    life_years: 15
    provenance: {status: illustrative, source: "=1+1"}
    notes: "line1\\nline2"
  - id: net
    name: "[clic](http://x) `c` \\\\ &"
    category: network
    cost: 100k
    in_service: 2020-01-01
    life_years: 5
    provenance: {status: illustrative}
"""

ASSUMPTIONS = """\
reference: ref
valuation_date: 2023-01-01
horizon: {start: 2023, end: 2025}
drivers:
  users: {elasticity: 0.5}
  "a|b<i>": {elasticity: 0.2}
running:
  - {id: hosting, name: "+hosting <b>x</b>", annual: 100k}
staff:
  teams:
    - {id: ops, name: "@ops <img src=x>", fte: 2}
scenarios:
  - id: status-quo
    name: "=HYPERLINK(\\"http://x\\",\\"clic\\")"
  - id: move
    name: "a|b <script>alert(1)</script>"
    description: "line1\\nline2 <script>alert(1)</script>"
    waves: [{date: 2023-01-01, share: 1}]
    running:
      stops: [{id: hosting, date: 2024-01-01}]
    rps:
      autonomy: {likelihood: 2, severity: 3, rationale: "line1\\nline2 | <b>x</b>"}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("hostile"), APPLICATIONS, INFRASTRUCTURE,
                       ASSUMPTIONS)


def run(*args: str) -> str:
    result = runner.invoke(app, ["--quiet", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_data_set_reads_as_written(hostile: Path) -> None:
    data = json.loads(run("estimate", "--data", str(hostile), *FAST, "--format", "json"))
    assert {a["id"]: a["name"] for a in data["applications"]} == APP_NAMES
    assert [s["name"] for s in data["scenarios"]] == [HYPERLINK, MOVE]
    assert [a["name"] for a in data["assets"]] == ["@SUM(1)", LINK_ASSET]


# --------------------------------------------------------------------------------------
# The two helpers

@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(1)", "\tx", "\rx", FORMULA,
                                  HYPERLINK, "-", "="])
def test_spreadsheet_text_quotes_formula_starts(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["", "a=b", "1+1", " =1", "'=1", "\nx", "a|b", SCRIPT,
                                  "é=", "Piaf — social aid"])
def test_spreadsheet_text_leaves_other_text_alone(text: str) -> None:
    assert spreadsheet_text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("a|b", "a\\|b"),
    ("line1\nline2", "line1 line2"),
    ("a\r\nb\rc\u2028d\u2029e\x85f", "a b c d e f"),
    (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("R&D &lt;", "R&amp;D &amp;lt;"),
    ("a\\b", "a\\\\b"),
    ("a\\|b", "a\\\\\\|b"),
    ("`code`", "\\`code\\`"),
    ("[clic](http://x)", "\\[clic\\](http://x)"),
    ("![img](http://x)", "!\\[img\\](http://x)"),
    ("Piaf — social aid, 92 % (P50)", "Piaf — social aid, 92 % (P50)"),
    ("", ""),
])
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("applications[pay].p50", "`applications[pay].p50`"),
    ("a|b", "`a\\|b`"),
    (f"x\n{SCRIPT}", f"`x {SCRIPT}`"),  # code shows < as it is: nothing to escape
    ("a`b", "``a`b``"),
    ("`a``", "``` `a`` ```"),
    (" a ", "`  a  `"),
    ("", ""),
])
def test_markdown_code_span(text: str, expected: str) -> None:
    assert markdown_text(text, code=True) == expected


# --------------------------------------------------------------------------------------
# Markdown, parsed back

_SPLIT = re.compile(r"(?<!\\)\|")  # GitHub splits cells on pipes without a backslash
_RAW_HTML = re.compile(r"<\s*/?\s*(script|b|i|img)\b", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+).*?\1")


def cells(line: str) -> list[str]:
    """The cells of a table row as GitHub reads them, without their one-space padding."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c[1:-1] if len(c) >= 2 else c for c in _SPLIT.split(line[1:-1])]


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table of a Markdown document (header row first), checking that each row has
    as many cells as the header and that a blank line (or the end) follows the table."""
    lines = text.split("\n")
    tables: list[list[list[str]]] = []
    for i, line in enumerate(lines):
        if not (line.startswith("|") and i + 1 < len(lines)
                and lines[i + 1].startswith("|---")):
            continue
        rows = [cells(line)]
        width = len(lines[i + 1].strip("|").split("|"))
        assert len(rows[0]) == width, line
        j = i + 2
        while j < len(lines) and lines[j].startswith("|"):
            rows.append(cells(lines[j]))
            assert len(rows[-1]) == width, lines[j]
            j += 1
        assert j == len(lines) or lines[j] == "", lines[j]  # no row broken in two
        tables.append(rows)
    assert tables
    return tables


def assert_inert(text: str) -> None:
    """No raw HTML outside code spans (inside one, a renderer shows it as text)."""
    assert not _RAW_HTML.search(_CODE_SPAN.sub("", text)), text


def test_estimate_markdown(hostile: Path) -> None:
    text = run("estimate", "--data", str(hostile), *FAST, "--format", "markdown")
    assert_inert(text)
    (table,) = markdown_tables(text)
    assert sorted(row[0] for row in table[1:-1]) == sorted(APP_MARKDOWN.values())
    assert table[-1][0] == "**Total**"


def test_compare_markdown(hostile: Path) -> None:
    text = run("compare", "--data", str(hostile), *FAST, "--format", "markdown", "--lang",
               "en")
    assert_inert(text)
    side, _, by_year, rps = markdown_tables(text)
    move = "a\\|b &lt;script&gt;alert(1)&lt;/script&gt;"
    assert side[0] == [" ", HYPERLINK, move]
    assert f"## {move}: cash costs by year (P50; totals as P10–P90)" in text
    assert by_year[0][0] == "Category"
    assert rps[1] == ["autonomy", "2", "3", "6", "line1 line2 \\| &lt;b&gt;x&lt;/b&gt;"]


def test_assets_markdown(hostile: Path) -> None:
    text = run("assets", "--data", str(hostile), "--format", "markdown", "--lang", "en")
    assert_inert(text)
    tables = markdown_tables(text)
    assert [row[0] for row in tables[0][1:]] == [
        "@SUM(1)", "\\[clic\\](http://x) \\`c\\` \\\\ &amp;"]


def test_sensitivity_markdown(hostile: Path) -> None:
    text = run("sensitivity", "--data", str(hostile), "--samples", "100", "--format",
               "markdown", "--lang", "en")
    assert_inert(text)
    (table,) = markdown_tables(text)
    assert "elasticity of a\\|b&lt;i&gt;" in [row[0] for row in table[1:]]


def test_tables_markdown_and_csv(hostile: Path, tmp_path: Path) -> None:
    run("tables", "--out", str(tmp_path), "--data", str(hostile), *FAST)
    for md in sorted(tmp_path.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        assert_inert(text)
        if md.name != "README.md":
            markdown_tables(text)
    (apps,) = markdown_tables((tmp_path / "applications.md").read_text(encoding="utf-8"))
    assert {row[0]: row[1] for row in apps[1:]} == APP_MARKDOWN
    (comparison,) = markdown_tables((tmp_path / "scenario-comparison.md").read_text(
        encoding="utf-8"))
    assert [row[1] for row in comparison[1:]] == [
        HYPERLINK, "a\\|b &lt;script&gt;alert(1)&lt;/script&gt;"]
    rows = read_csv((tmp_path / "applications.csv").read_text(encoding="utf-8"))
    assert {row[0]: row[1] for row in rows[1:]} == APP_CELLS
    rows = read_csv((tmp_path / "scenario-comparison.csv").read_text(encoding="utf-8"))
    assert [row[1] for row in rows[1:]] == ["'" + HYPERLINK, MOVE]
    rows = read_csv((tmp_path / "assets.csv").read_text(encoding="utf-8"))
    assert [row[1] for row in rows[1:]] == ["'@SUM(1)", LINK_ASSET]


def test_diff_markdown_of_foreign_json(hostile: Path, tmp_path: Path) -> None:
    # A JSON output can come from anywhere: its ids and file names are not slugs.
    old = json.loads(run("estimate", "--data", str(hostile), *FAST, "--format", "json"))
    new = json.loads(json.dumps(old))
    new["applications"][0]["id"] = f"x|y`{SCRIPT}`\nz"
    new["input_digests"]["a|b\n<img src=x>.yaml"] = "sha256:00"
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    text = run("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--lang", "en")
    assert_inert(text)
    assert "Input files that differ: `a\\|b <img src=x>.yaml`\n" in text
    (table,) = markdown_tables(text)
    figures = [row[0] for row in table[1:]]
    assert f"``applications[x\\|y`{SCRIPT}` z].p50``" in figures


# --------------------------------------------------------------------------------------
# CSV, parsed back

def read_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""),
                           delimiter=delimiter))


@pytest.mark.parametrize(("dialect", "delimiter", "decimal"),
                         [("rfc4180", ",", "."), ("excel-fr", ";", ",")])
def test_estimate_csv(hostile: Path, dialect: str, delimiter: str, decimal: str) -> None:
    rows = read_csv(run("estimate", "--data", str(hostile), *FAST, "--format", "csv",
                        "--csv-dialect", dialect), delimiter)
    assert {row[0]: row[1] for row in rows[1:]} == APP_CELLS
    for row in rows[1:]:
        for cell in row[7:]:  # p10, p50, p90, mean: numbers, never quoted
            assert float(cell.replace(decimal, ".")) > 0, cell


def test_compare_assets_and_sensitivity_csv_quote_text_never_numbers(hostile: Path) -> None:
    rows = read_csv(run("compare", "--data", str(hostile), *FAST, "--format", "csv"))
    deltas = [row for row in rows if row[2] == "delta_cash" and row[1] == "2024"]
    # The hosting stops in 2024: the move costs less than the status quo that year.
    assert deltas and float(deltas[0][5]) < 0 and deltas[0][5].startswith("-")
    rows = read_csv(run("assets", "--data", str(hostile), "--format", "csv"))
    assert [row[1] for row in rows[1:]] == ["'@SUM(1)", LINK_ASSET]
    rows = read_csv(run("sensitivity", "--data", str(hostile), "--samples", "100",
                        "--format", "csv"))
    assert "elasticity of a|b<i>" in [row[0] for row in rows[1:]]
    for row in rows[1:]:
        for cell in row[1:]:  # indices and swings: numbers, never quoted
            float(cell)


# --------------------------------------------------------------------------------------
# XLSX, opened back

@pytest.fixture()
def openpyxl() -> Any:
    return pytest.importorskip("openpyxl")


def test_estimate_xlsx(hostile: Path, tmp_path: Path, openpyxl: Any) -> None:
    path = tmp_path / "out.xlsx"
    run("estimate", "--data", str(hostile), *FAST, "--format", "xlsx", "--output", str(path),
        "--lang", "en")
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    apps = wb["applications"]
    names = {r[0].value: r[1] for r in apps.iter_rows(min_row=2)}
    assert {k: c.value for k, c in names.items()} == APP_CELLS
    assert {c.data_type for c in names.values()} == {"s"}
    for r in apps.iter_rows(min_row=2):
        assert all(c.data_type == "n" and isinstance(c.value, int | float) for c in r[7:])
    comparison = wb["scenario-comparison"]
    assert [(r[1].value, r[1].data_type) for r in comparison.iter_rows(min_row=2)] == [
        ("'" + HYPERLINK, "s"), (MOVE, "s")]
    assert [r[1].value for r in wb["assets"].iter_rows(min_row=2)] == ["'@SUM(1)", LINK_ASSET]
    again = tmp_path / "again.xlsx"
    run("estimate", "--data", str(hostile), *FAST, "--format", "xlsx", "--output", str(again),
        "--lang", "en")
    assert again.read_bytes() == data


# --------------------------------------------------------------------------------------
# Text no YAML file lets through today (a carriage return), and line breaks in names

def _names(*names: str) -> TableData:
    return TableData("t", "T", "T", (Column("name", "Name", "Nom", "text"),
                                     Column("amount", "Amount", "Montant", "money")),
                     tuple((n, -1234.5) for n in names))


NAMES = ("\rx", "line1\nline2", "a\u2028b", "\t=1", "-")


@pytest.mark.parametrize(("dialect", "delimiter"), [("rfc4180", ","), ("excel-fr", ";")])
def test_tabular_csv_of_breaks_and_controls(dialect: Any, delimiter: str) -> None:
    rows = read_csv(to_csv(_names(*NAMES), dialect), delimiter)
    assert [row[0] for row in rows[1:]] == ["'\rx", "line1\nline2", "a\u2028b", "'\t=1", "'-"]
    assert {row[1] for row in rows[1:]} == {"-1230"}  # a negative number is not quoted


def test_tabular_markdown_of_breaks_and_controls() -> None:
    (table,) = markdown_tables(to_markdown(_names(*NAMES)))
    assert [row[0] for row in table[1:]] == [" x", "line1 line2", "a b", "\t=1", "-"]


def test_tabular_xlsx_of_breaks_and_controls(openpyxl: Any) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([_names(*NAMES)]))).active
    # XML reads a raw carriage return back as a line feed; the quote stays first.
    assert [(r[0].value, r[0].data_type) for r in ws.iter_rows(min_row=2)] == [
        ("'\nx", "s"), ("line1\nline2", "s"), ("a\u2028b", "s"), ("'\t=1", "s"), ("'-", "s")]
    assert {(r[1].value, r[1].data_type) for r in ws.iter_rows(min_row=2)} == {(-1230, "n")}


# --------------------------------------------------------------------------------------
# HTML (already escaped; checked on the same data)

def test_report_html(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run("report", "--out", str(out), "--data", str(hostile), *FAST,
        "--sensitivity-samples", "0")
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "<b>x" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --------------------------------------------------------------------------------------
# The terminal tables (rich): markup and emoji codes are text too

RICH = "x [/b] [red]r[/red] :smile:"


def test_terminal_tables_show_markup_as_text(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path,
        APPLICATIONS.replace('name: "a|b"', f'name: "{RICH}"').replace('"a|b<i>"', '"[d]"'),
        INFRASTRUCTURE.replace('name: "@SUM(1)"', 'name: "[clic] dc"'),
        ASSUMPTIONS.replace('"a|b <script>alert(1)</script>"', '"[/i] move"')
        .replace('"line1\\nline2 | <b>x</b>"', '"[bold]why[/bold]"')
        .replace('"a|b<i>"', '"[d]"'))
    text = run("estimate", "--data", str(folder), *FAST, "--lang", "en")
    assert RICH in text
    text = run("compare", "--data", str(folder), *FAST, "--lang", "en")
    assert "[/i] move" in text and "[bold]why[/bold]" in text
    text = run("assets", "--data", str(folder), "--lang", "en")
    assert "[clic] dc" in text
    text = run("sensitivity", "--data", str(folder), "--samples", "100", "--lang", "en")
    assert "elasticity of [d]" in text
