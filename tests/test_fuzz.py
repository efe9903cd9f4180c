"""Generative fuzzing: valid inputs, mutated byte by byte or value by value, never crash.

Whatever the mutation, loading either succeeds or raises :class:`SoicostError` (which the
CLI prints as a message); when the mutated inputs still validate, the model runs on them
(200 samples) and again raises nothing but :class:`SoicostError`. Any other exception is a
crash: a traceback a user would see.

The hostile mutations (issue 14, item 8) go further: they change one value or key in place
and know what must follow from the formats, so that nonsense silently accepted, a message
that names another line, a raw control character in a message or a live formula in an
output fail as a traceback does.

The seeds are the valid folders of the corpus (tests/corpus/valid/) and the bundled example.
This file runs a few dozen examples per test; ``scripts/fuzz_campaign.py`` runs the same
strategies for as long as it is given (docs/quality.md). A crash it finds becomes a corpus
case and a fix.
"""

from __future__ import annotations

import functools
import math
import re
import tempfile
import types
import typing
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator

from conftest import FILES, write_files
from soicost.analysis.estimate import EstimateOptions, estimate
from soicost.analysis.summary import summarise
from soicost.errors import InputError, Problem, SoicostError, render_warnings
from soicost.inputs.fields import QuantityField
from soicost.inputs.loader import FILES as LOADER_FILES
from soicost.inputs.loader import bundled_data_dir, load_inputs
from soicost.inputs.models import Slug
from soicost.inputs.provenance import Provenance
from soicost.inputs.quantity import Quantity
from soicost.inputs.scalars import Date, Int, Name
from soicost.inputs.yamlio import format_path

CORPUS_VALID = Path(__file__).resolve().parent / "corpus" / "valid"
FUZZ_SAMPLES = 200

# --------------------------------------------------------------------------------------
# Seeds


@dataclass(frozen=True)
class Seed:
    name: str
    files: tuple[bytes, bytes, bytes]  # in the order of conftest.FILES


def _read_seed(folder: Path, name: str) -> Seed:
    raw = tuple((folder / f).read_bytes() for f in FILES)
    return Seed(name, (raw[0], raw[1], raw[2]))


def seeds() -> list[Seed]:
    found = [_read_seed(p, p.name) for p in sorted(CORPUS_VALID.iterdir()) if p.is_dir()]
    found.append(_read_seed(bundled_data_dir(), "bundled"))
    return found


SEEDS = seeds()


# --------------------------------------------------------------------------------------
# The property: a message or a result, never a traceback


