"""Read a file of past projects, for ``soicost backtest``.

A history gives, for each past project of an organisation, its size drivers and what it
actually cost, so that the ranges of the model can be checked against what happened. This
module only reads and checks the file: :func:`load_history` returns plain data, or raises
one :class:`~soicost.errors.InputError` holding every problem of the file, each with its
file:line:column, field, expected and found values and a hint, as the YAML loader does.

Two formats are read, chosen by the file's extension.

YAML (``.yaml``, ``.yml``), in the style of applications.yaml::

    version: 1                # optional; 1 is the only version
    unit: person-hours        # optional free text: what ``actual`` and ``estimate`` count
    projects:                 # at least MIN_PROJECTS (3) projects
      - id: p1                # a slug (lowercase letters, digits, '-', '_'), unique
        name: Anything        # optional, ignored
        drivers: {size: 302}  # required: at least one driver, each a number > 0
        actual: 5152          # required: one number > 0
        estimate: 4800        # optional: the first estimate, one number > 0
        kind: vendor          # optional, as are strategy and criticality
        provenance: {...}     # optional, accepted and ignored
        notes: text           # optional, ignored

CSV (``.csv``, ``.tsv``, ``.txt``): UTF-8 text (with or without a byte-order mark) whose
first non-blank line is a header row. Columns are separated by ',', ';' or tabs, whichever
the header uses (a header using several of them is refused unless only one reads every row
into as many cells as the header has). Column names are matched case-insensitively, blanks
around them ignored:

- ``actual`` (required): the actual cost, one number > 0;
- ``id`` (optional): a slug, unique; without this column a project's id is ``row-N``,
  where N is the line of the file its row starts on;
- ``estimate``, ``kind``, ``strategy``, ``criticality`` (optional): as in YAML; an empty
  cell gives nothing;
- ``name``, ``notes`` (optional): ignored;
- every other column is a driver, named as in the assumptions (``Users`` is ``users``). A
  column without a name and without values (a trailing separator) is ignored.

Blank lines, and rows whose cells are all blank, are skipped. Cells are read with the
quantity grammar of the YAML files: ``1 234,5``, ``12k``, ``1.2M`` and ``5 152 €`` are
numbers; ``1.234`` (a thousand, or one and a quarter?) is refused as ambiguous. In a file
separated by ',', a decimal comma must be quoted (``"1,5"``), or the file separated by ';'.

In both formats every project must give the same drivers, each declared in the
assumptions; a kind, strategy or criticality must be one the assumptions' factors know; a
cost or a driver is one number, not a range or a distribution, and not a percentage. Costs
can be in any unit (euros, person-hours…) as long as all projects use the same.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import PlainValidator, TypeAdapter, ValidationError

from soicost.errors import InputError, Location, Problem, printable
from soicost.i18n import N_, Joined, Said, said_n
from soicost.inputs.crosscheck import did_you_mean, undeclared_drivers
from soicost.inputs.loader import display_path, validate_document
from soicost.inputs.models import Slug, Strict, Version
from soicost.inputs.quantity import (
    LogNormal,
    QuantityError,
    Written,
    figure_texts,
    parse_quantity,
)
from soicost.inputs.scalars import Name, refusal
from soicost.inputs.yamlio import (
    PathKey,
    SourceFile,
    compose_document,
    file_kind,
    format_path,
    read_source,
)

MIN_PROJECTS = 3

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
CATEGORIES = ("kind", "strategy", "criticality")


@dataclass(frozen=True)
class Project:
    """One past project: its drivers (in the order of :attr:`History.drivers`), what it
    actually cost and, when given, its categories and its first estimate."""

    id: str
    drivers: tuple[float, ...]
    actual: float
    categories: tuple[str | None, str | None, str | None] = (None, None, None)
    estimate: float | None = None
    location: Location | None = None


@dataclass(frozen=True)
class History:
    """The past projects of one file, every one giving the same drivers."""

    source: str
    drivers: tuple[str, ...]
    projects: tuple[Project, ...]
    unit: str | None = None
    location: Location | None = None
    digest: str = ""  # sha256 of the file's text, when read from a file


def load_history(path: Path, declared_drivers: Sequence[str],
                 categories: Mapping[str, Collection[str]]) -> History:
    """Read and check a history file (YAML or CSV, by its extension).

    ``declared_drivers``: the drivers the assumptions declare; ``categories``: the known
    names of each category ({"kind": {...}, "strategy": {...}, "criticality": {...}}).
    Raises :class:`InputError` listing every problem of the file.
    """
    display = display_path(path)
    _check_file(path, display)
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES + CSV_SUFFIXES:
        raise InputError([Problem(
            Location(display),
            Said("not a history file: its extension says neither YAML nor CSV"),
            expected=Said("a file ending in {suffixes}",
                          suffixes=", ".join(YAML_SUFFIXES + CSV_SUFFIXES)),
            found=repr(path.suffix) if path.suffix else Said("no extension"),
            hint=Said("save the history as YAML (.yaml) or as CSV (.csv)"))])
    source = read_source(path, display)
    if not source.text.strip():
        raise InputError([source.problem(Said("file is empty"),
                                         hint=Said(_EMPTY_HINT[suffix in YAML_SUFFIXES]))])
    declared = list(declared_drivers)
    table = _read_yaml(source) if suffix in YAML_SUFFIXES else _read_csv(source, declared)
    history = _assemble(table, declared, categories)
    # The decoded text, as the fingerprints of the YAML inputs take it.
    digest = "sha256:" + hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    return replace(history, digest=digest)


# Templates without values: their braces are YAML's, not placeholders.
_EMPTY_HINT = {
    True: N_("a history holds a list of past projects: projects: [{id: p1, drivers: {…}, "
             "actual: …}, …]"),
    False: N_("a history starts with a header row such as id,users,actual, then one row per "
              "past project"),
}


def _check_file(path: Path, display: str) -> None:
    """Refuse what is not a regular file in this command's terms; read_source tells the
    rest (permissions, links that loop, size, encoding)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError([Problem(Location(display), Said("file not found"),
                                  hint=Said("give the file of past projects (.yaml or .csv)"))]
                         ) from None
    except OSError:
        return  # read_source says what is wrong
    if stat.S_ISDIR(mode):
        raise InputError([Problem(Location(display), Said("is a folder, not a history file"),
                                  hint=Said("give the file of past projects (.yaml or .csv) "
                                            "inside it"))])
    if not stat.S_ISREG(mode):
        kind = file_kind(mode, Said("not a regular file"))
        raise InputError([Problem(Location(display),
                                  Said("is {kind}, not a history file", kind=kind),
                                  hint=Said("give the file of past projects (.yaml or .csv)"))])


