"""`soicost assets` end to end, against hand-computed net book values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from soicost.cli import app

runner = CliRunner()
ILLUSTRATIVE = {"status": "illustrative", "source": "test"}


def write(folder: Path, assets: list[dict[str, object]], convention: str = "m57") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    apps = [{"id": "ref", "name": "ref", "kind": "vendor", "provenance": ILLUSTRATIVE,
             "quotes": [{"amount": 1000, "date": "2022-05-18"}]}]
    (folder / "applications.yaml").write_text(yaml.safe_dump({"applications": apps}))
    (folder / "infrastructure.yaml").write_text(yaml.safe_dump({"assets": assets}))
    (folder / "assumptions.yaml").write_text(yaml.safe_dump(
        {"reference": "ref", "valuation_date": "2023-01-01",
         "amortisation": {"convention": convention}}))
    return folder


EXAMPLE = {"id": "dc", "name": "Data centre", "category": "datacenter", "cost": "1.2M",
           "in_service": "2018-07-01", "life_years": 10, "provenance": ILLUSTRATIVE}


def nbv(folder: Path, *args: str) -> dict[str, float]:
    result = runner.invoke(app, ["assets", "--data", str(folder), "--format", "json",
                                 "--samples", "200", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cash"] is False
    value: dict[str, float] = data["assets"][0]["net_book_value"]
    return value


def test_worked_example_under_both_conventions(tmp_path: Path) -> None:
    folder = write(tmp_path, [EXAMPLE])
    # M57, 30E/360: 4.5 years of 120 k consumed -> 660 000 exactly.
    assert nbv(folder) == {"p10": 660_000.0, "p50": 660_000.0, "p90": 660_000.0,
                           "mean": 660_000.0}
    # M14: plan from 2019-01-01, four whole years at 2023-01-01 -> 720 000 exactly.
    assert nbv(folder, "--convention", "m14")["p50"] == 720_000.0
    assert nbv(write(tmp_path / "m14", [EXAMPLE], "m14"))["p50"] == 720_000.0
    # Per-asset override wins over the assumptions' convention.
    assert nbv(write(tmp_path / "own", [{**EXAMPLE, "convention": "m14"}]))["p50"] == 720_000.0


def test_as_of_and_fully_amortised(tmp_path: Path) -> None:
    folder = write(tmp_path, [{**EXAMPLE, "residual": "100k"}])
    assert nbv(folder, "--as-of", "2030-01-01")["p50"] == 100_000.0
    assert nbv(folder, "--as-of", "2018-01-01")["p50"] == 1_200_000.0


def test_uncertain_cost_gives_a_range(tmp_path: Path) -> None:
    folder = write(tmp_path, [{**EXAMPLE, "cost": "1M to 1.44M"}])
    value = nbv(folder)
    assert value["p10"] < value["p50"] < value["p90"]
    # NBV is proportional to cost here (0.55 of it remains): the median follows the
    # median cost sqrt(1M x 1.44M) = 1.2M within Monte Carlo error at 200 samples.
    assert value["p50"] == pytest.approx(660_000, rel=0.03)


def test_schedule_and_table(tmp_path: Path) -> None:
    folder = write(tmp_path, [EXAMPLE])
    result = runner.invoke(app, ["assets", "--data", str(folder), "--format", "json",
                                 "--schedule", "--samples", "200"])
    rows = json.loads(result.stdout)["assets"][0]["schedule"]
    assert [r["year"] for r in rows] == list(range(2018, 2029))
    assert rows[0]["charge"] == pytest.approx(60_000)
    assert sum(r["charge"] for r in rows) == pytest.approx(1_200_000)
    table = runner.invoke(app, ["assets", "--data", str(folder), "--lang", "en",
                                "--samples", "200"]).stdout
    assert "non-cash" in table and "€660k" in table


def test_bundled_assets_and_estimate_json_agree() -> None:
    result = runner.invoke(app, ["assets", "--format", "json", "--samples", "500"])
    ids = [a["id"] for a in json.loads(result.stdout)["assets"]]
    assert {"datacenter", "toip"} <= set(ids)
    est = json.loads(runner.invoke(app, ["estimate", "--format", "json", "--samples",
                                         "500"]).stdout)
    assert est["valuation_date"] == "2023-01-01"
    assert est["assets"] == json.loads(result.stdout)["assets"]


def test_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["assets", "--as-of", "01/01/2023"])
    assert result.exit_code == 2
