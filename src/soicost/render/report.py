"""``soicost report``: one self-contained HTML impact-study report, in French or English.

The document needs nothing but a browser: styles are inline, charts are inline SVG drawn by
:mod:`soicost.render.charts`, there are no scripts, fonts, images or links to load, and a
Content-Security-Policy forbids fetching anything should a reader's browser try. Every
figure is formatted with :func:`~soicost.render.money.format_money` from the very
:class:`~soicost.model.stats.Stats` that ``estimate --format json`` writes, so the report and the
JSON always agree. Text that comes from the inputs is escaped. The same inputs and options
give a byte-identical file (no timestamp, no path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from soicost.analysis.assumptions_log import Label
from soicost.analysis.estimate import Estimate
from soicost.analysis.sensitivity import Sensitivity
from soicost.finance.scenarios import CASH_CATEGORIES, ScenarioResult
from soicost.inputs.inputs import Inputs
from soicost.inputs.models import RPS_AXES
from soicost.inputs.provenance import Provenance
from soicost.model.stats import Stats
from soicost.render import charts
from soicost.render.estimate import ILLUSTRATIVE_WARNING_SHARE, sorted_applications
from soicost.render.money import NNBSP, Lang, format_money, format_share
from soicost.render.scenarios import AXES

if TYPE_CHECKING:
    from soicost.analysis.backtest import Backtest

FloatArray = NDArray[np.float64]

_L: dict[str, dict[str, str]] = {
    "en": {
        "title": "Impact study: migration and organisation costs",
        "subtitle": "Applications, posts and assets of the IT department under each scenario",
        "repro": "Reproducibility", "version": "soicost", "fingerprint": "fingerprint",
        "seed": "seed", "samples": "samples", "method": "method", "euros_opt": "euros",
        "currency": "Currency", "amounts": "Amounts",
        "constant": "constant euros of {year} (discounted at the real rate)",
        "current": "current euros of each year (discounted at the nominal rate)",
        "reference": "Reference application",
        "optimism_bias": "Optimism bias", "valuation_date": "Valuation date",
        "horizon": "Horizon", "discount_rate": "Discount rate",
        "figures": "Input figures by provenance",
        "warning": "Warning: {share} of the expected migration total rests on illustrative "
                   "inputs (placeholders, not data). Replace them before citing any figure of "
                   "this report.",
        "input_warnings": "Warning: {count} input value(s) look implausible and were used as "
                          "written; check them before citing a figure of this report:",
        "contents": "Contents",
        "technical": "1. Technical part", "portfolio": "1.1 Portfolio migration cost",
        "scenarios": "1.2 Scenarios", "applications": "1.3 Migration cost by application",
        "sensitivity": "1.4 What drives the ranges (sensitivity)",
        "means": "2. Means: staff, attractiveness and budget",
        "headcount": "2.1 Headcount by team and year",
        "attractiveness": "2.2 Attractiveness: departures, vacancies, recruitment",
        "budget": "2.3 Budget year by year",
        "rps_part": "3. Psycho-social risks (RPS)",
        "assets": "4. Assets: net book value", "log": "5. Assumptions log",
        "notes": "6. Notes and method",
        "total": "Total", "mean": "Mean", "mc_error": "Monte Carlo standard error (max)",
        "figure": "Figure", "value": "Value",
        "hist_title": "Distribution of the portfolio migration cost",
        "range_title": "Portfolio migration cost: P10, P50, P90",
        "hist_x": "Migration cost of the whole portfolio",
        "hist_y": "Share of simulations",
        "overflow": "last bar: {value} and above",
        "scenario": "Scenario", "migrated": "Applications migrated",
        "npv": "NPV of cash costs", "delta": "Difference to status quo (NPV)",
        "npv_caption": "Net present value of cash costs over {first}–{last}, discounted at "
                       "{rate} to {base}. The difference to the status quo is computed "
                       "simulation by simulation: its range is the range of the difference.",
        "cash_undiscounted": "Cash costs, undiscounted",
        "non_cash_title": "Write-offs: NON-CASH, kept apart",
        "non_cash_caption": "Net book values written off when a scenario abandons an asset "
                            "before the end of its plan. Book figures, not spending: never "
                            "added to cash costs or to the NPV.",
        "write_offs": "Write-offs (non-cash)", "stranded": "Assets abandoned",
        "asset": "Asset", "date": "Date", "written_off": "Written off (non-cash)",
        "remaining_years": "Years of plan left", "lost_charges": "Charges not yet taken",
        "none": "none", "status_quo_tag": "reference for differences",
        "application": "Application", "kind": "Kind", "strategy": "Strategy",
        "criticality": "Criticality", "basis": "Basis",
        "app_caption": "Sorted by expected cost, largest first. Marked rows rest on "
                       "illustrative inputs.",
        "reference_basis": "reference quote", "quoted": "own quote",
        "extrapolated": "extrapolated", "flat": "flat", "excluded": "strategy factor 0",
        "team": "Team", "headcount_caption": "Expected budgeted FTE ({fates}) on average "
                                              "over each year.",
        "stays": "staying", "transferred": "transferred", "removed": "removed",
        "departures": "Departures (P50, P10–P90)", "vacancies": "Vacant FTE (P50, P10–P90)",
        "to_fill": "Months to fill a post",
        "attr_caption": "Departures and vacant posts per year, from the turnover and "
                        "vacancy rates of the staff section and the scenario's attrition "
                        "overrides.",
        "category": "Category", "cash_total": "Cash total", "delta_row": "Δ vs status quo",
        "budget_caption": "Cash costs by category at their P50, then the cash total's P50, "
                          "P10 and P90 (a total's P50 is not the sum of the categories' "
                          "P50s).",
        "budget_chart": "{name}: cash costs by year, P50 of each category",
        "budget_chart_desc": "Stacked bars: the P50 of each cash category per year. The sum "
                             "of the medians is not the median of the total; see the table "
                             "for the total's P10–P90.",
        "year": "Year", "amount_p50": "Amount (P50 per category)",
        "non_cash_rows": "Non-cash, apart: write-offs P50",
        "rps_caption": "Likelihood (L) and severity (S) from 1 to 5; the score is L×S. The "
                       "six axes are those of the Gollac report (2011). These ratings are "
                       "judgements, to be replaced by a survey of the staff.",
        "register": "Risk register", "axis": "Axis", "likelihood": "Likelihood (L)",
        "severity": "Severity (S)", "score": "Score (L×S)", "rationale": "Rationale",
        "not_rated": "not rated",
        "proxies": "RPS cost proxies (indicative, counted apart)",
        "proxies_caption": "Proxies are rough money equivalents of some psycho-social risks "
                           "(for example extra sick leave). They are indicative, shown apart "
                           "and never added to cash costs or to the NPV.",
        "proxy_npv": "NPV of the proxies", "proxy_year": "Proxies, P50",
        "no_proxies": "No RPS cost proxy in this scenario.", "proxy": "Proxy",
        "annual": "Annual amount", "period": "Period",
        "assets_caption": "Net book value at {date} (non-cash, book values), with the "
                          "uncertainty of costs and lives carried into P10–P90.",
        "in_service": "In service", "convention": "Convention", "cost": "Cost (P50)",
        "life": "Life (yrs)", "charge": "Charge/yr (P50)",
        "nbv": "NBV", "left": "Yrs left (P50)",
        "by_category": "Net book value by category",
        "nbv_chart": "Net book value of each asset on 1 January",
        "nbv_chart_desc": "Lines: each asset's net book value on 1 January of each year, "
                          "from its amortisation plan at the medians of its cost, residual "
                          "and life (not the P50 of the net book value).",
        "nbv_y": "Net book value (at the medians)", "nbv_x": "1 January of the year",
        "log_caption": "Every assumption of the model with its value, provenance and source, "
                       "after the UK Aqua Book's assumptions log (HM Treasury, 2015). "
                       "Illustrative entries are placeholders to replace before citing "
                       "the results.",
        "parameter": "Parameter", "status": "Status", "source": "Source or rationale",
        "by": "By", "log_counts": "{n} entries: {sourced} sourced, {assumed} assumed, "
                                  "{illustrative} illustrative.",
        "sourced": "sourced", "assumed": "assumed", "illustrative": "illustrative",
        "no_source": "no provenance recorded (counted as assumed)",
        "same_source": "same as above",
        "g_quotes": "Quotes", "g_bias": "Optimism bias", "g_drivers": "Driver elasticities",
        "g_factors": "Cost factors", "g_uncertainty": "Uncertainty around the size law",
        "g_finance": "Discounting and accounting", "g_staff": "Staff parameters",
        "g_teams": "Teams (budgeted FTE)", "g_running": "Running costs (status quo, per year)",
        "g_scenario": "Scenario: {name}",
        "quote_of": "Quote: {name}", "reference_quote": "Reference quote: {name}",
        "elasticity": "Elasticity: {name}", "factor": "Factor {group}: {name}",
        "uncertainty": "Multiplier of each extrapolated application",
        "calibration": "How the ranges fared on past projects",
        "uncertainty_reference": "Reference's deviation from the size law, shared by every "
                                 "extrapolation",
        "discount": "Discount rate (real)", "amortisation": "Amortisation convention",
        "g_prices": "Prices and indexation", "price_base_year": "Price base year",
        "index": "Price index '{name}': annual rate",
        "index_of": "Index followed by {category}",
        "cost_per_fte": "Loaded cost of one FTE per year", "turnover": "Turnover",
        "vacancy_rate": "Vacancy rate", "months_to_fill": "Months to fill a post",
        "recruitment_cost": "Cost of one recruitment",
        "vacancy_cover": "Cover of a vacant post (× loaded cost)",
        "transfer_uplift": "Change of the cost of transferred posts",
        "double_running_months": "Transition: months of double running per wave",
        "knowledge_transfer": "Transition: knowledge transfer",
        "training": "Transition: training",
        "productivity_loss": "Transition: productivity loss of moving teams",
        "attrition": "Attrition {first}–{last}: {what}",
        "running_add": "Added running cost: {name}", "rps_proxy": "RPS proxy: {name}",
        "note_cash": "Cash and non-cash figures are kept apart: write-offs are book values, "
                     "never added to cash costs. RPS proxies are indicative and counted "
                     "apart.",
        "note_perspective": "Costs are counted for the public purse: a transferred post "
                            "keeps costing its salary at the receiving directorate; a removed "
                            "post stops costing.",
        "note_ranges": "P10, P50 and P90 are the 10th, 50th and 90th percentiles of {n} "
                       "Monte Carlo simulations: a 80 % chance that the figure lies between "
                       "P10 and P90, given the inputs.",
        "footer": "Produced by soicost {version}. This file is self-contained: it opens "
                  "offline and loads nothing from the network.",
        "illustrative_badge": "ILLUSTRATIVE",
    },
    "fr": {
        "title": "Étude d'impact : coûts de migration et d'organisation",
        "subtitle": "Applications, postes et immobilisations du service informatique selon "
                    "chaque scénario",
        "repro": "Reproductibilité", "version": "soicost", "fingerprint": "empreinte",
        "seed": "graine", "samples": "tirages", "method": "méthode", "euros_opt": "euros",
        "currency": "Devise", "amounts": "Montants",
        "constant": "euros constants de {year} (actualisés au taux réel)",
        "current": "euros courants de chaque année (actualisés au taux nominal)",
        "reference": "Application de référence",
        "optimism_bias": "Biais d'optimisme", "valuation_date": "Date d'évaluation",
        "horizon": "Horizon", "discount_rate": "Taux d'actualisation",
        "figures": "Données d'entrée par provenance",
        "warning": "Attention : {share} de l'espérance du coût total de migration repose "
                   "sur des données illustratives (des valeurs provisoires, pas des données "
                   "réelles). Remplacez-les avant de citer un chiffre de ce rapport.",
        "input_warnings": "Attention : {count} valeur(s) d'entrée paraissent invraisemblables "
                          "et ont été prises telles quelles ; vérifiez-les avant de citer un "
                          "chiffre de ce rapport :",
        "contents": "Sommaire",
        "technical": "1. Volet technique", "portfolio": "1.1 Coût de migration du portefeuille",
        "scenarios": "1.2 Scénarios", "applications": "1.3 Coût de migration par application",
        "sensitivity": "1.4 Ce qui fait varier les fourchettes (sensibilité)",
        "means": "2. Moyens : effectifs, attractivité et budget",
        "headcount": "2.1 Effectifs par équipe et par année",
        "attractiveness": "2.2 Attractivité : départs, vacances, recrutement",
        "budget": "2.3 Budget année par année",
        "rps_part": "3. Risques psychosociaux (RPS)",
        "assets": "4. Immobilisations : valeur nette comptable",
        "log": "5. Registre des hypothèses", "notes": "6. Notes et méthode",
        "total": "Total", "mean": "Moyenne", "mc_error": "Erreur type Monte-Carlo (max.)",
        "figure": "Indicateur", "value": "Valeur",
        "hist_title": "Distribution du coût de migration du portefeuille",
        "range_title": "Coût de migration du portefeuille : P10, P50, P90",
        "hist_x": "Coût de migration de l'ensemble du portefeuille",
        "hist_y": "Part des simulations",
        "overflow": "dernière barre : {value} et plus",
        "scenario": "Scénario", "migrated": "Applications migrées",
        "npv": "VAN des coûts monétaires", "delta": "Écart au statu quo (VAN)",
        "npv_caption": "Valeur actuelle nette des coûts monétaires sur {first}–{last}, "
                       "actualisés à {rate}, base {base}. L'écart au statu quo est calculé "
                       "simulation par simulation : sa fourchette est celle de l'écart.",
        "cash_undiscounted": "Coûts monétaires, non actualisés",
        "non_cash_title": "Sorties d'actif : NON MONÉTAIRES, présentées à part",
        "non_cash_caption": "Valeurs nettes comptables sorties quand un scénario abandonne un "
                            "bien avant la fin de son plan d'amortissement. Ce sont des "
                            "écritures comptables, pas des dépenses : jamais ajoutées aux "
                            "coûts monétaires ni à la VAN.",
        "write_offs": "Sorties d'actif (non monét.)", "stranded": "Biens abandonnés",
        "asset": "Immobilisation", "date": "Date", "written_off": "Sortie (non monétaire)",
        "remaining_years": "Années de plan restantes", "lost_charges": "Dotations non passées",
        "none": "aucun", "status_quo_tag": "référence des écarts",
        "application": "Application", "kind": "Type", "strategy": "Stratégie",
        "criticality": "Criticité", "basis": "Base",
        "app_caption": "Par coût espéré décroissant. Les lignes signalées reposent sur des "
                       "données illustratives.",
        "reference_basis": "devis de référence", "quoted": "devis propre",
        "extrapolated": "extrapolé", "flat": "uniforme", "excluded": "facteur de stratégie 0",
        "team": "Équipe", "headcount_caption": "ETP budgétaires attendus ({fates}), en "
                                                "moyenne sur chaque année.",
        "stays": "restant", "transferred": "transférés", "removed": "supprimés",
        "departures": "Départs (P50, P10–P90)", "vacancies": "ETP vacants (P50, P10–P90)",
        "to_fill": "Mois pour pourvoir un poste",
        "attr_caption": "Départs et postes vacants par année, d'après les taux de rotation "
                        "et de vacance de la section effectifs et les hypothèses d'attrition "
                        "du scénario.",
        "category": "Catégorie", "cash_total": "Total monétaire",
        "delta_row": "Écart au statu quo",
        "budget_caption": "Coûts monétaires par catégorie à leur P50, puis le P50, le P10 "
                          "et le P90 du total (le P50 du total n'est pas la somme des P50 "
                          "des catégories).",
        "budget_chart": "{name} : coûts monétaires par année, P50 de chaque catégorie",
        "budget_chart_desc": "Barres empilées : le P50 de chaque catégorie monétaire par "
                             "année. La somme des médianes n'est pas la médiane du total ; "
                             "voir le tableau pour le P10–P90 du total.",
        "year": "Année", "amount_p50": "Montant (P50 par catégorie)",
        "non_cash_rows": "Non monétaire, à part : sorties d'actif P50",
        "rps_caption": "Probabilité (P) et gravité (G) de 1 à 5 ; le score est P×G. Les six "
                       "axes sont ceux du rapport Gollac (2011). Ces cotations sont des "
                       "jugements, à remplacer par une enquête auprès des agents.",
        "register": "Registre des risques", "axis": "Axe", "likelihood": "Probabilité (P)",
        "severity": "Gravité (G)", "score": "Score (P×G)", "rationale": "Justification",
        "not_rated": "non coté",
        "proxies": "Indicateurs de coût des RPS (indicatifs, comptés à part)",
        "proxies_caption": "Les indicateurs sont des équivalents monétaires approximatifs de "
                           "certains risques psychosociaux (par exemple un surcroît d'arrêts "
                           "maladie). Ils sont indicatifs, présentés à part et jamais ajoutés "
                           "aux coûts monétaires ni à la VAN.",
        "proxy_npv": "VAN des indicateurs", "proxy_year": "Indicateurs, P50",
        "no_proxies": "Aucun indicateur de coût RPS dans ce scénario.",
        "proxy": "Indicateur", "annual": "Montant annuel", "period": "Période",
        "assets_caption": "Valeur nette comptable au {date} (non monétaire, valeurs "
                          "comptables), l'incertitude des coûts et des durées étant reportée "
                          "dans le P10–P90.",
        "in_service": "Mise en service", "convention": "Instruction", "cost": "Coût (P50)",
        "life": "Durée (ans)", "charge": "Dotation/an (P50)",
        "nbv": "VNC", "left": "Ans rest. (P50)",
        "by_category": "Valeur nette comptable par catégorie",
        "nbv_chart": "Valeur nette comptable de chaque bien au 1er janvier",
        "nbv_chart_desc": "Courbes : la valeur nette comptable de chaque bien au 1er janvier "
                          "de chaque année, selon son plan d'amortissement aux médianes de "
                          "son coût, de sa valeur résiduelle et de sa durée (et non le P50 "
                          "de la VNC).",
        "nbv_y": "VNC (aux médianes)", "nbv_x": "1er janvier de l'année",
        "log_caption": "Toutes les hypothèses du modèle avec leur valeur, leur provenance et "
                       "leur source, à la manière du registre des hypothèses de l'Aqua Book "
                       "britannique (HM Treasury, 2015). Les entrées illustratives sont "
                       "provisoires et à remplacer avant de citer les résultats.",
        "parameter": "Paramètre", "status": "Statut", "source": "Source ou justification",
        "by": "Par", "log_counts": "{n} entrées : {sourced} sourcées, {assumed} hypothèses, "
                                   "{illustrative} illustratives.",
        "sourced": "sourcé", "assumed": "hypothèse", "illustrative": "illustratif",
        "no_source": "provenance non renseignée (comptée comme hypothèse)",
        "same_source": "idem ci-dessus",
        "g_quotes": "Devis", "g_bias": "Biais d'optimisme",
        "g_drivers": "Élasticités des inducteurs", "g_factors": "Facteurs de coût",
        "g_uncertainty": "Incertitude autour de la loi de taille",
        "g_finance": "Actualisation et comptabilité", "g_staff": "Paramètres des effectifs",
        "g_teams": "Équipes (ETP budgétaires)",
        "g_running": "Coûts de fonctionnement (statu quo, par an)",
        "g_scenario": "Scénario : {name}",
        "quote_of": "Devis : {name}", "reference_quote": "Devis de référence : {name}",
        "elasticity": "Élasticité : {name}", "factor": "Facteur {group} : {name}",
        "uncertainty": "Multiplicateur de chaque application extrapolée",
        "calibration": "Les fourchettes à l'épreuve des projets passés",
        "uncertainty_reference": "Écart propre de l'application de référence à la loi de "
                                 "taille, commun à toutes les extrapolations",
        "discount": "Taux d'actualisation (réel)",
        "g_prices": "Prix et indexation", "price_base_year": "Année de base des prix",
        "index": "Indice de prix « {name} » : taux annuel",
        "index_of": "Indice suivi par {category}",
        "amortisation": "Instruction budgétaire et comptable",
        "cost_per_fte": "Coût complet d'un ETP par an", "turnover": "Taux de rotation",
        "vacancy_rate": "Taux de vacance", "months_to_fill": "Mois pour pourvoir un poste",
        "recruitment_cost": "Coût d'un recrutement",
        "vacancy_cover": "Remplacement d'un poste vacant (× coût complet)",
        "transfer_uplift": "Évolution du coût des postes transférés",
        "double_running_months": "Transition : mois de double fonctionnement par vague",
        "knowledge_transfer": "Transition : transfert de connaissances",
        "training": "Transition : formation",
        "productivity_loss": "Transition : perte de productivité des équipes qui partent",
        "attrition": "Attrition {first}–{last} : {what}",
        "running_add": "Coût de fonctionnement ajouté : {name}",
        "rps_proxy": "Indicateur RPS : {name}",
        "note_cash": "Les montants monétaires et non monétaires restent séparés : les sorties "
                     "d'actif sont des valeurs comptables, jamais ajoutées aux coûts "
                     "monétaires. Les indicateurs RPS sont indicatifs et comptés à part.",
        "note_perspective": "Les coûts sont comptés pour la dépense publique : un poste "
                            "transféré continue de coûter son salaire à la direction qui le "
                            "reçoit ; un poste supprimé cesse de coûter.",
        "note_ranges": "P10, P50 et P90 sont les 10e, 50e et 90e centiles de {n} simulations "
                       "Monte-Carlo : 80 % de chances que le chiffre soit entre P10 et P90, "
                       "compte tenu des données d'entrée.",
        "footer": "Produit par soicost {version}. Ce fichier est autonome : il s'ouvre hors "
                  "ligne et ne charge rien depuis le réseau.",
        "illustrative_badge": "ILLUSTRATIF",
    },
}

_CATEGORIES: dict[str, dict[str, str]] = {
    "en": {"migration": "migration", "staff": "staff", "vacancy": "vacancy cover",
           "recruitment": "recruitment", "running": "running", "transition": "transition",
           "renewal": "renewal"},
    "fr": {"migration": "migration", "staff": "personnel", "vacancy": "vacances (intérim)",
           "recruitment": "recrutement", "running": "fonctionnement", "transition": "transition",
           "renewal": "renouvellement"},
}

_CSS = """
:root { --ink: #222; --muted: #555; --line: #d0d0d0; --soft: #f4f6f8; --accent: #0b4f8a;
  --warn-bg: #fff4d6; --warn-ink: #6b4a00; --ill-bg: #fff8e6; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.8em; margin: 0.2em 0 0.1em; color: var(--accent); }
h2 { font-size: 1.4em; margin: 2em 0 0.6em; padding-bottom: 0.2em;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.15em; margin: 1.6em 0 0.5em; }
h4 { font-size: 1.02em; margin: 1.3em 0 0.4em; }
p.subtitle { margin: 0 0 1em; color: var(--muted); font-size: 1.05em; }
.repro { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 0.88em; background: var(--soft); border: 1px solid var(--line);
  padding: 6px 10px; border-radius: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px;
  margin: 1em 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.warning { background: var(--warn-bg); color: var(--warn-ink); border-left: 6px solid #e0a800;
  padding: 10px 14px; margin: 1em 0; font-weight: 600; }
nav.toc ol { margin: 0.3em 0; padding-left: 1.4em; }
nav.toc a { color: var(--accent); }
.scroll { overflow-x: auto; margin: 0.6em 0 1em; }
table { border-collapse: collapse; font-size: 0.9em; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.95em;
  padding: 0 0 6px; max-width: 1060px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
thead th { border-bottom: 2px solid #888; text-align: left; background: var(--soft); }
thead th.num { white-space: normal; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.illustrative th { background: var(--ill-bg); }
tr.total td, tr.total th { font-weight: 700; border-top: 2px solid #888; }
tbody th { text-align: left; font-weight: 600; }
tr.group th { background: #e9eef4; text-align: left; padding-top: 8px; }
tr.illustrative td { background: var(--ill-bg); }
.badge { display: inline-block; font-size: 0.75em; font-weight: 700; padding: 0 5px;
  border-radius: 3px; letter-spacing: 0.02em; white-space: nowrap; }
.badge.illustrative { background: #f5c542; color: #3d2b00; }
.badge.assumed { background: #dbe7f3; color: #123a5e; }
.badge.sourced { background: #d5efd9; color: #0f4d1c; }
.noncash { border: 2px dashed #8a8a8a; padding: 4px 14px 10px; margin: 1em 0;
  background: #fafafa; }
.noncash h4 { margin-top: 0.6em; }
.proxy { border-left: 4px solid #cc79a7; padding-left: 12px; }
.score { display: inline-block; min-width: 2.2em; text-align: center; border-radius: 3px;
  font-weight: 700; }
.score.low { background: #d5efd9; } .score.mid { background: #ffe3a3; }
.score.high { background: #f7b4a8; }
figure { margin: 1em 0 1.5em; }
svg.chart { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.9em; }
article.scenario { border-top: 1px solid var(--line); margin-top: 1.2em; }
.muted { color: var(--muted); }
footer { margin-top: 3em; color: var(--muted); font-size: 0.85em;
  border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h2.first { break-before: avoid; }
  table, figure, .noncash { break-inside: avoid; }
  .scroll { overflow: visible; }
}
"""


NUM = ' class="num"'


class Html(str):
    """Text that is already HTML (built here, with every input escaped)."""

    __slots__ = ()


def _h(value: str) -> str:
    """``value`` as HTML: escaped unless it is already :class:`Html`."""
    return value if isinstance(value, Html) else escape(value, quote=True)


def _e(value: object) -> Html:
    return Html(escape(str(value), quote=True))


def render_report(inputs: Inputs, result: Estimate, lang: Lang = "en",
                  portfolio_samples: FloatArray | None = None,
                  sensitivities: Sequence[Sensitivity] = (),
                  backtest: Backtest | None = None) -> str:
    """The report as one self-contained HTML document (see the module docstring).

    ``portfolio_samples`` (the draws summarised in ``result.migration``, kept in
    ``result.migration_samples``) gives a histogram; without them the chart is a P10–P90
    bar. Each of ``sensitivities`` adds its ranked table and tornado chart. ``backtest``
    adds a section on how the assumptions fared on the organisation's past projects.
    """
    return _Report(inputs, result, lang, portfolio_samples, sensitivities,
                   backtest).document()


def write_report(path: Path, html: str) -> None:
    """Write the report atomically (readers see the old file or the new, never half)."""
    from soicost.atomic import write_atomic

    write_atomic(Path(path), html)


# --------------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Report:
    def __init__(self, inputs: Inputs, result: Estimate, lang: Lang,
                 samples: FloatArray | None, sensitivities: Sequence[Sensitivity] = (),
                 backtest: Backtest | None = None) -> None:
        self.sensitivities = tuple(sensitivities)
        self.backtest = backtest
        self.inputs = inputs
        self.result = result
        self.lang: Lang = lang
        self.L = _L[lang]
        self.cur = result.currency
        self.samples = samples
        self.scenario_models = {s.id: s for s in inputs.assumptions.scenarios}
        self.team_names = {t.id: t.name for t in inputs.assumptions.staff.teams}
        self.asset_names = {a.id: a.name for a in inputs.infrastructure.assets}

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

    def integer(self, value: int) -> str:
        return f"{value:,}".replace(",", NNBSP if self.lang == "fr" else ",")

    def rate_text(self, text: str) -> str:
        return text.replace(".", ",").replace("%", f"{NNBSP}%") if self.lang == "fr" else text

    def words(self, label: Label | str) -> str:
        """A label of the library in this language (a str is a name, shown as written)."""
        if isinstance(label, str):
            return label
        if not label.args:
            return self.L[label.key]
        return self.L[label.key].format(**{k: self.words(v) if isinstance(v, Label) else v
                                           for k, v in label.args.items()})

    def badge(self, status: str) -> Html:
        label = (self.L["illustrative_badge"] if status == "illustrative"
                 else self.L.get(status, status))
        return Html(f'<span class="badge {_e(status)}">{_e(label)}</span>')

    # ---- building blocks -------------------------------------------------------------

    @staticmethod
    def table(heads: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str = "",
              numeric_from: int = 1, row_classes: Sequence[str] | None = None,
              row_heads: bool = True, text_cols: Sequence[int] = ()) -> str:
        out = ['<div class="scroll"><table>']
        if caption:
            out.append(f"<caption>{_h(caption)}</caption>")
        out.append("<thead><tr>" + "".join(
            f'<th scope="col"{NUM if numeric_from <= i and i not in text_cols else ""}>'
            f"{_h(h)}</th>"
            for i, h in enumerate(heads)) + "</tr></thead><tbody>")
        for k, row in enumerate(rows):
            cls = row_classes[k] if row_classes and k < len(row_classes) else ""
            cells = []
            for i, cell in enumerate(row):
                if i == 0 and row_heads:
                    cells.append(f'<th scope="row">{_h(cell)}</th>')
                else:
                    num = NUM if numeric_from <= i and i not in text_cols else ""
                    cells.append(f"<td{num}>{_h(cell)}</td>")
            attr = f' class="{cls}"' if cls else ""
            out.append(f"<tr{attr}>" + "".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        return "\n".join(out)

    # ---- document --------------------------------------------------------------------

    def document(self) -> str:
        L = self.L
        body = [self.header(), self.technical(), self.means(), self.rps(), self.assets(),
                self.calibration(), self.log(), self.notes(),
                f"<footer>{_e(L['footer'].format(version=self.result.soicost_version))}"
                "</footer>"]
        return "\n".join([
            "<!DOCTYPE html>",
            f'<html lang="{self.lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="soicost {_e(self.result.soicost_version)}">',
            f"<title>{_e(L['title'])}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ])

    def header(self) -> str:
        L = self.L
        r = self.result
        o = r.options
        digest = r.fingerprint.removeprefix("sha256:")[:8]
        repro = (f"{_e(L['version'])} {_e(r.soicost_version)} · {_e(L['fingerprint'])} "
                 f'<code title="{_e(r.fingerprint)}">{_e(digest)}</code> · {_e(L["seed"])} '
                 f"{o.seed} · {_e(self.integer(o.samples))} {_e(L['samples'])} · "
                 f"{_e(L['method'])} {_e(o.method)} · {_e(L['euros_opt'])} {_e(o.euros)}")
        out = [f"<header><h1>{_e(L['title'])}</h1>",
               f'<p class="subtitle">{_e(L["subtitle"])}</p>',
               f'<p class="repro" id="reproducibility"><strong>{_e(L["repro"])}:</strong> '
               f"{repro}</p>"]
        if r.illustrative_share >= ILLUSTRATIVE_WARNING_SHARE:
            share = format_share(r.illustrative_share, self.lang)
            out.append(f'<p class="warning" role="note">{_e(L["warning"].format(share=share))}'
                       "</p>")
        if r.warnings:
            items = "".join(
                f"<li><code>{_e(PurePath(w.location.file).name)}:{w.location.line}:"
                f"{w.location.column}</code> {_e(w.path)}: "
                f"{_e(w.message)}</li>" for w in r.warnings)
            out.append(f'<div class="warning" role="note"><p>'
                       f'{_e(L["input_warnings"].format(count=len(r.warnings)))}</p>'
                       f"<ul>{items}</ul></div>")
        ref = next((a for a in self.inputs.applications.applications if a.id == r.reference),
                   None)
        facts: list[tuple[str, str]] = [
            (L["currency"], r.currency),
            (L["amounts"], L[o.euros].format(year=r.price_base_year)),
            (L["reference"], f"{ref.name} ({r.reference})" if ref else r.reference),
            (L["optimism_bias"], r.optimism_bias),
        ]
        if r.assets is not None:
            facts.append((L["valuation_date"], r.assets.as_of.isoformat()))
        if r.comparison is not None:
            c = r.comparison
            facts.append((L["horizon"], f"{c.years[0]}–{c.years[-1]}"))
            facts.append((L["discount_rate"], self.rate_text(c.discount_rate)))
        facts.append((L["figures"], self.figure_counts()))
        out.append('<dl class="facts">' + "".join(
            f"<dt>{_e(k)}</dt><dd>{_h(v)}</dd>" for k, v in facts) + "</dl>")
        toc = [("technical", L["technical"]), ("means", L["means"]),
               ("rps", L["rps_part"]), ("assets", L["assets"]), ("log", L["log"]),
               ("notes", L["notes"])]
        out.append(f'<nav class="toc" aria-label="{_e(L["contents"])}"><strong>'
                   f'{_e(L["contents"])}</strong><ol>' + "".join(
                       f'<li><a href="#{k}">{_e(v.split(" ", 1)[1])}</a></li>'
                       for k, v in toc) + "</ol></nav></header>")
        return "\n".join(out)

    def figure_counts(self) -> Html:
        from soicost.analysis.summary import figures_by_status

        counts = figures_by_status(self.inputs)
        return Html(", ".join(f"{n} {self.badge(s)}" for s, n in counts.items()))

    # ---- 1. technical ----------------------------------------------------------------

    def technical(self) -> str:
        L = self.L
        out = [f'<section id="technical"><h2 class="first">{_e(L["technical"])}</h2>',
               self.portfolio()]
        if self.result.comparison is not None:
            out.append(self.scenarios())
        out.append(self.applications())
        if self.sensitivities:
            out.append(self.sensitivity())
        out.append("</section>")
        return "\n".join(out)

    def sensitivity(self) -> str:
        from soicost.render.sensitivity import chart

        L = self.L
        out = [f'<h3 id="sensitivity">{_e(L["sensitivity"])}</h3>']
        for s in self.sensitivities:
            rows = [[r.name, f"{r.first_order:.3f}", f"{r.total:.3f}",
                     self.money(r.swing_low), self.money(r.swing_high)] for r in s.inputs]
            heads = (["Input group", "First order", "Total", "At P10", "At P90"]
                     if self.lang == "en" else
                     ["Groupe d'entrées", "1er ordre", "Total", "À P10", "À P90"])
            out.append(f"<h4>{_e(s.figure)}</h4>")
            out.append(self.table(heads, rows))
            out.append(f"<figure>{chart(s, self.lang)}</figure>")
        return "\n".join(out)

    def portfolio(self) -> str:
        L = self.L
        m = self.result.migration
        se = max(m.se_p10, m.se_p50, m.se_p90)
        rows = [["P10", self.money(m.p10)], ["P50", self.money(m.p50)],
                ["P90", self.money(m.p90)], [L["mean"], self.money(m.mean)],
                [L["mc_error"], self.money(se)]]
        marks = [("P10", m.p10), ("P50", m.p50), ("P90", m.p90)]
        if self.samples is not None and len(self.samples) > 0:
            svg = charts.histogram(
                np.asarray(self.samples, dtype=np.float64), marks, chart_id="chart-portfolio",
                title=L["hist_title"], x_label=L["hist_x"], y_label=L["hist_y"],
                fmt=self.money, share_fmt=lambda v: format_share(v, self.lang),
                overflow_note=lambda v: L["overflow"].format(value=v))
        else:
            svg = charts.range_bar(marks, chart_id="chart-portfolio", title=L["range_title"],
                                   x_label=L["hist_x"], fmt=self.money)
        return "\n".join([
            f'<h3 id="portfolio">{_e(L["portfolio"])}</h3>',
            self.table([L["figure"], L["value"]], rows),
            f"<figure>{svg}</figure>",
        ])

    def scenarios(self) -> str:
        L = self.L
        c = self.result.comparison
        assert c is not None
        heads = [L["scenario"], L["migrated"], f"{L['npv']} P10", "P50", "P90",
                 f"{L['delta']} P10", "P50", "P90"]
        rows = []
        for s in c.scenarios:
            d = s.delta_vs_status_quo
            rows.append([s.name, str(s.migrated), self.money(s.npv.p10), self.money(s.npv.p50),
                         self.money(s.npv.p90),
                         *((self.money(d.p10), self.money(d.p50), self.money(d.p90)) if d
                           else ("—", "—", "—"))])
        caption = L["npv_caption"].format(first=c.years[0], last=c.years[-1],
                                          rate=self.rate_text(c.discount_rate),
                                          base=c.base_year)
        out = [f'<h3 id="scenarios">{_e(L["scenarios"])}</h3>',
               self.table(heads, rows, caption=caption)]
        # Non-cash: apart, in its own box and table.
        nc_rows = [[s.name, self.money(s.non_cash_total.p10), self.money(s.non_cash_total.p50),
                    self.money(s.non_cash_total.p90),
                    ", ".join(self.asset_names.get(x.asset, x.asset) for x in s.stranded)
                    or L["none"]] for s in c.scenarios]
        out.append(f'<div class="noncash"><h4>{_e(L["non_cash_title"])}</h4>'
                   + self.table([L["scenario"], f"{L['write_offs']} P10", "P50", "P90",
                                 L["stranded"]], nc_rows, caption=L["non_cash_caption"])
                   + "</div>")
        for s in c.scenarios:
            out.append(self.scenario_card(s))
        return "\n".join(out)

    def scenario_card(self, s: ScenarioResult) -> str:
        L = self.L
        tag = (f' <span class="muted">({_e(L["status_quo_tag"])})</span>'
               if self.result.comparison and s.id == self.result.comparison.status_quo else "")
        facts: list[tuple[str, str]] = [
            (L["migrated"], str(s.migrated)),
            (L["npv"], self.span(s.npv)),
            (L["delta"], self.span(s.delta_vs_status_quo) if s.delta_vs_status_quo else "—"),
            (L["cash_undiscounted"], self.span(s.cash_total)),
            (L["write_offs"], self.span(s.non_cash_total)),
        ]
        out = [f'<article class="scenario" id="scenario-{_e(s.id)}">',
               f"<h4>{_e(s.name)}{tag}</h4>"]
        if s.description:
            out.append(f"<p>{_e(s.description)}</p>")
        out.append('<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_h(v)}</dd>"
                                                  for k, v in facts) + "</dl>")
        if s.stranded:
            rows = [[self.asset_names.get(x.asset, x.asset), x.date.isoformat(),
                     self.span(x.written_off), self.num_span(x.remaining_years),
                     self.span(x.lost_charges)] for x in s.stranded]
            out.append('<div class="noncash">' + self.table(
                [L["asset"], L["date"], L["written_off"], L["remaining_years"],
                 L["lost_charges"]], rows, caption=L["non_cash_caption"], numeric_from=1)
                + "</div>")
        out.append("</article>")
        return "\n".join(out)

    def applications(self) -> str:
        L = self.L
        apps = sorted_applications(self.result)
        rows = []
        classes = []
        for a in apps:
            s = a.stats
            name = Html(_e(a.name) + (" " + self.badge("illustrative") if a.illustrative
                                      else ""))
            basis = L["reference_basis"] if a.mode == "reference" else L.get(a.mode, a.mode)
            rows.append([name, a.kind, a.strategy or "—", a.criticality or "—", basis,
                         self.money(s.p10), self.money(s.p50), self.money(s.p90),
                         self.money(s.mean)])
            classes.append("illustrative" if a.illustrative else "")
        m = self.result.migration
        rows.append([L["total"], "", "", "", "", self.money(m.p10), self.money(m.p50),
                     self.money(m.p90), self.money(m.mean)])
        classes.append("total")
        return "\n".join([
            f'<h3 id="applications">{_e(L["applications"])}</h3>',
            self.table([L["application"], L["kind"], L["strategy"], L["criticality"],
                        L["basis"], "P10", "P50", "P90", L["mean"]], rows,
                       caption=L["app_caption"], numeric_from=5, row_classes=classes),
        ])

    # ---- 2. means --------------------------------------------------------------------

    def means(self) -> str:
        L = self.L
        c = self.result.comparison
        out = [f'<section id="means"><h2>{_e(L["means"])}</h2>']
        if c is None:
            out.append("</section>")
            return "\n".join(out)
        out.append(f'<h3 id="headcount">{_e(L["headcount"])}</h3>')
        out += [self.headcount(s) for s in c.scenarios]
        out.append(f'<h3 id="attractiveness">{_e(L["attractiveness"])}</h3>')
        out += [self.attractiveness(s) for s in c.scenarios]
        out.append(f'<h3 id="budget">{_e(L["budget"])}</h3>')
        out += [self.budget(i, s) for i, s in enumerate(c.scenarios)]
        out.append("</section>")
        return "\n".join(out)

    def headcount(self, s: ScenarioResult) -> str:
        L = self.L
        if not s.staff or not s.staff[0].headcount:
            return f"<h4>{_e(s.name)}</h4><p class=\"muted\">—</p>"
        fates = ["stays"] + [f for f in ("transferred", "removed")
                             if any(getattr(h, f) > 1e-9 for st in s.staff
                                    for h in st.headcount.values())]
        teams = list(s.staff[0].headcount)
        rows = []
        for team in teams:
            rows.append([self.team_names.get(team, team),
                         *(" / ".join(self.num(getattr(st.headcount[team], f)) for f in fates)
                           for st in s.staff)])
        rows.append([L["total"], *(" / ".join(
            self.num(sum(getattr(h, f) for h in st.headcount.values())) for f in fates)
            for st in s.staff)])
        caption = L["headcount_caption"].format(fates=" / ".join(L[f] for f in fates))
        return f"<h4>{_e(s.name)}</h4>" + self.table(
            [L["team"], *(str(st.year) for st in s.staff)], rows, caption=caption,
            row_classes=[""] * len(teams) + ["total"])

    def attractiveness(self, s: ScenarioResult) -> str:
        L = self.L
        rows = [[L["departures"], *(self.num_span(st.departures) for st in s.staff)],
                [L["vacancies"], *(self.num_span(st.vacancies) for st in s.staff)],
                [L["to_fill"], *(self.num(st.months_to_fill, 0) for st in s.staff)]]
        return f"<h4>{_e(s.name)}</h4>" + self.table(
            ["", *(str(st.year) for st in s.staff)], rows, caption=L["attr_caption"])

    def budget(self, index: int, s: ScenarioResult) -> str:
        L = self.L
        C = _CATEGORIES[self.lang]
        years = [str(y.year) for y in s.by_year]
        used = [c for c in CASH_CATEGORIES
                if any(y.cash[c].p10 != 0 or y.cash[c].p90 != 0 or y.cash[c].p50 != 0
                       for y in s.by_year)]
        rows = [[C[c], *(self.money(y.cash[c].p50) for y in s.by_year)] for c in used]
        classes = [""] * len(rows)
        rows.append([f"{L['cash_total']} P50", *(self.money(y.cash_total.p50)
                                                  for y in s.by_year)])
        rows.append([f"{L['cash_total']} P10", *(self.money(y.cash_total.p10)
                                                  for y in s.by_year)])
        rows.append([f"{L['cash_total']} P90", *(self.money(y.cash_total.p90)
                                                  for y in s.by_year)])
        classes += ["total", "", ""]
        if any(y.delta_cash_total is not None for y in s.by_year):
            rows.append([f"{L['delta_row']} P50",
                         *(self.money(y.delta_cash_total.p50) if y.delta_cash_total else "—"
                           for y in s.by_year)])
            classes.append("")
        out = [f"<h4>{_e(s.name)}</h4>",
               self.table([L["category"], *years], rows, caption=L["budget_caption"],
                          row_classes=classes)]
        if any(y.non_cash_total.p90 != 0 or y.non_cash_total.p50 != 0 for y in s.by_year):
            out.append('<div class="noncash">' + self.table(
                ["", *years],
                [[L["non_cash_rows"], *(self.money(y.non_cash_total.p50) for y in s.by_year)]],
                caption=L["non_cash_caption"]) + "</div>")
        series = [(C[c], [y.cash[c].p50 for y in s.by_year]) for c in used]
        if series:
            svg = charts.stacked_bars(
                years, series, chart_id=f"chart-cash-{index}",
                title=L["budget_chart"].format(name=s.name), x_label=L["year"],
                y_label=L["amount_p50"], fmt=self.money, desc=L["budget_chart_desc"],
                colours=[charts.PALETTE[CASH_CATEGORIES.index(c)] for c in used])
            out.append(f"<figure>{svg}<figcaption>{_e(L['budget_chart_desc'])}</figcaption>"
                       "</figure>")
        return "\n".join(out)

    # ---- 3. RPS ----------------------------------------------------------------------

    def rps(self) -> str:
        L = self.L
        c = self.result.comparison
        out = [f'<section id="rps"><h2>{_e(L["rps_part"])}</h2>']
        if c is None:
            out.append("</section>")
            return "\n".join(out)
        for s in c.scenarios:
            out.append(f"<h3>{_e(s.name)}</h3>")
            rated = {r.axis: r for r in s.rps}
            rows = []
            for axis in RPS_AXES:
                r = rated.get(axis)
                if r is None:
                    rows.append([_cap(AXES[self.lang][axis]), "—", "—", "—", L["not_rated"]])
                    continue
                level = "high" if r.score >= 15 else "mid" if r.score >= 8 else "low"
                rows.append([_cap(AXES[self.lang][axis]), str(r.likelihood), str(r.severity),
                             Html(f'<span class="score {level}">{r.score}</span>'),
                             r.rationale])
            out.append(f"<h4>{_e(L['register'])}</h4>")
            out.append(self.table([L["axis"], L["likelihood"], L["severity"], L["score"],
                                   L["rationale"]], rows, caption=L["rps_caption"],
                                  text_cols=(4,)))
            out.append(self.proxies(s))
        out.append("</section>")
        return "\n".join(out)

    def proxies(self, s: ScenarioResult) -> str:
        L = self.L
        model = self.scenario_models.get(s.id)
        out = [f'<div class="proxy"><h4>{_e(L["proxies"])}</h4>',
               f'<p class="muted">{_e(L["proxies_caption"])}</p>']
        items = model.rps_proxies if model is not None else []
        if not items and s.proxies_npv.p90 == 0 and s.proxies_npv.p10 == 0:
            out.append(f"<p>{_e(L['no_proxies'])}</p></div>")
            return "\n".join(out)
        if items:
            out.append(self.table(
                [L["proxy"], L["annual"], L["period"]],
                [[p.name, p.annual.text,
                  f"{p.start.isoformat()} – {p.end.isoformat() if p.end else '…'}"]
                 for p in items], numeric_from=1))
        npv = s.proxies_npv
        out.append(self.table([L["figure"], "P10", "P50", "P90"],
                              [[L["proxy_npv"], self.money(npv.p10), self.money(npv.p50),
                                self.money(npv.p90)]]))
        out.append(self.table([L["year"], *(str(y.year) for y in s.by_year)],
                              [[L["proxy_year"], *(self.money(y.proxies.p50)
                                                   for y in s.by_year)]]))
        out.append("</div>")
        return "\n".join(out)

    # ---- 4. assets -------------------------------------------------------------------

    def assets(self) -> str:
        L = self.L
        report = self.result.assets
        out = [f'<section id="assets"><h2>{_e(L["assets"])}</h2>']
        if report is None or not report.assets:
            out.append("<p>—</p></section>")
            return "\n".join(out)
        # One convention for every asset (the usual case) goes to the caption.
        conventions = sorted({a.convention.upper() for a in report.assets})
        per_asset = len(conventions) > 1
        rows = []
        classes = []
        for a in report.assets:
            n = a.net_book_value
            life = (self.num(a.life_years.p50, 1) if a.life_years.p10 == a.life_years.p90
                    else f"{self.num(a.life_years.p10)}–{self.num(a.life_years.p90)}")
            name = Html(_e(a.name) + (" " + self.badge("illustrative") if a.illustrative
                                      else ""))
            rows.append([name, a.category, a.in_service.isoformat(),
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
            caption += f" {L['convention']}: {conventions[0]}."
        out.append(self.table(
            [L["asset"], L["category"], L["in_service"],
             *([L["convention"]] if per_asset else []), L["cost"], L["life"],
             L["charge"], f"{L['nbv']} P10", f"{L['nbv']} P50", f"{L['nbv']} P90", L["left"]],
            rows, caption=caption, numeric_from=2, row_classes=classes))
        cat_rows = [[cat, self.money(s.p10), self.money(s.p50), self.money(s.p90)]
                    for cat, s in report.by_category.items()]
        out.append(f"<h3>{_e(L['by_category'])}</h3>")
        out.append(self.table([L["category"], "P10", "P50", "P90"], cat_rows))
        out.append(self.nbv_chart())
        out.append("</section>")
        return "\n".join(out)

    def nbv_chart(self) -> str:
        from soicost.finance.assets import book_values_at_medians
        from soicost.finance.scenarios import horizon

        L = self.L
        c = self.result.comparison
        years = c.years if c is not None else horizon(self.inputs).years
        lines = book_values_at_medians(self.inputs, years)
        if not lines.assets:
            return ""
        svg = charts.line_chart([str(d.year) for d in lines.dates], lines.assets,
                                chart_id="chart-nbv", title=L["nbv_chart"], x_label=L["nbv_x"],
                                y_label=L["nbv_y"], fmt=self.money, desc=L["nbv_chart_desc"])
        return f"<figure>{svg}<figcaption>{_e(L['nbv_chart_desc'])}</figcaption></figure>"

    # ---- 5. assumptions log ----------------------------------------------------------

    def log(self) -> str:
        from soicost.analysis.assumptions_log import assumptions_log, count_by_status

        L = self.L
        groups = assumptions_log(self.inputs)
        # The "by" and "date" columns only when some entry gives them.
        who = any(e.provenance is not None and (e.provenance.by or e.provenance.date)
                  for g in groups for e in g.entries)
        counts = count_by_status(groups)
        heads = [L["parameter"], L["value"], L["status"], L["source"],
                 *([L["by"], L["date"]] if who else [])]
        body = []
        for group in groups:
            previous: Provenance | None = None
            body.append(f'<tr class="group"><th colspan="{len(heads)}" scope="colgroup">'
                        f"{_e(self.words(group.title))}</th></tr>")
            for entry in group.entries:
                p = entry.provenance
                status = entry.status
                if p is None or not p.source:
                    source = f'<span class="muted">{_e(L["no_source"])}</span>'
                elif previous is not None and p == previous:
                    source = f'<span class="muted">{_e(L["same_source"])}</span>'
                else:
                    source = _e(p.source)
                previous = p
                cls = ' class="illustrative"' if status == "illustrative" else ""
                extra = ""
                if who:
                    by = _e(p.by) if p is not None and p.by else ""
                    when = _e(p.date.isoformat()) if p is not None and p.date else ""
                    extra = f"<td>{by}</td><td>{when}</td>"
                value = self.rate_text(entry.value) if entry.rate else entry.value
                body.append(
                    f"<tr{cls}><th scope=\"row\">{_e(self.words(entry.label))}</th>"
                    f"<td>{_e(value)}</td><td>{self.badge(status)}</td><td>{source}</td>"
                    f"{extra}</tr>")
        n = sum(counts.values())
        return "\n".join([
            f'<section id="log"><h2>{_e(L["log"])}</h2>',
            f"<p>{_e(L['log_caption'])}</p>",
            f"<p>{_e(L['log_counts'].format(n=n, **counts))}</p>",
            '<div class="scroll"><table class="log"><thead><tr>'
            + "".join(f'<th scope="col">{_e(h)}</th>' for h in heads) + "</tr></thead><tbody>",
            *body,
            "</tbody></table></div></section>",
        ])

    # ---- 5b. calibration on past projects ----------------------------------------------

    def calibration(self) -> str:
        """The backtest of the assumptions on the history given, if any: its table, its
        PIT chart and what it means."""
        if self.backtest is None:
            return ""
        from soicost.render.backtest import (
            footer_lines,
            header_lines,
            render_chart,
            table_rows,
        )

        b = self.backtest
        heads, rows = table_rows(b, self.lang)
        table = ('<div class="scroll"><table><thead><tr>'
                 + "".join(f'<th scope="col">{_e(h)}</th>' for h in heads)
                 + "</tr></thead><tbody>"
                 + "".join("<tr>" + f'<th scope="row">{_e(row[0])}</th>'
                           + "".join(f'<td class="num">{_e(c)}</td>' for c in row[1:])
                           + "</tr>" for row in rows)
                 + "</tbody></table></div>")
        return "\n".join([
            f'<section id="calibration"><h2>{_e(self.L["calibration"])}</h2>',
            *(f"<p>{_e(line)}</p>" for line in header_lines(b, self.lang)),
            table,
            f'<figure class="chart">{render_chart(b, self.lang)}</figure>',
            *(f"<p>{_e(line)}</p>" for line in footer_lines(b, self.lang)),
            "</section>"])

    # ---- 6. notes --------------------------------------------------------------------

    def notes(self) -> str:
        L = self.L
        r = self.result
        items = [L["note_ranges"].format(n=self.integer(r.options.samples)), L["note_cash"],
                 L["note_perspective"], *r.notes]
        if r.comparison is not None:
            items += list(r.comparison.notes)
        return (f'<section id="notes"><h2>{_e(L["notes"])}</h2><ul>'
                + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul></section>")
