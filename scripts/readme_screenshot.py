"""Write docs/img/estimate.svg, the README's picture of `soicost estimate` on the bundled data.

    python scripts/readme_screenshot.py          # write it
    python scripts/readme_screenshot.py --check  # exit 1 if it is not what the code gives

The picture is the real table (default seed and samples, English), exported by rich as SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from soicost.analysis.estimate import estimate
from soicost.inputs.loader import load_inputs
from soicost.render.estimate import render_table

TARGET = Path(__file__).resolve().parents[1] / "docs" / "img" / "estimate.svg"


def picture() -> str:
    table = render_table(estimate(load_inputs()), "en")
    console = Console(record=True, width=100, file=open("/dev/null", "w"),  # noqa: SIM115
                      color_system="truecolor", force_terminal=True)
    console.print("$ soicost estimate", style="bold")
    console.print(Text(table))
    return console.export_svg(title="soicost estimate", unique_id="soicost-estimate")


def main() -> int:
    svg = picture()
    if "--check" in sys.argv[1:]:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != svg:
            print(f"{TARGET} is out of date: run python scripts/readme_screenshot.py",
                  file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(svg, encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
