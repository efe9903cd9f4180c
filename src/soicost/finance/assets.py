"""``soicost assets``: what the amortised assets are still worth at a date.

Uncertain costs, lives and residual values are drawn from their own named streams, so the
net book values carry their uncertainty into P10/P50/P90; the year-by-year schedule is shown
at the medians of the inputs.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from soicost.defaults import DEFAULT_SEED
from soicost.errors import ModelError
from soicost.finance import amortisation as am
from soicost.i18n import N_, Said
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import Asset, Convention
from soicost.inputs.quantity import Quantity
from soicost.limits import check_samples, check_seed
from soicost.model import streams
from soicost.model.rng import Seed, generator
from soicost.model.sampling import draw, median
from soicost.model.stats import Stats, summarise

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class AssetSamples:
    """Monte Carlo draws of one asset's uncertain figures."""

    asset: Asset
    convention: Convention
    cost: FloatArray
    residual: FloatArray
    life: FloatArray


@dataclass(frozen=True)
class AssetValuation:
    id: str
    name: str
    category: str
    convention: Convention
    in_service: dt.date
    cost_text: str
    life_text: str
    cost: Stats
    life_years: Stats
    annual_charge: Stats
    net_book_value: Stats
    remaining_life: Stats
    end_of_life: dt.date  # at the median life
    illustrative: bool
    schedule: tuple[am.ScheduleRow, ...] = ()


@dataclass(frozen=True)
class AssetReport:
    as_of: dt.date
    samples: int
    seed: Seed
    assets: tuple[AssetValuation, ...]
    by_category: dict[str, Stats]  # net book value totals, summed sample by sample
    total: Stats


def asset_convention(asset: Asset, inputs: Inputs) -> Convention:
    return asset.convention or inputs.assumptions.amortisation.convention


def valuation_date(inputs: Inputs) -> dt.date:
    """``valuation_date``, by default the date of the reference quote."""
    a = inputs.assumptions
    if a.valuation_date is not None:
        return a.valuation_date
    return inputs.reference_quote.date


def _draw(q: Quantity, seed: Seed, name: str, n: int) -> FloatArray:
    if q.is_fixed:
        return np.full(n, q.fixed_value)
    return draw(q.dist, generator(seed, name), n)


def sample_assets(inputs: Inputs, samples: int, seed: Seed) -> list[AssetSamples]:
    """Draws of every asset's cost, residual and life (residual capped at the cost)."""
    out = []
    for asset in inputs.infrastructure.assets:
        cost = _draw(asset.cost, seed, streams.asset(asset.id, "cost"), samples)
        residual = np.minimum(_draw(asset.residual, seed, streams.asset(asset.id, "residual"),
                                    samples), cost)
        life = _draw(asset.life_years, seed, streams.asset(asset.id, "life"), samples)
        out.append(AssetSamples(asset, asset_convention(asset, inputs), cost, residual, life))
    return out


def value_assets(inputs: Inputs, as_of: dt.date | None = None, *, samples: int = 10_000,
                 seed: Seed = DEFAULT_SEED, with_schedule: bool = False,
                 convention: Convention | None = None) -> AssetReport:
    """Net book value of every asset at ``as_of`` (default: the valuation date).

    ``convention`` overrides every asset's convention, to compare M57 and M14.
    """
    check_samples(samples)
    if isinstance(seed, int):
        check_seed(seed)
    date = as_of or valuation_date(inputs)
    # Overflow from extreme inputs is reported once, by _check_finite, not as numpy warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        report = _value_assets(inputs, date, samples, seed, with_schedule, convention)
    _check_finite(report)
    return report


