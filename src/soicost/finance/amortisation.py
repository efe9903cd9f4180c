"""Straight-line amortisation under the French local public accounting instructions.

Two conventions are supported:

* ``"m57"``: prorata temporis from the in-service date, counted with the European 30/360
  day count (30E/360), so that a whole year carries exactly one annual charge and a part
  year is counted in months and days.
* ``"m14"``: no prorata; the plan starts on 1 January of the year after the in-service
  (acquisition) date and advances by whole financial years.

Amounts (cost, residual value, life) are vectorised: they may be numpy arrays of Monte Carlo
samples of shape ``(n,)`` or scalars, broadcast together. Dates are plain
:class:`datetime.date` scalars. The module is pure: no I/O, no randomness.

See ``docs/amortisation.md`` for the conventions, formulas and a worked example.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Convention",
    "ScheduleRow",
    "WriteOff",
    "accumulated_amortisation",
    "amortisation_start",
    "annual_charge",
    "elapsed_years",
    "end_of_life",
    "net_book_value",
    "remaining_life",
    "renewal_cash_flows",
    "renewal_years",
    "schedule",
    "write_off",
    "write_offs_by_year",
    "years_amortised",
]

Convention = Literal["m57", "m14"]

_CONVENTIONS: frozenset[str] = frozenset({"m57", "m14"})


def _check_convention(convention: str) -> None:
    # Literal types are not enforced at run time, and a typo would otherwise silently
    # fall into one of the branches.
    if convention not in _CONVENTIONS:
        raise ValueError(f"unknown amortisation convention {convention!r}; use 'm57' or 'm14'")


def _as_float(x: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(x, dtype=np.float64)


def _check_life(life: NDArray[np.float64]) -> None:
    # Written as "not (life > 0)" so that NaN is rejected as well.
    if np.any(~(life > 0.0)) or not np.all(np.isfinite(life)):
        raise ValueError("life_years must be finite and strictly positive")


def _amounts(
    cost: ArrayLike, residual: ArrayLike, life_years: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Convert, broadcast and validate the amount arguments."""
    c, r, life = np.broadcast_arrays(_as_float(cost), _as_float(residual), _as_float(life_years))
    if not (np.all(np.isfinite(c)) and np.all(np.isfinite(r))):
        raise ValueError("cost and residual must be finite")
    if np.any(r < 0.0):
        raise ValueError("residual must be >= 0")
    if np.any(r > c):
        raise ValueError("residual must not exceed cost")
    _check_life(life)
    return c, r, life


def _days_30e360(start: date, end: date) -> int:
    # European 30/360: a 31st counts as the 30th, on both ends; February is not adjusted.
    d1 = min(start.day, 30)
    d2 = min(end.day, 30)
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def amortisation_start(in_service: date, convention: Convention) -> date:
    """Return the date from which the amortisation plan runs.

    Under M57 it is the in-service date itself (prorata temporis); under M14 it is
    1 January of the following year (no prorata).
    """
    _check_convention(convention)
    if convention == "m57":
        return in_service
    return date(in_service.year + 1, 1, 1)


def elapsed_years(start: date, as_of: date) -> float:
    """Return the years from ``start`` to ``as_of`` in the 30E/360 day count.

    ``(360 (y2 - y1) + 30 (m2 - m1) + (d2 - d1)) / 360`` with any 31st counted as the 30th.
    Negative when ``as_of`` is before ``start``.
    """
    return _days_30e360(start, as_of) / 360.0


def years_amortised(in_service: date, as_of: date, convention: Convention) -> float:
    """Return the years of amortisation run at ``as_of`` (not capped by the life).

    The position is taken at the start of ``as_of``. Under M57 this is the 30E/360 time since
    the in-service date; under M14 it is the number of whole financial years completed since
    1 January of the year after the in-service date. Never negative: an asset not yet in
    service (or, under M14, still in its acquisition year) has run no amortisation.
    """
    start = amortisation_start(in_service, convention)
    if convention == "m57":
        return max(0.0, elapsed_years(start, as_of))
    # M14 books one charge per financial year, so only completed years count; start is
    # always a 1 January, hence the plain difference of years.
    return float(max(0, as_of.year - start.year))


def annual_charge(
    cost: ArrayLike, residual: ArrayLike, life_years: ArrayLike
) -> NDArray[np.float64]:
    """Return the straight-line annual charge ``(cost - residual) / life_years``.

    Raises ``ValueError`` unless ``0 <= residual <= cost`` and ``life_years > 0``.
    """
    c, r, life = _amounts(cost, residual, life_years)
    return np.asarray((c - r) / life, dtype=np.float64)


def _accumulated(
    c: NDArray[np.float64], r: NDArray[np.float64], life: NDArray[np.float64], years: float
) -> NDArray[np.float64]:
    depreciable = c - r
    # charge × years keeps round figures exact (120 000 × 4 = 480 000); the explicit
    # "years >= life" branch makes the end of the plan land exactly on cost − residual
    # whatever the rounding of charge × life, and both pieces are monotone in years.
    running = np.minimum((depreciable / life) * years, depreciable)
    return np.asarray(np.where(years >= life, depreciable, running), dtype=np.float64)


