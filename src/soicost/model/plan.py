"""Turn validated inputs into the plain data the cost model computes on.

For every application the drivers model reads, in logarithms,

    ln cost_i = a + Σ_d e_d · ln x_i,d + Σ_f ln F_f(i) + ln U_i

with a common intercept
``a = ln Q + ln(1 + bias) − Σ_d e_d · ln x_ref,d − Σ_f ln F_f(ref) + ln R``, which is
``cost_i = Q (1 + bias) R Π_d (x_i,d / x_ref,d)^e_d Π_f F_f(i) / F_f(ref) · U_i``.
``R`` is the reference's own deviation from the size law (its quote is one draw around the
law, not the law itself); every extrapolation from it shares it. Quoted applications use
their own quote instead. Everything random in ``a``, ``e`` and ``F`` is common to all
applications; ``U_i`` and a quoted application's quote are its own.

With ``--method fit`` the intercept and elasticities are fitted on the quoted applications,
and the prediction is Bayesian under the usual non-informative prior: the residual variance
σ² is drawn from a scaled inverse-χ² with k − p degrees of freedom (one draw per sample,
common to all applications), the coefficients from a normal around the least-squares
estimate with covariance σ² (XᵀX)⁻¹, and each application's residual from N(0, σ²): a
Student-t predictive that counts what a few quotes cannot tell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from soicost.errors import InputError, ModelError, Problem
from soicost.i18n import N_, Number, Said, said_n
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import Application, Quote
from soicost.inputs.quantity import Distribution, Fixed, Quantity
from soicost.inputs.yamlio import PathKey, format_path

# The largest residual spread of log costs the fit's prior allows: a factor of e³ ≈ 20 at
# one standard deviation. The widest public data set of calibration/ (ISBSG, projects of many
# organisations) has 1.22. Without a bound, the predictive of a cost (the exponential of a
# Student t) would have no mean, and a fit on few quotes would draw costs beyond any float.
FIT_SPREAD_MAX = 3.0

Method = Literal["flat", "drivers", "fit"]
METHODS: tuple[Method, ...] = ("flat", "drivers", "fit")
FACTORS = ("kind", "strategy", "criticality")

Mode = Literal["reference", "quoted", "extrapolated", "flat", "excluded"]


@dataclass(frozen=True)
class AppPlan:
    """What the model needs to know about one application."""

    id: str
    name: str
    mode: Mode
    categories: tuple[str | None, ...]  # (kind, strategy, criticality)
    log_drivers: tuple[float, ...] = ()  # ln x_i,d for fixed drivers, in driver order
    uncertain_drivers: tuple[tuple[int, Distribution], ...] = ()
    quote: Distribution | None = None
    zero: bool = False  # strategy factor fixed at 0: the application costs nothing
    illustrative: bool = False
    quote_year: int = 0  # year of the euros of its own quote


@dataclass(frozen=True)
class FitResult:
    """Least-squares fit of ln(quote) on ln(drivers): coefficients and their covariance."""

    coefficients: tuple[float, ...]  # intercept, then one elasticity per driver
    covariance: tuple[tuple[float, ...], ...]
    residual_sd: float
    points: int
    # Degrees of freedom of what is known of the residual spread: None for points less
    # coefficients (the Student-t predictive); math.inf treats s as exact (a normal
    # predictive, as soicost 0.1 did: kept to show, in the backtests, what that cost).
    spread_dof: float | None = None

    @property
    def dof(self) -> float:
        """Degrees of freedom of the residual spread: points less coefficients."""
        if self.spread_dof is not None:
            return self.spread_dof
        return self.points - len(self.coefficients)


@dataclass(frozen=True)
class PortfolioPlan:
    """The whole model as plain data: common variables, and one plan per application."""

    method: Method
    reference: str
    drivers: tuple[str, ...]
    reference_quote: Distribution
    optimism_bias: Distribution
    elasticities: tuple[Distribution, ...]
    reference_log_drivers: tuple[float, ...]
    reference_uncertain_drivers: tuple[tuple[int, Distribution], ...]
    factors: dict[str, dict[str, Distribution]]
    reference_categories: tuple[str | None, ...]
    application_uncertainty: Distribution
    applications: tuple[AppPlan, ...]
    fit: FitResult | None = None
    notes: tuple[str, ...] = field(default=())
    # Quotes are brought from the euros of their year to those of price_base_year.
    price_base_year: int = 0
    reference_quote_year: int = 0
    quote_index_name: str = "general"
    quote_index: Distribution = field(default=Fixed(0.0))
    # The reference's own deviation from the size law, shared by every extrapolation from it.
    reference_uncertainty: Distribution = field(default=Fixed(1.0))


def _categories(app: Application) -> tuple[str | None, ...]:
    return (app.kind, app.strategy, app.criticality)


def _split_drivers(app: Application, drivers: tuple[str, ...]
                   ) -> tuple[tuple[float, ...], tuple[tuple[int, Distribution], ...]]:
    logs: list[float] = []
    uncertain: list[tuple[int, Distribution]] = []
    for d, name in enumerate(drivers):
        value: Quantity = app.drivers[name]
        if value.is_fixed:
            logs.append(math.log(value.fixed_value))
        else:
            logs.append(0.0)
            uncertain.append((d, value.dist))
    return tuple(logs), tuple(uncertain)


def _quote_illustrative(app: Application) -> bool:
    quote = app.latest_quote()
    assert quote is not None
    prov = quote.amount.provenance or quote.provenance or app.provenance
    return prov.is_illustrative


def build_plan(inputs: Inputs, method: Method = "drivers") -> PortfolioPlan:
    """The model of ``inputs`` under ``method``; raises ModelError when it cannot be built."""
    a = inputs.assumptions
    apps = inputs.applications.applications
    drivers = tuple(a.drivers)
    ref = inputs.reference
    ref_quote = inputs.reference_quote
    factors = {name: {cat: q.dist for cat, q in getattr(a.factors, name).items()}
               for name in FACTORS}
    ref_categories = _categories(ref)
    for name, category in zip(FACTORS, ref_categories, strict=True):
        if category is not None and factors[name][category].support()[0] <= 0:
            raise ModelError(Said(
                "the reference application {id!r} has a {name} factor ({category}) that "
                "can be 0, so no other application can be scaled from it; choose another "
                "reference or change its factors.", id=ref.id, name=name, category=category))
    assumption_illustrative = _assumptions_illustrative(inputs)
    ref_logs, ref_uncertain = _split_drivers(ref, drivers)
    plans: list[AppPlan] = []
    for app in apps:
        logs, uncertain = _split_drivers(app, drivers)
        strategy_factor = factors["strategy"].get(app.strategy or "", Fixed(1.0))
        zero = isinstance(strategy_factor, Fixed) and strategy_factor.value == 0
        if method == "flat":
            mode: Mode = "flat"
            illustrative = _quote_illustrative(ref)
        elif app.id == ref.id:
            mode = "reference"
            illustrative = _quote_illustrative(ref)
        elif app.quotes:
            mode = "quoted"
            illustrative = _quote_illustrative(app)
        else:
            mode = "extrapolated"
            illustrative = (app.provenance.is_illustrative or assumption_illustrative
                            or _quote_illustrative(ref))
        if zero and method != "flat" and mode != "reference":
            mode = "excluded"  # a strategy factor of 0: the application costs nothing
        latest = app.latest_quote()
        plans.append(AppPlan(
            id=app.id, name=app.name, mode=mode, categories=_categories(app),
            log_drivers=logs, uncertain_drivers=uncertain,
            quote=latest.amount.dist if latest is not None and mode == "quoted" else None,
            zero=zero and method != "flat", illustrative=illustrative,
            quote_year=latest.date.year if latest is not None else 0))
    fit = _fit(inputs, drivers, factors) if method == "fit" else None
    return PortfolioPlan(
        method=method, reference=ref.id, drivers=drivers, reference_quote=ref_quote.amount.dist,
        optimism_bias=a.optimism_bias.dist,
        elasticities=tuple(d.elasticity.dist for d in a.drivers.values()),
        reference_log_drivers=ref_logs, reference_uncertain_drivers=ref_uncertain,
        factors=factors, reference_categories=ref_categories,
        application_uncertainty=a.uncertainty.application.dist,
        applications=tuple(plans), fit=fit,
        price_base_year=price_base_year(inputs), reference_quote_year=ref_quote.date.year,
        quote_index_name=a.index_name("quotes"),
        quote_index=a.indexation[a.index_name("quotes")].rate.dist,
        reference_uncertainty=a.uncertainty.reference.dist)


def price_base_year(inputs: Inputs) -> int:
    """The year whose euros figures are expressed in: ``price_base_year``, by default the
    year of the reference quote."""
    a = inputs.assumptions
    if a.price_base_year is not None:
        return a.price_base_year
    return inputs.reference_quote.date.year


def _assumptions_illustrative(inputs: Inputs) -> bool:
    a = inputs.assumptions
    provs = [d.provenance or a.provenance for d in a.drivers.values()]
    provs += [a.factors.provenance, a.uncertainty.provenance]
    return any(p is not None and p.is_illustrative for p in provs)


def _fit(inputs: Inputs, drivers: tuple[str, ...],
         factors: dict[str, dict[str, Distribution]]) -> FitResult:
    """Ordinary least squares of ln(quote / factors) on ln(drivers), on quoted applications."""
    from soicost.model.sampling import median

    quoted = [app for app in inputs.applications.applications if app.quotes]
    needed = len(drivers) + 2
    if len(quoted) < max(3, needed):
        raise ModelError(Said(
            "the fit method needs at least {needed} quoted applications to estimate an "
            "intercept and {elasticities} with a residual spread; found {found}. Use "
            "{method}, or add quotes.", needed=max(3, needed), found=len(quoted),
            elasticities=said_n("{n} elasticity", "{n} elasticities", len(drivers))),
            method="drivers")
    rows, ys = [], []
    for app in quoted:
        quote = app.latest_quote()
        assert quote is not None
        offset = log_factor_offset(_categories(app), factors)
        if any(not app.drivers[d].is_fixed for d in drivers):
            raise ModelError(Said("the fit method needs fixed driver values; {id!r} has an "
                                  "uncertain driver", id=app.id))
        rows.append([1.0, *(math.log(app.drivers[d].fixed_value) for d in drivers)])
        middle = median(quote.amount.dist)
        if middle <= 0:
            raise _zero_quote(inputs, app, quote)
        ys.append(math.log(middle) - offset)
    fit = fit_log_law(rows, ys)
    if fit is None:
        raise ModelError(Said(
            "the quoted applications cannot identify the drivers: their driver values are "
            "collinear (for example all equal for one driver). Use {method}, or add "
            "quotes for applications of different sizes."), method="drivers")
    if fit.residual_sd > FIT_SPREAD_MAX:
        raise ModelError(Said(
            "the quotes stray from the law fitted on them by a spread of {spread} (standard "
            "deviation of the log residuals), beyond the {limit} the fit allows (a factor of "
            "{factor} at one standard deviation): check the quotes and driver values (a quote "
            "in euros among quotes in k€?), or use {method}.",
            spread=Number(fit.residual_sd, ".3g"), limit=Number(FIT_SPREAD_MAX, "g"),
            factor=Number(math.exp(FIT_SPREAD_MAX), ".1f")), method="drivers")
    return fit


def log_factor_offset(categories: tuple[str | None, ...],
                      factors: dict[str, dict[str, Distribution]]) -> float:
    """Σ_f ln F_f at the factors' medians: what the fit takes out of a quote's logarithm so
    that only size is left to explain."""
    from soicost.model.sampling import median

    offset = 0.0
    for name, category in zip(FACTORS, categories, strict=True):
        if category is not None:
            offset += math.log(max(median(factors[name][category]), 1e-300))
    return offset


def fit_log_law(rows: list[list[float]], ys: list[float]) -> FitResult | None:
    """Ordinary least squares of ``ys`` on ``rows`` (a column of ones, then ln x per driver);
    None when the rows are collinear. Needs more rows than columns."""
    import numpy as np

    x = np.asarray(rows)
    y = np.asarray(ys)
    if np.linalg.matrix_rank(x) < x.shape[1]:
        return None
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residuals = y - x @ beta
    dof = len(ys) - x.shape[1]
    s2 = float(residuals @ residuals) / dof
    cov = s2 * np.linalg.inv(x.T @ x)
    return FitResult(tuple(float(b) for b in beta),
                     tuple(tuple(float(c) for c in row) for row in cov),
                     math.sqrt(s2), len(ys))


def _zero_quote(inputs: Inputs, app: Application, quote: Quote) -> InputError:
    """A quote whose median is 0 has no logarithm: the fit cannot use it."""
    i = inputs.applications.applications.index(app)
    path: PathKey = ("applications", i, "quotes", app.quotes.index(quote), "amount")
    return InputError([Problem(
        inputs.documents["applications.yaml"].locate(path),
        Said("the fit method takes the logarithm of every quote, and the quote of {id!r} is "
             "zero at its median", id=app.id), format_path(path),
        expected=Said("quotes above 0 for the fit method"), found=quote.amount.text,
        hint=Said("remove this quote if it is not a real one, or use the drivers method"),
        flags=((N_("the fit method"), "--method fit"),
               (N_("the drivers method"), "--method drivers")))])
