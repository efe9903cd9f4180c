"""The texts soicost writes itself (the defaults' sources and rationales, the optimism-bias
presets) and a quote's scope are in French and English: outputs show them in their
language, JSON outputs hold one string (the French first)."""

from __future__ import annotations

import json

import pytest

from soicost.analysis.assumptions_log import assumptions_log
from soicost.analysis.explain import explain
from soicost.analysis.fingerprint import canonical_inputs
from soicost.api import load_texts
from soicost.inputs.models import (
    APPLICATION_UNCERTAINTY_RATIONALE,
    DISCOUNT_RATE_SOURCE,
    FACTORS_RATIONALE,
    INDEX_RATIONALE,
    STAFF_COST_RATIONALE,
    TURNOVER_SOURCE,
    Assumptions,
)
from soicost.inputs.presets import PRESETS
from soicost.inputs.scalars import Text
from soicost.render.explain import explanation_json, render_explanation
from soicost.render.words import local

APPS = """\
applications:
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 100}
    quotes:
      - amount: 500k
        date: 2022-05-18
        scope: {fr: "Changement d'infrastructure", en: "Change of infrastructure"}
        source: Bid
    provenance: {status: sourced, source: "SOI letter"}
  - id: crm
    name: CRM
    kind: saas
    drivers: {users: 10}
    quotes:
      - {amount: 50k, date: 2021-01-01, scope: lot 1}
    provenance: {status: assumed, source: "CRM owner"}
"""
# Nothing but the reference: every other figure is a default, with its provenance.
ASSUMPTIONS = "reference: piaf\nprice_base_year: 2024\ndrivers: {users: {elasticity: 0.5}}\n"


@pytest.fixture(scope="module")
def log_sources() -> dict[str, list[str]]:
    """The sources the assumptions log shows, per language."""
    groups = assumptions_log(load_texts(APPS, None, ASSUMPTIONS))
    return {lang: [local(e.provenance.source, lang) for g in groups for e in g.entries
                   if e.provenance is not None] for lang in ("fr", "en")}


DEFAULTS = [FACTORS_RATIONALE, APPLICATION_UNCERTAINTY_RATIONALE, DISCOUNT_RATE_SOURCE,
            STAFF_COST_RATIONALE, TURNOVER_SOURCE, INDEX_RATIONALE]


def test_every_default_and_preset_text_is_in_french_then_english() -> None:
    staff = Assumptions(reference="x").staff
    texts = [*DEFAULTS, *(getattr(staff, key).provenance.source for key in (
        "months_to_fill", "recruitment_cost", "vacancy_cover", "transfer_uplift"))]
    for quantity, provenance in PRESETS.values():
        texts += [quantity.text, provenance.source]
    for text in texts:
        assert isinstance(text, Text) and [lang for lang, _ in text.languages] == ["fr", "en"]
        fr, en = text.in_lang("fr"), text.in_lang("en")
        assert fr != en and str(text) == fr
        assert not fr.startswith(("Assumed", "Judgement")), fr


def test_the_log_shows_the_defaults_sources_in_the_output_language(
        log_sources: dict[str, list[str]]) -> None:
    for text in [*DEFAULTS, PRESETS["none"][1].source]:
        assert text.in_lang("fr") in log_sources["fr"], text.in_lang("en")
        assert text.in_lang("en") in log_sources["en"], text.in_lang("en")
        assert text.in_lang("en") not in log_sources["fr"]
    assert "UNSA CASVP, d'après le rapport social unique 2023 du CASVP (26 juin 2024) : taux de " \
           "rotation 14 %, taux de vacance 11,55 %" in log_sources["fr"]
    assert not [s for s in log_sources["fr"] if s.startswith("Assumed")]


def test_the_log_shows_a_preset_described_in_the_output_language() -> None:
    groups = assumptions_log(load_texts(APPS, None, ASSUMPTIONS
                                        + "optimism_bias: flyvbjerg-2011\n"))
    (bias,) = next(g for g in groups if g.title.key == "g_bias").entries
    assert local(bias.value, "en") == ("flyvbjerg-2011 (mean +27 %, one in six a black swan "
                                       "averaging +200 %)")
    assert local(bias.value, "fr") == ("flyvbjerg-2011 (moyenne +27 %, un projet sur six est "
                                       "un cygne noir à +200 % en moyenne)")
    assert local(bias.provenance.source, "fr").startswith("Classe de référence construite")
    # A rate written as such is shown as written.
    groups = assumptions_log(load_texts(APPS, None, ASSUMPTIONS + "optimism_bias: 10%\n"))
    (bias,) = next(g for g in groups if g.title.key == "g_bias").entries
    assert bias.value == "10%" and not isinstance(bias.value, Text)


def test_explain_shows_a_default_source_and_a_scope_in_the_output_language() -> None:
    inputs = load_texts(APPS, None, ASSUMPTIONS)
    ex = explain(inputs, "piaf")
    fr, en = render_explanation(ex, "fr"), render_explanation(ex, "en")
    # The default optimism bias ("none") and the index the quote is brought forward by.
    assert "Pas de biais d'optimisme : les devis sont pris tels quels." in fr
    assert "No optimism bias: the quotes are taken as they stand." in en
    assert INDEX_RATIONALE.in_lang("fr") in fr and INDEX_RATIONALE.in_lang("en") in en
    assert "No optimism bias" not in fr and "Pas de biais" not in en
    assert "(piaf, 2022-05-18\u00a0: Changement d'infrastructure)" in fr
    assert "(piaf, 2022-05-18: Change of infrastructure)" in en
    assert "Changement" not in en and "Change of" not in fr
    # JSON: one string per text, the French source; the step's detail is its English.
    data = json.loads(json.dumps(explanation_json(ex)))
    reference, _, bias = data["steps"]
    assert reference["detail"] == "500k (piaf, 2022-05-18: Change of infrastructure)"
    assert bias["provenance"]["source"] == ("Pas de biais d'optimisme : les devis sont pris "
                                            "tels quels.")


def test_a_scope_in_the_log_in_each_language_and_one_written_once_as_written() -> None:
    groups = assumptions_log(load_texts(APPS, None, ASSUMPTIONS))
    values = [e.value for e in groups[0].entries]
    assert [local(v, "fr") for v in values] == [
        "500k (2022-05-18) — Changement d'infrastructure", "50k (2021-01-01) — lot 1"]
    assert [local(v, "en") for v in values] == [
        "500k (2022-05-18) — Change of infrastructure", "50k (2021-01-01) — lot 1"]
    assert not isinstance(values[1], Text) or not values[1].languages


def test_a_scope_is_fingerprinted_in_both_languages_and_refused_in_others() -> None:
    inputs = load_texts(APPS, None, ASSUMPTIONS)
    (quote,) = canonical_inputs(inputs)["applications"]["applications"][0]["quotes"]
    assert quote["scope"] == {"fr": "Changement d'infrastructure",
                              "en": "Change of infrastructure"}
    assert isinstance(inputs.applications.applications[0].quotes[0].scope, Text)
    from soicost.errors import InputError

    with pytest.raises(InputError):
        load_texts(APPS.replace("scope: lot 1", "scope: {de: Los 1}"), None, ASSUMPTIONS)
