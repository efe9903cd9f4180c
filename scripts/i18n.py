"""Keep the message catalogue in step with the code (Babel).

    python scripts/i18n.py update    # extract tr()/ntr() messages, merge into the .po files
    python scripts/i18n.py compile   # write the .mo files the package reads
    python scripts/i18n.py check     # exit 1 if a message lacks French or a .mo is stale

A new message arrives in ``soicost.po`` with an empty ``msgstr``: translate it, then compile.
Messages no longer in the code are dropped from the catalogue (not kept as obsolete).
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "soicost"
LOCALE = PACKAGE / "locale"
DOMAIN = "soicost"
# tr(lang, message, **values), ntr(lang, singular, plural, n, **values), N_(message), the
# command line's _say(message, **values) (a message on stderr), and Said(message, **values)
# and said_n(singular, plural, n, **values) (an error's text: English as a str, worded again
# when shown).
KEYWORDS: dict[str, tuple[int, ...]] = {"tr": (2,), "ntr": (2, 3), "N_": (1,), "_say": (1,),
                                        "Said": (1,), "said_n": (1, 2)}
LANGUAGES = ("fr",)


def extracted() -> Catalog:
    """Every marked message of the package, and every help text of the command line, as a
    template catalogue."""
    # A fixed date: updating an up-to-date catalogue changes nothing.
    template = Catalog(project="soicost", domain=DOMAIN, fuzzy=False,
                       creation_date=dt.datetime(2026, 11, 29, tzinfo=dt.UTC))
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", extract_calls)],  # type: ignore[list-item]
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        template.add(message, locations=[(f"soicost/{filename}", lineno)],
                     auto_comments=comments, context=context)
    for message, where in help_messages():
        if message not in template:
            template.add(message, locations=[("soicost/cli.py", 0)],
                         auto_comments=[f"--help of {where}"])
    for message in schema_messages():
        if message not in template:
            template.add(message, locations=[("soicost/inputs/schemas.py", 0)],
                         auto_comments=["a description of the JSON Schemas"])
    return template


def extract_calls(fileobj: IO[bytes], keywords: Mapping[str, object],
                  comment_tags: Collection[str], options: Mapping[str, object],
                  ) -> Iterator[tuple[int, str, str | tuple[str | None, ...], list[str]]]:
    """Babel's extraction method for Python, from the syntax tree: every call of a keyword
    function (``Said(...)``, ``N_(...)``...), at any depth of nesting. Babel's own tokenizer
    loses a marked message nested in a call inside another's arguments
    (``Said("x", a=f(N_("y")))`` gives neither "y" nor "x" in the right place)."""
    calls = sorted((node for node in ast.walk(ast.parse(fileobj.read()))
                    if isinstance(node, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
    for node in calls:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        if name not in keywords:
            continue
        texts = tuple(arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                      else None for arg in node.args)
        if any(text is not None for text in texts):
            yield node.lineno, name, texts if len(texts) > 1 else texts[0] or "", []


def help_messages() -> list[tuple[str, str]]:
    """The help texts of the commands, options and arguments of this checkout's command line
    (written in English in cli.py, translated when shown: soicost.cli_help), with where each
    is shown."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import typer.main

    from soicost.cli import app
    from soicost.cli_help import help_messages as messages

    return list(messages(typer.main.get_command(app)))


def schema_messages() -> list[str]:
    """The descriptions of the input files' JSON Schemas (written in English on the models,
    worded when the schemas are asked for in French: soicost.inputs.schemas)."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from soicost.inputs.schemas import all_schemas, descriptions

    return list(dict.fromkeys(descriptions(all_schemas())))


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="soicost", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # No line numbers: they would change the file at every edit of the code.
    write_po(out, catalog, width=96, include_lineno=False, ignore_obsolete=True,
             sort_output=False, omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def missing(catalog: Catalog, template: Catalog) -> Iterator[str]:
    """The template's messages without a non-fuzzy translation in ``catalog``."""
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = (found.string if isinstance(found.string, tuple | list)
                   else (found.string,)) if found is not None else ("",)
        if found is None or found.fuzzy or not all(strings):
            yield message.id if isinstance(message.id, str) else message.id[0]


def update() -> None:
    template = extracted()
    for lang in LANGUAGES:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
        todo = list(missing(catalog, template))
        print(f"{path.relative_to(ROOT)}: {len(template) - len(todo)} translated, "
              f"{len(todo)} to translate")


def compile_all() -> None:
    for lang in LANGUAGES:
        mo = po_path(lang).with_suffix(".mo")
        mo.write_bytes(mo_bytes(read(lang)))
        print(f"wrote {mo.relative_to(ROOT)}")


def check() -> int:
    template = extracted()
    status = 0
    for lang in LANGUAGES:
        catalog = read(lang)
        todo = list(missing(catalog, template))
        for message in todo:
            print(f"{lang}: no translation for {message!r}", file=sys.stderr)
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            print(f"{mo.relative_to(ROOT)} is stale: run python scripts/i18n.py compile",
                  file=sys.stderr)
            status = 1
        status = status or (1 if todo else 0)
    return status


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": compile_all}
    if argv == ["check"]:
        return check()
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
