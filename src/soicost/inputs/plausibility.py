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
from soicost.inputs.fields import QuantityField, unwrap
from soicost.inputs.quantity import Z95, LogNormal, Quantity, central_value, format_number
from soicost.inputs.yamlio import Document, PathKey, format_path

if TYPE_CHECKING:
    from soicost.inputs.inputs import Inputs


@dataclass(frozen=True)
class Bounds:
    """Where a figure is plausible, what it is, and how its values are written."""

    low: float
    high: float
    what: str
    style: Literal["money", "rate", "number"]
    advice: str = ""
    zero_ok: bool = True  # zero means "none" (no training cost, no double running)


# An IT cost runs from thousands of euros (a licence, a small service) to hundreds of
# millions (a ministry's data centres).
AMOUNT = Bounds(1_000.0, 1e9, "an IT cost", "money")
# A loaded annual cost of one agent: a monthly salary (2-5 k€) or a team's cost falls
# outside; the default is 50-75 k€.
PER_FTE = Bounds(10_000.0, 500_000.0, "a loaded annual cost of one agent", "money",
                 "it is the cost of a year, with employer contributions, not a monthly "
                 "salary; ")
AMOUNT_RANGE = (AMOUNT.low, AMOUNT.high)
# The amount bounds are in euros; they hold as they are for currencies of about the same
# magnitude, and are not applied to others (XPF, JPY…), whose units are a hundred times
# smaller.
SCALES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD")
PER_FTE_RANGE = (PER_FTE.low, PER_FTE.high)
_MONTHS = Bounds(1.0, 36, "a number of months to fill a post", "number")

# (model, field) -> bounds; amounts of money not listed here take AMOUNT.
BOUNDS: dict[tuple[str, str], Bounds] = {
    # A quote to migrate one application below 5,000 is most likely written in thousands
    # (a "k€" column): it is also the anchor of every extrapolation.
    ("Quote", "amount"): Bounds(5_000.0, AMOUNT.high, "a migration quote", "money",
                                zero_ok=False),
    ("Staff", "cost_per_fte"): PER_FTE,
    ("Staff", "recruitment_cost"): Bounds(100.0, 100_000.0, "the cost of one recruitment",
                                          "money"),
    # The real rate of France Stratégie is 3.2 %; above 15 % a rate written without its
    # percent sign (3 for 3 %) is the likely cause.
    ("Assumptions", "discount_rate"): Bounds(-0.02, 0.15, "a real discount rate", "rate"),
    ("Index", "rate"): Bounds(-0.10, 0.25, "an annual price index", "rate"),
    ("Staff", "transfer_uplift"): Bounds(-0.5, 0.5, "a change of pay on transfer", "rate"),
    # The Green Book's upper bound for equipment projects is 200 %.
    ("Assumptions", "optimism_bias"): Bounds(-0.5, 2.0, "an optimism bias", "rate"),
    # Shares: 1 for 1 % is 100 % (every post vacant, every agent leaving in a year). The
    # CASVP's own figures are 11.55 % and 14 %.
    ("Staff", "vacancy_rate"): Bounds(0.0, 0.5, "a vacancy rate", "rate"),
    ("Staff", "turnover"): Bounds(0.0, 0.5, "a yearly turnover", "rate"),
    ("Attrition", "vacancy_rate"): Bounds(0.0, 0.6, "a vacancy rate", "rate"),
    ("Attrition", "turnover"): Bounds(0.0, 0.6, "a yearly turnover", "rate"),
    ("Transition", "productivity_loss"): Bounds(0.0, 0.5, "a productivity loss in the year "
                                                "of a move", "rate"),
    ("Staff", "vacancy_cover"): Bounds(0.5, 5.0, "the cost of covering a vacant post, as a "
                                       "multiple of its loaded cost", "number"),
    ("Uncertainty", "application"): Bounds(0.2, 5.0, "the median of the application-level "
                                           "multiplier (1: none)", "number"),
    # The defaults run from 0 (retain) to 2 (refactor): 10 is 10 % written without its sign.
    ("Factors", "kind"): Bounds(0.0, 5.0, "a cost factor", "number"),
    ("Factors", "strategy"): Bounds(0.0, 5.0, "a cost factor", "number"),
    ("Factors", "criticality"): Bounds(0.0, 5.0, "a cost factor", "number"),
    ("DriverAssumption", "elasticity"): Bounds(0.0, 1.5, "an elasticity", "number"),
    # M57 lives run to 50 years for buildings; 60 is most likely months.
    ("Asset", "life_years"): Bounds(1.0, 50.0, "an amortisation life in years", "number"),
    ("Staff", "months_to_fill"): _MONTHS,
    ("Attrition", "months_to_fill"): _MONTHS,
    ("Transition", "double_running_months"): Bounds(0.0, 36.0, "months of double running",
                                                    "number"),
    ("Team", "fte"): Bounds(0.1, 5_000.0, "a team's full-time equivalents", "number"),
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
            problem = _check(doc, figure, bounds, currency) if bounds is not None else None
            problem = problem or _check_range(doc, figure)
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
        f"a range whose bounds are {_plain(round(ratio))} times apart ({low} and {high})",
        format_path(figure.path), severity="warning",
        hint="a suffix (k, M) written on one bound only? write it on both (1.5M to 2.5M); "
             f"if it is right, say why: {confirm_example(figure.quantity)}")


