"""Legal but suspicious inputs: plausibility warnings, and the audits that keep pydantic's lax
mode from bending a boolean into a number anywhere in the models."""

from __future__ import annotations

import math
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from conftest import APPLICATIONS, ASSUMPTIONS, INFRASTRUCTURE, WriteInputs
from soicost.analysis.fingerprint import fingerprint
from soicost.cli import app
from soicost.errors import InputError, render_warnings
from soicost.i18n import said
from soicost.inputs import models
from soicost.inputs.loader import load_inputs
from soicost.inputs.plausibility import AMOUNT_RANGE, PER_FTE_RANGE, money_fields
from soicost.inputs.quantity import (
    LogNormal,
    Normal,
    Pert,
    QuantityError,
    Unit,
    central_value,
    format_number,
    parse_number,
    parse_quantity,
    practical_range,
)
from soicost.inputs.scalars import no_bool


def quoted_payroll(amount: str) -> str:
    return APPLICATIONS.replace(
        "    provenance: {status: illustrative}\n",
        f"    quotes:\n      - {{amount: {amount}, date: 2022-03-01}}\n"
        "    provenance: {status: illustrative}\n")


# --------------------------------------------------------------------------------------
# Plausibility warnings


def test_bundled_data_raise_no_warning() -> None:
    assert load_inputs().warnings == ()


@pytest.mark.parametrize(("amount", "warned"), [
    ("4999", True), ("5000", False), ("5k", False), ("1G", False), ("1000000001", True),
    ("0", True),  # a quote of zero is not a quote
    ("1 250", True),  # copied from a column in k€
    ("2.5k to 10.1k", False),  # median 5,025: inside
    ("1k to 5k", True),  # median 2,236
])
def test_quote_bounds(write_inputs: WriteInputs, amount: str, warned: bool) -> None:
    inputs = load_inputs(write_inputs(applications=quoted_payroll(amount)))
    paths = [w.path for w in inputs.warnings]
    assert paths == (["applications[1].quotes[0].amount"] if warned else [])


def test_warning_message_is_exact(write_inputs: WriteInputs) -> None:
    inputs = load_inputs(write_inputs(applications=quoted_payroll("500")))
    assert render_warnings(inputs.warnings) == """\
applications.yaml:15:18: warning: applications[1].quotes[0].amount: an amount of 500 EUR, below \
5,000 EUR: unusually small for a migration quote
  15 |       - {amount: 500, date: 2022-03-01}
     |                  ^
  hint: if thousands were meant, write 500k; if it is right, say why: {value: 500, \
confirmed: "…"}

Warning: 1 warning; computing with this input as written: check it."""


def test_confirmed_silences_one_figure_only(write_inputs: WriteInputs) -> None:
    apps = quoted_payroll('{value: 500, confirmed: "a licence transfer fee"}')
    infra = INFRASTRUCTURE.replace("cost: 1M", "cost: 2G")
    inputs = load_inputs(write_inputs(applications=apps, infrastructure=infra))
    assert [w.path for w in inputs.warnings] == ["assets[0].cost"]
    payroll = inputs.applications.applications[1]
    assert payroll.quotes[0].amount.confirmed == "a licence transfer fee"
    assert payroll.quotes[0].amount.dist.mean() == 500


def test_zero_means_none_except_for_a_quote(write_inputs: WriteInputs) -> None:
    assumptions = ASSUMPTIONS + """\
staff: {recruitment_cost: 0}
running:
  - {id: dc, name: Data centre, annual: 0}
"""
    assert load_inputs(write_inputs(assumptions=assumptions)).warnings == ()


def test_staff_cost_has_its_own_bounds(write_inputs: WriteInputs) -> None:
    def warned(cost: str) -> bool:
        inputs = load_inputs(write_inputs(assumptions=ASSUMPTIONS
                                          + f"staff: {{cost_per_fte: {cost}}}\n"))
        return bool(inputs.warnings)

    assert PER_FTE_RANGE == (10_000, 500_000)
    assert [warned(c) for c in ("9999", "10k", "500k", "500001", "60k")] == [
        True, False, False, True, False]


