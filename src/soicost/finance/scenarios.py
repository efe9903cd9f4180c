"""Scenarios year by year: migration, staff and means, running costs, transition, renewals,
write-offs, risk proxies, and net present values, all sample by sample.

Perspective: the cost to the public purse (the department and the receiving directorate
together). A transferred post still costs its salary, at the receiving directorate; a removed
post does not. Every uncertain input is drawn from a stream named after it, shared by all
scenarios (common random numbers), so a scenario's difference to the status quo is computed
sample by sample and its range is the range of the difference, not the difference of ranges.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from soicost.finance import amortisation as am
from soicost.finance.assets import AssetSamples, sample_assets, valuation_date
from soicost.finance.euros import Euros, PriceLevels
from soicost.i18n import N_, Message
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import HOSTING_CATEGORIES, RPS_AXES, Decommission, Scenario
from soicost.inputs.quantity import Quantity
from soicost.inputs.waves import wave_index
from soicost.model import streams
from soicost.model.plan import price_base_year
from soicost.model.rng import Seed, generator
from soicost.model.sampling import draw, median
from soicost.model.stats import Stats, summarise, summarise_rows

FloatArray = NDArray[np.float64]

CASH_CATEGORIES = ("migration", "staff", "vacancy", "recruitment", "running", "transition",
                   "renewal")
NON_CASH_CATEGORIES = ("write_off",)
STATUS_QUO = "status-quo"


# --------------------------------------------------------------------------------------
# Calendar helpers

def year_fraction(year: int, start: dt.date | None, end: dt.date | None = None) -> float:
    """The share of calendar ``year`` covered by [start, end) (None: unbounded)."""
    lo = dt.date(year, 1, 1)
    hi = dt.date(year + 1, 1, 1)
    a = max(lo, start) if start else lo
    b = min(hi, end) if end else hi
    return max((b - a).days, 0) / (hi - lo).days


@dataclass(frozen=True)
class Horizon:
    years: tuple[int, ...]
    base_year: int


def horizon(inputs: Inputs) -> Horizon:
    """The years of the timelines, and the year net present values are discounted to: the
    price base year, so that an NPV in constant euros at the real rate equals the NPV in
    current euros at the nominal rate."""
    h = inputs.assumptions.horizon
    start = h.start if h.start is not None else valuation_date(inputs).year
    end = h.end if h.end is not None else start + 7
    return Horizon(tuple(range(start, end + 1)), price_base_year(inputs))


# --------------------------------------------------------------------------------------
# Which application migrates when

def assign_waves(inputs: Inputs, scenario: Scenario) -> dict[str, dt.date]:
    """Migration date of each application that migrates in ``scenario`` (see
    :func:`soicost.inputs.waves.wave_index` for the rule)."""
    ids = [a.id for a in inputs.applications.applications]
    return {ident: scenario.waves[w].date for ident, w in wave_index(scenario, ids).items()}


def decommissions(inputs: Inputs, scenario: Scenario,
                  migration: dict[str, dt.date]) -> list[Decommission]:
    """The scenario's decommissions; by default, once every application has left, the
    data-centre and platform assets at the date of the last wave."""
    if scenario.decommission is not None:
        return list(scenario.decommission)
    apps = inputs.applications.applications
    if not migration or len(migration) < len(apps):
        return []
    last = max(migration.values())
    return [Decommission(asset=a.id, date=last) for a in inputs.infrastructure.assets
            if a.category in HOSTING_CATEGORIES and a.in_service <= last]


# --------------------------------------------------------------------------------------
# Results

@dataclass(frozen=True)
class YearResult:
    year: int
    cash_total: Stats
    cash: dict[str, Stats]
    non_cash_total: Stats
    non_cash: dict[str, Stats]
    proxies: Stats
    delta_cash_total: Stats | None
    delta_cash: dict[str, Stats] | None
    delta_non_cash_total: Stats | None


@dataclass(frozen=True)
class TeamYear:
    stays: float
    transferred: float
    removed: float


@dataclass(frozen=True)
class StaffYear:
    year: int
    headcount: dict[str, TeamYear]  # expected budgeted FTE by team
    departures: Stats
    vacancies: Stats
    months_to_fill: float


@dataclass(frozen=True)
class Stranded:
    asset: str
    date: dt.date
    written_off: Stats
    remaining_years: Stats
    lost_charges: Stats


@dataclass(frozen=True)
class RpsEntry:
    axis: str
    likelihood: int
    severity: int
    rationale: str

    @property
    def score(self) -> int:
        return self.likelihood * self.severity


@dataclass(frozen=True)
class ScenarioResult:
    id: str
    name: str
    description: str
    by_year: tuple[YearResult, ...]
    npv: Stats
    delta_vs_status_quo: Stats | None
    cash_total: Stats  # undiscounted sum over the horizon
    non_cash_total: Stats
    proxies_npv: Stats
    migrated: int
    stranded: tuple[Stranded, ...]
    staff: tuple[StaffYear, ...]
    rps: tuple[RpsEntry, ...]
    implicit: bool = False


@dataclass(frozen=True)
class Comparison:
    years: tuple[int, ...]
    base_year: int
    discount_rate: str
    status_quo: str
    scenarios: tuple[ScenarioResult, ...]
    notes: tuple[Message, ...] = field(default=())  # worded when shown
    euros: Euros = "constant"
    price_base_year: int = 0


# --------------------------------------------------------------------------------------
# Sample-wise timelines

@dataclass
class _Draws:
    """Common draws shared by every scenario (same streams, so differences are exact)."""

    n: int
    seed: Seed
    cache: dict[str, FloatArray] = field(default_factory=dict)

    def get(self, name: str, q: Quantity) -> FloatArray:
        if name not in self.cache:
            self.cache[name] = (np.full(self.n, q.fixed_value) if q.is_fixed
                                else draw(q.dist, generator(self.seed, name), self.n))
        return self.cache[name]


@dataclass
class _Timeline:
    cash: dict[str, FloatArray]  # category -> (years, n)
    non_cash: dict[str, FloatArray]
    proxies: FloatArray
    departures: FloatArray
    vacancies: FloatArray
    months_to_fill: list[float]
    headcount: list[dict[str, TeamYear]]
    stranded: list[Stranded]

    def cash_total(self) -> FloatArray:
        total = np.zeros_like(self.proxies)
        for values in self.cash.values():
            total += values
        return total

    def non_cash_total(self) -> FloatArray:
        total = np.zeros_like(self.proxies)
        for values in self.non_cash.values():
            total += values
        return total


@dataclass(frozen=True)
class _Context:
    """What every part of one scenario's timeline reads."""

    inputs: Inputs
    scenario: Scenario
    years: tuple[int, ...]
    draws: _Draws

    def zeros(self) -> FloatArray:
        return np.zeros((len(self.years), self.draws.n))


