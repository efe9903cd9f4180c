"""A fingerprint of what a result depends on: the parsed inputs and the options."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from soicost.loader import Inputs


def canonical_inputs(inputs: Inputs) -> dict[str, Any]:
    """The parsed inputs as plain JSON data: formatting and comments do not matter."""
    return {
        "applications": inputs.applications.model_dump(mode="json"),
        "infrastructure": inputs.infrastructure.model_dump(mode="json"),
        "assumptions": inputs.assumptions.model_dump(mode="json"),
    }


def fingerprint(inputs: Inputs, options: dict[str, Any]) -> str:
    """``sha256:`` of the canonical inputs plus the options that change results."""
    payload = json.dumps({"inputs": canonical_inputs(inputs), "options": options},
                         sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def file_digests(inputs: Inputs) -> dict[str, str]:
    """Per input file, the digest of its parsed content (to say which file differs)."""
    canonical = canonical_inputs(inputs)
    return {name: hashlib.sha256(json.dumps(part, sort_keys=True).encode()).hexdigest()
            for name, part in canonical.items()}
