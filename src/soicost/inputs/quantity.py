"""The quantity grammar: the ways people write numbers and uncertain numbers.

``parse_quantity`` turns what a YAML file holds (a number, a string such as ``"500k"`` or
``"300k to 900k"``, or a one-key mapping such as ``{pert: [1, 2, 4]}``) into a
:class:`Quantity`. Parsing is pure Python: validating inputs never imports numpy.
"""

from __future__ import annotations

import difflib
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, assert_never

from pydantic import ValidationError

from soicost.errors import printable
from soicost.i18n import N_, Joined, Number, Said, said_n
from soicost.inputs.provenance import Provenance

# z such that P(Z <= z) = 0.95: "a to b" puts a and b at the 5th and 95th percentiles.
Z95 = 1.6448536269514722
# z of the 99.9th percentile: a normal that reaches below zero more often than 1 in 1000
# draws is refused where negative values are impossible.
Z999 = 3.090232306167813

# Draws beyond this many standard deviations come about once in 10^17: the model never
# meets them. Within it, draws must stay finite (below about 1.8e308), and where zero is
# impossible (a life, a driver) or a rate must stay above -100 %, they must stay so.
Z_DRAWS = 8.5
_LOG_MAX = math.log(sys.float_info.max)
_LOG_MIN = math.log(sys.float_info.min)

Constraint = Literal["any", "nonneg", "positive", "rate", "share"]

# A template without values: its braces are the mapping forms' own.
_EXPECTED = Said(
    "a number (500000, 500k, 1.2M, 2.5%, 1/3), a range \"a to b\", or a mapping such as "
    "{pert: [min, mode, max]}, {triangular: [...]}, {uniform: [min, max]}, "
    "{normal: {mean: m, sd: s}}, {lognormal: {median: m, sigma: s}}, {mixture: [...]}"
)


