"""Checks that span entries or files: unique ids, references that exist, dates that agree."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, assert_never

from soicost.errors import Problem, printable
from soicost.i18n import N_, Number, Said, said_n
from soicost.inputs.models import HOSTING_CATEGORIES
from soicost.inputs.plausibility import Plain
from soicost.inputs.quantity import (
    EURO_SIGN,
    Distribution,
    Fixed,
    LogNormal,
    Mixture,
    Normal,
    Pert,
    Triangular,
    Uniform,
    Written,
    central_value,
    figure_texts,
    practical_range,
)
from soicost.inputs.waves import wave_index
from soicost.inputs.yamlio import Document, PathKey, format_path

if TYPE_CHECKING:
    from soicost.inputs.inputs import Inputs
    from soicost.inputs.models import Application, Scenario


APPS, INFRA, ASSUMPTIONS = "applications.yaml", "infrastructure.yaml", "assumptions.yaml"
# The timelines hold (years x samples) arrays per category: a horizon of centuries is a typo.
MAX_HORIZON_YEARS = 100
# Dates must stay within what datetime can represent, with a year to spare.
LAST_YEAR = 9998
# Under the status quo an asset is renewed at the end of each life: a life of hours, from a
# date centuries ago, is a typo that would take minutes to lay out.
MAX_RENEWALS = 1000


def cross_check(inputs: Inputs) -> list[Problem]:
    """Every cross-entry and cross-file problem of a set of inputs, in no particular order."""
    docs = inputs.documents
    apps = inputs.applications.applications
    assets = inputs.infrastructure.assets
    assumptions = inputs.assumptions
    problems: list[Problem] = []

    problems += _duplicates(docs[APPS], "applications", [a.id for a in apps],
                            N_("duplicate application id {ident!r}"))
    problems += _duplicates(docs[INFRA], "assets", [a.id for a in assets],
                            N_("duplicate asset id {ident!r}"))
    problems += _duplicates(docs[ASSUMPTIONS], "scenarios",
                            [s.id for s in assumptions.scenarios],
                            N_("duplicate scenario id {ident!r}"))

    # With duplicate ids (reported above), an id refers to its first entry.
    app_index = _first_index(a.id for a in apps)
    asset_index = _first_index(a.id for a in assets)
    ref = assumptions.reference
    if ref not in app_index:
        problems.append(_unknown(docs[ASSUMPTIONS], ("reference",), ref, app_index, N_(
            "the reference application {ident!r} is not a known application")))
    elif not apps[app_index[ref]].quotes:
        problems.append(Problem(
            docs[ASSUMPTIONS].locate(("reference",)),
            Said("the reference application {ref!r} has no quote to extrapolate from",
                 ref=ref), "reference",
            related=((Said("defined at"),
                      docs[APPS].locate(("applications", app_index[ref]))),),
            hint=Said("add a quote under {ref!r} in applications.yaml, or choose a quoted "
                      "application as reference", ref=ref)))
    else:
        problems += _check_reference_quote(docs[APPS], app_index[ref], apps[app_index[ref]])
        problems += _check_reference_factors(docs, app_index[ref], inputs)

    declared = list(assumptions.drivers)
    for i, app in enumerate(apps):
        missing = [d for d in declared if d not in app.drivers]
        undeclared, misspelt = _undeclared_drivers(docs, i, app, declared, missing)
        problems += undeclared
        missing = [d for d in missing if d not in misspelt]
        if missing:
            problems.append(Problem(
                docs[APPS].locate(("applications", i, "drivers")),
                said_n("application {id!r} lacks the driver {drivers}",
                       "application {id!r} lacks the drivers {drivers}", len(missing),
                       id=app.id, drivers=", ".join(map(printable, missing))),
                format_path(("applications", i, "drivers")),
                expected=Said("every driver declared in assumptions.yaml: {drivers}",
                              drivers=", ".join(map(printable, declared))),
                found=", ".join(map(printable, app.drivers)) or Said("no drivers"),
                related=((Said("declared at"),
                          docs[ASSUMPTIONS].locate(("drivers", missing[0]), key=True)),)))

    for s, scenario in enumerate(assumptions.scenarios):
        problems += _check_scenario(docs, s, scenario, app_index, asset_index, inputs)
    problems += _check_means(docs[ASSUMPTIONS], inputs)
    problems += _check_residuals(docs[INFRA], inputs)
    problems += _check_calendar(docs, inputs, app_index)
    problems += _check_old_dates(docs, inputs)
    problems += _check_currency_signs(docs, inputs)
    return problems


def _check_currency_signs(docs: dict[str, Document], inputs: Inputs) -> list[Problem]:
    """An amount written in euros in a file whose currency is another: every figure would
    be printed in that currency."""
    currency = inputs.assumptions.currency
    if currency == "EUR":
        return []
    from soicost.inputs.plausibility import figures

    problems: list[Problem] = []
    for name, model in ((APPS, inputs.applications), (INFRA, inputs.infrastructure),
                        (ASSUMPTIONS, inputs.assumptions)):
        doc = docs[name]
        for figure in figures(model):
            written = _written(doc.data, figure.path)
            if figure.money and any(EURO_SIGN.search(t) for t in figure_texts(written)):
                problems.append(Problem(
                    doc.locate(figure.path), Said("an amount written in euros, but the "
                                                  "currency of the files is {currency}",
                                                  currency=currency),
                    format_path(figure.path),
                    expected=Said("amounts in {currency} (assumptions.currency), without a "
                                  "euro sign", currency=currency),
                    found=repr(written) if isinstance(written, str)
                    else _written_text(figure.quantity.text),
                    related=((Said("currency at"), docs[ASSUMPTIONS].locate(("currency",))),),
                    hint=Said("convert the amount to {currency}, or set currency: EUR",
                              currency=currency)))
    return problems


def _written_text(text: str) -> Said:
    """A quantity's text (:attr:`Quantity.text`) as a message: in French, with a decimal
    comma and ``à`` between a range's bounds, as French users write it."""
    return Said("{text}", text=Written(text))


