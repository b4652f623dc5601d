"""Guard against the PySide6 6.12.0 regression that made every Python-side
``signal.emit()`` drop a reference to ``True``: after a few hundred emits
(pyqtgraph emits dozens per chart refresh) the process aborts with
"Fatal Python error: bool_dealloc".  pyproject.toml excludes that release."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_emit_keeps_reference_counts() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    gc.collect()
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(200):
        emitter.fired.emit(i)
    gc.collect()
    assert len(received) == 200
    assert sys.getrefcount(True) - before_true > -20, "signal.emit leaks references to True"
    assert sys.getrefcount(False) - before_false > -20, "signal.emit leaks references to False"
