"""soicost: extrapolate IT migration costs across an application portfolio, with ranges.

``import soicost`` gives the public API of :mod:`soicost.api` (``soicost.load_inputs``,
``soicost.estimate``…, docs/api.md), loaded on first use so that ``soicost --version``
starts without numpy or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from soicost.version import __version__

if TYPE_CHECKING:
    from soicost.api import (
        AppEstimate as AppEstimate,
    )
    from soicost.api import (
        AssetReport as AssetReport,
    )
    from soicost.api import (
        AssetValuation as AssetValuation,
    )
    from soicost.api import (
        Backtest as Backtest,
    )
    from soicost.api import (
        BacktestOptions as BacktestOptions,
    )
    from soicost.api import (
        Citation as Citation,
    )
    from soicost.api import (
        CitationRefused as CitationRefused,
    )
    from soicost.api import (
        Comparison as Comparison,
    )
    from soicost.api import (
        Estimate as Estimate,
    )
    from soicost.api import (
        EstimateOptions as EstimateOptions,
    )
    from soicost.api import (
        Execution as Execution,
    )
    from soicost.api import (
        Explanation as Explanation,
    )
    from soicost.api import (
        History as History,
    )
    from soicost.api import (
        InputError as InputError,
    )
    from soicost.api import (
        Inputs as Inputs,
    )
    from soicost.api import (
        ModelError as ModelError,
    )
    from soicost.api import (
        Problem as Problem,
    )
    from soicost.api import (
        ScenarioResult as ScenarioResult,
    )
    from soicost.api import (
        Sensitivity as Sensitivity,
    )
    from soicost.api import (
        SoicostError as SoicostError,
    )
    from soicost.api import (
        Stats as Stats,
    )
    from soicost.api import (
        Verification as Verification,
    )
    from soicost.api import (
        cite as cite,
    )
    from soicost.api import (
        estimate as estimate,
    )
    from soicost.api import (
        explain as explain,
    )
    from soicost.api import (
        load_assumptions as load_assumptions,
    )
    from soicost.api import (
        load_history as load_history,
    )
    from soicost.api import (
        load_inputs as load_inputs,
    )
    from soicost.api import (
        load_texts as load_texts,
    )
    from soicost.api import (
        run_backtest as run_backtest,
    )
    from soicost.api import (
        sensitivity as sensitivity,
    )
    from soicost.api import (
        to_json_data as to_json_data,
    )
    from soicost.api import (
        value_assets as value_assets,
    )
    from soicost.api import (
        verify as verify,
    )

# The names of soicost.api (tests/test_api.py keeps the two lists equal).
API = (
    "AppEstimate", "AssetReport", "AssetValuation", "Backtest", "BacktestOptions", "Citation",
    "CitationRefused", "Comparison", "Estimate", "EstimateOptions", "Execution",
    "Explanation", "History", "InputError", "Inputs", "ModelError", "Problem",
    "ScenarioResult", "Sensitivity", "SoicostError", "Stats", "Verification", "cite",
    "estimate", "explain", "load_assumptions", "load_history", "load_inputs", "load_texts",
    "run_backtest", "sensitivity", "to_json_data", "value_assets", "verify",
)
__all__ = ["__version__", *API]


def __getattr__(name: str) -> Any:
    if name in API:
        from soicost import api

        return getattr(api, name)
    raise AttributeError(f"module 'soicost' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *API})
