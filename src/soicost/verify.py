"""``soicost verify``: do these data and options reproduce a cited figure's fingerprint?"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from soicost import __version__
from soicost.errors import UsageError
from soicost.estimate import EstimateOptions
from soicost.loader import Inputs

_HEX = re.compile(r"^[0-9a-f]{8,64}$")


@dataclass(frozen=True)
class Verification:
    reproduced: bool
    claimed: str
    computed: str
    options: EstimateOptions
    differing_files: tuple[str, ...]
    figures_compared: int
    version_note: str | None


def read_claim(text: str) -> tuple[str, dict[str, Any] | None]:
    """A fingerprint (full or the first 8 hex digits, with or without 'sha256:'), or the path
    of a JSON output of soicost whose fingerprint and options are read."""
    path = Path(text)
    if text.endswith(".json") or path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read {text} as a soicost JSON output: {exc}") from None
        if not isinstance(data, dict) or "fingerprint" not in data:
            raise UsageError(f"{text} has no 'fingerprint': is it a soicost JSON output?")
        return str(data["fingerprint"]).removeprefix("sha256:"), data
    claim = text.strip().lower().removeprefix("sha256:")
    if not _HEX.match(claim):
        raise UsageError(f"{text!r} is not a fingerprint: expected 8 to 64 hexadecimal digits "
                         "(as in 'fingerprint 1f8cdd67'), or a soicost JSON file")
    return claim, None


def verify(inputs: Inputs, claim: str, options: EstimateOptions) -> Verification:
    """Recompute the fingerprint of ``inputs`` under ``options`` (taken from the JSON file
    when ``claim`` is one) and, for a JSON file, recompute and compare every figure."""
    from soicost.fingerprint import file_digests, fingerprint

    claimed, data = read_claim(claim)
    if data is not None:
        options = EstimateOptions(method=data.get("method", options.method),
                                  samples=int(data.get("samples", options.samples)),
                                  seed=int(data.get("seed", options.seed)),
                                  euros=data.get("euros", options.euros))
    computed = fingerprint(inputs, options.as_dict()).removeprefix("sha256:")
    reproduced = computed.startswith(claimed)
    differing: list[str] = []
    compared = 0
    note = None
    if data is not None:
        ours = file_digests(inputs)
        theirs = data.get("input_digests") or {}
        differing = [name for name, digest in ours.items()
                     if name in theirs and theirs[name] != digest]
        version = data.get("soicost_version")
        if version and version != __version__:
            note = (f"the figures were computed by soicost {version}, this is {__version__}: "
                    "a different version may compute differently")
        if reproduced:
            from soicost.diff import changed_figures
            from soicost.estimate import estimate
            from soicost.render.estimate import to_json_data

            fresh = json.loads(json.dumps(to_json_data(estimate(inputs, options))))
            changes, compared = changed_figures(data, fresh)
            reproduced = not changes
    return Verification(reproduced, claimed, computed, options, tuple(differing), compared,
                        note)
