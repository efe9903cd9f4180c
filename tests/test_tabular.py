"""The tabular layer: the five committed tables, CSV in two dialects, Markdown and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from soicost.analysis.estimate import Estimate, EstimateOptions, estimate
from soicost.errors import UsageError
from soicost.inputs.loader import load_inputs
from soicost.render.tabular import (
    XLSX_TIMESTAMP,
    Column,
    TableData,
    round_for_stability,
    tables_from_estimate,
    to_csv,
    to_markdown,
    to_xlsx,
)

NAMES = ["portfolio", "applications", "assets", "scenarios-by-year", "scenario-comparison"]
FLOAT_KINDS = ("money", "number", "share")


@pytest.fixture(scope="module")
def result() -> Estimate:
    return estimate(load_inputs(), EstimateOptions(samples=3000))


@pytest.fixture(scope="module")
def tables(result: Estimate) -> list[TableData]:
    return tables_from_estimate(result)


def _expected(value: object, kind: str, rounded: bool = True) -> object:
    if value is None:
        return None
    if kind in FLOAT_KINDS:
        assert isinstance(value, float)
        return round_for_stability(value) if rounded else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _parse(cell: str, kind: str, decimal: str = ".") -> object:
    if cell == "":
        return None
    if kind in FLOAT_KINDS:
        return float(cell.replace(decimal, "."))
    if kind == "int":
        return int(cell)
    return cell


# --------------------------------------------------------------------------------------
# Rounding

@pytest.mark.parametrize(("value", "expected"), [
    (0.0, 0.0), (-0.0, 0.0), (999.0, 999.0), (1234.0, 1230.0), (22_549_999.0, 22_500_000.0),
    (-22_549_999.0, -22_500_000.0), (-1234.0, -1230.0), (0.92344, 0.923),
    (0.0000123456, 0.0000123), (999.6, 1000.0), (1.0, 1.0), (12_345_678_901.0, 1.23e10),
])
def test_round_for_stability(value: float, expected: float) -> None:
    got = round_for_stability(value)
    assert got == expected
    assert type(got) is float
    assert str(got) != "-0.0"


def test_rounding_absorbs_last_digit_noise() -> None:
    assert round_for_stability(22_549_999.9999) == round_for_stability(22_549_999.0001)
    assert round_for_stability(6_245_702.820265282) == round_for_stability(6_245_702.820265)


# --------------------------------------------------------------------------------------
# The tables

def test_five_tables_with_consistent_rows(tables: list[TableData]) -> None:
    assert [t.name for t in tables] == NAMES
    for t in tables:
        keys = [c.key for c in t.columns]
        assert len(keys) == len(set(keys)), t.name
        assert t.rows, t.name
        assert all(len(row) == len(t.columns) for row in t.rows), t.name
        assert t.title_en and t.title_fr


def test_portfolio_row(result: Estimate, tables: list[TableData]) -> None:
    t = tables[0]
    (row,) = t.rows
    values = dict(zip((c.key for c in t.columns), row, strict=True))
    assert values["p50"] == result.migration.p50
    assert values["mean"] == result.migration.mean
    assert values["illustrative_share"] == result.illustrative_share
    assert values["seed"] == result.options.seed and values["samples"] == 3000
    assert values["method"] == "drivers"
    assert values["fingerprint"] == result.fingerprint


def test_applications_largest_first(result: Estimate, tables: list[TableData]) -> None:
    t = tables[1]
    assert len(t.rows) == len(result.applications)
    means = [round_for_stability(row[t.column("mean")]) for row in t.rows]  # type: ignore[arg-type]
    assert means == sorted(means, reverse=True)


def test_scenarios_by_year_keep_cash_and_non_cash_apart(result: Estimate,
                                                         tables: list[TableData]) -> None:
    t = tables[3]
    assert result.comparison is not None
    labels = {(row[t.column("kind")], row[t.column("category")]) for row in t.rows}
    assert ("cash", "total") in labels and ("non_cash", "write_off") in labels
    assert ("cash", "write_off") not in labels and ("non_cash", "migration") not in labels
    per_year = len(t.rows) // (len(result.comparison.scenarios) * len(result.comparison.years))
    assert per_year * len(result.comparison.scenarios) * len(result.comparison.years) \
        == len(t.rows)


def test_comparison_has_no_delta_for_the_status_quo(tables: list[TableData]) -> None:
    t = tables[4]
    first = dict(zip((c.key for c in t.columns), t.rows[0], strict=True))
    assert first["scenario"] == "status-quo"
    assert first["delta_npv_p50"] is None
    others = [dict(zip((c.key for c in t.columns), row, strict=True)) for row in t.rows[1:]]
    assert others and all(isinstance(o["delta_npv_p50"], float) for o in others)
    assert all(isinstance(o["migrated"], int) for o in others)


def test_missing_assets_and_scenarios_still_give_five_tables(result: Estimate) -> None:
    tables = tables_from_estimate(replace(result, assets=None, comparison=None))
    assert [t.name for t in tables] == NAMES
    assert [len(t.rows) for t in tables[2:]] == [0, 0, 0]
    assert "—" in to_markdown(tables[2])
    assert to_csv(tables[3]).count("\r\n") == 1


# --------------------------------------------------------------------------------------
# CSV

def test_rfc4180_reads_back(tables: list[TableData]) -> None:
    for t in tables:
        text = to_csv(t)
        assert not text.startswith("\ufeff")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == [c.key for c in t.columns]
        assert len(rows) == len(t.rows) + 1
        for raw, cells in zip(t.rows, rows[1:], strict=True):
            for value, cell, col in zip(raw, cells, t.columns, strict=True):
                assert "e" not in cell.lower() or col.kind == "text", cell
                if col.kind in ("money", "int"):
                    assert "," not in cell  # never grouped
                assert _parse(cell, col.kind) == _expected(value, col.kind), (t.name, col.key)


def test_rfc4180_unrounded_keeps_full_precision(tables: list[TableData]) -> None:
    t = tables[0]
    rows = list(csv.reader(io.StringIO(to_csv(t, rounded=False), newline="")))
    for value, cell, col in zip(t.rows[0], rows[1], t.columns, strict=True):
        assert _parse(cell, col.kind) == _expected(value, col.kind, rounded=False)


def test_excel_fr_reads_back(tables: list[TableData], tmp_path: Path) -> None:
    decimals = 0
    for t in tables:
        path = tmp_path / f"{t.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(to_csv(t, "excel-fr"))
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        assert rows[0] == [c.title_fr for c in t.columns]
        assert len(rows) == len(t.rows) + 1
        for raw, cells in zip(t.rows, rows[1:], strict=True):
            for value, cell, col in zip(raw, cells, t.columns, strict=True):
                if col.kind != "text":
                    assert "." not in cell or col.kind == "date", cell
                decimals += col.kind in FLOAT_KINDS and "," in cell
                # Keys of the model read as French words (issue 17): "extrapolé", "oui".
                assert _parse(cell, col.kind, ",") == _expected(col.shown(value, "fr"),
                                                                col.kind), (t.name, col.key)
    assert decimals > 0  # the decimal comma was exercised (shares, lives, years left)


def test_csv_lang_chooses_the_titles(tables: list[TableData]) -> None:
    t = tables[0]
    assert to_csv(t, lang="fr").startswith("P10,P50,P90,Moyenne,")
    assert to_csv(t, "excel-fr", lang="en").startswith("\ufeffP10;P50;P90;Mean;")
    with pytest.raises(UsageError, match="dialect"):
        to_csv(t, "tsv")  # type: ignore[arg-type]


def _toy(rows: tuple[tuple[object, ...], ...], name: str = "toy") -> TableData:
    return TableData(name, "Toy", "Jouet", (
        Column("label", "Label", "Libellé", "text"),
        Column("amount", "Amount", "Montant", "money"),
        Column("ratio", "Ratio", "Ratio", "number"),
        Column("count", "Count", "Nombre", "int"),
    ), rows)


def test_csv_quotes_separators_and_writes_no_exponent() -> None:
    t = _toy((("a;b, c", -1234.5, 0.0000123456, 7), ("=1+1", None, 1e-9, 0)))
    fr = list(csv.reader(io.StringIO(to_csv(t, "excel-fr").lstrip("\ufeff"), newline=""),
                         delimiter=";"))
    assert fr[1] == ["a;b, c", "-1230", "0,0000123", "7"]
    en = list(csv.reader(io.StringIO(to_csv(t, rounded=False), newline="")))
    assert en[1] == ["a;b, c", "-1234.5", "0.0000123456", "7"]
    # Text starting with '=' gets a leading quote (OWASP); the negative number above none.
    assert en[2] == ["'=1+1", "", "0.000000001", "0"]


# --------------------------------------------------------------------------------------
# Markdown

def test_markdown_headings_and_rows(tables: list[TableData]) -> None:
    for t in tables:
        for lang in ("en", "fr"):
            text = to_markdown(t, lang)
            lines = text.splitlines()
            assert lines[0] == f"## {t.title_en if lang == 'en' else t.title_fr}"
            assert lines[2].startswith("| ") and lines[3].startswith("|---")
            assert len(lines) == 4 + len(t.rows)
    portfolio = to_markdown(tables[0], "fr")
    assert "M€" in portfolio and "Moyenne" in portfolio
    assert "€" in to_markdown(tables[0]) and "| Mean |" in to_markdown(tables[0])
    assert "—" in to_markdown(tables[4])  # no delta for the status quo


def test_markdown_escapes_pipes() -> None:
    text = to_markdown(_toy((("a|b", 22_549_999.0, 1.5, 3),)), "fr")
    assert "a\\|b" in text and "22,5\u202fM€" in text and "| 1,5 |" in text


# --------------------------------------------------------------------------------------
# XLSX

@pytest.fixture()
def openpyxl() -> Any:
    return pytest.importorskip("openpyxl")


def test_xlsx_reads_back(tables: list[TableData], openpyxl: Any) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(tables, "fr")))
    assert wb.sheetnames == NAMES
    for t in tables:
        ws = wb[t.name]
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == [c.title_fr for c in t.columns]
        assert all(c.font.bold for c in ws[1])
        assert ws.max_row == len(t.rows) + 1
        for j, col in enumerate(t.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            assert ws.column_dimensions[letter].width >= 4
            for raw, cell in zip(t.rows, ws[letter][1:], strict=True):
                value = raw[j - 1]
                if value is None:
                    assert cell.value is None
                elif col.kind in ("money", "number", "share", "int"):
                    assert isinstance(cell.value, int | float) \
                        and not isinstance(cell.value, bool), (t.name, col.key)
                    assert cell.value == _expected(value, col.kind)
                    if col.kind == "money":
                        assert "€" in cell.number_format
                    if col.kind == "share":
                        assert cell.number_format == "0.0%"
                elif col.kind == "date":
                    assert isinstance(cell.value, dt.datetime)
                    assert cell.value.date() == value
                else:
                    assert cell.value == col.shown(value, "fr")


def test_xlsx_is_byte_identical_across_runs(tables: list[TableData], openpyxl: Any) -> None:
    first = to_xlsx(tables)
    assert first == to_xlsx(tables)
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {XLSX_TIMESTAMP.timetuple()[:6]}
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert props.created == XLSX_TIMESTAMP and props.modified == XLSX_TIMESTAMP


def test_xlsx_text_is_never_a_formula_and_sheet_names_fit(openpyxl: Any) -> None:
    long = "a-very-long-table-name-that-does-not-fit-in-a-sheet"
    big_seed = 2**62 + 1
    tables = [_toy((("=SUM(A1:A2)", 1.0, 2.0, big_seed),), long), _toy((), long)]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(tables)))
    assert all(len(n) <= 31 for n in wb.sheetnames)
    assert len(set(wb.sheetnames)) == 2
    ws = wb[wb.sheetnames[0]]
    assert ws["A2"].value == "'=SUM(A1:A2)" and ws["A2"].data_type == "s"
    assert ws["B2"].value == 1.0 and ws["B2"].data_type == "n"
    assert ws["D2"].value == str(big_seed)  # a double would have lost the last digits


def test_xlsx_without_openpyxl_is_a_usage_error(tables: list[TableData],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(UsageError, match=r"soicost\[xlsx\]"):
        to_xlsx(tables)


def test_xlsx_needs_a_table(openpyxl: Any) -> None:
    with pytest.raises(ValueError):
        to_xlsx([])


def test_keys_of_the_model_read_as_words_for_readers_and_stay_keys_for_programs(
        tables: list[TableData]) -> None:
    by_year = next(t for t in tables if t.name == "scenarios-by-year")
    apps = next(t for t in tables if t.name == "applications")
    # Programs: rfc4180 keeps the keys.
    assert ",cash,vacancy," in to_csv(by_year)
    assert ",extrapolated,true," in to_csv(apps)
    # Readers: the words of the catalogue, in each language.
    assert "| cash | vacancy cover |" in to_markdown(by_year, "en")
    assert "| monétaire | remplacement des postes vacants |" in to_markdown(by_year, "fr")
    assert "| extrapolated | yes |" in to_markdown(apps, "en")
    assert ";extrapolé;oui;" in to_csv(apps, "excel-fr")


@pytest.mark.parametrize("args", [["compare", "-n", "500"], ["assets"],
                                  ["sensitivity", "-n", "128"]])
def test_every_command_writing_csv_writes_both_dialects(args: list[str]) -> None:
    from typer.testing import CliRunner

    from soicost.cli import app

    runner = CliRunner()
    plain = runner.invoke(app, ["-q", *args, "-f", "csv"]).stdout
    french = runner.invoke(app, ["-q", *args, "-f", "csv", "--csv-dialect", "excel-fr"])
    assert french.exit_code == 0, french.output
    assert french.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(french.stdout.removeprefix("\ufeff")), delimiter=";"))
    machine = list(csv.reader(io.StringIO(plain)))
    assert rows[0] == machine[0]  # the same keys
    # The same cells, figures with a decimal comma: a French spreadsheet reads numbers.
    for ours, theirs in zip(rows[1:], machine[1:], strict=True):
        for a, b in zip(ours, theirs, strict=True):
            assert a == b.replace(".", ",") if _is_float(b) else a == b


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return "." in text
