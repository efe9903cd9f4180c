"""Pydantic field types for quantities, so the models speak the quantity grammar."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from soicost.inputs.quantity import Constraint, Quantity, QuantityError, Unit, parse_quantity
from soicost.inputs.scalars import refusal

_NUMBER_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "description": "500k, 1.2M, 2.5%, 1/3, or a range \"a to b\""},
        {
            "type": "object",
            "description": "a distribution: pert, triangular, uniform, normal, lognormal, "
                           "mixture, or {value, provenance, confirmed}",
            "minProperties": 1,
            "maxProperties": 3,
            "properties": {
                "pert": {"type": "array", "minItems": 3, "maxItems": 3},
                "triangular": {"type": "array", "minItems": 3, "maxItems": 3},
                "uniform": {"type": "array", "minItems": 2, "maxItems": 2},
                "normal": {"type": "object", "required": ["mean", "sd"]},
                "lognormal": {"type": "object", "required": ["median", "sigma"]},
                "mixture": {"type": "array", "minItems": 2},
                "value": {},
                "provenance": {"type": "object"},
                "confirmed": {"type": "string", "minLength": 1,
                              "description": "why a figure that looks implausible is right"},
            },
            "additionalProperties": False,
        },
    ]
}


@dataclass(frozen=True)
class QuantityField:
    """What a quantity field holds, kept in its type so that checks that walk the models
    (plausibility, audits) know an amount of money from a factor."""

    constraint: Constraint
    unit: Unit = "number"

    @property
    def money(self) -> bool:
        return self.unit == "money"


def _validator(constraint: Constraint, unit: Unit) -> Any:
    def validate(value: object) -> Quantity:
        try:
            return parse_quantity(value, constraint, unit=unit)
        except QuantityError as exc:
            # The texts stay Said objects, worded in the reader's language by the loader.
            raise refusal("quantity", exc.message, expected=exc.expected, found=exc.found,
                          hint=exc.hint, at=exc.at, key=exc.key) from None
    return validate


def _serialise(quantity: Quantity) -> str:
    return quantity.text


def _quantity_type(constraint: Constraint, unit: Unit, description: str) -> Any:
    return Annotated[
        Quantity,
        QuantityField(constraint, unit),
        PlainValidator(_validator(constraint, unit)),
        # In JSON a quantity is its text; in Python it stays a Quantity (for fingerprints).
        PlainSerializer(_serialise, return_type=str, when_used="json"),
        WithJsonSchema({**_NUMBER_SCHEMA, "description": description}),
    ]


AnyQuantity = _quantity_type("any", "number", "any finite quantity")
Money = _quantity_type("nonneg", "money", "an amount of money, >= 0 (not a percentage)")
Factor = _quantity_type("nonneg", "factor", "a factor or a multiple, >= 0")
Months = _quantity_type("nonneg", "duration", "a number of months, >= 0 (not a percentage)")
Duration = _quantity_type("positive", "duration", "a duration > 0 (not a percentage)")
Count = _quantity_type("positive", "count", "a count > 0 (not a percentage)")
Multiplier = _quantity_type("positive", "factor", "a multiplier > 0")
PositiveQuantity = _quantity_type("positive", "size", "a size driver > 0")
Rate = _quantity_type("rate", "rate", "a rate or uplift above -100 %")
Share = _quantity_type("share", "share", "a share from 0 to 100 %")


def unwrap(annotation: Any, metadata: tuple[Any, ...] = ()) -> tuple[Any, tuple[Any, ...]]:
    """A field's annotation without Optional and Annotated, with the metadata of every
    Annotated collected (where :class:`QuantityField` says what a quantity holds). A union
    of several types is returned as it is."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            annotation, metadata = base, (*metadata, *extra)
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation, metadata
            annotation = options[0]
        else:
            return annotation, metadata
