"""soicost: extrapolate IT migration costs across an application portfolio, with ranges.

``import soicost`` gives the public API of :mod:`soicost.api` (``soicost.load_inputs``,
``soicost.estimate``…, docs/api.md), loaded on first use so that ``soicost --version``
starts without numpy or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from soicost.version import __version__

if TYPE_CHECKING:  # type checkers see the names of API where they are defined
    from soicost.api import *  # noqa: F403

# The names of soicost.api (tests/test_api.py keeps the two lists equal).
API = (
    "AppEstimate", "AssetReport", "AssetValuation", "Backtest", "BacktestOptions", "Citation",
    "CitationRefused", "Comparison", "Estimate", "EstimateOptions", "Execution",
    "Explanation", "History", "InputError", "Inputs", "ModelError", "Problem",
    "ScenarioResult", "Sensitivity", "SoicostError", "Stats", "Study", "Verification", "cite",
    "estimate", "explain", "load_assumptions", "load_history", "load_inputs", "load_texts",
    "run_backtest", "sensitivity", "study", "to_json_data", "value_assets", "verify",
)
__all__ = ["__version__", *API]


def __getattr__(name: str) -> Any:
    if name in API:
        from soicost import api

        return getattr(api, name)
    raise AttributeError(f"module 'soicost' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The documented names, not this module's own machinery (API, Any, TYPE_CHECKING…).
    return sorted(__all__)
