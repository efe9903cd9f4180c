"""Terminal tables: names give way, figures are never cut, whatever the width."""

from __future__ import annotations

import re

import pytest
from rich.table import Table
from typer.testing import CliRunner

from soicost.cli import app
from soicost.render.terminal import NAME_MIN, NAME_WRAP, WORD_MAX, Terminal


def _table(names: list[str], figures: list[str]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Application", justify="left", no_wrap=True, overflow="ellipsis",
                     max_width=34)
    table.add_column("P50", justify="right", no_wrap=True)
    for name, figure in zip(names, figures, strict=True):
        table.add_row(name, figure)
    return table


NAMES = ["Optional social aid (aides facultatives) management", "Payroll"]
FIGURES = ["99,8\u202fk€", "1\u202f234\u202f567\u202f€"]
# The narrowest the names get: their longest word, "facultatives)", is kept whole.
FLOOR = 13
assert max(NAME_MIN, min(max(len(w) for n in NAMES for w in n.split()), WORD_MAX)) == FLOOR


@pytest.mark.parametrize("width", [20, 30, 40, 80, 200])
def test_figures_are_whole_and_names_give_way_at_any_width(width: int) -> None:
    out = Terminal(width, "en")
    out.table(_table(NAMES, FIGURES))
    text = out.getvalue()
    for figure in FIGURES:
        assert figure in text
    needed = FLOOR + 2 + len(FIGURES[1])  # the shortest name column, a gap, the figure
    assert ("These tables need" in text) == (width < needed)
    room = width - 2 - len(FIGURES[1])  # what the name column gets
    lines = text.splitlines()[1:]
    names = " ".join(line[:max(room, FLOOR)].strip() for line in lines
                     if not line.startswith("These") and line.strip())
    if room >= NAME_WRAP or width >= 80:
        # Shortened on one line (at most 34 characters), never below NAME_MIN.
        assert lines[1].startswith("Payroll")
        assert "…" in lines[0] or len(NAMES[0]) <= min(room, 34)
    else:
        # Too narrow to shorten without names reading alike: they wrap, whole.
        assert "".join(names.split()).startswith("".join(NAMES[0].split()))


def test_a_table_that_fits_is_left_as_it_is() -> None:
    out = Terminal(200, "en")
    out.table(_table(["Payroll"], ["5\u202f€"]))
    assert out.getvalue().splitlines() == ["Application  P50", "Payroll      5\u202f€"]


def test_the_note_says_how_wide_in_french() -> None:
    out = Terminal(20, "fr")
    out.table(_table(NAMES, FIGURES))
    # 13 for the longest word of the names, 2 between the columns, 11 for "1 234 567 €".
    assert "Ces tableaux demandent 26 colonnes et le terminal en a 20" in \
        " ".join(out.getvalue().split())


@pytest.mark.parametrize("columns", ["80", "100", "200"])
@pytest.mark.parametrize("command", ["estimate", "assets", "compare"])
def test_no_figure_of_a_french_command_is_cut(runner: CliRunner,
                                              monkeypatch: pytest.MonkeyPatch, command: str,
                                              columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    samples = [] if command == "assets" else ["-n", "2000"]
    result = runner.invoke(app, ["-q", command, "--lang", "fr", *samples])
    assert result.exit_code == 0, result.output
    # A cut figure ends in "…" right after a digit or a comma: "99,8 …", "1,94…".
    assert not re.search(r"[\d,][\u202f ]?…", result.stdout), result.stdout


def test_a_narrow_french_estimate_wraps_long_words_and_names_whole(
        runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 80 columns the French kind "développement interne" wraps instead of widening the
    # table, and a name that must narrow wraps whole rather than ending in "…".
    monkeypatch.setenv("COLUMNS", "80")
    out = runner.invoke(app, ["-q", "estimate", "--lang", "fr", "-n", "500"]).stdout
    table = out[out.index("Coût de migration"):out.index("Total\u00a0:")]
    assert max(len(line.rstrip()) for line in table.splitlines()) <= 80
    assert "…" not in table
    assert "Ces tableaux demandent" not in out.split("Scénarios")[0]


def test_a_wrapped_name_breaks_between_words() -> None:
    out = Terminal(25, "fr")
    out.table(_table(["Gestion administrative du personnel", "Paie"], FIGURES))
    lines = out.getvalue().splitlines()
    # 25 columns would leave 12 for the names: "administrative" (14) would break inside.
    assert [line[:14].strip() for line in lines[1:4]] == [
        "Gestion", "administrative", "du personnel"]


@pytest.mark.parametrize("columns", ["80", "100"])
def test_french_prose_in_a_table_never_breaks_at_its_ties(runner: CliRunner,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          columns: str) -> None:
    # The risk register's rationales: a guillemet or a colon is not left alone at the start
    # or end of a line, and a parenthesis is not put on a line of its own ("(tract).").
    monkeypatch.setenv("COLUMNS", columns)
    out = runner.invoke(app, ["-q", "compare", "--lang", "fr", "-n", "300"]).stdout
    lines = [line.rstrip() for line in out.splitlines()]
    assert not [line for line in lines if line.lstrip()[:1] in ("»", ";", ":", "%")]
    assert not [line for line in lines if line.endswith("«")]
    assert not [line for line in lines if line.strip() in ("(tract).", "(lettre du SOI)")]
