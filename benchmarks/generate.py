"""Synthetic portfolios for benchmarks (and tests): the bundled data, scaled up.

``write_portfolio(folder, n)`` writes a data folder holding the bundled assumptions.yaml and
infrastructure.yaml unchanged, and an applications.yaml holding the bundled reference entry
(Piaf, with its quote) followed by ``n - 1`` synthetic applications. Their kinds, strategies
and criticalities are drawn at random (some left out, as the schema allows), and their size
drivers are spread lognormally, as real portfolios are: a few large applications and many
small ones. The same ``seed`` always writes the same file.

Uses only the standard library and PyYAML, so it costs nothing to import in a test.
"""

from __future__ import annotations

import math
import random
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

KINDS = ("vendor", "in-house", "lutece", "saas")
KIND_WEIGHTS = (0.40, 0.30, 0.20, 0.10)
STRATEGIES = ("retain", "retire", "rehost", "replatform", "refactor", "repurchase", None)
STRATEGY_WEIGHTS = (0.05, 0.05, 0.35, 0.30, 0.10, 0.05, 0.10)
CRITICALITIES = ("low", "medium", "high", "vital", None)
CRITICALITY_WEIGHTS = (0.20, 0.35, 0.25, 0.10, 0.10)
# (median, sigma of ln x, smallest value, decimals) of each driver.
DRIVERS: dict[str, tuple[float, float, float, int]] = {
    "users": (250.0, 1.3, 1.0, 0),
    "interfaces": (6.0, 0.8, 1.0, 0),
    "data_gb": (40.0, 1.5, 0.1, 1),
}
REFERENCE = "piaf"


def bundled_data() -> Path:
    """The folder of the bundled example data (found in the source tree when soicost is
    not installed, as in the scratch environment of ``squiggle_compare.py``)."""
    try:
        return Path(str(resources.files("soicost") / "data"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "src" / "soicost" / "data"


def _reference_entry() -> dict[str, Any]:
    text = (bundled_data() / "applications.yaml").read_text(encoding="utf-8")
    apps: list[dict[str, Any]] = yaml.safe_load(text)["applications"]
    return next(app for app in apps if app["id"] == REFERENCE)


def _driver(rng: random.Random, name: str) -> float | int:
    median, sigma, smallest, decimals = DRIVERS[name]
    value = max(smallest, median * math.exp(rng.gauss(0.0, sigma)))
    return round(value) if decimals == 0 else round(value, decimals)


def synthetic_applications(n: int, *, seed: int = 0, quoted_share: float = 0.0,
                           uncertain_share: float = 0.0) -> list[dict[str, Any]]:
    """The bundled reference entry and ``n - 1`` synthetic applications, as YAML-ready dicts.

    ``quoted_share`` of the synthetic applications get a quote of their own (a range), and
    ``uncertain_share`` get an uncertain number of users ("a to b"); both default to none, so
    every synthetic application is extrapolated from fixed drivers.
    """
    if n < 1:
        raise ValueError("a portfolio needs at least the reference application")
    rng = random.Random(seed)
    provenance = {"status": "illustrative", "source": "Synthetic benchmark portfolio"}
    apps: list[dict[str, Any]] = [_reference_entry()]
    width = len(str(n))
    for i in range(1, n):
        app: dict[str, Any] = {
            "id": f"app-{i:0{width}d}",
            "name": f"Synthetic application {i}",
            "kind": rng.choices(KINDS, KIND_WEIGHTS)[0],
        }
        strategy = rng.choices(STRATEGIES, STRATEGY_WEIGHTS)[0]
        if strategy is not None:
            app["strategy"] = strategy
        criticality = rng.choices(CRITICALITIES, CRITICALITY_WEIGHTS)[0]
        if criticality is not None:
            app["criticality"] = criticality
        drivers: dict[str, Any] = {name: _driver(rng, name) for name in DRIVERS}
        if rng.random() < uncertain_share:
            users = float(drivers["users"])
            drivers["users"] = f"{users / 2:g} to {users * 2:g}"
        app["drivers"] = drivers
        if rng.random() < quoted_share:
            low = round(20 + 480 * rng.random())
            app["quotes"] = [{"amount": f"{low}k to {2 * low}k", "date": "2022-01-01",
                              "source": "Synthetic quote"}]
        app["provenance"] = provenance
        apps.append(app)
    return apps


def write_portfolio(folder: Path, n: int, *, seed: int = 0, quoted_share: float = 0.0,
                    uncertain_share: float = 0.0) -> Path:
    """Write a data folder with ``n`` applications into ``folder``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("assumptions.yaml", "infrastructure.yaml"):
        shutil.copyfile(bundled_data() / name, folder / name)
    apps = synthetic_applications(n, seed=seed, quoted_share=quoted_share,
                                  uncertain_share=uncertain_share)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump({"version": 1, "applications": apps}, Dumper=dumper, sort_keys=False,
                     allow_unicode=True, width=100)
    (folder / "applications.yaml").write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":  # pragma: no cover
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quoted-share", type=float, default=0.0)
    parser.add_argument("--uncertain-share", type=float, default=0.0)
    args = parser.parse_args()
    write_portfolio(args.folder, args.n, seed=args.seed, quoted_share=args.quoted_share,
                    uncertain_share=args.uncertain_share)
    print(args.folder)
