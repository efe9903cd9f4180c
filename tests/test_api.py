"""`import soicost` gives the documented API, without loading numpy for --version."""

from __future__ import annotations

import subprocess
import sys

import soicost
import soicost.api


def test_the_package_exports_exactly_the_api() -> None:
    assert sorted(soicost.API) == sorted(soicost.api.__all__)
    for name in soicost.API:
        assert getattr(soicost, name) is getattr(soicost.api, name)
    assert set(soicost.API) <= set(dir(soicost))


def test_a_function_of_the_api_is_not_shadowed_by_a_module() -> None:
    # Folders keep module names apart from the API's: importing every module first must
    # not turn soicost.estimate into a module.
    import soicost.analysis.estimate
    import soicost.cli

    assert callable(soicost.estimate) and soicost.estimate is soicost.api.estimate
    assert soicost.explain is soicost.api.explain and soicost.verify is soicost.api.verify


def test_import_soicost_stays_light() -> None:
    code = ("import sys, soicost; soicost.__version__; "
            "print(any(m in sys.modules for m in ('numpy', 'pydantic', 'soicost.api')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        soicost.nothing_here  # noqa: B018
    except AttributeError as error:
        assert "nothing_here" in str(error)
    else:  # pragma: no cover
        raise AssertionError("no AttributeError")


APP = """applications:
  - id: {ident}
    name: A
    kind: vendor
    quotes: [{{amount: 10k, date: 2024-01-01}}]
    provenance: {{status: assumed, source: x}}
"""


def test_inputs_from_texts_take_the_first_application_as_the_reference() -> None:
    inputs = soicost.load_texts(APP.format(ident="crm"))
    assert inputs.reference.id == "crm"
    assert inputs.infrastructure.assets == []
    # A mapping is read like the same YAML.
    import yaml

    again = soicost.load_texts(yaml.safe_load(APP.format(ident="crm")))
    assert again.reference_quote.amount.text == inputs.reference_quote.amount.text


def test_a_bad_first_id_is_reported_once_where_it_is_written() -> None:
    # The assumptions written for the user only name the first application: when its id is
    # wrong, the problem is reported in the applications, not as a second one in a file
    # the user never wrote.
    try:
        soicost.load_texts(APP.format(ident="2024"))
    except soicost.InputError as error:
        assert error.render() == (
            "applications.yaml:2:9: applications[0].id: wrong type\n"
            "  expected: a string\n"
            "  found:    2024\n"
            "  2 |   - id: 2024\n"
            "    |         ^\n"
            "\n"
            "Error: 1 problem; nothing was computed.")
    else:  # pragma: no cover
        raise AssertionError("no InputError")


def test_the_json_data_is_made_of_json_types_only() -> None:
    # verify and diff compare it with a file read back by json.loads: a tuple, a numpy float
    # or a NaN here would make equal figures differ (or differing ones equal).
    import json
    import math

    data = soicost.to_json_data(soicost.estimate(soicost.load_inputs(),
                                                 soicost.EstimateOptions(samples=500)))

    def check(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str), where
                check(item, f"{where}.{key}")
        elif isinstance(value, list):
            for k, item in enumerate(value):
                check(item, f"{where}[{k}]")
        else:
            assert value is None or type(value) in (str, int, float, bool), where
            assert not isinstance(value, float) or math.isfinite(value), where

    check(data, "$")
    assert json.loads(json.dumps(data)) == data
