"""Outputs are written atomically: an interrupted run leaves every file old or new, never
half-written, and a destination that cannot be written gives a message, not a traceback.

(``init`` refusing to overwrite without --force is tested in test_cli_inputs.py.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import APPLICATIONS, write_files
from soicost.analysis.estimate import EstimateOptions, estimate
from soicost.atomic import write_atomic
from soicost.cli import app
from soicost.errors import OutputError
from soicost.inputs.loader import load_inputs
from soicost.tables import table_files

FAST = ["--samples", "100"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_files(tmp_path / "data")


def new_tables(data: Path, seed: int) -> dict[str, bytes]:
    """What `soicost tables --data DATA --samples 100 --seed SEED` writes."""
    result = estimate(load_inputs(data), EstimateOptions(samples=100, seed=seed))
    return table_files(result, "en")


def tables(runner: CliRunner, data: Path, out: Path, seed: int) -> tuple[int, str]:
    result = runner.invoke(app, ["tables", "--out", str(out), "--data", str(data), *FAST,
                                 "--seed", str(seed)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


# --------------------------------------------------------------------------------------
# write_atomic itself


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    write_atomic(path, "old\n")
    write_atomic(path, "new\n" * 1000)
    assert path.read_text(encoding="utf-8") == "new\n" * 1000
    assert temporaries(tmp_path) == []


def test_write_atomic_respects_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.md", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o644


def test_a_failed_rename_keeps_the_old_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.md"
    path.write_bytes(b"old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("soicost.atomic.os.replace", fail)
    with pytest.raises(OutputError, match=r"^cannot write .*out\.md: No space left on device$"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert temporaries(tmp_path) == []


# --------------------------------------------------------------------------------------
# `soicost tables` interrupted in the middle


@pytest.mark.parametrize("failure", ["disk full", "interrupt"])
def test_tables_interrupted_after_the_first_file(failure: str, data: Path, tmp_path: Path,
                                                 runner: CliRunner,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "tables"
    assert tables(runner, data, out, seed=1)[0] == 0
    old = snapshot(out)
    new = new_tables(data, seed=2)
    assert set(new) == set(old)
    assert all(new[name] != old[name] for name in ("portfolio.md", "applications.csv"))

    real_replace = os.replace
    calls: list[str] = []

    def replace_once(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) > 1:
            if failure == "interrupt":
                raise KeyboardInterrupt
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("soicost.atomic.os.replace", replace_once)
    code, err = tables(runner, data, out, seed=2)
    if failure == "interrupt":
        assert code == 130
        assert err == "Interrupted.\n"
    else:
        assert code == 1
        assert err.endswith(f"Error: cannot write {calls[1]}: No space left on device\n")
    after = snapshot(out)
    assert set(after) == set(old)
    first = Path(calls[0]).name
    assert after[first] == new[first]  # written before the failure
    assert {name: after[name] for name in after if name != first} == {
        name: old[name] for name in old if name != first}  # untouched
    assert temporaries(out) == []


def test_tables_killed_while_writing(data: Path, tmp_path: Path, runner: CliRunner) -> None:
    """A real process killed with SIGKILL (no chance to clean up) between two files."""
    out = tmp_path / "tables"
    assert tables(runner, data, out, seed=1)[0] == 0
    old = snapshot(out)
    new = new_tables(data, seed=2)
    # Slow every write down (fsync sleeps), so that the kill lands between two files.
    script = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    time.sleep(0.3)\n"
        "    real(fd)\n"
        "os.fsync = slow\n"
        "from soicost.cli import main\n"
        f"sys.argv = ['soicost', 'tables', '--out', {str(out)!r}, '--data', {str(data)!r},"
        " '--samples', '100', '--seed', '2']\n"
        "main()\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            current = snapshot(out)
            if any(current.get(name) == content for name, content in new.items()
                   if content != old.get(name)):
                break  # at least one table is new: kill it in the middle
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    after = snapshot(out)
    names = set(after) - set(temporaries(out))
    assert names == set(old)
    for name in names:
        assert after[name] in (old[name], new[name]), f"{name} is neither old nor new"
    assert any(after[n] == new[n] != old[n] for n in names), "nothing new was written"
    assert any(after[n] == old[n] != new[n] for n in names), "the kill came too late"
    # A killed process cannot remove its temporary file: at most one is left, hidden.
    assert all(name.startswith(".") for name in temporaries(out))
    assert len(temporaries(out)) <= 1


# --------------------------------------------------------------------------------------
# Destinations that cannot be written


def test_tables_into_a_path_under_a_file(data: Path, tmp_path: Path,
                                         runner: CliRunner) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file\n", encoding="utf-8")
    code, err = tables(runner, data, blocker / "tables", seed=1)
    assert code == 1
    assert err == f"Error: cannot write {blocker / 'tables' / 'portfolio.md'}: Not a directory\n"


def test_estimate_output_into_a_read_only_folder(data: Path, tmp_path: Path,
                                                 runner: CliRunner,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0 or os.access(folder, os.W_OK):
        # Root writes anywhere: refuse as the kernel would for anybody else.
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        result = runner.invoke(app, ["estimate", "--data", str(data), *FAST, "--format",
                                     "json", "--output", str(folder / "estimate.json")])
    finally:
        folder.chmod(0o755)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {folder / 'estimate.json'}: Permission denied\n"
    assert list(folder.iterdir()) == []


def test_output_onto_a_folder(data: Path, tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    result = runner.invoke(app, ["estimate", "--data", str(data), *FAST, "--format", "json",
                                 "--output", str(target)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: Is a directory\n"
    assert temporaries(tmp_path) == []


def test_data_folder_is_never_written(data: Path, tmp_path: Path, runner: CliRunner) -> None:
    before = snapshot(data)
    assert tables(runner, data, tmp_path / "tables", seed=1)[0] == 0
    assert snapshot(data) == before
    assert (data / "applications.yaml").read_text(encoding="utf-8") == APPLICATIONS


def test_write_atomic_under_a_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError) as caught:
        write_atomic(loop / "sub" / "out.md", "x")
    assert str(caught.value) == f"cannot write {loop / 'sub' / 'out.md'}: {loop} is a " \
                                "symbolic-link loop"


def test_write_atomic_onto_the_current_folder(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match=r"^cannot write \.: Is a directory$"):
        write_atomic(Path(""), "x")  # what `--output ''` gives
    assert list(tmp_path.iterdir()) == []
