"""Exam rules without Qt: the clock, pick limits, strict mode."""

from __future__ import annotations

import pytest

from readiness.core.exam.rules import (
    CLOCK_REVEAL_AT_S,
    WARN_AT_S,
    Tools,
    already_warned,
    clock_state,
    clock_text,
    complete,
    pick,
)


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0:00:00"), (0.2, "0:00:01"), (59.5, "0:01:00"), (3600, "1:00:00"), (-3, "0:00:00"),
    (4 * 3600, "4:00:00"),
])
def test_clock_text_rounds_part_seconds_up(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_untimed_attempts_count_up() -> None:
    state = clock_state(None, 125, hidden=True, warned=False)
    assert (state.text, state.time_up, state.warn, state.reveal) == (
        "Time used 0:02:05", False, False, False)


def test_a_hidden_clock_shows_itself_again_at_five_minutes() -> None:
    assert clock_state(CLOCK_REVEAL_AT_S + 1, 0, hidden=True, warned=True).text == "Time hidden"
    state = clock_state(CLOCK_REVEAL_AT_S, 0, hidden=True, warned=True)
    assert state.reveal and not state.hidden and state.text == "Time remaining 0:05:00"
    assert not clock_state(CLOCK_REVEAL_AT_S, 0, hidden=False, warned=True).reveal


def test_one_warning_at_thirty_minutes() -> None:
    assert not clock_state(WARN_AT_S + 1, 0, hidden=False, warned=False).warn
    assert clock_state(WARN_AT_S, 0, hidden=False, warned=False).warn
    assert not clock_state(WARN_AT_S - 60, 0, hidden=False, warned=True).warn
    assert already_warned(WARN_AT_S) and not already_warned(WARN_AT_S + 1)
    assert not already_warned(None)


def test_time_up_at_zero_submits_and_does_not_warn() -> None:
    state = clock_state(0, 14400, hidden=True, warned=False)
    assert state.time_up and not state.warn and state.text == "Time remaining 0:00:00"
    assert not clock_state(0.5, 0, hidden=False, warned=True).time_up


def test_single_answer_picks_replace_each_other() -> None:
    assert pick({1}, 2, 1).chosen == {2}
    assert pick((), 0, 1).message == "Select one."


def test_multiple_response_stops_at_the_limit() -> None:
    assert pick({0}, 2, 2).chosen == {0, 2}
    full = pick({0, 2}, 3, 2)
    assert full.chosen is None and "clear one to choose another" in full.message
    assert pick({0, 2}, 2, 2).chosen == {0}  # clicking a chosen option clears it
    assert complete({0, 2}, 2) and not complete({0}, 2)


def test_strict_mode_removes_highlighter_and_strike_out() -> None:
    assert Tools.for_mode(True) == Tools(highlight=False, strike=False)
    assert Tools.for_mode(False) == Tools(highlight=True, strike=True)
