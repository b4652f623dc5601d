"""One running copy per data folder.

A lock file (QLockFile: stale locks of dead processes are taken over) decides
who owns the database; the owner listens on a local socket so that a second
launch can ask it to come to the front instead of opening a second writer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"


def server_name(home: Path) -> str:
    digest = hashlib.sha1(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"ccs-readiness-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, home: Path, lock_path: Path) -> None:
        super().__init__()
        self.name = server_name(home)
        self.lock = QLockFile(str(lock_path))
        self.lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never a slow one
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this process is now the only instance for the data folder."""
        if not self.lock.tryLock(100):
            return False
        QLocalServer.removeServer(self.name)  # a socket left by a killed owner
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activation_requested.emit()

    def ask_running_to_activate(self, timeout_ms: int = 1000) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
