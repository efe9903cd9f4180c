"""Invariants of the model, as properties over random valid inventories.

Hypothesis builds applications, assets and assumptions (drivers, teams, running costs,
scenarios with waves, decommissions, moves and transition costs) that validate, and checks
what must hold whatever the figures:

- the applications add up to the portfolio, sample by sample;
- cash and non-cash totals are the sums of their categories;
- net book values never go negative, nor below the residual value;
- scaling every monetary input by k scales every monetary output by k;
- adding an application never lowers the portfolio total, sample by sample;
- a scenario identical to the status quo differs from it by exactly zero;
- outputs are identical across runs, block sizes and worker counts;
- amounts from 1 € to 10^12 € keep their full relative precision through to the JSON.

Runs are small (a few hundred samples, a few dozen examples) so that the file stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from typer.testing import CliRunner

from conftest import write_files
from soicost.analysis.estimate import Estimate, EstimateOptions, Execution, estimate
from soicost.cli import app as cli_app
from soicost.finance import amortisation as am
from soicost.finance.scenarios import (
    CASH_CATEGORIES,
    NON_CASH_CATEGORIES,
    MigrationSums,
    _Shared,
    horizon,
    migration_columns,
    scenario_list,
)
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import load_inputs
from soicost.inputs.quantity import format_number
from soicost.model.engine import block_costs, common_draws, simulate
from soicost.model.plan import build_plan
from soicost.model.stats import Stats
from soicost.render.estimate import render_json

SAMPLES = 300
SEED = 20220518
PROPERTY = settings(max_examples=15, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------
# Random valid inventories, as plain data; monetary amounts are scaled when written.

Money = tuple[Any, ...]  # ("fixed", v) | ("range", low, high) | ("pert", a, b, c)


def money_yaml(spec: Money, k: float) -> Any:
    kind, *values = spec
    scaled = [v * k for v in values]
    if kind == "fixed":
        return scaled[0]
    if kind == "range":
        return f"{format_number(scaled[0])} to {format_number(scaled[1])}"
    return {"pert": scaled}


def money(low: float = 1e3, high: float = 1e7) -> st.SearchStrategy[Money]:
    value = st.floats(low, high)
    return st.one_of(
        value.map(lambda v: ("fixed", v)),
        st.tuples(value, st.floats(1.1, 5)).map(lambda t: ("range", t[0], t[0] * t[1])),
        st.tuples(value, st.floats(0, 1), st.floats(1.1, 4)).map(
            lambda t: ("pert", t[0], min(t[0] * (1 + t[1] * (t[2] - 1)), t[0] * t[2]),
                       t[0] * t[2])))


positive = st.one_of(st.floats(0.5, 5000).map(lambda v: round(v, 3)),
                     st.tuples(st.floats(1, 100), st.floats(1.5, 4))
                     .map(lambda t: f"{format_number(t[0])} to {format_number(t[0] * t[1])}"))
KINDS = ["vendor", "in-house", "lutece", "saas"]
STRATEGIES = [None, "retain", "retire", "rehost", "replatform", "refactor", "repurchase"]
CRITICALITIES = [None, "low", "medium", "high", "vital"]
CATEGORIES = ["datacenter", "telephony", "platform", "network", "workstations", "software",
              "other"]
RUNNING = ["hosting", "licences", "support", "telephony", "energy", "services", "other"]


@dataclass
class Inventory:
    drivers: list[str]
    elasticities: list[Any]
    apps: list[dict[str, Any]]
    assets: list[dict[str, Any]]
    teams: list[tuple[str, Any]]
    running: list[tuple[str, str, Money]]
    staff_cost: Money | None
    recruitment: Money | None
    uncertainty: Any
    optimism: Any
    scenarios: list[dict[str, Any]] = field(default_factory=list)

    def files(self, k: float = 1.0) -> tuple[str, str, str]:
        apps = []
        for a in self.apps:
            entry: dict[str, Any] = {"id": a["id"], "name": a["id"].title(), "kind": a["kind"]}
            for key in ("strategy", "criticality"):
                if a[key] is not None:
                    entry[key] = a[key]
            entry["drivers"] = dict(zip(self.drivers, a["drivers"], strict=True))
            if a["quote"] is not None:
                amount, date = a["quote"]
                entry["quotes"] = [{"amount": money_yaml(amount, k), "date": date}]
            entry["provenance"] = {"status": "illustrative"}
            apps.append(entry)
        assets = [{"id": s["id"], "name": s["id"].title(), "category": s["category"],
                   "cost": money_yaml(s["cost"], k), "residual": s["residual"] * k,
                   "in_service": s["in_service"], "life_years": s["life"],
                   "convention": s["convention"], "provenance": {"status": "assumed",
                                                                 "source": "test"}}
                  for s in self.assets]
        staff: dict[str, Any] = {"teams": [{"id": t, "name": t.title(), "fte": fte}
                                           for t, fte in self.teams]}
        if self.staff_cost is not None:
            staff["cost_per_fte"] = money_yaml(self.staff_cost, k)
        if self.recruitment is not None:
            staff["recruitment_cost"] = money_yaml(self.recruitment, k)
        assumptions: dict[str, Any] = {
            "reference": self.apps[0]["id"],
            "drivers": {d: {"elasticity": e} for d, e in zip(self.drivers, self.elasticities,
                                                             strict=True)},
            "uncertainty": {"reference": self.uncertainty, "application": self.uncertainty},
            "optimism_bias": self.optimism,
            "staff": staff,
            "running": [{"id": r, "name": r.title(), "category": c,
                         "annual": money_yaml(m, k)} for r, c, m in self.running],
            "scenarios": [_scenario_yaml(s, k) for s in self.scenarios],
        }
        return _dump({"applications": apps}), _dump({"assets": assets}), _dump(assumptions)


class _Dumper(yaml.SafeDumper):
    """Floats written as soicost writes them: never 1.875, which may group thousands."""


_Dumper.add_representer(
    float, lambda dumper, value: dumper.represent_str(format_number(value)))


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _scenario_yaml(s: dict[str, Any], k: float) -> dict[str, Any]:
    out = {key: value for key, value in s.items() if key not in ("transition", "adds",
                                                                 "proxies", "stops")}
    out["running"] = {"stops": s["stops"],
                      "adds": [{**add, "annual": money_yaml(add["annual"], k)}
                               for add in s["adds"]]}
    transition = dict(s["transition"])
    for key in ("knowledge_transfer", "training"):
        if key in transition:
            transition[key] = money_yaml(transition[key], k)
    out["transition"] = transition
    out["rps_proxies"] = [{**p, "annual": money_yaml(p["annual"], k)} for p in s["proxies"]]
    return out


def _date(year: int, day: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=day)


@st.composite
def scenarios_for(draw: st.DrawFn, inv: Inventory, index: int) -> dict[str, Any]:
    ids = [a["id"] for a in inv.apps]
    n_waves = draw(st.integers(1, 3))
    dates = sorted(draw(st.lists(st.integers(0, 3 * 365), min_size=n_waves,
                                 max_size=n_waves)))
    waves: list[dict[str, Any]] = []
    free = list(ids)
    share_left = 1.0
    for day in dates:
        date = _date(2023, day)
        by_id = draw(st.booleans())
        if free and by_id:
            chosen = draw(st.lists(st.sampled_from(free), min_size=1, unique=True))
            free = [i for i in free if i not in chosen]
            waves.append({"date": date, "applications": chosen})
        else:
            share = draw(st.sampled_from([s for s in (1.0, 0.5, 1 / 3, 0.25)
                                          if s <= share_left + 1e-9] or [share_left]))
            share_left -= share
            if share <= 0:
                waves.append({"date": date, "applications": []})
                continue
            waves.append({"date": date, "share": "1/3" if share == 1 / 3 else share})
    last = _date(2023, dates[-1])
    hosting = [s["id"] for s in inv.assets]
    decommission: Any = draw(st.sampled_from(["default", "none", "explicit"]))
    scenario: dict[str, Any] = {"id": f"scenario-{index}", "name": f"Scenario {index}",
                                "waves": waves}
    if decommission == "none":
        scenario["decommission"] = []
    elif decommission == "explicit" and hosting:
        chosen = draw(st.lists(st.sampled_from(hosting), min_size=1, unique=True))
        scenario["decommission"] = [{"asset": a, "date": last + dt.timedelta(days=draw(
            st.integers(0, 800)))} for a in chosen]
    scenario["teams"] = [
        {"team": t, "fate": draw(st.sampled_from(["transferred", "removed"])),
         "date": _date(2023, draw(st.integers(0, 1000))),
         "share": draw(st.sampled_from([1, 0.5, "1/3"]))}
        for t, _ in inv.teams if draw(st.booleans())]
    scenario["stops"] = [{"id": r, "date": _date(2023, draw(st.integers(0, 1500)))}
                         for r, _, _ in inv.running if draw(st.booleans())]
    scenario["adds"] = [{"name": "Hosting charge", "category": "services",
                         "annual": draw(money(1e3, 1e6)), "from": _date(2023, 0),
                         "scale": draw(st.sampled_from(["fixed", "migrated"]))}
                        for _ in range(draw(st.integers(0, 2)))]
    transition: dict[str, Any] = {}
    if draw(st.booleans()):
        transition = {"double_running_months": draw(st.sampled_from([0, 3, "2 to 6"])),
                      "knowledge_transfer": draw(money(1e3, 1e6)),
                      "training": draw(money(1e3, 1e6)),
                      "productivity_loss": draw(st.sampled_from([0, "10%", "5% to 20%"]))}
    scenario["transition"] = transition
    scenario["proxies"] = [{"name": "Sick leave", "annual": draw(money(1e3, 1e5)),
                            "from": _date(2023, 0), "until": _date(2026, 0)}
                           for _ in range(draw(st.integers(0, 1)))]
    return scenario


@st.composite
def inventories(draw: st.DrawFn, max_apps: int = 6) -> Inventory:
    drivers = draw(st.lists(st.sampled_from(["users", "interfaces", "data_gb"]), unique=True,
                            max_size=2))
    n = draw(st.integers(1, max_apps))
    apps = []
    for i in range(n):
        strategy = draw(st.sampled_from(STRATEGIES[:1] + STRATEGIES[2:] if i == 0
                                        else STRATEGIES))
        quoted = i == 0 or draw(st.integers(0, 3)) == 0
        apps.append({
            "id": f"app-{i}", "kind": draw(st.sampled_from(KINDS)), "strategy": strategy,
            "criticality": draw(st.sampled_from(CRITICALITIES)),
            "drivers": [draw(positive) for _ in drivers],
            "quote": (draw(money()), _date(2020 + draw(st.integers(0, 2)), 100))
            if quoted else None})
    assets = [{"id": f"asset-{j}", "category": draw(st.sampled_from(CATEGORIES)),
               "cost": draw(money(1e4, 1e7)), "residual": draw(st.sampled_from([0, 0, 10.0])),
               "in_service": _date(2005 + draw(st.integers(0, 17)), draw(st.integers(0, 364))),
               "life": draw(st.one_of(st.integers(1, 20), st.just("5 to 12"))),
               "convention": draw(st.sampled_from(["m57", "m14"]))}
              for j in range(draw(st.integers(0, 3)))]
    inv = Inventory(
        drivers=drivers,
        elasticities=[draw(st.sampled_from([0, 0.5, 1, "0.3 to 0.7", {"pert": [0.2, 0.5,
                                                                               0.9]}]))
                      for _ in drivers],
        apps=apps, assets=assets,
        teams=[(f"team-{t}", draw(st.sampled_from([1, 4.5, "3 to 6"])))
               for t in range(draw(st.integers(0, 2)))],
        running=[(f"running-{r}", draw(st.sampled_from(RUNNING)), draw(money(1e3, 1e6)))
                 for r in range(draw(st.integers(0, 2)))],
        staff_cost=draw(st.one_of(st.none(), money(3e4, 9e4))),
        recruitment=draw(st.one_of(st.none(), money(1e3, 1e4))),
        uncertainty=draw(st.sampled_from([1, "0.5 to 2", {"pert": [0.5, 1, 3]}])),
        optimism=draw(st.sampled_from([0, "10%", "none", "flyvbjerg-2011"])))
    inv.scenarios = [draw(scenarios_for(inv, s)) for s in range(draw(st.integers(0, 2)))]
    return inv


@contextmanager
def loaded(inv: Inventory, k: float = 1.0) -> Iterator[Inputs]:
    apps, infra, assumptions = inv.files(k)
    with tempfile.TemporaryDirectory() as tmp:
        yield load_inputs(write_files(Path(tmp), apps, infra, assumptions))


def run(inputs: Inputs, samples: int = SAMPLES, execution: Execution | None = None
        ) -> Estimate:
    return estimate(inputs, EstimateOptions(samples=samples, seed=SEED), execution)


# --------------------------------------------------------------------------------------
# Sums


@PROPERTY
@given(inventories())
def test_applications_add_up_to_the_portfolio_in_every_sample(inv: Inventory) -> None:
    with loaded(inv) as inputs:
        plan = build_plan(inputs)
        sim = simulate(plan, samples=SAMPLES, seed=SEED)
        costs = block_costs(plan.applications, plan, common_draws(plan, SEED, SAMPLES), SEED,
                            SAMPLES)
        total = np.zeros(SAMPLES)
        for row in costs:  # in portfolio order, as the engine adds them
            total += row
        assert_array_equal(sim.sums[0], total)
        assert_allclose(sim.sums[0], costs.sum(axis=0), rtol=1e-12)
        assert (costs >= 0).all()


@PROPERTY
@given(inventories())
def test_cash_and_non_cash_totals_are_the_sums_of_their_categories(inv: Inventory) -> None:
    with loaded(inv) as inputs:
        chosen = scenario_list(inputs)
        weights, columns, dates = migration_columns(inputs, chosen, horizon(inputs).years)
        plan = build_plan(inputs)
        sim = simulate(plan, samples=SAMPLES, seed=SEED, weights=weights)
        runner = _Shared.make(inputs, SAMPLES, SEED, "constant")
        for scenario in chosen:
            tl = runner.timeline(inputs, scenario, MigrationSums(sim.sums, columns, dates))
            assert set(tl.cash) == set(CASH_CATEGORIES)
            assert_allclose(tl.cash_total(), sum(tl.cash.values()), rtol=1e-12, atol=1e-6)
            assert_allclose(tl.non_cash_total(), sum(tl.non_cash.values()), rtol=1e-12,
                            atol=1e-6)
            migrated = [i for i, a in enumerate(inputs.applications.applications)
                        if a.id in dates[scenario.id]]
            if len(migrated) == len(plan.applications):
                # Everything moves within the horizon: the migration line adds up to the
                # portfolio (constant euros of the base year, general index only).
                assert_allclose(tl.cash["migration"].sum(axis=0), sim.sums[0], rtol=1e-12)
        result = run(inputs)
        assert result.comparison is not None
        for s in result.comparison.scenarios:
            for year in s.by_year:
                assert math.isclose(year.cash_total.mean,
                                    sum(year.cash[c].mean for c in CASH_CATEGORIES),
                                    rel_tol=1e-9, abs_tol=1e-6)
                assert math.isclose(year.non_cash_total.mean,
                                    sum(year.non_cash[c].mean for c in NON_CASH_CATEGORIES),
                                    rel_tol=1e-9, abs_tol=1e-6)
            assert math.isclose(s.cash_total.mean, sum(y.cash_total.mean for y in s.by_year),
                                rel_tol=1e-9, abs_tol=1e-6)


# --------------------------------------------------------------------------------------
# Book values


dates = st.dates(dt.date(1980, 1, 1), dt.date(2060, 12, 31))


@settings(max_examples=150, deadline=None, database=None)
@given(st.floats(0, 1e12), st.floats(0, 1), st.floats(0.01, 60), dates, dates,
       st.sampled_from(["m57", "m14"]))
def test_net_book_values_never_go_negative(cost: float, residual_share: float, life: float,
                                           in_service: dt.date, as_of: dt.date,
                                           convention: am.Convention) -> None:
    residual = cost * residual_share
    nbv = float(am.net_book_value(cost, residual, life, in_service, as_of, convention))
    assert residual <= nbv <= cost
    written_off = am.write_off(cost, residual, life, in_service, convention, as_of)
    assert float(written_off.net_book_value) >= 0
    assert float(written_off.lost_charges) >= 0
    rows = am.schedule(cost, residual, life, in_service, convention)
    for row in rows:
        assert row.opening_nbv >= 0 and row.closing_nbv >= 0 and row.charge >= 0
        assert row.closing_nbv >= residual
    assert math.isclose(sum(r.charge for r in rows), cost - residual, rel_tol=1e-9,
                        abs_tol=1e-6)


@PROPERTY
@given(inventories(max_apps=2))
def test_no_negative_book_value_in_any_output(inv: Inventory) -> None:
    with loaded(inv) as inputs:
        result = run(inputs)
        assert result.assets is not None and result.comparison is not None
        for a in result.assets.assets:
            assert a.net_book_value.p10 >= 0
        for s in result.comparison.scenarios:
            for year in s.by_year:
                assert year.non_cash_total.p10 >= 0
            for stranded in s.stranded:
                assert stranded.written_off.p10 >= 0


# --------------------------------------------------------------------------------------
# Scaling


def _monetary(result: Estimate) -> Iterator[tuple[str, Stats]]:
    """Every monetary figure of an estimate, named."""
    yield "migration", result.migration
    for a in result.applications:
        yield f"app:{a.id}", a.stats
    assert result.assets is not None
    for v in result.assets.assets:
        for name in ("cost", "annual_charge", "net_book_value"):
            yield f"asset:{v.id}:{name}", getattr(v, name)
    for category, stats in result.assets.by_category.items():
        yield f"assets:{category}", stats
    yield "assets:total", result.assets.total
    assert result.comparison is not None
    for s in result.comparison.scenarios:
        yield f"{s.id}:npv", s.npv
        yield f"{s.id}:cash_total", s.cash_total
        yield f"{s.id}:non_cash_total", s.non_cash_total
        yield f"{s.id}:proxies_npv", s.proxies_npv
        if s.delta_vs_status_quo is not None:
            yield f"{s.id}:delta", s.delta_vs_status_quo
        for y in s.by_year:
            yield f"{s.id}:{y.year}:cash_total", y.cash_total
            yield f"{s.id}:{y.year}:non_cash_total", y.non_cash_total
            yield f"{s.id}:{y.year}:proxies", y.proxies
            for c, stats in (*y.cash.items(), *y.non_cash.items()):
                yield f"{s.id}:{y.year}:{c}", stats
            if y.delta_cash_total is not None:
                yield f"{s.id}:{y.year}:delta", y.delta_cash_total
        for st_ in s.stranded:
            yield f"{s.id}:stranded:{st_.asset}", st_.written_off
            yield f"{s.id}:lost_charges:{st_.asset}", st_.lost_charges


@PROPERTY
@given(inventories(), st.sampled_from([1e-3, 0.37, 3.0, 1e3, 1e6]))
def test_scaling_every_amount_by_k_scales_every_output_by_k(inv: Inventory, k: float) -> None:
    # The default staff costs are amounts too: give them, so that they are scaled.
    inv = replace(inv, staff_cost=inv.staff_cost or ("range", 5e4, 7.5e4),
                  recruitment=inv.recruitment or ("fixed", 5e3))
    with loaded(inv) as inputs, loaded(inv, k) as scaled_inputs:
        base, scaled = run(inputs), run(scaled_inputs)
    assert scaled.illustrative_share == pytest.approx(base.illustrative_share, rel=1e-9)
    pairs = list(zip(_monetary(base), _monetary(scaled), strict=True))
    for (name, a), (name2, b) in pairs:
        assert name == name2
        for key, value in a.as_dict().items():
            scaled_value = b.as_dict()[key]
            # An absolute floor for figures that are differences (deltas) of large ones.
            floor = 1e-9 * k * max(abs(x) for x in (a.p10, a.p90, a.mean, 1.0))
            assert math.isclose(scaled_value, k * value, rel_tol=1e-9, abs_tol=floor), (
                name, key, value, scaled_value, k)


# --------------------------------------------------------------------------------------
# Monotonicity, status quo, determinism


@PROPERTY
@given(inventories(), st.data())
def test_adding_an_application_never_lowers_the_portfolio(inv: Inventory,
                                                          data: st.DataObject) -> None:
    extra = {"id": "app-extra", "kind": data.draw(st.sampled_from(KINDS)),
             "strategy": data.draw(st.sampled_from(STRATEGIES)),
             "criticality": data.draw(st.sampled_from(CRITICALITIES)),
             "drivers": [data.draw(positive) for _ in inv.drivers],
             "quote": data.draw(st.one_of(st.none(), st.tuples(money(), st.just(
                 dt.date(2021, 6, 1)))))}
    where = data.draw(st.integers(1, len(inv.apps)))
    bigger = replace(inv, apps=[*inv.apps[:where], extra, *inv.apps[where:]], scenarios=[])
    smaller = replace(inv, scenarios=[])
    with loaded(smaller) as inputs, loaded(bigger) as more:
        before = simulate(build_plan(inputs), samples=SAMPLES, seed=SEED).sums[0]
        after = simulate(build_plan(more), samples=SAMPLES, seed=SEED).sums[0]
    if where == len(inv.apps):  # added last: the same sums plus one more, exactly
        assert (after >= before).all()
    else:  # another order of addition: equal up to rounding
        assert (after >= before * (1 - 1e-12)).all()


@PROPERTY
@given(inventories())
def test_the_status_quo_differs_from_itself_by_zero(inv: Inventory) -> None:
    same = replace(inv, scenarios=[*inv.scenarios, {
        "id": "same", "name": "Nothing moves", "waves": [], "decommission": [], "teams": [],
        "stops": [], "adds": [], "transition": {}, "proxies": []}])
    with loaded(same) as inputs:
        result = run(inputs)
    assert result.comparison is not None
    scenario = next(s for s in result.comparison.scenarios if s.id == "same")
    status_quo = result.comparison.scenarios[0]
    assert scenario.delta_vs_status_quo is not None
    assert all(v == 0 for v in scenario.delta_vs_status_quo.as_dict().values())
    for year, base in zip(scenario.by_year, status_quo.by_year, strict=True):
        assert year.delta_cash_total is not None and year.delta_non_cash_total is not None
        assert all(v == 0 for v in year.delta_cash_total.as_dict().values())
        assert all(v == 0 for v in year.delta_non_cash_total.as_dict().values())
        assert year.cash_total == base.cash_total
    assert scenario.npv == status_quo.npv


@settings(max_examples=6, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(inventories())
def test_outputs_are_identical_across_runs_blocks_and_workers(inv: Inventory) -> None:
    with loaded(inv) as inputs:
        outputs = {render_json(run(inputs, execution=execution))
                   for execution in (Execution(workers=1), Execution(workers=1),
                                     Execution(workers=2, block=1),
                                     Execution(workers=2, block=3),
                                     Execution(workers=1, block=1000))}
    assert len(outputs) == 1


# --------------------------------------------------------------------------------------
# Numbers: from 1 € to 10^12 €, full relative precision


PRECISION_APPS = """\
applications:
  - id: big
    name: Big
    kind: vendor
    quotes: [{amount: 1000000000000, date: 2022-01-01}]
    provenance: {status: sourced, source: test}
  - id: small
    name: Small
    kind: vendor
    quotes: [{amount: 1, date: 2022-06-01}]
    provenance: {status: sourced, source: test}
  - id: extrapolated
    name: Extrapolated
    kind: vendor
    provenance: {status: sourced, source: test}
