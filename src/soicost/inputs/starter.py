"""``soicost init``: a commented starter set that validates as it is, in English or French."""

from __future__ import annotations

from pathlib import Path

from soicost.atomic import write_atomic
from soicost.errors import OutputError
from soicost.i18n import Lang, Said, said_n
from soicost.inputs.schemas import render_schema

APPLICATIONS = """\
# yaml-language-server: $schema=schemas/applications.schema.json
# The application portfolio. One entry per application; soicost extrapolates the cost of
# each from the reference quote (see assumptions.yaml), its size drivers and its category.
version: 1
applications:
  - id: case-management          # unique slug: lowercase letters, digits, '-' and '_'
    name: "Social aid case management"
    kind: vendor                 # vendor | in-house | lutece | saas
    strategy: replatform         # retain | retire | rehost | replatform | refactor | repurchase
    criticality: vital           # low | medium | high | vital
    drivers:                     # every driver declared in assumptions.yaml, each > 0
      users: 1200
      interfaces: 10
    quotes:                      # known quotes; the reference application needs one
      - amount: 500k             # 500000, 500_000, 500k, "400k to 650k" (5th-95th percentiles)
        date: 2022-05-18
        scope: "Change of infrastructure, including the vendor's adjustments"
        source: "Provider quote, ref. …"
        provenance: {status: sourced, source: "Quote of … dated …"}
    provenance:                  # sourced | assumed | illustrative, and where it comes from
      status: illustrative
      source: "Starter example: replace with your inventory"

  - id: payroll
    name: "Payroll"
    kind: in-house
    strategy: rehost
    criticality: high
    drivers: {users: 300, interfaces: 6}
    provenance: {status: illustrative, source: "Starter example: replace with your inventory"}

  - id: intranet
    name: "Intranet"
    kind: lutece
    drivers: {users: 4000, interfaces: 2}
    provenance: {status: illustrative, source: "Starter example: replace with your inventory"}
"""

INFRASTRUCTURE = """\
# yaml-language-server: $schema=schemas/infrastructure.schema.json
# Assets still being amortised: what a scenario that abandons them early writes off.
version: 1
assets:
  - id: datacenter
    name: "Data centre"
    category: datacenter         # datacenter | telephony | platform | network | workstations | …
    cost: 1.5M to 2.5M           # a range is a lognormal with these 5th and 95th percentiles
    in_service: 2017-09-01       # dates are written YYYY-MM-DD
    life_years: 15
    residual: 0                  # optional, default 0
    provenance: {status: illustrative, source: "Starter example: replace with your accounts"}
"""

ASSUMPTIONS = """\
# yaml-language-server: $schema=schemas/assumptions.schema.json
# The cost model's parameters. Only `reference` is required: every other key has a
# documented default (docs/formats.md).
version: 1
reference: case-management       # the application whose quote anchors the extrapolation
valuation_date: 2023-01-01

drivers:                         # cost ~ (size / reference size) ^ elasticity
  users:
    elasticity: 0.3 to 0.7       # 0.5: four times the users costs twice as much
    provenance: {status: assumed, source: "Economies of scale, COCOMO-like power law"}
  interfaces:
    elasticity: 0.1 to 0.4
    provenance: {status: assumed, source: "Each interface must be re-tested"}

# How far real costs stray from the size law; the defaults, calibrated on public project
# data (docs/calibration.md), are a lognormal of median 1 and sigma 0.9 for both: a factor
# of about 4.4 either way. Measure your own with `soicost backtest`.
# uncertainty:
#   application: {lognormal: {median: 1, sigma: 0.9}}  # each application's own deviation
#   reference: {lognormal: {median: 1, sigma: 0.9}}    # the reference's, shared by all

optimism_bias: none              # or a fraction (27%) or a preset: flyvbjerg-2011, …
discount_rate: 3.2%              # France Stratégie 2021 (real rate)

scenarios:
  - id: status-quo
    name: "Status quo"
    description: "Nothing moves."
  - id: move-all
    name: "Move everything in two waves"
    waves:
      - {date: 2023-01-01, share: 1/2}
      - {date: 2024-01-01, share: 1/2}
    decommission:
      - {asset: datacenter, date: 2024-06-30}
"""

STARTER = {
    "applications.yaml": APPLICATIONS,
    "infrastructure.yaml": INFRASTRUCTURE,
    "assumptions.yaml": ASSUMPTIONS,
}

# The same files in French: comments and prose values (names, scopes, sources, descriptions)
# translated; keys, ids, enum values and numbers, which are the file format, unchanged, so
# that both starters give the same figures.
APPLICATIONS_FR = """\
# yaml-language-server: $schema=schemas/applications.schema.json
# Le portefeuille d'applications : une entrée par application. soicost extrapole le coût
# de chacune à partir du devis de référence (voir assumptions.yaml), de ses inducteurs de
# coût (sa taille) et de sa catégorie (type, stratégie, criticité).
version: 1
applications:
  - id: case-management          # identifiant unique : lettres a-z, chiffres, '-' et '_'
    name: "Gestion des dossiers d'aide sociale"
    kind: vendor                 # vendor (progiciel) | in-house (interne) | lutece | saas
    strategy: replatform         # retain (conserver) | retire (arrêter) | rehost (réhéberger)
                                 # | replatform (changer de socle) | refactor (réécrire)
                                 # | repurchase (remplacer par un autre produit)
    criticality: vital           # low | medium | high | vital (de faible à vitale)
    drivers:                     # chaque inducteur déclaré dans assumptions.yaml, valeur > 0
      users: 1200
      interfaces: 10
    quotes:                      # devis connus ; au moins un pour l'application de référence
      - amount: 500k             # 500000, 500 000, 500k, "400k à 650k" (centiles 5 et 95)
        date: 2022-05-18
        scope: "Changement d'infrastructure, y compris les adaptations de l'éditeur"
        source: "Devis du prestataire, réf. …"
        provenance: {status: sourced, source: "Devis de … du …"}
    provenance:                  # sourced | assumed | illustrative, et l'origine de la donnée
      status: illustrative
      source: "Exemple : à remplacer par votre inventaire"

  - id: payroll
    name: "Paie"
    kind: in-house
    strategy: rehost
    criticality: high
    drivers: {users: 300, interfaces: 6}
    provenance: {status: illustrative, source: "Exemple : à remplacer par votre inventaire"}

  - id: intranet
    name: "Intranet"
    kind: lutece
    drivers: {users: 4000, interfaces: 2}
    provenance: {status: illustrative, source: "Exemple : à remplacer par votre inventaire"}
"""