def _nbv(
    c: NDArray[np.float64], r: NDArray[np.float64], life: NDArray[np.float64], years: float
) -> NDArray[np.float64]:
    acc = _accumulated(c, r, life, years)
    # cost − (cost − residual) need not round back to residual; pin it so that a fully
    # amortised asset is exactly at its residual value and never below it.
    running = np.maximum(c - acc, r)
    return np.asarray(np.where(years >= life, r, running), dtype=np.float64)


def accumulated_amortisation(
    cost: ArrayLike,
    residual: ArrayLike,
    life_years: ArrayLike,
    in_service: date,
    as_of: date,
    convention: Convention,
) -> NDArray[np.float64]:
    """Return the accumulated amortisation at ``as_of``.

    ``min(annual_charge × years_amortised, cost - residual)``, vectorised over the amounts.
    """
    c, r, life = _amounts(cost, residual, life_years)
    return _accumulated(c, r, life, years_amortised(in_service, as_of, convention))


def net_book_value(
    cost: ArrayLike,
    residual: ArrayLike,
    life_years: ArrayLike,
    in_service: date,
    as_of: date,
    convention: Convention,
) -> NDArray[np.float64]:
    """Return the net book value ``cost - accumulated amortisation`` at ``as_of``.

    Equal to ``cost`` before the plan starts and to ``residual`` once it has ended; never
    below ``residual`` and never negative.
    """
    c, r, life = _amounts(cost, residual, life_years)
    return _nbv(c, r, life, years_amortised(in_service, as_of, convention))


def remaining_life(
    life_years: ArrayLike, in_service: date, as_of: date, convention: Convention
) -> NDArray[np.float64]:
    """Return the years of the amortisation plan still to run at ``as_of`` (>= 0)."""
    life = _as_float(life_years)
    _check_life(life)
    years = years_amortised(in_service, as_of, convention)
    return np.asarray(np.maximum(life - years, 0.0), dtype=np.float64)


def end_of_life(in_service: date, life_years: float, convention: Convention) -> date:
    """Return the date the amortisation plan ends (for a scalar life).

    This is the first date at which the asset is fully amortised. Under M57 it is the
    in-service date plus ``life_years × 360`` days of 30E/360, i.e. whole 30-day months and
    days (2018-07-01 + 10 years → 2028-07-01; 2020-02-29 + 1 year → 2021-03-01, since
    30E/360 does not treat 28 February as a month end). Under M14 it is 1 January of the
    year after the last financial year carrying a charge (in service in 2018, 10 years →
    2029-01-01; a fractional life adds one shorter final charge).

    Raises ``OverflowError`` if that date is beyond :attr:`datetime.date.max`.
    """
    _check_convention(convention)
    _check_life(_as_float(life_years))
    life = float(life_years)

    def done(ordinal: int) -> bool:
        return years_amortised(in_service, date.fromordinal(ordinal), convention) >= life

    # Search for the first fully amortised day with the very predicate used by
    # net_book_value, so the two can never disagree by a day through rounding.
    lo = in_service.toordinal()
    max_ordinal = date.max.toordinal()
    # 30E/360 never runs slower than 360 counted days per 366 calendar days, plus a margin
    # for the M14 start-up year and ceil(life).
    hi = min(lo + int((math.ceil(life) + 2) * 366) + 62, max_ordinal)
    if not done(hi):
        raise OverflowError("end of life is beyond datetime.date.max")
    while lo < hi:
        mid = (lo + hi) // 2
        if done(mid):
            hi = mid
        else:
            lo = mid + 1
    return date.fromordinal(lo)


@dataclass(frozen=True)
class ScheduleRow:
    """One calendar year of an amortisation schedule (amounts in the cost's currency)."""

    year: int
    opening_nbv: float
    charge: float
    accumulated: float
    closing_nbv: float


def schedule(
    cost: float, residual: float, life_years: float, in_service: date, convention: Convention
) -> list[ScheduleRow]:
    """Return the year-by-year amortisation plan of one asset.

    One row per calendar year from the in-service year to the last year carrying a charge.
    Under M57 the first and last years are part years; under M14 the acquisition year has
    a zero charge. The charges sum to ``cost - residual``.
    """
    c, r, life = _amounts(cost, residual, life_years)
    end = end_of_life(in_service, float(life), convention)
    last_year = end.year - 1 if (end.month, end.day) == (1, 1) else end.year

    def position(year: int) -> tuple[float, float]:
        years = years_amortised(in_service, date(year, 1, 1), convention)
        return float(_accumulated(c, r, life, years)), float(_nbv(c, r, life, years))

    rows: list[ScheduleRow] = []
    acc_open, nbv_open = position(in_service.year)
    for year in range(in_service.year, last_year + 1):
        acc_close, nbv_close = position(year + 1)
        # Differences of the accumulated amount telescope, so the charges add up to
        # cost − residual up to rounding, with no drift from summing rounded charges.
        rows.append(ScheduleRow(year, nbv_open, acc_close - acc_open, acc_close, nbv_close))
        acc_open, nbv_open = acc_close, nbv_close
    return rows