@dataclass
class _Staff:
    departures: FloatArray
    vacancies: FloatArray
    months_to_fill: list[float]
    headcount: list[dict[str, TeamYear]]


def _timeline(inputs: Inputs, scenario: Scenario, years: tuple[int, ...], draws: _Draws,
              migration: FloatArray, migration_dates: dict[str, dt.date],
              assets: list[AssetSamples], levels: PriceLevels) -> _Timeline:
    """One scenario, year by year and sample by sample: each cost category from its own
    function, in this order (the sums depend on it to the last bit)."""
    ctx = _Context(inputs, scenario, years, draws)
    cash = {c: ctx.zeros() for c in CASH_CATEGORIES}
    cash["migration"] += migration
    staff = _staff_costs(ctx, cash)
    stopped_annual = _running_costs(ctx, cash, migration_dates)
    _transition_costs(ctx, cash, migration_dates, stopped_annual)
    _to_chosen_euros(ctx, cash, levels)
    non_cash = {c: ctx.zeros() for c in NON_CASH_CATEGORIES}
    stranded = _asset_costs(ctx, cash, non_cash, migration_dates, assets, levels)
    proxies = _rps_proxies(ctx, levels)
    return _Timeline(cash, non_cash, proxies, staff.departures, staff.vacancies,
                     staff.months_to_fill, staff.headcount, stranded)


