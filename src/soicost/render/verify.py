"""What ``soicost verify`` prints: reproduced or not, and why not."""

from __future__ import annotations

from soicost.analysis.verify import Verification

# Figures named in a rejection; the rest are counted.
SHOWN_CHANGES = 3


def fingerprints_shown(claimed: str, computed: str) -> tuple[str, str]:
    """The two fingerprints cut where they can be told apart: at least the 8 digits a
    citation prints, more when those are equal (never "gives 1f8cdd67, not 1f8cdd67")."""
    common = 0
    while common < min(len(claimed), len(computed)) and claimed[common] == computed[common]:
        common += 1
    length = max(8, common + 1)
    return claimed[:length], computed[:length]


def summary(v: Verification) -> str:
    """What ``verify`` prints on standard output: reproduced or not, and why not."""
    o = v.options
    what = f"(method {o.method}, seed {o.seed}, {o.samples:,} samples, {o.euros} euros)"
    if v.reproduced:
        extra = f"; {v.figures_compared} figures recomputed and identical" \
            if v.figures_compared else ""
        return f"Reproduced: fingerprint {v.computed[:8]} {what}{extra}.\n"
    if not v.fingerprint_matches:
        claimed, computed = fingerprints_shown(v.claimed, v.computed)
        lines = [f"Not reproduced: these data give fingerprint {computed} {what}, not "
                 f"{claimed}."]
        if v.differing_files:
            lines.append("Input files that differ: " + ", ".join(v.differing_files))
        else:
            lines.append("Check the data folder and the options (--seed, --samples, --method, "
                         "--euros) printed with the citation.")
        return "\n".join(lines) + "\n"
    shown = [f"{c.figure} ({_value(c.old)} in the file, {_value(c.new)} now)"
             for c in v.changes[:SHOWN_CHANGES]]
    more = len(v.changes) - SHOWN_CHANGES
    listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return (f"Not reproduced: these data give the same fingerprint {v.computed[:8]} {what}, "
            f"but {len(v.changes)} of {v.figures_compared} figures differ from "
            f"{v.source}: {listed}.\n"
            "Same inputs and options, other figures: the file was edited, or another "
            "version of soicost or numpy computed it.\n")


def _value(value: float | None) -> str:
    return "absent" if value is None else repr(value)
