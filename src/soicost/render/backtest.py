"""Render a :class:`~soicost.analysis.backtest.Backtest`: table, JSON, Markdown, PIT chart."""

from __future__ import annotations

import json
import math
from typing import Any

from soicost.analysis.backtest import Backtest, Note, ProtocolResult, Share
from soicost.errors import printable
from soicost.i18n import N_, Number, Words
from soicost.inputs.quantity import text_in
from soicost.render.escape import markdown_text, terminal_text
from soicost.render.markdown import Align, markdown_table
from soicost.render.money import Lang, format_count, format_share
from soicost.render.terminal import DEFAULT_WIDTH, TermColumn, Terminal, rich_table
from soicost.version import __version__

JSON_SCHEMA_VERSION = 1

_WORDS = {
    'title': N_("Backtest of {file}: {n} past projects, driver{s} {drivers}"),
    'run': N_("{samples} samples, seed {seed}; assumptions: {assumed}"),
    'separator': N_("; "),
    'colon': N_(": "),
    'single': N_("Single reference"),
    'fit': N_("Fit, {k} quotes"),
    'measure': N_("Measure"),
    'target': N_("If calibrated"),
    'replicates': N_("Replicates"),
    'replicates_single': N_("{n} references"),
    'replicates_fit': N_("{n} random sets"),
    'predictions': N_("Predictions"),
    'inside_80': N_("Actual within P10–P90"),
    'inside_50': N_("Actual within P25–P75"),
    'below': N_("Actual below P50"),
    'total': N_("Total within P10–P90"),
    'calibrated': N_("Spread for about 80%"),
    'sigma': N_("sigma {value}"),
    'none': N_("—"),
    'interval': N_("In brackets, a 95 % interval counting each project once (each is predicted "
                   "many times, so the predictions are not independent; totals share their "
                   "projects, so they count no more cases than projects): a rough allowance, "
                   "not an exact one."),
    'estimates': N_("First estimates × (1 + optimism bias {bias}): actual within P10–P90 for "
                    "{inside} of {n} project{s}; actual below P50 for {below}; median actual / "
                    "estimate {ratio}."),
    'estimates_fixed': N_("First estimates of {n} project{s}: median actual / estimate "
                          "{ratio}. The optimism bias ({bias}) is one figure, not a range: "
                          "there is no P10–P90 to test."),
    'reading': N_("A calibrated model holds the actual within P10–P90 80 % of the time and "
                  "within P25–P75 50 %: less means ranges too narrow, more ranges wider than "
                  "these projects needed. With a single reference, half the actuals fall below "
                  "P50 by construction (predicting j from i and i from j err in opposite "
                  "directions); with the fit, more than half means the model overestimates, "
                  "fewer that it underestimates."),
    'spread_note': N_("The spread (single reference; a fit has its own) is the sigma of a "
                      "lognormal of median 1, to set for both uncertainty.application and "
                      "uncertainty.reference; approximate (from 200 samples per prediction), "
                      "and only as good as the number of projects."),
    'fit_too_few_quotes': N_("Fit not run: {quotes} quotes cannot estimate an intercept, "
                             "{drivers} elasticities and a residual spread; at least {needed} "
                             "are needed (--quotes)."),
    'fit_no_project_left': N_("Fit not run: it takes {quotes} projects as quotes and at least "
                              "one more to predict; the history has {projects}."),
    'fit_never_identified': N_("Fit not run: none of {tried} random sets of quotes could "
                               "identify the law (sizes all alike, or quotes too scattered)."),
    'fit_sets_refused': N_("Fit: {skipped} random sets of quotes were refused, as soicost "
                           "refuses them (sizes alike, or quotes too scattered), and {done} "
                           "kept: the fit's figures are for the sets it can fit."),
    'spread_too_few_projects': N_("No spread is suggested from {projects} projects: at least "
                                  "{needed} are needed."),
    'chart_title': N_("Where the actuals fall in their predicted ranges"),
    'chart_x': N_("Rank of the actual in its predicted distribution (PIT)"),
    'chart_y': N_("Share of actuals"),
    'chart_even': N_("Calibrated:"),
}