def confirm_example(quantity: Quantity) -> str:
    """How to confirm ``quantity``, in a form that reads back: its text where it is one
    number or a range, quoted where YAML would split it; otherwise a placeholder."""
    text = quantity.text
    if "(" in text:  # pert(…), mixture(…): not how they are written
        return '{value: <the figure as written>, confirmed: "…"}'
    if re.search(r"[,:#{}\[\]]|^[&*!|>'\"%@`]|^- ", text):
        text = '"' + text.replace('"', '\\"') + '"'
    return f'{{value: {text}, confirmed: "…"}}'


def _check(doc: Document, figure: Figure, bounds: Bounds, currency: str) -> Problem | None:
    quantity = figure.quantity
    value = central_value(quantity.dist)
    if (value == 0 and bounds.zero_ok) or bounds.low <= value <= bounds.high:
        return None
    shown, low, high = (_show(v, bounds.style, currency)
                        for v in (value, bounds.low, bounds.high))
    side = "small" if value < bounds.low else "large"
    noun = "an amount" if bounds.style == "money" else "a value"
    message = (f"{noun} of {shown}, {'below ' + low if value < bounds.low else 'above ' + high}"
               f": unusually {side} for {bounds.what}")
    advice = bounds.advice
    if bounds.style == "money" and 1 <= value < min(bounds.low, 1000) \
            and value == int(value) and quantity.is_fixed:
        advice += f"if thousands were meant, write {format_number(value)}k; "
    elif bounds.style == "money" and value > bounds.high:
        advice += "check the unit (1.2M is 1,200,000; 1.2k is 1,200); "
    elif bounds.style == "rate" and value >= 1 and quantity.is_fixed:
        advice += (f"a rate without % is a fraction ({format_number(value)} is "
                   f"{_show(value, 'rate', currency)}): if {format_number(value)} % was "
                   f"meant, write {format_number(value)}%; ")
    return Problem(
        _locate(doc, figure), message, format_path(figure.path), severity="warning",
        hint=f"{advice}if it is right, say why: {confirm_example(quantity)}")


def _locate(doc: Document, figure: Figure) -> Location:
    """Where the figure is written: in {value: Q, provenance: …} as a block, on the 'value'
    line rather than the mapping's first."""
    inner = (*figure.path, "value")
    return doc.locate(inner if inner in doc.marks else figure.path)


def _show(value: float, style: str, currency: str) -> str:
    """A value in full (never 2.7k: the reader compares it with a bound)."""
    if style == "rate":
        return f"{_plain(value * 100)} %"
    if style == "money":
        return f"{_plain(value)} {currency}"
    return _plain(value)


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
