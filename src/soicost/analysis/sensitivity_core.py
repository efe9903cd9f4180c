"""The numerical core of the sensitivity analysis: Sobol indices and tornado swings.

Pure functions over numpy arrays: no I/O, no printing, no global random state (every
function that draws takes an explicit :class:`numpy.random.Generator`).

Sobol indices use the "radial" (Saltelli) design. Two independent sample matrices ``A`` and
``B`` are drawn; for each input group ``i`` a third matrix ``A_B^(i)`` takes the inputs of
group ``i`` from ``B`` and all the others from ``A``. The model is run on ``A``, ``B`` and
the ``k`` matrices ``A_B^(i)``: ``(k + 2) × n`` evaluations for ``k`` groups and ``n`` rows.

* first order (Saltelli et al. 2010): ``S_i = mean(f_B · (f_AB_i − f_A)) / Var(Y)``
* total (Jansen 1999): ``ST_i = mean((f_A − f_AB_i)²) / 2 / Var(Y)``

``Var(Y)`` is estimated from the concatenation of ``f_A`` and ``f_B``. The first-order
numerator is computed on the output centred on that same concatenation's mean (as SALib
does): in expectation this changes nothing, but without it the estimator's variance grows
with the square of the output's mean, and cost figures have large means. Because
``f_AB_i − f_A`` does not depend on the centring, a group that does not change the output
(``f_AB_i == f_A`` exactly) still gets exactly 0.

See ``docs/sensitivity.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Indices",
    "Swing",
    "ab_matrices",
    "evaluations",
    "ishigami",
    "ishigami_indices",
    "sample_ishigami_matrices",
    "sobol_indices",
    "tornado",
]

FloatArray = NDArray[np.float64]

# Bootstrap replicates are computed in chunks of at most this many array elements, so that
# memory stays bounded (about 30 MB) whatever n and the number of replicates.
_CHUNK_ELEMENTS = 1 << 20


def _frozen(array: FloatArray) -> FloatArray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Indices:
    """Sobol indices of ``k`` input groups, with bootstrap confidence intervals.

    ``first_order`` and ``total`` have shape ``(k,)``; ``first_order_ci`` and ``total_ci``
    have shape ``(k, 2)`` (lower, upper). The arrays are read-only. Estimates are not
    clipped: a small negative value, or a first order slightly above the total, is sampling
    noise around the true value.
    """

    first_order: FloatArray
    total: FloatArray
    first_order_ci: FloatArray
    total_ci: FloatArray

    @property
    def interactions(self) -> FloatArray:
        """``total − first_order``: the share of variance due to the group's interactions."""
        return self.total - self.first_order


@dataclass(frozen=True)
class Swing:
    """One bar of a tornado chart: the output with one input at its low and high values."""

    name: str
    low_value: float
    high_value: float
    at_low: float
    at_high: float
    swing: float


def evaluations(n: int, k: int) -> int:
    """Model evaluations needed for Sobol indices of ``k`` groups with ``n`` rows."""
    return (k + 2) * n


def _as_outputs(
    f_a: NDArray[np.floating], f_b: NDArray[np.floating], f_ab: NDArray[np.floating]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    a = np.asarray(f_a, dtype=np.float64)
    b = np.asarray(f_b, dtype=np.float64)
    ab = np.asarray(f_ab, dtype=np.float64)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"f_a and f_b must be 1-D, got shapes {a.shape} and {b.shape}")
    n = a.shape[0]
    if b.shape[0] != n:
        raise ValueError(f"f_a and f_b differ in length: {n} and {b.shape[0]}")
    if n < 2:
        raise ValueError(f"at least 2 rows are needed, got {n}")
    if ab.ndim == 1 and ab.shape[0] == n:
        ab = ab.reshape(1, n)
    if ab.ndim != 2 or ab.shape[1] != n:
        raise ValueError(f"f_ab must have shape (k, {n}), got {ab.shape}")
    for label, values in (("f_a", a), ("f_b", b), ("f_ab", ab)):
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{label} contains NaN or infinite values")
    return a, b, ab