def _staff_costs(ctx: _Context, cash: dict[str, FloatArray]) -> _Staff:
    """Staff, vacancies, recruitment, productivity loss.

    Every team shares the cost per FTE and the attrition rates, so teams are first summed
    into FTE by fate and year: the arithmetic on samples is then done once per scenario, not
    once per team and year."""
    staff, scenario, years, draws = ctx.inputs.assumptions.staff, ctx.scenario, ctx.years, ctx.draws
    sid, y, n = scenario.id, len(years), draws.n
    cost = draws.get(streams.staff_cost(), staff.cost_per_fte)
    uplift = draws.get(streams.staff_means("transfer_uplift"), staff.transfer_uplift)
    cover = draws.get(streams.staff_means("vacancy_cover"), staff.vacancy_cover)
    recruit = draws.get(streams.staff_means("recruitment_cost"), staff.recruitment_cost)
    loss = draws.get(streams.scenario_transition(sid, "productivity_loss"),
                     scenario.transition.productivity_loss)
    turnover = np.empty((y, n))
    vacancy = np.empty((y, n))
    months: list[float] = []
    headcount: list[dict[str, TeamYear]] = [{} for _ in years]
    for k, t in enumerate(years):
        turnover[k] = draws.get(streams.staff_attrition("turnover"), staff.turnover)
        vacancy[k] = draws.get(streams.staff_attrition("vacancy_rate"), staff.vacancy_rate)
        to_fill = median(staff.months_to_fill.dist)
        for j, override in enumerate(scenario.attrition):
            if override.from_year <= t <= override.until_year:
                if override.turnover is not None:
                    turnover[k] = draws.get(streams.scenario_attrition(sid, j, "turnover"),
                                            override.turnover)
                if override.vacancy_rate is not None:
                    vacancy[k] = draws.get(streams.scenario_attrition(sid, j, "vacancy_rate"),
                                           override.vacancy_rate)
                if override.months_to_fill is not None:
                    to_fill = median(override.months_to_fill.dist)
        months.append(to_fill)
    staying: FloatArray = np.zeros((y, 1))  # budgeted FTE, (years, 1) or (years, n)
    transferred: FloatArray = np.zeros((y, 1))
    moving: FloatArray = np.zeros((y, 1))
    for team in staff.teams:
        fte = (team.fte.fixed_value if team.fte.is_fixed
               else draws.get(streams.team_fte(team.id), team.fte))
        shares = np.zeros((y, 3))  # staying, transferred, moving this year
        for k, t in enumerate(years):
            moved = {"transferred": 0.0, "removed": 0.0}
            for move in scenario.teams:
                if move.team != team.id:
                    continue
                share = move.share.fixed_value if move.share is not None else 1.0
                moved[move.fate] += share * year_fraction(t, move.date)
                if move.date.year == t:
                    shares[k, 2] += share
            shares[k, 0] = max(0.0, 1.0 - moved["transferred"] - moved["removed"])
            shares[k, 1] = moved["transferred"]
            size = median(team.fte.dist)
            headcount[k][team.id] = TeamYear(float(shares[k, 0] * size),
                                             moved["transferred"] * size,
                                             moved["removed"] * size)
        staying = staying + shares[:, 0:1] * fte
        transferred = transferred + shares[:, 1:2] * fte
        moving = moving + shares[:, 2:3] * fte
    budget = staying + transferred
    cash["staff"] += cost * (staying + transferred * (1 + uplift)) * (1 - vacancy)
    cash["vacancy"] += budget * vacancy * cost * cover
    departures = budget * turnover
    vacancies = budget * vacancy
    cash["recruitment"] += departures * recruit
    cash["transition"] += moving * cost * loss
    return _Staff(departures, vacancies, months, headcount)


def _migrated_share(ctx: _Context, migration_dates: dict[str, dt.date]) -> list[float]:
    """The share of applications already migrated, year by year (pro rata temporis)."""
    n_apps = len(ctx.inputs.applications.applications)
    return [sum(year_fraction(t, d) for d in migration_dates.values()) / n_apps
            for t in ctx.years]


def _running_costs(ctx: _Context, cash: dict[str, FloatArray],
                   migration_dates: dict[str, dt.date]) -> FloatArray:
    """Running costs: current ones until they stop, added ones from when they start.
    Returns the yearly amount of those that stop (double running is priced on it)."""
    scenario, years, draws = ctx.scenario, ctx.years, ctx.draws
    migrated_share = _migrated_share(ctx, migration_dates)
    stops = {s.id: s.date for s in scenario.running.stops}
    stopped_annual = np.zeros(draws.n)
    for item in ctx.inputs.assumptions.running:
        annual = draws.get(streams.running(item.id), item.annual)
        end = stops.get(item.id)
        if end is not None:
            stopped_annual += annual
        for k, t in enumerate(years):
            cash["running"][k] += annual * year_fraction(t, None, end)
    for j, add in enumerate(scenario.running.adds):
        annual = draws.get(streams.scenario_running(scenario.id, j), add.annual)
        for k, t in enumerate(years):
            scale = migrated_share[k] if add.scale == "migrated" else 1.0
            cash["running"][k] += annual * (year_fraction(t, add.start, add.end) * scale)
    return stopped_annual


