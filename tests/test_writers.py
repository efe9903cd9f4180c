"""The shared table writers: exact output on small hand-written tables, in both languages,
and every command's Markdown tables well formed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.table import Table
from typer.testing import CliRunner

from soicost.cli import app
from soicost.errors import UsageError
from soicost.render.markdown import markdown_table
from soicost.render.money import Lang
from soicost.render.tabular import Column, TableData, csv_text, to_csv, write_rows
from soicost.render.terminal import TermColumn, Terminal, rich_table
from soicost.render.worded import WordedColumn, WordedTable, to_markdown, to_terminal

NBSP = "\u202f"  # French figures group digits with a narrow no-break space

# --------------------------------------------------------------------------------------
# Markdown


def test_markdown_table_english() -> None:
    lines = markdown_table(["Application", "P50"], [["Payroll", "€1.2M"], ["GED", "€99k"]],
                           ["left", "right"])
    assert lines == ["| Application | P50 |",
                     "|---|---:|",
                     "| Payroll | €1.2M |",
                     "| GED | €99k |"]


def test_markdown_table_french_with_a_total() -> None:
    lines = markdown_table(["Application", "Type", "P50"],
                           [["Paie", "progiciel", f"1,2{NBSP}M€"]], ["left", "left", "right"],
                           total=["Total", "", f"1,2{NBSP}M€"])
    assert lines == ["| Application | Type | P50 |",
                     "|---|---|---:|",
                     f"| Paie | progiciel | 1,2{NBSP}M€ |",
                     f"| **Total** | | **1,2{NBSP}M€** |"]


def test_markdown_table_escapes_text_and_keeps_written_cells() -> None:
    lines = markdown_table(["", "Name", "Share"],
                           [["", "a|b [x](y) <i>", f"53{NBSP}% [21{NBSP}%–83{NBSP}%]"]],
                           ["left", "left", "right"], written=(2,))
    assert lines == ["|   | Name | Share |",  # an empty heading is a space
                     "|---|---|---:|",
                     r"|  | a\|b \[x\](y) &lt;i&gt; | "  # an empty cell stays empty
                     f"53{NBSP}% [21{NBSP}%–83{NBSP}%] |"]


def test_markdown_table_refuses_a_row_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="2 headings and 1 alignments"):
        markdown_table(["a", "b"], [], ["left"])
    with pytest.raises(ValueError, match="a row of 1 cells under 2 headings"):
        markdown_table(["a", "b"], [["x"]], ["left", "right"])


# --------------------------------------------------------------------------------------
# CSV: one writer for the tables of data (to_csv) and the machine tables (write_rows)

_TABLE = TableData("t", "T", "T", (Column("name", "Name", "Nom", "text"),
                                   Column("cost", "Cost", "Coût", "money"),
                                   Column("share", "Share", "Part", "share")),
                   (("Paie; RH", 1234567.891, 0.25), ("=cmd", -0.5, None)))


def test_csv_text_in_both_dialects() -> None:
    rows = [["a,b", "0.5"], ["c", ""]]
    assert csv_text(["x", "y"], rows) == 'x,y\r\n"a,b",0.5\r\nc,\r\n'
    assert csv_text(["x", "y"], rows, "excel-fr") == "\ufeffx;y\r\na,b;0.5\r\nc;\r\n"
    with pytest.raises(UsageError):
        csv_text(["x"], [], "excel")  # type: ignore[arg-type]


def test_to_csv_in_both_dialects_and_languages() -> None:
    # A separator in a cell quotes it: ';' only in excel-fr.
    assert to_csv(_TABLE) == "name,cost,share\r\nPaie; RH,1230000,0.25\r\n'=cmd,-0.5,\r\n"
    assert to_csv(_TABLE, "excel-fr") == ("\ufeffNom;Coût;Part\r\n\"Paie; RH\";1230000;0,25"
                                          "\r\n'=cmd;-0,5;\r\n")
    assert to_csv(_TABLE, lang="en", rounded=False).splitlines()[:2] == [
        "Name,Cost,Share", "Paie; RH,1234567.891,0.25"]


def test_write_rows_in_both_dialects() -> None:
    rows = [["a", 2, 0.125, None], ["b", 3, 1e-05, "x"]]
    assert write_rows(["k", "n", "v", "t"], rows) == ("k,n,v,t\r\na,2,0.125,\r\n"
                                                      "b,3,1e-05,x\r\n")
    assert write_rows(["k", "n", "v", "t"], rows, "excel-fr") == (
        "\ufeffk;n;v;t\r\na;2;0,125;\r\nb;3;1e-05;x\r\n")


_PIPE = re.compile(r"(?<!\\)\|")


def _markdown_tables(text: str) -> list[list[str]]:
    """The tables of a Markdown text, each as its lines."""
    tables: list[list[str]] = []
    previous = False
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous:
                tables.append([])
            tables[-1].append(line)
        previous = line.startswith("|")
    return tables


def _cells(line: str) -> int:
    return len(_PIPE.split(line)) - 2


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("args", [["estimate", "-n", "500"], ["compare", "-n", "500"],
                                  ["assets", "-n", "500", "--schedule"],
                                  ["sensitivity", "-n", "128"], ["backtest"]])
def test_every_markdown_table_has_a_cell_per_heading(args: list[str], lang: str,
                                                     tmp_path: Path) -> None:
    if args == ["backtest"]:
        history = tmp_path / "history.csv"
        history.write_text("id,actual,users,interfaces,data_gb\n"
                           "a,120k,100,4,10\nb,300k,900,6,50\nc,80k,40,2,5\n"
                           "d,650k,2500,12,200\ne,210k,300,9,80\nf,95k,150,3,12\n",
                           encoding="utf-8")
        args = ["backtest", str(history), "-n", "200", "--replicates", "5"]
    result = CliRunner().invoke(app, ["-q", *args, "-f", "markdown", "--lang", lang])
    assert result.exit_code == 0, result.output
    tables = _markdown_tables(result.stdout)
    assert tables
    for lines in tables:
        heads = _cells(lines[0])
        assert re.fullmatch(r"\|(---:?\|)+", lines[1]) and _cells(lines[1]) == heads
        assert [_cells(line) for line in lines[2:]] == [heads] * (len(lines) - 2), lines


# --------------------------------------------------------------------------------------
# Terminal


def _shown(table: Table, width: int, lang: Lang = "en") -> list[str]:
    out = Terminal(width, lang)
    out.table(table)
    return out.getvalue().splitlines()


def test_rich_table_english_with_a_total() -> None:
    columns = [TermColumn("Application", "name", max_width=34), TermColumn("P50", "figure")]
    table = rich_table(columns, [["Payroll [b]", "€1.2M"], ["GED", "€99k"]], title="Costs",
                       total=["Total", "€1.3M"])
    # "[b]" is text, not markup; one space between columns.
    assert _shown(table, 80) == ["Costs            ",
                                 "Application   P50",
                                 "Payroll [b] €1.2M",
                                 "GED          €99k",
                                 "Total       €1.3M"]


def test_rich_table_french_names_give_way_figures_stay_whole() -> None:
    columns = [TermColumn("Application", "name", max_width=34), TermColumn("P50", "figure")]
    rows = [["Gestion des temps et des activités", f"1,2{NBSP}M€"], ["GED", f"99{NBSP}k€"]]
    table = rich_table(columns, rows, title="Coûts", total=["Total", f"1,3{NBSP}M€"], gap=2)
    assert _shown(table, 80, "fr") == [  # two spaces between columns
        "Coûts                                     ",
        "Application                            P50",
        f"Gestion des temps et des activités  1,2{NBSP}M€",
        f"GED                                  99{NBSP}k€",
        f"Total                               1,3{NBSP}M€"]
    table = rich_table(columns, rows, title="Coûts", total=["Total", f"1,3{NBSP}M€"])
    assert _shown(table, 20, "fr") == ["Coûts               ",
                                       "Application      P50",
                                       f"Gestion des   1,2{NBSP}M€",
                                       "temps et des        ",
                                       "activités           ",
                                       f"GED            99{NBSP}k€",
                                       f"Total         1,3{NBSP}M€"]


def test_rich_table_roles_set_what_fit_reads() -> None:
    columns = [TermColumn("a", "name", max_width=30), TermColumn("b", "label"),
               TermColumn("c", "prose", max_width=20, min_width=10),
               TermColumn("d", "figure"), TermColumn("e", "wrapped", max_width=22)]
    table = rich_table(columns, [])
    settings = [(c.justify, c.no_wrap, c.overflow, c.max_width, c.min_width)
                for c in table.columns]
    assert settings == [("left", True, "ellipsis", 30, None),
                        ("left", True, "ellipsis", None, None),
                        ("left", False, "fold", 20, 10),
                        ("right", True, "ellipsis", None, None),
                        ("right", False, "fold", 22, None)]
    assert (table.box, table.pad_edge, table.collapse_padding) == (None, False, True)
    assert rich_table(columns, [], gap=2).collapse_padding is False
    with pytest.raises(ValueError, match="a name column needs a max_width"):
        TermColumn("a", "name")
    with pytest.raises(ValueError, match="a row of 1 cells under 5 headings"):
        rich_table(columns, [["x"]])


# --------------------------------------------------------------------------------------
# One worded table, every writer


def _worded(lang: Lang) -> WordedTable:
    cost, total = ("Cost", "Total") if lang == "en" else ("Coût", "Total")
    money = ("€1.2M", "€1.3M") if lang == "en" else (f"1,2{NBSP}M€", f"1,3{NBSP}M€")
    return WordedTable("T", (WordedColumn("Asset" if lang == "en" else "Actif", "name",
                                          max_width=30),
                             WordedColumn("Conv.", "label", align="right", wide_only=True),
                             WordedColumn(cost, "figure")),
                       (("Serveur | A", "M57", money[0]),), (total, "", money[1]))


def test_one_worded_table_in_markdown_and_in_a_terminal() -> None:
    assert to_markdown(_worded("en")) == ["| Asset | Conv. | Cost |",
                                          "|---|---:|---:|",
                                          r"| Serveur \| A | M57 | €1.2M |",
                                          "| **Total** | | **€1.3M** |"]
    assert to_markdown(replace(_worded("fr"), bold_total=False)) == [
        "| Actif | Conv. | Coût |", "|---|---:|---:|", rf"| Serveur \| A | M57 | 1,2{NBSP}M€ |",
        f"| Total |  | 1,3{NBSP}M€ |"]
    # The terminal has no room for the convention.
    assert _shown(to_terminal(_worded("fr"), title="Titre"), 80, "fr") == [
        "Titre             ", "Actif         Coût", f"Serveur | A 1,2{NBSP}M€",
        f"Total       1,3{NBSP}M€"]
    with pytest.raises(ValueError, match="a row of 2 cells under 3 headings"):
        replace(_worded("en"), rows=(("a", "b"),))
