"""Names and texts written in French and English: read, checked, fingerprinted, shown in the
output's language, with a visible fallback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import soicost
from soicost.cli import app
from soicost.errors import InputError
from soicost.inputs.scalars import Text

APPS = """applications:
  - id: payroll
    name: {name}
    kind: vendor
    quotes: [{{amount: 100k, date: 2024-01-01}}]
    provenance: {{status: assumed, source: x}}
"""


def inputs(name: str) -> soicost.Inputs:
    return soicost.load_texts(APPS.format(name=name))


def test_a_text_is_shown_in_the_language_asked_else_in_the_other_marked() -> None:
    both = Text({"fr": "Paie", "en": "Payroll"})
    assert (both.in_lang("fr"), both.in_lang("en"), str(both)) == ("Paie", "Payroll", "Paie")
    english = Text({"en": "Payroll"})
    assert (english.in_lang("fr"), english.in_lang("en"), str(english)) == \
        ("Payroll [en]", "Payroll", "Payroll")
    plain = Text("Paie")
    assert (plain.in_lang("fr"), plain.in_lang("en")) == ("Paie", "Paie")


@pytest.mark.parametrize(("written", "expected"), [
    ("{fr: Paie, de: Lohn}", "not a text in French and/or English"),
    ("{}", "not a text in French and/or English"),
    ("{fr: 3}", "not a text"),
    ('{fr: "a\\tb", en: b}', "a line break or a tab in a name"),
    ('{fr: " ", en: b}', "an empty name"),
])
def test_a_bad_text_is_refused_where_it_is_written(written: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        inputs(written)
    problem = info.value.problems[0]
    assert (problem.location.line, problem.path) == (3, "applications[0].name")
    assert expected in problem.message


def test_a_translation_changes_the_fingerprint_and_a_plain_name_does_not_move() -> None:
    plain = soicost.estimate(inputs("Paie"), soicost.EstimateOptions(samples=200))
    same = soicost.estimate(inputs('"Paie"'), soicost.EstimateOptions(samples=200))
    french = soicost.estimate(inputs("{fr: Paie}"), soicost.EstimateOptions(samples=200))
    both = soicost.estimate(inputs("{fr: Paie, en: Payroll}"),
                            soicost.EstimateOptions(samples=200))
    assert plain.fingerprint == same.fingerprint
    assert len({plain.fingerprint, french.fingerprint, both.fingerprint}) == 3
    # The JSON holds the French (the first language) as the name; figures do not move.
    data = soicost.to_json_data(both)
    assert data["applications"][0]["name"] == "Paie"
    assert data["migration"] == soicost.to_json_data(plain)["migration"]


def test_outputs_show_names_in_their_language(runner: CliRunner, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "applications.yaml").write_text(
        APPS.format(name="{fr: Paie des agents, en: Staff payroll}"), encoding="utf-8")
    (folder / "infrastructure.yaml").write_text("assets: []\n", encoding="utf-8")
    (folder / "assumptions.yaml").write_text("reference: payroll\n", encoding="utf-8")
    for lang, shown, hidden in (("fr", "Paie des agents", "Staff payroll"),
                                ("en", "Staff payroll", "Paie des agents")):
        for fmt in ("table", "markdown"):
            out = runner.invoke(app, ["-q", "estimate", "--data", str(folder), "-n", "200",
                                      "--lang", lang, "-f", fmt]).stdout
            assert shown in out and hidden not in out, (lang, fmt)
        out = runner.invoke(app, ["-q", "explain", "payroll", "--data", str(folder), "-n",
                                  "200", "--lang", lang]).stdout
        assert out.startswith(shown)
    out = runner.invoke(app, ["-q", "estimate", "--data", str(folder), "-n", "200", "-f",
                              "json"]).stdout
    assert json.loads(out)["applications"][0]["name"] == "Paie des agents"


def test_a_bilingual_name_in_a_message_is_shown_in_the_messages_language() -> None:
    from soicost.i18n import Said
    from soicost.inputs.scalars import Text

    name = Text({"fr": "Nouveau SaaS", "en": "New SaaS"})
    said = Said("{name!r} starts on {date}", name=name, date="2031-01-01")
    assert said == "'New SaaS' starts on 2031-01-01"  # its English, not the French str
    assert said.text("fr").startswith("'Nouveau SaaS'")
