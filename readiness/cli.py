"""Command line: ``python -m readiness [--version] [--smoke]``.

Kept free of Qt imports so ``--version`` is instant and the core stays importable
without PySide6.
"""

from __future__ import annotations

import argparse
import os
import sys

from readiness import __version__

NO_DISPLAY_HELP = (
    "No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "To run CCS Readiness without a screen, for example on a server or in CI, use:\n"
    "    QT_QPA_PLATFORM=offscreen python -m readiness --smoke"
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="ccs-readiness",
        description="Study planner, exam-day checklist and practice for the AHIMA CCS exam.",
    )
    parser.add_argument("--version", action="version", version=f"CCS Readiness {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="start with throw-away data (unless READINESS_HOME is set), visit "
                             "every page and exit 0: proves the app starts")
    # Used by benchmarks/startup.py: print "shown" once the window is on screen, then exit.
    parser.add_argument("--exit-after-show", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def display_missing() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if display_missing():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    from readiness.ui.app import run

    return run(smoke=args.smoke, exit_after_show=args.exit_after_show)
