"""Every rejection of the quantity grammar, with its exact message, expected, found and hint.

These are what a user reads; pinning them keeps them from drifting unnoticed.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import pytest

from conftest import APPLICATIONS
from soicost.errors import InputError
from soicost.i18n import said
from soicost.inputs.loader import load_inputs
from soicost.inputs.quantity import Constraint, QuantityError, parse_quantity

ANY_NUMBER = (
    'a number (500000, 500k, 1.2M, 2.5%, 1/3), a range "a to b", or a mapping such as '
    "{pert: [min, mode, max]}, {triangular: [...]}, {uniform: [min, max]}, "
    "{normal: {mean: m, sd: s}}, {lognormal: {median: m, sigma: s}}, {mixture: [...]}")
OVERFLOW = ("a distribution whose draws can exceed the largest number a computer holds "
            "(about 1.8e308)")
NORMAL_HINT = ("a normal's rare draws are far from its mean: use a pert or a uniform, whose "
               'bounds are hard, or a range "a to b" (a lognormal, always above zero)')
ZERO_HINT = ("for a range that includes zero or negative values, use {pert: [min, mode, max]} "
             "or {uniform: [min, max]}")

CASES: list[tuple[Any, Constraint, str, str | None, str | None, str | None]] = [
    ('500.000,00', 'nonneg',
     "ambiguous number: '.' and ',' are used both as thousands and decimal separators",
     'digits with at most one decimal point',
     "'500.000,00'", 'write 500000.00'),
    ('1,234', 'nonneg',
     'ambiguous number: a comma followed by three digits may group thousands',
     'a decimal point, or no separator',
     "'1,234'", 'write 1234 for thousands, or 1.2340 for a decimal'),
    # Grouped by spaces, then three decimals: one more group to whoever groups with commas
    # (found by the hostile fuzzing campaign, docs/quality.md).
    ('500 000,000 €', 'nonneg',
     'ambiguous number: a comma followed by three digits may group thousands',
     'a decimal point, or no separator',
     "'500 000,000 €'", 'write 500000000 € for thousands, or 500000 € for a decimal'),
    ('1 250.000', 'nonneg',
     'ambiguous number: a dot followed by three digits may group thousands',
     'no separator for thousands (500000, 500 000, 500k), or a decimal with other than '
     'three decimals',
     "'1 250.000'", 'write 1250000 for thousands, or 1250 for a decimal'),
    ('50 00', 'nonneg',
     'digits grouped with spaces must come in groups of three',
     'a number such as 500 000 or 1 234 567,5',
     "'50 00'", None),
    ('5__0', 'nonneg',
     "misplaced '_' in a number",
     '500_000',
     "'5__0'", None),
    ('abc', 'any',
     'not a number',
     ANY_NUMBER,
     "'abc'", None),
    ('1/0', 'any',
     'division by zero',
     'a fraction such as 1/3',
     "'1/0'", None),
    ('x/2', 'any',
     'not a fraction',
     'a fraction such as 1/3',
     "'x/2'", None),
    ('inf', 'any',
     'not a finite number',
     'a finite number',
     "'inf'", None),
    ('.nan', 'any',
     'not a finite number',
     'a finite number',
     "'.nan'", None),
    (True, 'any',
     'a boolean is not a number',
     'a number',
     'true', None),
    (None, 'any',
     'not a number',
     'a number',
     'nothing (null)', None),
    ([1, 2], 'any',
     'not a number',
     'a number',
     'a list of 2 items', None),
    ('900k to 300k', 'nonneg',
     'the low bound of a range must be below the high bound',
     '"a to b" with 0 < a < b (a and b are the 5th and 95th percentiles)',
     "'900k to 300k'", None),
    ('0 to 3', 'nonneg',
     'the low bound of a range must be positive',
     '"a to b" with 0 < a < b (a and b are the 5th and 95th percentiles)',
     "'0 to 3'",
     ZERO_HINT),
    ('-1 to 3', 'any',
     'the low bound of a range must be positive',
     '"a to b" with 0 < a < b (a and b are the 5th and 95th percentiles)',
     "'-1 to 3'",
     ZERO_HINT),
    ({'pert': [3, 2, 1]}, 'any',
     'pert needs min <= mode <= max with min < max',
     '{pert: [min, mode, max]}',
     '[3, 2, 1]', None),
    ({'pert': [1, 2]}, 'any',
     'expected a list of 3 numbers',
     '{pert: [min, mode, max]}',
     'a list of 2 items', None),
    ({'triangular': [1, 1, 1]}, 'any',
     'triangular needs min <= mode <= max with min < max',
     '{triangular: [min, mode, max]}',
     '[1, 1, 1]', None),
    ({'uniform': [2, 1]}, 'any',
     'uniform needs min < max',
     '{uniform: [min, max]}',
     '[2, 1]', None),
    ({'normal': {'mean': 1, 'sd': 0}}, 'any',
     'a normal needs sd > 0',
     'sd > 0',
     '0', None),
    ({'normal': {'mean': 1}}, 'any',
     'expected the keys mean and sd',
     '{normal: {mean: m, sd: s}}',
     'a mapping with keys mean', None),
    ({'lognormal': {'median': 0, 'sigma': 1}}, 'any',
     'a lognormal needs median > 0 and sigma > 0',
     'median > 0, sigma > 0',
     'median 0, sigma 1', None),
    ({'mixture': [{'weight': 0.5, 'value': 1}]}, 'any',
     'a mixture needs a list of at least two components',
     '{mixture: [{weight: w, value: Q}, …]}',
     'a list of 1 item', None),
    ({'mixture': [{'weight': 0.5, 'value': 1}, {'weight': 0.4, 'value': 2}]}, 'any',
     'mixture weights must sum to 1',
     'weights summing to 1',
     'a sum of 0.9', None),
    ({'mixture': [{'weight': -1, 'value': 1}, {'weight': 2, 'value': 2}]}, 'any',
     'mixture weights must be positive',
     'weight > 0',
     '-1', None),
    ({'mixture': [{'weight': 0.5}, {'weight': 0.5, 'value': 2}]}, 'any',
     "each mixture component needs 'weight' and 'value'",
     '{weight: w, value: Q}',
     'a mapping with keys weight', None),
    ({'value': 1, 'foo': 2}, 'any',
     "unexpected key 'foo' beside 'value'",
     '{value: …, provenance: {…}, confirmed: why}',
     "['value', 'foo']", None),
    ({'foo': 1}, 'any',
     'not a distribution',
     'one key among pert, triangular, uniform, normal, lognormal, mixture, value',
     'a mapping with keys foo', None),
    ({}, 'any',
     'not a distribution',
     'one key among pert, triangular, uniform, normal, lognormal, mixture, value',
     'a mapping', None),
    (-5, 'nonneg',
     'a negative value where only zero or more makes sense',
     'a value >= 0',
     '-5', None),
    ({'normal': {'mean': 1, 'sd': 1}}, 'nonneg',
     'a distribution that reaches negative values where only zero or more makes sense',
     'a value >= 0',
     'a mapping with keys normal', None),
    (0, 'positive',
     'a value of zero or less where only a positive value makes sense',
     'a value > 0',
     '0', None),
    ({'uniform': [0, 1]}, 'positive',
     'a distribution that reaches zero or less where only a positive value makes sense',
     'a value > 0',
     'a mapping with keys uniform', None),
    ('-100%', 'rate',
     'a rate of -100 % or less',
     'a rate above -100 %',
     "'-100%'", None),
    ({'pert': [-2, 0, 1]}, 'rate',
     'a rate of -100 % or less',
     'a rate above -100 %',
     'a mapping with keys pert', None),
    ('300k - 900k', 'any',
     'not a number',
     ANY_NUMBER,
     "'300k - 900k'", 'write a range as "300k to 900k"'),
    ('1e999', 'any',
     'not a finite number',
     'a finite number',
     "'1e999'", None),
    ({'value': 5, 'provenance': {'status': 'assumed', 'source': ['a']}}, 'any',
     'invalid provenance source: not a text',
     '{status: sourced | assumed | illustrative, source: …}',
     'a list of 1 item', None),  # the value at fault, not its mapping
    ({'value': 5, 'provenance': 'x'}, 'any',
     'invalid provenance: input should be a valid dictionary or instance of Provenance',
     '{status: sourced | assumed | illustrative, source: …}',
     "'x'", None),
    ({'uniform': [1, 2, 3]}, 'any',
     'expected a list of 2 numbers',
     '{uniform: [min, max]}',
     'a list of 3 items', None),
    ({'lognormal': {'median': 1}}, 'any',
     'expected the keys median and sigma',
     '{lognormal: {median: m, sigma: s}}',
     'a mapping with keys median', None),
    ({'normal': {'mean': 1, 'sd': 1, 'skew': 2}}, 'any',
     'expected the keys mean and sd',
     '{normal: {mean: m, sd: s}}',
     'a mapping with keys mean, sd, skew', None),
    # What was found is cut to 60 characters: a 60-character repr is shown whole.
    ('-' + '5' * 58, 'nonneg', 'a negative value where only zero or more makes sense',
     'a value >= 0', "'-" + '5' * 55 + '...', None),
    ('-' + '5' * 57, 'nonneg', 'a negative value where only zero or more makes sense',
     'a value >= 0', "'-" + '5' * 57 + "'", None),
    ([], 'any', 'not a number', 'a number', 'an empty list', None),
    ([3], 'any', 'not a number', 'a number', 'a list of 1 item', None),
    (False, 'any', 'a boolean is not a number', 'a number', 'false', None),
    # A dash between a number and something else is not offered as a range.
    ('1x2 - 900k', 'any', 'not a number', ANY_NUMBER, "'1x2 - 900k'", None),
    ({'pert': True}, 'any', 'expected a list of 3 numbers', '{pert: [min, mode, max]}',
     'true', None),
    # Guards on rare draws (8.5 standard deviations), beyond the support checks above.
    ({'normal': {'mean': 5, 'sd': 1}}, 'positive',
     'a normal that can draw zero or less where only a positive value makes sense',
     'a mean more than 8.5 standard deviations above zero',
     'a mapping with keys normal', NORMAL_HINT),
    # Exactly 8.5 sd above the bound is still refused: the bound itself is excluded.
    ({'normal': {'mean': 8.5, 'sd': 1}}, 'positive',
     'a normal that can draw zero or less where only a positive value makes sense',
     'a mean more than 8.5 standard deviations above zero',
     'a mapping with keys normal', NORMAL_HINT),
    ({'normal': {'mean': 7.5, 'sd': 1}}, 'rate',
     'a normal that can draw -100 % or less, where a rate must stay above -100 %',
     'a mean more than 8.5 standard deviations above -100 %',
     'a mapping with keys normal', NORMAL_HINT),
    ({'mixture': [{'weight': 0.5, 'value': 1},
                  {'weight': 0.5, 'value': {'normal': {'mean': 5, 'sd': 1}}}]}, 'positive',
     'a normal that can draw zero or less where only a positive value makes sense',
     'a mean more than 8.5 standard deviations above zero',
     'a mapping with keys mixture', NORMAL_HINT),
    ({'normal': {'mean': 1e308, 'sd': 1e307}}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys normal', None),
    ({'normal': {'mean': -1e308, 'sd': 1e307}}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys normal', None),
    ({'lognormal': {'median': 1, 'sigma': 100}}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys lognormal', None),
    ({'lognormal': {'median': 1, 'sigma': 100}}, 'positive',
     'a distribution so wide that its draws round to zero where only a positive value '
     'makes sense', 'a narrower range', 'a mapping with keys lognormal', None),
    ('1e-300 to 1e300', 'positive',
     'a distribution so wide that its draws round to zero where only a positive value '
     'makes sense', 'a narrower range', "'1e-300 to 1e300'", None),
    # numpy's triangular sampler squares the width: 1.4e154² overflows, 1.3e154² does not.
    ({'triangular': [0, 1, 1.4e154]}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys triangular', None),
    ({'triangular': [-1e154, 0, 1e154]}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys triangular', None),
    ({'uniform': [-1e308, 1e308]}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys uniform', None),
    ({'pert': [-1e308, 0, 1e308]}, 'any', OVERFLOW, 'a narrower range',
     'a mapping with keys pert', None),
    ({'mixture': [{'weight': 0.5, 'value': 1},
                  {'weight': 0.5, 'value': {'uniform': [-1e308, 1e308]}}]}, 'any',
     OVERFLOW, 'a narrower range', 'a mapping with keys mixture', None),
]

# Just inside each guard: accepted. With the exact boundaries (float arithmetic is exact
# on these values), a guard written with the wrong comparison would refuse them.
ACCEPTED_AT_THE_EDGE: list[tuple[Any, Constraint]] = [
    ({'normal': {'mean': 8.6, 'sd': 1}}, 'positive'),
    ({'normal': {'mean': 7.6, 'sd': 1}}, 'rate'),
    ({'normal': {'mean': 1, 'sd': 1}}, 'any'),
    ({'normal': {'mean': -5, 'sd': 1}}, 'any'),
    # mu - 8.5 sigma == log(smallest normal float) exactly: still representable.
    ({'lognormal': {'median': 1, 'sigma': -math.log(sys.float_info.min) / 8.5}}, 'positive'),
    # mu + 8.5 sigma == log(largest float) exactly: still finite.
    ({'lognormal': {'median': 1, 'sigma': math.log(sys.float_info.max) / 8.5}}, 'any'),
    ({'triangular': [0, 1, 1.3e154]}, 'any'),
    ({'triangular': [1e154, 1.1e154, 1.3e154]}, 'any'),  # narrow, however far from zero
    ({'uniform': [0, 1e308]}, 'any'),
    ({'pert': [-8e307, 0, 8e307]}, 'any'),
]


@pytest.mark.parametrize(("value", "constraint"), ACCEPTED_AT_THE_EDGE)
def test_accepted_just_inside_the_draw_guards(value: Any, constraint: Constraint) -> None:
    assert parse_quantity(value, constraint).dist is not None


@pytest.mark.parametrize(("value", "constraint", "message", "expected", "found", "hint"), CASES)
def test_rejection_details(value: Any, constraint: Constraint, message: str,
                           expected: str | None, found: str | None, hint: str | None) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(value, constraint)
    error = caught.value
    assert (error.message, error.expected, error.found, error.hint) == (message, expected,
                                                                        found, hint)
    assert str(error) == message


# --------------------------------------------------------------------------------------
# In French: the same problems, worded from the catalogue; a hint that shows how to write a
# figure shows the French way (a decimal comma, "a à b") where the grammar reads it.

NORMAL_HINT_FR = ("les tirages rares d'une normale sont loin de sa moyenne\u00a0: utilisez une "
                  "loi pert ou uniforme, dont les bornes sont strictes, ou une fourchette "
                  '"a à b" (une lognormale, toujours supérieure à zéro)')
FRENCH: list[tuple[Any, Constraint, str, str | None, str | None, str | None]] = [
    ('1,234', 'nonneg',
     'nombre ambigu\u00a0: une virgule suivie de trois chiffres peut séparer des milliers',
     'un séparateur décimal, ou aucun séparateur', "'1,234'",
     'écrivez 1234 pour des milliers, ou 1,2340 pour un nombre décimal'),
    # What surrounds the digits is put back, and the French decimal comma kept.
    ('2.500k €', 'nonneg',
     'nombre ambigu\u00a0: un point suivi de trois chiffres peut séparer des milliers',
     "aucun séparateur de milliers (500000, 500 000, 500k), ou un nombre décimal qui n'a pas "
     "trois décimales", "'2.500k €'",
     'écrivez 2500k € pour des milliers, ou 2,5k € pour un nombre décimal'),
    ('1.234.567,5', 'nonneg',
     "nombre ambigu\u00a0: '.' et ',' servent à la fois de séparateur de milliers et de "
     "séparateur décimal", 'des chiffres avec au plus un séparateur décimal',
     "'1.234.567,5'", 'écrivez 1234567,5'),
    ('1.5M - 2M', 'nonneg', "n'est pas un nombre", None, "'1.5M - 2M'",
     'écrivez une fourchette sous la forme "1,5M à 2M"'),
    ('1:30', 'nonneg', "n'est pas un nombre", None, "'1:30'",
     'les outils YAML 1.1 lisent ceci comme un nombre en base 60 (1:30 = 90), pas '
     'soicost\u00a0: écrivez le nombre lui-même, par exemple 90 ou 1,5'),
    ('40% to 0.2', 'rate',
     "la borne basse d'une fourchette doit être inférieure à la borne haute",
     '"a à b" avec 0 < a < b (a et b sont les 5e et 95e centiles)', "'40% to 0.2'",
     "mettez le signe '%' sur les deux bornes (2\u202f% à 4\u202f%)"),
    ({'pert': [400, 000, 600, 1, 2, 3]}, 'nonneg', 'une liste de 3 nombres est attendue',
     None, 'une liste de 6 éléments',
     'dans [...], une virgule sépare les éléments\u00a0: 400,000 ou 0,3 en font deux\u202f; '
     'écrivez 400000, 400k ou 0.3, ou bien "0,3" entre guillemets'),
    ({'normal': {'mean': 1}}, 'any', 'les clés mean et sd sont attendues', None,
     'un dictionnaire avec les clés mean', None),
    ({'mixture': [{'weight': 0.5, 'value': 1}, {'weight': 0.4, 'value': 2}]}, 'any',
     "la somme des poids d'un mélange doit valoir 1", 'des poids dont la somme vaut 1',
     'une somme de 0,9', None),
    ({'nrmal': {'mean': 1, 'sd': 1}}, 'any', "n'est pas une distribution",
     'une clé parmi pert, triangular, uniform, normal, lognormal, mixture, value',
     'un dictionnaire avec les clés nrmal', "vouliez-vous dire 'normal'\u202f?"),
    ({'normal': {'mean': 10, 'sd': 2}}, 'positive',
     'une normale qui peut tirer zéro ou moins, alors que seule une valeur strictement '
     'positive a un sens', 'une moyenne supérieure à zéro de plus de 8,5 écarts types',
     'un dictionnaire avec les clés normal', NORMAL_HINT_FR),
    ('-3', 'nonneg', 'une valeur négative, alors que seule une valeur positive ou nulle a un '
     'sens', 'une valeur >= 0', "'-3'", None),
    ({'value': 1, 'provenance': {'status': 'guessed'}}, 'any',
     "provenance invalide, champ status\u00a0: doit valoir 'sourced', 'assumed' ou "
     "'illustrative'", None, "'guessed'", None),
    ({'value': 1, 'provenance': {'status': 'sourced'}}, 'any',
     "provenance invalide\u00a0: un chiffre sourcé doit nommer sa source dans 'source'", None,
     'un dictionnaire avec les clés status', None),
    (None, 'any', "n'est pas un nombre", 'un nombre', 'rien (null)', None),
]


@pytest.mark.parametrize(("value", "constraint", "message", "expected", "found", "hint"),
                         FRENCH)
def test_rejection_details_in_french(value: Any, constraint: Constraint, message: str,
                                     expected: str | None, found: str | None,
                                     hint: str | None) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(value, constraint)
    error = caught.value
    worded = tuple(None if text is None else said(text, "fr")
                   for text in (error.message, error.expected, error.found, error.hint))
    assert worded[0] == message
    # expected None: the long list of forms, pinned in English above; here only its being
    # worded in French, not left as its English (a shape such as {pert: [min, mode, max]}
    # is the format's own, the same in both).
    if expected is None:
        assert worded[1] is None or worded[1].startswith("{") or (
            worded[1] != str(error.expected))
    else:
        assert worded[1] == expected
    assert worded[2:] == (found, hint)


@pytest.mark.parametrize(("value", "french"), [
    ('1,234', ('1234', '1,2340')), ('2.500k €', ('2500k €', '2,5k €')),
    ('1.234.567,5', ('1234567,5',)), ('1.5M - 2M', ('1,5M à 2M',)), ('1:30', ('90', '1,5'))])
def test_the_french_hint_writes_what_the_grammar_reads(value: str,
                                                       french: tuple[str, ...]) -> None:
    """What a French hint advises to write is read, and reads as the English hint's figure."""
    with pytest.raises(QuantityError) as caught:
        parse_quantity(value, "nonneg")
    hint = caught.value.hint
    assert hint is not None
    english, worded = str(hint), said(hint, "fr")
    for written in french:
        assert written in worded
        assert parse_quantity(written, "nonneg").dist == parse_quantity(
            text_in_english(written), "nonneg").dist
        assert text_in_english(written) in english or written in ('90', '1,5')


