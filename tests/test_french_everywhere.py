"""Every command in French, on the bundled data and on a newcomer's inventory (``init --lang
fr``), at 80 and 200 columns: no English word of soicost's own, no figure cut off (issue 17).

Two detectors, both shown to fail on the English output: the domain's terms
(``test_i18n.ENGLISH_TERMS``: "optimism bias", "quote"…) and the words of English sentences
(``test_corpus.english_in``: "the", "must", "expected"…). What the data wrote (names,
provenance, quantities as written) and file names are set aside first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soicost.cli import app
from test_cli_backtest import HISTORY_CSV
from test_corpus import english_in
from test_i18n import _soicost_words, english_terms_in

# A figure cut off ends in "…" right after a digit or a comma: "99,8 …", "1,94…".
_CUT = re.compile(r"[\d,][\u202f ]?…")
# Files and paths that commands name in their output (scenarios-by-year.md,
# /tmp/pytest-of-root/…) and the dotted paths of the input files' keys
# (uncertainty.application) hold English words that are not soicost's wording.
_NAMES = re.compile(r"[\w./-]+\.(?:md|csv|html|json|xlsx|yaml|svg)\b|(?:/[\w.-]+)+"
                    r"|\b[a-z_]+(?:\.[a-z_]+)+\b")


def _commands(app_id: str, history: Path, out: Path) -> list[list[str]]:
    return [["validate"], ["estimate", "-n", "500"], ["estimate", "-n", "500", "-f", "markdown"],
            ["estimate", "-n", "500", "-f", "csv", "--csv-dialect", "excel-fr"],
            ["compare", "-n", "500"], ["compare", "-n", "500", "-f", "markdown"],
            ["assets"], ["assets", "-f", "markdown"], ["explain", app_id, "-n", "300"],
            ["sensitivity", "-n", "128"], ["cite", f"app:{app_id}", "-n", "500"],
            ["cite", "migration", "-n", "500", "--allow-illustrative"],
            ["verify", "12345678", "-n", "300"], ["backtest", str(history), "-n", "200",
                                                  "--replicates", "5"],
            ["tables", "--out", str(out / "tables"), "-n", "300"],
            ["report", "-n", "300", "-o", str(out / "report.html")]]


def _shown(args: list[str], result_text: str, out: Path) -> str:
    """What a reader of the command reads: its output, or the files it wrote."""
    if args[0] == "tables":
        return "\n".join(p.read_text(encoding="utf-8")
                         for p in sorted((out / "tables").glob("*.md")))
    if args[0] == "report":
        html = (out / "report.html").read_text(encoding="utf-8")
        html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", html)
        return text.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return result_text


def _english(text: str) -> list[str]:
    ours = _NAMES.sub("", _soicost_words(text))
    return english_terms_in(ours) + english_in(ours)


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newcomer") / "inventaire"
    result = CliRunner().invoke(app, ["-q", "init", str(folder), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("where", ["bundled", "newcomer"])
def test_every_command_speaks_french_and_cuts_no_figure(
        where: str, columns: str, newcomer: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    data = [] if where == "bundled" else ["--data", str(newcomer)]
    app_id = "piaf" if where == "bundled" else "case-management"
    runner = CliRunner()
    found = {}
    for args in _commands(app_id, history, tmp_path):
        result = runner.invoke(app, ["-q", *args, "--lang", "fr",
                                     *([] if args[0] == "backtest" else data)])
        # verify exits 1 when it does not reproduce: its message is what is read.
        assert result.exit_code in (0, 1), (args, result.output)
        text = _shown(args, result.stdout + result.stderr, tmp_path)
        assert text.strip(), args
        english, cut = _english(text), _CUT.findall(text)
        if english or cut:
            found[" ".join(args[:2])] = (english, cut)
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_the_detectors_find_the_english_of_every_command(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    runner = CliRunner()
    for args in _commands("piaf", history, tmp_path):
        if "csv" in args:
            continue  # column titles only, in which neither detector has words to find
        result = runner.invoke(app, ["-q", *args, "--lang", "en"])
        text = _shown(args, result.stdout + result.stderr, tmp_path)
        assert _english(text), args
