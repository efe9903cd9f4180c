"""A fingerprint of what a result depends on: the parsed inputs and the options."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from soicost.inputs.inputs import Inputs
from soicost.inputs.quantity import Quantity


def _canonical(value: Any) -> Any:
    """Plain JSON data in which a quantity is its parsed distribution, so that ``500k`` and
    ``500000`` fingerprint alike."""
    if isinstance(value, Quantity):
        return {"quantity": repr(value.dist),
                "provenance": _canonical(value.provenance.model_dump())
                if value.provenance else None}
    if isinstance(value, dict):
        # A quantity's 'confirmed' reason, when absent, leaves the fingerprint as it was
        # before the key existed: figures cited then still verify.
        return {str(k): _canonical(v) for k, v in value.items()
                if not (k == "confirmed" and v is None)}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical_inputs(inputs: Inputs) -> dict[str, Any]:
    """The parsed inputs as plain JSON data: formatting and comments do not matter."""
    return {
        "applications": _canonical(inputs.applications.model_dump()),
        "infrastructure": _canonical(inputs.infrastructure.model_dump()),
        "assumptions": _canonical(inputs.assumptions.model_dump()),
    }


def fingerprint(inputs: Inputs, options: dict[str, Any]) -> str:
    """``sha256:`` of the canonical inputs plus the options that change results."""
    payload = json.dumps({"inputs": canonical_inputs(inputs), "options": options},
                         sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def file_digests(inputs: Inputs) -> dict[str, str]:
    """Per input file, the digest of its parsed content (to say which file differs)."""
    canonical = canonical_inputs(inputs)
    return {f"{name}.yaml": "sha256:" + hashlib.sha256(
        json.dumps(part, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        for name, part in canonical.items()}
