"""Plausibility: figures that are legal but far outside what they can be.

A quote of 500 € where 500 k€ was meant passes every rule of the grammar and divides every
extrapolated figure by 1,000; a discount rate of 3 where 3 % was meant is 300 %. Nothing
can prove them wrong, so they are warnings, not errors: the figures are computed and the
reader is told which line to look at. A figure that really is that small or that large
says so, and why, with ``confirmed``::

    amount: {value: 600, confirmed: "a licence transfer fee, checked with the vendor"}

Every bound below is assumed (none comes from a published table): each is chosen so that
a forgotten unit (``k``, ``M``, ``%``) or three zeros too many falls outside it, while every
figure of the CASVP source documents, and of the defaults, falls inside.
"""

from __future__ import annotations

import math
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from soicost.errors import Location, Problem
from soicost.i18n import N_, Joined, Lang, Said, said
from soicost.inputs.fields import QuantityField, unwrap
from soicost.inputs.quantity import (
    Z95,
    LogNormal,
    Quantity,
    Written,
    central_value,
    format_number,
    text_in,
)
from soicost.inputs.yamlio import Document, PathKey, format_path

if TYPE_CHECKING:
    from soicost.inputs.inputs import Inputs


@dataclass(frozen=True)
class Bounds:
    """Where a figure is plausible, what it is, and how its values are written."""

    low: float
    high: float
    what: str  # marked with N_
    style: Literal["money", "rate", "number"]
    advice: str = ""  # marked with N_, ending with "; "
    zero_ok: bool = True  # zero means "none" (no training cost, no double running)


# An IT cost runs from thousands of euros (a licence, a small service) to hundreds of
# millions (a ministry's data centres).
AMOUNT = Bounds(1_000.0, 1e9, N_("an IT cost"), "money")
# A loaded annual cost of one agent: a monthly salary (2-5 k€) or a team's cost falls
# outside; the default is 50-75 k€.
PER_FTE = Bounds(10_000.0, 500_000.0, N_("a loaded annual cost of one agent"), "money",
                 N_("it is the cost of a year, with employer contributions, not a monthly "
                    "salary; "))
AMOUNT_RANGE = (AMOUNT.low, AMOUNT.high)
# The amount bounds are in euros; they hold as they are for currencies of about the same
# magnitude, and are not applied to others (XPF, JPY…), whose units are a hundred times
# smaller.
SCALES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD")
PER_FTE_RANGE = (PER_FTE.low, PER_FTE.high)
_MONTHS = Bounds(1.0, 36, N_("a number of months to fill a post"), "number")

# (model, field) -> bounds; amounts of money not listed here take AMOUNT.
BOUNDS: dict[tuple[str, str], Bounds] = {
    # A quote to migrate one application below 5,000 is most likely written in thousands
    # (a "k€" column): it is also the anchor of every extrapolation.
    ("Quote", "amount"): Bounds(5_000.0, AMOUNT.high, N_("a migration quote"), "money",
                                zero_ok=False),
    ("Staff", "cost_per_fte"): PER_FTE,
    ("Staff", "recruitment_cost"): Bounds(100.0, 100_000.0,
                                          N_("the cost of one recruitment"), "money"),
    # The real rate of France Stratégie is 3.2 %; above 15 % a rate written without its
    # percent sign (3 for 3 %) is the likely cause.
    ("Assumptions", "discount_rate"): Bounds(-0.02, 0.15, N_("a real discount rate"), "rate"),
    ("Index", "rate"): Bounds(-0.10, 0.25, N_("an annual price index"), "rate"),
    ("Staff", "transfer_uplift"): Bounds(-0.5, 0.5, N_("a change of pay on transfer"),
                                         "rate"),
    # The Green Book's upper bound for equipment projects is 200 %.
    ("Assumptions", "optimism_bias"): Bounds(-0.5, 2.0, N_("an optimism bias"), "rate"),
    # Shares: 1 for 1 % is 100 % (every post vacant, every agent leaving in a year). The
    # CASVP's own figures are 11.55 % and 14 %.
    ("Staff", "vacancy_rate"): Bounds(0.0, 0.5, N_("a vacancy rate"), "rate"),
    ("Staff", "turnover"): Bounds(0.0, 0.5, N_("a yearly turnover"), "rate"),
    ("Attrition", "vacancy_rate"): Bounds(0.0, 0.6, N_("a vacancy rate"), "rate"),
    ("Attrition", "turnover"): Bounds(0.0, 0.6, N_("a yearly turnover"), "rate"),
    ("Transition", "productivity_loss"): Bounds(0.0, 0.5, N_("a productivity loss in the "
                                                             "year of a move"), "rate"),
    ("Staff", "vacancy_cover"): Bounds(0.5, 5.0, N_("the cost of covering a vacant post, as "
                                                    "a multiple of its loaded cost"),
                                       "number"),
    ("Uncertainty", "application"): Bounds(0.2, 5.0, N_("the median of the "
                                                         "application-level multiplier (1: "
                                                         "none)"), "number"),
    # The defaults run from 0 (retain) to 2 (refactor): 10 is 10 % written without its sign.
    ("Factors", "kind"): Bounds(0.0, 5.0, N_("a cost factor"), "number"),
    ("Factors", "strategy"): Bounds(0.0, 5.0, N_("a cost factor"), "number"),
    ("Factors", "criticality"): Bounds(0.0, 5.0, N_("a cost factor"), "number"),
    ("DriverAssumption", "elasticity"): Bounds(0.0, 1.5, N_("an elasticity"), "number"),
    # M57 lives run to 50 years for buildings; 60 is most likely months.
    ("Asset", "life_years"): Bounds(1.0, 50.0, N_("an amortisation life in years"),
                                    "number"),
    ("Staff", "months_to_fill"): _MONTHS,
    ("Attrition", "months_to_fill"): _MONTHS,
    ("Transition", "double_running_months"): Bounds(0.0, 36.0,
                                                    N_("months of double running"), "number"),
    ("Team", "fte"): Bounds(0.1, 5_000.0, N_("a team's full-time equivalents"), "number"),
}


