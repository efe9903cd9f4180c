"""The assumptions log as plain data: its order, labels, values and provenance fallbacks."""

from __future__ import annotations

import dataclasses

from soicost.analysis.assumptions_log import (
    Label,
    LogEntry,
    LogGroup,
    assumptions_log,
    count_by_status,
    provenance_of,
)
from soicost.api import load_texts
from soicost.inputs.provenance import Provenance, assumed, sourced
from soicost.inputs.quantity import parse_quantity
from soicost.render.words import local

APPS = """\
applications:
  - id: crm
    name: CRM
    kind: saas
    drivers: {users: 10}
    quotes:
      - {amount: 50k, date: 2021-01-01, source: Vendor}
    provenance: {status: assumed, source: "CRM owner"}
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 100}
    quotes:
      - {amount: 400k, date: 2021-03-01, scope: "lot 1", source: "SOI letter"}
      - amount: 500k
        date: 2022-05-18
        scope: all
        source: Bid
        provenance: {status: sourced, source: "Bid 2022", by: J. Doe, date: 2022-06-01}
    provenance: {status: sourced, source: "SOI letter"}
"""

ASSUMPTIONS = """\
reference: piaf
optimism_bias: green-book-equipment-lower
discount_rate: 4.5%
price_base_year: 2022
drivers:
  users: {elasticity: 0.5}
indexation:
  it: {rate: 3%, provenance: {status: sourced, source: Syntec}}
index_of: {running: it}
staff:
  teams:
    - {id: ops, name: Ops, fte: 4}
  provenance: {status: assumed, source: HR}
running:
  - {id: hosting, name: Hosting, annual: 100k}
scenarios:
  - id: status-quo
    name: Status quo
  - id: move
    name: Move
    waves: [{date: 2024-01-01, share: 1}]
    attrition:
      - {from: 2024, until: 2025, turnover: 25%}
    running:
      adds: [{name: Cloud, annual: 80k, from: 2024-01-01}]
    transition:
      training: 30k
      provenance: {status: assumed, source: judgement}
    rps_proxies:
      - {name: Sick leave, annual: 20k, from: 2024-01-01}
provenance: {status: illustrative, source: "Working group"}
"""


def _log() -> dict[str, LogGroup]:
    groups = assumptions_log(load_texts(APPS, None, ASSUMPTIONS))
    return {g.title.key if not g.title.args else f"{g.title.key}:{g.title.args['name']}": g
            for g in groups}


def test_the_groups_in_their_fixed_order_and_none_empty() -> None:
    assert list(_log()) == ["g_quotes", "g_bias", "g_drivers", "g_factors", "g_uncertainty",
                            "g_finance", "g_prices", "g_staff", "g_teams", "g_running",
                            "g_scenario:Move"]
    # The status quo assumes nothing of its own: no group.
    without = assumptions_log(load_texts(APPS, None, "reference: piaf\ndrivers: {users: "
                                                     "{elasticity: 0.5}}\n"))
    assert [g.title.key for g in without if g.title.key in ("g_teams", "g_running")] == []
    assert all(g.entries for g in without)


def test_the_reference_quote_comes_first_with_its_own_provenance() -> None:
    quotes = _log()["g_quotes"].entries
    assert [(e.label, e.value, e.reference) for e in quotes] == [
        (Label("reference_quote", {"name": "Piaf"}), "500k (2022-05-18) — all", True),
        (Label("quote_of", {"name": "CRM"}), "50k (2021-01-01)", False),
        (Label("quote_of", {"name": "Piaf"}), "400k (2021-03-01) — lot 1", False),
    ]
    # Who quoted joins the source, unless the source names it already.
    assert quotes[0].provenance == Provenance(status="sourced", source="Bid 2022",
                                              by="J. Doe", date="2022-06-01")
    assert quotes[1].provenance == assumed("CRM owner (Vendor)")
    assert quotes[2].provenance == sourced("SOI letter")


def test_values_as_written_and_rates_marked() -> None:
    log = _log()
    (bias,) = log["g_bias"].entries
    # A preset's description in French and English, shown in the output's language.
    assert local(bias.value, "en") == "green-book-equipment-lower: 10 % (Green Book lower bound)"
    assert local(bias.value, "fr") == ("green-book-equipment-lower: 10 % (borne basse du Green "
                                       "Book)")
    discount, convention = log["g_finance"].entries
    assert (discount.value, discount.rate) == ("4.5%", True)
    assert (convention.value, convention.rate) == ("M57", False)
    assert [(e.label, e.value, e.rate) for e in log["g_prices"].entries] == [
        (Label("price_base_year"), "2022", False),
        (Label("index", {"name": "general"}), "2%", True),
        (Label("index", {"name": "it"}), "3%", True),
        (Label("index_of", {"category": "running"}), "it", False),
    ]
    assert [e.label for e in log["g_staff"].entries] == [
        Label(k) for k in ("cost_per_fte", "turnover", "vacancy_rate", "months_to_fill",
                           "recruitment_cost", "vacancy_cover", "transfer_uplift")]
    # The factor table's name is a word to translate ("type"), the category a key as written.
    assert log["g_factors"].entries[0].label == Label("factor", {
        "group": Label("factor_kind"), "name": "vendor"})
    assert log["g_factors"].entries[0].quantity


