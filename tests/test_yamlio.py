"""Reading YAML: the 1.2 core schema, positions, and the files that must be refused."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import APPLICATIONS, ASSUMPTIONS, write_files
from soicost.analysis.fingerprint import fingerprint
from soicost.errors import InputError, Location
from soicost.inputs import yamlio
from soicost.inputs.loader import load_inputs
from soicost.inputs.yamlio import compose_document, decode_source, load_document, read_source


def load(text: str | bytes) -> Any:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_document(decode_source(raw, "f.yaml")).data


def error(text: str | bytes) -> str:
    """The full rendered message for a document that must be refused."""
    with pytest.raises(InputError) as info:
        load(text)
    return info.value.render()


def read_error(path: Path, display: str = "f.yaml") -> str:
    with pytest.raises(InputError) as info:
        load_document(read_source(path, display))
    return info.value.render()


# --------------------------------------------------------------------------------------
# YAML 1.2 core schema


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"), ("n", "n"),
        ("true", True), ("False", False), ("TRUE", True),
        ("010", 10), ("0o10", 8), ("0x1F", 31), ("-7", -7), ("+7", 7),
        ("1e3", 1000.0), ("1.5", 1.5), (".5", 0.5), ("-.inf", -math.inf),
        ("1:30", "1:30"), ("1_000", "1_000"), ("500k", "500k"),
        ("2022-05-18", "2022-05-18"),  # dates stay strings; the models parse them
        ("~", None), ("null", None), ("", None),
        ("'010'", "010"), ('"true"', "true"), ("!!str 12", "12"), ("!!int '12'", 12),
        ("!!float 1", 1.0),
    ],
)
def test_core_schema_scalars(written: str, value: object) -> None:
    result = load(f"a: {written}\n")["a"]
    assert result == value
    assert type(result) is type(value)


def test_nan() -> None:
    assert math.isnan(load("a: .nan\n")["a"])


def test_huge_integer_becomes_an_infinite_float() -> None:
    # Python refuses to convert more than 4300 digits; the quantity grammar refuses inf.
    assert load("a: " + "9" * 5000 + "\n")["a"] == math.inf


def test_merge_keys() -> None:
    data = load(
        "base: &base {kind: vendor, criticality: high}\n"
        "other: &other {strategy: rehost, kind: saas}\n"
        "a:\n  <<: *base\n  id: a\n"
        "b:\n  <<: *base\n  id: b\n  kind: lutece\n"
        "c:\n  <<: [*base, *other]\n  id: c\n"
    )
    assert data["a"] == {"kind": "vendor", "criticality": "high", "id": "a"}
    assert data["b"] == {"kind": "lutece", "criticality": "high", "id": "b"}
    # With a list, earlier mappings win over later ones.
    assert data["c"] == {"kind": "vendor", "criticality": "high", "strategy": "rehost", "id": "c"}


def test_merge_key_override_points_at_the_override() -> None:
    doc = load_document(decode_source(
        b"base: &base\n  kind: vendor\nb:\n  <<: *base\n  kind: lutece\n", "f.yaml"))
    assert doc.locate(("b", "kind")).render_position() == "f.yaml:5:9"
    # A merged value is located where it is written: in the anchor.
    assert doc.locate(("base", "kind")).render_position() == "f.yaml:2:9"


def test_double_less_than_as_a_value_is_a_string() -> None:
    assert load("a: <<\n") == {"a": "<<"}


def test_anchors_and_aliases() -> None:
    data = load("a: &p {status: illustrative}\nb: *p\n")
    assert data["b"] == {"status": "illustrative"}


def test_positions_of_values_and_keys() -> None:
    doc = load_document(decode_source(b"a:\n  - x: 1\n    y: [2, 3]\n", "f.yaml"))
    assert doc.locate(("a", 0, "y", 1)).render_position() == "f.yaml:3:12"
    assert doc.locate(("a", 0, "y"), key=True).render_position() == "f.yaml:3:5"
    # A path that does not exist is located at its nearest ancestor.
    assert doc.locate(("a", 0, "z")).render_position() == "f.yaml:2:5"


# --------------------------------------------------------------------------------------
# Refused documents: exact messages


def test_syntax_error() -> None:
    assert error("a:\n  b: c: d\n") == """\
f.yaml:2:7: invalid YAML: a ':' that YAML reads as the start of a nested key
  2 |   b: c: d
    |       ^
  hint: quote a value that contains ': ' (name: "a: b"), or check the indentation of this line

