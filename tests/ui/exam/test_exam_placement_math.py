"""Exam and code book side by side at the screen sizes candidates have (pure geometry)."""

from __future__ import annotations

import pytest

from readiness.ui.exam.placement import Frame, Rect, side_by_side

# The minimum widths the two windows have today (measured offscreen): exam 767, code book 524.
EXAM_MIN, BOOK_MIN = 767, 524
SCREENS = [Rect(0, 0, 1366, 768 - 40), Rect(0, 0, 1440, 900 - 40),  # a task bar below
           Rect(0, 27, 1366, 768 - 27), Rect(1920, 0, 1440, 900)]  # a top panel; 2nd screen
FRAMES = [Frame(), Frame(1, 30, 1, 1), Frame(8, 31, 8, 8)]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("frame", FRAMES)
def test_both_windows_fit_side_by_side(screen: Rect, frame: Frame) -> None:
    placed = side_by_side(screen, EXAM_MIN, BOOK_MIN, frame)
    assert placed is not None
    exam, book = placed
    for r in (frame.outer(exam), frame.outer(book)):  # with title bar and borders
        assert screen.x <= r.x and r.right <= screen.right
        assert screen.y <= r.y and r.bottom <= screen.bottom
    assert frame.outer(exam).right <= frame.outer(book).x  # the book never covers the exam
    assert exam.w >= EXAM_MIN and book.w >= BOOK_MIN
    assert frame.outer(book).right == screen.right  # no width wasted


def test_the_exam_gets_the_larger_share_when_there_is_room() -> None:
    exam, book = side_by_side(Rect(0, 0, 1920, 1040), EXAM_MIN, BOOK_MIN)  # type: ignore[misc]
    assert exam.w == int(1920 * 0.55) and book.w == 1920 - exam.w


def test_a_screen_too_small_for_both_is_left_alone() -> None:
    assert side_by_side(Rect(0, 0, 1024, 728), EXAM_MIN, BOOK_MIN) is None
