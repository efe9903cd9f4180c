"""A table as a reader sees it, once, for every writer: worded cells under headings, each
column with its role.

:class:`~soicost.render.tabular.TableData` holds raw values for the committed tables; a
:class:`WordedTable` holds what a command shows (``1,2 M€``, ``4–6``, ``53 % [21 %–83 %]``),
so that its terminal table (:func:`to_terminal`) and its Markdown table
(:func:`to_markdown`) come from the same cells and cannot disagree. ``assets`` is written so;
the other commands still build their cells for each writer (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from soicost.render.markdown import Align, markdown_table
from soicost.render.terminal import Role, TermColumn, rich_table

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class WordedColumn:
    heading: str
    role: Role  # how it gives way in a terminal; in Markdown, figures go to the right
    max_width: int | None = None
    # Markdown's alignment where it is not the role's: the asset's life and convention
    # have always been on the right there, on the left (or absent) in the terminal.
    align: Align | None = None
    wide_only: bool = False  # left out of a terminal, which has no room for it

    def markdown_align(self) -> Align:
        if self.align is not None:
            return self.align
        return "right" if self.role in ("figure", "wrapped") else "left"


@dataclass(frozen=True)
class WordedTable:
    title: str
    columns: tuple[WordedColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    # A last row apart (a total): after a rule in a terminal; in Markdown in bold, or
    # (bold_total=False) as a plain last row.
    total: tuple[str, ...] | None = None
    bold_total: bool = True

    def __post_init__(self) -> None:
        for row in (*self.rows, *((self.total,) if self.total else ())):
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells under {len(self.columns)} "
                                 "headings")


def to_markdown(table: WordedTable) -> list[str]:
    """The table's lines in Markdown (its title is the caller's heading)."""
    rows = [*table.rows, *((table.total,) if table.total and not table.bold_total else ())]
    return markdown_table([c.heading for c in table.columns], rows,
                          [c.markdown_align() for c in table.columns],
                          total=table.total if table.bold_total else None)


def to_terminal(table: WordedTable, title: str | None = None) -> Table:
    """The table for :meth:`~soicost.render.terminal.Terminal.table`, without its
    ``wide_only`` columns; ``title``: another title than the table's."""
    keep = [i for i, c in enumerate(table.columns) if not c.wide_only]

    def cells(row: tuple[str, ...]) -> list[str]:
        return [row[i] for i in keep]

    columns = [TermColumn(c.heading, c.role, max_width=c.max_width)
               for c in (table.columns[i] for i in keep)]
    return rich_table(columns, map(cells, table.rows), title=table.title if title is None
                      else title, total=None if table.total is None else cells(table.total))
