"""Render the real app to PNG files (for the README and for looking at screens).

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [--demo] OUT.png [PAGE ...]``.
With page keys, one PNG per page is written beside OUT (OUT-<page>.png).
Uses a throw-away data folder; never touches the user's own data.  ``--demo`` first
fills it with a sample candidate's data (scripts/demo_data.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from readiness.paths import AppPaths
from readiness.ui.app import Started, start
from readiness.ui.dialogs import ScriptedDialogs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_data import seed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    demo = "--demo" in argv
    argv = [a for a in argv if a != "--demo"]
    out = Path(argv[0])
    pages = argv[1:]
    with tempfile.TemporaryDirectory() as home:
        if demo:
            from readiness.workspace import Workspace

            workspace, _ = Workspace.open(AppPaths(Path(home)))
            seed(workspace)
            workspace.close()
        started = start(AppPaths(Path(home)), ScriptedDialogs())
        assert isinstance(started, Started)
        window = started.window
        window.resize(1280, 800)
        targets = [(out, window.current_key())] if not pages else [
            (out.with_name(f"{out.stem}-{key}{out.suffix}"), key) for key in pages]
        for path, key in targets:
            window.show_page(key)
            started.app.processEvents()  # one layout pass before grabbing; not a wait loop
            path.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(path))
            print(path)
        started.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
