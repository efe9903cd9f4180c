"""Input text made inert where it lands: spreadsheet cells, Markdown, terminal tables.

Names, notes, rationales and sources are typed by whoever writes the data folder, and the
outputs are opened in spreadsheets and pasted into letters. Three helpers, each the only
place its rule lives (docs/exports.md explains the first two):

- :func:`spreadsheet_text` for every CSV and XLSX cell that holds text;
- :func:`markdown_text` for every piece of text placed in Markdown;
- :func:`terminal_text` for every piece of text placed in a rich table (the default
  ``table`` format).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel,
# LibreOffice or Google Sheets (tab and CR because some of them strip leading whitespace
# and then see the next character).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# Every line break a renderer or an editor may honour: CommonMark's three, and the ones
# Python's str.splitlines knows (vertical tab, form feed, the file/group/record
# separators, NEL, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR).
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Markdown punctuation that changes what a cell shows: a backslash escapes the next
# character, a backtick opens code, a pipe ends the table cell, brackets make a link or
# an image (``[clic](http://…)`` would hide its address behind a word).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`|\[\]])")
_BACKTICKS = re.compile("`+")


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet cell that no spreadsheet evaluates: a leading ``'`` when
    it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP).

    For text only: numbers written by soicost (``-1234``, ``-0,5``) are never passed here,
    whatever their kind of column, so that they stay numbers.
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def markdown_text(text: str, *, code: bool = False) -> str:
    """``text`` as it should read in Markdown, in a table cell, a heading or a list item.

    - line breaks become one space: a break would end the table row or the heading;
    - ``&``, ``<`` and ``>`` become entities, so raw HTML (``<script>``, ``<img>``) and
      autolinks show as text;
    - backslashes, backticks, ``|``, ``[`` and ``]`` get a backslash, so that nothing
      turns into code, a new cell, a link or an image.

    ``code=True`` returns a code span instead (diff's figure names): backslashes and
    entities mean nothing inside one, so only line breaks and pipes are handled (GitHub
    reads ``\\|`` in a table cell as a pipe, even in code), and the fence is one backtick
    longer than the longest run inside, so the text cannot close it.
    """
    flat = _LINE_BREAK.sub(" ", text)
    if not code:
        flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat)
    if not flat:
        return ""
    body = flat.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(body)), default=0) + 1)
    # CommonMark strips one space at each end when both are there: pad so that a text
    # starting or ending with a backtick (or with spaces at both ends) keeps them.
    pad = " " if body[0] == "`" or body[-1] == "`" or (
        body[0] == " " and body[-1] == " " and body.strip()) else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def terminal_text(text: str) -> Text:
    """``text`` for a rich table, shown as it is.

    rich reads a plain string as markup: ``[clic]`` would vanish (taken for a style),
    ``[/b]`` would stop the command with a MarkupError, and ``:smile:`` would become an
    emoji. A :class:`~rich.text.Text` is printed literally.
    """
    from rich.text import Text  # here, so that importing this module does not load rich

    return Text(text)
