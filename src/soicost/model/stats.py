"""Summaries of Monte Carlo samples: P10, P50, P90, mean, and their standard errors.

Percentiles are exact order statistics, the very ones ``np.partition`` gives; they are found
by value rather than by partitioning, which is several times cheaper on 100,000 samples: a
sorted subsample brackets the ranks wanted, comparisons pick out the draws within the
brackets, and only those few are sorted. Counting the draws below a bracket proves the ranks
lie within it; when they do not (about once in ten thousand rows of distinct values), the
row is sorted instead. Rows holding a NaN or an infinity, and percentiles at zero in rows
holding a -0.0 (which ties with +0.0 but prints differently), are left to ``np.partition``
as they always were. Either way the figures are the same, bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

PERCENTILES = (0.10, 0.50, 0.90)
# Rows shorter than this are simply sorted; longer ones are searched by value through a
# subsample of about half as many draws.
SORT_BELOW = 8192
# The brackets are this many binomial standard deviations (of the subsample's count below
# a rank) wide, so that they miss the wanted ranks about once in ten thousand rows.
MARGIN_SD = 4.0


# A mean known within 5 % (one standard error) is quoted; beyond, it is flagged.
MEAN_TOLERANCE = 0.05


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

    def mean_is_unstable(self, tolerance: float = MEAN_TOLERANCE) -> bool:
        """Whether rare extreme draws dominate the mean: its Monte Carlo standard error is
        above ``tolerance`` of it (heavy tails, as a fit on few quotes gives). Percentiles
        stay reliable; the mean then is not a figure to cite."""
        return self.mean != 0 and self.se_mean > tolerance * abs(self.mean)


@dataclass(frozen=True)
class _Ranks:
    """Where one percentile lies among ``n`` sorted samples (0-based ranks)."""

    lo: int  # the percentile interpolates between order statistics lo and hi,
    hi: int  # numpy's default 'linear' definition
    frac: float
    below: int  # one binomial standard deviation either side: half the distance between
    above: int  # these two order statistics estimates the percentile's standard error

    @property
    def first(self) -> int:
        return min(self.lo, self.below)

    @property
    def last(self) -> int:
        return max(self.hi, self.above)


def _ranks(n: int) -> tuple[_Ranks, ...]:
    """The ranks of P10, P50 and P90 among ``n`` samples."""
    out = []
    for p in PERCENTILES:
        h = (n - 1) * p
        lo = math.floor(h)
        spread = math.sqrt(n * p * (1 - p))
        out.append(_Ranks(lo=lo, hi=min(lo + 1, n - 1), frac=h - lo,
                          below=max(0, min(n - 1, round(n * p - spread))),
                          above=max(0, min(n - 1, round(n * p + spread)))))
    return tuple(out)


# A window (offset, values): values[k - offset] is the k-th smallest sample of a row, for
# every rank k of one percentile.
Window = tuple[int, FloatArray]


def _windows_by_value(row: FloatArray, ranks: tuple[_Ranks, ...]) -> list[Window] | None:
    """The windows of all percentiles, found by value; None when a bracket misses its
    ranks, or the brackets hold too many draws to be worth it (a row of ties)."""
    n = row.size
    sample = np.sort(row[:: n // (SORT_BELOW // 2)])
    m = sample.size
    inside = np.zeros(n, dtype=bool)  # the draws within any bracket
    above_lower = np.empty(n, dtype=bool)
    below_upper = np.empty(n, dtype=bool)
    brackets = []
    for r in ranks:
        q = r.first / n
        margin = MARGIN_SD * math.sqrt(m * q * (1 - q)) + 1
        i = math.floor(r.first * m / n - margin)
        j = math.ceil((r.last + 1) * m / n + margin)
        lower = sample[i] if i >= 0 else -math.inf
        upper = sample[j] if j < m else math.inf
        np.greater_equal(row, lower, out=above_lower)
        count_below = n - int(np.count_nonzero(above_lower))
        np.less_equal(row, upper, out=below_upper)
        np.logical_and(above_lower, below_upper, out=above_lower)
        np.logical_or(inside, above_lower, out=inside)
        brackets.append((lower, upper, count_below))
    if np.count_nonzero(inside) > n // 4:
        return None
    between = np.compress(inside, row)
    between.sort()
    windows = []
    for r, (lower, upper, count_below) in zip(ranks, brackets, strict=True):
        # The draws in [lower, upper] are between[start:stop], and count_below draws are
        # smaller: between[start + k - count_below] is the k-th smallest draw of the row.
        start = int(np.searchsorted(between, lower, side="left"))
        stop = int(np.searchsorted(between, upper, side="right"))
        if count_below > r.first or count_below + stop - start <= r.last:
            return None
        windows.append((count_below - start, between))
    return windows


def _windows(row: FloatArray, ranks: tuple[_Ranks, ...], finite: bool) -> list[Window]:
    """The windows of one row: found by value, else by sorting, else by ``np.partition``."""
    found = None
    if finite:
        if row.size >= SORT_BELOW:
            found = _windows_by_value(row, ranks)
        if found is None:
            found = [(0, np.sort(row))] * len(ranks)
        # -0.0 and +0.0 tie, so which of them stands at a rank depends on the algorithm.
        if any(window[k - offset] == 0 for r, (offset, window) in zip(ranks, found, strict=True)
               for k in (r.lo, r.hi, r.below, r.above)) and np.signbit(row).any():
            found = None
    if found is None:
        kth = sorted({k for r in ranks for k in (r.lo, r.hi, r.below, r.above)})
        found = [(0, np.partition(row, kth))] * len(ranks)
    return found


def _summarise(samples: FloatArray, squares: FloatArray) -> list[Stats]:
    n = samples.shape[1]
    ranks = _ranks(n)
    means = samples.mean(axis=1)
    # One pass for the spread: the standard error of the mean needs two digits, not ten.
    sds = np.sqrt(np.maximum(squares / n - means * means, 0.0))
    out = []
    for row, mean, sd in zip(samples, means, sds, strict=True):
        values = []
        errors = []
        for r, (offset, window) in zip(ranks, _windows(row, ranks, bool(np.isfinite(mean))),
                                       strict=True):
            lo, hi = window[r.lo - offset], window[r.hi - offset]
            values.append(float(lo + r.frac * (hi - lo)))
            errors.append(float(window[r.above - offset] - window[r.below - offset]) / 2)
        out.append(Stats(values[0], values[1], values[2], float(mean),
                         errors[0], errors[1], errors[2], float(sd) / math.sqrt(n)))
    return out


def summarise_rows(samples: FloatArray) -> list[Stats]:
    """Stats of each row of a (rows, n) array of samples. Does not modify ``samples``."""
    return _summarise(samples, np.einsum("ij,ij->i", samples, samples))


def summarise_block(samples: FloatArray) -> list[Stats]:
    """Like :func:`summarise_rows`, but a row's stats never depend on the rows around it.

    einsum sums the squares of a lone row of more than 8,192 samples in buffered chunks, so
    they round differently than in a matrix: a lone row is summed as part of a two-row one,
    so that the engine's figures do not depend on how many applications share a block.
    """
    if samples.shape[0] == 1:
        pair = np.concatenate([samples, samples])
        return _summarise(samples, np.einsum("ij,ij->i", pair, pair)[:1])
    return summarise_rows(samples)


def summarise(samples: FloatArray) -> Stats:
    """Stats of one array of samples."""
    return summarise_rows(samples.reshape(1, -1))[0]
