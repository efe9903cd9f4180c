"""The assumptions log, after the UK Aqua Book's (HM Treasury, 2015): every assumption of the
model with its value as written and the provenance that applies to it, in a fixed order.

Plain data, in no language: each label is a key of the renderer's copy with its arguments,
so that the report words it in French or English and writes rates the way its language
does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from soicost.inputs.inputs import Inputs
from soicost.inputs.models import Scenario
from soicost.inputs.presets import PRESETS
from soicost.inputs.provenance import Provenance, Status
from soicost.inputs.quantity import Quantity
from soicost.inputs.scalars import TEXT_LANGS, Text, TextLang

STAFF_KEYS = ("cost_per_fte", "turnover", "vacancy_rate", "months_to_fill", "recruitment_cost",
              "vacancy_cover", "transfer_uplift")
TRANSITION_KEYS = ("double_running_months", "knowledge_transfer", "training",
                   "productivity_loss")
ATTRITION_KEYS = ("turnover", "vacancy_rate", "months_to_fill")


@dataclass(frozen=True)
class Label:
    """Words to look up by ``key`` in the renderer's copy and fill with ``args``; an
    argument that is itself a label is looked up too."""

    key: str
    args: Mapping[str, str | int | Label] = field(default_factory=dict)


@dataclass(frozen=True)
class LogEntry:
    """One assumption. ``label`` is a :class:`Label`, or a name from the inputs shown as
    written (a team, a running cost)."""

    label: Label | str
    # As written in the inputs; a Text when part of it is in French and English (a quote's
    # scope, a preset's description), shown in the output's language (words.local).
    value: str
    # Its own, else its entry's, else its file's; None when none is recorded.
    provenance: Provenance | None
    reference: bool = False  # the reference quote, listed first
    rate: bool = False  # a rate, whose decimal sign depends on the language
    quantity: bool = False  # a quantity's text, which each language writes its way

    @property
    def status(self) -> Status:
        """An assumption with no provenance recorded counts as assumed."""
        return self.provenance.status if self.provenance is not None else "assumed"


@dataclass(frozen=True)
class LogGroup:
    title: Label
    entries: tuple[LogEntry, ...]


def provenance_of(q: Quantity | None, *fallbacks: Provenance | None) -> Provenance | None:
    """A figure's own provenance, else the first of ``fallbacks`` given (its entry's, then
    its file's); None when there is none at all."""
    for p in (q.provenance if q is not None else None, *fallbacks):
        if p is not None:
            return p
    return None


def assumptions_log(inputs: Inputs) -> tuple[LogGroup, ...]:
    """The log's groups in a fixed order: quotes (the reference quote first), optimism
    bias, driver elasticities, cost factors, uncertainty, discounting and accounting, prices
    and indices, staff, teams, running costs, then what each scenario assumes. A group with
    no entry is left out."""
    a = inputs.assumptions
    prov = provenance_of
    groups: list[LogGroup] = [LogGroup(Label("g_quotes"), _quotes(inputs))]

    bias = a.optimism_bias
    # A preset is shown with its description, in the output's language.
    described = PRESETS[bias.text][0].text if bias.text in PRESETS else bias.text
    bias_value = _each(lambda text: text if text.startswith(bias.text)
                       else f"{bias.text}: {text}", described)
    groups.append(LogGroup(Label("g_bias"), (
        LogEntry(Label("optimism_bias"), bias_value, prov(bias, a.provenance)),)))
    groups.append(LogGroup(Label("g_drivers"), tuple(
        LogEntry(Label("elasticity", {"name": name}), d.elasticity.text,
                 prov(d.elasticity, d.provenance, a.provenance), quantity=True)
        for name, d in a.drivers.items())))
    groups.append(LogGroup(Label("g_factors"), tuple(
        LogEntry(Label("factor", {"group": Label(f"factor_{group}"), "name": name}), q.text,
                 prov(q, a.factors.provenance), quantity=True)
        for group in ("kind", "strategy", "criticality")
        for name, q in getattr(a.factors, group).items())))
    u = a.uncertainty
    groups.append(LogGroup(Label("g_uncertainty"), (
        LogEntry(Label("uncertainty"), u.application.text, prov(u.application, u.provenance),
                 quantity=True),
        LogEntry(Label("uncertainty_reference"), u.reference.text,
                 prov(u.reference, u.provenance), quantity=True))))
    groups.append(LogGroup(Label("g_finance"), (
        LogEntry(Label("discount"), a.discount_rate.text, prov(a.discount_rate, a.provenance),
                 rate=True),
        LogEntry(Label("amortisation"), a.amortisation.convention.upper(), a.provenance))))
    prices: list[LogEntry] = []
    if a.price_base_year is not None:
        prices.append(LogEntry(Label("price_base_year"), str(a.price_base_year),
                               a.provenance))
    prices += [LogEntry(Label("index", {"name": name}), index.rate.text,
                        prov(index.rate, index.provenance, a.provenance), rate=True)
               for name, index in a.indexation.items()]
    prices += [LogEntry(Label("index_of", {"category": category}), name, a.provenance)
               for category, name in a.index_of.items()]
    groups.append(LogGroup(Label("g_prices"), tuple(prices)))
    st = a.staff
    groups.append(LogGroup(Label("g_staff"), tuple(
        LogEntry(Label(key), getattr(st, key).text,
                 prov(getattr(st, key), st.provenance, a.provenance), quantity=True)
        for key in STAFF_KEYS)))
    groups.append(LogGroup(Label("g_teams"), tuple(
        LogEntry(t.name, t.fte.text, prov(t.fte, t.provenance, st.provenance, a.provenance),
                 quantity=True)
        for t in st.teams)))
    groups.append(LogGroup(Label("g_running"), tuple(
        LogEntry(r.name, r.annual.text, prov(r.annual, r.provenance, a.provenance),
                 quantity=True)
        for r in a.running)))
    groups += [LogGroup(Label("g_scenario", {"name": s.name}), _scenario(inputs, s))
               for s in a.scenarios]
    return tuple(g for g in groups if g.entries)


