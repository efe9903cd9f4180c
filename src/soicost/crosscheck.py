"""Checks that span entries or files: unique ids, references that exist, dates that agree."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from soicost.errors import Problem
from soicost.yamlio import Document, PathKey, format_path

if TYPE_CHECKING:
    from soicost.loader import Inputs

APPS, INFRA, ASSUMPTIONS = "applications.yaml", "infrastructure.yaml", "assumptions.yaml"


def cross_check(inputs: Inputs) -> list[Problem]:
    """Every cross-entry and cross-file problem of a set of inputs, in no particular order."""
    docs = inputs.documents
    apps = inputs.applications.applications
    assets = inputs.infrastructure.assets
    assumptions = inputs.assumptions
    problems: list[Problem] = []

    problems += _duplicates(docs[APPS], "applications", [a.id for a in apps], "application")
    problems += _duplicates(docs[INFRA], "assets", [a.id for a in assets], "asset")
    problems += _duplicates(docs[ASSUMPTIONS], "scenarios",
                            [s.id for s in assumptions.scenarios], "scenario")

    # With duplicate ids (reported above), an id refers to its first entry.
    app_index = _first_index(a.id for a in apps)
    asset_index = _first_index(a.id for a in assets)
    ref = assumptions.reference
    if ref not in app_index:
        problems.append(_unknown(docs[ASSUMPTIONS], ("reference",), ref, app_index,
                                 "application", "the reference application"))
    elif not apps[app_index[ref]].quotes:
        problems.append(Problem(
            docs[ASSUMPTIONS].locate(("reference",)),
            f"the reference application {ref!r} has no quote to extrapolate from", "reference",
            related=(("defined at", docs[APPS].locate(("applications", app_index[ref]))),),
            hint=f"add a quote under {ref!r} in applications.yaml, or choose a quoted "
                 "application as reference"))

    declared = list(assumptions.drivers)
    for i, app in enumerate(apps):
        missing = [d for d in declared if d not in app.drivers]
        if missing:
            problems.append(Problem(
                docs[APPS].locate(("applications", i, "drivers")),
                f"application {app.id!r} lacks the driver{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}",
                format_path(("applications", i, "drivers")),
                expected="every driver declared in assumptions.yaml: " + ", ".join(declared),
                found=", ".join(app.drivers) or "no drivers",
                related=(("declared at", docs[ASSUMPTIONS].locate(("drivers", missing[0]),
                                                                  key=True)),)))

    for s, scenario in enumerate(assumptions.scenarios):
        problems += _check_scenario(docs, s, scenario, app_index, asset_index, inputs)
    problems += _check_means(docs[ASSUMPTIONS], inputs)
    return problems


def _first_index(ids: Iterable[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, ident in enumerate(ids):
        index.setdefault(ident, i)
    return index


def _duplicates(doc: Document, key: str, ids: list[str], what: str) -> list[Problem]:
    return _duplicates_at(doc, (key,), ids, what)


def _unknown(doc: Document, path: PathKey, ident: str, known: Iterable[str], what: str,
             role: str) -> Problem:
    close = difflib.get_close_matches(ident, list(known), n=1)
    return Problem(doc.locate(path), f"{role} {ident!r} is not a known {what}",
                   format_path(path),
                   hint=f"did you mean {close[0]!r}?" if close else _known(known))


def _known(known: Iterable[str]) -> str:
    names = sorted(known)
    if not names:
        return "none is defined"
    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return f"known: {shown}"


def _check_scenario(docs: dict[str, Document], s: int, scenario: object,
                    app_index: dict[str, int], asset_index: dict[str, int],
                    inputs: Inputs) -> list[Problem]:
    from soicost.models import Scenario

    assert isinstance(scenario, Scenario)
    doc = docs[ASSUMPTIONS]
    problems: list[Problem] = []
    placed: dict[str, PathKey] = {}
    share_total = 0.0
    for w, wave in enumerate(scenario.waves):
        if wave.share is not None:
            share_total += wave.share.fixed_value
        for a, ident in enumerate(wave.applications or []):
            path: PathKey = ("scenarios", s, "waves", w, "applications", a)
            if ident not in app_index:
                problems.append(_unknown(doc, path, ident, app_index, "application",
                                         "application"))
            elif ident in placed:
                same_wave = placed[ident][:4] == path[:4]
                problems.append(Problem(
                    doc.locate(path),
                    f"application {ident!r} is listed twice in this wave" if same_wave else
                    f"application {ident!r} migrates in two waves of scenario "
                    f"{scenario.id!r}", format_path(path),
                    related=(("first placed at", doc.locate(placed[ident])),)))
            else:
                placed[ident] = path
    if share_total > 1 + 1e-9:
        problems.append(Problem(
            doc.locate(("scenarios", s, "waves")),
            f"the waves' shares add up to {share_total:.4g}, more than the whole portfolio",
            format_path(("scenarios", s, "waves")), expected="shares summing to at most 1"))
    assets = inputs.infrastructure.assets
    decommissioned: dict[str, PathKey] = {}
    for d, item in enumerate(scenario.decommission or []):
        path = ("scenarios", s, "decommission", d, "asset")
        if item.asset not in asset_index:
            problems.append(_unknown(doc, path, item.asset, asset_index, "asset", "asset"))
            continue
        if item.asset in decommissioned:
            problems.append(Problem(
                doc.locate(path), f"asset {item.asset!r} is decommissioned twice in scenario "
                f"{scenario.id!r}", format_path(path),
                related=(("first decommissioned at", doc.locate(decommissioned[item.asset])),)))
            continue
        decommissioned[item.asset] = path
        asset = assets[asset_index[item.asset]]
        if item.date < asset.in_service:
            problems.append(Problem(
                doc.locate(("scenarios", s, "decommission", d, "date")),
                f"asset {item.asset!r} is decommissioned on {item.date} before it is put "
                f"into service on {asset.in_service}",
                format_path(("scenarios", s, "decommission", d, "date")),
                related=(("put into service at",
                          docs[INFRA].locate(("assets", asset_index[item.asset],
                                              "in_service"))),)))
    return problems



def _check_means(doc: Document, inputs: Inputs) -> list[Problem]:
    """Teams, running costs and price indices that scenarios and index_of refer to."""
    a = inputs.assumptions
    problems: list[Problem] = []
    problems += _duplicates(doc, "running", [r.id for r in a.running], "running cost")
    problems += _duplicates_at(doc, ("staff", "teams"), [t.id for t in a.staff.teams], "team")
    teams = {t.id for t in a.staff.teams}
    running = {r.id for r in a.running}
    for category, name in a.index_of.items():
        if name not in a.indexation:
            problems.append(_unknown(doc, ("index_of", category), name, a.indexation,
                                     "index of 'indexation'", "price index"))
    for s, scenario in enumerate(a.scenarios):
        for m, move in enumerate(scenario.teams):
            if move.team not in teams:
                problems.append(_unknown(doc, ("scenarios", s, "teams", m, "team"), move.team,
                                         teams, "team of staff.teams", "team"))
        for k, stop in enumerate(scenario.running.stops):
            if stop.id not in running:
                problems.append(_unknown(doc, ("scenarios", s, "running", "stops", k, "id"),
                                         stop.id, running, "running cost of 'running'",
                                         "running cost"))
    return problems


def _duplicates_at(doc: Document, key: PathKey, ids: list[str], what: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for i, ident in enumerate(ids):
        if ident in first:
            problems.append(Problem(
                doc.locate((*key, i, "id")), f"duplicate {what} id {ident!r}",
                format_path((*key, i, "id")),
                related=(("first used at", doc.locate((*key, first[ident], "id"))),),
                hint="ids must be unique within a file"))
        else:
            first[ident] = i
    return problems
