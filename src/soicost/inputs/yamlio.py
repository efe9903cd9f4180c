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

from soicost.errors import InputError, Location, Problem, printable
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

    def problem(self, message: str, line0: int = -1, column0: int = -1, **extra: Any) -> Problem:
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


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{round(size / (1024 * 1024), 1):g} MB"


def file_kind(mode: int, otherwise: str) -> str:
    """What a file that is not a regular file or a folder is, from its ``st_mode``."""
    import stat

    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return otherwise


def read_source(path: Path, display: str) -> SourceFile:
    """Read and decode one file, refusing what cannot be a hand-written YAML inventory."""

    import errno
    import stat

    def fail(message: str, hint: str | None = None) -> InputError:
        return InputError([Problem(Location(display), message, hint=hint)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a YAML file",
                       hint="--data names the folder; the three files inside it must be files")
        if not stat.S_ISREG(info.st_mode):
            raise fail("is not a regular file (a device, pipe or socket?)")
        size = info.st_size
        if size > MAX_BYTES:
            raise fail(f"file is too large ({_format_size(size)}; the limit is "
                       f"{_format_size(MAX_BYTES)})",
                       hint="an inventory of 10,000 applications takes about 3 MB")
        with path.open("rb") as handle:
            # Read no more than the limit, whatever stat() said: the file may be growing.
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise fail(f"file is too large (more than {_format_size(MAX_BYTES)})",
                       hint="an inventory of 10,000 applications takes about 3 MB")
    except FileNotFoundError:
        raise fail("file not found", hint="run `soicost init DIR` to create a starter set, "
                   "or point --data at a folder holding the three files") from None
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail("is a symbolic-link loop: following the link never reaches a file",
                       hint="replace the link by the file, or point it at the file") from None
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
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

    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("file is encoded in UTF-32", hint="save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is encoded in UTF-16", hint="save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192]:
        if _looks_like_utf16(raw):
            raise fail("file is encoded in UTF-16", hint="save it as UTF-8")
        raise fail("binary file: this is not a YAML text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _normalise_newlines(raw[: exc.start].decode("utf-8", errors="replace"))
        line0 = before.count("\n")
        col0 = len(before) - (before.rfind("\n") + 1)
        shown = _normalise_newlines(raw.decode("cp1252", errors="replace"))
        hint = ("the file looks like Latin-1 or Windows-1252 (byte "
                f"0x{raw[exc.start]:02X}); save it as UTF-8")
        raise fail("file is not valid UTF-8", line0, col0, hint, shown) from None
    text = _normalise_newlines(text)
    raw_break = _RAW_LINE_BREAK.search(text)
    if raw_break is not None:
        # PyYAML (YAML 1.1) ends a line at these, editors and terminals do not: a comment
        # could hide a line that is read, and every position after it would be a line off.
        before = text[: raw_break.start()]
        line0 = before.count("\n")
        char = raw_break[0]
        instead = ('or write a line break as "\\n"' if char == "\x85" else
                   f'or write it as "\\u{ord(char):04X}" in a double-quoted string')
        raise fail(f"{_RAW_LINE_BREAK_NAMES[char]} written as it is: a line break to YAML "
                   "1.1 readers, not to editors", line0, len(before) - (before.rfind("\n") + 1),
                   hint="the file would not read as it shows (a comment could hide a line "
                        f"that is read): remove it, {instead}", text=text)
    return SourceFile(display, text, tuple(text.split("\n")))


# Line breaks for YAML 1.1 (and so for PyYAML), but not for YAML 1.2, editors or terminals.
_RAW_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
_RAW_LINE_BREAK_NAMES = {"\x85": "control character U+0085 (next line, NEL)",
                         "\u2028": "U+2028 (LINE SEPARATOR)",
                         "\u2029": "U+2029 (PARAGRAPH SEPARATOR)"}


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
            f"invalid YAML: control character U+{char:04X} is not allowed", line0, col0,
            hint="remove it, or write it as an escape such as \"\\t\" in a double-quoted "
                 "string")]) from None
    except yaml.YAMLError as exc:
        raise InputError([source.problem(f"invalid YAML: {exc}")]) from None
    except ValueError as exc:
        assert loader is not None  # only composing raises it
        raise InputError([_escape_problem(source, loader, exc)]) from None
    except _TooDeep as exc:
        raise InputError([source.problem(
            f"nesting too deep (more than {MAX_DEPTH} levels)", exc.mark.line,
            exc.mark.column)]) from None
    except RecursionError:
        raise InputError([source.problem(
            f"nesting too deep (more than {MAX_DEPTH} levels)")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise InputError([source.problem("file is empty",
                                         hint="see `soicost init` for a starter set")])
    _check_expansion(node, source)
    converter = _Converter(source)
    data = converter.convert(node, ())
    return Document(source, data, converter.marks, converter.key_marks, converter.problems,
                    converter.damaged)


def _escape_problem(source: SourceFile, loader: _Loader, exc: ValueError) -> Problem:
    """PyYAML turns "\\U00110000" into chr(0x110000) unchecked, and raises ValueError with
    the reader stopped at the escape's digits."""
    mark = loader.get_mark()
    digits = loader.prefix(8)
    if not re.fullmatch(r"[0-9A-Fa-f]{8}", digits):
        return source.problem(f"invalid YAML: {exc}", mark.line, mark.column)
    return source.problem(
        f'invalid YAML: the escape "\\U{digits}" is beyond the last Unicode character '
        "(U+10FFFF)", mark.line, max(mark.column - 2, 0),
        hint="remove it, or write the character itself")


# What PyYAML's messages call things, in words a user of this tool knows.
_TOKENS = {
    "'<block end>'": "the end of the indented block",
    "<block end>": "the end of the indented block",
    "'?'": "a key",
    "'-'": "a list item",
    "'<scalar>'": "a value",
    "'<block mapping start>'": "an indented mapping",
    "'<block sequence start>'": "an indented list",
    "'<stream end>'": "the end of the file",
    "'<alias>'": "an alias (*name)",
    "'<anchor>'": "an anchor (&name)",
    "'<tag>'": "a tag (!!name)",
    "'<document start>'": "'---'",
}
_SUBJECTS = {
    "block collection": "list", "block mapping": "mapping", "flow sequence": "list",
    "flow mapping": "mapping", "quoted scalar": "quoted string", "simple key": "key",
    "plain scalar": "value", "block scalar": "block of text", "node": "value",
    "flow node": "value", "block node": "value",
}


def _syntax_problem(source: SourceFile, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    context = exc.context if exc.problem else None
    hint: str | None = None
    related: tuple[tuple[str, Location], ...] = ()
    context_mark = exc.context_mark if exc.problem_mark else None
    if "'\\t'" in problem:
        problem = problem.replace("character '\\t'", "a tab character")
        hint = "YAML does not allow tabs for indentation: use spaces"
        context = None
    elif problem == "but found another document":
        problem = "a second document starts here: a file holds only one"
        hint = "remove this '---' line, or split the file"
        context, context_mark = None, None
    elif problem.startswith("found undefined alias"):
        name = problem.split("'")[1] if "'" in problem else ""
        problem = f"alias *{name} refers to no anchor"
        hint = f"define the anchor (&{name}) before its first use (*{name})"
    elif context and context.startswith("found duplicate anchor") and exc.problem_mark:
        name = context.split("'")[1] if "'" in context else ""
        problem = f"duplicate anchor &{name}"
        hint = "rename one of the two anchors"
        related = (("first defined at", source.location(*_line_col(exc.context_mark))),)
        context, context_mark = None, None
    elif problem == "mapping values are not allowed here":
        problem = "a ':' that YAML reads as the start of a nested key"
        hint = ("quote a value that contains ': ' (name: \"a: b\"), or check the indentation "
                "of this line")
    else:
        for token, words in _TOKENS.items():
            problem = problem.replace(token, words)
        problem = problem.replace("unexpected end of stream", "the end of the file")
        if "the end of the indented block" in problem:
            hint = "check the indentation of this line and of the lines above"
        elif "chomping or indentation indicator" in problem:
            hint = "a value that starts with '|' or '>' begins a block of text: quote the value"
        elif "cannot start any token" in problem:
            hint = "quote a value that starts with this character"
        elif problem.startswith("expected alphabetic or numeric character"):
            hint = ("'&' and '*' start anchors and aliases: quote a value that starts with "
                    "them")
        elif problem == "sequence entries are not allowed here":
            hint = "a list item ('- ') starts a line of its own, below its key"
    if context == "while scanning for the next token":
        context = None
    if context_mark is not None and mark is not None and (
            context_mark.line, context_mark.column) == (mark.line, mark.column):
        context, context_mark = None, None  # "while parsing a flow node" here adds nothing
    if context and context_mark is not None and mark is not None:
        subject = re.sub(r"^while (?:parsing|scanning) (?:an? )?", "", context)
        subject = _SUBJECTS.get(subject, subject)
        related = (*related, (f"the {subject} starts at",
                              source.location(context_mark.line, context_mark.column)))
        context = None
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
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
                f"nesting too deep (more than {MAX_DEPTH} levels)",
                node.start_mark.line, node.start_mark.column)])
        if key in visiting:
            raise InputError([source.problem(
                "recursive alias: an anchor refers to itself",
                node.start_mark.line, node.start_mark.column,
                hint="an alias (*name) can only refer to an anchor (&name) it is not inside")])
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
                f"aliases would expand this document to more than {MAX_NODES:,} values "
                "(an alias bomb?)", node.start_mark.line, node.start_mark.column,
                hint="use fewer nested aliases")])
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
_CONTROL_WORDS = {"\t": "tab", "\n": "line break", "\r": "carriage return",
                  "\x85": "next line, NEL"}
