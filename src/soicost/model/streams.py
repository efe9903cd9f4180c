"""The one registry of random streams: what each is named, and which group it belongs to.

Every random variable draws from a stream named by a string (see :mod:`soicost.model.rng`). The
names are a contract: renaming a stream moves published figures. So they are built here and
nowhere else, one function per kind of stream (``quote("piaf")`` is ``"quote:piaf"``), and
each kind is declared with the group the sensitivity analysis puts it in, the way an analyst
thinks of the inputs ("reference quote", "elasticity of users"). :func:`group_of` reads a
name back; a name no kind matches is an error, not a group of its own.

A kind is one template, ``"factor:{factor}:{category}"``, from which both the name and the
pattern that recognises it are made, so the two cannot drift apart. A placeholder stands
for an id unless the kind says otherwise (a position ``[0-9]+``, one of a few fields, a
driver's or an index's name, which may be any text); no two kinds match the same name
(``tests/test_streams.py`` checks it on every name a full run draws).

The backtest's replicate names (``backtest:reference:p12``, ``backtest:fit:3``) are seeds of
whole models (:func:`soicost.model.rng.derived_seed`) rather than streams, but they are built
here too, for the same reason.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args

from soicost.i18n import N_, Message

__all__ = [
    "KINDS", "Kind", "UnknownStream", "app_driver", "app_quote", "app_uncertainty", "asset",
    "backtest_choice", "backtest_fit", "backtest_reference", "discount_rate", "elasticity",
    "factor", "fit", "fit_variance", "group_of", "index", "kind_of", "label_of",
    "optimism_bias", "quote", "reference_deviation", "running", "scenario_attrition",
    "scenario_rps_proxy", "scenario_running", "scenario_transition", "staff_attrition",
    "staff_cost", "staff_means", "team_fte",
]

# What a placeholder matches unless its kind says otherwise: an id, a slug, never empty.
_ID = ".+"
# A driver's or an index's name: a key of a YAML mapping, any text, even empty.
_NAME = ".*"
_INDEX = "[0-9]+"


class UnknownStream(ValueError):
    """A stream name that no kind of :data:`KINDS` matches, or more than one does."""


@dataclass(frozen=True, eq=False)  # one object per kind: compared by identity
class Kind:
    """One kind of stream: its name's template and the sensitivity group it belongs to.

    ``template`` and ``group`` share placeholders (``"elasticity:{driver}"``, ``"elasticity
    of {driver}"``); ``fields`` restricts what a placeholder matches (a regular expression;
    default: any non-empty text, as an id is).
    """

    template: str
    group: str
    fields: Mapping[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = []
        for literal, placeholder, _, _ in string.Formatter().parse(self.template):
            parts.append(re.escape(literal))
            if placeholder is not None:
                parts.append(f"(?P<{placeholder}>{self.fields.get(placeholder, _ID)})")
        object.__setattr__(self, "pattern", re.compile("".join(parts), re.DOTALL))

    def name(self, **values: str | int) -> str:
        """The stream's name for these values of the placeholders."""
        return self.template.format(**values)

    def group_of(self, name: str) -> str | None:
        """The group of ``name`` if it is a stream of this kind, else None."""
        match = self.pattern.fullmatch(name)
        return None if match is None else self.group.format(**match.groupdict())

    def label_of(self, name: str) -> Message:
        """The group of ``name`` (a stream of this kind) as a message of the catalogue;
        placeholders whose values are soicost's own words (a factor's name) are worded
        too, those from the data (a driver's name) stay as written."""
        match = self.pattern.fullmatch(name)
        assert match is not None, name
        values = {key: Message(WORDS[value]) if value in WORDS else value
                  for key, value in match.groupdict().items()}
        return Message(self.group, values)


def _one_of(choices: object) -> str:
    """A pattern matching one of the strings of a ``Literal`` type."""
    return "|".join(re.escape(str(v)) for v in get_args(choices))


# --------------------------------------------------------------------------------------
# The common causes of the engine (soicost.model.engine.common_draws)

FactorName = Literal["kind", "strategy", "criticality"]
# Values of placeholders that are soicost's words, not the data's: worded in each language.
WORDS: Mapping[str, str] = {"kind": N_("kind"), "strategy": N_("strategy"),
                            "criticality": N_("criticality")}
QUOTE = Kind("quote:{reference}", N_("reference quote"))
OPTIMISM_BIAS = Kind("optimism_bias", N_("optimism bias"))
ELASTICITY = Kind("elasticity:{driver}", N_("elasticity of {driver}"), {"driver": _NAME})
FIT = Kind("fit", N_("fitted intercept and elasticities"))
FIT_VARIANCE = Kind("fit:variance", N_("fitted intercept and elasticities"))
REFERENCE_DEVIATION = Kind("uncertainty:reference", N_("reference's deviation from the size law"))
FACTOR = Kind("factor:{factor}:{category}", N_("factor: {factor}"),
              {"factor": _one_of(FactorName)})