Error: 1 problem; nothing was computed."""


def test_unclosed_flow_list_names_where_it_starts() -> None:
    assert error("name: [Piaf\nkind: vendor\n") == """\
f.yaml:2:5: invalid YAML: expected ',' or ']', but got ':'
  2 | kind: vendor
    |     ^
  the list starts at: f.yaml:1:7
    1 | name: [Piaf
      |       ^

Error: 1 problem; nothing was computed."""


def test_unclosed_quote() -> None:
    assert error('a: 1\nname: "Piaf\nkind: vendor\n') == """\
f.yaml:4:1: invalid YAML: found the end of the file
  4 |
    | ^
  the quoted string starts at: f.yaml:2:7
    2 | name: "Piaf
      |       ^

Error: 1 problem; nothing was computed."""


def test_bad_indentation() -> None:
    assert error("a:\n  - b\n  c: 1\n") == """\
f.yaml:3:3: invalid YAML: expected the end of the indented block, but found a key
  3 |   c: 1
    |   ^
  the list starts at: f.yaml:2:3
    2 |   - b
      |   ^
  hint: check the indentation of this line and of the lines above

Error: 1 problem; nothing was computed."""


def test_tab_indentation() -> None:
    assert error("a:\n\tb: 1\n") == """\
f.yaml:2:1: invalid YAML: found a tab character that cannot start any token
  2 |  b: 1
    | ^
  hint: YAML does not allow tabs for indentation: use spaces

Error: 1 problem; nothing was computed."""


def test_two_documents() -> None:
    assert error("a: 1\n---\nb: 2\n") == """\
f.yaml:2:1: invalid YAML: a second document starts here: a file holds only one
  2 | ---
    | ^
  hint: remove this '---' line, or split the file

Error: 1 problem; nothing was computed."""


def test_duplicate_anchor() -> None:
    assert error("a: &x 1\nb: &x 2\n") == """\
f.yaml:2:4: invalid YAML: duplicate anchor &x
  2 | b: &x 2
    |    ^
  first defined at: f.yaml:1:4
    1 | a: &x 1
      |    ^
  hint: rename one of the two anchors

Error: 1 problem; nothing was computed."""


def test_undefined_alias() -> None:
    assert error("a: *x\n") == """\
f.yaml:1:4: invalid YAML: alias *x refers to no anchor
  1 | a: *x
    |    ^
  hint: define the anchor (&x) before its first use (*x)

Error: 1 problem; nothing was computed."""


def test_control_character() -> None:
    assert error("a: 1\nb: x\x07y\n") == """\
f.yaml:2:5: invalid YAML: control character U+0007 is not allowed
  2 | b: x\ufffdy
    |     ^
  hint: remove it, or write it as an escape such as "\\t" in a double-quoted string

Error: 1 problem; nothing was computed."""


def test_duplicate_key() -> None:
    assert error("a: 1\nb: 2\na: 3\n") == """\
f.yaml:3:1: a: duplicate key 'a': YAML would silently keep only the last value
  3 | a: 3
    | ^
  first defined at: f.yaml:1:1
    1 | a: 1
      | ^
  hint: remove or rename one of the two

Error: 1 problem; nothing was computed."""


def test_duplicate_key_in_a_flow_mapping() -> None:
    assert error("x: {a: 1, b: 2, a: 3}\n").startswith(
        "f.yaml:1:17: x.a: duplicate key 'a': YAML would silently keep only the last value\n"
        "  1 | x: {a: 1, b: 2, a: 3}\n"
        "    |                 ^\n"
        "  first defined at: f.yaml:1:5\n")


def test_python_object_tag() -> None:
    assert error("a: !!python/object/apply:os.system [echo hi]\n") == """\
f.yaml:1:4: a: unsupported YAML tag !!python/object/apply:os.system
  1 | a: !!python/object/apply:os.system [echo hi]
    |    ^
  hint: only plain YAML values are read: remove the tag

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize(
    ("written", "tag"),
    [("!!python/object:os.system x", "!!python/object:os.system"),
     ("!!binary aGVsbG8=", "!!binary"), ("!!timestamp 2022-05-18", "!!timestamp"),
     ("!!set {a, b}", "!!set"), ("!custom x", "!custom")],
)
def test_unsupported_tags(written: str, tag: str) -> None:
    assert f"f.yaml:1:4: a: unsupported YAML tag {tag}\n" in error(f"a: {written}\n")


def test_explicit_tag_with_a_wrong_value() -> None:
    assert error("a: !!int abc\n") == """\
f.yaml:1:4: a: 'abc' is not a valid !!int
  1 | a: !!int abc
    |    ^
  hint: remove the tag, or fix the value

Error: 1 problem; nothing was computed."""


def test_tag_on_the_wrong_kind_of_node() -> None:
    assert "f.yaml:1:4: a: the tag !!str cannot be applied to a list\n" in error(
        "a: !!str [x]\n")


def test_complex_key() -> None:
    assert ("f.yaml:1:1: a mapping key must be a single word or string, not a list or a "
            "mapping\n") in error("[a]: 1\n")


def test_comma_in_a_number_inside_a_flow_mapping() -> None:
    assert error("drivers: {users: 1,800, interfaces: 3}\n") == """\
f.yaml:1:20: drivers: '1,800' is read as two entries: in {…}, a comma separates entries
  1 | drivers: {users: 1,800, interfaces: 3}
    |                    ^
  hint: quote it ("1,800") or write it without a comma

Error: 1 problem; nothing was computed."""


def test_alias_bomb() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    assert error("\n".join(lines) + "\n") == """\
f.yaml:7:4: aliases would expand this document to more than 2,000,000 values (an alias bomb?)
  7 | g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    |    ^
  hint: use fewer nested aliases

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize("text", ["a: &a\n  b: *a\n", "a: &a [*a]\n"])
def test_recursive_alias(text: str) -> None:
    assert error(text).startswith(
        "f.yaml:1:4: recursive alias: an anchor refers to itself\n")


def test_recursive_alias_message() -> None:
    assert error("a: &a [1, *a]\n") == """\
f.yaml:1:4: recursive alias: an anchor refers to itself
  1 | a: &a [1, *a]
    |    ^
  hint: an alias (*name) can only refer to an anchor (&name) it is not inside

Error: 1 problem; nothing was computed."""


def test_deep_nesting() -> None:
    assert error("a: " + "[" * 100 + "]" * 100 + "\n").startswith(
        "f.yaml:1:68: nesting too deep (more than 64 levels)\n")
    # Refused while composing, before Python's recursion limit is anywhere near.
    assert error("[\n" * 1500).startswith(
        "f.yaml:66:1: nesting too deep (more than 64 levels)\n")
    assert load("a: " + "[" * 63 + "]" * 63 + "\n")["a"] is not None


# --------------------------------------------------------------------------------------
# Encodings and files


def test_bom_and_crlf_are_accepted() -> None:
    assert load(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n") == {"a": 1, "b": ["x", "y"]}


def test_error_in_a_crlf_file() -> None:
    assert error(b"\xef\xbb\xbfa: 1\r\nb: !!int x\r\n") == """\
f.yaml:2:4: b: 'x' is not a valid !!int
  2 | b: !!int x
    |    ^
  hint: remove the tag, or fix the value

Error: 1 problem; nothing was computed."""


def test_old_mac_line_endings() -> None:
    assert load(b"a: 1\rb: 2\r") == {"a": 1, "b": 2}


def test_binary_file() -> None:
    assert error(b"\x00\x01\x02\x03binary\xff") == """\
f.yaml: binary file: this is not a YAML text file

Error: 1 problem; nothing was computed."""


def test_utf16_file() -> None:
    expected = """\
f.yaml: file is encoded in UTF-16
  hint: save it as UTF-8

Error: 1 problem; nothing was computed."""
    assert error("a: café\n".encode("utf-16")) == expected
    assert error("a: café\n".encode("utf-16-le")) == expected  # without a byte-order mark


def test_latin1_file() -> None:
    assert error("a: 1\nname: Café Piaf\n".encode("latin-1")) == """\
f.yaml:2:10: file is not valid UTF-8
  2 | name: Café Piaf
    |          ^
  hint: the file looks like Latin-1 or Windows-1252 (byte 0xE9); save it as UTF-8

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\xef\xbb\xbf"])
def test_empty_file(text: str) -> None:
    raw = text.encode("latin-1") if text.startswith("\xef") else text.encode()
    assert error(raw) == """\
f.yaml: file is empty
  hint: see `soicost init` for a starter set

Error: 1 problem; nothing was computed."""


def test_long_line_is_shown_around_the_column() -> None:
    message = error("a: [" + "1, " * 60 + "!!int x" + ", 2" * 60 + "]\n")
    excerpt = message.splitlines()[1:3]
    assert excerpt[0].startswith("  1 | …") and excerpt[0].endswith("…")
    assert len(excerpt[0]) == len("  1 | ") + 100
    # The caret is still under the tag.
    assert excerpt[0][excerpt[1].index("^")] == "!"


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_BYTES", 100)
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n" * 30)
    assert read_error(path) == """\
f.yaml: file is too large (150 bytes; the limit is 100 bytes)
  hint: an inventory of 10,000 applications takes about 3 MB

Error: 1 problem; nothing was computed."""


def test_size_limit_reads_as_10_mb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_BYTES", 10 * 1024 * 1024)
    path = tmp_path / "f.yaml"
    with path.open("wb") as handle:  # a sparse file: nothing is written
        handle.truncate(12 * 1024 * 1024)
    assert read_error(path).startswith(
        "f.yaml: file is too large (12 MB; the limit is 10 MB)\n")


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    assert read_error(tmp_path) == """\
f.yaml: is a folder, not a YAML file
  hint: --data names the folder; the three files inside it must be files

Error: 1 problem; nothing was computed."""


def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nope.yaml") == """\
f.yaml: file not found
  hint: run `soicost init DIR` to create a starter set, or point --data at a folder holding \
the three files

Error: 1 problem; nothing was computed."""


def test_file_that_is_not_regular(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    if not hasattr(__import__("os"), "mkfifo"):
        pytest.skip("no named pipes on this platform")
    __import__("os").mkfifo(fifo)
    assert read_error(fifo).startswith(
        "f.yaml: is not a regular file (a device, pipe or socket?)\n")


def test_problems_reached_through_an_alias_are_reported_once() -> None:
    message = error("p: &p {a: !!int x}\nq: *p\nr: *p\ns: *p\nt: *p\n")
    assert message == """\
f.yaml:1:11: p.a: 'x' is not a valid !!int
  1 | p: &p {a: !!int x}
    |           ^
  also used at: q.a, r.a, s.a and 1 more (through an alias)
  hint: remove the tag, or fix the value

Error: 1 problem; nothing was computed."""


def test_format_path() -> None:
    assert yamlio.format_path(()) == ""
    assert yamlio.format_path(("applications", 3, "quotes", 0, "amount")) == (
        "applications[3].quotes[0].amount")
    assert yamlio.format_path((0, "a")) == "[0].a"
    # Keys are names from the file: what a terminal would not print is escaped.
    assert yamlio.format_path(("drivers", "us\u200ders", "a\u2028b\xa0c")) == (
        "drivers.us\\u200ders.a\\u2028b\\xa0c")


# --------------------------------------------------------------------------------------
# Text that can hurt an output: controls, surrogates, bidirectional controls

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def problems(text: str) -> list[str]:
    """The rendered problems a document records while it is converted."""
    return [p.render() for p in compose_document(decode_source(text.encode(), "f.yaml")).problems]


def test_bidi_override_escaped_in_a_value() -> None:
    assert error('name: "Pay\\u202Eroll"\n') == """\
f.yaml:1:7: name: bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) in a string
  1 | name: "Pay\\u202Eroll"
    |       ^
  hint: it can make text display in another order than it is read (Trojan Source): remove it

