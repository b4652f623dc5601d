"""Render the app icon's PNG sizes from its SVG with Qt (``make icons``).

The PNGs are committed: desktops that cannot draw SVG icons (and AppStream's
icon rules) want fixed sizes in the hicolor theme.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "readiness" / "resources" / "icons"
SIZES = (128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "ccs-readiness.svg"
    for size in SIZES:
        out = ICONS / "hicolor" / f"{size}x{size}" / "ccs-readiness.png"
        render(svg, size, out)
        print(out.relative_to(ICONS.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
