"""make install-desktop / uninstall-desktop, and the metadata files they carry."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from readiness import desktop
from readiness.resources import resource_path


def test_install_puts_entry_icons_and_metainfo_in_the_xdg_folders(tmp_path: Path) -> None:
    written = desktop.install(tmp_path, exec_command="/opt/ccs venv/bin/ccs-readiness")
    place = desktop.Placement(tmp_path)
    assert set(written) == set(place.all_files())
    entry = place.desktop_file.read_text("utf-8")
    assert 'Exec="/opt/ccs venv/bin/ccs-readiness"' in entry
    assert "TryExec=/opt/ccs venv/bin/ccs-readiness" in entry
    assert place.icon("scalable").read_bytes().lstrip().startswith(b"<")
    for size in desktop.ICON_SIZES:
        assert place.icon(size).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_uninstall_removes_exactly_what_install_put(tmp_path: Path) -> None:
    (tmp_path / "applications").mkdir()
    other = tmp_path / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n", "utf-8")
    desktop.install(tmp_path, exec_command="/usr/bin/ccs-readiness")
    removed = desktop.uninstall(tmp_path)
    assert set(removed) == set(desktop.Placement(tmp_path).all_files())
    assert other.exists()
    assert desktop.uninstall(tmp_path) == []


def test_the_launcher_found_is_the_installed_one() -> None:
    found = desktop.launcher()
    assert found.endswith("ccs-readiness") or found.endswith("-m readiness")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (desktop-file-utils)")
def test_the_installed_desktop_entry_validates(tmp_path: Path) -> None:
    desktop.install(tmp_path, exec_command="/usr/bin/ccs-readiness")
    result = subprocess.run(["desktop-file-validate", str(desktop.Placement(tmp_path)
                                                          .desktop_file)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (appstream)")
def test_the_appstream_metainfo_validates() -> None:
    path = resource_path("desktop", desktop.METAINFO)
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_names_url_developer_releases_and_screenshots() -> None:
    text = resource_path("desktop", desktop.METAINFO).read_text("utf-8")
    for tag in ("<url type=\"homepage\">", "<developer", "<release version=", "<screenshot "):
        assert tag in text


def test_licences_ship_in_the_installed_metadata() -> None:
    from importlib.metadata import distribution

    files = {str(f) for f in distribution("ccs-readiness").files or []}
    meta = distribution("ccs-readiness").metadata
    assert meta["License-Expression"] == "MIT AND CC-BY-4.0"
    assert any(f.endswith("LICENSE-CONTENT") for f in files) or meta.get_all("License-File")
