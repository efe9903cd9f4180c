"""The impact study behind ``soicost report``: one run and the analyses the report shows.

:func:`study` decides what the report holds (the estimate with its scenarios, the
sensitivity of the portfolio and of each scenario's difference to the status quo, and a
backtest on past projects when a history is given); :func:`soicost.render.report.render_study`
lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from soicost.analysis.estimate import Estimate, EstimateOptions
from soicost.inputs.inputs import Inputs

if TYPE_CHECKING:
    from soicost.analysis.backtest import Backtest
    from soicost.analysis.sensitivity import Sensitivity

DEFAULT_SENSITIVITY_SAMPLES = 1024


@dataclass(frozen=True)
class Study:
    inputs: Inputs
    result: Estimate
    sensitivities: tuple[Sensitivity, ...]  # the portfolio's, then each scenario's delta
    backtest: Backtest | None  # how the assumptions fared on past projects, if given


def study(inputs: Inputs, options: EstimateOptions | None = None,
          sensitivity_samples: int = DEFAULT_SENSITIVITY_SAMPLES,
          history: Path | None = None) -> Study:
    """Run the estimate of ``inputs`` under ``options`` and the report's analyses:
    ``sensitivity_samples`` per design matrix (0: none), and a backtest of the assumptions
    on ``history`` (a file of past projects, as ``soicost backtest`` reads) with the same
    seed."""
    from soicost.analysis.estimate import estimate
    from soicost.analysis.sensitivity import report_sensitivities
    from soicost.limits import check_sensitivity_samples

    options = options or EstimateOptions()
    check_sensitivity_samples(sensitivity_samples)
    calibration = None
    if history is not None:
        from soicost.analysis.backtest import BacktestOptions, run_backtest

        calibration = run_backtest(history, inputs.assumptions,
                                   BacktestOptions(seed=options.seed))
    result = estimate(inputs, options)
    analyses = report_sensitivities(inputs, result, sensitivity_samples)
    return Study(inputs, result, tuple(analyses), calibration)
