"""``soicost init``: a commented starter set that validates as it is."""

from __future__ import annotations

from pathlib import Path

from soicost.atomic import write_atomic
from soicost.errors import OutputError
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


def write_starter(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the starter files and their schemas into ``folder``; refuse to overwrite
    existing files unless ``force``."""
    from soicost.inputs.schemas import all_schemas

    files: dict[Path, str] = {folder / name: text for name, text in STARTER.items()}
    for name, schema in all_schemas().items():
        files[folder / "schemas" / name] = render_schema(schema)
    existing = [p for p in files if p.exists()]
    if existing and not force:
        names = [str(p.relative_to(folder)) for p in existing]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        raise OutputError(f"{folder} already holds {shown}; use --force to overwrite")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder")
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)
