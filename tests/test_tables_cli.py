"""`soicost tables --check` guards the committed tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from soicost.cli import app
from soicost.inputs.loader import bundled_data_dir

runner = CliRunner()
FAST = ["--samples", "2000"]
REPO_TABLES = Path(__file__).resolve().parents[1] / "docs" / "tables"


def test_check_passes_then_fails_after_an_input_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    out = tmp_path / "tables"
    assert runner.invoke(app, ["tables", "--out", str(out), "--data", str(data),
                               *FAST]).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "scenario-comparison.md" in names and "applications.csv" in names
    ok = runner.invoke(app, ["tables", "--out", str(out), "--data", str(data), *FAST,
                             "--check"])
    assert ok.exit_code == 0, ok.output
    text = (data / "applications.yaml").read_text().replace("amount: 500k", "amount: 600k")
    (data / "applications.yaml").write_text(text)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    stale = runner.invoke(app, ["tables", "--out", str(out), "--data", str(data), *FAST,
                                "--check"])
    assert stale.exit_code == 1
    assert "portfolio.md" in stale.output and "README.md" in stale.output
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}  # --check wrote nothing
    (out / "assets.csv").unlink()
    missing = runner.invoke(app, ["tables", "--out", str(out), "--data", str(data), *FAST,
                                  "--check"])
    assert "assets.csv (missing)" in missing.output


def test_xlsx_alongside(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tables", "--out", str(tmp_path), *FAST, "--xlsx"])
    assert result.exit_code == 0
    assert (tmp_path / "tables.xlsx").read_bytes()[:2] == b"PK"


def test_repository_tables_are_committed() -> None:
    # CI runs `soicost tables --out docs/tables --check` on the real default run; here we
    # only make sure the folder exists with every table, so a missing commit is caught early.
    for name in ("portfolio", "applications", "assets", "scenarios-by-year",
                 "scenario-comparison"):
        assert (REPO_TABLES / f"{name}.md").is_file(), name
        assert (REPO_TABLES / f"{name}.csv").is_file(), name


def test_french_tables_are_checked_in_french_and_messages_follow_the_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from soicost.cli import app

    runner = CliRunner()
    folder = tmp_path / "tables"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    written = runner.invoke(app, ["tables", "--out", str(folder), "-n", "200", "--lang", "fr"])
    assert written.exit_code == 0, written.output
    assert "--lang fr`" in (folder / "README.md").read_text(encoding="utf-8")
    # Without --lang the tables would be English: --check says they are up to date in French
    # rather than suggest regenerating them in English, in the locale's language.
    checked = runner.invoke(app, ["tables", "--out", str(folder), "-n", "200", "--check"])
    assert checked.exit_code == 0
    assert checked.stderr == f"11 tableaux à jour dans {folder}, écrits avec --lang fr.\n"
    english = runner.invoke(app, ["tables", "--out", str(folder), "-n", "200", "--check",
                                  "--lang", "en"])
    assert english.exit_code == 1
    assert "Regenerate with: soicost tables" in english.stderr
