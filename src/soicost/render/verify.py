"""What ``soicost verify`` prints: reproduced or not, and why not."""

from __future__ import annotations

from soicost.analysis.verify import Verification
from soicost.i18n import N_, tr
from soicost.render.money import Lang, format_count

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


def summary(v: Verification, lang: Lang = "en") -> str:
    """What ``verify`` prints on standard output: reproduced or not, and why not."""
    o = v.options
    what = tr(lang, "(method {method}, seed {seed}, {samples} samples, {euros} euros)",
              method=o.method, seed=o.seed, samples=format_count(o.samples, lang),
              euros=tr(lang, EUROS[o.euros]))
    if v.reproduced:
        extra = tr(lang, "; {n} figures recomputed and identical",
                   n=format_count(v.figures_compared, lang)) if v.figures_compared else ""
        return tr(lang, "Reproduced: fingerprint {fingerprint} {what}{extra}.",
                  fingerprint=v.computed[:8], what=what, extra=extra) + "\n"
    if not v.fingerprint_matches:
        claimed, computed = fingerprints_shown(v.claimed, v.computed)
        lines = [tr(lang, "Not reproduced: these data give fingerprint {computed} {what}, not "
                          "{claimed}.", computed=computed, what=what, claimed=claimed)]
        if v.differing_files:
            lines.append(tr(lang, "Input files that differ: {files}",
                            files=", ".join(v.differing_files)))
        else:
            lines.append(tr(lang, "Check the data folder and the options (--seed, --samples, "
                                  "--method, --euros) printed with the citation."))
        return "\n".join(lines) + "\n"
    shown = [tr(lang, "{figure} ({old} in the file, {new} now)", figure=c.figure,
                old=_value(c.old, lang), new=_value(c.new, lang))
             for c in v.changes[:SHOWN_CHANGES]]
    more = len(v.changes) - SHOWN_CHANGES
    listed = ", ".join(shown) + (tr(lang, " and {n} more", n=more) if more > 0 else "")
    return tr(lang, "Not reproduced: these data give the same fingerprint {fingerprint} "
                    "{what}, but {n} of {compared} figures differ from {source}: {listed}.",
              fingerprint=v.computed[:8], what=what, n=len(v.changes),
              compared=v.figures_compared, source=v.source, listed=listed) + "\n" + tr(
        lang, "Same inputs and options, other figures: the file was edited, or another "
              "version of soicost or numpy computed it.") + "\n"


# How the euros option reads in a sentence.
EUROS = {"constant": N_("constant"), "current": N_("current")}


def _value(value: float | None, lang: Lang) -> str:
    # The full figure, as the JSON holds it, so that a reader can compare it digit by digit.
    return tr(lang, "absent") if value is None else repr(value)
