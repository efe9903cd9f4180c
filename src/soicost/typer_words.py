"""typer's own words (its help's titles and notes, its usage errors) in the user's language.

typer vendors click without its gettext: the words typer prints itself are English literals,
and the few it marks with ``gettext`` (its help panels' titles) are read once, when
``typer.rich_utils`` is imported, from the process-wide "messages" domain, which cannot follow
``--lang``. There is no hook to give typer a catalogue, so this module is the one place that
knows typer's English and words it again from soicost's catalogue:

- :func:`spoken` sets the module constants of ``typer.rich_utils`` (panel titles,
  "[default: …]", "Try '… --help' for help.") for the time a help or an error is shown, and
  :func:`restore` puts typer's own back;
- :func:`worded` rewrites a usage error's English message ("No such option: --x",
  "Invalid value for '--samples' / '-n': …") by matching it against typer's wording.

Nothing is imported from soicost's catalogue until a help or an error is shown.
tests/test_cli_help.py checks that typer still prints exactly the English matched here: a
change of typer's words fails a test instead of leaving English in a French help.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from typer import _click
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from soicost.i18n import N_

if TYPE_CHECKING:
    from soicost.i18n import Lang

# The constants of typer.rich_utils that are words, with their English as typer has it.
RICH_WORDS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ABORTED_TEXT": N_("Aborted."),
    # TRANSLATORS: rich markup: keep [blue] and [/] around the command.
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
USAGE = N_("Usage:")
# Typer's words when rich is not used (TYPER_USE_RICH=0): click's UsageError.show().
PLAIN_ERROR = N_("Error: {message}")
PLAIN_HINT = N_("Try '{command}' for help.")

_typers_own: dict[str, str] = {}


def _rich_utils() -> Any:
    """typer.rich_utils, or None when typer does without rich."""
    from typer.core import HAS_RICH

    if not HAS_RICH:
        return None
    from typer import rich_utils

    return rich_utils


def speak(lang: Lang) -> None:
    """Word typer's help panels and error panel in ``lang`` until :func:`restore`."""
    module = _rich_utils()
    if module is None:
        return
    from soicost.i18n import tr

    for name, english in RICH_WORDS.items():
        _typers_own.setdefault(name, getattr(module, name))
        setattr(module, name, tr(lang, english) if lang != "en" else _typers_own[name])


def restore() -> None:
    """typer's own words back (nothing to do if they were never changed)."""
    module = sys.modules.get("typer.rich_utils")
    if module is not None:
        for name, value in _typers_own.items():
            setattr(module, name, value)


# rich wraps at any space, the no-break spaces of French typography included ("naïf)" at
# the end of a line, "; drivers" at the start of the next): its word pattern, made to break
# only at breaking spaces while a French help is shown.
_BREAKING = r"[^\S\u00a0\u202f]"
_WORD = re.compile(rf"{_BREAKING}*(?:\S|[\u00a0\u202f])+{_BREAKING}*")


@contextmanager
def spoken(lang: Lang) -> Iterator[None]:
    """typer's words in ``lang`` for the time of a ``with`` block, then as they were."""
    module = _rich_utils()
    before = {name: getattr(module, name) for name in RICH_WORDS} if module else {}
    wrap = sys.modules.get("rich._wrap")
    word = getattr(wrap, "re_word", None)
    speak(lang)
    if wrap is not None and word is not None:
        wrap.re_word = _WORD  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(module, name, value)
        if wrap is not None and word is not None:
            wrap.re_word = word  # type: ignore[attr-defined]


# Typer's usage errors, as its format_message() words them, and the catalogue's message for
# each; the named groups are put in the message as they are (names, values the user typed).
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message) for pattern, message in (
        (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
        (r"No such option: (?P<name>\S+) \(Possible options: (?P<names>.+)\)",
         N_("No such option: {name} (possible options: {names})")),
        (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
        (r"No such command (?P<name>'.*')\. Did you mean (?P<names>.+)\?",
         N_("No such command {name}. Did you mean {names}?")),
        (r"Missing command\.", N_("Missing command.")),
        (r"Missing argument (?P<name>'.+')\.", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>'.+')\.", N_("Missing option {name}.")),
        (r"Got unexpected extra argument\(s\) \((?P<values>.*)\)",
         N_("Got unexpected extra argument(s) ({values})")),
        (r"Option (?P<name>'.+') requires an argument\.",
         N_("Option {name} requires an argument.")),
        (r"Option (?P<name>'.+') does not take a value\.",
         N_("Option {name} does not take a value.")),
        (r"Invalid value for (?P<name>'[^:]+'): (?P<reason>.*)",
         N_("Invalid value for {name}: {reason}")),
        (r"Invalid value: (?P<reason>.*)", N_("Invalid value: {reason}")),
    ))
# Why a value is invalid (typer's conversion of the value, through pydantic).
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message) for pattern, message in (
        (r"(?:Value error, )?(?P<value>'.*') is not one of (?P<names>.+)\.",
         N_("{value} is not one of {names}.")),
        (r"Input should be a valid integer, unable to parse string as an integer",
         N_("Input should be a valid integer, unable to parse string as an integer")),
        (r"Input should be a valid integer, got a number with a fractional part",
         N_("Input should be a valid integer, got a number with a fractional part")),
        (r"Input should be a valid number, unable to parse string as a number",
         N_("Input should be a valid number, unable to parse string as a number")),
        (r"Value (?P<value>'.*') is not a valid (?P<what>.+)\.",
         N_("Value {value} is not a valid {what}.")),
        # soicost's own reason (cli._count), worded here with typer's.
        (r"(?P<value>'.*') is not a whole number written without a dot \(write "
         r"(?P<written>[-0-9]+)\)",
         N_("{value} is not a whole number written without a dot (write {written})")),
    ))


def _reworded(text: str, table: tuple[tuple[re.Pattern[str], str], ...],
              lang: Lang) -> str | None:
    from soicost.i18n import tr

    for pattern, message in table:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            if "reason" in values:
                values["reason"] = _reworded(values["reason"], _REASONS, lang) or values["reason"]
            return tr(lang, message, **values)
    return None


def error_text(text: str, lang: Lang) -> str:
    """A usage error's message (as typer words it) in ``lang``; as it is when unknown."""
    return _reworded(text, _ERRORS, lang) or text


class WordedUsageError(UsageError):
    """A usage error of typer, worded again in a language (exit status 2, as typer's)."""

    def __init__(self, message: str, ctx: _click.Context | None, lang: Lang) -> None:
        super().__init__(message, ctx)
        self.lang: Lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        """click's ``show()`` (used when rich is not), in the error's language."""
        from soicost.i18n import tr

        stream = file if file is not None else sys.stderr
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command = f"{self.ctx.command_path} {self.ctx.help_option_names[0]}"
                hint = tr(self.lang, PLAIN_HINT, command=command) + "\n"
            _click.echo(f"{self.ctx.get_usage()}\n{hint}", file=stream, color=self.ctx.color)
        _click.echo(tr(self.lang, PLAIN_ERROR, message=self.format_message()), file=stream,
                    color=self.ctx.color if self.ctx is not None else None)


def worded(error: UsageError, lang: Lang) -> UsageError:
    """``error`` in ``lang``, and typer's error panel worded in it until :func:`restore`.
    The help shown for a command called without arguments is left alone."""
    if lang == "en" or isinstance(error, NoArgsIsHelpError):
        return error
    speak(lang)
    again = WordedUsageError(error_text(error.format_message(), lang), error.ctx, lang)
    again.exit_code = error.exit_code
    return again
