"""Generate docs/cli.md, the command-line reference, from the commands' own ``--help``.

    python -m soicost.clidocs            # write docs/cli.md
    python -m soicost.clidocs --check    # exit 1 if docs/cli.md is not what the code gives
    python -m soicost.clidocs --output FILE

The help is rendered as plain text, never through rich: the commands of the click group
that typer builds from :data:`soicost.cli.app` are fresh objects, so their
``rich_markup_mode`` can be switched off here without touching the app itself. The width is
fixed (100 columns) and nothing depends on the terminal, the locale, the time or the
environment, so two runs anywhere give the same bytes. The environment variables that
would make typer or rich colour their output are also neutralised when this module runs as
a script, as a second line of defence.

Exit status: 0 written or up to date, 1 out of date (with ``--check``), 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH = 100
REGENERATE = "python -m soicost.clidocs"

_PLAIN_ENV = {
    "TERM": "dumb",
    "NO_COLOR": "1",
    "_TYPER_FORCE_DISABLE_TERMINAL": "1",
    "COLUMNS": str(WIDTH),
    "TERMINAL_WIDTH": str(WIDTH),
}


@dataclass(frozen=True)
class CommandHelp:
    """One command: its name, its summary (the first paragraph of its help, on one line),
    its help as written and its full ``--help`` text."""

    name: str
    short: str
    docstring: str
    text: str


def _plain(command: Any) -> None:
    """Switch rich off for a click command built by typer (and its subcommands)."""
    if hasattr(command, "rich_markup_mode"):
        command.rich_markup_mode = None
    for sub in getattr(command, "commands", {}).values():
        _plain(sub)


def _root_command() -> Any:
    import typer.main

    from soicost.cli import app

    root = typer.main.get_command(app)
    _plain(root)
    return root


def _context(command: Any, info_name: str, parent: Any = None) -> Any:
    from typer import _click

    from soicost.cli_help import LANG_KEY

    ctx = _click.Context(command, info_name=info_name, parent=parent,
                         terminal_width=WIDTH, max_content_width=WIDTH)
    # The help in English whatever the locale (ctx.meta is shared with the subcommands').
    ctx.meta[LANG_KEY] = "en"
    return ctx


def summary(docstring: str) -> str:
    """The first paragraph of a docstring, on one line."""
    first = docstring.strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def _clean(text: str) -> str:
    """Trailing spaces removed, one final newline."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"


def root_help() -> str:
    """``soicost --help`` as plain text."""
    root = _root_command()
    return _clean(str(root.get_help(_context(root, "soicost"))))


def commands() -> list[CommandHelp]:
    """Every visible command, in the order ``soicost --help`` lists them."""
    root = _root_command()
    root_ctx = _context(root, "soicost")
    out = []
    for name in root.list_commands(root_ctx):
        command = root.get_command(root_ctx, name)
        if command is None or getattr(command, "hidden", False):
            continue
        ctx = _context(command, name, parent=root_ctx)
        out.append(CommandHelp(
            name=name,
            short=summary(str(command.short_help or command.help or "")),
            docstring=str(command.help or ""),
            text=_clean(str(command.get_help(ctx)))))
    return out


HEADER = f"""\
# Command-line reference

<!-- Generated from the commands' --help by `{REGENERATE}`: do not edit by hand.
     Check with `{REGENERATE} --check` (tests/test_docs.py does). -->

This page is the `--help` of every `soicost` command, generated from the code
(`{REGENERATE}`), so it is always the help of the version it ships with. For a
walk-through, read the guide ([English](guide.en.md), [français](guide.fr.md)); for what the
figures mean, the [methodology](methodology.md).

Every command that reads inputs takes `--data DIR` (or the `SOICOST_DATA` environment
variable; by default the bundled CASVP example). Every command that computes figures takes
`--method`, `--samples` and `--seed`: the same inputs, options and seed give byte-identical
output.

Exit status: **0** success; **1** invalid input, a computation that cannot be done with these
inputs, a refused citation, or a failed check (`verify`, `tables --check`); **2** a
command-line usage error (unknown option, impossible value); 130 when interrupted.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The whole of docs/cli.md."""
    helps = commands()
    parts = [HEADER, "## Commands\n"]
    rows = [f"| [`{c.name}`](#soicost-{c.name}) | {_cell(c.short)} |\n" for c in helps]
    parts.append("| command | what it does |\n|---|---|\n" + "".join(rows))
    parts.append(f"## soicost\n\n```text\n{root_help()}```\n")
    for c in helps:
        parts.append(f"## soicost {c.name}\n\n```text\n{c.text}```\n")
    return "\n".join(parts)


def default_output() -> Path:
    """docs/cli.md of the source checkout this module lives in, else of the current folder."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "docs").is_dir():
        return root / "docs" / "cli.md"
    return Path("docs") / "cli.md"


@contextlib.contextmanager
def plain_environment() -> Iterator[None]:
    """Environment variables that keep typer and rich from colouring or resizing, restored
    afterwards."""
    saved = {k: os.environ.get(k) for k in _PLAIN_ENV}
    os.environ.update(_PLAIN_ENV)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m soicost.clidocs",
        description="Write docs/cli.md from the commands' --help, or check it is up to date.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file differs from the generated one")
    parser.add_argument("--output", type=Path, default=None,
                        help="the file to write or check (default: docs/cli.md)")
    args = parser.parse_args(argv)
    output: Path = args.output or default_output()
    with plain_environment():
        text = render()
    if args.check:
        try:
            current = output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            state = "missing" if current is None else "out of date"
            print(f"{output} is {state}: regenerate it with `{REGENERATE}`.", file=sys.stderr)
            return 1
        print(f"{output} is up to date.", file=sys.stderr)
        return 0
    from soicost.atomic import write_atomic

    write_atomic(output, text)
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
