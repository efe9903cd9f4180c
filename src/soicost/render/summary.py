"""Text summary printed by ``soicost validate``."""

from __future__ import annotations

from collections.abc import Mapping

from soicost.analysis.summary import Summary
from soicost.i18n import tr
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import bundled_data_dir
from soicost.render.money import Lang, format_count, format_share
from soicost.render.words import ASSET_CATEGORIES, KINDS, word


def _counts(counts: dict[str, int], words: Mapping[str, str], lang: Lang) -> str:
    return ", ".join(f"{word(words, name, lang)} {n}" for name, n in counts.items())


def render_summary(inputs: Inputs, summary: Summary, lang: Lang = "en") -> str:
    where = (tr(lang, "the bundled CASVP example")
             if inputs.data_dir.resolve() == bundled_data_dir().resolve()
             else str(inputs.data_dir))
    status = summary.figures_by_status
    illustrative = status["illustrative"]
    share = illustrative / summary.figures if summary.figures else 0.0
    facts = [
        (tr(lang, "applications"), tr(lang, "{n} ({kinds}); quoted: {quoted}",
                                      n=summary.applications,
                                      kinds=_counts(summary.applications_by_kind, KINDS,
                                                    lang),
                                      quoted=", ".join(summary.quoted_applications))),
        (tr(lang, "reference"), inputs.assumptions.reference),
        (tr(lang, "drivers"), ", ".join(summary.drivers) or tr(lang, "none")),
        (tr(lang, "assets"), str(summary.assets)
         + (f" ({_counts(summary.assets_by_category, ASSET_CATEGORIES, lang)})"
            if summary.assets else "")),
        (tr(lang, "scenarios"), str(len(summary.scenarios))
         + (f" ({', '.join(summary.scenarios)})" if summary.scenarios else "")),
        (tr(lang, "input figures"),
         tr(lang, "{n}: {sourced} sourced, {assumed} assumed, {illustrative} illustrative "
                  "({share})", n=format_count(summary.figures, lang),
            sourced=format_count(status["sourced"], lang),
            assumed=format_count(status["assumed"], lang),
            illustrative=format_count(illustrative, lang), share=format_share(share, lang))),
    ]
    # Values aligned after the labels and their colon, in either language; the counts of
    # input figures, a sentence more than a value, follow their longer label.
    heads = [tr(lang, "{label}:", label=label) for label, _ in facts]
    width = max(len(head) for head in heads[:-1])
    lines = [tr(lang, "Valid inputs: {where}", where=where)]
    lines += [f"  {head:<{width}} {value}" for head, (_, value) in zip(heads, facts,
                                                                         strict=True)]
    if share >= 0.5:
        lines.append(tr(lang, "  warning: most input figures are illustrative; replace them "
                              "with real data before citing results"))
    return "\n".join(lines)
