"""Draw samples of a distribution, and its exact quantiles where they have a closed form."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import assert_never

import numpy as np
from numpy.typing import NDArray

from soicost.inputs.quantity import (
    Distribution,
    Fixed,
    LogNormal,
    Mixture,
    Normal,
    Pert,
    Triangular,
    Uniform,
)
from soicost.model.rng import Quantile

FloatArray = NDArray[np.float64]


Rng = np.random.Generator | Quantile


def draw(dist: Distribution, rng: Rng, n: int) -> FloatArray:
    """``n`` independent draws of ``dist`` from ``rng`` (or ``n`` copies of a quantile)."""
    if isinstance(dist, Fixed):
        return np.full(n, dist.value)
    if isinstance(rng, Quantile):
        return np.full(n, quantile_of(dist, rng.q))
    match dist:
        case LogNormal():
            out = rng.standard_normal(n)
            out *= dist.sigma
            out += dist.mu
            return np.exp(out, out=out)
        case Normal():
            return rng.normal(dist.mean_, dist.sd, n)
        case Uniform():
            return rng.uniform(dist.low, dist.high, n)
        case Triangular():
            return rng.triangular(dist.low, dist.mode, dist.high, n)
        case Pert():
            alpha, beta = dist.shape()
            return dist.low + (dist.high - dist.low) * rng.beta(alpha, beta, n)
        case Mixture():
            which = rng.choice(len(dist.components), size=n, p=np.asarray(dist.weights))
            drawn = np.empty(n)
            for k, component in enumerate(dist.components):
                mask = which == k
                drawn[mask] = draw(component, rng, int(mask.sum()))
            return drawn
        case _:
            assert_never(dist)


def log_draw(dist: Distribution, rng: Rng, n: int) -> FloatArray:
    """``n`` draws of ln X; exact and cheaper than ``log(draw(...))`` for a lognormal."""
    if isinstance(dist, LogNormal) and not isinstance(rng, Quantile):
        out = rng.standard_normal(n)
        out *= dist.sigma
        out += dist.mu
        return out
    if isinstance(dist, Fixed):
        with np.errstate(divide="ignore"):
            return np.full(n, math.log(dist.value) if dist.value > 0 else -math.inf)
    values = draw(dist, rng, n)
    with np.errstate(divide="ignore"):
        return np.log(values, out=values)


def quantile(dist: Distribution, q: float) -> float | None:
    """The exact q-quantile where a closed form exists; None otherwise."""
    z = NormalDist().inv_cdf(q)
    match dist:
        case Fixed():
            return dist.value
        case LogNormal():
            return math.exp(dist.mu + z * dist.sigma)
        case Normal():
            return dist.mean_ + z * dist.sd
        case Uniform():
            return dist.low + q * (dist.high - dist.low)
        case Triangular():
            a, c, b = dist.low, dist.mode, dist.high
            if q < (c - a) / (b - a):
                return a + math.sqrt(q * (b - a) * (c - a))
            return b - math.sqrt((1 - q) * (b - a) * (b - c))
        case Pert() | Mixture():
            return None
        case _:
            assert_never(dist)


def median(dist: Distribution) -> float:
    """The median: exact where a closed form exists, else from 200,000 fixed draws."""
    return quantile_of(dist, 0.5)

def standard_normal(rng: Rng, shape: int | tuple[int, ...],
                    out: FloatArray | None = None) -> FloatArray:
    """Standard normal draws, or the normal quantile everywhere for a :class:`Quantile`."""
    if isinstance(rng, Quantile):
        value = NormalDist().inv_cdf(rng.q)
        if out is None:
            return np.full(shape, value)
        out.fill(value)
        return out
    if out is None:
        return rng.standard_normal(shape)
    return rng.standard_normal(out=out)


def quantile_of(dist: Distribution, q: float) -> float:
    """The q-quantile: exact where a closed form exists, else from 200,000 fixed draws."""
    exact = quantile(dist, q)
    if exact is not None:
        return exact
    # No closed form (a pert, a mixture): from draws of a fixed stream, the same every time.
    rng = np.random.Generator(np.random.PCG64(0))
    return float(np.quantile(draw(dist, rng, 200_000), q))


def chi2_cdf(dof: float, x: float) -> float:
    """P(χ²_dof ≤ x): the regularised lower incomplete gamma P(dof/2, x/2), by its series."""
    if x <= 0:
        return 0.0
    a, h = dof / 2, x / 2
    if h > a + 40 * math.sqrt(a) + 40:  # beyond 1 - 1e-17, where the series would overflow
        return 1.0
    term = total = 1.0 / a
    n = 0
    while term > total * 1e-17:
        n += 1
        term *= h / (a + n)
        total += term
    return min(1.0, math.exp(-h + a * math.log(h) - math.lgamma(a)) * total)


def chi2_quantile(dof: float, q: float) -> float:
    """The q-quantile of χ²_dof, by bisection on :func:`chi2_cdf` to float precision."""
    low, high = 0.0, max(1.0, dof)
    while chi2_cdf(dof, high) < q:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if chi2_cdf(dof, middle) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2
