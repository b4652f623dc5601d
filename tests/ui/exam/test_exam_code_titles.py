"""Code titles in the practice exam: pick lists, the encoder line under typed codes, review."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.exam_bank import make_item
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readiness.codebook import importer
from readiness.core.bank.models import (
    Bank,
    CodeRef,
    Document,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.exam.forms import FormSpec, Mode
from readiness.ui.context import UiContext
from readiness.ui.exam.driver import ExamWindow, ScenarioView
from readiness.ui.exam.page import ExamPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIXTURES = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"
SETS = ("tabular-mini.xml", "pcs-tables-mini.xml", "icd10pcs_order_2026.txt", "cpt-mini.csv")


def cm(code: str) -> CodeRef:
    return CodeRef("icd10cm", code)


def scenario() -> Scenario:
    return Scenario(
        id="sc-titles",
        title="Sepsis with type 2 diabetes",
        setting="inpatient",
        domain="coding-knowledge",
        difficulty="hard",
        documents=(Document("History and Physical",
                            "A patient with fever and hypotension; blood cultures pending.\n\n"
                            "Known type 2 diabetes on long-term insulin."),),
        questions=(
            ScenarioQuestion(
                id="sc-titles-pdx", prompt="Select the principal diagnosis.", style="pick-one",
                answers=(ScenarioAnswer(cm("A41.9"), poa="Y"),), sequenced=True,
                choices=(cm("A41.9"), cm("E11.9"), cm("A00.0"), cm("U07.1")),
                rationale="Sepsis present on admission is principal."),
            ScenarioQuestion(
                id="sc-titles-sdx", prompt="Select all additional diagnoses.",
                style="pick-many",
                answers=(ScenarioAnswer(cm("E11.9"), poa="Y"), ScenarioAnswer(cm("Z79.4"),
                                                                             poa="1")),
                sequenced=False,
                choices=(cm("E11.9"), cm("Z79.4"), cm("A00.9"), cm("S72.001A")),
                rationale="Diabetes and its long-term insulin."),
            ScenarioQuestion(
                id="sc-titles-cm", prompt="Enter the ICD-10-CM code(s).", style="enter",
                answers=(ScenarioAnswer(cm("E11.9")),), sequenced=False,
                rationale="Type the diabetes code."),
            ScenarioQuestion(
                id="sc-titles-pcs", prompt="Enter the ICD-10-PCS code(s).", style="enter",
                answers=(ScenarioAnswer(CodeRef("icd10pcs", "0DTJ4ZZ")),), sequenced=False,
                rationale="Laparoscopic appendectomy."),
            ScenarioQuestion(
                id="sc-titles-cpt", prompt="Select the E/M code.", style="pick-one",
                answers=(ScenarioAnswer(CodeRef("cpt", "99213")),), sequenced=False,
                choices=(CodeRef("cpt", "99213"), CodeRef("cpt", "99214")),
                rationale="Low complexity."),
        ),
        references=("ICD-10-CM Official Guidelines FY2026 I.C.1.d",),
    )


@pytest.fixture
def bank_ctx(ctx: UiContext) -> UiContext:
    ctx.workspace.exams.set_bank(Bank(items=(make_item("ck-0001", "coding-knowledge"),),
                                      scenarios=(scenario(),)))
    return ctx


def install(ctx: UiContext, names: tuple[str, ...] = SETS) -> None:
    for name in names:
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()


def open_window(qtbot, ctx: UiContext, mode: Mode = Mode.SCENARIOS) -> ExamWindow:
    spec = FormSpec(mode=mode, blueprint_id="ccs-candidate-guide", seed=7, scenarios=1,
                    multiple_choice=0 if mode is Mode.SCENARIOS else 1)
    window = ExamWindow(ctx, ctx.workspace.exams.start(spec))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def scenario_view(window: ExamWindow) -> ScenarioView:
    position = next(p for p, e in enumerate(window.run.form.entries) if e.kind == "scenario")
    window.jump_to(position)
    view = window.content.currentWidget()
    assert isinstance(view, ScenarioView)
    return view


def titles(block) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in block.choice_titles]


def shown(label) -> str:  # type: ignore[no-untyped-def]
    return label.text() if label.isVisibleTo(label.window()) else ""


def test_pick_lists_show_each_codes_official_title(qtbot, bank_ctx) -> None:
    install(bank_ctx)
    window = open_window(qtbot, bank_ctx)
    pdx, sdx, _cm, _pcs, cpt = scenario_view(window).blocks
    assert [b.text() for b in pdx.buttons] == ["A41.9", "E11.9", "A00.0", "U07.1"]
    assert titles(pdx) == [
        "Sepsis, unspecified organism",
        "Type 2 diabetes mellitus without complications",
        "Cholera due to Vibrio cholerae 01, biovar cholerae",
        "COVID-19",
    ]
    assert titles(sdx)[3] == ("Fracture of unspecified part of neck of right femur, initial "
                              "encounter for closed fracture")
    assert pdx.buttons[0].accessibleDescription() == "Sepsis, unspecified organism"
    # CPT: only the user's own imported list supplies a title.
    assert titles(cpt) == ["my own descriptor one", "my own descriptor two"]
    # Clicking the title picks the code, as clicking the code does.
    qtbot.mouseClick(pdx.choice_titles[0], Qt.MouseButton.LeftButton)
    assert pdx.buttons[0].isChecked()
    assert window.run.response(window.position).codes["sc-titles-pdx"] == ("icd10cm:A41.9",)
    qtbot.mouseClick(sdx.choice_titles[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(sdx.choice_titles[0], Qt.MouseButton.LeftButton)
    assert set(window.run.response(window.position).codes["sc-titles-sdx"]) == {
        "icd10cm:E11.9", "icd10cm:Z79.4"}
    window.shutdown()


def test_without_code_sets_the_bare_codes_are_shown(qtbot, bank_ctx) -> None:
    install(bank_ctx, ("tabular-mini.xml",))  # no CPT list of the user's own
    window = open_window(qtbot, bank_ctx)
    view = scenario_view(window)
    assert titles(view.blocks[4]) == ["(CPT)", "(CPT)"]
    assert titles(view.blocks[0])[0] == "Sepsis, unspecified organism"
    window.shutdown()


def test_the_setting_hides_titles_in_every_mode(qtbot, bank_ctx) -> None:
    install(bank_ctx)
    page = ExamPage(bank_ctx)
    qtbot.addWidget(page)
    assert page.code_titles_check.isChecked()  # default on
    assert page.code_titles_check.accessibleName() == "Show code titles in pick lists"
    page.code_titles_check.click()
    assert bank_ctx.workspace.settings.get("exam.code_titles") is False
    for mode in (Mode.SCENARIOS, Mode.FULL):
        window = open_window(qtbot, bank_ctx, mode)
        pdx = scenario_view(window).blocks[0]
        assert titles(pdx) == ["(ICD-10-CM)"] * 4
        assert [b.text() for b in pdx.buttons] == ["A41.9", "E11.9", "A00.0", "U07.1"]
        window.shutdown()
    page.code_titles_check.click()
    bank_ctx.workspace.settings.set("exam.strict", True)  # the strict driver follows it too
    window = open_window(qtbot, bank_ctx, Mode.FULL)
    assert titles(scenario_view(window).blocks[0])[0] == "Sepsis, unspecified organism"
    window.shutdown()


def test_a_typed_code_shows_its_title_or_why_not(qtbot, bank_ctx) -> None:
    install(bank_ctx)
    window = open_window(qtbot, bank_ctx)
    _pdx, _sdx, typed, pcs, _cpt = scenario_view(window).blocks
    field, problem, info = typed.fields[0], typed.problems[0], typed.infos[0]
    qtbot.keyClicks(field, "E")
    assert "is not an ICD-10-CM code" in shown(problem)  # format first, as before
    qtbot.keyClicks(field, "11")
    assert shown(problem) == "header code: needs more characters (Type 2 diabetes mellitus)"
    assert shown(info) == ""
    qtbot.keyClicks(field, "9")  # live, key by key: E119 is E11.9
    assert shown(problem) == ""
    assert shown(info) == "Type 2 diabetes mellitus without complications"
    qtbot.keyClicks(field, "9")
    assert shown(problem) == "not a valid ICD-10-CM code"
    assert shown(info) == ""
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert shown(info) == "Type 2 diabetes mellitus without complications"
    qtbot.keyClicks(pcs.fields[0], "0dtj4zz")
    assert shown(pcs.infos[0]) == "Resection of Appendix, Percutaneous Endoscopic Approach"
    qtbot.keyClick(pcs.fields[0], Qt.Key.Key_Backspace)
    qtbot.keyClicks(pcs.fields[0], "X")
    assert shown(pcs.problems[0]) == "not a valid ICD-10-PCS code"
    # Back on the screen later, the saved codes show their lines again.
    window.jump_to(0)
    view = scenario_view(window)
    assert shown(view.blocks[2].infos[0]) == "Type 2 diabetes mellitus without complications"
    window.shutdown()


def test_full_mock_rules_show_the_format_check_only(qtbot, bank_ctx) -> None:
    install(bank_ctx)
    window = open_window(qtbot, bank_ctx, Mode.FULL)
    assert window.run.spec.exam_rules
    typed = scenario_view(window).blocks[2]
    field, problem, info = typed.fields[0], typed.problems[0], typed.infos[0]
    qtbot.keyClicks(field, "E11")  # a header: not said
    assert (shown(problem), shown(info)) == ("", "")
    qtbot.keyClicks(field, "99")  # not a code: not said either
    assert (shown(problem), shown(info)) == ("", "")
    field.clear()
    qtbot.keyClicks(field, "E119")  # nor the title of a valid one
    assert (shown(problem), shown(info)) == ("", "")
    field.clear()
    qtbot.keyClicks(field, "EE1")  # the format check stays
    assert "is not an ICD-10-CM code" in shown(problem)
    window.shutdown()


def test_titles_fill_in_when_the_first_build_finishes(qtbot, bank_ctx, tmp_path,
                                                      monkeypatch) -> None:
    source = tmp_path / "icd10c-tabular-April-1-2026.xml"
    source.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: source)
    # the fixture stands in for the verified bundled file
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(source))
    started: list[str] = []
    bank_ctx.tasks.started.connect(lambda handle: started.append(handle.label))
    window = open_window(qtbot, bank_ctx)
    view = scenario_view(window)
    pdx, typed = view.blocks[0], view.blocks[2]
    qtbot.waitUntil(lambda: started == ["Building the code books"])
    if bank_ctx.workspace.codebook.building:  # the screen is usable meanwhile
        assert titles(pdx) == ["(ICD-10-CM)"] * 4
        qtbot.keyClicks(typed.fields[0], "E119")
        assert shown(typed.infos[0]).startswith("The ICD-10-CM code set is being prepared")
    else:
        qtbot.keyClicks(typed.fields[0], "E119")
    qtbot.waitUntil(lambda: bank_ctx.tasks.idle, timeout=20000)
    qtbot.waitUntil(lambda: titles(pdx)[0] == "Sepsis, unspecified organism")
    assert shown(typed.infos[0]) == "Type 2 diabetes mellitus without complications"
    window.shutdown()
    # A closed driver no longer listens for code-set changes.
    bank_ctx.workspace.codebook.reload()


def test_review_shows_titles_beside_your_codes_and_the_key(qtbot, bank_ctx, dialogs) -> None:
    install(bank_ctx)
    page = ExamPage(bank_ctx)
    qtbot.addWidget(page)
    spec = FormSpec(mode=Mode.SCENARIOS, blueprint_id="ccs-candidate-guide", seed=7,
                    scenarios=1)
    window = page.open_driver(bank_ctx.workspace.exams.start(spec))
    qtbot.addWidget(window)
    pdx, _sdx, typed, _pcs, _cpt = scenario_view(window).blocks
    qtbot.mouseClick(pdx.buttons[1], Qt.MouseButton.LeftButton)  # E11.9: wrong
    qtbot.keyClicks(typed.fields[0], "E119")
    qtbot.mouseClick(typed.entry.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(typed.fields[1], "E1199")  # not a code
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.results
    text = page.results.detail.toPlainText()
    assert "E11.9 — Type 2 diabetes mellitus without complications" in text  # your pick
    assert "A41.9 — Sepsis, unspecified organism  POA Y" in text.replace("\xa0", " ")  # key
    assert "Z79.4 — Long term (current) use of insulin" in text
    assert "E11.99 — not a valid ICD-10-CM code" in text  # typed, normalised, explained
    assert "99213 — my own descriptor one" in text
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def test_a_cancelled_first_build_leaves_bare_codes_and_says_so(qtbot, bank_ctx, tmp_path,
                                                               monkeypatch) -> None:
    from readiness.core.errors import Cancelled

    source = tmp_path / "icd10c-tabular-April-1-2026.xml"
    source.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: source)
    # the fixture stands in for the verified bundled file
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(source))

    def cancelled(*_args: object) -> None:
        raise Cancelled()

    monkeypatch.setattr(bank_ctx.workspace.codebook, "prepare_default", cancelled)
    window = open_window(qtbot, bank_ctx)
    view = scenario_view(window)
    qtbot.keyClicks(view.blocks[2].fields[0], "E119")
    qtbot.waitUntil(lambda: not bank_ctx.workspace.codebook.building)
    qtbot.waitUntil(lambda: bank_ctx.tasks.idle)
    assert titles(view.blocks[0]) == ["(ICD-10-CM)"] * 4
    assert shown(view.blocks[2].infos[0]) == ("No ICD-10-CM code set installed: only the "
                                              "format is checked.")
    window.shutdown()


def test_problem_lines_read_in_a_dark_palette(qtbot, bank_ctx) -> None:
    from PySide6.QtGui import QColor, QPalette

    window = open_window(qtbot, bank_ctx)
    assert "#b00020" in window.styleSheet()
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        QApplication.setPalette(dark)  # what switching the app to dark does
        qtbot.waitUntil(lambda: "#ff8a80" in window.styleSheet())
    finally:
        QApplication.setPalette(light)
    qtbot.waitUntil(lambda: "#b00020" in window.styleSheet())
    window.shutdown()


def test_tutor_feedback_gives_the_key_with_its_titles(qtbot, bank_ctx) -> None:
    install(bank_ctx)
    spec = FormSpec(mode=Mode.CUSTOM, blueprint_id="ccs-candidate-guide", seed=7, scenarios=1,
                    multiple_choice=0, tutor=True, kinds=("scenario",))
    window = ExamWindow(bank_ctx, bank_ctx.workspace.exams.start(spec))
    qtbot.addWidget(window)
    window.show()
    scenario_view(window)
    qtbot.mouseClick(window.check_button, Qt.MouseButton.LeftButton)
    assert "Key: A41.9 (Sepsis, unspecified organism)" in window.feedback.text()
    assert ("Key: E11.9 (Type 2 diabetes mellitus without complications), Z79.4 (Long term "
            "(current) use of insulin)") in window.feedback.text()
    window.shutdown()
