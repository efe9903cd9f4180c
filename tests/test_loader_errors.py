"""Loading a data folder: the bundled example, and every kind of invalid input, with the
exact message a user sees (file:line:column, field, expected and found, the source line
with a caret, a hint)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import APPLICATIONS, ASSUMPTIONS, INFRASTRUCTURE, WriteInputs, write_files
from soicost.analysis.summary import summarise
from soicost.errors import InputError
from soicost.inputs import yamlio
from soicost.inputs.loader import bundled_data_dir, load_inputs
from soicost.inputs.quantity import Fixed, LogNormal


def errors(folder: Path | None = None) -> str:
    with pytest.raises(InputError) as info:
        load_inputs(folder)
    return info.value.render()


# --------------------------------------------------------------------------------------
# The bundled example


@pytest.fixture(scope="module")
def bundled() -> object:
    return load_inputs()


def test_bundled_data_loads(bundled: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from soicost.inputs.inputs import Inputs

    assert isinstance(bundled, Inputs)
    apps = bundled.applications.applications
    assert len(apps) == 45
    assert len({a.id for a in apps}) == 45
    piaf = next(a for a in apps if a.id == "piaf")
    assert [a.id for a in apps if a.quotes] == ["piaf"]
    quote = piaf.latest_quote()
    assert quote is not None
    assert quote.amount.dist == Fixed(500_000)
    assert quote.date == dt.date(2022, 5, 18)
    assert quote.provenance is not None and quote.provenance.status == "sourced"
    assert piaf.kind == "vendor"
    assert bundled.assumptions.reference == "piaf"
    assert list(bundled.assumptions.drivers) == ["users", "interfaces", "data_gb"]
    assert bundled.assumptions.drivers["users"].elasticity.dist == LogNormal.from_p5_p95(0.3,
                                                                                        0.7)
    assert bundled.assumptions.valuation_date == dt.date(2023, 1, 1)
    assert bundled.data_dir == bundled_data_dir()
    assert {a.id for a in bundled.infrastructure.assets} >= {"datacenter", "toip"}


def test_bundled_summary(bundled: object) -> None:
    from soicost.inputs.inputs import Inputs

    assert isinstance(bundled, Inputs)
    summary = summarise(bundled)
    assert summary.applications == 45
    assert summary.applications_by_kind == {"vendor": 18, "in-house": 12, "lutece": 10,
                                            "saas": 5}
    assert summary.quoted_applications == ["piaf"]
    assert summary.scenarios[:3] == ["status-quo", "transfer-thirds", "transfer-2023"]
    # Piaf's quote is sourced; most of the example is illustrative, and says so.
    assert summary.figures_by_status["sourced"] >= 1
    assert summary.figures_by_status["illustrative"] > summary.figures / 2


def test_env_var_names_the_data_folder(write_inputs: WriteInputs,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_inputs()
    monkeypatch.setenv("SOICOST_DATA", str(folder))
    inputs = load_inputs()
    assert inputs.data_dir == folder
    assert [a.id for a in inputs.applications.applications] == ["piaf", "payroll"]
    # An explicit folder wins over the variable.
    assert load_inputs(bundled_data_dir()).data_dir == bundled_data_dir()


def test_minimal_set_is_valid(write_inputs: WriteInputs) -> None:
    inputs = load_inputs(write_inputs())
    assert inputs.assumptions.currency == "EUR"
    assert inputs.infrastructure.assets[0].residual.dist == Fixed(0)


# --------------------------------------------------------------------------------------
# One problem at a time, exactly as shown


def test_yaml_syntax_error(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("kind: vendor", "kind: vendor: x"))
    assert errors(folder) == """\
applications.yaml:4:17: invalid YAML: a ':' that YAML reads as the start of a nested key
  4 |     kind: vendor: x
    |                 ^
  hint: quote a value that contains ': ' (name: "a: b"), or check the indentation of this line

Error: 1 problem; nothing was computed."""


def test_wrong_type(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("name: Piaf", "name: [Piaf]"))
    assert errors(folder) == """\
applications.yaml:3:11: applications[0].name: wrong type
  expected: a string
  found:    a list of 1 item
  3 |     name: [Piaf]
    |           ^

Error: 1 problem; nothing was computed."""


def test_wrong_type_for_a_choice(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("kind: vendor", "kind: [vendor]"))
    assert errors(folder) == """\
applications.yaml:4:11: applications[0].kind: wrong type
  expected: one of vendor, in-house, lutece, saas
  found:    a list of 1 item
  4 |     kind: [vendor]
    |           ^

Error: 1 problem; nothing was computed."""


def test_not_one_of_the_choices(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("kind: in-house", "kind: inhouse"))
    assert errors(folder) == """\
applications.yaml:12:11: applications[1].kind: not one of the allowed values
  expected: one of vendor, in-house, lutece, saas
  found:    'inhouse'
  12 |     kind: inhouse
     |           ^
  hint: did you mean 'in-house'?

Error: 1 problem; nothing was computed."""


def test_misspelt_key(write_inputs: WriteInputs) -> None:
    # The misspelling is also a missing 'kind': that consequence is not reported twice.
    folder = write_inputs(applications=APPLICATIONS.replace("kind: vendor", "knd: vendor"))
    assert errors(folder) == """\
applications.yaml:4:5: applications[0].knd: unknown key 'knd'
  expected: one of id, name, kind, strategy, criticality, drivers, quotes, provenance, notes
  4 |     knd: vendor
    |     ^
  hint: did you mean 'kind'?