def _transition_costs(ctx: _Context, cash: dict[str, FloatArray],
                      migration_dates: dict[str, dt.date], stopped_annual: FloatArray) -> None:
    """Double running per wave, knowledge transfer and training, spread by wave."""
    sid, tr, draws = ctx.scenario.id, ctx.scenario.transition, ctx.draws
    n_apps = len(ctx.inputs.applications.applications)
    wave_shares: dict[int, float] = {}
    for d in migration_dates.values():
        wave_shares[d.year] = wave_shares.get(d.year, 0.0) + 1 / n_apps
    months_double = draws.get(streams.scenario_transition(sid, "double_running_months"),
                              tr.double_running_months)
    one_off = (draws.get(streams.scenario_transition(sid, "knowledge_transfer"),
                         tr.knowledge_transfer)
               + draws.get(streams.scenario_transition(sid, "training"), tr.training))
    for k, t in enumerate(ctx.years):
        share = wave_shares.get(t, 0.0)
        if share:
            cash["transition"][k] += share * (months_double / 12 * stopped_annual + one_off)


def _to_chosen_euros(ctx: _Context, cash: dict[str, FloatArray], levels: PriceLevels) -> None:
    """The amounts so far are in euros of the base year: bring each year to the chosen
    euros."""
    for cat in cash:
        for k, t in enumerate(ctx.years):
            factor = levels.factor(cat, t)
            if not (isinstance(factor, float) and factor == 1.0):
                cash[cat][k] *= factor


def _asset_costs(ctx: _Context, cash: dict[str, FloatArray], non_cash: dict[str, FloatArray],
                 migration_dates: dict[str, dt.date], assets: list[AssetSamples],
                 levels: PriceLevels) -> list[Stranded]:
    """Renewals under the status quo (cash), write-offs when an asset is abandoned
    (non-cash, in the year of its decommissioning)."""
    years = ctx.years
    abandoned = {d.asset: d.date
                 for d in decommissions(ctx.inputs, ctx.scenario, migration_dates)}
    stranded = []
    for s in assets:
        asset = s.asset
        end = abandoned.get(asset.id)
        life = median(asset.life_years.dist)
        for t in am.renewal_years(asset.in_service, life, s.convention, years[0], years[-1]):
            if end is None or t < end.year:
                # Historical cost, in euros of the in-service year, indexed to year t.
                cash["renewal"][years.index(t)] += s.cost * levels.factor(
                    "renewal", t, priced_in=asset.in_service.year)
        if end is not None:
            w = am.write_off(s.cost, s.residual, s.life, asset.in_service, s.convention, end)
            if end.year in years:
                non_cash["write_off"][years.index(end.year)] += (w.net_book_value
                                                                 * levels.book(end.year))
            stranded.append(Stranded(asset.id, end, summarise(w.net_book_value),
                                     summarise(w.remaining_years), summarise(w.lost_charges)))
    return stranded


def _rps_proxies(ctx: _Context, levels: PriceLevels) -> FloatArray:
    """The cost proxies of psycho-social risks, kept apart from cash costs."""
    proxies = ctx.zeros()
    for j, proxy in enumerate(ctx.scenario.rps_proxies):
        annual = ctx.draws.get(streams.scenario_rps_proxy(ctx.scenario.id, j), proxy.annual)
        for k, t in enumerate(ctx.years):
            proxies[k] += (annual * year_fraction(t, proxy.start, proxy.end)
                           * levels.factor("rps_proxies", t))
    return proxies


def _discount(years: tuple[int, ...], base: int, rate: FloatArray) -> FloatArray:
    """(years, n) discount factors 1 / (1 + r)^(t - base)."""
    exponents = np.asarray(years, dtype=float)[:, None] - base
    factors: FloatArray = np.power(1.0 + rate[None, :], -exponents)
    return factors


def _npv(flows: FloatArray, factors: FloatArray) -> FloatArray:
    out: FloatArray = np.einsum("yn,yn->n", flows, factors)
    return out


def _rows(values: FloatArray) -> list[Stats]:
    return summarise_rows(values)


IMPLICIT_DESCRIPTION = "Added because the inputs define no 'status-quo' scenario."


