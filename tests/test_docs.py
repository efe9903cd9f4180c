"""The documentation stays true to the code: the CLI reference is generated and current,
every command documents itself with an example, links resolve, and the methodology's table
of defaults lists every default the models ship."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from soicost import clidocs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
METHODOLOGY = DOCS / "methodology.md"
REGENERATE = f"regenerate it with `{clidocs.REGENERATE}` and commit docs/cli.md"


# --------------------------------------------------------------------------------------
# docs/cli.md


@pytest.fixture(scope="module")
def rendered() -> str:
    return clidocs.render()


@pytest.fixture(scope="module")
def commands() -> list[clidocs.CommandHelp]:
    return clidocs.commands()


def test_cli_reference_is_up_to_date(rendered: str) -> None:
    current = CLI_MD.read_text(encoding="utf-8") if CLI_MD.exists() else None
    assert current is not None, f"docs/cli.md is missing: {REGENERATE}"
    assert current == rendered, f"docs/cli.md is out of date with the commands' --help: " \
                                f"{REGENERATE}"


def test_cli_reference_does_not_depend_on_the_terminal(
        rendered: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "37")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    again = clidocs.render()
    assert again == rendered
    assert "\x1b[" not in again, "ANSI escapes in the generated help"
    assert not any(ch in again for ch in "╭╮╰╯│─"), "rich panels in the generated help"


def test_every_command_has_help_and_an_example(commands: list[clidocs.CommandHelp]) -> None:
    assert commands, "no command found in soicost.cli.app"
    no_help = [c.name for c in commands if not c.docstring.strip()]
    no_example = [c.name for c in commands
                  if not re.search(r"^\s*Example:\s*soicost " + re.escape(c.name) + r"\b",
                                   c.docstring, re.MULTILINE)]
    assert not no_help, f"commands without a help text: {', '.join(no_help)}"
    assert not no_example, ("commands whose help has no 'Example: soicost <command> …' line: "
                            + ", ".join(no_example))


def test_every_command_is_in_the_cli_reference(commands: list[clidocs.CommandHelp]) -> None:
    text = CLI_MD.read_text(encoding="utf-8") if CLI_MD.exists() else ""
    missing = [c.name for c in commands if f"\n## soicost {c.name}\n" not in text]
    assert not missing, f"commands missing from docs/cli.md: {', '.join(missing)}; {REGENERATE}"


def test_clidocs_check_exit_status(tmp_path: Path, rendered: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.md"
    assert clidocs.main(["--check", "--output", str(out)]) == 1  # missing
    assert "missing" in capsys.readouterr().err
    assert clidocs.main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == rendered
    assert clidocs.main(["--check", "--output", str(out)]) == 0
    out.write_text(rendered + "edited by hand\n", encoding="utf-8")
    assert clidocs.main(["--check", "--output", str(out)]) == 1
    assert clidocs.REGENERATE in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        clidocs.main(["--no-such-option"])
    assert exc.value.code == 2


def _code(text: str) -> list[str]:
    """The code in a Markdown text: fenced blocks and inline code spans."""
    blocks = [m.group(0) for m in _FENCE.finditer(text)]
    spans = _INLINE_CODE.findall(_FENCE.sub("", text))
    return blocks + spans


def test_guides_and_methodology_name_only_existing_commands(
        commands: list[clidocs.CommandHelp]) -> None:
    known = {c.name for c in commands}
    unknown = []
    for name in ("guide.en.md", "guide.fr.md", "methodology.md", "architecture.md"):
        path = DOCS / name
        if not path.exists():
            unknown.append(f"{name} (missing)")
            continue
        for code in _code(path.read_text(encoding="utf-8")):
            for word in re.findall(r"(?:^|[\s$;&|(`])soicost ([a-z][a-z-]*)", code,
                                   re.MULTILINE):
                if word not in known:
                    unknown.append(f"{name}: soicost {word}")
    assert not unknown, "docs name commands that do not exist: " + "; ".join(unknown)


# --------------------------------------------------------------------------------------
# Links


_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"(?<!!)\[(?:[^\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _prose(text: str) -> str:
    """Markdown without code blocks and inline code, where links are not links."""
    return _INLINE_CODE.sub("", _FENCE.sub("", text))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    anchors = set()
    for match in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.MULTILINE):
        slug = _slug(match.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    anchors.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
    return anchors


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def test_internal_links_point_at_existing_files_and_headings() -> None:
    broken = []
    for doc in _documents():
        for target in _LINK.findall(_prose(doc.read_text(encoding="utf-8"))):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:, …
                continue
            file_part, _, anchor = target.partition("#")
            dest = (doc.parent / file_part).resolve() if file_part else doc
            where = f"{doc.relative_to(ROOT)} -> {target}"
            if not dest.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{where} (no such heading)")
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


def test_slug_follows_github() -> None:
    assert _slug("Write-off (non-cash)") == "write-off-non-cash"
    assert _slug("`soicost validate`") == "soicost-validate"
    assert _slug("Défauts et sources") == "défauts-et-sources"


# --------------------------------------------------------------------------------------
# The methodology's table of defaults


def _default_rows() -> dict[str, tuple[list[str], str | None]]:
    """Key -> (texts that its row must show, provenance status or None)."""
    from soicost.inputs.models import DEFAULT_FACTORS, Assumptions, Staff
    from soicost.inputs.quantity import format_number

    a = Assumptions(reference="x")
    staff = Staff()
    rows: dict[str, tuple[list[str], str | None]] = {}
    for name, values in DEFAULT_FACTORS.items():
        rows[f"factors.{name}"] = (
            [f"{cat} {format_number(float(v))}" for cat, v in values.items()],
            a.factors.provenance.status)
    rows["uncertainty.application"] = ([a.uncertainty.application.text],
                                       a.uncertainty.provenance.status)
    rows["optimism_bias"] = (["none"], a.optimism_bias.provenance.status
                             if a.optimism_bias.provenance else None)
    rows["discount_rate"] = ([a.discount_rate.text], a.discount_rate.provenance.status
                             if a.discount_rate.provenance else None)
    rows["amortisation.convention"] = ([a.amortisation.convention], None)
    general = a.indexation["general"].rate
    rows["indexation.general"] = ([general.text],
                                  general.provenance.status if general.provenance else None)
    for field in ("cost_per_fte", "turnover", "vacancy_rate", "months_to_fill",
                  "recruitment_cost", "vacancy_cover", "transfer_uplift"):
        q = getattr(staff, field)
        rows[f"staff.{field}"] = ([q.text], q.provenance.status if q.provenance else None)
    rows["horizon"] = (["+ 7"], None)
    rows["currency"] = ([a.currency], None)
    return rows


def test_methodology_lists_every_default_with_its_provenance() -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    problems = []
    for key, (texts, status) in _default_rows().items():
        row = next((line for line in text.splitlines()
                    if line.startswith(f"| `{key}` |")), None)
        if row is None:
            problems.append(f"{key}: no row '| `{key}` | …' in docs/methodology.md")
            continue
        problems += [f"{key}: its row does not show {t!r}" for t in texts if t not in row]
        if status is not None and f"**{status}**" not in row:
            problems.append(f"{key}: its row does not say **{status}**")
        if status == "assumed" and "**sourced**" in row:
            problems.append(f"{key}: an assumed default is claimed as sourced")
    assert not problems, "\n".join(problems)


def test_methodology_names_every_optimism_bias_preset() -> None:
    from soicost.inputs.presets import PRESETS

    text = METHODOLOGY.read_text(encoding="utf-8")
    missing = [name for name in PRESETS if f"`{name}`" not in text]
    assert not missing, f"presets not described in docs/methodology.md: {', '.join(missing)}"


def test_readme_screenshot_is_current() -> None:
    import subprocess
    import sys

    script = ROOT / "scripts" / "readme_screenshot.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_mutation_configuration_names_the_core_and_existing_tests() -> None:
    # docs/quality.md reports mutation scores from scripts/mutation.py: a renamed module
    # or test file must not silently leave the core unmutated or untested.
    import importlib.util
    import tomllib

    spec = importlib.util.spec_from_file_location("mutation", ROOT / "scripts" / "mutation.py")
    assert spec is not None and spec.loader is not None
    mutation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mutation)
    settings = tomllib.loads(mutation.config(ROOT))["tool"]["mutmut"]
    skipped = set(settings["do_not_mutate"])
    package = ROOT / "src" / "soicost"
    mutated = {str(p.relative_to(ROOT)) for p in package.rglob("*.py")} - skipped
    assert mutated == {f"src/soicost/{name}" for name in mutation.CORE}
    assert all((ROOT / t).is_file() for t in settings["pytest_add_cli_args_test_selection"])


# --------------------------------------------------------------------------------------
# docs/formats.md: a documented input that is refused is a bug


def _yaml_blocks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(text[:m.start()].count("\n") + 2, m[1])
            for m in re.finditer(r"^```yaml\n(.*?)^```", text, flags=re.S | re.M)]


def test_every_yaml_example_of_the_formats_is_accepted() -> None:
    from soicost.inputs.fields import Money
    from soicost.inputs.loader import validate_document
    from soicost.inputs.models import ApplicationsFile, Assumptions, InfrastructureFile
    from soicost.inputs.provenance import Provenance
    from soicost.inputs.yamlio import decode_source, load_document

    class Cost(BaseModel):
        cost: Money

    blocks = _yaml_blocks(DOCS / "formats.md")
    assert len(blocks) >= 8
    for line, block in blocks:
        doc = load_document(decode_source(block.encode(), f"docs/formats.md:{line}"))
        keys = set(doc.data)
        model: type[BaseModel]
        if "applications" in keys:
            model = ApplicationsFile
        elif "assets" in keys:
            model = InfrastructureFile
        elif keys == {"provenance"}:
            Provenance.model_validate(doc.data["provenance"])
            continue
        elif keys == {"cost"}:
            model = Cost
        else:
            model = Assumptions
            doc.data.setdefault("reference", "piaf")
        validate_document(doc, model)  # raises InputError, naming the block's line


def test_the_history_examples_of_the_formats_page_are_read_as_documented(tmp_path: Path
                                                                         ) -> None:
    import re

    from soicost.inputs.history import load_history
    from soicost.inputs.models import DEFAULT_FACTORS

    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    section = text[text.index("## History files"):]
    section = section[:section.index("\n## ", 1)] if "\n## " in section[1:] else section
    blocks = re.findall(r"```text\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2, "the YAML and CSV examples of 'History files'"
    categories = {name: set(values) for name, values in DEFAULT_FACTORS.items()}
    drivers = ["users", "interfaces", "data_gb"]
    (tmp_path / "history.yaml").write_text(blocks[0], encoding="utf-8")
    (tmp_path / "history.csv").write_text(blocks[1], encoding="utf-8")
    yaml_history = load_history(tmp_path / "history.yaml", drivers, categories)
    csv_history = load_history(tmp_path / "history.csv", drivers, categories)
    assert [p.id for p in yaml_history.projects] == ["payroll-2019", "intranet-2020",
                                                     "ged-2021"]
    assert yaml_history.projects[0].actual == 185_000.0
    assert yaml_history.projects[0].estimate == 150_000.0
    assert len(csv_history.projects) == 5 and csv_history.drivers == ("users", "interfaces")


PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PAGES_WITH_CODE = sorted(p for p in [ROOT / "README.md", *DOCS.glob("*.md")]
                         if PYTHON_BLOCK.search(p.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=lambda p: p.name)
def test_every_python_block_of_the_docs_runs(page: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # The blocks of one page run in order in one namespace, as a notebook session would,
    # in an empty folder (they may write files).
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOICOST_DATA", raising=False)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, block in enumerate(PYTHON_BLOCK.findall(page.read_text(encoding="utf-8")), 1):
        try:
            exec(compile(block, f"{page.name}, python block {number}", "exec"), namespace)
        except Exception as exc:  # the failure names the page and the block
            pytest.fail(f"{page.name}, python block {number}: {type(exc).__name__}: {exc}")
    capsys.readouterr()


def test_the_api_page_is_among_the_pages_run() -> None:
    assert DOCS / "api.md" in PAGES_WITH_CODE


@pytest.mark.parametrize(("guide", "expected"), [("guide.en.md", "expected.txt"),
                                                 ("guide.fr.md", "expected.fr.txt")])
def test_the_guides_show_the_warning_soicost_prints(guide: str, expected: str) -> None:
    # The guides quote the warning of a 500 € quote: the corpus checks that very output, in
    # each language, so a change of wording or of threshold cannot leave the guide behind.
    root = Path(__file__).resolve().parent
    shown = (root / "corpus" / "warnings" / "quote-of-500-euros" / expected).read_text(
        encoding="utf-8")
    text = (root.parent / "docs" / guide).read_text(encoding="utf-8")
    assert "```text\n" + shown + "```" in text


def test_the_french_guide_shows_the_error_soicost_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The guide's example: a French starter with 'vendor' mistyped on its first application.
    from typer.testing import CliRunner

    from soicost.cli import app

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["-q", "init", "mon-inventaire", "--lang", "fr"]).exit_code == 0
    apps = tmp_path / "mon-inventaire" / "applications.yaml"
    apps.write_text(apps.read_text(encoding="utf-8").replace(
        "kind: vendor ", "kind: vendr  ", 1), encoding="utf-8")
    shown = runner.invoke(app, ["validate", "--data", "mon-inventaire", "--lang", "fr"]).stderr
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide.fr.md").read_text(
        encoding="utf-8")
    assert "```text\n" + shown + "```" in guide


def test_the_english_guide_shows_the_errors_soicost_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The guide's example: the English starter with 'vendor' mistyped and a negative driver.
    from typer.testing import CliRunner

    from soicost.cli import app

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["-q", "init", "my-inventory", "--lang", "en"]).exit_code == 0
    apps = tmp_path / "my-inventory" / "applications.yaml"
    apps.write_text(apps.read_text(encoding="utf-8").replace(
        "kind: vendor ", "kind: vendr  ", 1).replace(
        "drivers: {users: 300, interfaces: 6}", "drivers: {users: -300, interfaces: 6}"),
        encoding="utf-8")
    shown = runner.invoke(app, ["validate", "--data", "my-inventory", "--lang", "en"]).stderr
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide.en.md").read_text(
        encoding="utf-8")
    assert "```text\n" + shown + "```" in guide