def text_in_english(french: str) -> str:
    """A figure as the English hint writes it: a decimal point, "to" between bounds."""
    return french.replace(",", ".").replace(" à ", " to ")


def test_the_loader_words_a_quantity_problem_in_french(write_inputs: Any) -> None:
    """fields.py passes the Said objects through to the loader's Problem."""
    folder = write_inputs(applications=APPLICATIONS.replace("amount: 500k",
                                                            "amount: 300k - 900k"))
    with pytest.raises(InputError) as caught:
        load_inputs(folder)
    problem, = caught.value.problems
    assert problem.render("fr").splitlines()[0] == (
        "applications.yaml:7:17: applications[0].quotes[0].amount\u00a0: n'est pas un nombre")
    assert problem.render("fr").splitlines()[-1] == (
        '  conseil\u00a0: écrivez une fourchette sous la forme "300k à 900k"')
    assert problem.render("en").splitlines()[-1] == '  hint: write a range as "300k to 900k"'


def test_the_scalars_are_worded_in_french(write_inputs: Any) -> None:
    folder = write_inputs(applications=APPLICATIONS.replace("name: Piaf", 'name: "Pi\\taf"'))
    with pytest.raises(InputError) as caught:
        load_inputs(folder)
    problem, = caught.value.problems
    assert problem.render("fr").splitlines()[0] == (
        "applications.yaml:3:11: applications[0].name\u00a0: un saut de ligne ou une tabulation "
        "dans un nom")
    assert said(problem.expected, "fr") == "un nom sur une seule ligne"
    assert problem.hint is not None and said(problem.hint, "fr") == (
        "écrivez les précisions dans 'notes' ou 'description', qui peuvent tenir sur "
        "plusieurs lignes")