def implicit_status_quo() -> Scenario:
    return Scenario(id=STATUS_QUO, name="Status quo (implicit: nothing moves)",
                    description=IMPLICIT_DESCRIPTION, decommission=[])


def migration_columns(inputs: Inputs, scenarios: list[Scenario], years: tuple[int, ...]
                      ) -> tuple[FloatArray, dict[tuple[str, int], int],
                                 dict[str, dict[str, dt.date]]]:
    """Weights for the engine: column 0 is the portfolio; one column per (scenario, year)
    in which applications migrate."""
    apps = [a.id for a in inputs.applications.applications]
    dates = {s.id: assign_waves(inputs, s) for s in scenarios}
    columns: dict[tuple[str, int], int] = {}
    for s in scenarios:
        for d in sorted(set(dates[s.id].values())):
            if d.year in years and (s.id, d.year) not in columns:
                columns[(s.id, d.year)] = len(columns) + 1
    weights = np.zeros((len(apps), len(columns) + 1))
    weights[:, 0] = 1.0
    for s in scenarios:
        for i, ident in enumerate(apps):
            when = dates[s.id].get(ident)
            if when is not None and when.year in years:
                weights[i, columns[(s.id, when.year)]] = 1.0
    return weights, columns, dates


def scenario_list(inputs: Inputs, selected: list[str] | None = None) -> list[Scenario]:
    """The scenarios to evaluate, the status quo first (implicit if not defined)."""
    defined = list(inputs.assumptions.scenarios)
    if not any(s.id == STATUS_QUO for s in defined):
        defined.insert(0, implicit_status_quo())
    status_quo = next(s for s in defined if s.id == STATUS_QUO)
    others = [s for s in defined if s.id != STATUS_QUO]
    if selected:
        others = [s for s in others if s.id in selected]
    return [status_quo, *others]


def price_levels(inputs: Inputs, draws: _Draws, euros: Euros) -> PriceLevels:
    a = inputs.assumptions
    growth: dict[str, FloatArray | float] = {}
    for name, index in a.indexation.items():
        rate = index.rate
        growth[name] = (math.log1p(rate.fixed_value) if rate.is_fixed
                        else np.log1p(draws.get(streams.index(name), rate)))
    return PriceLevels(euros, price_base_year(inputs), growth, a.index_name)


@dataclass(frozen=True)
class MigrationSums:
    """The engine's migration costs as the scenarios take them (see
    :func:`migration_columns`): ``sums`` is (columns, samples), column 0 the portfolio, then
    one column per (scenario, year) in which applications migrate, numbered in
    ``columns``; ``dates`` gives, per scenario, the date each application migrates."""

    sums: FloatArray
    columns: dict[tuple[str, int], int]
    dates: dict[str, dict[str, dt.date]]


@dataclass(frozen=True)
class ScenarioRun:
    """Everything the scenarios of one run are evaluated from."""

    inputs: Inputs
    scenarios: tuple[Scenario, ...]  # the status quo first (see scenario_list)
    migration: MigrationSums
    samples: int
    seed: Seed
    euros: Euros = "constant"


@dataclass
class _Shared:
    """What every scenario of one run shares: draws, assets, price levels, discounting."""

    years: tuple[int, ...]
    base_year: int
    draws: _Draws
    assets: list[AssetSamples]
    levels: PriceLevels
    factors: FloatArray

    @classmethod
    def make(cls, inputs: Inputs, samples: int, seed: Seed, euros: Euros) -> _Shared:
        h = horizon(inputs)
        draws = _Draws(samples, seed)
        levels = price_levels(inputs, draws, euros)
        rate = levels.discount_rate(draws.get(streams.discount_rate(),
                                              inputs.assumptions.discount_rate))
        return cls(h.years, h.base_year, draws, sample_assets(inputs, samples, seed), levels,
                   _discount(h.years, h.base_year, rate))

    def timeline(self, inputs: Inputs, scenario: Scenario, m: MigrationSums) -> _Timeline:
        migration = np.zeros((len(self.years), self.draws.n))
        for k, t in enumerate(self.years):
            col = m.columns.get((scenario.id, t))
            if col is not None:
                migration[k] = m.sums[col]
        return _timeline(inputs, scenario, self.years, self.draws, migration,
                         m.dates[scenario.id], self.assets, self.levels)


