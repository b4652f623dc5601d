"""Shared fixtures.  Qt runs offscreen; every test gets its own READINESS_HOME."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

from readiness.core.clock import FakeClock
from readiness.paths import HOME_ENV, AppPaths
from readiness.workspace import Workspace

# Tests never judge speed (benchmarks do): hypothesis' per-example deadline made a
# property test fail on a busy 2-core machine, so it is off for the whole suite.
settings.register_profile("readiness", deadline=None)
settings.load_profile("readiness")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CMS = REPO_ROOT.parent / "shared" / "data" / "cms"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shipped_books: builds the books shipped as package "
                            "data (readiness/resources/codesets), which the suite skips otherwise")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ui_root = Path(__file__).parent / "ui"
    for item in items:
        if ui_root in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(folder))
    return folder


@pytest.fixture
def paths(home: Path) -> AppPaths:
    return AppPaths(home).ensure()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(paths: AppPaths, fake_clock: FakeClock) -> Iterator[Workspace]:
    ws, _report = Workspace.open(paths, fake_clock, take_backup=False)
    yield ws
    ws.close()


@pytest.fixture
def shared_cms() -> Path:
    """The official CMS release files beside the repo; skips when they are absent."""
    if not SHARED_CMS.is_dir():
        pytest.skip(f"official CMS files not present at {SHARED_CMS}")
    return SHARED_CMS


@pytest.fixture(autouse=True)
def _no_shipped_books(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building every shipped book takes tens of seconds; a test opts in with the
    ``shipped_books`` marker (tests that open the code book get only what they build)."""
    if request.node.get_closest_marker("shipped_books") is None:
        from readiness.codebook import bundled

        monkeypatch.setattr(bundled, "SHIPPED", ())
