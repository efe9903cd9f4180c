"""Pydantic types for plain scalars that refuse what pydantic's lax mode would bend.

Lax mode reads ``true`` as the whole number 1 (``price_base_year: true`` would be year 1)
and a number as a Unix timestamp (``date: 0`` would be 1970-01-01). These types keep lax
mode's useful conversions (``"2023"`` is 2023, ``2023-05-18`` written as a string is a date)
and refuse the rest with a message in the file's terms.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError


def no_bool(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "scalar", "a boolean where a whole number is expected",
            {"expected": "a whole number", "found": repr(value).lower()})
    return value


def _no_number_dates(value: object) -> object:
    if isinstance(value, bool | int | float):
        raise PydanticCustomError(
            "date_type", "not a valid date",
            {"expected": "a date written YYYY-MM-DD", "found": repr(value)})
    return value


def _single_line(value: str) -> str:
    # A name is printed in table cells, CSV fields and letters: a line break or a tab
    # would break the layout of all of them.
    # Zero-width and other format characters show nothing: a name of them is empty.
    if not "".join(c for c in value if unicodedata.category(c) != "Cf").strip():
        raise PydanticCustomError(
            "scalar", "an empty name",
            {"expected": "a name, such as \"Payroll\"", "found": repr(value)})
    for char in value:
        if char in "\t\n\r\u2028\u2029\x0b\x0c\x85":
            raise PydanticCustomError(
                "scalar", "a line break or a tab in a name",
                {"expected": "a name on one line", "found": repr(value)[:60],
                 "hint": "write details in 'notes' or 'description', which can span lines"})
    return value


Int = Annotated[int, BeforeValidator(no_bool)]
"""A whole number: ``true`` and ``false`` are refused."""

Date = Annotated[dt.date, BeforeValidator(_no_number_dates)]
"""A date written YYYY-MM-DD: numbers are refused, not read as timestamps."""

Name = Annotated[str, AfterValidator(_single_line)]
"""A name shown to readers: not blank, on one line."""