def npv_samples(run: ScenarioRun) -> dict[str, tuple[FloatArray, FloatArray | None]]:
    """Per scenario, the samples of its NPV and of its difference to the status quo (the
    first scenario): what the sensitivity analysis varies, without the yearly summaries."""
    shared = _Shared.make(run.inputs, run.samples, run.seed, run.euros)
    out: dict[str, tuple[FloatArray, FloatArray | None]] = {}
    base: FloatArray | None = None
    for scenario in run.scenarios:
        total = shared.timeline(run.inputs, scenario, run.migration).cash_total()
        npv = _npv(total, shared.factors)
        out[scenario.id] = (npv, None if base is None else _npv(total - base, shared.factors))
        if base is None:
            base = total
    return out


def evaluate(run: ScenarioRun) -> Comparison:
    """Every scenario's timeline from the engine's migration sums, summarised year by year,
    with each one's difference to the status quo (the first) computed sample by sample."""
    inputs, euros, dates = run.inputs, run.euros, run.migration.dates
    shared = _Shared.make(inputs, run.samples, run.seed, euros)
    years, factors, levels = shared.years, shared.factors, shared.levels
    results = []
    baseline: _Timeline | None = None
    for scenario in run.scenarios:
        tl = shared.timeline(inputs, scenario, run.migration)
        cash_total = tl.cash_total()
        non_cash_total = tl.non_cash_total()
        npv = _npv(cash_total, factors)
        cash_stats = {c: _rows(v) for c, v in tl.cash.items()}
        non_cash_stats = {c: _rows(v) for c, v in tl.non_cash.items()}
        cash_total_stats = _rows(cash_total)
        non_cash_total_stats = _rows(non_cash_total)
        proxy_stats = _rows(tl.proxies)
        if baseline is None:
            baseline = tl
            delta_rows: list[Stats] | None = None
            delta_cats: dict[str, list[Stats]] | None = None
            delta_nc: list[Stats] | None = None
            delta_npv = None
            base_total = cash_total
        else:
            delta = cash_total - base_total
            delta_rows = _rows(delta)
            delta_cats = {c: _rows(tl.cash[c] - baseline.cash[c]) for c in CASH_CATEGORIES}
            delta_nc = _rows(non_cash_total - baseline.non_cash_total())
            delta_npv = summarise(_npv(delta, factors))
        by_year = tuple(
            YearResult(
                year=t,
                cash_total=cash_total_stats[k],
                cash={c: cash_stats[c][k] for c in CASH_CATEGORIES},
                non_cash_total=non_cash_total_stats[k],
                non_cash={c: non_cash_stats[c][k] for c in NON_CASH_CATEGORIES},
                proxies=proxy_stats[k],
                delta_cash_total=delta_rows[k] if delta_rows else None,
                delta_cash={c: delta_cats[c][k] for c in CASH_CATEGORIES}
                if delta_cats else None,
                delta_non_cash_total=delta_nc[k] if delta_nc else None)
            for k, t in enumerate(years))
        dep, vac = _rows(tl.departures), _rows(tl.vacancies)
        staff = tuple(StaffYear(t, tl.headcount[k], dep[k], vac[k], tl.months_to_fill[k])
                      for k, t in enumerate(years))
        rps = tuple(RpsEntry(axis, r.likelihood, r.severity, r.rationale)
                    for axis in RPS_AXES if (r := scenario.rps.get(axis)) is not None)
        results.append(ScenarioResult(
            id=scenario.id, name=scenario.name, description=scenario.description,
            by_year=by_year, npv=summarise(npv), delta_vs_status_quo=delta_npv,
            cash_total=summarise(cash_total.sum(axis=0)),
            non_cash_total=summarise(non_cash_total.sum(axis=0)),
            proxies_npv=summarise(_npv(tl.proxies, factors)),
            migrated=len(dates[scenario.id]), stranded=tuple(tl.stranded), staff=staff,
            rps=rps, implicit=scenario.id == STATUS_QUO and not any(
                s.id == STATUS_QUO for s in inputs.assumptions.scenarios)))
    notes: list[Message] = []
    if math.isclose(median(inputs.assumptions.discount_rate.dist), 0.032):
        notes.append(Message(N_("Discount rate 3.2 % (France Stratégie 2021), a real rate.")))
    return Comparison(years=years, base_year=shared.base_year,
                      discount_rate=inputs.assumptions.discount_rate.text,
                      status_quo=STATUS_QUO, scenarios=tuple(results), notes=tuple(notes),
                      euros=euros, price_base_year=levels.base_year)