class QuantityError(ValueError):
    """A value that does not follow the quantity grammar, or breaks a constraint.

    ``at``: where inside the quantity's mapping the problem lies (("provenance", "status"),
    ("value",)), so that the message points at that line rather than the mapping's first;
    ``key``: at that key rather than its value (an unexpected key).

    ``message``, ``expected``, ``found`` and ``hint`` are :class:`~soicost.i18n.Said` where
    they are soicost's words (English strings that word themselves again in French), plain
    strings where they are what the file wrote (``repr`` of a value).
    """

    def __init__(self, message: str, *, expected: str | None = None, found: str | None = None,
                 hint: str | None = None, at: tuple[str | int, ...] = (),
                 key: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.found = found
        self.hint = hint
        self.at = at
        self.key = key


@dataclass(frozen=True)
class Fixed:
    value: float

    def support(self) -> tuple[float, float]:
        return (self.value, self.value)

    def mean(self) -> float:
        return self.value


@dataclass(frozen=True)
class LogNormal:
    """A lognormal: ln X ~ N(mu, sigma²)."""

    mu: float
    sigma: float

    @classmethod
    def from_p5_p95(cls, low: float, high: float) -> LogNormal:
        mu = (math.log(low) + math.log(high)) / 2
        sigma = (math.log(high) - math.log(low)) / (2 * Z95)
        return cls(mu, sigma)

    def support(self) -> tuple[float, float]:
        return (0.0, math.inf)

    def mean(self) -> float:
        # A lognormal whose draws are all finite can still have a mean beyond any float
        # (sigma = 40): infinite, rather than an OverflowError.
        exponent = self.mu + self.sigma**2 / 2
        return math.exp(exponent) if exponent < _LOG_MAX else math.inf


@dataclass(frozen=True)
class Pert:
    """Modified PERT (lambda = 4): a scaled beta with the given min, mode and max."""

    low: float
    mode: float
    high: float

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def mean(self) -> float:
        return (self.low + 4 * self.mode + self.high) / 6

    def shape(self) -> tuple[float, float]:
        width = self.high - self.low
        return (1 + 4 * (self.mode - self.low) / width, 1 + 4 * (self.high - self.mode) / width)


@dataclass(frozen=True)
class Triangular:
    low: float
    mode: float
    high: float

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3


@dataclass(frozen=True)
class Uniform:
    low: float
    high: float

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def mean(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Normal:
    mean_: float
    sd: float

    def support(self) -> tuple[float, float]:
        # Not the mathematical support: the range holding all but 1 draw in 1000 on each
        # side, which is what "can this cost be negative?" should ask of a normal.
        return (self.mean_ - Z999 * self.sd, self.mean_ + Z999 * self.sd)

    def mean(self) -> float:
        return self.mean_


@dataclass(frozen=True)
class Mixture:
    weights: tuple[float, ...]
    components: tuple[Distribution, ...]

    def support(self) -> tuple[float, float]:
        bounds = [c.support() for c in self.components]
        return (min(b[0] for b in bounds), max(b[1] for b in bounds))

    def mean(self) -> float:
        return sum(w * c.mean() for w, c in zip(self.weights, self.components, strict=True))


Distribution = Fixed | LogNormal | Pert | Triangular | Uniform | Normal | Mixture


def practical_range(dist: Distribution) -> tuple[float, float]:
    """The range holding all but one draw in 1000 on each side (the hard bounds where a
    distribution has them): what "can this figure exceed that one?" should ask."""
    match dist:
        case LogNormal():
            low = math.exp(max(dist.mu - Z999 * dist.sigma, _LOG_MIN))
            return (low, math.exp(min(dist.mu + Z999 * dist.sigma, _LOG_MAX)))
        case Mixture():
            bounds = [practical_range(c) for c in dist.components]
            return (min(b[0] for b in bounds), max(b[1] for b in bounds))
        case Fixed() | Pert() | Triangular() | Uniform() | Normal():
            return dist.support()
        case _:
            assert_never(dist)


def central_value(dist: Distribution) -> float:
    """About the median: a lognormal's median, the mean of any other distribution. Computed
    without numpy, it is good enough to tell 500 € from 500 k€ or a life of 10 years from
    one of 0.1."""
    if isinstance(dist, LogNormal):
        return math.exp(min(dist.mu, _LOG_MAX))
    return dist.mean()


@dataclass(frozen=True)
class Quantity:
    """A parsed figure: its distribution, how it was written, and its own provenance if any.

    ``confirmed``: why a figure that looks implausible is right (it silences the
    plausibility warning of that figure).
    """

    dist: Distribution
    text: str
    provenance: Provenance | None = field(default=None, compare=False)
    confirmed: str | None = field(default=None, compare=False)

    @property
    def is_fixed(self) -> bool:
        return isinstance(self.dist, Fixed)

    @property
    def fixed_value(self) -> float:
        """The value of a fixed quantity; the mean of an uncertain one."""
        return self.dist.mean()

    def mean(self) -> float:
        return self.dist.mean()

    def __str__(self) -> str:
        return self.text


def fixed(value: float, provenance: Provenance | None = None) -> Quantity:
    return Quantity(Fixed(float(value)), format_number(value), provenance)


# --------------------------------------------------------------------------------------
# Numbers

# One to three digits not starting with 0, a dot, then exactly three digits (500.000,
# 2.500): thousands to most French readers, a decimal to YAML and English readers.
DOTTED_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")

_SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "Md": 1e9, "G": 1e9, "B": 1e9, "%": 1e-2}
_GROUP_SEPARATORS = " \u00a0\u202f\u2009"
_NUMBER = re.compile(
    r"""^(?P<sign>[-+−])?\s*
        (?P<digits>[0-9][0-9_ \u00a0\u202f\u2009.,]*|[.,][0-9]+)
        (?:[eE](?P<exp>[-+]?[0-9]+))?
        \s*(?P<suffix>Md|k|K|M|G|B|%)?
        \s*(?:€|EUR|eur|euros?)?$""",
    re.VERBOSE,
)


def _canonical_digits(raw: str, original: str, decimal_only: bool = False) -> str:
    """Resolve group and decimal separators, refusing what is ambiguous.

    ``decimal_only``: a separator can only be a decimal point here: in the mantissa of a
    scientific notation (1.500e3), or in a percentage (11.550 % is not eleven thousand).
    """
    text = raw.strip()
    # 1 000,000: spaces group thousands, so a separator before three digits may too.
    spaced = any(sep in text for sep in _GROUP_SEPARATORS) and not decimal_only
    for sep in _GROUP_SEPARATORS:
        if sep in text:
            # sep is in text: there are at least two groups.
            head, *rest = text.split(sep)
            tail = rest[-1]
            if not (1 <= len(head) <= 3 and head.isdigit()
                    and all(len(g) == 3 and g.isdigit() for g in rest[:-1])
                    and re.fullmatch(r"[0-9]{3}([.,][0-9]+)?", tail)):
                raise QuantityError(
                    Said("digits grouped with spaces must come in groups of three"),
                    expected=Said("a number such as 500 000 or 1 234 567,5"),
                    found=repr(original))
            text = text.replace(sep, "")
    if "_" in text:
        if not re.fullmatch(r"[0-9]+(_[0-9]+)*([.,][0-9]+)?", text):
            raise QuantityError(Said("misplaced '_' in a number"), expected="500_000",
                                found=repr(original))
        text = text.replace("_", "")
    has_dot, has_comma = "." in text, "," in text
    if (has_dot and has_comma) or text.count(".") > 1 or text.count(",") > 1:
        plain = re.sub(r"[.,](?=[0-9]{3}(?:[.,]|$))", "", text).replace(",", ".")
        message = (Said("'.' and ',' are used both as thousands and decimal separators")
                   if has_dot and has_comma else
                   Said("several '{separator}' in one number",
                        separator="." if has_dot else ","))
        raise QuantityError(
            Said("ambiguous number: {problem}", problem=message),
            expected=Said("digits with at most one decimal point"), found=repr(original),
            hint=Said("write {number}", number=Written(plain)))
    if has_comma:
        whole, frac = text.split(",")
        if _may_group_thousands(whole, frac, decimal_only) or (spaced and len(frac) == 3):
            raise QuantityError(
                Said("ambiguous number: a comma followed by three digits may group thousands"),
                expected=Said("a decimal point, or no separator"), found=repr(original),
                hint=_thousands_or_decimal(whole, frac))
        text = f"{whole}.{frac}"
    elif has_dot:
        whole, frac = text.split(".")
        if _may_group_thousands(whole, frac, decimal_only) or (spaced and len(frac) == 3):
            # 500.000 is five hundred thousand to most French readers, 500 to YAML and to
            # English readers: a factor of 1,000 that nothing downstream could catch.
            raise QuantityError(
                Said("ambiguous number: a dot followed by three digits may group thousands"),
                expected=Said("no separator for thousands (500000, 500 000, 500k), or a "
                              "decimal with other than three decimals"),
                found=repr(original), hint=_thousands_or_decimal(whole, frac))
    return text


def _thousands_or_decimal(whole: str, frac: str) -> Said:
    """The two readings of whole.frac or whole,frac, each written as the reader's language
    writes a number (a decimal comma in French)."""
    return Said("write {thousands} for thousands, or {decimal} for a decimal",
                thousands=Written(whole + frac), decimal=Written(_decimal(whole, frac)))


def _decimal(whole: str, frac: str) -> str:
    """The decimal reading of whole.frac, written so that it is not ambiguous itself: 2.5
    for 2.500, and 1.2340 for 1.234 (a fourth decimal tells it from a group)."""
    text = _shortest(float(f"{whole}.{frac}"))
    return text + "0" if DOTTED_THOUSANDS.fullmatch(text) else text


def _may_group_thousands(whole: str, frac: str, decimal_only: bool) -> bool:
    """Whether ``whole`` and ``frac`` around one separator can be read as thousands: three
    digits after it, and before it the head of a group (1 to 3 digits, not starting with
    0: 0.125 and 1000.125 group nothing)."""
    return (len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole) is not None
            and not decimal_only)


