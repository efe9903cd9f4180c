"""The command line: parse options, call one library function, render its result.

No arithmetic here. Heavy modules (numpy, the cost model) are imported inside commands so
that ``soicost --help`` and ``--version`` start fast.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from soicost import __version__
from soicost.errors import SoicostError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="soicost",
    help="Extrapolate IT migration costs across an application portfolio, with ranges "
         "(P10/P50/P90), for public-sector impact studies.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}

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
        try:
            return func(*args, **kwargs)
        except SoicostError as exc:
            if _state["debug"]:
                raise
            typer.echo(exc.render(), err=True)
            raise typer.Exit(code=exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(code=130) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"soicost {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks on errors.")]
    = False,
) -> None:
    """soicost: what would it cost to move a whole IT portfolio, and with what confidence?

    Every command reads three YAML files from --data (default: the bundled CASVP example).
    """
    _state["debug"] = debug


@app.command()
@handle_errors
def validate(data: DataOption = None) -> None:
    """Check the three input files and summarise them.

    Exit status 0 when valid; 1 with every problem listed (file:line:column, field, what
    was expected and found) when not.

    Example: soicost validate --data my-inventory/
    """
    from soicost.loader import load_inputs
    from soicost.render.summary import render_summary
    from soicost.summary import summarise

    inputs = load_inputs(data)
    typer.echo(render_summary(inputs, summarise(inputs)))


@app.command()
@handle_errors
def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write "
                   "applications.schema.json, infrastructure.schema.json and "
                   "assumptions.schema.json into. Default: print them as one JSON object.")]
    = None,
) -> None:
    """JSON Schemas of the three files, for editors that check YAML as you type.

    Example: soicost schema --out schemas/
    """
    from soicost.schemas import all_schemas, write_schemas

    if out is None:
        import json

        typer.echo(json.dumps(all_schemas(), indent=2, ensure_ascii=False))
    else:
        for path in write_schemas(out):
            typer.echo(f"wrote {path}", err=True)


@app.command()
@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the starter files in.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Create a commented starter set of the three files (and their JSON Schemas).

    The starter validates as it is; replace its three applications by your inventory.

    Example: soicost init my-inventory && soicost validate --data my-inventory
    """
    from soicost.starter import write_starter

    for path in write_starter(folder, force=force):
        typer.echo(f"wrote {path}", err=True)
    typer.echo(f"Next: edit the files, then run `soicost validate --data {folder}`.", err=True)


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    app(prog_name="soicost")


if __name__ == "__main__":  # pragma: no cover
    main()
