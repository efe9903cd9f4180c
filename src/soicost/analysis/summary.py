"""What the inputs hold, and how much of them is illustrative."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from soicost.inputs.inputs import Inputs
from soicost.inputs.provenance import Provenance, Status
from soicost.inputs.quantity import Quantity


@dataclass(frozen=True)
class Figure:
    """One input figure and the provenance that applies to it."""

    path: str
    status: Status


def _walk(value: object, path: str, inherited: Provenance | None) -> Iterator[Figure]:
    """Every quantity under ``value``, with the nearest provenance that applies to it."""
    if isinstance(value, Quantity):
        prov = value.provenance or inherited
        yield Figure(path, prov.status if prov is not None else "assumed")
    elif isinstance(value, BaseModel):
        own = getattr(value, "provenance", None)
        scope = own if isinstance(own, Provenance) else inherited
        for name in type(value).model_fields:
            if name != "provenance":
                yield from _walk(getattr(value, name), f"{path}.{name}" if path else name,
                                 scope)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}", inherited)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]", inherited)


def input_figures(inputs: Inputs) -> list[Figure]:
    """Every input figure with its provenance status: its own, else its entry's (an
    application, an asset, a section of the assumptions), else its file's; an assumption
    with none at all counts as assumed."""
    return [*_walk(inputs.applications, "", None), *_walk(inputs.infrastructure, "", None),
            *_walk(inputs.assumptions, "", None)]


STATUSES: tuple[Status, ...] = ("sourced", "assumed", "illustrative")


def figures_by_status(inputs: Inputs) -> dict[Status, int]:
    """How many input figures are sourced, assumed and illustrative (see
    :func:`input_figures`): every status, in that order, even at zero."""
    counts = Counter(f.status for f in input_figures(inputs))
    return {s: counts.get(s, 0) for s in STATUSES}


@dataclass(frozen=True)
class Summary:
    applications_by_kind: dict[str, int]
    quoted_applications: list[str]
    assets_by_category: dict[str, int]
    scenarios: list[str]
    drivers: list[str]
    figures_by_status: dict[Status, int]

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
    return Summary(
        applications_by_kind=dict(Counter(a.kind for a in apps).most_common()),
        quoted_applications=[a.id for a in apps if a.quotes],
        assets_by_category=dict(Counter(a.category for a in inputs.infrastructure.assets)
                                .most_common()),
        scenarios=[s.id for s in inputs.assumptions.scenarios],
        drivers=list(inputs.assumptions.drivers),
        figures_by_status=figures_by_status(inputs),
    )
