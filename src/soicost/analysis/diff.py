"""``soicost diff``: which figures changed between two runs, and which inputs differ."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soicost.analysis.runjson import figures

if TYPE_CHECKING:
    from soicost.analysis.estimate import EstimateOptions


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
    currency: str = "EUR"  # of the figures, as the runs state it


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
    currency = new.get("currency") or old.get("currency") or "EUR"
    return DiffReport(tuple(changes), compared, differing, options,
                      currency if isinstance(currency, str) else "EUR")


def load_run(path: Path, options: EstimateOptions) -> dict[str, Any]:
    """A run to compare: a soicost JSON output read back, or a data folder estimated with
    ``options``, as the same JSON data."""

    from soicost.analysis.runjson import read_run

    if path.is_dir():
        from soicost.analysis.contract import to_json_data
        from soicost.analysis.estimate import estimate
        from soicost.inputs.loader import load_inputs

        return to_json_data(estimate(load_inputs(path), options))
    return read_run(path)


def run_inputs(path: Path) -> list[Path]:
    """The files a run is read from: a JSON output, or the three files of a data folder."""
    from soicost.inputs.loader import FILES

    return [path / name for name in FILES] if path.is_dir() else [path]
