"""The command line against a hostile or careless user: huge sample counts, an output that is
an input, a closed pipe, a full disk, an ASCII terminal, symbolic-link loops, malformed JSON
given to verify and diff, two `tables` runs at once.

Every refusal is asserted in full (stderr and exit status): 1 for bad input or a failed
output, 2 for a usage error, never a traceback. What CliRunner cannot reproduce (pipes,
/dev/full, encodings of the real streams, interpreter exit) runs in real subprocesses.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import write_files
from soicost.analysis.estimate import EstimateOptions, check_options, estimate
from soicost.cli import app
from soicost.errors import FileError, OutputError, UsageError
from soicost.inputs.loader import load_inputs
from soicost.limits import MAX_SAMPLES, check_samples, check_sensitivity_samples
from soicost.outputs import refuse_inputs, write_stderr, write_stdout
from soicost.tables import table_files, write_tables

FAST = ["--samples", "100"]
TOO_MANY = ("Error: --samples must be at most 1,000,000 (got 1,000,001): memory grows with "
            "the samples, and 1,000,000 take up to about 3 GB on the bundled data; give "
            "--samples 1000000 or fewer\n")


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_files(tmp_path / "data")


@pytest.fixture
def no_computation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any simulation or data loading fails the test: refusals come before them."""
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed or read before refusing")

    monkeypatch.setattr("soicost.analysis.estimate.estimate", forbidden)
    monkeypatch.setattr("soicost.analysis.sensitivity.sensitivity", forbidden)
    monkeypatch.setattr("soicost.inputs.loader.load_inputs", forbidden)


# --------------------------------------------------------------------------------------
# 1. Bounds on --samples and --sensitivity-samples


@pytest.mark.parametrize("command", [
    ["estimate"], ["compare"], ["sensitivity"], ["explain", "payroll"], ["cite", "migration"],
    ["verify", "1f8cdd67"], ["assets"], ["tables", "--out", "t"], ["report", "--out", "r.html"],
    ["diff", "a", "b"]])
def test_too_many_samples_are_refused_by_every_command(command: list[str], runner: CliRunner,
                                                       no_computation: None) -> None:
    assert invoke(runner, *command, "--samples", str(MAX_SAMPLES + 1)) == (2, "", TOO_MANY)


def test_the_bound_comes_before_the_data(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "estimate", "--data", str(tmp_path / "nowhere"),
                          "--samples", "1000001")
    assert (code, err) == (2, TOO_MANY)


def test_too_few_samples(runner: CliRunner) -> None:
    assert invoke(runner, "estimate", "--samples", "99") == (
        2, "", "Error: --samples must be at least 100 (got 99): fewer cannot estimate a P10 "
               "or P90\n")


def test_an_absurd_number_of_samples_is_not_printed_in_full(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "estimate", "--samples", "9" * 40)
    assert code == 2
    assert err == ("Error: --samples must be at most 1,000,000 (got a number of 40 "
                   "digits): memory grows with the samples, and 1,000,000 take up to about "
                   "3 GB on the bundled data; give --samples 1000000 or fewer\n")


def test_sensitivity_samples_of_the_report(runner: CliRunner, no_computation: None) -> None:
    assert invoke(runner, "report", "--out", "r.html", "--sensitivity-samples",
                  "2000000") == (
        2, "", "Error: --sensitivity-samples must be at most 1,000,000 (got 2,000,000): "
               "memory grows with the samples, and 1,000,000 take up to about 3 GB on the "
               "bundled data; give --sensitivity-samples 1000000 or fewer\n")
    assert invoke(runner, "report", "--out", "r.html", "--sensitivity-samples", "-1") == (
        2, "", "Error: --sensitivity-samples must be 0 (no sensitivity analysis) or positive "
               "(got -1)\n")


@pytest.mark.parametrize(("seed", "shown"), [("-1", "-1"),
                                             (str(2**63), str(2**63)),
                                             ("9" * 50, "a number of 50 digits")])
def test_seeds_outside_64_bits(seed: str, shown: str, runner: CliRunner) -> None:
    for command in (["estimate"], ["assets"]):
        assert invoke(runner, *command, "--seed", seed) == (
            2, "", f"Error: --seed must be a whole number from 0 to 2**63 - 1 (got {shown})\n")


def test_the_library_applies_the_same_bounds(data: Path) -> None:
    from soicost.analysis.sensitivity import report_sensitivities, sensitivity
    from soicost.finance.assets import value_assets

    check_samples(MAX_SAMPLES)
    check_sensitivity_samples(0)
    check_sensitivity_samples(MAX_SAMPLES)
    inputs = load_inputs(data)
    big = EstimateOptions(samples=MAX_SAMPLES + 1)
    message = TOO_MANY.removeprefix("Error: ").removesuffix("\n")
    for call in (lambda: check_options(big), lambda: estimate(inputs, big),
                 lambda: sensitivity(inputs, "migration", big),
                 lambda: value_assets(inputs, samples=MAX_SAMPLES + 1)):
        with pytest.raises(UsageError) as caught:
            call()
        # The CLI names the flag; the library, the concept (issue 16).
        assert caught.value.render() == f"Error: {message}"
        assert str(caught.value) == message.replace("--samples", "samples")
        assert caught.value.exit_code == 2
    result = estimate(inputs, EstimateOptions(samples=100))
    with pytest.raises(UsageError) as caught:
        report_sensitivities(inputs, result, MAX_SAMPLES + 1)
    assert caught.value.render().startswith(
        "Error: --sensitivity-samples must be at most 1,000,000")
    assert str(caught.value).startswith("sensitivity samples must be at most 1,000,000")
    with pytest.raises(UsageError) as caught:
        value_assets(inputs, samples=100, seed=-1)
    assert caught.value.render().startswith("Error: --seed must be a whole number")
    assert str(caught.value).startswith("seed must be a whole number")


def test_the_bound_is_documented() -> None:
    root = Path(__file__).resolve().parents[1]
    assert "100 to 1,000,000; memory grows with them" in (root / "docs/cli.md").read_text(
        encoding="utf-8")
    performance = (root / "docs/performance.md").read_text(encoding="utf-8")
    assert "## Bounds on the number of samples" in performance
    assert "2,878,688" in performance  # the measurement behind the bound


# --------------------------------------------------------------------------------------
# 2. An output that is an input


def refused(output: Path, source: Path, option: str = "--output", link: bool = False) -> str:
    via = " (through a link)" if link else ""
    return (f"Error: {output} ({option}) is the input file {source}{via}: writing it would "
            "replace the data being read; write elsewhere\n")


