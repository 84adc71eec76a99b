"""The package's shape: it never reaches into ``app``, and its public surface is explicit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import clients

PACKAGE = Path(clients.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_client_module_imports_app(module):
    """``app`` imports ``clients``, never the other way round."""
    forbidden = {n for n in imported_modules(module) if n == "app" or n.startswith("app.")}

    assert forbidden == set()


def test_public_names_are_sorted_and_all_exist():
    assert list(clients.__all__) == sorted(clients.__all__)
    assert [name for name in clients.__all__ if not hasattr(clients, name)] == []


def test_every_public_class_is_exported():
    """Nothing a caller needs is reachable only through a private module."""
    exported = {
        name
        for name, value in vars(clients).items()
        if isinstance(value, type) and not name.startswith("_")
    }

    assert exported <= set(clients.__all__)
