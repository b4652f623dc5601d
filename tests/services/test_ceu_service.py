"""Recertification: the pass date, the CEU log with certificates, CSV export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from readiness.core.clock import FakeClock
from readiness.core.errors import UserError
from readiness.paths import AppPaths
from readiness.workspace import Workspace


@pytest.fixture
def ws(workspace: Workspace, fake_clock: FakeClock) -> Workspace:
    fake_clock.set_wall(datetime(2027, 3, 1, 15, 0, tzinfo=UTC))
    return workspace


def test_nothing_until_passed_then_a_two_year_cycle(ws: Workspace) -> None:
    assert ws.ceu.passed() is None and ws.ceu.progress() is None
    with pytest.raises(UserError, match="record the day you passed first"):
        ws.ceu.add_activity(date(2027, 1, 5), "AHIMA", "Webinar", 1, "hiim")
    cycle = ws.ceu.record_pass(date(2026, 11, 20))
    assert cycle.ends_on == date(2028, 11, 19)
    p = ws.ceu.progress()
    assert p is not None and p.rule.id == "ahima-single-ccs" and p.total == 0


def test_a_pass_date_in_the_future_is_refused_and_nothing_is_saved(ws: Workspace) -> None:
    with pytest.raises(UserError, match="Passed on: 2 Mar 2027 is in the future"):
        ws.ceu.record_pass(date(2027, 3, 2))
    assert ws.ceu.passed() is None


def test_activity_with_certificate_is_copied_logged_exported_and_removed(
        ws: Workspace, tmp_path: Path, paths: AppPaths) -> None:
    ws.ceu.record_pass(date(2026, 11, 20))
    cert = tmp_path / "Downloads" / "My certificate (final).pdf"
    cert.parent.mkdir()
    cert.write_bytes(b"%PDF-1.4 certificate")
    activity = ws.ceu.add_activity(date(2027, 1, 5), " AHIMA ", "Coding self-review 2027", 5,
                                   "coding-self-review", cert)
    copied = ws.ceu.certificate_path(activity)
    assert copied is not None and copied.parent == paths.home / "certificates"
    assert copied.read_bytes() == cert.read_bytes()
    cert.unlink()  # the download folder is cleaned out: the copy stays
    assert copied.exists()
    p = ws.ceu.progress()
    assert p is not None and (p.total, p.coding, p.self_reviews) == (5, 5, 1)
    out = tmp_path / "ceus.csv"
    assert ws.ceu.export_csv(out) == 1
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith(
        "2027-01-05,AHIMA,Coding self-review 2027,5,Annual coding self-review,2027-01-05-My-")
    ws.ceu.remove_activity(activity)
    assert ws.ceu.activities() == [] and not copied.exists()


def test_a_missing_certificate_is_refused_before_anything_is_saved(ws: Workspace,
                                                                   tmp_path: Path) -> None:
    ws.ceu.record_pass(date(2026, 11, 20))
    with pytest.raises(UserError, match=r"Certificate: .* is not a file"):
        ws.ceu.add_activity(date(2027, 1, 5), "AHIMA", "Webinar", 1, "hiim",
                            tmp_path / "gone.pdf")
    assert ws.ceu.activities() == []


def test_the_chosen_rule_is_kept_and_changes_what_is_missing(ws: Workspace,
                                                             paths: AppPaths) -> None:
    ws.ceu.record_pass(date(2026, 11, 20))
    ws.ceu.add_activity(date(2027, 1, 5), "AHIMA", "Coding update", 20, "coding")
    ws.ceu.choose_rule("source-guide-80")
    ws.close()
    again, _ = Workspace.open(paths, FakeClock(datetime(2027, 3, 1, tzinfo=UTC)),
                              take_backup=False)
    try:
        p = again.ceu.progress()
        assert p is not None and p.rule.id == "source-guide-80"
        assert p.needs() == "60 CEUs"
    finally:
        again.close()