def implausible_figures(inputs: Inputs) -> list[Problem]:
    """A warning for every figure written in the files whose central value lies outside
    the plausible range of its field, unless it is ``confirmed``."""
    currency = inputs.assumptions.currency
    problems: list[Problem] = []
    for name, model in (("applications.yaml", inputs.applications),
                        ("infrastructure.yaml", inputs.infrastructure),
                        ("assumptions.yaml", inputs.assumptions)):
        doc = inputs.documents[name]
        for figure in figures(model):
            if figure.path not in doc.marks or figure.quantity.confirmed is not None:
                continue  # a default, or a figure its author vouched for
            bounds = BOUNDS.get(figure.owner) or (AMOUNT if figure.money else None)
            if bounds is not None and bounds.style == "money" and currency not in SCALES:
                bounds = None  # bounds in euros mean nothing in yen or CFP francs
            # A range whose bounds are a thousand times apart first: its central value is
            # then out of range too ("1,5 à 2 M€" is about 1 700 €), and the suffix written
            # on one bound only is the cause to name.
            problem = _check_range(doc, figure)
            if problem is None and bounds is not None:
                problem = _check(doc, figure, bounds, currency)
            if problem is not None:
                problems.append(problem)
    return problems


# "1.5 to 2.5M" is most likely a suffix written on one bound only: its 5th and 95th
# percentiles are then 1.7 million times apart. No figure of an impact study is known
# within a factor of 1,000 either way.
MAX_RANGE_RATIO = 1_000.0


def _check_range(doc: Document, figure: Figure) -> Problem | None:
    dist = figure.quantity.dist
    if not isinstance(dist, LogNormal) or " to " not in figure.quantity.text:
        return None
    ratio = math.exp(min(2 * Z95 * dist.sigma, 700.0))
    if ratio <= MAX_RANGE_RATIO * (1 + 1e-9):  # 1k to 1M is at the limit, not beyond
        return None
    low, _, high = figure.quantity.text.partition(" to ")
    return Problem(
        _locate(doc, figure),
        Said("a range whose bounds are {ratio} times apart ({low} and {high})",
             ratio=Plain(round(ratio)), low=Written(low), high=Written(high)),
        format_path(figure.path), severity="warning",
        hint=Said("a suffix (k, M) written on one bound only? write it on both ({example}); "
                  "if it is right, say why: {confirm}", example=Written("1.5M to 2.5M"),
                  confirm=ConfirmExample(figure.quantity.text)))


@dataclass(frozen=True)
class ConfirmExample:
    """How to confirm a quantity (its ``text``, :attr:`Quantity.text`), in a form that
    reads back: its text where it is one number or a range, quoted where YAML would split
    it; otherwise a placeholder. In French, the number as French users write it (``0,3 à
    0,7``, which the grammar reads back), quoted for its comma."""

    quantity_text: str

    def text(self, lang: Lang) -> str:
        text = self.quantity_text
        if "(" in text:  # pert(…), mixture(…): not how they are written
            return said(_PLACEHOLDER, lang)
        text = text_in(text, lang)
        if re.search(r"[,:#{}\[\]]|^[&*!|>'\"%@`]|^- ", text):
            text = '"' + text.replace('"', '\\"') + '"'
        return f'{{value: {text}, confirmed: "…"}}'


_PLACEHOLDER = Said('{value: <the figure as written>, confirmed: "…"}')


# Each noun (amount or value), side (below or above) and its adjective (small or large).
_OUTSIDE = {
    ("money", "below"): N_("an amount of {shown}, below {bound}: unusually small for {what}"),
    ("money", "above"): N_("an amount of {shown}, above {bound}: unusually large for {what}"),
    ("value", "below"): N_("a value of {shown}, below {bound}: unusually small for {what}"),
    ("value", "above"): N_("a value of {shown}, above {bound}: unusually large for {what}"),
}


