"""The real app's ``run()`` (as ``python -m readiness`` runs it), saying READY once its
event loop turns, so tests can send it signals.  Used by tests/faults/test_fault_signals.py.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer

from readiness.ui.app import application, run

if __name__ == "__main__":
    app = application()
    QTimer.singleShot(0, lambda: print("READY", flush=True))  # fires inside run()'s loop
    sys.exit(run())