def run_folder(folder: Path, *, render: bool = False) -> str:
    """Load ``folder`` and, if it validates, run the model on it. Returns what happened
    ("invalid", "model error" or "ok"); raises whatever else is raised.

    ``render`` also renders every output format (the campaign's ``--render``)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            inputs = load_inputs(folder)
        except SoicostError as exc:
            text = exc.render()
            assert text.startswith(tuple(f for f in FILES)) or "Error" in text
            return "invalid"
        summarise(inputs)
        try:
            result = estimate(inputs, EstimateOptions(samples=FUZZ_SAMPLES))
        except SoicostError as exc:
            exc.render()
            return "model error"
        if render:
            _render_everything(result)
        return "ok"


def _render_everything(result: Any) -> None:
    from soicost.render.compare import render_comparison
    from soicost.render.estimate import render as render_estimate
    from soicost.tables import table_files

    for fmt in ("table", "json", "markdown", "csv"):
        for lang in ("en", "fr"):
            render_estimate(result, fmt, lang)
            render_comparison(result, fmt, lang)
    table_files(result, "en", xlsx=True)


def run_files(files: tuple[bytes, bytes, bytes], *, render: bool = False) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_files(Path(tmp), *files)
        return run_folder(folder, render=render)


# --------------------------------------------------------------------------------------
# Byte-level mutations: what editors, copy-paste and encodings do to a file

# Fragments that mean something to YAML, to the quantity grammar, or to a decoder.
PIECES = [":", ": ", "- ", "-", " ", "\n", "\r\n", "\r", "\t", "[", "]", "{", "}", ",", "&a ",
          "*a", "<<: *a", "!!int ", "!!str ", "!!binary ", "!python/name:os.system ", "'", '"',
          "#", "? ", "|", ">", "0", "-1", "1,5", "500.000,00", "1 000", "k", "M", "%", " to ",
          "null", "~", "no", "on", "1:30", "010", "0x1F", "1e3", "1e999", ".nan", ".inf",
          "1/0", "1/3", "01/01/2023", "9999-12-31", "0001-01-01", "2023-02-30", "---", "...",
          "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\u200b", "é", "€", "\U0001f600",
          "\u202e", "５００k", "  ", "        ", "id: x\n", "- id: x\n", "{pert: [1, 2, 3]}",
          "{normal: {mean: 1, sd: 1}}", "{mixture: [{weight: 1, value: 1}]}"]
_ENCODED = [p.encode("utf-8") for p in PIECES] + [b"\xe9", b"\xff\xfe", b"\xef\xbb\xbf",
                                                  b"\x80", b"\xc3"]


def _at(data: bytes, where: float) -> int:
    return min(len(data), int(where * (len(data) + 1)))


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


ByteOp = tuple[str, float, float, bytes]

byte_ops: st.SearchStrategy[ByteOp] = st.tuples(
    st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert", "replace",
                     "delete", "truncate", "indent", "dedent"]),
    st.floats(0, 1), st.floats(0, 1),
    st.one_of(st.sampled_from(_ENCODED), st.binary(min_size=1, max_size=4)))


def apply_byte_op(data: bytes, op: ByteOp) -> bytes:
    kind, a, b, piece = op
    lines = _lines(data)
    i = min(len(lines) - 1, int(a * len(lines)))
    j = min(len(lines) - 1, int(b * len(lines)))
    if kind == "delete_line":
        del lines[i]
    elif kind == "duplicate_line":
        lines.insert(i, lines[i])
    elif kind == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = b"  " + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][min(2, len(lines[i]) - len(lines[i].lstrip(b" "))):]
    else:
        at = _at(data, a)
        if kind == "insert":
            return data[:at] + piece + data[at:]
        if kind == "replace":
            return data[:at] + piece + data[at + len(piece):]
        if kind == "delete":
            return data[:at] + data[at + 1 + int(b * 8):]
        return data[:at]  # truncate
    return b"".join(lines)


byte_mutations = st.tuples(st.sampled_from(SEEDS), st.sampled_from(range(3)),
                           st.lists(byte_ops, min_size=1, max_size=4))


def mutate_bytes(seed: Seed, which: int, ops: list[ByteOp]) -> tuple[bytes, bytes, bytes]:
    files = list(seed.files)
    for op in ops:
        files[which] = apply_byte_op(files[which], op)
    return files[0], files[1], files[2]


# --------------------------------------------------------------------------------------
# Structure-level mutations: the values people put in the wrong place

Path_ = tuple[str | int, ...]


def _paths(data: Any, prefix: Path_ = (), inside: frozenset[int] = frozenset()
           ) -> list[Path_]:
    """Every path into ``data``, containers and leaves, the root excepted. A container
    inside itself (an alias of a seed's anchor, wrapped into its own value by an earlier
    mutation) is listed once, not followed for ever."""
    out: list[Path_] = []
    if id(data) in inside:
        return out
    items: list[tuple[str | int, Any]] = (
        list(data.items()) if isinstance(data, dict) else
        list(enumerate(data)) if isinstance(data, list) else [])
    for key, value in items:
        path = (*prefix, key)
        out.append(path)
        out.extend(_paths(value, path, inside | {id(data)}))
    return out


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


UNICODE = ["é", "\u00a0", "\u202f", "\u200b", "\u202e", "\U0001f600", "\ufeff", "\x85",
           "\u2028", "\u0301", "ß", "İ", "５", "٣", "\t", "\r\n", "\x07", "’"]

special_values = st.sampled_from([
    0, -1, 1, -0.0, 1e-320, 1e308, -1e308, 10**400, math.nan, math.inf, -math.inf, True,
    False, None, "", " ", "~", "no", "yes", "on", "1:30", "010", "1e3", "500 000 €",
    "500.000,00", "1,234", "-500k", "500k to 100k", "0 to 1", "1/0", "1/3", "nan", "inf",
    "∞", "01/01/2023", "2023-02-30", "9999-12-31", "0001-01-01", "x" * 300, [], {}, [1, 2],
    {"pert": [3, 2, 1]}, {"pert": [1, 2, 3]}, {"uniform": [1, 1]}, {"normal": {"mean": 0,
                                                                             "sd": 1}},
    {"lognormal": {"median": 1, "sigma": 50}}, {"triangular": [0, 0, 1e300]},
    {"mixture": [{"weight": 0.5, "value": 1}, {"weight": 0.5, "value": "1 to 2"}]},
    {"value": 3, "provenance": {"status": "sourced"}}, "1e-300 to 1e300", "1e300"])

any_value = st.one_of(
    special_values,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates().map(str),
)


def structure_mutation(data: st.DataObject, tree: Any) -> Any:
    """Apply one mutation chosen by ``data`` to ``tree`` (in place), return the tree."""
    paths = _paths(tree)
    if not paths:
        return data.draw(any_value)
    op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "replace",
                                    "negate", "stringify", "unicode", "rename", "wrap"]))
    path = data.draw(st.sampled_from(paths))
    parent = _get(tree, path[:-1])
    value = _get(tree, path)
    if op == "delete":
        del parent[path[-1]]
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(int(path[-1]), _copy(value))
        else:
            _set(tree, path, [_copy(value), _copy(value)])
    elif op == "swap":
        other = data.draw(st.sampled_from(paths))
        if not _nested(path, other):
            other_value = _get(tree, other)
            _set(tree, path, _copy(other_value))
            _set(tree, other, _copy(value))
    elif op == "replace":
        _set(tree, path, data.draw(any_value))
    elif op == "negate":
        if isinstance(value, int | float) and not isinstance(value, bool):
            _set(tree, path, -value)
        else:
            _set(tree, path, f"-{value}")
    elif op == "stringify":
        _set(tree, path, str(value))
    elif op == "unicode":
        char = data.draw(st.sampled_from(UNICODE))
        text = str(value)
        at = data.draw(st.integers(0, len(text)))
        _set(tree, path, text[:at] + char + text[at:])
    elif op == "rename" and isinstance(parent, dict):
        key = path[-1]
        assert isinstance(key, str)
        new = data.draw(st.sampled_from([key[:-1], key + "s", key.upper(), "", "<<",
                                         key.replace("_", "-"), "version"]))
        parent[new] = parent.pop(key)
    elif op == "wrap":
        _set(tree, path, data.draw(st.sampled_from([[value], {"value": value},
                                                     {"pert": [value, value, value]}])))
    return tree


def _copy(value: Any) -> Any:
    return yaml.safe_load(yaml.safe_dump(value, allow_unicode=True))


def _nested(a: Path_, b: Path_) -> bool:
    return a[:len(b)] == b or b[:len(a)] == a


def mutate_structure(data: st.DataObject) -> tuple[bytes, bytes, bytes]:
    seed = data.draw(st.sampled_from(SEEDS))
    which = data.draw(st.sampled_from(range(3)))
    files = list(seed.files)
    tree = yaml.safe_load(files[which].decode("utf-8-sig"))
    for _ in range(data.draw(st.integers(1, 3))):
        tree = structure_mutation(data, tree)
    files[which] = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False,
                                  default_flow_style=data.draw(st.sampled_from([False, None]))
                                  ).encode("utf-8")
    return files[0], files[1], files[2]


# --------------------------------------------------------------------------------------
# Extreme but valid values: inputs that pass validation and push the model to its limits

EXTREME_NUMBERS = [1e-300, 1e-9, 1, 1e12, 1e15, 1e300, 1.7e308, "1e-300 to 1e300",
                   "1 to 1e300", "0.01% to 99.99%", "-99.99%", "99.99%", "1e5%",
                   {"pert": [0, 1e-300, 1e300]}, {"triangular": [0, 0, 1e300]},
                   {"uniform": [0, 1e308]}, {"lognormal": {"median": 1e300, "sigma": 100}},
                   {"lognormal": {"median": 1e-300, "sigma": 100}},
                   {"normal": {"mean": 1e300, "sd": 1e290}},
                   {"mixture": [{"weight": 0.5, "value": 1e-300},
                                {"weight": 0.5, "value": 1e300}]}]
EXTREME_DATES = ["0001-01-01", "0001-12-31", "1970-01-01", "2000-02-29", "2099-12-31",
                 "9990-01-01", "9998-12-31", "9999-12-31"]
EXTREME_YEARS = [1, 1000, 1970, 2023, 2100, 9990, 9998, 9999, 10**6, -1, 0]


def _is_date(value: Any) -> bool:
    import datetime as dt

    return isinstance(value, dt.date)


def _is_number(value: Any) -> bool:
    from soicost.inputs.quantity import QuantityError, parse_quantity

    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        try:
            parse_quantity(value)
        except QuantityError:
            return False
        return True
    return False


def mutate_extremes(data: st.DataObject) -> tuple[bytes, bytes, bytes]:
    """Replace a few numbers, dates or years of a seed by extreme values of the same kind."""
    seed = data.draw(st.sampled_from(SEEDS))
    files = list(seed.files)
    for _ in range(data.draw(st.integers(1, 4))):
        which = data.draw(st.sampled_from(range(3)))
        tree = yaml.safe_load(files[which].decode("utf-8-sig"))
        leaves = [p for p in _paths(tree) if _is_number(_get(tree, p)) or _is_date(
            _get(tree, p))]
        if not leaves:
            continue
        path = data.draw(st.sampled_from(leaves))
        value = _get(tree, path)
        if _is_date(value):
            new: Any = data.draw(st.sampled_from(EXTREME_DATES))
        elif path[-1] in ("start", "end", "from", "until", "price_base_year", "version"):
            new = data.draw(st.sampled_from(EXTREME_YEARS))
        else:
            new = data.draw(st.sampled_from(EXTREME_NUMBERS))
        _set(tree, path, new)
        files[which] = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False
                                      ).encode("utf-8")
    return files[0], files[1], files[2]


# --------------------------------------------------------------------------------------
# Hostile mutations (issue 14, item 8): one value changed in place, with what must follow
#
# Each mutation replaces the text of one value (or key) of a seed by what people write by
# mistake or on purpose: another type, a boundary value, an amount written the French or
# the spreadsheet way, a date at or beyond the horizon's edges, a Unicode trick, a payload
# for a spreadsheet or a Markdown renderer. The text is spliced into the file, so that
# every other line keeps its number and the outcome can be checked against the line that
# was changed. Each mutation carries a verdict, from docs/formats.md:
#
# - "loud": the formats refuse it or warn about it: an error or a warning must name the
#   mutated line (in its position or as a related position);
# - "legal": the formats accept it: no error may name the mutated line;
# - "suspect": nonsense the formats say nothing about; the campaign counts the silent
#   acceptances, the candidates for the next class of checks;
# - "any": whatever happens, no traceback.

Verdict = Literal["loud", "legal", "suspect", "any"]
MODELS: tuple[type[BaseModel], ...] = tuple(LOADER_FILES.values())
YEAR_FIELDS = ("start", "end", "from", "until", "price_base_year")
REF_FIELDS = ("reference", "asset", "team", "applications")  # + running stops' id
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@dataclass(frozen=True)
class Node:
    """One value (or key) of a seed file, where it is written and what the models expect."""

    file: int          # index into conftest.FILES
    path: Path_
    key: bool          # the key at ``path`` rather than its value
    start: int         # offsets into the seed's text (line endings normalised)
    end: int
    line: int          # 1-based, as messages show it
    flow: bool         # inside a flow collection, where ',' ']' '}' end a plain scalar
    kind: str          # what the models expect there (see field_kind)
    optional: bool     # null is allowed (the field's default)
    name: str          # the name of the field, as written in the file
    written: str       # the text of the node
    confirmed: bool    # the value of a {value, confirmed} mapping: no plausibility warning
    in_quantity: bool  # inside a quantity's mapping ({value, provenance}, {pert: […]}…)


@dataclass(frozen=True)
class Mutation:
    operator: str      # type-swap, boundary, amount, date, unicode, injection
    label: str         # what was written, for grouping what the campaign finds
    text: str          # YAML text spliced in place of the node
    verdict: Verdict
    why: str = ""      # for "suspect": the class of nonsense it stands for


def _strip(annotation: Any, metadata: list[Any], optional: bool = False
           ) -> tuple[Any, list[Any], bool]:
    """Annotated and Optional removed, with the metadata collected and whether None is
    allowed."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            annotation, metadata = base, [*metadata, *extra]
        elif origin in (typing.Union, types.UnionType):
            args = typing.get_args(annotation)
            options = [a for a in args if a is not type(None)]
            optional = optional or len(options) < len(args)
            if len(options) != 1:
                return annotation, metadata, optional
            annotation = options[0]
        else:
            return annotation, metadata, optional


