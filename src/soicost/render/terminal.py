"""Plain text for a terminal of a given width, in which no figure is ever cut.

rich shrinks a table that is wider than the console by cutting every column, figures
included: ``99,8 …`` for ``99,8 k€``. Here a table's columns of figures keep their full
width; only the columns of names (left-aligned, given a ``max_width``) give way, down to
:data:`NAME_MIN` characters, and wrapped figures down to their widest line. A table that
still does not fit is printed wider than the terminal (the terminal wraps its lines; the
figures stay whole) and the text ends with a note saying so. Sentences wrap at the
terminal's width.

Every command's terminal table is made by :func:`rich_table`, from headings, rows of
worded cells and each column's :data:`Role`: the role says how a column may give way, and
:func:`fit` reads it back from the column's settings.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from soicost.i18n import Lang, tr
from soicost.render.escape import terminal_text

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod
    from rich.table import Column, Table
    from rich.text import Text as RichText

DEFAULT_WIDTH = 100  # when the output is not a terminal and COLUMNS is not set
NAME_MIN = 12  # a name column narrower than this says nothing
NAME_WRAP = 24  # a name column narrower than this wraps its names rather than cut them
WORD_MAX = 18  # a name column keeps its longest word whole, up to this width
NAME_MAX = 80  # a name column is at most this wide, whatever the room: a name, not a paragraph
_UNBOUNDED = 10_000
# rich wraps at any space, no-break ones included: while a sentence is wrapped, they are held
# as characters of the private use area (one column wide, like them), then given back.
_HOLD = {0x00A0: 0xE000, 0x202F: 0xE001}
_RELEASE = {held: space for space, held in _HOLD.items()}


# How a column may give way when the terminal is narrow (see fit):
# - name: a name, shortened with "…" (or wrapped whole when very narrow) down to NAME_MIN;
#   needs a max_width, the widest it is shown;
# - label: short left-aligned text kept whole (a row's label, a date, a convention);
# - prose: left-aligned text that wraps (a rationale; a kind of application);
# - figure: right-aligned, never cut nor wrapped;
# - wrapped: figures on several lines (a range under its P50), never narrower than their
#   widest line; needs a max_width.
Role = Literal["name", "label", "prose", "figure", "wrapped"]
_SETTINGS: dict[Role, tuple[JustifyMethod, bool, OverflowMethod]] = {
    # justify, no_wrap, overflow
    "name": ("left", True, "ellipsis"),
    "label": ("left", True, "ellipsis"),
    "prose": ("left", False, "fold"),
    "figure": ("right", True, "ellipsis"),
    "wrapped": ("right", False, "fold"),
}


@dataclass(frozen=True)
class TermColumn:
    """A column of a terminal table: its heading (plain text, shown as it is) and role."""

    heading: str
    role: Role
    max_width: int | None = None
    min_width: int | None = None

    def __post_init__(self) -> None:
        if self.role in ("name", "wrapped") and self.max_width is None:
            raise ValueError(f"a {self.role} column needs a max_width")


def rich_table(columns: Sequence[TermColumn], rows: Iterable[Sequence[str]], *,
               title: str | None = None, total: Sequence[str] | None = None,
               gap: Literal[1, 2] = 1) -> Table:
    """A rich table of ``rows`` (plain text: ``[b]`` shows as written) under ``columns``,
    for :meth:`Terminal.table`: no box, no padding at the edges, bold headings, a title on
    the left. ``total``: a last row after a rule, in bold. ``gap``: the spaces between two
    columns (the estimate's table has always had two)."""
    from rich.table import Table

    table = Table(title=None if title is None else terminal_text(title), title_justify="left",
                  box=None, pad_edge=False, header_style="bold", padding=(0, 1, 0, 1),
                  collapse_padding=gap == 1)
    for c in columns:
        justify, no_wrap, overflow = _SETTINGS[c.role]
        table.add_column(terminal_text(c.heading), justify=justify, no_wrap=no_wrap,
                         overflow=overflow, max_width=c.max_width, min_width=c.min_width)
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row of {len(row)} cells under {len(columns)} headings")
        table.add_row(*(_held(terminal_text(cell)) for cell in row))
    if total is not None:
        table.add_section()
        table.add_row(*(_held(terminal_text(cell)) for cell in total), style="bold")
    return table


def _held(text: RichText) -> RichText:
    # A cell's no-break spaces held while rich wraps it (see _HOLD), given back by
    # Terminal.getvalue; so are the spaces that French typography ties to guillemets and to
    # a colon, which the inputs' prose types as ordinary ones ("« un désastre »").
    plain = _FRENCH_TIES.sub(
        lambda m: m[0].replace(" ", "\u00a0" if ":" in m[0] else "\u202f"), text.plain)
    text.plain = plain.translate(_HOLD)
    return text


_FRENCH_TIES = re.compile(r"« | »| [;:!?%](?=[ ,.)]|$)")


def _natural_width(console: Console, table: Table) -> int:
    """The width ``table`` takes when nothing limits it."""
    from rich.measure import Measurement

    return Measurement.get(console, console.options.update_width(_UNBOUNDED), table).maximum


def _widest(console: Console, column: Column, with_header: bool = True) -> int:
    """The widest line of ``column``'s cells (and of its header)."""
    from rich.measure import Measurement

    options = console.options.update_width(_UNBOUNDED)
    cells = [*([column.header] if with_header else []), *column.cells]
    return max((Measurement.get(console, options, cell).maximum for cell in cells),
               default=0)


def _longest_word(column: Column) -> int:
    """The longest word of ``column``'s cells and header: narrower, a wrapped name would
    break inside a word ("administrativ/e")."""
    words = (word for cell in (column.header, *column.cells) for word in str(cell).split())
    return max((len(word) for word in words), default=0)


def fit(console: Console, table: Table, width: int) -> int:
    """Narrow the columns of ``table`` that may give way until it fits in ``width``; return
    the width it then needs, more than ``width`` when its figures alone do not fit.

    Names (left-aligned columns with a ``max_width``) and prose (left-aligned columns that
    wrap) are shortened or wrapped down to :data:`NAME_MIN`, or to their longest word (up to
    :data:`WORD_MAX`) so that a wrapped name breaks between words; wrapped figures (right-aligned,
    wrapping, with a ``max_width``: a range under its P50) down to their widest line, so
    that a figure never breaks. No column is widened."""
    needed = _natural_width(console, table)
    floors: dict[int, int] = {}
    for k, column in enumerate(table.columns):
        if column.justify == "left" and (column.max_width is not None or not column.no_wrap):
            # A name, or prose that wraps (a rationale): its words kept whole if they can be.
            floors[k] = max(NAME_MIN, min(_longest_word(column), WORD_MAX))
        elif column.max_width is not None and not column.no_wrap:
            floors[k] = _widest(console, column, with_header=False)
    # Wrapped figures first: they only lose the width of their headings' words.
    for k in [k for k in floors if table.columns[k].justify != "left"]:
        if needed <= width:
            break
        column = table.columns[k]
        current = min(column.max_width or _UNBOUNDED, _widest(console, column))
        column.max_width = max(min(floors[k], current), current - (needed - width))
        needed = _natural_width(console, table)
    # Then names and prose, the widest first, a column at a time, so that they share the
    # loss rather than one of them going down to NAME_MIN alone.
    names = [k for k in floors if table.columns[k].justify == "left"]
    widths = {k: min(table.columns[k].max_width or _UNBOUNDED,
                     _widest(console, table.columns[k])) for k in names}
    while needed > width:
        shrinkable = [k for k in names if widths[k] > floors[k]]
        if not shrinkable:
            break
        k = max(shrinkable, key=lambda i: (widths[i], -i))
        others = [widths[i] for i in shrinkable if i != k]
        # Down to the next widest (or by the whole excess), in one step.
        target = max(floors[k], widths[k] - (needed - width),
                     max(others, default=floors[k]) - 1 if others else floors[k])
        widths[k] = min(target, widths[k] - 1)
        column = table.columns[k]
        column.max_width = widths[k]
        if column.min_width is not None:
            column.min_width = min(column.min_width, column.max_width)
        if column.no_wrap and column.max_width < NAME_WRAP:
            # Cut this short, names would read alike ("Electronic …" three times): they
            # wrap over several lines instead.
            column.no_wrap = False
            column.overflow = "fold"
        needed = _natural_width(console, table)
    return needed


class Terminal:
    """Text built for a terminal ``width`` columns wide (see the module docstring)."""

    def __init__(self, width: int = DEFAULT_WIDTH, lang: Lang = "en") -> None:
        from rich.console import Console

        self.width = max(width, 20)
        self.lang: Lang = lang
        self.widest = 0
        self.console = Console(width=_UNBOUNDED, file=io.StringIO(), color_system=None,
                               no_color=True, highlight=False, force_terminal=False,
                               soft_wrap=False)

    def text(self, line: str | RichText = "") -> None:
        """A sentence (never markup), wrapped at the terminal's width, never at a no-break
        space: rich would break there ("0,7" at the end of a line, "; drivers" at the start
        of the next)."""
        if isinstance(line, str):
            line = line.translate(_HOLD)
        else:
            line = line.copy()
            line.plain = line.plain.translate(_HOLD)
        self.console.print(line, markup=False, highlight=False, width=self.width)

    def table(self, table: Table) -> None:
        needed = fit(self.console, table, self.width)
        self.widest = max(self.widest, needed)
        self.console.print(table, width=max(needed, self.width))

    def getvalue(self) -> str:
        if self.widest > self.width:
            self.text(tr(self.lang, "These tables need {needed} columns and the terminal has "
                                    "{width}: lines are longer than the terminal so that no "
                                    "figure is cut. A wider terminal or --format markdown "
                                    "reads better.", needed=self.widest, width=self.width))
        out = self.console.file
        assert isinstance(out, io.StringIO)
        return out.getvalue().translate(_RELEASE)

