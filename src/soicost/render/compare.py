"""``soicost compare`` output: the scenario comparison with the run's reproducibility data."""

from __future__ import annotations

import json

from soicost.analysis.contract import comparison_json, run_json, warning_json
from soicost.analysis.estimate import Estimate
from soicost.render.escape import markdown_text
from soicost.render.estimate import header_lines
from soicost.render.money import Lang
from soicost.render.scenarios import render_csv, render_markdown, render_table
from soicost.render.tabular import Dialect
from soicost.render.terminal import DEFAULT_WIDTH


def render_comparison(result: Estimate, fmt: str, lang: Lang = "en",
                      width: int = DEFAULT_WIDTH, dialect: Dialect = "rfc4180") -> str:
    comparison = result.comparison
    assert comparison is not None
    if fmt == "json":
        data = {**run_json(result), "warnings": [warning_json(w) for w in result.warnings],
                **comparison_json(comparison)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return render_csv(comparison, dialect)
    lines = header_lines(result, lang)
    if fmt == "markdown":
        header = "\n".join(markdown_text(line) for line in lines)
        return header + "\n\n" + render_markdown(comparison, lang, result.currency)
    return "\n".join(lines) + "\n\n" + render_table(comparison, lang, result.currency, width)
