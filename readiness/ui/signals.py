"""SIGINT and SIGTERM end the app the way closing its window does.

Python runs signal handlers only between bytecodes, and Qt's event loop sits in
C++: without help, Ctrl+C did nothing until some Python code happened to run
(26 s and counting).  ``signal.set_wakeup_fd`` makes the C-level handler write
a byte to a socket that a :class:`QSocketNotifier` watches, so the loop wakes,
our Python handler runs and asks the application to quit.  ``run()`` then saves
and closes the database as on any exit and returns ``128 + signal``.
"""

from __future__ import annotations

import signal
import socket
from contextlib import suppress
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

HANDLED = (signal.SIGINT, signal.SIGTERM)


class SignalWatcher(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old: dict[int, Any] = {sig: signal.signal(sig, self._handle) for sig in HANDLED}
        self.notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
            self.app.quit()

    def _drain(self) -> None:
        # The byte only woke the loop; the Python handler has run (or runs right after).
        with suppress(OSError):
            self._reader.recv(256)

    @property
    def exit_code(self) -> int | None:
        return None if self.received is None else 128 + self.received

    def restore(self) -> None:
        self.notifier.setEnabled(False)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._reader.close()
        self._writer.close()
