"""Scenario timelines against hand computations."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from numpy.testing import assert_allclose

from conftest import inputs_from, write_files
from soicost.analysis.estimate import EstimateOptions, estimate
from soicost.finance.scenarios import (
    Comparison,
    MigrationSums,
    ScenarioResult,
    ScenarioRun,
    assign_waves,
    evaluate,
    horizon,
    migration_columns,
    npv_samples,
    scenario_list,
    year_fraction,
)
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import load_inputs

PROV = {"status": "illustrative", "source": "test"}


def _app(ident: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident, "kind": "vendor", "drivers": {"users": 100},
            "provenance": PROV, **extra}


# The applications, the assumptions and the assets of a test, in the order inputs_from takes
# them.
Data = tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]


def data(*, scenarios: list[dict[str, Any]], assets: list[dict[str, Any]] | None = None,
         extra: dict[str, Any] | None = None, apps: int = 2) -> Data:
    """``apps`` applications (the first, 'ref', quoted), fixed staff and running costs, the
    status quo and ``scenarios``; ``extra`` adds to or replaces assumptions."""
    applications = [_app("ref", quotes=[{"amount": "100k", "date": "2022-05-18"}])]
    applications += [_app(f"app{i}") for i in range(1, apps)]
    assumptions = {
        "reference": "ref", "valuation_date": "2023-01-01",
        "drivers": {"users": {"elasticity": 0.5}},
        "uncertainty": {"reference": 1, "application": 1},
        "optimism_bias": 0, "discount_rate": "10%", "horizon": {"start": 2023, "end": 2024},
        # Prices of 2023, no inflation: the hand computations below stay in round numbers.
        "price_base_year": 2023, "indexation": {"general": {"rate": 0}},
        "staff": {"cost_per_fte": "50k", "turnover": 0, "vacancy_rate": 0,
                  "recruitment_cost": 0, "teams": [{"id": "ops", "name": "Ops", "fte": 2}]},
        "running": [{"id": "dc", "name": "Data centre", "annual": "10k"}],
        "scenarios": [{"id": "status-quo", "name": "Status quo"}, *scenarios],
        **(extra or {}),
    }
    return applications, assumptions, list(assets or [])


def build(*, scenarios: list[dict[str, Any]], assets: list[dict[str, Any]] | None = None,
          extra: dict[str, Any] | None = None, apps: int = 2) -> Inputs:
    """The inputs of :func:`data`, built in memory."""
    return inputs_from(*data(scenarios=scenarios, assets=assets, extra=extra, apps=apps))


def write(folder: Path, given: Data) -> Path:
    """The three files of ``given``, for a test of positions in files."""
    applications, assumptions, assets = given
    return write_files(folder, yaml.safe_dump({"applications": applications}),
                       yaml.safe_dump({"assets": assets}),
                       yaml.safe_dump(assumptions, sort_keys=False))


def compare(inputs: Inputs, samples: int = 500) -> Comparison:
    result = estimate(inputs, EstimateOptions(samples=samples, seed=1))
    assert result.comparison is not None
    return result.comparison


def by_id(c: Comparison) -> dict[str, ScenarioResult]:
    return {s.id: s for s in c.scenarios}


MOVE = {"id": "move", "name": "Move",
        "waves": [{"date": "2023-01-01", "share": "1/2"}, {"date": "2024-01-01", "share": "1/2"}],
        "running": {"stops": [{"id": "dc", "date": "2024-01-01"}]},
        "transition": {"knowledge_transfer": "20k"}}


def test_two_year_scenario_npv_by_hand() -> None:
    c = compare(build(scenarios=[MOVE]))
    s = by_id(c)
    # Status quo: staff 2 x 50k and running 10k each year -> 110k + 110k / 1.1 = 210k.
    assert s["status-quo"].npv.mean == pytest.approx(210_000, rel=1e-12)
    # Move: 2023: migration 100k (ref), staff 100k, running 10k, transfer 10k = 220k;
    # 2024: migration 100k, staff 100k, running 0, transfer 10k = 210k, discounted / 1.1.
    expected = 220_000 + 210_000 / 1.1
    move = s["move"]
    for key in ("p10", "p50", "p90", "mean"):
        assert getattr(move.npv, key) == pytest.approx(expected, rel=1e-12)
    assert move.delta_vs_status_quo is not None
    assert move.delta_vs_status_quo.mean == pytest.approx(expected - 210_000, rel=1e-12)
    y2023 = move.by_year[0]
    assert y2023.cash["migration"].mean == pytest.approx(100_000, rel=1e-12)
    assert y2023.cash["transition"].mean == pytest.approx(10_000, rel=1e-12)
    assert move.by_year[1].cash["running"].mean == 0.0
    assert c.base_year == 2023 and c.years == (2023, 2024)


def test_mean_npv_is_discounted_sum_of_yearly_means() -> None:
    uncertain = {**MOVE, "transition": {"knowledge_transfer": "10k to 40k",
                                        "double_running_months": {"pert": [1, 3, 6]}}}
    extra = {"optimism_bias": "flyvbjerg-2011",
             "uncertainty": {"reference": 1, "application": "0.5 to 2"}}
    c = compare(build(scenarios=[uncertain], extra=extra, apps=6), samples=2000)
    for s in c.scenarios:
        discounted = sum(y.cash_total.mean / 1.1 ** (y.year - 2023) for y in s.by_year)
        assert s.npv.mean == pytest.approx(discounted, rel=1e-9)


def test_status_quo_difference_to_itself_is_exactly_zero() -> None:
    twin = {"id": "twin", "name": "Same as status quo"}
    extra = {"optimism_bias": "flyvbjerg-2011", "staff": {
        "cost_per_fte": "40k to 60k", "teams": [{"id": "ops", "name": "Ops", "fte": 3}]}}
    assets = [{"id": "dc", "name": "DC", "category": "datacenter", "cost": "1M to 2M",
               "in_service": "2020-01-01", "life_years": 3, "provenance": PROV}]
    s = by_id(compare(build(scenarios=[twin], extra=extra, assets=assets)))
    delta = s["twin"].delta_vs_status_quo
    assert delta is not None
    assert delta.as_dict() == {"p10": 0.0, "p50": 0.0, "p90": 0.0, "mean": 0.0}
    for year in s["twin"].by_year:
        assert year.delta_cash_total is not None
        assert year.delta_cash_total.as_dict() == {"p10": 0.0, "p50": 0.0, "p90": 0.0,
                                                   "mean": 0.0}
    # ... while the status quo itself is uncertain (staff cost and renewal are ranges).
    assert s["status-quo"].npv.p10 < s["status-quo"].npv.p90


def test_moving_a_wave_one_year_later_discounts_it_once_more() -> None:
    early = {"id": "early", "name": "Early", "waves": [{"date": "2023-03-01", "share": 1}]}
    late = {"id": "late", "name": "Late", "waves": [{"date": "2024-03-01", "share": 1}]}
    extra = {"uncertainty": {"reference": 1, "application": "0.5 to 2"},
             "optimism_bias": "10% to 40%"}
    s = by_id(compare(build(scenarios=[early, late], extra=extra, apps=5)))
    d_early, d_late = s["early"].delta_vs_status_quo, s["late"].delta_vs_status_quo
    assert d_early is not None and d_late is not None
    for key in ("p10", "p50", "p90", "mean"):
        assert getattr(d_late, key) == pytest.approx(getattr(d_early, key) / 1.1, rel=1e-9)


def test_decommissioning_after_end_of_life_writes_nothing_off() -> None:
    assets = [{"id": "old", "name": "Old", "category": "platform", "cost": "500k",
               "in_service": "2015-01-01", "life_years": 5, "provenance": PROV},
              {"id": "new", "name": "New", "category": "platform", "cost": "500k",
               "in_service": "2020-01-01", "life_years": 5, "provenance": PROV}]
    scenario = {"id": "drop", "name": "Drop", "decommission": [
        {"asset": "old", "date": "2023-06-30"}, {"asset": "new", "date": "2023-01-01"}]}
    both = by_id(compare(build(scenarios=[scenario], assets=assets)))
    s = both["drop"]
    stranded = {x.asset: x for x in s.stranded}
    assert stranded["old"].written_off.mean == 0.0
    # M57, 30E/360: 3 of 5 years consumed at 2023-01-01 -> 200k written off, non-cash.
    assert stranded["new"].written_off.mean == pytest.approx(200_000, rel=1e-12)
    assert stranded["new"].remaining_years.mean == pytest.approx(2.0)
    assert s.by_year[0].non_cash["write_off"].mean == pytest.approx(200_000, rel=1e-12)
    # The write-off stays out of cash: no renewal falls in the horizon, so cash is the
    # status quo's to the euro.
    assert s.by_year[0].cash_total.as_dict() == both["status-quo"].by_year[0].cash_total.as_dict()
    assert "write_off" not in s.by_year[0].cash


def test_team_transfer_and_removal() -> None:
    scenario = {"id": "t", "name": "T", "teams": [
        {"team": "ops", "fate": "transferred", "date": "2023-07-02", "share": "1/2"},
        {"team": "ops", "fate": "removed", "date": "2024-01-01", "share": "1/2"}]}
    s = by_id(compare(build(scenarios=[scenario])))["t"]
    first, second = s.staff[0].headcount["ops"], s.staff[1].headcount["ops"]
    half_year = year_fraction(2023, dt.date(2023, 7, 2))
    assert first.transferred == pytest.approx(2 * 0.5 * half_year)
    assert second.removed == pytest.approx(1.0) and second.transferred == pytest.approx(1.0)
    # 2024: one FTE removed, one transferred at unchanged cost -> 50k of staff.
    assert s.by_year[1].cash["staff"].mean == pytest.approx(50_000, rel=1e-12)


def test_wave_assignment_by_share_and_ids() -> None:
    inputs = build(scenarios=[{
        "id": "w", "name": "W", "waves": [
            {"date": "2024-01-01", "applications": ["app3"]},
            {"date": "2023-01-01", "share": "1/2"}]}], apps=5)
    dates = assign_waves(inputs, inputs.assumptions.scenarios[1])
    assert dates["app3"] == dt.date(2024, 1, 1)
    # Four applications remain; half of them (the first two in inventory order) move.
    assert [k for k, v in dates.items() if v == dt.date(2023, 1, 1)] == ["ref", "app1"]
    assert "app4" not in dates


def test_year_fraction() -> None:
    assert year_fraction(2024, dt.date(2024, 7, 1)) == pytest.approx(184 / 366)
    assert year_fraction(2023, None, dt.date(2023, 1, 1)) == 0.0
    assert year_fraction(2023, dt.date(2020, 1, 1), None) == 1.0


def test_unknown_team_running_cost_and_index_are_errors_naming_the_line(tmp_path: Path
                                                                         ) -> None:
    from soicost.errors import InputError

    scenario = {"id": "bad", "name": "Bad",
                "teams": [{"team": "opps", "fate": "removed", "date": "2023-01-01"}],
                "running": {"stops": [{"id": "dcc", "date": "2023-01-01"}]}}
    # On files: the problems name their lines there.
    folder = write(tmp_path, data(scenarios=[scenario], extra={"index_of": {"staff": "pay"}}))
    with pytest.raises(InputError) as caught:
        load_inputs(folder)
    text = caught.value.render()
    assert "team 'opps' is not a known team of staff.teams" in text
    assert "did you mean 'ops'?" in text
    assert "running cost 'dcc' is not a known running cost" in text
    assert "price index 'pay' is not a known index" in text
    assert all(p.location.line > 0 for p in caught.value.problems)


def test_a_number_is_not_a_date() -> None:
    from soicost.errors import InputError

    with pytest.raises(InputError) as caught:
        build(scenarios=[{"id": "w", "name": "W", "waves": [{"date": 0, "share": 1}]}])
    assert "scenarios[1].waves[0].date: not a valid date" in caught.value.render()


# --------------------------------------------------------------------------------------
# Every category of every year, by hand

FULL_STAFF = {"cost_per_fte": "50k", "transfer_uplift": "10%", "turnover": "20%",
              "vacancy_rate": "10%", "vacancy_cover": 0.5, "recruitment_cost": "5k",
              "months_to_fill": 4,
              "teams": [{"id": "ops", "name": "Ops", "fte": 4},
                        {"id": "dev", "name": "Dev", "fte": 2}]}
FULL_RUNNING = [{"id": "dc", "name": "Data centre", "annual": "10k"},
                {"id": "lic", "name": "Licences", "annual": "6k"}]
FULL_ASSETS = [
    {"id": "plat", "name": "Platform", "category": "platform", "cost": "300k",
     "in_service": "2020-01-01", "life_years": 5, "provenance": PROV},
    {"id": "net", "name": "Network", "category": "network", "cost": "20k",
     "in_service": "2021-06-01", "life_years": 2, "provenance": PROV},
    # In service on the day of the last wave: still abandoned by the default rule...
    {"id": "dc2", "name": "Room 2", "category": "datacenter", "cost": "100k",
     "in_service": "2024-07-01", "life_years": 10, "provenance": PROV},
    # ... but not one put in service the day after.
    {"id": "dc3", "name": "Room 3", "category": "datacenter", "cost": "100k",
     "in_service": "2024-07-02", "life_years": 10, "provenance": PROV},
]
FULL = {"id": "full", "name": "Full",
        "waves": [{"date": "2023-01-01", "share": "1/2"}, {"date": "2024-07-01", "share": "1/2"}],
        "teams": [{"team": "ops", "fate": "transferred", "date": "2024-01-01", "share": "1/2"},
                  {"team": "dev", "fate": "removed", "date": "2025-01-01"}],
        "attrition": [{"from": 2024, "until": 2025, "turnover": "30%", "vacancy_rate": "20%",
                       "months_to_fill": 6}],
        "running": {"stops": [{"id": "dc", "date": "2024-07-01"}],
                    "adds": [{"name": "Hosting", "annual": "12k", "from": "2024-01-01",
                              "scale": "migrated"},
                             {"name": "Support", "annual": "5k", "from": "2023-07-01",
                              "until": "2024-07-01"}]},
        "transition": {"double_running_months": 6, "knowledge_transfer": "20k",
                       "training": "4k", "productivity_loss": "10%"},
        "rps_proxies": [{"name": "Absence", "annual": "3k", "from": "2024-01-01"}]}


FULL_EXTRA = {"horizon": {"start": 2023, "end": 2025}, "staff": FULL_STAFF,
              "running": FULL_RUNNING}


def _full_data(*, scenario: dict[str, Any] = FULL,
               assets: list[dict[str, Any]] | None = FULL_ASSETS, **extra: Any) -> Data:
    """Four applications, the full staff and running costs, ``scenario`` beside the status
    quo; ``extra`` adds to or replaces assumptions."""
    return data(scenarios=[scenario], assets=assets, extra={**FULL_EXTRA, **extra}, apps=4)


def _full_inputs(*, scenario: dict[str, Any] = FULL,
                 assets: list[dict[str, Any]] | None = FULL_ASSETS, **extra: Any) -> Inputs:
    return inputs_from(*_full_data(scenario=scenario, assets=assets, **extra))


def _full() -> dict[str, ScenarioResult]:
    return by_id(compare(_full_inputs(), samples=100))


def _engine_sums(inputs: Any, samples: int, seed: int) -> tuple[list[Any], Any, Any, Any]:
    """The scenarios, and the engine's migration sums by scenario and year, as compare and
    the sensitivity analysis build them."""
    from soicost.model.engine import simulate
    from soicost.model.plan import build_plan

    chosen = scenario_list(inputs)
    weights, columns, dates = migration_columns(inputs, chosen, horizon(inputs).years)
    sums = simulate(build_plan(inputs, "drivers"), samples=samples, seed=seed,
                    weights=weights).sums
    return chosen, sums, columns, dates


def _run(inputs: Any, chosen: list[Any], sums: Any, columns: Any, dates: Any, samples: int,
         seed: int, euros: Any = "constant") -> ScenarioRun:
    return ScenarioRun(inputs, tuple(chosen), MigrationSums(sums, columns, dates), samples,
                       seed, euros)


def test_every_category_of_every_year_by_hand() -> None:
    s = _full()
    # Day counts: 2024-07-01 leaves 184 of 366 days of 2024; 2023-07-01 leaves 184 of 365.
    late = 184 / 366
    k = 1000.0
    expected_sq = {
        # staff: 6 FTE x 50k x (1 - 10 % vacant); cover: 6 x 10 % x 50k x 0.5;
        # recruitment: 6 x 20 % x 5k; running: 10k + 6k; renewals: the network every two
        # years (2023, 2025) and the platform at the end of its life (2025).
        2023: {"migration": 0, "staff": 270 * k, "vacancy": 15 * k, "recruitment": 6 * k,
               "running": 16 * k, "transition": 0, "renewal": 20 * k},
        2024: {"migration": 0, "staff": 270 * k, "vacancy": 15 * k, "recruitment": 6 * k,
               "running": 16 * k, "transition": 0, "renewal": 0},
        2025: {"migration": 0, "staff": 270 * k, "vacancy": 15 * k, "recruitment": 6 * k,
               "running": 16 * k, "transition": 0, "renewal": 320 * k},
    }
    expected_full = {
        # 2023: 6 FTE stay; half the portfolio (2 x 100k) migrates; the support contract
        # runs from 1 July; each wave carries half of 6 months of the stopped 10k and of
        # the 24k of knowledge transfer and training.
        2023: {"migration": 200 * k, "staff": 270 * k, "vacancy": 15 * k,
               "recruitment": 6 * k, "running": 16 * k + 5 * k * 184 / 365,
               "transition": 0.5 * (0.5 * 10 * k + 24 * k), "renewal": 20 * k},
        # 2024: 2 ops FTE transferred (+10 %), 4 stay, 20 % vacant and 30 % turnover; the
        # move costs 10 % of 2 FTE; the data centre stops on 1 July; hosting is charged
        # on the share migrated (2 apps all year, 2 from 1 July); support until 1 July.
        2024: {"migration": 200 * k, "staff": 50 * k * (4 + 2 * 1.1) * 0.8,
               "vacancy": 6 * 0.2 * 50 * k * 0.5, "recruitment": 6 * 0.3 * 5 * k,
               "running": (10 * k * 182 / 366 + 6 * k + 12 * k * (2 + 2 * late) / 4
                           + 5 * k * 182 / 366),
               "transition": 0.5 * (0.5 * 10 * k + 24 * k) + 2 * 50 * k * 0.1,
               "renewal": 0},
        # 2025: dev (2 FTE) removed; 2 ops stay, 2 transferred; the removal costs 10 % of
        # 2 FTE; the platform, abandoned in 2024, is not renewed.
        2025: {"migration": 0, "staff": 50 * k * (2 + 2 * 1.1) * 0.8,
               "vacancy": 4 * 0.2 * 50 * k * 0.5, "recruitment": 4 * 0.3 * 5 * k,
               "running": 6 * k + 12 * k, "transition": 2 * 50 * k * 0.1,
               "renewal": 20 * k},
    }
    for sid, expected in (("status-quo", expected_sq), ("full", expected_full)):
        for year in s[sid].by_year:
            for category, value in expected[year.year].items():
                stats = year.cash[category]
                # Every input is fixed: the four figures are one number.
                for key in ("p10", "p50", "p90", "mean"):
                    assert getattr(stats, key) == pytest.approx(value, rel=1e-12, abs=1e-9), (
                        sid, year.year, category, key)
            assert year.cash_total.mean == pytest.approx(sum(expected[year.year].values()),
                                                         rel=1e-12)
    # Non-cash: the platform at 2024-07-01 (4.5 of 5 years consumed: 30k) and room 2 on
    # its first day (its whole cost), both in 2024, both abandoned by the default rule.
    full = s["full"]
    assert [y.non_cash["write_off"].mean for y in full.by_year] == pytest.approx(
        [0, 130 * k, 0], rel=1e-12)
    assert [y.non_cash_total.mean for y in full.by_year] == pytest.approx([0, 130 * k, 0],
                                                                          rel=1e-12)
    assert full.non_cash_total.mean == pytest.approx(130 * k, rel=1e-12)
    stranded = {x.asset: x for x in full.stranded}
    assert sorted(stranded) == ["dc2", "plat"]
    assert stranded["plat"].date == dt.date(2024, 7, 1)
    assert stranded["plat"].written_off.mean == pytest.approx(30 * k, rel=1e-12)
    assert stranded["plat"].remaining_years.mean == pytest.approx(0.5, rel=1e-12)
    assert stranded["plat"].lost_charges.mean == pytest.approx(30 * k, rel=1e-12)
    assert s["status-quo"].stranded == ()
    # RPS proxies are counted apart, from 2024, discounted like the rest.
    assert [y.proxies.mean for y in full.by_year] == pytest.approx([0, 3 * k, 3 * k])
    assert full.proxies_npv.mean == pytest.approx(3 * k / 1.1 + 3 * k / 1.1**2, rel=1e-12)
    # Totals over the horizon, the NPV at 10 % and the difference to the status quo.
    for sid, expected in (("status-quo", expected_sq), ("full", expected_full)):
        totals = [sum(expected[t].values()) for t in (2023, 2024, 2025)]
        npv = sum(v / 1.1 ** i for i, v in enumerate(totals))
        assert s[sid].cash_total.mean == pytest.approx(sum(totals), rel=1e-12)
        assert s[sid].npv.mean == pytest.approx(npv, rel=1e-12)
    sq_totals = [sum(expected_sq[t].values()) for t in (2023, 2024, 2025)]
    full_totals = [sum(expected_full[t].values()) for t in (2023, 2024, 2025)]
    assert full.delta_vs_status_quo is not None
    assert full.delta_vs_status_quo.mean == pytest.approx(
        sum((f - q) / 1.1 ** i for i, (f, q) in enumerate(zip(full_totals, sq_totals,
                                                              strict=True))), rel=1e-12)
    for year, f, q in zip(full.by_year, full_totals, sq_totals, strict=True):
        assert year.delta_cash_total is not None and year.delta_cash is not None
        assert year.delta_cash_total.mean == pytest.approx(f - q, rel=1e-12)
        assert year.delta_cash["staff"].mean == pytest.approx(
            expected_full[year.year]["staff"] - expected_sq[year.year]["staff"], rel=1e-12,
            abs=1e-9)
    assert full.migrated == 4


def test_staff_figures_of_every_year_by_hand() -> None:
    s = _full()
    full = s["full"]
    heads = [(y.headcount["ops"], y.headcount["dev"]) for y in full.staff]
    assert [v for o, _ in heads for v in (o.stays, o.transferred, o.removed)] == pytest.approx(
        [4, 0, 0, 2, 2, 0, 2, 2, 0])
    assert [v for _, d in heads for v in (d.stays, d.transferred, d.removed)] == pytest.approx(
        [2, 0, 0, 2, 0, 0, 0, 0, 2])
    # Budgeted FTE x turnover, and x vacancy rate (the 2024-2025 override applies).
    assert [y.departures.mean for y in full.staff] == pytest.approx([1.2, 1.8, 1.2])
    assert [y.vacancies.mean for y in full.staff] == pytest.approx([0.6, 1.2, 0.8])
    assert [y.months_to_fill for y in full.staff] == [4, 6, 6]
    assert [y.months_to_fill for y in s["status-quo"].staff] == [4, 4, 4]
    assert [y.departures.mean for y in s["status-quo"].staff] == pytest.approx([1.2] * 3)


def test_npv_samples_agree_with_the_comparison() -> None:
    # What the sensitivity analysis varies must be the very NPV that compare reports.
    inputs = _full_inputs()
    chosen, sums, columns, dates = _engine_sums(inputs, 100, 1)
    out = npv_samples(_run(inputs, chosen, sums, columns, dates, 100, 1))
    s = _full()
    npv_sq, none = out["status-quo"]
    npv_full, delta = out["full"]
    assert none is None and delta is not None
    assert npv_sq.shape == npv_full.shape == delta.shape == (100,)
    assert float(npv_sq.mean()) == pytest.approx(s["status-quo"].npv.mean, rel=1e-12)
    assert float(npv_full.mean()) == pytest.approx(s["full"].npv.mean, rel=1e-12)
    assert s["full"].delta_vs_status_quo is not None
    assert float(delta.mean()) == pytest.approx(s["full"].delta_vs_status_quo.mean, rel=1e-12)
    assert_allclose(delta, npv_full - npv_sq, rtol=1e-9)
    # Called from Python without a choice of euros, the comparison is in constant euros.
    direct = evaluate(_run(inputs, chosen, sums, columns, dates, 100, 1))
    assert direct.euros == "constant"
    assert direct.scenarios[1].npv.mean == pytest.approx(s["full"].npv.mean, rel=1e-12)


def test_migration_columns_one_per_scenario_and_wave_year() -> None:
    inputs = _full_inputs()
    chosen = scenario_list(inputs)
    weights, columns, _ = migration_columns(inputs, chosen, (2023, 2024))
    # The status quo migrates nothing; "full" moves ref and app1 in 2023, the rest in 2024.
    assert columns == {("full", 2023): 1, ("full", 2024): 2}
    assert weights.tolist() == [[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1]]
    # A wave outside the horizon gets no column.
    weights, columns, _ = migration_columns(inputs, chosen, (2023,))
    assert columns == {("full", 2023): 1}
    assert weights.tolist() == [[1, 1], [1, 1], [1, 0], [1, 0]]


def test_scenario_list_puts_the_status_quo_first() -> None:
    applications, assumptions, assets = data(scenarios=[{"id": "a", "name": "A"},
                                                        {"id": "b", "name": "B"}])
    inputs = inputs_from(applications, assumptions, assets)
    assert [s.id for s in scenario_list(inputs)] == ["status-quo", "a", "b"]
    assert [s.id for s in scenario_list(inputs, ["b"])] == ["status-quo", "b"]
    # Without a status quo in the assumptions, an implicit one (nothing moves) comes first.
    assumptions["scenarios"] = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    implicit = inputs_from(applications, assumptions, assets)
    listed = scenario_list(implicit)
    assert [s.id for s in listed] == ["status-quo", "a", "b"]
    assert listed[0].name == "Status quo (implicit: nothing moves)"
    assert listed[0].decommission == [] and listed[0].waves == []
    s = by_id(compare(implicit))
    assert s["status-quo"].implicit and not s["a"].implicit


def test_default_horizon_is_eight_years_from_the_valuation_date() -> None:
    applications, assumptions, assets = data(scenarios=[])
    del assumptions["horizon"]
    assumptions["valuation_date"] = "2024-03-01"
    h = horizon(inputs_from(applications, assumptions, assets))
    assert h.years == tuple(range(2024, 2032)) and h.base_year == 2023
    assumptions["horizon"] = {"start": 2026}
    assert horizon(inputs_from(applications, assumptions, assets)).years == tuple(range(2026, 2034))


def test_current_euros_index_every_cash_category() -> None:
    inputs = _full_inputs(indexation={"general": {"rate": "2%"}})

    def scenarios(**options: Any) -> dict[str, ScenarioResult]:
        comparison = estimate(inputs, EstimateOptions(samples=100, seed=1, **options)).comparison
        assert comparison is not None
        return by_id(comparison)

    constant, current = scenarios(), scenarios(euros="current")
    comparison = estimate(inputs, EstimateOptions(samples=100, seed=1,
                                                  euros="current")).comparison
    assert comparison is not None and comparison.euros == "current"
    for c, k in zip(constant["full"].by_year, current["full"].by_year, strict=True):
        factor = 1.02 ** (c.year - 2023)
        for category in ("staff", "vacancy", "recruitment", "running", "transition"):
            assert k.cash[category].mean == pytest.approx(c.cash[category].mean * factor,
                                                          rel=1e-12, abs=1e-9), category
    # An uncertain index: each year's staff cost follows (1 + r)^(t − 2023) sample by
    # sample, so its median sits at the median rate (2 % for a uniform on 1 %–3 %).
    uncertain = _full_inputs(indexation={"general": {"rate": {"uniform": [0.01, 0.03]}}})
    result = estimate(uncertain, EstimateOptions(samples=4000, seed=1, euros="current"))
    assert result.comparison is not None
    staff_2025 = by_id(result.comparison)["status-quo"].by_year[2].cash["staff"]
    assert staff_2025.p50 == pytest.approx(270_000 * 1.02**2, rel=2e-3)
    assert staff_2025.p10 == pytest.approx(270_000 * 1.012**2, rel=2e-3)
    assert staff_2025.p90 == pytest.approx(270_000 * 1.028**2, rel=2e-3)


# --------------------------------------------------------------------------------------
# Each uncertain input of the timelines draws from the stream named after it

def _set(data: dict[str, Any], path: tuple[Any, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


# (where in the assumptions, stream name, scenario, year, category). Each category is
# increasing and linear in the input, all else fixed: from two fixed runs (at the bounds),
# its samples are a + b × (the stream's draws), whose statistics the model must give.
STREAMS = [
    (("staff", "cost_per_fte"), "staff:cost_per_fte", "status-quo", 2023, "staff"),
    (("staff", "transfer_uplift"), "staff:transfer_uplift", "full", 2024, "staff"),
    (("staff", "vacancy_cover"), "staff:vacancy_cover", "full", 2023, "vacancy"),
    (("staff", "recruitment_cost"), "staff:recruitment_cost", "full", 2023, "recruitment"),
    (("staff", "turnover"), "staff:turnover", "status-quo", 2023, "recruitment"),
    (("staff", "vacancy_rate"), "staff:vacancy_rate", "status-quo", 2023, "vacancy"),
    (("staff", "teams", 0, "fte"), "team:ops:fte", "status-quo", 2023, "staff"),
    (("running", 0, "annual"), "running:dc", "status-quo", 2023, "running"),
    (("scenarios", 1, "transition", "productivity_loss"), "scenario:full:productivity_loss",
     "full", 2024, "transition"),
    (("scenarios", 1, "running", "adds", 0, "annual"), "scenario:full:running:0", "full",
     2025, "running"),
    (("scenarios", 1, "transition", "double_running_months"),
     "scenario:full:double_running_months", "full", 2023, "transition"),
    (("scenarios", 1, "transition", "knowledge_transfer"), "scenario:full:knowledge_transfer",
     "full", 2023, "transition"),
    (("scenarios", 1, "transition", "training"), "scenario:full:training", "full", 2023,
     "transition"),
    (("scenarios", 1, "attrition", 0, "turnover"), "scenario:full:attrition:0:turnover",
     "full", 2024, "recruitment"),
    (("scenarios", 1, "attrition", 0, "vacancy_rate"),
     "scenario:full:attrition:0:vacancy_rate", "full", 2024, "vacancy"),
    (("scenarios", 1, "rps_proxies", 0, "annual"), "scenario:full:rps_proxy:0", "full", 2024,
     "proxies"),
]


@pytest.mark.parametrize(("path", "stream", "sid", "year", "category"), STREAMS,
                         ids=[s[1] for s in STREAMS])
def test_each_timeline_input_draws_from_its_named_stream(
        path: tuple[Any, ...], stream: str, sid: str, year: int, category: str) -> None:
    from soicost.inputs.quantity import parse_quantity
    from soicost.model.rng import generator
    from soicost.model.sampling import draw
    from soicost.model.stats import summarise

    # A copy: the assumptions share FULL_STAFF, FULL_RUNNING and FULL with other tests.
    applications, assumptions, assets = copy.deepcopy(_full_data())
    low, high = 0.1, 0.3

    def figure(value: object, samples: int) -> Any:
        _set(assumptions, path, value)
        inputs = inputs_from(applications, assumptions, assets)
        result = estimate(inputs, EstimateOptions(samples=samples, seed=7))
        assert result.comparison is not None
        row = by_id(result.comparison)[sid].by_year[year - 2023]
        return row.proxies if category == "proxies" else row.cash[category]

    at_low, at_high = figure(low, 100).mean, figure(high, 100).mean
    slope = (at_high - at_low) / (high - low)
    assert slope > 0
    uncertain = {"uniform": [low, high]}
    draws = draw(parse_quantity(uncertain).dist, generator(7, stream), 400)
    expected = summarise(at_low + slope * (draws - low))
    got = figure(uncertain, 400)
    for key in ("p10", "p50", "p90", "mean"):
        assert getattr(got, key) == pytest.approx(getattr(expected, key), rel=1e-9), key


def test_discount_rate_and_index_draw_from_their_named_streams() -> None:
    from soicost.inputs.quantity import parse_quantity
    from soicost.model.rng import generator
    from soicost.model.sampling import draw
    from soicost.model.stats import summarise

    # No assets: their renewals, priced in the euros of their purchase, follow the index.
    inputs = _full_inputs(assets=None, discount_rate={"uniform": [0.02, 0.06]},
                          indexation={"general": {"rate": {"uniform": [0.01, 0.03]}}})
    n = 400
    rate = draw(parse_quantity({"uniform": [0.02, 0.06]}).dist, generator(7, "discount_rate"),
                n)
    index = draw(parse_quantity({"uniform": [0.01, 0.03]}).dist, generator(7, "index:general"),
                 n)
    constant = estimate(inputs, EstimateOptions(samples=n, seed=7)).comparison
    assert constant is not None
    # In constant euros every cash figure of the status quo is fixed here: its NPV, sample by
    # sample, is the sum of the yearly totals discounted at the drawn rate.
    totals = [y.cash_total.mean for y in by_id(constant)["status-quo"].by_year]
    chosen, sums, columns, dates = _engine_sums(inputs, n, 7)
    npv, _ = npv_samples(_run(inputs, chosen, sums, columns, dates, n, 7))["status-quo"]
    assert_allclose(npv, sum(c / (1 + rate) ** i for i, c in enumerate(totals)), rtol=1e-12)
    # In current euros, the 2024 staff cost is that of 2023 times (1 + the drawn index).
    current = estimate(inputs, EstimateOptions(samples=n, seed=7, euros="current")).comparison
    assert current is not None
    staff = by_id(current)["status-quo"].by_year[1].cash["staff"]
    expected = summarise(270_000 * (1 + index))
    for key in ("p10", "p50", "p90", "mean"):
        assert getattr(staff, key) == pytest.approx(getattr(expected, key), rel=1e-12), key


def test_scenario_identity_rps_register_and_notes() -> None:
    scenario = {"id": "t", "name": "Transfer", "description": "All at once.",
                "rps": {"job_insecurity": {"likelihood": 4, "severity": 3,
                                           "rationale": "Posts move."},
                        "work_intensity": {"likelihood": 2, "severity": 5,
                                           "rationale": "Double running."}}}
    c = compare(build(scenarios=[scenario], extra={"discount_rate": "3.2%"}))
    s = by_id(c)["t"]
    assert (s.name, s.description, s.implicit) == ("Transfer", "All at once.", False)
    # The register follows the Gollac report's order of the six axes, not the file's.
    assert [(r.axis, r.likelihood, r.severity, r.rationale) for r in s.rps] == [
        ("work_intensity", 2, 5, "Double running."), ("job_insecurity", 4, 3, "Posts move.")]
    assert [y.year for y in s.staff] == [2023, 2024]
    assert [note.text("en") for note in c.notes] == [
        "Discount rate 3.2 % (France Stratégie 2021), a real rate."]
    assert [note.text("fr") for note in c.notes] == [
        "Taux d'actualisation de 3,2\u202f% (France Stratégie 2021), un taux réel."]
    assert (c.discount_rate, c.status_quo, c.euros, c.price_base_year) == (
        "3.2%", "status-quo", "constant", 2023)
    other = compare(build(scenarios=[scenario]))
    assert other.notes == () and other.discount_rate == "10%"


def test_hosting_is_abandoned_by_default_only_when_every_application_leaves() -> None:
    assets = [{"id": "plat", "name": "Platform", "category": "platform", "cost": "300k",
               "in_service": "2020-01-01", "life_years": 5, "provenance": PROV},
              {"id": "net", "name": "Network", "category": "network", "cost": "20k",
               "in_service": "2021-06-01", "life_years": 2, "provenance": PROV}]
    part = {"id": "part", "name": "Part", "waves": [{"date": "2023-07-01", "share": "1/2"}]}
    whole = {"id": "whole", "name": "Whole", "waves": [{"date": "2023-07-01", "share": 1}]}
    s = by_id(compare(build(scenarios=[part, whole], assets=assets)))
    assert s["part"].stranded == () and s["part"].migrated == 1
    assert [(x.asset, x.date) for x in s["whole"].stranded] == [("plat", dt.date(2023, 7, 1))]
    # 3.5 of 5 years consumed: 30 % of 300k written off; the network is not hosting.
    assert s["whole"].stranded[0].written_off.mean == pytest.approx(90_000, rel=1e-12)


def test_constant_euros_with_an_index_per_category() -> None:
    # Inflation 2 %; salaries 3 %, equipment 1 %. In constant 2023 euros a flow of year t is
    # C × ((1 + i_c) / 1.02)^(t − 2023); an asset's renewal is its historical cost indexed
    # from its in-service year; a book value of year t is deflated by 1.02^(t − 2023).
    s = by_id(compare(_full_inputs(
        indexation={"general": {"rate": "2%"}, "salaries": {"rate": "3%"},
                    "equipment": {"rate": "1%"}},
        index_of={"staff": "salaries", "rps_proxies": "salaries", "renewal": "equipment"}),
        samples=100))
    sq, full = s["status-quo"].by_year, s["full"].by_year
    real = 1.03 / 1.02
    assert [y.cash["staff"].mean for y in sq] == pytest.approx(
        [270_000, 270_000 * real, 270_000 * real**2], rel=1e-12)
    # Running costs follow inflation: constant in constant euros.
    assert [y.cash["running"].mean for y in sq] == pytest.approx([16_000] * 3, rel=1e-12)
    # The network (20k, in service 2021) in 2023 and 2025; the platform (300k, 2020) in 2025.
    assert [y.cash["renewal"].mean for y in sq] == pytest.approx(
        [20_000 * 1.01**2, 0, (20_000 * 1.01**4 + 300_000 * 1.01**5) / 1.02**2], rel=1e-12)
    assert full[1].non_cash["write_off"].mean == pytest.approx(130_000 / 1.02, rel=1e-12)
    assert [y.proxies.mean for y in full] == pytest.approx([0, 3_000 * real, 3_000 * real**2],
                                                           rel=1e-12)


def test_repeated_moves_stops_and_proxies_add_up() -> None:
    scenario = {
        "id": "steps", "name": "Steps",
        "waves": [{"date": "2023-01-01", "share": 1}],
        # Two quarters of ops transferred, both in 2024: half of the team, moving that year.
        "teams": [{"team": "ops", "fate": "transferred", "date": "2024-01-01", "share": "1/4"},
                  {"team": "ops", "fate": "transferred", "date": "2024-01-01",
                   "share": "1/4"}],
        "running": {"stops": [{"id": "dc", "date": "2023-01-01"},
                              {"id": "lic", "date": "2023-01-01"}]},
        "transition": {"double_running_months": 12, "productivity_loss": "10%"},
        "rps_proxies": [{"name": "A", "annual": "1k", "from": "2023-01-01",
                         "until": "2023-07-02"},
                        {"name": "B", "annual": "2k", "from": "2023-01-01"}],
        # Abandoned at the end of 2023: its renewal of June 2023 is not paid.
        "decommission": [{"asset": "net", "date": "2023-12-31"}]}
    s = by_id(compare(_full_inputs(scenario=scenario, assets=FULL_ASSETS[:2]),
                      samples=100))["steps"]
    y2023, y2024 = s.by_year[0], s.by_year[1]
    # Twelve months of both stopped costs (10k + 6k) with the single wave.
    assert y2023.cash["transition"].mean == pytest.approx(16_000, rel=1e-12)
    assert s.staff[1].headcount["ops"].transferred == pytest.approx(2.0)
    assert y2024.cash["transition"].mean == pytest.approx(2 * 50_000 * 0.1, rel=1e-12)
    half = year_fraction(2023, dt.date(2023, 1, 1), dt.date(2023, 7, 2))
    assert [y.proxies.mean for y in s.by_year] == pytest.approx(
        [1_000 * half + 2_000, 2_000, 2_000], rel=1e-12)
    assert y2023.cash["renewal"].mean == 0.0
    assert y2023.cash["running"].mean == 0.0


def test_the_status_quo_has_no_deltas_and_may_write_off() -> None:
    assets = [{"id": "plat", "name": "Platform", "category": "platform", "cost": "300k",
               "in_service": "2020-01-01", "life_years": 5, "provenance": PROV}]
    applications, assumptions, assets = data(scenarios=[{"id": "same", "name": "Same"}],
                                             assets=assets)
    assumptions["scenarios"][0]["decommission"] = [{"asset": "plat", "date": "2023-01-01"}]
    s = by_id(compare(inputs_from(applications, assumptions, assets)))
    sq = s["status-quo"]
    assert sq.delta_vs_status_quo is None
    assert all(y.delta_cash_total is None and y.delta_cash is None
               and y.delta_non_cash_total is None for y in sq.by_year)
    # The status quo writes off 120k in 2023 (3 of 5 years consumed); "same" does not.
    assert sq.by_year[0].non_cash["write_off"].mean == pytest.approx(120_000, rel=1e-12)
    delta = s["same"].by_year[0].delta_non_cash_total
    assert delta is not None and delta.mean == pytest.approx(-120_000, rel=1e-12)


def test_uncertain_asset_costs_are_reproducible() -> None:
    assets = [{"id": "plat", "name": "Platform", "category": "platform",
               "cost": "200k to 400k", "in_service": "2020-01-01", "life_years": 3,
               "provenance": PROV}]
    first = compare(build(scenarios=[], assets=assets))
    second = compare(build(scenarios=[], assets=assets))
    renewals = [y.cash["renewal"].as_dict() for y in by_id(first)["status-quo"].by_year]
    assert renewals == [y.cash["renewal"].as_dict()
                        for y in by_id(second)["status-quo"].by_year]
    assert renewals[0]["p10"] < renewals[0]["p90"]


def test_npv_is_the_same_in_constant_and_current_euros() -> None:
    # docs/scenarios.md: a real rate with constant euros and a nominal rate with current
    # euros give the same NPV, whatever each category's index (here uncertain inflation,
    # salaries and equipment apart, renewals priced in their purchase year).
    inputs = _full_inputs(
        discount_rate="4%",
        indexation={"general": {"rate": "1% to 3%"}, "salaries": {"rate": "3%"},
                    "equipment": {"rate": {"uniform": [0, 0.02]}}},
        index_of={"staff": "salaries", "renewal": "equipment"})
    chosen, sums, columns, dates = _engine_sums(inputs, 300, 3)
    constant = npv_samples(_run(inputs, chosen, sums, columns, dates, 300, 3, "constant"))
    current = npv_samples(_run(inputs, chosen, sums, columns, dates, 300, 3, "current"))
    for sid in ("status-quo", "full"):
        assert_allclose(current[sid][0], constant[sid][0], rtol=1e-12)
    delta_current, delta_constant = current["full"][1], constant["full"][1]
    assert delta_current is not None and delta_constant is not None
    assert_allclose(delta_current, delta_constant, rtol=1e-10)
