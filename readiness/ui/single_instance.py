"""One running copy per data folder.

A lock (:mod:`readiness.lock`: a ``flock`` the kernel drops when its owner dies,
plus the owner's identity) decides who owns the database; the owner listens on a
local socket so that a second launch can ask it to come to the front instead of
opening a second writer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from readiness.lock import Holder, InstanceLock

ACTIVATE = b"activate\n"


def server_name(home: Path) -> str:
    digest = hashlib.sha1(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"ccs-readiness-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, home: Path, lock_path: Path) -> None:
        super().__init__()
        self.name = server_name(home)
        self.lock = InstanceLock(lock_path)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this process is now the only instance for the data folder.

        Raises StorageEnvironmentError when the lock cannot be made at all (full disk,
        folder not writable): the caller says so rather than "already running".
        """
        if not self.lock.acquire():
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
        self.lock.release()

    def holder(self) -> Holder | None:
        """Who holds the lock, as recorded in it (for the message to the user)."""
        return self.lock.holder()
