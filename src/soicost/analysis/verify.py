"""``soicost verify``: do these data and options reproduce a cited figure's fingerprint?"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from soicost.analysis.diff import Change
from soicost.analysis.estimate import EstimateOptions
from soicost.errors import FileError, UsageError
from soicost.i18n import N_, Message, Said
from soicost.inputs.inputs import Inputs
from soicost.version import __version__

_HEX = re.compile(r"^[0-9a-f]{8,64}$")


@dataclass(frozen=True)
class Verification:
    reproduced: bool
    claimed: str
    computed: str
    options: EstimateOptions
    differing_files: tuple[str, ...]
    figures_compared: int
    version_note: Message | None  # worded when shown
    # The figures of the JSON file that these data compute otherwise (fingerprint equal).
    changes: tuple[Change, ...] = ()
    source: str | None = None  # the JSON file, when the claim was one

    @property
    def fingerprint_matches(self) -> bool:
        return self.computed.startswith(self.claimed)


def read_claim(text: str) -> tuple[str, dict[str, Any] | None]:
    """A fingerprint (full or the first 8 hex digits, with or without 'sha256:'), or the path
    of a JSON output of soicost whose fingerprint and options are read.

    Raises :class:`FileError` for a JSON file that cannot be read or is not a soicost output,
    and :class:`UsageError` for text that is neither a file nor a fingerprint.
    """
    from soicost.analysis.runjson import read_run

    path = Path(text)
    if text.endswith(".json") or path.is_file() or path.is_symlink():
        data = read_run(path)
        return typing.cast(str, data["fingerprint"]).lower().removeprefix("sha256:"), data
    claim = text.strip().lower().removeprefix("sha256:")
    if not _HEX.match(claim):
        raise UsageError(Said("{text!r} is not a fingerprint: expected 8 to 64 hexadecimal "
                              "digits (as in 'fingerprint 1f8cdd67'), or a soicost JSON file",
                              text=text))
    return claim, None


def claimed_options(data: dict[str, Any], name: str, default: EstimateOptions
                    ) -> EstimateOptions:
    """The options a JSON output was computed with (``default`` for those it does not give),
    refused with the file's name when this soicost cannot run them."""
    from soicost.analysis.runjson import about, describe, refused
    from soicost.finance.euros import EUROS
    from soicost.i18n import Count
    from soicost.limits import MAX_SAMPLES, MAX_SEED, MIN_SAMPLES
    from soicost.model.plan import METHODS

    method = data.get("method", default.method)
    euros = data.get("euros", default.euros)
    samples = data.get("samples", default.samples)
    seed = data.get("seed", default.seed)

    def refuse(key: str, expected: str, value: object) -> FileError:
        return FileError(about(name, refused(expected, describe(value), key)))

    if method not in METHODS:
        raise refuse("method", Said("one of {values}", values=", ".join(METHODS)), method)
    if euros not in EUROS:
        raise refuse("euros", Said("one of {values}", values=", ".join(EUROS)), euros)
    if not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise refuse("samples", Said("a whole number from {low} to {high} (what this soicost "
                                     "computes)", low=MIN_SAMPLES, high=Count(MAX_SAMPLES)),
                     samples)
    if not 0 <= seed <= MAX_SEED:
        raise refuse("seed", Said("a whole number from 0 to 2**63 - 1"), seed)
    return EstimateOptions(method=method, samples=samples, seed=seed, euros=euros)


def verify(inputs: Inputs, claim: str, options: EstimateOptions) -> Verification:
    """Recompute the fingerprint of ``inputs`` under ``options`` (taken from the JSON file
    when ``claim`` is one) and, for a JSON file, recompute and compare every figure."""
    from soicost.analysis.fingerprint import file_digests, fingerprint

    claimed, data = read_claim(claim)
    if data is not None:
        options = claimed_options(data, claim, options)
    computed = fingerprint(inputs, options.as_dict()).removeprefix("sha256:")
    reproduced = computed.startswith(claimed)
    differing: list[str] = []
    compared = 0
    note = None
    changes: list[Change] = []
    if data is not None:
        ours = file_digests(inputs)
        theirs = data.get("input_digests") or {}
        differing = [name for name, digest in ours.items()
                     if name in theirs and theirs[name] != digest]
        version = data.get("soicost_version")
        if version and version != __version__:
            note = Message(N_("the figures were computed by soicost {theirs}, this is {ours}: "
                              "a different version may compute differently"),
                           {"theirs": version, "ours": __version__})
        if reproduced:
            from soicost.analysis.contract import to_json_data
            from soicost.analysis.diff import changed_figures
            from soicost.analysis.estimate import estimate

            fresh = to_json_data(estimate(inputs, options))
            # Only the figures the file holds: a `compare` output has no applications.
            changes, compared = changed_figures(data, fresh, claimed_only=True)
            reproduced = not changes
    return Verification(reproduced, claimed, computed, options, tuple(differing), compared,
                        note, tuple(changes), claim if data is not None else None)
