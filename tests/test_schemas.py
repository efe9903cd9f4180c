"""The JSON Schemas: they accept the bundled files and the starter, refuse what the models
refuse at the level of structure, and the committed copies are up to date."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from soicost.inputs.loader import FILES, bundled_data_dir
from soicost.inputs.schemas import all_schemas, render_schema, schema_file_name, write_schemas
from soicost.inputs.starter import STARTER

COMMITTED = Path(__file__).resolve().parents[1] / "src" / "soicost" / "data" / "schemas"


def plain(value: Any) -> Any:
    """YAML dates become ISO strings, as the YAML language server sees them."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.cache
def schemas() -> dict[str, dict[str, Any]]:
    return all_schemas()


@functools.cache
def validator(file_name: str) -> Draft202012Validator:
    schema = schemas()[schema_file_name(file_name)]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def messages(file_name: str, data: Any) -> list[str]:
    return [error.message for error in validator(file_name).iter_errors(plain(data))]


def test_one_schema_per_file() -> None:
    assert sorted(schemas()) == sorted(schema_file_name(name) for name in FILES)
    for name in FILES:
        schema = schemas()[schema_file_name(name)]
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == name


@pytest.mark.parametrize("file_name", list(FILES))
def test_bundled_files_validate(file_name: str) -> None:
    text = (bundled_data_dir() / file_name).read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=schemas/"
                           f"{schema_file_name(file_name)}\n")
    assert messages(file_name, yaml.safe_load(text)) == []


@pytest.mark.parametrize("file_name", list(FILES))
def test_starter_files_validate(file_name: str) -> None:
    assert messages(file_name, yaml.safe_load(STARTER[file_name])) == []


def test_unknown_key_is_refused() -> None:
    data = yaml.safe_load((bundled_data_dir() / "applications.yaml").read_text("utf-8"))
    data["applications"][0]["knd"] = "vendor"
    assert any("'knd'" in message for message in messages("applications.yaml", data))


def test_wrong_choice_is_refused() -> None:
    data = {"assets": [{"id": "dc", "name": "DC", "category": "datacentre", "cost": "1M",
                        "in_service": "2017-09-01", "life_years": 15,
                        "provenance": {"status": "illustrative"}}]}
    assert messages("infrastructure.yaml", data) != []
    data["assets"][0]["category"] = "datacenter"
    assert messages("infrastructure.yaml", data) == []


def test_quantity_forms_are_accepted() -> None:
    data = {"reference": "piaf",
            "drivers": {"users": {"elasticity": "0.3 to 0.7"},
                        "data_gb": {"elasticity": {"pert": [0, 0.1, 0.3]}},
                        "interfaces": {"elasticity": 0.2}},
            "discount_rate": {"value": "3.2%", "provenance": {"status": "assumed"}}}
    assert messages("assumptions.yaml", data) == []
    data["drivers"]["users"]["elasticity"] = {"pert": [1, 2]}
    assert messages("assumptions.yaml", data) != []


def test_committed_schemas_are_up_to_date() -> None:
    stale = []
    for file_name, schema in schemas().items():
        path = COMMITTED / file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != render_schema(schema):
            stale.append(file_name)
    assert not stale, (f"stale JSON Schemas: {', '.join(stale)}; run soicost schema --out "
                       "src/soicost/data/schemas")


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(all_schemas())
    for path in written:
        assert json.loads(path.read_text(encoding="utf-8")) == schemas()[path.name]


def _without_descriptions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_descriptions(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_without_descriptions(v) for v in value]
    return value


def test_the_french_schemas_differ_only_by_their_descriptions() -> None:
    from soicost.inputs.schemas import descriptions

    english, french = all_schemas(), all_schemas("fr")
    assert _without_descriptions(french) == _without_descriptions(english)
    pairs = dict(zip(descriptions(english), descriptions(french), strict=True))
    assert pairs["Unique id (a slug)."] != "Unique id (a slug)."
    # Every description is worded (the catalogue test fails on a missing one): none is left
    # as its English but the lists of the format's codes and file names, alike in both.
    same = [e for e, f in pairs.items() if e == f]
    assert same and all(re.fullmatch(r"[\w.-]+( \| [\w.-]+)*", e) for e in same), same


def test_schema_is_english_unless_told_and_init_writes_them_in_its_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from soicost.cli import app

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    runner = CliRunner()
    english = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert english == all_schemas()  # the locale does not change what is committed
    french = json.loads(runner.invoke(app, ["schema", "--lang", "fr"]).stdout)
    assert french == all_schemas("fr")
    assert runner.invoke(app, ["-q", "init", str(tmp_path / "x"), "--lang", "fr"]).exit_code == 0
    written = json.loads((tmp_path / "x" / "schemas" / "applications.schema.json")
                         .read_text(encoding="utf-8"))
    assert written == all_schemas("fr")["applications.schema.json"]