def _validators(metadata: list[Any]) -> set[Any]:
    # Validators only: serializers (shared by Name and Prose) and metadata without a
    # function (Field, WithJsonSchema) say nothing of what a field accepts.
    return {m.func for m in metadata
            if isinstance(m, AfterValidator | BeforeValidator | PlainValidator)}


def _funcs(alias: Any) -> set[Any]:
    return _validators(list(alias.__metadata__))


def _classify(annotation: Any, metadata: list[Any], name: str) -> str:
    for meta in metadata:
        if isinstance(meta, QuantityField):
            if meta.money:
                return "money"
            if name == "share":
                return "fraction"  # a wave's or a team move's: a fixed fraction in (0, 1]
            return {"any": "number"}.get(meta.constraint, meta.constraint)
    funcs = _validators(metadata)
    if annotation is Quantity:
        return "bias"  # optimism_bias: a rate or a preset name
    if typing.get_origin(annotation) is typing.Literal:
        return "enum"
    if funcs & _funcs(Int):
        return "year" if name in YEAR_FIELDS else "score"
    if funcs & _funcs(Date):
        return "date"
    if funcs & _funcs(Name):
        return "name"
    if funcs & _funcs(Slug):
        return "ref" if name in REF_FIELDS else "id"
    if annotation is str:
        if name in REF_FIELDS or name in ("id", "index_of"):
            return "ref"
        return "currency" if name == "currency" else "text"
    if typing.get_origin(annotation) is list:
        return "list"
    return "mapping"


def field_kind(model: type[BaseModel], path: Path_) -> tuple[str, bool, str]:
    """What ``model`` expects at ``path``: a kind (money, share, fraction, rate, positive,
    nonneg, number, bias, year, score, date, name, id, ref, text, enum, currency, list,
    mapping, or ``inner:KIND`` inside a quantity's mapping), whether null is allowed, and the
    field's name."""
    annotation: Any = model
    metadata: list[Any] = []
    optional = False
    name = ""
    for i, part in enumerate(path):
        annotation, metadata, optional = _strip(annotation, metadata)
        if annotation is Quantity:
            # Inside {value: …, provenance: …} or a distribution's mapping.
            kind = _classify(annotation, metadata, name)
            rest = path[i:]
            if rest == ("value",):
                return f"inner:{kind}", False, name
            if rest[0] == "provenance":
                return field_kind(Provenance, rest[1:]) if len(rest) > 1 else (
                    "mapping", True, "provenance")
            return ("text" if rest == ("confirmed",) else f"inner:{kind}"), False, name
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found = next(((n, f) for n, f in annotation.model_fields.items()
                          if (f.alias or n) == part), None)
            if found is None:
                return "unknown", True, str(part)
            field_name, info = found
            name = info.alias or field_name
            annotation, metadata = info.annotation, list(info.metadata)
            optional = False
            continue
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is list and args:
            annotation, metadata = args[0], []
        elif origin is dict and args:
            annotation, metadata = args[1], []
        else:
            return "unknown", True, name
    annotation, metadata, optional = _strip(annotation, metadata, optional)
    return _classify(annotation, metadata, name), optional, name


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends: a block collection's end mark runs on over the
    comments and blank lines that follow it."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(last, tuple) else last)
    return int(node.end_mark.index)


_ANCHOR = re.compile(r"&[^\s,\[\]{}]+\s*")


def seed_text(seed: Seed, which: int) -> str:
    text = seed.files[which].decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@functools.cache
def seed_nodes(seed: Seed) -> tuple[Node, ...]:
    """Every value and key of a seed's three files (each aliased node once)."""
    nodes: list[Node] = []
    for which, model in enumerate(MODELS):
        text = seed_text(seed, which)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        seen: set[int] = set()
        parents: list[yaml.MappingNode] = []

        def add(node: yaml.Node, path: Path_, key: bool, flow: bool, which: int = which,
                text: str = text, model: type[BaseModel] = model,
                parents: list[yaml.MappingNode] = parents) -> None:
            start = int(node.start_mark.index)
            end = _content_end(node)
            while end > start and text[end - 1] in " \n":
                end -= 1
            anchor = _ANCHOR.match(text, start)
            if anchor:
                start = anchor.end()  # the anchor stays, on whatever replaces the value
            if _ANCHOR.search(text, start, end):
                return  # replacing it would leave the aliases to an anchor inside dangling
            kind, optional, name = field_kind(model, path)
            confirmed = path[-1:] == ("value",) and any(
                isinstance(k, yaml.ScalarNode) and k.value == "confirmed"
                for k, _v in parents[-1].value)
            inside = any(field_kind(model, path[:k])[0] in QUANTITY_KINDS
                         for k in range(1, len(path)))
            nodes.append(Node(which, path, key, start, end, node.start_mark.line + 1, flow,
                              "key" if key else kind, optional, name, text[start:end],
                              confirmed, inside))

        def walk(node: yaml.Node, path: Path_, flow: bool, seen: set[int] = seen,
                 parents: list[yaml.MappingNode] = parents) -> None:
            if id(node) in seen:
                return
            seen.add(id(node))
            inner = flow or bool(getattr(node, "flow_style", False))
            if isinstance(node, yaml.MappingNode):
                parents.append(node)
                for key_node, value in node.value:
                    if key_node.tag.endswith(":merge") or not isinstance(
                            key_node, yaml.ScalarNode):
                        continue
                    child = (*path, unicodedata.normalize("NFC", key_node.value))
                    add(key_node, child, True, inner)
                    add(value, child, False, inner)
                    walk(value, child, inner)
                parents.pop()
            elif isinstance(node, yaml.SequenceNode):
                for i, value in enumerate(node.value):
                    add(value, (*path, i), False, inner)
                    walk(value, (*path, i), inner)

        if root is not None:
            walk(root, (), False)
    return tuple(nodes)


