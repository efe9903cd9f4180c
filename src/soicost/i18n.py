"""The one message catalogue: every word a user reads, in French or in English.

Messages are written in English in the code and marked where they are written:
``tr(lang, "Total")``, ``tr(lang, "{n} samples", n=…)``, ``ntr`` where a count
chooses between singular and plural, and ``N_("Total")`` for a message stored now (a
column title) and translated when it is shown. The French lives in one gettext catalogue,
``soicost/locale/fr/LC_MESSAGES/soicost.po``, compiled to ``soicost.mo`` and read here by
the standard library's :mod:`gettext`: nothing but Python is needed at run time.

``python scripts/i18n.py update`` extracts every marked message with Babel and merges it
into the catalogue; ``python scripts/i18n.py compile`` writes the ``.mo``. The tests fail
when a marked message has no French, when the ``.mo`` is older than the ``.po``, or when a
translation loses a ``{placeholder}``.

Placeholders are filled after translation, with :meth:`str.format`, so that a translator
can move them: ``tr("fr", "{n} problems in {files}", n=2, files=…)``.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DOMAIN = "soicost"
LOCALE_DIR = Path(__file__).parent / "locale"


def default_lang() -> Lang:
    """French when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@cache
def catalogue(lang: Lang) -> gettext.NullTranslations:
    """The translations of ``lang``: English is the messages themselves; a missing French
    catalogue is a broken installation, reported rather than silently printed in English."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def N_(message: str, /) -> str:
    """Mark ``message`` for the catalogue without translating it yet (gettext's ``N_``)."""
    return message


def tr(lang: Lang, message: str, /, **values: object) -> str:
    """``message`` in ``lang``, its ``{placeholders}`` filled from ``values`` (a
    :class:`Number` is written with the language's decimal mark)."""
    text = _translated(lang, catalogue(lang).gettext(message))
    return text.format(**_written(values, lang)) if values else text


# French typography (Lexique des règles typographiques en usage à l'Imprimerie nationale): a
# no-break space before a colon, a narrow one before ; ! ? % and inside « ». Translators type
# ordinary spaces; the values put in a message (names, paths) are left as they are.
_FRENCH_SPACES = (("\u00a0:", " :"), ("\u202f;", " ;"), ("\u202f!", " !"), ("\u202f?", " ?"),
                  ("«\u202f", "« "), ("\u202f»", " »"), ("\u202f%", " %"))


@cache
def _translated(lang: Lang, text: str) -> str:
    if lang != "fr":
        return text
    for spaced, typed in _FRENCH_SPACES:
        text = text.replace(typed, spaced)
    return text


@dataclass(frozen=True)
class Number:
    """A figure placed in a message, written with ``spec`` (``.3g``…) and the decimal mark
    of the language it is shown in: ``0.458`` in English, ``0,458`` in French."""

    value: float
    spec: str = ".3g"

    def text(self, lang: Lang) -> str:
        written = format(self.value, self.spec)
        return written.replace(".", ",") if lang == "fr" else written


@dataclass(frozen=True)
class Message:
    """A message of the catalogue (marked with ``N_``) and the values of its placeholders,
    made by the library and worded in a language only when it is shown."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return tr(lang, self.message, **self.values)


@runtime_checkable
class Worded(Protocol):
    """A value that words itself in a language (:class:`Number`, :class:`Message`, a
    quantity's text…) when it is put in a message."""

    def text(self, lang: Lang) -> str: ...


def _written(values: Mapping[str, object], lang: Lang) -> dict[str, object]:
    return {key: value.text(lang) if isinstance(value, Worded) else value
            for key, value in values.items()}


def ntr(lang: Lang, singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural form for ``n`` in ``lang`` (French: singular for 0 and 1),
    its placeholders filled from ``values`` and ``n``."""
    text = _translated(lang, catalogue(lang).ngettext(singular, plural, n))
    return text.format(n=n, **_written(values, lang))


class Words(Mapping[str, str]):
    """A renderer's messages by key (each marked with ``N_``), worded in ``lang``:
    ``Words(_WORDS, "fr")["title"]``. Placeholders are left for the caller to fill."""

    def __init__(self, messages: Mapping[str, str], lang: Lang) -> None:
        self.messages = messages
        self.lang: Lang = lang

    def __getitem__(self, key: str) -> str:
        return tr(self.lang, self.messages[key])  # placeholders left for the caller

    def __iter__(self) -> Iterator[str]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)
