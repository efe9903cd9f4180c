"""The command line: parse options, call one library function, render its result.

No arithmetic here. Heavy modules (numpy, the cost model) are imported inside commands so
that ``soicost --help`` and ``--version`` start fast.
"""

from __future__ import annotations

import functools
import os
import sys
import typing
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from soicost.cli_help import Typer
from soicost.defaults import (
    BACKTEST_QUOTES,
    BACKTEST_REPLICATES,
    BACKTEST_SAMPLES,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
)
from soicost.errors import SoicostError, UsageError
from soicost.i18n import Joined, Said
from soicost.limits import MAX_SAMPLES, MAX_WORKERS, MIN_SAMPLES, check_workers
from soicost.version import __version__

if TYPE_CHECKING:
    from soicost.render.money import Lang

F = TypeVar("F", bound=Callable[..., Any])

app = Typer(
    name="soicost",
    help="Extrapolate IT migration costs across an application portfolio, with ranges "
         "(P10/P50/P90), for public-sector impact studies.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

_state: dict[str, Any] = {"debug": False, "quiet": False, "lang": None}


def _info(message: str) -> None:
    """A diagnostic on stderr (never mixed with the data on stdout); silenced by --quiet."""
    if not _state["quiet"]:
        _err(message)


def _err(message: str) -> None:
    from soicost.outputs import write_stderr

    write_stderr(message + "\n")

DataOption = Annotated[
    Path | None,
    typer.Option("--data", "-d", envvar="SOICOST_DATA", show_envvar=True,
                 help="Folder holding applications.yaml, infrastructure.yaml and "
                      "assumptions.yaml. Default: the bundled CASVP example.",
                 file_okay=True, dir_okay=True),
]


def handle_errors(func: F) -> F:
    """The one place that turns domain errors into messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("lang") is not None:
            # Known before anything is read, so that every message speaks it.
            _state["lang"] = kwargs["lang"].value
        try:
            return func(*args, **kwargs)
        except SoicostError as exc:
            if _state["debug"]:
                raise
            _err(exc.render(_speaking()))
            raise typer.Exit(code=exc.exit_code) from None
        except KeyboardInterrupt:
            _say("Interrupted.", error=True)
            raise typer.Exit(code=130) from None

    return typing.cast(F, wrapper)


def _version(value: bool) -> None:
    if value:
        handle_errors(_emit)(f"soicost {__version__}\n", None)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks on errors.")]
    = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the data: no "
                                                              "progress, no notes.")] = False,
) -> None:
    """soicost: what would it cost to move a whole IT portfolio, and with what confidence?

    Every command reads three YAML files from --data (default: the bundled CASVP example).
    """
    _state["debug"] = debug
    _state["quiet"] = quiet
    _state["lang"] = None  # set by the command's --lang (tests run many commands in one process)


@app.command()
@handle_errors
def validate(data: DataOption = None, output: OutputOption = None,
             lang: LangOption = None) -> None:
    """Check the three input files and summarise them.

    Exit status 0 when valid; 1 with every problem listed (file:line:column, field, what
    was expected and found) when not.

    Example: soicost validate --data my-inventory/
    """
    from soicost.analysis.summary import summarise
    from soicost.outputs import refuse_data_inputs
    from soicost.render.summary import render_summary

    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    _emit(render_summary(inputs, summarise(inputs), _lang(lang)) + "\n", output)


@app.command()
@handle_errors
def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write "
                   "applications.schema.json, infrastructure.schema.json and "
                   "assumptions.schema.json into. Default: print them as one JSON object.")]
    = None,
    lang: LangOption = None,
) -> None:
    """JSON Schemas of the three files, for editors that check YAML as you type.

    Their descriptions are in English unless --lang says otherwise (the locale does not
    change what is written, so that committed schemas do not depend on who made them).

    Example: soicost schema --out schemas/ --lang fr
    """
    from soicost.inputs.schemas import all_schemas, write_schemas

    _lang(lang)  # the language of its messages
    written: Lang = "en" if lang is None else lang.value

    if out is None:
        import json

        _emit(json.dumps(all_schemas(written), indent=2, ensure_ascii=False) + "\n", None)
    else:
        for path in write_schemas(out, written):
            _say("wrote {path}", path=path)


@app.command()
@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the starter files in.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    lang: LangOption = None,
) -> None:
    """Create a commented starter set of the three files (and their JSON Schemas).

    The starter validates as it is; replace its three applications by your inventory.
    --lang fr writes its comments and example names in French (keys, ids and
    figures are the same in both languages).

    Example: soicost init my-inventory && soicost validate --data my-inventory
    """
    from soicost.inputs.starter import write_starter

    for path in write_starter(folder, _lang(lang), force=force):
        _say("wrote {path}", path=path)
    _say("Next: edit the files, then run `soicost validate --data {folder}`.", folder=folder)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


class CsvDialect(StrEnum):
    rfc4180 = "rfc4180"
    excel_fr = "excel-fr"


CsvDialectOption = Annotated[CsvDialect, typer.Option(
    "--csv-dialect", help="rfc4180 (',' and '.') or excel-fr (';', decimal comma, UTF-8 BOM) "
                          "for French Excel and LibreOffice.")]


class MethodChoice(StrEnum):
    flat = "flat"
    drivers = "drivers"
    fit = "fit"


class ConventionChoice(StrEnum):
    m57 = "m57"
    m14 = "m14"


class LangChoice(StrEnum):
    fr = "fr"
    en = "en"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
LangOption = Annotated[
    LangChoice | None,
    typer.Option("--lang", help="Language of tables and sentences; default from LC_ALL, "
                                "LC_MESSAGES or LANG."),
]
MethodOption = Annotated[MethodChoice, typer.Option(
    "--method", "-m", help="flat: every application costs the reference quote (naive "
    "baseline); drivers: size drivers and factors; fit: elasticities fitted on the quotes.")]
SAMPLES_RANGE = f"{MIN_SAMPLES} to {MAX_SAMPLES:,}; memory grows with them"


def _count(text: str | int) -> int:
    """A count as people write it: 20000, or its thousands grouped (20 000, 20,000, the
    no-break spaces a French citation prints) so that a reference line can be typed back."""
    import re

    if isinstance(text, int):
        return text  # a default
    written = text.strip()
    if "." in written:
        # "200.000" is 200,000 in French and 200 in English: a count has no decimals, so
        # refuse it rather than guess (pydantic would read 200).
        raise typer.BadParameter(f"{written!r} is not a whole number written without a dot "
                                 f"(write {re.sub(r'[^0-9-]', '', written)})")
    if re.fullmatch(r"[-+]?[0-9]{1,3}(?:[ ,\u00a0\u202f_][0-9]{3})+", written):
        written = re.sub(r"[ ,\u00a0\u202f_]", "", written)
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(int).validate_python(written)
    except ValidationError as exc:
        # typer's own words for a value that is not a whole number (worded in French by
        # soicost.typer_words like them).
        raise typer.BadParameter(exc.errors()[0]["msg"]) from None


SamplesOption = Annotated[int, typer.Option("--samples", "-n", parser=_count,
                                            help=f"Monte Carlo samples ({SAMPLES_RANGE}).")]
SeedOption = Annotated[int, typer.Option("--seed", parser=_count,
                                         help="Random seed, 0 to 2**63 - 1 (printed with "
                                              "every result).")]
class EurosChoice(StrEnum):
    constant = "constant"
    current = "current"


EurosOption = Annotated[EurosChoice, typer.Option(
    "--euros", help="constant: euros of price_base_year, discounted at the real rate; "
                    "current: euros of each year, discounted at the nominal rate.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", help=f"Threads, 1 to {MAX_WORKERS} (default: 2 for large jobs). Never changes "
                      "results.")]


def _lang(lang: LangChoice | None) -> Lang:
    """The output's language, which the command's messages on stderr then speak too."""
    from soicost.i18n import default_lang

    resolved: Lang = default_lang() if lang is None else lang.value
    _state["lang"] = resolved
    return resolved


def _speaking() -> Lang:
    """The language of the command's messages: its --lang, else the locale's."""
    from soicost.i18n import default_lang

    lang: Lang = _state["lang"] or default_lang()
    return lang


def _say(message: str, *, error: bool = False, **values: object) -> None:
    """A message of the catalogue on stderr, in the command's language (else the locale's);
    ``error``: printed even with --quiet."""
    from soicost.i18n import tr

    (_err if error else _info)(tr(_speaking(), message, **values))


def _load(data: Path | None) -> Any:
    """The validated inputs; their warnings go to stderr, never into the data on stdout."""
    from soicost.errors import render_warnings
    from soicost.inputs.loader import load_inputs

    inputs = load_inputs(data)
    if inputs.warnings:
        _err(render_warnings(inputs.warnings, _speaking()))
    return inputs


def _emit(text: str | bytes, output: Path | None) -> None:
    if output is None:
        from soicost.outputs import escape_note, write_stdout

        if write_stdout(text):
            _info(escape_note(lang=_speaking()))
    else:
        from soicost.atomic import write_atomic

        write_atomic(output, text)
        _say("wrote {path}", path=output)


def _progress(total: int, enabled: bool) -> Any:
    """A progress bar on stderr, only on a terminal: never in piped or machine output."""
    import contextlib

    if not enabled or _state["quiet"] or sys.stderr is None or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    return _ProgressTask(progress, total)


class _ProgressTask:
    def __init__(self, progress: Any, total: int) -> None:
        self.progress = progress
        self.total = total

    def __enter__(self) -> Callable[[int], None]:
        self.progress.__enter__()
        task = self.progress.add_task("simulating", total=self.total)
        return lambda k: self.progress.advance(task, k)

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)


@app.command()
@handle_errors
def estimate(
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    workers: WorkersOption = None,
    csv_dialect: CsvDialectOption = CsvDialect.rfc4180,
) -> None:
    """Migration cost of every application and of the portfolio, as P10/P50/P90/mean.

    Extrapolates the reference quote to every application (power law of its size drivers
    times factors for its kind, strategy and criticality), with common causes shared
    across applications so the portfolio range stays honest.

    Example: soicost estimate --format json --output estimate.json
    """
    from soicost.analysis.estimate import Execution
    from soicost.analysis.estimate import estimate as run_estimate
    from soicost.outputs import refuse_data_inputs, terminal_width
    from soicost.render.estimate import render

    options = _options(method, samples, seed, euros)
    check_workers(workers)
    if fmt is OutputFormat.xlsx and output is None:
        raise UsageError(Said("--format xlsx writes a binary file: give --output FILE.xlsx"))
    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    n_apps = len(inputs.applications.applications)
    with _progress(n_apps, fmt is OutputFormat.table and n_apps * samples > 50_000_000) as tick:
        result = run_estimate(inputs, options, Execution(workers=workers), on_progress=tick)
    _emit(render(result, fmt.value, _lang(lang), csv_dialect.value, terminal_width()), output)


@app.command()
@handle_errors
def compare(
    scenario: Annotated[list[str] | None, typer.Option(
        "--scenario", "-s", help="A scenario to compare with the status quo (repeatable; "
                                 "default: all).")] = None,
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    workers: WorkersOption = None,
    csv_dialect: CsvDialectOption = CsvDialect.rfc4180,
) -> None:
    """Scenarios side by side and year by year, against the status quo.

    Cash costs by category, write-offs (non-cash, apart), NPV and its difference to the
    status quo, headcount, attractiveness and psycho-social risks.

    Example: soicost compare --scenario transfer-thirds --format markdown
    """
    from soicost.analysis.estimate import Execution
    from soicost.analysis.estimate import estimate as run_estimate
    from soicost.outputs import refuse_data_inputs, terminal_width
    from soicost.render.compare import render_comparison

    _no_xlsx(fmt)
    options = _options(method, samples, seed, euros)
    check_workers(workers)
    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    result = run_estimate(inputs, options, Execution(workers=workers), scenarios=scenario)
    _emit(render_comparison(result, fmt.value, _lang(lang), terminal_width(),
                            csv_dialect.value), output)


@app.command()
@handle_errors
def tables(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the committed tables.")],
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing: exit 1 listing the tables that differ, 0 when they "
                        "are up to date.")] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Also write tables.xlsx, one sheet "
                                                      "per table.")] = False,
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    lang: Annotated[LangChoice | None, typer.Option(
        "--lang", help="Language of the tables (fixed, not from the locale, so that CI "
                       "everywhere produces the same files). Default: en.")] = None,
) -> None:
    """Write the committed cost tables, or check that they are up to date.

    Portfolio, applications, assets, scenarios by year and scenario comparison, as
    Markdown and CSV (and XLSX with --xlsx).

    Example: soicost tables --out docs/tables --check
    """
    from soicost.analysis.estimate import estimate as run_estimate
    from soicost.outputs import data_files, refuse_data_inputs
    from soicost.tables import check_tables, table_files, write_tables, written_in

    options = _options(method, samples, seed, euros)
    if not check:
        refuse_data_inputs("--out", [out], data)
    inputs = _load(data)
    # The tables' language is the option's, English by default; the messages on stderr speak
    # the locale's when it is not given.
    written: Lang = "en" if lang is None else lang.value
    result = run_estimate(inputs, options)
    files = table_files(result, written, xlsx=xlsx)
    if check:
        stale = check_tables(out, files)
        if stale and lang is None and (other := written_in(out, result, xlsx)) is not None:
            # Up to date, in another language than the default: say so, rather than suggest
            # regenerating them in English.
            _say("{n} tables up to date in {folder}, written with --lang {lang}.",
                 n=len(files), folder=out, lang=other)
            return
        if stale:
            _say("{n} table(s) out of date in {folder}: {names}", error=True, n=len(stale),
                 folder=out, names=Joined(tuple(stale)))
            command = (f"soicost tables --out {out}"
                       + ("" if data is None else f" --data {data}")
                       + ("" if method is MethodChoice.drivers else f" --method {method.value}")
                       + ("" if samples == DEFAULT_SAMPLES else f" --samples {samples}")
                       + ("" if seed == DEFAULT_SEED else f" --seed {seed}")
                       + ("" if euros is EurosChoice.constant else f" --euros {euros.value}")
                       + ("" if written == "en" else f" --lang {written}"))
            _say("Regenerate with: {command}", error=True, command=command)
            raise typer.Exit(code=1)
        _say("{n} tables up to date in {folder}.", n=len(files), folder=out)
        return
    for path in write_tables(out, files, protect=data_files(inputs.data_dir)):
        _say("wrote {path}", path=path)


@app.command()
@handle_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    lang: LangOption = None,
    sensitivity_samples: Annotated[int, typer.Option(
        "--sensitivity-samples", parser=_count,
        help="Samples of the sensitivity analyses of the "
        "portfolio and of each scenario's difference to the status quo (0: leave them "
        f"out; at most {MAX_SAMPLES:,}).")] = 1024,
    history: Annotated[Path | None, typer.Option(
        "--history", help="Past projects (as for `soicost backtest`): adds how the "
                          "assumptions' ranges fared on them, with the calibration chart.")
    ] = None,
) -> None:
    """A self-contained HTML impact-study report that opens offline.

    Technical part, means part, psycho-social risks, assets, sensitivity, the assumptions
    log and the reproducibility line, with inline SVG charts.

    Example: soicost report --out report.html --lang fr
    """
    from soicost.analysis.study import study
    from soicost.limits import check_sensitivity_samples
    from soicost.outputs import refuse_data_inputs
    from soicost.render.report import render_study, write_report

    options = _options(method, samples, seed, euros)
    check_sensitivity_samples(sensitivity_samples)
    refuse_data_inputs("--out", [out], data)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(Said("--out writes HTML: give a file name ending in .html"))
    if history is not None:
        from soicost.outputs import refuse_inputs

        refuse_inputs("--out", [out], [history])
    analysed = study(_load(data), options, sensitivity_samples, history)
    write_report(out, render_study(analysed, _lang(lang)))
    _say("wrote {path}", path=out)


@app.command()
@handle_errors
def sensitivity(
    figure: Annotated[str, typer.Option(
        "--figure", help="migration | scenario:ID | delta:ID")] = "migration",
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: Annotated[int, typer.Option("--samples", "-n", parser=_count,
                                         help="Samples per design matrix; the model runs "
                                              f"(groups + 2) times ({SAMPLES_RANGE}).")]
    = 4096,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also write the tornado chart (.svg).")] = None,
    lang: LangOption = None,
    csv_dialect: CsvDialectOption = CsvDialect.rfc4180,
) -> None:
    """Which assumptions drive the range: a tornado and Sobol indices.

    The tornado moves each input group from its P10 to its P90, the others at their
    medians; the Sobol indices (first order and total, with bootstrap intervals) share out
    the variance. Inputs are grouped as an analyst thinks of them.

    Example: soicost sensitivity --figure delta:transfer-thirds --chart tornado.svg
    """
    from soicost.analysis.sensitivity import sensitivity as run_sensitivity
    from soicost.outputs import refuse_data_inputs, refuse_same, terminal_width
    from soicost.render.sensitivity import chart as tornado_svg
    from soicost.render.sensitivity import render as render_sensitivity

    _no_xlsx(fmt)
    if chart is not None and chart.suffix.lower() != ".svg":
        raise UsageError(Said("--chart writes SVG: give a file name ending in .svg"))
    options = _options(method, samples, seed, euros)
    refuse_same(("--output", output), ("--chart", chart))
    refuse_data_inputs("--output", [output], data)
    refuse_data_inputs("--chart", [chart], data)
    result = run_sensitivity(_load(data), figure, options)
    _emit(render_sensitivity(result, fmt.value, _lang(lang), terminal_width(),
                             csv_dialect.value), output)
    if chart is not None:
        from soicost.atomic import write_atomic

        write_atomic(chart, tornado_svg(result, _lang(lang)))
        _say("wrote {path}", path=chart)


@app.command()
@handle_errors
def explain(
    application: Annotated[str, typer.Argument(help="Id of the application to explain.")],
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = ExplainFormat.table,
    json_output: Annotated[bool, typer.Option(
        "--json", help="Same as --format json (kept for scripts that use it).")] = False,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The derivation of one application's figure, step by step.

    The reference quote and its provenance,
    each driver ratio and elasticity, each factor, and the resulting range.

    Example: soicost explain payroll
    """
    from soicost.analysis.explain import explain as run_explain
    from soicost.outputs import refuse_data_inputs
    from soicost.render.explain import render_explanation, render_explanation_json

    options = _options(method, samples, seed, euros)
    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    result = run_explain(inputs, application, options)
    as_json = json_output or fmt is ExplainFormat.json
    _emit(render_explanation_json(result) if as_json
          else render_explanation(result, _lang(lang)), output)


