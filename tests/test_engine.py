"""The cost model against values computed independently (by hand or in closed form)."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from conftest import inputs_from
from soicost.analysis.estimate import EstimateOptions, Execution, estimate
from soicost.analysis.explain import explain
from soicost.errors import ModelError
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import load_inputs
from soicost.inputs.presets import PRESETS
from soicost.inputs.quantity import Fixed, LogNormal
from soicost.model.engine import block_costs, common_draws, simulate
from soicost.model.plan import build_plan
from soicost.model.rng import Quantile
from soicost.render.estimate import render_json

# Closed-form constants of the lognormal "a to b" convention.
Z95 = 1.6448536269514722
Z90 = 1.2815515655446004
ILLUSTRATIVE = {"status": "illustrative", "source": "test"}


def app(ident: str, users: float = 100, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident, "kind": "vendor", "drivers": {"users": users},
            "provenance": ILLUSTRATIVE, **extra}


def quote(amount: object) -> list[dict[str, Any]]:
    return [{"amount": amount, "date": "2022-05-18", "scope": "test", "source": "test"}]


NO_UNCERTAINTY = {"reference": "ref", "drivers": {"users": {"elasticity": 0.5}},
                  "uncertainty": {"reference": 1, "application": 1}, "optimism_bias": 0}


def run(apps: list[dict[str, Any]], assumptions: dict[str, Any], **options: Any) -> Any:
    return estimate(inputs_from(apps, assumptions), EstimateOptions(**options))


def test_flat_without_uncertainty_is_n_times_the_quote() -> None:
    apps = [app("ref", quotes=quote("500k"))] + [app(f"a{i}", users=10 * i + 1) for i in range(44)]
    result = run(apps, NO_UNCERTAINTY, method="flat", samples=1000)
    # 45 x 500 k = 22.5 M, up to floating-point rounding of ln/exp (rtol 1e-12).
    for value in (result.migration.p10, result.migration.p50, result.migration.p90,
                  result.migration.mean):
        assert value == pytest.approx(45 * 500_000, rel=1e-12)


def test_drivers_elasticity_one_half_four_times_the_users_costs_twice() -> None:
    apps = [app("ref", users=400, quotes=quote(500_000)), app("big", users=1600),
            app("small", users=100)]
    result = run(apps, NO_UNCERTAINTY, samples=1000)
    by_id = {a.id: a.stats for a in result.applications}
    assert by_id["ref"].p50 == pytest.approx(500_000, rel=1e-12)
    assert by_id["big"].p50 == pytest.approx(1_000_000, rel=1e-12)
    assert by_id["small"].p50 == pytest.approx(250_000, rel=1e-12)
    assert result.migration.mean == pytest.approx(1_750_000, rel=1e-12)


def test_factors_and_zero_strategy() -> None:
    apps = [app("ref", quotes=quote(100_000), strategy="replatform", criticality="medium"),
            app("lut", kind="lutece", strategy="rehost", criticality="vital"),
            app("kept", strategy="retain")]
    assumptions = {**NO_UNCERTAINTY, "factors": {"kind": {"lutece": 0.5},
                                                 "strategy": {"rehost": 0.6}}}
    result = run(apps, assumptions, samples=1000)
    by_id = {a.id: a for a in result.applications}
    # 100 k x (0.5 / 1) x (0.6 / 1) x (1.4 / 1): the criticality default for vital is 1.4.
    assert by_id["lut"].stats.mean == pytest.approx(100_000 * 0.5 * 0.6 * 1.4, rel=1e-12)
    assert by_id["kept"].stats.mean == 0.0
    assert by_id["kept"].stats.p90 == 0.0


def test_range_quote_matches_lognormal_closed_form() -> None:
    apps = [app("ref", quotes=quote("250k to 1M"))]
    result = run(apps, NO_UNCERTAINTY, samples=200_000)
    sigma = math.log(1_000_000 / 250_000) / (2 * Z95)
    mu = (math.log(250_000) + math.log(1_000_000)) / 2
    exact = {"p10": math.exp(mu - Z90 * sigma), "p50": math.exp(mu),
             "p90": math.exp(mu + Z90 * sigma), "mean": math.exp(mu + sigma**2 / 2)}
    stats = result.migration
    errors = stats.errors()
    for key, value in exact.items():
        # Within four reported standard errors: fails about once in 16,000 seeds.
        assert abs(getattr(stats, key) - value) < 4 * errors[key], key
        assert errors[key] < 0.01 * value  # and the reported error is small but not zero
        assert errors[key] > 0


def test_common_cause_keeps_the_portfolio_as_uncertain_as_one_application() -> None:
    ref = app("ref", quotes=quote("300k to 900k"))
    same = [app(f"twin{i}") for i in range(44)]
    one = run([ref], NO_UNCERTAINTY, samples=20_000)
    many = run([ref, *same], NO_UNCERTAINTY, samples=20_000)
    ratio_one = one.migration.p90 / one.migration.p50
    ratio_many = many.migration.p90 / many.migration.p50
    assert ratio_many == pytest.approx(ratio_one, rel=1e-9)
    assert many.migration.p50 == pytest.approx(45 * one.migration.p50, rel=1e-9)


def test_independent_application_uncertainty_narrows_the_total() -> None:
    # The contrast: only application-level uncertainty, drawn independently, gives a
    # total whose relative spread shrinks like 1 / sqrt(N).
    ref = app("ref", quotes=quote(500_000))
    others = [app(f"a{i}") for i in range(99)]
    assumptions = {**NO_UNCERTAINTY, "uncertainty": {"reference": 1, "application": "0.5 to 2"}}
    result = run([ref, *others], assumptions, samples=20_000)
    single = {a.id: a.stats for a in result.applications}["a0"]
    assert single.p90 / single.p50 > 1.5
    assert result.migration.p90 / result.migration.p50 < 1.1


def test_own_quote_replaces_extrapolation_and_takes_the_uplift() -> None:
    apps = [app("ref", quotes=quote(500_000)), app("own", users=10_000, quotes=quote(80_000))]
    assumptions = {**NO_UNCERTAINTY, "optimism_bias": "10%"}
    result = run(apps, assumptions, samples=1000)
    by_id = {a.id: a for a in result.applications}
    assert by_id["own"].mode == "quoted"
    assert by_id["own"].stats.mean == pytest.approx(88_000, rel=1e-12)
    assert by_id["ref"].stats.mean == pytest.approx(550_000, rel=1e-12)


def _inputs_for_determinism() -> Inputs:
    apps = [app("ref", quotes=quote("300k to 900k"), strategy="replatform")]
    apps += [app(f"a{i}", users=5 + 37 * i, kind=("vendor", "lutece", "in-house")[i % 3],
                 strategy=("rehost", "refactor", None)[i % 3]) for i in range(30)]
    assumptions = {"reference": "ref", "drivers": {"users": {"elasticity": "0.3 to 0.7"}},
                   "optimism_bias": "flyvbjerg-2011"}
    return inputs_from([{k: v for k, v in a.items() if v is not None} for a in apps],
                       assumptions)


def test_json_is_identical_across_runs_block_sizes_and_workers() -> None:
    inputs = _inputs_for_determinism()
    options = EstimateOptions(samples=5000, seed=7)
    outputs = {render_json(estimate(inputs, options, Execution(block=b, workers=w)))
               for b in (1, 7, 16, 100) for w in (1, 2)}
    assert len(outputs) == 1
    other_seed = render_json(estimate(inputs, EstimateOptions(samples=5000, seed=8)))
    assert other_seed not in outputs


def test_explain_reports_the_same_range_as_estimate() -> None:
    inputs = _inputs_for_determinism()
    options = EstimateOptions(samples=5000, seed=3)
    result = estimate(inputs, options)
    by_id = {a.id: a.stats for a in result.applications}
    for ident in ("a4", "ref"):
        assert explain(inputs, ident, options).stats.as_dict() == by_id[ident].as_dict()


def test_applications_sum_to_the_total_in_every_sample() -> None:
    inputs = _inputs_for_determinism()
    plan = build_plan(inputs)
    n = 2000
    common = common_draws(plan, 11, n)
    costs = block_costs(plan.applications, plan, common, 11, n)
    sim = simulate(plan, samples=n, seed=11, block=4)
    assert_allclose(sim.sums[0], costs.sum(axis=0), rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(k=st.floats(min_value=1e-3, max_value=1e6))
def test_scaling_the_quote_scales_every_figure(k: float) -> None:
    apps = [app("ref", quotes=quote("300k to 900k")), app("b", users=400), app("c", users=3)]
    assumptions = {"reference": "ref", "drivers": {"users": {"elasticity": "0.3 to 0.7"}}}
    one = _estimate_in_memory(apps, assumptions)
    scaled_apps = [apps[0] | {"quotes": quote(f"{300_000 * k!r} to {900_000 * k!r}")}, *apps[1:]]
    scaled = _estimate_in_memory(scaled_apps, assumptions)
    for a, b in zip(one.applications, scaled.applications, strict=True):
        for key, value in a.stats.as_dict().items():
            assert b.stats.as_dict()[key] == pytest.approx(k * value, rel=1e-9)


def _estimate_in_memory(apps: list[dict[str, Any]], assumptions: dict[str, Any]) -> Any:
    return estimate(inputs_from(apps, assumptions), EstimateOptions(samples=2000, seed=5))


# Quotes made exactly from cost = 1000 x users^0.6, times a small known noise.
FIT_USERS = [50, 100, 200, 400, 800, 1600]
FIT_NOISE = [1.05, 0.95, 1.0, 1.02, 0.98, 1.01]


def _fit_inputs(optimism_bias: object) -> Inputs:
    apps = [app(f"q{i}", users=u, quotes=quote(1000 * u**0.6 * e))
            for i, (u, e) in enumerate(zip(FIT_USERS, FIT_NOISE, strict=True))]
    apps.append(app("new", users=3200))
    assumptions = {"reference": "q0", "drivers": {"users": {"elasticity": 0.5}},
                   "optimism_bias": optimism_bias}
    return inputs_from(apps, assumptions)


def test_fit_recovers_a_known_elasticity() -> None:
    users, noise = FIT_USERS, FIT_NOISE
    inputs = _fit_inputs(0)
    plan = build_plan(inputs, "fit")
    assert plan.fit is not None
    x = np.column_stack([np.ones(6), np.log(users)])
    y = np.log([1000 * u**0.6 * e for u, e in zip(users, noise, strict=True)])
    expected, *_ = np.linalg.lstsq(x, y, rcond=None)
    assert_allclose(plan.fit.coefficients, expected, rtol=1e-10)
    assert plan.fit.coefficients[1] == pytest.approx(0.6, abs=0.02)
    result = estimate(inputs, EstimateOptions(method="fit", samples=20_000))
    new = {a.id: a.stats for a in result.applications}["new"]
    assert new.p50 == pytest.approx(1000 * 3200**0.6, rel=0.05)


def test_fit_against_an_independent_least_squares() -> None:
    # Two drivers, factors on some applications, quotes written as ranges (their median,
    # not their mean, enters the fit) and one PERT quote (its median too, found here by
    # integrating the beta density; soicost takes it from 200,000 fixed draws).
    points = [  # users, screens, quote, kind, criticality
        (50, 10, "200k to 450k", "vendor", None),
        (100, 40, 500_000, "lutece", "vital"),
        (400, 20, "1M to 2M", "vendor", "medium"),
        (800, 90, {"pert": [1e6, 2e6, 4e6]}, "vendor", "vital"),
        (1600, 30, 2_500_000, "lutece", None),
    ]
    apps = [{"id": f"q{i}", "name": f"q{i}", "kind": kind, "provenance": ILLUSTRATIVE,
             "drivers": {"users": users, "screens": screens}, "quotes": quote(amount),
             **({"criticality": crit} if crit else {})}
            for i, (users, screens, amount, kind, crit) in enumerate(points)]
    assumptions = {"reference": "q0", "optimism_bias": 0,
                   "drivers": {"users": {"elasticity": 0.5}, "screens": {"elasticity": 0.3}},
                   "factors": {"kind": {"lutece": "0.4 to 0.9"},
                               "criticality": {"vital": 1.5}}}
    plan = build_plan(inputs_from(apps, assumptions), "fit")
    assert plan.fit is not None

    def median(amount: object) -> float:
        if isinstance(amount, str):
            low, high = (float(v.replace("k", "e3").replace("M", "e6"))
                         for v in amount.split(" to "))
            return math.sqrt(low * high)
        if isinstance(amount, dict):
            low, mode, high = amount["pert"]
            return low + (high - low) * _beta_median(1 + 4 * (mode - low) / (high - low),
                                                     1 + 4 * (high - mode) / (high - low))
        return float(amount)  # type: ignore[arg-type]

    factor = {"vendor": 1.0, "lutece": math.sqrt(0.4 * 0.9), "vital": 1.5, "medium": 1.0,
              None: 1.0}
    columns = {"users": 0, "screens": 1}
    x = np.array([[1.0, *(math.log((u, s)[columns[d]]) for d in plan.drivers)]
                  for u, s, *_ in points])
    y = np.array([math.log(median(amount) / (factor[kind] * factor[crit]))
                  for _, _, amount, kind, crit in points])
    beta = np.linalg.solve(x.T @ x, x.T @ y)
    residuals = y - x @ beta
    s2 = residuals @ residuals / (5 - 3)
    # The PERT's median from 200,000 draws is within 0.1 % of the integral's (its standard
    # error is about 0.08 %): 0.004 on the coefficients is several of those errors, and
    # about a sixth of what taking the PERT's mean instead (+2 % on that quote) moves them.
    assert_allclose(plan.fit.coefficients, beta, atol=0.004)
    assert_allclose(plan.fit.covariance, s2 * np.linalg.inv(x.T @ x), rtol=0.01)
    assert plan.fit.residual_sd == pytest.approx(math.sqrt(s2), rel=0.005)
    assert plan.fit.points == 5


def _beta_median(a: float, b: float) -> float:
    """The median of Beta(a, b), a, b > 1: Simpson's rule on the density, then bisection."""
    norm = math.gamma(a + b) / (math.gamma(a) * math.gamma(b))

    def cdf(x: float, steps: int = 2000) -> float:
        h = x / steps
        total = sum((1 if k in (0, steps) else 4 if k % 2 else 2)
                    * (k * h) ** (a - 1) * (1 - k * h) ** (b - 1) for k in range(steps + 1))
        return norm * total * h / 3

    low, high = 0.0, 1.0
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if cdf(middle) < 0.5 else (low, middle)
    return (low + high) / 2


