"""Render an :class:`~soicost.analysis.explain.Explanation` as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from soicost.analysis.explain import Explanation
from soicost.i18n import N_, Number, tr
from soicost.inputs.provenance import Provenance
from soicost.render.money import Lang, format_count, format_money
from soicost.render.words import CRITICALITIES, KINDS, STATUSES, STRATEGIES, local, word

_BASIS = {
    "reference": N_("This application is the reference application: its cost is its own "
                    "quote."),
    "quoted": N_("This application has its own quote, used instead of the extrapolation."),
    "extrapolated": N_("This application is extrapolated from the reference quote "
                       "{reference!r}."),
    "flat": N_("This application costs the reference quote (flat method)."),
    "excluded": N_("This application costs nothing: its strategy factor is 0 (it does not "
                   "migrate)."),
}


def render_explanation(ex: Explanation, lang: Lang = "en") -> str:
    app = ex.application
    cur = "EUR"
    o = ex.options

    def money(value: float) -> str:
        return format_money(value, lang, cur)

    lines = [
        tr(lang, "{name} ({id}): {kind}, strategy {strategy}, criticality {criticality}",
           name=local(app.name, lang), id=app.id, kind=word(KINDS, app.kind, lang),
           strategy=word(STRATEGIES, app.strategy, lang) if app.strategy else "-",
           criticality=word(CRITICALITIES, app.criticality, lang) if app.criticality else "-"),
        tr(lang, "Method {method}, seed {seed}, {samples} samples.", method=o.method,
           seed=o.seed, samples=format_count(o.samples, lang))
        + " " + tr(lang, _BASIS[ex.basis], reference=ex.reference),
        "",
        tr(lang, "Derivation at the medians of the inputs (cost = product of the "
                 "multipliers):"),
    ]
    running = 1.0
    shown: Provenance | None = None
    for i, step in enumerate(ex.steps, 1):
        running *= step.multiplier
        value = (money(step.multiplier) if i == 1
                 else "× " + Number(step.multiplier, ".4g").text(lang))
        lines.append(f"  {i}. {step.what.text(lang):<24} {step.written.text(lang)}")
        lines.append(f"     {'':<24} {value:>12}   "
                     + tr(lang, "running: {amount}", amount=money(running)))
        if step.provenance is not None and step.provenance != shown:
            shown = step.provenance
            status = word(STATUSES, step.provenance.status, lang)
            lines.append(f"     {'':<24} [{status}] {local(step.provenance.source, lang)}")
    lines += [
        "",
        tr(lang, "Product at the medians: {amount} (not the median of the product: the "
                 "simulation draws every input together)", amount=money(ex.median_path)),
        tr(lang, "Simulated: P10 {p10}, P50 {p50}, P90 {p90}, mean {mean}",
           p10=money(ex.stats.p10), p50=money(ex.stats.p50), p90=money(ex.stats.p90),
           mean=money(ex.stats.mean)),
    ]
    return "\n".join(lines) + "\n"


def _provenance_json(provenance: Provenance) -> dict[str, Any]:
    # One string per source, as per name: the French when there is one, else the English.
    return {**provenance.model_dump(mode="json"), "source": str(provenance.source)}


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
                   "provenance": _provenance_json(s.provenance) if s.provenance else None}
                  for s in ex.steps],
        "median_path": ex.median_path,
        **ex.stats.as_dict(),
    }


def render_explanation_json(ex: Explanation) -> str:
    return json.dumps(explanation_json(ex), indent=2, ensure_ascii=False) + "\n"