# Words people write after an amount, and what to do with them (messages of the catalogue).
_WORDS = (
    (re.compile(r"\b(?:HT|TTC|H\.T\.|T\.T\.C\.)$", re.I),
     N_("write the amount alone; say whether it is before or after tax (HT or TTC) in the "
        "quote's scope or source")),
    (re.compile(r"\$|\bUSD\b|\bGBP\b|£|\bCHF\b", re.I),
     N_("amounts are in the currency of assumptions.yaml (currency, EUR by default): write "
        "the number alone")),
    (re.compile(r"[0-9]\s*m$"), N_("write M for millions (1.2M) and k for thousands (500k)")),
    (re.compile(r"\bmillions?\b|\bmilliards?\b|\bbillions?\b|\bmille\b", re.I),
     N_("write 1.2M for 1.2 million, 2Md or 2G for 2 billion, 500k for 500 thousand")),
    (re.compile(r"\b(?:ans?|années?|years?|mois|months?|ETP|FTE|jours?|days?|Go|GB|To|TB)$",
                re.I),
     N_("write the number alone: the field says its unit (docs/formats.md)")),
    (re.compile(r"[0-9]\s*(?:KE|ME|KEUR|MEUR)\b"), N_("write k for thousands (10k) and M for "
     "millions (1.2M); € and EUR may follow (10 k€)")),
    (re.compile(r"\bMds?\b", re.I), N_("write 1.2Md (or 1.2G) for 1.2 billion")),
)
# An amount per year or per month written as a fraction: '500k€/an', '12k/mois'.
_PER = re.compile(r"/\s*(an|année|year|yr|mois|month|mo)\b", re.I)


def _words_hint(text: str) -> Said | None:
    for pattern, hint in _WORDS:
        if pattern.search(text):
            return Said(hint)
    return None


def _rewrap(written: str, digits: str, replacement: str) -> str:
    return written.replace(digits, replacement, 1).strip()


def parse_number(value: object) -> float:
    """Parse one number in any of the accepted forms; raise QuantityError otherwise."""
    if isinstance(value, bool):
        raise QuantityError(Said("a boolean is not a number"), expected=Said("a number"),
                            found=repr(value).lower())
    if isinstance(value, int | float):
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
    elif isinstance(value, str):
        result = _parse_number_text(value)
    else:
        raise QuantityError(Said("not a number"), expected=Said("a number"),
                            found=_describe(value))
    if not math.isfinite(result):
        raise QuantityError(Said("not a finite number"), expected=Said("a finite number"),
                            found=_describe(value))
    return result