Error: 1 problem; nothing was computed."""


def test_bidi_override_written_raw_is_not_shown_raw() -> None:
    # The reader lets it through; the excerpt shows U+FFFD in its place.
    assert error("a: 1\nname: Pay\u202eroll\n") == """\
f.yaml:2:7: name: bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) in a string
  2 | name: Pay\ufffdroll
    |       ^
  hint: it can make text display in another order than it is read (Trojan Source): remove it

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize("char", BIDI_CONTROLS)
def test_every_bidi_control_is_refused(char: str) -> None:
    for text in (f"a: x{char}y\n", f'a: "x\\u{ord(char):04X}y"\n', f"x{char}y: 1\n"):
        message = error(text)
        assert "\u202e" not in message and char not in message
        assert (f"bidirectional control character U+{ord(char):04X} "
                f"({unicodedata.name(char)}) in a ") in message


def test_lone_surrogate() -> None:
    assert error('a: "x\\ud800y"\n') == """\
f.yaml:1:4: a: lone surrogate U+D800 in a string
  1 | a: "x\\ud800y"
    |    ^
  hint: a surrogate is half of a UTF-16 pair, not a character: remove it, or write the \
character itself

Error: 1 problem; nothing was computed."""


def test_surrogate_pair_written_as_in_json() -> None:
    assert error('a: "\\ud83d\\ude00"\n') == """\
f.yaml:1:4: a: lone surrogate U+D83D in a string
  1 | a: "\\ud83d\\ude00"
    |    ^
  hint: YAML reads "\\uD83D\\uDE00" as two halves of a UTF-16 pair, not as one character: \
write the character itself, or "\\U0001F600"

Error: 1 problem; nothing was computed."""


