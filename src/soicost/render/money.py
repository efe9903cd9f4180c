"""Amounts for reading: ``22,5 M€`` in French, ``€22.5M`` in English.

Three significant digits: a figure extrapolated from one quote has no more. JSON keeps full
precision; only tables and sentences are rounded.
"""

from __future__ import annotations

import math
import os
from typing import Literal

Lang = Literal["fr", "en"]
NNBSP = "\u202f"  # narrow no-break space: the French thousands separator and unit space


def default_lang() -> Lang:
    """French when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _significant(value: float, digits: int = 3) -> float:
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - exponent)


def _group(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


def format_money(value: float, lang: Lang = "en", currency: str = "EUR") -> str:
    """A rounded amount with its scale: 22.5 M, 500 k, or in full below 10 000."""
    symbol = "€" if currency == "EUR" else currency
    sign = "-" if value < 0 else ""
    if sign and lang == "fr":
        sign = "\u2212"  # the minus sign, not a hyphen
    magnitude = _significant(abs(value))
    for scale, suffix in ((1e9, "Md" if lang == "fr" else "bn"), (1e6, "M"), (1e3, "k")):
        if magnitude >= scale * (10 if scale == 1e3 else 1):
            number = magnitude / scale
            text = f"{number:.3g}"
            if lang == "fr":
                return f"{sign}{text.replace('.', ',')}{NNBSP}{suffix}{symbol}"
            return f"{sign}{symbol}{text}{suffix}"
    whole = round(magnitude)
    if lang == "fr":
        return f"{sign}{_group(whole, NNBSP)}{NNBSP}{symbol}"
    return f"{sign}{symbol}{_group(whole, ',')}"


def format_share(share: float, lang: Lang = "en") -> str:
    text = f"{share:.0%}"
    return text.replace("%", f"{NNBSP}%") if lang == "fr" else text
