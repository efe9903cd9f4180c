"""``soicost cite FIGURE``: a paragraph ready to paste into a letter.

FIGURE is one of:

- ``migration``: the migration cost of the whole portfolio;
- ``app:ID``: the migration cost of one application;
- ``writeoff``: the net book value of the assets at the valuation date (what abandoning them
  all would write off; non-cash);
- ``writeoff:ID``: the write-offs of scenario ID (non-cash);
- ``scenario:ID``: the net present value of scenario ID's cash costs over the horizon;
- ``delta:ID``: the net present value of its difference to the status quo.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

from soicost.analysis.estimate import Estimate
from soicost.errors import SoicostError, UsageError
from soicost.finance.scenarios import ScenarioResult
from soicost.i18n import N_, Said, tr
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import bundled_data_dir
from soicost.inputs.provenance import Provenance
from soicost.inputs.quantity import Z95, LogNormal, Quantity
from soicost.model.stats import Stats
from soicost.render.money import (
    Lang,
    format_count,
    format_date,
    format_money,
    format_range,
    format_rate_text,
    format_share,
)
from soicost.render.words import local

FIGURES = ("migration", "app:ID", "writeoff", "writeoff:ID", "scenario:ID", "delta:ID")
MAINLY = 0.5  # "rests mainly on illustrative inputs": more than half of the expected value
# How each method carries the reference quote to the applications, in a sentence.
_HOW = {"drivers": N_("extrapolated to each application according to its size and nature"),
        "flat": N_("applied as it stands to every application"),
        "fit": N_("extrapolated with a law fitted on the known quotes")}
# The euros of a citation's reference line ("constant 2022 euros").
_EUROS = {"constant": N_("constant {year} euros"), "current": N_("current {year} euros")}


class CitationRefused(SoicostError):
    """The figure rests mainly on illustrative inputs. The message is in the citation's
    language; the library names the option as Python writes it (``allow_illustrative=True``),
    the command line (:meth:`render`) as its flag."""

    def __init__(self, figure: str, share: float, lang: Lang = "en") -> None:
        self.figure, self.share, self.lang = figure, share, lang
        super().__init__(self._text("allow_illustrative=True", lang))

    def _text(self, option: str, lang: Lang) -> str:
        return tr(lang, "{figure} rests mainly on illustrative inputs ({share} of its "
                             "expected value); replace them with real data, or cite it anyway "
                             "with {option} (the paragraph will then say so).",
                  figure=self.figure, share=format_share(self.share, lang), option=option)

    def words(self, lang: Lang) -> str:
        return self._text("--allow-illustrative", lang)


@dataclass(frozen=True)
class Citation:
    figure: str
    stats: Stats
    illustrative_share: float
    text: str


def _scenario(result: Estimate, ident: str) -> ScenarioResult:
    assert result.comparison is not None
    found = {s.id: s for s in result.comparison.scenarios}
    if ident not in found:
        close = difflib.get_close_matches(ident, list(found), n=1)
        raise UsageError(Said("no scenario {id!r}{more}", id=ident, more=(
            Said("; did you mean {name!r}?", name=close[0]) if close
            else Said("; known: {names}", names=", ".join(found)))))
    return found[ident]


def _illustrative(provenance: Provenance | None) -> bool:
    return provenance is not None and provenance.is_illustrative


def _scenario_illustrative(inputs: Inputs, result: Estimate, s: ScenarioResult,
                           delta: bool) -> float:
    """Share of the scenario's discounted cash costs (or of its difference) that comes from
    categories resting on illustrative inputs, weighted by their absolute means."""
    assert result.comparison is not None
    sq = result.comparison.scenarios[0]
    a = inputs.assumptions
    teams_ill = any(_illustrative(t.provenance or a.staff.provenance) for t in a.staff.teams)
    running_ill = any(_illustrative(r.annual.provenance or r.provenance) for r in a.running)
    assets_ill = any(x.provenance.is_illustrative for x in inputs.infrastructure.assets)
    flags = {"migration": result.illustrative_share, "staff": float(teams_ill),
             "vacancy": float(teams_ill), "recruitment": float(teams_ill),
             "running": float(running_ill), "transition": 0.0, "renewal": float(assets_ill)}
    weights: dict[str, float] = {}
    for k, year in enumerate(s.by_year):
        for cat in flags:
            value = year.cash[cat].mean - (sq.by_year[k].cash[cat].mean if delta else 0.0)
            weights[cat] = weights.get(cat, 0.0) + abs(value)
    total = sum(weights.values())
    return sum(weights[c] * flags[c] for c in flags) / total if total else 0.0


def _what(inputs: Inputs, result: Estimate, figure: str, lang: Lang
          ) -> tuple[Stats, float, str]:
    """The figure's stats, its illustrative share, and what it covers (one clause)."""
    kind, _, ident = figure.partition(":")
    n_apps = len(result.applications)
    if figure == "migration":
        what = tr(lang, "The migration cost of the portfolio's {n} applications", n=n_apps)
        return result.migration, result.illustrative_share, what
    if kind == "app" and ident:
        apps = {a.id: a for a in result.applications}
        if ident not in apps:
            close = difflib.get_close_matches(ident, list(apps), n=1)
            raise UsageError(Said("no application {id!r}{more}", id=ident, more=(
                Said("; did you mean {name!r}?", name=close[0]) if close else "")))
        app = apps[ident]
        what = tr(lang, "The migration cost of the application '{name}'",
                  name=local(app.name, lang))
        return app.stats, float(app.illustrative), what
    if figure == "writeoff":
        assert result.assets is not None
        report = result.assets
        total = report.total.mean
        ill = sum(a.net_book_value.mean for a in report.assets if a.illustrative)
        date = format_date(report.as_of, lang)
        what = tr(lang, "The net book value of the investments at {date}, which abandoning "
                        "them would write off (a non-cash amount)", date=date)
        return report.total, ill / total if total else 0.0, what
    if kind in ("scenario", "delta", "writeoff") and ident:
        scenarios = {x.id for x in result.comparison.scenarios} if result.comparison else set()
        if (kind == "writeoff" and ident not in scenarios
                and ident in {x.id for x in inputs.infrastructure.assets}):
            # writeoff:ID reads like an asset's: say what it takes, and what gives an asset.
            raise UsageError(Said("writeoff:ID takes a scenario, whose write-offs it cites; "
                                  "{id!r} is an asset: cite writeoff for the net book value "
                                  "of all the assets, or writeoff:SCENARIO for what a "
                                  "scenario writes off ({names})", id=ident,
                                  names=", ".join(sorted(scenarios))))
        s = _scenario(result, ident)
        assert result.comparison is not None
        c = result.comparison
        span = f"{c.years[0]}–{c.years[-1]}"
        rate = format_rate_text(c.discount_rate, lang)
        if kind == "writeoff":
            assets_ill = float(any(x.provenance.is_illustrative
                                   for x in inputs.infrastructure.assets))
            what = tr(lang, "The write-offs of the scenario '{name}' ({span}, non-cash)",
                      name=local(s.name, lang), span=span)
            return s.non_cash_total, assets_ill, what
        if kind == "scenario":
            what = tr(lang, "The discounted total cost of the scenario '{name}' ({span}, net "
                            "present value at {rate}, base year {base})", name=local(s.name, lang),
                      span=span, rate=rate, base=c.base_year)
            return s.npv, _scenario_illustrative(inputs, result, s, False), what
        if s.delta_vs_status_quo is None:
            raise UsageError(Said("{id!r} is the status quo: its difference to itself is 0",
                                  id=ident))
        what = tr(lang, "The discounted extra cost of the scenario '{name}' over the status "
                        "quo ({span}, at {rate}, base year {base})",
                  name=local(s.name, lang), span=span, rate=rate, base=c.base_year)
        return s.delta_vs_status_quo, _scenario_illustrative(inputs, result, s, True), what
    raise UsageError(Said("unknown figure {figure!r}; choose one of: {figures}", figure=figure,
                          figures=", ".join(FIGURES)))


