"""The message catalogue: complete, compiled, placeholders kept, read by gettext."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from soicost.i18n import LOCALE_DIR, N_, catalogue, ntr, tr

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_marked_message_has_a_french_translation() -> None:
    script = _script()
    template = script.extracted()
    assert len(template) > 10, "the extraction found the messages"
    untranslated = list(script.missing(script.read("fr"), template))
    assert untranslated == [], "translate them in soicost.po (python scripts/i18n.py update)"


def test_a_message_without_french_is_reported() -> None:
    from babel.messages.catalog import Catalog

    script = _script()
    template = Catalog()
    template.add("A message nobody translated")
    template.add("Mean")
    assert list(script.missing(script.read("fr"), template)) == ["A message nobody translated"]


def test_the_catalogue_holds_no_message_the_code_dropped() -> None:
    script = _script()
    extracted = {m.id for m in script.extracted() if m.id}
    held = {m.id for m in script.read("fr") if m.id}
    assert held - extracted == set(), "run python scripts/i18n.py update"


def test_the_compiled_catalogue_is_the_po_compiled() -> None:
    script = _script()
    mo = LOCALE_DIR / "fr" / "LC_MESSAGES" / "soicost.mo"
    assert mo.read_bytes() == script.mo_bytes(script.read("fr")), \
        "run python scripts/i18n.py compile"


_PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    script = _script()
    for message in script.read("fr"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_PLACEHOLDER.findall(i) for i in ids))
        for string in strings:
            assert set(_PLACEHOLDER.findall(string)) <= wanted | {"n"}, message.id
            assert wanted - {"n"} <= set(_PLACEHOLDER.findall(string)), message.id


def test_tr_translates_and_fills_after_translating() -> None:
    assert tr("en", "Mean") == "Mean"
    assert tr("fr", "Mean") == "Moyenne"
    assert tr("fr", "{name} mean", name="VAN") == "VAN (moyenne)"
    assert tr("en", "{name} mean", name="NPV") == "NPV mean"
    # A message outside the catalogue is shown as written (the tests above keep that from
    # happening to a marked one).
    assert tr("fr", "Not in the catalogue") == "Not in the catalogue"
    assert N_("Mean") == "Mean"


def test_french_plurals_take_the_singular_for_zero_and_one() -> None:
    fr = catalogue("fr")
    assert [fr.plural(n) for n in (0, 1, 2, 1000)] == [0, 0, 1, 1]  # type: ignore[attr-defined]
    assert ntr("en", "{n} file", "{n} files", 1) == "1 file"
    assert ntr("en", "{n} file", "{n} files", 0) == "0 files"


# English words that must not appear in French output (issue 17): the domain's vocabulary
# as soicost writes it, not the data's own words (names, sources, category ids).
ENGLISH_TERMS = ("optimism bias", "samples", "Derivation", "running:", "driver ", "factor ",
                 "Simulated", "mean ", "Method ", "seed ", "quote", "strategy ",
                 "criticality ", "assumed]", "sourced]", "illustrative]", "not given",
                 "elasticity", "uncertainty", "Input group", "First order", "Sobol indices",
                 "running costs", "staff cost", "Valid inputs", "input figures",
                 "Reproduced", "Not reproduced", "figures changed", "Input files",
                 "No input file", "figures compared")


def _french(runner: CliRunner, args: list[str]) -> str:
    from soicost.cli import app

    result = runner.invoke(app, ["-q", *args, "--lang", "fr"])
    # verify exits 1 when it does not reproduce: its message is what is checked.
    assert result.exit_code in (0, 1) and result.stdout, result.output
    return result.stdout


def _soicost_words(text: str) -> str:
    """``text`` without what the data wrote (provenance lines, names, quotes' scopes,
    quantities as written): what is left is soicost's own wording."""
    from soicost import load_inputs

    inputs = load_inputs()
    written = [a.name for a in inputs.applications.applications]
    written += [q.scope for a in inputs.applications.applications for q in a.quotes]
    written += ["lognormal(median 1, sigma 0.9)"]
    kept = [line for line in text.splitlines() if not line.strip().startswith("[")]
    text = "\n".join(kept)
    for data in sorted(written, key=len, reverse=True):
        text = text.replace(data, "")
    return re.sub(r"--[a-z-]+", "", text)  # option names are the same in every language


def english_terms_in(text: str) -> list[str]:
    ours = _soicost_words(text)
    return [term for term in ENGLISH_TERMS if term in ours]


