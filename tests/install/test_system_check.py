"""make run's pre-flight: a fresh machine without the xcb libraries is told what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness import system_check
from readiness.system_check import Verdict, check_xcb, needs_xcb

PLUGIN = Path("/fake/PySide6/Qt/plugins/platforms/libqxcb.so")


def fresh_debian(_library: Path) -> list[str]:
    # What ldd reports on a fresh Debian 12 with only PySide6 installed.
    return ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_missing_libraries_are_named_with_install_commands() -> None:
    verdict = check_xcb(fresh_debian, plugin=PLUGIN)
    assert not verdict.ok
    report = verdict.report()
    assert "libxcb-icccm.so.4" in report and "libxcb-keysyms.so.1" in report
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in report
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in report
    assert "QT_QPA_PLATFORM=offscreen" in report


def test_packages_are_listed_once_even_when_two_libraries_share_one() -> None:
    verdict = Verdict(PLUGIN, ["libxcb-xkb.so.1", "libxcb-randr.so.0"])
    assert verdict.fedora_command() == "sudo dnf install libxcb"


def test_an_unknown_library_is_still_named() -> None:
    report = Verdict(PLUGIN, ["libsomething-new.so.2"]).report()
    assert "libsomething-new.so.2" in report
    assert "dnf provides" in report


def test_everything_present_is_ok() -> None:
    assert check_xcb(lambda _lib: [], plugin=PLUGIN).ok


def test_a_probe_that_cannot_run_is_not_reported_as_missing_libraries() -> None:
    def no_ldd(_library: Path) -> list[str]:
        raise FileNotFoundError("ldd is not installed")

    verdict = check_xcb(no_ldd, plugin=PLUGIN)
    assert not verdict.missing and "ldd is not installed" in verdict.report()


def test_main_exits_nonzero_and_prints_the_commands(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(system_check, "xcb_plugin", lambda: PLUGIN)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(system_check.sys, "platform", "linux")
    assert system_check.main(probe=fresh_debian) == 1
    assert "apt-get install libxcb-icccm4" in capsys.readouterr().err


def test_other_platforms_need_no_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system_check.sys, "platform", "linux")
    assert not needs_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert not needs_xcb({"WAYLAND_DISPLAY": "wayland-0"})
    assert needs_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert needs_xcb({"DISPLAY": ":0"})


def test_the_real_plugin_is_found_without_importing_qt() -> None:
    plugin = system_check.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
