"""The folders show the flow: inputs → model → finance → analysis → render → the shell.

A module imports only from its own layer or the layers before it (and from the base
modules every layer uses), counting imports inside functions too; and no two modules
import each other, directly or around a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LAYERS = ("base", "inputs", "model", "finance", "analysis", "render", "shell")
# Small services of every layer. The package itself re-exports the API: it is the shell.
BASE = {"soicost.version", "soicost.errors", "soicost.defaults", "soicost.limits",
        "soicost.atomic", "soicost.i18n"}
SHELL = {"soicost", "soicost.api", "soicost.cli", "soicost.cli_help", "soicost.clidocs",
         "soicost.outputs", "soicost.tables", "soicost.typer_words"}


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in (SRC / "soicost").rglob("*.py")}


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    if module in SHELL:
        return "shell"
    package = module.split(".")[1]
    assert package in LAYERS, f"{module}: in no layer; add it to one in tests/test_layers.py"
    return package


def imports(module: str) -> set[str]:
    """Every soicost module ``module`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "soicost":  # from soicost import __version__, or a subpackage
                found |= {f"soicost.{a.name}" for a in node.names
                          if f"soicost.{a.name}" in MODULES}
                found.add("soicost")
            elif node.module.startswith("soicost."):
                base = node.module
                found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES}
                found.add(base)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("soicost")}
    return {m for m in found if m in MODULES and m != module}


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_no_import_climbs_back_up() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    wrong = sorted(f"{m} ({layer(m)}) imports {d} ({layer(d)})"
                   for m in MODULES for d in imports(m)
                   if layer(d) != "base" and rank[layer(d)] > rank[layer(m)]
                   and layer(m) != "base")
    assert not wrong, "\n".join(wrong)
    base_up = sorted(f"{m} imports {d}" for m in MODULES if layer(m) == "base"
                     for d in imports(m) if layer(d) != "base")
    assert not base_up, "\n".join(base_up)


def test_no_import_circle() -> None:
    graph = {m: imports(m) for m in MODULES}
    state: dict[str, int] = {}
    circles: list[str] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                circles.append(" -> ".join([*path[path.index(d):], d]))
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not circles, "\n".join(circles)


def test_the_architecture_page_lists_every_module_under_its_folder() -> None:
    text = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    sections = {"inputs": "**`inputs/`**", "model": "**`model/`**",
                "finance": "**`finance/`**", "analysis": "**`analysis/`**",
                "render": "**`render/`**"}
    missing = []
    for module, path in MODULES.items():
        if path.name == "__init__.py" and module != "soicost":
            continue
        folder = module.split(".")[1] if module.count(".") >= 2 else None
        where = text[text.index(sections[folder]):] if folder in sections else text
        table = where.split("\n\n", 2)[1] if folder in sections else where
        if f"`{path.name}`" not in table:
            missing.append(f"{module} ({path.name})")
    assert not missing, "modules missing from docs/architecture.md: " + ", ".join(missing)
