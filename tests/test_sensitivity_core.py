"""Tests of the numerical core of the sensitivity analysis (soicost.analysis.sensitivity_core).

Each accuracy test states its sample size, seed and tolerance. The tolerances were chosen
from the spread of the estimators over many seeds (see the comments), so that a test does
not pass by luck of its seed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from soicost.analysis.sensitivity_core import (
    Indices,
    Swing,
    ab_matrices,
    evaluations,
    ishigami,
    ishigami_indices,
    sample_ishigami_matrices,
    sobol_indices,
    tornado,
)

Z90 = 1.2815515655446004  # the standard normal's 90th percentile

# Reference values, shared/reference/figures.md ("Estimation methods").
ISHIGAMI_FIRST = (0.3139, 0.4424, 0.0)
ISHIGAMI_TOTAL = (0.5576, 0.4424, 0.2437)


def linear(x: NDArray[np.float64], coefficients: NDArray[np.float64]) -> NDArray[np.float64]:
    """Σ c_i x_i, column by column (element-wise operations only, so a row whose inputs
    are equal gives a bitwise-equal output)."""
    y = np.zeros(x.shape[0])
    for i, c in enumerate(coefficients):
        y = y + c * x[:, i]
    return y


Model = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def run_design(
    model: Model, a: NDArray[np.float64], b: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The model's outputs on A, B and every A_B^(i): (k + 2) × n evaluations."""
    return model(a), model(b), np.stack([model(m) for m in ab_matrices(a, b)])


def ishigami_run(n: int, seed: int, bootstrap: int = 200) -> Indices:
    rng = np.random.default_rng(seed)
    a, b = sample_ishigami_matrices(n, rng)
    f_a, f_b, f_ab = run_design(ishigami, a, b)
    return sobol_indices(f_a, f_b, f_ab, rng=rng, bootstrap=bootstrap)


def linear_run(
    coefficients: NDArray[np.float64], sigmas: NDArray[np.float64], n: int, seed: int,
    bootstrap: int = 200,
) -> Indices:
    rng = np.random.default_rng(seed)
    d = len(coefficients)
    a = rng.normal(size=(n, d)) * sigmas
    b = rng.normal(size=(n, d)) * sigmas
    f_a, f_b, f_ab = run_design(lambda x: linear(x, coefficients), a, b)
    return sobol_indices(f_a, f_b, f_ab, rng=rng, bootstrap=bootstrap)


def assert_ci_contains_estimate(ind: Indices) -> None:
    for est, ci in ((ind.first_order, ind.first_order_ci), (ind.total, ind.total_ci)):
        assert ci.shape == (len(est), 2)
        assert np.all(np.isfinite(ci))
        assert np.all(ci[:, 0] <= est)
        assert np.all(est <= ci[:, 1])


# --- Ishigami ---------------------------------------------------------------------------


def test_analytic_ishigami_indices_match_the_reference_figures() -> None:
    first, total = ishigami_indices(7.0, 0.1)
    assert np.round(first, 4).tolist() == list(ISHIGAMI_FIRST)
    assert np.round(total, 4).tolist() == list(ISHIGAMI_TOTAL)


def test_ishigami_indices_are_recovered_within_0_02() -> None:
    # n = 2**16 rows, 5 × 2**16 model evaluations, seed 20230101, tolerance 0.02 on every
    # index. Over 100 seeds the largest error at this n was 0.016 (median 0.006).
    started = time.perf_counter()
    ind = ishigami_run(2**16, seed=20230101)
    elapsed = time.perf_counter() - started
    np.testing.assert_allclose(ind.first_order, ISHIGAMI_FIRST, atol=0.02, rtol=0)
    np.testing.assert_allclose(ind.total, ISHIGAMI_TOTAL, atol=0.02, rtol=0)
    assert_ci_contains_estimate(ind)
    # x3 acts only through its interaction with x1: total − first ≈ 0.2437.
    assert ind.interactions[2] == pytest.approx(0.2437, abs=0.03)
    # x2 is additive: no interactions.
    assert ind.interactions[1] == pytest.approx(0.0, abs=0.02)
    assert elapsed < 5.0  # about 0.5 s on a laptop; generous for CI machines


