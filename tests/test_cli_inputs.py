"""The command line around the inputs: --version, validate, init, exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import APPLICATIONS, WriteInputs
from soicost import __version__
from soicost.cli import app
from soicost.inputs.loader import load_inputs
from soicost.inputs.starter import STARTER


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_version(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "--version")
    assert code == 0
    assert out == f"soicost {__version__}\n"


def test_validate_bundled_data(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "validate")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Valid inputs: the bundled CASVP example"
    assert lines[1] == ("  applications: 45 (vendor 18, in-house 12, lutece 10, saas 5); "
                        "quoted: piaf")
    assert lines[2] == "  reference:    piaf"
    assert "  drivers:      users, interfaces, data_gb" in lines


def test_validate_bad_data(runner: CliRunner, write_inputs: WriteInputs) -> None:
    write_inputs(applications=APPLICATIONS.replace("kind: vendor", "kind: vendr"))
    code, out, err = invoke(runner, "validate", "--data", ".")
    assert code == 1
    assert out == ""
    assert err == """\
applications.yaml:4:11: applications[0].kind: not one of the allowed values
  expected: one of vendor, in-house, lutece, saas
  found:    'vendr'
  4 |     kind: vendr
    |           ^
  hint: did you mean 'vendor'?

Error: 1 problem; nothing was computed.
"""


def test_validate_several_problems(runner: CliRunner, write_inputs: WriteInputs) -> None:
    write_inputs(applications=APPLICATIONS.replace("kind: vendor", "kind: vendr")
                 .replace("500k", "-500k"), assumptions=None)
    code, _, err = invoke(runner, "validate", "--data", ".")
    assert code == 1
    heads = [line for line in err.splitlines() if line and not line.startswith(" ")]
    assert heads == [
        "applications.yaml:4:11: applications[0].kind: not one of the allowed values",
        "applications.yaml:7:17: applications[0].quotes[0].amount: a negative value where only "
        "zero or more makes sense",
        "assumptions.yaml: file not found",
        "Error: 3 problems in 2 files; nothing was computed.",
    ]


def test_validate_my_data_folder(runner: CliRunner, write_inputs: WriteInputs) -> None:
    folder = write_inputs()
    code, out, _ = invoke(runner, "validate", "--data", str(folder))
    assert code == 0
    assert out.splitlines()[0] == f"Valid inputs: {folder}"
    assert "  applications: 2 (vendor 1, in-house 1); quoted: piaf" in out.splitlines()


def test_short_data_option(runner: CliRunner, write_inputs: WriteInputs) -> None:
    folder = write_inputs()
    code, out, _ = invoke(runner, "validate", "-d", str(folder))
    assert code == 0
    assert out.startswith(f"Valid inputs: {folder}\n")


def test_data_from_the_environment(runner: CliRunner, write_inputs: WriteInputs,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("kind: vendor", "kind: vendr"))
    monkeypatch.setenv("SOICOST_DATA", str(folder))
    code, _, err = invoke(runner, "validate")
    assert code == 1
    assert err.startswith("applications.yaml:4:11: applications[0].kind: not one of the "
                          "allowed values\n")


def test_missing_data_folder(runner: CliRunner, write_inputs: WriteInputs) -> None:
    write_inputs()
    code, out, err = invoke(runner, "validate", "--data", "nowhere")
    assert code == 1
    assert out == ""
    assert err == """\
nowhere: data folder not found
  hint: run `soicost init DIR` to create a starter set

Error: 1 problem; nothing was computed.
"""


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "validate", "--bogus")
    assert code == 2
    assert "No such option: --bogus" in err


def test_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "valdiate")
    assert code == 2
    assert "No such command" in err


def test_init_creates_a_starter_that_validates(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inventory"
    code, out, err = invoke(runner, "init", str(folder))
    assert code == 0
    assert out == ""
    assert f"wrote {folder / 'applications.yaml'}" in err
    assert err.endswith(f"Next: edit the files, then run `soicost validate --data {folder}`.\n")
    for name, text in STARTER.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    for name in ("applications", "infrastructure", "assumptions"):
        assert (folder / "schemas" / f"{name}.schema.json").is_file()
    code, out, _ = invoke(runner, "validate", "--data", str(folder))
    assert code == 0
    assert out.startswith(f"Valid inputs: {folder}\n")
    inputs = load_inputs(folder)
    assert inputs.assumptions.reference == "case-management"
    assert len(inputs.applications.applications) == 3


def test_init_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inventory"
    assert invoke(runner, "init", str(folder))[0] == 0
    (folder / "applications.yaml").write_text("# my own inventory\n", encoding="utf-8")
    code, _, err = invoke(runner, "init", str(folder))
    assert code == 1
    assert err == (f"Error: {folder} already holds applications.yaml, infrastructure.yaml, "
                   "assumptions.yaml and 3 more; use --force to overwrite\n")
    assert (folder / "applications.yaml").read_text(encoding="utf-8") == "# my own inventory\n"


def test_init_force_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inventory"
    folder.mkdir()
    (folder / "assumptions.yaml").write_text("# old\n", encoding="utf-8")
    code, _, _ = invoke(runner, "init", str(folder), "--force")
    assert code == 0
    assert (folder / "assumptions.yaml").read_text(encoding="utf-8") == STARTER[
        "assumptions.yaml"]


def test_init_onto_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = invoke(runner, "init", str(target))
    assert code == 1
    assert err == f"Error: {target} is a file, not a folder\n"


FIVE_LINE_ASSUMPTIONS = """\
reference: piaf
drivers:
  users: {elasticity: 0.5}
