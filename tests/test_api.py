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