Error: 1 problem; nothing was computed."""


def test_misspelt_key_in_assumptions(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS.replace("elasticity", "elasticty"))
    message = errors(folder)
    assert message.startswith("""\
assumptions.yaml:3:11: drivers.users.elasticty: unknown key 'elasticty'
  expected: one of elasticity, provenance
  3 |   users: {elasticty: 0.5}
    |           ^
  hint: did you mean 'elasticity'?
""")
    assert "missing" not in message


def test_missing_required_field(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("    name: Piaf\n", ""))
    assert errors(folder) == """\
applications.yaml:2:5: applications[0].name: missing required key 'name'
  2 |   - id: piaf
    |     ^

Error: 1 problem; nothing was computed."""


def test_negative_cost(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("500k", "-500k"))
    assert errors(folder) == """\
applications.yaml:7:17: applications[0].quotes[0].amount: a negative value where only zero or \
more makes sense
  expected: a value >= 0
  found:    '-500k'
  7 |       - amount: -500k
    |                 ^

Error: 1 problem; nothing was computed."""


def test_negative_asset_cost_distribution(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "cost: 1M", "cost: {normal: {mean: 1M, sd: 500k}}"))
    assert errors(folder) == """\
infrastructure.yaml:5:11: assets[0].cost: a distribution that reaches negative values where \
only zero or more makes sense
  expected: a value >= 0
  found:    a mapping with keys normal
  5 |     cost: {normal: {mean: 1M, sd: 500k}}
    |           ^

Error: 1 problem; nothing was computed."""


def test_reversed_range(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("500k", "900k to 300k"))
    assert errors(folder) == """\
applications.yaml:7:17: applications[0].quotes[0].amount: the low bound of a range must be \
below the high bound
  expected: "a to b" with 0 < a < b (a and b are the 5th and 95th percentiles)
  found:    '900k to 300k'
  7 |       - amount: 900k to 300k
    |                 ^

Error: 1 problem; nothing was computed."""


def test_ambiguous_number(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("{users: 50}", "{users: '1,234'}"))
    assert errors(folder) == """\
applications.yaml:13:22: applications[1].drivers.users: ambiguous number: a comma followed by \
three digits may group thousands
  expected: a decimal point, or no separator
  found:    '1,234'
  13 |     drivers: {users: '1,234'}
     |                      ^
  hint: write 1234 for thousands, or 1.2340 for a decimal

Error: 1 problem; nothing was computed."""


def test_duplicate_id(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("id: payroll", "id: piaf"))
    assert errors(folder) == """\
applications.yaml:10:9: applications[1].id: duplicate application id 'piaf'
  10 |   - id: piaf
     |         ^
  first used at: applications.yaml:2:9
    2 |   - id: piaf
      |         ^
  hint: ids must be unique within a file

Error: 1 problem; nothing was computed."""


def test_duplicate_key(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace(
        "    name: Piaf\n", "    name: Piaf\n    name: Other\n"))
    assert errors(folder) == """\
applications.yaml:4:5: applications[0].name: duplicate key 'name': YAML would silently keep \
only the last value
  4 |     name: Other
    |     ^
  first defined at: applications.yaml:3:5
    3 |     name: Piaf
      |     ^
  hint: remove or rename one of the two

Error: 1 problem; nothing was computed."""


def test_unknown_reference(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS.replace("reference: piaf", "reference: paif"))
    assert errors(folder) == """\
assumptions.yaml:1:12: reference: the reference application 'paif' is not a known application
  1 | reference: paif
    |            ^
  hint: did you mean 'piaf'?

Error: 1 problem; nothing was computed."""


def test_reference_without_a_quote(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS.replace("reference: piaf",
                                                          "reference: payroll"))
    assert errors(folder) == """\
assumptions.yaml:1:12: reference: the reference application 'payroll' has no quote to \
extrapolate from
  1 | reference: payroll
    |            ^
  defined at: applications.yaml:10:5
    10 |   - id: payroll
       |     ^
  hint: add a quote under 'payroll' in applications.yaml, or choose a quoted application as \
reference

Error: 1 problem; nothing was computed."""


def test_missing_drivers(write_inputs: WriteInputs) -> None:
    folder = write_inputs(
        applications=APPLICATIONS.replace("{users: 100}", "{users: 100, data_gb: 3}"),
        assumptions=ASSUMPTIONS + "  interfaces: {elasticity: 0.2}\n"
                                  "  data_gb: {elasticity: 0.1}\n")
    assert errors(folder) == """\
applications.yaml:5:14: applications[0].drivers: application 'piaf' lacks the driver interfaces
  expected: every driver declared in assumptions.yaml: users, interfaces, data_gb
  found:    users, data_gb
  5 |     drivers: {users: 100, data_gb: 3}
    |              ^
  declared at: assumptions.yaml:4:3
    4 |   interfaces: {elasticity: 0.2}
      |   ^

applications.yaml:13:14: applications[1].drivers: application 'payroll' lacks the drivers \
interfaces, data_gb
  expected: every driver declared in assumptions.yaml: users, interfaces, data_gb
  found:    users
  13 |     drivers: {users: 50}
     |              ^
  declared at: assumptions.yaml:4:3
    4 |   interfaces: {elasticity: 0.2}
      |   ^

