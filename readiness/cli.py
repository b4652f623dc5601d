"""Command line: ``ccs-readiness [--version] [--help] [--smoke] [Qt options]``.

This is the launcher (the ``ccs-readiness`` gui-script and ``python -m readiness``).
It parses its own arguments before anything imports Qt, so ``--version`` and
``--help`` answer at once, and it hands every argument it does not know to
QApplication, so Qt's standard options (``-style fusion``, ``-platform xcb``,
``-reverse``, ``-stylesheet file.qss`` …) work as they do in any Qt program.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from readiness import __version__

NO_DISPLAY_HELP = (
    "No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "To run CCS Readiness without a screen, for example on a server or in CI, use:\n"
    "    QT_QPA_PLATFORM=offscreen python -m readiness --smoke"
)

QT_OPTIONS_HELP = (
    "Qt's standard options are passed to Qt, e.g. -style fusion, -platform xcb, -reverse."
)


class Arguments:
    """What the launcher understood. A plain class: importing dataclasses (and with it
    inspect) would cost --version a fifth of its time budget."""

    __slots__ = ("exit_after_show", "qt_argv", "smoke")

    def __init__(self, smoke: bool, exit_after_show: bool, qt_argv: list[str]) -> None:
        self.smoke = smoke
        self.exit_after_show = exit_after_show
        # argv for QApplication: the program name plus every argument we did not claim.
        self.qt_argv = qt_argv


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ccs-readiness",
        description="Study planner, exam-day checklist and practice for the AHIMA CCS exam.",
        epilog=QT_OPTIONS_HELP,
        # "-st" must not be taken as an abbreviation of one of our options: Qt's
        # single-dash options pass through untouched.
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"CCS Readiness {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="start with throw-away data (unless READINESS_HOME is set), visit "
                             "every page and exit 0: proves the app starts")
    # Used by benchmarks/startup.py: print "shown" once the window is on screen, then exit.
    parser.add_argument("--exit-after-show", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_args(argv: Sequence[str] | None = None, prog: str = "ccs-readiness") -> Arguments:
    args = list(sys.argv[1:] if argv is None else argv)
    known, rest = build_parser().parse_known_args(args)
    return Arguments(smoke=known.smoke, exit_after_show=known.exit_after_show,
                     qt_argv=[prog, *rest])


def display_missing(qt_argv: Sequence[str] = ()) -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    if "-platform" in qt_argv:
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv, prog=os.path.basename(sys.argv[0]) or "ccs-readiness")
    if display_missing(args.qt_argv):
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    # Qt is imported only now, after --version and --help have had their turn.
    from readiness.ui.app import run

    return run(smoke=args.smoke, exit_after_show=args.exit_after_show, qt_argv=args.qt_argv)