def test_low_surrogate_alone() -> None:
    assert "a: lone surrogate U+DE00 in a string\n" in error('a: "\\ude00\\ud83d"\n')


@pytest.mark.parametrize("escape", ["\\x85", "\\u0085", "\\N"])
def test_next_line_control(escape: str) -> None:
    assert error(f'a: "x{escape}y"\n') == f"""\
f.yaml:1:4: a: control character U+0085 (next line, NEL) in a string
  1 | a: "x{escape}y"
    |    ^
  hint: remove it: some programs read it as a line break, others do not; write a line break \
as "\\n"

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize("code", [0x7F, 0x80, 0x9B, 0x9F])
def test_delete_and_c1_controls(code: int) -> None:
    assert error(f'a: "x\\x{code:02x}y"\n') == f"""\
f.yaml:1:4: a: control character U+{code:04X} in a string
  1 | a: "x\\x{code:02x}y"
    |    ^
  hint: remove it: only tabs and line breaks are allowed

Error: 1 problem; nothing was computed."""


def test_carriage_return_escape() -> None:
    assert error('a: "Piaf\\rPayroll"\n') == """\
f.yaml:1:4: a: control character U+000D (carriage return) in a string
  1 | a: "Piaf\\rPayroll"
    |    ^
  hint: remove it: it can make a terminal overwrite the text before it; write a line break \
