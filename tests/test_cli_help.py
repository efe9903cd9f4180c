"""The command line's help and typer's usage errors in French (soicost.cli_help,
soicost.typer_words), English untouched."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import typer.main
from typer import rich_utils
from typer.testing import CliRunner

from soicost.cli import app
from soicost.cli_help import help_messages, spoken_in, translated
from soicost.typer_words import RICH_WORDS, error_text

NBSP = "\u00a0"


@pytest.fixture
def locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The locale's variables, cleared: a test sets the ones it means."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def _lines(text: str) -> list[str]:
    """The lines of a rich help, without its frame and its margins."""
    return [line.strip(" │╭╮╰╯─") for line in text.splitlines()]


def _flat(text: str) -> str:
    """A help or an error on one line: its frame gone, its ASCII spaces and line breaks
    collapsed (no-break spaces kept)."""
    return re.sub(r"[ \n]+", " ", text.replace("│", " "))


def _help(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


FRENCH_ESTIMATE = [
    f"Utilisation{NBSP}: soicost estimate [OPTIONS]",
    "Coût de migration de chaque application et du portefeuille, en P10/P50/P90/moyenne.",
    f"Exemple{NBSP}: soicost estimate --format json --output estimate.json",
]


@pytest.mark.parametrize("args", [["estimate", "--help"], ["estimate", "--lang", "fr", "--help"],
                                  ["estimate", "--help", "--lang", "fr"],
                                  ["estimate", "--lang=fr", "--help"]],
                         ids=["LANG=fr_FR", "--lang fr --help", "--help --lang fr", "--lang=fr"])
def test_the_help_of_a_command_is_in_french(runner: CliRunner, locale: pytest.MonkeyPatch,
                                            args: list[str]) -> None:
    locale.setenv("LANG", "fr_FR.UTF-8" if args == ["estimate", "--help"] else "C")
    text = _help(runner, *args)
    lines = _lines(text)
    for line in FRENCH_ESTIMATE:
        assert line in lines
    assert f"Format de sortie. [par défaut{NBSP}: table]" in _flat(text)
    assert f"[variable d'environnement{NBSP}: SOICOST_DATA]" in text
    assert "Affiche cette aide et s'arrête." in text
    assert "Output format" not in text and "[default:" not in text


def test_the_english_help_is_typers(runner: CliRunner, locale: pytest.MonkeyPatch) -> None:
    locale.setenv("LANG", "C")
    french = _help(runner, "estimate", "--lang", "fr", "--help")
    english = _help(runner, "estimate", "--help")  # typer's words were put back
    assert french != english
    lines = _lines(english)
    assert "Usage: soicost estimate [OPTIONS]" in lines
    assert "Example: soicost estimate --format json --output estimate.json" in lines
    assert "Output format. [default: table]" in _flat(english)
    assert "[env var: SOICOST_DATA]" in english
    assert english == _help(runner, "estimate", "--lang", "en", "--help")


def test_the_list_of_commands_is_in_french(runner: CliRunner, locale: pytest.MonkeyPatch) -> None:
    locale.setenv("LC_ALL", "fr_FR.UTF-8")
    locale.setenv("LANG", "en_GB.UTF-8")  # LC_ALL comes first
    text = _help(runner, "--help")
    assert "Commandes" in text and "Commands" not in text
    assert "validate Vérifie les trois fichiers d'entrée et les résume." in _flat(text)
    assert f"Utilisation{NBSP}: soicost [OPTIONS] COMMAND [ARGS]..." in _lines(text)


@pytest.mark.parametrize(("args", "english", "french"), [
    (["estimate", "--samples", "abc"],
     "Invalid value for '--samples' / '-n': Input should be a valid integer, unable to parse "
     "string as an integer",
     f"Valeur invalide pour '--samples' / '-n'{NBSP}: un nombre entier est attendu, ce texte "
     "n'en est pas un"),
    (["estimate", "--method", "linear"],
     "Invalid value for '--method' / '-m': Value error, 'linear' is not one of 'flat', "
     "'drivers', 'fit'.",
     f"Valeur invalide pour '--method' / '-m'{NBSP}: 'linear' ne fait pas partie des valeurs "
     f"possibles{NBSP}: 'flat', 'drivers', 'fit'."),
    (["estimate", "--bogus"], "No such option: --bogus", f"Option inconnue{NBSP}: --bogus"),
    (["estimate", "--sample", "10"], "No such option: --sample (Possible options: --samples)",
     f"Option inconnue{NBSP}: --sample (options possibles{NBSP}: --samples)"),
    (["explain"], "Missing argument 'application'.",
     f"Argument manquant{NBSP}: 'application'."),
    (["estimat"], "No such command 'estimat'. Did you mean 'estimate'?",
     f"Commande inconnue{NBSP}: 'estimat'. Vouliez-vous dire 'estimate'\u202f?"),
    (["estimate", "--seed"], "Option '--seed' requires an argument.",
     "L'option '--seed' attend une valeur."),
    (["explain", "a", "b"], "Got unexpected extra argument(s) (b)",
     f"Argument(s) en trop{NBSP}: b"),
])
def test_a_usage_error_is_in_french(runner: CliRunner, locale: pytest.MonkeyPatch,
                                    args: list[str], english: str, french: str) -> None:
    """The English is typer's own as matched by typer_words: a change of typer's words fails
    here rather than leaving English in a French error."""
    locale.setenv("LANG", "C")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert english in _flat(result.output)
    assert "Error" in result.output
    shows_usage = "Usage: soicost" in result.output  # not for an option without its value
    locale.setenv("LANG", "fr_FR.UTF-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    text = _flat(result.output)
    assert french in text, result.output
    assert "Erreur" in text
    if shows_usage:
        assert f"Utilisation{NBSP}: soicost" in text
        assert "Pour obtenir de l'aide, essayez «\u202fsoicost" in text
    assert error_text(english, "fr") == french


@pytest.mark.parametrize("args", [["estimate", "--bogus", "--lang", "fr"],
                                  ["estimate", "--lang", "fr", "--samples", "x"],
                                  ["estimate", "--samples", "x", "--lang=fr"],
                                  ["--lang", "fr"]])
def test_a_usage_error_speaks_the_lang_option_wherever_it_is(
        runner: CliRunner, locale: pytest.MonkeyPatch, args: list[str]) -> None:
    locale.setenv("LANG", "C")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Erreur" in result.output and "Error" not in result.output


def test_typer_still_has_the_words_worded_again() -> None:
    """typer_words sets these constants of typer.rich_utils: they must still be typer's
    words, in English, for a French help to have no English left."""
    for name, english in RICH_WORDS.items():
        assert getattr(rich_utils, name) == english, name


def test_every_help_text_is_a_message_of_the_catalogue() -> None:
    messages = {message for message, _ in help_messages(typer.main.get_command(app))}
    assert "Output format." in messages
    assert "Example:" in messages
    assert "Show this message and exit." in messages
    assert not any(m.startswith("Example: ") for m in messages), "examples stay as they are"
    assert "Check the three input files and summarise them." in messages


def test_an_example_keeps_its_command() -> None:
    text = translated("Check.\n\nExample: soicost validate --data my-inventory/", "fr")
    assert text is not None and text.endswith(f"Exemple{NBSP}: soicost validate --data "
                                              "my-inventory/")


@pytest.mark.parametrize(("args", "lang"), [
    (["estimate", "--lang", "fr"], "fr"), (["estimate", "--lang=en"], "en"),
    (["estimate"], None), (["estimate", "--lang", "de"], None), (["--", "--lang", "fr"], None),
    (["estimate", "--lang"], None)])
def test_the_language_is_read_from_the_command_line(args: list[str], lang: str | None) -> None:
    assert spoken_in(args) == lang


def test_without_rich_the_error_is_in_french_too() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update({"TYPER_USE_RICH": "0", "LANG": "fr_FR.UTF-8", "NO_COLOR": "1"})
    result = subprocess.run([sys.executable, "-c", "from soicost.cli import main; main()",
                             "estimate", "--bogus"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert f"Erreur{NBSP}: Option inconnue{NBSP}: --bogus" in result.stderr
    assert "Pour obtenir de l'aide, essayez «\u202fsoicost estimate --help\u202f»." in result.stderr


@pytest.mark.parametrize("command", ["estimate", "report", "backtest", "tables", "init"])
def test_a_french_help_breaks_no_line_at_a_no_break_space_and_words_its_types(
        runner: CliRunner, locale: pytest.MonkeyPatch, command: str) -> None:
    locale.setenv("LANG", "fr_FR.UTF-8")
    locale.setenv("COLUMNS", "100")
    text = _help(runner, command, "--help")
    # The help column of the options' table: a line starting with the punctuation that a
    # no-break space ties to the word before it was broken at that space.
    helps = [line.split("│")[-2].strip() for line in text.splitlines() if line.count("│") >= 2]
    assert not [line for line in helps if line[:1] in ";:?!%»"], helps
    for english in ("<int>", "<path>", "<bool>", "<str>", "<%Y-%m-%d>"):
        assert english not in text
    english = runner.invoke(app, [command, "--help", "--lang", "en"]).output
    assert "<path>" in english or "<int>" in english
    assert "<bool>" in english  # typer's own, left in English


def test_french_wrapping_leaves_rich_as_it_was(runner: CliRunner,
                                               locale: pytest.MonkeyPatch) -> None:
    import rich._wrap

    before = rich._wrap.re_word
    locale.setenv("LANG", "fr_FR.UTF-8")
    _help(runner, "estimate", "--help")
    assert rich._wrap.re_word is before