def test_the_fit_takes_a_mixture_quote_at_its_median_not_its_mean() -> None:
    # 70 % of the draws are exactly 100k: the median is 100k, the mean 340k.
    mixture = {"mixture": [{"weight": 0.7, "value": 100_000},
                           {"weight": 0.3, "value": 900_000}]}
    users = [100, 200, 400, 800]
    amounts: list[object] = [mixture, 200_000, 300_000, 500_000]
    apps = [app(f"q{i}", users=u, quotes=quote(a)) for i, (u, a) in
            enumerate(zip(users, amounts, strict=True))]
    assumptions = {"reference": "q1", "optimism_bias": 0,
                   "drivers": {"users": {"elasticity": 0.5}}}
    plan = build_plan(inputs_from(apps, assumptions), "fit")
    assert plan.fit is not None
    x = np.column_stack([np.ones(4), np.log(users)])
    y = np.log([100_000, 200_000, 300_000, 500_000])
    expected, *_ = np.linalg.lstsq(x, y, rcond=None)
    assert_allclose(plan.fit.coefficients, expected, rtol=1e-12)


def test_fit_needs_an_intercept_the_elasticities_and_one_spare_quote() -> None:
    def data(quoted: int, drivers: dict[str, Any]) -> Inputs:
        apps = [app(f"q{i}", users=100 * 2**i, quotes=quote(1000 * (i + 1)))
                for i in range(quoted)]
        sizes = {"users": [10, 20, 40, 80], "screens": [7, 3, 12, 5]}
        for i, a in enumerate(apps):
            a["drivers"] = {d: sizes[d][i] for d in drivers}
        return inputs_from(apps, {**NO_UNCERTAINTY, "reference": "q0", "drivers": drivers})
    one = {"users": {"elasticity": 0.5}}
    two = {"users": {"elasticity": 0.5}, "screens": {"elasticity": 0.3}}
    assert build_plan(data(3, one), "fit").fit is not None
    assert build_plan(data(4, two), "fit").fit is not None
    with pytest.raises(ModelError) as info:
        build_plan(data(2, one), "fit")
    assert str(info.value) == (
        "the fit method needs at least 3 quoted applications to estimate an intercept and "
        "1 elasticity with a residual spread; found 2. Use the drivers method, or add quotes.")
    # The command line names the option instead.
    assert info.value.render().endswith("found 2. Use --method drivers, or add quotes.")
    with pytest.raises(ModelError) as info:
        build_plan(data(3, two), "fit")
    assert str(info.value) == (
        "the fit method needs at least 4 quoted applications to estimate an intercept and "
        "2 elasticities with a residual spread; found 3. Use the drivers method, or add quotes.")


