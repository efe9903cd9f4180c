"""Plausibility: amounts and rates that are legal but far outside what they can be.

A quote of 500 € where 500 k€ was meant passes every rule of the grammar and divides every
extrapolated figure by 1,000. Nothing can prove it wrong, so it is a warning, not an error:
the figures are computed and the reader is told which line to look at. A figure that really
is that small or that large says so, and why, with ``confirmed``::

    amount: {value: 600, confirmed: "a licence transfer fee, checked with the vendor"}
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from soicost.errors import Location, Problem
from soicost.fields import QuantityField
from soicost.quantity import Distribution, LogNormal, Quantity, format_number
from soicost.yamlio import Document, PathKey, format_path

if TYPE_CHECKING:
    from soicost.loader import Inputs

# Assumed bounds, chosen so that a forgotten "k" or "M" (or three zeros too many) falls
# outside them while every cost of the source documents falls inside: a quote, an asset, a
# running cost or a transition cost of an IT department runs from thousands of euros (a
# licence, a small service) to hundreds of millions (a ministry's data centres). Below 1,000
# or above 1 billion, an amount is most likely written in the wrong unit.
AMOUNT_RANGE = (1_000.0, 1e9)
# A loaded annual cost of one agent: a monthly salary (about 2-5 k€) or a team's cost would
# fall outside it. Assumed from the staff-cost rationale of the defaults (50-75 k€).
PER_FTE_RANGE = (10_000.0, 500_000.0)
_RANGES = {"cost_per_fte": (PER_FTE_RANGE, "a loaded annual cost of one agent",
                            "it is the cost of a year, with employer contributions, not a "
                            "monthly salary; ")}
_DEFAULT = (AMOUNT_RANGE, "an IT cost", "")
# A quote of zero is not a quote; other amounts of zero mean "none" (no training cost…).
_ZERO_SUSPECT = ("amount",)
# A rate is a fraction: "discount_rate: 3.2" is 320 % where 3.2 % was meant, and every NPV or
# price level would carry it silently. Assumed bounds: a discount or price-index rate, or
# the uplift of transferred posts, that doubles values or more, or halves them or more, is
# no rate of French public finance.
RATE_RANGE = (-0.5, 1.0)


def implausible_amounts(inputs: Inputs) -> list[Problem]:
    """A warning for every amount written in the files whose central value lies outside the
    plausible range of its field, unless it is ``confirmed``."""
    currency = inputs.assumptions.currency
    problems: list[Problem] = []
    for name, model in (("applications.yaml", inputs.applications),
                        ("infrastructure.yaml", inputs.infrastructure),
                        ("assumptions.yaml", inputs.assumptions)):
        doc = inputs.documents[name]
        for path, quantity in money_fields(model):
            if path not in doc.marks or quantity.confirmed is not None:
                continue  # a default, or a figure its author vouched for
            problem = _check(doc, path, quantity, currency)
            if problem is not None:
                problems.append(problem)
    return problems


def implausible_rates(inputs: Inputs) -> list[Problem]:
    """A warning for every rate written in assumptions.yaml whose central value doubles or
    halves values (or more), unless it is ``confirmed``."""
    a = inputs.assumptions
    doc = inputs.documents["assumptions.yaml"]
    rates: list[tuple[PathKey, Quantity, str, str]] = [
        (("discount_rate",), a.discount_rate, "a discount rate", " a year"),
        (("staff", "transfer_uplift"), a.staff.transfer_uplift,
         "the change of the cost of transferred posts", "")]
    rates += [(("indexation", name, "rate"), index.rate, f"the rate of price index {name!r}",
               " a year") for name, index in a.indexation.items()]
    problems = []
    low, high = RATE_RANGE
    for path, quantity, what, per in rates:
        value = central(quantity.dist)
        if path not in doc.marks or quantity.confirmed is not None or low < value < high:
            continue
        shown = f"{value * 100:,.4g} %"
        if value >= high:
            message = f"a rate of {shown}{per}, 100 % or more: unusually large for {what}"
        else:
            message = f"a rate of {shown}{per}, -50 % or less: unusually low for {what}"
        advice = ""
        if "%" not in quantity.text and quantity.is_fixed:
            advice = (f"a rate without % is a fraction ({quantity.text} is {shown}): if "
                      f"{quantity.text} % was meant, write {quantity.text}%; ")
        problems.append(Problem(
            _locate(doc, path), message, format_path(path), severity="warning",
            hint=f"{advice}if it is right, say why: {{value: {quantity.text}, confirmed: "
                 "\"…\"}"))
    return problems


def _locate(doc: Document, path: PathKey) -> Location:
    """Where a figure is written: its value's line in {value: …, provenance: …}."""
    inner = (*path, "value")
    return doc.locate(inner if inner in doc.marks else path)


def _check(doc: Document, path: PathKey, quantity: Quantity,
           currency: str) -> Problem | None:
    value = central(quantity.dist)
    (low, high), what, advice = _RANGES.get(str(path[-1]), _DEFAULT)
    if value == 0 and str(path[-1]) not in _ZERO_SUSPECT:
        return None
    if low <= value <= high:
        return None
    # 1e308 written out is 309 digits: beyond a million billion, scientific notation.
    shown = f"{value:,.0f} {currency}" if value < 1e15 else f"{value:.3g} {currency}"
    if value < low:
        message = f"an amount of {shown}, below {low:,.0f} {currency}: unusually small for {what}"
        if 0 < value < 1000 and quantity.is_fixed:
            advice += f"if thousands were meant, write {format_number(value)}k; "
    else:
        message = f"an amount of {shown}, above {high:,.0f} {currency}: unusually large for {what}"
        advice += "check the unit (1.2M is 1,200,000; 1.2k is 1,200); "
    return Problem(
        _locate(doc, path), message, format_path(path), severity="warning",
        hint=f"{advice}if it is right, say why: {{value: {quantity.text}, confirmed: \"…\"}}")


def central(dist: Distribution) -> float:
    """The median of a lognormal, the mean otherwise: a central value computed without
    numpy, good enough to tell 500 € from 500 k€."""
    if isinstance(dist, LogNormal):
        return math.exp(min(dist.mu, 709.0))
    return dist.mean()


def money_fields(model: BaseModel, path: PathKey = ()) -> Iterator[tuple[PathKey, Quantity]]:
    """Every amount of money in ``model``, with its path in the file (aliases as keys)."""
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        value = getattr(model, name)
        yield from _walk(value, field.annotation, field.metadata, (*path, key))


def _walk(value: Any, annotation: Any, metadata: list[Any],
          path: PathKey) -> Iterator[tuple[PathKey, Quantity]]:
    annotation, metadata = _unwrap(annotation, metadata)
    if isinstance(value, Quantity):
        if any(isinstance(m, QuantityField) and m.money for m in metadata):
            yield path, value
    elif isinstance(value, BaseModel):
        yield from money_fields(value, path)
    elif isinstance(value, list):
        args = typing.get_args(annotation)
        for i, item in enumerate(value):
            yield from _walk(item, args[0] if args else Any, [], (*path, i))
    elif isinstance(value, dict):
        args = typing.get_args(annotation)
        for key, item in value.items():
            yield from _walk(item, args[1] if len(args) == 2 else Any, [], (*path, str(key)))


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip Optional and Annotated, collecting the metadata of Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            annotation, metadata = base, [*metadata, *extra]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation, metadata
            annotation = options[0]
        else:
            return annotation, metadata
