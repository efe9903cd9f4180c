"""Constant or current euros: price levels by year, and the discount rate that goes with them.

Every input amount is in euros of ``price_base_year``, except quotes (euros of their date,
brought to the base year by the engine) and assets (historical costs, in euros of their
in-service year). A flow of category *c* in year *t* is

- in current euros: C × (1 + i_c)^(t − base), discounted at the nominal rate
  (1 + r)(1 + π) − 1;
- in constant euros: C × ((1 + i_c) / (1 + π))^(t − base), discounted at the real rate r;

where i_c is the rate of the index the category follows and π general inflation. Both give
the same net present value, discounted to the base year, whatever i_c: a real rate goes
with constant euros and a nominal rate with current euros.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
Euros = Literal["constant", "current"]
EUROS: tuple[Euros, ...] = ("constant", "current")


@dataclass(frozen=True)
class PriceLevels:
    """Price factors by category and year, for one run (index rates may be uncertain)."""

    euros: Euros
    base_year: int
    growth: dict[str, FloatArray | float]  # ln(1 + rate) per index name
    index_of: Callable[[str], str]

    @property
    def inflation(self) -> FloatArray | float:
        return self.growth["general"]

    def factor(self, category: str, year: int, priced_in: int | None = None
               ) -> FloatArray | float:
        """Multiplier of an amount of ``category`` priced in euros of ``priced_in`` (default:
        the base year) and spent in ``year``."""
        start = self.base_year if priced_in is None else priced_in
        log = (year - start) * self.growth[self.index_of(category)]
        if self.euros == "constant" and year != self.base_year:
            log = log - (year - self.base_year) * self.inflation
        return np.exp(log) if isinstance(log, np.ndarray) else math.exp(log)

    def book(self, year: int) -> FloatArray | float:
        """Multiplier of a book value (nominal euros of ``year``): deflated in constant euros."""
        if self.euros == "current" or year == self.base_year:
            return 1.0
        log = -(year - self.base_year) * self.inflation
        return np.exp(log) if isinstance(log, np.ndarray) else math.exp(log)

    def discount_rate(self, real: FloatArray) -> FloatArray:
        """The real rate in constant euros; the nominal rate (1 + r)(1 + π) − 1 in current."""
        if self.euros == "constant":
            return real
        nominal: FloatArray = (1.0 + real) * np.exp(self.inflation) - 1.0
        return nominal
