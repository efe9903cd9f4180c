"""Safe YAML reading that remembers where every value came from.

The document is composed with PyYAML (safe loader, YAML 1.2 core schema) and turned into
plain Python by hand, so that every value's position is kept (for error messages), duplicate
keys are caught, and alias bombs are refused before they expand.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soicost.atomic import os_reason
from soicost.errors import InputError, Location, Problem, printable
from soicost.i18n import N_, Count, Joined, Number, Said
from soicost.inputs.quantity import DOTTED_THOUSANDS

MAX_BYTES = 10 * 1024 * 1024
# A 10,000-application inventory expands to about 300,000 nodes; anything near this limit
# is an alias bomb, not an inventory.
MAX_NODES = 2_000_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _CoreResolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema: no 'no' as false, no octal '010', no sexagesimal '1:30'."""


_CORE_RESOLVERS: tuple[tuple[str, re.Pattern[str], list[str]], ...] = (
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")),
    ("float", re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
     list("-+0123456789.")),
    ("merge", re.compile(r"^<<$"), ["<"]),
)
_CoreResolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in _CORE_RESOLVERS:
    _CoreResolver.add_implicit_resolver(f"{_CORE}{_tag}", _regexp, _first)


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _CoreResolver):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        # Composing is recursive: stop at MAX_DEPTH rather than exhaust Python's stack.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[arg-type]
            return node
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


@dataclass(frozen=True)
class SourceFile:
    """A decoded input file, kept for quoting its lines in messages."""

    display: str
    text: str
    lines: tuple[str, ...] = field(repr=False)

    def location(self, line0: int, column0: int) -> Location:
        line = self.lines[line0] if 0 <= line0 < len(self.lines) else None
        return Location(self.display, line0 + 1, column0 + 1, line)

    def problem(self, message: str, line0: int = -1, column0: int = -1,
                **extra: Any) -> Problem:
        loc = self.location(line0, column0) if line0 >= 0 else Location(self.display)
        return Problem(loc, message, **extra)


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every value and key."""

    source: SourceFile
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # Problems found while reading (duplicate keys, tags…), and the paths whose values were
    # dropped because of them: validation errors at or below those paths are consequences.
    problems: list[Problem] = field(default_factory=list)
    damaged: set[PathKey] = field(default_factory=set)

    def is_damaged(self, path: PathKey) -> bool:
        return any(path[:len(bad)] == bad for bad in self.damaged)

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The position of ``path``, or of its nearest ancestor that exists."""
        if key and path in self.key_marks:
            return self.source.location(*self.key_marks[path])
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return self.source.location(*mark)
        return Location(self.source.display)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        # Keys are names from the file: shown escaped when a terminal would not print them.
        out += f"[{part}]" if isinstance(part, int) else (
            f".{printable(part)}" if out else printable(str(part)))
    return out


def _format_size(size: int) -> Said:
    if size < 1024:
        return Said("{size} bytes", size=size)
    if size < 1024 * 1024:
        return Said("{size} KB", size=Number(round(size / 1024, 1), "g"))
    return Said("{size} MB", size=Number(round(size / (1024 * 1024), 1), "g"))