def _parse_number_text(text: str) -> float:
    stripped = text.strip()
    if "/" in stripped:
        num, _, den = stripped.partition("/")
        per = _PER.search(stripped)
        not_a_fraction = QuantityError(
            Said("not a fraction"), expected=Said("a fraction such as 1/3"), found=repr(text),
            hint=None if per is None else
            Said("write the amount alone: annual amounts are per year")
            if per[1].lower() in ("an", "année", "year", "yr") else
            Said("write the amount alone: annual amounts are per year (a monthly amount "
                 "times 12)"))
        if "/" in den:
            # 1/2/3 reads as (1/2)/3 to some and 1/(2/3) to others.
            raise not_a_fraction
        try:
            a, b = _parse_number_text(num), _parse_number_text(den)
        except QuantityError:
            raise not_a_fraction from None
        if b == 0:
            raise QuantityError(Said("division by zero"),
                                expected=Said("a fraction such as 1/3"), found=repr(text))
        return a / b
    lowered = stripped.lower()
    if lowered in {".inf", "+.inf", "-.inf", "inf", "-inf", "infinity", ".nan", "nan"}:
        raise QuantityError(Said("not a finite number"), expected=Said("a finite number"),
                            found=repr(text))
    match = _NUMBER.match(stripped)
    if match is None:
        raise QuantityError(Said("not a number"), expected=_EXPECTED, found=repr(text),
                            hint=_words_hint(stripped))
    try:
        digits = _canonical_digits(match["digits"], text,
                                   decimal_only=bool(match["exp"]) or match["suffix"] == "%")
    except QuantityError as exc:
        if isinstance(exc.hint, Said) and exc.hint.startswith("write "):
            # The hint rewrote the digits only: put back what surrounds them (500k, €…).
            start, end = match.span("digits")
            raw = stripped[start:end].strip()
            exc.hint = Said(exc.hint.template, **{
                name: Written(_rewrap(stripped, raw, value.value))
                if isinstance(value, Written) else value
                for name, value in exc.hint.values.items()})
        raise

    number = float(digits + (f"e{match['exp']}" if match["exp"] else ""))
    if match["suffix"]:
        number *= _SUFFIXES[match["suffix"]]
    if match["sign"] in ("-", "−"):
        number = -number
    return number


# --------------------------------------------------------------------------------------
# Quantities

_RANGE = re.compile(r"^(?P<low>.+?)\s+(?:to|à|a)\s+(?P<high>.+)$")
# "300k - 900k", "300k–900k", "300k..900k": not ranges, but worth a suggestion.
_DASHED_RANGE = re.compile(
    r"^(?P<low>.*[0-9kKMGB%€])\s*(?:-|–|—|\.\.\.?)\s*(?P<high>[-+]?[0-9.,].*)$")
# "entre 200k et 400k", "between 200k and 400k": a range in words, for which the hint shows
# the grammar's form.
_WORDED_RANGE = re.compile(r"^(?:entre|between)\s+(?P<low>.+?)\s+(?:et|and)\s+(?P<high>.+)$",
                           re.IGNORECASE)
# "1:30": a time, or a YAML 1.1 sexagesimal number.
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?$")
_FORMS = ("pert", "triangular", "uniform", "normal", "lognormal", "mixture", "value")


def parse_quantity(value: object, constraint: Constraint = "any", *,
                   unit: Unit = "number") -> Quantity:
    """Parse a quantity and check that it respects ``constraint`` and ``unit``.

    ``nonneg``: never negative (costs, factors); ``positive``: never zero or negative
    (drivers, lives); ``rate``: above -100 % (rates, uplifts); ``share``: from 0 to 100 %
    (a share of posts, of a cost); ``any``: any finite value.

    ``unit`` says what the figure measures, so that a percent sign where euros, years or
    people are expected (``amount: 30 %`` would be 0.30 €; ``life_years: 10%`` a life of
    0.1 year), or a euro sign where no money is expected (``fte: 4 €``), is refused rather
    than read. ``number`` (drivers, elasticities) accepts both.
    """
    # In {value: Q, provenance: …}, a problem with Q is at Q's line.
    inner = ("value",) if isinstance(value, Mapping) and "value" in value else ()
    written = value["value"] if isinstance(value, Mapping) and inner else value
    try:
        _refuse_signs(value, written, unit)
        quantity = _parse(value)
        check_constraint(quantity, constraint, written)
    except QuantityError as exc:
        if not exc.at:
            exc.at = inner
        if unit == "size" and exc.hint is None and "zero or less" in exc.message:
            exc.hint = Said("a size driver counts through (x / x_ref)^e, and 0 would make the "
                            "cost 0: write 1 for none (no interfaces, one user)")
        raise
    return quantity


Unit = Literal["money", "duration", "count", "rate", "share", "factor", "size", "number"]
# What each unit measures, and how to write it (messages of the catalogue).
_NO_PERCENT: dict[str, str] = {
    "money": N_("an amount of money"),
    "duration": N_("a duration (years or months)"),
    "count": N_("a count (of posts, of people)"),
}
_EXAMPLE: dict[str, str] = {
    "money": N_("500k, 500 000 € or 1.2M"),
    "duration": N_("10 (years) or 6 (months)"),
    "count": N_("4 or 0.5"),
}
_WHAT: dict[str, str] = {
    **_NO_PERCENT, "rate": N_("a rate"), "share": N_("a share"),
    "factor": N_("a factor or a multiple"), "size": N_("a size")}
EURO_SIGN = re.compile(r"€|(?<![A-Za-z])(?:EUR|eur|euros?)(?![A-Za-z])")
# Keys of the mapping forms whose values are not the figure itself.
_NOT_THE_FIGURE = ("provenance", "confirmed", "weight")