def test_ishigami_bootstrap_intervals_are_calibrated() -> None:
    # 40 independent runs at n = 2**10 (seeds 0–39, 100 bootstrap replicates): the mean
    # width of the 95 % interval should be about 2 × 1.96 × the standard deviation of the
    # estimates across runs. Measured ratios are 0.87–1.03; the bounds allow for the
    # sampling error of a standard deviation estimated from 40 runs (about 11 %).
    estimates = []
    widths = []
    for seed in range(40):
        ind = ishigami_run(2**10, seed=seed, bootstrap=100)
        estimates.append(np.concatenate((ind.first_order, ind.total)))
        widths.append(
            np.concatenate((np.diff(ind.first_order_ci, axis=1), np.diff(ind.total_ci, axis=1)))
            .ravel()
        )
    spread = np.std(np.array(estimates), axis=0, ddof=1)
    ratio = np.mean(np.array(widths), axis=0) / (2 * 1.959964 * spread)
    assert np.all(ratio > 0.6), ratio
    assert np.all(ratio < 1.5), ratio


def test_intervals_narrow_as_the_sample_grows() -> None:
    # Seed 7; four times the rows should halve the widths (bounds 0.3–0.7).
    small = ishigami_run(2**11, seed=7)
    large = ishigami_run(2**13, seed=7)
    for s_ci, l_ci in ((small.first_order_ci, large.first_order_ci),
                       (small.total_ci, large.total_ci)):
        ratio = np.diff(l_ci, axis=1) / np.diff(s_ci, axis=1)
        assert np.all((ratio > 0.3) & (ratio < 0.7)), ratio


def test_a_large_output_mean_does_not_spoil_the_estimates() -> None:
    # Cost figures have means far above their spread. The first-order numerator is
    # computed on the centred output, so Ishigami + 10**6 is estimated as well as Ishigami
    # (n = 2**16, seed 11, tolerance 0.02).
    rng = np.random.default_rng(11)
    a, b = sample_ishigami_matrices(2**16, rng)
    f_a, f_b, f_ab = run_design(lambda x: ishigami(x) + 1e6, a, b)
    ind = sobol_indices(f_a, f_b, f_ab, rng=rng, bootstrap=0)
    np.testing.assert_allclose(ind.first_order, ISHIGAMI_FIRST, atol=0.02, rtol=0)
    np.testing.assert_allclose(ind.total, ISHIGAMI_TOTAL, atol=0.02, rtol=0)


# --- linear model -----------------------------------------------------------------------


def test_linear_model_indices_are_the_variance_shares() -> None:
    # Y = x1 − 2 x2 + 3 x3 + 0.5 x4, x_i ~ N(0, σ_i), σ = (1, 1, 0.5, 2): the shares of
    # variance are (1, 4, 2.25, 1) / 8.25; first order = total. n = 2**16, seed 42,
    # tolerance 0.02 (over 200 seeds the largest error at n = 2**14 was 0.022).
    coefficients = np.array([1.0, -2.0, 3.0, 0.5])
    sigmas = np.array([1.0, 1.0, 0.5, 2.0])
    expected = np.array([1.0, 4.0, 2.25, 1.0]) / 8.25
    ind = linear_run(coefficients, sigmas, 2**16, seed=42)
    np.testing.assert_allclose(ind.first_order, expected, atol=0.02, rtol=0)
    np.testing.assert_allclose(ind.total, expected, atol=0.02, rtol=0)
    np.testing.assert_allclose(ind.interactions, 0.0, atol=0.02)
    assert_ci_contains_estimate(ind)


