"""Where the user's data lives.

``READINESS_HOME`` overrides everything (tests, portable installs); otherwise
platformdirs gives the per-user data and log folders.  Folders are created
owner-only (0700): the database holds a person's study history.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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

    def ensure(self) -> AppPaths:
        for folder in (self.home, self.backups, self.codesets, self.logs):
            make_private_dir(folder)
        return self


def make_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folder.chmod(0o700)


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