def test_output_onto_an_input_file(runner: CliRunner, data: Path,
                                   no_computation: None) -> None:
    target = data / "applications.yaml"
    before = target.read_bytes()
    for command in ("estimate", "compare", "assets"):
        assert invoke(runner, command, "--data", str(data), *FAST, "--output",
                      str(target)) == (2, "", refused(target, target))
    assert invoke(runner, "report", "--data", str(data), *FAST, "--out", str(target)) == (
        2, "", refused(target, target, "--out"))
    assert invoke(runner, "sensitivity", "--data", str(data), *FAST, "--output",
                  str(target)) == (2, "", refused(target, target))
    assert target.read_bytes() == before


def test_output_onto_an_input_through_links(runner: CliRunner, data: Path, tmp_path: Path,
                                            no_computation: None) -> None:
    symbolic = tmp_path / "estimate.json"
    symbolic.symlink_to(data / "applications.yaml")
    hard = tmp_path / "estimate.md"
    os.link(data / "assumptions.yaml", hard)
    chart = tmp_path / "chart.svg"
    chart.symlink_to(data / "infrastructure.yaml")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "--output",
                  str(symbolic)) == (2, "", refused(symbolic, data / "applications.yaml",
                                                    link=True))
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "--output",
                  str(hard)) == (2, "", refused(hard, data / "assumptions.yaml", link=True))
    assert invoke(runner, "sensitivity", "--data", str(data), *FAST, "--chart",
                  str(chart)) == (2, "", refused(chart, data / "infrastructure.yaml",
                                                 "--chart", link=True))
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_output_onto_an_input_of_the_environment_data(runner: CliRunner, data: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      no_computation: None) -> None:
    monkeypatch.setenv("SOICOST_DATA", str(data))
    target = data / "infrastructure.yaml"
    assert invoke(runner, "estimate", *FAST, "--output", str(target)) == (
        2, "", refused(target, target))


def test_tables_into_an_input(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    target = data / "assumptions.yaml"
    assert invoke(runner, "tables", "--data", str(data), *FAST, "--out", str(target)) == (
        2, "", refused(target, target, "--out"))
    # A table that is a link to an input is found once the table names are known, before
    # anything is written.
    out = tmp_path / "tables"
    out.mkdir()
    (out / "portfolio.md").symlink_to(data / "applications.yaml")
    before = (data / "applications.yaml").read_bytes()
    assert invoke(runner, "tables", "--data", str(data), *FAST, "--out", str(out)) == (
        2, "", refused(out / "portfolio.md", data / "applications.yaml", "--out", link=True))
    assert sorted(p.name for p in out.iterdir()) == ["portfolio.md"]
    assert (data / "applications.yaml").read_bytes() == before


def test_diff_output_onto_one_of_its_runs(runner: CliRunner, data: Path, tmp_path: Path,
                                          no_computation: None) -> None:
    old = tmp_path / "old.json"
    old.write_text("{}", encoding="utf-8")
    assert invoke(runner, "diff", str(old), str(data), "--output", str(old)) == (
        2, "", refused(old, old))
    link = tmp_path / "diff.md"
    link.symlink_to(data / "applications.yaml")
    assert invoke(runner, "diff", str(old), str(data), "--output", str(link)) == (
        2, "", refused(link, data / "applications.yaml", link=True))
    assert old.read_text(encoding="utf-8") == "{}"


def test_output_and_chart_the_same_file(runner: CliRunner, data: Path,
                                        no_computation: None) -> None:
    assert invoke(runner, "sensitivity", "--data", str(data), *FAST, "--output", "t.svg",
                  "--chart", "t.svg") == (
        2, "", "Error: --output and --chart name the same file (t.svg): the second would "
               "replace the first; give --chart another file name\n")


def test_an_output_that_does_not_exist_yet_is_no_input(data: Path, tmp_path: Path) -> None:
    refuse_inputs("--output", [tmp_path / "new.json", None], [data / "applications.yaml"])
    # an input that does not exist cannot be written over either
    refuse_inputs("--output", [data / "applications.yaml"], [tmp_path / "missing.yaml"])


def test_write_tables_protects_the_inputs(data: Path, tmp_path: Path) -> None:
    files = {"portfolio.md": b"x"}
    out = tmp_path / "out"
    out.mkdir()
    os.link(data / "applications.yaml", out / "portfolio.md")
    with pytest.raises(UsageError, match=r"\(--out\) is the input file .*applications.yaml "
                                         r"\(through a link\)"):
        write_tables(out, files, protect=[data / "applications.yaml"])
    assert (data / "applications.yaml").read_bytes() != b"x"


def test_output_onto_a_folder_says_so(runner: CliRunner, data: Path,
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, "estimate", "--data", str(data), *FAST, "--output", "")
    assert (code, err) == (1, "Error: cannot write .: Is a directory\n")


# --------------------------------------------------------------------------------------
# 3. Standard output: closed pipes, full disks, encodings that cannot show é or €


class FullDisk(io.TextIOBase):
    """A standard output on a full disk."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_write_stdout_on_a_full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    with pytest.raises(OutputError) as caught:
        write_stdout("Méthode drivers\n")
    assert caught.value.render() == ("Error: cannot write to standard output: No space left "
                                     "on device")
    assert caught.value.exit_code == 1


def test_write_stdout_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(OutputError, match=r"^cannot write to standard output: it is closed$"):
        write_stdout("x\n")
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    with pytest.raises(OutputError, match=r"^cannot write to standard output: it is closed$"):
        write_stdout("x\n")


def test_a_broken_pipe_is_pointed_at_the_null_device(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the failure, what is left in the buffer goes nowhere: Python's flush at exit
    cannot fail again (and print "Exception ignored")."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    stream = io.TextIOWrapper(io.BufferedWriter(io.FileIO(write_end, "w")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(OutputError, match=r"^cannot write to standard output: Broken pipe$"):
        write_stdout("x" * 200_000)
    assert os.path.samefile(f"/proc/self/fd/{write_end}", os.devnull) or \
        os.fstat(write_end).st_rdev == os.stat(os.devnull).st_rdev
    stream.write("more")
    stream.flush()  # no error any more
    stream.close()


def test_escapes_what_the_encoding_cannot_show(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    assert write_stdout("22,5 M€ — é\n") is True
    assert raw.getvalue() == "22,5 M\\u20ac \\u2014 é\n".encode("latin-1")
    assert write_stdout("é\n") is False


def test_write_stderr_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", FullDisk())
    write_stderr("Error: é\n")
    monkeypatch.setattr(sys, "stderr", None)
    write_stderr("Error: é\n")


def soicost(*args: str, env: dict[str, str] | None = None, **kwargs: Any
            ) -> subprocess.CompletedProcess[bytes]:
    """A real ``soicost`` process (CliRunner replaces the streams this section is about)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SOICOST_DATA", "PYTHONIOENCODING", "LC_ALL", "LANG")}
    environment.update({"NO_COLOR": "1", "COLUMNS": "100", "LANG": "en_GB.UTF-8"},
                       **(env or {}))
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "soicost.cli", *args], env=environment,
                          timeout=120, check=False, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_disk_for_real(data: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = soicost("estimate", "--data", str(data), *FAST, stdout=full)
    assert done.returncode == 1
    assert done.stderr == b"Error: cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_for_real(data: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "soicost.cli", "estimate", "--data", str(data), *FAST],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # nobody reads: the first write meets a closed pipe
    err = process.stderr.read()
    assert process.wait(timeout=120) == 1
    assert err == b"Error: cannot write to standard output: Broken pipe\n"


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_piped_into_head(unbuffered: str, tmp_path: Path) -> None:
    """`soicost estimate --format json | head -1`: the JSON (170 KB) is larger than a pipe
    holds, so head exits while soicost still writes. With PYTHONUNBUFFERED=1, Python's text
    layer used to drop the rest of a short write silently: 64 KiB written, exit status 0."""
    err = tmp_path / "stderr"
    command = (f"{sys.executable} -m soicost.cli estimate --samples 100 --format json "
               f"2>{err} | head -1; exit ${{PIPESTATUS[0]}}")
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SOICOST_DATA", "PYTHONUNBUFFERED")}
    if unbuffered:
        environment["PYTHONUNBUFFERED"] = unbuffered
    done = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120,
                          check=False, env=environment)
    assert done.stdout == b"{\n"
    assert done.returncode == 1
    assert err.read_bytes() == b"Error: cannot write to standard output: Broken pipe\n"


