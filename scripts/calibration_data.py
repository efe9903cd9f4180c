"""Convert the public project data in calibration/sources into history files.

    python scripts/calibration_data.py           # (re)write calibration/histories/<set>.csv
    python scripts/calibration_data.py --check   # exit 1 if a committed history is stale, or a
                                                 # source does not match its SHA256SUMS line

A history file is what ``soicost backtest`` reads: a header ``id,actual,size`` (and
``estimate`` when the data set records the first estimate), then one project per line. The
numbers are written as the source writes them, except that a value such as ``1.234`` (one to
three digits, a dot, exactly three digits) gets a trailing zero, ``1.2340``: soicost refuses
the former as possibly thousands. Projects whose size, effort or estimate is missing or not
positive are left out (calibration/README.md lists them).

Not a package module: import it from its path (importlib.util.spec_from_file_location); it
does nothing on import, and needs no entry in sys.modules (hence NamedTuples, not
dataclasses).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = ROOT / "calibration"
SOURCES = CALIBRATION / "sources"
HISTORIES = CALIBRATION / "histories"
JORGENSEN = SOURCES / "estimates" / "jorgensen2004-tasks.csv"


class DataSet(NamedTuple):
    """One data set: where it is, which columns are read, and what they mean."""

    file: str  # relative to calibration/sources
    size: str  # the size column (attribute name, surrounding blanks ignored)
    effort: str  # the actual effort column
    estimate: str | None  # the first-estimate column, if the set has one
    title: str
    unit: str  # the unit of the effort column
    publication: str


SETS: dict[str, DataSet] = {
    "albrecht": DataSet(
        "promise/albrecht.arff", "AdjFP", "Effort", None,
        "Albrecht & Gaffney (IBM DP Services)", "thousand hours",
        "Albrecht & Gaffney, IEEE TSE 9(6), 1983"),
    "cocomo811": DataSet(
        "promise/cocomo811.arff", "loc", "actual", None,
        "COCOMO 81 (Boehm)", "person-months",
        "Boehm, Software Engineering Economics, Prentice Hall, 1981"),
    "desharnais": DataSet(
        # The labels of the adjusted and unadjusted function points are swapped in the
        # ARFF: the column named PointsNonAjust holds the adjusted size.
        "promise/desharnais.arff", "PointsNonAjust", "Effort", None,
        "Desharnais (Canadian software house)", "person-hours",
        "Desharnais, MSc thesis, Université de Montréal, 1989; "
        "Shepperd & Schofield, IEEE TSE 23(12), 1997"),
    "finnish": DataSet(
        "promise/finnish.arff", "FP", "dev.eff.hrs.", None,
        "Finnish (PROMISE)", "hours",
        "PROMISE Software Engineering Repository, 'Finnish' data set"),
    "isbsg10": DataSet(
        "promise/isbsg10.arff", "FS", "N_effort", None,
        "ISBSG release 10 (subset)", "hours (normalised effort)",
        "ISBSG release 10, teaser subset in the PROMISE repository"),
    "kemerer": DataSet(
        "promise/kemerer.arff", "AdjFP", "EffortMM", None,
        "Kemerer", "person-months",
        "Kemerer, Communications of the ACM 30(5), 1987"),
    "kitchenham": DataSet(
        "promise/kitchenham.arff", "Adjusted.function.points", "Actual.effort",
        "First.estimate",
        "Kitchenham et al. (CSC)", "hours",
        "Kitchenham, Pfleeger, McColl & Eagan, Journal of Systems and Software 64, 2002"),
    "maxwell": DataSet(
        "promise/maxwell.arff", "Size", "Effort", None,
        "Maxwell (Finnish bank)", "hours",
        "Maxwell, Applied Statistics for Software Managers, Prentice Hall, 2002"),
    "miyazaki94": DataSet(
        "promise/miyazaki94.arff", "KLOC", "MM", None,
        "Miyazaki et al. (Fujitsu)", "person-months",
        "Miyazaki et al., Journal of Systems and Software 27, 1994"),
    "nasa93": DataSet(
        "promise/nasa93.arff", "equivphyskloc", "act_effort", None,
        "NASA93 (COCOMO format)", "person-months",
        "PROMISE Software Engineering Repository (Menzies et al., 2006)"),
}

# The column that names each project, for the sets that have one; used as the history's id
# when its values are unique once slugified, else the projects are numbered p1, p2, ...
ID_COLUMNS: dict[str, str] = {
    "desharnais": "Project",
    "finnish": "ID",
    "isbsg10": "ID",
    "kemerer": "ID",
    "kitchenham": "Project",
    "miyazaki94": "ID",
    "nasa93": "recordnumber",
}

# Plain decimal numbers, as the histories hold them.
PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# 1.234: thousands to many readers, so soicost refuses it; 1.2340 is unambiguous.
DOTTED_THOUSANDS = re.compile(r"[0-9]{1,3}\.[0-9]{3}")

QUOTES = "'\""
# A quote opens a quoted name or value only where one can start: not inside O'Brien.
OPENERS = " \t,{"


# --------------------------------------------------------------------------------------
# A small ARFF reader


class ArffError(ValueError):
    """An ARFF file this reader cannot read."""


class Arff(NamedTuple):
    relation: str
    attributes: list[tuple[str, str]]  # (name, type) in column order
    rows: list[list[str | None]]  # None for '?'

    def column(self, name: str) -> int:
        """The index of the attribute called ``name``, blanks around either ignored."""
        found = [i for i, (a, _) in enumerate(self.attributes) if a.strip() == name.strip()]
        if len(found) != 1:
            raise ArffError(f"{len(found)} attributes named {name!r} in relation "
                            f"{self.relation!r}")
        return found[0]


def split_row(line: str) -> list[str | None]:
    """The values of one @data row: split on the commas outside quotes, up to a '%'
    comment outside quotes; blanks around a value dropped, quotes and backslash escapes
    removed, an unquoted '?' as None."""
    pieces = _scan(line)
    if len(pieces) == 1 and not pieces[0].strip():
        return []
    return [_value(piece) for piece in pieces]


def _value(piece: str) -> str | None:
    text = piece.strip()
    if len(text) >= 2 and text[0] in QUOTES and text[-1] == text[0]:
        return _unescape(text[1:-1])
    return None if text == "?" else text


def _scan(line: str) -> list[str]:
    """``line`` up to a '%' outside quotes, split on the commas outside quotes."""
    pieces: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            current.append(ch)
            if ch == "\\" and i + 1 < len(line):
                i += 1
                current.append(line[i])
            elif ch == quote:
                quote = None
        elif ch == "%":
            break
        elif ch == ",":
            pieces.append("".join(current))
            current = []
        else:
            if ch in QUOTES and (i == 0 or line[i - 1] in OPENERS):
                quote = ch
            current.append(ch)
        i += 1
    if quote:
        raise ArffError(f"unterminated quote in: {line.strip()}")
    pieces.append("".join(current))
    return pieces


def _strip_comment(line: str) -> str:
    """``line`` up to a '%' outside quotes."""
    return ",".join(_scan(line))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_arff(text: str) -> Arff:
    """Parse the text of a dense ARFF file.

    Handles a byte-order mark, CRLF line ends, '%' comments (whole lines and after a
    declaration or a row), attribute names quoted with ' or " (which may hold blanks),
    quoted data values holding commas, backslash escapes inside quotes and '?' for a
    missing value. Sparse rows ({...}) are refused. Every row must have one value per
    attribute.
    """
    relation = ""
    attributes: list[tuple[str, str]] = []
    rows: list[list[str | None]] = []
    in_data = False
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if in_data:
            if line.startswith("{"):
                raise ArffError(f"line {number}: sparse ARFF rows are not supported")
            row = split_row(line)
            if not row:
                continue
            if len(row) != len(attributes):
                raise ArffError(f"line {number}: {len(row)} values for "
                                f"{len(attributes)} attributes")
            rows.append(row)
            continue
        keyword = line.split(None, 1)[0].lower()
        if keyword == "@relation":
            relation, _ = _name(_strip_comment(line)[len("@relation"):], number)
        elif keyword == "@attribute":
            name, kind = _attribute(_strip_comment(line)[len("@attribute"):], number)
            attributes.append((name, kind))
        elif keyword == "@data":
            if not attributes:
                raise ArffError(f"line {number}: @data before any @attribute")
            in_data = True
        else:
            raise ArffError(f"line {number}: unexpected {line.split(None, 1)[0]!r}")
    if not in_data:
        raise ArffError("no @data section")
    return Arff(relation, attributes, rows)


def _attribute(rest: str, number: int) -> tuple[str, str]:
    """(name, type) from what follows '@attribute'."""
    name, kind = _name(rest, number)
    if not kind:
        raise ArffError(f"line {number}: attribute {name!r} has no type")
    return name, kind


def _name(rest: str, number: int) -> tuple[str, str]:
    """A name, quoted with ' or " or else up to the first blank, and what follows it."""
    rest = rest.strip()
    if not rest:
        raise ArffError(f"line {number}: a name is missing")
    quote = rest[0]
    if quote not in QUOTES:
        parts = rest.split(None, 1)
        return parts[0], parts[1].strip() if len(parts) == 2 else ""
    end = 1
    while end < len(rest) and rest[end] != quote:
        end += 2 if rest[end] == "\\" else 1
    if end >= len(rest):
        raise ArffError(f"line {number}: unterminated quote in a name")
    return _unescape(rest[1:end]), rest[end + 1:].strip()


