"""scripts/calibration_data.py: the ARFF reader, the history files it writes, and --check."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "calibration_data.py"


def _load() -> ModuleType:
    # As a docs script would: from its path, without an entry in sys.modules.
    spec = importlib.util.spec_from_file_location("calibration_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cd = _load()

# Projects kept per data set (none is dropped: no size or effort is missing or zero; the
# four incomplete Desharnais projects miss only TeamExp or ManagerExp).
COUNTS = {"albrecht": 24, "cocomo811": 63, "desharnais": 81, "finnish": 38, "isbsg10": 37,
          "kemerer": 15, "kitchenham": 145, "maxwell": 62, "miyazaki94": 48, "nasa93": 93}


# --------------------------------------------------------------------------------------
# The ARFF reader on hand-written snippets

SNIPPET = """\ufeff% a comment line
@relation 'my projects'   % a comment after a declaration

@attribute 'Project name' string
@attribute size numeric        % in function points
@attribute\t'effort (h)'\tREAL
@attribute kind {'new, green', legacy,'O\\'Brien'}
% between declarations
@DATA
'Alpha, the first',100,1200.5,'new, green'
Beta , 200 , ? , legacy   % trailing comment, with a comma
% a comment row

"Gamma 'quoted'",?,30,'O\\'Brien'
'50\\% done',1.5,2,legacy
"""


def test_the_reader_handles_quotes_commas_comments_and_missing_values() -> None:
    arff = cd.read_arff(SNIPPET.replace("\n", "\r\n"))
    assert arff.relation == "my projects"
    assert arff.attributes == [
        ("Project name", "string"), ("size", "numeric"), ("effort (h)", "REAL"),
        ("kind", "{'new, green', legacy,'O\\'Brien'}"),
    ]
    assert arff.rows == [
        ["Alpha, the first", "100", "1200.5", "new, green"],
        ["Beta", "200", None, "legacy"],
        ["Gamma 'quoted'", None, "30", "O'Brien"],
        ["50% done", "1.5", "2", "legacy"],
    ]
    assert arff.column("effort (h)") == 2
    assert arff.column(" Project name ") == 0  # blanks around a name do not matter


@pytest.mark.parametrize(("line", "values"), [
    ("1,2,3", ["1", "2", "3"]),
    ("'a,b',c", ["a,b", "c"]),
    ("O'Brien,2", ["O'Brien", "2"]),  # a quote inside a value opens nothing
    ("?, '?', 3", [None, "?", "3"]),  # only an unquoted ? is missing
    ("1,,3", ["1", "", "3"]),
    ("'80\\%',x % comment", ["80%", "x"]),
    ("   % only a comment", []),
])
def test_split_row(line: str, values: list[str | None]) -> None:
    assert cd.split_row(line) == values


@pytest.mark.parametrize(("text", "message"), [
    ("@relation r\n@attribute a numeric\n@data\n1,2\n", "2 values for 1 attributes"),
    ("@relation r\n@attribute a numeric\n@data\n'open,1\n", "unterminated quote"),
    ("@relation r\n@attribute a numeric\n@data\n{0 1}\n", "sparse"),
    ("@relation r\n@attribute a numeric\n", "no @data"),
    ("@relation r\n@data\n1\n", "before any @attribute"),
    ("@relation r\n@attribute 'a numeric\n@data\n1\n", "unterminated quote"),
    ("@relation r\n@attribute a\n@data\n1\n", "has no type"),
    ("@relation r\n@atribute a numeric\n@data\n1\n", "unexpected '@atribute'"),
])
def test_the_reader_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(cd.ArffError, match=re.escape(message)):
        cd.read_arff(text)


def test_a_column_must_exist_once() -> None:
    arff = cd.read_arff("@relation r\n@attribute a numeric\n@attribute 'a ' numeric\n@data\n")
    with pytest.raises(cd.ArffError, match="2 attributes named 'a'"):
        arff.column("a")
    with pytest.raises(cd.ArffError, match="0 attributes named 'b'"):
        arff.column("b")


# --------------------------------------------------------------------------------------
# Numbers and ids


@pytest.mark.parametrize(("source", "written"), [
    ("1.234", "1.2340"), ("0.125", "0.1250"), ("999.999", "999.9990"),
    ("1234.567", "1234.567"), ("1.23", "1.23"), ("1.2345", "1.2345"), ("1750", "1750"),
    ("13.033724", "13.033724"),
])
def test_a_number_is_written_as_in_the_source_unless_it_looks_like_thousands(
        source: str, written: str) -> None:
    assert cd.number_text(source) == written


@pytest.mark.parametrize("source", ["1e3", "-5", "1,5", ".5", "", "1 000", "+2"])
def test_only_plain_numbers_are_written(source: str) -> None:
    with pytest.raises(ValueError, match="not a plain decimal number"):
        cd.number_text(source)


def test_slug() -> None:
    assert cd.slug("A1") == "a1"
    assert cd.slug(" Project #12 (old) ") == "project-12-old"


def test_ids_fall_back_to_numbers_when_the_id_column_repeats() -> None:
    arff = cd.read_arff("@relation r\n@attribute ID string\n@data\nA\n'a'\nB\n")
    assert cd.project_ids("finnish", arff) == ["p1", "p2", "p3"]
    arff = cd.read_arff("@relation r\n@attribute ID string\n@data\nA 1\nB\n")
    assert cd.project_ids("finnish", arff) == ["a-1", "b"]


def test_rows_with_a_missing_or_non_positive_value_are_dropped(tmp_path: Path) -> None:
    source = tmp_path / "calibration" / "sources" / cd.SETS["kemerer"].file
    source.parent.mkdir(parents=True)
    source.write_text("@relation k\n@attribute ID numeric\n@attribute AdjFP numeric\n"
                      "@attribute EffortMM numeric\n@data\n"
                      "1,100,2.5\n2,?,3\n3,50,0\n4,1.125,7\n", encoding="utf-8")
    result = cd.history("kemerer", tmp_path)
    assert result.text() == "id,actual,size\n1,2.5,100\n4,7,1.1250\n"
    assert result.dropped == ["2: AdjFP missing", "3: EffortMM = 0"]


# --------------------------------------------------------------------------------------
# The committed data


def test_check_mode_passes_on_the_committed_files() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert cd.main(["--check"]) == 0


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "calibration", tmp_path / "calibration")
    return tmp_path


def test_check_mode_fails_on_a_stale_history(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    history = root / "calibration" / "histories" / "kemerer.csv"
    history.write_text(history.read_text(encoding="utf-8") + "16,1,1\n", encoding="utf-8")
    (root / "calibration" / "histories" / "maxwell.csv").unlink()
    assert cd.main(["--check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "kemerer.csv: differs" in err and "maxwell.csv: differs" in err
    # Writing them again repairs them.
    assert cd.main(["--root", str(root)]) == 0
    assert cd.main(["--check", "--root", str(root)]) == 0


def test_check_mode_fails_on_an_altered_or_unlisted_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    sources = root / "calibration" / "sources"
    with (sources / "promise" / "albrecht.arff").open("a", encoding="utf-8") as handle:
        handle.write("% an added comment changes no history\n")
    sums = sources / "SHA256SUMS"
    sums.write_text("".join(line + "\n" for line in sums.read_text().splitlines()
                            if "nasa93" not in line), encoding="utf-8")
    assert cd.main(["--check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "promise/albrecht.arff: SHA256 does not match" in err
    assert "promise/nasa93.arff: not listed in SHA256SUMS" in err
    # Nor does it write histories from altered sources.
    assert cd.main(["--root", str(root)]) == 1


def test_the_sources_match_the_shared_checksums() -> None:
    # The SHA256SUMS lines are those of /work/shared/calibration/SHA256SUMS for these files;
    # check them here independently of the script.
    sources = ROOT / "calibration" / "sources"
    lines = (sources / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 11
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((sources / name).read_bytes()).hexdigest() == digest
    assert {line.split("  ")[1] for line in lines} == {
        *(spec.file for spec in cd.SETS.values()), "estimates/jorgensen2004-tasks.csv"}


def test_the_number_of_projects_kept_per_set() -> None:
    assert {name: len(cd.history(name).rows) for name in cd.SETS} == COUNTS
    assert all(not cd.history(name).dropped for name in cd.SETS)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_the_committed_histories_are_well_formed(name: str) -> None:
    lines = (ROOT / "calibration" / "histories" / f"{name}.csv").read_text(
        encoding="utf-8").splitlines()
    header = "id,actual,size,estimate" if name == "kitchenham" else "id,actual,size"
    assert lines[0] == header
    assert len(lines) == COUNTS[name] + 1
    ids = [line.split(",")[0] for line in lines[1:]]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    for line in lines[1:]:
        for value in line.split(",")[1:]:
            assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", value) and float(value) > 0, line
            # soicost would refuse 1.234 as ambiguous thousands.
            assert not re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", value), line


def test_sets_are_described_for_the_docs() -> None:
    for name, (file, size, effort, estimate, title, unit, publication) in cd.SETS.items():
        assert (ROOT / "calibration" / "sources" / file).is_file(), name
        assert size and effort and title and unit and publication
        assert estimate is None or name == "kitchenham"
    assert cd.SETS["desharnais"].size == "PointsNonAjust"  # the labels are swapped


def test_jorgensen_estimates() -> None:
    pairs = cd.estimates()
    assert len(pairs) == 49
    assert pairs[0] == (67.0, 35.0)
    assert all(e > 0 and a > 0 for e, a in pairs)


def test_loglog_fit_recovers_a_power_law() -> None:
    pairs = [(s, 3.0 * s**0.8 * f) for s, f in [(10, 1.1), (20, 0.9), (40, 1.0), (80, 1.0)]]
    fit = cd.loglog_fit(pairs)
    assert fit.n == 4
    assert fit.slope == pytest.approx(0.8, abs=0.1)
    with pytest.raises(ValueError, match="at least three"):
        cd.loglog_fit(pairs[:2])
    exact = cd.loglog_fit([(s, 2.0 * s**1.2) for s in (1.0, 2.0, 5.0, 9.0)])
    assert exact.slope == pytest.approx(1.2) and exact.sd == pytest.approx(0, abs=1e-9)