def _percent(value: float, lang: Lang) -> str:
    return "—" if math.isnan(value) else format_share(value, lang)


def _share(share: Share, lang: Lang) -> str:
    low, high = share.interval
    return (f"{_percent(share.value, lang)} [{_percent(low, lang)}–"
            f"{_percent(high, lang)}]")


def table_rows(result: Backtest, lang: Lang) -> tuple[list[str], list[list[str]]]:
    L = Words(_WORDS, lang)
    protocols: list[ProtocolResult] = [result.single]
    heads = [L["measure"], L["target"], L["single"]]
    if result.fit is not None:
        protocols.append(result.fit)
        heads.append(L["fit"].format(k=format_count(result.quotes, lang)))

    def replicates(p: ProtocolResult) -> str:
        key = "replicates_single" if p.protocol == "single" else "replicates_fit"
        return L[key].format(n=format_count(p.replicates, lang))

    def sigma(p: ProtocolResult) -> str:
        if p.calibrated_sigma is None:  # always so for the fit: it has its own spread
            return L["none"]
        return L["sigma"].format(value=Number(p.calibrated_sigma, ".2f").text(lang))

    rows = [
        [L["replicates"], "", *map(replicates, protocols)],
        [L["predictions"], "", *(format_count(p.inside_80.count, lang) for p in protocols)],
        [L["inside_80"], _percent(0.8, lang), *(_share(p.inside_80, lang) for p in protocols)],
        [L["inside_50"], _percent(0.5, lang), *(_share(p.inside_50, lang) for p in protocols)],
        [L["below"], _percent(0.5, lang), *(_share(p.below_median, lang) for p in protocols)],
        [L["total"], _percent(0.8, lang), *(_share(p.portfolio_80, lang) for p in protocols)],
        [L["calibrated"], "", *map(sigma, protocols)],
    ]
    return heads, rows


def header_lines(result: Backtest, lang: Lang) -> list[str]:
    L = Words(_WORDS, lang)
    h = result.history
    # The optimism bias plays no part in the two protocols (an actual is not an estimate):
    # it is named with the first estimates, where it does.
    assumed = L["separator"].join(f"{name} {text_in(text, lang)}"
                                  for name, text in result.described
                                  if name != "optimism_bias")
    return [L["title"].format(file=printable(h.source),
                              n=format_count(len(h.projects), lang),
                              s="s" if len(h.drivers) > 1 else "",
                              drivers=", ".join(h.drivers)),
            L["run"].format(samples=format_count(result.samples, lang), seed=result.seed,
                            assumed=assumed or L["none"])]


def footer_lines(result: Backtest, lang: Lang) -> list[str]:
    L = Words(_WORDS, lang)
    lines = [L["interval"], L["reading"]]
    if result.single.calibrated_sigma is not None:
        lines.append(L["spread_note"])
    e = result.estimates
    if e is not None:
        bias = dict(result.described).get("optimism_bias", "")
        plural = "s" if e.count > 1 else ""
        ratio = Number(e.median_ratio, ".2f").text(lang)
        if e.inside_80 is None or e.below_median is None:
            lines.append(L["estimates_fixed"].format(n=e.count, s=plural, ratio=ratio,
                                                     bias=bias))
        else:
            lines.append(L["estimates"].format(
                bias=bias, inside=_percent(e.inside_80.value, lang), n=e.count, s=plural,
                below=_percent(e.below_median.value, lang), ratio=ratio))
    lines.extend(note_text(note, lang) for note in result.notes)
    return lines


def note_text(note: Note, lang: Lang) -> str:
    """A note of the result, in ``lang``."""
    key, values = note
    return Words(_WORDS, lang)[key].format(
        **{k: format_count(v, lang) if k != "quotes" else str(v) for k, v in values})


