"""Benchmark ``soicost backtest`` on the public histories of calibration/.

    python benchmarks/bench_backtest.py [--repeat K]

For each history: the best wall time of K runs of the library's backtest (both protocols,
default options), the predictions made, and the predictions per second; then, as the one
baseline of the same run, the time one core takes to draw and exponentiate as many normals
as the single-reference protocol needs (projects × (projects − 1) × samples). The ratio says
how far the backtest is from the cost of its random numbers: the rest is ranking the actuals
in their samples and searching the calibrated spread. Printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from soicost.analysis.backtest import BacktestOptions, run_backtest
from soicost.inputs.loader import load_assumptions

ROOT = Path(__file__).resolve().parent.parent
SETS = ("kemerer", "desharnais", "nasa93", "kitchenham")


def _best(func: object, repeat: int) -> float:
    assert callable(func)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    assumptions, _ = load_assumptions(ROOT / "calibration" / "assumptions.yaml")
    options = BacktestOptions()
    print("| history | projects | predictions | backtest, s | predictions/s | "
          "normals baseline, s | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in SETS:
        path = ROOT / "calibration" / "histories" / f"{name}.csv"
        result = run_backtest(path, assumptions, options)
        seconds = _best(lambda p=path: run_backtest(p, assumptions, options), args.repeat)
        n = len(result.history.projects)
        draws = n * (n - 1) * options.samples
        rng = np.random.default_rng(0)
        baseline = _best(lambda d=draws, g=rng: np.exp(g.standard_normal(d)), args.repeat)
        predictions = result.single.inside_80.count + (
            result.fit.inside_80.count if result.fit is not None else 0)
        print(f"| {name} | {n} | {predictions:,} | {seconds:.2f} | "
              f"{predictions / seconds:,.0f} | {baseline:.3f} | {seconds / baseline:.0f} |")


if __name__ == "__main__":
    main()