Error: 2 problems in 1 file; nothing was computed."""


def test_tab_indentation(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("    name: Piaf", "\tname: Piaf"))
    assert errors(folder) == """\
applications.yaml:3:1: invalid YAML: found a tab character that cannot start any token
  3 |  name: Piaf
    | ^
  hint: YAML does not allow tabs for indentation: use spaces

Error: 1 problem; nothing was computed."""


def test_mapping_where_a_list_is_expected(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications="applications:\n  id: piaf\n")
    assert errors(folder) == """\
applications.yaml:2:3: applications: wrong type
  expected: a list
  found:    a mapping with keys id
  2 |   id: piaf
    |   ^

Error: 1 problem; nothing was computed."""


def test_list_where_a_mapping_is_expected(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications="- piaf\n- payroll\n")
    assert errors(folder) == """\
applications.yaml:1:1: the file must hold a mapping of keys
  expected: keys such as version, applications
  found:    a list of 2 items
  1 | - piaf
    | ^

Error: 1 problem; nothing was computed."""


def test_list_where_a_provenance_mapping_is_expected(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "provenance: {status: illustrative}", "provenance: [illustrative]"))
    assert errors(folder) == """\
infrastructure.yaml:8:17: assets[0].provenance: wrong type
  expected: a mapping
  found:    a list of 1 item
  8 |     provenance: [illustrative]
    |                 ^

Error: 1 problem; nothing was computed."""


def test_alias_bomb(write_inputs: WriteInputs) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    folder = write_inputs(infrastructure="\n".join(lines) + "\n")
    assert errors(folder) == """\
infrastructure.yaml:7:4: aliases would expand this document to more than 2,000,000 values \
(an alias bomb?)
  7 | g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    |    ^
  hint: use fewer nested aliases

Error: 1 problem; nothing was computed."""


def test_recursive_alias(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure="assets: &a\n  - *a\n")
    assert errors(folder) == """\
infrastructure.yaml:1:9: recursive alias: an anchor refers to itself
  1 | assets: &a
    |         ^
  hint: an alias (*name) can only refer to an anchor (&name) it is not inside

Error: 1 problem; nothing was computed."""


def test_binary_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert errors(folder) == """\
infrastructure.yaml: binary file: this is not a YAML text file

Error: 1 problem; nothing was computed."""


def test_empty_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure="")
    assert errors(folder) == """\
infrastructure.yaml: file is empty
  hint: see `soicost init` for a starter set

Error: 1 problem; nothing was computed."""


def test_latin1_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("name: Payroll", "name: Paie élus")
                          .encode("latin-1"))
    assert errors(folder) == """\
applications.yaml:11:16: file is not valid UTF-8
  11 |     name: Paie élus
     |                ^
  hint: the file looks like Latin-1 or Windows-1252 (byte 0xE9); save it as UTF-8

Error: 1 problem; nothing was computed."""


def test_utf16_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS.encode("utf-16"))
    assert errors(folder) == """\
assumptions.yaml: file is encoded in UTF-16
  hint: save it as UTF-8

Error: 1 problem; nothing was computed."""


def test_file_over_the_size_limit(write_inputs: WriteInputs,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_BYTES", 200)
    folder = write_inputs()
    size = len(APPLICATIONS.encode())
    assert size > 200
    assert errors(folder) == f"""\
applications.yaml: file is too large ({size} bytes; the limit is 200 bytes)
  hint: an inventory of 10,000 applications takes about 3 MB

Error: 1 problem; nothing was computed."""


def test_directory_where_a_file_is_expected(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure=None)
    (folder / "infrastructure.yaml").mkdir()
    assert errors(folder) == """\
infrastructure.yaml: is a folder, not a YAML file
  hint: --data names the folder; the three files inside it must be files

Error: 1 problem; nothing was computed."""


def test_missing_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=None)
    assert errors(folder) == """\
assumptions.yaml: file not found
  hint: run `soicost init DIR` to create a starter set, or point --data at a folder holding \
the three files

Error: 1 problem; nothing was computed."""


def test_missing_data_folder(write_inputs: WriteInputs) -> None:
    write_inputs()
    assert errors(Path("nowhere")) == """\
nowhere: data folder not found
  hint: run `soicost init DIR` to create a starter set

Error: 1 problem; nothing was computed."""


def test_missing_data_folder_from_the_environment(write_inputs: WriteInputs,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write_inputs()
    monkeypatch.setenv("SOICOST_DATA", "nowhere")
    assert errors() == """\
nowhere: data folder not found (named by SOICOST_DATA)
  hint: run `soicost init DIR` to create a starter set

Error: 1 problem; nothing was computed."""


def test_data_folder_that_is_a_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs()
    assert errors(folder / "applications.yaml") == """\
applications.yaml: is a file, not a folder
  hint: --data names a folder holding applications.yaml, infrastructure.yaml and \
assumptions.yaml

Error: 1 problem; nothing was computed."""


SCENARIO = """\
scenarios:
  - id: move
    name: Move
    waves:
      - {date: 2023-01-01, applications: [piaf, payrol]}
      - {date: 2024-01-01, applications: [piaf]}
    decommission:
      - {asset: datacentre, date: 2024-06-30}
"""


def test_scenario_references(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + SCENARIO)
    assert errors(folder) == """\
assumptions.yaml:8:49: scenarios[0].waves[0].applications[1]: application 'payrol' is not a \
known application
  8 |       - {date: 2023-01-01, applications: [piaf, payrol]}
    |                                                 ^
  hint: did you mean 'payroll'?

