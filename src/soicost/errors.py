"""Domain errors, and the one place that turns them into messages.

The library raises these; the CLI catches :class:`SoicostError` and prints
:meth:`SoicostError.render` in the command's language. No traceback ever reaches a user
unless asked for.

Their texts are :class:`~soicost.i18n.Said`: English strings (what ``str()``, comparisons
and logs see) that word themselves again in French when rendered. A plain ``str`` (a value
as written in the inputs, a path, a system's message) is shown as it is in every language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from soicost.i18n import Lang, Said, ntr, said, tr

_EXCERPT_WIDTH = 100


def printable(text: str) -> str:
    """``text`` with what a terminal would not print as it is (controls, invisible format
    characters such as a zero-width joiner, separators other than the space) written as
    escapes, as ``repr`` shows them: for names from the files (keys, drivers) placed in a
    message without quotes, where "us\u200ders" would read as "users"."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file. Lines and columns are 1-based, as editors show them."""

    file: str
    line: int = 0
    column: int = 0
    source_line: str | None = field(default=None, compare=False)

    def render_position(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def render_excerpt(self) -> list[str]:
        """The source line with a caret under the column, as compilers show it."""
        if self.source_line is None or self.line <= 0:
            return []
        number = str(self.line)
        gutter = " " * len(number)
        # One character per column, so that the caret stays under the right one. Controls,
        # invisible format characters (bidirectional controls among them), line separators
        # and surrogates are shown as U+FFFD: a terminal would act on them, draw nothing, or
        # (a surrogate) fail to print the message at all.
        text = "".join(" " if char == "\t" else "\ufffd" if unicodedata.category(char) in (
            "Cc", "Cf", "Cs", "Zl", "Zp") else char for char in self.source_line.rstrip("\r\n"))
        column = max(self.column - 1, 0)
        if len(text) > _EXCERPT_WIDTH:
            # Show a window around the column of a very long line.
            start = max(0, min(column - _EXCERPT_WIDTH // 2, len(text) - _EXCERPT_WIDTH))
            end = start + _EXCERPT_WIDTH
            shown = text[start:end]
            if start > 0:
                shown = "…" + shown[1:]
            if end < len(text):
                shown = shown[:-1] + "…"
            text, column = shown, column - start
        caret = " " * column + "^"
        return [f"  {number} | {text}".rstrip(), f"  {gutter} | {caret}"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs: where, in which field, what was expected and found."""

    location: Location
    message: str
    path: str = ""
    expected: str | None = None
    found: str | None = None
    hint: str | None = None
    related: tuple[tuple[str, Location], ...] = ()
    # Other fields holding the same written value (through YAML aliases): one report, not
    # one per use of the anchor.
    also: tuple[str, ...] = ()
    # A warning is legal but suspicious input: the figures are computed, and the reader is
    # told where to look.
    severity: Literal["error", "warning"] = "error"
    # The library names concepts ("the drivers method"); the command line prints its flags
    # ("--method drivers"): (concept, flag) pairs :meth:`render` puts in ``expected`` and
    # ``hint``, as :class:`UsageError` and :class:`ModelError` do for their messages.
    flags: tuple[tuple[str, str], ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.message)

    def render(self, lang: Lang = "en") -> str:
        # The position and its colon stay as compilers write them (file:line:column: …), which
        # editors read in any language; what follows is worded in ``lang``.
        text = said(self.message, lang)
        if self.path:
            text = tr(lang, "{path}: {message}", path=self.path, message=text)
        if self.severity == "warning":
            text = tr(lang, "warning: {text}", text=text)
        lines = [f"{self.location.render_position()}: {text}"]
        # Labels padded to one width, so that what was expected and what was found line up.
        labels = {"expected": tr(lang, "expected:"), "found": tr(lang, "found:")}
        width = max(len(label) for label in labels.values()) + 1
        if self.expected is not None:
            lines.append(f"  {labels['expected']:<{width}}{self._cli(self.expected, lang)}")
        if self.found is not None:
            lines.append(f"  {labels['found']:<{width}}{said(self.found, lang)}")
        lines.extend(self.location.render_excerpt())
        for label, other in self.related:
            lines.append(tr(lang, "  {label}: {position}", label=said(label, lang),
                            position=other.render_position()))
            lines.extend("  " + line for line in other.render_excerpt())
        if self.also:
            more = len(self.also) - _ALSO_SHOWN
            shown = ", ".join(self.also[:_ALSO_SHOWN])
            if more > 0:
                shown = ntr(lang, "{shown} and {n} more", "{shown} and {n} more", more,
                            shown=shown)
            lines.append(tr(lang, "  also used at: {fields} (through an alias)", fields=shown))
        if self.hint:
            lines.append(tr(lang, "  hint: {hint}", hint=self._cli(self.hint, lang)))
        return "\n".join(lines)

    def _cli(self, text: str, lang: Lang) -> str:
        worded = said(text, lang)
        for concept, flag in self.flags:
            worded = worded.replace(tr(lang, concept), flag)
        return worded

    def _identity(self) -> tuple[object, ...]:
        loc = self.location
        related = tuple((label, other.render_position()) for label, other in self.related)
        return (loc.file, loc.line, loc.column, self.message, self.expected, self.found,
                self.hint, related)


_ALSO_SHOWN = 3


def merge_repeats(problems: list[Problem]) -> list[Problem]:
    """One problem per written value: a value reached through several aliases is reported
    once, naming the other fields that use it."""
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem._identity(), []).append(problem)
    merged = []
    for group in groups.values():
        first = group[0]
        others = tuple(dict.fromkeys(
            p.path for p in group[1:] if p.path and p.path != first.path))
        merged.append(replace(first, also=first.also + others) if others else first)
    return merged


class SoicostError(Exception):
    """Base of every error soicost reports to a user; ``exit_code`` is what the CLI returns.

    Raised with a :class:`~soicost.i18n.Said` (or a plain ``str``, shown as it is)."""

    exit_code = 1
    # The language render() speaks when not told: English, except for an error made in the
    # language of the output it was for (a citation's refusal).
    lang: Lang = "en"

    def __init__(self, message: str = "", /) -> None:
        self.said = message
        super().__init__(message)

    def words(self, lang: Lang) -> str:
        """The error's text in ``lang``, without the "Error: " prefix."""
        return said(self.said, lang)

    def render(self, lang: Lang | None = None) -> str:
        lang = lang or self.lang
        return tr(lang, "Error: {message}", message=self.words(lang))


class InputError(SoicostError):
    """The inputs are invalid. Carries every problem found, not just the first, and the
    warnings found beside them (so that one run shows everything to fix)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(merge_repeats(problems), key=Problem.sort_key)
        self.errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(Said("{n} problem(s) in the inputs", n=len(self.errors)))

    def render(self, lang: Lang | None = None) -> str:
        lang = lang or self.lang
        blocks = [p.render(lang) for p in self.problems]
        files = len({p.location.file for p in self.errors})
        count = len(self.errors)
        warned = len(self.problems) - count
        also = ntr(lang, " (and {n} warning)", " (and {n} warnings)", warned) if warned else ""
        if count == 1:
            blocks.append(tr(lang, "Error: 1 problem{also}; nothing was computed.", also=also))
        else:
            blocks.append(ntr(lang, "Error: {count} problems in {n} file{also}; nothing was "
                                    "computed.",
                              "Error: {count} problems in {n} files{also}; nothing was "
                              "computed.", files, count=count, also=also))
        return "\n\n".join(blocks)


def render_warnings(warnings: list[Problem] | tuple[Problem, ...], lang: Lang = "en") -> str:
    """Warnings as one block for stderr, ending with what they mean for the figures."""
    merged = sorted(merge_repeats(list(warnings)), key=Problem.sort_key)
    if not merged:
        return ""
    blocks = [w.render(lang) for w in merged]
    # Printed before anything is computed, and true whether the computation then succeeds
    # or fails for another reason.
    blocks.append(ntr(lang, "Warning: {n} warning; computing with this input as written: "
                            "check it.",
                      "Warning: {n} warnings; computing with these inputs as written: "
                      "check them.", len(merged)))
    return "\n\n".join(blocks)


class UsageError(SoicostError):
    """An option that cannot be acted upon.

    The library names the concept, the command line its flag: raised with
    ``option="samples"`` and a message in which ``{option}`` stands for the option's name,
    ``str(error)`` reads "samples must be at least 100…" and :meth:`render` (what the CLI
    prints) "Error: --samples must be at least 100…". The message is a
    :class:`~soicost.i18n.Said` whose values leave ``{option}`` to be filled here.
    """

    exit_code = 2

    def __init__(self, message: str, *, option: str | None = None) -> None:
        self.option = option
        self.template = message
        super().__init__(self._text(option.replace("_", " ") if option else "", "en"))

    def _text(self, name: str, lang: Lang) -> str:
        if self.option is None:
            return said(self.template, lang)
        if isinstance(self.template, Said):
            return tr(lang, "{option} {message}", option=name,
                      message=self.template.with_values(option=name).text(lang))
        return f"{name} " + self.template.replace("{option}", name)

    def words(self, lang: Lang) -> str:
        if self.option is None:
            return said(self.template, lang)
        return self._text("--" + self.option.replace("_", "-"), lang)


class ModelError(SoicostError):
    """The inputs are valid but the requested computation cannot be done with them.

    Where the message advises another method, ``{method}`` in it stands for it: the library
    says "the drivers method", the command line (:meth:`render`) "--method drivers".
    """

    def __init__(self, message: str, *, method: str | None = None) -> None:
        self.method = method
        self.template = message
        super().__init__(self._text(Said("the {method} method", method=method), "en")
                         if method else message)

    def _text(self, method: str, lang: Lang) -> str:
        if isinstance(self.template, Said):
            return self.template.with_values(method=method).text(lang)
        return self.template.replace("{method}", method)

    def words(self, lang: Lang) -> str:
        if self.method is None:
            return said(self.template, lang)
        return self._text(f"--method {self.method}", lang)


class OutputError(SoicostError):
    """An output could not be written."""


class FileError(SoicostError):
    """A file named on the command line, other than the three inputs (a JSON output given to
    ``verify`` or ``diff``), cannot be used: unreadable, not JSON, or not shaped as expected."""
