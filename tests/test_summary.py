"""Input figures counted by provenance, as the report's header and `validate` show them."""

from __future__ import annotations

from soicost.analysis.summary import figures_by_status, input_figures, summarise
from soicost.api import load_texts

APPS = """\
applications:
  - id: a
    name: A
    kind: vendor
    drivers: {users: 10}
    quotes: [{amount: 10k, date: 2022-01-01}]
    provenance: {status: illustrative}
"""
ASSUMPTIONS = "reference: a\ndrivers: {users: {elasticity: 0.5}}\n"


def test_every_status_in_order_even_at_zero() -> None:
    inputs = load_texts(APPS, None, ASSUMPTIONS)
    counts = figures_by_status(inputs)
    assert list(counts) == ["sourced", "assumed", "illustrative"]
    figures = input_figures(inputs)
    assert sum(counts.values()) == len(figures)
    for status, n in counts.items():
        assert n == sum(f.status == status for f in figures)
    # The application's driver and quote take its entry's provenance.
    assert counts["illustrative"] == 2
    assert summarise(inputs).figures_by_status == counts


def test_a_figure_s_own_provenance_comes_first() -> None:
    before = figures_by_status(load_texts(APPS, None, ASSUMPTIONS))
    own = APPS.replace("{amount: 10k, date: 2022-01-01}",
                       "{amount: 10k, date: 2022-01-01, provenance: {status: sourced, "
                       "source: bid}}")
    after = figures_by_status(load_texts(own, None, ASSUMPTIONS))
    assert after["sourced"] == before["sourced"] + 1
    assert after["illustrative"] == before["illustrative"] - 1