"""
PRECISION_INFRA = """\
assets:
  - id: big-datacenter
    name: Big data centre
    category: datacenter
    cost: 1000000000000
    in_service: 2022-01-01
    life_years: 10
    provenance: {status: sourced, source: test}
"""
PRECISION_ASSUMPTIONS = """\
reference: big
uncertainty: {application: 1, reference: 1}
optimism_bias: 0
valuation_date: 2022-01-01
"""


def test_amounts_from_one_euro_to_a_trillion_keep_full_precision(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, PRECISION_APPS, PRECISION_INFRA, PRECISION_ASSUMPTIONS)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli_app, ["estimate", "--data", ".", "--format", "json",
                                     "--samples", "100"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    apps = {a["id"]: a for a in data["applications"]}
    expected = {"big": 1e12, "small": 1.0, "extrapolated": 1e12}
    for ident, value in expected.items():
        for key in ("p10", "p50", "p90", "mean"):
            assert math.isclose(apps[ident][key], value, rel_tol=1e-12), (ident, key)
    for key in ("p10", "p50", "p90", "mean"):
        assert math.isclose(data["migration"][key], 2e12 + 1, rel_tol=1e-12)
        # 1 € on top of 2 × 10^12 is still there (2e12 + 1 is exact in a double; exp(ln x)
        # costs each 10^12 a few thousandths of a euro).
        assert data["migration"][key] - 2e12 == pytest.approx(1, abs=0.05)
    asset = data["assets"][0]
    assert math.isclose(asset["net_book_value"]["p50"], 1e12, rel_tol=1e-12)
    assert math.isclose(asset["annual_charge"]["p50"], 1e11, rel_tol=1e-12)