def test_provenance_falls_back_from_the_figure_to_its_entry_to_its_file() -> None:
    log = _log()
    file = Provenance(status="illustrative", source="Working group")
    (elasticity,) = log["g_drivers"].entries
    assert elasticity.provenance == file
    (team,) = log["g_teams"].entries
    assert (team.label, team.value, team.provenance) == ("Ops", "4", assumed("HR"))
    (running,) = log["g_running"].entries
    assert (running.label, running.provenance) == ("Hosting", file)
    # A default figure keeps the provenance the defaults give it.
    turnover = log["g_staff"].entries[1]
    assert turnover.provenance is not None and turnover.provenance.status == "sourced"
    it = log["g_prices"].entries[2]
    assert it.provenance == sourced("Syntec")


def test_a_scenario_lists_only_what_it_writes() -> None:
    entries = _log()["g_scenario:Move"].entries
    assert [(e.label, e.value) for e in entries] == [
        (Label("training"), "30k"),
        (Label("attrition", {"first": 2024, "last": 2025, "what": Label("turnover")}), "25%"),
        (Label("running_add", {"name": "Cloud"}), "80k"),
        (Label("rps_proxy", {"name": "Sick leave"}), "20k"),
    ]
    assert entries[0].provenance == assumed("judgement")


def test_no_provenance_at_all_counts_as_assumed() -> None:
    inputs = load_texts(APPS, None, "reference: piaf\ndrivers: {users: {elasticity: 0.5}}\n")
    groups = assumptions_log(inputs)
    (elasticity,) = next(g for g in groups if g.title.key == "g_drivers").entries
    assert elasticity.provenance is None and elasticity.status == "assumed"
    counts = count_by_status(groups)
    assert list(counts) == ["sourced", "assumed", "illustrative"]
    assert sum(counts.values()) == sum(len(g.entries) for g in groups)
    assert counts["assumed"] == sum(e.status == "assumed" for g in groups for e in g.entries)


def test_provenance_of() -> None:
    own, entry = sourced("own"), assumed("entry")
    q = parse_quantity("1")
    assert provenance_of(q, None, entry) is entry
    assert provenance_of(dataclasses.replace(q, provenance=own), entry) is own
    assert provenance_of(None, None, None) is None
    assert LogEntry("x", "1", None).status == "assumed"


BILINGUAL_APPS = """\
applications:
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 100}
    quotes:
      - amount: 500k
        date: 2022-05-18
        source: {fr: Devis du prestataire, en: Provider quote}
      - {amount: 400k, date: 2021-03-01, source: AMOE}
    provenance:
      status: sourced
      source: {fr: Lettre du SOI, en: SOI letter}
  - id: crm
    name: CRM
    kind: saas
    drivers: {users: 10}
    quotes:
      - {amount: 50k, date: 2021-01-01, source: Vendor}
    provenance: {status: assumed, source: {en: CRM owner}}
  - id: erp
    name: ERP
    kind: vendor
    drivers: {users: 10}
    quotes:
      - {amount: 60k, date: 2021-01-01, source: Vendor}
    provenance: {status: assumed, source: "ERP owner"}
"""


def test_who_quoted_joins_a_bilingual_source_in_each_language() -> None:
    from soicost.inputs.scalars import Text

    quotes = assumptions_log(load_texts(BILINGUAL_APPS, None, "reference: piaf\n"
                                        "drivers: {users: {elasticity: 0.5}}\n"))[0].entries
    sources = {e.value.split(" ")[0]: e.provenance.source for e in quotes
               if e.provenance is not None}
    reference = sources["500k"]
    assert isinstance(reference, Text)
    assert reference.in_lang("fr") == "Lettre du SOI (Devis du prestataire)"
    assert reference.in_lang("en") == "SOI letter (Provider quote)"
    # A quoter written once is added as written to both languages.
    older = sources["400k"]
    assert isinstance(older, Text)
    assert (older.in_lang("fr"), older.in_lang("en")) == ("Lettre du SOI (AMOE)",
                                                          "SOI letter (AMOE)")
    # A source in one language only stays so: the French output marks it.
    crm = sources["50k"]
    assert isinstance(crm, Text)
    assert (crm.in_lang("fr"), crm.in_lang("en")) == ("CRM owner (Vendor) [en]",
                                                      "CRM owner (Vendor)")
    # Written once, joined as before: a plain text, the same in every language.
    erp = sources["60k"]
    assert erp == "ERP owner (Vendor)" and not getattr(erp, "languages", ())