@settings(max_examples=10, deadline=None)
@given(
    terms=st.lists(
        st.tuples(
            st.floats(-5, 5, allow_nan=False).filter(lambda c: abs(c) >= 0.05),
            st.floats(0.1, 3.0),
        ),
        min_size=1,
        max_size=5,
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_linear_model_indices_for_any_coefficients(
    terms: list[tuple[float, float]], seed: int
) -> None:
    # n = 2**17, no bootstrap, tolerance 0.02. Over 300 random models (1–5 inputs,
    # |a_i| ≤ 5, σ_i in [0.1, 3]) the largest error at this n was 0.010.
    coefficients = np.array([c for c, _ in terms])
    sigmas = np.array([s for _, s in terms])
    shares = coefficients**2 * sigmas**2
    expected = shares / shares.sum()
    ind = linear_run(coefficients, sigmas, 2**17, seed=seed, bootstrap=0)
    np.testing.assert_allclose(ind.first_order, expected, atol=0.02, rtol=0)
    np.testing.assert_allclose(ind.total, expected, atol=0.02, rtol=0)


# --- exact zeros --------------------------------------------------------------------------


def test_an_input_held_fixed_has_indices_of_exactly_zero() -> None:
    # x3 is held at 0.7: its column is identical in A and B, so A_B^(3) == A and
    # f_AB_3 == f_A exactly (n = 2**12, seed 3).
    rng = np.random.default_rng(3)
    n = 2**12
    coefficients = np.array([1.0, 2.0, 5.0])
    a = rng.normal(size=(n, 3))
    b = rng.normal(size=(n, 3))
    a[:, 2] = b[:, 2] = 0.7
    f_a, f_b, f_ab = run_design(lambda x: linear(x, coefficients), a, b)
    assert np.array_equal(f_ab[2], f_a)
    ind = sobol_indices(f_a, f_b, f_ab, rng=rng)
    assert ind.first_order[2] == 0.0
    assert ind.total[2] == 0.0
    assert ind.first_order_ci[2].tolist() == [0.0, 0.0]
    assert ind.total_ci[2].tolist() == [0.0, 0.0]
    # No negative zeros either (they would print as -0.0 in JSON).
    assert not np.signbit(ind.first_order[2])
    assert not np.any(np.signbit(ind.first_order_ci[2]))
    # The two live inputs share the variance: 1/5 and 4/5 (tolerance 0.05 at n = 2**12).
    np.testing.assert_allclose(ind.first_order[:2], [0.2, 0.8], atol=0.05)
    np.testing.assert_allclose(ind.total[:2], [0.2, 0.8], atol=0.05)


def test_an_input_shared_by_a_and_b_has_indices_of_exactly_zero() -> None:
    # x3 varies from row to row but is the same in A and B (a stream that the design does
    # not redraw): its indices are exactly 0 too (n = 2**10, seed 4).
    rng = np.random.default_rng(4)
    n = 2**10
    coefficients = np.array([1.0, 2.0, 5.0])
    a = rng.normal(size=(n, 3))
    b = rng.normal(size=(n, 3))
    b[:, 2] = a[:, 2]
    f_a, f_b, f_ab = run_design(lambda x: linear(x, coefficients), a, b)
    ind = sobol_indices(f_a, f_b, f_ab, rng=rng)
    assert (ind.first_order[2], ind.total[2]) == (0.0, 0.0)
    assert ind.first_order_ci[2].tolist() == [0.0, 0.0]
    assert ind.total_ci[2].tolist() == [0.0, 0.0]


def test_an_input_the_model_ignores_has_indices_of_exactly_zero() -> None:
    # Ishigami with a fourth, unused input (n = 2**12, seed 5).
    rng = np.random.default_rng(5)
    n = 2**12
    a = rng.uniform(-math.pi, math.pi, size=(n, 4))
    b = rng.uniform(-math.pi, math.pi, size=(n, 4))
    f_a, f_b, f_ab = run_design(lambda x: ishigami(x[:, :3]), a, b)
    ind = sobol_indices(f_a, f_b, f_ab, rng=rng)
    assert ind.first_order[3] == 0.0 and ind.total[3] == 0.0
    assert ind.first_order_ci[3].tolist() == [0.0, 0.0]
    assert ind.total_ci[3].tolist() == [0.0, 0.0]
    assert np.all(ind.total[:3] > 0.1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), n=st.integers(2, 60), k=st.integers(1, 4), seed=st.integers(0, 10**6))
def test_unchanged_groups_are_exactly_zero_for_any_outputs(
    data: st.DataObject, n: int, k: int, seed: int
) -> None:
    values = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    f_a = np.array(data.draw(st.lists(values, min_size=n, max_size=n)))
    f_b = np.array(data.draw(st.lists(values, min_size=n, max_size=n)))
    f_ab = np.array(
        [data.draw(st.lists(values, min_size=n, max_size=n)) for _ in range(k)]
    ).reshape(k, n)
    unchanged = data.draw(st.lists(st.booleans(), min_size=k, max_size=k))
    for i, flag in enumerate(unchanged):
        if flag:
            f_ab[i] = f_a
    ind = sobol_indices(f_a, f_b, f_ab, rng=np.random.default_rng(seed), bootstrap=50)
    for i, flag in enumerate(unchanged):
        if flag:
            assert ind.first_order[i] == 0.0 and ind.total[i] == 0.0
            assert ind.first_order_ci[i].tolist() == [0.0, 0.0]
            assert ind.total_ci[i].tolist() == [0.0, 0.0]
    assert_ci_contains_estimate(ind)
    assert np.all(np.isfinite(ind.first_order)) and np.all(np.isfinite(ind.total))
    assert np.all(ind.total >= 0.0)


# --- degenerate and general properties ----------------------------------------------------


@pytest.mark.parametrize("value", [0.0, 0.1, -3.7e9])
def test_a_constant_model_gives_zeros_not_nan(value: float) -> None:
    n, k = 1000, 3
    f = np.full(n, value)
    ind = sobol_indices(f, f.copy(), np.full((k, n), value), rng=np.random.default_rng(0))
    for array in (ind.first_order, ind.total, ind.first_order_ci, ind.total_ci):
        assert not np.any(np.isnan(array))
        assert np.all(array == 0.0)
    assert ind.first_order.shape == (k,) and ind.first_order_ci.shape == (k, 2)


def test_a_resample_whose_output_does_not_vary_counts_as_zero() -> None:
    # One row in 50 carries all the variance; some bootstrap resamples miss it and their
    # output is constant: those replicates count 0, and nothing is NaN.
    n = 50
    f_a = np.zeros(n)
    f_b = np.zeros(n)
    f_b[0] = 1.0
    f_ab = np.zeros((1, n))
    f_ab[0, 0] = 1.0
    ind = sobol_indices(f_a, f_b, f_ab, rng=np.random.default_rng(1), bootstrap=500)
    assert np.all(np.isfinite(ind.first_order_ci)) and np.all(np.isfinite(ind.total_ci))
    assert_ci_contains_estimate(ind)


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(2, 40),
    k=st.integers(1, 3),
    seed=st.integers(0, 10**6),
    confidence=st.floats(0.5, 0.99),
)
def test_intervals_contain_the_estimate(n: int, k: int, seed: int, confidence: float) -> None:
    # Even with very few rows, where a percentile interval can miss its own estimate.
    g = np.random.default_rng(seed)
    f_a = g.lognormal(size=n)
    f_b = g.lognormal(size=n)
    f_ab = g.lognormal(size=(k, n))
    ind = sobol_indices(f_a, f_b, f_ab, rng=g, bootstrap=30, confidence=confidence)
    assert_ci_contains_estimate(ind)


