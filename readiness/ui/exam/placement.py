"""Where the exam window and the code book it opens go: side by side, inside the screen.

Pure arithmetic on rectangles (no Qt), so it is tested at the screen sizes candidates
have (1366×768, 1440×900) without such screens.  Geometry here is a window's *client*
area, what ``QWidget.setGeometry`` takes; ``Frame`` is what the window manager adds
around it (title bar, borders), which must fit on the screen too.
"""

from __future__ import annotations

from dataclasses import dataclass

EXAM_SHARE = 0.55  # of the screen's width, when both windows' minimums leave room


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h


@dataclass(frozen=True)
class Frame:
    """The decoration the window manager puts around a window's client area."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0

    def outer(self, r: Rect) -> Rect:
        return Rect(r.x - self.left, r.y - self.top, r.w + self.left + self.right,
                    r.h + self.top + self.bottom)


def side_by_side(available: Rect, exam_min_w: int, book_min_w: int,
                 frame: Frame = Frame()) -> tuple[Rect, Rect] | None:
    """Client rectangles for the exam (left) and the code book (right): framed, they lie
    inside ``available`` (the screen less task bars) and do not overlap, and each is at
    least its minimum width.  None when the two minimums do not fit side by side."""
    extra_w = frame.left + frame.right
    space = available.w - 2 * extra_w
    if exam_min_w + book_min_w > space:
        return None
    exam_w = max(exam_min_w, min(space - book_min_w, int(space * EXAM_SHARE)))
    book_w = space - exam_w
    h = available.h - frame.top - frame.bottom
    y = available.y + frame.top
    exam = Rect(available.x + frame.left, y, exam_w, h)
    book = Rect(exam.right + frame.right + frame.left, y, book_w, h)
    return exam, book
