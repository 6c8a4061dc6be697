"""The apps' imports point one way (docs/architecture.md, "One-way imports"): read from the source with ``ast``.

Record apps (``members``, ``offices``) import no page type, no other project app but ``core``;
``core`` imports no project app; no app imports the translation tools (``translations`` plugs into the
others through hooks); and no two apps import each other, directly or through others."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
RECORD_APPS = ["members", "offices"]
# Apps that only plug into the others (hooks, signals, form extensions): nothing may import them.
LEAF_APPS = ["translations"]


def imported_apps(app):
    """{project app imported: first file that imports it} for every module of ``app`` (tests included,
    migrations too: a migration that imports another app's code ties them as much as a model does)."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in PROJECT_APPS and top != app:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


GRAPH = {app: imported_apps(app) for app in PROJECT_APPS}


def test_the_project_apps_are_found():
    assert {"core", "members", "offices", "pages", "translations"} <= set(PROJECT_APPS)


def test_core_imports_no_project_app():
    assert GRAPH["core"] == {}


@pytest.mark.parametrize("app", RECORD_APPS)
def test_record_apps_import_only_core(app):
    assert set(GRAPH[app]) <= {"core"}, GRAPH[app]


@pytest.mark.parametrize("leaf", LEAF_APPS)
def test_no_app_imports_a_leaf_app(leaf):
    importers = {app: files[leaf] for app, files in GRAPH.items() if leaf in files}
    assert not importers, importers


def test_the_imports_between_apps_have_no_cycle():
    """A depth-first walk; a cycle is reported as the path that closes it."""
    state = {}

    def visit(app, trail):
        state[app] = "open"
        for target in GRAPH[app]:
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*trail, app, target]))
            if target not in state:
                visit(target, [*trail, app])
        state[app] = "done"

    for app in PROJECT_APPS:
        if app not in state:
            visit(app, [])


def test_the_checker_sees_an_import(tmp_path):
    """The reader itself finds an import (so the rules above can fail)."""
    assert "members" in GRAPH["pages"]