def test_defaults_are_never_warned_about(write_inputs: WriteInputs) -> None:
    # The defaults (50k to 75k per FTE, 3k to 10k a recruitment) are not in the file.
    assert load_inputs(write_inputs()).warnings == ()


def test_every_amount_of_money_is_walked() -> None:
    inputs = load_inputs()
    found = {tuple(p if isinstance(p, str) else 0 for p in path)
             for model in (inputs.applications, inputs.infrastructure, inputs.assumptions)
             for path, _ in money_fields(model)}
    assert {
        ("applications", 0, "quotes", 0, "amount"),
        ("assets", 0, "cost"), ("assets", 0, "residual"),
        ("staff", "cost_per_fte"), ("staff", "recruitment_cost"),
        ("running", 0, "annual"),
        ("scenarios", 0, "running", "adds", 0, "annual"),
        ("scenarios", 0, "transition", "knowledge_transfer"),
        ("scenarios", 0, "transition", "training"),
        ("scenarios", 0, "rps_proxies", 0, "annual"),
    } <= found
    # Factors and multiples are not amounts of money.
    assert not any("factors" in path or "vacancy_cover" in path for path in found)


def test_central_value() -> None:
    assert central_value(LogNormal(math.log(500), 1.0)) == pytest.approx(500, rel=1e-12)
    assert central_value(Pert(0, 1, 8)) == pytest.approx(2.0, rel=1e-12)  # (0 + 4 + 8) / 6
    assert AMOUNT_RANGE == (1_000, 1e9)


# --------------------------------------------------------------------------------------
# A percentage where euros are expected, and shares


@pytest.mark.parametrize("written", ["30 %", "30%", "10% to 20%", {"pert": ["1%", 2, 3]},
                                     {"value": "5%", "provenance": {"status": "assumed"}},
                                     {"mixture": [{"weight": 1, "value": "1%"},
                                                  {"weight": 0, "value": 2}]}])
def test_percentage_is_not_an_amount(written: object) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(written, "nonneg", unit="money")
    assert info.value.message == "a percentage where an amount of money is expected"
    # The same text is a valid factor.
    if not isinstance(written, dict) or "mixture" not in written:
        parse_quantity(written, "nonneg")


def test_percentage_weights_of_a_mixture_of_amounts() -> None:
    quantity = parse_quantity({"mixture": [{"weight": "50%", "value": "30k"},
                                           {"weight": "50%", "value": "100k"}]},
                              "nonneg", unit="money")
    assert quantity.mean() == pytest.approx(65_000)


