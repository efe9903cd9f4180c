"""Render an :class:`~soicost.analysis.explain.Explanation` as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from soicost.analysis.explain import Explanation
from soicost.inputs.provenance import Provenance
from soicost.render.money import Lang, format_money

_BASIS = {
    "reference": "is the reference application: its cost is its own quote",
    "quoted": "has its own quote, used instead of the extrapolation",
    "extrapolated": "is extrapolated from the reference quote",
    "flat": "costs the reference quote (flat method)",
    "excluded": "costs nothing: its strategy factor is 0 (it does not migrate)",
}


def render_explanation(ex: Explanation, lang: Lang = "en") -> str:
    app = ex.application
    cur = "EUR"
    o = ex.options
    lines = [
        f"{app.name} ({app.id}): {app.kind}, strategy {app.strategy or '-'}, "
        f"criticality {app.criticality or '-'}",
        f"Method {o.method}, seed {o.seed}, {o.samples:,} samples. This application "
        f"{_BASIS[ex.basis]}" + (f" {ex.reference!r}." if ex.basis == "extrapolated" else "."),
        "",
        "Derivation at the medians of the inputs (cost = product of the multipliers):",
    ]
    running = 1.0
    shown: Provenance | None = None
    for i, step in enumerate(ex.steps, 1):
        running *= step.multiplier
        value = (format_money(step.multiplier, lang, cur) if i == 1
                 else f"x {step.multiplier:.4g}")
        lines.append(f"  {i}. {step.label:<24} {step.detail}")
        lines.append(f"     {'':<24} {value:>12}   running: {format_money(running, lang, cur)}")
        if step.provenance is not None and step.provenance != shown:
            shown = step.provenance
            lines.append(f"     {'':<24} [{step.provenance.status}] {step.provenance.source}")
    lines += [
        "",
        f"Product at the medians: {format_money(ex.median_path, lang, cur)} (not the median "
        "of the product: the simulation draws every input together)",
        f"Simulated: P10 {format_money(ex.stats.p10, lang, cur)}, P50 "
        f"{format_money(ex.stats.p50, lang, cur)}, P90 {format_money(ex.stats.p90, lang, cur)}, "
        f"mean {format_money(ex.stats.mean, lang, cur)}",
    ]
    return "\n".join(lines) + "\n"


def explanation_json(ex: Explanation) -> dict[str, Any]:
    return {
        "id": ex.application.id,
        "name": ex.application.name,
        "basis": ex.basis,
        "reference": ex.reference,
        "method": ex.options.method,
        "seed": ex.options.seed,
        "samples": ex.options.samples,
        "steps": [{"label": s.label, "detail": s.detail, "multiplier": s.multiplier,
                   "provenance": s.provenance.model_dump(mode="json") if s.provenance else None}
                  for s in ex.steps],
        "median_path": ex.median_path,
        **ex.stats.as_dict(),
    }


def render_explanation_json(ex: Explanation) -> str:
    return json.dumps(explanation_json(ex), indent=2, ensure_ascii=False) + "\n"