def _check(doc: Document, figure: Figure, bounds: Bounds, currency: str) -> Problem | None:
    quantity = figure.quantity
    value = central_value(quantity.dist)
    if (value == 0 and bounds.zero_ok) or bounds.low <= value <= bounds.high:
        return None
    below = value < bounds.low
    message = Said(_OUTSIDE["money" if bounds.style == "money" else "value",
                            "below" if below else "above"],
                   shown=Shown(value, bounds.style, currency),
                   bound=Shown(bounds.low if below else bounds.high, bounds.style, currency),
                   what=Said(bounds.what))
    advice: list[Said] = [Said(bounds.advice)] if bounds.advice else []
    if bounds.style == "money" and 1 <= value < min(bounds.low, 1000) \
            and value == int(value) and quantity.is_fixed:
        advice.append(Said("if thousands were meant, write {value}; ",
                           value=Written(f"{format_number(value)}k")))
    elif bounds.style == "money" and value > bounds.high:
        advice.append(Said("check the unit ({million} is {million_in_full}; {thousand} is "
                           "{thousand_in_full}); ", million=Written("1.2M"),
                           million_in_full=Plain(1_200_000), thousand=Written("1.2k"),
                           thousand_in_full=Plain(1_200)))
    elif bounds.style == "rate" and value >= 1 and quantity.is_fixed:
        written = format_number(value)
        advice.append(Said("a rate without % is a fraction ({value} is {shown}): if {percent} "
                           "was meant, write {rate}; ", value=Written(written),
                           shown=Shown(value, "rate", currency),
                           percent=Written(f"{written} %"), rate=Written(f"{written}%")))
    return Problem(
        _locate(doc, figure), message, format_path(figure.path), severity="warning",
        hint=Said("{advice}if it is right, say why: {confirm}", advice=Joined(tuple(advice), ""),
                  confirm=ConfirmExample(quantity.text)))


def _locate(doc: Document, figure: Figure) -> Location:
    """Where the figure is written: in {value: Q, provenance: …} as a block, on the 'value'
    line rather than the mapping's first."""
    inner = (*figure.path, "value")
    return doc.locate(inner if inner in doc.marks else figure.path)


@dataclass(frozen=True)
class Shown:
    """A value in full (never 2.7k: the reader compares it with a bound), as a rate, an
    amount in ``currency`` or a number."""

    value: float
    style: str
    currency: str

    def text(self, lang: Lang) -> str:
        if self.style == "rate":
            return f"{Plain(self.value * 100).text(lang)}{NNBSP if lang == 'fr' else ' '}%"
        if self.style == "money":
            return f"{Plain(self.value).text(lang)} {self.currency}"
        return Plain(self.value).text(lang)


@dataclass(frozen=True)
class Plain:
    """A figure in full, its thousands grouped (1,200,000 in English, 1 200 000 in French,
    with narrow no-break spaces), or to the unit when ``whole``."""

    value: float
    whole: bool = False

    def text(self, lang: Lang) -> str:
        written = f"{self.value:,.0f}" if self.whole else _plain(self.value)
        return written.translate(_FRENCH_MARKS) if lang == "fr" else written


NNBSP = "\u202f"  # the French thousands separator, and the space before %
_FRENCH_MARKS = str.maketrans({",": NNBSP, ".": ","})


def _plain(value: float) -> str:
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    if value == int(value):
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.6g}"


@dataclass(frozen=True)
class Figure:
    """A quantity found in the models: where it is in its file, and which field holds it."""

    path: PathKey
    quantity: Quantity
    owner: tuple[str, str]  # (model, field)
    money: bool


def figures(model: BaseModel, path: PathKey = ()) -> Iterator[Figure]:
    """Every quantity in ``model``, with its path in the file (aliases as keys)."""
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        owner = (type(model).__name__, name)
        yield from _walk(getattr(model, name), field.annotation, tuple(field.metadata),
                         (*path, key), owner)


def money_fields(model: BaseModel) -> Iterator[tuple[PathKey, Quantity]]:
    """Every amount of money in ``model``, with its path in the file."""
    return ((f.path, f.quantity) for f in figures(model) if f.money)


def _walk(value: Any, annotation: Any, metadata: tuple[Any, ...], path: PathKey,
          owner: tuple[str, str]) -> Iterator[Figure]:
    annotation, metadata = unwrap(annotation, metadata)
    if isinstance(value, Quantity):
        money = any(isinstance(m, QuantityField) and m.money for m in metadata)
        yield Figure(path, value, owner, money)
    elif isinstance(value, BaseModel):
        yield from figures(value, path)
    elif isinstance(value, list):
        args = typing.get_args(annotation)
        for i, item in enumerate(value):
            yield from _walk(item, args[0] if args else Any, (), (*path, i), owner)
    elif isinstance(value, dict):
        args = typing.get_args(annotation)
        for key, item in value.items():
            yield from _walk(item, args[1] if len(args) == 2 else Any, (), (*path, str(key)),
                             owner)
