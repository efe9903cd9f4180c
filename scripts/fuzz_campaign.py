#!/usr/bin/env python
"""A long fuzzing campaign: the strategies of tests/test_fuzz.py, for a time budget.

Runs byte-level mutations, structure-level mutations and extreme but valid values of the
valid inputs (the corpus's valid folders and the bundled example), in turns of hypothesis
rounds, until the budget is spent. Every crash (an exception other than SoicostError) is saved,
one folder per distinct crash site, with the three input files and the traceback, the
smallest input found for that site kept:

    python scripts/fuzz_campaign.py --budget 600
    python scripts/fuzz_campaign.py --budget 3600 --render --out fuzz-crashes

``--render`` also renders every output format of the runs that succeed (tables, JSON, CSV,
Markdown, XLSX). Inputs that take longer than ``--slow`` seconds (default 10) are saved
too, as ``slow-N/``.

``--operators hostile`` runs the hostile mutations instead (type swaps, boundary values,
amounts as people write them, dates at the horizon's edges, Unicode tricks, payloads for
spreadsheets and Markdown; ``--operators all`` runs both). Besides crashes, they save one
folder per distinct finding, ``finding-N/`` with ``finding.txt``: nonsense silently
accepted or reported at another line, legal input refused, a suspect value silently
accepted, a message without file:line:col or with a raw control character, an output cell
that is a live formula or a Markdown table that lost a column (with ``--render``).

Exit status: 0 when no crash and no finding (suspects aside) was found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as use_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_fuzz as fuzz  # noqa: E402
from conftest import FILES  # noqa: E402

fuzz.CAMPAIGN = True  # every hostile mutation, the classes still open included

# An output fault without what it quotes: "live formula '=1+1'" -> "live formula".
_OUTPUT_CLASS = re.compile(r"\s*['\"].*$|:.*$")


@dataclass
class Campaign:
    out: Path
    render: bool
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: dict[str, int] = field(default_factory=dict)  # site -> size of smallest input
    examples: int = 0
    slow: float = 10.0
    slowest: list[float] = field(default_factory=list)
    # Hostile mutations: finding key -> (folder, size of the smallest input), and the
    # number of examples of each class of finding.
    findings: dict[str, tuple[Path, int]] = field(default_factory=dict)
    classes: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)

    def run(self, files: tuple[bytes, bytes, bytes]) -> None:
        self.examples += 1
        start = time.monotonic()
        try:
            self.outcomes[fuzz.run_files(files, render=self.render)] += 1
        except Exception as exc:  # a crash: what we are looking for
            self.outcomes["crash"] += 1
            self.save(files, exc)
        self.check_time(files, time.monotonic() - start)

    def run_hostile(self, case: fuzz.HostileCase) -> None:
        self.examples += 1
        start = time.monotonic()
        verdict = case.mutation.verdict
        try:
            judgement, outcome = fuzz.check_hostile(case)
        except Exception as exc:
            self.outcomes["crash"] += 1
            self.save(case.files, exc)
            self.check_time(case.files, time.monotonic() - start)
            return
        self.outcomes[f"{verdict}: {judgement}"] += 1
        found: list[tuple[str, str]] = []
        if verdict == "loud" and judgement in ("silent", "misplaced"):
            found.append((f"nonsense {judgement}", ""))
        elif verdict == "suspect" and judgement == "silent":
            found.append((f"suspect silent: {case.mutation.why}", ""))
        elif verdict == "legal" and judgement == "refused":
            found.append(("legal refused", ""))
        found += [("message: " + fault.split(":")[0], fault)
                  for fault in fuzz.message_faults(outcome)]
        if self.render and outcome.result is not None:
            try:
                faults = fuzz.output_faults(outcome.result)
            except Exception as exc:
                self.outcomes["crash"] += 1
                self.save(case.files, exc)
                faults = []
            found += [("output: " + _OUTPUT_CLASS.sub("", fault.split(": ", 1)[1]), fault)
                      for fault in faults]
        for kind, detail in found:
            self.record(case, kind, detail, outcome)
        self.check_time(case.files, time.monotonic() - start)

    def record(self, case: fuzz.HostileCase, kind: str, detail: str,
               outcome: fuzz.Outcome) -> None:
        """One folder per class and mutation: the smallest input of each."""
        self.classes[kind] += 1
        key = f"{kind} | {case.mutation.label}"
        self.keys[key] += 1
        size = sum(len(f) for f in case.files)
        if key in self.findings and self.findings[key][1] <= size:
            return
        first = key not in self.findings
        folder = (self.findings[key][0] if not first
                  else self.out / f"finding-{len(self.findings) + 1}")
        self.findings[key] = (folder, size)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in zip(FILES, case.files, strict=True):
            (folder / name).write_bytes(content)
        node = case.node
        (folder / "finding.txt").write_text(
            f"{key}\n{detail}\nseed: {case.seed.name}\n"
            f"at: {case.file}:{node.line} {fuzz.format_path(node.path)}"
            f"{' (key)' if node.key else ''}, a {node.kind}\n"
            f"written: {case.mutation.text[:200]!r} (verdict {case.mutation.verdict})\n"
            f"outcome: {outcome.status}\n\n{outcome.text}\n", encoding="utf-8")
        if first:
            print(f"  finding: {key} -> {folder}", flush=True)

    def check_time(self, files: tuple[bytes, bytes, bytes], seconds: float) -> None:
        if seconds > self.slow:
            # Not a crash, but a user would think it hung: keep it to look at.
            self.outcomes["slow"] += 1
            self.slowest.append(seconds)
            folder = self.out / f"slow-{len(self.slowest)}"
            folder.mkdir(parents=True, exist_ok=True)
            for name, content in zip(FILES, files, strict=True):
                (folder / name).write_bytes(content)
            (folder / "seconds.txt").write_text(f"{seconds:.1f}\n", encoding="utf-8")
            print(f"  slow: {seconds:.1f} s -> {folder}", flush=True)

    def save(self, files: tuple[bytes, bytes, bytes], exc: Exception) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        inside = [f for f in frames if "/soicost/" in f.filename] or frames
        last = inside[-1]
        site = f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"
        size = sum(len(f) for f in files)
        if site in self.crashes and self.crashes[site] <= size:
            return
        first = site not in self.crashes
        self.crashes[site] = size
        folder = self.out / site.replace(" at ", "-").replace(":", "-").replace(".py", "")
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in zip(FILES, files, strict=True):
            (folder / name).write_bytes(content)
        (folder / "traceback.txt").write_text(
            "".join(traceback.format_exception(exc)), encoding="utf-8")
        if first:
            print(f"  crash: {site} -> {folder}", flush=True)


def round_of(campaign: Campaign, kind: str, examples: int, seed: int) -> None:
    """One hypothesis run of ``examples`` examples. Crashes are recorded, not raised, so
    that hypothesis keeps exploring instead of shrinking one failure."""
    config = settings(max_examples=examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    if kind == "hostile":
        @config
        @given(st.data())
        def hostile_round(data: st.DataObject) -> None:
            campaign.run_hostile(fuzz.hostile_mutations(data))

        test = hostile_round
    elif kind == "extremes":
        @config
        @given(st.data())
        def extremes_round(data: st.DataObject) -> None:
            campaign.run(fuzz.mutate_extremes(data))

        test = extremes_round
    elif kind == "bytes":
        @config
        @given(fuzz.byte_mutations)
        def bytes_round(case: tuple[fuzz.Seed, int, list[fuzz.ByteOp]]) -> None:
            campaign.run(fuzz.mutate_bytes(*case))

        test = bytes_round
    else:
        @config
        @given(st.data())
        def structure_round(data: st.DataObject) -> None:
            campaign.run(fuzz.mutate_structure(data))

        test = structure_round
    use_seed(seed)(test)()  # a different random stream each round


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=300,
                        help="seconds to run (default 300)")
    parser.add_argument("--round", type=int, default=200,
                        help="examples per hypothesis round (default 200)")
    parser.add_argument("--seed", type=int, default=int(time.time()),
                        help="first random seed (default: the time)")
    parser.add_argument("--render", action="store_true",
                        help="also render every output format of successful runs")
    parser.add_argument("--slow", type=float, default=10.0,
                        help="also save inputs that take longer than this many seconds")
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"),
                        help="folder for crashing inputs (default fuzz-crashes/)")
    parser.add_argument("--operators", choices=("classic", "hostile", "all"),
                        default="classic",
                        help="classic: bytes, structure and extreme values (the default); "
                             "hostile: targeted mutations judged against the formats; all")
    args = parser.parse_args(argv)
    campaign = Campaign(args.out, args.render, slow=args.slow)
    start = time.monotonic()
    rounds = 0
    kinds = {"classic": ("bytes", "structure", "extremes"), "hostile": ("hostile",),
             "all": ("bytes", "structure", "extremes", "hostile")}[args.operators]
    print(f"fuzzing for {args.budget:g} s from seed {args.seed}, {args.operators} operators"
          + (" (rendering outputs)" if args.render else ""), flush=True)
    while time.monotonic() - start < args.budget:
        kind = kinds[rounds % len(kinds)]
        round_of(campaign, kind, args.round, args.seed + rounds)
        rounds += 1
        elapsed = time.monotonic() - start
        print(f"  {elapsed:7.0f} s  {campaign.examples:7d} examples  "
              + ", ".join(f"{k} {v}" for k, v in sorted(campaign.outcomes.items())),
              flush=True)
    summary = {"seconds": round(time.monotonic() - start), "seed": args.seed,
               "rounds": rounds, "examples": campaign.examples,
               "outcomes": dict(campaign.outcomes), "crash_sites": sorted(campaign.crashes),
               "slowest_seconds": round(max(campaign.slowest, default=0), 1),
               "operators": args.operators, "finding_classes": dict(campaign.classes),
               "findings": {k: [str(campaign.findings[k][0]), campaign.keys[k]]
                            for k in sorted(campaign.findings)}}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    worrying = [k for k in campaign.classes if not k.startswith("suspect")]
    return 1 if campaign.crashes or worrying else 0


if __name__ == "__main__":
    sys.exit(main())
