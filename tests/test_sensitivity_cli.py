"""`soicost sensitivity` on real files."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from soicost.analysis.sensitivity import group_of
from soicost.cli import app

runner = CliRunner()
PROV = {"status": "sourced", "source": "test"}


def write(folder: Path) -> Path:
    """A very wide reference quote; everything else almost fixed."""
    folder.mkdir(parents=True, exist_ok=True)
    apps = [{"id": "ref", "name": "Ref", "kind": "vendor", "drivers": {"users": 100},
             "provenance": PROV, "quotes": [{"amount": "50k to 5M", "date": "2022-05-18"}]}]
    apps += [{"id": f"a{i}", "name": f"A{i}", "kind": "in-house", "strategy": "rehost",
              "drivers": {"users": 10 * (i + 1)}, "provenance": PROV} for i in range(8)]
    (folder / "applications.yaml").write_text(yaml.safe_dump({"applications": apps}))
    (folder / "infrastructure.yaml").write_text(yaml.safe_dump({"assets": []}))
    (folder / "assumptions.yaml").write_text(yaml.safe_dump({
        "reference": "ref", "drivers": {"users": {"elasticity": "0.49 to 0.51"}},
        "uncertainty": {"reference": 1, "application": "0.99 to 1.01"}, "optimism_bias": "1% to 2%",
        "scenarios": [{"id": "move", "name": "Move",
                       "waves": [{"date": "2023-01-01", "share": 1}]}]}))
    return folder


def test_a_wide_quote_comes_first_with_total_index_near_one(tmp_path: Path) -> None:
    folder = write(tmp_path)
    result = runner.invoke(app, ["sensitivity", "--data", str(folder), "--format", "json",
                                 "--samples", "2048"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"figure", "method", "samples", "inputs"}
    first = data["inputs"][0]
    assert first["name"] == "reference quote"
    assert first["total"] > 0.97 and first["first_order"] > 0.95
    assert set(first) == {"name", "first_order", "total", "first_order_ci", "total_ci",
                          "swing_low", "swing_high"}
    totals = [i["total"] for i in data["inputs"]]
    assert totals == sorted(totals, reverse=True)
    assert first["swing_low"] < data["at_medians"] < first["swing_high"]


def test_scenario_figures_chart_and_errors(tmp_path: Path) -> None:
    folder = write(tmp_path)
    chart = tmp_path / "t.svg"
    result = runner.invoke(app, ["sensitivity", "--data", str(folder), "--figure",
                                 "delta:move", "--samples", "512", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert chart.read_text().startswith("<svg") and "reference quote" in chart.read_text()
    bad = runner.invoke(app, ["sensitivity", "--data", str(folder), "--figure", "delta:mov",
                              "--samples", "512"])
    assert bad.exit_code == 2 and "did you mean delta:move?" in bad.output
    sq = runner.invoke(app, ["sensitivity", "--data", str(folder), "--figure",
                             "delta:status-quo", "--samples", "512"])
    assert sq.exit_code == 2


def test_groups_are_named_for_analysts() -> None:
    assert group_of("quote:piaf") == "reference quote"
    assert group_of("elasticity:users") == "elasticity of users"
    assert group_of("app:payroll:uncertainty") == \
        "application-level uncertainty (all applications)"
    assert group_of("factor:kind:vendor") == "factor: kind"
    assert group_of("staff:cost_per_fte") == "staff cost"
    assert group_of("discount_rate") == "discount rate"


def test_the_title_names_the_figure_in_words() -> None:
    from typer.testing import CliRunner

    from soicost.cli import app

    runner = CliRunner()
    french = runner.invoke(app, ["-q", "sensitivity", "-n", "128", "--figure",
                                 "delta:transfer-thirds", "--lang", "fr"]).stdout
    assert french.startswith("Analyse de sensibilité\u00a0: l'écart de Transfert tiers par "
                             "tiers au statu quo (128 tirages")
    english = runner.invoke(app, ["-q", "sensitivity", "-n", "128", "--lang", "en"]).stdout
    assert english.startswith("Sensitivity of the migration cost (128 samples, seed")
    data = runner.invoke(app, ["-q", "sensitivity", "-n", "128", "-f", "json"]).stdout
    assert '"figure": "migration"' in data  # the JSON keeps the id


def test_sensitivity_and_diff_write_the_runs_currency(tmp_path: Path) -> None:
    # Swings and differences are amounts of the run's currency, not always euros.
    from conftest import ASSUMPTIONS, write_files

    write_files(tmp_path, assumptions=ASSUMPTIONS + "currency: CHF\n")
    runner = CliRunner()
    table = runner.invoke(app, ["-q", "sensitivity", "-n", "128", "--data", str(tmp_path)])
    assert table.exit_code == 0, table.output
    assert "CHF" in table.stdout and "€" not in table.stdout
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.json"
        assert runner.invoke(app, ["-q", "estimate", "-n", "200", "--seed", seed, "-f", "json",
                                   "-o", str(out), "--data", str(tmp_path)]).exit_code == 0
        runs.append(str(out))
    changed = runner.invoke(app, ["-q", "diff", *runs])
    assert "CHF" in changed.stdout and "€" not in changed.stdout, changed.stdout
