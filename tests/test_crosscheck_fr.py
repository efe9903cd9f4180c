"""Problems that span entries or files (crosscheck), and the backtest's projects the model
says are free, worded in French: exact messages, nested values (the horizon, a count)
worded in French too, and the English unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import APPLICATIONS, ASSUMPTIONS, INFRASTRUCTURE, WriteInputs
from soicost.errors import InputError, render_warnings
from soicost.inputs.crosscheck import did_you_mean
from soicost.inputs.loader import load_inputs


def errors(folder: Path, lang: str = "fr") -> str:
    with pytest.raises(InputError) as info:
        load_inputs(folder)
    return info.value.render("fr" if lang == "fr" else "en")


def test_an_unknown_reference_in_french(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS.replace("reference: piaf", "reference: paif"))
    assert errors(folder) == """\
assumptions.yaml:1:12: reference\u00a0: l'application de référence 'paif' n'est pas une \
application connue
  1 | reference: paif
    |            ^
  conseil\u00a0: vouliez-vous dire 'piaf'\u202f?

Erreur\u00a0: 1 problème\u202f; rien n'a été calculé."""


def test_a_duplicate_id_in_french(write_inputs: WriteInputs) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("id: payroll", "id: piaf"))
    text = errors(folder)
    assert "applications[1].id\u00a0: identifiant d'application 'piaf' en double\n" in text
    assert "  utilisé pour la première fois à\u00a0: applications.yaml:2:9\n" in text
    assert "  conseil\u00a0: les identifiants doivent être uniques dans un fichier\n" in text


def test_missing_drivers_in_french_follow_their_count(write_inputs: WriteInputs) -> None:
    folder = write_inputs(
        applications=APPLICATIONS.replace("{users: 100}", "{users: 100, data_gb: 3}"),
        assumptions=ASSUMPTIONS + "  interfaces: {elasticity: 0.2}\n"
                                  "  data_gb: {elasticity: 0.1}\n")
    text = errors(folder)
    assert ("applications[0].drivers\u00a0: il manque à l'application 'piaf' l'inducteur "
            "interfaces\n") in text
    assert ("applications[1].drivers\u00a0: il manque à l'application 'payroll' les inducteurs "
            "interfaces, data_gb\n") in text
    assert ("  attendu\u00a0: tous les inducteurs déclarés dans assumptions.yaml\u00a0: users, "
            "interfaces, data_gb\n") in text
    assert "  déclaré à\u00a0: assumptions.yaml:4:3\n" in text


def test_a_residual_that_can_exceed_its_cost_in_french(write_inputs: WriteInputs) -> None:
    folder = write_inputs(infrastructure=INFRASTRUCTURE.replace(
        "    cost: 1M\n", "    cost: 300k to 3M\n    residual: 400k\n"))
    text = errors(folder)
    # Figures grouped with narrow no-break spaces, a range written with "à".
    assert ("assets[0].residual\u00a0: la valeur résiduelle de l'immobilisation 'datacenter' peut "
            "dépasser son coût (jusqu'à 400\u202f000 pour un coût descendant à 109\u202f083, "
            "un tirage sur mille pour chacun)\n") in text
    assert "  trouvé :  valeur résiduelle 400k, coût 300k à 3M\n".replace(" :", "\u00a0:") \
        in text
    english = errors(folder, "en")
    assert ("can be above its cost (up to 400,000 against a cost down to 109,083, one draw "
            "in 1000 each)\n") in english


def test_events_outside_the_horizon_in_french(write_inputs: WriteInputs) -> None:
    folder = write_inputs(assumptions=ASSUMPTIONS + """\
horizon: {start: 2023, end: 2030}
scenarios:
  - id: move
    name: Move
    waves:
      - {date: 2024-01-01, applications: [piaf, payroll]}
    decommission:
      - {asset: datacenter, date: 2031-06-30}
""")
    warnings = load_inputs(folder).warnings
    assert render_warnings(warnings, "fr").splitlines()[0] == (
        "assumptions.yaml:11:35: avertissement\u00a0: scenarios[0].decommission[0].date\u00a0: "
        "l'immobilisation 'datacenter' est mise hors service le 2031-06-30, après l'horizon "
        "(2023–2030)\u00a0: sa sortie d'actif n'est pas comptée")


def test_a_look_alike_character_is_named_in_french() -> None:
    hint = did_you_mean("p\u0456af", "piaf")
    assert hint == ("did you mean 'piaf'? ('p\u0456af' has U+0456 CYRILLIC SMALL LETTER "
                    "BYELORUSSIAN-UKRAINIAN I where 'piaf' has 'i')")
    assert hint.text("fr") == (
        "vouliez-vous dire 'piaf'\u202f? ('p\u0456af' contient U+0456 CYRILLIC SMALL LETTER "
        "BYELORUSSIAN-UKRAINIAN I là où 'piaf' contient 'i')")


def test_a_project_the_model_says_is_free_in_french() -> None:
    from soicost.analysis.backtest import Assumed, zero_factor_problems
    from soicost.inputs.history import History, Project
    from soicost.inputs.quantity import Distribution, Fixed

    factors: dict[str, dict[str, Distribution]] = {
        "kind": {}, "strategy": {"retain": Fixed(0.0)}, "criticality": {}}
    h = History("history.csv", ("size",), (
        Project("a", (1.0,), 10.0), Project("b", (2.0,), 20.0, (None, "retain", None))))
    [problem] = zero_factor_problems(h, Assumed((Fixed(1.0),), factors, Fixed(1.0),
                                                Fixed(1.0)))
    assert problem.render("fr") == """\
history.csv: projects[1].strategy\u00a0: le projet 'b' a la stratégie 'retain', dont le \
facteur peut être 0\u00a0: le modèle lui donne un coût nul, son coût réel ne peut donc pas \
éprouver le modèle
  attendu\u00a0: une stratégie dont le facteur est supérieur à 0
  trouvé\u00a0:  retain (facteur d'au moins 0)
  conseil\u00a0: indiquez la stratégie qu'avait réellement le projet, ou retirez le projet"""