@functools.cache
def seed_horizon(seed: Seed) -> tuple[int, int]:
    """The first and last years of a seed's timelines."""
    from soicost.finance.scenarios import horizon

    with tempfile.TemporaryDirectory() as tmp:
        years = horizon(load_inputs(write_files(Path(tmp), *seed.files))).years
    return years[0], years[-1]


# The YAML text of a value --------------------------------------------------------------


def quoted(text: str, *, escape: str = "") -> str:
    """``text`` as a YAML double-quoted scalar: controls and surrogates as escapes (raw,
    most cannot be written at all), the characters of ``escape`` too, the rest as is."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02X}")
        elif 0xD800 <= code <= 0xDFFF or char in escape:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# The operators -------------------------------------------------------------------------

QUANTITY_KINDS = ("money", "share", "fraction", "rate", "positive", "nonneg", "number", "bias")
SCALAR_KINDS = (*QUANTITY_KINDS, "year", "score", "date", "name", "id", "ref", "text", "enum",
                "currency")

# (YAML text, its type) for type swaps.
SWAPS = [("0", "number"), ("1", "number"), ("-1", "number"), ("2.5", "number"),
         ("1e308", "number"), ("true", "bool"), ("false", "bool"), ('"x"', "string"),
         ("x", "string"), ('"true"', "string"), ("[]", "list"), ("[1, 2]", "list"),
         ("{}", "mapping"), ("{a: 1}", "mapping"), ("null", "null"), ("~", "null"),
         ("2023-01-01", "date")]


def _swap_verdict(node: Node, written: str, kind: str) -> Verdict:
    """What the models must do with a value of type ``kind`` where ``node`` is."""
    expected = node.kind.removeprefix("inner:")
    if kind == "null":
        return "any" if node.optional or node.kind.startswith("inner:") else "loud"
    if node.name == "version":
        return "any"  # 1 is the version
    if expected in QUANTITY_KINDS:
        if kind in ("bool", "date", "list") or (kind == "mapping" and written != "{}"):
            return "loud"
        if kind == "string" and written in ('"x"', "x", '"true"'):
            return "loud"
        return "any"
    if expected in ("year", "score"):
        if kind in ("bool", "date", "list", "mapping") or written in ('"x"', "x", '"true"',
                                                                     "2.5"):
            return "loud"
        return "any"
    if expected == "date":
        return "loud" if kind in ("bool", "number", "list", "mapping") or written in (
            '"x"', "x", '"true"') else "any"
    if expected in ("name", "id", "ref", "text", "enum", "currency"):
        # A date is a string in the YAML 1.2 core schema: id: 2023-01-01 is a valid slug.
        return "loud" if kind in ("bool", "number", "list", "mapping") else "any"
    if expected in ("list", "mapping"):
        return "loud" if kind in ("bool", "number", "date", "string") else "any"
    return "any"


def type_swaps(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    if node.key:
        return []
    return [Mutation("type-swap", f"{node.kind.removeprefix('inner:')} <- {kind}", text,
                     _swap_verdict(node, text, kind)) for text, kind in SWAPS]


# Boundary values: (text, verdict by kind). Kinds not listed: "any".
_B = dict[str, Verdict]
BOUNDARIES: list[tuple[str, _B]] = [
    ("-1e-9", {"share": "loud", "fraction": "loud", "positive": "loud", "nonneg": "loud",
               "money": "loud", "rate": "legal"}),
    ("0", {"share": "legal", "fraction": "loud", "positive": "loud", "nonneg": "legal",
           "rate": "legal"}),
    ("-0", {"share": "legal", "fraction": "loud", "positive": "loud", "nonneg": "legal",
            "rate": "legal"}),
    ("1", {"share": "legal", "nonneg": "legal"}),
    ("1.000000001", {"share": "loud", "fraction": "loud"}),
    ("100%", {"share": "legal", "nonneg": "legal"}),
    ("99.9999999%", {"share": "legal", "fraction": "any"}),
    ("100.0000001%", {"share": "loud", "fraction": "loud"}),
    ("101%", {"share": "loud", "fraction": "loud", "money": "loud"}),
    ("-100%", {"share": "loud", "fraction": "loud", "rate": "loud", "money": "loud",
               "positive": "loud", "nonneg": "loud"}),
    ("-1", {"share": "loud", "fraction": "loud", "rate": "loud", "money": "loud",
            "positive": "loud", "nonneg": "loud"}),
    ("100", {"share": "loud", "fraction": "loud", "money": "loud"}),
    ("1e-300", {"share": "legal", "money": "loud"}),
    (".nan", dict.fromkeys(QUANTITY_KINDS, "loud")),
    ('"NaN"', dict.fromkeys(QUANTITY_KINDS, "loud")),
    ('"nan%"', dict.fromkeys(QUANTITY_KINDS, "loud")),
    ("-.inf", dict.fromkeys(QUANTITY_KINDS, "loud")),
    ('"1/0"', dict.fromkeys(QUANTITY_KINDS, "loud")),
    ('"50% to 200%"', {"share": "loud", "fraction": "loud", "money": "loud"}),
    ("{uniform: [0, 1.01]}", {"share": "loud", "fraction": "loud"}),
    ("{pert: [-0.01, 0.1, 0.2]}", {"share": "loud", "fraction": "loud", "money": "loud",
                                    "positive": "loud", "nonneg": "loud"}),
]
# Years and scores: (text, verdict by field).
YEAR_BOUNDARIES: list[tuple[str, Verdict]] = [
    ("0", "loud"), ("-1", "loud"), ("9999", "loud"), ("99999", "loud"), ("2023.5", "loud"),
    ("2023.0", "any"), ('"2023"', "any"), ("'２０２３'", "loud"), ('"2 023"', "loud"),
    ("1e4", "any"), ("true", "loud")]
SCORE_BOUNDARIES: list[tuple[str, Verdict]] = [
    ("0", "loud"), ("6", "loud"), ("1", "legal"), ("5", "legal"), ("2.5", "loud"),
    ("-1", "loud"), ('"５"', "loud"), ("true", "loud")]
# Rates written as a percentage without its sign (3.2 is 320 %), or so close to -100 % that
# every discount factor explodes: warned about (docs/formats.md, "Warnings").
RATE_WARNED = ["3.2", "14", '"-99.99%"', '"-50%"', "1"]


def boundaries(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    if node.key:
        return []
    kind = node.kind.removeprefix("inner:")
    out: list[Mutation] = []
    if kind in QUANTITY_KINDS:
        for text, verdicts in BOUNDARIES:
            verdict = verdicts.get(kind, "any")
            if kind == "money" and text in ("0", "-0") and node.name == "amount":
                verdict = "loud"  # a quote of 0: an error for the reference, else a warning
            elif text in ("0", "-0") and "factors" in node.path:
                verdict = "any"  # a factor of 0: an error for the reference's category
            out.append(Mutation("boundary", f"{kind} <- {text}", text,
                                _money_verdict(node, text, verdict)))
        if kind == "rate":
            out += [Mutation("boundary", f"rate <- {text}", text,
                             "any" if node.confirmed else "loud") for text in RATE_WARNED]
    elif kind == "year":
        out += [Mutation("boundary", f"year <- {text}", text, verdict)
                for text, verdict in YEAR_BOUNDARIES]
    elif kind == "score":
        out += [Mutation("boundary", f"score <- {text}", text, verdict)
                for text, verdict in SCORE_BOUNDARIES]
    if kind in ("positive", "nonneg") and node.name in ("life_years", "fte", "months_to_fill",
                                                        "double_running_months"):
        # Refused since the campaign: a percentage is not a count or a duration.
        out.append(Mutation("boundary", f"{node.name} <- 50%", "50%", "loud"))
    return out


# Amounts as people write them: (text, verdict, why for suspects).
AMOUNTS: list[tuple[str, Verdict, str]] = [
    ("500.000", "loud", ""), ('"500.000"', "loud", ""), ("1.250.000", "loud", ""),
    ('"1,234"', "loud", ""), ('"1,5 M€"', "legal", ""), ("30 %", "loud", ""),
    ('"30%"', "loud", ""), ('"12,5%"', "loud", ""), ("1e-3", "loud", ""),
    ('"500 k€"', "legal", ""), ('"€500k"', "loud", ""), ('"500 000,00"', "legal", ""),
    ('"cinq cents"', "loud", ""), ("500", "loud", ""), ('"1,5"', "loud", ""),
    ("2e9", "loud", ""), ('"300k - 900k"', "loud", ""), ('"５００k"', "loud", ""),
    ('"500\u00a0000"', "legal", ""), ('"500\u202f000 €"', "legal", ""), ('"1/3"', "loud", ""),
    ('"-500k"', "loud", ""), ('"500k HT"', "loud", ""), ('"500 000 EUR"', "legal", ""),
    ('"1.2M"', "legal", ""), ('"0,5 M€"', "legal", ""),
    ('"500 000,000"', "loud", ""), ('"1 250.000"', "loud", ""),
    # A range whose bounds are more than 1,000 times apart: warned about since the campaign.
    ('"1.5 to 2.5M"', "loud", ""), ('"150 to 250k"', "loud", ""),
    ('"500k to 900M"', "loud", ""),
]


# Amounts that only a plausibility warning catches (a confirmed figure has none).
PLAUSIBILITY = ("1e-3", "500", '"1,5"', "2e9", '"1/3"', "100", "1e-300", "0", "-0",
                '"1.5 to 2.5M"', '"150 to 250k"', '"500k to 900M"')


def _money_verdict(node: Node, text: str, verdict: Verdict) -> Verdict:
    if node.kind.removeprefix("inner:") != "money":
        return verdict
    if node.confirmed and text in PLAUSIBILITY:
        return "any"
    if verdict == "legal" and node.name in ("residual", "cost_per_fte"):
        return "any"  # above the cost, or outside the plausible wages: refused or warned
    return verdict


def amounts(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    if node.key or node.kind.removeprefix("inner:") != "money":
        return []
    zero: Verdict = "loud" if node.name == "amount" else "legal"  # a quote of 0 is not a quote
    return [Mutation("amount", f"amount <- {text}", text, _money_verdict(node, text, verdict),
                     why) for text, verdict, why in [*AMOUNTS, ("0", zero, ""), ("-0", zero, "")]]


# Scenario events the horizon must hold: the field, where it sits, and what happens before
# and after the horizon (docs/formats.md, "Checks across fields and files" and "Warnings").
_EVENTS: dict[str, tuple[Verdict, Verdict]] = {
    "waves": ("loud", "loud"), "teams": ("loud", "loud"), "decommission": ("loud", "loud"),
    "stops": ("any", "loud"), "adds": ("any", "loud"), "rps_proxies": ("any", "loud"),
}


def dates(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    if node.key or node.kind.removeprefix("inner:") != "date":
        return []
    start, end = horizon
    out = [Mutation("date", "date <- 2023-02-29", "2023-02-29", "loud"),
           Mutation("date", "date <- 2024-02-29", "2024-02-29", "any"),
           Mutation("date", "date <- 20230101", "20230101", "loud"),
           Mutation("date", "date <- 01/02/2023", '"01/02/2023"', "loud")]
    event = node.path[-3] if len(node.path) >= 3 and node.path[-3] in _EVENTS else None
    if event is not None and node.name in ("date", "from"):
        before, after = _EVENTS[str(event)]
        out += [Mutation("date", "event <- horizon start", f"{start:04d}-01-01", "any"),
                Mutation("date", "event <- horizon start - 1 day", f"{start - 1:04d}-12-31",
                         before),
                Mutation("date", "event <- horizon end", f"{end:04d}-12-31", "any"),
                Mutation("date", "event <- horizon end + 1 day", f"{end + 1:04d}-01-01",
                         after),
                Mutation("date", "event <- 0001-01-01", "0001-01-01", before),
                Mutation("date", "event <- 9998-12-31", "9998-12-31", after)]
    elif node.path[-3:-2] == ("quotes",) or node.name in ("in_service", "valuation_date"):
        # Warned about since the campaign: a year before 1950, or a quote after the horizon
        # (a valuation date or an asset in 9998 may also be refused: the calendar's end).
        far: Verdict = "loud" if node.path[-3:-2] == ("quotes",) else "any"
        out += [Mutation("date", f"{node.name} <- 0001-01-01", "0001-01-01", "loud"),
                Mutation("date", f"{node.name} <- 9998-12-31", "9998-12-31", far),
                Mutation("date", f"{node.name} <- horizon end + 1 day", f"{end + 1:04d}-01-01",
                         "any")]
    else:
        out += [Mutation("date", "date <- 0001-01-01", "0001-01-01", "any"),
                Mutation("date", "date <- 9998-12-31", "9998-12-31", "any")]
    return out


HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
              "i": "\u0456", "x": "\u0445", "y": "\u0443"}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Keys that name things rather than fields: a changed key is a new name, not an unknown key.
_FREE_KEYS = ("indexation",)


def _insert(text: str, char: str) -> str:
    """``char`` in the middle of ``text`` (never at an end, where a space is stripped)."""
    at = max(1, len(text) // 2)
    return text[:at] + char + text[at:] if len(text) >= 2 else char + text


def _unicode_verdict(node: Node, trick: str) -> Verdict:
    """Refused characters are refused anywhere; the others are text in text, and a
    different name in a key, an id, a reference or a number."""
    if trick in ("bidi", "bidi-escaped", "surrogate", "control", "raw-separator"):
        return "loud"
    if trick == "nfd":
        return "legal" if node.kind in ("name", "text", "key", "ref") else "any"
    if trick == "separator-escaped":
        return "loud" if node.kind in ("name", "id", "ref", "enum", "key", "date") else "any"
    in_free_key = node.key and len(node.path) >= 2 and node.path[-2] in _FREE_KEYS
    if node.kind in ("name", "text"):
        return "legal" if trick != "fullwidth" else "any"
    if in_free_key:
        return "suspect"
    if node.kind in ("id", "ref", "enum", "key", "currency", "date", "year", "score") or (
            node.kind in QUANTITY_KINDS and trick in ("fullwidth", "zwj", "zwsp", "homoglyph")):
        return "loud"
    return "any"


def unicode_tricks(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    kind = node.kind.removeprefix("inner:")
    if not (node.key or kind in SCALAR_KINDS):
        return []
    written = node.written
    if written[:1] in "\"'":
        written = str(yaml.safe_load(written))
    if "\n" in written or not written:
        return []
    tricks: list[tuple[str, str]] = []
    letters = [c for c in written if c in HOMOGLYPHS]
    if letters:
        tricks.append(("homoglyph", quoted(written.replace(letters[0], HOMOGLYPHS[letters[0]],
                                                           1))))
    if unicodedata.normalize("NFD", written) != written:
        tricks.append(("nfd", quoted(unicodedata.normalize("NFD", written))))
    if any(c.isdigit() for c in written):
        tricks.append(("fullwidth", quoted(written.translate(FULLWIDTH))))
    if len(written) >= 2:  # a space at an end is stripped: only inside it is a trick
        tricks += [("nbsp", quoted(_insert(written, "\u00a0"))),
                   ("narrow-nbsp", quoted(_insert(written, "\u202f")))]
    tricks += [("bidi", quoted(_insert(written, "\u202e"))),
               ("bidi-escaped", quoted(_insert(written, "\u2066"), escape=BIDI)),
               ("zwj", quoted(_insert(written, "\u200d"))),
               ("zwsp", quoted(_insert(written, "\u200b"))),
               ("separator-escaped", quoted(_insert(written, "\u2028"), escape="\u2028")),
               ("surrogate", quoted(_insert(written, "\ud800"))),
               ("control", quoted(_insert(written, "\x07"))),
               ("raw-separator", quoted(_insert(written, "\u2028")))]
    return [Mutation("unicode", f"{'key' if node.key else kind} <- {trick}", text,
                     _unicode_verdict(node, trick)) for trick, text in tricks]


PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","clic")', "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1", "-1", "-", "|", "a|b|c", "<script>alert(1)</script>", "<img src=x onerror=1>",
            "`rm -rf /`", "``", "[x](http://y)", "![i](http://y)", "**b** _i_", "# title",
            "\\|", "&lt;b&gt;", "|---|---|", "${jndi:ldap://x}", "{{7*7}}", "%s%n", "x" * 10_000]


def injections(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    if node.key or node.kind not in ("name", "text", "id", "ref", "enum"):
        return []
    verdict: Verdict = "legal" if node.kind in ("name", "text") else "loud"
    out = [Mutation("injection", f"{node.kind} <- {p[:20]}", quoted(p),
                    "any" if node.kind == "id" and p.isalnum() else verdict)
           for p in PAYLOADS]
    # A tab first: a formula trigger for some spreadsheets; a name cannot hold it.
    out.append(Mutation("injection", f"{node.kind} <- tab =1", quoted("\t=1"),
                        "loud" if node.kind in ("name", "id", "ref", "enum") else "legal"))
    return out


def raw_separators(node: Node, horizon: tuple[int, int]) -> list[Mutation]:
    """A line separator written raw in a comment after a value: YAML 1.1 readers (PyYAML)
    end the comment there, editors and terminals do not."""
    if node.key or node.flow or "\n" in node.written or node.kind in ("list", "mapping"):
        return []
    return [Mutation("unicode", f"comment <- raw {name}", f"{node.written} # x{char}y",
                     "loud") for name, char in (("U+2028", "\u2028"), ("U+2029", "\u2029"),
                                                 ("NEL", "\x85"))]


OPERATORS: dict[str, Callable[[Node, tuple[int, int]], list[Mutation]]] = {
    "type-swap": type_swaps, "boundary": boundaries, "amount": amounts, "date": dates,
    "unicode": unicode_tricks, "injection": injections, "raw-separator": raw_separators,
}


@dataclass(frozen=True)
class HostileCase:
    seed: Seed
    node: Node
    mutation: Mutation
    files: tuple[bytes, bytes, bytes]

    @property
    def file(self) -> str:
        return FILES[self.node.file]


def splice(seed: Seed, node: Node, text: str) -> tuple[bytes, bytes, bytes]:
    files = list(seed.files)
    source = seed_text(seed, node.file)
    files[node.file] = (source[:node.start] + text + source[node.end:]).encode(
        "utf-8", "surrogatepass")
    return files[0], files[1], files[2]


@functools.cache
def _mutations(seed: Seed, operator: str) -> tuple[tuple[Node, Mutation], ...]:
    horizon = seed_horizon(seed)
    return tuple((n, m) for n in seed_nodes(seed) for m in OPERATORS[operator](n, horizon)
                 if not open_finding(n, m))


@functools.cache
def candidates(seed: Seed, operator: str, verdicts: tuple[Verdict, ...]
               ) -> tuple[tuple[Node, Mutation], ...]:
    """Every mutation ``operator`` makes of ``seed`` with one of ``verdicts``, but those of
    the classes still open."""
    return tuple((n, m) for n, m in _mutations(seed, operator) if m.verdict in verdicts)


# Classes of findings of the hostile campaigns not fixed yet (docs/quality.md): left out of
# the property tests until they are. The campaign script runs them all.
OPEN: dict[str, Callable[[Node, Mutation], bool]] = {
}
CAMPAIGN = False  # the campaign script sets it: every mutation, open classes included


def open_finding(node: Node, mutation: Mutation) -> str | None:
    if CAMPAIGN:
        return None
    return next((name for name, test in OPEN.items() if test(node, mutation)), None)


@functools.cache
def candidate_groups(seed: Seed, operator: str, verdicts: tuple[Verdict, ...]
                     ) -> tuple[tuple[tuple[Node, Mutation], ...], ...]:
    """The candidates grouped by field (kind, name, key or value): drawing a field first
    gives the one discount rate of a file as many draws as its hundred names."""
    groups: dict[tuple[str, str, bool], list[tuple[Node, Mutation]]] = {}
    for node, mutation in candidates(seed, operator, verdicts):
        groups.setdefault((node.kind, node.name, node.key), []).append((node, mutation))
    return tuple(tuple(group) for group in groups.values())


ALL_VERDICTS: tuple[Verdict, ...] = ("loud", "legal", "suspect", "any")


def hostile_mutations(data: st.DataObject, operators: tuple[str, ...] = tuple(OPERATORS),
                      verdicts: tuple[Verdict, ...] = ALL_VERDICTS) -> HostileCase:
    """One hostile mutation of one node of one seed, drawn by ``data``."""
    seed = data.draw(st.sampled_from(SEEDS))
    available = [op for op in operators if candidates(seed, op, verdicts)]
    if not available:
        # The bundled data has a node for every operator and verdict.
        seed = next(s for s in SEEDS if s.name == "bundled")
        available = [op for op in operators if candidates(seed, op, verdicts)]
    operator = data.draw(st.sampled_from(available))
    group = data.draw(st.sampled_from(candidate_groups(seed, operator, verdicts)))
    node, mutation = data.draw(st.sampled_from(group))
    return HostileCase(seed, node, mutation, splice(seed, node, mutation.text))


# The oracle ----------------------------------------------------------------------------

# Characters a message must never print raw: controls but the line feed that separates its
# lines, surrogates, bidirectional controls, and line and paragraph separators.
_RAW_FORBIDDEN = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{BIDI}]")


@dataclass
class Outcome:
    status: str                       # invalid, model error, ok
    problems: tuple[Problem, ...]     # errors, or warnings of valid inputs
    text: str                         # the rendered messages
    result: Any = None                # the estimate, when it ran


def run_outcome(folder: Path, *, model: bool = True) -> Outcome:
    """Load ``folder`` and, if it validates and ``model``, run the model on it. Raises
    whatever is not a SoicostError (a crash)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            inputs = load_inputs(folder)
        except InputError as exc:
            return Outcome("invalid", tuple(exc.problems), exc.render())
        except SoicostError as exc:
            return Outcome("invalid", (), exc.render())
        summarise(inputs)
        text = render_warnings(inputs.warnings)
        if not model:
            return Outcome("ok", inputs.warnings, text)
        try:
            result = estimate(inputs, EstimateOptions(samples=FUZZ_SAMPLES))
        except SoicostError as exc:
            return Outcome("model error", inputs.warnings, text + exc.render())
        return Outcome("ok", inputs.warnings, text, result)


