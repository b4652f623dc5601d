"""Run the real app in a subprocess, make user changes through its widgets, report, wait.

Used by tests that kill the app with SIGKILL: once this prints ``CHANGED`` the
changes must already be on disk.  Usage: ``drive_app.py change|check``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from readiness.paths import default_paths
from readiness.ui.app import Started, start
from readiness.ui.dialogs import ScriptedDialogs


def change(started: Started) -> None:
    window = started.window
    row = window.page_keys().index("checklist")
    rect = window.nav.visualItemRect(window.nav.item(row))
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.findChild(object, "scheme-dark").trigger()
    print("CHANGED", flush=True)


def check(started: Started) -> None:
    settings = started.ctx.workspace.settings
    print(f"PAGE {started.window.current_key()}", flush=True)
    print(f"SCHEME {settings.get('ui.color_scheme')}", flush=True)
    started.app.exit(0)


def main() -> int:
    mode = sys.argv[1]
    started = start(default_paths(), ScriptedDialogs())
    if isinstance(started, int):
        print(f"EXIT {started}", flush=True)
        return started
    QTimer.singleShot(0, lambda: change(started) if mode == "change" else check(started))
    code = started.app.exec()
    started.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