def test_fit_refuses_uncertain_drivers() -> None:
    apps = [app("q0", quotes=quote(1000)), app("q1", users=200, quotes=quote(1500)),
            app("q2", users="300 to 500", quotes=quote(2500))]
    inputs = inputs_from(apps, {**NO_UNCERTAINTY, "reference": "q0"})
    with pytest.raises(ModelError) as info:
        build_plan(inputs, "fit")
    assert str(info.value) == ("the fit method needs fixed driver values; 'q2' has an "
                               "uncertain driver")


def test_fit_refuses_too_few_or_collinear_quotes() -> None:
    few = [app("ref", quotes=quote(1000)), app("b", users=5, quotes=quote(500))]
    inputs = inputs_from(few, NO_UNCERTAINTY)
    with pytest.raises(ModelError, match="at least 3 quoted applications"):
        build_plan(inputs, "fit")
    same = [app(f"q{i}", users=100, quotes=quote(1000 + i)) for i in range(4)]
    inputs = inputs_from(same, {**NO_UNCERTAINTY, "reference": "q0"})
    with pytest.raises(ModelError) as info:
        build_plan(inputs, "fit")
    assert str(info.value) == (
        "the quoted applications cannot identify the drivers: their driver values are "
        "collinear (for example all equal for one driver). Use the drivers method, or add "
        "quotes for applications of different sizes.")