def figure_texts(value: object) -> list[str]:
    """The strings a figure is written with, wherever they are (a bound of a range, a point
    of a pert…), leaving out its provenance's text, its reason and a mixture's weights."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [t for key, inner in value.items() if key not in _NOT_THE_FIGURE
                for t in figure_texts(inner)]
    if isinstance(value, list):
        return [t for inner in value for t in figure_texts(inner)]
    return []


def _refuse_signs(value: object, original: object, unit: Unit) -> None:
    """Refuse a percent or a euro sign where the figure cannot be one."""
    for text in figure_texts(value):
        if "%" in text and unit in _NO_PERCENT:
            raise QuantityError(
                Said("a percentage where {what} is expected", what=Said(_NO_PERCENT[unit])),
                expected=Said("{what}, such as {example}", what=Said(_NO_PERCENT[unit]),
                              example=Said(_EXAMPLE[unit])),
                found=_describe(original),
                hint=Said("a share of another amount cannot be written here: write the "
                          "amount itself") if unit == "money" else
                Said("an amortisation rate of 10 % is a life of 10 years: write the life")
                if unit == "duration" else None)
        if EURO_SIGN.search(text) and unit not in ("money", "number", "size"):
            raise QuantityError(
                Said("an amount of money where {what} is expected", what=Said(_WHAT[unit])),
                expected=Said("{what}, without a currency sign", what=Said(_WHAT[unit])),
                found=_describe(original))


def _parse(value: object) -> Quantity:
    if isinstance(value, Quantity):
        return value
    if isinstance(value, Mapping):
        return _parse_mapping(value)
    if isinstance(value, str):
        match = _RANGE.match(value.strip())
        if match:
            return _parse_range(match["low"], match["high"], value)
        try:
            number = parse_number(value)
        except QuantityError as exc:
            dashed = (_DASHED_RANGE.match(value.strip())
                      or _WORDED_RANGE.match(value.strip()))
            if dashed and exc.hint is None and _is_number(dashed["low"]) and _is_number(
                    dashed["high"]):
                # The bounds as the reader's language writes them: "1,5M à 2M" in French.
                exc.hint = Said("write a range as \"{range}\"", range=Written(
                    f"{dashed['low']} to {dashed['high']}"))
            elif exc.hint is None and _SEXAGESIMAL.match(value.strip()):
                exc.hint = Said("YAML 1.1 tools read this as a base-60 number (1:30 = 90), "
                                "soicost does not: write the number itself, such as 90 or 1.5")
            raise
        text = " ".join(value.split()) if ("/" in value or "%" in value) else format_number(number)
        return Quantity(Fixed(number), text)
    number = parse_number(value)
    return Quantity(Fixed(number), format_number(number))


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except QuantityError:
        return False
    return True


def _parse_range(low_text: str, high_text: str, original: str) -> Quantity:
    low, high = parse_number(low_text), parse_number(high_text)
    expected = Said("\"a to b\" with 0 < a < b (a and b are the 5th and 95th percentiles)")
    if low <= 0:
        raise QuantityError(Said("the low bound of a range must be positive"),
                            expected=expected, found=repr(original),
                            hint=Said("for a range that includes zero or negative values, use "
                                      "{pert: [min, mode, max]} or {uniform: [min, max]}"))
    if low >= high:
        one_percent = ("%" in low_text) != ("%" in high_text)
        raise QuantityError(Said("the low bound of a range must be below the high bound"),
                            expected=expected, found=repr(original),
                            hint=Said("write % on both bounds (2% to 4%)") if one_percent
                            else None)
    # Echo the bounds as written ("18% to 30%"), tidied, so logs read like the inputs.
    return Quantity(LogNormal.from_p5_p95(low, high),
                    f"{' '.join(low_text.split())} to {' '.join(high_text.split())}")


def _parse_mapping(value: Mapping[Any, Any]) -> Quantity:
    keys = list(value)
    if "value" in value:
        extra = [k for k in keys if k not in ("value", "provenance", "confirmed")]
        if extra:
            raise QuantityError(Said("unexpected key {key!r} beside 'value'", key=extra[0]),
                                expected=Said("{value: …, provenance: {…}, confirmed: why}"),
                                found=str(keys), at=(extra[0],), key=True)
        inner = _parse(value["value"])
        prov = value.get("provenance")
        provenance = _provenance(prov) if prov is not None else None
        return Quantity(inner.dist, inner.text, provenance, _confirmed(value))
    if len(keys) != 1 or keys[0] not in _FORMS:
        close = [c for k in keys for c in difflib.get_close_matches(str(k).lower(), _FORMS, n=1)]
        raise QuantityError(Said("not a distribution"),
                            expected=Said("one key among {keys}", keys=", ".join(_FORMS)),
                            found=_describe(value),
                            hint=Said("did you mean {name!r}?", name=close[0])
                            if len(keys) == 1 and close else None)
    form = keys[0]
    args = value[form]
    if form in ("pert", "triangular"):
        low, mode, high = _numbers(args, 3, f"{{{form}: [min, mode, max]}}")
        if not low <= mode <= high or low == high:
            raise QuantityError(Said("{form} needs min <= mode <= max with min < max",
                                     form=form),
                                expected=f"{{{form}: [min, mode, max]}}",
                                found=f"[{format_number(low)}, {format_number(mode)}, "
                                      f"{format_number(high)}]")
        dist: Distribution = Pert(low, mode, high) if form == "pert" else Triangular(
            low, mode, high)
        text = f"{form}({format_number(low)}, {format_number(mode)}, {format_number(high)})"
        return Quantity(dist, text)
    if form == "uniform":
        low, high = _numbers(args, 2, "{uniform: [min, max]}")
        if low >= high:
            raise QuantityError(Said("uniform needs min < max"),
                                expected="{uniform: [min, max]}",
                                found=f"[{format_number(low)}, {format_number(high)}]")
        return Quantity(Uniform(low, high),
                        f"uniform({format_number(low)}, {format_number(high)})")
    if form == "normal":
        mean, sd = _named(args, ("mean", "sd"), "{normal: {mean: m, sd: s}}")
        if sd <= 0:
            raise QuantityError(Said("a normal needs sd > 0"), expected="sd > 0",
                                found=format_number(sd))
        return Quantity(Normal(mean, sd), f"normal({format_number(mean)}, sd {format_number(sd)})")
    if form == "lognormal":
        median, sigma = _named(args, ("median", "sigma"), "{lognormal: {median: m, sigma: s}}")
        if median <= 0 or sigma <= 0:
            raise QuantityError(Said("a lognormal needs median > 0 and sigma > 0"),
                                expected="median > 0, sigma > 0",
                                found=f"median {format_number(median)}, sigma {sigma:g}")
        return Quantity(LogNormal(math.log(median), sigma),
                        f"lognormal(median {format_number(median)}, sigma {sigma:g})")
    return _parse_mixture(args)


def _confirmed(value: Mapping[Any, Any]) -> str | None:
    reason = value.get("confirmed")
    if reason is None:
        # Absent, or null: also what the YAML reader leaves of a reason it refused (a bidi
        # control in it), which it has already reported.
        return None
    if not isinstance(reason, str) or not reason.strip():
        raise QuantityError(
            Said("'confirmed' must say why this figure is right"),
            expected=Said("a sentence, such as confirmed: \"a 600 € licence transfer, checked "
                          "with the vendor\""), found=_describe(reason), at=("confirmed",))
    return " ".join(reason.split())


def _provenance(value: object) -> Provenance:
    try:
        return Provenance.model_validate(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(printable(str(part)) for part in err["loc"])
        message = _pydantic_message(err)
        raise QuantityError(Said("invalid provenance {where}: {message}", where=where,
                                 message=message) if where else
                            Said("invalid provenance: {message}", message=message),
                            expected="{status: sourced | assumed | illustrative, source: …}",
                            found=_describe(err.get("input", value)),
                            at=("provenance", *err["loc"]),
                            key=err["type"] == "extra_forbidden") from None


# pydantic's messages for what a provenance can break, in the catalogue's words: each gives
# pydantic's English (first letter lowered) from the error's context, or is not used.
_PYDANTIC: dict[str, str] = {
    "string_type": N_("input should be a valid string"),
    "model_type": N_("input should be a valid dictionary or instance of Provenance"),
    "missing": N_("field required"),
    "extra_forbidden": N_("extra inputs are not permitted"),
    "date_from_datetime_inexact": N_("datetimes provided to dates should have zero time - "
                                     "e.g. be exact dates"),
}


def _pydantic_message(err: Any) -> str:
    """The message of a provenance's validation error, first letter lowered: a
    :class:`Said` where soicost has its words, pydantic's English otherwise."""
    english = str(err["msg"]).removeprefix("Value error, ")
    english = english[:1].lower() + english[1:]
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    kind = err["type"]
    message: str = english
    if isinstance(ctx.get("message"), Said):  # a refusal of soicost's (a date's)
        message = ctx["message"]
    elif kind == "value_error" and isinstance(ctx.get("error"), ValueError):
        reason = ctx["error"].args[0] if ctx["error"].args else None
        if isinstance(reason, Said):
            message = reason
    elif kind == "literal_error":
        options = re.findall(r"'[^']*'", str(ctx.get("expected", "")))
        if len(options) >= 2:
            message = Said("input should be {options} or {last}",
                           options=", ".join(options[:-1]), last=options[-1])
    elif kind in ("date_parsing", "date_from_datetime_parsing") and "error" in ctx:
        # The detail is pydantic's ("month value is outside expected range of 1-12").
        message = (Said("input should be a valid date in the format YYYY-MM-DD, {error}",
                        error=str(ctx["error"])) if kind == "date_parsing" else
                   Said("input should be a valid date or datetime, {error}",
                        error=str(ctx["error"])))
    elif kind in _PYDANTIC:
        message = Said(_PYDANTIC[kind])
    # Where pydantic words it otherwise (another version), its English is shown as it is.
    return message if message == english else english


