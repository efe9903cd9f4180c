"""The cost model: pure functions over numpy arrays.

Nothing here opens a file or prints. Applications are simulated in blocks of a few at a
time, each with all its samples, so memory grows with the number of samples but not with the
portfolio; blocks may run on several threads (numpy releases the GIL while drawing and
computing). Per-application figures depend only on the seed; sums over applications are
added in portfolio order on one thread, so totals are byte-identical whatever the block size
or worker count.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from soicost.inputs.quantity import Distribution, Fixed, LogNormal
from soicost.model import streams
from soicost.model.plan import FACTORS, FIT_SPREAD_MAX, AppPlan, PortfolioPlan
from soicost.model.rng import Quantile, Seed, generator
from soicost.model.sampling import Rng, draw, log_draw, standard_normal
from soicost.model.stats import Stats, summarise_block

FloatArray = NDArray[np.float64]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Common:
    """The draws shared by every application: one value per sample."""

    reference_log_cost: FloatArray  # ln(Q (1 + bias))
    log_uplift: FloatArray  # ln(1 + bias)
    elasticities: FloatArray  # (drivers, n)
    intercept: FloatArray  # a = ln Q(1 + bias) − Σ_d e_d ln x_ref,d − Σ_f ln F_f(ref), or fitted
    factor_logs: dict[tuple[str, str | None], FloatArray | float]  # ln F per category in use
    uncertainty: tuple[float, float] | None  # (mu, sigma) when U_i is lognormal
    quote_growth: FloatArray | float = 0.0  # ln(1 + i) of the index quotes follow
    # σ / s per sample under --method fit: the residual spread is itself uncertain.
    spread_scale: FloatArray | None = None


def common_draws(plan: PortfolioPlan, seed: Seed, n: int) -> Common:
    """Draw the common causes: the reference quote, the uplift, elasticities and factors."""
    ref_log = log_draw(plan.reference_quote, generator(seed, streams.quote(plan.reference)), n)
    quote_growth = _quote_growth(plan, seed, n)
    if plan.price_base_year != plan.reference_quote_year:
        ref_log += (plan.price_base_year - plan.reference_quote_year) * quote_growth
    bias = draw(plan.optimism_bias, generator(seed, streams.optimism_bias()), n)
    log_uplift = np.log1p(bias)
    ref_log_cost = ref_log + log_uplift
    factor_logs: dict[tuple[str, str], FloatArray] = {}

    def factor_log(name: str, category: str | None) -> FloatArray | float:
        if category is None:
            return 0.0
        dist = plan.factors[name][category]
        if isinstance(dist, Fixed):  # a number is added as a number, not as n copies of it
            return math.log(dist.value) if dist.value > 0 else -math.inf
        key = (name, category)
        if key not in factor_logs:
            factor_logs[key] = log_draw(dist, generator(seed, streams.factor(name, category)), n)
        return factor_logs[key]

    mixes = {a.categories for a in plan.applications if a.mode == "extrapolated"}
    if plan.method == "fit":
        assert plan.fit is not None
        mean = np.asarray(plan.fit.coefficients)
        chol = np.linalg.cholesky(np.asarray(plan.fit.covariance))
        spread_scale = fit_spread_scale(plan.fit.dof, plan.fit.residual_sd,
                                        generator(seed, streams.fit_variance()), n)
        z = standard_normal(generator(seed, streams.fit()), (len(mean), n))
        coefficients = mean[:, None] + (chol @ z) * spread_scale
        intercept = coefficients[0] + log_uplift
        elasticities = coefficients[1:]
        uncertainty: tuple[float, float] | None = (0.0, plan.fit.residual_sd)
    else:
        elasticities = np.array([draw(dist, generator(seed, streams.elasticity(name)), n)
                                 for name, dist in zip(plan.drivers, plan.elasticities,
                                                       strict=True)]).reshape(-1, n)
        intercept = ref_log_cost.copy()
        fixed, full = _driver_logs(plan.reference_log_drivers,
                                   plan.reference_uncertain_drivers, plan.reference, seed, n)
        if full is None:
            intercept -= fixed @ elasticities
        else:
            intercept -= np.einsum("dn,dn->n", full, elasticities)
        for name, category in zip(FACTORS, plan.reference_categories, strict=True):
            intercept -= factor_log(name, category)
        deviation = plan.reference_uncertainty
        if not isinstance(deviation, Fixed) or deviation.value != 1:
            intercept += log_draw(deviation, generator(seed, streams.reference_deviation()), n)
        spread_scale = None
        dist = plan.application_uncertainty
        uncertainty = (dist.mu, dist.sigma) if isinstance(dist, LogNormal) else None
        if isinstance(dist, Fixed):
            uncertainty = (math.log(dist.value), 0.0)
    # Not a + Σ ln F per mix of categories: a portfolio may hold a hundred mixes.
    logs = {(name, category): factor_log(name, category)
            for mix in mixes for name, category in zip(FACTORS, mix, strict=True)}
    return Common(ref_log_cost, log_uplift, elasticities, intercept, logs, uncertainty,
                  quote_growth, spread_scale)


def fit_spread_scale(dof: float, residual_sd: float, rng: Rng, n: int) -> FloatArray:
    """σ / s per sample: σ² ~ scaled inverse-χ²(dof, s²) truncated to σ ≤ FIT_SPREAD_MAX,
    so σ / s = sqrt(dof / χ²) with χ² ~ χ²_dof given χ² ≥ dof s² / FIT_SPREAD_MAX²."""
    if math.isinf(dof):
        return np.ones(n)
    floor = dof * (residual_sd / FIT_SPREAD_MAX) ** 2
    if isinstance(rng, Quantile):
        # A high quantile of σ is a low one of χ², within the truncated χ².
        from soicost.model.sampling import chi2_cdf, chi2_quantile

        below = chi2_cdf(dof, floor)
        x = chi2_quantile(dof, below + (1 - rng.q) * (1 - below))
        return np.full(n, math.sqrt(dof / max(x, floor)))
    draws = rng.chisquare(dof, n)
    # Draws beyond the bound are drawn again, from the same stream: reproducible, and exact.
    for _ in range(1000):
        low = np.flatnonzero(draws < floor)
        if low.size == 0:
            break
        draws[low] = rng.chisquare(dof, low.size)
    else:  # pragma: no cover - a bound of 1000 rounds is never reached unless s >> the cap
        np.maximum(draws, floor, out=draws)
    result: FloatArray = np.sqrt(dof / draws)
    return result


def _quote_growth(plan: PortfolioPlan, seed: Seed, n: int) -> FloatArray | float:
    """ln(1 + i) for the index that quotes follow: the same stream as the timelines use."""
    dist = plan.quote_index
    if isinstance(dist, Fixed):
        return math.log1p(dist.value)
    return np.log1p(draw(dist, generator(seed, streams.index(plan.quote_index_name)), n))


def _driver_logs(logs: tuple[float, ...], uncertain: tuple[tuple[int, Distribution], ...],
                 app_id: str, seed: Seed, n: int) -> tuple[FloatArray, FloatArray | None]:
    """ln x per driver: a vector when all are fixed, else a (drivers, n) array."""
    fixed = np.asarray(logs, dtype=float)
    if not uncertain:
        return fixed, None
    full = np.repeat(fixed[:, None], n, axis=1)
    for d, dist in uncertain:
        full[d] = log_draw(dist, generator(seed, streams.app_driver(app_id, d)), n)
    return fixed, full


def application_log_cost(app: AppPlan, plan: PortfolioPlan, common: Common, seed: Seed,
                         n: int, out: FloatArray, scratch: FloatArray | None = None) -> None:
    """Write ln(cost) of one application, sample by sample, into ``out``.

    ``scratch``, n floats the caller may lend, saves allocating them. The sums are made in
    one fixed order, (((a + Σ_f ln F_f) + Σ_d e_d ln x_d) + σ z) + μ, each sum from left to
    right: the results depend on it to the last bit.
    """
    if app.zero:
        out[:] = -np.inf
    elif app.mode in ("flat", "reference"):
        out[:] = common.reference_log_cost
    elif app.mode == "quoted":
        assert app.quote is not None
        np.add(log_draw(app.quote, generator(seed, streams.app_quote(app.id)), n),
               common.log_uplift, out=out)
        if app.quote_year != plan.price_base_year:
            out += (plan.price_base_year - app.quote_year) * common.quote_growth
    else:
        fixed, full = _driver_logs(app.log_drivers, app.uncertain_drivers, app.id, seed, n)
        with np.errstate(invalid="ignore"):  # -inf + inf: a strategy factor of 0
            np.add(common.intercept, common.factor_logs[FACTORS[0], app.categories[0]],
                   out=out)
            for name, category in zip(FACTORS[1:], app.categories[1:], strict=True):
                out += common.factor_logs[name, category]
        if full is not None:
            out += np.einsum("dn,dn->n", full, common.elasticities)
        elif fixed.size:
            out += np.matmul(fixed, common.elasticities, out=scratch)
        rng = generator(seed, streams.app_uncertainty(app.id))
        if common.uncertainty is None:
            out += log_draw(plan.application_uncertainty, rng, n)
        else:
            mu, sigma = common.uncertainty
            if sigma > 0:
                noise = standard_normal(rng, n, out=scratch)
                noise *= sigma
                if common.spread_scale is not None:
                    noise *= common.spread_scale
                out += noise
            if mu:
                out += mu


def block_costs(apps: tuple[AppPlan, ...], plan: PortfolioPlan, common: Common, seed: Seed,
                n: int) -> FloatArray:
    """Costs of a few applications: a (len(apps), n) array of samples."""
    out = np.empty((len(apps), n))
    scratch = np.empty(n)
    for j, app in enumerate(apps):
        application_log_cost(app, plan, common, seed, n, out[j], scratch)
    # A draw beyond the largest float is +inf: the statistics say so (an infinite mean is
    # reported as such), rather than a warning on the console.
    with np.errstate(over="ignore"):
        return np.exp(out, out=out)


@dataclass(frozen=True)
class Simulation:
    """Per-application stats, and the sample-wise sums requested by the caller."""

    applications: tuple[Stats, ...]
    sums: FloatArray  # (len(weights columns), n)


def simulate(plan: PortfolioPlan, *, samples: int, seed: Seed,
             weights: FloatArray | None = None, block: int = 16, workers: int = 1,
             on_progress: Callable[[int], None] | None = None) -> Simulation:
    """Simulate every application; return their stats and weighted sums of their costs.

    ``weights`` is (applications, k): column c of the result's ``sums`` is
    Σ_i weights[i, c] · cost_i, sample by sample. The default is one column of ones: the
    portfolio total.
    """
    n_apps = len(plan.applications)
    if weights is None:
        weights = np.ones((n_apps, 1))
    common = common_draws(plan, seed, samples)
    sums = np.zeros((weights.shape[1], samples))
    blocks = [plan.applications[i : i + block] for i in range(0, n_apps, block)]

    def work(apps: tuple[AppPlan, ...]) -> tuple[list[Stats], FloatArray]:
        costs = block_costs(apps, plan, common, seed, samples)
        return summarise_block(costs), costs

    stats: list[Stats] = []
    index = 0
    for block_stats, costs in _ordered_map(work, blocks, workers):
        for row in costs:
            for c in np.flatnonzero(weights[index]):
                w = weights[index, c]
                if w == 1:
                    sums[c] += row
                else:
                    sums[c] += w * row
            index += 1
        stats.extend(block_stats)
        if on_progress is not None:
            on_progress(len(costs))
    return Simulation(tuple(stats), sums)


def _ordered_map(func: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map`` on a thread pool, in order, with at most ``workers + 1`` results pending so
    memory stays bounded."""
    if workers <= 1:
        yield from map(func, items)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