def test_standard_output_closed_for_real(data: Path) -> None:
    command = f"{sys.executable} -m soicost.cli estimate --data {data} --samples 100 >&-"
    done = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 1
    assert done.stderr == b"Error: cannot write to standard output: it is closed\n"


NOTE = (b"Note: standard output's encoding (ascii) cannot show some characters; they were "
        b"written as Python escapes (\\xe9, \\u20ac...). Set PYTHONIOENCODING=utf-8, or write "
        b"to a file with --output (always UTF-8).\n")


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"},
                                 {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0",
                                  "PYTHONUTF8": "0"}],
                         ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_an_ascii_standard_output(env: dict[str, str], data: Path) -> None:
    utf8 = soicost("estimate", "--data", str(data), *FAST, "--lang", "fr")
    assert utf8.returncode == 0
    text = utf8.stdout.decode("utf-8")
    assert "é" in text  # the test means something
    ascii_run = soicost("estimate", "--data", str(data), *FAST, "--lang", "fr", env=env)
    assert ascii_run.returncode == 0
    assert ascii_run.stdout == text.encode("ascii", "backslashreplace")
    assert ascii_run.stderr == NOTE
    quiet = soicost("-q", "estimate", "--data", str(data), *FAST, "--lang", "fr", env=env)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, ascii_run.stdout, b"")


def test_a_latin1_standard_output(data: Path) -> None:
    utf8 = soicost("compare", "--data", str(data), *FAST, "--lang", "fr").stdout.decode()
    assert "€" in utf8 or "\u202f" in utf8 or "\u2013" in utf8  # not all Latin-1
    latin = soicost("compare", "--data", str(data), *FAST, "--lang", "fr",
                    env={"PYTHONIOENCODING": "latin-1"})
    assert latin.returncode == 0
    assert latin.stdout == utf8.encode("latin-1", "backslashreplace")
    assert latin.stderr == NOTE.replace(b"(ascii)", b"(iso8859-1)")  # Python's name


def test_error_messages_with_accents_on_an_ascii_stderr(data: Path) -> None:
    (data / "applications.yaml").write_text(
        (data / "applications.yaml").read_text(encoding="utf-8").replace(
            "kind: vendor", "kind: éditeur €"), encoding="utf-8")
    done = soicost("validate", "--data", "data", env={"PYTHONIOENCODING": "ascii"},
                   cwd=data.parent)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode("ascii") == """\
data/applications.yaml:4:11: applications[0].kind: not one of the allowed values
  expected: one of vendor, in-house, lutece, saas
  found:    '\\xe9diteur \\u20ac'
  4 |     kind: \\xe9diteur \\u20ac
    |           ^

Error: 1 problem; nothing was computed.
"""


# --------------------------------------------------------------------------------------
# 4. Symbolic-link loops, pipes and devices as inputs

LOOP_HINT = "  hint: replace the link by what it should point at, or point it there\n"


