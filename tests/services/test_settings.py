"""Settings are declared once (readiness/core/settings.py) and every read and write is checked."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from readiness.core import settings as prefs
from readiness.core.settings import REGISTRY, Setting, SettingError, declare
from readiness.services.settings import SettingsService
from readiness.storage.db import Database
from readiness.storage.migrations import migrate
from readiness.storage.settings import SettingsRepository

PACKAGE = Path(__file__).resolve().parents[2] / "readiness"
REGISTRY_FILE = PACKAGE / "core" / "settings.py"


@pytest.fixture
def service(tmp_path: Path) -> SettingsService:
    db = Database.open(tmp_path / "s.sqlite3")
    migrate(db)
    return SettingsService(SettingsRepository(db))


def test_unset_reads_the_declared_default(service: SettingsService) -> None:
    for setting in REGISTRY.values():
        assert service.get(setting) == setting.default
    assert service.get(prefs.EXAM_ZOOM) == 100
    assert service.get("exam.code_titles") is True


def test_written_value_reads_back_by_constant_or_key(service: SettingsService) -> None:
    service.set(prefs.EXAM_ZOOM, 130)
    assert service.get(prefs.EXAM_ZOOM) == 130
    assert service.get("exam.zoom") == 130
    service.reset(prefs.EXAM_ZOOM)
    assert service.get(prefs.EXAM_ZOOM) == 100


def test_undeclared_key_fails_on_read_and_write(service: SettingsService) -> None:
    with pytest.raises(SettingError, match="not a declared setting"):
        service.get("exam.zom")
    with pytest.raises(SettingError, match="not a declared setting"):
        service.set("counter", 1)


@pytest.mark.parametrize(("setting", "bad"), [
    (prefs.EXAM_ZOOM, "130"),
    (prefs.EXAM_ZOOM, True),  # bool is an int to Python, not a zoom
    (prefs.EXAM_ZOOM, 500),
    (prefs.EXAM_STRICT, 1),
    (prefs.COLOR_SCHEME, "purple"),
    (prefs.LAST_PAGE, None),
])
def test_wrong_type_or_value_fails_and_changes_nothing(
        service: SettingsService, setting: Setting[object], bad: object) -> None:
    before = service.get(setting)
    with pytest.raises(SettingError):
        service.set(setting, bad)
    assert service.get(setting) == before


def test_a_stored_value_that_no_longer_validates_reads_as_the_default(
        service: SettingsService) -> None:
    # Written by an older version, or edited by hand:
    SettingsRepository(service._repo.db).set("exam.zoom", "large")
    assert service.get(prefs.EXAM_ZOOM) == 100


def test_nullable_setting_clears(service: SettingsService) -> None:
    service.set(prefs.GEOMETRY, "AAAA")
    service.set(prefs.GEOMETRY, None)
    assert service.get(prefs.GEOMETRY) is None


def test_declaring_twice_or_with_a_bad_default_fails() -> None:
    with pytest.raises(SettingError, match="twice"):
        declare(Setting("exam.zoom", int, 100, "again"))
    with pytest.raises(SettingError, match="default"):
        declare(Setting("test.bad", int, "x", "bad default"))
    assert "test.bad" not in REGISTRY


def test_clamp_keeps_zoom_in_range() -> None:
    assert prefs.EXAM_ZOOM.clamp(500) == 200
    assert prefs.CODEBOOK_ZOOM.clamp(10) == 60


# -- the source: one declaration per key, used, and never spelled out elsewhere ------------
def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p != REGISTRY_FILE}


def test_every_declared_setting_is_used() -> None:
    constants = [name for name, value in vars(prefs).items() if isinstance(value, Setting)]
    assert len(constants) == len(REGISTRY)
    text = "\n".join(_sources().values())
    unused = [name for name in constants if not re.search(rf"\bprefs\.{name}\b", text)]
    assert unused == []


def test_no_call_site_names_a_key_or_a_default() -> None:
    """``settings.get("exam.zoom", 100)`` is how defaults got repeated; only constants pass."""
    offenders = []
    for path, text in _sources().items():
        for node in ast.walk(ast.parse(text)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"get", "set", "reset"}
                    and _is_settings(node.func.value)):
                first = node.args[0] if node.args else None
                literal = isinstance(first, ast.Constant)
                extra_default = node.func.attr == "get" and len(node.args) > 1
                if literal or extra_default:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        for key in REGISTRY:
            if f'"{key}"' in text or f"'{key}'" in text:
                offenders.append(f"{path.relative_to(PACKAGE)}: spells out {key}")
    assert offenders == []


def _is_settings(node: ast.expr) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name == "settings"
