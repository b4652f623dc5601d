"""Find text the layout cut off (a visible label or button narrower than its size hint)
and widgets a layout drew over each other.

Used by ``tests/ui/test_no_cut_off_text.py`` at the supported window sizes and by
``scripts/render_screens.py``, which prints what it finds beside the PNGs.  A
label that wraps is fine at any width (it grows taller instead); so is one whose
text is empty, and one inside a scroll area's viewport wider than the screen
(the page scrolls there).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLayout, QWidget

SLACK = 1  # rounding between the hint and the geometry


def _describe(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    short = " ".join(text.split())[:50]
    return f"{name} {short!r}"


def cut_off(root: QWidget) -> list[str]:
    """Each visible label or button under ``root`` that got less than its size hint."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible():
            continue
        if not widget.text().strip():
            continue  # icons only, or filled later
        if isinstance(widget, QLabel) and (widget.wordWrap() or (widget.pixmap() is not None
                                           and not widget.pixmap().isNull())):
            continue
        hint = widget.sizeHint()
        short_by = hint.width() - widget.width()
        low_by = hint.height() - widget.height()
        if short_by > SLACK or low_by > SLACK:
            problems.append(f"{_describe(widget)}: {widget.width()}x{widget.height()}, "
                            f"needs {hint.width()}x{hint.height()}")
    return problems


def fit_to_screen(window: QWidget, screen: tuple[int, int]) -> None:
    """Size a dialog as a window manager would on a screen of ``screen`` pixels: its own
    size (or size hint), no larger than the screen, no smaller than it allows."""
    wanted = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) \
        else window.sizeHint()
    fitted = wanted.boundedTo(QSize(*screen)).expandedTo(window.minimumSizeHint())
    window.resize(fitted)


def _laid_out(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` places, through its nested layouts."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if widget is not None:
            found.append(widget)
        elif inner is not None:
            found += _laid_out(inner)
    return found


def overlapping(root: QWidget) -> list[str]:
    """Visible widgets one layout places on top of each other: what a layout squeezed
    below its minimum does (a button drawn over a table's rows)."""
    problems = []
    for parent in [root, *root.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisible():
            continue
        shown = [w for w in _laid_out(layout) if w.isVisible() and not w.isWindow()]
        for i, first in enumerate(shown):
            for second in shown[i + 1:]:
                if first.geometry().intersects(second.geometry()):
                    problems.append(f"{_describe(first)} overlaps {_describe(second)}")
    return problems