assumptions.yaml:9:43: scenarios[0].waves[1].applications[0]: application 'piaf' migrates in \
two waves of scenario 'move'
  9 |       - {date: 2024-01-01, applications: [piaf]}
    |                                           ^
  first placed at: assumptions.yaml:8:43
    8 |       - {date: 2023-01-01, applications: [piaf, payrol]}
      |                                           ^

assumptions.yaml:11:17: scenarios[0].decommission[0].asset: asset 'datacentre' is not a known \
asset
  11 |       - {asset: datacentre, date: 2024-06-30}
     |                 ^
  hint: did you mean 'datacenter'?

Error: 3 problems in 1 file; nothing was computed."""


def test_unknown_asset_without_a_close_match(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + SCENARIO.replace("datacentre", "zzz")
                          .replace("payrol]", "payroll]").replace("[piaf]}", "[]}"))
    assert errors(folder) == """\
assumptions.yaml:11:17: scenarios[0].decommission[0].asset: asset 'zzz' is not a known asset
  11 |       - {asset: zzz, date: 2024-06-30}
     |                 ^
  hint: known: datacenter

Error: 1 problem; nothing was computed."""


def test_twice_in_one_wave_and_decommissioned_twice(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
scenarios:
  - id: move
    name: Move
    waves:
      - {date: 2023-01-01, applications: [piaf, piaf]}
    decommission:
      - {asset: datacenter, date: 2024-06-30}
      - {asset: datacenter, date: 2016-01-01}
""")
    assert errors(folder) == """\
assumptions.yaml:8:49: scenarios[0].waves[0].applications[1]: application 'piaf' is listed \
twice in this wave
  8 |       - {date: 2023-01-01, applications: [piaf, piaf]}
    |                                                 ^
  first placed at: assumptions.yaml:8:43
    8 |       - {date: 2023-01-01, applications: [piaf, piaf]}
      |                                           ^

assumptions.yaml:11:17: scenarios[0].decommission[1].asset: asset 'datacenter' is \
decommissioned twice in scenario 'move'
  11 |       - {asset: datacenter, date: 2016-01-01}
     |                 ^
  first decommissioned at: assumptions.yaml:10:17
    10 |       - {asset: datacenter, date: 2024-06-30}
       |                 ^

assumptions.yaml:11:35: warning: scenarios[0].decommission[1].date: asset 'datacenter' is \
decommissioned on 2016-01-01, before the horizon (2022–2029): its write-off is not counted
  11 |       - {asset: datacenter, date: 2016-01-01}
     |                                   ^
  hint: set horizon.start and horizon.end to cover it, or change the date

Error: 2 problems in 1 file (and 1 warning); nothing was computed."""


def test_decommissioned_before_service(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
scenarios:
  - id: move
    name: Move
    decommission:
      - {asset: datacenter, date: 2016-01-01}
""")
    assert errors(folder) == """\
assumptions.yaml:8:35: scenarios[0].decommission[0].date: asset 'datacenter' is \
decommissioned on 2016-01-01 before it is put into service on 2017-09-01
  8 |       - {asset: datacenter, date: 2016-01-01}
    |                                   ^
  put into service at: infrastructure.yaml:6:17
    6 |     in_service: 2017-09-01
      |                 ^

Error: 1 problem; nothing was computed."""


def test_shares_over_one(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
scenarios:
  - id: thirds
    name: Thirds
    waves:
      - {date: 2023-01-01, share: 1/2}
      - {date: 2024-01-01, share: 60%}
""")
    assert errors(folder) == """\
assumptions.yaml:8:7: scenarios[0].waves: the waves' shares add up to 1.1, more than the whole \
portfolio
  expected: shares summing to at most 1
  8 |       - {date: 2023-01-01, share: 1/2}
    |       ^

Error: 1 problem; nothing was computed."""


def test_date_written_day_first(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("2022-05-18", "01/01/2023"))
    assert errors(folder) == """\
applications.yaml:8:15: applications[0].quotes[0].date: not a valid date
  expected: a date written YYYY-MM-DD
  found:    '01/01/2023'
  8 |         date: 01/01/2023
    |               ^
  hint: write 2023-01-01

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("18/05/2022", "  hint: write 2022-05-18\n"),
        ("05/18/2022", "  hint: write 2022-05-18\n"),
        ("04/05/2022", "  hint: write 2022-05-04 if this is day 4 of month 5 (French order), "
                       "or 2022-04-05 if not\n"),
        ("2022-5-8", "  hint: write 2022-05-08\n"),
        ("2022-02-30", None),
        ("31/02/2022", None),
    ],
)
def test_date_hints(write_inputs: WriteInputs, written: str, hint: str | None) -> None:
    folder = write_inputs(infrastructure=INFRASTRUCTURE.replace("2017-09-01", written))
    message = errors(folder)
    assert message.startswith("infrastructure.yaml:6:17: assets[0].in_service: not a valid "
                              "date\n")
    if hint is None:
        assert "hint" not in message
    else:
        assert hint in message


def test_unsupported_tag(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace(
        "name: Piaf", "name: !!python/object/apply:os.system [echo pwned]"))
    assert errors(folder) == """\
applications.yaml:3:11: applications[0].name: unsupported YAML tag \
!!python/object/apply:os.system
  3 |     name: !!python/object/apply:os.system [echo pwned]
    |           ^
  hint: only plain YAML values are read: remove the tag

