"""The registry of random streams (soicost.model.streams): names, groups, and nothing unknown."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from conftest import inputs_from
from soicost.analysis import sensitivity
from soicost.finance.assets import value_assets
from soicost.finance.scenarios import (
    MigrationSums,
    ScenarioRun,
    evaluate,
    horizon,
    migration_columns,
    scenario_list,
)
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import bundled_data_dir, load_inputs, load_texts
from soicost.model import streams
from soicost.model.engine import simulate
from soicost.model.plan import Method, build_plan
from soicost.model.rng import DEFAULT_SEED, StreamSeeds

PROV = {"status": "illustrative", "source": "test"}


def drawn(inputs: Inputs, method: Method = "drivers") -> set[str]:
    """The name of every stream a full run draws from: the migration costs, every
    scenario (status quo included) and the asset valuation."""
    seen: set[str] = set()
    seeds = StreamSeeds(default=DEFAULT_SEED, seen=seen)
    plan = build_plan(inputs, method)
    chosen = scenario_list(inputs)
    weights, columns, dates = migration_columns(inputs, chosen, horizon(inputs).years)
    sim = simulate(plan, samples=100, seed=seeds, weights=weights)
    evaluate(ScenarioRun(inputs, tuple(chosen), MigrationSums(sim.sums, columns, dates), 100,
                         seeds))
    value_assets(inputs, samples=100, seed=seeds)
    return seen


def matching(name: str) -> list[streams.Kind]:
    return [kind for kind in streams.KINDS if kind.pattern.fullmatch(name)]


def uncertain_everywhere() -> Inputs:
    """The bundled data with the inputs it leaves fixed made uncertain, so that every kind
    of stream an estimate knows is drawn: staff rates and means, a team's size, an
    application's driver, a price index and the discount rate."""
    bundled = bundled_data_dir()
    apps: dict[str, Any] = yaml.safe_load((bundled / "applications.yaml").read_text())
    payroll = apps["applications"][1]
    assert payroll["id"] == "payroll"
    payroll["drivers"] = {d: f"{v} to {2 * v}" for d, v in payroll["drivers"].items()}
    a: dict[str, Any] = yaml.safe_load((bundled / "assumptions.yaml").read_text())
    a["discount_rate"] = {"value": "2% to 4%", "provenance": PROV}
    a["indexation"] = {"general": {"rate": "1% to 3%", "provenance": PROV}}
    staff = a["staff"]
    staff["turnover"] = {"value": "10% to 20%", "provenance": PROV}
    staff["vacancy_rate"] = {"value": "8% to 14%", "provenance": PROV}
    staff["vacancy_cover"] = "1.2 to 1.8"
    staff["transfer_uplift"] = "1% to 5%"
    staff["teams"][0]["fte"] = "12 to 16"
    return load_texts(apps, (bundled / "infrastructure.yaml").read_text(encoding="utf-8"), a)


def fit_inputs() -> Inputs:
    """Six quoted applications and one to extrapolate: enough for ``--method fit``."""
    apps = [{"id": f"q{i}", "name": f"q{i}", "kind": "vendor", "drivers": {"users": u},
             "provenance": PROV,
             "quotes": [{"amount": 1000 * u**0.6 * e, "date": "2022-05-18", "scope": "test",
                         "source": "test"}]}
            for i, (u, e) in enumerate(zip([50, 100, 200, 400, 800, 1600],
                                           [1.05, 0.95, 1.0, 1.02, 0.98, 1.01], strict=True))]
    apps.append({"id": "new", "name": "new", "kind": "vendor", "drivers": {"users": 3200},
                 "provenance": PROV})
    return inputs_from(apps, {"reference": "q0", "drivers": {"users": {"elasticity": 0.5}},
                              "optimism_bias": "10% to 40%"})


def test_every_stream_of_a_full_run_on_the_bundled_data_has_one_kind_and_a_group() -> None:
    names = drawn(load_inputs())
    assert len(names) > 80  # applications, scenarios, assets: not a run that drew nothing
    for name in sorted(names):
        kinds = matching(name)
        assert len(kinds) == 1, (name, [k.template for k in kinds])
        assert streams.kind_of(name) is kinds[0]
        group = streams.group_of(name)
        assert group and group == kinds[0].group_of(name)


def test_every_kind_an_estimate_knows_is_drawn_and_each_name_has_one_kind() -> None:
    names = drawn(load_inputs()) | drawn(uncertain_everywhere()) | drawn(fit_inputs(), "fit")
    by_kind: dict[str, set[str]] = {}
    for name in names:
        kinds = matching(name)
        assert len(kinds) == 1, (name, [k.template for k in kinds])
        by_kind.setdefault(kinds[0].template, set()).add(name)
    backtest = {k.template for k in streams.KINDS if k.template.startswith("backtest:")}
    assert {k.template for k in streams.KINDS} - set(by_kind) == backtest
    assert by_kind["index:{index}"] == {"index:general"}
    assert by_kind["app:{app}:driver:{driver}"] == {"app:payroll:driver:0",
                                                    "app:payroll:driver:1",
                                                    "app:payroll:driver:2"}
    assert by_kind["fit"] == {"fit"} and by_kind["fit:variance"] == {"fit:variance"}


