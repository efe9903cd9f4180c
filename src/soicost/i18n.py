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
    of the language it is shown in: ``0.458`` in English, ``0,458`` in French, a negative
    with the minus sign in French (``−0,012``), and never a negative zero (``-0.000``)."""

    value: float
    spec: str = ".3g"

    def text(self, lang: Lang) -> str:
        written = format(self.value, self.spec)
        if written.startswith("-") and not any(c in "123456789" for c in written):
            written = written[1:]  # "-0.000": a negative too small to show is zero
        if lang != "fr":
            return written
        # The French minus sign, as amounts write it (render.money.MINUS).
        return written.replace(".", ",").replace("-", "\u2212", 1) if written.startswith(
            "-") else written.replace(".", ",")


@dataclass(frozen=True)
class Count:
    """A whole number placed in a message, its thousands grouped as the language groups
    them: 1,000,000 in English, 1 000 000 (narrow no-break spaces) in French."""

    value: int

    def text(self, lang: Lang) -> str:
        return f"{self.value:,}".replace(",", "\u202f" if lang == "fr" else ",")


@dataclass(frozen=True)
class Message:
    """A message of the catalogue (marked with ``N_``) and the values of its placeholders,
    made by the library and worded in a language only when it is shown."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return tr(lang, self.message, **self.values)


class Said(str):
    """A message of the catalogue worded in English, as a ``str`` (what code compares and
    tests read), that words itself again in any language when shown: the text of an error
    or of a problem in the inputs. ``Said("unknown key {key!r}", key="nmae")`` is the string
    ``"unknown key 'nmae'"``, and ``.text("fr")`` is its French; :func:`said_n` makes one
    whose words follow a count.

    Anything made from it by string operations (``+``, an f-string, ``.replace``) is plain
    English: put a ``Said`` in another's values instead."""

    template: str
    plural: str | None
    values: Mapping[str, object]

    def __new__(cls, template: str, /, **values: object) -> Said:
        return cls._made(template, None, values)

    @classmethod
    def _made(cls, template: str, plural: str | None, values: Mapping[str, object]) -> Said:
        said = super().__new__(cls, _worded("en", template, plural, values))
        said.template, said.plural, said.values = template, plural, values
        return said

    def __reduce__(self) -> tuple[object, ...]:
        return (Said._made, (self.template, self.plural, dict(self.values)))

    def text(self, lang: Lang) -> str:
        return _worded(lang, self.template, self.plural, self.values)

    def with_values(self, **values: object) -> Said:
        """The same message (singular and plural) with more values: what an error fills in
        (``{option}``, ``{method}``)."""
        return Said._made(self.template, self.plural, {**self.values, **values})


def said_n(singular: str, plural: str, n: int, /, **values: object) -> Said:
    """A :class:`Said` in the singular or the plural for ``n`` (``{n}`` in it is the count)."""
    return Said._made(singular, plural, {"n": n, **values})


def _worded(lang: Lang, template: str, plural: str | None, values: Mapping[str, object]) -> str:
    if plural is None:
        text = _translated(lang, catalogue(lang).gettext(template))
    else:
        count = values["n"]
        assert isinstance(count, int)
        text = _translated(lang, catalogue(lang).ngettext(template, plural, count))
    # {option} and {method} without a value are kept for the error that fills them (a
    # UsageError's, a ModelError's); any other missing value raises, as tr() does.
    return text.format_map(_Kept(_written(values, lang))) if values else text


# The placeholders an error fills itself; any other missing value is a bug, raised.
_FILLED_LATER = ("option", "method")


class _Kept(dict[str, object]):
    def __missing__(self, key: str) -> str:
        if key not in _FILLED_LATER:
            raise KeyError(key)
        return "{" + key + "}"


@dataclass(frozen=True)
class Joined:
    """Items put in a message as one list, with a separator of the catalogue between them:
    ``Joined(("a", "b"), N_(" or "))`` is "a or b" in English, "a ou b" in French."""

    items: tuple[object, ...]
    separator: str = ", "

    def text(self, lang: Lang) -> str:
        # "" is gettext's key for the catalogue's header, not an empty message.
        separator = tr(lang, self.separator) if self.separator else ""
        return separator.join(
            item.text(lang) if isinstance(item, Worded) else str(item) for item in self.items)


def said(text: object, lang: Lang) -> str:
    """``text`` in ``lang``: a :class:`Said` (or any :class:`Worded`) worded there, anything
    else (a value as written in the inputs, a path) as it is."""
    return text.text(lang) if isinstance(text, Worded) else str(text)


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