Error: 1 problem; nothing was computed."""


def test_unsupported_format_version(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure="version: 2\n" + INFRASTRUCTURE)
    assert errors(folder) == """\
infrastructure.yaml:1:10: version: unsupported format version
  expected: 1
  found:    2
  1 | version: 2
    |          ^
  hint: this version of soicost reads format version 1 (docs/formats.md)

Error: 1 problem; nothing was computed."""


def test_empty_portfolio(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications="applications: []\n")
    assert errors(folder) == """\
applications.yaml:1:15: applications: too few items
  expected: at least one item
  found:    an empty list
  1 | applications: []
    |               ^

Error: 1 problem; nothing was computed."""


def test_unknown_optimism_bias_preset(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + "optimism_bias: flyvberg\n")
    assert errors(folder) == """\
assumptions.yaml:4:16: optimism_bias: unknown optimism-bias preset
  expected: a preset (none, green-book-equipment-upper, green-book-equipment-lower, \
flyvbjerg-2011) or a quantity such as 27%
  found:    'flyvberg'
  4 | optimism_bias: flyvberg
    |                ^
  hint: did you mean 'flyvbjerg-2011'?

Error: 1 problem; nothing was computed."""


def test_unknown_factor_category(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + "factors:\n  kind: {vendr: 1}\n")
    assert errors(folder) == """\
assumptions.yaml:5:10: factors.kind.vendr: not one of the allowed values
  expected: one of vendor, in-house, lutece, saas
  found:    'vendr'
  5 |   kind: {vendr: 1}
    |          ^
  hint: did you mean 'vendor'?

Error: 1 problem; nothing was computed."""


def test_sourced_figure_without_a_source(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace(
        "{status: sourced, source: SOI letter}", "{status: sourced}"))
    assert errors(folder) == """\
applications.yaml:9:17: applications[0].provenance: a sourced figure must name its source in \
'source'
  9 |     provenance: {status: sourced}
    |                 ^

Error: 1 problem; nothing was computed."""


def test_comma_in_a_flow_mapping(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("{users: 100}", "{users: 1,800}"))
    assert errors(folder) == """\
applications.yaml:5:24: applications[0].drivers: '1,800' is read as two entries: in {…}, a \
comma separates entries
  5 |     drivers: {users: 1,800}
    |                        ^
  hint: quote it ("1,800") or write it without a comma

Error: 1 problem; nothing was computed."""


# --------------------------------------------------------------------------------------
# Encodings and line endings that are accepted


def test_bom_and_crlf_are_accepted(write_inputs: WriteInputs) -> None:
    folder = write_inputs(
        applications=b"\xef\xbb\xbf" + APPLICATIONS.replace("\n", "\r\n").encode(),
        infrastructure=INFRASTRUCTURE.replace("\n", "\r\n").encode(),
        assumptions=b"\xef\xbb\xbf" + ASSUMPTIONS.encode())
    inputs = load_inputs(folder)
    assert [a.id for a in inputs.applications.applications] == ["piaf", "payroll"]
    assert "\r" not in inputs.applications.applications[0].name


def test_error_in_a_crlf_file(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=b"\xef\xbb\xbf" + APPLICATIONS.replace(
        "kind: vendor", "kind: vendr").replace("\n", "\r\n").encode())
    message = errors(folder)
    assert message == """\
applications.yaml:4:11: applications[0].kind: not one of the allowed values
  expected: one of vendor, in-house, lutece, saas
  found:    'vendr'
  4 |     kind: vendr
    |           ^
  hint: did you mean 'vendor'?

Error: 1 problem; nothing was computed."""
    assert "\r" not in message


# --------------------------------------------------------------------------------------
# Several problems


def test_all_problems_are_reported_together_sorted_by_file_and_line(
        write_inputs: WriteInputs) -> None:
    folder = write_inputs(
        applications=APPLICATIONS.replace("kind: in-house", "kind: inhouse")
                                 .replace("500k", "-1"),
        infrastructure=INFRASTRUCTURE.replace("life_years: 15", "life_years: 0"),
        assumptions=ASSUMPTIONS + "currency: euro\n")
    message = errors(folder)
    heads = [line for line in message.splitlines() if line and not line.startswith(" ")]
    assert heads == [
        "applications.yaml:7:17: applications[0].quotes[0].amount: a negative value where "
        "only zero or more makes sense",
        "applications.yaml:12:11: applications[1].kind: not one of the allowed values",
        "assumptions.yaml:4:11: currency: not a currency code",
        "infrastructure.yaml:7:17: assets[0].life_years: a value of zero or less where only a "
        "positive value makes sense",
        "Error: 4 problems in 3 files; nothing was computed.",
    ]


def test_unreadable_file_does_not_hide_the_others(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=None, infrastructure=b"\xff\xfe\x00",
                          assumptions="reference: [\n")
    heads = [line for line in errors(folder).splitlines()
             if line and not line.startswith(" ")]
    assert heads == [
        "applications.yaml: file not found",
        "assumptions.yaml:2:1: invalid YAML: expected the node content, but found the end of "
        "the file",
        "infrastructure.yaml: file is encoded in UTF-16",
        "Error: 3 problems in 3 files; nothing was computed.",
    ]


def test_yaml_problem_does_not_hide_validation_problems(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace(
        "    name: Piaf\n", "    name: Piaf\n    name: Other\n    notes: !!binary eA==\n")
        .replace("kind: in-house", "kind: inhouse"))
    heads = [line for line in errors(folder).splitlines()
             if line and not line.startswith(" ")]
    # The tagged value is reported once: not again as a "wrong type".
    assert heads == [
        "applications.yaml:4:5: applications[0].name: duplicate key 'name': YAML would "
        "silently keep only the last value",
        "applications.yaml:5:12: applications[0].notes: unsupported YAML tag !!binary",
        "applications.yaml:14:11: applications[1].kind: not one of the allowed values",
        "Error: 3 problems in 1 file; nothing was computed.",
    ]


def test_problem_in_an_anchor_is_reported_once(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS
                          .replace("provenance: {status: illustrative}",
                                   "provenance: *illustrative")
                          .replace("provenance: {status: sourced, source: SOI letter}",
                                   "provenance: &illustrative {status: ilustrative}")
                          + "  - id: hr\n    name: HR\n    kind: vendor\n"
                            "    drivers: {users: 20}\n    provenance: *illustrative\n")
    assert errors(folder) == """\