@pytest.mark.parametrize(("written", "unit", "message"), [
    ("10%", "duration", "a percentage where a duration (years or months) is expected"),
    ("10% to 20%", "duration", "a percentage where a duration (years or months) is expected"),
    ("50%", "count", "a percentage where a count (of posts, of people) is expected"),
    ("4 €", "count", "an amount of money where a count (of posts, of people) is expected"),
    ("3 EUR", "rate", "an amount of money where a rate is expected"),
    ("1.5 euros", "factor", "an amount of money where a factor or a multiple is expected"),
    ({"pert": ["20%", "30 €", "40%"]}, "share", "an amount of money where a share is expected"),
])
def test_signs_that_cannot_be_the_unit(written: object, unit: Unit, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(written, "nonneg", unit=unit)
    assert info.value.message == message


@pytest.mark.parametrize(("written", "unit"), [
    ("10%", "rate"), ("10%", "share"), ("50% to 200%", "factor"), ("50 €", "number"),
    ("5%", "number"), ("500 €", "money"), ("Europe", "number")])
def test_signs_that_fit_the_unit(written: str, unit: Unit) -> None:
    if written == "Europe":
        with pytest.raises(QuantityError, match="not a number"):
            parse_quantity(written, "nonneg", unit=unit)
    else:
        parse_quantity(written, "nonneg", unit=unit)


def test_percentage_in_a_provenance_is_text() -> None:
    quantity = parse_quantity({"value": "60k", "provenance": {
        "status": "assumed", "source": "CNRACL 30.65 % of base pay"}}, "nonneg", unit="money")
    assert quantity.dist.mean() == 60_000


@pytest.mark.parametrize(("written", "ok"), [
    ("0", True), ("100%", True), ("1", True), ("14%", True), ("10% to 20%", True),
    ("-1%", False), ("101%", False), ("1.01", False),
    ({"pert": [0, 0.5, 1]}, True), ({"uniform": [-0.1, 0.5]}, False),
    ({"normal": {"mean": 0.5, "sd": 0.1}}, True),  # 0.5 ± 3.09 × 0.1
    ({"normal": {"mean": 0.5, "sd": 0.2}}, False),  # reaches 1.118
    ("50% to 200%", False),
])
def test_share_bounds(written: object, ok: bool) -> None:
    if ok:
        parse_quantity(written, "share")
    else:
        with pytest.raises(QuantityError, match="where a share"):
            parse_quantity(written, "share")


def test_practical_range_is_the_999th_permille() -> None:
    z = 3.090232306167813
    low, high = practical_range(LogNormal(0.0, 1.0))
    assert (low, high) == (pytest.approx(math.exp(-z)), pytest.approx(math.exp(z)))
    assert practical_range(Normal(10, 2)) == (pytest.approx(10 - 2 * z),
                                              pytest.approx(10 + 2 * z))
    assert practical_range(Pert(1, 2, 3)) == (1, 3)


# --------------------------------------------------------------------------------------
# Dotted thousands


@pytest.mark.parametrize(("written", "hint"), [
    ("500.000", "write 500000 for thousands, or 500 for a decimal"),
    ("2.500", "write 2500 for thousands, or 2.5 for a decimal"),
    ("1.234", "write 1234 for thousands, or 1.2340 for a decimal"),
    ("-7.125", "write -7125 for thousands, or -7.1250 for a decimal"),
    ("500.000 €", "write 500000 € for thousands, or 500 € for a decimal"),
    ("1.500k", "write 1500k for thousands, or 1.5k for a decimal"),
    # Spaces group thousands: a separator before three more digits may too.
    ("1 000,000", "write 1000000 for thousands, or 1000 for a decimal"),
    ("250 000,000 €", "write 250000000 € for thousands, or 250000 € for a decimal"),
    ("1 234.567", "write 1234567 for thousands, or 1234.567 for a decimal"),
])
def test_dot_before_three_digits_is_ambiguous(written: str, hint: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_number(written)
    assert info.value.message in (
        f"ambiguous number: a {sep} followed by three digits may group thousands"
        for sep in ("dot", "comma"))
    assert info.value.hint == hint
    # Both readings in the hint parse, and differ by a factor of 1,000.
    readings = [parse_number(r.split(" for ")[0].removeprefix("write "))
                for r in hint.split(", or ")]
    assert readings[0] == pytest.approx(readings[1] * 1000)


@pytest.mark.parametrize(("written", "value"), [
    ("0.125", 0.125), ("1000.125", 1000.125), ("1.2340", 1.234), ("1.500e3", 1500.0),
    ("12.5", 12.5), ("1.25", 1.25), ("0,125", 0.125), ("00.500", 0.5),
    # A percentage is never thousands of percent.
    ("11.550%", 0.1155), ("11,550 %", 0.1155), ("1 234,5", 1234.5),
])
def test_decimals_that_cannot_group_thousands(written: str, value: float) -> None:
    assert parse_number(written) == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_format_number_is_never_ambiguous(value: float) -> None:
    assert parse_number(format_number(value)) == value


# --------------------------------------------------------------------------------------
# Fingerprints: 'confirmed' counts only where it is written


def test_fingerprint_unchanged_without_confirmed_and_changed_with_it(
        write_inputs: WriteInputs) -> None:
    import json

    from soicost.analysis.fingerprint import canonical_inputs

    inputs = load_inputs(write_inputs(applications=quoted_payroll("5k")))
    # Without a reason, the canonical inputs are what they were before 'confirmed' existed.
    assert '"confirmed"' not in json.dumps(canonical_inputs(inputs))
    plain = fingerprint(inputs, {})
    confirmed = fingerprint(load_inputs(write_inputs(
        applications=quoted_payroll('{value: 5k, confirmed: "checked"}'))), {})
    assert plain != confirmed


# --------------------------------------------------------------------------------------
# The audit: no whole number in any model takes a boolean


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo: list[Any] = [models.ApplicationsFile, models.InfrastructureFile, models.Assumptions]
    while todo:
        annotation = todo.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                continue
            seen.append(annotation)
            todo += [f.annotation for f in annotation.model_fields.values()]
        else:
            todo += list(typing.get_args(annotation))
    return seen


def _numbers(annotation: Any, guarded: bool = False) -> list[bool]:
    """For every int, float or integer literal inside ``annotation``: whether an Annotated
    around it refuses booleans."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        guard = any(getattr(m, "func", None) is no_bool for m in metadata)
        return _numbers(base, guarded or guard)
    if annotation in (int, float):
        return [guarded]
    if origin is typing.Literal:
        return [guarded] if any(isinstance(a, int) for a in typing.get_args(annotation)) else []
    return [r for arg in typing.get_args(annotation) for r in _numbers(arg, guarded)]


def _number_fields() -> list[tuple[type[BaseModel], str, list[bool]]]:
    found = []
    for model in _models():
        for name, field in model.model_fields.items():
            # pydantic moves a top-level Annotated's metadata into field.metadata.
            guarded = any(getattr(m, "func", None) is no_bool for m in field.metadata)
            numbers = _numbers(field.annotation, guarded)
            if numbers:
                found.append((model, name, numbers))
    return found


def test_the_audit_sees_every_model() -> None:
    names = {m.__name__ for m in _models()}
    assert {"Application", "Quote", "Asset", "Attrition", "RpsRating", "Horizon",
            "Assumptions", "Provenance", "Team", "Wave"} <= names


def test_every_whole_number_refuses_a_boolean() -> None:
    fields = _number_fields()
    assert {(m.__name__, n) for m, n, _ in fields} >= {
        ("Attrition", "from_year"), ("Attrition", "until_year"), ("RpsRating", "likelihood"),
        ("RpsRating", "severity"), ("Horizon", "start"), ("Horizon", "end"),
        ("Assumptions", "price_base_year"), ("Assumptions", "version")}
    for model, name, numbers in fields:
        assert all(numbers), f"{model.__name__}.{name} takes a number without refusing booleans"


@pytest.mark.parametrize(("assumptions", "where"), [
    ("price_base_year: true\n", "price_base_year"),
    ("horizon: {start: 2023, end: false}\n", "horizon.end"),
    ("version: true\n", "version"),
])
def test_a_boolean_is_refused_where_a_year_is_expected(write_inputs: WriteInputs,
                                                       assumptions: str, where: str) -> None:
    with pytest.raises(InputError) as info:
        load_inputs(write_inputs(assumptions=ASSUMPTIONS + assumptions))
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == (where, "a boolean where a whole number is "
                                                      "expected")


# --------------------------------------------------------------------------------------
# --method fit never takes the logarithm of a quote of zero


def test_fit_refuses_a_quote_of_zero_at_its_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from soicost.model.plan import build_plan

    apps = APPLICATIONS + "".join(f"""\
  - id: app{i}
    name: App {i}
    kind: vendor
    drivers: {{users: {10 * i}}}
    quotes: [{{amount: {"0" if i == 2 else f"{i}00k"}, date: 2022-01-01}}]
    provenance: {{status: illustrative}}
""" for i in (1, 2, 3))
    monkeypatch.chdir(tmp_path)
    from conftest import write_files

    inputs = load_inputs(write_files(tmp_path, applications=apps))
    assert [w.path for w in inputs.warnings] == ["applications[3].quotes[0].amount"]
    with pytest.raises(InputError) as info:
        build_plan(inputs, "fit")
    assert info.value.render() == """\
applications.yaml:25:23: applications[3].quotes[0].amount: the fit method takes the logarithm \
of every quote, and the quote of 'app2' is zero at its median
  expected: quotes above 0 for --method fit
  found:    0
  25 |     quotes: [{amount: 0, date: 2022-01-01}]
     |                       ^
  hint: remove this quote if it is not a real one, or use --method drivers

Error: 1 problem; nothing was computed."""
    # The library names the method; only the command line's rendering names the flag.
    problem = info.value.problems[0]
    assert (problem.expected, problem.hint) == (
        "quotes above 0 for the fit method",
        "remove this quote if it is not a real one, or use the drivers method")


# --------------------------------------------------------------------------------------
# Through the command line: on stderr once, in the JSON, never in the data on stdout


def test_estimate_json_carries_the_warnings(write_inputs: WriteInputs,
                                            runner: CliRunner) -> None:
    import json

    folder = write_inputs(applications=quoted_payroll("500"))
    result = runner.invoke(app, ["estimate", "--data", str(folder), "--format", "json",
                                 "--samples", "200"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["warnings"] == [{
        "file": "applications.yaml", "line": 15, "column": 18,
        "path": "applications[1].quotes[0].amount",
        "message": "an amount of 500 EUR, below 5,000 EUR: unusually small for a migration "
                   "quote",
        "hint": "if thousands were meant, write 500k; if it is right, say why: "
                "{value: 500, confirmed: \"…\"}"}]
    assert result.stderr.count("warning: applications[1].quotes[0].amount") == 1
    assert result.stderr.endswith("Warning: 1 warning; computing with this input as "
                                  "written: check it.\n")
    compared = runner.invoke(app, ["compare", "--data", str(folder), "--format", "json",
                                   "--samples", "200"])
    assert json.loads(compared.stdout)["warnings"] == data["warnings"]


def test_no_warnings_key_is_an_empty_list(runner: CliRunner) -> None:
    import json

    result = runner.invoke(app, ["estimate", "--format", "json", "--samples", "200"])
    assert json.loads(result.stdout)["warnings"] == []
    assert result.stderr == ""


def test_every_bound_names_a_field_of_the_models() -> None:
    # A renamed field would otherwise silently lose its plausibility check.
    from soicost.inputs.plausibility import BOUNDS

    fields = {(m.__name__, name) for m in _models() for name in m.model_fields}
    assert set(BOUNDS) <= fields


def test_a_fraction_of_a_euro_is_shown_as_it_is(write_inputs: WriteInputs) -> None:
    inputs = load_inputs(write_inputs(applications=quoted_payroll('"0,125"')))
    (warning,) = inputs.warnings
    assert warning.message == ("an amount of 0.125 EUR, below 5,000 EUR: unusually small "
                               "for a migration quote")
    assert warning.hint == 'if it is right, say why: {value: 0.125, confirmed: "…"}'


@pytest.mark.parametrize(("line", "path", "hint_start"), [
    ("discount_rate: 3\n", "discount_rate", "a rate without % is a fraction (3 is 300 %)"),
    ("discount_rate: 3.2%\n", None, None),
    ("optimism_bias: green-book-equipment-upper\n", None, None),  # 200 %: inside
    ("optimism_bias: 3.5\n", "optimism_bias", "a rate without % is a fraction (3.5 is 350 %)"),
    ("drivers: {users: {elasticity: 5}}\n", "drivers.users.elasticity", "if it is right"),
    ("uncertainty: {application: 0.5 to 2}\n", None, None),
])
def test_rates_and_factors(write_inputs: WriteInputs, line: str, path: str | None,
                           hint_start: str | None) -> None:
    base = ASSUMPTIONS.replace("drivers:\n  users: {elasticity: 0.5}\n", "") \
        if line.startswith("drivers") else ASSUMPTIONS
    inputs = load_inputs(write_inputs(assumptions=base + line))
    assert [w.path for w in inputs.warnings] == ([path] if path else [])
    if hint_start:
        assert inputs.warnings[0].hint is not None
        assert inputs.warnings[0].hint.startswith(hint_start)


# Rates: a fraction written as a percentage (found by the hostile fuzzing campaign)


@pytest.mark.parametrize(("rate", "warned"), [
    ("3.2%", False), ("0.032", False), ("-2%", False), ("15%", False), ("0", False),
    ("3.2", True), ("16%", True), ("1", True), ("-3%", True), ("-99.99%", True),
    ("2 to 5", True),  # median 316 %
    ("{value: 3.2, confirmed: \"a hyperinflation scenario\"}", False),
])
def test_rate_bounds(write_inputs: WriteInputs, rate: str, warned: bool) -> None:
    inputs = load_inputs(write_inputs(assumptions=ASSUMPTIONS + f"discount_rate: {rate}\n"))
    assert [w.path for w in inputs.warnings] == (["discount_rate"] if warned else [])


def test_rate_warnings_are_exact(write_inputs: WriteInputs) -> None:
    inputs = load_inputs(write_inputs(assumptions=ASSUMPTIONS + """\
discount_rate:
  provenance: {status: sourced, source: France Stratégie 2021}
  value: 3.2
indexation:
  energy: {rate: -60%}
staff:
  transfer_uplift: 5
"""))
    assert render_warnings(inputs.warnings) == """\
assumptions.yaml:6:10: warning: discount_rate: a value of 320 %, above 15 %: unusually large \
for a real discount rate
  6 |   value: 3.2
    |          ^
  hint: a rate without % is a fraction (3.2 is 320 %): if 3.2 % was meant, write 3.2%; if it \
is right, say why: {value: 3.2, confirmed: "…"}

assumptions.yaml:8:18: warning: indexation.energy.rate: a value of -60 %, below -10 %: \
unusually small for an annual price index
  8 |   energy: {rate: -60%}
    |                  ^
  hint: if it is right, say why: {value: -60%, confirmed: "…"}

assumptions.yaml:10:20: warning: staff.transfer_uplift: a value of 500 %, above 50 %: \
unusually large for a change of pay on transfer
  10 |   transfer_uplift: 5
     |                    ^
  hint: a rate without % is a fraction (5 is 500 %): if 5 % was meant, write 5%; if it is \
right, say why: {value: 5, confirmed: "…"}

Warning: 3 warnings; computing with these inputs as written: check them."""


def test_rate_warnings_in_french(write_inputs: WriteInputs) -> None:
    # The figures and the way to write them are French (3,2 %, a decimal comma, quoted in
    # YAML for its comma); the keys of the format (value, confirmed) are not translated.
    inputs = load_inputs(write_inputs(assumptions=ASSUMPTIONS + """\
discount_rate:
  provenance: {status: sourced, source: France Stratégie 2021}
  value: 3.2
"""))
    assert render_warnings(inputs.warnings, "fr") == """\
assumptions.yaml:6:10: avertissement\u00a0: discount_rate\u00a0: une valeur de 320\u202f%, \
supérieure à 15\u202f%\u00a0: anormalement élevée pour un taux d'actualisation réel
  6 |   value: 3.2
    |          ^
  conseil\u00a0: un taux sans\u202f% est une fraction (3,2 vaut 320\u202f%)\u00a0: s'il \
s'agit de 3,2\u202f%, écrivez 3,2\u202f% (avec le signe\u202f%)\u202f; si la valeur est juste, \
dites pourquoi\u00a0: {value: "3,2", confirmed: "…"}

Attention\u00a0: 1 avertissement\u202f; le calcul utilise cette entrée telle qu'elle est \
écrite\u00a0: vérifiez-la."""


@pytest.mark.parametrize(("infrastructure", "message", "hint"), [
    (INFRASTRUCTURE.replace("cost: 1M", "cost: 2.5G"),
     "un montant de 2\u202f500\u202f000\u202f000 EUR, supérieur à 1\u202f000\u202f000\u202f000 "
     "EUR\u00a0: anormalement élevé pour un coût informatique",
     "vérifiez l'unité (1,2M vaut 1\u202f200\u202f000\u202f; 1,2k vaut 1\u202f200)\u202f; si la "
     "valeur est juste, dites pourquoi\u00a0: {value: 2500M, confirmed: \"…\"}"),
    (INFRASTRUCTURE.replace("cost: 1M", 'cost: "1.5 to 2.5M"'),
     "une fourchette dont les bornes sont dans un rapport de 1\u202f666\u202f667 (1,5 et "
     "2,5M)",
     "un suffixe (k, M) écrit sur une seule borne\u202f? écrivez-le sur les deux (1,5M à "
     "2,5M)\u202f; si la valeur est juste, dites pourquoi\u00a0: {value: \"1,5 à 2,5M\", "
     "confirmed: \"…\"}"),
    (INFRASTRUCTURE.replace("life_years: 15", "life_years: {pert: [0.1, 0.2, 0.3]}"),
     "une valeur de 0,2, inférieure à 1\u00a0: anormalement faible pour une durée "
     "d'amortissement en années",
     "si la valeur est juste, dites pourquoi\u00a0: {value: <le chiffre tel qu'il est "
     "écrit>, confirmed: \"…\"}"),
])
def test_plausibility_warnings_in_french(write_inputs: WriteInputs, infrastructure: str,
                                         message: str, hint: str) -> None:
    [warning] = load_inputs(write_inputs(infrastructure=infrastructure)).warnings
    assert (said(warning.message, "fr"), said(warning.hint, "fr")) == (message, hint)


def test_huge_amounts_are_shown_in_scientific_notation(write_inputs: WriteInputs) -> None:
    # Written out, 1e308 was 309 digits in the warning (seen by the hostile campaign).
    inputs = load_inputs(write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "cost: 1M", "cost: 1e308")))
    assert [w.message for w in inputs.warnings] == [
        "an amount of 1e+308 EUR, above 1,000,000,000 EUR: unusually large for an IT cost"]
    inputs = load_inputs(write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "cost: 1M", "cost: 999999G")))
    assert [w.message for w in inputs.warnings] == [
        "an amount of 999,999,000,000,000 EUR, above 1,000,000,000 EUR: unusually large for an "
        "IT cost"]