def test_fit_refuses_quotes_that_stray_beyond_the_bound_of_the_spread() -> None:
    # Users 10, 100, 1000, 10000 (ln x = 2.30 k) with quotes 1k, 1M, 1k, 1M (ln q = 6.91,
    # 13.82, 6.91, 13.82). By hand: mean ln x 5.76, mean ln q 10.36; Sxy = 15.90, Sxx =
    # 26.51, slope 0.6; residuals -1.38, 4.14, -4.14, 1.38; s = sqrt(38.17 / 2) = 4.37 > 3.
    wild = [app(f"q{i}", users=10**(i + 1), quotes=quote(1000 if i % 2 == 0 else 1_000_000))
            for i in range(4)]
    inputs = inputs_from(wild, {**NO_UNCERTAINTY, "reference": "q0"})
    with pytest.raises(ModelError) as info:
        build_plan(inputs, "fit")
    assert str(info.value) == (
        "the quotes stray from the law fitted on them by a spread of 4.37 (standard "
        "deviation of the log residuals), beyond the 3 the fit allows (a factor of 20.1 at one "
        "standard deviation): check the quotes and driver values (a quote in euros among "
        "quotes in k€?), or use the drivers method.")
    assert info.value.render().endswith("or use --method drivers.")


def test_flyvbjerg_preset_has_the_published_mean() -> None:
    quantity, provenance = PRESETS["flyvbjerg-2011"]
    assert quantity.mean() == pytest.approx(0.27, abs=1e-12)
    assert quantity.dist.weights == pytest.approx((5 / 6, 1 / 6))  # type: ignore[union-attr]
    assert provenance.status == "assumed"


