"""French and English formatting, citations, verify and diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from soicost.analysis.estimate import EstimateOptions, estimate
from soicost.cli import app
from soicost.inputs.loader import load_inputs
from soicost.render.cite import CitationRefused, cite
from soicost.render.money import NNBSP, format_money, format_range

runner = CliRunner()
N = NNBSP


@pytest.mark.parametrize(("value", "fr", "en"), [
    (0, f"0{N}€", "€0"),
    (999, f"999{N}€", "€999"),
    (1000, f"1{N}000{N}€", "€1,000"),
    (9_999, f"10{N}k€", "€10k"),
    (500_000, f"500{N}k€", "€500k"),
    (22_500_000, f"22,5{N}M€", "€22.5M"),
    (22_549_999, f"22,5{N}M€", "€22.5M"),
    (22_550_001, f"22,6{N}M€", "€22.6M"),
    (-1_234_567, f"\u22121,23{N}M€", "-€1.23M"),
    (-0.4, f"0{N}€", "€0"),
    (1.5e9, f"1,5{N}Md€", "€1.5bn"),
])
def test_money_formats(value: float, fr: str, en: str) -> None:
    assert format_money(value, "fr") == fr
    assert format_money(value, "en") == en


@given(st.integers(min_value=0, max_value=9_999))
def test_whole_amounts_group_digits_as_cldr_does(value: int) -> None:
    babel = pytest.importorskip("babel.numbers")
    shown = round(float(f"{value:.3g}"))  # three significant digits, then CLDR grouping
    if shown >= 10_000:
        return  # shown as 10k: the compact form, tested above
    expected = babel.format_decimal(shown, locale="fr_FR")
    assert format_money(value, "fr") == f"{expected}{N}€"
    assert format_money(value, "en") == "€" + babel.format_decimal(shown, locale="en_GB")


def test_ranges() -> None:
    assert format_range(14.2e6, 31.4e6, "fr") == f"entre 14,2 et 31,4{N}M€"
    assert format_range(450e3, 1.6e6, "fr") == f"entre 450{N}k€ et 1,6{N}M€"
    assert format_range(14e6, 31e6, "en") == "between €14M and €31M"


PROV = {"status": "sourced", "source": "test ledger"}


def tiny(folder: Path, status: str = "sourced") -> Path:
    """Two applications, fixed figures: the citation's numbers are known exactly."""
    folder.mkdir(parents=True, exist_ok=True)
    prov = {"status": status, "source": "test ledger"}
    apps = [{"id": "ref", "name": "Case files", "kind": "vendor", "drivers": {"users": 100},
             "provenance": prov, "quotes": [{"amount": "300k to 500k", "date": "2022-05-18",
                                             "provenance": PROV}]},
            {"id": "pay", "name": "Payroll", "kind": "vendor", "drivers": {"users": 400},
             "provenance": prov}]
    (folder / "applications.yaml").write_text(yaml.safe_dump({"applications": apps}))
    (folder / "infrastructure.yaml").write_text(yaml.safe_dump({"assets": []}))
    (folder / "assumptions.yaml").write_text(yaml.safe_dump({
        "reference": "ref", "drivers": {"users": {"elasticity": 0.5, "provenance": PROV}},
        "uncertainty": {"reference": 1, "application": 1, "provenance": PROV}, "optimism_bias": 0}))
    return folder


def _cite(folder: Path, figure: str, lang: str, **kw: bool) -> str:
    inputs = load_inputs(folder)
    result = estimate(inputs, EstimateOptions(samples=1000, seed=3))
    return cite(inputs, result, figure, lang, **kw).text  # type: ignore[arg-type]