applications.yaml:9:40: applications[0].provenance.status: not one of the allowed values
  expected: one of sourced, assumed, illustrative
  found:    'ilustrative'
  9 |     provenance: &illustrative {status: ilustrative}
    |                                        ^
  also used at: applications[1].provenance.status, applications[2].provenance.status \
(through an alias)
  hint: did you mean 'illustrative'?

Error: 1 problem; nothing was computed."""


def test_duplicate_reference_id_does_not_invent_a_missing_quote(
        write_inputs: WriteInputs) -> None:
    # The second 'piaf' has no quote; the reference is the first one, which has.
    folder = write_inputs(applications=APPLICATIONS.replace("id: payroll", "id: piaf"))
    heads = [line for line in errors(folder).splitlines()
             if line and not line.startswith(" ")]
    assert heads == ["applications.yaml:10:9: applications[1].id: duplicate application id "
                     "'piaf'", "Error: 1 problem; nothing was computed."]


# --------------------------------------------------------------------------------------
# YAML 1.2 core behaviour through the models


def test_no_is_a_string_and_010_is_ten(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("{users: 50}", "{users: 010}")
                          .replace("name: Payroll", "name: no"))
    payroll = load_inputs(folder).applications.applications[1]
    assert payroll.name == "no"
    assert payroll.drivers["users"].dist == Fixed(10)


def test_merge_keys_in_an_inventory(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications="""\
applications:
  - &vendor
    id: piaf
    name: Piaf
    kind: vendor
    strategy: replatform
    drivers: {users: 100}
    quotes: [{amount: 1e3, date: 2022-05-18}]
    provenance: {status: illustrative}
  - <<: *vendor
    id: payroll
    name: Payroll
    quotes: []
""")
    apps = load_inputs(folder).applications.applications
    assert apps[1].kind == "vendor" and apps[1].strategy == "replatform"
    assert apps[1].quotes == []
    assert apps[0].quotes[0].amount.dist == Fixed(1000)


# --------------------------------------------------------------------------------------
# Provenance of the figures


def test_figures_take_the_nearest_provenance(write_inputs: WriteInputs) -> None:
    from soicost.analysis.summary import input_figures

    folder = write_inputs(applications=APPLICATIONS.replace(
        "amount: 500k", "amount: {value: 500k, provenance: {status: assumed}}"))
    statuses = {f.path: f.status for f in input_figures(load_inputs(folder))}
    assert statuses["applications[0].quotes[0].amount"] == "assumed"  # its own first
    assert statuses["applications[0].drivers.users"] == "sourced"  # the application's
    assert statuses["applications[1].drivers.users"] == "illustrative"
    assert statuses["assets[0].cost"] == "illustrative"
    assert statuses["drivers.users.elasticity"] == "assumed"  # none given: assumed
    assert statuses["discount_rate"] == "sourced"  # the default is France Stratégie's


# --------------------------------------------------------------------------------------
# Whatever the file holds: a message, never a crash

_PIECES = [":", "-", " ", "\n", "[", "]", "{", "}", ",", "&a", "*a", "<<: *a", "!!int", "'",
           '"', "\t", "#", "?", "|", ">", "0", "-1", "1,5", "k", "%", " to ", "null", "~",
           "\x00", "é", "\r", "\ufeff", "1/0", "1e999", "  ", "---"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["applications", "infrastructure", "assumptions"]),
       st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_PIECES), st.integers(0, 4)),
                min_size=1, max_size=4))
def test_mangled_files_give_messages(which: str,
                                     edits: list[tuple[float, str, int]]) -> None:
    files = {"applications": APPLICATIONS, "infrastructure": INFRASTRUCTURE,
             "assumptions": ASSUMPTIONS + "scenarios:\n  - id: s\n    name: S\n    waves:\n"
                            "      - {date: 2023-01-01, applications: [piaf]}\n"}
    text = files[which]
    for where, piece, deleted in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + deleted:]
    files[which] = text
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), **files)
        try:
            load_inputs(Path(folder))
        except InputError as exc:
            rendered = exc.render()
            assert rendered.endswith("nothing was computed.")
            assert exc.problems


def test_names_a_terminal_would_not_print_are_escaped(write_inputs: WriteInputs) -> None:
    # A zero-width joiner inside a declared driver: "expected: users" next to "found:
    # 'users'", and a line separator in a key broke the path of the message (found by the
    # hostile fuzzing campaign, docs/quality.md).
    folder = write_inputs(
        applications=APPLICATIONS.replace("drivers: {users: 50}",
                                          'drivers: {users: 50, "a\\u2028b": 2}'),
        assumptions=ASSUMPTIONS.replace("users:", '"us\\u200ders":'))
    shown = errors(folder).split("\n\n")
    assert shown[0] == """\
