"""JSON Schemas of the input files, generated from the models.

Their descriptions are what an editor shows beside a key as the user types: written in
English on the models' fields, worded in French from the message catalogue when the
schemas are asked for in French (``soicost schema --lang fr``, ``soicost init --lang fr``);
scripts/i18n.py adds them to the catalogue (:func:`descriptions`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from soicost.atomic import write_atomic
from soicost.i18n import Lang, tr
from soicost.inputs.loader import FILES


def schema_file_name(file_name: str) -> str:
    return file_name.replace(".yaml", ".schema.json")


def all_schemas(lang: Lang = "en") -> dict[str, dict[str, Any]]:
    """One JSON Schema per input file, keyed by the schema's file name, its descriptions in
    ``lang``."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = name
        out[schema_file_name(name)] = _worded(schema, lang) if lang != "en" else schema
    return out


def descriptions(value: object) -> Iterator[str]:
    """Every description of a schema (or of all of them), where an editor shows it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "description" and isinstance(item, str):
                yield item
            else:
                yield from descriptions(item)
    elif isinstance(value, list):
        for item in value:
            yield from descriptions(item)


def _worded(value: Any, lang: Lang) -> Any:
    if isinstance(value, dict):
        return {key: tr(lang, item) if key == "description" and isinstance(item, str)
                else _worded(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [_worded(item, lang) for item in value]
    return value


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path, lang: Lang = "en") -> list[Path]:
    """Write the three schemas into ``folder`` (atomically), their descriptions in ``lang``;
    return the paths written."""
    written = []
    for file_name, schema in all_schemas(lang).items():
        path = folder / file_name
        write_atomic(path, render_schema(schema))
        written.append(path)
    return written
