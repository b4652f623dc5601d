"""Put the desktop entry, icons and AppStream metadata into the XDG user folders.

``python -m readiness.desktop install|uninstall [--data-home DIR]`` (``make
install-desktop`` / ``make uninstall-desktop``). The entry's ``Exec`` names the
installed launcher by absolute path, so the menu starts the same app that was
installed even when its folder is not on the desktop session's PATH (a venv,
``pip install --user`` before a re-login).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from readiness.resources import resource_path

APP_ID = "ccs-readiness"
METAINFO = "io.github.ccsreadiness.CCSReadiness.metainfo.xml"
ICON_SIZES = ("128x128", "256x256")


@dataclass(frozen=True)
class Placement:
    """Where each file goes under one XDG data home (``~/.local/share``)."""

    data_home: Path

    @property
    def desktop_file(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    @property
    def metainfo(self) -> Path:
        return self.data_home / "metainfo" / METAINFO

    def icon(self, size: str) -> Path:
        suffix = "svg" if size == "scalable" else "png"
        return self.data_home / "icons" / "hicolor" / size / "apps" / f"{APP_ID}.{suffix}"

    def all_files(self) -> list[Path]:
        return [self.desktop_file, self.metainfo, self.icon("scalable"),
                *(self.icon(size) for size in ICON_SIZES)]


def default_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> str:
    """The installed ``ccs-readiness`` beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(APP_ID)
    if found:
        return str(Path(found).resolve())
    return f"{sys.executable} -m readiness"


def desktop_entry(exec_command: str) -> str:
    template = resource_path("desktop", f"{APP_ID}.desktop").read_text("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={_quote(exec_command)}"
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
        if line.startswith("Exec=") and " -m " not in exec_command:
            lines.append(f"TryExec={exec_command}")
    return "\n".join(lines) + "\n"


def _quote(command: str) -> str:
    # The desktop entry spec: an argument with spaces is quoted with double quotes.
    if " -m " in command:
        return " ".join(f'"{part}"' if " " in part else part for part in command.split(" "))
    return f'"{command}"' if " " in command else command


def install(data_home: Path, exec_command: str | None = None) -> list[Path]:
    place = Placement(data_home)
    written = {
        place.desktop_file: desktop_entry(exec_command or launcher()).encode("utf-8"),
        place.metainfo: resource_path("desktop", METAINFO).read_bytes(),
        place.icon("scalable"): resource_path("icons", f"{APP_ID}.svg").read_bytes(),
    }
    for size in ICON_SIZES:
        written[place.icon(size)] = resource_path(
            "icons", "hicolor", size, f"{APP_ID}.png").read_bytes()
    for path, data in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _refresh_caches(data_home)
    return list(written)


def uninstall(data_home: Path) -> list[Path]:
    removed = []
    for path in Placement(data_home).all_files():
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh_caches(data_home)
    return removed


def _refresh_caches(data_home: Path) -> None:
    """Menus and icon themes pick the change up at once where the tools exist."""
    for tool, target in (("update-desktop-database", data_home / "applications"),
                         ("gtk-update-icon-cache", data_home / "icons" / "hicolor")):
        exe = shutil.which(tool)
        if exe and target.is_dir():
            extra = ["-f", "-t"] if tool == "gtk-update-icon-cache" else []
            subprocess.run([exe, *extra, str(target)], capture_output=True, check=False,
                           timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m readiness.desktop",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--data-home", type=Path, default=None,
                        help="XDG data folder (default: $XDG_DATA_HOME or ~/.local/share)")
    args = parser.parse_args(argv)
    data_home = args.data_home or default_data_home()
    if args.action == "install":
        for path in install(data_home):
            print(f"installed {path}")
    else:
        removed = uninstall(data_home)
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print(f"nothing to remove under {data_home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