# Today's names, written out by hand: renaming a stream moves published figures.
BUILT = [
    (streams.quote("piaf"), "quote:piaf", "reference quote"),
    (streams.optimism_bias(), "optimism_bias", "optimism bias"),
    (streams.elasticity("users"), "elasticity:users", "elasticity of users"),
    (streams.elasticity("data_gb"), "elasticity:data_gb", "elasticity of data_gb"),
    (streams.fit(), "fit", "fitted intercept and elasticities"),
    (streams.fit_variance(), "fit:variance", "fitted intercept and elasticities"),
    (streams.reference_deviation(), "uncertainty:reference",
     "reference's deviation from the size law"),
    (streams.factor("strategy", "refactor"), "factor:strategy:refactor", "factor: strategy"),
    (streams.factor("kind", "in-house"), "factor:kind:in-house", "factor: kind"),
    (streams.factor("criticality", "high"), "factor:criticality:high",
     "factor: criticality"),
    (streams.index("general"), "index:general", "price index: general"),
    # Names of drivers and indices are keys of YAML mappings: any text, even empty.
    (streams.index(""), "index:", "price index: "),
    (streams.elasticity("users:2024\n"), "elasticity:users:2024\n",
     "elasticity of users:2024\n"),
    (streams.app_uncertainty("payroll"), "app:payroll:uncertainty",
     "application-level uncertainty (all applications)"),
    (streams.app_quote("payroll"), "app:payroll:quote", "own quotes of other applications"),
    (streams.app_driver("payroll", 0), "app:payroll:driver:0", "uncertain driver values"),
    (streams.app_driver("payroll", 12), "app:payroll:driver:12", "uncertain driver values"),
    (streams.staff_cost(), "staff:cost_per_fte", "staff cost"),
    (streams.staff_attrition("turnover"), "staff:turnover", "turnover and vacancies"),
    (streams.staff_attrition("vacancy_rate"), "staff:vacancy_rate", "turnover and vacancies"),
    (streams.staff_means("transfer_uplift"), "staff:transfer_uplift",
     "staff: recruitment, cover and transfer"),
    (streams.staff_means("vacancy_cover"), "staff:vacancy_cover",
     "staff: recruitment, cover and transfer"),
    (streams.staff_means("recruitment_cost"), "staff:recruitment_cost",
     "staff: recruitment, cover and transfer"),
    (streams.team_fte("network"), "team:network:fte", "team sizes"),
    (streams.running("network-links"), "running:network-links", "running costs"),
    (streams.discount_rate(), "discount_rate", "discount rate"),
    (streams.scenario_transition("transfer-thirds", "double_running_months"),
     "scenario:transfer-thirds:double_running_months", "transition costs"),
    (streams.scenario_transition("transfer-thirds", "knowledge_transfer"),
     "scenario:transfer-thirds:knowledge_transfer", "transition costs"),
    (streams.scenario_transition("transfer-thirds", "training"),
     "scenario:transfer-thirds:training", "transition costs"),
    (streams.scenario_transition("transfer-thirds", "productivity_loss"),
     "scenario:transfer-thirds:productivity_loss", "transition costs"),
    (streams.scenario_attrition("transfer-thirds", 0, "turnover"),
     "scenario:transfer-thirds:attrition:0:turnover", "attrition during the transfer"),
    (streams.scenario_attrition("transfer-thirds", 1, "vacancy_rate"),
     "scenario:transfer-thirds:attrition:1:vacancy_rate", "attrition during the transfer"),
    (streams.scenario_running("transfer-2023", 1), "scenario:transfer-2023:running:1",
     "running costs"),
    (streams.scenario_rps_proxy("transfer-2023", 0), "scenario:transfer-2023:rps_proxy:0",
     "RPS cost proxies"),
    (streams.asset("datacenter", "cost"), "asset:datacenter:cost", "asset costs and lives"),
    (streams.asset("datacenter", "residual"), "asset:datacenter:residual",
     "asset costs and lives"),
    (streams.asset("datacenter", "life"), "asset:datacenter:life", "asset costs and lives"),
    (streams.backtest_choice(), "backtest:fit:choice",
     "backtest: choice of the quoted projects"),
    (streams.backtest_reference("p12"), "backtest:reference:p12", "backtest: replicates"),
    (streams.backtest_fit(3), "backtest:fit:3", "backtest: replicates"),
]


@pytest.mark.parametrize(("built", "name", "group"), BUILT, ids=[n for _, n, _ in BUILT])
def test_builders_make_todays_names_in_their_groups(built: str, name: str,
                                                    group: str) -> None:
    assert built == name
    assert len(matching(name)) == 1
    assert streams.group_of(name) == group


def test_every_kind_has_a_builder_checked_above() -> None:
    assert {streams.kind_of(name) for _, name, _ in BUILT} == set(streams.KINDS)


@pytest.mark.parametrize("name", [
    "", "quote", "quote:", "nope", "optimism", "fit:choice", "uncertainty:application",
    "factor:colour:red", "factor:kind", "app:payroll", "app:payroll:driver:users",
    "app:payroll:residual", "staff:months_to_fill", "staff:", "team:ops",
    "scenario:s:bonus", "scenario:s:running:first", "scenario:s:attrition:0:months_to_fill",
    "asset:datacenter:value", "backtest:fit:x", "backtest:other", "Quote:piaf",
    "discount_rate:real",
])
def test_a_name_no_kind_matches_is_refused(name: str) -> None:
    assert matching(name) == []
    with pytest.raises(ValueError, match=re.escape(repr(name))):
        streams.group_of(name)
    with pytest.raises(streams.UnknownStream):
        streams.kind_of(name)


def test_two_kinds_matching_one_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    clash = streams.Kind("app:{app}:{what}", "anything of an application")
    monkeypatch.setattr(streams, "KINDS", (*streams.KINDS, clash))
    streams._classify.cache_clear()
    try:
        with pytest.raises(streams.UnknownStream, match="ambiguous"):
            streams.group_of("app:payroll:quote")
    finally:
        streams._classify.cache_clear()


def test_sensitivity_groups_streams_through_the_registry() -> None:
    assert sensitivity.group_of is streams.group_of
