"""Optimism-bias presets: named reference classes for the uplift applied to quotes.

Each preset is a quantity (an uplift fraction: 0.27 means +27 %) with its provenance. The
methodology document derives each one; tests check their means analytically. The quantity's
text (the description the assumptions log shows) and the provenance are in French and
English (:class:`~soicost.inputs.scalars.Text`).
"""

from __future__ import annotations

import math

from soicost.inputs.provenance import Provenance, assumed, sourced
from soicost.inputs.quantity import Fixed, LogNormal, Mixture, Normal, Quantity
from soicost.inputs.scalars import Text

_GREEN_BOOK = {
    "en": "HM Treasury, Supplementary Green Book Guidance: Optimism Bias (2003, after Mott "
          "MacDonald 2002), equipment/development projects, capital-cost uplift",
    "fr": "HM Treasury, Supplementary Green Book Guidance: Optimism Bias (2003, d'après Mott "
          "MacDonald 2002), projets d'équipement et de développement, majoration des coûts "
          "d'investissement",
}

# Flyvbjerg & Budzier (2011): the mean overrun over all 1,471 projects is +27 %, and one
# project in six is a "black swan" averaging +200 %. The other five in six must then
# average (0.27 - 2/6) * 6/5 = -7.6 %: near budget, as the paper says most projects are.
FLYVBJERG_MEAN = 0.27
FLYVBJERG_SWAN_SHARE = 1 / 6
FLYVBJERG_SWAN_MEAN = 2.0
_SWAN_SIGMA = 0.55  # assumed spread of the black swans' overruns (5-95 %: about +70 % to +425 %)
_BODY_MEAN = (FLYVBJERG_MEAN - FLYVBJERG_SWAN_SHARE * FLYVBJERG_SWAN_MEAN) / (
    1 - FLYVBJERG_SWAN_SHARE)
_BODY_SD = 0.15  # assumed spread of the ordinary projects around their mean

_FLYVBJERG = Quantity(
    Mixture(
        (1 - FLYVBJERG_SWAN_SHARE, FLYVBJERG_SWAN_SHARE),
        (
            Normal(_BODY_MEAN, _BODY_SD),
            LogNormal(math.log(FLYVBJERG_SWAN_MEAN) - _SWAN_SIGMA**2 / 2, _SWAN_SIGMA),
        ),
    ),
    Text({"fr": "flyvbjerg-2011 (moyenne +27 %, un projet sur six est un cygne noir à +200 % "
                "en moyenne)",
          "en": "flyvbjerg-2011 (mean +27 %, one in six a black swan averaging +200 %)"}),
)

PRESETS: dict[str, tuple[Quantity, Provenance]] = {
    "none": (Quantity(Fixed(0.0), Text({"fr": "0 (aucune majoration)", "en": "0 (no uplift)"})),
             assumed(Text({"fr": "Pas de biais d'optimisme : les devis sont pris tels quels.",
                           "en": "No optimism bias: the quotes are taken as they stand."}))),
    "green-book-equipment-upper": (
        Quantity(Fixed(2.0), Text({"fr": "200 % (borne haute du Green Book)",
                                   "en": "200 % (Green Book upper bound)"})),
        sourced(Text({
            "fr": f"{_GREEN_BOOK['fr']} : borne haute de 200 %, à appliquer avant la maîtrise "
                  "des risques",
            "en": f"{_GREEN_BOOK['en']}: upper bound 200 %, to apply before risks are "
                  "mitigated"}))),
    "green-book-equipment-lower": (
        Quantity(Fixed(0.10), Text({"fr": "10 % (borne basse du Green Book)",
                                    "en": "10 % (Green Book lower bound)"})),
        sourced(Text({
            "fr": f"{_GREEN_BOOK['fr']} : borne basse de 10 %, une fois les risques maîtrisés",
            "en": f"{_GREEN_BOOK['en']}: lower bound 10 %, once risks are mitigated"}))),
    "flyvbjerg-2011": (
        _FLYVBJERG,
        assumed(Text({
            "fr": "Classe de référence construite d'après Flyvbjerg & Budzier, « Why Your IT "
                  "Project May Be Riskier Than You Think », Harvard Business Review 89(9), 2011 "
                  "(1\u202f471 projets informatiques) : dépassement moyen de +27 %, un projet sur "
                  "six est un cygne noir à +200 % en moyenne. Les moyennes sont sourcées ; les "
                  "dispersions au sein de chaque classe sont des hypothèses.",
            "en": "Reference class built from Flyvbjerg & Budzier, 'Why Your IT Project May Be "
                  "Riskier Than You Think', Harvard Business Review 89(9), 2011 (1,471 IT "
                  "projects): mean overrun +27 %, one project in six a black swan averaging "
                  "+200 %. The means are sourced; the spreads within each class are assumed."}))),
}
