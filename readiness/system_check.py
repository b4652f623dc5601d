"""Can Qt's xcb platform plugin load on this machine?  Asked before Qt starts.

PySide6 wheels carry Qt itself but not the X11 client libraries the xcb plugin links
against. When one is missing Qt aborts with a message that names the plugin, not the
library ("Could not load the Qt platform plugin "xcb"… libxcb-cursor0 is needed"),
and on a fresh Debian it is usually a different one (libxcb-icccm4,
libxcb-keysyms1). This module asks the dynamic linker (``ldd``) which of the
plugin's libraries are not found and names the packages that provide them.

``python -m readiness.system_check`` prints the verdict and exits 1 when something is
missing; ``make run`` calls it first. The linker probe is a parameter so tests can
fake a machine without the libraries.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# soname → (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
}

# What the README lists and what a user installs once, before the first start.
DEBIAN_ALL = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
              "libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 "
              "libfontconfig1 libdbus-1-3")
FEDORA_ALL = ("xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image "
              "xcb-util-renderutil libxkbcommon-x11 libglvnd-egl libglvnd-glx fontconfig "
              "dbus-libs")

OFFSCREEN_HINT = ("Without a screen (a server, CI) the app runs offscreen instead:\n"
                  "    QT_QPA_PLATFORM=offscreen ccs-readiness --smoke")

# A linker probe: given a shared object, the sonames it needs that cannot be found.
Probe = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Verdict:
    plugin: Path | None
    missing: list[str]
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.missing and not self.problem

    def debian_command(self) -> str:
        names = _unique(PACKAGES.get(so, (so, so))[0] for so in self.missing)
        return "sudo apt-get install " + " ".join(names)

    def fedora_command(self) -> str:
        names = _unique(PACKAGES.get(so, (so, so))[1] for so in self.missing)
        return "sudo dnf install " + " ".join(names)

    def report(self) -> str:
        if self.ok:
            return "Qt's xcb platform plugin can load: every library it needs is installed."
        if self.problem:
            return f"Could not check Qt's xcb platform plugin: {self.problem}\n{OFFSCREEN_HINT}"
        unknown = [so for so in self.missing if so not in PACKAGES]
        lines = [
            "CCS Readiness cannot open a window yet: Qt's xcb platform plugin needs "
            "system libraries that are not installed:",
            *(f"    {so}" for so in self.missing),
            "",
            "Install them with",
            f"    Debian/Ubuntu:  {self.debian_command()}",
            f"    Fedora:         {self.fedora_command()}",
        ]
        if unknown:
            lines.append("(for " + ", ".join(unknown) + " ask your package manager which "
                         "package provides the file, e.g. apt-file search / dnf provides)")
        lines += ["", OFFSCREEN_HINT]
        return "\n".join(lines)


def _unique(names: object) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:  # type: ignore[attr-defined]
        seen.setdefault(name, None)
    return list(seen)


def xcb_plugin() -> Path | None:
    """Where PySide6 keeps the xcb plugin, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def ldd_missing(library: Path) -> list[str]:
    """The sonames ``ldd`` reports as "not found" for ``library`` (and what it pulls in)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        raise FileNotFoundError("ldd is not installed")
    out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=30,
                         check=False).stdout
    return _unique(line.split("=>")[0].strip() for line in out.splitlines()
                   if "not found" in line)


def check_xcb(probe: Probe = ldd_missing, plugin: Path | None = None) -> Verdict:
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return Verdict(None, [], "PySide6's xcb plugin was not found (is PySide6 installed?)")
    try:
        missing = probe(plugin)
    except (OSError, subprocess.SubprocessError) as exc:
        return Verdict(plugin, [], str(exc))
    return Verdict(plugin, missing)


def needs_xcb(environ: dict[str, str]) -> bool:
    """Will Qt pick the xcb plugin here? (Linux, an X display, no other platform asked.)"""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def main(argv: list[str] | None = None, probe: Probe = ldd_missing) -> int:
    import os

    if not needs_xcb(dict(os.environ)):
        return 0
    verdict = check_xcb(probe)
    if verdict.ok:
        return 0
    print(verdict.report(), file=sys.stderr)
    # An unknown (no ldd) is not a missing library: let Qt try, it prints its own error.
    return 1 if verdict.missing else 0


if __name__ == "__main__":
    sys.exit(main())