# --------------------------------------------------------------------------------------
# Figures: one number > 0

Role = Literal["actual", "estimate", "driver"]
_ONE = Said("one number > 0, such as 5152, 12k or 1.2M")
_ONE_HINT = {
    "actual": N_("a past project's actual cost is known: write that one figure"),
    "estimate": N_("write the first estimate as it was given, as one figure (its low end, "
                   "middle or high end)"),
    "driver": N_("write the size the project had, as one figure"),
}


def _one_number(value: object, role: Role) -> float:
    """One number above zero, read with the quantity grammar; a range, a distribution, a
    percentage (or for a driver, an amount of money) is refused."""
    unit: Literal["size", "money"] = "size" if role == "driver" else "money"
    if role == "driver":
        percent = next((t for t in figure_texts(value) if "%" in t), None)
        if percent is not None:
            raise QuantityError(Said("a percentage where a size is expected"),
                                expected=Said("a size, such as 120, 1 200 or 1.2k"),
                                found=repr(percent), hint=Said("write the size itself"))
    try:
        quantity = parse_quantity(value, "any", unit=unit)
    except QuantityError as exc:
        if exc.message == "not a number":
            # Not the grammar's list of every form: here only one number is read.
            exc.expected = _ONE
        raise
    if not quantity.is_fixed:
        ranged = isinstance(value, str) and isinstance(quantity.dist, LogNormal)
        raise QuantityError(Said("a range where one number is expected") if ranged
                            else Said("a distribution where one number is expected"),
                            expected=_ONE, found=Said("{text}", text=Written(quantity.text)),
                            hint=Said(_ONE_HINT[role]))
    # Again, for the usual message about zero or less (and a size's hint about it).
    parse_quantity(value, "positive", unit=unit)
    return quantity.fixed_value