@pytest.mark.parametrize(("cost", "warned"), [
    ('"1.5 to 2.5M"', True), ('"150 to 250k"', True), ('"500k to 900M"', True),
    ('"1.5M to 2.5M"', False), ('"1k to 1M"', False),  # 1,000 times apart: the limit
    ('"1k to 1.1M"', True), ('{value: "1.5 to 2.5M", confirmed: "a lot of doubt"}', False),
])
def test_range_bounds_far_apart(write_inputs: WriteInputs, cost: str, warned: bool) -> None:
    inputs = load_inputs(write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "cost: 1M", f"cost: {cost}")))
    assert [w.path for w in inputs.warnings if "times apart" in w.message] == (
        ["assets[0].cost"] if warned else [])


def test_a_lognormal_whose_mean_is_beyond_any_float() -> None:
    # Its draws are finite (mu + 8.5 sigma = -180) but exp(mu + sigma^2 / 2) is not: the
    # campaign found it crashing a wave's share check with an OverflowError.
    quantity = parse_quantity({"lognormal": {"median": 1e-300, "sigma": 60}})
    assert quantity.mean() == math.inf


def test_a_quote_of_long_ago_is_warned_about_once(write_inputs: WriteInputs) -> None:
    inputs = load_inputs(write_inputs(
        applications=APPLICATIONS.replace("date: 2022-05-18", "date: 1922-05-18"),
        assumptions=ASSUMPTIONS + "price_base_year: 2022\nhorizon: {start: 2023, end: 2030}\n"))
    assert [(w.path, w.message) for w in inputs.warnings] == [
        ("applications[0].quotes[0].date",
         "the year 1922, before 1950: older than any IT cost")]