def test_exact_citation_in_french_and_english(tmp_path: Path) -> None:
    folder = tiny(tmp_path)
    inputs = load_inputs(folder)
    result = estimate(inputs, EstimateOptions(samples=1000, seed=3))
    m = result.migration
    short = result.fingerprint[7:15]
    fr = _cite(folder, "migration", "fr")
    # French typography: a no-break space before ':', a narrow one before '%' and in « ».
    c = "\u00a0"
    assert fr == (
        f"Le coût de migration des 2 applications du portefeuille{c}: "
        f"{format_range(m.p10, m.p90, 'fr')}, valeur centrale {format_money(m.p50, 'fr')} "
        f"(fourchette à 80{N}% et médiane d'une simulation de Monte-Carlo). Hypothèses "
        f"principales{c}: le devis de référence, entre 300 et 500{N}k€ (Case files, "
        "18/05/2022), est extrapolé à chaque application selon sa taille et sa nature, "
        f"avec un biais d'optimisme «{N}0{N}».\n"
        f"Référence{c}: soicost 0.1.0, empreinte {short}, graine 3, 1{N}000 tirages, "
        "méthode drivers, euros constants 2022.\n"
        f"Pour le vérifier{c}: soicost verify {short} --seed 3 --samples 1000 --data "
        "DOSSIER\n")
    en = _cite(folder, "migration", "en")
    assert en == (
        "The migration cost of the portfolio's 2 applications: "
        f"{format_range(m.p10, m.p90, 'en')}, central value {format_money(m.p50, 'en')} "
        "(80 % range and median of a Monte Carlo simulation). Main assumptions: the "
        "reference quote, between €300k and €500k (Case files, 2022-05-18), is "
        "extrapolated to each "
        "application according to its size and nature, with an optimism bias of '0'.\n"
        f"Reference: soicost 0.1.0, fingerprint {short}, seed 3, 1,000 samples, method "
        "drivers, constant 2022 euros.\n"
        f"To check it: soicost verify {short} --seed 3 --samples 1000 --data FOLDER\n")
    # The payroll has 4x the users at elasticity 0.5: the total is 3x the reference quote.
    assert m.p50 == pytest.approx(3 * result.applications[0].stats.p50, rel=1e-12)


def test_illustrative_figures_are_refused_unless_allowed(tmp_path: Path) -> None:
    folder = tiny(tmp_path, status="illustrative")
    # The library names the argument, the command line the flag (below).
    with pytest.raises(CitationRefused, match="allow_illustrative=True") as info:
        _cite(folder, "migration", "en")
    assert info.value.render().startswith("Error: migration rests mainly on illustrative")
    assert "--allow-illustrative" in info.value.render()
    with pytest.raises(CitationRefused) as info:
        _cite(folder, "migration", "fr")
    assert info.value.render().startswith(
        "Erreur\u00a0: le chiffre migration repose surtout sur des données illustratives")
    text = _cite(folder, "migration", "fr", allow_illustrative=True)
    assert "repose sur des données illustratives" in text
    result = runner.invoke(app, ["cite", "migration", "--data", str(folder), "-n", "1000"])
    assert result.exit_code == 1
    assert "--allow-illustrative" in result.output


def test_cite_figures_on_bundled_data() -> None:
    for figure in ("app:piaf", "writeoff", "writeoff:transfer-2023", "scenario:status-quo",
                   "delta:transfer-thirds"):
        result = runner.invoke(app, ["cite", figure, "-n", "1000", "--lang", "en",
                                     "--allow-illustrative"])
        assert result.exit_code == 0, (figure, result.output)
        assert "Reference: soicost" in result.stdout
    bad = runner.invoke(app, ["cite", "delta:transfer-third", "-n", "1000"])
    assert bad.exit_code == 2 and "did you mean 'transfer-thirds'?" in bad.output
    assert runner.invoke(app, ["cite", "total", "-n", "1000"]).exit_code == 2


def test_verify_passes_then_fails_after_an_input_changes(tmp_path: Path) -> None:
    folder = tiny(tmp_path / "data")
    out = tmp_path / "estimate.json"
    assert runner.invoke(app, ["estimate", "--data", str(folder), "-n", "1000", "--format",
                               "json", "--output", str(out)]).exit_code == 0
    short = json.loads(out.read_text())["fingerprint"][7:15]
    ok = runner.invoke(app, ["verify", short, "--data", str(folder), "-n", "1000"])
    assert ok.exit_code == 0 and "Reproduced" in ok.stdout
    ok_json = runner.invoke(app, ["verify", str(out), "--data", str(folder)])
    assert ok_json.exit_code == 0 and "figures recomputed and identical" in ok_json.stdout
    wrong_seed = runner.invoke(app, ["verify", short, "--data", str(folder), "-n", "1000",
                                     "--seed", "4"])
    assert wrong_seed.exit_code == 1
    text = (folder / "assumptions.yaml").read_text().replace("elasticity: 0.5",
                                                             "elasticity: 0.6")
    (folder / "assumptions.yaml").write_text(text)
    changed = runner.invoke(app, ["verify", str(out), "--data", str(folder)])
    assert changed.exit_code == 1
    assert "Input files that differ: assumptions.yaml" in changed.stdout
    assert runner.invoke(app, ["verify", "not-hex", "--data", str(folder)]).exit_code == 2