@app.command()
@handle_errors
def assets(
    data: DataOption = None,
    as_of: Annotated[datetime | None, typer.Option(
        "--as-of", formats=["%Y-%m-%d"],
        help="Date of the valuation (YYYY-MM-DD); default: valuation_date.")] = None,
    schedule: Annotated[bool, typer.Option(
        "--schedule", help="Add each asset's year-by-year amortisation schedule.")] = False,
    convention: Annotated[ConventionChoice | None, typer.Option(
        "--convention", help="Value every asset under this convention instead of its own "
        "(to compare M57 and M14).")] = None,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
    csv_dialect: CsvDialectOption = CsvDialect.rfc4180,
) -> None:
    """Net book value of the data centre, platforms, telephony… at a date (M57 or M14).

    Book values are non-cash: a scenario that abandons an asset writes them off; they are
    never added to cash costs.

    Example: soicost assets --as-of 2025-01-01 --schedule
    """
    from soicost.finance.assets import value_assets
    from soicost.limits import check_samples, check_seed
    from soicost.outputs import refuse_data_inputs, terminal_width
    from soicost.render.assets import render as render_assets

    _no_xlsx(fmt)
    check_samples(samples)
    check_seed(seed)
    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    report = value_assets(inputs, as_of.date() if as_of else None, samples=samples, seed=seed,
                          with_schedule=schedule,
                          convention=convention.value if convention else None)
    _emit(render_assets(report, fmt.value, _lang(lang), inputs.assumptions.currency,
                        terminal_width(), csv_dialect.value), output)


