"""How honest are the ranges? Backtest the model on past projects whose actual cost is known.

Two protocols, both running the very engine ``soicost estimate`` runs:

- **single reference** (the drivers method, leave one in): each project in turn is the
  reference, its actual cost taken as its quote; every other project is extrapolated from it
  with the assumptions' elasticities, factors and uncertainty. The reference's cost is an
  actual, not an estimate, so no optimism bias is applied.
- **k quotes** (the fit method): ``replicates`` times, k projects drawn at random are the
  quoted ones, the law is fitted on them, and every other project is extrapolated.

For each prediction the *probability integral transform* PIT = P(model ≤ actual) is taken
from the samples: a calibrated model gives PITs spread evenly over [0, 1], so the P10–P90
range holds the actual 80 % of the time (0.1 ≤ PIT ≤ 0.9) and half the actuals fall below
the median. The total of the projects predicted together is checked the same way: it is
what a portfolio figure rests on. Everything is pure: a :class:`~soicost.inputs.history.History`
and plain distributions in, frozen results out; streams are named after the replicate.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from soicost.defaults import (
    BACKTEST_QUOTES,
    BACKTEST_REPLICATES,
    BACKTEST_SAMPLES,
    DEFAULT_SEED,
)
from soicost.inputs.history import History, Project
from soicost.inputs.quantity import Distribution, Fixed, LogNormal
from soicost.model import streams
from soicost.model.engine import block_costs, common_draws
from soicost.model.plan import (
    FACTORS,
    FIT_SPREAD_MAX,
    AppPlan,
    FitResult,
    PortfolioPlan,
    fit_log_law,
    log_factor_offset,
)
from soicost.model.rng import derived_seed, generator
from soicost.model.sampling import standard_normal

if TYPE_CHECKING:
    from soicost.errors import Problem
    from soicost.inputs.models import Assumptions

FloatArray = NDArray[np.float64]
Protocol = Literal["single", "fit"]
# What a reader must know about a result: a key of the renderers' catalogue, with its values.
Note = tuple[str, tuple[tuple[str, int], ...]]
# Below this many projects, the spread that would have held 80 % is not suggested.
MIN_PROJECTS_FOR_SPREAD = 10

DEFAULT_SAMPLES = BACKTEST_SAMPLES
DEFAULT_QUOTES = BACKTEST_QUOTES
DEFAULT_REPLICATES = BACKTEST_REPLICATES
PIT_BINS = 10
# Samples per prediction kept to search the calibrated spread.
CALIBRATION_SAMPLES = 200
SIGMA_GRID = tuple(round(0.05 * i, 2) for i in range(2, 41))
# Wilson intervals at 95 %.
_Z = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True)
class Assumed:
    """What the backtest takes from the assumptions, for the history's drivers."""

    elasticities: tuple[Distribution, ...]
    factors: dict[str, dict[str, Distribution]]
    application: Distribution
    reference: Distribution


@dataclass(frozen=True)
class Share:
    """A share of ``count`` cases with its 95 % Wilson interval over ``effective`` cases."""

    hits: int
    count: int
    effective: int  # the number of independent cases the interval assumes

    @property
    def value(self) -> float:
        return self.hits / self.count if self.count else math.nan

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.value, self.effective)