# --------------------------------------------------------------------------------------
# Histories


class History(NamedTuple):
    """The projects kept from one data set, and those left out with the reason."""

    name: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]  # id, actual, size[, estimate], as written
    dropped: list[str]  # "<id>: <reason>"

    def text(self) -> str:
        return "".join(",".join(line) + "\n" for line in [self.header, *self.rows])

    def pairs(self) -> list[tuple[float, float]]:
        """(size, actual) for each kept project."""
        return [(float(row[2]), float(row[1])) for row in self.rows]


def number_text(value: str) -> str:
    """A source value as a history writes it: unchanged, except that 1.234 becomes 1.2340.

    Refuses what is not a plain decimal number (signs, exponents, thousands separators).
    """
    if not PLAIN_NUMBER.fullmatch(value):
        raise ValueError(f"not a plain decimal number: {value!r}")
    return value + "0" if DOTTED_THOUSANDS.fullmatch(value) else value


def slug(text: str) -> str:
    """Lowercase, runs of anything but [a-z0-9] as one '-', none at either end."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def project_ids(name: str, arff: Arff) -> list[str]:
    """One id per data row: the set's own id column slugified when that gives unique,
    non-empty ids for every row, else p1, p2, ... in file order."""
    column = ID_COLUMNS.get(name)
    if column is not None:
        index = arff.column(column)
        ids = [slug(row[index] or "") for row in arff.rows]
        if all(ids) and len(set(ids)) == len(ids):
            return ids
    return [f"p{i}" for i in range(1, len(arff.rows) + 1)]


def history(name: str, root: Path = ROOT) -> History:
    """The history of data set ``name`` (a key of SETS), read from root/calibration/sources."""
    spec = SETS[name]
    arff = read_arff((root / "calibration" / "sources" / spec.file).read_text(encoding="utf-8"))
    wanted = {"actual": spec.effort, "size": spec.size}
    if spec.estimate is not None:
        wanted["estimate"] = spec.estimate
    columns = {field: arff.column(column) for field, column in wanted.items()}
    rows: list[tuple[str, ...]] = []
    dropped: list[str] = []
    for pid, row in zip(project_ids(name, arff), arff.rows, strict=True):
        values = {field: row[index] for field, index in columns.items()}
        missing = [wanted[f] for f, v in values.items() if v is None]
        if missing:
            dropped.append(f"{pid}: {', '.join(missing)} missing")
            continue
        texts = {field: number_text(v or "") for field, v in values.items()}
        bad = [f"{wanted[f]} = {v}" for f, v in texts.items() if float(v) <= 0]
        if bad:
            dropped.append(f"{pid}: {', '.join(bad)}")
            continue
        rows.append((pid, *texts.values()))
    return History(name, ("id", *wanted), rows, dropped)


def estimates(path: Path = JORGENSEN) -> list[tuple[float, float]]:
    """(estimate, actual) for each task of Jørgensen's 2004 data with both positive."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        pairs = []
        for row in reader:
            estimate = float(row["Estimated effort"])
            actual = float(row["Actual effort"])
            if estimate > 0 and actual > 0:
                pairs.append((estimate, actual))
    return pairs


