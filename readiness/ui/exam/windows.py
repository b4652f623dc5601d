"""The exam's helper windows: the code book beside the driver, raising windows."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from readiness.ui.exam.placement import Frame, Rect, side_by_side


def codebook_window_class() -> Any | None:
    """The code book window from its branch, or None when it is not part of this build."""
    try:
        module = importlib.import_module("readiness.ui.codebook.window")
    except ImportError:
        return None
    return getattr(module, "CodeBookWindow", None)


def place_beside(driver: QWidget, other: QWidget, available: QRect | None = None) -> None:
    """The exam on the left, ``other`` (the code book) on the right, both with their frames
    inside the screen's free area and neither under the other (placement.side_by_side).
    Halves did not do: the exam's minimum width is more than half of 1366 px, so it grew
    under the code book, which ran off the screen.  Too small a screen: left alone."""
    area = available if available is not None else driver.screen().availableGeometry()
    outer, inner = driver.frameGeometry(), driver.geometry()  # the window manager's frame
    frame = Frame(inner.left() - outer.left(), inner.top() - outer.top(),
                  outer.right() - inner.right(), outer.bottom() - inner.bottom())
    rects = side_by_side(Rect(area.x(), area.y(), area.width(), area.height()),
                         driver.minimumSizeHint().width(), other.minimumSizeHint().width(),
                         frame)
    if rects is None:
        return
    if driver.isMaximized() or driver.isFullScreen():
        driver.showNormal()
    for window, r in zip((driver, other), rects, strict=True):
        window.setGeometry(r.x, r.y, r.w, r.h)


def bring_to_front(window: QWidget) -> None:
    # The offscreen platform (tests, CI) cannot raise windows and warns if asked.
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
        window.activateWindow()
