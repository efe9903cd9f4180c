"""The words of the HTML report, in English and French: one dictionary per language, the
keys the templates and :mod:`soicost.render.report_view` look up, and the labels of the cost
categories."""

from __future__ import annotations

COPY: dict[str, dict[str, str]] = {
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

CATEGORIES: dict[str, dict[str, str]] = {
    "en": {"migration": "migration", "staff": "staff", "vacancy": "vacancy cover",
           "recruitment": "recruitment", "running": "running", "transition": "transition",
           "renewal": "renewal"},
    "fr": {"migration": "migration", "staff": "personnel", "vacancy": "vacances (intérim)",
           "recruitment": "recrutement", "running": "fonctionnement", "transition": "transition",
           "renewal": "renouvellement"},
}
