"""``soicost diff``: which figures changed between two runs, and which inputs differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STAT_KEYS = ("p10", "p50", "p90", "mean")


@dataclass(frozen=True)
class Change:
    figure: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def relative(self) -> float | None:
        if self.old in (None, 0) or self.new is None:
            return None
        assert self.old is not None
        return (self.new - self.old) / abs(self.old)


@dataclass(frozen=True)
class DiffReport:
    changes: tuple[Change, ...]
    compared: int
    differing_inputs: tuple[str, ...]
    options_changed: tuple[str, ...]


def figures(data: dict[str, Any]) -> dict[str, float]:
    """The comparable figures of a soicost JSON output, by name."""
    out: dict[str, float] = {}

    def put(prefix: str, stats: Any) -> None:
        if isinstance(stats, dict):
            for key in STAT_KEYS:
                if isinstance(stats.get(key), int | float):
                    out[f"{prefix}.{key}"] = float(stats[key])

    put("migration", data.get("migration"))
    for app in data.get("applications", []):
        put(f"applications[{app['id']}]", app)
    for asset in data.get("assets", []):
        put(f"assets[{asset['id']}].net_book_value", asset.get("net_book_value"))
    for s in data.get("scenarios", []):
        put(f"scenarios[{s['id']}].npv", s.get("npv"))
        put(f"scenarios[{s['id']}].delta_vs_status_quo", s.get("delta_vs_status_quo"))
        put(f"scenarios[{s['id']}].non_cash_total", s.get("non_cash_total"))
        for year in s.get("by_year", []):
            put(f"scenarios[{s['id']}].{year['year']}.cash", year["cash"]["total"])
            put(f"scenarios[{s['id']}].{year['year']}.non_cash", year["non_cash"]["total"])
    return out


def changed_figures(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[Change], int]:
    """Figures that differ at all (outputs are deterministic, so any difference is real),
    and how many were compared."""
    a, b = figures(old), figures(new)
    names = sorted(set(a) | set(b))
    changes = [Change(n, a.get(n), b.get(n)) for n in names if a.get(n) != b.get(n)]
    return changes, len(names)


def diff(old: dict[str, Any], new: dict[str, Any]) -> DiffReport:
    changes, compared = changed_figures(old, new)
    changes.sort(key=lambda c: -abs(c.relative or 0.0) if c.delta is not None else -1.0)
    digests_old = old.get("input_digests") or {}
    digests_new = new.get("input_digests") or {}
    differing = tuple(sorted(k for k in set(digests_old) | set(digests_new)
                             if digests_old.get(k) != digests_new.get(k)))
    options = tuple(k for k in ("method", "samples", "seed", "soicost_version")
                    if old.get(k) != new.get(k))
    return DiffReport(tuple(changes), compared, differing, options)
