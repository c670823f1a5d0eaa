"""The house: each room imports only the rooms below it, and the stage libraries stay in theirs.

    extract -> transform (pure) -> warehouse -> checks, publish -> flows -> the CLI (plangap/cli.py)

A lower room never imports flows/ or the CLI; Prefect lives in flows/ and the CLI only;
transform/ touches neither the network nor a database; only warehouse/ runs SQL.
"""
from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("extract", "transform", "warehouse", "checks", "publish", "flows")

#: the rooms each room may import (besides itself)
ALLOWED = {
    "transform": set(),
    "extract": {"transform"},
    "warehouse": {"transform", "extract"},
    "checks": {"warehouse"},
    "publish": {"warehouse"},
    "flows": {"extract", "transform", "warehouse", "checks", "publish", "config"},
}
#: third-party libraries that belong to one stage
OWNED = {"prefect": {"flows", "cli"}, "requests": {"extract"}, "great_expectations": {"checks"},
         "duckdb": {"warehouse", "checks", "publish", "flows", "cli"}}


def _modules(room: str) -> list[Path]:
    return sorted((ROOT / room).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "plangap":
                names.update(f"plangap.{a.name}" for a in node.names)
    return names


def _room_of(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "plangap" or len(parts) < 2:
        return None
    return parts[1]


@pytest.mark.parametrize("room", ROOMS)
def test_a_room_imports_only_the_rooms_below_it(room):
    bad = []
    for path in _modules(room):
        for name in _imports(path):
            other = _room_of(name)
            if other and other != room and other not in ALLOWED[room]:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


@pytest.mark.parametrize("library", sorted(OWNED))
def test_stage_libraries_stay_in_their_rooms(library):
    rooms = {**{r: _modules(r) for r in ROOMS}, "cli": [ROOT / "plangap" / "cli.py"]}
    bad = [f"{p.relative_to(ROOT)} imports {library}" for room, paths in rooms.items() if room not in OWNED[library]
           for p in paths if any(n == library or n.startswith(library + ".") for n in _imports(p))]
    assert bad == []


def test_only_the_warehouse_runs_sql():
    bad = []
    for room in ROOMS:
        if room == "warehouse":
            continue
        for path in _modules(room):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr in ("execute", "executemany", "sql") :
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} calls .{node.func.attr}()")
    assert bad == []


def test_every_package_folder_is_installed_under_plangap():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapped = config["package-dir"]
    found = {"plangap"}
    for room in ROOMS:
        for init in (ROOT / room).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / room)
            found.add(".".join(("plangap", room, *rel.parts)))
    assert set(config["packages"]) == found
    assert all(name.startswith("plangap") for name in mapped)
