"""JSON Schemas of the input files, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from soicost.atomic import write_atomic
from soicost.inputs.loader import FILES


def schema_file_name(file_name: str) -> str:
    return file_name.replace(".yaml", ".schema.json")


def all_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per input file, keyed by the schema's file name."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = name
        out[schema_file_name(name)] = schema
    return out


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write the three schemas into ``folder`` (atomically); return the paths written."""
    written = []
    for file_name, schema in all_schemas().items():
        path = folder / file_name
        write_atomic(path, render_schema(schema))
        written.append(path)
    return written
