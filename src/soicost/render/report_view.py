"""What the HTML report shows, ready to lay out: every figure formatted, every label in the
report's language, every table as rows of cells.

The templates of ``render/templates`` only place these values; nothing here writes HTML but
the SVG charts, which :mod:`soicost.render.charts` draws (passed on as
:class:`~markupsafe.Markup`). Text from the inputs stays plain ``str`` and is escaped when
the template writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

import numpy as np
from markupsafe import Markup
from numpy.typing import NDArray

from soicost.analysis.assumptions_log import Label, assumptions_log, count_by_status
from soicost.analysis.estimate import Estimate
from soicost.analysis.sensitivity import Sensitivity
from soicost.analysis.summary import figures_by_status
from soicost.finance.scenarios import CASH_CATEGORIES, ScenarioResult
from soicost.i18n import Number, Words, said, tr
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import RPS_AXES
from soicost.inputs.provenance import Provenance, Status
from soicost.inputs.quantity import text_in
from soicost.model.stats import Stats
from soicost.render import charts
from soicost.render.estimate import ILLUSTRATIVE_WARNING_SHARE, sorted_applications
from soicost.render.money import (
    NNBSP,
    Lang,
    format_count,
    format_money,
    format_rate_text,
    format_share,
)
from soicost.render.report_copy import WORDS
from soicost.render.scenarios import AXES
from soicost.render.words import (
    ASSET_CATEGORIES,
    CATEGORIES,
    CRITICALITIES,
    KINDS,
    STRATEGIES,
    bias_words,
    local,
    word,
)

if TYPE_CHECKING:
    from soicost.analysis.backtest import Backtest

FloatArray = NDArray[np.float64]

# ---- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badged:
    """A cell's text followed by the badge of a provenance status."""

    text: str
    status: Status


@dataclass(frozen=True)
class Score:
    """An RPS score (likelihood × severity), coloured by its level."""

    value: int
    level: str  # low | mid | high


Cell = str | Badged | Score


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    cls: str = ""  # illustrative | total


@dataclass(frozen=True)
class Table:
    """A table: the first cell of each row heads it (``row_heads``); columns from
    ``numeric_from`` on, except ``text_cols``, are numbers, aligned right."""

    heads: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    numeric_from: int = 1
    row_heads: bool = True
    text_cols: tuple[int, ...] = ()

    def is_num(self, column: int) -> bool:
        return self.numeric_from <= column and column not in self.text_cols


def _rows(cells: Sequence[Sequence[Cell]], classes: Sequence[str] = ()) -> tuple[Row, ...]:
    return tuple(Row(tuple(c), classes[k] if k < len(classes) else "")
                 for k, c in enumerate(cells))


# ---- sections ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InputWarning:
    where: str  # file:line:column
    text: str  # the field and what is wrong with it, in the report's language


# The fixed values of each factor table, by the table's name.
_FACTOR_VALUES = {"kind": KINDS, "strategy": STRATEGIES, "criticality": CRITICALITIES}


@dataclass(frozen=True)
class Header:
    repro_label: str  # "Reproducibility:", "Reproductibilité :"
    version: str
    fingerprint: str
    digest: str  # the first 8 hex digits of the fingerprint
    seed: int
    samples: str
    method: str
    euros: str
    illustrative_warning: str  # "" below the share that calls for a warning
    input_warnings: tuple[InputWarning, ...]
    facts: tuple[tuple[str, str], ...]
    figures: str  # the input figures by provenance, in a sentence


@dataclass(frozen=True)
class ScenarioCard:
    id: str
    name: str
    status_quo: bool
    description: str
    facts: tuple[tuple[str, str], ...]
    stranded: Table | None


@dataclass(frozen=True)
class Scenarios:
    npv: Table
    non_cash: Table
    cards: tuple[ScenarioCard, ...]


@dataclass(frozen=True)
class SensitivityView:
    figure: str
    table: Table
    chart: Markup


@dataclass(frozen=True)
class Technical:
    portfolio: Table
    portfolio_chart: Markup
    scenarios: Scenarios | None
    applications: Table
    sensitivities: tuple[SensitivityView, ...]


