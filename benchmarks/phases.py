"""Where the time of one ``soicost estimate --format json`` goes, phase by phase.

Run in a fresh interpreter (``bench_estimate.py`` does), it replays what the command does,
in the same order, and prints one JSON object: per phase, its seconds and the peak memory
of the process when it ended (the peak so far, so the phase that raises it stands out):

    python benchmarks/phases.py [--data DIR] [--samples N] [--workers N]

Imports are timed in the order the command triggers them, so each line is what that step
adds on top of the previous ones (``import soicost.inputs.loader`` includes pydantic and building
the models, ``import numpy`` only what the loader did not already import). The estimate is
split by wrapping the functions it calls; rendering the table is timed as an extra, since a
JSON run does not do it.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import contextlib  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

timings: dict[str, float] = {}
peaks: dict[str, float] = {}


def note_peak(label: str) -> None:
    peaks[label] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_import(label: str, module: str) -> Any:
    start = time.perf_counter()
    mod = importlib.import_module(module)
    timings[label] = time.perf_counter() - start
    note_peak(label)
    return mod


def wrap(module: Any, name: str, label: str) -> None:
    """Replace ``module.name`` by a wrapper adding its run time to ``timings[label]``
    (nothing when the module has no such function: the code under test moves on)."""
    func: Callable[..., Any] | None = getattr(module, name, None)
    if func is None:
        return

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            timings[label] = timings.get(label, 0.0) + time.perf_counter() - start
            note_peak(label)

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--samples", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    timed_import("import soicost.cli (typer, click)", "soicost.cli")
    loader = timed_import("import soicost.inputs.loader (pydantic, models)",
                          "soicost.inputs.loader")
    estimate_mod = timed_import("import soicost.analysis.estimate", "soicost.analysis.estimate")
    timed_import("import numpy", "numpy")
    timed_import("import soicost.model.engine", "soicost.model.engine")
    render_mod = timed_import("import soicost.render.estimate", "soicost.render.estimate")
    crosscheck = importlib.import_module("soicost.inputs.crosscheck")
    engine = importlib.import_module("soicost.model.engine")
    fingerprint = importlib.import_module("soicost.analysis.fingerprint")
    for name in ("read_source", "compose_document", "load_document"):
        wrap(loader, name, "load: read and parse YAML")
    wrap(loader, "validate_document", "load: validate (pydantic)")
    wrap(crosscheck, "cross_check", "load: cross-check")
    wrap(estimate_mod, "build_plan", "estimate: build plan")
    wrap(engine, "simulate", "estimate: simulate")
    wrap(fingerprint, "fingerprint", "estimate: fingerprint")
    for module, name in (("soicost.finance.assets", "value_assets"),
                         ("soicost.finance.scenarios", "evaluate"),
                         ("soicost.finance.scenarios", "migration_columns")):
        with contextlib.suppress(ModuleNotFoundError):
            wrap(importlib.import_module(module), name, f"estimate: {name}")

    start = time.perf_counter()
    inputs = loader.load_inputs(args.data)
    timings["load: total"] = time.perf_counter() - start
    note_peak("load: total")
    options = estimate_mod.EstimateOptions(
        **({"samples": args.samples} if args.samples else {}))
    start = time.perf_counter()
    result = estimate_mod.estimate(inputs, options,
                                   estimate_mod.Execution(workers=args.workers))
    timings["estimate: total"] = time.perf_counter() - start
    note_peak("estimate: total")
    start = time.perf_counter()
    text = render_mod.render(result, "json", "en")
    timings["render json"] = time.perf_counter() - start
    note_peak("render json")
    atomic = importlib.import_module("soicost.atomic")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        atomic.write_atomic(Path(tmp) / "estimate.json", text)
        timings["write output (atomic, fsync)"] = time.perf_counter() - start
        note_peak("write output (atomic, fsync)")
    note_peak("write output (atomic, fsync)")
    timings["total in process (from first statement)"] = time.perf_counter() - T0
    start = time.perf_counter()
    render_mod.render(result, "table", "en")
    timings["extra: render table (not part of a JSON run)"] = time.perf_counter() - start
    note_peak("extra: render table (not part of a JSON run)")
    print(json.dumps({"seconds": timings, "peak_rss_mib": peaks, "modules": len(sys.modules)}))


if __name__ == "__main__":
    main()
