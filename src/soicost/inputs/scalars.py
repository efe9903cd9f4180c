"""Pydantic types for plain scalars that refuse what pydantic's lax mode would bend.

Lax mode reads ``true`` as the whole number 1 (``price_base_year: true`` would be year 1)
and a number as a Unix timestamp (``date: 0`` would be 1970-01-01). These types keep lax
mode's useful conversions (``"2023"`` is 2023, ``2023-05-18`` written as a string is a date)
and refuse the rest with a message in the file's terms.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from soicost.i18n import Said

TextLang = Literal["fr", "en"]
TEXT_LANGS: tuple[TextLang, ...] = ("fr", "en")


def refusal(kind: str, message: str, /, **context: object) -> PydanticCustomError:
    """A validator's refusal, its ``message`` (a :class:`~soicost.i18n.Said`, worded in the
    reader's language when shown) and its ``expected``/``found``/``hint`` kept as objects for
    the loader's :class:`~soicost.errors.Problem`."""
    return PydanticCustomError(kind, "{message}", {"message": message, **context})


def no_bool(value: object) -> object:
    if isinstance(value, bool):
        raise refusal("scalar", Said("a boolean where a whole number is expected"),
                      expected=Said("a whole number"), found=repr(value).lower())
    return value


def _no_number_dates(value: object) -> object:
    if isinstance(value, bool | int | float):
        raise refusal("date_type", Said("not a valid date"),
                      expected=Said("a date written YYYY-MM-DD"), found=repr(value))
    return value


class Text(str):
    """Text from the inputs that readers see (a name, a scenario's description, a
    rationale), written in one language or in several.

    ``name: Paie`` has no language of its own and is shown as written in every output;
    ``name: {fr: Paie, en: Payroll}`` is shown in the output's language or, when that one
    is missing, in the other, marked with it: ``Payroll [en]``. As a ``str`` it is its French
    (else its English): what JSON outputs and sorting see.
    """

    languages: tuple[tuple[TextLang, str], ...]

    def __new__(cls, value: str | Mapping[TextLang, str]) -> Text:
        if isinstance(value, Mapping):
            languages = tuple((lang, value[lang]) for lang in TEXT_LANGS if lang in value)
            text = super().__new__(cls, languages[0][1])
        else:
            languages = ()
            text = super().__new__(cls, value)
        text.languages = languages
        return text

    def __reduce__(self) -> tuple[type[Text], tuple[str | dict[TextLang, str]]]:
        return (Text, (self.as_data(),))  # copies and pickles keep the languages

    def in_lang(self, lang: TextLang) -> str:
        """The text for an output in ``lang`` (see the class docstring)."""
        if not self.languages:
            return str(self)
        given = dict(self.languages)
        if lang in given:
            return given[lang]
        other, text = self.languages[0]
        return f"{text} [{other}]"

    def text(self, lang: TextLang) -> str:
        """As :meth:`in_lang`: a :class:`~soicost.i18n.Worded` value, so that a name put in a
        message of the catalogue is shown in the message's language, not as its French."""
        return self.in_lang(lang)

    def as_data(self) -> str | dict[TextLang, str]:
        """As written: the text, or the mapping of its languages (what the fingerprint
        hashes, so that a translation changes it)."""
        return dict(self.languages) if self.languages else str(self)


@dataclass(frozen=True)
class Local:
    """A text from the inputs put in a message of the catalogue (a
    :class:`~soicost.i18n.Worded` value): shown in the message's language when written in
    French and English, as written otherwise."""

    value: str

    def text(self, lang: TextLang) -> str:
        return self.value.in_lang(lang) if isinstance(self.value, Text) else str(self.value)


def _text(value: object) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in TEXT_LANGS]
        if unknown or not value:
            raise refusal(
                "scalar", Said("not a text in French and/or English"),
                expected=Said("a text, or {fr: …, en: …} with one or both languages"),
                found=Said("languages {languages}", languages=", ".join(map(repr, unknown)))
                if unknown else Said("an empty mapping"))
        for lang in TEXT_LANGS:
            if lang in value and not isinstance(value[lang], str):
                raise refusal("scalar", Said("not a text"),
                              expected=Said("a text in {lang}", lang=lang),
                              found=repr(value[lang])[:60])
        return Text({lang: value[lang] for lang in TEXT_LANGS if lang in value})
    raise refusal("string_type", Said("not a text"),
                  expected=Said("a text, or {fr: …, en: …}"), found=repr(value)[:60])


def _texts(value: Text) -> tuple[str, ...]:
    return tuple(text for _, text in value.languages) or (str(value),)


def _single_line(value: Text) -> Text:
    # A name is printed in table cells, CSV fields and letters: a line break or a tab
    # would break the layout of all of them.
    for text in _texts(value):
        # Zero-width and other format characters show nothing: a name of them is empty.
        if not "".join(c for c in text if unicodedata.category(c) != "Cf").strip():
            raise refusal("scalar", Said("an empty name"),
                          expected=Said("a name, such as \"Payroll\""), found=repr(text))
        for char in text:
            if char in "\t\n\r\u2028\u2029\x0b\x0c\x85":
                raise refusal("scalar", Said("a line break or a tab in a name"),
                              expected=Said("a name on one line"), found=repr(text)[:60],
                              hint=Said("write details in 'notes' or 'description', which "
                                        "can span lines"))
    return value


def _as_data(value: str) -> Any:
    return value.as_data() if isinstance(value, Text) else value


_TEXT_SCHEMA = {"anyOf": [
    {"type": "string"},
    {"type": "object", "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
     "additionalProperties": False, "minProperties": 1,
     "description": "the same text in French and in English"}]}


Int = Annotated[int, BeforeValidator(no_bool)]
"""A whole number: ``true`` and ``false`` are refused."""

Date = Annotated[dt.date, BeforeValidator(_no_number_dates)]
"""A date written YYYY-MM-DD: numbers are refused, not read as timestamps."""

# PlainValidator: pydantic's own str validation would turn a Text back into a plain str.
Name = Annotated[str, PlainValidator(lambda value: _single_line(_text(value))),
                 PlainSerializer(_as_data), WithJsonSchema(_TEXT_SCHEMA)]
"""A name shown to readers: not blank, on one line, in one language or in French and English
(a :class:`Text`)."""

Prose = Annotated[str, PlainValidator(_text), PlainSerializer(_as_data),
                  WithJsonSchema(_TEXT_SCHEMA)]
"""Text shown to readers, on several lines if need be, in one language or in French and
English (a :class:`Text`)."""
