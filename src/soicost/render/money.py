"""Amounts for reading: ``22,5 M€`` in French, ``€22.5M`` in English.

Three significant digits: a figure extrapolated from one quote has no more. JSON keeps full
precision; only tables and sentences are rounded. The grouping of whole amounts follows
CLDR (``1 234 567 €`` with narrow no-break spaces in French); the tests check it against
Babel. The compact forms are composed here because CLDR's French compact currency format
(``22,5 M €``) is not the ``22,5 M€`` that French administrative writing uses.
"""

from __future__ import annotations

import math
from datetime import date

from soicost.i18n import Count
from soicost.i18n import Lang as Lang  # re-exported: renderers name it from here

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator and unit space
MINUS = "\u2212"


def significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits (ties to even, as ``round``)."""
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - exponent)


def _group(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


def _parts(value: float, lang: Lang) -> tuple[str, str, str]:
    """(sign, number, scale suffix) of a rounded amount."""
    if not math.isfinite(value):
        # The estimate refuses non-finite results; a renderer must still never crash.
        return "", "n/a", ""
    magnitude = significant(abs(value))
    sign = "" if magnitude == 0 or value >= 0 else (MINUS if lang == "fr" else "-")
    for scale, suffix in ((1e9, "Md" if lang == "fr" else "bn"), (1e6, "M"), (1e3, "k")):
        if magnitude >= scale * (10 if scale == 1e3 else 1):
            text = f"{magnitude / scale:.3g}"
            return sign, text.replace(".", ",") if lang == "fr" else text, suffix
    whole = round(magnitude)
    return sign if whole else "", _group(whole, NNBSP if lang == "fr" else ","), ""


def _symbol(currency: str) -> str:
    return "€" if currency == "EUR" else currency


def format_money(value: float, lang: Lang = "en", currency: str = "EUR") -> str:
    """A rounded amount with its scale: 22.5 M, 500 k, or in full below 10 000."""
    sign, number, suffix = _parts(value, lang)
    symbol = _symbol(currency)
    if lang == "fr":
        return f"{sign}{number}{NNBSP}{suffix}{symbol}"
    return f"{sign}{symbol}{number}{suffix}"


def format_range(low: float, high: float, lang: Lang = "en", currency: str = "EUR") -> str:
    """'entre 14 et 31 M€' / 'between €14M and €31M'."""
    if lang == "fr":
        s1, n1, u1 = _parts(low, lang)
        s2, n2, u2 = _parts(high, lang)
        if u1 == u2:
            return f"entre {s1}{n1} et {s2}{n2}{NNBSP}{u2}{_symbol(currency)}"
        return f"entre {format_money(low, lang, currency)} et {format_money(high, lang, currency)}"
    return f"between {format_money(low, lang, currency)} and {format_money(high, lang, currency)}"


def format_share(share: float, lang: Lang = "en") -> str:
    text = f"{share:.0%}"
    return text.replace("%", f"{NNBSP}%") if lang == "fr" else text


def format_change(relative: float, lang: Lang = "en") -> str:
    """A relative change: ``+20.0%`` in English, ``+20,0 %`` in French."""
    text = f"{relative:+.1%}"
    return text.replace(".", ",").replace("%", f"{NNBSP}%") if lang == "fr" else text


def format_count(value: int, lang: Lang = "en") -> str:
    return Count(value).text(lang)  # as a count put in a message


def format_rate_text(text: str, lang: Lang = "en") -> str:
    """A rate as written in the inputs ('3.2%'), with the French decimal comma and space:
    a quantity's text, as :func:`soicost.inputs.quantity.text_in` writes it."""
    from soicost.inputs.quantity import text_in

    return text_in(text, lang)


def format_date(value: date, lang: Lang = "en") -> str:
    """18/05/2022 in French, 2022-05-18 in English (ISO, unambiguous)."""
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