_CONTROL_HINTS = {
    "\r": 'remove it: it can make a terminal overwrite the text before it; write a line '
          'break as "\\n"',
    "\x85": 'remove it: some programs read it as a line break, others do not; write a '
            'line break as "\\n"',
}
_MERGE = f"{_CORE}merge"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")}
_PATTERNS = {tag: regexp for tag, regexp, _first in _CORE_RESOLVERS}


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _forbidden(text: str, *, key: bool) -> tuple[str, str] | None:
    """The message and hint refusing the first forbidden character of ``text``, if any."""
    found = (_FORBIDDEN_IN_KEY if key else _FORBIDDEN_IN_VALUE).search(text)
    if found is None:
        return None
    char = found[0]
    where = "in a key" if key else "in a string"
    code = f"U+{ord(char):04X}"
    if char in _CONTROL_WORDS:
        code += f" ({_CONTROL_WORDS[char]})"
    if _IS_BIDI.match(char):
        return (f"bidirectional control character {code} ({unicodedata.name(char)}) {where}",
                "it can make text display in another order than it is read (Trojan Source): "
                "remove it")
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate {code} {where}", _surrogate_hint(text, found.start())
    if key:
        return (f"control character {code} {where}",
                "remove it: a key is one line without tabs or control characters")
    return f"control character {code} {where}", _CONTROL_HINTS.get(
        char, "remove it: only tabs and line breaks are allowed")