def file_kind(mode: int, otherwise: str) -> str:
    """What a file that is not a regular file or a folder is, from its ``st_mode``: a
    :class:`~soicost.i18n.Said`, or ``otherwise``."""
    import stat

    if stat.S_ISFIFO(mode):
        return Said("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Said("a device")
    if stat.S_ISSOCK(mode):
        return Said("a socket")
    return otherwise


def read_source(path: Path, display: str) -> SourceFile:
    """Read and decode one file, refusing what cannot be a hand-written YAML inventory."""

    import errno
    import stat

    def fail(message: str, hint: str | None = None) -> InputError:
        return InputError([Problem(Location(display), message, hint=hint)])

    too_large = Said("an inventory of 10,000 applications takes about 3 MB")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(Said("is a folder, not a YAML file"),
                       hint=Said("--data names the folder; the three files inside it must "
                                 "be files"))
        if not stat.S_ISREG(info.st_mode):
            raise fail(Said("is not a regular file (a device, pipe or socket?)"))
        size = info.st_size
        if size > MAX_BYTES:
            raise fail(Said("file is too large ({size}; the limit is {limit})",
                            size=_format_size(size), limit=_format_size(MAX_BYTES)),
                       hint=too_large)
        with path.open("rb") as handle:
            # Read no more than the limit, whatever stat() said: the file may be growing.
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise fail(Said("file is too large (more than {limit})",
                            limit=_format_size(MAX_BYTES)), hint=too_large)
    except FileNotFoundError:
        raise fail(Said("file not found"),
                   hint=Said("run `soicost init DIR` to create a starter set, or point --data "
                             "at a folder holding the three files")) from None
    except PermissionError:
        raise fail(Said("cannot read the file: permission denied")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail(Said("is a symbolic-link loop: following the link never reaches a "
                            "file"),
                       hint=Said("replace the link by the file, or point it at the file")
                       ) from None
        # The catalogue's words for the common errors, else the system's own.
        raise fail(Said("cannot read the file: {reason}", reason=os_reason(exc))) from None
    return decode_source(raw, display)


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with every other byte zero."""
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return any(sample[i::2].count(0) > 0.9 * half for i in (0, 1))


def decode_source(raw: bytes, display: str) -> SourceFile:
    """Decode UTF-8 (with or without a byte-order mark), normalising line endings."""

    def fail(message: str, line0: int = -1, col0: int = -1, hint: str | None = None,
             text: str = "") -> InputError:
        lines = text.split("\n")
        loc = (Location(display, line0 + 1, col0 + 1, lines[line0] if line0 < len(lines)
                        else None) if line0 >= 0 else Location(display))
        return InputError([Problem(loc, message, hint=hint)])

    def encoded(encoding: str) -> InputError:
        return fail(Said("file is encoded in {encoding}", encoding=encoding),
                    hint=Said("save it as UTF-8"))

    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise encoded("UTF-32")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise encoded("UTF-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192]:
        if _looks_like_utf16(raw):
            raise encoded("UTF-16")
        raise fail(Said("binary file: this is not a YAML text file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _normalise_newlines(raw[: exc.start].decode("utf-8", errors="replace"))
        line0 = before.count("\n")
        col0 = len(before) - (before.rfind("\n") + 1)
        shown = _normalise_newlines(raw.decode("cp1252", errors="replace"))
        hint = Said("the file looks like Latin-1 or Windows-1252 (byte {byte}); save it as "
                    "UTF-8", byte=f"0x{raw[exc.start]:02X}")
        raise fail(Said("file is not valid UTF-8"), line0, col0, hint, shown) from None
    text = _normalise_newlines(text)
    raw_break = _RAW_LINE_BREAK.search(text)
    if raw_break is not None:
        # PyYAML (YAML 1.1) ends a line at these, editors and terminals do not: a comment
        # could hide a line that is read, and every position after it would be a line off.
        before = text[: raw_break.start()]
        line0 = before.count("\n")
        char = raw_break[0]
        instead = (Said('or write a line break as "\\n"') if char == "\x85" else
                   Said('or write it as "{escape}" in a double-quoted string',
                        escape=f"\\u{ord(char):04X}"))
        raise fail(Said("{character} written as it is: a line break to YAML 1.1 readers, not "
                        "to editors", character=Said(_RAW_LINE_BREAK_NAMES[char])),
                   line0, len(before) - (before.rfind("\n") + 1),
                   hint=Said("the file would not read as it shows (a comment could hide a line "
                             "that is read): remove it, {instead}", instead=instead), text=text)
    return SourceFile(display, text, tuple(text.split("\n")))


# Line breaks for YAML 1.1 (and so for PyYAML), but not for YAML 1.2, editors or terminals.
_RAW_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
_RAW_LINE_BREAK_NAMES = {"\x85": N_("control character U+0085 (next line, NEL)"),
                         "\u2028": N_("U+2028 (LINE SEPARATOR)"),
                         "\u2029": N_("U+2029 (PARAGRAPH SEPARATOR)")}


def _normalise_newlines(text: str) -> str:
    # Windows (CRLF) and old Mac (CR) line endings: YAML counts both as one line break.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_document(source: SourceFile) -> Document:
    """Compose and convert one YAML document, or raise InputError pointing at the problems."""
    doc = compose_document(source)
    if doc.problems:
        raise InputError(doc.problems)
    return doc


def compose_document(source: SourceFile) -> Document:
    """Compose and convert one YAML document.

    Raises InputError when nothing can be read (a syntax error, an alias bomb, an empty
    file); problems that spoil only some values (duplicate keys, tags) are returned in
    ``Document.problems`` so that the rest of the file can still be validated.
    """
    loader: _Loader | None = None
    try:
        # The reader checks for forbidden characters as soon as it is created.
        loader = _Loader(source.text)
        loader.name = source.display
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(source, exc)]) from None
    except yaml.reader.ReaderError as exc:
        before = source.text[: exc.position]
        line0 = before.count("\n")
        col0 = len(before) - (before.rfind("\n") + 1)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or
                                                                         "\0")
        raise InputError([source.problem(
            Said("invalid YAML: control character {code} is not allowed",
                 code=f"U+{char:04X}"), line0, col0,
            hint=Said("remove it, or write it as an escape such as \"\\t\" in a "
                      "double-quoted string"))]) from None
    except yaml.YAMLError as exc:
        # PyYAML's own words: no other error than those above is known to reach here.
        raise InputError([source.problem(Said("invalid YAML: {problem}",
                                              problem=str(exc)))]) from None
    except ValueError as exc:
        assert loader is not None  # only composing raises it
        raise InputError([_escape_problem(source, loader, exc)]) from None
    except _TooDeep as exc:
        raise InputError([source.problem(_too_deep(), exc.mark.line,
                                         exc.mark.column)]) from None
    except RecursionError:
        raise InputError([source.problem(_too_deep())]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise InputError([source.problem(Said("file is empty"),
                                         hint=Said("see `soicost init` for a starter set"))])
    _check_expansion(node, source)
    converter = _Converter(source)
    data = converter.convert(node, ())
    return Document(source, data, converter.marks, converter.key_marks, converter.problems,
                    converter.damaged)


def _too_deep() -> Said:
    return Said("nesting too deep (more than {depth} levels)", depth=MAX_DEPTH)


def _escape_problem(source: SourceFile, loader: _Loader, exc: ValueError) -> Problem:
    """PyYAML turns "\\U00110000" into chr(0x110000) unchecked, and raises ValueError with
    the reader stopped at the escape's digits."""
    mark = loader.get_mark()
    digits = loader.prefix(8)
    if not re.fullmatch(r"[0-9A-Fa-f]{8}", digits):
        return source.problem(Said("invalid YAML: {problem}", problem=str(exc)), mark.line,
                              mark.column)
    return source.problem(
        Said('invalid YAML: the escape "{escape}" is beyond the last Unicode character '
             "(U+10FFFF)", escape=f"\\U{digits}"), mark.line, max(mark.column - 2, 0),
        hint=Said("remove it, or write the character itself"))


# What PyYAML's messages call things, in words a user of this tool knows.
_TOKENS = {
    "'<block end>'": N_("the end of the indented block"),
    "<block end>": N_("the end of the indented block"),
    "'?'": N_("a key"),
    "'-'": N_("a list item"),
    "'<scalar>'": N_("a value"),
    "'<block mapping start>'": N_("an indented mapping"),
    "'<block sequence start>'": N_("an indented list"),
    "'<stream end>'": N_("the end of the file"),
    "'<alias>'": N_("an alias (*name)"),
    "'<anchor>'": N_("an anchor (&name)"),
    "'<tag>'": N_("a tag (!!name)"),
    "'<document start>'": "'---'",
}
_SUBJECTS = {
    "block collection": "list", "block mapping": "mapping", "flow sequence": "list",
    "flow mapping": "mapping", "quoted scalar": "quoted string", "simple key": "key",
    "plain scalar": "value", "block scalar": "block of text", "node": "value",
    "flow node": "value", "block node": "value",
}
# Where the thing being read starts (the label of a related position), by subject.
_STARTS_AT = {
    "list": N_("the list starts at"), "mapping": N_("the mapping starts at"),
    "quoted string": N_("the quoted string starts at"), "key": N_("the key starts at"),
    "value": N_("the value starts at"), "block of text": N_("the block of text starts at"),
}
# What PyYAML says it expected, in the file's terms (its other words are values: "','").
_EXPECTED_WORDS = {
    "a comment or a line break": N_("a comment or a line break"),
    "a digit": N_("a digit"),
    "a digit or ' '": N_("a digit or ' '"),
    "a digit or '.'": N_("a digit or '.'"),
    "alphabetic or numeric character": N_("alphabetic or numeric character"),
    "chomping or indentation indicators": N_("chomping or indentation indicators"),
    "indentation indicator in the range 1-9": N_("indentation indicator in the range 1-9"),
    "the node content": N_("the node content"),
    "URI": N_("URI"),
    "URI escape sequence of 2 hexadecimal numbers":
        N_("URI escape sequence of 2 hexadecimal numbers"),
}
# PyYAML's problems without values, in the file's terms.
_PROBLEMS = {
    "sequence entries are not allowed here": N_("sequence entries are not allowed here"),
    "mapping keys are not allowed here": N_("mapping keys are not allowed here"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "found unexpected end of stream": N_("found the end of the file"),
    "found unexpected document separator": N_("found unexpected document separator"),
    "special characters are not allowed": N_("special characters are not allowed"),
}


def _token_words(text: str) -> object | None:
    """A token or an expectation of PyYAML's messages, worded; None when unknown."""
    if text in _TOKENS:
        return Said(_TOKENS[text])
    if text in _EXPECTED_WORDS:
        return Said(_EXPECTED_WORDS[text])
    escape = re.fullmatch(r"escape sequence of (\d+) hexadecimal numbers", text)
    if escape:
        return Said("escape sequence of {n} hexadecimal numbers", n=int(escape[1]))
    if re.fullmatch(r"'[^']*'|\"[^\"]*\"|[0-9]", text):
        return text  # a character, as PyYAML quotes it
    parts = text.split(" or ")
    if len(parts) > 1:
        worded = [_token_words(part) for part in parts]
        if all(word is not None for word in worded):
            return Joined(tuple(worded), N_(" or "))
    return None


def _pyyaml_words(problem: str) -> str | None:
    """PyYAML's ``problem`` as a :class:`~soicost.i18n.Said`, or None when its wording is
    not known here."""
    if problem in _PROBLEMS:
        return Said(_PROBLEMS[problem])
    match = re.fullmatch(r"expected (.+), but (found|got) (.+)", problem, re.DOTALL)
    if match:
        expected, found = _token_words(match[1]), _token_words(match[3])
        if expected is None or found is None:
            return None
        if match[2] == "found":
            return Said("expected {expected}, but found {found}", expected=expected,
                        found=found)
        return Said("expected {expected}, but got {found}", expected=expected, found=found)
    match = re.fullmatch(r"found character ('.*') that cannot start any token", problem,
                         re.DOTALL)
    if match:
        return Said("found character {character} that cannot start any token",
                    character=match[1])
    match = re.fullmatch(r"found unknown escape character ('.*')", problem, re.DOTALL)
    if match:
        return Said("found unknown escape character {character}", character=match[1])
    match = re.fullmatch(r"found undefined tag handle ('.*')", problem, re.DOTALL)
    if match:
        return Said("found undefined tag handle {handle}", handle=match[1])
    return None


def _syntax_problem(source: SourceFile, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    # The message's words: English in ``problem`` (what the hints below are chosen on),
    # worded again in ``words`` when PyYAML's wording is known.
    words: str | None = None
    context = exc.context if exc.problem else None
    hint: str | None = None
    related: tuple[tuple[str, Location], ...] = ()
    context_mark = exc.context_mark if exc.problem_mark else None
    if "'\\t'" in problem:
        problem = problem.replace("character '\\t'", "a tab character")
        if problem == "found a tab character that cannot start any token":
            words = Said("found a tab character that cannot start any token")
        hint = Said("YAML does not allow tabs for indentation: use spaces")
        context = None
    elif problem == "but found another document":
        problem = words = Said("a second document starts here: a file holds only one")
        hint = Said("remove this '---' line, or split the file")
        context, context_mark = None, None
    elif problem.startswith("found undefined alias"):
        name = problem.split("'")[1] if "'" in problem else ""
        problem = words = Said("alias {alias} refers to no anchor", alias=f"*{name}")
        hint = Said("define the anchor ({anchor}) before its first use ({alias})",
                    anchor=f"&{name}", alias=f"*{name}")
    elif context and context.startswith("found duplicate anchor") and exc.problem_mark:
        name = context.split("'")[1] if "'" in context else ""
        problem = words = Said("duplicate anchor {anchor}", anchor=f"&{name}")
        hint = Said("rename one of the two anchors")
        related = ((Said("first defined at"), source.location(*_line_col(exc.context_mark))),)
        context, context_mark = None, None
    elif problem == "mapping values are not allowed here":
        problem = words = Said("a ':' that YAML reads as the start of a nested key")
        hint = Said("quote a value that contains ': ' (name: \"a: b\"), or check the "
                    "indentation of this line")
    else:
        words = _pyyaml_words(problem)
        for token, token_words in _TOKENS.items():
            problem = problem.replace(token, token_words)
        problem = problem.replace("unexpected end of stream", "the end of the file")
        if "the end of the indented block" in problem:
            hint = Said("check the indentation of this line and of the lines above")
        elif "chomping or indentation indicator" in problem:
            hint = Said("a value that starts with '|' or '>' begins a block of text: quote "
                        "the value")
        elif "cannot start any token" in problem:
            hint = Said("quote a value that starts with this character")
        elif problem.startswith("expected alphabetic or numeric character"):
            hint = Said("'&' and '*' start anchors and aliases: quote a value that starts "
                        "with them")
        elif problem == "sequence entries are not allowed here":
            hint = Said("a list item ('- ') starts a line of its own, below its key")
    if words is None or str(words) != problem:
        # PyYAML's own English, for a message of it not known here.
        words = problem
    if context == "while scanning for the next token":
        context = None
    if context_mark is not None and mark is not None and (
            context_mark.line, context_mark.column) == (mark.line, mark.column):
        context, context_mark = None, None  # "while parsing a flow node" here adds nothing
    if context and context_mark is not None and mark is not None:
        subject = re.sub(r"^while (?:parsing|scanning) (?:an? )?", "", context)
        subject = _SUBJECTS.get(subject, subject)
        label = (Said(_STARTS_AT[subject]) if subject in _STARTS_AT
                 else Said("the {subject} starts at", subject=subject))
        related = (*related, (label, source.location(context_mark.line, context_mark.column)))
        context = None
    # A context left (PyYAML's English "while parsing …") is shown as PyYAML wrote it.
    message = (Said("invalid YAML: {problem} ({context})", problem=words, context=context)
               if context else Said("invalid YAML: {problem}", problem=words))
    if mark is None:
        return source.problem(message, hint=hint, related=related)
    return source.problem(message, mark.line, mark.column, hint=hint, related=related)


def _line_col(mark: Any) -> tuple[int, int]:
    return (mark.line, mark.column) if mark is not None else (0, 0)


def _check_expansion(root: yaml.Node, source: SourceFile) -> None:
    """Refuse alias bombs and recursive aliases before expanding anything."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > MAX_DEPTH:
            raise InputError([source.problem(
                _too_deep(), node.start_mark.line, node.start_mark.column)])
        if key in visiting:
            raise InputError([source.problem(
                Said("recursive alias: an anchor refers to itself"),
                node.start_mark.line, node.start_mark.column,
                hint=Said("an alias (*name) can only refer to an anchor (&name) it is not "
                          "inside"))])
        visiting.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        visiting.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            raise InputError([source.problem(
                Said("aliases would expand this document to more than {count} values "
                     "(an alias bomb?)", count=Count(MAX_NODES)),
                node.start_mark.line, node.start_mark.column,
                hint=Said("use fewer nested aliases"))])
        return total

    size(root, 0)


# Characters that no string or key may hold, because they change what an output shows or
# stop it from being written (docs/formats.md, "Text"):
# - control characters (C0, DEL, C1): terminals, spreadsheets and CSV readers act on them;
#   U+0085 is even a line break for YAML itself. A value keeps tabs and line feeds (notes
#   span lines); a carriage return ("\r") would let a name overwrite itself on a terminal;
# - surrogates (U+D800-U+DFFF): halves of UTF-16 pairs, which "\ud800" escapes let through
#   alone; no UTF-8 output can hold them, so writing one would fail;
# - the Unicode Bidi_Control characters (PropList.txt: U+061C, U+200E-U+200F,
#   U+202A-U+202E, U+2066-U+2069), the "Trojan Source" list (CVE-2021-42574) with the three
#   marks: they make text display in another order than it is read, so a figure's label or
#   an id could read as another one in a letter.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_IN_VALUE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_BIDI}]")
_FORBIDDEN_IN_KEY = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_BIDI}]")
_IS_BIDI = re.compile(rf"[{_BIDI}]")
_HIGH_SURROGATE = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")
# Control characters have no Unicode name; these few are named because users meet them.
_CONTROL_WORDS = {"\t": N_("tab"), "\n": N_("line break"), "\r": N_("carriage return"),
                  "\x85": N_("next line, NEL")}
_CONTROL_HINTS = {
    "\r": N_('remove it: it can make a terminal overwrite the text before it; write a line '
             'break as "\\n"'),
    "\x85": N_('remove it: some programs read it as a line break, others do not; write a '
               'line break as "\\n"'),
}
_CONTROL_HINT = N_("remove it: only tabs and line breaks are allowed")
_MERGE = f"{_CORE}merge"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")}
_PATTERNS = {tag: regexp for tag, regexp, _first in _CORE_RESOLVERS}


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


# The messages refusing a character, in a key and in a string.
_REFUSED = {
    ("bidi", True): N_("bidirectional control character {code} ({name}) in a key"),
    ("bidi", False): N_("bidirectional control character {code} ({name}) in a string"),
    ("surrogate", True): N_("lone surrogate {code} in a key"),
    ("surrogate", False): N_("lone surrogate {code} in a string"),
    ("control", True): N_("control character {code} in a key"),
    ("control", False): N_("control character {code} in a string"),
}


def _forbidden(text: str, *, key: bool) -> tuple[Said, Said] | None:
    """The message and hint refusing the first forbidden character of ``text``, if any."""
    found = (_FORBIDDEN_IN_KEY if key else _FORBIDDEN_IN_VALUE).search(text)
    if found is None:
        return None
    char = found[0]
    code: str = f"U+{ord(char):04X}"
    if char in _CONTROL_WORDS:
        code = Said("{code} ({name})", code=code, name=Said(_CONTROL_WORDS[char]))
    if _IS_BIDI.match(char):
        # The character's Unicode name, the same in every language.
        return (Said(_REFUSED["bidi", key], code=code, name=unicodedata.name(char)),
                Said("it can make text display in another order than it is read (Trojan "
                     "Source): remove it"))
    if "\ud800" <= char <= "\udfff":
        return Said(_REFUSED["surrogate", key], code=code), _surrogate_hint(text, found.start())
    if key:
        return (Said(_REFUSED["control", key], code=code),
                Said("remove it: a key is one line without tabs or control characters"))
    return Said(_REFUSED["control", key], code=code), Said(_CONTROL_HINTS.get(char,
                                                                          _CONTROL_HINT))


def _surrogate_hint(text: str, index: int) -> Said:
    pair = _HIGH_SURROGATE.match(text, index)
    if pair is None:
        return Said("a surrogate is half of a UTF-16 pair, not a character: remove it, or "
                    "write the character itself")
    # JSON writes characters beyond U+FFFF as two escapes; YAML reads each escape alone.
    code = ord(pair[0].encode("utf-16-le", "surrogatepass").decode("utf-16-le"))
    halves = "".join(f"\\u{ord(half):04X}" for half in pair[0])
    return Said('YAML reads "{halves}" as two halves of a UTF-16 pair, not as one character: '
                'write the character itself, or "{escape}"', halves=halves,
                escape=f"\\U{code:08X}")


def _to_int(value: str) -> int | float:
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    try:
        return int(value)
    except ValueError:  # more digits than Python converts: a float, infinite
        return float(value)


def _to_float(node: yaml.ScalarNode) -> float | str:
    value: str = node.value
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    # The YAML core schema reads 500.000 as 500.0, but whoever wrote 500.000 € may mean five
    # hundred thousand, and would get 500 € silently: such a plain scalar is kept as its
    # text, for the quantity grammar to refuse as ambiguous with both readings. (0.125,
    # 1.5 and 1.000e3 stay numbers: no one groups them.) Quoted, it is already a string; a
    # plain one even tagged !!float: the tag says it is a number, not which of the two.
    if node.style is None and DOTTED_THOUSANDS.fullmatch(value):
        return value
    return float(value)


class _Converter:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.key_marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.damaged: set[PathKey] = set()

    def _problem(self, node: yaml.Node, message: str, path: PathKey, *, damage: bool = True,
                 **extra: Any) -> None:
        if damage:
            self.damaged.add(path)
        self.problems.append(self.source.problem(
            message, node.start_mark.line, node.start_mark.column, path=format_path(path),
            **extra))

    def _tag_ok(self, node: yaml.Node, path: PathKey) -> bool:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            ok = tag in _SCALAR_TAGS
        elif isinstance(node, yaml.SequenceNode):
            ok = tag == f"{_CORE}seq"
        else:
            ok = tag == f"{_CORE}map"
        if tag not in _ALLOWED_TAGS:
            self._problem(node, Said("unsupported YAML tag {tag}", tag=_show_tag(tag)), path,
                          hint=Said("only plain YAML values are read: remove the tag"))
        elif not ok:
            message = (N_("the tag {tag} cannot be applied to a single value")
                       if isinstance(node, yaml.ScalarNode) else
                       N_("the tag {tag} cannot be applied to a list")
                       if isinstance(node, yaml.SequenceNode) else
                       N_("the tag {tag} cannot be applied to a mapping"))
            self._problem(node, Said(message, tag=_show_tag(tag)), path,
                          hint=Said("remove the tag"))
        return ok

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.marks.setdefault(path, (node.start_mark.line, node.start_mark.column))
        if node.tag == _MERGE and isinstance(node, yaml.ScalarNode):
            return node.value  # '<<' is only a merge as a key; as a value it is a string
        if not self._tag_ok(node, path):
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        value: str = node.value
        tag = node.tag[len(_CORE):]
        if tag != "str" and not _PATTERNS[tag].match(value):
            # Only an explicit tag (!!int abc) can get here: implicit ones match by design.
            self._problem(node, Said("{value!r} is not a valid {tag}", value=value,
                                     tag=f"!!{tag}"), path,
                          hint=Said("remove the tag, or fix the value"))
            return None
        if tag == "null":
            return None
        if tag == "bool":
            return value.lower() == "true"
        if tag == "int":
            return _to_int(value)
        if tag == "float":
            return _to_float(node)
        # Escapes ("\x1f", "\u202e", "\ud800") let through what the reader refuses written
        # as such, and the reader lets some through even raw (U+202E).
        refused = _forbidden(value, key=False)
        if refused is not None:
            self._problem(node, refused[0], path, hint=refused[1])
            return None
        # Ids, driver names and references are compared as text: "café" typed with a
        # combining accent (as in text copied from a macOS file name) must equal "café"
        # typed with "é". NFKC would go further and change meanings ("m²" to "m2").
        return unicodedata.normalize("NFC", value)

    def _mapping(self, node: yaml.MappingNode, path: PathKey,
                 skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        """Convert a mapping. Keys in ``skip`` are overridden by the mapping this one is
        merged into (``<<``), so they are checked for duplicates but not converted."""
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, Said("a mapping key must be a single word or string, "
                                             "not a list or a mapping"), path)
                continue
            if not self._tag_ok(key_node, path):
                continue
            key = key_node.value
            if key_node.tag == f"{_CORE}null":
                self._problem(key_node, Said("a mapping key is missing before ':'"), path)
                continue
            refused = _forbidden(key, key=True)
            if refused is not None:
                # Reported at the mapping's path: the key itself must not reach a message.
                # The entry is dropped, so "missing key" errors in this mapping are
                # consequences.
                self._problem(key_node, refused[0], path, hint=refused[1])
                continue
            split = self._split_number(node, key_node, value_node)
            if split is not None:
                self._problem(
                    key_node, Said("{split!r} is read as two entries: in {{…}}, a comma "
                                   "separates entries", split=split), path,
                    hint=Said("quote it (\"{split}\") or write it without a comma",
                              split=split))
                continue
            # In NFC like string values, so that a driver declared as a key matches the same
            # name wherever it is written.
            key = unicodedata.normalize("NFC", key)
            child = (*path, key)
            if key in seen:
                self._duplicate(key_node, seen[key], child)
                continue
            seen[key] = key_node
            if key in skip:
                continue
            self.key_marks[child] = (key_node.start_mark.line, key_node.start_mark.column)
            result[key] = self.convert(value_node, child)
        merged: dict[str, Any] = {}
        for value_node in merges:
            # Explicit keys win over merged ones, and earlier merged mappings over later.
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [
                value_node]
            for src in sources:
                if not isinstance(src, yaml.MappingNode):
                    self._problem(src, Said("'<<' must merge a mapping or a list of mappings"),
                                  path)
                    continue
                merged.update(self._mapping(src, path, skip | result.keys() | merged.keys()))
        return {**merged, **result}

    def _duplicate(self, key_node: yaml.ScalarNode, first: yaml.Node, child: PathKey) -> None:
        key = child[-1]
        if first.value == key_node.value:
            message = Said("duplicate key {key!r}: YAML would silently keep only the last value",
                           key=key)
        else:
            # Equal after NFC only: "café" with é, and with e and a combining accent.
            message = Said("duplicate key {key!r}: the two are written with different Unicode "
                           "forms of the same characters, and only one value would be kept",
                           key=key)
        self._problem(
            key_node, message, child, damage=False,
            related=((Said("first defined at"), self.source.location(
                first.start_mark.line, first.start_mark.column)),),
            hint=Said("remove or rename one of the two"))

    def _split_number(self, node: yaml.MappingNode, key: yaml.ScalarNode,
                      value: yaml.Node) -> str | None:
        """In a flow mapping, ``{users: 1,234}`` is users: 1 and a key 234 without a value
        (and ``{rate: 3,5 %}`` a key '5 %'). Return '1,234' when that is what happened."""
        if not node.flow_style or key.style is not None or not key.value[:1].isdigit():
            return None
        if not (isinstance(value, yaml.ScalarNode) and value.tag == f"{_CORE}null"
                and value.value == ""):
            return None
        previous = None
        for k, v in node.value:
            if k is key:
                break
            previous = v
        if not (isinstance(previous, yaml.ScalarNode) and previous.style is None
                and re.fullmatch(r"[-+]?[0-9][0-9 _.]*", previous.value)):
            return None
        text = self.source.text
        if text[previous.end_mark.index:key.start_mark.index] != ",":
            return None
        return f"{previous.value},{key.value}"