as "\\n"

Error: 1 problem; nothing was computed."""


def test_tabs_and_line_feeds_stay_allowed_in_values() -> None:
    assert load('a: "x\\ty\\nz"\nb: "x\ty"\nc: |\n  one\n  two\n') == {
        "a": "x\ty\nz", "b": "x\ty", "c": "one\ntwo\n"}


def test_separators_and_joiners_are_not_refused() -> None:
    # Not controls: U+2028 ("\\L") is a line separator, U+200D joins emoji, U+00A0 is a space.
    assert load('a: "x\\Ly"\nb: "\U0001F469\u200d\U0001F4BB"\nc: "500\u00a0000"\n') == {
        "a": "x\u2028y", "b": "\U0001F469\u200d\U0001F4BB", "c": "500\u00a0000"}


def test_a_raw_line_separator_is_refused_even_in_a_comment() -> None:
    # PyYAML (YAML 1.1) ends a line at U+2028 where editors show none: this comment hid a
    # horizon that was read, and every line number after it was one off (found by the
    # hostile fuzzing campaign, docs/quality.md).
    assert error("a: 1  # reviewed\u2028horizon: {start: 2050}\nb: 2\n") == """\
f.yaml:1:17: U+2028 (LINE SEPARATOR) written as it is: a line break to YAML 1.1 readers, \
not to editors
  1 | a: 1  # reviewed\ufffdhorizon: {start: 2050}
    |                 ^
  hint: the file would not read as it shows (a comment could hide a line that is read): \
remove it, or write it as "\\u2028" in a double-quoted string

Error: 1 problem; nothing was computed."""


def test_raw_paragraph_separator_and_next_line_in_strings() -> None:
    assert error('a: 1\nb: "x\u2029y"\n').splitlines()[:2] == [
        "f.yaml:2:6: U+2029 (PARAGRAPH SEPARATOR) written as it is: a line break to YAML 1.1 "
        "readers, not to editors", '  2 | b: "x\ufffdy"']
    # Raw, a NEL in quotes was folded into a space and escaped the check for controls.
    assert error('a: "x\x85y"\n') == """\
f.yaml:1:6: control character U+0085 (next line, NEL) written as it is: a line break to YAML \
1.1 readers, not to editors
  1 | a: "x\ufffdy"
    |      ^
  hint: the file would not read as it shows (a comment could hide a line that is read): \
remove it, or write a line break as "\\n"

Error: 1 problem; nothing was computed."""


def test_tab_in_a_key() -> None:
    assert error("drivers:\n  'users\t': 100\n") == """\
f.yaml:2:3: drivers: control character U+0009 (tab) in a key
  2 |   'users ': 100
    |   ^
  hint: remove it: a key is one line without tabs or control characters

Error: 1 problem; nothing was computed."""


def test_line_break_in_a_key() -> None:
    assert error('a: {"x\\ny": 1}\n') == """\
f.yaml:1:5: a: control character U+000A (line break) in a key
  1 | a: {"x\\ny": 1}
    |     ^
  hint: remove it: a key is one line without tabs or control characters

