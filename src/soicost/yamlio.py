"""Safe YAML reading that remembers where every value came from.

The document is composed with PyYAML (safe loader, YAML 1.2 core schema) and turned into
plain Python by hand, so that every value's position is kept (for error messages), duplicate
keys are caught, and alias bombs are refused before they expand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soicost.errors import InputError, Location, Problem

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


_CoreResolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+0123456789.")),
    ("merge", r"^<<$", ["<"]),
):
    _CoreResolver.add_implicit_resolver(f"{_CORE}{_tag}", re.compile(_regexp), _first)


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _CoreResolver):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


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
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_source(path: Path, display: str) -> SourceFile:
    """Read and decode one file, refusing what cannot be a hand-written YAML inventory."""

    def fail(message: str, hint: str | None = None) -> InputError:
        return InputError([Problem(Location(display), message, hint=hint)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a YAML file",
                       hint="--data names the folder; the files inside it must be files")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"file is too large ({size / 1e6:.1f} MB; the limit is "
                       f"{MAX_BYTES / 1e6:.0f} MB)",
                       hint="an inventory of 10,000 applications takes about 3 MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("file not found", hint="run `soicost init DIR` to create a starter set, "
                   "or point --data at a folder holding the three files") from None
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    return decode_source(raw, display)


def decode_source(raw: bytes, display: str) -> SourceFile:
    def fail(message: str, line0: int = -1, col0: int = -1, hint: str | None = None,
             text: str = "") -> InputError:
        lines = tuple(text.splitlines())
        loc = (Location(display, line0 + 1, col0 + 1, lines[line0] if line0 < len(lines)
                        else None) if line0 >= 0 else Location(display))
        return InputError([Problem(loc, message, hint=hint)])

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is encoded in UTF-16", hint="save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192]:
        raise fail("binary file: this is not a YAML text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line0 = before.count("\n")
        col0 = len(before) - (before.rfind("\n") + 1)
        shown = raw.decode("cp1252", errors="replace")
        hint = ("the file looks like Latin-1 or Windows-1252 (byte "
                f"0x{raw[exc.start]:02X}); save it as UTF-8")
        raise fail("file is not valid UTF-8", line0, col0, hint, shown) from None
    text = text.replace("\r\n", "\n")
    return SourceFile(display, text, tuple(text.split("\n")))


def load_document(source: SourceFile) -> Document:
    """Compose and convert one YAML document, or raise InputError pointing at the problem."""
    loader = _Loader(source.text)
    loader.name = source.display
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(source, exc)]) from None
    except yaml.YAMLError as exc:
        raise InputError([source.problem(f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([source.problem(
            f"nesting too deep (more than {MAX_DEPTH} levels)")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError([source.problem("file is empty",
                                         hint="see `soicost init` for a starter set")])
    converter = _Converter(source)
    _check_expansion(node, source)
    data = converter.convert(node, ())
    if converter.problems:
        raise InputError(converter.problems)
    return Document(source, data, converter.marks, converter.key_marks)


def _syntax_problem(source: SourceFile, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    hint = None
    if "'\\t'" in problem or "\t" in problem:
        hint = "YAML does not allow tabs for indentation: use spaces"
    elif "found duplicate anchor" in problem:
        hint = "rename one of the anchors"
    message = f"invalid YAML: {problem}"
    if exc.context and exc.problem:
        message += f" ({exc.context})"
    if mark is None:
        return source.problem(message, hint=hint)
    return source.problem(message, mark.line, mark.column, hint=hint)


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
                node.start_mark.line, node.start_mark.column)])
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


class _Converter:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.key_marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, message: str, path: PathKey, **extra: Any) -> None:
        self.problems.append(self.source.problem(
            message, node.start_mark.line, node.start_mark.column, path=format_path(path),
            **extra))

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.marks.setdefault(path, (node.start_mark.line, node.start_mark.column))
        if node.tag not in _ALLOWED_TAGS and node.tag != f"{_CORE}merge":
            self._problem(node, f"unsupported YAML tag {node.tag!r}", path,
                          hint="only plain YAML values are read: remove the tag")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag[len(_CORE):]
        if tag == "null":
            return None
        if tag == "bool":
            return value.lower() == "true"
        if tag == "int":
            if value.startswith("0o"):
                return int(value[2:], 8)
            if value.startswith("0x"):
                return int(value[2:], 16)
            return int(value)
        if tag == "float":
            return float(value.replace(".inf", "inf").replace(".Inf", "inf")
                         .replace(".INF", "inf").lower().replace(".nan", "nan"))
        return value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_CORE}merge":
                merged.update(self._merge_sources(value_node, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a mapping key must be a plain word", path)
                continue
            key = key_node.value
            child = (*path, key)
            if key in seen:
                first = seen[key]
                self._problem(
                    key_node, f"duplicate key {key!r}: YAML would silently keep only the last "
                    "value", child,
                    related=(("first defined at", self.source.location(
                        first.start_mark.line, first.start_mark.column)),),
                    hint="remove or rename one of the two")
                continue
            seen[key] = key_node
            self.key_marks[child] = (key_node.start_mark.line, key_node.start_mark.column)
            result[key] = self.convert(value_node, child)
        return {**merged, **result}

    def _merge_sources(self, node: yaml.Node, path: PathKey) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for src in reversed(sources):
            if not isinstance(src, yaml.MappingNode):
                self._problem(src, "'<<' must merge a mapping or a list of mappings", path)
                continue
            merged.update(self._mapping(src, path))
        return merged
