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
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import write_files
from soicost.cli import app
from soicost.errors import OutputError, UsageError
from soicost.estimate import EstimateOptions, check_options, estimate
from soicost.limits import MAX_SAMPLES, check_samples, check_sensitivity_samples
from soicost.loader import load_inputs
from soicost.outputs import refuse_inputs, write_stderr, write_stdout
from soicost.tables import write_tables

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

    monkeypatch.setattr("soicost.estimate.estimate", forbidden)
    monkeypatch.setattr("soicost.sensitivity.sensitivity", forbidden)
    monkeypatch.setattr("soicost.loader.load_inputs", forbidden)


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
    from soicost.assets import value_assets
    from soicost.sensitivity import report_sensitivities, sensitivity

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
        assert str(caught.value) == message
        assert caught.value.exit_code == 2
    result = estimate(inputs, EstimateOptions(samples=100))
    with pytest.raises(UsageError, match=r"^--sensitivity-samples must be at most 1,000,000"):
        report_sensitivities(inputs, result, MAX_SAMPLES + 1)
    with pytest.raises(UsageError, match=r"^--seed must be a whole number"):
        value_assets(inputs, samples=100, seed=-1)


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