@dataclass(frozen=True)
class Budget:
    name: str
    table: Table
    non_cash: Table | None
    chart: Markup | None


@dataclass(frozen=True)
class NamedTable:
    name: str
    table: Table | None  # None: nothing to show for this scenario


@dataclass(frozen=True)
class Means:
    headcount: tuple[NamedTable, ...]
    attractiveness: tuple[NamedTable, ...]
    budgets: tuple[Budget, ...]


@dataclass(frozen=True)
class Proxies:
    listed: Table | None
    npv: Table
    by_year: Table


@dataclass(frozen=True)
class Rps:
    name: str
    register: Table
    proxies: Proxies | None  # None: no proxy in this scenario


@dataclass(frozen=True)
class Assets:
    table: Table
    by_category: Table
    chart: Markup | None


@dataclass(frozen=True)
class Calibration:
    header: tuple[str, ...]
    heads: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    chart: Markup
    footer: tuple[str, ...]


@dataclass(frozen=True)
class LogRow:
    label: str
    value: str
    status: Status
    source: str  # "" when none is recorded
    same_as_above: bool  # the same provenance as the row before, in its group
    by: str
    date: str


@dataclass(frozen=True)
class LogGroupView:
    title: str
    rows: tuple[LogRow, ...]


@dataclass(frozen=True)
class Log:
    counts: str
    heads: tuple[str, ...]
    who: bool  # the "by" and "date" columns
    groups: tuple[LogGroupView, ...]


@dataclass(frozen=True)
class ReportView:
    lang: Lang
    L: Mapping[str, str]
    version: str
    header: Header
    technical: Technical
    means: Means | None  # None: no scenario comparison
    rps: tuple[Rps, ...]  # one per scenario
    assets: Assets | None  # None: no asset
    calibration: Calibration | None
    log: Log
    notes: tuple[str, ...]


