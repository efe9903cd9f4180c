"""``soicost estimate``: the migration cost of every application and of the portfolio."""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from soicost.defaults import DEFAULT_SAMPLES, DEFAULT_SEED
from soicost.errors import ModelError, Problem, UsageError
from soicost.finance.euros import EUROS, Euros
from soicost.i18n import Said
from soicost.inputs.inputs import Inputs
from soicost.limits import check_samples, check_seed, check_workers
from soicost.model.plan import METHODS, Method, PortfolioPlan, build_plan
from soicost.model.stats import Stats
from soicost.version import __version__

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from soicost.finance.assets import AssetReport
    from soicost.finance.scenarios import Comparison

JSON_SCHEMA_VERSION = 1
# Below this many application-samples a second thread costs more than it saves.
PARALLEL_THRESHOLD = 2_000_000


@dataclass(frozen=True)
class EstimateOptions:
    """The options that change results (all of them go into the fingerprint)."""

    method: Method = "drivers"
    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    euros: Euros = "constant"

    def as_dict(self) -> dict[str, object]:
        return {"method": self.method, "samples": self.samples, "seed": self.seed,
                "euros": self.euros}


@dataclass(frozen=True)
class Execution:
    """How to run (never changes results): applications per block and threads."""

    block: int = 16
    workers: int | None = None  # None: decide from the size of the job


@dataclass(frozen=True)
class AppEstimate:
    id: str
    name: str
    kind: str
    strategy: str | None
    criticality: str | None
    mode: str
    illustrative: bool
    stats: Stats


@dataclass(frozen=True)
class Estimate:
    """The result of ``estimate``: everything the renderers show, nothing they compute."""

    options: EstimateOptions
    fingerprint: str
    currency: str
    reference: str
    optimism_bias: str
    migration: Stats
    applications: tuple[AppEstimate, ...]
    illustrative_share: float
    assets: AssetReport | None = None
    comparison: Comparison | None = None
    input_digests: tuple[tuple[str, str], ...] = ()
    price_base_year: int = 0
    # The draws summarised in ``migration`` (for histograms; not part of the JSON).
    migration_samples: NDArray[np.float64] | None = field(default=None, repr=False,
                                                          compare=False)
    soicost_version: str = __version__
    notes: tuple[str, ...] = field(default=())
    # The inputs' warnings (legal but suspicious values), for outputs that travel without
    # the stderr they were printed on.
    warnings: tuple[Problem, ...] = field(default=())


def check_options(options: EstimateOptions) -> None:
    """Refuse options that cannot give a result, before anything is read or computed."""
    if options.method not in METHODS:
        raise UsageError(Said("unknown method {method!r}; choose one of {methods}",
                              method=options.method, methods=", ".join(METHODS)))
    check_samples(options.samples)
    if options.euros not in EUROS:
        raise UsageError(Said("must be constant or current, not {euros!r}",
                              euros=options.euros), option="euros")
    check_seed(options.seed)


def choose_workers(n_apps: int, samples: int, requested: int | None) -> int:
    if requested is not None:
        return max(1, requested)
    if n_apps * samples < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def estimate(inputs: Inputs, options: EstimateOptions | None = None,
             execution: Execution | None = None,
             on_progress: Callable[[int], None] | None = None,
             scenarios: list[str] | None = None) -> Estimate:
    """Simulate the migration cost of every application of ``inputs``, value the assets and
    evaluate the scenarios (all of them, or the status quo and those in ``scenarios``).

    Raises UsageError for impossible options or unknown scenario ids, and ModelError when
    the method cannot be applied to these inputs.
    """
    from soicost.analysis.fingerprint import file_digests, fingerprint
    from soicost.finance.assets import value_assets
    from soicost.finance.scenarios import (
        MigrationSums,
        ScenarioRun,
        evaluate,
        horizon,
        migration_columns,
        scenario_list,
    )
    from soicost.model.engine import simulate
    from soicost.model.stats import summarise

    options = options or EstimateOptions()
    execution = execution or Execution()
    check_options(options)
    check_workers(execution.workers)
    known = [s.id for s in inputs.assumptions.scenarios]
    for ident in scenarios or []:
        if ident not in known and ident != "status-quo":
            import difflib

            close = difflib.get_close_matches(ident, known, n=1)
            raise UsageError(Said("no scenario {id!r} in assumptions.yaml{more}", id=ident,
                                  more=Said("; did you mean {name!r}?", name=close[0])
                                  if close else Said("; known: {names}", names=(
                                      ", ".join(known) or Said("none")))))
    plan = build_plan(inputs, options.method)
    chosen = scenario_list(inputs, scenarios)
    weights, columns, dates = migration_columns(inputs, chosen, horizon(inputs).years)
    workers = choose_workers(len(plan.applications), options.samples, execution.workers)
    # Overflow from extreme inputs is reported once, by _check_finite, not as numpy
    # warnings (which worker threads would print past any errstate).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        sim = simulate(plan, samples=options.samples, seed=options.seed, weights=weights,
                       block=max(1, execution.block), workers=workers,
                       on_progress=on_progress)
        migration = summarise(sim.sums[0])
    apps = _app_estimates(inputs, plan, sim.applications)
    _check_finite([(Said("the migration cost of {id!r}", id=a.id), a.stats) for a in apps]
                  + [(Said("the portfolio's migration cost"), migration)])
    illustrative = sum(a.stats.mean for a in apps if a.illustrative)
    share = illustrative / migration.mean if migration.mean > 0 else 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        comparison = evaluate(ScenarioRun(
            inputs, tuple(chosen), MigrationSums(sim.sums, columns, dates), options.samples,
            options.seed, options.euros))
    _check_finite([(Said("the net present value of scenario {id!r}", id=sc.id), sc.npv)
                   for sc in comparison.scenarios])
    return Estimate(
        options=options,
        fingerprint=fingerprint(inputs, options.as_dict()),
        input_digests=tuple(file_digests(inputs).items()),
        currency=inputs.assumptions.currency,
        reference=plan.reference,
        optimism_bias=inputs.assumptions.optimism_bias.text,
        migration=migration,
        applications=apps,
        illustrative_share=min(1.0, share),
        assets=value_assets(inputs, samples=options.samples, seed=options.seed),
        comparison=comparison,
        price_base_year=plan.price_base_year,
        migration_samples=sim.sums[0],
        warnings=inputs.warnings,
    )


def _check_finite(figures: Sequence[tuple[str, Stats]]) -> None:
    """Refuse results that overflowed: valid but extreme inputs (a quote of 1e308, a driver
    of 1e308 at elasticity 1) can multiply beyond what a float holds."""
    for what, stats in figures:
        values = (stats.p10, stats.p50, stats.p90, stats.mean)
        if not all(math.isfinite(v) for v in values):
            raise ModelError(Said("{what} is not a finite number: the inputs multiply beyond "
                                  "1e308; check the largest amounts, drivers and elasticities",
                                  what=what))


def _app_estimates(inputs: Inputs, plan: PortfolioPlan, stats: tuple[Stats, ...]
                   ) -> tuple[AppEstimate, ...]:
    models = inputs.applications.applications
    return tuple(
        AppEstimate(id=p.id, name=p.name, kind=m.kind, strategy=m.strategy,
                    criticality=m.criticality, mode=p.mode, illustrative=p.illustrative,
                    stats=s)
        for p, m, s in zip(plan.applications, models, stats, strict=True))