def _written(data: object, path: PathKey) -> object:
    """The value at ``path`` in a document's plain data, as the file wrote it."""
    for part in path:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data))
        if not found:
            return None
        data = data[part]  # type: ignore[index]
    return data


# Assumed: French administrations bought their first computers in the 1950s and 1960s, so
# no quote, asset or valuation of an IT impact study predates 1950; a year 1 or 1022 is a
# typo (whose euros would be indexed over centuries, or whose asset is long written off).
EARLIEST_YEAR = 1950


def _check_old_dates(docs: dict[str, Document], inputs: Inputs) -> list[Problem]:
    dates: list[tuple[str, PathKey, int]] = []
    for i, app in enumerate(inputs.applications.applications):
        dates += [(APPS, ("applications", i, "quotes", q, "date"), quote.date.year)
                  for q, quote in enumerate(app.quotes)]
    dates += [(INFRA, ("assets", i, "in_service"), asset.in_service.year)
              for i, asset in enumerate(inputs.infrastructure.assets)]
    a = inputs.assumptions
    if a.valuation_date is not None:
        dates.append((ASSUMPTIONS, ("valuation_date",), a.valuation_date.year))
    if a.price_base_year is not None:
        dates.append((ASSUMPTIONS, ("price_base_year",), a.price_base_year))
    if a.horizon.start is not None:
        dates.append((ASSUMPTIONS, ("horizon", "start"), a.horizon.start))
    return [Problem(docs[name].locate(path),
                    Said("the year {year}, before {earliest}: older than any IT cost",
                         year=year, earliest=EARLIEST_YEAR),
                    format_path(path), severity="warning",
                    hint=Said("check the year (a typo such as 0022 or 1022 for 2022?)"))
            for name, path, year in dates if year < EARLIEST_YEAR]


def _check_reference_quote(doc: Document, i: int, app: Application) -> list[Problem]:
    """The reference quote anchors every extrapolation: it must be above zero."""
    latest = app.latest_quote()
    assert latest is not None
    q = app.quotes.index(latest)
    amount = latest.amount
    if practical_range(amount.dist)[0] > 0:
        return []
    path: PathKey = ("applications", i, "quotes", q, "amount")
    message = (N_("the reference quote of {id!r} is zero: every extrapolated cost is a "
                  "multiple of it") if amount.is_fixed else
               N_("the reference quote of {id!r} can be zero: every extrapolated cost is a "
                  "multiple of it"))
    return [Problem(
        doc.locate(path), Said(message, id=app.id), format_path(path),
        expected=Said("an amount above 0, or a range whose low end is above 0"),
        found=_written_text(amount.text),
        hint=Said("write the quote itself; if there is none, choose a quoted application as "
                  "reference"))]


# Per factor, for the genders of French: (message, expected).
_REFERENCE_FACTOR: dict[str, tuple[str, str]] = {
    "kind": (N_("the reference application {id!r} has a kind factor ({category}) that can "
                "be 0, so no other application can be scaled from it"),
             N_("a kind factor above 0 for the reference's kind")),
    "strategy": (N_("the reference application {id!r} has a strategy factor ({category}) "
                    "that can be 0, so no other application can be scaled from it"),
                 N_("a strategy factor above 0 for the reference's strategy")),
    "criticality": (N_("the reference application {id!r} has a criticality factor "
                       "({category}) that can be 0, so no other application can be scaled "
                       "from it"),
                    N_("a criticality factor above 0 for the reference's criticality")),
}


