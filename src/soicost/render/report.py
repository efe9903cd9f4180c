"""``soicost report``: one self-contained HTML impact-study report, in French or English.

The document needs nothing but a browser: styles are inline, charts are inline SVG drawn by
:mod:`soicost.render.charts`, there are no scripts, fonts, images or links to load, and a
Content-Security-Policy forbids fetching anything should a reader's browser try. Every
figure is formatted with :func:`~soicost.render.money.format_money` from the very
:class:`~soicost.model.stats.Stats` that ``estimate --format json`` writes, so the report and the
JSON always agree. Text that comes from the inputs is escaped. The same inputs and options
give a byte-identical file (no timestamp, no path).

:mod:`soicost.render.report_view` formats what the report shows; the Jinja2 templates of
``render/templates`` lay it out (``report.html.j2`` and one template per section).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from markupsafe import Markup
from numpy.typing import NDArray

from soicost.analysis.estimate import Estimate
from soicost.analysis.sensitivity import Sensitivity
from soicost.analysis.study import Study
from soicost.inputs.inputs import Inputs
from soicost.render.money import Lang
from soicost.render.report_view import Badged, Score, report_view

if TYPE_CHECKING:
    import jinja2

    from soicost.analysis.backtest import Backtest

FloatArray = NDArray[np.float64]


def render_report(inputs: Inputs, result: Estimate, lang: Lang = "en",
                  portfolio_samples: FloatArray | None = None,
                  sensitivities: Sequence[Sensitivity] = (),
                  backtest: Backtest | None = None) -> str:
    """The report as one self-contained HTML document (see the module docstring).

    ``portfolio_samples`` (the draws summarised in ``result.migration``, kept in
    ``result.migration_samples``) gives a histogram; without them the chart is a P10–P90
    bar. Each of ``sensitivities`` adds its ranked table and tornado chart. ``backtest``
    adds a section on how the assumptions fared on the organisation's past projects.
    """
    view = report_view(inputs, result, lang, portfolio_samples, sensitivities, backtest)
    context = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    return _environment().get_template("report.html.j2").render(context)


def render_study(study: Study, lang: Lang = "en") -> str:
    """The report of ``study`` (:func:`soicost.analysis.study.study`)."""
    return render_report(study.inputs, study.result, lang, study.result.migration_samples,
                         study.sensitivities, study.backtest)


def write_report(path: Path, html: str) -> None:
    """Write the report atomically (readers see the old file or the new, never half)."""
    from soicost.atomic import write_atomic

    write_atomic(Path(path), html)


def _escaped(value: object) -> object:
    """What a template writes: markup as it is, anything else escaped as the standard
    library does (``'`` as ``&#x27;``, where MarkupSafe would write ``&#39;``), so that the
    report keeps the bytes it has always had. Autoescaping stays on behind it."""
    if hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value), quote=True))


@functools.cache
def _environment() -> jinja2.Environment:
    # Imported here: only a report needs Jinja2, and `soicost --version` or `estimate`
    # should not pay for loading it.
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("soicost.render", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, finalize=_escaped,
        # A template's lines are the report's lines: a block tag alone on its line leaves
        # nothing, and a template's last line break is kept.
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.tests["badged"] = lambda value: isinstance(value, Badged)
    env.tests["score"] = lambda value: isinstance(value, Score)
    return env
