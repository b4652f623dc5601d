from hypothesis import given
from hypothesis import strategies as st

from readiness.core.exam.pacing import pacing, seconds_per_position


def test_time_is_charged_to_the_screen_on_show():
    events = [
        (0.0, "start", None),
        (0.0, "go", 0),
        (10.0, "answer", 0),
        (30.0, "go", 1),
        (45.0, "flag", 1),
        (50.0, "go", 0),  # back to the first screen
        (80.0, "resume", 0),  # after a restart: same screen, exam clock continues
        (95.0, "go", 2),
        (100.0, "finish", None),
    ]
    assert seconds_per_position(events, 100.0) == {0: 75.0, 1: 20.0, 2: 5.0}


def test_pacing_summary():
    result = pacing({0: 60.0, 1: 120.0, 2: 600.0}, ["single", "multiple", "scenario"], 900.0)
    assert result.mc_average_s == 90.0
    assert result.scenario_average_s == 600.0
    assert result.target_s == 300.0
    assert result.slowest[0] == (2, 600.0)


@given(st.lists(st.tuples(st.floats(0, 10), st.integers(0, 4)), max_size=30))
def test_time_adds_up_to_the_elapsed_time(steps):
    events, clock = [], 0.0
    for gap, position in steps:
        clock += gap
        events.append((clock, "go", position))
    end = clock + 1.0
    spent = seconds_per_position(events, end)
    first = events[0][0] if events else end
    assert abs(sum(spent.values()) - (end - first)) < 1e-6
