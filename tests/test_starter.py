"""The starter set of ``soicost init``, in English and in French: both validate as they are,
the English one is unchanged, and the French one differs only in its words, never in its
keys, ids, enum values or figures."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from soicost.cli import app
from soicost.i18n import Lang
from soicost.inputs.loader import FILES, load_inputs
from soicost.inputs.quantity import text_in
from soicost.inputs.schemas import all_schemas, schema_file_name
from soicost.inputs.starter import STARTER, STARTER_FR, STARTERS, write_starter
from test_schemas import plain

# The English starter as it was before --lang: `init --lang en` must keep writing it byte
# for byte (update these only when the English starter is changed on purpose).
ENGLISH_SHA256 = {
    "applications.yaml": "a78a66ae23f52954d51753d6e615d584a5cd3c0ca1c40d8837923e0c2a10b45b",
    "infrastructure.yaml": "8ccb3d8924d87eb275f9e39f07c13fb491cde3dec07063ab1194af415a1cec11",
    "assumptions.yaml": "c3f8f09e58e111639e8f54acf42c33f87d9a670e2ef69521cb49bc424a9014ca",
}

# Values that are prose, translated; every other value is the file format and is the same.
PROSE_KEYS = {"name", "scope", "source", "description"}
SAME_WORD = {"Intranet"}  # the same in French

# Phrases of the English starter's comments and examples.
ENGLISH_PHRASES = [
    "The application portfolio", "One entry per application", "unique slug",
    "lowercase letters", "every driver declared", "known quotes",
    "the reference application needs one", "percentiles", "and where it comes from",
    "Starter example", "replace with your", "Assets still being amortised", "writes off",
    "dates are written", "optional, default", "The cost model's parameters",
    "is required", "documented default", "anchors the extrapolation",
    "four times the users", "Economies of scale", "must be re-tested",
    "How far real costs stray", "calibrated on public", "either way", "Measure your own",
    "each application's own deviation", "shared by all", "or a fraction", "real rate",
    "Social aid case management", "Payroll", "Data centre", "Change of infrastructure",
    "Provider quote", "Status quo", "Nothing moves", "Move everything",
]
# Words of English prose that French prose never uses.
ENGLISH_WORDS = {"the", "and", "of", "with", "each", "every", "your", "its", "is", "are",
                 "must", "only", "which", "from", "for", "how", "replace", "optional",
                 "default", "written", "quote", "quotes", "known", "needs", "either", "way"}


def comments(text: str) -> list[str]:
    """The comment of every line (after its last '#'), without the yaml-language-server
    line and the keys left commented out (``# uncertainty:``)."""
    found = [re.split(r"(?:^|\s)#", line)[-1].strip()
             for line in text.splitlines()[1:] if re.search(r"(?:^|\s)#", line)]
    return [c for c in found if c and not re.match(r"[a-z_]+:( |$)", c)]


def prose(data: Any) -> list[str]:
    """Every prose value (names, scopes, sources, descriptions) in ``data``."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k in PROSE_KEYS and isinstance(v, str)] + [
            p for k, v in data.items() if k not in PROSE_KEYS or not isinstance(v, str)
            for p in prose(v)]
    if isinstance(data, list):
        return [p for item in data for p in prose(item)]
    return []


def without_prose(data: Any, lang: Lang = "en") -> Any:
    """``data`` with its prose values blanked: what must be the same in every language, its
    quantities written the way of ``lang`` ("0.3 to 0.7" is "0,3 à 0,7" in French)."""
    if isinstance(data, dict):
        return {k: "…" if k in PROSE_KEYS and isinstance(v, str) else without_prose(v, lang)
                for k, v in data.items()}
    if isinstance(data, list):
        return [without_prose(item, lang) for item in data]
    return text_in(data, lang) if isinstance(data, str) else data


def figures(document: Any) -> Any:
    """An ``estimate -f json`` document without what depends on the words of the inputs: the
    fingerprint and digests (of the files), the names and descriptions, and the way its
    quantities are written."""
    if isinstance(document, dict):
        return {k: figures(v) for k, v in document.items()
                if k not in {"fingerprint", "input_digests", "name", "description"}}
    if isinstance(document, list):
        return [figures(item) for item in document]
    # The quantities as written (cost_text, discount_rate): the same, each in its language.
    return text_in(document, "fr") if isinstance(document, str) else document


def test_one_starter_per_language() -> None:
    assert set(STARTERS) == {"en", "fr"}
    assert STARTERS["en"] is STARTER and STARTERS["fr"] is STARTER_FR
    for starter in STARTERS.values():
        assert list(starter) == list(FILES)


def test_english_starter_is_byte_identical_to_before(tmp_path: Path) -> None:
    for lang_args, folder in (((), tmp_path / "default"), (("en",), tmp_path / "en")):
        write_starter(folder, *lang_args)
        for name, digest in ENGLISH_SHA256.items():
            written = (folder / name).read_bytes()
            assert written == STARTER[name].encode("utf-8")
            assert hashlib.sha256(written).hexdigest() == digest, name


@pytest.mark.parametrize("file_name", list(FILES))
def test_french_starter_files_match_their_schema(file_name: str) -> None:
    text = STARTER_FR[file_name]
    assert text.startswith(f"# yaml-language-server: $schema=schemas/"
                           f"{schema_file_name(file_name)}\n")
    validator = Draft202012Validator(all_schemas()[schema_file_name(file_name)])
    assert [e.message for e in validator.iter_errors(plain(yaml.safe_load(text)))] == []


def test_french_starter_validates(tmp_path: Path) -> None:
    paths = write_starter(tmp_path, "fr")
    assert [p.relative_to(tmp_path).as_posix() for p in paths][:3] == list(FILES)
    for name, text in STARTER_FR.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    for name in FILES:
        assert (tmp_path / "schemas" / schema_file_name(name)).is_file()
    inputs = load_inputs(tmp_path)
    assert not inputs.warnings
    assert inputs.assumptions.reference == "case-management"
    names = [a.name for a in inputs.applications.applications]
    assert names == ["Gestion des dossiers d'aide sociale", "Paie", "Intranet"]


@pytest.mark.parametrize("file_name", list(FILES))
def test_french_differs_only_in_words(file_name: str) -> None:
    english, french = (yaml.safe_load(STARTERS[lang][file_name]) for lang in ("en", "fr"))
    assert without_prose(french, "fr") == without_prose(english, "fr")
    pairs = list(zip(prose(english), prose(french), strict=True))
    assert pairs
    for en, fr in pairs:
        assert fr != en or fr in SAME_WORD, fr


def test_french_starter_has_no_english_prose() -> None:
    french = "".join(STARTER_FR.values())
    for phrase in ENGLISH_PHRASES:
        assert phrase not in french, phrase
    english_comments = {c for text in STARTER.values() for c in comments(text)}
    for text in STARTER_FR.values():
        lines = comments(text) + prose(yaml.safe_load(text))
        for line in lines:
            words = set(re.findall(r"[a-z]+", line.lower()))
            assert not words & ENGLISH_WORDS, line
            # A comment left as it was is English, unless it only lists the file's own
            # values (datacenter | telephony | …), which are the same in both languages.
            assert line not in english_comments or "|" in line, line


def test_french_comments_follow_french_typography() -> None:
    for text in STARTER_FR.values():
        for line in comments(text) + prose(yaml.safe_load(text)):
            assert not re.search(r"\S[:;?!](\s|$)", line), line  # a space before : ; ? !


def test_both_starters_give_the_same_figures(runner: CliRunner, tmp_path: Path) -> None:
    documents = {}
    for lang in ("en", "fr"):
        folder = tmp_path / lang
        write_starter(folder, lang)
        result = runner.invoke(app, ["estimate", "--data", str(folder), "--samples", "2000",
                                     "--format", "json", "--lang", lang])
        assert result.exit_code == 0, result.output
        documents[lang] = json.loads(result.stdout)
    en, fr = documents["en"], documents["fr"]
    assert en["fingerprint"] != fr["fingerprint"]  # the names differ, so do the files
    assert fr["migration"] == en["migration"]
    assert [figures(a) for a in fr["applications"]] == [figures(a) for a in en["applications"]]
    assert [a["name"] for a in fr["applications"]] == [
        "Gestion des dossiers d'aide sociale", "Paie", "Intranet"]
    assert figures(fr) == figures(en)


def test_init_lang_fr_then_validate_lang_fr(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inventaire"
    result = runner.invoke(app, ["init", str(folder), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"écrit\u00a0: {folder / 'applications.yaml'}" in result.stderr  # in French too
    for name, text in STARTER_FR.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    result = runner.invoke(app, ["validate", "--data", str(folder), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Données d'entrée valides\u00a0: {folder}"
    # Values are aligned after the labels; French puts a no-break space before the colon.
    reference = next(line for line in lines if line.startswith("  référence\u00a0:"))
    assert [w for w in reference.split(" ") if w] == ["référence\u00a0:", "case-management"]
    applications = lines[1]  # "  applications : 3 (…)": the values start in one column
    assert reference.index("case-management") == applications.index(
        [w for w in applications.split(" ") if w][1])


def test_init_lang_en_writes_the_english_starter(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    for name, text in STARTER.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("locale", "expected"), [("fr_FR.UTF-8", STARTER_FR),
                                                  ("en_GB.UTF-8", STARTER), ("C", STARTER)])
def test_init_language_defaults_to_the_locale(runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, locale: str,
                                              expected: dict[str, str]) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name, text in expected.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text


def test_init_lang_refuses_other_languages(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--lang", "de"])
    assert result.exit_code == 2
    assert not (tmp_path / "applications.yaml").exists()
