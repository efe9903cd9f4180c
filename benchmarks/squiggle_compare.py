"""For comparison only: the 700-application model written with squigglepy, timed.

Not part of soicost, its tests or its dependencies. Run it from a separate environment:

    python3 -m venv /tmp/sqvenv && /tmp/sqvenv/bin/pip install squigglepy pyyaml
    /tmp/sqvenv/bin/python benchmarks/squiggle_compare.py [--apps 700] [--samples 100000]

It builds the same portfolio as ``generate.py`` (the bundled assumptions: elasticities
"0.3 to 0.7" etc., kind/strategy/criticality factors, uncertainty "0.5 to 2", the
Flyvbjerg optimism-bias mixture, Piaf's 500 k€ quote) and times two idiomatic ways of
writing it, each giving per-application P10/P50/P90/mean and the portfolio total:

* ``composed``: one squigglepy expression per application, sampled with ``sq.sample``.
  squigglepy draws every leaf of an expression afresh, so the elasticities and factors
  are not shared between applications (a different, over-diversified model), but this is
  how a squigglepy user would first write it;
* ``shared``: common causes drawn once with ``sq.sample`` and combined with numpy, the
  application's own uncertainty drawn with squigglepy: the same model as soicost.

Percentiles use ``sq.get_percentiles`` (numpy's ``percentile``). Times include nothing
of Python's start-up; the import of squigglepy is timed separately.
"""

from __future__ import annotations

import argparse
import importlib
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import synthetic_applications

KIND = {"vendor": 1.0, "in-house": 0.8, "lutece": 0.5, "saas": 0.2}
CRITICALITY = {"low": 0.8, "medium": 1.0, "high": 1.2, "vital": 1.4}
FIXED_STRATEGY = {"retain": 0.0, "retire": 0.1, "rehost": 0.6, "replatform": 1.0}
RANGE_STRATEGY = {"refactor": (1.5, 3.0), "repurchase": (1.0, 2.0)}
ELASTICITY = {"users": (0.3, 0.7), "interfaces": (0.1, 0.4), "data_gb": (0.05, 0.25)}
QUOTE = 500_000.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=700)
    parser.add_argument("--samples", type=int, default=100_000)
    args = parser.parse_args()
    start = time.perf_counter()
    sq: Any = importlib.import_module("squigglepy")
    imported = time.perf_counter() - start
    sq.set_seed(20220518)
    apps = synthetic_applications(args.apps)
    ref = apps[0]
    n = args.samples
    bias = sq.mixture([sq.norm(mean=-0.076, sd=0.15),
                       sq.lognorm(norm_mean=0.5418971805599453, norm_sd=0.55)], [5 / 6, 1 / 6])

    def strategy(name: str | None) -> Any:
        if name in RANGE_STRATEGY:
            return sq.to(*RANGE_STRATEGY[name])
        return FIXED_STRATEGY.get(name or "", 1.0)

    ref_factor = (KIND[ref["kind"]] * FIXED_STRATEGY[ref["strategy"]]
                  * CRITICALITY[ref["criticality"]])

    # composed: one squigglepy expression per application
    start = time.perf_counter()
    total = np.zeros(n)
    for app in apps[1:]:
        cost: Any = QUOTE * (1 + bias)
        for driver, (low, high) in ELASTICITY.items():
            cost = cost * (app["drivers"][driver] / ref["drivers"][driver]) ** sq.to(low, high)
        cost = cost * KIND[app["kind"]] * CRITICALITY.get(app.get("criticality") or "", 1.0)
        cost = cost * strategy(app.get("strategy")) / ref_factor * sq.to(0.5, 2)
        samples = sq.sample(cost, n=n)
        sq.get_percentiles(samples, [10, 50, 90])
        float(np.mean(samples))
        total += samples
    sq.get_percentiles(total, [10, 50, 90])
    composed = time.perf_counter() - start

    # shared: common causes drawn once, combined with numpy
    start = time.perf_counter()
    uplift = QUOTE * (1 + sq.sample(bias, n=n))
    elasticities = {d: sq.sample(sq.to(lo, hi), n=n) for d, (lo, hi) in ELASTICITY.items()}
    strategies = {s: sq.sample(sq.to(lo, hi), n=n) for s, (lo, hi) in RANGE_STRATEGY.items()}
    total = np.zeros(n)
    for app in apps[1:]:
        log_size = sum(elasticities[d] * math.log(app["drivers"][d] / ref["drivers"][d])
                       for d in ELASTICITY)
        name = app.get("strategy")
        factor = (KIND[app["kind"]] * CRITICALITY.get(app.get("criticality") or "", 1.0)
                  / ref_factor)
        strat = strategies[name] if name in RANGE_STRATEGY else FIXED_STRATEGY.get(
            name or "", 1.0)
        samples = uplift * np.exp(log_size) * factor * strat * sq.sample(sq.to(0.5, 2), n=n)
        sq.get_percentiles(samples, [10, 50, 90])
        float(np.mean(samples))
        total += samples
    sq.get_percentiles(total, [10, 50, 90])
    shared = time.perf_counter() - start

    print(f"squigglepy {sq.__version__}, numpy {np.__version__}, {args.apps} applications × "
          f"{n:,} samples")
    print(f"| way | seconds | draws/s |\n|---|---:|---:|\n| import squigglepy | {imported:.2f} | |")
    for label, seconds in (("composed (per-application expressions)", composed),
                           ("shared (common causes once, numpy)", shared)):
        print(f"| {label} | {seconds:.2f} | {args.apps * n / seconds / 1e6:.1f} M |")


if __name__ == "__main__":
    main()
