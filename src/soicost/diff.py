"""``soicost diff``: which figures changed between two runs, and which inputs differ."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soicost.errors import FileError

if TYPE_CHECKING:
    from soicost.analysis.estimate import EstimateOptions

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
    """The comparable figures of a soicost JSON output, by name.

    Raises :class:`FileError` (naming the value, not the file) at the first value that is
    not what a soicost output holds there: a figure is never skipped or guessed.
    """
    from soicost.runjson import describe, number

    out: dict[str, float] = {}

    def put(name: str, where: str, stats: Any) -> None:
        if not isinstance(stats, dict):
            raise FileError(f"{where}: expected a range {{p10, p50, p90, mean}}, found "
                            f"{describe(stats)}")
        for key in STAT_KEYS:
            if key not in stats:
                raise FileError(f"{where}: expected a range {{p10, p50, p90, mean}}, found "
                                f"no {key!r}")
            out[f"{name}.{key}"] = number(stats[key], f"{where}.{key}")

    def put_if(name: str, where: str, item: dict[str, Any], key: str,
               nullable: bool = False) -> None:
        if key in item and not (nullable and item[key] is None):
            put(name, f"{where}.{key}", item[key])

    if "migration" in data:
        put("migration", "migration", data["migration"])
    for where, app in _items(data, "applications"):
        put(f"applications[{app['id']}]", where, app)
    for where, asset in _items(data, "assets"):
        put_if(f"assets[{asset['id']}].net_book_value", where, asset, "net_book_value")
    for where, s in _items(data, "scenarios"):
        prefix = f"scenarios[{s['id']}]"
        put_if(f"{prefix}.npv", where, s, "npv")
        put_if(f"{prefix}.delta_vs_status_quo", where, s, "delta_vs_status_quo",
               nullable=True)
        put_if(f"{prefix}.non_cash_total", where, s, "non_cash_total")
        for at, year in _items(s, "by_year", key="year", where=f"{where}.by_year"):
            for part, label in (("cash", "cash"), ("non_cash", "non_cash")):
                if part in year:
                    block = year[part]
                    if not isinstance(block, dict):
                        raise FileError(f"{at}.{part}: expected an object with 'total', "
                                        f"found {describe(block)}")
                    put_if(f"{prefix}.{year['year']}.{label}", f"{at}.{part}", block, "total")
    return out


def _items(data: dict[str, Any], section: str, key: str = "id", where: str = ""
           ) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a list, each with its place (``scenarios[2]``) and a unique ``key``."""
    from soicost.runjson import describe

    where = where or section
    if section not in data:
        return []
    items = data[section]
    if not isinstance(items, list):
        raise FileError(f"{where}: expected a list, found {describe(items)}")
    seen: set[object] = set()
    out = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise FileError(f"{at}: expected an object, found {describe(item)}")
        ident = item.get(key)
        valid = (isinstance(ident, str) and ident != "") if key == "id" else \
            (isinstance(ident, int) and not isinstance(ident, bool))
        if not valid:
            what = "a non-empty string" if key == "id" else "a whole number"
            raise FileError(f"{at}.{key}: expected {what}, found "
                            + ("nothing" if key not in item else describe(ident)))
        if ident in seen:
            raise FileError(f"{at}.{key}: expected each {key} once, found {describe(ident)} "
                            "again")
        seen.add(ident)
        out.append((at, item))
    return out


def changed_figures(old: dict[str, Any], new: dict[str, Any], *,
                    claimed_only: bool = False) -> tuple[list[Change], int]:
    """Figures that differ at all (outputs are deterministic, so any difference is real),
    and how many were compared. ``claimed_only``: only the figures ``old`` holds (a
    figure it lacks is not a difference: `compare` outputs hold no applications)."""
    a, b = figures(old), figures(new)
    names = sorted(set(a) if claimed_only else set(a) | set(b))
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


def load_run(path: Path, options: EstimateOptions) -> dict[str, Any]:
    """A run to compare: a soicost JSON output read back, or a data folder estimated with
    ``options``, as the same JSON data."""
    import json

    from soicost.runjson import read_run

    if path.is_dir():
        from soicost.analysis.estimate import estimate
        from soicost.inputs.loader import load_inputs
        from soicost.render.estimate import to_json_data

        data: dict[str, Any] = json.loads(json.dumps(
            to_json_data(estimate(load_inputs(path), options))))
        return data
    return read_run(path)


def run_inputs(path: Path) -> list[Path]:
    """The files a run is read from: a JSON output, or the three files of a data folder."""
    from soicost.outputs import data_files

    return data_files(path) if path.is_dir() else [path]