def _check_reference_factors(docs: dict[str, Document], i: int,
                             inputs: Inputs) -> list[Problem]:
    """Every extrapolation divides by the reference's factors: none of them can be 0."""
    app = inputs.applications.applications[i]
    problems = []
    for name in ("kind", "strategy", "criticality"):
        category = getattr(app, name)
        factor = getattr(inputs.assumptions.factors, name).get(category)
        if category is None or factor is None or practical_range(factor.dist)[0] > 0:
            continue
        written: PathKey = ("factors", name, category)
        at = (docs[ASSUMPTIONS].locate(written) if written in docs[ASSUMPTIONS].marks
              else docs[APPS].locate(("applications", i, name)))
        message, expected = _REFERENCE_FACTOR[name]
        problems.append(Problem(
            at, Said(message, id=app.id, category=category),
            format_path(written) if written in docs[ASSUMPTIONS].marks
            else format_path(("applications", i, name)),
            expected=Said(expected),
            found=_written_text(factor.text) if written in docs[ASSUMPTIONS].marks
            else Said("{value} (the default)", value=Written(factor.text)),
            hint=Said("choose another reference application, or change this factor")))
    return problems


def _undeclared_drivers(docs: dict[str, Document], i: int, app: Application,
                        declared: list[str], missing: list[str]
                        ) -> tuple[list[Problem], set[str]]:
    """A driver an application gives but assumptions.yaml does not declare (its elasticity
    is unknown, so it would silently count for nothing); and the declared drivers it is a
    likely misspelling of, whose absence then need not be reported twice."""
    problems: list[Problem] = []
    undeclared, misspelt = undeclared_drivers(app.drivers, declared, missing)
    for name, close in undeclared:
        path: PathKey = ("applications", i, "drivers", name)
        problems.append(Problem(
            docs[APPS].locate(path, key=True),
            Said("driver {name!r} is not declared in assumptions.yaml (drivers)", name=name),
            format_path(path),
            expected=Said("one of the declared drivers: {drivers}",
                          drivers=", ".join(map(printable, declared)))
            if declared else Said("one of the declared drivers: none"),
            found=repr(name),
            # The declaration may be what is misspelt: point at it too.
            related=((Said("declared at"), docs[ASSUMPTIONS].locate(("drivers", close[0]),
                                                                    key=True)),)
            if close else (),
            hint=did_you_mean(name, close[0]) if close else
            Said("declare it under drivers in assumptions.yaml with its elasticity, or "
                 "remove it")))
    return problems, misspelt


def _check_residuals(doc: Document, inputs: Inputs) -> list[Problem]:
    """A residual value above the cost would be capped, draw by draw, without a word."""
    problems: list[Problem] = []
    for i, asset in enumerate(inputs.infrastructure.assets):
        residual_high = practical_range(asset.residual.dist)[1]
        cost_low = practical_range(asset.cost.dist)[0]
        if residual_high <= cost_low:
            continue
        fixed = asset.residual.is_fixed and asset.cost.is_fixed
        path: PathKey = ("assets", i, "residual")
        problems.append(Problem(
            doc.locate(path),
            Said("the residual value of asset {id!r} is above its cost", id=asset.id)
            if fixed else
            Said("the residual value of asset {id!r} can be above its cost (up to {high} "
                 "against a cost down to {low}, one draw in 1000 each)", id=asset.id,
                 high=Plain(residual_high, whole=True), low=Plain(cost_low, whole=True)),
            format_path(path), expected=Said("a residual value at most the cost"),
            found=Said("residual {residual}, cost {cost}", residual=Written(asset.residual.text),
                       cost=Written(asset.cost.text)),
            related=((Said("cost at"), doc.locate(("assets", i, "cost"))),)))
    return problems


