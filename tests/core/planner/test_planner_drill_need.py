"""Drill results as need and readiness evidence, and which book a drill task asks for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from readiness.core.planner.drill_need import (
    DRILL_DOMAIN,
    LOOKUP_WEIGHT,
    SLOW_FLOOR,
    BookEvidence,
    Lookup,
    book_weakness,
    drill_results,
    lookup_credit,
    rank_books,
)

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_a_correct_look_up_within_target_earns_full_credit_and_a_slow_one_less() -> None:
    assert lookup_credit(True, 25, 30) == 1.0
    assert lookup_credit(True, 60, 30) == 0.5
    assert lookup_credit(True, 600, 30) == SLOW_FLOOR
    assert lookup_credit(False, 5, 30) == 0.0


def test_each_drill_set_is_one_weighted_result_on_coding_knowledge() -> None:
    lookups = [Lookup(1, "neoplasm", True, 20, T0), Lookup(1, "neoplasm", True, 60, T0),
               Lookup(1, "neoplasm", False, 10, T0 + timedelta(minutes=2)),
               Lookup(2, "drug", True, 10, T0 + timedelta(days=1))]
    first, second = drill_results(lookups, 30)
    assert first.domain == DRILL_DOMAIN
    assert first.total == pytest.approx(3 * LOOKUP_WEIGHT)
    assert first.correct == pytest.approx(1.5 * LOOKUP_WEIGHT)
    assert first.taken_at == T0 + timedelta(minutes=2)
    assert (second.correct, second.total) == (LOOKUP_WEIGHT, LOOKUP_WEIGHT)


def test_books_rank_weakest_or_slowest_first_and_undrilled_books_are_not_last() -> None:
    evidence = {
        "drug": BookEvidence("drug", 20, 19, 15.0),  # accurate and fast
        "neoplasm": BookEvidence("neoplasm", 20, 18, 90.0),  # accurate but slow
        "cm-index": BookEvidence("cm-index", 20, 8, 25.0),  # fast but often wrong
    }
    ranked = rank_books(["drug", "neoplasm", "cm-index", "pcs-tables"], evidence, 30)
    assert ranked[-1] == "drug"
    assert ranked.index("pcs-tables") < ranked.index("drug")
    assert book_weakness(evidence["neoplasm"], 30) > book_weakness(evidence["drug"], 30)
    assert book_weakness(evidence["cm-index"], 30) > book_weakness(evidence["drug"], 30)