@dataclass(frozen=True)
class WriteOff:
    """The non-cash effect of decommissioning an asset before the end of its plan.

    ``net_book_value`` is the amount written off: the net book value at the decommissioning
    date less the residual value (the residual is what the asset is still worth when
    disposed of, so it is not lost). ``remaining_years`` is the part of the plan not run, and
    ``lost_charges`` the annual charges the status quo would still have carried
    (``annual charge × remaining_years``). ``lost_charges`` is the same value as the amount
    written off, spread over years instead of taken at once: never add the two together.
    """

    net_book_value: NDArray[np.float64]
    remaining_years: NDArray[np.float64]
    lost_charges: NDArray[np.float64]


def write_off(
    cost: ArrayLike,
    residual: ArrayLike,
    life_years: ArrayLike,
    in_service: date,
    convention: Convention,
    decommission: date,
) -> WriteOff:
    """Return the NON-CASH write-off caused by decommissioning the asset on ``decommission``.

    Before the end of the plan: the written-off amount is ``NBV(decommission) - residual``,
    with the remaining years and the lost charges. On or after the end of the plan
    everything is zero. No cash changes hands: these amounts must never be added to cash
    costs without saying so.
    """
    c, r, life = _amounts(cost, residual, life_years)
    years = years_amortised(in_service, decommission, convention)
    written_off = np.maximum(_nbv(c, r, life, years) - r, 0.0)
    remaining = np.maximum(life - years, 0.0)
    lost = ((c - r) / life) * remaining
    return WriteOff(
        net_book_value=np.asarray(written_off, dtype=np.float64),
        remaining_years=np.asarray(remaining, dtype=np.float64),
        lost_charges=np.asarray(lost, dtype=np.float64),
    )


def write_offs_by_year(
    cost: ArrayLike,
    residual: ArrayLike,
    life_years: ArrayLike,
    in_service: date,
    convention: Convention,
    decommission: date,
    years: list[int],
) -> NDArray[np.float64]:
    """Return the NON-CASH written-off amounts laid out by calendar year.

    Shape ``(len(years), n)`` where ``n`` is the broadcast size of the amounts (1 for
    scalars): the whole write-off falls in the year of ``decommission``, zero elsewhere.
    """
    amount = np.atleast_1d(
        write_off(cost, residual, life_years, in_service, convention, decommission).net_book_value
    )
    out = np.zeros((len(years), *amount.shape), dtype=np.float64)
    for i, year in enumerate(years):
        if year == decommission.year:
            out[i] = amount
    return out


def renewal_years(
    in_service: date, life_years: float, convention: Convention, first_year: int, last_year: int
) -> list[int]:
    """Return the calendar years in ``[first_year, last_year]`` in which a renewal falls.

    Under the status quo an asset reaching the end of its useful life is renewed with the
    same cost and life, and so on. The initial acquisition is not a renewal. A year appears
    once per renewal falling in it (twice if the life is short enough for two renewals in
    one year). The useful life runs from the in-service date under both conventions: M14
    delays the accounting plan to 1 January of the next year, not the wear of the equipment,
    so renewals do not drift a year per cycle.
    """
    _check_convention(convention)
    _check_life(_as_float(life_years))
    found: list[int] = []
    current = in_service
    # Each cycle advances at least one day, so the loop ends.
    while current.year <= last_year:
        try:
            current = end_of_life(current, life_years, "m57")
        except OverflowError:
            break
        if first_year <= current.year <= last_year:
            found.append(current.year)
    return found


def renewal_cash_flows(
    cost: ArrayLike,
    life_years: float,
    in_service: date,
    convention: Convention,
    years: list[int],
    index_rate: float = 0.0,
    base_year: int | None = None,
) -> NDArray[np.float64]:
    """Return the renewal investments of the status quo by calendar year (cash).

    Shape ``(len(years), n)`` where ``n`` is the size of ``cost`` (1 for a scalar). In a
    renewal year the amount is ``cost × (1 + index_rate) ** (year - base_year)`` per renewal,
    zero elsewhere. ``base_year`` is the price year of ``cost``, by default the in-service
    year.
    """
    c = np.atleast_1d(_as_float(cost))
    if not np.all(np.isfinite(c)) or np.any(c < 0.0):
        raise ValueError("cost must be finite and >= 0")
    if not index_rate > -1.0:
        raise ValueError("index_rate must be > -1")
    base = in_service.year if base_year is None else base_year
    out = np.zeros((len(years), *c.shape), dtype=np.float64)
    if not years:
        return out
    counts = Counter(renewal_years(in_service, life_years, convention, min(years), max(years)))
    for i, year in enumerate(years):
        if counts[year]:
            out[i] = counts[year] * c * (1.0 + index_rate) ** (year - base)
    return out
