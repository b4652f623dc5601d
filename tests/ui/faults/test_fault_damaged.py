"""Case 6 of issue 15: one changed byte inside a stored answer.  ``quick_check`` (and the
full ``integrity_check``) cannot see it: the page is sound, the JSON in it is not.  The
start must not crash; the attempt is offered for export, then put aside."""

from __future__ import annotations

import json
import sys
from collections import deque
from pathlib import Path

import pytest
from fixtures.exam_bank import make_bank
from pytestqt.qtbot import QtBot

from readiness.core.clock import FakeClock
from readiness.core.errors import DISK_FULL, StorageEnvironmentError
from readiness.core.exam.forms import full_mock_spec
from readiness.paths import AppPaths
from readiness.storage.backups import database_problem
from readiness.ui.app import Started, start
from readiness.ui.crash import make_excepthook
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.exam.page import ExamPage
from readiness.ui.faults import StoragePresenter
from readiness.workspace import Workspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def damaged_attempt(paths: AppPaths) -> int:
    workspace, _ = Workspace.open(paths, FakeClock(), take_backup=False)
    exams = workspace.exams
    exams.set_bank(make_bank(per_domain=1, scenarios=1, multiple_every=99))
    run = exams.start(full_mock_spec(exams.blueprints()[0], seed=5))
    run.select(0, [2])
    attempt = run.attempt_id
    workspace.close()
    data = paths.database.read_bytes()
    marker = b'{"s":[2],"v":1}'
    at = data.index(marker)
    damaged = data[:at] + b'{"s":[2}' + data[at + 8:]  # one byte: ] becomes }
    assert len(damaged) == len(data)
    paths.database.write_bytes(damaged)
    assert database_problem(paths.database, full=True) is None  # invisible to SQLite
    return attempt


def test_damaged_attempt_is_offered_for_export_and_never_breaks_the_start(
        qtbot: QtBot, paths: AppPaths, tmp_path: Path) -> None:
    attempt = damaged_attempt(paths)
    copy = tmp_path / "copy.json"
    dialogs = ScriptedDialogs(confirms=deque([True]), save_files=deque([copy]))
    started = start(paths, dialogs)
    assert isinstance(started, Started)
    try:
        page = started.window.show_page("exam")
        assert isinstance(page, ExamPage)
        qtbot.waitUntil(lambda: bool(dialogs.texts("confirm")), timeout=10000)
        asked = dialogs.texts("confirm")[0]
        assert "cannot be resumed" in asked and "damaged" in asked
        saved = json.loads(copy.read_text(encoding="utf-8"))
        assert saved["attempt"]["id"] == attempt
        assert any('{"s":[2}' in r["state_json"] for r in saved["responses"])
        assert page.window_ is None
        assert not started.ctx.workspace.exams.unfinished()  # put aside: not offered again
    finally:
        started.shutdown()


def test_storage_errors_reaching_the_excepthook_get_the_calm_presenter(qtbot: QtBot) -> None:
    dialogs = ScriptedDialogs()
    presenter = StoragePresenter(dialogs, clock=lambda: 0.0)
    crashes: list[object] = []
    hook = make_excepthook(None, show=crashes.append,
                           on_storage=lambda e: presenter.present(None, e))
    error = StorageEnvironmentError("database or disk is full", kind=DISK_FULL,
                                    operation="saving")
    for _ in range(3):
        try:
            raise error
        except StorageEnvironmentError:
            hook(*sys.exc_info())  # type: ignore[arg-type]
    assert crashes == []
    (method, title, text), = dialogs.calls  # once, not three times in 1.5 s
    assert method == "warn" and title == "The disk is full"
    assert "The change you just made was not saved" in text
    assert "Free some space" in text
    assert "nothing is lost" not in text
