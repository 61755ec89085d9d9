"""No import cycles in the package: the module import graph, read from the source with `ast`.

Why a test: a cycle makes the order of imports matter (a name missing from a half-imported
module) and ties layers together that should not know each other (the data model to the
store, a reader to the reader that calls it). Both module-level imports and imports inside
functions count (a function-level import is how a cycle is usually hidden); imports under
`if TYPE_CHECKING:` do not (they never run: type hints only). Importing `a.b.c` is an edge to
`a.b.c` alone, not to the packages above it (whose own function-level imports do not run).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import conflictcoder

PACKAGE = Path(conflictcoder.__file__).parent
# cycles allowed, each as the sorted tuple of its modules, with the reason; keep it empty
ALLOWED: dict[tuple[str, ...], str] = {}


def modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's __init__)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            out.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return out


def imports_of(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that `name` imports anywhere in its source (module level or in a
    function), relative imports resolved; `from pkg import mod` is an edge to `pkg.mod`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _type_checking_only(tree)
    here = name.split(".") if is_package else name.split(".")[:-1]
    top = PACKAGE.name
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == top)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] != top:
                continue
            for a in node.names:
                out.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return {m for m in out if m in known and m != name}


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    mods = modules(root)
    return {name: imports_of(name, path, is_pkg, set(mods)) for name, (path, is_pkg) in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each as one cycle
    through them in import order, so that the message names the imports to cut."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(_cycle_through(sorted(component), edges))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(edges) + 100))
    try:
        for v in sorted(edges):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return found


def _cycle_through(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """One shortest path from the component's first module back to itself (breadth first)."""
    inside = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & inside):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return component  # not reached: a component of more than one module has a cycle


def test_the_package_has_no_import_cycles():
    found = [c for c in cycles(graph()) if tuple(sorted(set(c))) not in ALLOWED]
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_allow_list_names_only_cycles_that_exist():
    present = {tuple(sorted(set(c))) for c in cycles(graph())}
    assert set(ALLOWED) <= present, sorted(set(ALLOWED) - present)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / PACKAGE.name
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_cycle_through_a_function_level_relative_import_is_found_and_named(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "model.py": "def f():\n    from .ingest.reader import read\n",
        "ingest/__init__.py": "",
        "ingest/reader.py": "from ..model import Article\nfrom . import html\n",
        "ingest/html.py": "from conflictcoder import model\n",
        "store.py": "import conflictcoder.model\n",
    })
    found = cycles(graph(root))
    top = PACKAGE.name
    assert found == [[f"{top}.ingest.html", f"{top}.model", f"{top}.ingest.reader", f"{top}.ingest.html"]]


def test_type_checking_imports_and_the_package_above_do_not_count(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "from .frames import rows\n",
        "model.py": "def f():\n    from .frames import rows\n",
        "frames.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .model import A\n"
                     "def rows():\n    from .store import x\n",
        "store.py": "x = 1\n",
    })
    top = PACKAGE.name
    assert graph(root)[f"{top}.frames"] == {f"{top}.store"}
    assert cycles(graph(root)) == []


@pytest.mark.parametrize("module, imported", [
    ("link.linker", "store.duckdb_store"),  # the store may use the linker, not the reverse
    ("model", "ingest.reader"),
    ("ingest.html", "ingest.reader"),
    ("ingest.warc", "ingest.reader"),
])
def test_layers_that_must_not_know_each_other(module, imported):
    top = PACKAGE.name
    assert f"{top}.{imported}" not in graph()[f"{top}.{module}"]
