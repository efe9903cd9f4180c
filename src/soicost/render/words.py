"""The domain's words that outputs show for the data's keys, once for every renderer.

Each mapping goes from a key of the model (a cost category, a basis, an RPS axis…) to its
label, an English message of the catalogue (``N_``): ``tr(lang, CATEGORIES["vacancy"])``
gives "vacancy cover" or "remplacement des postes vacants". Machine outputs (JSON, the
rfc4180 CSV) keep the keys.
"""

from __future__ import annotations

from collections.abc import Mapping

from soicost.i18n import N_, Lang, tr
from soicost.inputs.scalars import Text

CATEGORIES: Mapping[str, str] = {
    "migration": N_("migration"), "staff": N_("staff"), "vacancy": N_("vacancy cover"),
    "recruitment": N_("recruitment"), "running": N_("running"),
    "transition": N_("transition"), "renewal": N_("renewal"),
    "write_off": N_("write-offs"), "total": N_("total"),
}
# Cash or non-cash: how a cost is counted.
CASH_KINDS: Mapping[str, str] = {"cash": N_("cash"), "non_cash": N_("non-cash")}
# How an application's cost is found (AppEstimate.mode).
BASIS: Mapping[str, str] = {
    "reference": N_("reference quote"), "quoted": N_("own quote"),
    "extrapolated": N_("extrapolated"), "flat": N_("flat"),
    "excluded": N_("strategy factor 0"),
}
# The six axes of psycho-social risks (Gollac report, 2011).
AXES: Mapping[str, str] = {
    "work_intensity": N_("work intensity and time"),
    "emotional_demands": N_("emotional demands"), "autonomy": N_("autonomy"),
    "social_relations": N_("social relations"), "value_conflicts": N_("value conflicts"),
    "job_insecurity": N_("job insecurity"),
}
# The fixed values of the input files (models.Kind, Strategy, Criticality, Category): keys
# of the format, shown as they are in English and in the administration's words in French.
KINDS: Mapping[str, str] = {"vendor": N_("vendor"), "in-house": N_("in-house"),
                            "lutece": N_("lutece"), "saas": N_("saas")}
STRATEGIES: Mapping[str, str] = {
    "retain": N_("retain"), "retire": N_("retire"), "rehost": N_("rehost"),
    "replatform": N_("replatform"), "refactor": N_("refactor"), "repurchase": N_("repurchase")}
CRITICALITIES: Mapping[str, str] = {"low": N_("low"), "medium": N_("medium"),
                                    "high": N_("high"), "vital": N_("vital")}
ASSET_CATEGORIES: Mapping[str, str] = {
    "datacenter": N_("datacenter"), "telephony": N_("telephony"), "platform": N_("platform"),
    "network": N_("network"), "workstations": N_("workstations"), "software": N_("software"),
    "other": N_("other")}
STATUSES: Mapping[str, str] = {"sourced": N_("sourced"), "assumed": N_("assumed"),
                               "illustrative": N_("illustrative")}
# Yes/no columns of tables.
FLAGS: Mapping[str, str] = {"true": N_("yes"), "false": N_("no")}


def word(words: Mapping[str, str], key: str, lang: Lang) -> str:
    """``key``'s label in ``lang``; a key the mapping does not know is shown as it is."""
    return tr(lang, words[key]) if key in words else key


def bias_words(bias: str, lang: Lang) -> str:
    """An optimism bias as the outputs show it: the preset "none" as a word (néant), a
    figure the language's way (27 %), another preset by its name."""
    from soicost.inputs.quantity import text_in

    return tr(lang, "none") if bias == "none" else text_in(bias, lang)


def local(text: str, lang: Lang) -> str:
    """Text from the inputs as an output in ``lang`` shows it: a name written in French and
    English in that language (or the other, marked), any other text as written."""
    return text.in_lang(lang) if isinstance(text, Text) else text
