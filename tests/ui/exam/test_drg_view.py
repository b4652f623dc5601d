"""The results review shows the MS-DRG impact box for inpatient scenarios only."""

from __future__ import annotations

import pytest
from fixtures.exam_bank import make_bank
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir
from readiness.core.exam.forms import FormSpec, Mode
from readiness.services.exams import Review
from readiness.ui.exam import drg_view
from readiness.ui.exam.results import ResultsView

REFS = ("sc-ip-02", "sc-op-01", "sc-ip-05")


@pytest.fixture
def review(ctx) -> Review:
    exams = ctx.workspace.exams
    exams.set_bank(load_bank_dir(shipped_bank_dir()))
    run = exams.start(FormSpec(Mode.RETRY, "ccs-candidate-guide", seed=3, refs=REFS))
    where = {e.ref: p for p, e in enumerate(run.form.entries)}
    # Heart failure: the right principal diagnosis, but I50.9 instead of the MCC I50.33.
    run.set_codes(where["sc-ip-02"], "sc-ip-02-pdx", ["icd10cm:I13.0"])
    run.set_codes(where["sc-ip-02"], "sc-ip-02-sdx", ["I50.9", "N18.32", "E11.22", "I48.21"])
    # Hip fracture: the hemiarthroplasty is left out.
    run.set_codes(where["sc-ip-05"], "sc-ip-05-pdx", ["icd10cm:S72.031A"])
    run.set_codes(where["sc-ip-05"], "sc-ip-05-sdx", ["D62", "I10"])
    return run.finish()


def shown(box: drg_view.DrgImpactBox) -> str:
    """The box's text as the candidate reads it (without the markup)."""
    doc = QTextDocument()
    doc.setHtml(box.text.text())
    return " ".join(doc.toPlainText().split())


def click_item(qtbot, view: ResultsView, ref: str) -> None:
    for row in range(view.items.count()):
        item = view.items.item(row)
        position = int(item.data(Qt.ItemDataRole.UserRole))
        if view.review is not None and view.review.form.entries[position].ref == ref:
            rect = view.items.visualItemRect(item)
            qtbot.mouseClick(view.items.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())
            assert view.items.currentItem() is item
            return
    raise AssertionError(f"{ref} is not listed")


@pytest.mark.parametrize("preloaded", [True, False], ids=["grouper-loaded", "first-use"])
def test_box_for_inpatient_scenarios_only(qtbot, review, monkeypatch, preloaded) -> None:
    if not preloaded:  # the first use loads the grouper on a worker thread
        monkeypatch.setattr(drg_view, "grouper_loaded", lambda: False)
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    view.show_review(review)
    box = view.drg_impact

    click_item(qtbot, view, "sc-ip-02")
    assert box.isVisible()
    qtbot.waitUntil(lambda: box.impact is not None)
    text = shown(box)
    assert ("Your codes group to MS-DRG 292 Heart Failure and Shock with CC; the key groups to "
            "MS-DRG 291 Heart Failure and Shock with MCC — you missed the MCC I50.33.") in text
    assert "Yours: MDC 05 Circulatory System · medical · CC" in text
    assert "Key: MDC 05 Circulatory System · medical · MCC" in text
    assert "patient male" in text and "No relative weights or payment amounts" in text

    click_item(qtbot, view, "sc-op-01")
    assert not box.isVisible()
    assert box.impact is None

    click_item(qtbot, view, "sc-ip-05")
    assert box.isVisible()
    qtbot.waitUntil(lambda: box.impact is not None)
    text = shown(box)
    assert "MS-DRG 536 Fractures of Hip and Pelvis without MCC" in text
    assert "MS-DRG 522 Hip Replacement with Principal Diagnosis of Hip Fracture" in text
    assert ("— you missed the operating-room procedure 0SRR019, so your case groups to a "
            "medical MS-DRG.") in text


def test_multiple_choice_items_have_no_box(qtbot, ctx) -> None:
    exams = ctx.workspace.exams
    exams.set_bank(make_bank(per_domain=1, scenarios=0))
    run = exams.start(FormSpec(Mode.CUSTOM, "ccs-candidate-guide", seed=1, multiple_choice=3))
    view = ResultsView()
    qtbot.addWidget(view)
    view.show()
    view.show_review(run.finish())
    assert view.items.count() == 3
    assert not view.drg_impact.isVisible()
