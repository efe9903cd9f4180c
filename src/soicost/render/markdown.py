"""The one Markdown table writer: headings, rows of worded cells and each column's alignment
in, GitHub table lines out.

Every Markdown output (``estimate``, ``compare``, ``assets``, ``sensitivity``, ``backtest``
and the committed tables of ``soicost tables``) writes its tables here, so that escaping and
the table's syntax live in one place: a cell is plain text, escaped with
:func:`~soicost.render.escape.markdown_text` (a ``|`` in a name would otherwise end the
cell), unless its column is one soicost writes itself in Markdown (``written``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Literal

from soicost.render.escape import markdown_text

Align = Literal["left", "right"]
_RULE: dict[Align, str] = {"left": "---", "right": "---:"}


def _line(cells: Iterable[str]) -> str:
    """Cells already padded as they are to be shown, between pipes."""
    return "|" + "|".join(cells) + "|"


def markdown_table(headings: Sequence[str], rows: Iterable[Sequence[str]],
                   align: Sequence[Align], *, total: Sequence[str] | None = None,
                   written: Collection[int] = ()) -> list[str]:
    """The lines of a GitHub table (no blank line around it).

    - ``headings`` and the cells of ``rows`` are plain text, escaped here; an empty heading
      is written as a space (the first column of a side-by-side view has none);
    - ``align``: each column's, figures to the right;
    - ``total``: a last row in bold (the estimate's total); its empty cells stay empty;
    - ``written``: the indexes of the columns whose cells soicost wrote itself, already
      Markdown: they are put as they are, where escaping would only put backslashes before
      the brackets of an interval (``53 % [21 %–83 %]``) or break a code span.
    """
    if len(align) != len(headings):
        raise ValueError(f"{len(headings)} headings and {len(align)} alignments")

    def cell(i: int, text: str) -> str:
        return text if i in written else markdown_text(text)

    lines = [_line(f" {markdown_text(h) or ' '} " for h in headings),
             _line(_RULE[a] for a in align)]
    for row in rows:
        if len(row) != len(headings):
            raise ValueError(f"a row of {len(row)} cells under {len(headings)} headings")
        lines.append(_line(f" {cell(i, text)} " for i, text in enumerate(row)))
    if total is not None:
        if len(total) != len(headings):
            raise ValueError(f"a total of {len(total)} cells under {len(headings)} headings")
        lines.append(_line(f" **{cell(i, text)}** " if text else " "
                           for i, text in enumerate(total)))
    return lines
