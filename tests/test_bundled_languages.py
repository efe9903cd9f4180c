"""The bundled CASVP example is written in French first, with English labels, and its
outputs quote the names of the language asked: a French letter quotes no English name, an
English table no French one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import soicost
from soicost.cli import app
from soicost.inputs.scalars import Text

DATA = Path(soicost.__file__).parent / "data"
TEXTS = ("name", "description", "rationale", "scope", "source")  # may be {fr: …, en: …}

runner = CliRunner()


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every text of a YAML tree (a name, a description, a source…), with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXTS:
                yield f"{path}.{key}", value
            else:
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, f"{path}[{i}]")


@pytest.mark.parametrize("file", ["applications.yaml", "infrastructure.yaml",
                                  "assumptions.yaml"])
def test_every_text_of_the_bundled_data_is_in_french_then_english(file: str) -> None:
    tree = yaml.safe_load((DATA / file).read_text(encoding="utf-8"))
    texts = list(_texts(tree))
    assert texts
    not_both = [path for path, value in texts
                if not (isinstance(value, dict) and list(value) == ["fr", "en"])]
    assert not not_both, f"not written {{fr: …, en: …}} in {file}: {', '.join(not_both)}"


def _both(text: str) -> tuple[str, str]:
    assert isinstance(text, Text) and text.languages, text
    return text.in_lang("fr"), text.in_lang("en")


def _first_cells(markdown: str) -> list[str]:
    """The first cell of every row of the Markdown tables (headers and separators left)."""
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    return [row.split("|")[1].strip() for row in rows if not row.startswith("|---")]


def _shows(cell: str, name: str) -> bool:
    """Whether a table cell shows ``name``, in full or cut short with '…'."""
    return cell == name or (cell.endswith("…") and name.startswith(cell[:-1]))


@pytest.fixture(scope="module")
def inputs() -> soicost.Inputs:
    return soicost.load_inputs()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_estimate_names_every_application_in_the_language_asked(
        inputs: soicost.Inputs, lang: str) -> None:
    result = runner.invoke(app, ["-q", "estimate", "-n", "200", "-f", "markdown", "--lang",
                                 lang])
    assert result.exit_code == 0, result.output
    cells = _first_cells(result.stdout)
    missing, foreign = [], []
    for application in inputs.applications.applications:
        fr, en = _both(application.name)
        shown, other = (fr, en) if lang == "fr" else (en, fr)
        if not any(_shows(cell, shown) for cell in cells):
            missing.append(shown)
        if shown != other and any(_shows(cell, other) and not _shows(cell, shown)
                                  for cell in cells):
            foreign.append(other)
    assert not missing, f"applications not named in {lang}: {missing}"
    assert not foreign, f"applications named in the other language: {foreign}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compare_names_every_scenario_in_the_language_asked(
        inputs: soicost.Inputs, lang: str) -> None:
    result = runner.invoke(app, ["-q", "compare", "-n", "200", "-f", "markdown", "--lang",
                                 lang])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for scenario in inputs.assumptions.scenarios:
        fr, en = _both(scenario.name)
        shown, other = (fr, en) if lang == "fr" else (en, fr)
        assert shown in out, (lang, scenario.id)
        if other != shown:
            assert other not in out, (lang, scenario.id)


def test_a_french_citation_quotes_french_names(inputs: soicost.Inputs) -> None:
    piaf = inputs.reference
    fr, en = _both(piaf.name)
    result = runner.invoke(app, ["-q", "cite", "app:piaf", "-n", "200", "--lang", "fr",
                                 "--allow-illustrative"])
    assert result.exit_code == 0, result.output
    assert fr in result.stdout and en not in result.stdout
