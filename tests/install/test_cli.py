"""The launcher answers --version/--help before Qt and hands Qt its own options."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from readiness import __version__, cli


def test_qt_options_pass_through_to_qapplication() -> None:
    args = cli.parse_args(["-style", "fusion", "--smoke", "-reverse", "-platform", "xcb"])
    assert args.smoke
    assert args.qt_argv == ["ccs-readiness", "-style", "fusion", "-reverse", "-platform", "xcb"]


def test_a_qt_option_is_not_taken_for_an_abbreviation_of_ours() -> None:
    # "--sm" must not silently mean --smoke; Qt gets it and says what it thinks.
    args = cli.parse_args(["--sm"])
    assert not args.smoke and args.qt_argv[1:] == ["--sm"]


def test_a_platform_option_counts_as_a_display() -> None:
    assert not cli.display_missing(["ccs-readiness", "-platform", "offscreen"])


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_do_not_import_qt(flag: str) -> None:
    code = ("import sys; from readiness.cli import main\n"
            f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
            "print('qt' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt')")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60, check=True).stdout
    assert out.strip().endswith("no qt")
    if flag == "--version":
        assert f"CCS Readiness {__version__}" in out
    else:
        assert "-style fusion" in out


def test_the_launcher_is_the_cli_not_the_ui() -> None:
    from importlib.metadata import entry_points

    (script,) = [ep for ep in entry_points(group="gui_scripts") if ep.name == "ccs-readiness"]
    assert script.value == "readiness.cli:main"
