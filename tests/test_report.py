"""The HTML report: same figures as the JSON, self-contained, escaped, bilingual, stable."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import APPLICATIONS, ASSUMPTIONS, INFRASTRUCTURE, WriteInputs
from soicost.analysis.estimate import Estimate, EstimateOptions, estimate
from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import bundled_data_dir, load_inputs
from soicost.model.stats import summarise
from soicost.render import charts
from soicost.render.estimate import render_json
from soicost.render.money import Lang, format_money
from soicost.render.report import render_report, write_report
from soicost.render.words import local

SAMPLES = 2000
LANGS: tuple[Lang, ...] = ("en", "fr")


@pytest.fixture(scope="module")
def bundled() -> tuple[Inputs, Estimate, np.ndarray]:
    inputs = load_inputs(bundled_data_dir())
    options = EstimateOptions(samples=SAMPLES)
    result = estimate(inputs, options)
    return inputs, result, result.migration_samples


@pytest.fixture(scope="module")
def reports(bundled: tuple[Inputs, Estimate, np.ndarray]) -> dict[str, str]:
    inputs, result, samples = bundled
    return {lang: render_report(inputs, result, lang, samples) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_html_holds_the_json_figures(bundled: tuple[Inputs, Estimate, np.ndarray],
                                     reports: dict[str, str], lang: Lang) -> None:
    _, result, _ = bundled
    html = reports[lang]
    data = json.loads(render_json(result))
    cur = data["currency"]

    def shown(value: float) -> bool:
        return format_money(value, lang, cur) in html

    for key in ("p10", "p50", "p90", "mean"):
        assert shown(data["migration"][key]), key
    assert data["scenarios"], "the bundled data defines scenarios"
    for scenario in data["scenarios"]:
        for key in ("p10", "p50", "p90"):
            assert shown(scenario["npv"][key]), (scenario["id"], key)
            assert shown(scenario["non_cash_total"][key]), (scenario["id"], key)
        if scenario["delta_vs_status_quo"] is not None:
            assert shown(scenario["delta_vs_status_quo"]["p50"]), scenario["id"]
        for year in scenario["by_year"]:
            assert shown(year["cash"]["total"]["p50"]), (scenario["id"], year["year"])
            assert shown(year["cash"]["total"]["p10"]), (scenario["id"], year["year"])
            assert shown(year["cash"]["total"]["p90"]), (scenario["id"], year["year"])
    for app in data["applications"]:
        assert shown(app["p50"]), app["id"]
    for asset in data["assets"]:
        assert shown(asset["net_book_value"]["p50"]), asset["id"]


def test_reproducibility_line_and_warning(bundled: tuple[Inputs, Estimate, np.ndarray],
                                          reports: dict[str, str]) -> None:
    inputs, result, _ = bundled
    html = reports["en"]
    line = re.search(r'<p class="repro"[^>]*>(.*?)</p>', html, re.S)
    assert line is not None
    text = line.group(1)
    short = result.fingerprint.removeprefix("sha256:")[:8]
    for part in (result.soicost_version, short, str(result.options.seed), "2,000",
                 result.options.method, f"{result.options.euros} euros"):
        assert part in text
    french = re.search(r'<p class="repro"[^>]*>(.*?)</p>', reports["fr"], re.S)
    assert french is not None and french.group(1).endswith("· euros constants")
    assert result.illustrative_share >= 0.1
    assert 'class="warning"' in html and "illustrative" in html
    quiet = render_report(inputs, dataclasses.replace(result, illustrative_share=0.05))
    assert 'class="warning"' not in quiet


def test_self_contained(reports: dict[str, str]) -> None:
    for html in reports.values():
        lowered = html.lower()
        assert lowered.startswith("<!doctype html>")
        assert 'src="http' not in lowered and "src='http" not in lowered
        assert "<link" not in lowered
        assert "<script" not in lowered
        assert "@import" not in lowered and "url(" not in lowered
        assert "http://" not in lowered and "https://" not in lowered
        assert "content-security-policy" in lowered and "default-src 'none'" in lowered
        # A histogram, one stacked chart per scenario and the assets' lines.
        assert lowered.count("<svg") >= 3
        for chart in re.findall(r"<svg[^>]*>", html):
            ident = re.search(r'id="([^"]+)"', chart)
            assert ident is not None
            assert f'<title id="{ident.group(1)}-title">' in html
            assert 'role="img"' in chart


def test_sections_and_charts(bundled: tuple[Inputs, Estimate, np.ndarray],
                             reports: dict[str, str]) -> None:
    inputs, result, _ = bundled
    html = reports["en"]
    assert result.comparison is not None
    for section in ("technical", "means", "rps", "assets", "log", "notes"):
        assert f'<section id="{section}">' in html
    assert 'id="chart-portfolio"' in html and 'id="chart-nbv"' in html
    for i, _ in enumerate(result.comparison.scenarios):
        assert f'id="chart-cash-{i}"' in html
    assert "NON-CASH" in html
    assert "proxies" in html.lower()
    for team in inputs.assumptions.staff.teams:
        # Names are written in French and English: the English report shows the English.
        assert local(team.name, "en").replace("'", "&#x27;") in html
    for axis in ("Work intensity and time", "Job insecurity"):
        assert axis in html
    # Axis labels are amounts formatted like the tables.
    assert re.search(r"<text[^>]*>€\d", html)


def test_assumptions_log(bundled: tuple[Inputs, Estimate, np.ndarray],
                         reports: dict[str, str]) -> None:
    inputs, _, _ = bundled
    html = reports["en"]
    log = html[html.index('<section id="log">'):html.index('<section id="notes">')]
    a = inputs.assumptions
    for driver in a.drivers.values():
        assert driver.elasticity.text in log
    assert "France Stratégie" in log  # the discount rate's source
    assert "Flyvbjerg" in log  # the optimism-bias preset's source
    assert "500k" in log  # the reference quote
    assert "UNSA CASVP" in log  # turnover's source
    assert log.count('<tr class="illustrative">') >= len(a.staff.teams) + len(a.running)
    assert "ILLUSTRATIVE" in log and "sourced" in log and "assumed" in log
    for scenario in a.scenarios:
        for proxy in scenario.rps_proxies:
            assert local(proxy.name, "en").replace("'", "&#x27;") in log


def test_french(reports: dict[str, str], bundled: tuple[Inputs, Estimate, np.ndarray]) -> None:
    _, result, _ = bundled
    fr, en = reports["fr"], reports["en"]
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    assert "Étude d'impact".replace("'", "&#x27;") in fr
    assert "Registre des hypothèses" in fr and "Assumptions log" in en
    assert "Intensité et temps de travail" in fr
    assert format_money(result.migration.p50, "fr") in fr
    assert format_money(result.migration.p50, "fr") not in en
    assert "\u202fM€" in fr


def test_histogram_or_range_bar(bundled: tuple[Inputs, Estimate, np.ndarray],
                                reports: dict[str, str]) -> None:
    inputs, result, samples = bundled
    # The samples are the very draws the estimate summarised.
    assert summarise(samples) == result.migration
    portfolio = re.search(r'<svg[^>]*id="chart-portfolio".*?</svg>', reports["en"], re.S)
    assert portfolio is not None
    assert portfolio.group(0).count("<rect") >= 20
    bar = render_report(inputs, result, "en")
    portfolio = re.search(r'<svg[^>]*id="chart-portfolio".*?</svg>', bar, re.S)
    assert portfolio is not None
    assert portfolio.group(0).count("<rect") == 1
    for key in ("p10", "p50", "p90"):
        assert format_money(getattr(result.migration, key), "en") in portfolio.group(0)


def test_deterministic(bundled: tuple[Inputs, Estimate, np.ndarray],
                       reports: dict[str, str]) -> None:
    inputs, _, _ = bundled
    options = EstimateOptions(samples=SAMPLES)
    again = render_report(inputs, estimate(inputs, options), "en",
                          estimate(inputs, options).migration_samples)
    assert again == reports["en"]


def test_escaping(write_inputs: WriteInputs) -> None:
    evil = "<script>alert('x')</script>"
    folder = write_inputs(
        applications=APPLICATIONS.replace("name: Payroll", f'name: "{evil}"'),
        infrastructure=INFRASTRUCTURE.replace("name: Data centre", 'name: "<b>DC</b> & co"'),
        assumptions=ASSUMPTIONS + f"""\