INDEX = Kind("index:{index}", N_("price index: {index}"), {"index": _NAME})

# Per application (soicost.model.engine.application_log_cost)
APP_UNCERTAINTY = Kind("app:{app}:uncertainty",
                       N_("application-level uncertainty (all applications)"))
APP_QUOTE = Kind("app:{app}:quote", N_("own quotes of other applications"))
APP_DRIVER = Kind("app:{app}:driver:{driver}", N_("uncertain driver values"), {"driver": _INDEX})

# Staff, running costs and discounting, shared by every scenario (soicost.finance.scenarios)
StaffAttrition = Literal["turnover", "vacancy_rate"]
StaffMeans = Literal["transfer_uplift", "vacancy_cover", "recruitment_cost"]
STAFF_COST = Kind("staff:cost_per_fte", N_("staff cost"))
STAFF_ATTRITION = Kind("staff:{rate}", N_("turnover and vacancies"),
                       {"rate": _one_of(StaffAttrition)})
STAFF_MEANS = Kind("staff:{what}", N_("staff: recruitment, cover and transfer"),
                   {"what": _one_of(StaffMeans)})
TEAM_FTE = Kind("team:{team}:fte", N_("team sizes"))
RUNNING = Kind("running:{item}", N_("running costs"))
DISCOUNT_RATE = Kind("discount_rate", N_("discount rate"))

# One scenario's own inputs (soicost.finance.scenarios)
Transition = Literal["double_running_months", "knowledge_transfer", "training",
                     "productivity_loss"]
SCENARIO_TRANSITION = Kind("scenario:{scenario}:{what}", N_("transition costs"),
                           {"what": _one_of(Transition)})
SCENARIO_ATTRITION = Kind("scenario:{scenario}:attrition:{override}:{rate}",
                          N_("attrition during the transfer"),
                          {"override": _INDEX, "rate": _one_of(StaffAttrition)})
SCENARIO_RUNNING = Kind("scenario:{scenario}:running:{add}", N_("running costs"), {"add": _INDEX})
SCENARIO_RPS_PROXY = Kind("scenario:{scenario}:rps_proxy:{proxy}", N_("RPS cost proxies"),
                          {"proxy": _INDEX})

# Assets (soicost.finance.assets)
AssetPart = Literal["cost", "residual", "life"]
ASSET = Kind("asset:{asset}:{part}", N_("asset costs and lives"),
             {"part": _one_of(AssetPart)})

# The backtest's own names (soicost.analysis.backtest): the choice of quotes, and the seeds of
# replicates. Never drawn by an estimate, so never in a sensitivity analysis.
BACKTEST_CHOICE = Kind("backtest:fit:choice", N_("backtest: choice of the quoted projects"))
BACKTEST_REFERENCE = Kind("backtest:reference:{project}", N_("backtest: replicates"))
BACKTEST_FIT = Kind("backtest:fit:{replicate}", N_("backtest: replicates"),
                    {"replicate": _INDEX})

KINDS: tuple[Kind, ...] = (
    QUOTE, OPTIMISM_BIAS, ELASTICITY, FIT, FIT_VARIANCE, REFERENCE_DEVIATION, FACTOR, INDEX,
    APP_UNCERTAINTY, APP_QUOTE, APP_DRIVER,
    STAFF_COST, STAFF_ATTRITION, STAFF_MEANS, TEAM_FTE, RUNNING, DISCOUNT_RATE,
    SCENARIO_TRANSITION, SCENARIO_ATTRITION, SCENARIO_RUNNING, SCENARIO_RPS_PROXY,
    ASSET,
    BACKTEST_CHOICE, BACKTEST_REFERENCE, BACKTEST_FIT,
)


# --------------------------------------------------------------------------------------
# Builders: the only way a stream gets its name.

def quote(reference: str) -> str:
    """The reference application's quote: ``quote:piaf``."""
    return QUOTE.name(reference=reference)


def optimism_bias() -> str:
    """The uplift for optimism bias."""
    return OPTIMISM_BIAS.name()


def elasticity(driver: str) -> str:
    """The elasticity of one size driver: ``elasticity:users``."""
    return ELASTICITY.name(driver=driver)


def fit() -> str:
    """The fitted coefficients' standard normals (``--method fit``)."""
    return FIT.name()


def fit_variance() -> str:
    """The fit's residual variance (``--method fit``)."""
    return FIT_VARIANCE.name()