def _estimate(a: FloatArray, b: FloatArray, ab: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Point estimates of the first-order and total indices (each of shape ``(k,)``); the
    output is known to vary."""
    n = a.shape[0]
    y = np.concatenate((a, b))
    var = y.var()
    diff = ab - a
    # A group that leaves the output unchanged has diff == 0 exactly, so both numerators
    # are exactly 0 whatever the centring.
    first = np.einsum("kn,n->k", diff, b - y.mean()) / n / var
    total = np.einsum("kn,kn->k", diff, diff) / (2 * n) / var
    # + 0.0 turns a -0.0 into 0.0.
    return first + 0.0, total + 0.0


def sobol_indices(
    f_a: NDArray[np.floating],
    f_b: NDArray[np.floating],
    f_ab: NDArray[np.floating],
    *,
    rng: np.random.Generator,
    bootstrap: int = 200,
    confidence: float = 0.95,
) -> Indices:
    """First-order and total Sobol indices from the outputs of the radial design.

    ``f_a`` and ``f_b`` (shape ``(n,)``) are the outputs on the independent sample matrices
    ``A`` and ``B``; ``f_ab`` (shape ``(k, n)``) the outputs on ``A_B^(i)``, where the inputs
    of group ``i`` come from ``B`` and all others from ``A``.

    Confidence intervals are bootstrap percentile intervals at level ``confidence``: the
    ``n`` rows are resampled with replacement (the same resample for every group) and the
    indices recomputed, ``bootstrap`` times, drawing from ``rng`` only. An interval is
    widened, if needed, to contain its point estimate (this only happens when ``n`` is far
    too small). ``bootstrap=0`` skips the bootstrap and gives the interval
    ``[estimate, estimate]``.

    If the output does not vary (``Var(Y) == 0``), every index and bound is 0, not NaN; so
    is any bootstrap replicate whose resampled output does not vary.

    Raises ``ValueError`` on mismatched shapes, fewer than 2 rows, non-finite outputs, a
    negative ``bootstrap`` or a ``confidence`` outside (0, 1).
    """
    a, b, ab = _as_outputs(f_a, f_b, f_ab)
    if bootstrap < 0:
        raise ValueError(f"bootstrap must be >= 0, got {bootstrap}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    k = ab.shape[0]

    y = np.concatenate((a, b))
    if y.max() == y.min() or not y.var() > 0.0:
        zeros = np.zeros(k)
        bounds = np.zeros((k, 2))
        return Indices(_frozen(zeros), _frozen(zeros.copy()), _frozen(bounds),
                       _frozen(bounds.copy()))

    first_order, total_index = _estimate(a, b, ab)
    if bootstrap == 0:
        first_ci = np.stack((first_order, first_order), axis=1)
        total_ci = np.stack((total_index, total_index), axis=1)
    else:
        boot_first, boot_total = _bootstrap(a, b, ab, rng, bootstrap)
        alpha = 1.0 - confidence
        levels = [alpha / 2.0, 1.0 - alpha / 2.0]
        first_ci = _contain(np.quantile(boot_first, levels, axis=1).T, first_order)
        total_ci = _contain(np.quantile(boot_total, levels, axis=1).T, total_index)

    return Indices(
        first_order=_frozen(np.ascontiguousarray(first_order)),
        total=_frozen(np.ascontiguousarray(total_index)),
        first_order_ci=_frozen(np.ascontiguousarray(first_ci) + 0.0),
        total_ci=_frozen(np.ascontiguousarray(total_ci) + 0.0),
    )


def _bootstrap(
    a: FloatArray, b: FloatArray, ab: FloatArray, rng: np.random.Generator, replicates: int
) -> tuple[FloatArray, FloatArray]:
    """First-order and total indices (each of shape ``(k, replicates)``) on bootstrap
    resamples of the rows.

    Every quantity of the estimators is a mean over rows, so a resample's value is a
    weighted mean with the resample's row counts as weights: one ``(replicates, n)`` by
    ``(n, 4 + 3k)`` product instead of gathering ``(k + 2)`` resampled arrays. The output
    is first centred on its overall mean, so the resample's own centring and variance do
    not suffer from cancellation. A group with ``f_AB_i == f_A`` has columns of exact
    zeros, hence indices of exactly 0 in every replicate.
    """
    k, n = ab.shape
    y = np.concatenate((a, b))
    full_var = float(y.var())
    centre = y.mean()
    ac = a - centre
    bc = b - centre
    diff = ab - a
    # Rows of per-row quantities, averaged with the resample's weights below.
    per_row = np.ascontiguousarray(
        np.concatenate((np.stack((ac, bc, ac * ac, bc * bc)), bc * diff, diff, diff * diff))
    )
    first = np.empty((k, replicates))
    total = np.empty((k, replicates))
    chunk = max(1, min(replicates, _CHUNK_ELEMENTS // n))
    for start in range(0, replicates, chunk):
        stop = min(replicates, start + chunk)
        size = stop - start
        rows = rng.integers(0, n, size=(size, n))
        rows += np.arange(size)[:, np.newaxis] * n
        counts = np.bincount(rows.ravel(), minlength=size * n).reshape(size, n)
        # einsum rather than matmul: its summation order does not depend on BLAS threads.
        means = np.einsum("rn,qn->qr", counts.astype(np.float64), per_row) / n
        mean_y = (means[0] + means[1]) / 2.0
        var = (means[2] + means[3]) / 2.0 - mean_y * mean_y
        # A resample whose output does not vary (up to rounding) has indices of 0.
        degenerate = ~(var > 1e-12 * full_var)
        safe_var = np.where(degenerate, 1.0, var)
        first_num = means[4 : 4 + k] - mean_y * means[4 + k : 4 + 2 * k]
        total_num = means[4 + 2 * k :] / 2.0
        first[:, start:stop] = np.where(degenerate, 0.0, first_num / safe_var)
        total[:, start:stop] = np.where(degenerate, 0.0, total_num / safe_var)
    return first + 0.0, total + 0.0


def _contain(ci: FloatArray, estimate: FloatArray) -> FloatArray:
    return np.stack(
        (np.minimum(ci[:, 0], estimate), np.maximum(ci[:, 1], estimate)), axis=1
    )


def tornado(
    evaluate: Callable[[dict[str, float]], float],
    lows: Mapping[str, float],
    highs: Mapping[str, float],
    medians: Mapping[str, float],
) -> list[Swing]:
    """One-at-a-time swings: each input moved from its low (P10) to its high (P90) value
    while the others stay at their medians.

    ``evaluate`` receives a fresh dict of every input's value (the keys of ``medians``) and
    returns the output. The result is sorted by swing, largest first, ties by name.
    ``lows``, ``highs`` and ``medians`` must have the same keys; ``evaluate`` must return a
    finite number (``ValueError`` otherwise).
    """
    names = set(medians)
    if set(lows) != names or set(highs) != names:
        odd = names.symmetric_difference(lows) | names.symmetric_difference(highs)
        raise ValueError(
            "lows, highs and medians must name the same inputs; differences: "
            + ", ".join(sorted(odd))
        )
    swings = []
    for name in medians:
        low_value = float(lows[name])
        high_value = float(highs[name])
        at_low = _call(evaluate, medians, name, low_value)
        at_high = _call(evaluate, medians, name, high_value)
        swings.append(
            Swing(name, low_value, high_value, at_low, at_high, abs(at_high - at_low))
        )
    swings.sort(key=lambda s: (-s.swing, s.name))
    return swings


def _call(
    evaluate: Callable[[dict[str, float]], float],
    medians: Mapping[str, float],
    name: str,
    value: float,
) -> float:
    values = {key: float(v) for key, v in medians.items()}
    values[name] = value
    result = float(evaluate(values))
    if not math.isfinite(result):
        raise ValueError(f"the model gave {result} with {name} = {value}")
    return result


def ishigami(x: NDArray[np.floating], a: float = 7.0, b: float = 0.1) -> FloatArray:
    """The Ishigami function ``sin x1 + a sin² x2 + b x3⁴ sin x1`` of each row of ``x``
    (shape ``(n, 3)``), a standard test of sensitivity-analysis code."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != 3:
        raise ValueError(f"x must have shape (n, 3), got {x.shape}")
    x1, x2, x3 = x[:, 0], x[:, 1], x[:, 2]
    result: FloatArray = np.sin(x1) + a * np.sin(x2) ** 2 + b * x3**4 * np.sin(x1)
    return result


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[FloatArray, FloatArray]:
    """Analytic first-order and total indices of the Ishigami function with inputs uniform
    on (−π, π)³. With a = 7, b = 0.1: (0.3139, 0.4424, 0) and (0.5576, 0.4424, 0.2437)."""
    pi4 = math.pi**4
    v1 = 0.5 * (1.0 + b * pi4 / 5.0) ** 2
    v2 = a**2 / 8.0
    v13 = b**2 * pi4**2 * (1.0 / 18.0 - 1.0 / 50.0)
    var = v1 + v2 + v13
    first = np.array([v1, v2, 0.0]) / var
    total = np.array([v1 + v13, v2, v13]) / var
    return first, total


def sample_ishigami_matrices(
    n: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """Two independent ``(n, 3)`` matrices ``A`` and ``B`` uniform on (−π, π)³."""
    a = rng.uniform(-math.pi, math.pi, size=(n, 3))
    b = rng.uniform(-math.pi, math.pi, size=(n, 3))
    return a, b


def ab_matrices(
    a: NDArray[np.floating],
    b: NDArray[np.floating],
    groups: Sequence[Sequence[int]] | None = None,
) -> FloatArray:
    """The ``k`` matrices ``A_B^(i)`` (shape ``(k, n, d)``): ``A`` with the columns of group
    ``i`` taken from ``B``.

    By default each column is its own group (``k = d``); ``groups`` lists the column indices
    of each group instead.
    """
    a_arr = np.asarray(a, dtype=np.float64)
    b_arr = np.asarray(b, dtype=np.float64)
    if a_arr.ndim != 2 or a_arr.shape != b_arr.shape:
        raise ValueError(
            f"a and b must be 2-D of the same shape, got {a_arr.shape} and {b_arr.shape}"
        )
    d = a_arr.shape[1]
    if groups is None:
        groups = [[i] for i in range(d)]
    out = np.repeat(a_arr[np.newaxis], len(groups), axis=0)
    for i, columns in enumerate(groups):
        cols = list(columns)
        if not cols or any(not 0 <= c < d for c in cols):
            raise ValueError(f"group {i} must list column indices in [0, {d}), got {cols}")
        out[i][:, cols] = b_arr[:, cols]
    return out