def _surrogate_hint(text: str, index: int) -> str:
    pair = _HIGH_SURROGATE.match(text, index)
    if pair is None:
        return ("a surrogate is half of a UTF-16 pair, not a character: remove it, or write "
                "the character itself")
    # JSON writes characters beyond U+FFFF as two escapes; YAML reads each escape alone.
    code = ord(pair[0].encode("utf-16-le", "surrogatepass").decode("utf-16-le"))
    halves = "".join(f"\\u{ord(half):04X}" for half in pair[0])
    return (f'YAML reads "{halves}" as two halves of a UTF-16 pair, not as one character: '
            f'write the character itself, or "\\U{code:08X}"')


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
            self._problem(node, f"unsupported YAML tag {_show_tag(tag)}", path,
                          hint="only plain YAML values are read: remove the tag")
        elif not ok:
            kind = ("a single value" if isinstance(node, yaml.ScalarNode) else
                    "a list" if isinstance(node, yaml.SequenceNode) else "a mapping")
            self._problem(node, f"the tag {_show_tag(tag)} cannot be applied to {kind}", path,
                          hint="remove the tag")
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
            self._problem(node, f"{value!r} is not a valid !!{tag}", path,
                          hint="remove the tag, or fix the value")
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
                self._problem(key_node, "a mapping key must be a single word or string, "
                              "not a list or a mapping", path)
                continue
            if not self._tag_ok(key_node, path):
                continue
            key = key_node.value
            if key_node.tag == f"{_CORE}null":
                self._problem(key_node, "a mapping key is missing before ':'", path)
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
                    key_node, f"{split!r} is read as two entries: in {{…}}, a comma separates "
                    "entries", path,
                    hint=f"quote it (\"{split}\") or write it without a comma")
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
                    self._problem(src, "'<<' must merge a mapping or a list of mappings", path)
                    continue
                merged.update(self._mapping(src, path, skip | result.keys() | merged.keys()))
        return {**merged, **result}

    def _duplicate(self, key_node: yaml.ScalarNode, first: yaml.Node, child: PathKey) -> None:
        key = child[-1]
        if first.value == key_node.value:
            why = "YAML would silently keep only the last value"
        else:
            # Equal after NFC only: "café" with é, and with e and a combining accent.
            why = ("the two are written with different Unicode forms of the same characters, "
                   "and only one value would be kept")
        self._problem(
            key_node, f"duplicate key {key!r}: {why}", child, damage=False,
            related=(("first defined at", self.source.location(
                first.start_mark.line, first.start_mark.column)),),
            hint="remove or rename one of the two")

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
