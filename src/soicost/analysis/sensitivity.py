"""``soicost sensitivity``: which groups of inputs drive a figure's range.

Inputs are grouped the way an analyst thinks ("reference quote", "elasticity of users",
"application-level uncertainty (all applications)", "staff cost"…): a group is a set of
random streams (see :mod:`soicost.model.rng`), redrawn together; which group a stream belongs to
is declared with its kind in :mod:`soicost.model.streams`. Two methods, on the same streams:

- a tornado: the figure with every input at its median, then with one group at its P10 and
  at its P90 (every variable of the group at that quantile);
- Sobol indices: first order (Saltelli 2010) and total (Jansen 1999) from the A, B and
  A_B^(g) designs, where A_B^(g) takes group g's streams from seed B and all others from A,
  with bootstrap confidence intervals (see :mod:`soicost.analysis.sensitivity_core`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from soicost.analysis.estimate import Estimate, EstimateOptions, check_options
from soicost.errors import UsageError
from soicost.i18n import N_, Message, Said
from soicost.inputs.inputs import Inputs
from soicost.inputs.scalars import Local
from soicost.limits import MIN_SAMPLES, check_sensitivity_samples
from soicost.model.rng import Quantile, Seed, StreamSeeds
from soicost.model.streams import group_of, label_of

FloatArray = NDArray[np.float64]
DEFAULT_SAMPLES = 4096
# Seed B of the Sobol design: any seed other than A gives independent streams.
B_OFFSET = 1


@dataclass(frozen=True)
class InputSensitivity:
    name: str
    first_order: float
    total: float
    first_order_ci: tuple[float, float]
    total_ci: tuple[float, float]
    swing_low: float  # the figure with this group at its P10, the others at their medians
    swing_high: float  # ... at its P90
    # ``name`` (the JSON's, in English) as a message of the catalogue, worded when shown.
    label: Message | None = None

    @property
    def swing(self) -> float:
        return abs(self.swing_high - self.swing_low)


@dataclass(frozen=True)
class Sensitivity:
    figure: str
    samples: int
    seed: int
    at_medians: float
    variance: float
    inputs: tuple[InputSensitivity, ...]  # by total index, largest first
    method: str = "sobol (Saltelli 2010 first order, Jansen 1999 total) + tornado"
    # The figure in words ("the migration cost"), worded when shown; None: its id.
    label: Message | None = None
    currency: str = "EUR"  # of the figure and its swings


def figure_label(inputs: Inputs, figure: str) -> Message | None:
    """``figure`` (migration, app:ID, scenario:ID, delta:ID) in words, naming the application
    or the scenario: what a title shows where the command line takes the id."""
    kind, _, ident = figure.partition(":")
    apps = {a.id: a.name for a in inputs.applications.applications}
    scenarios = {x.id: x.name for x in inputs.assumptions.scenarios}
    if figure == "migration":
        return Message(N_("the migration cost"))
    if kind == "app" and ident in apps:
        return Message(N_("the migration cost of {name}"), {"name": Local(apps[ident])})
    if kind == "scenario" and ident in scenarios:
        return Message(N_("the net present value of {name}"), {"name": Local(scenarios[ident])})
    if kind == "delta" and ident in scenarios:
        return Message(N_("the difference of {name} to the status quo"),
                       {"name": Local(scenarios[ident])})
    return None


def _model(inputs: Inputs, figure: str, options: EstimateOptions
           ) -> Callable[[Seed, int], FloatArray]:
    """The figure's samples as a function of the stream seeds and the sample size."""
    from soicost.finance.scenarios import (
        MigrationSums,
        ScenarioRun,
        horizon,
        migration_columns,
        npv_samples,
        scenario_list,
    )
    from soicost.model.engine import simulate
    from soicost.model.plan import build_plan

    plan = build_plan(inputs, options.method)
    if figure == "migration":
        def migration(seeds: Seed, n: int) -> FloatArray:
            total: FloatArray = simulate(plan, samples=n, seed=seeds).sums[0]
            return total
        return migration
    kind, _, ident = figure.partition(":")
    known = [s.id for s in scenario_list(inputs)]
    if kind not in ("scenario", "delta") or ident not in known:
        close = difflib.get_close_matches(ident or figure, known, n=1)
        raise UsageError(Said("unknown figure {figure!r}: choose migration, scenario:ID or "
                              "delta:ID{more}", figure=figure, more=Said(
                                  "; did you mean {kind}:{name}?", kind=kind, name=close[0])
                              if close else Said(" with ID among {names}",
                                                 names=", ".join(known))))
    chosen = scenario_list(inputs, [ident])
    if kind == "delta" and ident == chosen[0].id:
        raise UsageError(Said("{id!r} is the status quo: its difference to itself is 0",
                              id=ident))
    weights, columns, dates = migration_columns(inputs, chosen, horizon(inputs).years)

    def scenario(seeds: Seed, n: int) -> FloatArray:
        sums = simulate(plan, samples=n, seed=seeds, weights=weights).sums
        npv, delta = npv_samples(ScenarioRun(inputs, tuple(chosen),
                                             MigrationSums(sums, columns, dates), n, seeds,
                                             options.euros))[ident]
        if kind == "delta":
            assert delta is not None
            return delta
        return npv
    return scenario