def test_a_data_folder_that_is_a_symlink_loop(runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("loop").symlink_to("loop")
    expected = ("loop: is a symbolic-link loop: following the link never reaches a folder\n"
                + LOOP_HINT + "\nError: 1 problem; nothing was computed.\n")
    assert invoke(runner, "validate", "--data", "loop") == (1, "", expected)
    assert invoke(runner, "validate", "--data", "loop/inside") == (
        1, "", expected.replace("loop:", "loop/inside:", 1))
    monkeypatch.setenv("SOICOST_DATA", "loop")  # typer passes it on as --data
    assert invoke(runner, "estimate", *FAST) == (1, "", expected)


def test_input_files_that_are_symlink_loops(runner: CliRunner, data: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data.parent)
    for name in ("applications.yaml", "assumptions.yaml"):
        (data / name).unlink()
        (data / name).symlink_to(name)
    problem = ("data/{}: is a symbolic-link loop: following the link never reaches a file\n"
               + LOOP_HINT)
    assert invoke(runner, "validate", "--data", "data") == (
        1, "", problem.format("applications.yaml") + "\n"
        + problem.format("assumptions.yaml")
        + "\nError: 2 problems in 2 files; nothing was computed.\n")


def test_read_source_names_a_loop(tmp_path: Path) -> None:
    from soicost.errors import InputError
    from soicost.inputs.yamlio import read_source

    loop = tmp_path / "a.yaml"
    loop.symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(loop)
    with pytest.raises(InputError) as caught:
        read_source(loop, "a.yaml")
    assert caught.value.render() == (
        "a.yaml: is a symbolic-link loop: following the link never reaches a file\n"
        "  hint: replace the link by the file, or point it at the file\n\n"
        "Error: 1 problem; nothing was computed.")


@pytest.mark.parametrize(("make", "kind"), [("fifo", "a named pipe (FIFO)"),
                                             ("device", "a device")])
def test_data_that_is_a_pipe_or_a_device(make: str, kind: str, runner: CliRunner,
                                         tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if make == "fifo":
        os.mkfifo("data")
    else:
        Path("data").symlink_to(os.devnull)
    assert invoke(runner, "validate", "--data", "data") == (
        1, "", f"data: is {kind}, not a folder\n"
               "  hint: --data names a folder holding applications.yaml, infrastructure.yaml "
               "and assumptions.yaml\n\nError: 1 problem; nothing was computed.\n")


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_an_input_file_that_never_ends(target: str, runner: CliRunner, data: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data.parent)
    (data / "infrastructure.yaml").unlink()
    if target == "fifo":
        os.mkfifo(data / "infrastructure.yaml")
    else:
        (data / "infrastructure.yaml").symlink_to(target)
    assert invoke(runner, "validate", "--data", "data") == (
        1, "", "data/infrastructure.yaml: is not a regular file (a device, pipe or socket?)\n"
               "\nError: 1 problem; nothing was computed.\n")


# --------------------------------------------------------------------------------------
# 5. verify and diff given malformed JSON


@pytest.fixture(scope="module")
def run_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = write_files(tmp_path_factory.mktemp("run") / "data")
    from soicost.analysis.contract import to_json_data

    data: dict[str, Any] = json.loads(json.dumps(to_json_data(
        estimate(load_inputs(folder), EstimateOptions(samples=100)))))
    return data


WHAT = "a soicost JSON output (an object, as `soicost estimate --format json` writes)"


def malformed(run: dict[str, Any]) -> list[tuple[str, str | bytes, str]]:
    """(case, content of bad.json, the message after 'Error: bad.json')."""
    fp = run["fingerprint"]

    def edited(**changes: Any) -> str:
        return json.dumps({**run, **changes})

    app = run["applications"][0]
    text = json.dumps(run, indent=2)
    cut = text[:text.index('"p50"', text.index('"migration"'))]  # after "p10": …,
    return [
        ("applications 5", '{"applications": 5}',
         f": expected {WHAT}, found an object without 'fingerprint' (keys: 'applications')"),
        ("list", "[]", f": expected {WHAT}, found a list of 0 items"),
        ("null", "null", f": expected {WHAT}, found null"),
        ("portfolio", '{"portfolio": "x"}',
         f": expected {WHAT}, found an object without 'fingerprint' (keys: 'portfolio')"),
        ("no figures", json.dumps({"fingerprint": fp}),
         ": expected figures (migration, applications, assets, scenarios), found none "
         "(keys: 'fingerprint')"),
        ("fingerprint 5", edited(fingerprint=5),
         ": fingerprint: expected 'sha256:' and 64 hexadecimal digits, found 5"),
        ("samples text", edited(samples="x"), ': samples: expected a whole number, found "x"'),
        ("seed float", edited(seed=1.5), ": seed: expected a whole number, found 1.5"),
        ("method list", edited(method=["drivers"]),
         ": method: expected a string, found a list of 1 item"),
        ("digests", edited(input_digests=5),
         ": input_digests: expected an object of file names and 'sha256:' digests, found 5"),
        ("newer schema", edited(schema_version=2),
         ": schema_version: expected 1 or less, found 2 (written by a newer soicost: upgrade "
         "this one)"),
        ("applications 5 with fp", edited(applications=5),
         ": applications: expected a list, found 5"),
        ("application not object", edited(applications=["piaf"]),
         ': applications[0]: expected an object, found "piaf"'),
        ("id number", edited(applications=[{**app, "id": 3}]),
         ": applications[0].id: expected a non-empty string, found 3"),
        ("id missing", edited(applications=[{k: v for k, v in app.items() if k != "id"}]),
         ": applications[0].id: expected a non-empty string, found nothing"),
        ("id twice", edited(applications=[app, app]),
         ': applications[1].id: expected each id once, found "piaf" again'),
        ("p50 text", edited(applications=[{**app, "p50": "12"}]),
         ': applications[0].p50: expected a number, found "12"'),
        ("p50 boolean", edited(applications=[{**app, "p50": True}]),
         ": applications[0].p50: expected a number, found true"),
        ("p50 missing", edited(applications=[{k: v for k, v in app.items() if k != "p50"}]),
         ": applications[0]: expected a range {p10, p50, p90, mean}, found no 'p50'"),
        ("migration null", edited(migration=None),
         ": migration: expected a range {p10, p50, p90, mean}, found null"),
        ("huge float", text.replace(f'"p50": {json.dumps(run["migration"]["p50"])}',
                                    '"p50": 1e400', 1),
         ": migration.p50: expected a finite number, found a number too large for a float"),
        ("huge int", text.replace(f'"p50": {json.dumps(run["migration"]["p50"])}',
                                  '"p50": 1' + "0" * 400, 1),
         ": migration.p50: expected a finite number, found a whole number of 401 digits"),
        ("NaN", text.replace(f'"p50": {json.dumps(run["migration"]["p50"])}', '"p50": NaN', 1),
         ": migration.p50: expected a finite number, found NaN"),
        ("enormous int", '{"fingerprint": "' + fp + '", "seed": 1' + "0" * 5000 + "}",
         f": expected {WHAT}, found a number of more than 4300 digits"),
        ("scenario year", edited(scenarios=[{**run["scenarios"][0], "by_year": [{}]}]),
         ": scenarios[0].by_year[0].year: expected a whole number, found nothing"),
        ("cash not object", edited(scenarios=[{**run["scenarios"][0], "by_year": [
            {**run["scenarios"][0]["by_year"][0], "cash": []}]}]),
         ": scenarios[0].by_year[0].cash: expected an object with 'total', found a list of 0 "
         "items"),
        ("npv text", edited(scenarios=[{**run["scenarios"][0], "npv": "1M"}]),
         ': scenarios[0].npv: expected a range {p10, p50, p90, mean}, found "1M"'),
        ("truncated in a string", '{\n  "schema_version": 1,\n  "fingerprint": "sha256:12',
         ":3:18: not valid JSON: Unterminated string starting at (the file ends too early: "
         "truncated?)"),
        ("truncated after a comma", cut,
         f":{cut.count(chr(10)) + 1}:5: "
         "not valid JSON: Expecting property name enclosed in double quotes (the file ends "
         "too early: truncated?)"),
        ("empty", "", ":1:1: not valid JSON: Expecting value (the file ends too early: "
                      "truncated?)"),
        ("syntax", '{"fingerprint": 1,}', ":1:19: not valid JSON: Expecting property name "
                                          "enclosed in double quotes"),
        ("binary", bytes(range(128, 256)),
         ": expected UTF-8 text (a soicost JSON output), found byte 0x80 at offset 0: a "
         "binary file?"),
        ("nested", "[" * 100_000, f": expected {WHAT}, found JSON nested too deeply to read"),
    ]


def cases(run: dict[str, Any]) -> list[tuple[str, str | bytes, str]]:
    return [case for case in malformed(run) if case[2]]


def test_every_malformed_case_means_something(run_json: dict[str, Any]) -> None:
    assert len(cases(run_json)) == len(malformed(run_json)) >= 30


def test_verify_and_diff_refuse_malformed_json(runner: CliRunner, run_json: dict[str, Any],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    good = write_files(tmp_path / "data")
    Path("good.json").write_text(json.dumps(run_json), encoding="utf-8")
    for case, content, message in cases(run_json):
        bad = Path("bad.json")
        if isinstance(content, bytes):
            bad.write_bytes(content)
        else:
            bad.write_text(content, encoding="utf-8")
        expected = f"Error: bad.json{message}\n"
        assert invoke(runner, "verify", "bad.json", "--data", str(good)) == (
            1, "", expected), case
        assert invoke(runner, "diff", "bad.json", "good.json") == (1, "", expected), case
        assert invoke(runner, "diff", "good.json", "bad.json") == (1, "", expected), case


def test_verify_refuses_options_it_cannot_run(runner: CliRunner, run_json: dict[str, Any],
                                              data: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for changes, message in (
            ({"method": "magic"}, 'method: expected one of flat, drivers, fit, found "magic"'),
            ({"euros": "francs"}, 'euros: expected one of constant, current, found "francs"'),
            ({"samples": 5_000_000}, "samples: expected a whole number from 100 to 1,000,000 "
                                     "(what this soicost computes), found 5000000"),
            ({"seed": -1}, "seed: expected a whole number from 0 to 2**63 - 1, found -1")):
        Path("claim.json").write_text(json.dumps({**run_json, **changes}), encoding="utf-8")
        assert invoke(runner, "verify", "claim.json", "--data", str(data)) == (
            1, "", f"Error: claim.json: {message}\n")


def test_json_files_that_are_not_files(runner: CliRunner, data: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("folder.json").mkdir()
    os.mkfifo("fifo.json")
    Path("loop.json").symlink_to("loop.json")
    for name, message in (
            ("folder.json", f"expected {WHAT}, found a folder"),
            ("fifo.json", f"expected {WHAT}, found a named pipe (FIFO)"),
            ("loop.json", "is a symbolic-link loop (following it leads back to itself)"),
            ("missing.json", "file not found")):
        assert invoke(runner, "verify", name, "--data", str(data)) == (
            1, "", f"Error: {name}: {message}\n"), name
    assert invoke(runner, "diff", "fifo.json", "loop.json") == (
        1, "", f"Error: fifo.json: expected {WHAT}, found a named pipe (FIFO)\n")


def test_a_json_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from soicost.analysis.runjson import read_run

    monkeypatch.setattr("soicost.analysis.runjson.MAX_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text('{"fingerprint": "x"}', encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_run(path)
    assert str(caught.value) == (f"{path}: expected a soicost JSON output of at most 100 MB, "
                                 "found a file of 0 MB")


def test_diff_of_dicts_checks_them_too() -> None:
    from soicost.analysis.diff import diff

    with pytest.raises(FileError, match=r"^migration\.p10: expected a number, found null$"):
        diff({"migration": {"p10": None, "p50": 1, "p90": 1, "mean": 1}}, {})


FR_WHAT = ("une sortie JSON de soicost (un objet, comme l'écrit `soicost estimate --format "
           "json`)")


def test_verify_and_diff_refuse_malformed_json_in_french(
        runner: CliRunner, run_json: dict[str, Any], data: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.json").write_text(json.dumps(run_json), encoding="utf-8")
    app = run_json["applications"][0]
    for content, message in (
            ("[]", f"on attendait {FR_WHAT}, mais on a trouvé une liste de 0 élément"),
            ("{}", f"on attendait {FR_WHAT}, mais on a trouvé un objet sans 'fingerprint' "
                   "(clés\u00a0: néant)"),
            (json.dumps({**run_json, "schema_version": 2}),
             "schema_version\u00a0: on attendait 1 ou moins, mais on a trouvé 2 (écrit par une "
             "version plus récente de soicost\u00a0: mettez celle-ci à jour)"),
            (json.dumps({**run_json, "applications": [
                {k: v for k, v in app.items() if k != "id"}]}),
             "applications[0].id\u00a0: on attendait une chaîne de caractères non vide, mais "
             "on n'a rien trouvé"),
            (json.dumps({**run_json, "migration": {**run_json["migration"], "p50": "12"}}),
             'migration.p50\u00a0: on attendait un nombre, mais on a trouvé "12"'),
            ('{"fingerprint": 1,}', "1:19\u00a0: JSON non valide\u00a0: Expecting property name "
                                    "enclosed in double quotes"),
            (bytes(range(128, 256)), "on attendait du texte UTF-8 (une sortie JSON de soicost), "
                                     "mais on a trouvé l'octet 0x80 à la position 0\u00a0: un "
                                     "fichier binaire\u202f?")):
        bad = Path("bad.json")
        if isinstance(content, bytes):
            bad.write_bytes(content)
        else:
            bad.write_text(content, encoding="utf-8")
        where = "bad.json:" if message.startswith("1:19") else "bad.json\u00a0: "
        expected = f"Erreur\u00a0: {where}{message}\n"
        assert invoke(runner, "diff", "good.json", "bad.json", "--lang", "fr") == (
            1, "", expected)
        assert invoke(runner, "verify", "bad.json", "--data", str(data), "--lang", "fr") == (
            1, "", expected)
    Path("claim.json").write_text(json.dumps({**run_json, "samples": 5_000_000}),
                                  encoding="utf-8")
    assert invoke(runner, "verify", "claim.json", "--data", str(data), "--lang", "fr") == (
        1, "", "Erreur\u00a0: claim.json\u00a0: samples\u00a0: on attendait un nombre entier de "
               "100 à 1\u202f000\u202f000 (ce que cette version de soicost calcule), mais on a "
               "trouvé 5000000\n")
    assert invoke(runner, "verify", "zz12", "--data", str(data), "--lang", "fr") == (
        2, "", "Erreur\u00a0: 'zz12' n'est pas une empreinte\u00a0: on attendait de 8 à 64 "
               "chiffres hexadécimaux (comme dans 'empreinte 1f8cdd67'), ou un fichier JSON de "
               "soicost\n")
    assert invoke(runner, "diff", "missing.json", "good.json", "--lang", "fr") == (
        1, "", "Erreur\u00a0: missing.json\u00a0: fichier introuvable\n")


# --------------------------------------------------------------------------------------
# verify never says "gives fingerprint X, not X"

WHAT_RUN = "(method drivers, seed 20220518, 100 samples, constant euros)"


def full_fingerprint(data: Path) -> str:
    from soicost.analysis.fingerprint import fingerprint

    return fingerprint(load_inputs(data), EstimateOptions(samples=100).as_dict()
                       ).removeprefix("sha256:")


def flip(digit: str) -> str:
    return "0" if digit != "0" else "1"


def test_fingerprints_that_differ_after_the_eighth_digit(runner: CliRunner,
                                                         data: Path) -> None:
    computed = full_fingerprint(data)
    claimed = computed[:-1] + flip(computed[-1])
    assert invoke(runner, "verify", claimed, "--data", str(data), *FAST) == (
        1, f"Not reproduced: these data give fingerprint {computed} {WHAT_RUN}, not "
           f"{claimed}.\nCheck the data folder and the options (--seed, --samples, --method, "
           "--euros) printed with the citation.\n", "")
    short = computed[:8] + flip(computed[8])
    assert invoke(runner, "verify", short, "--data", str(data), *FAST) == (
        1, f"Not reproduced: these data give fingerprint {computed[:9]} {WHAT_RUN}, not "
           f"{short}.\nCheck the data folder and the options (--seed, --samples, --method, "
           "--euros) printed with the citation.\n", "")


def test_fingerprints_shown() -> None:
    from soicost.render.verify import fingerprints_shown

    assert fingerprints_shown("1f8cdd67", "2f8cdd67aa") == ("1f8cdd67", "2f8cdd67")
    assert fingerprints_shown("1f8cdd67ab", "1f8cdd67ac") == ("1f8cdd67ab", "1f8cdd67ac")
    assert fingerprints_shown("1f8cdd670", "1f8cdd67abcd") == ("1f8cdd670", "1f8cdd67a")


def test_same_fingerprint_other_figures(runner: CliRunner, data: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from soicost.analysis.runjson import figures

    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "--format", "json",
                  "--output", "run.json")[0] == 0
    run = json.loads(Path("run.json").read_text(encoding="utf-8"))
    old = run["migration"]["p50"]
    run["migration"]["p50"] = old + 1
    Path("run.json").write_text(json.dumps(run), encoding="utf-8")
    total = len(figures(run))
    code, out, err = invoke(runner, "verify", "run.json", "--data", str(data))
    assert (code, err) == (1, "")
    assert out == (
        f"Not reproduced: these data give the same fingerprint {full_fingerprint(data)[:8]} "
        f"{WHAT_RUN}, but 1 of {total} figures differ from run.json: migration.p50 "
        f"({old + 1!r} in the file, {old!r} now).\n"
        "Same inputs and options, other figures: the file was edited, or another version of "
        "soicost or numpy computed it.\n")
    for key in ("p10", "p90", "mean"):
        run["migration"][key] += 1
    Path("run.json").write_text(json.dumps(run), encoding="utf-8")
    out = invoke(runner, "verify", "run.json", "--data", str(data))[1]
    assert f"but 4 of {total} figures differ from run.json: migration.mean (" in out
    assert "now) and 1 more.\n" in out


# --------------------------------------------------------------------------------------
# 6. Two `soicost tables --out DIR` at once


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_writers_in_threads_write_one_after_the_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import soicost.tables

    names = [f"table-{i}.md" for i in range(6)]
    sets = {tag: {name: f"{tag} {name}\n".encode() for name in names} for tag in "ab"}
    out = tmp_path / "tables"
    events: list[str] = []
    real = soicost.tables.write_atomic

    def slow(path: Path, content: str | bytes) -> None:
        events.append(bytes(content).decode()[0] if isinstance(content, bytes) else "?")
        time.sleep(0.02)  # without the lock, the other thread writes in between
        real(path, content)

    monkeypatch.setattr(soicost.tables, "write_atomic", slow)
    threads = [threading.Thread(target=write_tables, args=(out, sets[tag])) for tag in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "".join(events) in ("a" * 6 + "b" * 6, "b" * 6 + "a" * 6)
    assert snapshot(out) == sets[events[-1]]  # one complete set, and nothing else


def test_a_writer_waits_for_the_lock(tmp_path: Path) -> None:
    from soicost.atomic import folder_lock

    out = tmp_path / "tables"
    files = {"portfolio.md": b"new\n"}
    with folder_lock(out):
        writer = threading.Thread(target=write_tables, args=(out, files))
        writer.start()
        time.sleep(0.3)
        assert snapshot(out) == {}
    writer.join(timeout=10)
    assert snapshot(out) == files


def test_two_tables_processes_at_once(data: Path, tmp_path: Path) -> None:
    """Two real `soicost tables` runs with different seeds. The first stalls after its first
    table; the second starts then. Without the lock the second would write all its tables
    during the stall and the first would then overwrite all but one: a mix. With it, the
    second waits and the folder ends with the second's complete set."""
    out = tmp_path / "tables"
    expected = {}
    for seed in (1, 2):
        result = estimate(load_inputs(data), EstimateOptions(samples=100, seed=seed))
        expected[seed] = table_files(result, "en")
    first = next(iter(expected[1]))
    assert all(expected[1][n] != expected[2][n] for n in (first, "applications.csv"))
    script = (
        "import os, sys, time\n"
        "real, calls = os.fsync, []\n"
        "def slow(fd):\n"
        "    calls.append(fd)\n"
        "    if len(calls) == 2 and os.environ.get('STALL'):\n"
        "        time.sleep(float(os.environ['STALL']))\n"
        "    real(fd)\n"
        "os.fsync = slow\n"
        "from soicost.cli import main\n"
        "main()\n")

    def start(seed: int, stall: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", script, "tables", "--out", str(out), "--data", str(data),
             *FAST, "--seed", str(seed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "STALL": stall})

    def stalled() -> bool:
        return (out / first).exists() and (out / first).read_bytes() == expected[1][first]

    stalling = start(1, "4")
    deadline = time.monotonic() + 60
    while not stalled():
        assert time.monotonic() < deadline and stalling.poll() is None
        time.sleep(0.02)
    second = start(2, "")
    for process in (stalling, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert snapshot(out) == expected[2]


# --------------------------------------------------------------------------------------
# Typer's own output, and outputs under a symbolic-link loop


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["estimate", "--help"]])
def test_help_and_version_on_a_full_disk(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = soicost(*args, stdout=full)
    assert (done.returncode, done.stderr) == (
        1, b"Error: cannot write to standard output: No space left on device\n")


def test_main_reports_write_errors_and_reraises_the_rest(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import soicost.cli

    def full_disk(**kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(soicost.cli, "app", full_disk)
    monkeypatch.setattr("soicost.outputs._silence", lambda stream: None)
    with pytest.raises(SystemExit) as caught:
        soicost.cli.main()
    assert caught.value.code == 1
    assert capsys.readouterr().err == ("Error: cannot write to standard output: No space left "
                                       "on device\n")

    def bug(**kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(soicost.cli, "app", bug)
    with pytest.raises(PermissionError):  # a bug keeps its traceback
        soicost.cli.main()


def test_outputs_under_a_symlink_loop(runner: CliRunner, data: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("loop").symlink_to("loop")
    for args, path in ((["init", "loop"], "loop/applications.yaml"),
                       (["tables", "--out", "loop/t", "--data", str(data), *FAST],
                        "loop/t/portfolio.md"),
                       (["estimate", "--data", str(data), *FAST, "-o", "loop/e.md"],
                        "loop/e.md")):
        assert invoke(runner, *args) == (
            1, "", f"Error: cannot write {path}: loop is a symbolic-link loop\n"), args


# --------------------------------------------------------------------------------------
# Other hostile input, as a new user would type it


@pytest.mark.parametrize(("args", "code", "message"), [
    (["explain", "nope"], 2, "Error: no application 'nope' in the inventory\n"),
    (["explain", "a\nb"], 2, "Error: no application 'a\\nb' in the inventory\n"),
    (["cite", "app:"], 2, "Error: unknown figure 'app:'; choose one of: migration, app:ID, "
                          "writeoff, writeoff:ID, scenario:ID, delta:ID\n"),
    (["cite", " migration"], 2, "Error: unknown figure ' migration'; choose one of: "
                                "migration, app:ID, writeoff, writeoff:ID, scenario:ID, "
                                "delta:ID\n"),
    (["compare", "-s", "\x1b[31mred"], 2, "Error: no scenario '\\x1b[31mred' in "
                                          "assumptions.yaml; known: none\n"),
    (["sensitivity", "--figure", "delta:"], 2, "Error: unknown figure 'delta:': choose "
                                               "migration, scenario:ID or delta:ID with ID "
                                               "among status-quo\n"),
    (["verify", "sha256:"], 2, "Error: 'sha256:' is not a fingerprint: expected 8 to 64 "
                               "hexadecimal digits (as in 'fingerprint 1f8cdd67'), or a "
                               "soicost JSON file\n"),
    (["estimate", "--workers", "0"], 2, "Error: --workers must be from 1 to 8 (got 0): each "
                                        "worker holds a block of samples in memory; results "
                                        "are the same whatever the number\n"),
    (["compare", "--workers", "100000"], 2, "Error: --workers must be from 1 to 8 (got "
                                            "100,000): each worker holds a block of samples "
                                            "in memory; results are the same whatever the "
                                            "number\n"),
])
def test_odd_arguments(args: list[str], code: int, message: str, runner: CliRunner,
                       data: Path) -> None:
    assert invoke(runner, *args, "--data", str(data), *FAST) == (code, "", message)


@pytest.mark.parametrize("date", ["2023-02-30", "0000-01-01", "20230101", "yesterday"])
def test_odd_dates_are_usage_errors(date: str, runner: CliRunner, data: Path) -> None:
    code, out, err = invoke(runner, "assets", "--data", str(data), "--as-of", date)
    assert (code, out) == (2, "")
    assert "Invalid value for '--as-of'" in err and f"'{date}' does not match" in err


def test_the_workers_bound_is_the_library_s(data: Path) -> None:
    from soicost.analysis.estimate import Execution

    with pytest.raises(UsageError) as caught:
        estimate(load_inputs(data), EstimateOptions(samples=100), Execution(workers=9))
    assert caught.value.render().startswith("Error: --workers must be from 1 to 8 (got 9)")
    assert str(caught.value).startswith("workers must be from 1 to 8 (got 9)")


def test_report_writes_html_only(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "r.pdf")])
    assert (result.exit_code, result.stderr) == (
        2, "Error: --out writes HTML: give a file name ending in .html\n")
    assert not (tmp_path / "r.pdf").exists()


# --------------------------------------------------------------------------------------
# The same refusals in French (--lang fr): the catalogue's words, the user's values as given

# What French typography puts before a colon, and before ; ? and inside a number.
NBSP, NNBSP = "\u00a0", "\u202f"


def test_bounds_in_french(runner: CliRunner, no_computation: None) -> None:
    assert invoke(runner, "estimate", "--samples", "5", "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: --samples doit valoir au moins 100 (valeur donnée{NBSP}: 5)"
               f"{NBSP}: avec moins de tirages, ni le P10 ni le P90 ne peuvent être estimés\n")
    for command in (["estimate"], ["assets"]):
        assert invoke(runner, *command, "--seed", "-1", "--lang", "fr") == (
            2, "", f"Erreur{NBSP}: --seed doit être un nombre entier compris entre 0 et "
                   f"2**63 - 1 (valeur donnée{NBSP}: -1)\n")
    assert invoke(runner, "estimate", "--samples", "1000001", "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: --samples doit valoir au plus 1{NNBSP}000{NNBSP}000 (valeur "
               f"donnée{NBSP}: 1{NNBSP}000{NNBSP}001){NBSP}: la mémoire occupée croît avec les "
               f"tirages, et 1{NNBSP}000{NNBSP}000 tirages occupent jusqu'à 3 Go environ sur "
               f"les données fournies{NNBSP}; indiquez --samples 1000000 ou moins\n")
    code, _, err = invoke(runner, "estimate", "--seed", "9" * 50, "--lang", "fr")
    assert (code, err) == (2, f"Erreur{NBSP}: --seed doit être un nombre entier compris entre "
                              f"0 et 2**63 - 1 (valeur donnée{NBSP}: un nombre de 50 chiffres)\n")
    assert invoke(runner, "report", "--out", "r.html", "--sensitivity-samples", "-1",
                  "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: --sensitivity-samples doit valoir 0 (pas d'analyse de "
               f"sensibilité) ou être positif (valeur donnée{NBSP}: -1)\n")
    # The English is as it always was.
    assert invoke(runner, "estimate", "--samples", "5", "--lang", "en")[2] == (
        "Error: --samples must be at least 100 (got 5): fewer cannot estimate a P10 or P90\n")


def test_refused_outputs_in_french(runner: CliRunner, data: Path,
                                   no_computation: None) -> None:
    source = data / "assumptions.yaml"
    assert invoke(runner, "estimate", "--data", str(data), "--output", str(source),
                  "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: {source} (--output) est le fichier d'entrée {source}{NBSP}: "
               f"l'écrire remplacerait les données en cours de lecture{NNBSP}; écrivez "
               "ailleurs\n")
    assert invoke(runner, "sensitivity", "--data", str(data), *FAST, "--output", "t.svg",
                  "--chart", "t.svg", "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: --output et --chart désignent le même fichier (t.svg){NBSP}: "
               f"le second remplacerait le premier{NNBSP}; donnez à --chart un autre nom de "
               "fichier\n")
    assert invoke(runner, "estimate", "--format", "xlsx", "--lang", "fr") == (
        2, "", f"Erreur{NBSP}: --format xlsx écrit un fichier binaire{NBSP}: indiquez "
               "--output FICHIER.xlsx\n")


def test_unwritable_outputs_in_french(runner: CliRunner, data: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        # What the kernel says to anybody but root in a folder without write permission.
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "out" / "estimate.json"
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "-f", "json", "--output",
                  str(target), "--lang", "fr") == (
        1, "", f"Erreur{NBSP}: impossible d'écrire {target}{NBSP}: Permission refusée\n")
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "-f", "json", "--output",
                  str(target), "--lang", "en")[2] == (
        f"Error: cannot write {target}: Permission denied\n")


def test_the_system_s_words_in_french(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    from soicost.atomic import os_reason

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["schema", "--out", str(blocker / "schemas")],
                 ["tables", "--out", str(blocker / "t"), "--data", str(data), *FAST]):
        code, _, err = invoke(runner, *args, "--lang", "fr")
        assert code == 1
        assert err.startswith(f"Erreur{NBSP}: impossible d'écrire {blocker}/"), err
        assert err.endswith(f"{NBSP}: N'est pas un dossier\n"), err
    assert invoke(runner, "estimate", "--data", str(data), *FAST, "--output", str(tmp_path),
                  "--lang", "fr") == (
        1, "", f"Erreur{NBSP}: impossible d'écrire {tmp_path}{NBSP}: Est un dossier\n")
    # Words of the system the catalogue does not hold (or another system's) stay as they are.
    for exc in (OSError(errno.EIO, "Input/output error"),
                OSError(errno.EACCES, "Accès refusé"), OSError("no errno")):
        reason = os_reason(exc)
        assert str(reason) == str(exc.strerror or exc)
        assert OutputError(reason).words("fr") == str(exc.strerror or exc)
    full = OutputError(os_reason(OSError(errno.ENOSPC, "No space left on device")))
    assert full.render("fr") == (f"Erreur{NBSP}: Plus d'espace disponible sur le "
                                 "périphérique")
    assert full.render("en") == "Error: No space left on device"


def test_the_escape_note_in_french_where_standard_error_can_show_it() -> None:
    from soicost.outputs import escape_note

    assert escape_note("ascii", "fr", shown_in="utf-8") == (
        f"Remarque{NBSP}: l'encodage de la sortie standard (ascii) ne permet pas d'afficher "
        f"certains caractères{NNBSP}; ils ont été écrits sous forme d'échappements Python "
        "(\\xe9, \\u20ac, etc.). Définissez PYTHONIOENCODING=utf-8, ou écrivez dans un fichier "
        "avec --output (toujours en UTF-8).")
    # An ASCII standard error would escape the French letters: the note stays in English.
    assert escape_note("ascii", "fr", shown_in="ascii") == NOTE.decode("ascii").rstrip("\n")
    assert escape_note("ascii", "en", shown_in="utf-8") == NOTE.decode("ascii").rstrip("\n")


def test_every_command_takes_lang() -> None:
    import typer.main

    command = typer.main.get_command(app)
    assert isinstance(command, typer.main.TyperGroup)
    lacking = [name for name, sub in command.commands.items()
               if not any("--lang" in p.opts for p in sub.params)]
    assert lacking == []


def test_schema_speaks_its_lang(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path / "s"), "--lang", "fr"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"fichier écrit{NBSP}: {tmp_path / 's' / 'applications.schema.json'}")


@pytest.mark.parametrize("written", ["20000", "20 000", "20,000", "20\u202f000", "20\u00a0000"])
def test_samples_are_read_as_the_reference_line_writes_them(runner: CliRunner,
                                                            written: str) -> None:
    # A French citation prints "20 000 tirages" (narrow no-break space): typed back into
    # verify, it is the same count.
    result = runner.invoke(app, ["-q", "estimate", "-n", written, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["samples"] == 20000


@pytest.mark.parametrize("written", ["2 0000", "abc", "1,5", "20 00"])
def test_samples_that_are_not_a_count_are_refused(runner: CliRunner, written: str) -> None:
    result = runner.invoke(app, ["estimate", "-n", written])
    assert result.exit_code == 2
    assert "Input should be a valid integer" in result.output


@pytest.mark.parametrize("option", ["--samples", "--seed"])
def test_a_count_written_with_a_dot_is_refused_not_guessed(runner: CliRunner,
                                                           option: str) -> None:
    # "200.000" is 200,000 to a French reader and 200 to pydantic: refused, never read as 200.
    result = runner.invoke(app, ["estimate", option, "200.000", "--lang", "fr"])
    assert result.exit_code == 2
    assert ("'200.000' n'est pas un nombre entier écrit sans point (écrivez 200000)"
            in " ".join(result.output.replace("│", " ").split()))
