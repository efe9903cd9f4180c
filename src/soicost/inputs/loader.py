"""Load a data folder: three YAML files into validated models, or every problem at once."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from soicost.errors import InputError, Location, Problem, merge_repeats, printable
from soicost.i18n import N_, Joined, Number, Said, said_n
from soicost.inputs.fields import unwrap
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import (
    ApplicationsFile,
    Assumptions,
    InfrastructureFile,
)
from soicost.inputs.yamlio import (
    Document,
    PathKey,
    SourceFile,
    compose_document,
    decode_source,
    file_kind,
    format_path,
    read_source,
)

FILES: dict[str, type[BaseModel]] = {
    "applications.yaml": ApplicationsFile,
    "infrastructure.yaml": InfrastructureFile,
    "assumptions.yaml": Assumptions,
}
DATA_ENV = "SOICOST_DATA"

M = TypeVar("M", bound=BaseModel)


def bundled_data_dir() -> Path:
    """The CASVP example shipped inside the package."""
    return Path(str(resources.files("soicost") / "data"))


def resolve_data_dir(data: Path | None) -> Path:
    """``--data``, else ``$SOICOST_DATA``, else the bundled dataset."""
    if data is not None:
        return data
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else bundled_data_dir()


def display_path(path: Path) -> str:
    """A file as messages name it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_inputs(data: Path | None = None) -> Inputs:
    """Read, validate and cross-check the three files of a data folder.

    Raises :class:`InputError` listing every problem found, sorted by file and line.
    """
    import errno

    data_dir = resolve_data_dir(data)
    by_env = data is None and bool(os.environ.get(DATA_ENV))

    def looped(path: Path) -> bool:
        try:
            os.stat(path)
        except OSError as exc:
            return exc.errno == errno.ELOOP
        return False

    # A symbolic-link loop is told apart from a missing folder, and checked before anything
    # resolves the path (which would raise on it).
    loop_hint = Said("replace the link by what it should point at, or point it there")
    if looped(data_dir):
        raise InputError([Problem(
            Location(str(data_dir)),
            Said("is a symbolic-link loop: following the link never reaches a folder (named "
                 "by {variable})", variable=DATA_ENV) if by_env else
            Said("is a symbolic-link loop: following the link never reaches a folder"),
            hint=loop_hint)])
    loops = [data_dir / name for name in FILES if looped(data_dir / name)]
    if loops:
        raise InputError([Problem(Location(str(path)), Said(
            "is a symbolic-link loop: following the link never reaches a file"),
            hint=loop_hint) for path in loops])
    if not data_dir.exists():
        raise InputError([Problem(
            Location(display_path(data_dir)),
            Said("data folder not found (named by {variable})", variable=DATA_ENV) if by_env
            else Said("data folder not found"),
            hint=Said("run `soicost init DIR` to create a starter set"))])
    if not data_dir.is_dir():
        kind = file_kind(data_dir.stat().st_mode, Said("a file"))
        raise InputError([Problem(Location(display_path(data_dir)),
                                  Said("is {kind}, not a folder", kind=kind),
                                  hint=Said("--data names a folder holding applications.yaml, "
                                            "infrastructure.yaml and assumptions.yaml"))])
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}
    for name in FILES:
        try:
            sources[name] = read_source(data_dir / name, display_path(data_dir / name))
        except InputError as exc:
            problems.extend(exc.problems)
    return _validated(sources, data_dir, problems)


def load_texts(applications: str | Mapping[str, Any],
               infrastructure: str | Mapping[str, Any] | None = None,
               assumptions: str | Mapping[str, Any] | None = None,
               *, folder: Path | None = None) -> Inputs:
    """Read, validate and cross-check inputs given as YAML texts or as plain mappings (as
    ``yaml.safe_load`` would give), with no file: what a notebook or a test builds.

    An omitted infrastructure has no assets; omitted assumptions only name the first
    application as the reference. Problems are reported as for files, at positions in the
    texts (``applications.yaml:3:5``; a mapping is written out as YAML first). ``folder``
    is what :attr:`Inputs.data_dir` says, for messages (default: the current folder).
    """
    import yaml

    def text(value: str | Mapping[str, Any]) -> str:
        if isinstance(value, str):
            return value
        return yaml.safe_dump(dict(value), allow_unicode=True, sort_keys=False)

    apps = text(applications)
    synthesized = assumptions is None
    if assumptions is None:
        assumptions = {"reference": _first_id(apps)}
    given = {"applications.yaml": apps,
             "infrastructure.yaml": text({"assets": []} if infrastructure is None
                                         else infrastructure),
             "assumptions.yaml": text(assumptions)}
    sources = {name: decode_source(value.encode("utf-8"), name)
               for name, value in given.items()}
    try:
        return _validated(sources, folder or Path("."), [])
    except InputError as exc:
        if not synthesized:
            raise
        # The assumptions written here only name the first application: when that cannot
        # be read, the problem is in the applications, where it is reported.
        kept = [p for p in exc.problems if p.location.file != "assumptions.yaml"]
        raise InputError(kept or exc.problems) from None