@settings(max_examples=30, deadline=None)
@given(
    scale=st.floats(1e-3, 1e3).flatmap(lambda s: st.sampled_from([s, -s])),
    shift=st.floats(-1e7, 1e7),
    seed=st.integers(0, 10**6),
)
def test_indices_do_not_depend_on_the_units_or_the_origin(
    scale: float, shift: float, seed: int
) -> None:
    # Sobol indices are shares of variance: Y and scale × Y + shift have the same ones.
    n = 256
    g = np.random.default_rng(seed)
    a, b = sample_ishigami_matrices(n, g)
    f_a, f_b, f_ab = run_design(ishigami, a, b)
    ref = sobol_indices(f_a, f_b, f_ab, rng=np.random.default_rng(seed), bootstrap=20)
    moved = sobol_indices(
        scale * f_a + shift, scale * f_b + shift, scale * f_ab + shift,
        rng=np.random.default_rng(seed), bootstrap=20,
    )
    for x, y in ((ref.first_order, moved.first_order), (ref.total, moved.total),
                 (ref.first_order_ci, moved.first_order_ci), (ref.total_ci, moved.total_ci)):
        np.testing.assert_allclose(x, y, atol=1e-6, rtol=0)


def test_results_are_reproducible_and_depend_only_on_the_generator() -> None:
    first = ishigami_run(2**10, seed=9)
    again = ishigami_run(2**10, seed=9)
    other = ishigami_run(2**10, seed=10)
    assert np.array_equal(first.first_order_ci, again.first_order_ci)
    assert np.array_equal(first.total_ci, again.total_ci)
    assert not np.array_equal(first.total_ci, other.total_ci)


def test_bootstrap_zero_gives_degenerate_intervals() -> None:
    ind = ishigami_run(2**10, seed=1, bootstrap=0)
    assert np.array_equal(ind.first_order_ci[:, 0], ind.first_order)
    assert np.array_equal(ind.first_order_ci[:, 1], ind.first_order)
    assert np.array_equal(ind.total_ci[:, 0], ind.total)
    assert np.array_equal(ind.total_ci[:, 1], ind.total)


