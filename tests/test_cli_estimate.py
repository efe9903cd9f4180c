"""End-to-end: the real CLI on the bundled files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import INFRASTRUCTURE, WriteInputs, write_files
from soicost.cli import app

runner = CliRunner()
FAST = ["--samples", "2000"]


def test_estimate_table_is_plain_text_with_total_and_seed() -> None:
    result = runner.invoke(app, ["estimate", *FAST, "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out
    assert "seed 20220518" in out and "2,000 samples" in out
    assert "Total" in out and "Piaf" in out
    assert "illustrative inputs" in out  # the bundled data is mostly illustrative
    assert max(len(line) for line in out.splitlines()) <= 100


def test_estimate_french_table() -> None:
    result = runner.invoke(app, ["estimate", *FAST, "--lang", "fr"])
    assert result.exit_code == 0
    assert "M€" in result.stdout and "graine 20220518" in result.stdout


def test_estimate_json_is_byte_identical_across_runs() -> None:
    first = runner.invoke(app, ["estimate", *FAST, "--format", "json"])
    second = runner.invoke(app, ["estimate", *FAST, "--format", "json"])
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    for key in ("schema_version", "soicost_version", "fingerprint", "seed", "samples",
                "method", "currency", "migration", "applications"):
        assert key in data
    assert set(data["migration"]) >= {"p10", "p50", "p90", "mean"}
    assert {"id", "name", "p10", "p50", "p90", "mean"} <= set(data["applications"][0])


def test_options_change_the_fingerprint() -> None:
    prints = set()
    for extra in ([], ["--seed", "1"], ["--method", "flat"], ["--samples", "3000"]):
        out = runner.invoke(app, ["estimate", *FAST, "--format", "json", *extra]).stdout
        prints.add(json.loads(out)["fingerprint"])
    assert len(prints) == 4


def test_estimate_csv_and_markdown() -> None:
    out = runner.invoke(app, ["estimate", *FAST, "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:2] == ["id", "name"]
    assert len(rows) == 1 + 45
    # Largest first by the mean rounded as the tables round it, so a last digit cannot
    # flip the order; ties by id.
    from soicost.render.tabular import round_for_stability
    keys = [(-round_for_stability(float(r[-1])), r[0]) for r in rows[1:]]
    assert keys == sorted(keys)
    md = runner.invoke(app, ["estimate", *FAST, "--format", "markdown", "--lang", "en"]).stdout
    assert md.startswith("## Migration cost by application")
    assert "| **Total** |" in md


def test_estimate_excel_fr_csv_and_xlsx(tmp_path: Path) -> None:
    out = runner.invoke(app, ["estimate", *FAST, "--format", "csv", "--csv-dialect",
                              "excel-fr"]).stdout
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 46 and "," in rows[1][-1]
    assert runner.invoke(app, ["estimate", *FAST, "--format", "xlsx"]).exit_code == 2
    target = tmp_path / "estimate.xlsx"
    result = runner.invoke(app, ["estimate", *FAST, "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_bytes()[:2] == b"PK"
    assert runner.invoke(app, ["compare", *FAST, "--format", "xlsx"]).exit_code == 2


def test_output_file_is_written_and_stdout_is_empty(tmp_path: Path) -> None:
    target = tmp_path / "out" / "estimate.json"
    result = runner.invoke(app, ["estimate", *FAST, "--format", "json", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["samples"] == 2000
    assert [p.name for p in target.parent.iterdir()] == ["estimate.json"]


def test_usage_errors_exit_2() -> None:
    for args in (["estimate", "--method", "magic"], ["estimate", "--samples", "10"],
                 ["estimate", "--format", "pdf"], ["explain", "nope", *FAST]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_explain_unknown_application_suggests() -> None:
    result = runner.invoke(app, ["explain", "payrol", *FAST])
    assert result.exit_code == 2
    assert "did you mean 'payroll'?" in result.output


def test_explain_shows_derivation_and_provenance() -> None:
    result = runner.invoke(app, ["explain", "payroll", *FAST, "--lang", "en"])
    assert result.exit_code == 0
    out = result.stdout
    for text in ("reference quote", "driver users", "factor kind", "[sourced]", "[assumed]",
                 "Simulated: P10"):
        assert text in out
    data = json.loads(runner.invoke(app, ["explain", "payroll", *FAST, "--json"]).stdout)
    assert data["basis"] == "extrapolated"
    assert data["steps"][0]["label"] == "reference quote"


def test_fit_on_bundled_data_is_refused_cleanly() -> None:
    result = runner.invoke(app, ["estimate", *FAST, "--method", "fit"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the fit method needs at least")


def test_quiet_leaves_only_the_data(tmp_path: Path) -> None:
    target = tmp_path / "e.json"
    loud = runner.invoke(app, ["estimate", *FAST, "--format", "json", "-o", str(target)])
    assert "wrote" in loud.stderr
    quiet = runner.invoke(app, ["--quiet", "estimate", *FAST, "--format", "json", "-o",
                                str(target)])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_help_is_plain_text_without_colour() -> None:
    result = runner.invoke(app, ["--help"], env={"NO_COLOR": "1", "TERM": "dumb"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for command in ("validate", "estimate", "explain", "assets", "compare", "cite", "verify",
                    "tables", "diff", "report", "schema", "init"):
        assert command in result.stdout, command


def test_output_to_a_pipe_writes_into_it_rather_than_replacing_it(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    from soicost.atomic import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "data\n")
    reader.join(timeout=10)
    assert received == [b"data\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert runner.invoke(app, ["estimate", *FAST, "-o", str(tmp_path)]).exit_code == 1


def test_results_that_overflow_are_refused_cleanly(tmp_path: Path) -> None:
    import shutil

    from soicost.inputs.loader import bundled_data_dir

    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    text = (data / "applications.yaml").read_text().replace(
        "amount: 500k", "amount: {value: 1e307, confirmed: overflow on purpose}")
    (data / "applications.yaml").write_text(text)
    result = runner.invoke(app, ["estimate", "--data", str(data), *FAST])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the migration cost of 'piaf' is not a finite "
                                    "number")
    assert "Warning" not in result.output


def test_an_asset_whose_draws_overflow_is_refused_cleanly(tmp_path: Path) -> None:
    # A cost of 1e308 is finite, the mean of its draws is not: the XLSX export stopped with
    # an OverflowError, the JSON held Infinity and `assets` printed numpy's warnings (found
    # by the hostile fuzzing campaign, docs/quality.md).
    folder = write_files(tmp_path / "data", infrastructure=INFRASTRUCTURE.replace(
        "cost: 1M", "cost: {value: 1e308, confirmed: overflow on purpose}"))
    for args in (["estimate", "--format", "xlsx", "--output", str(tmp_path / "out.xlsx")],
                 ["estimate", "--format", "json"], ["assets", "--format", "json"]):
        result = runner.invoke(app, [*args, "--data", str(folder), "--samples", "200"])
        assert result.exit_code == 1, args
        assert result.output == (
            "Error: the cost of asset 'datacenter' is not a finite number: its draws add up "
            "beyond 1e308; check its cost (1e+308) and residual value\n"), args
    assert not (tmp_path / "out.xlsx").exists()


def test_explain_quotes_each_source_in_the_output_language(write_inputs: WriteInputs) -> None:
    # A source in French and English is shown in the output's language; one written once
    # is shown as written in both.
    folder = write_inputs(
        applications=BILINGUAL_SOURCE_APPS, assumptions="reference: piaf\ndrivers:\n  users:\n"
        "    elasticity: 0.5\n    provenance: {status: assumed, source: Jugement maison}\n")
    shown: dict[str, str] = {}
    for lang in ("fr", "en"):
        result = runner.invoke(app, ["explain", "payroll", *FAST, "--lang", lang,
                                     "--data", str(folder)])
        assert result.exit_code == 0, result.output
        shown[lang] = result.stdout
    assert "Lettre du SOI, 18 mai 2022" in shown["fr"]
    assert "SOI letter, 18 May 2022" not in shown["fr"]
    assert "SOI letter, 18 May 2022" in shown["en"]
    assert "Lettre du SOI" not in shown["en"]
    assert "Jugement maison" in shown["fr"] and "Jugement maison" in shown["en"]
    # JSON holds one string per source, as per name: the French.
    data = json.loads(runner.invoke(app, ["explain", "payroll", *FAST, "--json",
                                          "--data", str(folder)]).stdout)
    sources = [s["provenance"]["source"] for s in data["steps"] if s["provenance"]]
    assert "Lettre du SOI, 18 mai 2022" in sources and "Jugement maison" in sources


BILINGUAL_SOURCE_APPS = """\
applications:
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 100}
    quotes:
      - amount: 500k
        date: 2022-05-18
    provenance:
      status: sourced
      source: {fr: "Lettre du SOI, 18 mai 2022", en: "SOI letter, 18 May 2022"}
  - id: payroll
    name: Payroll
    kind: in-house
    drivers: {users: 50}
    provenance: {status: illustrative}
"""