def _quotes(inputs: Inputs) -> tuple[LogEntry, ...]:
    a = inputs.assumptions
    quotes: list[LogEntry] = []
    for app in inputs.applications.applications:
        latest = app.latest_quote()
        for quote in app.quotes:
            is_ref = app.id == a.reference and quote is latest
            written = f"{quote.amount.text} ({quote.date.isoformat()})"
            value = _each(lambda w, scope: f"{w} — {scope}" if scope else w, written,
                          quote.scope)
            p = provenance_of(quote.amount, quote.provenance, app.provenance)
            # Who quoted is part of the source, unless the source says it already.
            if quote.source and p is not None:
                p = p.model_copy(update={"source": _with_quoter(p.source, quote.source)})
            entry = LogEntry(Label("reference_quote" if is_ref else "quote_of",
                                   {"name": app.name}), value, p, reference=is_ref)
            if is_ref:
                quotes.insert(0, entry)
            else:
                quotes.append(entry)
    return tuple(quotes)


def _languages(text: str) -> tuple[tuple[TextLang, str], ...]:
    return text.languages if isinstance(text, Text) else ()


def _each(make: Callable[..., str], *texts: str) -> str:
    """``make(*texts)``, in each language when any of ``texts`` is written in French and
    English (a Text of the results; the others shown as written, or marked with their
    language as outputs mark it); a plain string when none is."""
    langs = [lang for lang in TEXT_LANGS
             if any(lang in dict(_languages(text)) for text in texts)]
    if not langs:
        return make(*texts)

    def in_lang(text: str, lang: TextLang) -> str:
        return text.in_lang(lang) if isinstance(text, Text) else text

    return Text({lang: make(*(in_lang(text, lang) for text in texts)) for lang in langs})


def _with_quoter(source: str, quoter: str) -> str:
    """A quote's source followed by who quoted, ``"source (quoter)"``, unless the source
    says it already: in each language when either is written in French and English."""
    return _each(lambda s, q: s if q in s else f"{s} ({q})" if s else q, source, quoter)


def _scenario(inputs: Inputs, s: Scenario) -> tuple[LogEntry, ...]:
    """What a scenario assumes beyond the status quo: the transition figures it gives,
    attrition overrides, added running costs and RPS cost proxies."""
    a = inputs.assumptions
    prov = provenance_of
    out: list[LogEntry] = []
    tr = s.transition
    # Only the figures written: a default of zero is no assumption of the scenario.
    out += [LogEntry(Label(key), getattr(tr, key).text,
                     prov(getattr(tr, key), tr.provenance, a.provenance), quantity=True)
            for key in TRANSITION_KEYS if key in tr.model_fields_set]
    for period in s.attrition:
        for key in ATTRITION_KEYS:
            q = getattr(period, key)
            if q is not None:
                out.append(LogEntry(
                    Label("attrition", {"first": period.from_year, "last": period.until_year,
                                        "what": Label(key)}),
                    q.text, prov(q, a.provenance), quantity=True))
    out += [LogEntry(Label("running_add", {"name": add.name}), add.annual.text,
                     prov(add.annual, add.provenance, a.provenance), quantity=True)
            for add in s.running.adds]
    out += [LogEntry(Label("rps_proxy", {"name": proxy.name}), proxy.annual.text,
                     prov(proxy.annual, proxy.provenance, a.provenance), quantity=True)
            for proxy in s.rps_proxies]
    return tuple(out)


def count_by_status(groups: tuple[LogGroup, ...]) -> dict[Status, int]:
    """How many entries of the log are sourced, assumed and illustrative (in that order)."""
    counts: dict[Status, int] = {"sourced": 0, "assumed": 0, "illustrative": 0}
    for group in groups:
        for entry in group.entries:
            counts[entry.status] += 1
    return counts
