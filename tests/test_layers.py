"""The architecture, checked: the core is Qt-free and the UI never runs SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "readiness"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def non_ui_modules() -> list[str]:
    return sorted(
        module_name(p) for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1] and p.name != "__main__.py"
    )


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_there_are_core_modules_to_check() -> None:
    assert "readiness.storage.db" in non_ui_modules()
    assert "readiness.core.blueprint" in non_ui_modules()


def test_importing_everything_outside_ui_leaves_qt_unloaded() -> None:
    modules = non_ui_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=PACKAGE.parent)
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"


def test_no_qt_import_outside_ui_even_lazily() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "ui":
            continue
        if any(n.split(".")[0] in QT_MODULES for n in imported_names(path)):
            offenders.append(str(path))
    assert offenders == []


def test_ui_never_imports_storage_or_sqlite() -> None:
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        for name in imported_names(path):
            if name.startswith("readiness.storage") or name == "sqlite3":
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_ui_reaches_code_sets_only_through_the_service() -> None:
    """The code book's facade and stores are the service's business (services/codebook)."""
    # library.py's helpers (split out of it) are the facade's business as much as it is.
    facade = ("library", "store", "pages", "see_refs", "code_hits", "code_titles")
    forbidden = tuple(f"readiness.codebook.{name}" for name in facade)
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        for name in imported_names(path):
            if name in forbidden or name.startswith(tuple(f + "." for f in forbidden)):
                offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
            elif name == "readiness.codebook" and _imports_from(path, "readiness.codebook",
                                                                facade):
                offenders.append(f"{path.relative_to(PACKAGE)}: readiness.codebook.library")
    assert offenders == []


def _imports_from(path: Path, module: str, names: tuple[str, ...]) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.ImportFrom) and node.module == module
               and any(a.name in names for a in node.names) for node in ast.walk(tree))


def test_sql_only_in_store_modules() -> None:
    """Only storage/ (user data) and codebook/ (code sets) talk to sqlite3."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0]
        if top in ("storage", "codebook"):
            continue
        if "sqlite3" in imported_names(path):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