def test_bundled_estimate_is_stable_in_shape() -> None:
    result = estimate(load_inputs(), EstimateOptions(samples=2000))
    data = json.loads(render_json(result))
    assert data["schema_version"] == 1
    assert data["fingerprint"].startswith("sha256:")
    assert len(data["applications"]) == 45
    m = data["migration"]
    assert 0 < m["p10"] < m["p50"] < m["p90"]
    assert sum(a["mean"] for a in data["applications"]) == pytest.approx(m["mean"], rel=1e-9)
    assert 0.5 < data["illustrative_share"] <= 1


# --------------------------------------------------------------------------------------
# The common causes, drawn from the streams named after them (docs/methodology.md)

STREAMS = [app("ref", users="80 to 125", criticality="vital", quotes=quote("400k to 600k")),
           app("lut", users=200, kind="lutece"),
           app("kept", users=50, strategy="retain"),
           app("own", users=300, quotes=[{"amount": "1M to 2M", "date": "2023-03-01"}])]
STREAMS_ASSUMPTIONS = {
    "reference": "ref", "optimism_bias": "5% to 30%", "price_base_year": 2024,
    "drivers": {"users": {"elasticity": {"pert": [0.3, 0.5, 0.9]}}},
    "factors": {"kind": {"lutece": "0.4 to 0.9"},
                "criticality": {"vital": {"uniform": [1.2, 1.6]}}},
    "uncertainty": {"reference": 1, "application": "0.7 to 1.4"},
    "indexation": {"general": {"rate": {"uniform": [0.01, 0.03]}}}}


def test_common_causes_draw_from_their_named_streams() -> None:
    from soicost.model.rng import generator
    from soicost.model.sampling import draw, log_draw

    inputs = inputs_from(STREAMS, STREAMS_ASSUMPTIONS)
    plan = build_plan(inputs, "drivers")
    seed, n = 11, 1000
    common = common_draws(plan, seed, n)
    a = inputs.assumptions

    def stream(q: Any, name: str) -> Any:
        return draw(q.dist, generator(seed, name), n)

    quote_log = log_draw(plan.reference_quote, generator(seed, "quote:ref"), n)
    growth = np.log1p(stream(a.indexation["general"].rate, "index:general"))
    uplift = np.log1p(stream(a.optimism_bias, "optimism_bias"))
    elasticity = stream(a.drivers["users"].elasticity, "elasticity:users")
    ref_users = log_draw(inputs.applications.applications[0].drivers["users"].dist,
                         generator(seed, "app:ref:driver:0"), n)
    vital = log_draw(a.factors.criticality["vital"].dist,
                     generator(seed, "factor:criticality:vital"), n)
    # The reference quote (of 2022) is brought to the euros of 2024 at the drawn index.
    assert_allclose(common.reference_log_cost, quote_log + 2 * growth + uplift, rtol=1e-13)
    assert_allclose(common.log_uplift, uplift, rtol=1e-13)
    assert_allclose(common.quote_growth, growth, rtol=1e-13)
    assert_allclose(common.elasticities, elasticity[None, :], rtol=1e-13)
    # a = ln Q(1 + b) − e ln x_ref − ln F_vital (the reference's other factors are 1).
    assert_allclose(common.intercept,
                    quote_log + 2 * growth + uplift - elasticity * ref_users - vital,
                    rtol=1e-12)
    assert_allclose(common.factor_logs[("kind", "lutece")],
                    log_draw(a.factors.kind["lutece"].dist,
                             generator(seed, "factor:kind:lutece"), n), rtol=1e-13)
    assert common.factor_logs[("criticality", None)] == 0.0
    assert ("strategy", "retain") not in common.factor_logs  # retained: never extrapolated
    dist = plan.application_uncertainty
    assert isinstance(dist, LogNormal)
    assert common.uncertainty == (dist.mu, dist.sigma)
    # Its own quote, of 2023, moves one year at the same index; nothing else scales it.
    own = next(p for p in plan.applications if p.id == "own")
    costs = block_costs((own,), plan, common, seed, n)[0]
    own_quote = log_draw(own.quote, generator(seed, "app:own:quote"), n)  # type: ignore[arg-type]
    assert_allclose(np.log(costs), own_quote + uplift + growth, rtol=1e-12)