def _value_assets(inputs: Inputs, date: dt.date, samples: int, seed: Seed,
                  with_schedule: bool, convention: Convention | None) -> AssetReport:
    totals: dict[str, FloatArray] = defaultdict(lambda: np.zeros(samples))
    grand = np.zeros(samples)
    valuations = []
    for s in sample_assets(inputs, samples, seed):
        if convention is not None:
            s = replace(s, convention=convention)
        a = s.asset
        nbv = am.net_book_value(s.cost, s.residual, s.life, a.in_service, date, s.convention)
        charge = am.annual_charge(s.cost, s.residual, s.life)
        left = am.remaining_life(s.life, a.in_service, date, s.convention)
        totals[a.category] += nbv
        grand += nbv
        life_median = median(a.life_years.dist)
        rows: tuple[am.ScheduleRow, ...] = ()
        if with_schedule:
            rows = tuple(am.schedule(median(a.cost.dist), min(median(a.residual.dist),
                                                               median(a.cost.dist)),
                                     life_median, a.in_service, s.convention))
        valuations.append(AssetValuation(
            id=a.id, name=a.name, category=a.category, convention=s.convention,
            in_service=a.in_service, cost_text=a.cost.text, life_text=a.life_years.text,
            cost=summarise(s.cost), life_years=summarise(s.life),
            annual_charge=summarise(charge), net_book_value=summarise(nbv),
            remaining_life=summarise(left),
            end_of_life=am.end_of_life(a.in_service, life_median, s.convention),
            illustrative=a.provenance.is_illustrative, schedule=rows))
    return AssetReport(as_of=date, samples=samples, seed=seed, assets=tuple(valuations),
                       by_category={k: summarise(v) for k, v in sorted(totals.items())},
                       total=summarise(grand))


@dataclass(frozen=True)
class BookValueLines:
    """Each asset's net book value on given dates, from one amortisation plan at the medians
    of its cost, residual value and life: a plan to draw as a line, not the P50 of the net
    book value (which has no plan of its own)."""

    dates: tuple[dt.date, ...]
    assets: tuple[tuple[str, tuple[float, ...]], ...]  # (name, value at each date)


def book_values_at_medians(inputs: Inputs, years: Sequence[int]) -> BookValueLines:
    """Every asset's net book value on 1 January of each of ``years`` (not empty) and of the
    year after the last, so that the line reaches the end of the horizon."""
    dates = tuple(dt.date(y, 1, 1) for y in [*years, years[-1] + 1])
    lines = []
    for asset in inputs.infrastructure.assets:
        cost = median(asset.cost.dist)
        # As sample_assets does: a residual above the cost is the cost.
        residual = min(median(asset.residual.dist), cost)
        life = median(asset.life_years.dist)
        convention = asset_convention(asset, inputs)
        lines.append((asset.name, tuple(
            float(am.net_book_value(cost, residual, life, asset.in_service, d, convention))
            for d in dates)))
    return BookValueLines(dates, tuple(lines))


def _check_finite(report: AssetReport) -> None:
    """Refuse figures that overflowed: a cost of 1e308 is finite, but the mean of its draws
    is not, and an infinite figure cannot be written in JSON or an XLSX cell."""
    for a in report.assets:
        for what, stats in ((_WHAT["cost"], a.cost), (_WHAT["annual charge"], a.annual_charge),
                            (_WHAT["net book value"], a.net_book_value)):
            if not all(math.isfinite(v) for v in stats.as_dict().values()):
                raise ModelError(Said(
                    "{what} is not a finite number: its draws add up beyond 1e308; check its "
                    "cost ({cost}) and residual value", what=Said(what, id=a.id),
                    cost=a.cost_text))
    figures = [report.total, *report.by_category.values()]
    if not all(math.isfinite(v) for stats in figures for v in stats.as_dict().values()):
        raise ModelError(Said("the net book value of the assets is not a finite number: their "
                              "costs add up beyond 1e308; check the largest costs"))


# An asset's figure that overflowed, in a sentence.
_WHAT = {"cost": N_("the cost of asset {id!r}"),
         "annual charge": N_("the annual charge of asset {id!r}"),
         "net book value": N_("the net book value of asset {id!r}")}
