"""The validated inputs of one run: the value every later layer works from.

Its own module, so that a module needing the type imports only it, not the loader (which
reads files and runs the checks that themselves take an :class:`Inputs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from soicost.errors import Problem
from soicost.inputs.models import (
    Application,
    ApplicationsFile,
    Assumptions,
    InfrastructureFile,
    Quote,
)
from soicost.inputs.yamlio import Document


@dataclass(frozen=True)
class Inputs:
    """The validated inputs of one run, with the documents they were read from."""

    applications: ApplicationsFile
    infrastructure: InfrastructureFile
    assumptions: Assumptions
    documents: dict[str, Document]
    data_dir: Path
    # Legal but suspicious inputs (an amount of 500 € where 500 k€ was surely meant, an
    # event after the horizon): the figures are computed, and these say where to look.
    warnings: tuple[Problem, ...] = ()

    @property
    def reference(self) -> Application:
        """The application whose quote anchors the extrapolation (cross_check guarantees it
        exists and has a quote)."""
        ident = self.assumptions.reference
        return next(app for app in self.applications.applications if app.id == ident)

    @property
    def reference_quote(self) -> Quote:
        """The reference application's most recent quote."""
        quote = self.reference.latest_quote()
        assert quote is not None
        return quote

    @property
    def sources(self) -> dict[str, str]:
        """File name -> decoded text, for fingerprints."""
        return {name: doc.source.text for name, doc in self.documents.items()}
