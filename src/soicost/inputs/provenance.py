"""Where a figure comes from: sourced, assumed or illustrative."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from soicost.i18n import Said
from soicost.inputs.scalars import Date, Prose, refusal

Status = Literal["sourced", "assumed", "illustrative"]


class Provenance(BaseModel):
    """The provenance of one figure or of all the figures of an entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Status = Field(description="sourced | assumed | illustrative")
    source: Prose = Field(
        default="",
        description="The source (title, publisher, date) or, for an assumption, its rationale "
                    "(a text, or {fr: …, en: …}).",
    )
    by: str | None = Field(default=None, description="Who made the assumption (optional).")
    date: Date | None = Field(default=None, description="When (optional), YYYY-MM-DD.")

    @model_validator(mode="after")
    def _sourced_needs_source(self) -> Provenance:
        if self.status == "sourced" and not self.source.strip():
            raise refusal("scalar", Said("a sourced figure must name its source in 'source'"))
        return self

    @property
    def is_illustrative(self) -> bool:
        return self.status == "illustrative"


def assumed(rationale: str) -> Provenance:
    """An assumption and its rationale: a text, or a :class:`~soicost.inputs.scalars.Text` in
    French and English (validation keeps its languages)."""
    return Provenance(status="assumed", source=rationale)


def sourced(source: str) -> Provenance:
    """A sourced figure and its source: a text, or a :class:`~soicost.inputs.scalars.Text` in
    French and English (validation keeps its languages)."""
    return Provenance(status="sourced", source=source)