def _parse_mixture(args: object) -> Quantity:
    shape = "{mixture: [{weight: w, value: Q}, …]}"
    if not isinstance(args, list) or len(args) < 2:
        raise QuantityError(Said("a mixture needs a list of at least two components"),
                            expected=shape, found=_describe(args))
    weights: list[float] = []
    components: list[Distribution] = []
    texts: list[str] = []
    for item in args:
        if not isinstance(item, Mapping) or set(item) != {"weight", "value"}:
            raise QuantityError(Said("each mixture component needs 'weight' and 'value'"),
                                expected="{weight: w, value: Q}", found=_describe(item))
        weight = parse_number(item["weight"])
        if weight <= 0:
            raise QuantityError(Said("mixture weights must be positive"), expected="weight > 0",
                                found=f"{weight:g}")
        inner = _parse(item["value"])
        weights.append(weight)
        components.append(inner.dist)
        texts.append(f"{format_number(weight)}: {inner.text}")
    total = sum(weights)
    if abs(total - 1) > 1e-3:
        raise QuantityError(Said("mixture weights must sum to 1"),
                            expected=Said("weights summing to 1"),
                            found=Said("a sum of {total}", total=Number(total, "g")))
    normalised = tuple(w / total for w in weights)
    return Quantity(Mixture(normalised, tuple(components)), "mixture(" + "; ".join(texts) + ")")