def _first_id(applications: str) -> str:
    """The id of the first application, read as the loader reads YAML; "" if it cannot be
    (the applications' own problem is then reported where they are read)."""
    try:
        data = compose_document(decode_source(applications.encode("utf-8"),
                                              "applications.yaml")).data
    except InputError:
        return ""
    apps = data.get("applications") if isinstance(data, Mapping) else None
    first = apps[0] if isinstance(apps, list) and apps else None
    ident = first.get("id") if isinstance(first, Mapping) else None
    return ident if isinstance(ident, str) else ""


def _validated(sources: dict[str, SourceFile], data_dir: Path,
               problems: list[Problem]) -> Inputs:
    """Validate and cross-check the decoded files; raise every problem at once."""
    documents: dict[str, Document] = {}
    models: dict[str, BaseModel] = {}
    for name, model in FILES.items():
        if name not in sources:
            continue
        try:
            doc = compose_document(sources[name])
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        documents[name] = doc
        # Problems in reading the YAML do not stop the validation of the rest of the file.
        problems.extend(doc.problems)
        try:
            models[name] = validate_document(doc, model)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    inputs = Inputs(
        applications=typing.cast(ApplicationsFile, models["applications.yaml"]),
        infrastructure=typing.cast(InfrastructureFile, models["infrastructure.yaml"]),
        assumptions=typing.cast(Assumptions, models["assumptions.yaml"]),
        documents=documents,
        data_dir=data_dir,
    )
    from soicost.inputs.crosscheck import cross_check
    from soicost.inputs.plausibility import implausible_figures

    checked = cross_check(inputs) + implausible_figures(inputs)
    refused = {p.path for p in checked if p.severity == "error"}
    # A value refused needs no warning besides (a reference quote of 0 is both).
    checked = [p for p in checked if p.severity == "error" or p.path not in refused]
    if refused:
        raise InputError(checked)
    return replace(inputs, warnings=tuple(sorted(merge_repeats(checked),
                                                 key=Problem.sort_key)))


def load_assumptions(path: Path) -> tuple[Assumptions, Document]:
    """Read and validate one assumptions file on its own (``backtest --assumptions``): the
    checks of the file itself, not those that need the inventories beside it."""
    display = display_path(path)
    if path.is_dir():
        raise InputError([Problem(Location(display),
                                  Said("is a folder, not an assumptions file"),
                                  hint=Said("--assumptions names a file such as "
                                            "assumptions.yaml; --data names the folder "
                                            "holding it"))])
    if not os.path.lexists(path):
        raise InputError([Problem(Location(display), Said("assumptions file not found"),
                                  hint=Said("--assumptions names an assumptions file (`soicost "
                                            "init DIR` writes one); --data a folder holding "
                                            "assumptions.yaml"))])
    doc = compose_document(read_source(path, display))
    if doc.problems:
        raise InputError(doc.problems)
    return validate_document(doc, Assumptions), doc


def validate_document(doc: Document, model: type[M]) -> M:
    """Validate one document against its model, mapping errors back to YAML positions.

    Errors at values the YAML reader already reported (``doc.damaged``) are left out, and so
    is "missing key 'kind'" when an unknown key 'knd' next to it is its misspelling.
    """
    if doc.is_damaged(()):
        raise InputError(doc.problems)
    if not isinstance(doc.data, dict):
        raise InputError([Problem(doc.locate(()), Said("the file must hold a mapping of keys"),
                                  expected=Said("keys such as {keys}",
                                                keys=", ".join(_field_names(model))),
                                  found=_describe(doc.data))])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = [err for err in exc.errors() if not doc.is_damaged(_clean_loc(err["loc"]))]
        misspelt = {loc for err in errors if (loc := _misspelt_key(model, err)) is not None}
        problems = [_problem(doc, model, err) for err in errors
                    if not (err["type"] == "missing" and _clean_loc(err["loc"]) in misspelt)]
        if not problems:
            raise InputError(doc.problems) from None
        raise InputError(problems) from None


def _clean_loc(loc: tuple[str | int, ...]) -> PathKey:
    return tuple(p for p in loc if not _is_internal(p))