def test_point_estimates_follow_the_stated_formulas() -> None:
    g = np.random.default_rng(123)
    n, k = 20, 2
    f_a, f_b, f_ab = g.normal(size=n), g.normal(size=n), g.normal(size=(k, n))
    ind = sobol_indices(f_a, f_b, f_ab, rng=g, bootstrap=0)
    var = np.var(np.concatenate((f_a, f_b)))
    for i in range(k):
        # Saltelli 2010 (on the centred output: the same in expectation) and Jansen 1999.
        centred_b = f_b - np.concatenate((f_a, f_b)).mean()
        assert ind.first_order[i] == pytest.approx(np.mean(centred_b * (f_ab[i] - f_a)) / var)
        assert ind.total[i] == pytest.approx(np.mean((f_a - f_ab[i]) ** 2) / 2 / var)


def test_indices_are_read_only() -> None:
    ind = ishigami_run(2**8, seed=0, bootstrap=10)
    with pytest.raises(ValueError):
        ind.total[0] = 1.0
    assert np.array_equal(ind.interactions, ind.total - ind.first_order)


@pytest.mark.parametrize(
    ("f_a", "f_b", "f_ab", "kwargs", "message"),
    [
        (np.zeros(5), np.zeros(4), np.zeros((1, 5)), {}, "differ in length"),
        (np.zeros((5, 1)), np.zeros(5), np.zeros((1, 5)), {}, "1-D"),
        (np.zeros(5), np.zeros(5), np.zeros((2, 4)), {}, r"shape \(k, 5\)"),
        (np.zeros(1), np.zeros(1), np.zeros((1, 1)), {}, "at least 2 rows"),
        (np.array([0.0, np.nan]), np.zeros(2), np.zeros((1, 2)), {}, "NaN"),
        (np.zeros(5), np.zeros(5), np.zeros((1, 5)), {"bootstrap": -1}, "bootstrap"),
        (np.zeros(5), np.zeros(5), np.zeros((1, 5)), {"confidence": 1.0}, "confidence"),
    ],
)
def test_bad_arguments_are_rejected(
    f_a: NDArray[np.float64], f_b: NDArray[np.float64], f_ab: NDArray[np.float64],
    kwargs: dict[str, float], message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        sobol_indices(f_a, f_b, f_ab, rng=np.random.default_rng(0), **kwargs)  # type: ignore[arg-type]


# --- design helpers -----------------------------------------------------------------------


def test_ab_matrices_take_one_column_from_b() -> None:
    g = np.random.default_rng(0)
    a, b = g.normal(size=(6, 3)), g.normal(size=(6, 3))
    ab = ab_matrices(a, b)
    assert ab.shape == (3, 6, 3)
    for i in range(3):
        for j in range(3):
            assert np.array_equal(ab[i][:, j], b[:, j] if i == j else a[:, j])
    # The inputs are not modified.
    assert not np.shares_memory(ab, a)


def test_ab_matrices_with_groups() -> None:
    g = np.random.default_rng(0)
    a, b = g.normal(size=(4, 4)), g.normal(size=(4, 4))
    ab = ab_matrices(a, b, groups=[[0, 2], [1], [3]])
    assert ab.shape == (3, 4, 4)
    assert np.array_equal(ab[0][:, [0, 2]], b[:, [0, 2]])
    assert np.array_equal(ab[0][:, [1, 3]], a[:, [1, 3]])
    with pytest.raises(ValueError, match="group 0"):
        ab_matrices(a, b, groups=[[4]])
    with pytest.raises(ValueError, match="same shape"):
        ab_matrices(a, b[:, :3])


def test_sample_ishigami_matrices() -> None:
    a, b = sample_ishigami_matrices(1000, np.random.default_rng(0))
    assert a.shape == b.shape == (1000, 3)
    assert np.all(np.abs(a) <= math.pi) and np.all(np.abs(b) <= math.pi)
    assert not np.array_equal(a, b)


def test_ishigami_function_values() -> None:
    x = np.array([[0.0, 0.0, 0.0], [math.pi / 2, math.pi / 2, 1.0], [math.pi / 2, 0.0, 2.0]])
    np.testing.assert_allclose(ishigami(x), [0.0, 1.0 + 7.0 + 0.1, 1.0 + 0.1 * 16])
    np.testing.assert_allclose(ishigami(x, a=1.0, b=0.0), [0.0, 2.0, 1.0])


def test_evaluations_count() -> None:
    assert evaluations(1024, 7) == 9 * 1024


# --- tornado ------------------------------------------------------------------------------


def test_tornado_on_a_linear_model() -> None:
    # Y = Σ a_i x_i with x_i ~ N(μ_i, σ_i): P10/P90 = μ ∓ 1.2816 σ, swing = |a_i| (P90 − P10).
    coefficients = {"quote": 2.0, "bias": -3.0, "users": 0.5, "rate": 10.0}
    mu = {"quote": 100.0, "bias": 1.2, "users": 50.0, "rate": 0.03}
    sigma = {"quote": 10.0, "bias": 0.3, "users": 20.0, "rate": 0.01}
    lows = {k: mu[k] - Z90 * sigma[k] for k in mu}
    highs = {k: mu[k] + Z90 * sigma[k] for k in mu}

    def model(x: dict[str, float]) -> float:
        assert set(x) == set(coefficients)  # the full dict of inputs
        return sum(coefficients[k] * x[k] for k in coefficients)

    swings = tornado(model, lows, highs, mu)
    expected = {k: abs(coefficients[k]) * (highs[k] - lows[k]) for k in mu}
    assert [s.name for s in swings] == sorted(expected, key=lambda k: -expected[k])
    assert [s.name for s in swings] == ["quote", "users", "bias", "rate"]
    for s in swings:
        assert s.swing == pytest.approx(expected[s.name])
        assert s.low_value == lows[s.name] and s.high_value == highs[s.name]
        others = sum(coefficients[k] * mu[k] for k in mu if k != s.name)
        assert s.at_low == pytest.approx(others + coefficients[s.name] * lows[s.name])
        assert s.at_high == pytest.approx(others + coefficients[s.name] * highs[s.name])
    # A negative coefficient: the output falls as the input rises.
    bias = next(s for s in swings if s.name == "bias")
    assert bias.at_high < bias.at_low


@settings(max_examples=30, deadline=None)
@given(
    st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=4),
        st.tuples(st.floats(-100, 100), st.floats(-10, 10), st.floats(0, 10)),
        min_size=1,
        max_size=8,
    )
)
def test_tornado_swings_are_sorted_and_exact_for_linear_models(
    spec: dict[str, tuple[float, float, float]],
) -> None:
    coefficients = {k: v[0] for k, v in spec.items()}
    medians = {k: v[1] for k, v in spec.items()}
    lows = {k: v[1] - v[2] for k, v in spec.items()}
    highs = {k: v[1] + v[2] for k, v in spec.items()}
    swings = tornado(
        lambda x: sum(coefficients[k] * x[k] for k in coefficients), lows, highs, medians
    )
    assert sorted(s.name for s in swings) == sorted(spec)
    keys = [(-s.swing, s.name) for s in swings]
    assert keys == sorted(keys)
    for s in swings:
        expected = abs(coefficients[s.name]) * (highs[s.name] - lows[s.name])
        assert s.swing == pytest.approx(expected, rel=1e-9, abs=1e-9)
        assert s.swing == abs(s.at_high - s.at_low)


