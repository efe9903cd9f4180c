"""The corpus of broken inputs: what users really write, and the exact message they get.

Every folder of ``tests/corpus/`` (except ``valid/``) holds the three input files with one
thing broken, and ``expected.txt``, the exact stderr of ``soicost validate --data .`` run
from inside the folder. Every case must exit 1, name the file and the line, and never show a
traceback. The folders of ``tests/corpus/valid/`` hold what looks broken but is not (CRLF
and a byte-order mark, ``500 000 €``…): they must exit 0, and ``expected.txt`` is stdout.
The folders of ``tests/corpus/warnings/`` hold what is legal but suspicious (a quote of
500 €, an event after the horizon): they must exit 0 with the figures' summary on stdout,
and ``expected.txt`` is stderr, every warning naming its file and line.

Every case is also run with ``--lang fr``: ``expected.fr.txt`` is its exact output, which
must hold no English sentence (:func:`english_in`).

Regenerate the expected files after a deliberate change of a message (then review the
diff): ``SOICOST_UPDATE_CORPUS=1 pytest tests/test_corpus.py``. See docs/quality.md.

Two cases cannot be committed and are built at run time: a 50 MB file, and an unreadable
one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import APPLICATIONS, write_files
from soicost.cli import app

CORPUS = Path(__file__).resolve().parent / "corpus"
VALID = CORPUS / "valid"
WARNINGS = CORPUS / "warnings"
UPDATE = os.environ.get("SOICOST_UPDATE_CORPUS") == "1"
EXPECTED = "expected.txt"
EXPECTED_FR = "expected.fr.txt"

BROKEN_CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p not in (VALID, WARNINGS))
VALID_CASES = sorted(p for p in VALID.iterdir() if p.is_dir())
WARNING_CASES = sorted(p for p in WARNINGS.iterdir() if p.is_dir())

# Problems about a whole file have no line to point at.
_FILE_LEVEL = ("file not found", "is a folder, not a YAML file", "file is too large",
               "file is empty", "file is encoded in", "binary file",
               "cannot read the file")
_HEAD = re.compile(r"^(applications|infrastructure|assumptions)\.yaml(:\d+:\d+)?: (.*)$")
_WARNING_HEAD = re.compile(
    r"^(applications|infrastructure|assumptions)\.yaml:\d+:\d+: warning: (.*)$")


def validate(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, folder: Path,
             *options: str) -> Result:
    """``soicost validate --data .`` from inside ``folder``, so messages show short paths."""
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["validate", "--data", ".", *options])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}")
    return result


def compare(expected_file: Path, actual: str) -> None:
    """Compare with the committed expected output, or rewrite it when updating."""
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected_file.is_file(), (
        f"{expected_file} is missing: run SOICOST_UPDATE_CORPUS=1 pytest tests/test_corpus.py "
        "and review it")
    assert actual == expected_file.read_text(encoding="utf-8")


def check_readable(stderr: str) -> None:
    """Every problem names its file, and its line unless it is about the whole file; the
    message ends with the count."""
    blocks = stderr.rstrip("\n").split("\n\n")
    assert blocks[-1].startswith("Error: ") and blocks[-1].endswith("nothing was computed.")
    assert len(blocks) >= 2
    for block in blocks[:-1]:
        head = block.splitlines()[0]
        match = _HEAD.match(head)
        assert match, f"a problem that does not name its file: {head!r}"
        if match[2] is None:
            assert match[3].startswith(_FILE_LEVEL), f"a problem without a line: {head!r}"


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN_CASES) >= 50
    assert len(VALID_CASES) >= 5


@pytest.mark.parametrize("case", BROKEN_CASES, ids=lambda p: p.name)
def test_broken_input(case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate(runner, monkeypatch, case)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    check_readable(result.stderr)
    compare(case / EXPECTED, result.stderr)


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.name)
def test_valid_input(case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate(runner, monkeypatch, case)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    compare(case / EXPECTED, result.stdout)


@pytest.mark.parametrize("case", WARNING_CASES, ids=lambda p: p.name)
def test_suspicious_input(case: Path, runner: CliRunner,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate(runner, monkeypatch, case)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Valid inputs: .")
    blocks = result.stderr.rstrip("\n").split("\n\n")
    assert len(blocks) >= 2
    assert re.fullmatch(r"Warning: \d+ warnings?; computing with "
                        r"(this input as written: check it|these inputs as written: check "
                        r"them)\.", blocks[-1])
    for block in blocks[:-1]:
        head = block.splitlines()[0]
        assert _WARNING_HEAD.match(head), f"a warning that does not name its line: {head!r}"
    compare(case / EXPECTED, result.stderr)


# Words of English sentences that no French message holds: soicost's own wording, once the
# values the files wrote (quoted, or in the excerpt of a source line) are set aside. Keys of
# the files (quotes, drivers, value…) are the format's, the same in both languages, and not
# here.
_ENGLISH = re.compile(r"\b(the|is|are|must|should|with|which|this|these|of|and|not|only|"
                      r"expected|found|hint|error|warning|problems?|missing|unknown|"
                      r"did you mean|write|needs?|number|mapping|list|file|line|"
                      r"range|year|valid|inputs|quoted|figures)\b", re.IGNORECASE)
# A quoted value starts and ends away from a letter: the apostrophes of French elisions
# (l'application, n'est) are not quotes, and what lies between two of them is soicost's.
_WRITTEN = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|^ +[0-9]* \|.*$|\S+\.ya?ml\S*",
                      re.MULTILINE)


def english_in(text: str) -> list[str]:
    """The English words of ``text``'s own wording (see :data:`_ENGLISH`)."""
    return sorted({m[0] for m in _ENGLISH.finditer(_WRITTEN.sub("", text))})