BUNDLED = Path(__file__).resolve().parent.parent / "src" / "soicost" / "data"

# Commands already worded from the catalogue (issue 17 moves the others one by one).
CATALOGUED = [["explain", "piaf", "-n", "500"], ["explain", "payroll", "-n", "500"],
              ["explain", "intranet", "-n", "500", "--method", "flat"],
              ["sensitivity", "-n", "256"], ["sensitivity", "-n", "256", "-f", "markdown"],
              ["sensitivity", "-n", "256", "--figure", "delta:transfer-thirds"],
              ["validate"], ["verify", "12345678", "-n", "500"],
              ["diff", str(BUNDLED), str(BUNDLED), "-n", "500"]]


@pytest.mark.parametrize("args", CATALOGUED, ids=lambda a: "-".join(a[:2]))
def test_french_output_has_no_english_word_of_soicost(runner: CliRunner,
                                                      args: list[str]) -> None:
    from soicost.cli import app

    assert english_terms_in(_french(runner, args)) == []
    # The check itself can fail: the English output is full of those words.
    english = runner.invoke(app, ["-q", *args, "--lang", "en"])
    assert len(english_terms_in(english.stdout)) >= 2


def test_explain_writes_its_multipliers_with_a_decimal_comma_in_french(
        runner: CliRunner) -> None:
    text = _french(runner, ["explain", "payroll", "-n", "500"])
    assert "× 0,9619" in text  # the Flyvbjerg mixture's median: 1 + b = 0.962
    assert "× 0.9619" not in text


def test_french_typography_spaces_the_marks_and_leaves_the_values_alone() -> None:
    # A no-break space before ':', a narrow one before ';' '!' '?' '%' and inside « »;
    # a value put in the message (a path, a name) keeps its own spaces.
    assert tr("fr", "Valid inputs: {where}", where="C: x ; y") == \
        "Données d'entrée valides\u00a0: C: x ; y"
    assert tr("fr", "{n} ({kinds}); quoted: {quoted}", n=1, kinds="a", quoted="b") == \
        "1 (a)\u202f; avec devis\u00a0: b"
    assert tr("en", "Valid inputs: {where}", where="x") == "Valid inputs: x"


def test_the_fixed_values_of_the_input_files_all_have_words() -> None:
    # A value added to a Literal of the models without its word would show as the key.
    from typing import get_args

    from soicost.inputs.models import Category, Criticality, Kind, Strategy
    from soicost.render.words import ASSET_CATEGORIES, CRITICALITIES, KINDS, STRATEGIES

    for values, words in ((Kind, KINDS), (Strategy, STRATEGIES),
                          (Criticality, CRITICALITIES), (Category, ASSET_CATEGORIES)):
        assert set(get_args(values)) == set(words)
        for key, message in words.items():
            assert tr("en", message) == key  # English shows the key, as before
            assert tr("fr", message) != key  # each has its own French word


def test_explain_words_the_factor_categories_in_french(runner: CliRunner) -> None:
    text = _french(runner, ["explain", "payroll", "-n", "300"])
    assert "facteur type             progiciel 1 / progiciel 1" in text
    assert "facteur criticité        vitale 1,4 / vitale 1,4" in text
    assert "vendor" not in text.split("Calcul")[1].split("[")[0]


def test_a_french_number_takes_the_minus_sign_and_no_figure_is_a_negative_zero() -> None:
    from soicost.i18n import Number

    assert Number(-0.012, ".3f").text("fr") == "\u22120,012"
    assert Number(-0.012, ".3f").text("en") == "-0.012"
    assert Number(-0.0001, ".3f").text("en") == "0.000"  # not "-0.000"
    assert Number(-0.0001, ".3f").text("fr") == "0,000"


def test_a_said_missing_a_value_raises_unless_an_error_fills_it() -> None:
    from soicost.i18n import Said

    with pytest.raises(KeyError):
        Said("{name} starts on {date}", name="x")  # {date} forgotten: a bug, not "{date}"
    assert Said("must be at least {min} ({option})", min=100) == "must be at least 100 ({option})"


def test_an_option_error_keeps_the_plural_of_its_message() -> None:
    from soicost.errors import UsageError
    from soicost.i18n import said_n

    error = UsageError(said_n("needs {n} sample ({option})", "needs {n} samples ({option})", 2),
                       option="samples")
    assert str(error) == "samples needs 2 samples (samples)"
    assert error.render("en") == "Error: --samples needs 2 samples (--samples)"