def test_diff_lists_changed_figures_and_inputs(tmp_path: Path) -> None:
    old = tiny(tmp_path / "old")
    new = tiny(tmp_path / "new")
    text = (new / "applications.yaml").read_text().replace("users: 400", "users: 900")
    (new / "applications.yaml").write_text(text)
    result = runner.invoke(app, ["diff", str(old), str(new), "-n", "1000", "--lang", "en"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Input files that differ: `applications.yaml`" in out
    assert "`applications[pay].p50`" in out and "+50.0%" in out  # sqrt(900/400) = 1.5
    assert "`applications[ref].p50`" not in out
    same = runner.invoke(app, ["diff", str(old), str(old), "-n", "1000", "--lang", "en"])
    assert "None of the" in same.stdout


def test_non_finite_amounts_render_as_not_available() -> None:
    assert format_money(float("inf"), "fr") == f"n/a{N}€"
    assert format_money(float("nan"), "en") == "€n/a"


def test_verify_a_compare_output_checks_the_figures_it_holds(tmp_path: Path) -> None:
    # A compare output has no applications: they are not differences, its own figures are.
    out = tmp_path / "compare.json"
    assert runner.invoke(app, ["compare", "-n", "500", "--format", "json", "--output",
                               str(out)]).exit_code == 0
    ok = runner.invoke(app, ["verify", str(out)])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("Reproduced: fingerprint ")
    data = json.loads(out.read_text())
    assert "applications" not in data
    data["scenarios"][1]["npv"]["p50"] *= 1.001
    out.write_text(json.dumps(data))
    tampered = runner.invoke(app, ["verify", str(out)])
    assert tampered.exit_code == 1
    assert "npv.p50" in tampered.stdout and "1 of " in tampered.stdout


NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("args", "message"), [
    (["cite", "app:payrol"], "aucune application 'payrol' ; vouliez-vous dire 'payroll' ?"),
    (["cite", "delta:transfer-third"],
     "aucun scénario 'transfer-third' ; vouliez-vous dire 'transfer-thirds' ?"),
    (["cite", "delta:status-quo"],
     "'status-quo' est le statu quo : sa différence avec lui-même est nulle"),
    (["cite", "total"], "chiffre inconnu 'total' ; choisissez parmi : migration, app:ID, "
                        "writeoff, writeoff:ID, scenario:ID, delta:ID"),
    (["compare", "--scenario", "transfer"],
     "aucun scénario 'transfer' dans assumptions.yaml ; vouliez-vous dire 'transfer-2023' ?"),
    (["sensitivity", "--figure", "delta:transfer-third"],
     "chiffre inconnu 'delta:transfer-third' : choisissez migration, scenario:ID ou delta:ID "
     "; vouliez-vous dire delta:transfer-thirds ?"),
    (["sensitivity", "--figure", "total"],
     "chiffre inconnu 'total' : choisissez migration, scenario:ID ou delta:ID, ID étant l'un "
     "de status-quo, transfer-thirds, transfer-2023"),
    (["explain", "payrol"],
     "aucune application 'payrol' dans l'inventaire ; vouliez-vous dire 'payroll' ?"),
])
def test_unknown_figures_in_french(args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "-n", "100", "--lang", "fr"])
    assert result.exit_code == 2
    french = message.replace(" :", f"{NBSP}:").replace(" ;", f"{NNBSP};").replace(
        " ?", f"{NNBSP}?")
    assert result.stderr == f"Erreur{NBSP}: {french}\n"


def test_explain_suggests_an_application_by_its_name(runner: CliRunner) -> None:
    # A French user types the name, "paie", where the id is payroll.
    result = runner.invoke(app, ["explain", "paie", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr == ("Erreur\u00a0: aucune application 'paie' dans l'inventaire\u202f; "
                             "vouliez-vous dire 'payroll' (Paie)\u202f?\n")
    english = runner.invoke(app, ["explain", "gestion des temps", "--lang", "en"])
    assert english.stderr.endswith("did you mean 'time-attendance' (Time and attendance)?\n")


def test_writeoff_of_an_asset_says_it_takes_a_scenario(runner: CliRunner) -> None:
    result = runner.invoke(app, ["cite", "writeoff:datacenter", "-n", "200"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: writeoff:ID takes a scenario, whose write-offs it cites; 'datacenter' is an "
        "asset: cite writeoff for the net book value of all the assets, or "
        "writeoff:SCENARIO for what a scenario writes off (status-quo, transfer-2023, "
        "transfer-thirds)\n")


def test_a_citation_says_how_to_check_it_and_that_command_reproduces_it(
        runner: CliRunner) -> None:
    cited = runner.invoke(app, ["cite", "migration", "-n", "300", "--method", "flat",
                                "--allow-illustrative"])
    assert cited.exit_code == 0, cited.output
    last = cited.stdout.splitlines()[-1]
    assert last.startswith("To check it: soicost verify ")
    command = last.removeprefix("To check it: soicost ").split()
    assert command[-2:] == ["--method", "flat"]
    checked = runner.invoke(app, command)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("Reproduced")