def test_a_fixed_application_factor_multiplies_each_extrapolated_cost() -> None:
    apps = [app("ref", quotes=quote(500_000), kind="lutece"), app("other"),
            app("kept", strategy="retain")]
    assumptions = {**NO_UNCERTAINTY, "uncertainty": {"reference": 1, "application": 1.2},
                   "factors": {"kind": {"lutece": 0.5}}}
    plan = build_plan(inputs_from(apps, assumptions), "drivers")
    common = common_draws(plan, 3, 100)
    assert common.uncertainty == pytest.approx((math.log(1.2), 0.0), rel=1e-15)
    costs = block_costs(plan.applications, plan, common, 3, 100)
    # The reference keeps its quote; a vendor application of the same size costs the quote
    # / 0.5 (the reference's own factor is taken out) x 1.2; a retained one costs nothing.
    assert_allclose(costs[0], 500_000, rtol=1e-12)
    assert_allclose(costs[1], 500_000 / 0.5 * 1.2, rtol=1e-12)
    assert_allclose(costs[2], 0.0)


def test_fit_draws_coefficients_from_their_stream_with_the_residual_spread() -> None:
    from soicost.model.rng import generator
    from soicost.model.sampling import draw, standard_normal

    inputs = _fit_inputs("10% to 20%")
    plan = build_plan(inputs, "fit")
    assert plan.fit is not None
    seed, n = 5, 2000
    common = common_draws(plan, seed, n)
    z = standard_normal(generator(seed, "fit"), (2, n))
    # σ² ~ scaled inverse-χ²(k − p, s²): σ / s = sqrt((k − p) / χ²), from its own stream.
    rng = generator(seed, "fit:variance")
    assert not isinstance(rng, Quantile)
    first = rng.chisquare(plan.fit.dof, n)
    assert plan.fit.dof == plan.fit.points - 2
    # Draws that would make σ larger than FIT_SPREAD_MAX are drawn again; the others stay.
    from soicost.model.plan import FIT_SPREAD_MAX

    kept = first >= plan.fit.dof * (plan.fit.residual_sd / FIT_SPREAD_MAX) ** 2
    assert kept.mean() > 0.99
    assert common.spread_scale is not None
    assert_allclose(common.spread_scale[kept], np.sqrt(plan.fit.dof / first[kept]),
                    rtol=1e-15)
    scale = common.spread_scale
    coefficients = (np.asarray(plan.fit.coefficients)[:, None]
                    + (np.linalg.cholesky(np.asarray(plan.fit.covariance)) @ z) * scale)
    uplift = np.log1p(draw(inputs.assumptions.optimism_bias.dist,
                           generator(seed, "optimism_bias"), n))
    assert_allclose(common.intercept, coefficients[0] + uplift, rtol=1e-12)
    assert_allclose(common.elasticities, coefficients[1:], rtol=1e-12)
    assert common.uncertainty == (0.0, plan.fit.residual_sd)


def test_extrapolated_costs_sample_by_sample() -> None:
    # ln cost_i = a + Σ_f ln F_f(i) + Σ_d e_d ln x_i,d + σ z_i + μ, each piece from its stream.
    from soicost.model.rng import generator
    from soicost.model.sampling import log_draw, standard_normal

    apps = [*STREAMS[:3], app("big", users=1000, criticality="vital"),
            app("wide", users="150 to 250", kind="lutece")]
    plan = build_plan(inputs_from(apps, STREAMS_ASSUMPTIONS), "drivers")
    seed, n = 13, 500
    common = common_draws(plan, seed, n)
    assert common.uncertainty is not None
    mu, sigma = common.uncertainty
    by_id = {p.id: p for p in plan.applications}

    def noise(ident: str) -> Any:
        return sigma * standard_normal(generator(seed, f"app:{ident}:uncertainty"), n) + mu

    e = common.elasticities[0]
    lutece = common.factor_logs[("kind", "lutece")]
    vital = common.factor_logs[("criticality", "vital")]
    wide_users = log_draw(by_id["wide"].uncertain_drivers[0][1],
                          generator(seed, "app:wide:driver:0"), n)
    expected = {
        "lut": common.intercept + lutece + e * math.log(200) + noise("lut"),
        "big": common.intercept + vital + e * math.log(1000) + noise("big"),
        "wide": common.intercept + lutece + e * wide_users + noise("wide"),
    }
    chosen = tuple(by_id[i] for i in expected)
    costs = block_costs(chosen, plan, common, seed, n)
    for row, (ident, log_cost) in zip(costs, expected.items(), strict=True):
        assert_allclose(np.log(row), log_cost, rtol=1e-12, err_msg=ident)
    assert_allclose(block_costs((by_id["kept"],), plan, common, seed, n), 0.0)


