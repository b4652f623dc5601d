"""CEU rules as data, the cycle, progress, validation and the CSV (pure)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from readiness.core.ceu.cycle import Activity, check_activity, cycle_for, progress, to_csv
from readiness.core.ceu.rules import load_rules
from readiness.core.errors import UserError
from readiness.resources import resource_path

RULES = load_rules(resource_path("ceu", "rules.json"))
AHIMA = RULES.get("ahima-single-ccs")
GUIDE = RULES.get("source-guide-80")


def test_both_rules_ship_with_sources_and_are_marked_verify() -> None:
    assert (AHIMA.required_total, AHIMA.coding_minimum, AHIMA.self_reviews) == (20, 10, 2)
    assert (GUIDE.required_total, GUIDE.coding_minimum) == (80, 20)
    assert RULES.default == "ahima-single-ccs"
    for rule in RULES.rules:
        assert rule.verify and rule.source and rule.source_text and rule.cycle_years == 2
    assert RULES.get("no-such-rule") == AHIMA


def test_cycle_is_two_years_from_the_day_passed() -> None:
    cycle = cycle_for(date(2026, 12, 1))
    assert cycle.ends_on == date(2028, 11, 30)
    assert cycle.contains(date(2026, 12, 1)) and not cycle.contains(date(2028, 12, 1))
    assert cycle_for(date(2028, 2, 29)).ends_on == date(2030, 2, 28)


def act(i: int, day: date, hours: float, category: str) -> Activity:
    return Activity(i, day, "AHIMA", f"Course {i}", hours, category)


def test_progress_counts_only_the_cycle_and_says_what_is_missing() -> None:
    cycle = cycle_for(date(2026, 1, 10))
    log = [act(1, date(2026, 3, 1), 5, "coding-self-review"),
           act(2, date(2026, 4, 1), 6, "hiim"),
           act(3, date(2026, 5, 1), 2, "other"),
           act(4, date(2025, 12, 1), 10, "coding")]  # before the cycle: does not count
    p = progress(AHIMA, cycle, log, date(2027, 9, 1))
    assert (p.total, p.coding, p.hiim, p.self_reviews, p.counted) == (13, 5, 11, 1, 3)
    assert not p.met
    assert p.needs() == ("7 CEUs, 5 in coding, 1 annual coding self-review, "
                         "5 in the HIIM domains")
    assert p.reminder() == ("130 days left in your cycle (ends 9 Jan 2028): "
                            f"{p.needs()} still needed.")
    assert progress(AHIMA, cycle, log, date(2026, 6, 1)).reminder() is None  # far off
    late = progress(AHIMA, cycle, log, date(2028, 2, 1))
    assert late.reminder() == (
        f"Your recertification cycle ended on 9 Jan 2028 with {p.needs()} still missing.")


def test_the_same_log_meets_one_rule_and_not_the_other() -> None:
    cycle = cycle_for(date(2026, 1, 10))
    log = [act(1, date(2026, 3, 1), 5, "coding-self-review"),
           act(2, date(2027, 3, 1), 5, "coding-self-review"),
           act(3, date(2026, 4, 1), 10, "hiim")]
    assert progress(AHIMA, cycle, log, date(2027, 6, 1)).met
    guide = progress(GUIDE, cycle, log, date(2027, 6, 1))
    assert not guide.met and guide.needs() == "60 CEUs, 10 in coding"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"provider": " "}, "Provider: say who gave"),
    ({"title": ""}, "Activity: give the title"),
    ({"hours": 0}, "CEUs: enter more than 0"),
    ({"hours": 250}, "CEUs: enter more than 0 and at most 100, not 250"),
    ({"category": "fun"}, "Category: 'fun' is not one of"),
    ({"done_on": date(2026, 7, 1)}, "Date: 1 Jul 2026 is in the future"),
    ({"done_on": date(2025, 7, 1)}, "Date: 1 Jul 2025 is outside your cycle (10 Jan 2026 to "
                                    "9 Jan 2028)"),
])
def test_activity_checks_name_the_field(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"done_on": date(2026, 3, 1), "provider": "AHIMA",
                               "title": "Coding update", "hours": 2.0, "category": "coding"}
    args.update(kwargs)
    with pytest.raises(UserError) as err:
        check_activity(cycle_for(date(2026, 1, 10)), today=date(2026, 6, 1),
                       **args)  # type: ignore[arg-type]
    assert str(err.value).startswith(message)


def test_csv_has_a_header_and_one_row_per_activity_in_date_order() -> None:
    log = [act(2, date(2026, 4, 1), 1.5, "hiim"),
           Activity(1, date(2026, 3, 1), "State HIMA, \"Fall\"", "Self-review", 5,
                    "coding-self-review", "2026-03-01-cert.pdf")]
    rows = list(csv.reader(io.StringIO(to_csv(log))))
    assert rows == [
        ["date", "provider", "activity", "ceus", "category", "certificate"],
        ["2026-03-01", "State HIMA, \"Fall\"", "Self-review", "5", "Annual coding self-review",
         "2026-03-01-cert.pdf"],
        ["2026-04-01", "AHIMA", "Course 2", "1.5", "Other HIIM domain", ""],
    ]
