"""The project's import graph, read from the source with ``ast`` (nothing is imported): every import statement of
app.py, the app's packages and bench/, at module level or inside a function, resolved to the project module it names.
Used by tests/unit/test_architecture.py (cycles, lazy imports, sizes) and tests/unit/test_server_imports.py (what
the server can reach)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.support.open_data import REPO_ROOT

CODE_FOLDERS = ("pages", "ui", "reports", "present", "charts", "intake", "acquire", "loaders", "analysis", "core",
                "settings", "bench")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the project module imported
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def code_files() -> tuple[Path, ...]:
    """app.py and every Python file in the app's folders and bench/ (tests and the virtualenv excluded)."""
    files = [REPO_ROOT / "app.py"]
    for folder in CODE_FOLDERS:
        files += sorted((REPO_ROOT / folder).rglob("*.py"))
    return tuple(path for path in files if "__pycache__" not in path.parts)


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@cache
def project_modules() -> frozenset[str]:
    return frozenset(module_name(path) for path in code_files())


def _resolve(name: str) -> str | None:
    """The most specific project module that ``name`` (a dotted import path) names, or None."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in project_modules():
            return candidate
    return None


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        source = _absolute(node, module, is_package)
        names = [f"{source}.{alias.name}" for alias in node.names] or [source]
    return sorted({target for target in map(_resolve, names) if target and target != module})


class _ImportVisitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package = module, is_package
        self.depth = 0
        self.found: list[Import] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _function  # noqa: N815 - ast.NodeVisitor's method names

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for target in _targets(node, self.module, self.is_package):
            self.found.append(Import(self.module, target, node.lineno, self.depth > 0))

    visit_Import = visit_ImportFrom = _import  # noqa: N815


@cache
def project_imports() -> tuple[Import, ...]:
    found: list[Import] = []
    for path in code_files():
        visitor = _ImportVisitor(module_name(path), path.name == "__init__.py")
        visitor.visit(parsed(path))
        found += visitor.found
    return tuple(found)


def import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return cycles


def reachable_from(roots: set[str]) -> set[str]:
    """Every project module the ``roots`` import, directly or through others (the roots included)."""
    edges: dict[str, set[str]] = {}
    for found in project_imports():
        edges.setdefault(found.module, set()).add(found.target)
    seen, todo = set(), list(roots)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += edges.get(module, ())
    return seen
