"""Mutation testing of the core with mutmut, outside the test suite (docs/quality.md).

    python scripts/mutation.py setup CLONE   # write the [tool.mutmut] section into CLONE
    cd CLONE && mutmut run --max-children 2
    python scripts/mutation.py summary CLONE # per-module table of `mutmut results --all true`

mutmut rewrites the source it mutates, so it runs on a scratch clone, never on the working
tree, in a virtual environment of its own (``pip install mutmut -e CLONE[test]``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

# The core: the cost model, the timelines, amortisation and the quantity grammar.
CORE = ("model/engine.py", "model/plan.py", "finance/scenarios.py", "finance/amortisation.py",
        "inputs/quantity.py")
# The tests that pin the core against independent values; the slower end-to-end and
# property tests would multiply the run time for few extra kills.
TESTS = ("tests/test_engine.py", "tests/test_scenarios.py", "tests/test_amortisation.py",
         "tests/test_quantity.py", "tests/test_quantity_errors.py")
STATUSES = ("killed", "timeout", "survived", "no tests")


def config(root: Path) -> str:
    package = root / "src" / "soicost"
    others = sorted(str(p.relative_to(root)) for p in package.rglob("*.py")
                    if str(p.relative_to(package)) not in CORE)

    def toml_list(items: tuple[str, ...] | list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    return ("\n[tool.mutmut]\n"
            'source_paths = ["src/soicost"]\n'
            f"do_not_mutate = {toml_list(others)}\n"
            f"pytest_add_cli_args_test_selection = {toml_list(TESTS)}\n")


def setup(clone: Path) -> None:
    pyproject = clone / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    if "[tool.mutmut]" in text:
        raise SystemExit(f"{pyproject} already has a [tool.mutmut] section")
    pyproject.write_text(text + config(clone), encoding="utf-8")


def summary(clone: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                         cwd=clone, capture_output=True, text=True, check=True).stdout
    counts: dict[str, Counter[str]] = {}
    for line in out.splitlines():
        match = re.match(r"\s*soicost\.(?:\w+\.)?(\w+)\.\w+: (.+)$", line)
        if match:
            counts.setdefault(match[1], Counter())[match[2]] += 1
    rows = ["| module | mutants | killed | timed out | survived | no tests | score |",
            "|---|---|---|---|---|---|---|"]
    total: Counter[str] = Counter()
    for module in sorted(counts):
        total.update(counts[module])
        rows.append(_row(f"`{module}.py`", counts[module]))
    rows.append(_row("core", total))
    return "\n".join(rows)


def _row(name: str, c: Counter[str]) -> str:
    n = sum(c.values())
    caught = c["killed"] + c["timeout"]
    return (f"| {name} | {n:,} | " + " | ".join(f"{c[s]:,}" for s in STATUSES)
            + f" | {100 * caught / n:.1f} % |")


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in ("setup", "summary"):
        raise SystemExit(__doc__)
    clone = Path(argv[1])
    if argv[0] == "setup":
        setup(clone)
    else:
        print(summary(clone))


if __name__ == "__main__":
    main(sys.argv[1:])