class Fit(NamedTuple):
    """ln(effort) = intercept + slope * ln(size), by ordinary least squares."""

    n: int
    slope: float
    intercept: float
    sd: float  # residual standard deviation, n - 2 degrees of freedom


def loglog_fit(pairs: list[tuple[float, float]]) -> Fit:
    """The OLS fit of ln(effort) on ln(size) for (size, effort) pairs (at least three)."""
    if len(pairs) < 3:
        raise ValueError("a fit needs at least three projects")
    xs = [math.log(size) for size, _ in pairs]
    ys = [math.log(effort) for _, effort in pairs]
    n = len(pairs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = my - slope * mx
    rss = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return Fit(n, slope, intercept, math.sqrt(rss / (n - 2)))


# --------------------------------------------------------------------------------------
# Command line


def source_problems(root: Path = ROOT) -> list[str]:
    """What is wrong with root/calibration/sources against its SHA256SUMS: a mismatch, a
    missing file, or a file the conversion reads that is not listed."""
    sources = root / "calibration" / "sources"
    sums = sources / "SHA256SUMS"
    if not sums.is_file():
        return [f"{sums.relative_to(root)} is missing"]
    problems: list[str] = []
    listed: set[str] = set()
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        name = name.removeprefix("*")
        listed.add(name)
        path = sources / name
        if not path.is_file():
            problems.append(f"{name}: listed in SHA256SUMS but missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest.strip():
            problems.append(f"{name}: SHA256 does not match SHA256SUMS")
    used = [spec.file for spec in SETS.values()] + [str(JORGENSEN.relative_to(SOURCES))]
    problems += [f"{name}: not listed in SHA256SUMS" for name in used if name not in listed]
    return problems


def stale_histories(root: Path = ROOT) -> list[str]:
    """The history files under root that differ from what this script writes."""
    stale = []
    for name in SETS:
        path = root / "calibration" / "histories" / f"{name}.csv"
        current = path.read_bytes().decode("utf-8") if path.is_file() else None
        if current != history(name, root).text():
            stale.append(str(path.relative_to(root)))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a history is stale or a source altered")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root: Path = args.root
    problems = source_problems(root)
    if args.check:
        problems += [f"{path}: differs from what scripts/calibration_data.py writes"
                     for path in stale_histories(root)]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    out = root / "calibration" / "histories"
    out.mkdir(parents=True, exist_ok=True)
    print(f"{'set':<12}{'kept':>5}{'dropped':>8}{'slope':>8}{'sd':>7}")
    for name in SETS:
        result = history(name, root)
        (out / f"{name}.csv").write_bytes(result.text().encode("utf-8"))
        fit = loglog_fit(result.pairs())
        print(f"{name:<12}{len(result.rows):>5}{len(result.dropped):>8}"
              f"{fit.slope:>8.3f}{fit.sd:>7.3f}")
        for reason in result.dropped:
            print(f"    dropped {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
