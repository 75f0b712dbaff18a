"""The structure stays as the README's "where things are" table draws it: the import-linter
contracts in pyproject.toml hold (layers, no launcher imports in production code), and no two
modules import each other, directly or round about."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parents[2]
ROOTS: list[str] = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"][
    "importlinter"]["root_packages"]


def test_the_import_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert lint_imports(no_cache=True, no_logo=True) == 0


def test_no_module_imports_itself_round_about() -> None:
    graph = grimp.build_graph(*ROOTS, cache_dir=None)
    cycles = []
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert cycles == []


def test_every_top_level_folder_with_code_is_in_a_layer() -> None:
    folders = {p.parent.name for p in REPO.glob("*/__init__.py")}
    assert folders - {"tests"} == set(ROOTS)