staff:
  teams:
    - {{id: ops, name: "<img src=x onerror=alert(1)>", fte: 3}}
scenarios:
  - id: move
    name: "Move {evil}"
    description: "</p><script>alert(2)</script>"
    waves: [{{date: 2024-01-01, share: 1}}]
    rps:
      autonomy: {{likelihood: 2, severity: 3, rationale: "</td><script>x</script>"}}
    rps_proxies:
      - {{name: "<i>sick</i>", annual: 10k, from: 2024-01-01}}
""")
    inputs = load_inputs(folder)
    result = estimate(inputs, EstimateOptions(samples=200))
    for lang in LANGS:
        html = render_report(inputs, result, lang)
        lowered = html.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered
        assert "<b>dc" not in lowered and "<i>sick" not in lowered
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert "&lt;b&gt;DC&lt;/b&gt; &amp; co" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        # The implicit status quo (no scenario named status-quo) and the minimal inputs
        # (no running costs) render too.
        assert 'id="chart-cash-1"' in html


def test_write_report(tmp_path: Path) -> None:
    path = tmp_path / "out" / "report.html"
    write_report(path, "<!DOCTYPE html>\n<p>é</p>\n")
    assert path.read_text(encoding="utf-8") == "<!DOCTYPE html>\n<p>é</p>\n"
    assert [p.name for p in path.parent.iterdir()] == ["report.html"]


# Runs soicost's entry point with the arguments given, then says on stderr whether Jinja2
# was loaded.
JINJA_LOADED = """\
import sys
from soicost.cli import main
sys.argv = ["soicost", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
sys.stderr.write(f"jinja2 loaded: {'jinja2' in sys.modules}\\n")
"""


@pytest.mark.parametrize(("args", "loaded"), [
    (["--version"], False),
    (["--quiet", "estimate", "--samples", "200"], False),
    (["--quiet", "report", "--samples", "200", "--sensitivity-samples", "0", "--out",
      "{tmp}/r.html"], True),
])
def test_only_a_report_loads_jinja2(tmp_path: Path, args: list[str], loaded: bool) -> None:
    done = subprocess.run([sys.executable, "-c", JINJA_LOADED,
                           *(a.format(tmp=tmp_path) for a in args)],
                          capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == f"jinja2 loaded: {loaded}"


def test_templates_escape_as_ever_and_refuse_what_is_undefined() -> None:
    import jinja2
    from markupsafe import Markup

    from soicost.render.report import _environment

    template = _environment().from_string("<p title=\"{{ x }}\">{{ x }}</p>")
    # The standard library's entities (&#x27;), not MarkupSafe's (&#39;): the same bytes as
    # before the templates.
    assert template.render(x="<a href='x'>\"&") == (
        "<p title=\"&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;\">"
        "&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;</p>")
    assert template.render(x=Markup("<svg></svg>")) == "<p title=\"<svg></svg>\"><svg></svg></p>"
    with pytest.raises(jinja2.UndefinedError):
        template.render()


# --------------------------------------------------------------------------------------
# Chart helpers


def test_nice_ticks() -> None:
    assert charts.nice_ticks(0, 1) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert charts.nice_ticks(0, 7.3e6, 5) == [0.0, 2e6, 4e6, 6e6, 8e6]
    ticks = charts.nice_ticks(-1.2, 3.4)
    assert ticks[0] <= -1.2 and ticks[-1] >= 3.4
    assert charts.nice_ticks(5, 5)[0] < 5 < charts.nice_ticks(5, 5)[-1]
    assert charts.nice_ticks(0, 0) == [0.0, 1.0]


def test_charts_escape_and_stack_negatives() -> None:
    svg = charts.stacked_bars(["2024", "2025"], [("<a>", [1.0, 2.0]), ("b&c", [-1.0, 0.5])],
                              chart_id="c", title="T <x>", x_label="year", y_label="€",
                              fmt=lambda v: f"{v:g}")
    assert "<a>" not in svg and "&lt;a&gt;" in svg and "b&amp;c" in svg
    assert '<title id="c-title">T &lt;x&gt;</title>' in svg
    assert svg.count("<rect") == 4 + 2  # four bars' segments, two legend swatches
    line = charts.line_chart(["2024"], [("one", [3.0])], chart_id="l", title="t",
                             x_label="x", y_label="y", fmt=str)
    assert "<circle" in line and "<polyline" in line
    hist = charts.histogram(np.arange(1000, dtype=float), [("P50", 499.5)], chart_id="h",
                            title="h", x_label="x", y_label="y", fmt=lambda v: f"{v:.0f}",
                            share_fmt=lambda v: f"{v:.0%}")
    assert hist.count("<rect") == 40 and "P50 500" in hist


# --------------------------------------------------------------------------------------
# In a real browser


def test_renders_in_headless_chromium(bundled: tuple[Inputs, Estimate, np.ndarray],
                                      reports: dict[str, str], tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed: cannot check the report in a browser")
    _, result, _ = bundled
    page = tmp_path / "report.html"
    page.write_text(reports["en"], encoding="utf-8")
    try:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish within 120 s")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert format_money(result.migration.p50, "en") in dom
    assert "<svg" in dom
    assert 'id="chart-portfolio"' in dom


def test_implausible_inputs_are_listed_at_the_top(write_inputs: WriteInputs,
                                                 reports: dict[str, str]) -> None:
    folder = write_inputs(infrastructure=INFRASTRUCTURE.replace("cost: 1M", "cost: 800"))
    inputs = load_inputs(folder)
    result = estimate(inputs, EstimateOptions(samples=200))
    html = render_report(inputs, result, "fr")
    assert ("Attention\u00a0: 1 valeur(s) d&#x27;entrée paraissent invraisemblables et ont été "
            "prises telles quelles" in html)
    assert ("<li><code>infrastructure.yaml:5:11</code> assets[0].cost\u00a0: un montant de 800 "
            "EUR, inférieur à 1\u202f000 EUR\u00a0: anormalement faible pour un coût "
            "informatique</li>" in html)
    english = render_report(inputs, result, "en")
    assert ("<li><code>infrastructure.yaml:5:11</code> assets[0].cost: an amount of 800 EUR, "
            "below 1,000 EUR: unusually small for an IT cost</li>" in english)
    assert "invraisemblables" not in reports["fr"]  # the bundled data raise none


def test_every_id_is_unique_with_several_tornadoes(
        bundled: tuple[Inputs, Estimate, np.ndarray]) -> None:
    # Three tornadoes (the portfolio and two scenarios) once shared id="tornado": their
    # aria-labelledby then all named the first chart.
    from soicost.analysis.sensitivity import report_sensitivities

    inputs, result, samples = bundled
    analyses = report_sensitivities(inputs, result, 64)
    assert len(analyses) >= 2
    for lang in LANGS:
        html = render_report(inputs, result, lang, samples, analyses)
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        for labelled in re.findall(r'aria-labelledby="([^"]+)"', html):
            assert all(part in ids for part in labelled.split()), labelled


def test_each_report_names_things_in_its_own_language(
        bundled: tuple[Inputs, Estimate, np.ndarray], reports: dict[str, str]) -> None:
    # The bundled names are written in French and English: a report quotes one language.
    from html import escape

    inputs, _, _ = bundled
    a = inputs.assumptions
    names = [*(x.name for x in inputs.applications.applications),
             *(x.name for x in inputs.infrastructure.assets), *(t.name for t in a.staff.teams),
             *(r.name for r in a.running), *(s.name for s in a.scenarios),
             *(p.name for s in a.scenarios for p in s.rps_proxies)]
    checked = 0
    for name in names:
        french, english = local(name, "fr"), local(name, "en")
        if french == english or french in english or english in french:
            continue
        checked += 1
        assert escape(english) not in reports["fr"], english
        assert escape(french) not in reports["en"], french
    assert checked >= 40


def test_the_french_log_names_factor_categories_in_french(reports: dict[str, str]) -> None:
    html = reports["fr"]
    log = html[html.index('<section id="log">'):html.index('<section id="notes">')]
    assert "Facteur type\u00a0: progiciel" in log and "Facteur stratégie\u00a0: conserver" in log
    assert "Facteur type\u00a0: vendor" not in log
    english = reports["en"]
    assert "Factor kind: vendor" in english  # English shows the format's own words


def test_each_report_quotes_sources_in_its_own_language(
        bundled: tuple[Inputs, Estimate, np.ndarray], reports: dict[str, str]) -> None:
    # The bundled sources are written in French and English: the log quotes one language;
    # a source written once (the optimism-bias preset's) is quoted as written in both.
    from html import escape

    from soicost.analysis.assumptions_log import assumptions_log

    inputs, _, _ = bundled
    logs = {lang: html[html.index('<section id="log">'):html.index('<section id="notes">')]
            for lang, html in reports.items()}
    sources = {e.provenance.source for g in assumptions_log(inputs) for e in g.entries
               if e.provenance is not None}
    checked = 0
    for source in sources:
        french, english = local(source, "fr"), local(source, "en")
        if french == english:
            assert escape(french) in logs["fr"] and escape(french) in logs["en"], french
            continue
        checked += 1
        assert escape(french) in logs["fr"] and escape(english) not in logs["fr"], english
        assert escape(english) in logs["en"] and escape(french) not in logs["en"], french
    assert checked >= 20
    assert "Dire d&#x27;expert" in logs["fr"] and "Judgement:" not in logs["fr"]
    assert "Judgement:" in logs["en"] and "Dire d&#x27;expert" not in logs["en"]


def test_the_log_words_the_defaults_the_presets_and_the_scopes_in_its_language(
        reports: dict[str, str]) -> None:
    def log(lang: str) -> str:
        html = reports[lang]
        return html[html.index('<section id="log">'):html.index('<section id="notes">')]

    fr, en = log("fr"), log("en")
    assert "Change of infrastructure, including the vendor&#x27;s adjustments" in en
    assert "Changement d&#x27;infrastructure, y compris les adaptations de l&#x27;éditeur" in fr
    assert "flyvbjerg-2011 (mean +27 %, one in six a black swan averaging +200 %)" in en
    assert "flyvbjerg-2011 (moyenne +27 %" in fr
    assert "Hypothèse : la cible d&#x27;inflation à moyen terme" in fr  # the index's default
    assert "Assumed: the European Central Bank&#x27;s medium-term inflation target" in en
    for english in ("Assumed:", "Judgement:", "Change of infrastructure", "black swan"):
        assert english not in fr, english
    for french in ("Hypothèse :", "Dire d&#x27;expert", "Changement d&#x27;", "cygne noir"):
        assert french not in en, french


def test_the_histograms_description_starts_its_last_sentence_with_a_capital(
        reports: dict[str, str]) -> None:
    for lang, last_bar in (("en", ". Last bar: "), ("fr", ". Dernière barre\u00a0: ")):
        assert last_bar in reports[lang]
        assert last_bar.lower() not in reports[lang]
