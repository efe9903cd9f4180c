"""What the inputs hold, and how much of them is illustrative."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from soicost.loader import Inputs
from soicost.provenance import Provenance, Status
from soicost.quantity import Quantity


@dataclass(frozen=True)
class Figure:
    """One input figure and the provenance that applies to it."""

    path: str
    status: Status


def _status(quantity: Quantity, *fallbacks: Provenance | None) -> Status:
    for prov in (quantity.provenance, *fallbacks):
        if prov is not None:
            return prov.status
    return "assumed"


def input_figures(inputs: Inputs) -> list[Figure]:
    """Every input figure with its provenance status (its own, else its entry's, else its
    file's; an assumption with none at all counts as assumed)."""
    figures: list[Figure] = []
    for app in inputs.applications.applications:
        for name, value in app.drivers.items():
            figures.append(Figure(f"{app.id}.drivers.{name}", _status(value, app.provenance)))
        for i, quote in enumerate(app.quotes):
            figures.append(Figure(f"{app.id}.quotes[{i}]",
                                  _status(quote.amount, quote.provenance, app.provenance)))
    for asset in inputs.infrastructure.assets:
        for name in ("cost", "life_years", "residual"):
            figures.append(Figure(f"{asset.id}.{name}",
                                  _status(getattr(asset, name), asset.provenance)))
    a = inputs.assumptions
    for name, driver in a.drivers.items():
        figures.append(Figure(f"drivers.{name}.elasticity",
                              _status(driver.elasticity, driver.provenance, a.provenance)))
    for factor in ("kind", "strategy", "criticality"):
        for category, value in getattr(a.factors, factor).items():
            figures.append(Figure(f"factors.{factor}.{category}",
                                  _status(value, a.factors.provenance)))
    figures.append(Figure("uncertainty.application",
                          _status(a.uncertainty.application, a.uncertainty.provenance)))
    figures.append(Figure("optimism_bias", _status(a.optimism_bias, a.provenance)))
    figures.append(Figure("discount_rate", _status(a.discount_rate, a.provenance)))
    return figures


@dataclass(frozen=True)
class Summary:
    applications_by_kind: dict[str, int]
    quoted_applications: list[str]
    assets_by_category: dict[str, int]
    scenarios: list[str]
    drivers: list[str]
    figures_by_status: dict[str, int]

    @property
    def applications(self) -> int:
        return sum(self.applications_by_kind.values())

    @property
    def assets(self) -> int:
        return sum(self.assets_by_category.values())

    @property
    def figures(self) -> int:
        return sum(self.figures_by_status.values())


def summarise(inputs: Inputs) -> Summary:
    """Counts for ``soicost validate``."""
    apps = inputs.applications.applications
    statuses = Counter(f.status for f in input_figures(inputs))
    return Summary(
        applications_by_kind=dict(Counter(a.kind for a in apps).most_common()),
        quoted_applications=[a.id for a in apps if a.quotes],
        assets_by_category=dict(Counter(a.category for a in inputs.infrastructure.assets)
                                .most_common()),
        scenarios=[s.id for s in inputs.assumptions.scenarios],
        drivers=list(inputs.assumptions.drivers),
        figures_by_status={s: statuses.get(s, 0) for s in ("sourced", "assumed", "illustrative")},
    )