def _misspelt_key(model: type[BaseModel], err: Any) -> PathKey | None:
    """For an unknown key that looks like a misspelling of an allowed one, that key's path."""
    if err["type"] != "extra_forbidden":
        return None
    loc = _clean_loc(err["loc"])
    close = difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1]), n=1,
                                      cutoff=0.6)
    return (*loc[:-1], close[0]) if close else None


_DATE = N_("a date written YYYY-MM-DD")
_WHOLE = N_("a whole number")
_NUMBER = N_("a number")
_BOOLEAN = N_("true or false")
_MAPPING = N_("a mapping")
_EXPECTED_BY_TYPE = {
    "string_type": N_("a string"),
    "int_type": _WHOLE, "int_parsing": _WHOLE,
    "float_type": _NUMBER, "float_parsing": _NUMBER,
    "bool_type": _BOOLEAN, "bool_parsing": _BOOLEAN,
    "list_type": N_("a list"), "dict_type": _MAPPING, "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "date_type": _DATE, "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "too_short": N_("at least one item"),
    "int_from_float": _WHOLE,
}
# The one key assumptions.yaml cannot do without, and what to write there.
_REFERENCE_HINT = Said("add 'reference: ID', the id of an application of applications.yaml "
                       "that has a quote: the others are extrapolated from it")
_BOUNDS = {"greater_than_equal": ("ge", ">="), "greater_than": ("gt", ">"),
           "less_than_equal": ("le", "<="), "less_than": ("lt", "<")}


def _did_you_mean(name: str) -> Said:
    return Said("did you mean {name!r}?", name=name)


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc: PathKey = tuple(p for p in err["loc"] if not _is_internal(p))
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    found_value = err.get("input")
    path = format_path(loc)
    at = doc.locate(loc, key=bool(err["loc"]) and err["loc"][-1] == "[key]")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        return Problem(doc.locate(loc, key=True), Said("unknown key {key!r}", key=key), path,
                       expected=_one_of(allowed) if allowed else None,
                       hint=_did_you_mean(close[0]) if close else None)
    if kind == "missing":
        parent = loc[:-1]
        return Problem(doc.locate(parent),
                       Said("missing required key {key!r}", key=str(loc[-1])), path,
                       hint=_REFERENCE_HINT if loc == ("reference",) else None)
    if kind == "literal_error":
        allowed_text = str(ctx.get("expected", ""))
        options = (re.findall(r"'([^']*)'", allowed_text)
                   or re.split(r",\s*|\s+or\s+", allowed_text))
        if loc == ("version",):
            versions = Joined(tuple(options), N_(" or "))
            return Problem(at, Said("unsupported format version"), path,
                           expected=Said("{versions}", versions=versions),
                           found=_describe(found_value),
                           hint=Said("this version of soicost reads format version {versions} "
                                     "(docs/formats.md)", versions=versions))
        close = (difflib.get_close_matches(found_value, options, n=1, cutoff=0.6)
                 if isinstance(found_value, str) else [])
        wrong_type = isinstance(found_value, list | dict)
        return Problem(at, Said("wrong type") if wrong_type
                       else Said("not one of the allowed values"), path,
                       expected=_one_of(options), found=_describe(found_value),
                       hint=_did_you_mean(close[0]) if close else None)
    if kind in ("quantity", "preset", "slug", "wave", "scalar"):
        related: tuple[tuple[str, Location], ...] = ()
        if ctx.get("at"):
            # A check of a whole entry about one of its fields ('until' before 'from'), or a
            # problem inside a quantity's mapping (its provenance's status): point at that
            # field, which may be lines below the entry's first key, and at the field it is
            # compared with when that one is on another line.
            other = doc.locate((*loc, ctx["other"])) if ctx.get("other") else None
            inside = ctx["at"] if isinstance(ctx["at"], tuple) else (ctx["at"],)
            loc = (*loc, *inside)
            at, path = doc.locate(loc, key=bool(ctx.get("key"))), format_path(loc)
            if other is not None and other.line != at.line:
                related = ((Said("{field!r} at", field=ctx["other"]), other),)
        # A refusal made with scalars.refusal() has its message (a Said) in its context;
        # one made otherwise, pydantic's formatted message.
        return Problem(at, ctx.get("message", err["msg"]), path, expected=ctx.get("expected"),
                       found=ctx.get("found"), hint=ctx.get("hint"), related=related)
    if kind.startswith("date"):
        return Problem(at, Said("not a valid date"), path,
                       expected=Said(_DATE), found=_describe(found_value),
                       hint=_date_hint(found_value))
    expected = Said(_EXPECTED_BY_TYPE[kind]) if kind in _EXPECTED_BY_TYPE else None
    if kind in _BOUNDS:
        key, sign = _BOUNDS[kind]
        bound = ctx.get(key)
        return Problem(at, Said("out of range"), path,
                       expected=Said("a value {sign} {bound}", sign=sign, bound=Number(
                           bound, "") if isinstance(bound, int | float) else bound),
                       found=_describe(found_value))
    if kind == "finite_number":
        return Problem(at, Said("not a finite number"), path,
                       expected=Said("a finite number"), found=_describe(found_value))
    if kind == "too_short":
        return Problem(at, Said("too few items"), path, expected=expected,
                       found=_describe(found_value))
    if expected is not None:
        # pydantic's "Input should be a valid dictionary or instance of Provenance" says
        # more about Python than about the file.
        return Problem(at, Said("wrong type"), path, expected=expected,
                       found=_describe(found_value), hint=_year_hint(kind, found_value))
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "currency":
        return Problem(at, Said("not a currency code"), path,
                       expected=Said("a three-letter ISO 4217 code such as EUR"),
                       found=_describe(found_value))
    # A kind no file is known to produce: pydantic's own message, in English.
    message = str(err["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return Problem(at, message[:1].lower() + message[1:], path)


def _one_of(options: Iterable[str]) -> Said:
    """The values or keys allowed, as the file writes them."""
    return Said("one of {options}", options=", ".join(options))


def _year_hint(kind: str, value: object) -> Said | None:
    """horizon: {start: 2023-01-01}: a date where a year is expected."""
    if kind.startswith("int") and isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})-\d{1,2}-\d{1,2}\s*", value)
        if match:
            return Said("a year is written alone: {year}", year=match[1])
    return None


