"""`soicost backtest` end to end: real files, the real command line, exact messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from soicost.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
CALIBRATION = ROOT / "calibration"
FAST = ["--samples", "200", "--replicates", "5"]

HISTORY_CSV = """id,actual,users,interfaces,data_gb
a,120k,100,4,10
b,300k,900,6,50
c,80k,40,2,5
d,650k,2500,12,200
e,210k,300,9,80
f,95k,150,3,12
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_history_against_the_bundled_assumptions(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    code, out, err = run("backtest", str(history), *FAST, "--lang", "en", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["command"] == "backtest"
    assert data["history"]["projects"] == 6
    assert data["history"]["drivers"] == ["users", "interfaces", "data_gb"]
    assert data["single"]["predictions"] == 30
    assert data["single"]["inside_p10_p90"]["effective"] == 6
    # 3 drivers need 5 quotes for a fit, which leave 1 project to predict.
    assert data["fit"]["predictions"] == 5
    assert data["assumptions"]["uncertainty.reference"] == "lognormal(median 1, sigma 0.9)"


def test_outputs_are_byte_identical_for_a_seed_and_french_in_french(tmp_path: Path) -> None:
    history = CALIBRATION / "histories" / "kemerer.csv"
    args = ["backtest", str(history), "--assumptions", str(CALIBRATION / "assumptions.yaml"),
            *FAST]
    outputs = []
    for _ in range(2):
        chart = tmp_path / "pit.svg"
        code, out, err = run(*args, "--lang", "fr", "--chart", str(chart))
        assert code == 0, err
        outputs.append((out, chart.read_bytes()))
    assert outputs[0] == outputs[1]
    out = outputs[0][0]
    assert "Validation rétrospective" in out and "Coût réel entre P10 et P90" in out
    assert "\u202f%" in out
    for english in ("Backtest", "Actual", "samples", "Predictions"):
        assert english not in out
    assert b"<svg" in outputs[0][1] and "Rang du coût réel".encode() in outputs[0][1]
    code, other, _ = run(*args, "--lang", "fr", "--seed", "1")
    assert code == 0 and other != out


def test_too_few_projects_is_refused_at_its_line(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("id,actual,users\na,10k,5\nb,20k,9\n", encoding="utf-8")
    code, out, err = run("backtest", str(history), *FAST)
    assert code == 1 and out == ""
    assert "a backtest needs at least 3 past projects; found 2" in err
    assert "Traceback" not in err


def test_an_undeclared_driver_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("id,actual,usres\na,10k,5\nb,20k,9\nc,5k,2\n", encoding="utf-8")
    code, _, err = run("backtest", str(history), *FAST)
    assert code == 1
    assert f"{history}:1:" in err or "history.csv:1:" in err
    assert "did you mean 'users'?" in err


def test_bad_options_are_refused_before_reading(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.csv")
    assert run("backtest", missing, "--quotes", "2")[2] == (
        "Error: --quotes must be at least 3 (got 2): a fit needs an intercept, an elasticity "
        "and a residual spread\n")
    assert "--samples must be at least" in run("backtest", missing, "--samples", "10")[2]
    code, _, err = run("backtest", missing, "--chart", str(tmp_path / "pit.txt"))
    assert code == 2 and "--chart writes an SVG image" in err


def test_the_history_cannot_be_overwritten(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    code, _, err = run("backtest", str(history), *FAST, "--output", str(history))
    assert code == 2 and "is the input file" in err
    assert history.read_text(encoding="utf-8") == HISTORY_CSV


def test_a_project_the_model_says_is_free_is_refused_at_its_line(tmp_path: Path) -> None:
    # The bundled factors give `retain` a strategy factor of 0.
    history = tmp_path / "history.yaml"
    history.write_text(
        "projects:\n"
        "  - {id: a, drivers: {users: 100, interfaces: 4, data_gb: 10}, actual: 120k}\n"
        "  - {id: b, drivers: {users: 900, interfaces: 6, data_gb: 50}, actual: 300k,\n"
        "     strategy: retain}\n"
        "  - {id: c, drivers: {users: 40, interfaces: 2, data_gb: 5}, actual: 80k}\n",
        encoding="utf-8")
    code, out, err = run("backtest", str(history), *FAST)
    assert code == 1 and out == ""
    assert err == (
        f"{history}:3:5: projects[1].strategy: project 'b' has the strategy 'retain', whose "
        "factor can be 0: the model says it costs nothing, so its actual cost cannot test "
        "the model\n"
        "  expected: a strategy whose factor is above 0\n"
        "  found:    retain (factor 0 at least)\n"
        "  3 |   - {id: b, drivers: {users: 900, interfaces: 6, data_gb: 50}, actual: 300k,\n"
        "    |     ^\n"
        "  hint: give the strategy the project really had, or leave the project out\n"
        "\n"
        "Error: 1 problem; nothing was computed.\n")


def test_the_chart_file_is_a_standalone_svg_and_the_report_embeds_it(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    chart = tmp_path / "pit.svg"
    code, _, err = run("backtest", str(history), *FAST, "--chart", str(chart))
    assert code == 0, err
    assert chart.read_text(encoding="utf-8").startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="backtest-pit"')
    report = tmp_path / "report.html"
    code, _, err = run("report", "--out", str(report), "--history", str(history),
                       "--samples", "500", "--sensitivity-samples", "0", "--lang", "fr")
    assert code == 0, err
    html = report.read_text(encoding="utf-8")
    assert '<section id="calibration">' in html
    assert "Les fourchettes à l&#x27;épreuve des projets passés" in html
    assert 'id="backtest-pit"' in html and "http://" not in html


def test_when_no_set_of_quotes_can_be_fitted_it_is_said(tmp_path: Path) -> None:
    history = tmp_path / "alike.csv"
    history.write_text("id,users,actual\n" + "".join(
        f"p{i},10,{100 + 37 * i}\n" for i in range(6)), encoding="utf-8")
    assumptions = tmp_path / "assumptions.yaml"
    assumptions.write_text("reference: any\ndrivers:\n  users: {elasticity: 0.3 to 0.7}\n",
                           encoding="utf-8")
    code, out, err = run("backtest", str(history), *FAST, "--lang", "en",
                         "--assumptions", str(assumptions), "--quotes", "3")
    assert code == 0, err
    assert "Traceback" not in err
    assert "Fit not run: none of 50 random sets of quotes could identify the law" in out


def test_data_needs_only_its_assumptions(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "assumptions.yaml").write_bytes(
        (ROOT / "src" / "soicost" / "data" / "assumptions.yaml").read_bytes())
    history = tmp_path / "history.csv"
    history.write_text(HISTORY_CSV, encoding="utf-8")
    code, out, err = run("backtest", str(history), "--data", str(folder), *FAST, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["history"]["projects"] == 6
    code, _, err = run("backtest", str(history), "--assumptions", str(tmp_path / "no.yaml"))
    assert code == 1
    assert err.startswith(f"{tmp_path / 'no.yaml'}: assumptions file not found\n")


def test_a_history_and_options_refused_in_french(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("id,actual,users\na,120k,100\nb,300k\n", encoding="utf-8")
    code, out, err = run("backtest", str(history), *FAST, "--lang", "fr")
    assert (code, out) == (1, "")
    assert err == (
        f"{history}:1:1: une validation rétrospective demande au moins 3 projets passés\u202f; "
        "le fichier en donne 2\n"
        "  1 | id,actual,users\n"
        "    | ^\n"
        "  conseil\u00a0: ajoutez des projets passés, chacun avec ses inducteurs et son coût "
        "réel\n"
        "\n"
        f"{history}:3:1: cette ligne compte 2 cellules\u202f; l'en-tête compte 3 colonnes\n"
        "  attendu\u00a0: 3 cellules séparées par ','\n"
        "  trouvé\u00a0:  2 cellules\n"
        "  3 | b,300k\n"
        "    | ^\n"
        "\n"
        "Erreur\u00a0: 2 problèmes dans 1 fichier\u202f; rien n'a été calculé.\n")
    assert run("backtest", str(history), "--quotes", "2", "--lang", "fr") == (
        2, "", "Erreur\u00a0: --quotes doit valoir au moins 3 (valeur donnée\u00a0: 2)\u00a0: "
               "un ajustement demande une constante, une élasticité et une dispersion "
               "résiduelle\n")
    assert run("backtest", str(history), "--replicates", "0", "--lang", "fr") == (
        2, "", "Erreur\u00a0: --replicates doit être compris entre 1 et 10\u202f000 "
               "(valeur donnée\u00a0: 0)\n")
    missing = tmp_path / "missing.yaml"
    assert run("backtest", str(missing), "--lang", "fr") == (
        1, "", f"{missing}: fichier introuvable\n"
               "  conseil\u00a0: indiquez le fichier des projets passés (.yaml ou .csv)\n\n"
               "Erreur\u00a0: 1 problème\u202f; rien n'a été calculé.\n")
