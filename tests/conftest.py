"""Shared fixtures: small hand-written data folders, inputs built in memory, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from soicost.inputs.inputs import Inputs
from soicost.inputs.loader import load_texts

# A minimal valid set of the three files: two applications (the reference is quoted), one
# asset, one driver. Tests replace one file, or one line of it, and check the message.
APPLICATIONS = """\
applications:
  - id: piaf
    name: Piaf
    kind: vendor
    drivers: {users: 100}
    quotes:
      - amount: 500k
        date: 2022-05-18
    provenance: {status: sourced, source: SOI letter}
  - id: payroll
    name: Payroll
    kind: in-house
    drivers: {users: 50}
    provenance: {status: illustrative}
"""

INFRASTRUCTURE = """\
assets:
  - id: datacenter
    name: Data centre
    category: datacenter
    cost: 1M
    in_service: 2017-09-01
    life_years: 15
    provenance: {status: illustrative}
"""

ASSUMPTIONS = """\
reference: piaf
drivers:
  users: {elasticity: 0.5}
"""

FILES = ("applications.yaml", "infrastructure.yaml", "assumptions.yaml")

WriteInputs = Callable[..., Path]


def write_files(folder: Path, applications: str | bytes | None = APPLICATIONS,
                infrastructure: str | bytes | None = INFRASTRUCTURE,
                assumptions: str | bytes | None = ASSUMPTIONS) -> Path:
    """Write the three files into ``folder`` (created if needed); ``None`` leaves one out.
    Text is written as UTF-8 with '\\n' line endings; bytes are written as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in zip(FILES, (applications, infrastructure, assumptions), strict=True):
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def write_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteInputs:
    """``write_inputs(applications=..., infrastructure=..., assumptions=...)`` writes the
    three files into tmp_path (defaults: the minimal valid set) and returns the folder.

    The working directory is tmp_path, so messages show paths such as
    ``applications.yaml:8:11``.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOICOST_DATA", raising=False)

    def write(**files: str | bytes | None) -> Path:
        return write_files(tmp_path, **files)

    return write


def inputs_from(applications: Sequence[Mapping[str, Any]], assumptions: Mapping[str, Any],
                assets: Sequence[Mapping[str, Any]] = ()) -> Inputs:
    """The validated inputs of these applications, assumptions and assets, built in memory
    (no file): for tests of the model, the finances and the analyses. Tests of files, paths,
    positions in files and the command line write files instead (``write_files``)."""
    return load_texts({"applications": list(applications)}, {"assets": list(assets)},
                      assumptions)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("SOICOST_DATA", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return CliRunner()
