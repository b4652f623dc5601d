"""A page or panel whose contents scroll when the window is shorter than they are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class SqueezeFirstLayout(QVBoxLayout):
    """A column that scrolls only once squeezed to its minimum.

    A scroll area sizes contents whose layout has height-for-width (any word-wrapped
    label) to their *preferred* height, so a panel that fits by shrinking its tables
    got a scroll bar anyway; without height-for-width the area goes by the minimum.
    """

    def hasHeightForWidth(self) -> bool:
        return False


def scrolling_body(owner: QWidget, name: str, horizontal: bool = True) -> QWidget:
    """Fill ``owner`` with one frameless scroll area and return the widget inside it, for
    the caller to lay out.  ``name`` is the scroll area's accessible name; without
    ``horizontal`` the contents always fit the width (no horizontal scroll bar).  Lay
    the body out with :class:`SqueezeFirstLayout` to scroll only below its minimum."""
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setAccessibleName(name)
    if not horizontal:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    return body
