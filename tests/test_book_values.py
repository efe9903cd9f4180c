"""The lines of the report's net-book-value chart: one plan per asset at its medians."""

from __future__ import annotations

import datetime as dt

import pytest

from soicost.api import load_texts
from soicost.finance import amortisation as am
from soicost.finance.assets import book_values_at_medians
from soicost.model.sampling import median

APPS = """\
applications:
  - id: a
    name: A
    kind: vendor
    quotes: [{amount: 10k, date: 2022-01-01}]
    provenance: {status: assumed, source: x}
"""

ASSETS = """\
assets:
  - {id: dc, name: "Data centre", category: datacenter, cost: 100k, in_service: 2020-01-01,
     life_years: 5, provenance: {status: assumed, source: x}}
  - {id: sw, name: Switches, category: network, cost: 10k, residual: 2k,
     in_service: 2021-07-01, life_years: 4, convention: m14,
     provenance: {status: assumed, source: x}}
  - {id: srv, name: Servers, category: platform, cost: 80k to 120k, in_service: 2019-03-15,
     life_years: 3 to 7, provenance: {status: assumed, source: x}}
"""


def test_one_value_per_first_of_january_and_one_past_the_last_year() -> None:
    inputs = load_texts(APPS, ASSETS)
    lines = book_values_at_medians(inputs, (2021, 2022, 2023))
    assert lines.dates == tuple(dt.date(y, 1, 1) for y in (2021, 2022, 2023, 2024))
    assert [name for name, _ in lines.assets] == ["Data centre", "Switches", "Servers"]
    # Straight line over five years from 1 January 2020 (M57, the default convention).
    assert lines.assets[0][1] == pytest.approx((80_000, 60_000, 40_000, 20_000))
    # M14 starts the plan on 1 January after the date in service; it ends at the residual.
    assert lines.assets[1][1] == pytest.approx((10_000, 10_000, 8_000, 6_000))


def test_a_range_is_taken_at_its_median() -> None:
    inputs = load_texts(APPS, ASSETS)
    srv = inputs.infrastructure.assets[2]
    (_, values), = book_values_at_medians(inputs, (2022,)).assets[2:]
    expected = [float(am.net_book_value(median(srv.cost.dist), 0.0, median(srv.life_years.dist),
                                        srv.in_service, d, "m57"))
                for d in (dt.date(2022, 1, 1), dt.date(2023, 1, 1))]
    assert list(values) == expected
    assert values[0] != values[1]


def test_no_assets_no_lines() -> None:
    assert book_values_at_medians(load_texts(APPS), (2024,)).assets == ()