def report_view(inputs: Inputs, result: Estimate, lang: Lang,
                samples: FloatArray | None = None, sensitivities: Sequence[Sensitivity] = (),
                backtest: Backtest | None = None) -> ReportView:
    """Everything the report shows (see :func:`soicost.render.report.render_report`)."""
    return _View(inputs, result, lang, samples).build(sensitivities, backtest)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _View:
    def __init__(self, inputs: Inputs, result: Estimate, lang: Lang,
                 samples: FloatArray | None) -> None:
        self.inputs = inputs
        self.result = result
        self.lang: Lang = lang
        self.L = Words(WORDS, lang)
        self.cur = result.currency
        self.samples = samples
        self.scenario_models = {s.id: s for s in inputs.assumptions.scenarios}
        self.team_names = {t.id: local(t.name, lang) for t in inputs.assumptions.staff.teams}
        self.asset_names = {a.id: local(a.name, lang) for a in inputs.infrastructure.assets}

    def build(self, sensitivities: Sequence[Sensitivity],
              backtest: Backtest | None) -> ReportView:
        c = self.result.comparison
        return ReportView(
            lang=self.lang, L=self.L, version=self.result.soicost_version,
            header=self.header(), technical=self.technical(sensitivities),
            means=self.means() if c is not None else None,
            rps=tuple(self.rps(s) for s in c.scenarios) if c is not None else (),
            assets=self.assets(), calibration=self.calibration(backtest), log=self.log(),
            notes=self.notes())

    # ---- formatting ------------------------------------------------------------------

    def money(self, value: float) -> str:
        return format_money(value, self.lang, self.cur)

    def span(self, s: Stats) -> str:
        """``P50 (P10–P90)``, or one figure when the range is nil."""
        if s.p10 == s.p90:
            return self.money(s.p50)
        return f"{self.money(s.p50)} ({self.money(s.p10)}–{self.money(s.p90)})"

    def num(self, value: float, digits: int = 1) -> str:
        text = f"{value:,.{digits}f}"
        if self.lang == "fr":
            return text.replace(",", NNBSP).replace(".", ",")
        return text

    def num_span(self, s: Stats) -> str:
        if s.p10 == s.p90:
            return self.num(s.p50)
        return f"{self.num(s.p50)} ({self.num(s.p10)}–{self.num(s.p90)})"

    def words(self, label: Label | str) -> str:
        """A label of the library in this language (a str is a name, shown as written)."""
        if isinstance(label, str):
            return local(label, self.lang)
        if not label.args:
            return self.L[label.key]
        args = {k: self.words(v) if isinstance(v, Label | str) else v
                for k, v in label.args.items()}
        group = label.args.get("group")
        if label.key == "factor" and isinstance(group, Label):
            # A factor's category is a fixed value of the format (vendor, replatform…).
            values = _FACTOR_VALUES[group.key.removeprefix("factor_")]
            args["name"] = word(values, str(label.args["name"]), self.lang)
        return self.L[label.key].format(**args)

    # ---- header ----------------------------------------------------------------------

    def header(self) -> Header:
        L = self.L
        r = self.result
        o = r.options
        ref = next((a for a in self.inputs.applications.applications if a.id == r.reference),
                   None)
        facts: list[tuple[str, str]] = [
            (L["currency"], r.currency),
            (L["amounts"], L[o.euros].format(year=r.price_base_year)),
            (L["reference"],
             f"{local(ref.name, self.lang)} ({r.reference})" if ref else r.reference),
            (L["optimism_bias"], bias_words(r.optimism_bias, self.lang)),
        ]
        if r.assets is not None:
            facts.append((L["valuation_date"], r.assets.as_of.isoformat()))
        if r.comparison is not None:
            c = r.comparison
            facts.append((L["horizon"], f"{c.years[0]}–{c.years[-1]}"))
            facts.append((L["discount_rate"],
                          format_rate_text(c.discount_rate, self.lang)))
        warning = ""
        if r.illustrative_share >= ILLUSTRATIVE_WARNING_SHARE:
            warning = L["warning"].format(share=format_share(r.illustrative_share, self.lang))
        return Header(
            repro_label=tr(self.lang, "{label}:", label=L["repro"]),
            version=r.soicost_version, fingerprint=r.fingerprint,
            digest=r.fingerprint.removeprefix("sha256:")[:8], seed=o.seed,
            samples=format_count(o.samples, self.lang), method=o.method,
            euros=L[f"euros_{o.euros}"],
            illustrative_warning=warning,
            input_warnings=tuple(InputWarning(
                f"{PurePath(w.location.file).name}:{w.location.line}:{w.location.column}",
                tr(self.lang, "{path}: {message}", path=w.path,
                   message=said(w.message, self.lang))) for w in r.warnings),
            facts=tuple(facts), figures=self._figures())

    def _figures(self) -> str:
        """The input figures by provenance, in the words validate uses for them."""
        status = figures_by_status(self.inputs)
        n = sum(status.values())
        return tr(self.lang, "{n}: {sourced} sourced, {assumed} assumed, {illustrative} "
                             "illustrative ({share})", n=format_count(n, self.lang),
                  sourced=format_count(status["sourced"], self.lang),
                  assumed=format_count(status["assumed"], self.lang),
                  illustrative=format_count(status["illustrative"], self.lang),
                  share=format_share(status["illustrative"] / n if n else 0.0, self.lang))

    # ---- 1. technical ----------------------------------------------------------------

    def technical(self, sensitivities: Sequence[Sensitivity]) -> Technical:
        L = self.L
        m = self.result.migration
        se = max(m.se_p10, m.se_p50, m.se_p90)
        portfolio = Table((L["figure"], L["value"]), _rows([
            ["P10", self.money(m.p10)], ["P50", self.money(m.p50)], ["P90", self.money(m.p90)],
            [L["mean"], self.money(m.mean)], [L["mc_error"], self.money(se)]]))
        marks = [("P10", m.p10), ("P50", m.p50), ("P90", m.p90)]
        if self.samples is not None and len(self.samples) > 0:
            svg = charts.histogram(
                np.asarray(self.samples, dtype=np.float64), marks, chart_id="chart-portfolio",
                title=L["hist_title"], x_label=L["hist_x"], y_label=L["hist_y"],
                fmt=self.money, share_fmt=lambda v: format_share(v, self.lang),
                overflow_note=lambda v: L["overflow"].format(value=v), lang=self.lang)
        else:
            svg = charts.range_bar(marks, chart_id="chart-portfolio", title=L["range_title"],
                                   x_label=L["hist_x"], fmt=self.money, lang=self.lang)
        return Technical(
            portfolio=portfolio, portfolio_chart=Markup(svg),
            scenarios=self.scenarios() if self.result.comparison is not None else None,
            applications=self.applications(),
            sensitivities=tuple(self.sensitivity(k, s) for k, s in enumerate(sensitivities)))

    def sensitivity(self, index: int, s: Sensitivity) -> SensitivityView:
        from soicost.render.sensitivity import chart, figure_words

        lang = self.lang
        heads = (tr(lang, "Input group"), tr(lang, "First order"), tr(lang, "Total"),
                 tr(lang, "At P10"), tr(lang, "At P90"))
        rows = [[r.label.text(lang) if r.label is not None else r.name,
                 Number(r.first_order, ".3f").text(lang), Number(r.total, ".3f").text(lang),
                 self.money(r.swing_low), self.money(r.swing_high)] for r in s.inputs]
        heading = figure_words(s, lang)
        return SensitivityView(heading[:1].upper() + heading[1:], Table(heads, _rows(rows)),
                               Markup(chart(s, self.lang, chart_id=f"tornado-{index}")))

    def scenarios(self) -> Scenarios:
        L = self.L
        c = self.result.comparison
        assert c is not None
        rows = []
        for s in c.scenarios:
            d = s.delta_vs_status_quo
            rows.append([local(s.name, self.lang), str(s.migrated), self.money(s.npv.p10),
                         self.money(s.npv.p50),
                         self.money(s.npv.p90),
                         *((self.money(d.p10), self.money(d.p50), self.money(d.p90)) if d
                           else ("—", "—", "—"))])
        npv = Table(
            (L["scenario"], L["migrated"], f"{L['npv']} P10", "P50", "P90", f"{L['delta']} P10",
             "P50", "P90"), _rows(rows),
            caption=L["npv_caption"].format(first=c.years[0], last=c.years[-1],
                                            rate=format_rate_text(c.discount_rate,
                                                                  self.lang),
                                            base=c.base_year))
        # Non-cash: apart, in its own box and table.
        non_cash = Table(
            (L["scenario"], f"{L['write_offs']} P10", "P50", "P90", L["stranded"]),
            _rows([[local(s.name, self.lang), self.money(s.non_cash_total.p10),
                    self.money(s.non_cash_total.p50),
                    self.money(s.non_cash_total.p90),
                    ", ".join(self.asset_names.get(x.asset, x.asset) for x in s.stranded)
                    or L["none"]] for s in c.scenarios]),
            caption=L["non_cash_caption"])
        return Scenarios(npv, non_cash, tuple(self.scenario_card(s, c.status_quo)
                                              for s in c.scenarios))

    def scenario_card(self, s: ScenarioResult, status_quo: str) -> ScenarioCard:
        L = self.L
        facts = (
            (L["migrated"], str(s.migrated)),
            (L["npv"], self.span(s.npv)),
            (L["delta"], self.span(s.delta_vs_status_quo) if s.delta_vs_status_quo else "—"),
            (L["cash_undiscounted"], self.span(s.cash_total)),
            (L["write_offs"], self.span(s.non_cash_total)),
        )
        stranded = None
        if s.stranded:
            stranded = Table(
                (L["asset"], L["date"], L["written_off"], L["remaining_years"],
                 L["lost_charges"]),
                _rows([[self.asset_names.get(x.asset, x.asset), x.date.isoformat(),
                        self.span(x.written_off), self.num_span(x.remaining_years),
                        self.span(x.lost_charges)] for x in s.stranded]),
                caption=L["non_cash_caption"])
        return ScenarioCard(s.id, local(s.name, self.lang), s.id == status_quo,
                            local(s.description, self.lang), facts, stranded)

    def applications(self) -> Table:
        L = self.L
        rows: list[list[Cell]] = []
        classes = []
        for a in sorted_applications(self.result):
            s = a.stats
            basis = L["reference_basis"] if a.mode == "reference" else L.get(a.mode, a.mode)
            rows.append([Badged(local(a.name, self.lang), "illustrative") if a.illustrative
                         else local(a.name, self.lang), word(KINDS, a.kind, self.lang),
                         word(STRATEGIES, a.strategy, self.lang) if a.strategy else "—",
                         word(CRITICALITIES, a.criticality, self.lang) if a.criticality
                         else "—", basis, self.money(s.p10),
                         self.money(s.p50), self.money(s.p90), self.money(s.mean)])
            classes.append("illustrative" if a.illustrative else "")
        m = self.result.migration
        rows.append([L["total"], "", "", "", "", self.money(m.p10), self.money(m.p50),
                     self.money(m.p90), self.money(m.mean)])
        classes.append("total")
        return Table((L["application"], L["kind"], L["strategy"], L["criticality"], L["basis"],
                      "P10", "P50", "P90", L["mean"]), _rows(rows, classes),
                     caption=L["app_caption"], numeric_from=5)

    # ---- 2. means --------------------------------------------------------------------

    def means(self) -> Means:
        c = self.result.comparison
        assert c is not None
        return Means(headcount=tuple(self.headcount(s) for s in c.scenarios),
                     attractiveness=tuple(self.attractiveness(s) for s in c.scenarios),
                     budgets=tuple(self.budget(i, s) for i, s in enumerate(c.scenarios)))

    def headcount(self, s: ScenarioResult) -> NamedTable:
        L = self.L
        if not s.staff or not s.staff[0].headcount:
            return NamedTable(local(s.name, self.lang), None)
        # Staying always; transferred and removed only when some team has them.
        fates = ["stays"] + [f for f in ("transferred", "removed")
                             if any(getattr(h, f) > 1e-9 for st in s.staff
                                    for h in st.headcount.values())]
        teams = list(s.staff[0].headcount)
        rows = [[self.team_names.get(team, team),
                 *(" / ".join(self.num(getattr(st.headcount[team], f)) for f in fates)
                   for st in s.staff)] for team in teams]
        rows.append([L["total"], *(" / ".join(
            self.num(sum(getattr(h, f) for h in st.headcount.values())) for f in fates)
            for st in s.staff)])
        caption = L["headcount_caption"].format(fates=" / ".join(L[f] for f in fates))
        return NamedTable(local(s.name, self.lang), Table(
            (L["team"], *(str(st.year) for st in s.staff)),
            _rows(rows, [""] * len(teams) + ["total"]), caption=caption))

    def attractiveness(self, s: ScenarioResult) -> NamedTable:
        L = self.L
        rows = [[L["departures"], *(self.num_span(st.departures) for st in s.staff)],
                [L["vacancies"], *(self.num_span(st.vacancies) for st in s.staff)],
                [L["to_fill"], *(self.num(st.months_to_fill, 0) for st in s.staff)]]
        return NamedTable(local(s.name, self.lang),
                          Table(("", *(str(st.year) for st in s.staff)), _rows(rows),
                                caption=L["attr_caption"]))

    def budget(self, index: int, s: ScenarioResult) -> Budget:
        L = self.L
        years = tuple(str(y.year) for y in s.by_year)
        used = [c for c in CASH_CATEGORIES
                if any(y.cash[c].p10 != 0 or y.cash[c].p90 != 0 or y.cash[c].p50 != 0
                       for y in s.by_year)]
        rows = [[word(CATEGORIES, c, self.lang), *(self.money(y.cash[c].p50) for y in s.by_year)]
                for c in used]
        classes = [""] * len(rows)
        for p in ("p50", "p10", "p90"):
            rows.append([f"{L['cash_total']} {p.upper()}",
                         *(self.money(getattr(y.cash_total, p)) for y in s.by_year)])
        classes += ["total", "", ""]
        if any(y.delta_cash_total is not None for y in s.by_year):
            rows.append([f"{L['delta_row']} P50",
                         *(self.money(y.delta_cash_total.p50) if y.delta_cash_total else "—"
                           for y in s.by_year)])
            classes.append("")
        table = Table((L["category"], *years), _rows(rows, classes),
                      caption=L["budget_caption"])
        non_cash = None
        if any(y.non_cash_total.p90 != 0 or y.non_cash_total.p50 != 0 for y in s.by_year):
            non_cash = Table(("", *years), _rows([[L["non_cash_rows"], *(
                self.money(y.non_cash_total.p50) for y in s.by_year)]]),
                caption=L["non_cash_caption"])
        chart = None
        if used:
            chart = Markup(charts.stacked_bars(
                list(years), [(word(CATEGORIES, c, self.lang), [y.cash[c].p50 for y in s.by_year])
                 for c in used],
                chart_id=f"chart-cash-{index}",
                title=L["budget_chart"].format(name=local(s.name, self.lang)),
                x_label=L["year"], y_label=L["amount_p50"], fmt=self.money,
                desc=L["budget_chart_desc"],
                # A category keeps its colour from one scenario to the next.
                colours=[charts.PALETTE[CASH_CATEGORIES.index(c)] for c in used],
                lang=self.lang))
        return Budget(local(s.name, self.lang), table, non_cash, chart)

    # ---- 3. RPS ----------------------------------------------------------------------

    def rps(self, s: ScenarioResult) -> Rps:
        L = self.L
        rated = {r.axis: r for r in s.rps}
        rows: list[list[Cell]] = []
        for axis in RPS_AXES:
            r = rated.get(axis)
            if r is None:
                rows.append([_cap(AXES[self.lang][axis]), "—", "—", "—", L["not_rated"]])
                continue
            level = "high" if r.score >= 15 else "mid" if r.score >= 8 else "low"
            rows.append([_cap(AXES[self.lang][axis]), str(r.likelihood), str(r.severity),
                         Score(r.score, level), local(r.rationale, self.lang)])
        register = Table((L["axis"], L["likelihood"], L["severity"], L["score"],
                          L["rationale"]), _rows(rows), caption=L["rps_caption"],
                         text_cols=(4,))
        return Rps(local(s.name, self.lang), register, self.proxies(s))

    def proxies(self, s: ScenarioResult) -> Proxies | None:
        L = self.L
        model = self.scenario_models.get(s.id)
        items = model.rps_proxies if model is not None else []
        if not items and s.proxies_npv.p90 == 0 and s.proxies_npv.p10 == 0:
            return None
        listed = None
        if items:
            listed = Table(
                (L["proxy"], L["annual"], L["period"]),
                _rows([[local(p.name, self.lang), p.annual.text,
                        f"{p.start.isoformat()} – {p.end.isoformat() if p.end else '…'}"]
                       for p in items]))
        npv = s.proxies_npv
        return Proxies(
            listed,
            Table((L["figure"], "P10", "P50", "P90"), _rows([[
                L["proxy_npv"], self.money(npv.p10), self.money(npv.p50),
                self.money(npv.p90)]])),
            Table((L["year"], *(str(y.year) for y in s.by_year)), _rows([[
                L["proxy_year"], *(self.money(y.proxies.p50) for y in s.by_year)]])))

    # ---- 4. assets -------------------------------------------------------------------

    def assets(self) -> Assets | None:
        from soicost.finance.assets import book_values_at_medians
        from soicost.finance.scenarios import horizon

        L = self.L
        report = self.result.assets
        if report is None or not report.assets:
            return None
        # One convention for every asset (the usual case) goes to the caption.
        conventions = sorted({a.convention.upper() for a in report.assets})
        per_asset = len(conventions) > 1
        rows: list[list[Cell]] = []
        classes = []
        for a in report.assets:
            n = a.net_book_value
            life = (self.num(a.life_years.p50, 1) if a.life_years.p10 == a.life_years.p90
                    else f"{self.num(a.life_years.p10)}–{self.num(a.life_years.p90)}")
            rows.append([Badged(local(a.name, self.lang), "illustrative") if a.illustrative
                         else local(a.name, self.lang),
                         word(ASSET_CATEGORIES, a.category, self.lang),
                         a.in_service.isoformat(),
                         *([a.convention.upper()] if per_asset else []),
                         self.money(a.cost.p50), life, self.money(a.annual_charge.p50),
                         self.money(n.p10), self.money(n.p50), self.money(n.p90),
                         self.num(a.remaining_life.p50)])
            classes.append("illustrative" if a.illustrative else "")
        t = report.total
        rows.append([L["total"], "", "", *([""] if per_asset else []), "", "", "",
                     self.money(t.p10), self.money(t.p50), self.money(t.p90), ""])
        classes.append("total")
        caption = L["assets_caption"].format(date=report.as_of.isoformat())
        if not per_asset:
            caption += " " + tr(self.lang, "Convention: {name}.", name=conventions[0])
        table = Table(
            (L["asset"], L["category"], L["in_service"],
             *([L["convention"]] if per_asset else []), L["cost"], L["life"], L["charge"],
             f"{L['nbv']} P10", f"{L['nbv']} P50", f"{L['nbv']} P90", L["left"]),
            _rows(rows, classes), caption=caption, numeric_from=2)
        by_category = Table((L["category"], "P10", "P50", "P90"), _rows([
            [word(ASSET_CATEGORIES, cat, self.lang), self.money(s.p10), self.money(s.p50),
             self.money(s.p90)]
            for cat, s in report.by_category.items()]))
        c = self.result.comparison
        years = c.years if c is not None else horizon(self.inputs).years
        lines = book_values_at_medians(self.inputs, years)
        chart = None
        if lines.assets:
            chart = Markup(charts.line_chart(
                [str(d.year) for d in lines.dates],
                [(local(name, self.lang), values) for name, values in lines.assets],
                chart_id="chart-nbv", title=L["nbv_chart"], x_label=L["nbv_x"],
                y_label=L["nbv_y"], fmt=self.money, desc=L["nbv_chart_desc"], lang=self.lang))
        return Assets(table, by_category, chart)

    # ---- 5. calibration on past projects ---------------------------------------------

    def calibration(self, b: Backtest | None) -> Calibration | None:
        if b is None:
            return None
        from soicost.render.backtest import footer_lines, header_lines, render_chart, table_rows

        heads, rows = table_rows(b, self.lang)
        return Calibration(tuple(header_lines(b, self.lang)), tuple(heads),
                           tuple(tuple(r) for r in rows), Markup(render_chart(b, self.lang)),
                           tuple(footer_lines(b, self.lang)))

    # ---- 6. assumptions log ----------------------------------------------------------

    def log(self) -> Log:
        L = self.L
        groups = assumptions_log(self.inputs)
        # The "by" and "date" columns only when some entry gives them.
        who = any(e.provenance is not None and (e.provenance.by or e.provenance.date)
                  for g in groups for e in g.entries)
        counts = count_by_status(groups)
        views = []
        for group in groups:
            rows = []
            previous: Provenance | None = None
            for e in group.entries:
                p = e.provenance
                rows.append(LogRow(
                    label=self.words(e.label),
                    value=text_in(e.value, self.lang) if e.rate or e.quantity
                    else local(e.value, self.lang),
                    status=e.status, source=local(p.source, self.lang) if p is not None else "",
                    same_as_above=previous is not None and p == previous,
                    by=p.by or "" if p is not None else "",
                    date=p.date.isoformat() if p is not None and p.date else ""))
                previous = p
            views.append(LogGroupView(self.words(group.title), tuple(rows)))
        return Log(
            counts=L["log_counts"].format(n=sum(counts.values()), **counts),
            heads=(L["parameter"], L["value"], L["status"], L["source"],
                   *((L["by"], L["date"]) if who else ())),
            who=who, groups=tuple(views))

    # ---- 7. notes --------------------------------------------------------------------

    def notes(self) -> tuple[str, ...]:
        L = self.L
        r = self.result
        items = [L["note_ranges"].format(n=format_count(r.options.samples, self.lang)),
                 L["note_cash"],
                 L["note_perspective"], *r.notes]
        if r.comparison is not None:
            items += [note.text(self.lang) for note in r.comparison.notes]
        return tuple(items)
