"""Domain errors, and the one place that turns them into messages.

The library raises these; the CLI catches :class:`SoicostError` and prints
:meth:`SoicostError.render`. No traceback ever reaches a user unless asked for.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

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

    def render(self) -> str:
        head = self.location.render_position()
        if self.severity == "warning":
            head += ": warning"
        where = f"{self.path}: " if self.path else ""
        lines = [f"{head}: {where}{self.message}"]
        if self.expected is not None:
            lines.append(f"  expected: {self._cli(self.expected)}")
        if self.found is not None:
            lines.append(f"  found:    {self.found}")
        lines.extend(self.location.render_excerpt())
        for label, other in self.related:
            lines.append(f"  {label}: {other.render_position()}")
            lines.extend("  " + line for line in other.render_excerpt())
        if self.also:
            shown = ", ".join(self.also[:_ALSO_SHOWN])
            more = len(self.also) - _ALSO_SHOWN
            if more > 0:
                shown += f" and {more} more"
            lines.append(f"  also used at: {shown} (through an alias)")
        if self.hint:
            lines.append(f"  hint: {self._cli(self.hint)}")
        return "\n".join(lines)

    def _cli(self, text: str) -> str:
        for concept, flag in self.flags:
            text = text.replace(concept, flag)
        return text

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
    """Base of every error soicost reports to a user; ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def render(self) -> str:
        return f"Error: {self}"


class InputError(SoicostError):
    """The inputs are invalid. Carries every problem found, not just the first, and the
    warnings found beside them (so that one run shows everything to fix)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(merge_repeats(problems), key=Problem.sort_key)
        self.errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(self.errors)} problem(s) in the inputs")

    def render(self) -> str:
        blocks = [p.render() for p in self.problems]
        files = {p.location.file for p in self.errors}
        count = len(self.errors)
        warned = len(self.problems) - count
        also = f" (and {warned} warning{'s' if warned > 1 else ''})" if warned else ""
        if count == 1:
            blocks.append(f"Error: 1 problem{also}; nothing was computed.")
        else:
            fnoun = "file" if len(files) == 1 else "files"
            blocks.append(f"Error: {count} problems in {len(files)} {fnoun}{also}; nothing "
                          "was computed.")
        return "\n\n".join(blocks)


def render_warnings(warnings: list[Problem] | tuple[Problem, ...]) -> str:
    """Warnings as one block for stderr, ending with what they mean for the figures."""
    merged = sorted(merge_repeats(list(warnings)), key=Problem.sort_key)
    if not merged:
        return ""
    count = len(merged)
    noun = "warning" if count == 1 else "warnings"
    blocks = [w.render() for w in merged]
    # Printed before anything is computed, and true whether the computation then succeeds
    # or fails for another reason.
    which = ("this input as written: check it" if count == 1
             else "these inputs as written: check them")
    blocks.append(f"Warning: {count} {noun}; computing with {which}.")
    return "\n\n".join(blocks)


class UsageError(SoicostError):
    """An option that cannot be acted upon.

    The library names the concept, the command line its flag: raised with
    ``option="samples"`` and a message in which ``{option}`` stands for the option's name,
    ``str(error)`` reads "samples must be at least 100…" and :meth:`render` (what the CLI
    prints) "Error: --samples must be at least 100…".
    """

    exit_code = 2

    def __init__(self, message: str, *, option: str | None = None) -> None:
        self.option = option
        self.template = message
        super().__init__(self._text(option.replace("_", " ") if option else ""))

    def _text(self, name: str) -> str:
        if self.option is None:
            return self.template
        return f"{name} " + self.template.replace("{option}", name)

    def render(self) -> str:
        if self.option is None:
            return f"Error: {self}"
        return f"Error: {self._text('--' + self.option.replace('_', '-'))}"


class ModelError(SoicostError):
    """The inputs are valid but the requested computation cannot be done with them.

    Where the message advises another method, ``{method}`` in it stands for it: the library
    says "the drivers method", the command line (:meth:`render`) "--method drivers".
    """

    def __init__(self, message: str, *, method: str | None = None) -> None:
        self.method = method
        self.template = message
        super().__init__(message.replace("{method}", f"the {method} method")
                         if method else message)

    def render(self) -> str:
        if self.method is None:
            return f"Error: {self}"
        return "Error: " + self.template.replace("{method}", f"--method {self.method}")


class OutputError(SoicostError):
    """An output could not be written."""


class FileError(SoicostError):
    """A file named on the command line, other than the three inputs (a JSON output given to
    ``verify`` or ``diff``), cannot be used: unreadable, not JSON, or not shaped as expected."""