def test_a_mixture_application_factor_is_drawn_from_the_application_stream() -> None:
    from soicost.model.rng import generator
    from soicost.model.sampling import log_draw

    mixture = {"mixture": [{"weight": 0.9, "value": 1}, {"weight": 0.1, "value": 3}]}
    apps = [app("ref", quotes=quote(500_000)), app("other", users=400)]
    assumptions = {**NO_UNCERTAINTY, "uncertainty": {"reference": 1, "application": mixture}}
    plan = build_plan(inputs_from(apps, assumptions), "drivers")
    common = common_draws(plan, 2, 1000)
    assert common.uncertainty is None
    costs = block_costs(plan.applications[1:], plan, common, 2, 1000)[0]
    factor = np.exp(log_draw(plan.application_uncertainty, generator(2, "app:other:uncertainty"),
                             1000))
    assert_allclose(costs, 1_000_000 * factor, rtol=1e-12)
    assert set(np.round(costs / 1_000_000, 12)) == {1.0, 3.0}


def test_simulate_weights_stats_and_progress() -> None:
    from soicost.model.stats import summarise

    apps = [*STREAMS, app("big", users=1000)]
    plan = build_plan(inputs_from(apps, STREAMS_ASSUMPTIONS), "drivers")
    weights = np.array([[1, 0.5, 0], [1, 0, 1], [1, 2, 0], [1, 0, 0], [1, 1, 0.25]])
    seen: list[int] = []
    result = simulate(plan, samples=300, seed=4, weights=weights, block=2,
                      on_progress=seen.append)
    costs = block_costs(plan.applications, plan, common_draws(plan, 4, 300), 4, 300)
    assert_allclose(result.sums, weights.T @ costs, rtol=1e-12)
    assert seen == [2, 2, 1]
    for stats, row in zip(result.applications, costs, strict=True):
        assert stats.as_dict() == pytest.approx(summarise(row).as_dict(), rel=1e-12)
    default = simulate(plan, samples=300, seed=4)
    assert default.sums.shape == (1, 300)
    assert_allclose(default.sums[0], costs.sum(axis=0), rtol=1e-12)


# --------------------------------------------------------------------------------------
# The plan: what each application is, and what rests on illustrative inputs

ASSUMED = {"status": "assumed", "source": "test"}


def _plan_data(driver_provenance: dict[str, str]) -> Inputs:
    apps = [
        # Illustrative entry, but its quote's amount is sourced: the quote is not.
        {**app("ref", users=100), "quotes": [{"amount": {"value": "500k", "provenance": {
            "status": "sourced", "source": "letter"}}, "date": "2022-05-18"}]},
        {**app("q", users=200), "provenance": ASSUMED,
         "quotes": [{"amount": "300k to 600k", "date": "2023-02-01"}]},
        {**app("e1", users=300), "provenance": ASSUMED},
        app("e2", users="100 to 400"),
        {**app("r", strategy="retain"), "provenance": ASSUMED},
    ]
    assumptions = {"reference": "ref", "optimism_bias": 0,
                   "drivers": {"users": {"elasticity": 0.5, "provenance": driver_provenance}},
                   "index_of": {"quotes": "it"},
                   "indexation": {"it": {"rate": "3%"}}}
    return inputs_from(apps, assumptions)


def test_plan_modes_quotes_and_illustrative_flags() -> None:
    plan = build_plan(_plan_data(ASSUMED))
    assert plan.method == "drivers" and plan.reference == "ref"
    rows = {p.id: (p.name, p.mode, p.zero, p.illustrative, p.quote_year, p.quote is not None)
            for p in plan.applications}
    assert rows == {
        "ref": ("ref", "reference", False, False, 2022, False),
        "q": ("q", "quoted", False, False, 2023, True),
        "e1": ("e1", "extrapolated", False, False, 0, False),
        "e2": ("e2", "extrapolated", False, True, 0, False),   # its own entry is illustrative
        "r": ("r", "excluded", True, False, 0, False),
    }
    by_id = {p.id: p for p in plan.applications}
    assert by_id["e1"].log_drivers == (math.log(300),) and by_id["e1"].uncertain_drivers == ()
    assert by_id["e2"].log_drivers == (0.0,)
    assert [d for d, _ in by_id["e2"].uncertain_drivers] == [0]
    assert (plan.quote_index_name, plan.quote_index) == ("it", Fixed(0.03))
    assert plan.reference_quote_year == 2022 and plan.reference_log_drivers == (math.log(100),)
    # Flat: every application costs the reference quote, retained ones too.
    flat = build_plan(_plan_data(ASSUMED), "flat")
    assert {(p.mode, p.zero, p.illustrative) for p in flat.applications} == {
        ("flat", False, False)}
    # An illustrative elasticity makes every extrapolated figure rest on it.
    shaky = build_plan(_plan_data(ILLUSTRATIVE))
    assert {p.id for p in shaky.applications if p.illustrative} == {"e1", "e2", "r"}