def test_tornado_ties_are_broken_by_name() -> None:
    names = ["delta", "alpha", "charlie", "bravo"]
    swings = tornado(
        lambda x: sum(x.values()),
        dict.fromkeys(names, 0.0),
        dict.fromkeys(names, 1.0),
        dict.fromkeys(names, 0.5),
    )
    assert [s.name for s in swings] == ["alpha", "bravo", "charlie", "delta"]
    assert swings[0] == Swing("alpha", 0.0, 1.0, 1.5, 2.5, 1.0)


def test_tornado_does_not_leak_changes_between_calls() -> None:
    seen: list[dict[str, float]] = []

    def model(x: dict[str, float]) -> float:
        seen.append(dict(x))
        x["a"] = 1e9  # a careless model that mutates its argument
        return x["b"]

    medians = {"a": 0.0, "b": 0.0}
    tornado(model, {"a": -1.0, "b": -1.0}, {"a": 1.0, "b": 1.0}, medians)
    assert medians == {"a": 0.0, "b": 0.0}
    assert {"a": 0.0, "b": -1.0} in seen and {"a": 0.0, "b": 1.0} in seen


def test_tornado_rejects_mismatched_inputs_and_bad_outputs() -> None:
    with pytest.raises(ValueError, match="same inputs"):
        tornado(lambda x: 0.0, {"a": 0.0}, {"a": 1.0, "b": 1.0}, {"a": 0.5})
    with pytest.raises(ValueError, match=r"a = 1\.0"):
        tornado(lambda x: math.inf if x["a"] > 0.9 else 0.0, {"a": 0.0}, {"a": 1.0},
                {"a": 0.5})


def test_tornado_of_nothing_is_empty() -> None:
    assert tornado(lambda x: 0.0, {}, {}, {}) == []

