"""A soicost JSON output read back (by ``verify`` and ``diff``), or refused with a message.

The file may be anything a user can name: truncated, binary, a FIFO, hand-edited, the output
of another tool. Whatever is wrong is reported as ``FILE: where: expected …, found …``
(:class:`~soicost.errors.FileError`, exit status 1), never as a traceback, and a figure that
is not a finite number is never compared as if it were one.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from soicost.atomic import os_reason
from soicost.errors import FileError
from soicost.i18n import Count, Said, said_n
from soicost.inputs.yamlio import file_kind

# A JSON output of 10,000 applications (`benchmarks/generate.py DIR 10000`, then
# `soicost estimate --data DIR --format json`) takes 5.3 MB; twenty times that is not one.
MAX_BYTES = 100 * 1024 * 1024
SCHEMA_VERSION = 1
FINGERPRINT = re.compile(r"^(sha256:)?[0-9a-f]{8,64}$")
FIGURES = ("migration", "applications", "assets", "scenarios")
STAT_KEYS = ("p10", "p50", "p90", "mean")
# A template without values: its braces are not placeholders.
_RANGE = Said("a range {p10, p50, p90, mean}")
WHAT = Said("a soicost JSON output (an object, as `soicost estimate --format json` writes)")


def refused(expected: str, found: str, where: str = "") -> Said:
    """"where: expected …, found …", each part a value or a :class:`Said` of its own."""
    said = Said("expected {expected}, found {found}", expected=expected, found=found)
    return about(where, said) if where else said


def about(where: str, message: str) -> Said:
    """``message`` about ``where`` (a file, or a value inside it): "where: message"."""
    return Said("{where}: {message}", where=where, message=message)


def read_run(path: Path) -> dict[str, Any]:
    """The JSON object of a soicost output, checked as far as ``verify`` and ``diff`` read it:
    its fingerprint, options and digests, and every figure (see :func:`figures`).
    """
    name = str(path)
    data = parse(read_text(path), name)
    try:
        return check_run(data)
    except FileError as exc:
        raise FileError(about(name, exc.said)) from None


def read_text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_BYTES`."""
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise FileError(refused(WHAT, Said("a folder"), name))
        if not stat.S_ISREG(info.st_mode):
            kind = file_kind(info.st_mode, Said("something that is not a regular file"))
            raise FileError(refused(WHAT, kind, name))
        if info.st_size > MAX_BYTES:
            raise FileError(refused(
                Said("a soicost JSON output of at most 100 MB"),
                Said("a file of {size} MB", size=Count(round(info.st_size / 1024 / 1024))),
                name))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # the file may be growing
    except FileNotFoundError:
        raise FileError(about(name, Said("file not found"))) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileError(about(name, Said("is a symbolic-link loop (following it leads "
                                             "back to itself)"))) from None
        # The catalogue's words for the common errors, else the system's own.
        raise FileError(about(name, Said("cannot read the file: {reason}",
                                         reason=os_reason(exc)))) from None
    if len(raw) > MAX_BYTES:
        raise FileError(refused(Said("a soicost JSON output of at most 100 MB"),
                                Said("a larger file"), name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(about(name, Said("expected UTF-8 text (a soicost JSON output), "
                                         "found byte 0x{byte:02x} at offset {offset}: a "
                                         "binary file?", byte=raw[exc.start],
                                         offset=exc.start))) from None


def parse(text: str, name: str) -> Any:
    """Parse JSON text, turning every parser failure into a :class:`FileError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # An unterminated string runs to the end of the file, wherever it starts.
        ended = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        truncated = Said(" (the file ends too early: truncated?)") if ended else ""
        # The parser's own words (in English) say what it met.
        raise FileError(about(f"{name}:{exc.lineno}:{exc.colno}",
                              Said("not valid JSON: {reason}{truncated}", reason=exc.msg,
                                   truncated=truncated))) from None
    except RecursionError:
        raise FileError(refused(WHAT, Said("JSON nested too deeply to read"), name)) from None
    except ValueError:  # Python refuses to read an integer of more than 4300 digits
        raise FileError(refused(WHAT, Said("a number of more than 4300 digits"), name)
                        ) from None


def check_run(data: Any) -> dict[str, Any]:
    """``data`` if it holds the parts of a soicost output that ``verify`` and ``diff`` use."""

    if not isinstance(data, dict):
        raise FileError(refused(WHAT, describe(data)))
    if "fingerprint" not in data:
        raise FileError(refused(WHAT, Said("an object without 'fingerprint' (keys: {keys})",
                                           keys=_keys(data))))
    version = data.get("schema_version", SCHEMA_VERSION)
    if not _is_int(version) or version < 1:
        raise FileError(refused(Said("a positive whole number"), describe(version),
                                "schema_version"))
    if version > SCHEMA_VERSION:
        raise FileError(about("schema_version", Said(
            "expected {most} or less, found {version} (written by a newer soicost: upgrade "
            "this one)", most=SCHEMA_VERSION, version=version)))
    fingerprint = data["fingerprint"]
    if not isinstance(fingerprint, str) or not FINGERPRINT.match(fingerprint.lower()):
        raise FileError(refused(Said("'sha256:' and 64 hexadecimal digits"),
                                describe(fingerprint), "fingerprint"))
    for key in ("method", "euros", "soicost_version"):
        if key in data and not isinstance(data[key], str):
            raise FileError(refused(Said("a string"), describe(data[key]), key))
    for key in ("samples", "seed"):
        if key in data and not _is_int(data[key]):
            raise FileError(refused(Said("a whole number"), describe(data[key]), key))
    digests = data.get("input_digests", {})
    if not isinstance(digests, dict) or not all(isinstance(v, str) for v in digests.values()):
        raise FileError(refused(Said("an object of file names and 'sha256:' digests"),
                                describe(digests), "input_digests"))
    if not any(key in data for key in FIGURES):
        raise FileError(Said("expected figures ({figures}), found none (keys: {keys})",
                             figures=", ".join(FIGURES), keys=_keys(data)))
    figures(data)
    return data


def describe(value: Any) -> str:
    """A JSON value as a message shows it: short, and never a 4000-digit number."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            from soicost.limits import digits

            return Said("a whole number of {n} digits", n=digits(value))
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return repr(value)
        return Said("a number too large for a float") if not math.isnan(value) else "NaN"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, list):
        return said_n("a list of {n} item", "a list of {n} items", len(value))
    if isinstance(value, dict):
        return Said("an object with keys {keys}", keys=_keys(value)) if value else \
            Said("an empty object")
    return type(value).__name__


def number(value: Any, where: str) -> float:
    """A finite figure, or a :class:`FileError` saying what was found instead."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FileError(refused(Said("a number"), describe(value), where))
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise FileError(refused(Said("a finite number"), describe(value), where))
    return result


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _keys(data: dict[str, Any]) -> str:
    keys = [str(k) for k in list(data)[:5]]
    return ", ".join(repr(k) for k in keys) + (", …" if len(data) > 5 else "") if keys \
        else Said("none")


def figures(data: dict[str, Any]) -> dict[str, float]:
    """The comparable figures of a soicost JSON output, by name.

    Raises :class:`FileError` (naming the value, not the file) at the first value that is
    not what a soicost output holds there: a figure is never skipped or guessed.
    """
    out: dict[str, float] = {}

    def put(name: str, where: str, stats: Any) -> None:
        if not isinstance(stats, dict):
            raise FileError(refused(_RANGE, describe(stats), where))
        for key in STAT_KEYS:
            if key not in stats:
                raise FileError(refused(_RANGE, Said("no {key!r}", key=key), where))
            out[f"{name}.{key}"] = number(stats[key], f"{where}.{key}")

    def put_if(name: str, where: str, item: dict[str, Any], key: str,
               nullable: bool = False) -> None:
        if key in item and not (nullable and item[key] is None):
            put(name, f"{where}.{key}", item[key])

    if "migration" in data:
        put("migration", "migration", data["migration"])
    for where, app in _items(data, "applications"):
        put(f"applications[{app['id']}]", where, app)
    for where, asset in _items(data, "assets"):
        put_if(f"assets[{asset['id']}].net_book_value", where, asset, "net_book_value")
    for where, s in _items(data, "scenarios"):
        prefix = f"scenarios[{s['id']}]"
        put_if(f"{prefix}.npv", where, s, "npv")
        put_if(f"{prefix}.delta_vs_status_quo", where, s, "delta_vs_status_quo",
               nullable=True)
        put_if(f"{prefix}.non_cash_total", where, s, "non_cash_total")
        for at, year in _items(s, "by_year", key="year", where=f"{where}.by_year"):
            for part, label in (("cash", "cash"), ("non_cash", "non_cash")):
                if part in year:
                    block = year[part]
                    if not isinstance(block, dict):
                        raise FileError(refused(Said("an object with 'total'"),
                                                describe(block), f"{at}.{part}"))
                    put_if(f"{prefix}.{year['year']}.{label}", f"{at}.{part}", block, "total")
    return out


def _items(data: dict[str, Any], section: str, key: str = "id", where: str = ""
           ) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a list, each with its place (``scenarios[2]``) and a unique ``key``."""
    where = where or section
    if section not in data:
        return []
    items = data[section]
    if not isinstance(items, list):
        raise FileError(refused(Said("a list"), describe(items), where))
    seen: set[object] = set()
    out = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise FileError(refused(Said("an object"), describe(item), at))
        ident = item.get(key)
        valid = (isinstance(ident, str) and ident != "") if key == "id" else \
            (isinstance(ident, int) and not isinstance(ident, bool))
        if not valid:
            what = Said("a non-empty string") if key == "id" else Said("a whole number")
            if key not in item:
                raise FileError(about(f"{at}.{key}", Said("expected {expected}, found nothing",
                                                          expected=what)))
            raise FileError(refused(what, describe(ident), f"{at}.{key}"))
        if ident in seen:
            raise FileError(about(f"{at}.{key}", Said(
                "expected each {key} once, found {found} again", key=key,
                found=describe(ident))))
        seen.add(ident)
        out.append((at, item))
    return out
