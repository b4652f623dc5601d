"""Results of a finished attempt, and the review of every item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readiness.core.bank.models import CodeRef, MultipleChoiceItem, Scenario
from readiness.core.codes import CodeInfo, CodeStatus
from readiness.core.exam.scoring import EntryResult, parse_given, question_systems
from readiness.services.exams import Review
from readiness.ui.exam.codes import encoder_line
from readiness.ui.exam.driver import clock_text, code_label
from readiness.ui.tasks import TaskRunner

STATUS_TEXT = {
    "correct": "Correct",
    "partial": "Partly correct",
    "incorrect": "Incorrect",
    "unanswered": "Unanswered",
    "unscored": "Unscored pretest",
}


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


def summary_lines(review: Review) -> list[str]:
    result = review.result
    s = review.summary
    lines = []
    if result.percent is not None:
        lines.append(f"Raw score: {result.earned:g} of {result.possible:g} points "
                     f"({result.percent:.1f}%)")
    if result.weighted_percent is not None:
        flag = " (domain weights are estimates)" if result.weights_are_estimates else ""
        lines.append(f"Score weighted by the blueprint: {result.weighted_percent:.1f}%{flag}")
    if result.scaled_estimate is not None:
        verdict = "at or above" if result.passed_estimate else "below"
        lines.append(
            f"Scaled score ESTIMATE: {result.scaled_estimate} — {verdict} the passing "
            f"{result.passing_scaled_score}. AHIMA does not publish its conversion; this is a "
            "rough guide, not a prediction."
        )
    used = clock_text(result.elapsed_s)
    if result.time_limit_s:
        lines.append(f"Time used: {used} of {clock_text(result.time_limit_s)}")
    else:
        lines.append(f"Time used: {used}")
    pace = review.pacing
    parts = []
    if pace.mc_average_s is not None:
        parts.append(f"{clock_text(pace.mc_average_s)} per multiple-choice item")
    if pace.scenario_average_s is not None:
        parts.append(f"{clock_text(pace.scenario_average_s)} per scenario")
    if parts:
        target = (f" (the exam allows {clock_text(pace.target_s)} per screen on average)"
                  if pace.target_s else "")
        slow = ", ".join(f"question {p + 1} ({clock_text(t)})" for p, t in pace.slowest if t)
        lines.append("Pacing: " + " and ".join(parts) + target
                     + (f". Longest: {slow}." if slow else "."))
    if s.end_reason == "time_up":
        lines.append("Submitted automatically when the time ran out.")
    if s.interruptions:
        lines.append(f"The app was closed and resumed {s.interruptions} time(s) during this "
                     "attempt; the clock stopped while it was closed.")
    counts = " · ".join(
        f"{STATUS_TEXT[k]}: {result.count(k)}"
        for k in ("correct", "partial", "incorrect", "unanswered", "unscored")
        if result.count(k)
    )
    lines.append(counts + f" · Flagged: {result.flagged}")
    for note in review.form.notes:
        lines.append(note)
    return lines


def short(code: str) -> str:
    """``icd10cm:J44.1`` as the candidate writes it: ``J44.1``."""
    return code.partition(":")[2] if ":" in code else code


def review_html(review: Review, position: int, codes: CodeTitles | None = None) -> str:
    """Your answer, the key, the rationale and the references for one item.

    With ``codes`` (``workspace.codebook``), scenario codes carry their official titles
    from the installed code sets, and a typed code no code set knows is said to be so.
    """
    content = review.content(position)
    result = review.entry_result(position)
    response = review.responses.get(position)
    if content is None or result is None:
        return "<p>This item is no longer in the question bank.</p>"
    head = f"<h3>Question {position + 1}: {STATUS_TEXT[result.status]}</h3>"
    if isinstance(content, MultipleChoiceItem):
        selected = set(response.selected) if response else set()
        rows = []
        for index, option in enumerate(content.options):
            marks = []
            if index in content.key:
                marks.append("<b>key</b>")
            if index in selected:
                marks.append("<b>your answer</b>")
            mark = f" [{', '.join(marks)}]" if marks else ""
            rows.append(f"<p><b>{chr(65 + index)}.</b> {_esc(option.text)}{mark}"
                        f"<br><i>{_esc(option.rationale)}</i></p>")
        refs = "".join(f"<li>{_esc(r)}</li>" for r in content.references)
        return (f"{head}<p>{_esc(content.stem)}</p>{''.join(rows)}"
                f"<p><b>Rationale.</b> {_esc(content.rationale)}</p>"
                f"<p><b>References</b></p><ul>{refs}</ul>")
    return head + _scenario_html(content, result, response.codes if response else {}, codes)


class CodeTitles(Protocol):
    def titles(self, refs: Iterable[CodeRef]) -> dict[CodeRef, str]: ...

    def describe(self, ref: CodeRef) -> CodeInfo: ...


def _code_line(ref: CodeRef, titles: Mapping[CodeRef, str], codes: CodeTitles | None,
               typed: bool = False) -> str:
    """``J44.1 — Chronic obstructive …`` (or the code and its set when no title is known);
    a typed code the installed sets do not know says so."""
    title = titles.get(ref)
    if typed and codes is not None:
        info = codes.describe(ref)
        if info.status is CodeStatus.HEADER:
            return (f"{_esc(ref.code)} — {_esc(info.title)} "
                    "<i>(header code: needs more characters)</i>")
        if info.status is CodeStatus.INVALID:
            line, _bad = encoder_line(info, building=False)
            return f"{_esc(ref.code)} — <i>{_esc(line)}</i>"
    if title:
        return f"{_esc(ref.code)} — {_esc(title)}"
    return _esc(code_label(str(ref)))


def _scenario_html(scenario: Scenario, result: EntryResult, codes_given: object,
                   codes: CodeTitles | None) -> str:
    given = codes_given if isinstance(codes_given, dict) else {}
    # Every code on the screen, yours and the key's, looked up in one batch.
    parsed: dict[str, list[tuple[str, CodeRef | None]]] = {}
    wanted: list[CodeRef] = []
    for question in scenario.questions:
        systems = question_systems(question)
        mine = [(text, parse_given(text, systems)) for text in given.get(question.id, ())
                if str(text).strip()]
        parsed[question.id] = mine
        wanted.extend(ref for _text, ref in mine if ref is not None)
        wanted.extend(a.code for a in question.answers)
    titles = codes.titles(wanted) if codes is not None else {}
    parts = [f"<p><b>{_esc(scenario.title)}</b> ({scenario.setting}): "
             f"{result.earned:g} of {result.possible:g} points</p>"]
    for question, score in zip(scenario.questions, result.questions, strict=False):
        yours = "<br>".join(
            _code_line(ref, titles, codes, typed=True) if ref else _esc(short(text))
            for text, ref in parsed[question.id]) or "(none)"
        key = "<br>".join(_code_line(a.code, titles, codes)
                          + (f" &nbsp;POA {_esc(a.poa)}" if a.poa else "")
                          + (" &nbsp;<i>(optional)</i>" if a.optional else "")
                          for a in question.answers)
        parts.append(f"<p><b>{_esc(question.prompt)}</b></p>"
                     "<table cellspacing='0' cellpadding='1'>"
                     f"<tr><td valign='top'>Your codes:&nbsp;</td><td>{yours}</td></tr>"
                     f"<tr><td valign='top'>Key:</td><td>{key}</td></tr></table>"
                     f"<p>Points: {score.earned:g} of {score.possible:g}")
        if score.missing:
            parts.append("<br>Missing: " + _esc(", ".join(short(c) for c in score.missing)))
        if score.optional:
            parts.append("<br>Optional codes given (no point either way): "
                         + _esc(", ".join(short(c) for c in score.optional)))
        if score.extra:
            parts.append("<br>Not in the key (minus one point each): "
                         + _esc(", ".join(short(c) for c in score.extra)))
        if score.sequencing_ok is not None:
            parts.append("<br>Sequencing: " + ("principal / first-listed code first"
                                               if score.sequencing_ok
                                               else "the principal / first-listed code was not "
                                               "entered first"))
        parts.append(f"<br><i>{_esc(question.rationale)}</i></p>")
    refs = "".join(f"<li>{_esc(r)}</li>" for r in scenario.references)
    parts.append(f"<p><b>References</b></p><ul>{refs}</ul>")
    return "".join(parts)


class ResultsView(QWidget):
    back = Signal()
    retry = Signal()

    def __init__(self, codes: CodeTitles | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.codes = codes
        self.setAccessibleName("Exam results")
        self.review: Review | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel("Results")
        self.heading.setObjectName("pageTitle")
        self.heading.setAccessibleName("Results heading")
        self.heading.setWordWrap(True)  # "Results: <long form title>" widened the page at 1024 px
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Results summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.domains = QTableWidget(0, 4)
        self.domains.setAccessibleName("Scores by domain")
        self.domains.setHorizontalHeaderLabels(["Domain", "Blueprint weight", "Points", "Score"])
        self.domains.verticalHeader().hide()
        self.domains.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.domains.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.domains)
        lower = QWidget()
        row = QHBoxLayout(lower)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show which items")
        for label, key in (("All items", "all"), ("Missed", "missed"), ("Flagged", "flagged"),
                           ("Correct", "correct")):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(self._fill_items)
        left.addWidget(self.filter)
        self.items = QListWidget()
        self.items.setAccessibleName("Items of the attempt")
        self.items.currentItemChanged.connect(self._show_item)
        # Wide enough for the longest row, so the time spent is not behind a side scroll bar.
        self.items.setMinimumWidth(self.items.fontMetrics().horizontalAdvance(
            "000. Scenario — Unanswered  ⚑  (0:00:00)") + 40)
        left.addWidget(self.items, 1)
        row.addLayout(left, 1)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Item review")
        from readiness.ui.exam.drg_view import DrgImpactBox  # MS-DRG box, inpatient scenarios

        self.drg_impact = DrgImpactBox.beside(self.detail, self.items, lambda: self.review, tasks)
        row.addLayout(self.drg_impact.column, 2)
        splitter.addWidget(lower)
        splitter.setSizes([200, 420])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton("Back to practice")
        self.back_button.setAccessibleName("Back to practice")
        self.back_button.clicked.connect(self.back)
        self.retry_button = QPushButton("Retry missed and flagged")
        self.retry_button.setAccessibleName("Retry missed and flagged")
        self.retry_button.clicked.connect(self.retry)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_review(self, review: Review) -> None:
        self.review = review
        self.heading.setText(f"Results: {review.summary.title}")
        self.summary.setText("\n".join(summary_lines(review)))
        domains = review.result.domains
        self.domains.setRowCount(len(domains))
        for row, domain in enumerate(domains):
            weight = f"{domain.weight:.0%}" + (" (estimate)" if domain.estimate else "")
            points = f"{domain.earned:g} / {domain.possible:g}" if domain.possible else "—"
            percent = f"{domain.percent:.0f}%" if domain.percent is not None else "no items"
            for col, text in enumerate((domain.name, weight, points, percent)):
                self.domains.setItem(row, col, QTableWidgetItem(text))
        self.domains.resizeColumnsToContents()
        self.domains.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fill_items()

    def _fill_items(self) -> None:
        self.items.clear()
        if self.review is None:
            return
        which = self.filter.currentData()
        for entry in self.review.result.entries:
            if which == "missed" and entry.status not in ("incorrect", "partial", "unanswered"):
                continue
            if which == "flagged" and not entry.flagged:
                continue
            if which == "correct" and entry.status != "correct":
                continue
            kind = "Scenario" if entry.entry.kind == "scenario" else "Question"
            flag = "  ⚑" if entry.flagged else ""
            spent = clock_text(self.review.seconds.get(entry.position, 0.0))
            item = QListWidgetItem(
                f"{entry.position + 1:>3}. {kind} — {STATUS_TEXT[entry.status]}{flag}  "
                f"({spent})")
            item.setData(Qt.ItemDataRole.UserRole, entry.position)
            self.items.addItem(item)
        if self.items.count():
            self.items.setCurrentRow(0)
        else:
            self.detail.clear()

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is None or self.review is None:
            return
        position = int(item.data(Qt.ItemDataRole.UserRole))
        if position >= len(self.review.form.entries):  # a row of the previous, longer review
            return
        self.detail.setHtml(review_html(self.review, position, self.codes))