def sensitivity(inputs: Inputs, figure: str = "migration",
                options: EstimateOptions | None = None, bootstrap: int = 200) -> Sensitivity:
    """Tornado swings and Sobol indices of ``figure`` for every group of uncertain inputs."""
    from soicost.analysis.sensitivity_core import sobol_indices, tornado

    options = options or EstimateOptions(samples=DEFAULT_SAMPLES)
    check_options(options)
    model = _model(inputs, figure, options)
    n, seed = options.samples, options.seed

    # Which streams does the figure draw from? Run it once, small, and listen.
    seen: set[str] = set()
    model(StreamSeeds(seed, seen=seen), 2)
    labels = {group_of(name): label_of(name) for name in sorted(seen)}
    groups = sorted(labels)

    def in_group(label: str) -> Callable[[str], bool]:
        return lambda name: group_of(name) == label

    def at_quantiles(levels: dict[str, float]) -> float:
        overrides = tuple((in_group(g), Quantile(q)) for g, q in levels.items() if q != 0.5)
        return float(model(StreamSeeds(Quantile(0.5), overrides), 1)[0])

    swings = {s.name: s for s in tornado(at_quantiles, dict.fromkeys(groups, 0.1),
                                         dict.fromkeys(groups, 0.9),
                                         dict.fromkeys(groups, 0.5))}
    at_medians = at_quantiles(dict.fromkeys(groups, 0.5))

    seed_b = seed + B_OFFSET
    f_a = model(StreamSeeds(seed), n)
    f_b = model(StreamSeeds(seed_b), n)
    f_ab = np.stack([model(StreamSeeds(seed, ((in_group(g), seed_b),)), n) for g in groups])
    indices = sobol_indices(f_a, f_b, f_ab, rng=np.random.Generator(np.random.PCG64(seed)),
                            bootstrap=bootstrap)
    results = [
        InputSensitivity(
            name=g, first_order=float(indices.first_order[i]), total=float(indices.total[i]),
            first_order_ci=(float(indices.first_order_ci[i, 0]),
                            float(indices.first_order_ci[i, 1])),
            total_ci=(float(indices.total_ci[i, 0]), float(indices.total_ci[i, 1])),
            swing_low=swings[g].at_low, swing_high=swings[g].at_high, label=labels[g])
        for i, g in enumerate(groups)]
    results.sort(key=lambda r: (-r.total, -r.swing, r.name))
    variance = float(np.var(np.concatenate([f_a, f_b])))
    return Sensitivity(figure, n, seed, at_medians, variance, tuple(results),
                       label=figure_label(inputs, figure),
                       currency=inputs.assumptions.currency)


def report_sensitivities(inputs: Inputs, result: Estimate, samples: int) -> list[Sensitivity]:
    """The analyses of the report: the portfolio's migration cost and each scenario's
    difference to the status quo, with ``samples`` per design matrix (0: none)."""
    check_sensitivity_samples(samples)
    if not samples or result.comparison is None:
        return []
    small = replace(result.options, samples=max(samples, MIN_SAMPLES))
    figures = ["migration", *(f"delta:{s.id}" for s in result.comparison.scenarios[1:])]
    return [sensitivity(inputs, f, small) for f in figures]