def _is_internal(part: object) -> bool:
    # pydantic inserts validator names in locations (e.g. 'function-after[...]'); a dict key
    # error adds '[key]'. Neither is a place in the YAML file.
    return isinstance(part, str) and (part == "[key]" or ("[" in part and part.endswith("]")))


def _date_hint(value: object) -> Said | None:
    """A suggestion for a date written in another order than YYYY-MM-DD."""
    if isinstance(value, int) and not isinstance(value, bool) and 10**7 <= value < 10**8:
        # 20220518: the digits of a date, without its dashes.
        value = f"{value // 10000}-{value // 100 % 100}-{value % 100}"
    if not isinstance(value, str):
        return None

    def iso(year: int, month: int, day: int) -> str | None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None

    match = re.fullmatch(r"\s*(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\s*", value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        written = iso(year, month, day)
        return (Said("write {date}", date=written) if written and written != value.strip()
                else None)
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", value)
    if not match:
        return None
    first, second, year = (int(g) for g in match.groups())
    french, american = iso(year, second, first), iso(year, first, second)
    if french and american and french != american:
        return Said("write {french} if this is day {day} of month {month} (French order), "
                    "or {american} if not", french=french, day=first, month=second,
                    american=american)
    written = french or american
    return Said("write {date}", date=written) if written else None


def _describe(value: object) -> str:
    """What was found, in the file's terms: a :class:`~soicost.i18n.Said` for a mapping, a
    list or null, the value as written otherwise."""
    if isinstance(value, dict):
        return Said(_MAPPING) if not value else Said(
            "a mapping with keys {keys}", keys=", ".join(printable(str(k)) for k in value))
    if isinstance(value, list):
        return _describe_list(value)
    if value is None:
        return Said("nothing (null)")
    if isinstance(value, bool):
        return str(value).lower()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe_list(value: list[Any]) -> Said:
    if not value:
        return Said("an empty list")
    return said_n("a list of {n} item", "a list of {n} items", len(value))


def _field_names(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts in a file: a field's alias ('from') where it has one."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _allowed_keys(model: type[BaseModel], loc: Iterable[str | int]) -> list[str]:
    """The keys a mapping accepts at ``loc`` inside ``model``, for 'did you mean'."""
    annotation: Any = model
    for part in loc:
        annotation = unwrap(annotation)[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part)) or next(
                (f for f in annotation.model_fields.values() if f.alias == part), None)
            if field is None:
                return []
            annotation = field.annotation
            continue
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (list, dict) and args:
            annotation = args[-1]
            continue
        return []
    annotation = unwrap(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _field_names(annotation)
    if typing.get_origin(annotation) is dict:
        key_type = typing.get_args(annotation)[0]
        if typing.get_origin(key_type) is typing.Literal:
            return [str(a) for a in typing.get_args(key_type)]
    return []
