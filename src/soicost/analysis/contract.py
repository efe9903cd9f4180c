"""The JSON contract (docs/json.md): a result turned into plain data, one function per part.

The CLI's `--format json`, `verify` and `diff` all use these, so a figure is written and
read back the same way. No timestamps, no paths: byte-identical reruns.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from soicost.analysis.estimate import JSON_SCHEMA_VERSION, Estimate
from soicost.errors import Problem
from soicost.finance.assets import AssetReport, AssetValuation
from soicost.finance.scenarios import Comparison, ScenarioResult, YearResult
from soicost.model.stats import Stats


def stats_dict(stats: Stats) -> dict[str, Any]:
    return {**stats.as_dict(), "standard_error": stats.errors()}


def run_json(result: Estimate) -> dict[str, Any]:
    """What every JSON output starts with: versions, fingerprint, options, units."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "soicost_version": result.soicost_version,
        "fingerprint": result.fingerprint,
        "input_digests": dict(result.input_digests),
        "seed": result.options.seed,
        "samples": result.options.samples,
        "method": result.options.method,
        "currency": result.currency,
        "price_base_year": result.price_base_year,
        "euros": result.options.euros,
    }


def to_json_data(result: Estimate) -> dict[str, Any]:
    """The JSON contract (docs/json.md). No timestamps, no paths: byte-identical reruns."""
    return {
        **run_json(result),
        "reference": result.reference,
        "optimism_bias": result.optimism_bias,
        "illustrative_share": result.illustrative_share,
        "warnings": [warning_json(w) for w in result.warnings],
        "migration": stats_dict(result.migration),
        "applications": [
            {"id": a.id, "name": str(a.name), "kind": a.kind, "strategy": a.strategy,
             "criticality": a.criticality, "basis": a.mode, "illustrative": a.illustrative,
             **stats_dict(a.stats)}
            for a in result.applications
        ],
        "valuation_date": result.assets.as_of.isoformat() if result.assets else None,
        "assets": assets_json_list(result.assets) if result.assets else [],
        **(comparison_json(result.comparison) if result.comparison else {}),
    }


def warning_json(warning: Problem) -> dict[str, Any]:
    """One input warning: where it is, which field, and what it says. The file is named
    without its folder, so that the JSON does not depend on where it was run from."""
    loc = warning.location
    return {"file": PurePath(loc.file).name, "line": loc.line, "column": loc.column,
            "path": warning.path,
            "message": warning.message, "hint": warning.hint}


def _plain(s: Stats) -> dict[str, float]:
    return s.as_dict()


def asset_json(a: AssetValuation, as_of: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id, "name": str(a.name), "category": a.category,
        "cost": _plain(a.cost), "cost_text": a.cost_text,
        "in_service": a.in_service.isoformat(),
        "life_years": _plain(a.life_years), "life_text": a.life_text,
        "convention": a.convention, "annual_charge": _plain(a.annual_charge),
        "net_book_value": _plain(a.net_book_value), "as_of": as_of,
        "remaining_life": _plain(a.remaining_life), "end_of_life": a.end_of_life.isoformat(),
        "illustrative": a.illustrative,
    }
    if a.schedule:
        out["schedule"] = [{"year": r.year, "opening_nbv": r.opening_nbv, "charge": r.charge,
                            "accumulated": r.accumulated, "closing_nbv": r.closing_nbv}
                           for r in a.schedule]
    return out


def assets_json_list(report: AssetReport) -> list[dict[str, Any]]:
    return [asset_json(a, report.as_of.isoformat()) for a in report.assets]


def _s(stats: Stats) -> dict[str, float]:
    return stats.as_dict()


def _year_json(y: YearResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "year": y.year,
        "cash": {"total": _s(y.cash_total),
                 "by_category": {c: _s(v) for c, v in y.cash.items()}},
        "non_cash": {"total": _s(y.non_cash_total),
                     "by_category": {c: _s(v) for c, v in y.non_cash.items()}},
        "rps_proxies": {"total": _s(y.proxies)},
    }
    if y.delta_cash_total is not None and y.delta_cash is not None:
        assert y.delta_non_cash_total is not None
        out["delta_vs_status_quo"] = {
            "cash": {"total": _s(y.delta_cash_total),
                     "by_category": {c: _s(v) for c, v in y.delta_cash.items()}},
            "non_cash": {"total": _s(y.delta_non_cash_total)},
        }
    else:
        out["delta_vs_status_quo"] = None
    return out


def scenario_json(s: ScenarioResult) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": str(s.name),
        "description": str(s.description),
        "implicit": s.implicit,
        "migrated_applications": s.migrated,
        "by_year": [_year_json(y) for y in s.by_year],
        "npv": _s(s.npv),
        "delta_vs_status_quo": _s(s.delta_vs_status_quo) if s.delta_vs_status_quo else None,
        "cash_total_undiscounted": _s(s.cash_total),
        "non_cash_total": _s(s.non_cash_total),
        "rps_proxies_npv": _s(s.proxies_npv),
        "stranded_assets": [
            {"asset": x.asset, "date": x.date.isoformat(), "written_off": _s(x.written_off),
             "remaining_years": _s(x.remaining_years), "lost_charges": _s(x.lost_charges)}
            for x in s.stranded],
        "staff": {"by_year": [
            {"year": st.year,
             "headcount": {team: {"stays": h.stays, "transferred": h.transferred,
                                  "removed": h.removed} for team, h in st.headcount.items()},
             "departures": _s(st.departures), "vacancies": _s(st.vacancies),
             "months_to_fill": st.months_to_fill}
            for st in s.staff]},
        "rps": [{"axis": r.axis, "likelihood": r.likelihood, "severity": r.severity,
                 "score": r.score, "rationale": str(r.rationale)} for r in s.rps],
    }


def comparison_json(c: Comparison) -> dict[str, Any]:
    """The scenario part of the JSON contract (shared by estimate and compare)."""
    return {
        "discount_rate": c.discount_rate,
        "base_year": c.base_year,
        "years": list(c.years),
        "status_quo": c.status_quo,
        "scenarios": [scenario_json(s) for s in c.scenarios],
    }