def reference_deviation() -> str:
    """R, the reference's deviation from the size law."""
    return REFERENCE_DEVIATION.name()


def factor(name: str, category: str) -> str:
    """A cost factor of one category: ``factor:strategy:refactor``."""
    return FACTOR.name(factor=name, category=category)


def index(name: str) -> str:
    """A price index's rate: ``index:general``."""
    return INDEX.name(index=name)


def app_uncertainty(app_id: str) -> str:
    """An application's own residual uncertainty: ``app:payroll:uncertainty``."""
    return APP_UNCERTAINTY.name(app=app_id)


def app_quote(app_id: str) -> str:
    """A quoted application's own quote: ``app:payroll:quote``."""
    return APP_QUOTE.name(app=app_id)


def app_driver(app_id: str, driver: int) -> str:
    """An uncertain size driver of an application, by its position: ``app:payroll:driver:0``."""
    return APP_DRIVER.name(app=app_id, driver=driver)


def staff_cost() -> str:
    """The loaded cost per FTE."""
    return STAFF_COST.name()


def staff_attrition(rate: StaffAttrition) -> str:
    """The yearly turnover or vacancy rate: ``staff:turnover``."""
    return STAFF_ATTRITION.name(rate=rate)


def staff_means(what: StaffMeans) -> str:
    """The transfer uplift, vacancy cover or recruitment cost: ``staff:recruitment_cost``."""
    return STAFF_MEANS.name(what=what)


def team_fte(team_id: str) -> str:
    """A team's size: ``team:ops:fte``."""
    return TEAM_FTE.name(team=team_id)


def running(item_id: str) -> str:
    """A current running cost: ``running:hosting``."""
    return RUNNING.name(item=item_id)


def discount_rate() -> str:
    """The discount rate of the net present values."""
    return DISCOUNT_RATE.name()


def scenario_transition(scenario_id: str, what: Transition) -> str:
    """A scenario's transition input: ``scenario:transfer-thirds:training``."""
    return SCENARIO_TRANSITION.name(scenario=scenario_id, what=what)


def scenario_attrition(scenario_id: str, override: int, rate: StaffAttrition) -> str:
    """A scenario's attrition override, by position: ``scenario:s:attrition:0:turnover``."""
    return SCENARIO_ATTRITION.name(scenario=scenario_id, override=override, rate=rate)


def scenario_running(scenario_id: str, add: int) -> str:
    """A running cost a scenario adds, by position: ``scenario:s:running:0``."""
    return SCENARIO_RUNNING.name(scenario=scenario_id, add=add)


def scenario_rps_proxy(scenario_id: str, proxy: int) -> str:
    """A scenario's RPS cost proxy, by position: ``scenario:s:rps_proxy:0``."""
    return SCENARIO_RPS_PROXY.name(scenario=scenario_id, proxy=proxy)


def asset(asset_id: str, part: AssetPart) -> str:
    """An asset's cost, residual value or life: ``asset:datacenter:cost``."""
    return ASSET.name(asset=asset_id, part=part)


def backtest_choice() -> str:
    """The backtest's choice of the k quoted projects."""
    return BACKTEST_CHOICE.name()


def backtest_reference(project_id: str) -> str:
    """The seed of the single-reference replicate anchored on one project."""
    return BACKTEST_REFERENCE.name(project=project_id)


def backtest_fit(replicate: int) -> str:
    """The seed of the k-th replicate of the k-quote protocol."""
    return BACKTEST_FIT.name(replicate=replicate)


# --------------------------------------------------------------------------------------
# Reading a name back

@lru_cache(maxsize=65536)
def _classify(name: str) -> tuple[Kind, str]:
    found = [(kind, group) for kind in KINDS if (group := kind.group_of(name)) is not None]
    if not found:
        raise UnknownStream(f"no kind of stream is named like {name!r}: build every stream "
                            f"name with a function of soicost.model.streams")
    if len(found) > 1:
        templates = ", ".join(repr(kind.template) for kind, _ in found)
        raise UnknownStream(f"the stream name {name!r} is ambiguous: it reads as {templates}")
    return found[0]


def kind_of(name: str) -> Kind:
    """The kind of stream ``name`` is; :class:`UnknownStream` if none (or several)."""
    return _classify(name)[0]


def label_of(name: str) -> Message:
    """:func:`group_of` as a message of the catalogue, to be worded in a language."""
    return kind_of(name).label_of(name)


def group_of(name: str) -> str:
    """The analyst's name of the group the stream ``name`` belongs to ("reference quote",
    "elasticity of users"…); :class:`UnknownStream` if no kind matches it."""
    return _classify(name)[1]
