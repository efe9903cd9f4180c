"""Constant versus current euros, against hand computations."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from conftest import inputs_from, write_files
from soicost.analysis.estimate import EstimateOptions, estimate
from soicost.analysis.explain import explain
from soicost.cli import app
from soicost.finance.euros import PriceLevels

runner = CliRunner()
PROV = {"status": "sourced", "source": "test"}


def test_a_2025_flow_indexed_at_two_percent_from_2022() -> None:
    levels = PriceLevels("current", 2022, {"general": math.log1p(0.02)}, lambda c: "general")
    assert 100_000 * levels.factor("running", 2025) == pytest.approx(106_120.80, abs=0.005)
    constant = PriceLevels("constant", 2022, {"general": math.log1p(0.02)}, lambda c: "general")
    assert constant.factor("running", 2025) == 1.0
    # A category drifting faster than inflation keeps its relative drift in constant euros.
    drift = PriceLevels("constant", 2022, {"general": math.log1p(0.02),
                                           "pay": math.log1p(0.03)},
                        lambda c: "pay" if c == "staff" else "general")
    assert drift.factor("staff", 2025) == pytest.approx((1.03 / 1.02) ** 3, rel=1e-12)
    real = np.array([0.032])
    assert drift.discount_rate(real)[0] == 0.032
    nominal = PriceLevels("current", 2022, {"general": math.log1p(0.02)}, lambda c: "general")
    assert nominal.discount_rate(real)[0] == pytest.approx(1.032 * 1.02 - 1, rel=1e-12)


def data(*, quote_date: str = "2022-05-18", extra: dict[str, Any] | None = None
         ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One quoted application, running costs and a status quo beside a move: the
    applications and the assumptions."""
    apps = [{"id": "ref", "name": "Ref", "kind": "vendor", "provenance": PROV,
             "quotes": [{"amount": "100k", "date": quote_date}]}]
    assumptions = {
        "reference": "ref", "uncertainty": {"reference": 1, "application": 1}, "optimism_bias": 0,
        "valuation_date": "2023-01-01", "horizon": {"start": 2023, "end": 2027},
        "price_base_year": 2022,
        "indexation": {"general": {"rate": "1.5% to 2.5%"}, "it": {"rate": "3%"}},
        "index_of": {"quotes": "it"},
        "running": [{"id": "ops", "name": "Operations", "annual": "100k"}],
        "scenarios": [{"id": "status-quo", "name": "SQ"},
                      {"id": "move", "name": "Move", "waves": [
                          {"date": "2024-01-01", "share": 1}]}],
        **(extra or {})}
    return apps, assumptions


def test_running_cost_in_current_euros_end_to_end() -> None:
    inputs = inputs_from(*data(extra={"indexation": {"general": {"rate": "2%"},
                                                     "it": {"rate": "3%"}}}))
    result = estimate(inputs, EstimateOptions(samples=200, euros="current"))
    assert result.comparison is not None
    sq = result.comparison.scenarios[0]
    by_year = {y.year: y.cash["running"].mean for y in sq.by_year}
    assert by_year[2025] == pytest.approx(106_120.80, abs=0.005)


def test_npv_identity_when_categories_follow_inflation() -> None:
    # Quotes follow 'it' (3 %), but the quote is dated in the base year, and every flow
    # follows general inflation: constant at the real rate == current at the nominal rate.
    inputs = inputs_from(*data())
    constant = estimate(inputs, EstimateOptions(samples=3000, euros="constant"))
    current = estimate(inputs, EstimateOptions(samples=3000, euros="current"))
    assert constant.comparison is not None and current.comparison is not None
    for a, b in zip(constant.comparison.scenarios, current.comparison.scenarios, strict=True):
        for key in ("p10", "p50", "p90", "mean"):
            assert getattr(b.npv, key) == pytest.approx(getattr(a.npv, key), rel=1e-12)
    # ...while the yearly flows themselves differ (2027 euros are not 2022 euros).
    last_constant = constant.comparison.scenarios[0].by_year[-1].cash_total.mean
    last_current = current.comparison.scenarios[0].by_year[-1].cash_total.mean
    assert last_current > 1.05 * last_constant


def test_a_2019_quote_is_indexed_to_2022() -> None:
    inputs = inputs_from(*data(quote_date="2019-06-01"))
    result = estimate(inputs, EstimateOptions(samples=200))
    assert result.applications[0].stats.mean == pytest.approx(100_000 * 1.03**3, rel=1e-12)
    steps = {s.label: s for s in explain(inputs, "ref", EstimateOptions(samples=200)).steps}
    assert steps["indexation"].multiplier == pytest.approx(1.03**3, rel=1e-12)
    assert "2019 to 2022" in steps["indexation"].detail and "it" in steps["indexation"].detail


def test_euros_are_in_the_fingerprint_and_the_json(tmp_path: Path) -> None:
    # The command line, on files.
    apps, assumptions = data()
    folder = write_files(tmp_path, yaml.safe_dump({"applications": apps}),
                         yaml.safe_dump({"assets": []}), yaml.safe_dump(assumptions))
    outputs = {}
    for euros in ("constant", "current"):
        result = runner.invoke(app, ["estimate", "--data", str(folder), "-n", "200",
                                     "--format", "json", "--euros", euros])
        outputs[euros] = json.loads(result.stdout)
        assert outputs[euros]["euros"] == euros
        assert outputs[euros]["price_base_year"] == 2022
    assert outputs["constant"]["fingerprint"] != outputs["current"]["fingerprint"]
    short = outputs["current"]["fingerprint"][7:15]
    assert runner.invoke(app, ["verify", short, "--data", str(folder), "-n", "200",
                               "--euros", "current"]).exit_code == 0
    assert runner.invoke(app, ["verify", short, "--data", str(folder), "-n", "200"]
                         ).exit_code == 1
    table = runner.invoke(app, ["estimate", "--data", str(folder), "-n", "200", "--lang",
                                "fr"]).stdout
    assert "euros constants 2022" in table