applications.yaml:5:15: applications[0].drivers.users: driver 'users' is not declared in \
assumptions.yaml (drivers)
  expected: one of the declared drivers: us\\u200ders
  found:    'users'
  5 |     drivers: {users: 100}
    |               ^
  declared at: assumptions.yaml:3:3
    3 |   "us\\u200ders": {elasticity: 0.5}
      |   ^
  hint: did you mean 'us\\u200ders'?"""
    assert shown[2].splitlines()[:3] == [
        "applications.yaml:13:26: applications[1].drivers.a\\u2028b: driver 'a\\u2028b' is not "
        "declared in assumptions.yaml (drivers)",
        "  expected: one of the declared drivers: us\\u200ders", "  found:    'a\\u2028b'"]


def test_a_declaration_that_looks_like_the_driver_is_pointed_at(
        write_inputs: WriteInputs) -> None:
    # A Cyrillic 'е' in the declaration: the errors named the applications' lines only, and
    # 'users' and 'usеrs' read the same (found by the hostile fuzzing campaign).
    folder = write_inputs(assumptions=ASSUMPTIONS.replace("users:", "us\u0435rs:"))
    assert errors(folder).split("\n\n")[0] == """\
applications.yaml:5:15: applications[0].drivers.users: driver 'users' is not declared in \
assumptions.yaml (drivers)
  expected: one of the declared drivers: us\u0435rs
  found:    'users'
  5 |     drivers: {users: 100}
    |               ^
  declared at: assumptions.yaml:3:3
    3 |   us\u0435rs: {elasticity: 0.5}
      |   ^
  hint: did you mean 'us\u0435rs'? ('us\u0435rs' has U+0435 CYRILLIC SMALL LETTER IE where \
'users' has 'e')"""


@pytest.mark.parametrize(("written", "meant", "hint"), [
    ("p\u0456af", "piaf", "did you mean 'piaf'? ('p\u0456af' has U+0456 CYRILLIC SMALL LETTER "
                          "BYELORUSSIAN-UKRAINIAN I where 'piaf' has 'i')"),
    ("piaff", "piaf", "did you mean 'piaf'?"),
    ("pyaf", "piaf", "did you mean 'piaf'?"),  # two ASCII letters: a plain misspelling
])
def test_did_you_mean_names_look_alike_characters(written: str, meant: str,
                                                  hint: str) -> None:
    from soicost.inputs.crosscheck import did_you_mean

    assert did_you_mean(written, meant) == hint


def test_a_check_of_an_entry_points_at_the_field_it_is_about(write_inputs: WriteInputs) -> None:
    # Written as block mappings, a share or an 'until' lies lines below the entry's first
    # key, where these errors used to point (found by the hostile fuzzing campaign).
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
staff:
  teams: [{id: ops, name: Ops, fte: 2}]
scenarios:
  - id: move
    name: Move
    waves:
      - date: 2023-01-01
        share: 150%
    teams:
      - team: ops
        fate: removed
        date: 2023-01-01
        share: 1.5
    attrition:
      - from: 2025
        turnover: 20%
        until: 2024
""")
    assert errors(folder) == """\
assumptions.yaml:11:16: scenarios[0].waves[0].share: a wave's share must be a fixed fraction \
in (0, 1]
  expected: a share such as 1/3 or 33%
  found:    150%
  11 |         share: 150%
     |                ^

assumptions.yaml:16:16: scenarios[0].teams[0].share: a team move's share must be a fixed \
fraction in (0, 1]
  expected: a share such as 1/3 or 33%
  found:    1.5
  16 |         share: 1.5
     |                ^

assumptions.yaml:20:16: scenarios[0].attrition[0].until: 'until' is before 'from'
  expected: from <= until
  found:    from 2025, until 2024
  20 |         until: 2024
     |                ^
  'from' at: assumptions.yaml:18:15
    18 |       - from: 2025
       |               ^

Error: 3 problems in 1 file; nothing was computed."""


def test_a_problem_inside_a_figures_mapping_points_at_its_line(write_inputs: WriteInputs) -> None:
    # {value, provenance} written as a block: the value, the provenance's status or an
    # unexpected key can be lines below the mapping's first key, where these errors used to
    # point (found by the hostile fuzzing campaign).
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
staff:
  cost_per_fte:
    provenance: {status: assumed, source: "payroll 2023"}
    value: -50k
  turnover:
    value: 14%
    provenence: {status: sourced, source: "social report"}
  vacancy_rate:
    value: 11.55%
    provenance:
      source: "social report"
      status: sourcd
""")
    assert errors(folder) == """\
assumptions.yaml:7:12: staff.cost_per_fte.value: a negative value where only zero or more \
makes sense
  expected: a value >= 0
  found:    '-50k'
  7 |     value: -50k
    |            ^

assumptions.yaml:10:5: staff.turnover.provenence: unexpected key 'provenence' beside 'value'
  expected: {value: …, provenance: {…}, confirmed: why}
  found:    ['value', 'provenence']
  10 |     provenence: {status: sourced, source: "social report"}
     |     ^

