"""The shape of the code, read from its source with ``ast`` (nothing is imported): no import cycle between the
project's modules, counting imports inside functions too; no function-level import of a project module (a lazy
import hides a cycle, or a dependency the layers forbid); no module over 400 lines and no function over 60 in the
app and bench/ (tests excluded); every package says its one job in a one-line ``__init__`` docstring.

The layer rules themselves are in .importlinter (`make lint`); these are the rules it cannot state.
"""

from __future__ import annotations

import ast

from tests.support.import_graph import (
    CODE_FOLDERS,
    REPO_ROOT,
    code_files,
    import_cycles,
    module_name,
    parsed,
    project_imports,
    project_modules,
)

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def test_the_cycle_finder_finds_a_cycle_and_nothing_else():
    # a -> b -> c -> a is one cycle; d -> a hangs off it; e imports nothing.
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_cycles(edges) == [["a", "b", "c"]]


def test_no_import_cycle_between_the_projects_modules():
    edges: dict[str, set[str]] = {module: set() for module in project_modules()}
    for found in project_imports():
        edges[found.module].add(found.target)
    cycles = import_cycles(edges)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(cycle) for cycle in cycles)


def test_no_function_level_import_of_a_project_module():
    lazy = [f"{found.module}:{found.line} imports {found.target}" for found in project_imports() if found.in_function]
    assert not lazy, "function-level imports of project modules:\n" + "\n".join(lazy)


def test_no_module_over_400_lines():
    long = {module_name(path): lines for path in code_files()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, "modules over 400 lines:\n" + "\n".join(f"{name}: {lines}" for name, lines in long.items())


def test_no_function_over_60_lines():
    long = {}
    for path in code_files():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1  # the def line to the last line
                if lines > MAX_FUNCTION_LINES:
                    long[f"{module_name(path)}.{node.name} (line {node.lineno})"] = lines
    assert not long, "functions over 60 lines:\n" + "\n".join(f"{name}: {lines}" for name, lines in long.items())


def test_every_package_says_its_one_job_in_one_line():
    packages = sorted({path.parent for path in code_files() if path.name == "__init__.py"} |
                      {REPO_ROOT / folder for folder in CODE_FOLDERS if (REPO_ROOT / folder / "__init__.py").is_file()})
    missing = []
    for package in packages:
        docstring = ast.get_docstring(parsed(package / "__init__.py"))
        if not docstring or "\n" in docstring.strip():
            missing.append(f"{package.relative_to(REPO_ROOT)}/__init__.py: {docstring!r}")
    assert not missing, "packages without a one-line docstring:\n" + "\n".join(missing)