def message_faults(outcome: Outcome) -> list[str]:
    """What is wrong with the messages themselves: a problem without a file and a line
    (file:line:col), or a raw control, bidirectional or surrogate character."""
    faults = []
    for problem in outcome.problems:
        loc = problem.location
        if Path(loc.file).name not in FILES or loc.line < 1 or loc.column < 1:
            faults.append(f"no file:line:col: {problem.render().splitlines()[0]!r}")
    found = _RAW_FORBIDDEN.search(outcome.text)
    if found:
        faults.append(f"raw U+{ord(found[0]):04X} in a message")
    invisible = next((c for c in outcome.text if unicodedata.category(c) == "Cf"
                      and not _RAW_FORBIDDEN.match(c)), None)
    if invisible is not None:
        # Not a control, but it draws nothing: "expected: users" next to "found: 'users'".
        faults.append(f"invisible U+{ord(invisible):04X} in a message")
    return faults


def names_line(problem: Problem, file: str, line: int) -> bool:
    places = [problem.location, *(other for _label, other in problem.related)]
    return any(Path(p.file).name == file and p.line == line for p in places)


def judge(case: HostileCase, outcome: Outcome) -> str:
    """loud (a problem names the line), misplaced (problems, none at the line), silent (no
    problem at all), model error; for legal mutations: accepted, or refused (an error at the
    line)."""
    at_line = [p for p in outcome.problems if names_line(p, case.file, case.node.line)]
    if outcome.status == "model error":
        return "model error"
    if case.mutation.verdict == "legal":
        refused = [p for p in at_line if p.severity == "error" and outcome.status == "invalid"]
        return "refused" if refused else "accepted"
    if at_line:
        return "loud"
    return "misplaced" if outcome.problems or outcome.status == "invalid" else "silent"