def _numbers(args: object, count: int, shape: str) -> list[float]:
    if not isinstance(args, list) or len(args) != count:
        split = isinstance(args, list) and len(args) % count == 0 and len(args) > count and all(
            isinstance(a, int | float) and not isinstance(a, bool) for a in args)
        raise QuantityError(
            Said("expected a list of {count} numbers", count=count), expected=shape,
            found=_describe(args),
            hint=Said("in [...], a comma separates the items: 400,000 or 0,3 count as two; "
                      "write 400000, 400k or 0.3") if split else None)
    return [parse_number(a) for a in args]


# Marked apart: Babel does not extract a message marked inside another marked call.
_AND = N_(" and ")


def _named(args: object, names: tuple[str, str], shape: str) -> tuple[float, float]:
    if not isinstance(args, Mapping) or set(args) != set(names):
        raise QuantityError(Said("expected the keys {keys}", keys=Joined(names, _AND)),
                            expected=shape, found=_describe(args))
    return parse_number(args[names[0]]), parse_number(args[names[1]])


def check_constraint(quantity: Quantity, constraint: Constraint, original: object) -> None:
    low, _high = quantity.dist.support()
    if constraint == "nonneg" and low < 0:
        raise QuantityError(
            Said("a negative value where only zero or more makes sense") if quantity.is_fixed
            else Said("a distribution that reaches negative values where only zero or more "
                      "makes sense"),
            expected=Said("a value >= 0"), found=_describe(original))
    if constraint == "positive" and low <= 0 and not isinstance(quantity.dist, LogNormal):
        raise QuantityError(
            Said("a value of zero or less where only a positive value makes sense")
            if quantity.is_fixed else
            Said("a distribution that reaches zero or less where only a positive value makes "
                 "sense"),
            expected=Said("a value > 0"), found=_describe(original))
    if constraint == "rate" and low <= -1:
        raise QuantityError(Said("a rate of -100 % or less"),
                            expected=Said("a rate above -100 %"), found=_describe(original))
    if constraint == "share":
        share_low, share_high = practical_range(quantity.dist)
        if share_low < 0 or share_high > 1:
            raise QuantityError(
                _SHARE_OUTSIDE[quantity.is_fixed, share_low < 0],
                expected=Said("a share from 0 to 100 %, such as 14% or 0.14"),
                found=_describe(original),
                hint=None if quantity.is_fixed or share_low < 0 else
                Said("a range \"a to b\" is a lognormal, with a long upper tail: use "
                     "{pert: [min, mode, max]} or {uniform: [min, max]} within 0 to 100 %"))
    _check_draws(quantity.dist, constraint, original)


# A share outside 0 to 100 %, by (a fixed value?, below 0 %?).
_SHARE_OUTSIDE = {
    (True, True): Said("a value below 0 % where a share (from 0 to 100 %) is expected"),
    (True, False): Said("a value above 100 % where a share (from 0 to 100 %) is expected"),
    (False, True): Said("a distribution that reaches values below 0 % where a share (from 0 "
                        "to 100 %) is expected"),
    (False, False): Said("a distribution that reaches values above 100 % where a share (from "
                         "0 to 100 %) is expected"),
}


def _check_draws(dist: Distribution, constraint: Constraint, original: object) -> None:
    """Refuse what the model cannot compute on: draws that overflow, and normals or
    lognormals whose rare draws break a constraint their usual ones respect."""
    overflow = False
    match dist:
        case Mixture():
            for component in dist.components:
                _check_draws(component, constraint, original)
            return
        case LogNormal():
            overflow = dist.mu + Z_DRAWS * dist.sigma > _LOG_MAX
            if constraint == "positive" and dist.mu - Z_DRAWS * dist.sigma < _LOG_MIN:
                raise QuantityError(
                    Said("a distribution so wide that its draws round to zero where only a "
                         "positive value makes sense"), expected=Said("a narrower range"),
                    found=_describe(original))
        case Normal():
            reach = Z_DRAWS * dist.sd
            overflow = not (math.isfinite(dist.mean_ + reach)
                            and math.isfinite(dist.mean_ - reach))
            bound = {"positive": 0.0, "rate": -1.0}.get(constraint)
            if not overflow and bound is not None and dist.mean_ - reach <= bound:
                positive = constraint == "positive"
                raise QuantityError(
                    Said("a normal that can draw zero or less where only a positive value "
                         "makes sense") if positive else
                    Said("a normal that can draw -100 % or less, where a rate must stay above "
                         "-100 %"),
                    expected=Said("a mean more than {z} standard deviations above zero",
                                  z=Number(Z_DRAWS, "g")) if positive else
                    Said("a mean more than {z} standard deviations above -100 %",
                         z=Number(Z_DRAWS, "g")),
                    found=_describe(original),
                    hint=Said("a normal's rare draws are far from its mean: use a pert or a "
                              "uniform, whose bounds are hard, or a range \"a to b\" (a "
                              "lognormal, always above zero)"))
        case Triangular():
            # numpy's triangular sampler multiplies the width by itself.
            width = dist.high - dist.low
            overflow = not math.isfinite(width * width)
        case Pert() | Uniform():
            overflow = not math.isfinite(dist.high - dist.low)
        case Fixed():
            pass
        case _:
            assert_never(dist)
    if overflow:
        raise QuantityError(
            Said("a distribution whose draws can exceed the largest number a computer holds "
                 "(about 1.8e308)"), expected=Said("a narrower range"), found=_describe(original))


