"""``soicost explain APP``: the derivation of one application's figure, step by step."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, replace

from soicost.analysis.estimate import EstimateOptions, check_options
from soicost.errors import UsageError
from soicost.i18n import N_, Message, Number, Said
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import Application, Quote
from soicost.inputs.provenance import Provenance
from soicost.inputs.quantity import Fixed, Quantity, Written
from soicost.inputs.scalars import Local
from soicost.model.plan import FACTORS, build_plan
from soicost.model.stats import Stats
from soicost.model.streams import WORDS


@dataclass(frozen=True)
class Step:
    """One factor of the product: what it is, its value as written, and its multiplier at
    the medians of its inputs. ``what`` and ``written`` are worded when shown; ``label``
    and ``detail`` are their English (the JSON's)."""

    what: Message
    written: Message
    multiplier: float
    provenance: Provenance | None

    @property
    def label(self) -> str:
        return self.what.text("en")

    @property
    def detail(self) -> str:
        return self.written.text("en")


def _as_written(text: str) -> Message:
    """A quantity's text as written, in the way each language writes it."""
    return Message("{text}", {"text": Written(text)})


@dataclass(frozen=True)
class Explanation:
    application: Application
    reference: str
    basis: str  # reference | quoted | extrapolated | flat | excluded
    steps: tuple[Step, ...]
    median_path: float  # the product of the steps' multipliers
    stats: Stats
    options: EstimateOptions


def _median(q: Quantity) -> float:
    from soicost.model.sampling import median

    return median(q.dist)


def _quote(quote: Quote, app_id: str | None) -> Message:
    """A quote as written: its amount, (the application,) its date and scope (in the
    output's language when written in French and English)."""
    values = {"amount": Written(quote.amount.text), "id": app_id, "date": quote.date,
              "scope": Local(quote.scope)}
    if app_id is None:
        return Message(N_("{amount} ({date}: {scope})") if quote.scope
                       else "{amount} ({date})", values)
    return Message(N_("{amount} ({id}, {date}: {scope})") if quote.scope
                   else "{amount} ({id}, {date})", values)


def _indexation(inputs: Inputs, quote_year: int, base_year: int) -> list[Step]:
    """The step bringing a quote from the euros of its year to those of the base year."""
    if quote_year == base_year:
        return []
    a = inputs.assumptions
    name = a.index_name("quotes")
    index = a.indexation[name]
    rate = _median(index.rate)
    years = base_year - quote_year
    return [Step(Message(N_("indexation")),
                 Message(N_("index {name} at {rate} a year, {first} to {base} euros: "
                            "(1 + {median}) ^ {years}"),
                         {"name": name, "rate": Written(index.rate.text), "first": quote_year,
                          "base": base_year, "median": Number(rate, ".4g"), "years": years}),
                 (1 + rate) ** years, index.rate.provenance or index.provenance)]


def _did_you_mean(typed: str, apps: dict[str, Application]) -> str:
    """The id closest to ``typed``, or the id of the application whose name (in either
    language) it is closest to: a French user types "paie" for payroll (Paie)."""
    close = difflib.get_close_matches(typed, list(apps), n=1)
    if close:
        return Said("; did you mean {name!r}?", name=close[0])
    names = {text.casefold(): app.id for app in apps.values()
             for text in (app.name, *(t for _, t in getattr(app.name, "languages", ())))}
    by_name = difflib.get_close_matches(typed.casefold(), list(names), n=1, cutoff=0.75)
    holding = {app_id for name, app_id in names.items() if typed.casefold() in name}
    if by_name or len(holding) == 1:
        app = apps[names[by_name[0]] if by_name else holding.pop()]
        return Said("; did you mean {name!r} ({label})?", name=app.id, label=Local(app.name))
    return ""


def explain(inputs: Inputs, app_id: str, options: EstimateOptions | None = None
            ) -> Explanation:
    """Explain the figure of application ``app_id`` under ``options``.

    The simulated range is exactly the one ``estimate`` reports for this application with the
    same seed: every random variable has its own stream.
    """
    from soicost.model.engine import simulate
    from soicost.model.stats import summarise

    options = options or EstimateOptions()
    check_options(options)
    apps = {a.id: a for a in inputs.applications.applications}
    if app_id not in apps:
        raise UsageError(Said("no application {id!r} in the inventory{more}", id=app_id,
                              more=_did_you_mean(app_id, apps)))
    app = apps[app_id]
    a = inputs.assumptions
    ref = apps[a.reference]
    plan = build_plan(inputs, options.method)
    target = next(p for p in plan.applications if p.id == app_id)
    sim = simulate(replace(plan, applications=(target,)), samples=options.samples,
                   seed=options.seed)
    stats = summarise(sim.sums[0])

    ref_quote = ref.latest_quote()
    assert ref_quote is not None
    bias = Step(Message(N_("optimism bias")), _as_written(a.optimism_bias.text),
                1 + _median(a.optimism_bias), a.optimism_bias.provenance or a.provenance)
    steps: list[Step] = []
    basis: str = target.mode
    if target.mode == "excluded":
        factor = a.factors.strategy[app.strategy] if app.strategy else None
        steps.append(Step(Message(N_("factor {name}"),
                                  {"name": Message(WORDS["strategy"])}),
                          Message("{category} {value}", {
                              "category": app.strategy,
                              "value": Written(factor.text) if factor else 0}),
                          0.0, a.factors.provenance))
    if target.mode in ("reference", "flat", "extrapolated"):
        steps.append(Step(Message(N_("reference quote")), _quote(ref_quote, ref.id),
                          _median(ref_quote.amount),
                          ref_quote.amount.provenance or ref_quote.provenance or ref.provenance))
        steps += _indexation(inputs, ref_quote.date.year, plan.price_base_year)
        steps.append(bias)
    if target.mode == "quoted":
        own = app.latest_quote()
        assert own is not None
        steps.append(Step(Message(N_("own quote")), _quote(own, None),
                          _median(own.amount),
                          own.amount.provenance or own.provenance or app.provenance))
        steps += _indexation(inputs, own.date.year, plan.price_base_year)
        steps.append(bias)
    if target.mode == "extrapolated" and plan.method == "drivers":
        for name, driver in a.drivers.items():
            x, x_ref = app.drivers[name], ref.drivers[name]
            ratio = _median(x) / _median(x_ref)
            elasticity = _median(driver.elasticity)
            steps.append(Step(
                Message(N_("driver {name}"), {"name": name}),
                Message("({x} / {x_ref}) ^ {written} = {ratio} ^ {elasticity}",
                        {"x": Written(x.text), "x_ref": Written(x_ref.text),
                         "written": Written(driver.elasticity.text),
                         "ratio": Number(ratio), "elasticity": Number(elasticity)}),
                ratio ** elasticity, driver.provenance or a.provenance))
        for name, own_cat, ref_cat in zip(FACTORS, (app.kind, app.strategy, app.criticality),
                                          (ref.kind, ref.strategy, ref.criticality),
                                          strict=True):
            table: dict[str, Quantity] = getattr(a.factors, name)
            none = Quantity(Fixed(1.0), "1")
            own_q = table[own_cat] if own_cat else none
            ref_q = table[ref_cat] if ref_cat else none
            steps.append(Step(
                Message(N_("factor {name}"), {"name": Message(WORDS[name])}),
                # The categories are fixed values of the format, worded by the catalogue
                # (render.words holds their messages: "vendor" is "progiciel" in French).
                Message("{own_cat} {own} / {ref_cat} {ref}",
                        {"own_cat": Message(own_cat) if own_cat else "-",
                         "ref_cat": Message(ref_cat) if ref_cat else "-",
                         "own": Written(own_q.text) if own_cat
                         else Message(N_("1 (not given)")),
                         "ref": Written(ref_q.text) if ref_cat
                         else Message(N_("1 (not given)"))}),
                _median(own_q) / _median(ref_q), a.factors.provenance))
        steps.append(Step(Message(N_("reference's deviation from the size law")),
                          _as_written(a.uncertainty.reference.text),
                          _median(a.uncertainty.reference), a.uncertainty.provenance))
        steps.append(Step(Message(N_("application uncertainty")),
                          _as_written(a.uncertainty.application.text),
                          _median(a.uncertainty.application), a.uncertainty.provenance))
    if target.mode == "extrapolated" and plan.method == "fit":
        assert plan.fit is not None
        fit = plan.fit
        intercept = math.exp(fit.coefficients[0])
        steps = [Step(Message(N_("fitted intercept")),
                      Message(N_("exp({b0}) from {n} quotes"),
                              {"b0": Number(fit.coefficients[0], ".4g"), "n": fit.points}),
                      intercept, None), bias]
        for (name, _), coef in zip(a.drivers.items(), fit.coefficients[1:], strict=True):
            x = _median(app.drivers[name])
            steps.append(Step(Message(N_("driver {name}"), {"name": name}),
                              Message(N_("{x} ^ {coef} (fitted)"),
                                      {"x": Number(x, ".4g"), "coef": Number(coef)}),
                              x ** coef, app.provenance))
        for name, own_cat in zip(FACTORS, (app.kind, app.strategy, app.criticality),
                                 strict=True):
            if own_cat:
                own_q = getattr(a.factors, name)[own_cat]
                steps.append(Step(Message(N_("factor {name}"),
                                          {"name": Message(WORDS[name])}),
                                  Message("{category} {value}", {
                                      "category": Message(own_cat),
                                      "value": Written(own_q.text)}),
                                  _median(own_q),
                                  a.factors.provenance))
        steps.append(Step(Message(N_("application uncertainty")),
                          Message(N_("Student t, {dof} degrees of freedom, scale {scale} "
                                     "(residual spread)"),
                                  {"dof": fit.dof, "scale": Number(fit.residual_sd)}),
                          1.0, None))
    median_path = 0.0 if target.zero else math.prod(s.multiplier for s in steps)
    return Explanation(app, ref.id, basis, tuple(steps), median_path, stats, options)