Error: 1 problem; nothing was computed."""


@pytest.mark.parametrize(
    ("key", "message"),
    [('"a\\x85b"', "control character U+0085 (next line, NEL) in a key"),
     ('"a\\x7fb"', "control character U+007F in a key"),
     ('"a\\rb"', "control character U+000D (carriage return) in a key"),
     ('"a\\ud800b"', "lone surrogate U+D800 in a key"),
     ("a\u2067b", "bidirectional control character U+2067 (RIGHT-TO-LEFT ISOLATE) in a key")],
)
def test_other_characters_refused_in_keys(key: str, message: str) -> None:
    assert problems(f"x:\n  {key}: 1\n  ok: 2\n")[0].startswith(f"f.yaml:2:3: x: {message}\n")


def test_a_refused_key_is_dropped_and_its_mapping_damaged() -> None:
    doc = compose_document(decode_source(b'x:\n  "na\\tme": Piaf\n  kind: vendor\n', "f.yaml"))
    assert doc.data == {"x": {"kind": "vendor"}}
    # "missing key 'name'" is a consequence: validation leaves out errors in this mapping.
    assert doc.is_damaged(("x", "name"))
    assert not doc.is_damaged(("y",))


def test_escape_beyond_the_last_unicode_character() -> None:
    # PyYAML calls chr() on it unchecked: this was a traceback.
    assert error('a: 1\nname: "Pay\\U00110000roll"\n') == """\
f.yaml:2:11: invalid YAML: the escape "\\U00110000" is beyond the last Unicode character \
(U+10FFFF)
  2 | name: "Pay\\U00110000roll"
    |           ^
  hint: remove it, or write the character itself

Error: 1 problem; nothing was computed."""


def test_excerpt_hides_what_a_terminal_would_act_on() -> None:
    line = "a: x\u202ey\u2066z\x85w\u200bv\u2028u\ud800t\tend"
    shown = Location("f.yaml", 1, 4, line).render_excerpt()
    assert shown == ["  1 | a: x\ufffdy\ufffdz\ufffdw\ufffdv\ufffdu\ufffdt end", "    |    ^"]
    # A lone surrogate can be printed once replaced.
    "\n".join(shown).encode("utf-8")


# --------------------------------------------------------------------------------------
# Unicode normalisation: keys and strings are NFC

CAFE_NFC = "caf\u00e9"
CAFE_NFD = "cafe\u0301"


def test_strings_and_keys_are_read_in_nfc() -> None:
    doc = compose_document(decode_source(
        f"name: {CAFE_NFD}\n{CAFE_NFD}: '{CAFE_NFD}'\nlist: [{CAFE_NFD}]\n".encode(), "f.yaml"))
    assert doc.data == {"name": CAFE_NFC, CAFE_NFC: CAFE_NFC, "list": [CAFE_NFC]}
    assert not doc.problems
    assert doc.locate((CAFE_NFC,), key=True).render_position() == "f.yaml:2:1"


def test_no_compatibility_normalisation() -> None:
    # NFKC would turn m² into m2 and the ligature ﬁ into fi: different text, kept as written.
    assert load("a: m\u00b2\nb: \ufb01chier\nc: \u2460\nd: \uff11\n") == {
        "a": "m\u00b2", "b": "\ufb01chier", "c": "\u2460", "d": "\uff11"}


def test_keys_equal_after_nfc_are_duplicates() -> None:
    assert error(f"drivers:\n  {CAFE_NFC}: 1\n  {CAFE_NFD}: 2\n") == f"""\
f.yaml:3:3: drivers.{CAFE_NFC}: duplicate key '{CAFE_NFC}': the two are written with different \
Unicode forms of the same characters, and only one value would be kept
  3 |   {CAFE_NFD}: 2
    |   ^
  first defined at: f.yaml:2:3
    2 |   {CAFE_NFC}: 1
      |   ^
  hint: remove or rename one of the two

