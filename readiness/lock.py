"""One running copy per data folder: an advisory ``flock`` plus who holds it.

The kernel drops a ``flock`` when its process dies, however it dies, so a lock
left by a killed copy is never mistaken for a live one — even when its PID has
since been given to another process, which fooled the PID-only lock file.  The
file also records the holder's identity (PID, the process's start time, boot id,
host) for the message to the user, and for file systems without ``flock``,
where that identity decides whether the recorded holder is still alive.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from readiness.core.errors import StorageEnvironmentError
from readiness.storage.errors import classify

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    boot_id: str
    started: str  # the process's start time in clock ticks since boot (/proc/PID/stat)
    app: str = "ccs-readiness"

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}"


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return ""


def process_started(pid: int) -> str:
    """The start time of ``pid`` (field 22 of /proc/PID/stat), or "" if unknown or gone."""
    stat = _read(f"/proc/{pid}/stat")
    # The command name (field 2) may contain spaces and parentheses: split after it.
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


def me() -> Holder:
    pid = os.getpid()
    return Holder(pid, socket.gethostname(), _read("/proc/sys/kernel/random/boot_id"),
                  process_started(pid))


def holder_alive(holder: Holder) -> bool:
    """Is the recorded holder still that very process (not a reused PID)?"""
    if holder.host != socket.gethostname():
        return True  # another machine (shared folder): we cannot tell, so assume yes
    if holder.boot_id and holder.boot_id != _read("/proc/sys/kernel/random/boot_id"):
        return False  # recorded before the last reboot
    started = process_started(holder.pid)
    if not started:
        return False
    return not holder.started or started == holder.started


def parse(text: str) -> Holder | None:
    try:
        data = json.loads(text)
        return Holder(int(data["pid"]), str(data["host"]), str(data.get("boot_id", "")),
                      str(data.get("started", "")), str(data.get("app", "")))
    except (ValueError, KeyError, TypeError):
        return None  # empty, an old-style lock, or written by something else


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._writable = False

    def acquire(self) -> bool:
        """True if we hold the lock now; False if a live copy does.

        Raises :class:`StorageEnvironmentError` when the lock file cannot even be made
        (full disk, read-only or foreign folder): that is not "already running".
        """
        writable = True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise self._typed(exc) from exc
            # A folder we may only read (read-only mode follows): a read-only descriptor
            # still takes the flock; with no lock file at all there is nothing to guard,
            # since a copy that cannot write cannot harm the data.
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                return True
            except OSError as again:
                raise self._typed(again) from again
            writable = False
        try:
            if not self._lock(fd):
                os.close(fd)
                return False
            if writable:
                os.ftruncate(fd, 0)
                os.write(fd, (json.dumps(asdict(me())) + "\n").encode("utf-8"))
        except OSError as exc:
            os.close(fd)
            raise self._typed(exc) from exc
        self._fd = fd
        self._writable = writable
        return True

    def _lock(self, fd: int) -> bool:
        if fcntl is None:
            return self._by_identity(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # no flock on this file system (some network mounts)
            return self._by_identity(fd)
        return True

    def _by_identity(self, fd: int) -> bool:
        holder = parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        return holder is None or holder.pid == os.getpid() or not holder_alive(holder)

    def holder(self) -> Holder | None:
        try:
            return parse(self.path.read_text(encoding="utf-8"))
        except OSError:
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        # Emptied, not deleted: deleting would let two processes lock two different files.
        if self._writable:
            with suppress(OSError):
                os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the flock
        self._fd = None

    def _typed(self, exc: OSError) -> BaseException:
        typed = classify(exc, f"creating the lock file {self.path}", self.path)
        return typed if isinstance(typed, StorageEnvironmentError) else exc