def wilson(p: float, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion ``p`` observed on ``n`` cases."""
    if n <= 0 or math.isnan(p):
        return (math.nan, math.nan)
    z2 = _Z * _Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class ProtocolResult:
    """The calibration of one protocol over the history."""

    protocol: Protocol
    replicates: int  # references (single) or random sets of quotes (fit)
    inside_80: Share  # P10–P90 holds the actual
    inside_50: Share  # P25–P75 holds the actual
    below_median: Share  # the actual is below P50
    portfolio_80: Share  # P10–P90 of the total holds the actual total
    pit_counts: tuple[int, ...]  # histogram of the PITs over PIT_BINS equal bins
    calibrated_sigma: float | None  # the lognormal spread that would have held 80 %
    skipped: int = 0  # random sets of quotes that could not identify the law
    # (sigma, P10–P90 coverage) on the same draws, sigma on SIGMA_GRID: what another spread
    # of both lognormal multipliers would have given (single reference only).
    coverage_curve: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class EstimateCheck:
    """First estimates against actuals: does estimate × (1 + optimism bias) hold them?
    ``None`` shares when the bias is one figure: its P10–P90 is a point, nothing to test."""

    count: int
    inside_80: Share | None
    below_median: Share | None
    median_ratio: float  # median of actual / estimate


@dataclass(frozen=True)
class Backtest:
    history: History
    samples: int
    seed: int
    quotes: int
    replicates: int  # asked for in the fit protocol
    single: ProtocolResult
    fit: ProtocolResult | None  # None when the history is too small for k quotes
    estimates: EstimateCheck | None  # when the history gives first estimates
    notes: tuple[Note, ...] = ()
    # The assumptions tested, as written: (name, text), e.g. ("uncertainty.application", …).
    described: tuple[tuple[str, str], ...] = ()


def _pit(samples: FloatArray, actual: FloatArray) -> FloatArray:
    """P(sample ≤ actual) per row, a tie counted half."""
    below = (samples < actual[:, None]).mean(axis=1)
    ties = (samples == actual[:, None]).mean(axis=1)
    result: FloatArray = below + ties / 2
    return result


@dataclass
class _Tally:
    """PITs of single predictions and of totals, gathered over replicates."""

    pits: list[FloatArray]
    totals: list[float]
    # For the calibrated spread: per prediction, the log cost without the lognormal
    # uncertainty, its two standard normals (reference, own) and the log actual.
    base: list[FloatArray]
    z_reference: list[FloatArray]
    z_own: list[FloatArray]
    log_actual: list[FloatArray]


def _app(project: Project) -> AppPlan:
    return AppPlan(id=project.id, name=project.id, mode="extrapolated",
                   categories=project.categories,
                   log_drivers=tuple(math.log(x) for x in project.drivers))


def _plan(history: History, assumed: Assumed, reference: Project, others: Sequence[Project],
          *, fit: FitResult | None = None) -> PortfolioPlan:
    return PortfolioPlan(
        method="fit" if fit is not None else "drivers", reference=reference.id,
        drivers=history.drivers, reference_quote=Fixed(reference.actual),
        optimism_bias=Fixed(0.0), elasticities=assumed.elasticities,
        reference_log_drivers=tuple(math.log(x) for x in reference.drivers),
        reference_uncertain_drivers=(), factors=assumed.factors,
        reference_categories=reference.categories,
        application_uncertainty=assumed.application,
        applications=tuple(_app(p) for p in others), fit=fit,
        reference_uncertainty=assumed.reference)


def _predict(plan: PortfolioPlan, seed: int, samples: int) -> FloatArray:
    common = common_draws(plan, seed, samples)
    return block_costs(plan.applications, plan, common, seed, samples)


def _record(tally: _Tally, plan: PortfolioPlan, others: Sequence[Project], seed: int,
            samples: int, costs: FloatArray, spreads: tuple[float, float] | None) -> None:
    actual = np.array([p.actual for p in others])
    tally.pits.append(_pit(costs, actual))
    with np.errstate(over="ignore"):  # a total beyond floats is inf, and ranks as such
        total = costs.sum(axis=0)
    tally.totals.append(float(_pit(total[None, :], np.array([actual.sum()]))[0]))
    if spreads is None:
        return
    # ln cost = base + s_ref z_ref + s_own z_own, the z from their named streams: keep the
    # three parts (of the first samples only: enough to place P10 and P90) to find the
    # sigma that would have held 80 %.
    # A stream's first m normals are the first m of the engine's draws: draw only those.
    m = min(samples, CALIBRATION_SAMPLES)
    z_ref = standard_normal(generator(seed, streams.reference_deviation()), m)
    z_own = np.stack([standard_normal(generator(seed, streams.app_uncertainty(p.id)), m)
                      for p in plan.applications])
    s_ref, s_own = spreads
    with np.errstate(divide="ignore"):
        base = np.log(costs[:, :m]) - s_ref * z_ref - s_own * z_own
    tally.base.append(base.astype(np.float32))
    tally.z_reference.append(np.broadcast_to(z_ref.astype(np.float32), base.shape))
    tally.z_own.append(z_own.astype(np.float32))
    tally.log_actual.append(np.log(actual).astype(np.float32))


def _fixed_spread(dist: Distribution) -> float | None:
    """The sigma of a median-1 lognormal (0 for the fixed 1); None for any other shape."""
    if isinstance(dist, LogNormal) and dist.mu == 0:
        return dist.sigma
    if isinstance(dist, Fixed) and dist.value == 1:
        return 0.0
    return None


def _coverage_function(tally: _Tally) -> Callable[[float], float] | None:
    """P10–P90 coverage of single predictions as a function of the sigma of both lognormal
    spreads, on the same draws; None when the assumptions' spreads are not lognormal."""
    if not tally.base:
        return None
    base = np.concatenate(tally.base)
    noise = np.concatenate(tally.z_own) + np.concatenate(tally.z_reference)
    log_actual = np.concatenate(tally.log_actual)

    def coverage(sigma: float) -> float:
        pit = _pit(base + np.float32(sigma) * noise, log_actual)
        return float(((pit >= 0.1) & (pit <= 0.9)).mean())

    return coverage


def calibrated_sigma(coverage: Callable[[float], float], target: float = 0.8) -> float | None:
    """The smallest sigma (to 0.001) whose coverage reaches ``target``; None beyond 4."""
    low, high = 0.0, 4.0
    if coverage(high) < target:
        return None
    while high - low > 0.0005:
        middle = (low + high) / 2
        if coverage(middle) < target:
            low = middle
        else:
            high = middle
    return round(high, 3)


def _result(protocol: Protocol, tally: _Tally, replicates: int, projects: int,
            skipped: int = 0, distinct: int | None = None) -> ProtocolResult:
    """``distinct``: the number of different replicates (random sets of quotes may repeat),
    the count of independent cases for totals."""
    pits = np.concatenate(tally.pits)
    n = pits.size
    totals = np.asarray(tally.totals)

    def share(mask: NDArray[np.bool_], effective: int) -> Share:
        return Share(int(mask.sum()), int(mask.size), effective)

    counts, _ = np.histogram(pits, bins=PIT_BINS, range=(0.0, 1.0))
    coverage = _coverage_function(tally)
    # Each project is predicted many times, from other references or quotes: the number of
    # projects, not of predictions, is the honest count of independent cases.
    effective = min(projects, n)
    return ProtocolResult(
        protocol=protocol, replicates=replicates,
        inside_80=share((pits >= 0.1) & (pits <= 0.9), effective),
        inside_50=share((pits >= 0.25) & (pits <= 0.75), effective),
        below_median=share(pits < 0.5, effective),
        # Totals share almost all their projects from one replicate to the next: count no
        # more independent cases than projects, however many replicates were run.
        portfolio_80=share((totals >= 0.1) & (totals <= 0.9),
                           min(projects, replicates if distinct is None else distinct)),
        pit_counts=tuple(int(c) for c in counts),
        calibrated_sigma=None if coverage is None or projects < MIN_PROJECTS_FOR_SPREAD
        else calibrated_sigma(coverage),
        skipped=skipped,
        coverage_curve=() if coverage is None else tuple(
            (sigma, coverage(sigma)) for sigma in SIGMA_GRID))


def single_reference(history: History, assumed: Assumed, *, samples: int,
                     seed: int) -> ProtocolResult:
    """Each project as the reference in turn; every other one extrapolated from it."""
    tally = _Tally([], [], [], [], [], [])
    s_own, s_ref = _fixed_spread(assumed.application), _fixed_spread(assumed.reference)
    spreads = (s_ref, s_own) if s_own is not None and s_ref is not None else None
    for i, reference in enumerate(history.projects):
        others = history.projects[:i] + history.projects[i + 1:]
        plan = _plan(history, assumed, reference, others)
        replicate = derived_seed(seed, streams.backtest_reference(reference.id))
        costs = _predict(plan, replicate, samples)
        _record(tally, plan, others, replicate, samples, costs, spreads)
    return _result("single", tally, len(history.projects), len(history.projects))


def k_quotes(history: History, assumed: Assumed, *, quotes: int, replicates: int,
             samples: int, seed: int, spread_dof: float | None = None
             ) -> ProtocolResult | None:
    """``replicates`` random sets of ``quotes`` known projects; the law fitted on each.

    ``spread_dof`` as in :class:`~soicost.model.plan.FitResult`: ``math.inf`` gives the normal
    plug-in predictive of soicost 0.1, for comparison. None when no set of quotes could be
    fitted (all projects of one size, say)."""
    tally = _Tally([], [], [], [], [], [])
    chooser = generator(seed, streams.backtest_choice())
    assert isinstance(chooser, np.random.Generator)
    projects = history.projects
    done = skipped = 0
    seen: set[tuple[int, ...]] = set()
    while done < replicates and skipped < 10 * replicates:
        chosen = sorted(chooser.choice(len(projects), quotes, replace=False).tolist())
        quoted = [projects[j] for j in chosen]
        others = [p for j, p in enumerate(projects) if j not in chosen]
        rows = [[1.0, *(math.log(x) for x in p.drivers)] for p in quoted]
        # As --method fit does: the quotes less their factors, at the same medians.
        ys = [math.log(p.actual) - log_factor_offset(p.categories, assumed.factors)
              for p in quoted]
        fit = fit_log_law(rows, ys)
        # soicost refuses such a fit (collinear quotes, or a spread beyond FIT_SPREAD_MAX):
        # so does the backtest, counting it.
        if fit is None or not 0 < fit.residual_sd <= FIT_SPREAD_MAX:
            skipped += 1
            continue
        if spread_dof is not None:
            fit = dataclasses.replace(fit, spread_dof=spread_dof)
        plan = _plan(history, assumed, quoted[0], others, fit=fit)
        replicate = derived_seed(seed, streams.backtest_fit(done))
        costs = _predict(plan, replicate, samples)
        _record(tally, plan, others, replicate, samples, costs, None)
        seen.add(tuple(chosen))
        done += 1
    if done == 0:
        return None
    return _result("fit", tally, done, len(projects), skipped, distinct=len(seen))


def check_estimates(history: History, optimism_bias: Distribution, *, samples: int,
                    seed: int) -> EstimateCheck | None:
    """Where first estimates are given: the share of actuals within P10–P90 of
    estimate × (1 + b), b the assumptions' optimism bias."""
    pairs = [(p.estimate, p.actual) for p in history.projects if p.estimate is not None]
    if not pairs:
        return None
    from soicost.model.sampling import draw

    estimate = np.array([e for e, _ in pairs])
    actual = np.array([a for _, a in pairs])
    n = len(pairs)
    ratio = float(np.median(actual / estimate))
    if isinstance(optimism_bias, Fixed):
        return EstimateCheck(n, None, None, ratio)
    uplift = 1 + draw(optimism_bias, generator(seed, streams.optimism_bias()), samples)
    pits = _pit(estimate[:, None] * uplift[None, :], actual)
    return EstimateCheck(
        n, inside_80=Share(int(((pits >= 0.1) & (pits <= 0.9)).sum()), n, n),
        below_median=Share(int((pits < 0.5).sum()), n, n), median_ratio=ratio)


def assumed_from(assumptions: Assumptions, drivers: Sequence[str]) -> Assumed:
    """The distributions a backtest of ``drivers`` takes from validated assumptions."""
    return Assumed(
        elasticities=tuple(assumptions.drivers[d].elasticity.dist for d in drivers),
        factors={name: {cat: q.dist for cat, q in getattr(assumptions.factors, name).items()}
                 for name in FACTORS},
        application=assumptions.uncertainty.application.dist,
        reference=assumptions.uncertainty.reference.dist)


def backtest(history: History, assumed: Assumed, optimism_bias: Distribution, *,
             samples: int = DEFAULT_SAMPLES, seed: int, quotes: int = DEFAULT_QUOTES,
             replicates: int = DEFAULT_REPLICATES) -> Backtest:
    """Both protocols over ``history``; the fit only when k quotes leave projects to predict
    and can estimate an intercept, the elasticities and a residual spread. Raises
    :class:`InputError` for projects the model says cost nothing (a strategy factor of 0):
    their actuals cannot test it."""
    from soicost.errors import InputError

    problems = zero_factor_problems(history, assumed)
    if problems:
        raise InputError(problems)
    notes: list[Note] = []
    single = single_reference(history, assumed, samples=samples, seed=seed)
    fit: ProtocolResult | None = None
    needed = len(history.drivers) + 2
    projects = len(history.projects)
    if quotes < needed:
        notes.append(("fit_too_few_quotes", (("quotes", quotes),
                                             ("drivers", len(history.drivers)),
                                             ("needed", needed))))
    elif projects <= quotes:
        notes.append(("fit_no_project_left", (("projects", projects), ("quotes", quotes))))
    else:
        fit = k_quotes(history, assumed, quotes=quotes, replicates=replicates,
                       samples=samples, seed=seed)
        if fit is None:
            notes.append(("fit_never_identified", (("tried", 10 * replicates),)))
        elif fit.skipped:
            notes.append(("fit_sets_refused", (("skipped", fit.skipped),
                                               ("done", fit.replicates))))
    if single.calibrated_sigma is None and projects < MIN_PROJECTS_FOR_SPREAD:
        notes.append(("spread_too_few_projects", (("projects", projects),
                                                  ("needed", MIN_PROJECTS_FOR_SPREAD))))
    return Backtest(history, samples, seed, quotes, replicates, single, fit,
                    check_estimates(history, optimism_bias, samples=samples, seed=seed),
                    tuple(notes))


@dataclass(frozen=True)
class BacktestOptions:
    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    quotes: int = DEFAULT_QUOTES
    replicates: int = DEFAULT_REPLICATES


def check_options(options: BacktestOptions) -> None:
    """Refuse options that cannot give a meaningful backtest, before anything is read."""
    from soicost.errors import UsageError
    from soicost.i18n import Said
    from soicost.limits import check_samples, check_seed

    check_samples(options.samples)
    check_seed(options.seed)
    if options.quotes < 3:
        raise UsageError(Said("must be at least 3 (got {got}): a fit needs an intercept, an "
                              "elasticity and a residual spread", got=options.quotes),
                         option="quotes")
    if not 1 <= options.replicates <= 10_000:
        raise UsageError(Said("must be from 1 to 10,000 (got {got})", got=options.replicates),
                         option="replicates")


def zero_factor_problems(history: History, assumed: Assumed) -> list[Problem]:
    """Projects whose factors can make their cost 0 (a strategy ``retain``): the model
    gives them nothing and cannot extrapolate from them, so their actuals cannot test it."""
    from soicost.errors import Location, Problem
    from soicost.i18n import N_, Number, Said

    # Per factor, for the genders of French: (message, expected, hint).
    zero_factor: dict[str, tuple[str, str, str]] = {
        "kind": (
            N_("project {id!r} has the kind {category!r}, whose factor can be 0: the model "
               "says it costs nothing, so its actual cost cannot test the model"),
            N_("a kind whose factor is above 0"),
            N_("give the kind the project really had, or leave the project out")),
        "strategy": (
            N_("project {id!r} has the strategy {category!r}, whose factor can be 0: the "
               "model says it costs nothing, so its actual cost cannot test the model"),
            N_("a strategy whose factor is above 0"),
            N_("give the strategy the project really had, or leave the project out")),
        "criticality": (
            N_("project {id!r} has the criticality {category!r}, whose factor can be 0: the "
               "model says it costs nothing, so its actual cost cannot test the model"),
            N_("a criticality whose factor is above 0"),
            N_("give the criticality the project really had, or leave the project out")),
    }
    problems = []
    for index, project in enumerate(history.projects):
        for name, category in zip(FACTORS, project.categories, strict=True):
            if category is None:
                continue
            dist = assumed.factors[name][category]
            if dist.support()[0] <= 0:
                message, expected, hint = zero_factor[name]
                problems.append(Problem(
                    project.location or Location(history.source),
                    Said(message, id=project.id, category=category),
                    f"projects[{index}].{name}", expected=Said(expected),
                    found=Said("{category} (factor {low} at least)", category=category,
                               low=Number(dist.support()[0], "g")),
                    hint=Said(hint)))
    return problems


def run_backtest(history_path: Path, assumptions: Assumptions,
                 options: BacktestOptions = BacktestOptions()) -> Backtest:
    """Read the history at ``history_path`` and backtest ``assumptions`` on it."""
    from soicost.inputs.history import load_history

    check_options(options)
    history = load_history(
        history_path, list(assumptions.drivers),
        {name: set(getattr(assumptions.factors, name)) for name in FACTORS})
    result = backtest(history, assumed_from(assumptions, history.drivers),
                      assumptions.optimism_bias.dist, samples=options.samples,
                      seed=options.seed, quotes=options.quotes, replicates=options.replicates)
    u = assumptions.uncertainty
    described: tuple[tuple[str, str], ...] = (
        ("uncertainty.application", u.application.text),
        ("uncertainty.reference", u.reference.text),
        *((f"drivers.{d}.elasticity", assumptions.drivers[d].elasticity.text)
          for d in history.drivers),
        ("optimism_bias", assumptions.optimism_bias.text))
    return dataclasses.replace(result, described=described)
