"""The command line's help and usage errors in the user's language.

The help of soicost's commands and options is written in English in cli.py, as typer
expects; it is worded in French when it is shown, from the message catalogue:

- :class:`Typer` is the ``typer.Typer`` of soicost's app: its group is a
  :class:`SpeakingGroup` and its commands :class:`SpeakingCommand`\\ s (typer's ``cls=``);
- the language is the one of the command line's ``--lang`` wherever it stands (even after
  ``--help``, or next to an unknown option), else the locale's (LC_ALL, LC_MESSAGES, LANG):
  the group notes it in ``ctx.meta`` before click parses anything (see :func:`spoken_in`);
- a help in French is rendered from a copy of the command whose texts are translated (the
  command itself is never changed), with typer's own words (panel titles, "[default: …]")
  from :mod:`soicost.typer_words`; English is typer's rendering, untouched;
- a usage error (unknown option, missing argument, invalid value) is worded again by
  :func:`soicost.typer_words.worded` as it leaves the group.

The messages are the help texts themselves: :func:`help_messages` lists those of an app (a
command's help paragraph by paragraph, an "Example:" line's command left as it is), and
scripts/i18n.py adds them to the catalogue, so that a help text without French fails
``scripts/i18n.py check``.

Nothing here reads the catalogue until a help or an error is shown: ``--version`` stays fast.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer import _click
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import CommandFunctionType

from soicost.i18n import N_

if TYPE_CHECKING:
    from soicost.i18n import Lang

LANG_KEY = "soicost.lang"
EXAMPLE = "Example:"


def spoken_in(args: Sequence[str]) -> Lang | None:
    """The language given by ``--lang fr`` or ``--lang=fr`` on a command line (before a
    ``--``), read before click parses it: a help or an error shown before click reaches
    ``--lang`` speaks it too. None when there is none, or not a language of soicost."""
    from soicost.i18n import LANGS

    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    for lang in LANGS:
        if found == lang:
            return lang
    return None


def help_lang(ctx: _click.Context) -> Lang:
    """The language of the help and of the usage errors: the command line's, else the
    locale's."""
    from soicost.i18n import default_lang

    lang: Lang = ctx.meta.get(LANG_KEY) or default_lang()
    return lang


def paragraphs(help_text: str) -> list[str]:
    """A help text's paragraphs, each on one line."""
    import inspect

    text = inspect.cleandoc(help_text).partition("\f")[0]
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _message(paragraph: str) -> tuple[str, str]:
    """The catalogue's message of a paragraph, and what follows it as it is: an example's
    command is never translated."""
    if paragraph.startswith(EXAMPLE + " "):
        return EXAMPLE, paragraph[len(EXAMPLE):]
    return paragraph, ""


def translated(help_text: str | None, lang: Lang) -> str | None:
    """A help text in ``lang``, paragraph by paragraph (as it was when ``lang`` is English)."""
    if help_text is None or lang == "en":
        return help_text
    from soicost.i18n import tr

    out = []
    for paragraph in paragraphs(help_text):
        message, kept = _message(paragraph)
        out.append(tr(lang, message) + kept)
    return "\n\n".join(out)


def help_messages(command: _click.Command, path: str = "soicost"
                  ) -> Iterator[tuple[str, str]]:
    """Every help message of ``command`` and its subcommands, with where it is shown
    ("soicost estimate --samples"): what scripts/i18n.py puts in the catalogue."""
    ctx = _click.Context(command, info_name=path.rpartition(" ")[2])
    for text in (command.help, command.short_help):
        for paragraph in paragraphs(text or ""):
            yield _message(paragraph)[0], path
    for param in command.get_params(ctx):
        help_text = getattr(param, "help", None)
        if help_text:
            where = f"{path} {param.opts[0] if param.opts else param.name}"
            for paragraph in paragraphs(help_text):
                yield paragraph, where
    for name, sub in getattr(command, "commands", {}).items():
        yield from help_messages(sub, f"{path} {name}")


def _shown(command: _click.Command, ctx: _click.Context, lang: Lang) -> Any:
    """A copy of ``command`` with its help, its parameters' and its subcommands' in
    ``lang``."""
    shown: Any = copy.copy(command)
    shown.help = translated(command.help, lang)
    shown.short_help = translated(command.short_help, lang)
    params = []
    for param in command.get_params(ctx):
        param = copy.copy(param)
        if getattr(param, "help", None):
            param.help = translated(param.help, lang)  # type: ignore[attr-defined]
        if isinstance(param, TyperOption | TyperArgument):
            # On the copy only: what typer shows in the column of types.
            shown_type = _metavar(param.display_type_rich(ctx), lang)
            param.display_type_rich = lambda ctx, shown=shown_type: shown  # type: ignore[method-assign,misc]
        params.append(param)
    shown.params = params
    shown.add_help_option = False  # it is among the parameters, translated
    commands: dict[str, _click.Command] | None = getattr(command, "commands", None)
    if commands is not None:
        subcommands = {}
        for name, sub in commands.items():
            sub = copy.copy(sub)
            sub.help = translated(sub.help, lang)
            sub.short_help = translated(sub.short_help, lang)
            subcommands[name] = sub
        shown.commands = subcommands
    return shown


# The types typer shows beside the options, in the reader's words; a flag takes no value,
# and shows none.
_TYPES = {"<int>": N_("<integer>"), "<path>": N_("<path>"), "<str>": N_("<text>"),
          "<list[str]>": N_("<text>..."), "<%Y-%m-%d>": N_("<YYYY-MM-DD>"), "<bool>": ""}


def _metavar(shown: str | None, lang: Lang) -> str | None:
    from soicost.i18n import tr

    worded = _TYPES.get(shown or "")
    return shown if worded is None else tr(lang, worded) if worded else ""


class _Speaking(_click.Command):
    """What a group and a command do alike: their usage line and their help in the user's
    language."""

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        lang = help_lang(ctx)
        if lang == "en":
            super().format_usage(ctx, formatter)
            return
        from soicost.i18n import tr
        from soicost.typer_words import USAGE

        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=tr(lang, USAGE) + " ")

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        lang = help_lang(ctx)
        if lang == "en":
            super().format_help(ctx, formatter)
            return
        from soicost.typer_words import spoken

        with spoken(lang):
            super(_Speaking, _shown(self, ctx, lang)).format_help(ctx, formatter)


class SpeakingCommand(_Speaking, TyperCommand):
    """A command whose help speaks the user's language."""


class SpeakingGroup(_Speaking, TyperGroup):
    """The group of soicost's commands: notes the command line's language, and words the
    usage errors in it."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        lang = spoken_in(args)
        if lang is not None:
            ctx.meta[LANG_KEY] = lang
        return super().parse_args(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: _click.Context | None = None, **extra: Any) -> _click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as error:
            if error.ctx is not None:
                raise _worded(error, help_lang(error.ctx)) from None
            from soicost.i18n import default_lang

            raise _worded(error, spoken_in(args) or default_lang()) from None

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise _worded(error, help_lang(error.ctx or ctx)) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        finally:
            if "soicost.typer_words" in sys.modules:
                from soicost.typer_words import restore

                restore()


def _worded(error: UsageError, lang: Lang) -> UsageError:
    from soicost.typer_words import worded

    return worded(error, lang)


class Typer(typer.Typer):
    """soicost's ``typer.Typer``: its group and commands speak the user's language."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", SpeakingGroup)
        super().__init__(**kwargs)

    def command(
            self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
            **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """typer's ``command``, a :class:`SpeakingCommand` unless told otherwise."""
        return super().command(name, cls=cls or SpeakingCommand, **kwargs)