@app.command()
@handle_errors
def cite(
    figure: Annotated[str, typer.Argument(
        help="migration | app:ID | writeoff | writeoff:ID | scenario:ID | delta:ID")],
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    lang: LangOption = None,
    allow_illustrative: Annotated[bool, typer.Option(
        "--allow-illustrative", help="Cite a figure resting mainly on illustrative inputs; "
        "the paragraph then says so.")] = False,
    output: OutputOption = None,
) -> None:
    """A paragraph ready to paste into a letter.

    The figure as a range with its central
    value, what it covers, the main assumptions, and a reference line (version,
    fingerprint, seed, samples) that anyone can check with `soicost verify`.

    Example: soicost cite migration --lang fr --allow-illustrative
    """
    from soicost.analysis.estimate import estimate as run_estimate
    from soicost.outputs import refuse_data_inputs
    from soicost.render.cite import cite as run_cite

    options = _options(method, samples, seed, euros)
    refuse_data_inputs("--output", [output], data)
    inputs = _load(data)
    result = run_estimate(inputs, options)
    _emit(run_cite(inputs, result, figure, _lang(lang), allow_illustrative).text, output)


@app.command()
@handle_errors
def verify(
    fingerprint: Annotated[str, typer.Argument(
        help="A fingerprint (full, or its first 8 hex digits as printed in a citation), or "
             "the path of a soicost JSON output.")],
    data: DataOption = None,
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Check that these data and options reproduce a cited figure.

    Exit 0 if they do, 1 if
    not (listing the input files that differ, when given a JSON output).

    Example: soicost verify FINGERPRINT --seed 20220518 --samples 100000
    """
    from soicost.analysis.verify import verify as run_verify
    from soicost.outputs import refuse_data_inputs, refuse_inputs
    from soicost.render.verify import summary

    options = _options(method, samples, seed, euros)
    refuse_data_inputs("--output", [output], data)
    refuse_inputs("--output", [output], [Path(fingerprint)])
    inputs = _load(data)
    v = run_verify(inputs, fingerprint, options)
    language = _lang(lang)
    if v.version_note:
        _say("Note: {note}.", note=v.version_note)
    _emit(summary(v, language), output)
    if not v.reproduced:
        raise typer.Exit(code=1)


@app.command()
@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(help="A soicost JSON output, or a data folder.")],
    new: Annotated[Path, typer.Argument(help="A soicost JSON output, or a data folder.")],
    method: MethodOption = MethodChoice.drivers,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    euros: EurosOption = EurosChoice.constant,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Which figures changed between two runs, and which inputs differ.

    Each figure that changed, by how much, and which input files differ, as
    Markdown for a pull-request comment. Data folders are estimated with the same options.

    Example: soicost diff old/estimate.json new/estimate.json
    """
    from soicost.analysis.diff import diff as run_diff
    from soicost.analysis.diff import load_run, run_inputs
    from soicost.outputs import refuse_inputs
    from soicost.render.diff import render_diff

    options = _options(method, samples, seed, euros)
    refuse_inputs("--output", [output], [*run_inputs(old), *run_inputs(new)])
    _emit(render_diff(run_diff(load_run(old, options), load_run(new, options)),
                      _lang(lang)), output)


class BacktestFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
@handle_errors
def backtest(
    history: Annotated[Path, typer.Argument(
        help="Past projects with their drivers and actual costs: YAML (like "
             "applications.yaml) or CSV (columns id, actual, one per driver, optional "
             "estimate).", show_default=False)],
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", envvar="SOICOST_DATA", show_envvar=True,
        help="Folder whose assumptions.yaml is tested (the inventories are not needed). "
             "Default: the bundled CASVP example.")] = None,
    assumptions: Annotated[Path | None, typer.Option(
        "--assumptions", "-a", help="An assumptions file to test, instead of the "
                                    "assumptions.yaml of --data.")] = None,
    samples: Annotated[int, typer.Option("--samples", "-n", parser=_count, help=(
        f"Monte Carlo samples per prediction ({SAMPLES_RANGE}).")),
    ] = BACKTEST_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    quotes: Annotated[int, typer.Option(
        "--quotes", "-k", help="Known quotes in the fit protocol (at least the drivers + 2).")
    ] = BACKTEST_QUOTES,
    replicates: Annotated[int, typer.Option(
        "--replicates", help="Random sets of quotes in the fit protocol (1 to 10,000).")
    ] = BACKTEST_REPLICATES,
    fmt: Annotated[BacktestFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = BacktestFormat.table,
    output: OutputOption = None,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also write the calibration chart (PIT histogram) to this SVG file.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """How honest are the ranges? Backtest the assumptions on past projects.

    Each past project in turn is the reference, its actual cost taken as the quote, and every
    other one is extrapolated from it; then random sets of k projects are taken as quoted and
    the law fitted on them. Reports how often the actual falls within P10–P90 (80 % if the
    ranges are calibrated) and P25–P75, how often below P50, the same for the total, and the
    spread that would have been calibrated.

    Example: soicost backtest history.csv --data my-inventory --chart pit.svg
    """
    from soicost.analysis.backtest import BacktestOptions, check_options, run_backtest
    from soicost.outputs import refuse_inputs, refuse_same, terminal_width
    from soicost.render.backtest import render, render_chart

    options = BacktestOptions(samples=samples, seed=seed, quotes=quotes,
                              replicates=replicates)
    check_options(options)
    if chart is not None and chart.suffix.lower() != ".svg":
        raise UsageError(Said("--chart writes an SVG image: give a file name ending in .svg "
                              "(got {path})", path=chart))
    refuse_same(("--output", output), ("--chart", chart))
    from soicost.inputs.loader import load_assumptions, resolve_data_dir

    # A backtest needs the assumptions only: not the inventories beside them.
    source = assumptions if assumptions is not None else (
        resolve_data_dir(data) / "assumptions.yaml")
    for option, target in (("--output", output), ("--chart", chart)):
        refuse_inputs(option, [target], [history, source])
    assumed = load_assumptions(source)[0]
    result = run_backtest(history, assumed, options)
    language = _lang(lang)
    if chart is not None:
        _emit(render_chart(result, language, file=True), chart)
    _emit(render(result, fmt.value, language, terminal_width()), output)


def _no_xlsx(fmt: OutputFormat) -> None:
    if fmt is OutputFormat.xlsx:
        raise UsageError(Said("XLSX holds every table: use `soicost estimate --format xlsx "
                              "--output FILE.xlsx` or `soicost tables --out DIR --xlsx`"))


def _options(method: MethodChoice, samples: int, seed: int, euros: EurosChoice) -> Any:
    """The options that change results, as the library takes them (checked before anything is
    read or computed)."""
    from soicost.analysis.estimate import EstimateOptions, check_options

    options = EstimateOptions(method=method.value, samples=samples, seed=seed,
                              euros=euros.value)
    check_options(options)
    return options


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    try:
        app(prog_name="soicost")
    except OSError as exc:
        # Everything soicost writes goes through outputs.py or atomic.py, so a write error
        # that gets here comes from typer's own output (--help, usage messages); click
        # handles a closed pipe itself, not a full disk. Any other error is a bug: re-raised.
        from soicost.outputs import WRITE_ERRORS, output_failed

        if exc.errno not in WRITE_ERRORS:
            raise
        _err(output_failed(exc).render(_speaking()))
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