def _validator(role: Role) -> Callable[[object], float]:
    def validate(value: object) -> float:
        try:
            return _one_number(value, role)
        except QuantityError as exc:
            raise refusal("quantity", exc.message, expected=exc.expected, found=exc.found,
                          hint=exc.hint, at=exc.at, key=exc.key) from None
    return validate


_Size = Annotated[float, PlainValidator(_validator("driver"))]
_Actual = Annotated[float, PlainValidator(_validator("actual"))]
_Estimate = Annotated[float, PlainValidator(_validator("estimate"))]


# --------------------------------------------------------------------------------------
# What both formats give: one record per project, and where its fields are written

# A field of a project: ("actual",), ("drivers",), ("drivers", "users"), ("kind",)…
Part = tuple[str, ...]
# Where a field is written, and its path as shown in messages; ``key``: at a driver's
# name rather than its value.
Locator = Callable[[Part, bool], tuple[Location, str]]


@dataclass
class _Record:
    ident: str | None  # None: no usable id (already reported)
    location: Location
    at: Locator
    # Drivers written, by name; None: a value refused (already reported).
    drivers: dict[str, float | None] = field(default_factory=dict)
    # Whether giving no driver at all is this project's fault (not the header's).
    drivers_expected: bool = True
    actual: float | None = None
    estimate: float | None = None
    categories: dict[str, str | None] = field(default_factory=dict)


@dataclass
class _Table:
    source: str
    records: list[_Record]
    count: int  # projects written, including those too broken to make a record
    count_at: tuple[Location, str]  # where "too few projects" is reported
    problems: list[Problem]
    unit: str | None = None
    location: Location | None = None


def _assemble(table: _Table, declared: list[str],
              categories: Mapping[str, Collection[str]]) -> History:
    problems = list(table.problems)
    records = table.records
    used: dict[str, None] = {}
    for record in records:
        for name in record.drivers:
            if name in declared:
                used.setdefault(name)
    for record in records:
        problems += _check_drivers(record, declared, list(used))
        problems += _check_categories(record, categories)
    problems += _duplicates(records)
    if table.count < MIN_PROJECTS:
        where, path = table.count_at
        problems.append(Problem(
            where, Said("a backtest needs at least {least} past projects; found {count}",
                        least=MIN_PROJECTS, count=table.count), path,
            hint=Said("add past projects, each with its drivers and its actual cost")))
    if problems:
        raise InputError(problems)
    projects = []
    for record in records:
        assert record.ident is not None and record.actual is not None
        values = tuple(record.drivers[name] for name in used)
        assert all(v is not None for v in values)
        projects.append(Project(
            id=record.ident,
            drivers=tuple(v for v in values if v is not None),
            actual=record.actual,
            categories=(record.categories.get("kind"), record.categories.get("strategy"),
                        record.categories.get("criticality")),
            estimate=record.estimate,
            location=record.location))
    return History(table.source, tuple(used), tuple(projects), table.unit, table.location)