Error: 1 problem; nothing was computed."""


def test_keys_equal_after_nfc_in_a_flow_mapping_and_a_merge() -> None:
    assert "x.caf\u00e9: duplicate key 'caf\u00e9': the two are written with different" in (
        error(f"x: {{{CAFE_NFD}: 1, {CAFE_NFC}: 2}}\n"))
    # A merged key is overridden by the same key written in another form, as by the same
    # key written alike.
    assert load(f"b: &b {{{CAFE_NFD}: 1, k: 2}}\na:\n  <<: *b\n  {CAFE_NFC}: 3\n")["a"] == {
        CAFE_NFC: 3, "k": 2}


def test_fingerprint_does_not_depend_on_the_unicode_form(tmp_path: Path) -> None:
    # The fingerprint hashes the parsed inputs, not the file's bytes: once the reader
    # normalises, text written in NFD and in NFC fingerprints alike.
    def folder(name: str, form: Literal["NFC", "NFD"]) -> Path:
        def text(s: str) -> str:
            return unicodedata.normalize(form, s)
        return write_files(
            tmp_path / name,
            applications=APPLICATIONS.replace("Payroll", text("Paie des élus")).replace(
                "{users: 50}", text("{users: 50, données: 3}")).replace(
                "{users: 100}", "{users: 100, donn\u00e9es: 4}"),
            assumptions=ASSUMPTIONS + text("  données: {elasticity: 0.2}\n"))

    nfc, nfd = folder("nfc", "NFC"), folder("nfd", "NFD")
    assert (nfc / "applications.yaml").read_bytes() != (nfd / "applications.yaml").read_bytes()
    assert fingerprint(load_inputs(nfc), {}) == fingerprint(load_inputs(nfd), {})


# --------------------------------------------------------------------------------------
# Dotted thousands: 500.000 stays text, for the quantity grammar to refuse as ambiguous


@pytest.mark.parametrize(
    "written", ["500.000", "2.500", "1.000", "999.999", "-2.500", "+1.000", "!!float 500.000"])
def test_plain_dotted_thousands_stay_text(written: str) -> None:
    assert load(f"amount: {written}\n") == {"amount": written.removeprefix("!!float ")}


def test_dotted_thousands_in_a_flow_list_and_a_range() -> None:
    assert load("a: [500.000, 2.5]\nb: 300.000 to 900.000\n") == {
        "a": ["500.000", 2.5], "b": "300.000 to 900.000"}


@pytest.mark.parametrize(
    ("written", "value"),
    [("0.500", 0.5), ("0.125", 0.125), ("-0.500", -0.5), ("05.000", 5.0),
     ("1000.000", 1000.0), ("1.5", 1.5), ("1.50", 1.5), ("1.5000", 1.5), ("1.000e3", 1000.0),
     ("1.000E3", 1000.0), (".500", 0.5), ("500.", 500.0), ("5e3", 5000.0),
     ("!!float '500.000'", 500.0)],
)
def test_other_decimals_stay_numbers(written: str, value: float) -> None:
    result = load(f"amount: {written}\n")["amount"]
    assert result == value and type(result) is float


def test_quoted_dotted_thousands_are_text_as_before() -> None:
    assert load("a: '500.000'\nb: \"2.500\"\n") == {"a": "500.000", "b": "2.500"}


def test_a_dotted_thousands_key_is_its_text() -> None:
    assert load("drivers: {1.000: 2}\n") == {"drivers": {"1.000": 2}}


# --------------------------------------------------------------------------------------
# Property: any quoted string is refused, or read back as its NFC form and harmless

# Characters worth trying more often than chance would: those refused, those NFC changes
# (a combining accent, the Angstrom and Kelvin signs, Hangul jamo) and their neighbours.
_INTERESTING = (BIDI_CONTROLS + "\t\n\r\x7f\x80\x85\x9f\x1f\x00 e\u0301\u00e9\u212b\u212a"
                "\u1100\u1161\u11a8\u2028\u200d\u00a0\ufeff\u00b2\ufb01\ud800\udc00")
# Short runs of any text around single interesting characters, so that many examples hold
# exactly one (a string with two refused characters tells less about either).
_TEXTS = st.lists(st.one_of(st.text(max_size=4), st.sampled_from(_INTERESTING),
                            st.characters(categories=["Cs"])), max_size=4).map("".join)


def _refused(char: str, *, key: bool) -> bool:
    """What the reader must refuse, defined apart from its implementation."""
    category = unicodedata.category(char)
    if category == "Cc":
        return key or char not in "\t\n"
    return category == "Cs" or char in BIDI_CONTROLS


def _double_quoted(text: str, raw: list[bool]) -> str:
    """``text`` as a YAML double-quoted scalar: printable ASCII and (where ``raw`` says so)
    letters, marks, digits, punctuation and symbols as they are, the rest as escapes."""
    out = []
    for char, as_is in zip(text, raw, strict=True):
        if char not in '"\\' and ("\x20" <= char <= "\x7e" or (
                as_is and unicodedata.category(char)[0] in "LMNPS")):
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def _read_back(document: str) -> Any:
    """The data, or None when the document is refused (raised or recorded)."""
    try:
        doc = compose_document(decode_source(document.encode("utf-8"), "f.yaml"))
    except InputError as exc:
        assert exc.problems
        return None
    return None if doc.problems else doc.data


def _check_quoted(text: str, raw: list[bool]) -> None:
    quoted = _double_quoted(text, raw)
    value = _read_back(f"a: {quoted}\n")
    if any(_refused(c, key=False) for c in text):
        assert value is None
    else:
        assert value == {"a": unicodedata.normalize("NFC", text)}
        assert not any(_refused(c, key=False) for c in value["a"])
    key = _read_back(f"{quoted}: 1\n")
    if any(_refused(c, key=True) for c in text):
        assert key is None
    else:
        assert key == {unicodedata.normalize("NFC", text): 1}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data())
def test_any_quoted_string_is_refused_or_read_in_nfc(data: st.DataObject) -> None:
    text = data.draw(_TEXTS, label="text")
    _check_quoted(text, data.draw(st.lists(st.booleans(), min_size=len(text),
                                           max_size=len(text))))


@pytest.mark.parametrize("char", _INTERESTING)
def test_each_interesting_character_alone(char: str) -> None:
    # Examples are few; this tries every interesting character by itself, raw and escaped.
    for text in (char, f"x{char}", f"{char}y z"):
        _check_quoted(text, [True] * len(text))
        _check_quoted(text, [False] * len(text))


# --------------------------------------------------------------------------------------
# In French (--lang fr): the same problems, worded from the catalogue


def french(text: str | bytes) -> str:
    with pytest.raises(InputError) as info:
        load(text)
    return info.value.render("fr")


def test_a_syntax_error_in_french() -> None:
    assert french("a: {b: 1: 2}\n") == (
        "f.yaml:1:9: YAML non valide\u00a0: on attendait ',' ou '}', mais on a trouvé ':'\n"
        "  1 | a: {b: 1: 2}\n"
        "    |         ^\n"
        "  le dictionnaire commence à\u00a0: f.yaml:1:4\n"
        "    1 | a: {b: 1: 2}\n"
        "      |    ^\n"
        "\n"
        "Erreur\u00a0: 1 problème\u202f; rien n'a été calculé.")


def test_a_tab_and_an_undefined_alias_in_french() -> None:
    assert french("a:\n\tb: 1\n").splitlines()[0::3] == [
        "f.yaml:2:1: YAML non valide\u00a0: une tabulation ne peut commencer aucun élément",
        "  conseil\u00a0: YAML n'admet pas les tabulations pour l'indentation\u00a0: utilisez "
        "des espaces"]
    assert french("a: *nope\n").splitlines()[3] == (
        "  conseil\u00a0: définissez l'ancre (&nope) avant sa première utilisation (*nope)")


def test_a_duplicate_key_in_french() -> None:
    assert french("a: 1\na: 2\n").splitlines()[0] == (
        "f.yaml:2:1: a\u00a0: clé en double 'a'\u00a0: YAML ne garderait, sans le signaler, que la "
        "dernière valeur")


def test_a_control_character_in_french() -> None:
    assert french('a: "x\\x1fy"\n').splitlines()[0::3] == [
        "f.yaml:1:4: a\u00a0: caractère de contrôle U+001F dans une chaîne",
        "  conseil\u00a0: supprimez-le\u00a0: seules les tabulations et les sauts de ligne "
        "sont permis"]
    assert french('a: "x\\ry"\n').splitlines()[0] == (
        "f.yaml:1:4: a\u00a0: caractère de contrôle U+000D (retour chariot) dans une chaîne")


def test_a_file_too_large_in_french(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"#" * (yamlio.MAX_BYTES + 1536))
    with pytest.raises(InputError) as info:
        read_source(path, "f.yaml")
    assert info.value.render("fr").splitlines()[:2] == [
        "f.yaml: fichier trop volumineux (10 Mo\u202f; la limite est de 10 Mo)",
        "  conseil\u00a0: un inventaire de 10\u202f000 applications occupe environ 3 Mo"]
    assert info.value.render().splitlines()[0] == (
        "f.yaml: file is too large (10 MB; the limit is 10 MB)")


def test_an_unknown_syntax_error_keeps_pyyaml_words() -> None:
    # A problem PyYAML words in a way not known here is shown as PyYAML wrote it.
    problem = yamlio._pyyaml_words("found something never seen")
    assert problem is None
