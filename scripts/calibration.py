"""Write docs/calibration.md: soicost's ranges backtested on the public data of calibration/.

    python scripts/calibration.py            # (re)write docs/calibration.md
    python scripts/calibration.py --check    # exit 1 if the committed page differs

Every figure of the page is computed here, by soicost's own backtest (the library behind
`soicost backtest`), from the history files of calibration/histories and the assumptions of
calibration/assumptions.yaml, with a fixed seed: the page is byte-identical from one run to
the next on the same versions of numpy.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from soicost.analysis.backtest import Backtest, ProtocolResult, Share
    from soicost.inputs.models import Assumptions

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "calibration.md"
ASSUMPTIONS = ROOT / "calibration" / "assumptions.yaml"
HISTORIES = ROOT / "calibration" / "histories"
SEED = 20220518
SAMPLES = 2000
REPLICATES = 200
QUOTES = 5
BEFORE = {"application": "0.5 to 2", "reference": "1"}  # the defaults of soicost 0.1
# The targets of the issue that asked for this page (issue 15).
POOLED = (0.72, 0.88)
BELOW = (0.45, 0.55)
FLOOR = 0.65
FIT_FLOOR = 0.75
TOTAL = 0.70


def _data_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibration_data",
                                                  ROOT / "scripts" / "calibration_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Row:
    name: str
    projects: int
    slope: float
    residual: float
    before: Backtest
    after: Backtest


def _assumptions(before: bool) -> Assumptions:
    from soicost.inputs.loader import load_assumptions
    from soicost.inputs.quantity import parse_quantity

    a, _ = load_assumptions(ASSUMPTIONS)
    if not before:
        return a
    u = a.uncertainty.model_copy(update={k: parse_quantity(v, "positive")
                                         for k, v in BEFORE.items()})
    return a.model_copy(update={"uncertainty": u})


def run() -> tuple[list[Row], dict[str, Any]]:
    import dataclasses

    from soicost.analysis.backtest import assumed_from, backtest, k_quotes, single_reference
    from soicost.inputs.history import load_history

    data = _data_module()
    after_a, before_a = _assumptions(False), _assumptions(True)
    rows = []
    for name in sorted(data.SETS):
        history = load_history(HISTORIES / f"{name}.csv", ["size"], {})
        after = backtest(history, assumed_from(after_a, ("size",)),
                         after_a.optimism_bias.dist, samples=SAMPLES, seed=SEED,
                         quotes=QUOTES, replicates=REPLICATES)
        # Before: soicost 0.1's spreads, and its fit, which plugged the fitted spread into a
        # normal predictive.
        before_assumed = assumed_from(before_a, ("size",))
        before = dataclasses.replace(
            after, single=single_reference(history, before_assumed, samples=SAMPLES, seed=SEED),
            fit=k_quotes(history, before_assumed, quotes=QUOTES, replicates=REPLICATES,
                         samples=SAMPLES, seed=SEED, spread_dof=math.inf))
        pairs = [(p.drivers[0], p.actual) for p in history.projects]
        fit = data.loglog_fit(pairs)
        rows.append(Row(name, len(history.projects), fit.slope, fit.sd, before, after))
    extra = {"estimates": _estimates(data)}
    return rows, extra


def _estimates(data: ModuleType) -> list[tuple[str, int, float, float, float]]:
    """First estimates against actuals, with the optimism-bias presets."""
    import numpy as np

    from soicost.analysis.backtest import check_estimates
    from soicost.inputs.history import History, Project, load_history
    from soicost.inputs.presets import PRESETS

    kitchenham = load_history(HISTORIES / "kitchenham.csv", ["size"], {})
    jorgensen = History("jorgensen2004", ("size",), tuple(
        Project(f"t{i}", (1.0,), actual, estimate=estimate)
        for i, (estimate, actual) in enumerate(data.estimates())))
    out = []
    for label, history in (("Kitchenham et al. (145 projects)", kitchenham),
                           ("Jørgensen 2004 (49 tasks)", jorgensen)):
        ratios = np.array([p.actual / p.estimate for p in history.projects
                           if p.estimate is not None])
        for preset in PRESETS:
            bias = PRESETS[preset][0].dist
            check = check_estimates(history, bias, samples=SAMPLES, seed=SEED)
            assert check is not None
            inside = math.nan if check.inside_80 is None else check.inside_80.value
            below = math.nan if check.below_median is None else check.below_median.value
            out.append((f"{label}, `{preset}`", check.count, inside, below,
                        float(np.median(ratios))))
    return out


def _pct(value: float) -> str:
    return "—" if math.isnan(value) else f"{100 * value:.0f} %"


def _pct1(value: float) -> str:
    return "—" if math.isnan(value) else f"{100 * value:.1f} %"


def _ci(share: Share) -> str:
    low, high = share.interval
    return f"{_pct(share.value)} ({_pct(low)}–{_pct(high)})"


def _fit(result: Backtest) -> ProtocolResult:
    assert result.fit is not None, "every data set has more than 5 projects"
    return result.fit


def _share(row: Row, which: str, protocol: str, measure: str) -> Share:
    result: ProtocolResult = getattr(getattr(row, which), protocol)
    share: Share = getattr(result, measure)
    return share


def _pooled(rows: list[Row], which: str, protocol: str, measure: str) -> float:
    """Coverage over all data sets, each weighing its number of projects."""
    total = sum(row.projects * _share(row, which, protocol, measure).value for row in rows)
    return total / sum(row.projects for row in rows)


def _mean(rows: list[Row], which: str, protocol: str, measure: str) -> float:
    return sum(_share(r, which, protocol, measure).value for r in rows) / len(rows)


def _sigma_for(curve: tuple[tuple[float, float], ...], target: float) -> float:
    """The smallest sigma of the grid whose coverage reaches ``target``."""
    return next((s for s, c in curve if c >= target), math.inf)


def _coverage_at(curve: tuple[tuple[float, float], ...], sigma: float) -> float:
    return dict(curve)[sigma]


def render(rows: list[Row], extra: dict[str, Any]) -> str:
    import numpy as np

    from soicost.version import __version__

    data = _data_module()
    lines: list[str] = []
    add = lines.append
    single_after = _pooled(rows, "after", "single", "inside_80")
    single_before = _pooled(rows, "before", "single", "inside_80")
    add("# Calibration: are the ranges honest on real projects?")
    add("")
    add("<!-- Generated by `python scripts/calibration.py`; do not edit by hand. "
        "CI checks it with `--check`. -->")
    add("")
    add("soicost promises ranges, never a falsely precise figure. This page measures that "
        "promise on public data: past software projects whose size and actual cost are known "
        "(calibration/README.md gives their provenance). One project's actual cost is taken "
        "as the known quote, every other project is extrapolated from it by soicost's own "
        "engine, and we count how often the actual cost falls inside the P10–P90 range: 80 % "
        "of the time if the ranges are honest.")
    add("")
    add(f"With the defaults of soicost 0.1 (`uncertainty.application: \"0.5 to 2\"`, nothing "
        f"for the reference), the P10–P90 range held the actual **{_pct(single_before)}** of "
        f"the time over the ten data sets. With the current defaults (a lognormal of sigma 0.9 "
        f"for each application's deviation from the size law and one for the reference's, "
        f"shared), it holds it **{_pct(single_after)}** of the time.")
    add("")
    add(f"Reproduce: `python scripts/calibration.py` (soicost {__version__}, seed {SEED}, "
        f"{SAMPLES:,} samples per prediction, {REPLICATES} random sets of {QUOTES} quotes per "
        "data set). One data set: `soicost backtest calibration/histories/desharnais.csv "
        f"--assumptions calibration/assumptions.yaml --replicates {REPLICATES}`.")
    add("")
    add("## Targets")
    add("")
    lo, hi = POOLED
    below = _pooled(rows, "after", "single", "below_median")
    floor_row = min(rows, key=lambda r: r.after.single.inside_80.value)
    floor = floor_row.after.single.inside_80.value
    fit_row = min(rows, key=lambda r: _share(r, "after", "fit", "inside_80").value)
    fit_low = _share(fit_row, "after", "fit", "inside_80").value
    totals = _pooled(rows, "after", "single", "portfolio_80")
    targets = [
        ("Single reference, P10–P90 coverage, pooled", f"{_pct(lo)} to {_pct(hi)}",
         _pct1(single_after), lo <= single_after <= hi),
        ("Single reference, share of actuals below P50, pooled (50 % by construction: see "
         "below)", f"{_pct(BELOW[0])} to {_pct(BELOW[1])}", _pct1(below),
         BELOW[0] <= below <= BELOW[1]),
        (f"Fit with {QUOTES} quotes, share of actuals below P50, pooled (not a target: "
         "where a bias would show)", f"{_pct(BELOW[0])} to {_pct(BELOW[1])}",
         _pct1(_pooled(rows, "after", "fit", "below_median")),
         BELOW[0] <= _pooled(rows, "after", "fit", "below_median") <= BELOW[1]),
        ("Single reference, P10–P90 coverage, lowest data set",
         f"at least {_pct(FLOOR)}", f"{_pct1(floor)} (`{floor_row.name}`)",
         floor >= FLOOR),
        (f"Fit with {QUOTES} quotes, P10–P90 coverage, lowest data set",
         f"at least {_pct(FIT_FLOOR)}", f"{_pct1(fit_low)} (`{fit_row.name}`)",
         fit_low >= FIT_FLOOR),
        ("Portfolio totals from one reference, P10–P90 coverage, pooled",
         f"at least {_pct(TOTAL)}", _pct1(totals), totals >= TOTAL),
    ]
    add("| target | wanted | measured | met |")
    add("|---|---|---|---|")
    for what, wanted, measured, met in targets:
        add(f"| {what} | {wanted} | {measured} | {'yes' if met else '**no**'} |")
    add("")
    if not all(met for *_, met in targets):
        add("A target missed is reported, not hidden: see [how the default spread was "
            "chosen](#how-the-default-spread-was-chosen) for why the floor and the pooled "
            "ceiling cannot both be met on these data.")
        add("")
    add("Pooled figures weigh each data set by its number of projects; the mean over data "
        "sets, each weighing the same, is "
        f"{_pct(_mean(rows, 'after', 'single', 'inside_80'))} for the single reference.")
    add("")
    add("## The data")
    add("")
    add("| data set | projects | size → effort | log-log slope | residual spread (log) |")
    add("|---|---:|---|---:|---:|")
    for row in rows:
        ds = data.SETS[row.name]
        add(f"| {ds.title} (`{row.name}`) | {row.projects} | {ds.size} → {ds.effort} "
            f"({ds.unit}) | {row.slope:.2f} | {row.residual:.2f} |")
    add("")
    add("The slope and residual spread are those of an ordinary least-squares fit of ln effort "
        "on ln size over the whole set (residual standard deviation with n − 2 degrees of "
        "freedom). Within one company (Albrecht, Desharnais, Kemerer, Kitchenham, Maxwell) "
        "the spread is 0.5–0.7; across organisations (COCOMO81, NASA93, ISBSG) 0.8–1.2. "
        "Miyazaki's projects come from several companies (ids A1 to T1) yet have the "
        "smallest spread, 0.50; the Finnish set has 0.79.")
    add("")
    add("## Protocol")
    add("")
    add("- **Single reference** (`--method drivers`, leave one in). Each project in turn is the "
        "reference; its actual effort is its quote, exact, with no optimism bias (an actual is "
        "not an estimate). Every other project is extrapolated from it with the size "
        "elasticity of calibration/assumptions.yaml (`\"0.65 to 1.5\"`, the range of the "
        "fitted slopes above taken as 5th and 95th percentiles) and the uncertainty under "
        "test. For each prediction, the PIT (the share of the predicted samples at or below "
        "the actual) says where the actual falls: inside P10–P90 when 0.1 ≤ PIT ≤ 0.9.")
    add("- **Fit with k quotes** (`--method fit`). "
        f"{REPLICATES} times, {QUOTES} projects drawn at random are the quoted ones, the log-log "
        "law is fitted on them, and every other project is predicted.")
    add("- **Portfolio totals.** For each reference (or set of quotes), the sum of the other "
        "projects' actual efforts against the predicted distribution of their sum.")
    add("- **Intervals.** In brackets, 95 % Wilson intervals counting each project once: every "
        "project is predicted many times, from every other reference, and those predictions "
        "are not independent. The intervals are a rough allowance for that, not an exact "
        "one.")
    add("- **Before** is soicost 0.1: `uncertainty.application: \"0.5 to 2\"` (sigma 0.42), "
        "no reference term, and the fit's residual spread plugged into a normal predictive. "
        "**After** is the current default: sigma 0.9 for `uncertainty.application` and for "
        "`uncertainty.reference`, and a Student-t predictive for the fit (the residual "
        "variance drawn from a scaled inverse-χ² with k − 2 degrees of freedom).")
    add("")
    add("## Single reference")
    add("")
    add("| data set | P10–P90 before | P10–P90 after | P25–P75 after | below P50 after | "
        "total P10–P90 before | total P10–P90 after |")
    add("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        b, a = row.before.single, row.after.single
        add(f"| `{row.name}` | {_ci(b.inside_80)} | {_ci(a.inside_80)} | {_ci(a.inside_50)} | "
            f"{_ci(a.below_median)} | {_pct(b.portfolio_80.value)} | "
            f"{_pct(a.portfolio_80.value)} |")
    add(f"| **pooled** | {_pct(single_before)} | {_pct(single_after)} | "
        f"{_pct(_pooled(rows, 'after', 'single', 'inside_50'))} | {_pct(below)} | "
        f"{_pct(_pooled(rows, 'before', 'single', 'portfolio_80'))} | {_pct(totals)} |")
    add("")
    add("Half the actuals fall below P50 by construction of this protocol: with spreads that "
        "are median-1 lognormals, the prediction of project j from project i and that of i "
        "from j err by opposite amounts, whatever the elasticity (so this row cannot detect a "
        "bias, and the coverage cannot detect a wrong size law: a wrong elasticity only "
        "looks like ranges wider than needed). The fit protocol's share below P50 is where a "
        "bias would show. The coverage "
        "of P25–P75 tells the shape: above 50 % means the centre of the range is wide for "
        "these data, which is the price of a default that must also hold for the "
        "widest-spread organisations.")
    add("")
    add("## Fit with 5 quotes")
    add("")
    add("| data set | P10–P90 before (normal) | P10–P90 after (Student t) | P25–P75 after | "
        "total P10–P90 after |")
    add("|---|---:|---:|---:|---:|")
    for row in rows:
        b, a = _fit(row.before), _fit(row.after)
        add(f"| `{row.name}` | {_ci(b.inside_80)} | {_ci(a.inside_80)} | {_ci(a.inside_50)} | "
            f"{_pct(a.portfolio_80.value)} |")
    add(f"| **pooled** | {_pct(_pooled(rows, 'before', 'fit', 'inside_80'))} | "
        f"{_pct(_pooled(rows, 'after', 'fit', 'inside_80'))} | "
        f"{_pct(_pooled(rows, 'after', 'fit', 'inside_50'))} | "
        f"{_pct(_pooled(rows, 'after', 'fit', 'portfolio_80'))} |")
    add("")
    add("With 5 quotes and one driver the residual spread rests on 3 degrees of freedom: "
        "plugging it into a normal ignores how little it is known, and the ranges are too "
        "narrow. The Student-t predictive counts it.")
    add("")
    add("## How the default spread was chosen")
    add("")
    add("One reference says nothing about how far an organisation's projects stray from the "
        "size law: the default must hold for organisations whose spread is small and for "
        "those whose spread is large. On the same draws, each data set's coverage as a "
        "function of sigma (for both the application's and the reference's deviation; 200 "
        "of the samples of each prediction) gives the sigma it needs:")
    add("")
    add("| data set | sigma for 65 % | sigma for 80 % |")
    add("|---|---:|---:|")
    needs = []
    for row in rows:
        curve = row.after.single.coverage_curve
        s65, s80 = _sigma_for(curve, 0.65), _sigma_for(curve, 0.80)
        needs.append((row.name, s65, curve))
        add(f"| `{row.name}` | {s65:.2f} | {s80:.2f} |")
    add("")
    add("and the two targets on a single reference pull in opposite directions: the floor of "
        "65 % on every data set asks for a wide spread (for ISBSG, projects from many "
        "organisations), the pooled ceiling of 88 % for a narrower one (for the within-company "
        "sets):")
    add("")
    add("| sigma | pooled P10–P90 coverage | lowest data set |")
    add("|---:|---:|---|")
    for sigma in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0):
        pooled = sum(r.projects * _coverage_at(c, sigma)
                     for r, (_, _, c) in zip(rows, needs, strict=True))
        pooled /= sum(r.projects for r in rows)
        name, _, curve = min(needs, key=lambda n: _coverage_at(n[2], sigma))
        add(f"| {sigma:.2f} | {_pct1(pooled)} | {_pct1(_coverage_at(curve, sigma))} "
            f"(`{name}`) |")
    add("")
    add("On these data no sigma meets both targets: the pooled coverage passes 88 % about "
        "where the widest-spread set reaches 65 %, and which comes first at sigma 0.90 is "
        "within Monte Carlo noise. soicost takes **0.9**, "
        "where the pooled coverage is at the ceiling and the widest-spread set at the floor "
        f"(in the full run above: {_pct1(single_after)} pooled, {_pct1(floor)} for "
        f"`{floor_row.name}`, whose own 95 % interval runs from "
        f"{_pct(floor_row.after.single.inside_80.interval[0])} to "
        f"{_pct(floor_row.after.single.inside_80.interval[1])}). "
        "Erring wide rather than narrow is deliberate: a migration's drivers (users, "
        "interfaces, data volume) measure size less well than function points or lines of "
        "code, and applying development data to migrations is itself a judgement.")
    add("")
    add("**A portfolio we have not seen.** Leaving each data set out in turn, the rule \"the "
        "narrowest sigma with which no data set falls below 65 %\" applied to the nine others "
        "picks a sigma (on the grid of 0.05), and the left-out set is then backtested with "
        "it:")
    add("")
    add("| left out | sigma from the nine others | its coverage |")
    add("|---|---:|---:|")
    for name, _, curve in needs:
        sigma = max(s for other, s, _ in needs if other != name)
        add(f"| `{name}` | {sigma:.2f} | {_pct(_coverage_at(curve, sigma))} |")
    add("")
    add("This tests the floor rule, which on all ten sets gives 0.95; soicost ships 0.9, just "
        "below it, to respect the pooled ceiling. "
        "Only the widest-spread set (ISBSG, projects from many organisations) suffers when it "
        "is left out: a rule fitted on within-company data would be too narrow for it. That "
        "is the honest limit of any default; an organisation with its own history should "
        "measure its own spread (`soicost backtest`) and set `uncertainty.application` and "
        "`uncertainty.reference` from the \"spread that would have held 80 %\".")
    add("")
    add("## First estimates against actuals")
    add("")
    add("The optimism bias is about the quote as an estimate of the reference's actual cost. "
        "Two data sets record first estimates; the table shows how often estimate × "
        "(1 + bias) holds the actual within its P10–P90, for each optimism-bias preset.")
    add("")
    add("| data, preset | pairs | actual within P10–P90 | actual below P50 | median actual / "
        "estimate |")
    add("|---|---:|---:|---:|---:|")
    for label, n, inside, below_share, ratio in extra["estimates"]:
        add(f"| {label} | {n} | {_pct(inside)} | {_pct(below_share)} | {ratio:.2f} |")
    add("")
    add("A preset that is one figure, not a range (`none`, the Green Book uplifts), has no "
        "P10–P90 to test: its row shows only the median ratio (—).")
    add("")
    add("Kitchenham's estimates were made by the same company that did the work, late enough "
        "to be accurate (median ratio near 1); the presets, built from large public IT "
        "projects (Flyvbjerg), carry a fat right tail that these routine projects do not "
        "show. The reference quote of an early, external estimate — the situation soicost "
        "was built for — is closer to the presets' evidence than to these data.")
    add("")
    add("## What these data cannot tell")
    add("")
    add("- They are **development and enhancement projects, not migrations**. No public data "
        "set of migration costs with sizes was found. The size measures (function points, "
        "lines of code) predict effort better than users, interfaces or data volume do, so "
        "real migration ranges are unlikely to be narrower: the defaults should be read as a "
        "floor on honesty, not a ceiling.")
    add("- They measure effort, not euros: the backtest is scale-free (ratios), so the unit "
        "does not matter, but prices, contracts and vendors' margins add spread that effort "
        "does not show.")
    add("- Each data set is one organisation or one collection; ten of them are a small "
        "sample of organisations. The intervals above are for projects within a set, not for "
        "the choice of sets.")
    add("- The factors (kind, strategy, criticality) are not tested: the data sets carry no "
        "such categories.")
    add("- The elasticity of calibration/assumptions.yaml, `\"0.65 to 1.5\"`, is the range of "
        "the slopes of these same ten sets: in that respect the backtest is in-sample, "
        "including for the set left out above.")
    add("")
    # Keep the page stable: no clock, no paths of this machine.
    text = "\n".join(lines) + "\n"
    assert str(ROOT) not in text
    del np
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if docs/calibration.md is not what this script writes")
    args = parser.parse_args()
    rows, extra = run()
    text = render(rows, extra)
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            sys.stderr.write("docs/calibration.md is out of date: run "
                             "`python scripts/calibration.py`\n")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {PAGE.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