INFRASTRUCTURE_FR = """\
# yaml-language-server: $schema=schemas/infrastructure.schema.json
# Les immobilisations encore en cours d'amortissement : un scénario qui les abandonne avant
# terme les sort de l'actif pour leur valeur nette comptable (VNC).
version: 1
assets:
  - id: datacenter
    name: "Centre de données"
    category: datacenter         # datacenter | telephony | platform | network | workstations | …
                                 # (centre de données, téléphonie, socle technique, réseau,
                                 # postes de travail…)
    cost: 1,5M à 2,5M            # fourchette : loi log-normale, bornes aux centiles 5 et 95
    in_service: 2017-09-01       # mise en service ; les dates s'écrivent AAAA-MM-JJ
    life_years: 15               # durée d'amortissement en années, fixée par délibération
    residual: 0                  # valeur résiduelle ; facultative, 0 par défaut
    provenance: {status: illustrative, source: "Exemple : à remplacer par l'inventaire comptable"}
"""

ASSUMPTIONS_FR = """\
# yaml-language-server: $schema=schemas/assumptions.schema.json
# Les paramètres du modèle de coût. Seule la clé `reference` est obligatoire : toutes les
# autres ont une valeur par défaut documentée (docs/formats.md).
version: 1
reference: case-management       # l'application dont le devis fonde l'extrapolation
valuation_date: 2023-01-01

drivers:                         # coût ~ (taille / taille de la référence) ^ élasticité
  users:
    elasticity: 0,3 à 0,7        # 0,5 : quatre fois plus d'utilisateurs, deux fois plus cher
    provenance: {status: assumed, source: "Économies d'échelle, loi puissance du type COCOMO"}
  interfaces:
    elasticity: 0,1 à 0,4
    provenance: {status: assumed, source: "Chaque interface doit être testée de nouveau"}

# L'écart des coûts réels à la loi de taille. Les valeurs par défaut, calibrées sur des
# données publiques de projets (docs/calibration.md), sont pour les deux une loi log-normale
# de médiane 1 et de sigma 0,9 : un facteur d'environ 4,4 dans un sens ou dans l'autre.
# Mesurez l'écart de vos propres projets avec `soicost backtest`.
# uncertainty:
#   application: {lognormal: {median: 1, sigma: 0.9}}  # écart propre à chaque application
#   reference: {lognormal: {median: 1, sigma: 0.9}}    # celui de la référence, commun à toutes

optimism_bias: none              # ou une fraction (27 %), ou une référence publiée :
                                 # flyvbjerg-2011, …
discount_rate: 3,2 %             # France Stratégie 2021 (taux réel)

scenarios:
  - id: status-quo
    name: "Statu quo"
    description: "Aucun changement."
  - id: move-all
    name: "Tout migrer en deux vagues"
    waves:
      - {date: 2023-01-01, share: 1/2}
      - {date: 2024-01-01, share: 1/2}
    decommission:
      - {asset: datacenter, date: 2024-06-30}
"""

STARTER_FR = {
    "applications.yaml": APPLICATIONS_FR,
    "infrastructure.yaml": INFRASTRUCTURE_FR,
    "assumptions.yaml": ASSUMPTIONS_FR,
}

STARTERS: dict[Lang, dict[str, str]] = {"en": STARTER, "fr": STARTER_FR}


def write_starter(folder: Path, lang: Lang = "en", *, force: bool = False) -> list[Path]:
    """Write the starter files in ``lang`` (their comments and example names; keys and
    figures are the same in every language) and their schemas (their descriptions in
    ``lang``) into ``folder``; refuse to
    overwrite existing files unless ``force``."""
    from soicost.inputs.schemas import all_schemas

    files: dict[Path, str] = {folder / name: text for name, text in STARTERS[lang].items()}
    for name, schema in all_schemas(lang).items():
        files[folder / "schemas" / name] = render_schema(schema)
    existing = [p for p in files if p.exists()]
    if existing and not force:
        names = [str(p.relative_to(folder)) for p in existing]
        shown: str = ", ".join(names[:3])
        if len(names) > 3:
            shown = said_n("{shown} and {n} more", "{shown} and {n} more", len(names) - 3,
                           shown=shown)
        raise OutputError(Said("{folder} already holds {shown}; use --force to overwrite",
                               folder=folder, shown=shown))
    if folder.exists() and not folder.is_dir():
        raise OutputError(Said("{folder} is a file, not a folder", folder=folder))
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)
