"""soicost's public Python API: everything the commands do, as functions on plain data.

    import soicost as sc                           # the same names, loaded on first use

    inputs = sc.load_inputs()                      # the bundled CASVP example, or a folder
    result = sc.estimate(inputs, sc.EstimateOptions(samples=20_000))
    result.migration.p50                           # the portfolio's median migration cost
    sc.to_json_data(result)                        # the JSON contract of `estimate -f json`

Every result is a frozen dataclass; every error a :class:`SoicostError` whose ``render()``
is the message the command line prints. The commands of the CLI call these functions and
render what they return: a figure computed here is the figure the CLI prints. docs/api.md
is a session that walks through them, and runs as a test.
"""

from __future__ import annotations

from soicost.analysis.backtest import Backtest, BacktestOptions, run_backtest
from soicost.analysis.contract import to_json_data
from soicost.analysis.estimate import AppEstimate, Estimate, EstimateOptions, Execution, estimate
from soicost.analysis.explain import Explanation, explain
from soicost.analysis.sensitivity import Sensitivity, sensitivity
from soicost.analysis.study import Study, study
from soicost.analysis.verify import Verification, verify
from soicost.errors import InputError, ModelError, Problem, SoicostError
from soicost.finance.assets import AssetReport, AssetValuation, value_assets
from soicost.finance.scenarios import Comparison, ScenarioResult
from soicost.inputs.history import History, load_history
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import load_assumptions, load_inputs, load_texts
from soicost.model.stats import Stats
from soicost.render.cite import Citation, CitationRefused, cite

__all__ = [
    "AppEstimate", "AssetReport", "AssetValuation", "Backtest", "BacktestOptions", "Citation",
    "CitationRefused", "Comparison", "Estimate", "EstimateOptions", "Execution",
    "Explanation", "History", "InputError", "Inputs", "ModelError", "Problem",
    "ScenarioResult", "Sensitivity", "SoicostError", "Stats", "Study", "Verification", "cite",
    "estimate", "explain", "load_assumptions", "load_history", "load_inputs", "load_texts",
    "run_backtest", "sensitivity", "study", "to_json_data", "value_assets", "verify",
]