def _describe(value: object) -> str:
    """What was found: soicost's words for a mapping, a list or nothing (a :class:`Said`),
    the value as written for the rest."""
    if isinstance(value, Mapping):
        return Said("a mapping") if not value else Said(
            "a mapping with keys {keys}", keys=", ".join(printable(str(k)) for k in value))
    if isinstance(value, list):
        if not value:
            return Said("an empty list")
        return said_n("a list of {n} item", "a list of {n} items", len(value))
    if value is None:
        return Said("nothing (null)")
    if isinstance(value, bool):
        return repr(value).lower()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def format_number(value: float) -> str:
    """A short rendering that parses back to exactly ``value`` (500k, 1.2M, 0.025)."""
    best = _shortest(value)
    for suffix, scale in (("k", 1e3), ("M", 1e6)):
        if abs(value) >= scale:
            short = _shortest(value / scale)
            decimals = short.partition(".")[2]
            if ("e" not in short and len(decimals) <= 3 and float(short) * scale == value
                    and len(short) + 1 <= len(best)):
                best = short + suffix
    # 1.234 would read as ambiguous (one thousand two hundred and thirty-four?): a fourth
    # decimal tells a decimal from a group of thousands.
    number, suffix = (best[:-1], best[-1]) if best[-1:] in ("k", "M") else (best, "")
    return number + "0" + suffix if DOTTED_THOUSANDS.fullmatch(number) else best


def _shortest(value: float) -> str:
    """The shortest %g rendering that reads back as the same float."""
    for precision in range(6, 18):
        text = f"{value:.{precision}g}"
        if float(text) == value:
            return text
    return repr(value)


# ------------------------------------------------------------------------------------------
# A quantity's text in French

_FRENCH_FORMS = {"lognormal": "lognormale", "normal": "normale", "triangular": "triangulaire",
                 "uniform": "uniforme", "pert": "pert", "mixture": "mélange"}
_FRENCH_WORDS = {"median": "médiane", "sd": "écart type", "sigma": "sigma"}
_FORM_TEXT = re.compile(r"(?P<form>[a-z]+)\((?P<inner>.*)\)", re.DOTALL)
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_PERCENT = re.compile(r"(?<=\d) ?%")
_FRENCH_SEPARATOR = "\u202f; "  # a narrow no-break space before ';', as French has it


@dataclass(frozen=True)
class Written:
    """A quantity's text put in a message: each language writes it its way
    (:func:`text_in`)."""

    value: str

    def text(self, lang: Literal["fr", "en"]) -> str:
        return text_in(self.value, lang)


def text_in(text: str, lang: Literal["fr", "en"]) -> str:
    """A quantity's text (:attr:`Quantity.text`) as an output in ``lang`` writes it: in
    French, a decimal comma, ``à`` between a range's bounds, the distribution's French name
    and ``;`` between its parameters (a comma is a decimal mark there): ``0,3 à 0,7``,
    ``lognormale(médiane 1 ; sigma 0,9)``. A number or a range so written reads back as the
    same quantity."""
    if lang == "en":
        return text
    form = _FORM_TEXT.fullmatch(text)
    if form is not None and form["form"] in _FRENCH_FORMS:
        name, inner = form["form"], form["inner"]
        if name == "mixture":
            parts = []
            for part in _top_level(inner, ";"):
                weight, _, component = part.strip().partition(": ")
                parts.append(f"{_french_figures(weight)}\u00a0: {text_in(component, lang)}")
        else:
            parts = [_french_args(arg.strip()) for arg in _top_level(inner, ",")]
        return f"{_FRENCH_FORMS[name]}({_FRENCH_SEPARATOR.join(parts)})"
    return " à ".join(_french_figures(bound) for bound in text.split(" to "))


def _french_args(arg: str) -> str:
    word, _, rest = arg.partition(" ")
    if word in _FRENCH_WORDS and rest:
        return f"{_FRENCH_WORDS[word]} {_french_figures(rest)}"
    return _french_figures(arg)


def _french_figures(text: str) -> str:
    return _PERCENT.sub("\u202f%", _DECIMAL_POINT.sub(",", text))


def _top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