def test_the_english_detector_can_fail() -> None:
    english = (CORPUS / "amount-dashed-range" / EXPECTED).read_text(encoding="utf-8")
    assert {"expected", "found", "Error"} <= set(english_in(english))
    assert english_in("applications.yaml:3:5: 'the key': attendu :  une liste\n"
                      "  3 |   the: list of\n") == []
    # An elision is not a quote: English between two of them is still found.
    assert english_in("l'application 'piaf' the value must be a number n'est pas") == [
        "must", "number", "the"]


@pytest.mark.parametrize("case", [*BROKEN_CASES, *VALID_CASES, *WARNING_CASES],
                         ids=lambda p: p.name)
def test_in_french(case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate(runner, monkeypatch, case, "--lang", "fr")
    shown = result.stdout if case.parent == VALID else result.stderr
    compare(case / EXPECTED_FR, shown)
    assert english_in(shown) == []


def test_expected_files_have_unix_line_endings() -> None:
    # A checkout that converted them to CRLF would fail every case with an unreadable diff.
    for case in (*BROKEN_CASES, *VALID_CASES, *WARNING_CASES):
        path = case / EXPECTED
        if path.exists():
            assert b"\r\n" not in path.read_bytes(), path


# --------------------------------------------------------------------------------------
# Built at run time: too large to commit, or a permission git does not keep


def test_file_of_50_mb(tmp_path: Path, runner: CliRunner,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    padding = ("# " + "x" * 97 + "\n").encode("ascii")  # 100 bytes a line
    size = 50 * 1024 * 1024
    body = APPLICATIONS.encode("utf-8")
    lines, rest = divmod(size - len(body), len(padding))
    write_files(tmp_path, applications=body + padding * lines + b"#" * (rest - 1) + b"\n")
    assert (tmp_path / "applications.yaml").stat().st_size == size
    result = validate(runner, monkeypatch, tmp_path)
    assert result.exit_code == 1
    check_readable(result.stderr)
    assert result.stderr == """\
applications.yaml: file is too large (50 MB; the limit is 10 MB)
  hint: an inventory of 10,000 applications takes about 3 MB

Error: 1 problem; nothing was computed.
"""


def test_unreadable_file(tmp_path: Path, runner: CliRunner,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path)
    target = tmp_path / "applications.yaml"
    target.chmod(0)
    if os.geteuid() == 0 or os.access(target, os.R_OK):
        # Root reads anything: refuse the read as the kernel would for anybody else.
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            if self.name == "applications.yaml":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", refuse)
    try:
        result = validate(runner, monkeypatch, tmp_path)
    finally:
        target.chmod(0o644)
    assert result.exit_code == 1
    check_readable(result.stderr)
    assert result.stderr == """\
applications.yaml: cannot read the file: permission denied

Error: 1 problem; nothing was computed.
"""