def render_table(result: Backtest, lang: Lang = "en", width: int = DEFAULT_WIDTH) -> str:
    """The backtest for a terminal ``width`` columns wide; no figure is cut
    (:mod:`soicost.render.terminal`)."""
    heads, rows = table_rows(result, lang)
    columns = [TermColumn(heads[0], "label"), *(TermColumn(h, "figure") for h in heads[1:])]
    out = Terminal(width, lang)
    for line in header_lines(result, lang):
        out.text(terminal_text(line))
    out.table(rich_table(columns, rows))
    for line in footer_lines(result, lang):
        out.text(terminal_text(line))
    return out.getvalue()


def render_markdown(result: Backtest, lang: Lang = "en") -> str:
    header = header_lines(result, lang)
    heads, rows = table_rows(result, lang)
    # The figures are written here: escaping would put backslashes before their intervals'
    # brackets.
    align: list[Align] = ["right" if i else "left" for i in range(len(heads))]
    lines = [f"## {markdown_text(header[0])}", "", markdown_text(header[1]), "",
             *markdown_table(heads, rows, align, written=range(1, len(heads)))]
    lines += ["", *(markdown_text(line) + "\n" for line in footer_lines(result, lang))]
    return "\n".join(lines).rstrip("\n") + "\n"


def _share_json(share: Share) -> dict[str, Any]:
    low, high = share.interval
    return {"share": share.value, "low": low, "high": high, "hits": share.hits,
            "count": share.count, "effective": share.effective}


def _protocol_json(p: ProtocolResult) -> dict[str, Any]:
    return {"replicates": p.replicates, "skipped": p.skipped,
            "predictions": p.inside_80.count,
            "inside_p10_p90": _share_json(p.inside_80),
            "inside_p25_p75": _share_json(p.inside_50),
            "below_p50": _share_json(p.below_median),
            "total_inside_p10_p90": _share_json(p.portfolio_80),
            "pit_histogram": list(p.pit_counts),
            "calibrated_sigma": p.calibrated_sigma}


def to_json_data(result: Backtest) -> dict[str, Any]:
    h = result.history
    e = result.estimates
    estimates: dict[str, Any] | None = None
    if e is not None:
        estimates = {
            "count": e.count,
            "inside_p10_p90": None if e.inside_80 is None else _share_json(e.inside_80),
            "below_p50": None if e.below_median is None else _share_json(e.below_median),
            "median_ratio": e.median_ratio}
    return {
        "schema_version": JSON_SCHEMA_VERSION, "command": "backtest",
        "soicost_version": __version__,
        "history": {"file": h.source, "digest": h.digest, "projects": len(h.projects),
                    "drivers": list(h.drivers), "unit": h.unit},
        "assumptions": dict(result.described),
        "options": {"samples": result.samples, "seed": result.seed, "quotes": result.quotes,
                    "replicates": result.replicates},
        "single": _protocol_json(result.single),
        "fit": None if result.fit is None else _protocol_json(result.fit),
        "estimates": estimates,
        "notes": [note_text(note, "en") for note in result.notes],
    }


def render_json(result: Backtest) -> str:
    return json.dumps(to_json_data(result), indent=2, ensure_ascii=False) + "\n"


def render_chart(result: Backtest, lang: Lang = "en", *, file: bool = False) -> str:
    """The PIT histogram of each protocol, as SVG: for an HTML page, or (``file``) for a
    file of its own."""
    from soicost.render.charts import pit_histogram, standalone

    L = Words(_WORDS, lang)
    series = [(L["single"], result.single.pit_counts)]
    if result.fit is not None:
        series.append((L["fit"].format(k=format_count(result.quotes, lang)),
                       result.fit.pit_counts))
    svg = pit_histogram(series, chart_id="backtest-pit", title=L["chart_title"],
                         x_label=L["chart_x"], y_label=L["chart_y"],
                         even_label=L["chart_even"], colon=L["colon"],
                         share_fmt=lambda v: _percent(v, lang),
                         rank_fmt=lambda v: Number(v, "g").text(lang))
    return (standalone(svg) if file else svg) + "\n"


def render(result: Backtest, fmt: str, lang: Lang = "en", width: int = DEFAULT_WIDTH) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result, lang)
    if fmt == "table":
        return render_table(result, lang, width)
    raise ValueError(f"unknown format {fmt!r}")
