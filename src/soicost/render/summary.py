"""Text summary printed by ``soicost validate``."""

from __future__ import annotations

from soicost.analysis.summary import Summary
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import bundled_data_dir


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())


def render_summary(inputs: Inputs, summary: Summary) -> str:
    where = ("the bundled CASVP example" if inputs.data_dir.resolve() == bundled_data_dir()
             .resolve() else str(inputs.data_dir))
    status = summary.figures_by_status
    illustrative = status["illustrative"]
    share = illustrative / summary.figures if summary.figures else 0.0
    lines = [
        f"Valid inputs: {where}",
        f"  applications: {summary.applications} ({_counts(summary.applications_by_kind)}); "
        f"quoted: {', '.join(summary.quoted_applications)}",
        f"  reference:    {inputs.assumptions.reference}",
        f"  drivers:      {', '.join(summary.drivers) or 'none'}",
        f"  assets:       {summary.assets}"
        + (f" ({_counts(summary.assets_by_category)})" if summary.assets else ""),
        f"  scenarios:    {len(summary.scenarios)}"
        + (f" ({', '.join(summary.scenarios)})" if summary.scenarios else ""),
        f"  input figures: {summary.figures}: {status['sourced']} sourced, "
        f"{status['assumed']} assumed, {illustrative} illustrative ({share:.0%})",
    ]
    if share >= 0.5:
        lines.append("  warning: most input figures are illustrative; replace them with real "
                     "data before citing results")
    return "\n".join(lines)