def test_a_reference_whose_factor_can_be_zero_is_refused() -> None:
    from dataclasses import replace

    from soicost.errors import InputError
    from soicost.inputs.quantity import parse_quantity

    apps = [app("ref", criticality="low", quotes=quote(1000)), app("b")]
    for factor in ({"uniform": [0, 1]}, {"pert": [0, 1, 2]}):
        # Loading refuses it at its line…
        assumptions = {**NO_UNCERTAINTY, "factors": {"criticality": {"low": factor}}}
        with pytest.raises(InputError) as refused:
            inputs_from(apps, assumptions)
        assert [p.path for p in refused.value.errors] == ["factors.criticality.low"]
        # …and the plan, for inputs built otherwise, with its own message.
        inputs = inputs_from(apps, NO_UNCERTAINTY)
        a = inputs.assumptions
        factors = a.factors.model_copy(update={"criticality": {
            **a.factors.criticality, "low": parse_quantity(factor, "nonneg")}})
        inputs = replace(inputs, assumptions=a.model_copy(update={"factors": factors}))
        with pytest.raises(ModelError) as info:
            build_plan(inputs)
        assert str(info.value) == (
            "the reference application 'ref' has a criticality factor (low) that can be 0, so "
            "no other application can be scaled from it; choose another reference or change "
            "its factors.")


def test_a_kind_factor_of_zero_makes_an_application_free() -> None:
    # Only a zero strategy factor excludes an application; a zero factor of another
    # category is carried as ln 0 = −inf and gives exactly 0, without an error.
    apps = [app("ref", quotes=quote(500_000)), app("free", kind="saas"), app("paid")]
    assumptions = {**NO_UNCERTAINTY, "factors": {"kind": {"saas": 0}}}
    plan = build_plan(inputs_from(apps, assumptions), "drivers")
    assert [p.mode for p in plan.applications] == ["reference", "extrapolated", "extrapolated"]
    costs = block_costs(plan.applications, plan, common_draws(plan, 1, 100), 1, 100)
    assert_allclose(costs, [[500_000] * 100, [0.0] * 100, [500_000] * 100], rtol=1e-12)


def test_a_mean_resting_on_a_few_extreme_draws_is_flagged() -> None:
    from soicost.model.stats import Stats
    from soicost.render.estimate import footer_lines

    # The rule: a standard error above 5 % of the mean.
    assert Stats(1, 2, 3, 100.0, 0, 0, 0, 5.0).mean_is_unstable() is False
    assert Stats(1, 2, 3, 100.0, 0, 0, 0, 5.01).mean_is_unstable() is True
    assert Stats(0, 0, 0, 0.0, 0, 0, 0, 0.0).mean_is_unstable() is False
    # Three quotes and one driver leave one degree of freedom: the predictive of an
    # application 100 times larger than any quoted one is a Student t with 1 degree of
    # freedom on a wide scale, whose mean rests on rare draws. Its percentiles stand.
    apps = [app("q0", users=10, quotes=quote(1000)), app("q1", users=20, quotes=quote(2600)),
            app("q2", users=40, quotes=quote(3000)), app("huge", users=4000)]
    inputs = inputs_from(apps, {**NO_UNCERTAINTY, "reference": "q0"})
    result = estimate(inputs, EstimateOptions(method="fit", samples=20_000))
    assert result.migration.mean_is_unstable()
    lines = footer_lines(result, "en")
    assert lines[-1].startswith("Warning: the mean (")
    assert lines[-1].endswith("cite P50 and P10–P90, not the mean.")
    assert footer_lines(result, "fr")[-1].endswith("citez P50 et P10–P90, pas la moyenne.")


def test_the_reference_deviation_is_drawn_from_its_stream_and_shared() -> None:
    # a = ln Q(1 + b) − e ln x_ref − Σ ln F(ref) + ln R, with ln R drawn once per sample from
    # the stream "uncertainty:reference"; the same inputs with reference: 1 give the same
    # intercept without it, sample by sample.
    from soicost.model.rng import generator
    from soicost.model.sampling import log_draw

    apps = [app("ref", quotes=quote(1000)), app("a", users=400), app("b", users=25)]
    wide = {**NO_UNCERTAINTY, "uncertainty": {"reference": "0.5 to 2", "application": 1}}
    with_r = build_plan(inputs_from(apps, wide), "drivers")
    without = build_plan(inputs_from(apps, NO_UNCERTAINTY), "drivers")
    seed, n = 17, 3000
    log_r = log_draw(LogNormal.from_p5_p95(0.5, 2.0), generator(seed, "uncertainty:reference"),
                     n)
    assert_allclose(common_draws(with_r, seed, n).intercept,
                    common_draws(without, seed, n).intercept + log_r, rtol=0, atol=1e-12)
    # Shared: both extrapolated applications move by the same R in every sample; the
    # reference keeps its quote.
    costs_r = block_costs(with_r.applications, with_r, common_draws(with_r, seed, n), seed, n)
    costs_n = block_costs(without.applications, without, common_draws(without, seed, n),
                          seed, n)
    assert_allclose(costs_r[0], costs_n[0])
    assert_allclose(costs_r[1] / costs_n[1], np.exp(log_r), rtol=1e-12)
    assert_allclose(costs_r[2] / costs_n[2], np.exp(log_r), rtol=1e-12)
