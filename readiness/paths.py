"""Where the user's data lives.

``READINESS_HOME`` overrides everything (tests, portable installs); otherwise
platformdirs gives the per-user data and log folders.  Folders are created
owner-only (0700): the database holds a person's study history.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from readiness.core.errors import StoreUnavailable

log = logging.getLogger(__name__)

APP_NAME = "ccs-readiness"
HOME_ENV = "READINESS_HOME"
DATABASE_NAME = "readiness.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def quarantine(self) -> Path:
        """Where damaged databases are moved aside (never deleted)."""
        return self.home / "damaged"

    @property
    def codesets(self) -> Path:
        return self.home / "codesets"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def lock_file(self) -> Path:
        return self.home / "instance.lock"

    @property
    def running_marker(self) -> Path:
        """Present while the app has the database open: found at start = unclean exit."""
        return self.home / "running"

    @property
    def integrity_stamp(self) -> Path:
        """The day of the last full integrity check."""
        return self.home / "integrity-checked"

    def writable(self) -> bool:
        """May this (effective) user create files in the data folder?"""
        effective = os.access in os.supports_effective_ids
        return os.access(self.home, os.W_OK | os.X_OK, effective_ids=effective)

    def ensure(self) -> AppPaths:
        if self.home.exists() and not self.home.is_dir():
            raise StoreUnavailable(
                f"{self.home} is a file, not a folder. Set {HOME_ENV} to a folder "
                "(it is created if missing).", where="data folder")
        for folder in (self.home, self.backups, self.codesets, self.logs):
            make_private_dir(folder)
        return self


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` owner-only (0700 whatever the umask).

    A folder that already exists keeps its mode: it may be one the user chose (an
    existing ``READINESS_HOME``), and changing its permissions behind their back is
    not ours to do.  A folder that is open to others is reported in the log instead.
    """
    if folder.is_dir():
        if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) & 0o077:
            log.warning("%s is readable by other users (mode %o); left as it is",
                        folder, stat.S_IMODE(folder.stat().st_mode))
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError as exc:
        raise StoreUnavailable(f"{folder} is a file, not a folder",
                               where="data folder") from exc
    if os.name == "posix":
        folder.chmod(0o700)  # mkdir's mode is filtered by the umask


def private_file(path: Path) -> None:
    """Make ``path`` owner read/write only (0600), whatever the umask was."""
    if os.name == "posix" and path.exists():
        path.chmod(0o600)


def default_home() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_paths() -> AppPaths:
    override = os.environ.get(HOME_ENV)
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    return AppPaths(default_home())