assumptions.yaml:15:15: staff.vacancy_rate.provenance.status: invalid provenance status: \
input should be 'sourced', 'assumed' or 'illustrative'
  expected: {status: sourced | assumed | illustrative, source: …}
  found:    'sourcd'
  15 |       status: sourcd
     |               ^

Error: 3 problems in 1 file; nothing was computed."""


def test_attrition_years_are_calendar_years(write_inputs: WriteInputs) -> None:
    # "until: 20255" for 2025 applied the override to every year of the horizon without a
    # word (found by the hostile fuzzing campaign).
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
scenarios:
  - id: move
    name: Move
    attrition: [{from: 0, until: 20255, turnover: 20%}]
""")
    assert errors(folder) == """\
assumptions.yaml:7:24: scenarios[0].attrition[0].from: not a calendar year
  expected: a year from 1 to 9998
  found:    0
  7 |     attrition: [{from: 0, until: 20255, turnover: 20%}]
    |                        ^

assumptions.yaml:7:34: scenarios[0].attrition[0].until: not a calendar year
  expected: a year from 1 to 9998
  found:    20255
  7 |     attrition: [{from: 0, until: 20255, turnover: 20%}]
    |                                  ^

Error: 2 problems in 1 file; nothing was computed."""


# --------------------------------------------------------------------------------------
# In French (--lang fr): validation's problems worded from the catalogue


def french_errors(folder: Path, **files: str) -> str:
    """The problems of ``folder``'s files in French, their paths relative to it."""
    write_files(folder, **files)
    with pytest.raises(InputError) as info, pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        load_inputs(Path("."))
    return info.value.render("fr")


def test_an_unknown_key_in_french(tmp_path: Path) -> None:
    lines = french_errors(tmp_path, applications=APPLICATIONS.replace(
        "kind: vendor", "knd: vendor")).splitlines()
    assert lines[:2] + lines[4:5] == [
        "applications.yaml:4:5: applications[0].knd\u00a0: clé inconnue 'knd'",
        "  attendu\u00a0: parmi id, name, kind, strategy, criticality, drivers, quotes, "
        "provenance, notes",
        "  conseil\u00a0: vouliez-vous dire 'kind'\u202f?"]


def test_a_wrong_type_and_a_date_in_french(tmp_path: Path) -> None:
    lines = french_errors(tmp_path, applications=APPLICATIONS.replace(
        "drivers: {users: 50}", "drivers: [1, 2]").replace(
        "date: 2022-05-18", "date: 18/05/2022")).splitlines()
    assert [line for line in lines if not line.startswith(("  8", "  1", "    ", "     "))] == [
        "applications.yaml:8:15: applications[0].quotes[0].date\u00a0: n'est pas une date valide",
        "  attendu\u00a0: une date au format AAAA-MM-JJ",
        "  trouvé\u00a0:  '18/05/2022'",
        "  conseil\u00a0: écrivez 2022-05-18",
        "",
        "applications.yaml:13:14: applications[1].drivers\u00a0: type de valeur incorrect",
        "  attendu\u00a0: un dictionnaire",
        "  trouvé\u00a0:  une liste de 2 éléments",
        "",
        "Erreur\u00a0: 2 problèmes dans 1 fichier\u202f; rien n'a été calculé."]


def test_a_year_written_as_a_date_and_a_range_in_french(tmp_path: Path) -> None:
    text = french_errors(tmp_path, assumptions=ASSUMPTIONS + (
        "horizon: {start: 2023-01-01}\n"
        "scenarios:\n  - id: s\n    name: S\n"
        "    rps:\n      autonomy: {likelihood: 7, severity: 2, rationale: x}\n"))
    assert "  conseil\u00a0: une année s'écrit seule\u00a0: 2023" in text
    assert ("scenarios[0].rps.autonomy.likelihood\u00a0: hors des limites permises\n"
            "  attendu\u00a0: une valeur <= 5\n"
            "  trouvé\u00a0:  7") in text


def test_a_models_refusal_in_french(tmp_path: Path) -> None:
    text = french_errors(tmp_path, assumptions=ASSUMPTIONS + (
        "scenarios:\n  - id: s\n    name: S\n"
        "    waves:\n      - {date: 2024-01-01, share: 1.5}\n"))
    assert text.splitlines()[:3] == [
        "assumptions.yaml:8:35: scenarios[0].waves[0].share\u00a0: la part d'une vague doit être "
        "une fraction fixe comprise dans ]0\u202f; 1]",
        "  attendu\u00a0: une part telle que 1/3 ou 33\u202f%",
        "  trouvé\u00a0:  1,5"]
    sourced = french_errors(tmp_path, assumptions=ASSUMPTIONS, applications=APPLICATIONS.replace(
        "provenance: {status: illustrative}", "provenance: {status: sourced}"))
    assert sourced.splitlines()[0] == (
        "applications.yaml:14:17: applications[1].provenance\u00a0: un chiffre sourcé doit nommer "
        "sa source dans 'source'")


def test_a_missing_data_folder_in_french(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_inputs(tmp_path / "nowhere")
    assert info.value.render("fr").splitlines()[:2] == [
        f"{tmp_path / 'nowhere'}: dossier de données introuvable",
        "  conseil\u00a0: lancez `soicost init DOSSIER` pour créer un jeu de départ"]