def _check_drivers(record: _Record, declared: list[str], used: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    missing = [name for name in used if name not in record.drivers]
    undeclared, misspelt = undeclared_drivers(record.drivers, declared, missing)
    for name, close in undeclared:
        where, path = record.at(("drivers", name), True)
        problems.append(_undeclared(where, path, name, declared, close))
    missing = [name for name in missing if name not in misspelt]
    if not record.drivers and record.drivers_expected:
        where, path = record.at(("drivers",), False)
        problems.append(Problem(
            where, Said("project {id!r} gives no driver", id=record.ident)
            if record.ident is not None else Said("this project gives no driver"), path,
            expected=(Said("the drivers the other projects give: {drivers}",
                           drivers=_names(used)) if used else
                      Said("at least one driver declared in the assumptions: {drivers}",
                           drivers=_names(declared))),
            found=Said("no driver"),
            hint=Said("the backtest scales each project by its drivers: give them")))
    elif missing:
        where, path = record.at(("drivers", missing[0]), False)
        names = ", ".join(map(printable, missing))
        problems.append(Problem(
            where, said_n("project {id!r} lacks the driver {names}",
                          "project {id!r} lacks the drivers {names}", len(missing),
                          id=record.ident, names=names)
            if record.ident is not None else
            said_n("this project lacks the driver {names}",
                   "this project lacks the drivers {names}", len(missing), names=names), path,
            expected=Said("the drivers every project of the history gives: {drivers}",
                          drivers=_names(used)),
            found=", ".join(map(printable, record.drivers)),
            hint=Said("the history must give the same drivers for every project: add the "
                      "missing values, or leave the driver out of every project")))
    return problems


def _names(names: Sequence[str]) -> str:
    """Names from the files, as a message lists them ("none" when there are none)."""
    return ", ".join(map(printable, names)) or Said("none")


def _undeclared(where: Location, path: str, name: str, declared: list[str],
                close: list[str]) -> Problem:
    return Problem(
        where, Said("driver {name!r} is not declared in the assumptions (drivers)", name=name),
        path, expected=Said("one of the declared drivers: {drivers}", drivers=_names(declared)),
        found=repr(name),
        hint=did_you_mean(name, close[0]) if close else
        Said("declare it under drivers in assumptions.yaml with its elasticity, or remove it"))


# Each category's words: one message per category, for French genders.
_UNKNOWN = {"kind": N_("unknown kind {value!r}"), "strategy": N_("unknown strategy {value!r}"),
            "criticality": N_("unknown criticality {value!r}")}
_UNDEFINED = {"kind": N_("none (the assumptions define no kind)"),
              "strategy": N_("none (the assumptions define no strategy)"),
              "criticality": N_("none (the assumptions define no criticality)")}


def _check_categories(record: _Record,
                      categories: Mapping[str, Collection[str]]) -> list[Problem]:
    problems = []
    for name in CATEGORIES:
        value = record.categories.get(name)
        if value is None:
            continue
        known = categories.get(name, ())
        names = sorted(known) if isinstance(known, set | frozenset) else list(known)
        if value in names:
            continue
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        where, path = record.at((name,), False)
        problems.append(Problem(
            where, Said(_UNKNOWN[name], value=value), path,
            expected=Said("one of {values}", values=", ".join(map(printable, names)))
            if names else Said(_UNDEFINED[name]),
            found=repr(value), hint=did_you_mean(value, close[0]) if close else None))
    return problems


def _duplicates(records: list[_Record]) -> list[Problem]:
    first: dict[str, _Record] = {}
    problems = []
    for record in records:
        if record.ident is None:
            continue
        if record.ident in first:
            where, path = record.at(("id",), False)
            problems.append(Problem(
                where, Said("duplicate project id {id!r}", id=record.ident), path,
                related=((Said("first used at"), first[record.ident].at(("id",), False)[0]),),
                hint=Said("ids must be unique within a file")))
        else:
            first[record.ident] = record
    return problems


# --------------------------------------------------------------------------------------
# YAML


class _YamlProject(Strict):
    id: Slug
    name: Any = None
    drivers: dict[str, _Size]
    actual: _Actual
    estimate: _Estimate | None = None
    kind: str | None = None
    strategy: str | None = None
    criticality: str | None = None
    provenance: Any = None
    notes: Any = None


class _YamlHistory(Strict):
    version: Version = 1
    unit: Name | None = None
    projects: list[_YamlProject]


def _read_yaml(source: SourceFile) -> _Table:
    try:
        doc = compose_document(source)
    except InputError as exc:
        # A file of comments only: say what a history holds, not how to start a data folder.
        raise InputError([replace(p, hint=Said(_EMPTY_HINT[True]))
                          if p.message == "file is empty"
                          else p for p in exc.problems]) from None
    try:
        model = validate_document(doc, _YamlHistory)
    except InputError as exc:
        raise InputError(doc.problems + exc.problems) from None

    def locator(i: int) -> Locator:
        def at(part: Part, key: bool) -> tuple[Location, str]:
            path: PathKey = ("projects", i, *part)
            written = next(path[:n] for n in range(len(path), 0, -1) if path[:n] in doc.marks)
            return doc.locate(path, key=key), format_path(written)
        return at

    records = []
    for i, project in enumerate(model.projects):
        records.append(_Record(
            ident=project.id, location=doc.locate(("projects", i)), at=locator(i),
            drivers=dict(project.drivers), actual=project.actual, estimate=project.estimate,
            categories={name: getattr(project, name) for name in CATEGORIES}))
    where = doc.locate(("projects",))
    return _Table(source.display, records, len(records), (where, "projects"),
                  list(doc.problems), model.unit, where)


# --------------------------------------------------------------------------------------
# CSV

_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES: dict[str, str] = {",": "','", ";": "';'", "\t": Said("tab")}
_COLUMNS = ("id", "actual", "estimate", "name", "notes", *CATEGORIES)
_IGNORED = ("name", "notes")
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')
_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


@dataclass(frozen=True)
class _Row:
    first: int  # 0-based line of the row's first character
    cells: list[str]
    starts: list[tuple[int, int]]  # 0-based (line, column) of each cell


def _read_csv(source: SourceFile, declared: list[str]) -> _Table:
    lines = source.lines
    header0 = next(i for i, line in enumerate(lines) if line.strip())  # the file is not blank
    delimiter = _delimiter(source, header0)
    rows = _rows(source, header0, delimiter)
    header, data = rows[0], [r for r in rows[1:] if any(c.strip() for c in r.cells)]
    problems: list[Problem] = []

    def cell(row: _Row, j: int) -> Location:
        return source.location(*row.starts[j])

    # Each column: what it holds ("id", "actual"…, "driver", or None: ignored), and its
    # name (for a driver, as the assumptions write it).
    by_folded = {name.casefold(): name for name in reversed(declared)}
    roles: list[tuple[str | None, str]] = []
    seen: dict[str, int] = {}
    for j, written in enumerate(header.cells):
        name = unicodedata.normalize("NFC", written.strip())
        folded = name.casefold()
        if not name:
            if any(j < len(r.cells) and r.cells[j].strip() for r in data):
                problems.append(Problem(cell(header, j),
                                        Said("a column without a name holds values"),
                                        hint=Said("name the column, or remove it")))
            roles.append((None, ""))
            continue
        if folded in seen:
            problems.append(Problem(
                cell(header, j), Said("duplicate column {name!r}", name=name), printable(name),
                related=((Said("first used at"), cell(header, seen[folded])),),
                hint=Said("rename or remove one of the two (names are compared ignoring "
                          "case)")))
            roles.append((None, ""))
            continue
        seen[folded] = j
        if folded in _COLUMNS:
            roles.append((None if folded in _IGNORED else folded, name))
        elif folded in by_folded:
            roles.append(("driver", by_folded[folded]))
        else:
            # Reported once, at the header, rather than for every row.
            close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
            problems.append(_undeclared(cell(header, j), printable(name), name, declared,
                                        close))
            roles.append(("undeclared", name))
    columns = {role: j for j, (role, _name) in enumerate(roles)
               if role is not None and role not in ("driver", "undeclared")}
    drivers = [j for j, (role, _name) in enumerate(roles) if role == "driver"]
    header_at = source.location(header0, 0)
    written = ", ".join(printable(c.strip()) for c in header.cells if c.strip())
    found_columns = (Said("the columns {columns}", columns=written) if written
                     else Said("no column"))
    if "actual" not in columns:
        problems.append(Problem(
            header_at, Said("no 'actual' column"),
            expected=Said("a column 'actual': the actual cost of each project"),
            found=found_columns, hint=Said("name the column of actual costs 'actual'")))
    if not any(role in ("driver", "undeclared") for role, _name in roles):
        problems.append(Problem(
            header_at, Said("no driver column: the history must give at least one driver"),
            expected=Said("a column for each driver the projects give, named as in the "
                          "assumptions: {drivers}", drivers=_names(declared)),
            found=found_columns))

    records: list[_Record] = []
    for row in data:
        if len(row.cells) != len(header.cells):
            problems.append(_cell_count(source, row, len(header.cells), delimiter))
            continue
        records.append(_csv_record(source, row, roles, columns, drivers, problems))
    first = (source.location(data[0].first, 0) if data else header_at)
    return _Table(source.display, records, len(data), (header_at, ""), problems,
                  location=first)


def _csv_record(source: SourceFile, row: _Row, roles: list[tuple[str | None, str]],
                columns: dict[str, int], drivers: list[int],
                problems: list[Problem]) -> _Record:
    line = row.first + 1

    def at(part: Part, key: bool) -> tuple[Location, str]:
        del key  # a driver's name is in the header; its value is what is missing or wrong
        if part[0] == "drivers":
            named = [j for j in drivers if len(part) > 1 and roles[j][1] == part[1]]
            j = named[0] if named else (drivers[0] if drivers else -1)
        else:
            j = columns.get(part[0], -1)
        if j < 0:
            return source.location(row.first, 0), ""
        return source.location(*row.starts[j]), printable(roles[j][1])

    def text(role: str) -> str:
        j = columns.get(role)
        return "" if j is None else unicodedata.normalize("NFC", row.cells[j].strip())

    def number(j: int, role: Role) -> float | None:
        try:
            return _one_number(row.cells[j], role)
        except QuantityError as exc:
            problems.append(Problem(source.location(*row.starts[j]), exc.message,
                                    printable(roles[j][1]), expected=exc.expected,
                                    found=exc.found, hint=exc.hint))
            return None

    ident: str | None = f"row-{line}"
    if "id" in columns:
        ident = text("id")
        where, path = at(("id",), False)
        try:
            ident = _SLUG.validate_python(ident)
        except ValidationError as exc:
            ctx = exc.errors()[0].get("ctx") or {}
            problems.append(Problem(where, Said("a project without an id") if not ident else
                                    Said("not a valid id"), path, expected=ctx.get("expected"),
                                    found=None if not ident else ctx.get("found"),
                                    hint=Said("give every project an id, or remove the id "
                                              "column (the ids are then row-N)")
                                    if not ident else None))
            ident = None
    record = _Record(ident, source.location(row.first, 0), at,
                     drivers_expected=bool(drivers))
    for j in drivers:
        if row.cells[j].strip():
            record.drivers[roles[j][1]] = number(j, "driver")
    if "actual" in columns:
        j = columns["actual"]
        if row.cells[j].strip():
            record.actual = number(j, "actual")
        else:
            problems.append(Problem(source.location(*row.starts[j]), Said("no actual cost"),
                                    printable(roles[j][1]),
                                    expected=Said("the actual cost of the project, one number "
                                                  "> 0"),
                                    found=Said("an empty cell")))
    if "estimate" in columns and row.cells[columns["estimate"]].strip():
        record.estimate = number(columns["estimate"], "estimate")
    record.categories = {name: text(name) or None for name in CATEGORIES}
    return record


def _cell_count(source: SourceFile, row: _Row, expected: int, delimiter: str) -> Problem:
    count = len(row.cells)
    hint = None
    if delimiter == "," and count > expected:
        hint = Said("in a file separated by ',', a decimal comma splits a number in two: "
                    "quote the number (\"1,5\"), write a decimal point, or separate the "
                    "columns with ';'")
    cells = said_n("{n} cell", "{n} cells", count)
    # A header holds a separator: two columns at least.
    return Problem(source.location(row.first, 0),
                   Said("this row has {cells}; the header has {columns}", cells=cells,
                        columns=said_n("{n} column", "{n} columns", expected)),
                   expected=Said("{n} cells separated by {separator}", n=expected,
                                 separator=_DELIMITER_NAMES[delimiter]),
                   found=cells, hint=hint)


def _delimiter(source: SourceFile, header0: int) -> str:
    header = source.lines[header0]
    unquoted = _QUOTED.sub("", header)
    candidates = [d for d in _DELIMITERS if d in unquoted]
    if len(candidates) == 1:
        return candidates[0]
    where = source.location(header0, 0)
    if not candidates:
        raise InputError([Problem(
            where, Said("cannot tell the columns apart: the header has no ',', ';' or tab "
                        "between names"),
            expected=Said("a header row such as id,users,actual (columns separated by ',', "
                          "';' or tabs)"), found=repr(header))])
    fits = []
    for candidate in candidates:
        try:
            rows = _rows(source, header0, candidate)
        except InputError:
            continue
        width = len(rows[0].cells)
        if all(len(r.cells) == width for r in rows[1:] if any(c.strip() for c in r.cells)):
            fits.append(candidate)
    if len(fits) == 1:
        return fits[0]
    names = [_DELIMITER_NAMES[d] for d in candidates]
    raise InputError([Problem(
        where, Said("ambiguous separator: the header holds {some} and {last}",
                    some=Joined(tuple(names[:-1])), last=names[-1]),
        expected=Said("columns separated by one of ',', ';' or tab"), found=repr(header),
        hint=Said("separate the columns with one of them, and quote the names that hold "
                  "another"))])


def _rows(source: SourceFile, header0: int, delimiter: str) -> list[_Row]:
    """The rows from the header on, with where each cell starts."""
    lines = source.lines

    def feed() -> Iterator[str]:
        for line in lines[header0:]:
            yield line + "\n"

    reader = csv.reader(feed(), delimiter=delimiter, quotechar='"', doublequote=True,
                        strict=True)
    rows = []
    while True:
        first = header0 + reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line0 = header0 + reader.line_num - 1
            message = str(exc)
            hint = None
            if "expected after" in message:
                hint = Said("a cell that starts with '\"' ends at the next '\"': quote the "
                            "whole cell, and double the quotes inside it (\"\")")
            elif "unexpected end of data" in message:
                hint = Said("a quote is not closed")
            # The csv module's words (in English) say what it met.
            raise InputError([source.problem(Said("invalid CSV: {reason}", reason=message),
                                             line0, 0, hint=hint)]) from None
        if not cells:
            continue  # a blank line
        last = header0 + reader.line_num - 1
        text = "\n".join(lines[first:last + 1])
        starts = _cell_starts(text, delimiter)
        # The scanner follows the csv module; should they ever differ, a cell is shown at
        # the last start found rather than not at all.
        starts += [starts[-1]] * (len(cells) - len(starts))
        rows.append(_Row(first, cells, [_position(text, first, s) for s in starts]))
    return rows


def _cell_starts(text: str, delimiter: str) -> list[int]:
    """The offsets in ``text`` where the cells of one row start, as the csv module splits
    it: a quote opens a quoted cell only as the cell's first character."""
    starts = [0]
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"':
                if text[i + 1:i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif char == '"' and i == starts[-1]:
            quoted = True
        elif char == delimiter:
            starts.append(i + 1)
        i += 1
    return starts


def _position(text: str, first: int, offset: int) -> tuple[int, int]:
    line0 = first + text.count("\n", 0, offset)
    return line0, offset - (text.rfind("\n", 0, offset) + 1)