def _assumptions(inputs: Inputs, result: Estimate, figure: str, lang: Lang) -> str:
    a = inputs.assumptions
    if figure.startswith("writeoff"):
        return tr(lang, "Main assumptions: straight-line amortisation under the {convention} "
                        "instruction, costs and in-service dates from infrastructure.yaml",
                  convention=a.amortisation.convention.upper())
    ref = inputs.reference
    quote = inputs.reference_quote
    amount = _quote_text(quote.amount, lang, a.currency)
    date = format_date(quote.date, lang)
    return tr(lang, "Main assumptions: the reference quote, {amount} ({name}, {date}), is "
                    "{how}, with an optimism bias of '{bias}'", amount=amount,
              name=local(ref.name, lang), date=date, how=tr(lang, _HOW[result.options.method]),
              bias=a.optimism_bias.text)


def _quote_text(q: Quantity, lang: Lang, currency: str) -> str:
    """A quote as its author gave it: one amount, or the 5-95 % bounds of a range."""
    if q.is_fixed:
        return format_money(q.fixed_value, lang, currency)
    if isinstance(q.dist, LogNormal):
        spread = Z95 * q.dist.sigma
        return format_range(math.exp(q.dist.mu - spread), math.exp(q.dist.mu + spread), lang,
                            currency)
    return q.text


def cite(inputs: Inputs, result: Estimate, figure: str, lang: Lang = "en",
         allow_illustrative: bool = False) -> Citation:
    """The paragraph citing ``figure`` of ``result``; raises CitationRefused when the figure
    rests mainly on illustrative inputs and ``allow_illustrative`` is not set."""
    stats, share, what = _what(inputs, result, figure, lang)
    if share > MAINLY and not allow_illustrative:
        raise CitationRefused(figure, share, lang)
    cur = result.currency
    o = result.options
    short = result.fingerprint.removeprefix("sha256:")[:8]
    span = format_range(stats.p10, stats.p90, lang, cur)
    central = format_money(stats.p50, lang, cur)
    sentence = tr(lang, "{what}: {span}, central value {central} (80 % range and median of "
                        "a Monte Carlo simulation).", what=what, span=span, central=central)
    warning = tr(lang, " This figure rests on illustrative data, to be replaced by real data "
                       "before any decision.") if share > MAINLY else ""
    ref = tr(lang, "Reference: soicost {version}, fingerprint {fingerprint}, seed {seed}, "
                   "{samples} samples, method {method}, {euros}.",
             version=result.soicost_version, fingerprint=short, seed=o.seed,
             samples=format_count(o.samples, lang), method=o.method,
             euros=tr(lang, _EUROS[o.euros], year=result.price_base_year))
    # How a reader checks the figure: the command that recomputes the fingerprint.
    command = (f"soicost verify {short} --seed {o.seed} --samples {o.samples}"
               + ("" if o.method == "drivers" else f" --method {o.method}")
               + ("" if o.euros == "constant" else f" --euros {o.euros}")
               + ("" if inputs.data_dir.resolve() == bundled_data_dir().resolve()
                  else " --data " + tr(lang, "FOLDER")))
    check = tr(lang, "To check it: {command}", command=command)
    text = (f"{sentence} {_assumptions(inputs, result, figure, lang)}.{warning}\n{ref}\n"
            f"{check}\n")
    return Citation(figure, stats, share, text)
