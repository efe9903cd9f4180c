"""Tests of soicost.finance.amortisation against hand-computed values and general properties."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from soicost.finance.amortisation import (
    Convention,
    ScheduleRow,
    accumulated_amortisation,
    amortisation_start,
    annual_charge,
    elapsed_years,
    end_of_life,
    net_book_value,
    remaining_life,
    renewal_cash_flows,
    renewal_years,
    schedule,
    write_off,
    write_offs_by_year,
    years_amortised,
)

CONVENTIONS: tuple[Convention, ...] = ("m57", "m14")

# The worked example of docs/amortisation.md.
COST = 1_200_000.0
LIFE = 10.0
IN_SERVICE = date(2018, 7, 1)
AS_OF = date(2023, 1, 1)


# --- worked example -------------------------------------------------------------------------


def test_worked_example_m14_exact() -> None:
    # Plan starts 2019-01-01; four whole years (2019–2022) of 120 000 € by 2023-01-01.
    nbv = net_book_value(COST, 0.0, LIFE, IN_SERVICE, AS_OF, "m14")
    assert float(nbv) == 720_000.0


def test_worked_example_m57_exact() -> None:
    # 30E/360: 360×5 + 30×(1 − 7) + 0 = 1 620 days = 4.5 years; 4.5 × 120 000 = 540 000.
    nbv = net_book_value(COST, 0.0, LIFE, IN_SERVICE, AS_OF, "m57")
    assert float(nbv) == 660_000.0
    acc = accumulated_amortisation(COST, 0.0, LIFE, IN_SERVICE, AS_OF, "m57")
    assert float(acc) == 540_000.0


def test_annual_charge_vectorised() -> None:
    charge = annual_charge(np.array([1_200_000.0, 1_000.0]), np.array([0.0, 100.0]), [10.0, 4.5])
    assert_allclose(charge, [120_000.0, 200.0], rtol=1e-15)


def test_amortisation_start() -> None:
    assert amortisation_start(IN_SERVICE, "m57") == IN_SERVICE
    assert amortisation_start(IN_SERVICE, "m14") == date(2019, 1, 1)
    # Under M14 even a 1 January acquisition waits for the next year.
    assert amortisation_start(date(2018, 1, 1), "m14") == date(2019, 1, 1)


def test_years_amortised_hand_values() -> None:
    assert years_amortised(IN_SERVICE, AS_OF, "m57") == 4.5
    assert years_amortised(IN_SERVICE, AS_OF, "m14") == 4.0
    # M14 counts completed financial years only: still 4 on 31 December 2023.
    assert years_amortised(IN_SERVICE, date(2023, 12, 31), "m14") == 4.0
    assert years_amortised(IN_SERVICE, date(2024, 1, 1), "m14") == 5.0
    # Not capped by the life.
    assert years_amortised(IN_SERVICE, date(2040, 7, 1), "m57") == 22.0


# --- edge cases -----------------------------------------------------------------------------


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_fully_amortised_asset_is_at_residual(convention: Convention) -> None:
    residual = 50_000.0
    for as_of in (date(2029, 1, 1), date(2035, 6, 15)):
        nbv = net_book_value(COST, residual, LIFE, IN_SERVICE, as_of, convention)
        assert float(nbv) == residual
        acc = accumulated_amortisation(COST, residual, LIFE, IN_SERVICE, as_of, convention)
        assert float(acc) == COST - residual
        assert float(remaining_life(LIFE, IN_SERVICE, as_of, convention)) == 0.0


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_not_yet_in_service_has_no_amortisation(convention: Convention) -> None:
    costs = np.array([1.0, 1_234.5, 1e9])
    as_of = date(2018, 3, 1)
    assert_array_equal(net_book_value(costs, 0.0, 7.3, IN_SERVICE, as_of, convention), costs)
    assert_array_equal(
        accumulated_amortisation(costs, 0.0, 7.3, IN_SERVICE, as_of, convention), 0.0
    )
    assert float(remaining_life(7.3, IN_SERVICE, as_of, convention)) == 7.3


def test_m14_acquisition_year_has_no_amortisation() -> None:
    nbv = net_book_value(COST, 0.0, LIFE, IN_SERVICE, date(2018, 12, 31), "m14")
    assert float(nbv) == COST


def test_elapsed_years_may_be_negative() -> None:
    assert elapsed_years(date(2020, 1, 1), date(2019, 7, 1)) == -0.5


def test_life_of_one_year_m57() -> None:
    start = date(2020, 3, 15)
    assert float(net_book_value(1_000.0, 0.0, 1.0, start, date(2020, 9, 15), "m57")) == 500.0
    assert float(net_book_value(1_000.0, 0.0, 1.0, start, date(2021, 3, 15), "m57")) == 0.0
    assert end_of_life(start, 1.0, "m57") == date(2021, 3, 15)
    rows = schedule(1_000.0, 0.0, 1.0, start, "m57")
    # 2020: 360 + 30×(1 − 3) + (1 − 15) = 286 days; 2021: the other 74.
    assert [r.year for r in rows] == [2020, 2021]
    assert_allclose([r.charge for r in rows], [1_000.0 * 286 / 360, 1_000.0 * 74 / 360], rtol=1e-12)


def test_life_of_one_year_m14() -> None:
    rows = schedule(1_000.0, 0.0, 1.0, date(2020, 3, 15), "m14")
    assert rows == [
        ScheduleRow(2020, 1_000.0, 0.0, 0.0, 1_000.0),
        ScheduleRow(2021, 1_000.0, 1_000.0, 1_000.0, 0.0),
    ]
    assert end_of_life(date(2020, 3, 15), 1.0, "m14") == date(2022, 1, 1)


def test_leap_day_in_service_m57() -> None:
    leap = date(2020, 2, 29)
    # 30E/360 does not treat 28 February as a month end: 2021-02-28 is 359 days in, and the
    # first date with a full year counted is 2021-03-01 (362 days).
    assert elapsed_years(leap, date(2021, 2, 28)) == 359 / 360
    assert elapsed_years(leap, date(2021, 3, 1)) == 362 / 360
    nbv = net_book_value(360.0, 0.0, 1.0, leap, date(2021, 2, 28), "m57")
    assert_allclose(nbv, 1.0, rtol=1e-12)
    assert float(net_book_value(360.0, 0.0, 1.0, leap, date(2021, 3, 1), "m57")) == 0.0
    assert end_of_life(leap, 1.0, "m57") == date(2021, 3, 1)
    # Four years land back on a 29 February.
    assert end_of_life(leap, 4.0, "m57") == date(2024, 2, 29)


def test_leap_day_in_service_m14() -> None:
    leap = date(2020, 2, 29)
    assert amortisation_start(leap, "m14") == date(2021, 1, 1)
    assert float(net_book_value(1_000.0, 0.0, 4.0, leap, date(2023, 1, 1), "m14")) == 500.0


def test_31st_of_month_under_30e360() -> None:
    # A 31st counts as the 30th at both ends.
    assert elapsed_years(date(2019, 8, 31), date(2019, 9, 30)) == 30 / 360
    assert elapsed_years(date(2019, 8, 31), date(2019, 10, 31)) == 60 / 360
    assert elapsed_years(date(2019, 8, 30), date(2019, 10, 31)) == 60 / 360
    assert elapsed_years(date(2019, 8, 31), date(2019, 10, 1)) == 31 / 360
    assert elapsed_years(date(2019, 1, 31), date(2019, 3, 1)) == 31 / 360
    nbv = net_book_value(3_600.0, 0.0, 1.0, date(2019, 8, 31), date(2019, 10, 31), "m57")
    assert_allclose(nbv, 3_000.0, rtol=1e-15)
    # Half a year from the 31st: 2020-02-29 counts 360 − 180 + (29 − 30) = 179 days, so the
    # plan ends on 2020-03-01 (181 days), not at the end of February.
    assert elapsed_years(date(2019, 8, 31), date(2020, 2, 29)) == 179 / 360
    assert end_of_life(date(2019, 8, 31), 0.5, "m57") == date(2020, 3, 1)
    assert end_of_life(date(2019, 8, 31), 1.0, "m57") == date(2020, 8, 30)


def test_end_of_life_whole_months_and_days() -> None:
    assert end_of_life(IN_SERVICE, LIFE, "m57") == date(2028, 7, 1)
    assert end_of_life(IN_SERVICE, LIFE, "m14") == date(2029, 1, 1)
    # 4.3 years = 1 548 days of 30E/360 = 51 months + 18 days.
    assert end_of_life(date(2018, 1, 1), 4.3, "m57") == date(2022, 4, 19)
    # M14: 2.5 years = two full charges (2019, 2020) and a half charge in 2021.
    assert end_of_life(date(2018, 5, 5), 2.5, "m14") == date(2022, 1, 1)


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_nbv_reaches_residual_exactly_at_end_of_life(convention: Convention) -> None:
    for life in (0.5, 1.0, 2.75, 7.3, 10.0, 33.3):
        end = end_of_life(IN_SERVICE, life, convention)
        day_before = date.fromordinal(end.toordinal() - 1)
        assert float(net_book_value(COST, 1.0, life, IN_SERVICE, end, convention)) == 1.0
        assert float(net_book_value(COST, 1.0, life, IN_SERVICE, day_before, convention)) > 1.0


def test_invalid_inputs_rejected() -> None:
    with pytest.raises(ValueError, match="residual"):
        annual_charge(100.0, 101.0, 5.0)
    with pytest.raises(ValueError, match="residual"):
        annual_charge(100.0, -1.0, 5.0)
    with pytest.raises(ValueError, match="life_years"):
        annual_charge(100.0, 0.0, np.array([5.0, 0.0]))
    with pytest.raises(ValueError, match="life_years"):
        annual_charge(100.0, 0.0, float("nan"))
    with pytest.raises(ValueError, match="convention"):
        amortisation_start(IN_SERVICE, "m4")  # type: ignore[arg-type]
    with pytest.raises(OverflowError, match=r"^end of life is beyond datetime\.date\.max$"):
        end_of_life(date(9990, 1, 1), 20.0, "m57")


# --- schedule -------------------------------------------------------------------------------


def test_schedule_m57_first_year_partial() -> None:
    rows = schedule(COST, 0.0, LIFE, IN_SERVICE, "m57")
    assert [r.year for r in rows] == list(range(2018, 2029))
    assert rows[0].charge == 60_000.0  # 1 July → 31 December: 180/360 of a year
    assert all(r.charge == 120_000.0 for r in rows[1:-1])
    assert rows[-1].charge == 60_000.0
    assert_allclose(sum(r.charge for r in rows), COST, rtol=1e-12)
    assert rows[0].opening_nbv == COST
    assert rows[-1].closing_nbv == 0.0
    assert rows[-1].accumulated == COST
    # The closing NBV of 2022 is the NBV on 2023-01-01 of the worked example.
    assert rows[4].closing_nbv == 660_000.0


def test_schedule_m14_zero_charge_in_acquisition_year() -> None:
    residual = 200_000.0
    rows = schedule(COST, residual, LIFE, IN_SERVICE, "m14")
    assert [r.year for r in rows] == list(range(2018, 2029))
    assert rows[0].charge == 0.0
    assert rows[0].closing_nbv == COST
    assert all(r.charge == 100_000.0 for r in rows[1:])
    assert_allclose(sum(r.charge for r in rows), COST - residual, rtol=1e-12)
    assert rows[-1].closing_nbv == residual


def test_schedule_rows_chain() -> None:
    rows = schedule(987_654.32, 12_345.6, 6.7, date(2021, 10, 31), "m57")
    for prev, nxt in itertools.pairwise(rows):
        assert nxt.opening_nbv == prev.closing_nbv
        assert nxt.year == prev.year + 1
    for r in rows:
        assert_allclose(r.opening_nbv - r.charge, r.closing_nbv, rtol=1e-12)


# --- write-off ------------------------------------------------------------------------------


def test_write_off_before_end_of_life() -> None:
    residual = 100_000.0
    d = date(2023, 1, 1)
    wo = write_off(COST, residual, LIFE, IN_SERVICE, "m57", d)
    # charge = 110 000; 4.5 years run → NBV 705 000; written off 705 000 − 100 000.
    nbv = float(net_book_value(COST, residual, LIFE, IN_SERVICE, d, "m57"))
    assert nbv == 705_000.0
    assert float(wo.net_book_value) == nbv - residual == 605_000.0
    assert float(wo.remaining_years) == 5.5
    assert_allclose(wo.lost_charges, 110_000.0 * 5.5, rtol=1e-12)


def test_write_off_m14() -> None:
    wo = write_off(COST, 0.0, LIFE, IN_SERVICE, "m14", date(2023, 6, 30))
    assert float(wo.net_book_value) == 720_000.0
    assert float(wo.remaining_years) == 6.0
    assert float(wo.lost_charges) == 720_000.0


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_write_off_after_end_of_life_is_zero(convention: Convention) -> None:
    for d in (end_of_life(IN_SERVICE, LIFE, convention), date(2040, 1, 1)):
        wo = write_off([COST, 2 * COST], [0.0, 5_000.0], LIFE, IN_SERVICE, convention, d)
        assert_array_equal(wo.net_book_value, 0.0)
        assert_array_equal(wo.remaining_years, 0.0)
        assert_array_equal(wo.lost_charges, 0.0)


def test_write_off_vectorised() -> None:
    costs = np.array([1_200_000.0, 600_000.0, 2_400_000.0])
    residuals = np.array([0.0, 60_000.0, 0.0])
    lives = np.array([10.0, 10.0, 5.0])
    wo = write_off(costs, residuals, lives, IN_SERVICE, "m57", date(2023, 1, 1))
    assert wo.net_book_value.shape == (3,)
    # 4.5 years run: 1.2 M€ → 660 000; (600 000 − 60 000)×5.5/10 = 297 000; 2.4 M€ over
    # 5 years → 2.4 M€ × 0.5/5 = 240 000.
    assert_allclose(wo.net_book_value, [660_000.0, 297_000.0, 240_000.0], rtol=1e-12)
    assert_allclose(wo.remaining_years, [5.5, 5.5, 0.5], rtol=1e-15)
    charges = annual_charge(costs, residuals, lives)
    assert_allclose(wo.lost_charges, charges * wo.remaining_years, rtol=1e-15)
    assert_allclose(wo.lost_charges, wo.net_book_value, rtol=1e-12)


def test_write_offs_by_year() -> None:
    costs = np.array([1_200_000.0, 2_400_000.0])
    grid = write_offs_by_year(
        costs, 0.0, LIFE, IN_SERVICE, "m57", date(2023, 1, 1), [2022, 2023, 2024]
    )
    assert grid.shape == (3, 2)
    assert_allclose(grid, [[0.0, 0.0], [660_000.0, 1_320_000.0], [0.0, 0.0]], rtol=1e-12)
    scalar = write_offs_by_year(COST, 0.0, LIFE, IN_SERVICE, "m14", date(2023, 6, 1), [2023])
    assert scalar.shape == (1, 1)
    assert float(scalar[0, 0]) == 720_000.0
    outside = write_offs_by_year(costs, 0.0, LIFE, IN_SERVICE, "m57", date(2023, 1, 1), [2030])
    assert_array_equal(outside, np.zeros((1, 2)))


# --- renewals -------------------------------------------------------------------------------


def test_renewal_years_m57() -> None:
    assert renewal_years(date(2018, 1, 1), 5.0, "m57", 2020, 2035) == [2023, 2028, 2033]
    assert renewal_years(date(2018, 1, 1), 5.0, "m57", 2024, 2027) == []
    assert renewal_years(date(2018, 1, 1), 5.0, "m57", 2035, 2020) == []


def test_renewal_years_follow_the_useful_life_under_m14_too() -> None:
    # M14 starts the accounting plan on 1 January 2019, but the equipment bought on
    # 2018-01-01 wears out on 2023-01-01 all the same: renewals every 5 years, no drift.
    assert renewal_years(date(2018, 1, 1), 5.0, "m14", 2020, 2035) == [2023, 2028, 2033]


def test_renewal_years_short_life_repeats_year() -> None:
    # 0.5 years from 2018-01-01: 2018-07-01, 2019-01-01, 2019-07-01, 2020-01-01.
    assert renewal_years(date(2018, 1, 1), 0.5, "m57", 2018, 2019) == [2018, 2019, 2019]


def test_renewal_cash_flows() -> None:
    costs = np.array([100.0, 200.0])
    years = list(range(2020, 2036))
    flows = renewal_cash_flows(costs, 5.0, date(2018, 1, 1), "m57", years, index_rate=0.02)
    assert flows.shape == (len(years), 2)
    expected = np.zeros((len(years), 2))
    for y in (2023, 2028, 2033):
        expected[years.index(y)] = costs * 1.02 ** (y - 2018)
    assert_allclose(flows, expected, rtol=1e-12)


def test_renewal_cash_flows_base_year_and_scalar() -> None:
    flows = renewal_cash_flows(1_000.0, 5.0, date(2018, 1, 1), "m57", [2023, 2024], 0.1, 2022)
    assert flows.shape == (2, 1)
    assert_allclose(flows, [[1_100.0], [0.0]], rtol=1e-12)
    assert renewal_cash_flows(1_000.0, 5.0, date(2018, 1, 1), "m57", []).shape == (0, 1)


# --- properties -----------------------------------------------------------------------------

conventions = st.sampled_from(CONVENTIONS)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def assets(draw: st.DrawFn) -> tuple[float, float, float]:
    cost = draw(st.floats(min_value=1.0, max_value=1e9, allow_nan=False))
    residual = draw(st.floats(min_value=0.0, max_value=cost, allow_nan=False))
    life = draw(st.floats(min_value=0.5, max_value=50.0, allow_nan=False))
    return cost, residual, life


@settings(max_examples=300, deadline=None)
@given(assets(), dates, dates, dates, conventions)
def test_nbv_bounded_and_non_increasing(
    asset: tuple[float, float, float],
    in_service: date,
    d1: date,
    d2: date,
    convention: Convention,
) -> None:
    cost, residual, life = asset
    early, late = min(d1, d2), max(d1, d2)
    nbv_early = float(net_book_value(cost, residual, life, in_service, early, convention))
    nbv_late = float(net_book_value(cost, residual, life, in_service, late, convention))
    assert nbv_late >= 0.0
    assert nbv_late >= residual
    assert nbv_early <= cost
    assert nbv_late <= nbv_early


@settings(max_examples=200, deadline=None)
@given(assets(), dates, conventions)
def test_schedule_charges_sum_to_depreciable(
    asset: tuple[float, float, float], in_service: date, convention: Convention
) -> None:
    cost, residual, life = asset
    rows = schedule(cost, residual, life, in_service, convention)
    assert rows[0].year == in_service.year
    assert_allclose(sum(r.charge for r in rows), cost - residual, rtol=1e-12, atol=0.0)
    assert rows[-1].closing_nbv == residual
    assert all(r.charge >= 0.0 for r in rows)


@settings(max_examples=200, deadline=None)
@given(assets(), dates, dates, conventions)
def test_vectorised_matches_scalar(
    asset: tuple[float, float, float], in_service: date, as_of: date, convention: Convention
) -> None:
    cost, residual, life = asset
    costs = np.array([cost, 2 * cost])
    residuals = np.array([residual, residual])
    lives = np.array([life, life + 1.0])
    nbv = net_book_value(costs, residuals, lives, in_service, as_of, convention)
    for i in range(2):
        one = net_book_value(costs[i], residuals[i], lives[i], in_service, as_of, convention)
        assert nbv[i] == float(one)


# --- guards and edges (each check below failed under a mutation of the module) ------------


def test_each_invalid_amount_has_its_own_message() -> None:
    cases: list[tuple[tuple[object, object, object], str]] = [
        ((float("inf"), 0.0, 5.0), "cost and residual must be finite"),
        ((100.0, float("nan"), 5.0), "cost and residual must be finite"),
        ((100.0, -1.0, 5.0), "residual must be >= 0"),
        ((100.0, 101.0, 5.0), "residual must not exceed cost"),
        ((100.0, 0.0, -2.0), "life_years must be finite and strictly positive"),
        ((100.0, 0.0, float("inf")), "life_years must be finite and strictly positive"),
    ]
    for (cost, residual, life), message in cases:
        with pytest.raises(ValueError) as info:
            annual_charge(cost, residual, life)  # type: ignore[arg-type]
        assert str(info.value) == message


def test_renewal_cash_flow_guards() -> None:
    years = [2023]
    for cost in (-1.0, float("inf"), np.array([1.0, float("nan")])):
        with pytest.raises(ValueError) as info:
            renewal_cash_flows(cost, 5.0, date(2018, 1, 1), "m57", years)
        assert str(info.value) == "cost must be finite and >= 0"
    for rate in (-1.0, -1.5):
        with pytest.raises(ValueError) as info:
            renewal_cash_flows(100.0, 5.0, date(2018, 1, 1), "m57", years, index_rate=rate)
        assert str(info.value) == "index_rate must be > -1"
    # Zero and sub-euro costs are legitimate, and with no index the amount stays the cost.
    flows = renewal_cash_flows(np.array([0.0, 0.5, 100.0]), 5.0, date(2018, 1, 1), "m57",
                               [2022, 2023, 2028])
    assert flows.dtype == np.float64
    assert_array_equal(flows, [[0.0, 0.0, 0.0], [0.0, 0.5, 100.0], [0.0, 0.5, 100.0]])
    assert renewal_cash_flows(100.0, 5.0, date(2018, 1, 1), "m57", []).shape == (0, 1)


def test_renewals_stop_at_the_last_representable_date() -> None:
    # The renewal after 9999 would overflow datetime.date: the list ends there, intact.
    assert renewal_years(date(9990, 1, 1), 3.0, "m57", 9990, 9999) == [9993, 9996, 9999]


def test_end_of_plan_is_exact_where_charge_times_life_is_not() -> None:
    # (1 / 49) × 49 = 0.9999999999999999 in binary floating point: the plan still ends on
    # exactly cost − residual, on its last day, and not a day later.
    end = end_of_life(IN_SERVICE, 49.0, "m57")
    assert float(accumulated_amortisation(1.0, 0.0, 49.0, IN_SERVICE, end, "m57")) == 1.0
    assert float(net_book_value(1.0, 0.0, 49.0, IN_SERVICE, end, "m57")) == 0.0


@pytest.mark.parametrize("life", [0.25, 1.0, 3.5, 30.0, 99.0])
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_end_of_life_is_the_first_fully_amortised_day(life: float,
                                                      convention: Convention) -> None:
    end = end_of_life(date(2021, 11, 30), life, convention)
    day_before = date.fromordinal(end.toordinal() - 1)
    assert years_amortised(date(2021, 11, 30), end, convention) >= life
    assert years_amortised(date(2021, 11, 30), day_before, convention) < life


def test_integer_inputs_give_float_outputs() -> None:
    assert annual_charge(1_200_000, 0, 10).dtype == np.float64
    assert net_book_value(1_200_000, 0, 10, IN_SERVICE, AS_OF, "m57").dtype == np.float64
    assert remaining_life(10, IN_SERVICE, AS_OF, "m57").dtype == np.float64
    loss = write_off(1_200_000, 0, 10, IN_SERVICE, "m57", AS_OF)
    assert {a.dtype for a in (loss.net_book_value, loss.remaining_years,
                              loss.lost_charges)} == {np.dtype(np.float64)}
    assert write_offs_by_year(1_200_000, 0, 10, IN_SERVICE, "m57", AS_OF,
                              [2022, 2023]).dtype == np.float64