uncertainty:
  application: 1
  reference: 1
optimism_bias: 0
"""

THREE_APPLICATIONS = """\
applications:
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 1200}
    quotes: [{amount: 500k, date: 2022-05-18}]
    provenance: {status: sourced, source: "SOI letter, 18 May 2022"}
  - id: payroll
    name: Payroll
    kind: in-house
    drivers: {users: 300}
    provenance: {status: illustrative}
  - id: intranet
    name: Intranet
    kind: lutece
    drivers: {users: 4000}
    provenance: {status: illustrative}
"""


def test_five_line_assumptions_validate(runner: CliRunner, write_inputs: WriteInputs) -> None:
    # The example of docs/formats.md ("a five-line file is valid with any inventory").
    folder = write_inputs(applications=THREE_APPLICATIONS, infrastructure="assets: []\n",
                          assumptions=FIVE_LINE_ASSUMPTIONS)
    code, out, err = invoke(runner, "validate", "--data", str(folder))
    assert (code, err) == (0, "")
    assert "  applications: 3 (vendor 1, in-house 1, lutece 1); quoted: piaf" in out
    assert "  assets:       0" in out.splitlines()
    assumptions = load_inputs(folder).assumptions
    assert assumptions.uncertainty.application.fixed_value == 1
    assert assumptions.optimism_bias.fixed_value == 0
    assert assumptions.discount_rate.fixed_value == pytest.approx(0.032)


def test_no_traceback_on_unexpected_files(runner: CliRunner, write_inputs: WriteInputs) -> None:
    for content in (b"\x00\x01", b"a: !!int x\n", b"[" * 3000, "9" * 5000 + "\n"):
        write_inputs(applications=content)
        code, _, err = invoke(runner, "validate", "--data", ".")
        assert code == 1
        assert err.rstrip().endswith("nothing was computed.")


def test_every_command_that_prints_takes_output_and_explain_takes_format(tmp_path: Path
                                                                         ) -> None:
    import typer.main

    from soicost.cli import app as cli_app

    group = typer.main.get_command(cli_app)
    writes_files = {"schema", "init", "tables", "report"}  # --out names their folder or file
    commands = group.commands  # type: ignore[attr-defined]
    missing = [name for name, command in commands.items() if name not in writes_files
               and not any("--output" in p.opts for p in command.params)]
    assert not missing, f"commands that print without --output: {missing}"
    runner = CliRunner()
    as_format = runner.invoke(cli_app, ["explain", "payroll", "-n", "200", "--format", "json"])
    as_alias = runner.invoke(cli_app, ["explain", "payroll", "-n", "200", "--json"])
    assert as_format.exit_code == 0 and as_format.stdout == as_alias.stdout
    out = tmp_path / "explain.json"
    written = runner.invoke(cli_app, ["explain", "payroll", "-n", "200", "-f", "json", "-o",
                                      str(out)])
    assert written.exit_code == 0 and out.read_text(encoding="utf-8") == as_format.stdout


# --------------------------------------------------------------------------------------
# In French (--lang fr): soicost's words from the catalogue, the user's as written

NBSP, NNBSP = "\u00a0", "\u202f"


def test_init_refusals_in_french(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inv"
    assert invoke(runner, "init", str(folder))[0] == 0
    code, _, err = invoke(runner, "init", str(folder), "--lang", "fr")
    assert code == 1
    assert err == (f"Erreur{NBSP}: {folder} contient déjà applications.yaml, "
                   f"infrastructure.yaml, assumptions.yaml et 3 autres{NNBSP}; utilisez "
                   "--force pour les remplacer\n")
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    assert invoke(runner, "init", str(target), "--lang", "fr") == (
        1, "", f"Erreur{NBSP}: {target} est un fichier, et non un dossier\n")


def test_the_fit_method_refuses_in_french(runner: CliRunner) -> None:
    # The bundled data quote one application: the fit needs 5 (3 drivers + 2).
    assert invoke(runner, "estimate", "--method", "fit", "--samples", "100",
                  "--lang", "fr") == (
        1, "", f"Erreur{NBSP}: la méthode fit demande au moins 5 applications chiffrées par "
               "un devis pour estimer une constante et 3 élasticités avec une dispersion "
               f"résiduelle{NNBSP}; il y en a 1. Utilisez --method drivers, ou ajoutez des "
               "devis.\n")


def test_a_quote_of_zero_for_the_fit_in_french(runner: CliRunner,
                                               write_inputs: WriteInputs) -> None:
    apps = APPLICATIONS + "".join(f"""\
  - id: app{i}
    name: App {i}
    kind: vendor
    drivers: {{users: {10 * i}}}
    quotes: [{{amount: {"0" if i == 2 else f"{i}00k"}, date: 2022-01-01}}]
    provenance: {{status: illustrative}}
""" for i in (1, 2, 3))
    write_inputs(applications=apps)
    code, _, err = invoke(runner, "estimate", "--data", ".", "--method", "fit",
                          "--samples", "100", "--lang", "fr")
    assert code == 1
    assert err.endswith(f"""\
applications.yaml:25:23: applications[3].quotes[0].amount\u00a0: la méthode fit prend le \
logarithme de chaque devis, et le devis de 'app2' a une médiane nulle
  attendu{NBSP}: des devis supérieurs à 0 pour --method fit
  trouvé{NBSP}:  0
  25 |     quotes: [{{amount: 0, date: 2022-01-01}}]
     |                       ^
  conseil{NBSP}: supprimez ce devis s'il n'est pas réel, ou utilisez --method drivers

Erreur{NBSP}: 1 problème{NNBSP}; rien n'a été calculé.
""")
