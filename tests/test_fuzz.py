"""Generative fuzzing: valid inputs, mutated byte by byte or value by value, never crash.

Whatever the mutation, loading either succeeds or raises :class:`SoicostError` (which the
CLI prints as a message); when the mutated inputs still validate, the model runs on them
(200 samples) and again raises nothing but :class:`SoicostError`. Any other exception is a
crash: a traceback a user would see.

The seeds are the valid folders of the corpus (tests/corpus/valid/) and the bundled example.
This file runs a few dozen examples per test; ``scripts/fuzz_campaign.py`` runs the same
strategies for as long as it is given (docs/quality.md). A crash it finds becomes a corpus
case and a fix.
"""

from __future__ import annotations

import math
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FILES, write_files
from soicost.errors import SoicostError
from soicost.estimate import EstimateOptions, estimate
from soicost.loader import bundled_data_dir, load_inputs
from soicost.summary import summarise

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


def _paths(data: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path into ``data``, containers and leaves, the root excepted."""
    out: list[Path_] = []
    items: list[tuple[str | int, Any]] = (
        list(data.items()) if isinstance(data, dict) else
        list(enumerate(data)) if isinstance(data, list) else [])
    for key, value in items:
        path = (*prefix, key)
        out.append(path)
        out.extend(_paths(value, path))
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
    from soicost.quantity import QuantityError, parse_quantity

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