def check_hostile(case: HostileCase, *, model: bool = True) -> tuple[str, Outcome]:
    """Run a hostile case; the judgement, and the outcome. Raises on a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run_outcome(write_files(Path(tmp), *case.files), model=model)
    return judge(case, outcome), outcome


# Outputs: text from the inputs is inert ------------------------------------------------

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_MD_SPLIT = re.compile(r"(?<!\\)\|")
_MD_CODE = re.compile(r"(`+).*?\1")
_MD_RAW = re.compile(r"<\s*/?\s*(script|img|b|i)\b|(?<!\\)\]\((?:https?:|x)", re.IGNORECASE)


def _is_number_cell(cell: str) -> bool:
    try:
        float(cell.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return False
    return True


def _live_cell(cell: str) -> bool:
    return cell.startswith(_TRIGGERS) and not _is_number_cell(cell)


def output_faults(result: Any) -> list[str]:
    """Formula triggers at the start of a CSV or XLSX text cell, Markdown tables whose rows
    lose or gain a column, raw HTML or links in Markdown, in every tabular output."""
    import csv
    import io

    from soicost.render.compare import render_comparison
    from soicost.render.estimate import render as render_estimate
    from soicost.render.tabular import tables_from_estimate, to_csv
    from soicost.tables import table_files

    faults: list[str] = []
    csvs: dict[str, tuple[str, str]] = {}
    markdowns: dict[str, str] = {}
    files = table_files(result, "fr", xlsx=True)
    for name, content in files.items():
        if name.endswith(".csv"):
            csvs[name] = (content.decode("utf-8"), ",")
        elif name.endswith(".md") and name != "README.md":
            markdowns[name] = content.decode("utf-8")
    for table in tables_from_estimate(result):
        csvs[f"{table.name}.excel-fr.csv"] = (to_csv(table, "excel-fr"), ";")
    csvs["compare.csv"] = (render_comparison(result, "csv", "en"), ",")
    markdowns["compare.md"] = render_comparison(result, "markdown", "en")
    markdowns["estimate.md"] = render_estimate(result, "markdown", "en")
    for name, (text, delimiter) in csvs.items():
        rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""),
                          delimiter=delimiter)
        faults += [f"{name}: live formula {cell[:30]!r}" for row in rows for cell in row
                   if _live_cell(cell)]
    for name, text in markdowns.items():
        faults += [f"{name}: {fault}" for fault in _markdown_faults(text)]
    faults += [f"tables.xlsx: {fault}" for fault in _xlsx_faults(files["tables.xlsx"])]
    return faults


def _markdown_faults(text: str) -> list[str]:
    faults = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not (line.startswith("|") and i + 1 < len(lines) and lines[i + 1].startswith("|-")):
            continue
        width = len(_MD_SPLIT.split(line.strip()[1:-1]))
        j = i + 2
        while j < len(lines) and lines[j].startswith("|"):
            if len(_MD_SPLIT.split(lines[j].strip()[1:-1])) != width:
                faults.append(f"a row of {width} columns broken: {lines[j][:60]!r}")
            j += 1
        if j < len(lines) and lines[j] != "":
            faults.append(f"a table row cut in two: {lines[j][:60]!r}")
    raw = _MD_RAW.search(_MD_CODE.sub("", text))
    if raw:
        faults.append(f"raw HTML or link {raw[0]!r}")
    return faults


def _xlsx_faults(data: bytes) -> list[str]:
    import io

    import openpyxl

    faults = []
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str)
                                             and _live_cell(cell.value)):
                    faults.append(f"{sheet.title}!{cell.coordinate}: {str(cell.value)[:30]!r}")
    return faults


# --------------------------------------------------------------------------------------
# The tests (short runs; the campaign script runs them for longer)

FAST = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(byte_mutations)
def test_byte_mutations_never_crash(case: tuple[Seed, int, list[ByteOp]]) -> None:
    run_files(mutate_bytes(*case))


@FAST
@given(st.data())
def test_structure_mutations_never_crash(data: st.DataObject) -> None:
    run_files(mutate_structure(data))


@FAST
@given(st.data())
def test_extreme_values_never_crash(data: st.DataObject) -> None:
    run_files(mutate_extremes(data))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.name)
def test_seeds_run(seed: Seed) -> None:
    # The fuzzer starts from inputs that validate and run: a seed that did not would only
    # test the loader.
    assert run_files(seed.files) == "ok"


# Crashes the fuzzer found, kept as regressions (each is also a corpus case when
# `validate` is where it now stops).
CRASHES: dict[str, tuple[str, Callable[[Seed], tuple[bytes, bytes, bytes]]]] = {
    # OverflowError in amortisation.end_of_life: a plan ending after 9999-12-31.
    "asset life of 1e300 years": ("utf8-accents", lambda s: (
        s.files[0], s.files[1].replace(b"life_years: 15", b"life_years: 1e300"), s.files[2])),
    "asset in service on 9999-12-31": ("utf8-accents", lambda s: (
        s.files[0], s.files[1].replace(b"2017-09-01", b"9999-12-31"), s.files[2])),
    # IndexError in scenarios._timeline: a horizon that ends before it starts.
    "horizon ending before it starts": ("utf8-accents", lambda s: (
        s.files[0], s.files[1], s.files[2] + b"horizon: {start: 2023, end: 2020}\n")),
    # ValueError (year 10000 is out of range) in scenarios.year_fraction.
    "horizon up to 9999 with running costs": (
        "scenario-decommission-after-the-last-wave", lambda s: (
            s.files[0], s.files[1], s.files[2].replace(
                b"scenarios:", b"horizon: {start: 9995, end: 9999}\nscenarios:"))),
    # ValueError in amortisation._check_life: one draw in a few thousand of a normal life
    # is negative (the constraint allowed normals within 3.09 sd of zero).
    "normal life of mean 10 and sd 3": ("utf8-accents", lambda s: (
        s.files[0], s.files[1].replace(b"life_years: 15",
                                       b"life_years: {normal: {mean: 10, sd: 3}}"), s.files[2])),
    # ValueError in amortisation._amounts: lognormal draws of a cost overflowing to inf.
    "cost from 1e-300 to 1e300": ("utf8-accents", lambda s: (
        s.files[0], s.files[1].replace(b"cost: 1M", b"cost: 1e-300 to 1e300"), s.files[2])),
    # ValueError in amortisation._amounts: numpy's triangular sampler squares the width.
    "triangular cost up to 1e300": ("utf8-accents", lambda s: (
        s.files[0], s.files[1].replace(b"cost: 1M", b"cost: {triangular: [0, 0, 1e300]}"),
        s.files[2])),
    # ValueError (year 10000) in scenarios.year_fraction: a default horizon of 9998 + 7.
    "reference quote dated 9998-12-31": ("scenario-decommission-after-the-last-wave",
                                         lambda s: (s.files[0].replace(b"2022-05-18",
                                                                       b"9998-12-31"),
                                                    s.files[1], s.files[2])),
    # IllegalCharacterError in openpyxl (XLSX export, the campaign's --render): a control
    # character written as an escape in a double-quoted string.
    "control character escaped in a name": ("utf8-accents", lambda s: (
        s.files[0].replace(b"name: Paie", b'name: "\\x1FPaie"').replace(
            "congés".encode(), "congés\"".encode()), s.files[1], s.files[2])),
    # 100,000 years of timelines: minutes, or a MemoryError with more samples.
    "horizon of a hundred thousand years": ("utf8-accents", lambda s: (
        s.files[0], s.files[1], s.files[2] + b"horizon: {start: 2023, end: 102023}\n")),
}


@pytest.mark.parametrize("name", list(CRASHES))
def test_crashes_found_by_fuzzing_are_messages(name: str) -> None:
    seed_name, mutate = CRASHES[name]
    seed = next(s for s in SEEDS if s.name == seed_name)
    files = mutate(seed)
    assert files != seed.files
    assert run_files(files) == "invalid"


# Hostile mutations: the property test of each verdict (the campaign runs them for longer)

HOSTILE = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _explain(case: HostileCase, outcome: Outcome) -> str:
    return (f"{case.seed.name}: {case.mutation.operator} {case.mutation.label!r} at "
            f"{case.file}:{case.node.line} ({format_path(case.node.path)}"
            f"{', key' if case.node.key else ''}): {case.mutation.text[:80]!r}\n"
            f"{outcome.status}:\n{outcome.text[:2000]}")


@HOSTILE
@given(st.data())
def test_targeted_nonsense_is_never_silently_accepted(data: st.DataObject) -> None:
    # A share above 100 %, 500.000, a boolean year, a wave outside the horizon, a bidi
    # override…: an error or a warning, naming the line that was changed.
    case = hostile_mutations(data, verdicts=("loud",))
    judgement, outcome = check_hostile(case, model=False)
    assert judgement == "loud", _explain(case, outcome)
    assert message_faults(outcome) == [], _explain(case, outcome)


@HOSTILE
@given(st.data())
def test_what_the_formats_accept_is_not_refused(data: st.DataObject) -> None:
    # 500 000,00, 1,5 M€, a share of 0 or 100 %, a name with a zero-width joiner or a
    # formula: read, not refused at their line.
    case = hostile_mutations(data, verdicts=("legal",))
    judgement, outcome = check_hostile(case, model=False)
    assert judgement == "accepted", _explain(case, outcome)
    assert message_faults(outcome) == [], _explain(case, outcome)


@settings(max_examples=20, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_hostile_mutations_never_crash_and_every_message_names_its_line(
        data: st.DataObject) -> None:
    case = hostile_mutations(data)
    _judgement, outcome = check_hostile(case)
    assert message_faults(outcome) == [], _explain(case, outcome)


@settings(max_examples=5, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_hostile_text_reaches_every_output_inert(data: st.DataObject) -> None:
    # A formula, a pipe, HTML or a link in a name: quoted in CSV and XLSX cells, escaped in
    # Markdown tables, which keep their columns.
    case = hostile_mutations(data, operators=("injection",), verdicts=("legal",))
    _judgement, outcome = check_hostile(case)
    if outcome.result is not None:
        assert output_faults(outcome.result) == [], _explain(case, outcome)


def test_the_oracles_see_what_they_are_for(monkeypatch: pytest.MonkeyPatch) -> None:
    # An oracle that sees nothing passes every example: show each one a fault.
    from soicost.render import markdown, tabular

    seed = next(s for s in SEEDS if s.name == "bundled")
    node = next(n for n in seed_nodes(seed)
                if n.path[:1] == ("applications",) and n.name == "name" and not n.key)
    mutation = Mutation("injection", "name <- formula", quoted("=1+1 a|b <script>"), "legal")
    case = HostileCase(seed, node, mutation, splice(seed, node, mutation.text))
    judgement, outcome = check_hostile(case)
    assert (judgement, output_faults(outcome.result)) == ("accepted", [])
    monkeypatch.setattr(tabular, "spreadsheet_text", lambda text: text)
    monkeypatch.setattr(tabular, "markdown_text", lambda text, code=False: text)
    monkeypatch.setattr(markdown, "markdown_text", lambda text, code=False: text)
    faults = output_faults(outcome.result)
    assert "applications.csv: live formula '=1+1 a|b <script>'" in faults
    assert any(f.startswith("applications.md: a row of ") for f in faults)
    assert "applications.md: raw HTML or link '<script'" in faults
    assert any(f.startswith("tables.xlsx: applications!") for f in faults)
    assert message_faults(Outcome("invalid", (), "x\u202ey\u200d")) == [
        "raw U+202E in a message", "invisible U+200D in a message"]
    wrong_line = HostileCase(seed, replace(node, line=node.line + 1), mutation, case.files)
    assert judge(wrong_line, outcome) == "accepted"
    loud = replace(mutation, verdict="loud")
    assert judge(HostileCase(seed, node, loud, case.files), outcome) == "silent"
