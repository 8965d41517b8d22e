"""The package's five layers: each imports only from the layers below it, and no
two modules import each other, directly or round a circle.

    cli ──▶ engine ──▶ site ──────▶ data
       └──▶ maintain ─▶ opendata ──▶ data
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# What each layer may import, besides itself.
ALLOWED = {
    "data": set(),
    "site": {"data"},
    "opendata": {"data"},
    "maintain": {"data", "opendata"},
    "engine": {"data", "site", "opendata"},
    "cli": {"data", "site", "opendata", "maintain", "engine"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The generator modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("generator"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() else base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "cli"


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in graph.items()
        for target in targets
        if layer(target) != layer(module) and layer(target) not in ALLOWED[layer(module)]
    )


def circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, or [] when there is none."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[node] = 2
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module, [module])):
            return found
    return []


def test_no_module_imports_from_a_layer_above_it():
    assert violations(GRAPH) == []


def test_there_are_five_layers_and_a_command_line():
    assert {layer(m) for m in MODULES} == set(ALLOWED)


def test_no_modules_import_each_other_round_a_circle():
    assert circle(GRAPH) == []


def test_the_imports_are_read_from_the_files():
    assert "generator.data.directory" in GRAPH["generator.site.pages"]
    assert "generator.data.loader" in GRAPH["generator.data.validate"]  # "from . import loader"
    assert "generator.engine.plugin" in GRAPH["generator.cli"] or "generator.engine.atomic" in GRAPH["generator.cli"]


def test_the_checks_find_an_upward_import_and_a_circle():
    upward = {"generator.data.schema": {"generator.site.urls"}, "generator.site.urls": set()}
    assert violations(upward) == ["generator.data.schema (data) imports generator.site.urls (site)"]
    sideways = {"generator.site.jsonld": {"generator.opendata.exports"}}
    assert violations(sideways) == ["generator.site.jsonld (site) imports generator.opendata.exports (opendata)"]
    ring = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert circle(ring) == ["a", "b", "c", "a"]