def _first_index(ids: Iterable[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, ident in enumerate(ids):
        index.setdefault(ident, i)
    return index


def _duplicates(doc: Document, key: str, ids: list[str], message: str) -> list[Problem]:
    return _duplicates_at(doc, (key,), ids, message)


def _unknown(doc: Document, path: PathKey, ident: str, known: Iterable[str],
             message: str) -> Problem:
    """``message`` (marked with ``N_``, with an ``{ident!r}``) for an id not in ``known``."""
    close = difflib.get_close_matches(ident, list(known), n=1)
    return Problem(doc.locate(path), Said(message, ident=ident), format_path(path),
                   hint=did_you_mean(ident, close[0]) if close else _known(known))


def undeclared_drivers(given: Iterable[str], declared: list[str], missing: list[str]
                       ) -> tuple[list[tuple[str, list[str]]], set[str]]:
    """The drivers ``given`` that are not declared, each with the declared name it likely
    misspells (looked for first among the ``missing`` ones), and the missing drivers so
    explained, whose absence then need not be reported twice."""
    undeclared: list[tuple[str, list[str]]] = []
    misspelt: set[str] = set()
    for name in given:
        if name in declared:
            continue
        close = difflib.get_close_matches(name, missing or declared, n=1, cutoff=0.6)
        if close and close[0] in missing:
            misspelt.add(close[0])
        undeclared.append((name, close))
    return undeclared, misspelt


def did_you_mean(written: str, meant: str) -> Said:
    """The suggestion, naming the characters that differ when the two names look alike (a
    Cyrillic 'е' for a Latin 'e', a no-break space for a space): the eye cannot tell."""
    if len(written) == len(meant):
        pairs = [(a, b) for a, b in zip(written, meant, strict=True) if a != b]
        if pairs and all(not (a.isascii() and b.isascii()) for a, b in pairs):
            a, b = pairs[0]
            # Name the character that is not ASCII, whichever side it is on.
            odd, char, other, instead = ((written, a, meant, b) if not a.isascii()
                                         else (meant, b, written, a))
            # The character's Unicode name (in English: the standard's, a name to look up).
            code, name = f"U+{ord(char):04X}", unicodedata.name(char, "")
            if name:
                return Said("did you mean {meant!r}? ({odd!r} has {code} {name} where "
                            "{other!r} has {instead!r})", meant=meant, odd=odd, code=code,
                            name=name, other=other, instead=instead)
            return Said("did you mean {meant!r}? ({odd!r} has {code} where {other!r} has "
                        "{instead!r})", meant=meant, odd=odd, code=code, other=other,
                        instead=instead)
    return Said("did you mean {meant!r}?", meant=meant)


def _known(known: Iterable[str]) -> Said:
    names = sorted(known)
    if not names:
        return Said("none is defined")
    shown = ", ".join(names[:8])
    if len(names) > 8:
        return Said("known: {names}", names=said_n("{shown} and {n} more",
                                                    "{shown} and {n} more", len(names) - 8,
                                                    shown=shown))
    return Said("known: {names}", names=shown)


def _check_scenario(docs: dict[str, Document], s: int, scenario: object,
                    app_index: dict[str, int], asset_index: dict[str, int],
                    inputs: Inputs) -> list[Problem]:
    from soicost.inputs.models import Scenario

    assert isinstance(scenario, Scenario)
    doc = docs[ASSUMPTIONS]
    problems: list[Problem] = []
    placed: dict[str, PathKey] = {}
    share_total = 0.0
    for w, wave in enumerate(scenario.waves):
        if wave.share is not None:
            share_total += wave.share.fixed_value
        for a, ident in enumerate(wave.applications or []):
            path: PathKey = ("scenarios", s, "waves", w, "applications", a)
            if ident not in app_index:
                problems.append(_unknown(doc, path, ident, app_index, N_(
                    "application {ident!r} is not a known application")))
            elif ident in placed:
                same_wave = placed[ident][:4] == path[:4]
                problems.append(Problem(
                    doc.locate(path),
                    Said("application {ident!r} is listed twice in this wave", ident=ident)
                    if same_wave else
                    Said("application {ident!r} migrates in two waves of scenario "
                         "{scenario!r}", ident=ident, scenario=scenario.id), format_path(path),
                    related=((Said("first placed at"), doc.locate(placed[ident])),)))
            else:
                placed[ident] = path
    if share_total > 1 + 1e-9:
        problems.append(Problem(
            doc.locate(("scenarios", s, "waves")),
            Said("the waves' shares add up to {total}, more than the whole portfolio",
                 total=Number(share_total, ".4g")),
            format_path(("scenarios", s, "waves")),
            expected=Said("shares summing to at most 1")))
    assets = inputs.infrastructure.assets
    decommissioned: dict[str, PathKey] = {}
    for d, item in enumerate(scenario.decommission or []):
        path = ("scenarios", s, "decommission", d, "asset")
        if item.asset not in asset_index:
            problems.append(_unknown(doc, path, item.asset, asset_index,
                                     N_("asset {ident!r} is not a known asset")))
            continue
        if item.asset in decommissioned:
            problems.append(Problem(
                doc.locate(path), Said("asset {asset!r} is decommissioned twice in scenario "
                                       "{scenario!r}", asset=item.asset, scenario=scenario.id),
                format_path(path),
                related=((Said("first decommissioned at"),
                          doc.locate(decommissioned[item.asset])),)))
            continue
        decommissioned[item.asset] = path
        asset = assets[asset_index[item.asset]]
        if item.date < asset.in_service:
            problems.append(Problem(
                doc.locate(("scenarios", s, "decommission", d, "date")),
                Said("asset {asset!r} is decommissioned on {date} before it is put into "
                     "service on {in_service}", asset=item.asset, date=item.date,
                     in_service=asset.in_service),
                format_path(("scenarios", s, "decommission", d, "date")),
                related=((Said("put into service at"),
                          docs[INFRA].locate(("assets", asset_index[item.asset],
                                              "in_service"))),)))
    problems += _check_hosting_left(docs, s, scenario, app_index, asset_index, inputs)
    return problems


def _check_hosting_left(docs: dict[str, Document], s: int, scenario: Scenario,
                        app_index: dict[str, int], asset_index: dict[str, int],
                        inputs: Inputs) -> list[Problem]:
    """A data centre or platform abandoned while applications have yet to leave it."""
    if not scenario.decommission:
        return []
    doc = docs[ASSUMPTIONS]
    assets = inputs.infrastructure.assets
    wave_of = wave_index(scenario, list(app_index))
    if not wave_of:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for d, item in enumerate(scenario.decommission):
        if item.asset not in asset_index or item.asset in seen:
            continue  # unknown or twice: reported by _check_scenario
        seen.add(item.asset)
        asset = assets[asset_index[item.asset]]
        if asset.category not in HOSTING_CATEGORIES or item.date < asset.in_service:
            continue  # before it is in service: reported by _check_scenario
        later = [ident for ident, w in wave_of.items()
                 if scenario.waves[w].date > item.date]
        if not later:
            continue
        # The last wave that moves an application (the first of them, on a tie).
        last = max(sorted(set(wave_of.values())), key=lambda w: scenario.waves[w].date)
        last_date = scenario.waves[last].date
        first = ", ".join(repr(i) for i in later[:3])
        shown = (said_n("{shown} and {n} more", "{shown} and {n} more", len(later) - 3,
                        shown=first) if len(later) > 3 else first)
        path: PathKey = ("scenarios", s, "decommission", d, "date")
        problems.append(Problem(
            doc.locate(path),
            said_n("asset {asset!r} ({category}) is decommissioned on {date}, before the "
                   "applications have left it: application {shown} migrates later, the last "
                   "wave on {last}",
                   "asset {asset!r} ({category}) is decommissioned on {date}, before the "
                   "applications have left it: applications {shown} migrate later, the last "
                   "wave on {last}", len(later), asset=item.asset, category=asset.category,
                   date=item.date, shown=shown, last=last_date),
            format_path(path),
            related=((Said("last wave at"),
                      doc.locate(("scenarios", s, "waves", last, "date"))),),
            hint=Said("decommission it on or after {date}, or move those applications to an "
                      "earlier wave", date=last_date)))
    return problems


def _median_bound(dist: Distribution) -> float:
    """A value at least the median of ``dist`` (exact where a closed form is at hand),
    computed without numpy so that validating stays light."""
    match dist:
        case Fixed():
            return dist.value
        case LogNormal():
            return math.exp(min(dist.mu, 709.0))
        case Normal():
            return dist.mean_
        case Uniform():
            return (dist.low + dist.high) / 2
        case Pert() | Triangular():
            return dist.high
        case Mixture():
            return max(_median_bound(c) for c in dist.components)
        case _:
            assert_never(dist)


_NOT_A_YEAR = Said("not a calendar year")
_YEARS = Said("a year from 1 to {last}", last=LAST_YEAR)


def _check_calendar(docs: dict[str, Document], inputs: Inputs,
                    app_index: dict[str, int]) -> list[Problem]:
    """Dates the timelines and amortisation plans can actually be computed on."""
    a = inputs.assumptions
    doc = docs[ASSUMPTIONS]
    problems: list[Problem] = []
    for i, asset in enumerate(inputs.infrastructure.assets):
        life = _median_bound(asset.life_years.dist)
        if asset.in_service.year + life + 2 > LAST_YEAR:
            path: PathKey = ("assets", i, "life_years")
            problems.append(Problem(
                docs[INFRA].locate(path),
                Said("asset {id!r}, in service on {date} for {life} years, would be amortised "
                     "beyond the year {year}", id=asset.id, date=asset.in_service,
                     life=Written(asset.life_years.text), year=LAST_YEAR + 1),
                format_path(path),
                expected=Said("an in-service date and a life in years that end before 9999")))
    for s, scenario in enumerate(a.scenarios):
        # Like the horizon's, attrition years are calendar years: "until: 20255" (for 2025)
        # would otherwise apply the override to every year of the horizon without a word.
        for t, override in enumerate(scenario.attrition):
            for key, year in (("from", override.from_year), ("until", override.until_year)):
                if not 1 <= year <= LAST_YEAR:
                    year_at: PathKey = ("scenarios", s, "attrition", t, key)
                    problems.append(Problem(doc.locate(year_at), _NOT_A_YEAR,
                                            format_path(year_at), expected=_YEARS,
                                            found=str(year)))
    if a.price_base_year is not None and not 1 <= a.price_base_year <= LAST_YEAR:
        problems.append(Problem(doc.locate(("price_base_year",)), _NOT_A_YEAR,
                                "price_base_year", expected=_YEARS,
                                found=str(a.price_base_year)))
    h = a.horizon
    start = h.start
    if start is None:
        start = _default_start(inputs, app_index)
        if start is None:
            return problems  # no reference quote: reported above
    end = h.end if h.end is not None else start + 7
    at: PathKey = ("horizon", "end") if h.end is not None else ("horizon",)
    if h.start is not None and not 1 <= h.start <= LAST_YEAR:
        problems.append(Problem(doc.locate(("horizon", "start")), _NOT_A_YEAR,
                                "horizon.start", expected=_YEARS, found=str(h.start)))
    elif h.end is not None and not 1 <= h.end <= LAST_YEAR:
        problems.append(Problem(doc.locate(at), _NOT_A_YEAR, "horizon.end",
                                expected=_YEARS, found=str(h.end)))
    elif end < start:
        problems.append(Problem(
            doc.locate(at), Said("the horizon ends in {end}, before it starts in {start}",
                                 end=end, start=start),
            format_path(at), expected="horizon.end >= horizon.start"))
    elif end - start + 1 > MAX_HORIZON_YEARS:
        problems.append(Problem(
            doc.locate(at), Said("the horizon covers {years} years ({start} to {end})",
                                 years=end - start + 1, start=start, end=end),
            format_path(at), expected=Said("at most {years} years", years=MAX_HORIZON_YEARS)))
    elif end <= LAST_YEAR:
        problems += _check_renewals(docs, inputs, end)
        for s, scenario in enumerate(a.scenarios):
            problems += _check_dates_in_horizon(doc, s, scenario, start, end)
        problems += _check_price_years(docs, inputs, start, end)
    else:
        # Only the default end (start + 7) can get here: say what set the start.
        if h.start is not None:
            where, field = doc.locate(("horizon", "start")), "horizon.start"
        elif a.valuation_date is not None:
            where, field = doc.locate(("valuation_date",)), "valuation_date"
        else:
            i = app_index[a.reference]
            quote = max(range(len(inputs.applications.applications[i].quotes)),
                        key=lambda q: inputs.applications.applications[i].quotes[q].date)
            qpath: PathKey = ("applications", i, "quotes", quote, "date")
            where, field = docs[APPS].locate(qpath), format_path(qpath)
        problems.append(Problem(
            where, Said("the timelines would run from {start} to {end}, beyond the year "
                        "{last}", start=start, end=end, last=LAST_YEAR), field,
            expected=Said("years from 1 to {last}", last=LAST_YEAR),
            hint=Said("set horizon.end, or an earlier valuation_date")))
    return problems


def _check_dates_in_horizon(doc: Document, s: int, scenario: Scenario, start: int,
                            end: int) -> list[Problem]:
    """Events the timelines cannot hold. A wave outside the horizon would drop its migration
    cost from every figure: an error. The other events can mean something outside it (a
    team that moved before the study, a cost that starts after it): a warning that says
    what the figures leave out."""
    span = _horizon(start, end)
    base: PathKey = ("scenarios", s)
    problems: list[Problem] = []
    cover = Said("set horizon.start and horizon.end to cover it, or change the date")

    def warn(path: PathKey, message: Said) -> None:
        problems.append(Problem(doc.locate(path), message, format_path(path),
                                severity="warning", hint=cover))

    for w, wave in enumerate(scenario.waves):
        if not start <= wave.date.year <= end:
            path: PathKey = (*base, "waves", w, "date")
            problems.append(Problem(
                doc.locate(path),
                Said("a wave on {date}, outside {span}: its migration cost would be left out "
                     "of every figure", date=wave.date, span=span), format_path(path),
                expected=Said("a date from {start}-01-01 to {end}-12-31", start=start,
                              end=end),
                hint=cover))
    for m, move in enumerate(scenario.teams):
        path = (*base, "teams", m, "date")
        if move.date.year < start:
            warn(path, Said("team {team!r} moves on {date}, before {span}: it counts as moved "
                            "from the first year, and the cost of the year of its move "
                            "(productivity loss) is not counted", team=move.team,
                            date=move.date, span=span))
        elif move.date.year > end:
            warn(path, Said("team {team!r} moves on {date}, after {span}: the move changes no "
                            "figure", team=move.team, date=move.date, span=span))
    for d, item in enumerate(scenario.decommission or []):
        path = (*base, "decommission", d, "date")
        if item.date.year < start:
            warn(path, Said("asset {asset!r} is decommissioned on {date}, before {span}: its "
                            "write-off is not counted", asset=item.asset, date=item.date,
                            span=span))
        elif item.date.year > end:
            warn(path, Said("asset {asset!r} is decommissioned on {date}, after {span}: its "
                            "write-off is not counted", asset=item.asset, date=item.date,
                            span=span))
    for k, stop in enumerate(scenario.running.stops):
        if stop.date.year > end:
            warn((*base, "running", "stops", k, "date"),
                 Said("running cost {id!r} stops on {date}, after {span}: the stop changes no "
                      "figure", id=stop.id, date=stop.date, span=span))
        elif stop.date.year < start:
            warn((*base, "running", "stops", k, "date"),
                 Said("running cost {id!r} stops on {date}, before {span}: it is counted as "
                      "stopped from the first year, before any wave", id=stop.id,
                      date=stop.date, span=span))
    periods: list[tuple[PathKey, str, dt.date, dt.date | None]] = [
        ((*base, "running", "adds", k), item.name, item.start, item.end)
        for k, item in enumerate(scenario.running.adds)]
    periods += [((*base, "rps_proxies", k), item.name, item.start, item.end)
                for k, item in enumerate(scenario.rps_proxies)]
    for where, name, first, until in periods:
        if first.year > end:
            warn((*where, "from"), Said("{name!r} starts on {date}, after {span}: it changes "
                                        "no figure", name=name, date=first, span=span))
        elif until is not None and until <= dt.date(start, 1, 1):
            warn((*where, "until"), Said("{name!r} ends on {date}, before {span}: it changes "
                                         "no figure", name=name, date=until, span=span))
    for t, override in enumerate(scenario.attrition):
        if override.until_year < start or override.from_year > end:
            warn((*base, "attrition", t),
                 Said("the attrition of {first}–{last} lies outside {span}: it changes no "
                      "figure", first=override.from_year, last=override.until_year,
                      span=span))
    return problems


def _horizon(start: int, end: int) -> Said:
    return Said("the horizon ({start}–{end})", start=start, end=end)


# Euros of a year this far from the timelines are brought to them by compounding an index
# over decades: a quote or a price base year there is most likely a typo (2202 for 2022).
PRICE_YEARS_BEFORE = 30
# Figures are expressed in the euros of a year of the study, or of a recent one (the year of
# a budget): a base year after the horizon, or a decade before it, is most likely a typo
# (2042 for 2024).
BASE_YEARS_BEFORE = 10
MAX_PRICE_YEARS_AWAY = 100
# A quote of the months after a valuation date set at the start of a year is common; years
# after it, a typo (2032 for 2023).
QUOTE_AFTER_VALUATION = dt.timedelta(days=366)


def _check_price_years(docs: dict[str, Document], inputs: Inputs, start: int,
                       end: int) -> list[Problem]:
    """Quote dates and the price base year far from the horizon (every figure would be
    brought to or from their euros by decades of indexation), a quote years after the
    valuation date (2032 for 2023), and two latest quotes on one day (one is dropped)."""
    a = inputs.assumptions
    span = _horizon(start, end)
    problems: list[Problem] = []
    ref_path: PathKey | None = None
    ref_year = 0
    valuation = a.valuation_date

    def warn(at: PathKey, message: Said, hint: Said) -> None:
        problems.append(Problem(docs[APPS].locate(at), message, format_path(at),
                                severity="warning", hint=hint))

    for i, app in enumerate(inputs.applications.applications):
        latest = app.latest_quote()
        for q, quote in enumerate(app.quotes):
            path: PathKey = ("applications", i, "quotes", q, "date")
            year = quote.date.year
            if app.id == a.reference and quote is latest:
                ref_path, ref_year = path, year
            # Years before EARLIEST_YEAR are reported by _check_old_dates.
            if year > end or EARLIEST_YEAR <= year < start - PRICE_YEARS_BEFORE:
                role = (Said(" (the reference quote: figures are in euros of its year unless "
                             "price_base_year is set)")
                        if path == ref_path and a.price_base_year is None else "")
                warn(path, Said("a quote dated {date}, after {span}{role}", date=quote.date,
                                span=span, role=role) if year > end else
                     Said("a quote dated {date}, more than {years} years before {span}{role}",
                          date=quote.date, years=PRICE_YEARS_BEFORE, span=span, role=role),
                     Said("check the year; the euros of the quote are brought to those of the "
                          "figures by the quotes' price index, year by year"))
            elif valuation is not None and quote.date > valuation + QUOTE_AFTER_VALUATION:
                warn(path, Said("a quote dated {date}, more than a year after the valuation "
                                "date {valuation}", date=quote.date, valuation=valuation),
                     Said("check the year; the figures are valued on the valuation date"))
            if latest is not None and quote is not latest and quote.date == latest.date:
                warn(path, Said("two quotes of {id!r} dated {date}: only the first is used",
                                id=app.id, date=quote.date),
                     Said("if they are lots of one tender, write their sum as one quote; "
                          "otherwise date the one that holds"))
    base = a.price_base_year
    if base is not None:
        where, field = docs[ASSUMPTIONS].locate(("price_base_year",)), "price_base_year"
    elif ref_path is not None:
        base = ref_year
        where, field = docs[APPS].locate(ref_path), format_path(ref_path)
    if base is not None and abs(base - start) > MAX_PRICE_YEARS_AWAY:
        problems.append(Problem(
            where, Said("figures in euros of {base}, {years} years from {span}: indexation "
                        "over that span means nothing", base=base, years=abs(base - start),
                        span=span), field,
            expected=Said("a price base year within {years} years of {start}",
                          years=MAX_PRICE_YEARS_AWAY, start=start),
            hint=Said("check the year; price_base_year sets the euros of every figure (by "
                      "default, the year of the reference quote)")))
    elif a.price_base_year is not None and not (
            start - BASE_YEARS_BEFORE <= a.price_base_year <= end):
        problems.append(Problem(
            where, Said("figures in euros of {base}, after {span}", base=a.price_base_year,
                        span=span) if a.price_base_year > end else
            Said("figures in euros of {base}, long before {span}", base=a.price_base_year,
                 span=span),
            "price_base_year", severity="warning",
            hint=Said("check the year, or leave price_base_year out (the year of the "
                      "reference quote)")))
    if a.valuation_date is not None and a.valuation_date.year > end:
        problems.append(Problem(
            docs[ASSUMPTIONS].locate(("valuation_date",)),
            Said("the valuation date {date} is after {span}", date=a.valuation_date,
                 span=span), "valuation_date",
            severity="warning", hint=Said("check the date, or set the horizon to follow it")))
    return problems


def _check_renewals(docs: dict[str, Document], inputs: Inputs, end: int) -> list[Problem]:
    problems = []
    for i, asset in enumerate(inputs.infrastructure.assets):
        life = central_value(asset.life_years.dist)
        span = end + 1 - asset.in_service.year
        if span > 0 and span > MAX_RENEWALS * life:
            path: PathKey = ("assets", i, "life_years")
            problems.append(Problem(
                docs[INFRA].locate(path),
                Said("asset {id!r}, in service on {date} for {life} years, would be renewed "
                     "about {times} times before the end of the timelines in {end}",
                     id=asset.id, date=asset.in_service, life=Written(asset.life_years.text),
                     times=Plain(span / life, whole=True), end=end), format_path(path),
                expected=Said("at most {renewals} renewals: a longer life, or a later "
                              "in-service date", renewals=Plain(MAX_RENEWALS))))
    return problems


def _default_start(inputs: Inputs, app_index: dict[str, int]) -> int | None:
    """The first year of the timelines when ``horizon.start`` is not given: the year of
    the valuation date, by default of the reference quote (None when there is none)."""
    a = inputs.assumptions
    if a.valuation_date is not None:
        return a.valuation_date.year
    if a.reference not in app_index:
        return None
    quote = inputs.applications.applications[app_index[a.reference]].latest_quote()
    return quote.date.year if quote is not None else None


def _check_means(doc: Document, inputs: Inputs) -> list[Problem]:
    """Teams, running costs and price indices that scenarios and index_of refer to."""
    a = inputs.assumptions
    problems: list[Problem] = []
    problems += _duplicates(doc, "running", [r.id for r in a.running],
                            N_("duplicate running cost id {ident!r}"))
    problems += _duplicates_at(doc, ("staff", "teams"), [t.id for t in a.staff.teams],
                               N_("duplicate team id {ident!r}"))
    teams = {t.id for t in a.staff.teams}
    running = {r.id for r in a.running}
    for category, name in a.index_of.items():
        if name not in a.indexation:
            problems.append(_unknown(doc, ("index_of", category), name, a.indexation, N_(
                "price index {ident!r} is not a known index of 'indexation'")))
    for s, scenario in enumerate(a.scenarios):
        for m, move in enumerate(scenario.teams):
            if move.team not in teams:
                problems.append(_unknown(doc, ("scenarios", s, "teams", m, "team"), move.team,
                                         teams, N_("team {ident!r} is not a known team of "
                                                   "staff.teams")))
        for k, stop in enumerate(scenario.running.stops):
            if stop.id not in running:
                problems.append(_unknown(doc, ("scenarios", s, "running", "stops", k, "id"),
                                         stop.id, running, N_("running cost {ident!r} is not a "
                                                              "known running cost of "
                                                              "'running'")))
        problems += _twice(doc, ("scenarios", s, "running", "stops"),
                           [stop.id for stop in scenario.running.stops],
                           N_("running cost {ident!r} is stopped twice in scenario "
                              "{scenario!r}"), Said("first stopped at"),
                           Said("keep one stop: which date is right?"), scenario=scenario.id)
        problems += _team_shares(doc, s, scenario)
    return problems


def _twice(doc: Document, key: PathKey, ids: list[str], message: str, label: Said,
           hint: Said, **values: object) -> list[Problem]:
    """An id given twice in the list at ``key``: ``message`` (marked with ``N_``) with an
    ``{ident!r}`` for the id and ``values`` for its other placeholders."""
    first: dict[str, int] = {}
    problems = []
    for i, ident in enumerate(ids):
        if ident in first:
            path: PathKey = (*key, i, "id")
            problems.append(Problem(doc.locate(path), Said(message, ident=ident, **values),
                                    format_path(path),
                                    related=((label, doc.locate((*key, first[ident], "id"))),),
                                    hint=hint))
        else:
            first[ident] = i
    return problems


def _team_shares(doc: Document, s: int, scenario: Scenario) -> list[Problem]:
    """The moves of one team cannot move more than the whole team."""
    totals: dict[str, float] = {}
    problems: list[Problem] = []
    for m, move in enumerate(scenario.teams):
        share = move.share.fixed_value if move.share is not None else 1.0
        before = totals.get(move.team, 0.0)
        totals[move.team] = before + share
        if before <= 1 + 1e-9 < before + share:
            path: PathKey = ("scenarios", s, "teams", m, *(("share",) if move.share else ()))
            problems.append(Problem(
                doc.locate(path),
                Said("the moves of team {team!r} add up to {percent} % of the team, more "
                     "than the whole team", team=move.team,
                     percent=Number((before + share) * 100, ".6g")), format_path(path),
                expected=Said("shares of one team summing to at most 1 (a move without "
                              "'share' moves the whole team)")))
    return problems


def _duplicates_at(doc: Document, key: PathKey, ids: list[str],
                   message: str) -> list[Problem]:
    return _twice(doc, key, ids, message, Said("first used at"),
                  Said("ids must be unique within a file"))
