"""Summaries of Monte Carlo samples: P10, P50, P90, mean, and their standard errors."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

PERCENTILES = (0.10, 0.50, 0.90)


@dataclass(frozen=True)
class Stats:
    """P10/P50/P90/mean of a figure, with the Monte Carlo standard error of each."""

    p10: float
    p50: float
    p90: float
    mean: float
    se_p10: float
    se_p50: float
    se_p90: float
    se_mean: float

    def as_dict(self) -> dict[str, float]:
        return {"p10": self.p10, "p50": self.p50, "p90": self.p90, "mean": self.mean}

    def errors(self) -> dict[str, float]:
        return {"p10": self.se_p10, "p50": self.se_p50, "p90": self.se_p90,
                "mean": self.se_mean}


def _indices(n: int) -> tuple[list[tuple[int, int, float, int, int]], list[int]]:
    """For each percentile: the two order statistics to interpolate between (numpy's
    default 'linear' definition) and the two that bracket it by one binomial standard
    deviation, whose half-distance estimates its standard error."""
    plan = []
    kth: set[int] = set()
    for p in PERCENTILES:
        h = (n - 1) * p
        lo = math.floor(h)
        hi = min(lo + 1, n - 1)
        spread = math.sqrt(n * p * (1 - p))
        below = max(0, min(n - 1, round(n * p - spread)))
        above = max(0, min(n - 1, round(n * p + spread)))
        plan.append((lo, hi, h - lo, below, above))
        kth.update((lo, hi, below, above))
    return plan, sorted(kth)


def summarise_rows(samples: NDArray[np.float64]) -> list[Stats]:
    """Stats of each row of a (rows, n) array of samples. Does not modify ``samples``."""
    rows, n = samples.shape
    plan, kth = _indices(n)
    ordered = np.partition(samples, kth, axis=1)
    means = samples.mean(axis=1)
    # One pass for the spread: the standard error of the mean needs two digits, not ten.
    squares = np.einsum("ij,ij->i", samples, samples) / n
    sds = np.sqrt(np.maximum(squares - means * means, 0.0))
    out = []
    for r in range(rows):
        row = ordered[r]
        values = []
        errors = []
        for lo, hi, frac, below, above in plan:
            values.append(float(row[lo] + frac * (row[hi] - row[lo])))
            errors.append(float(row[above] - row[below]) / 2)
        out.append(Stats(values[0], values[1], values[2], float(means[r]),
                         errors[0], errors[1], errors[2], float(sds[r]) / math.sqrt(n)))
    return out


def summarise(samples: NDArray[np.float64]) -> Stats:
    """Stats of one array of samples."""
    return summarise_rows(samples.reshape(1, -1))[0]
