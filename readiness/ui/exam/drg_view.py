"""The "MS-DRG impact" box of the results review, for inpatient scenarios.

It groups the key and the candidate's codes (``readiness.core.exam.drg``) and
says, as an auditor would, which MS-DRG each reaches and why they differ.  The
grouper tables load once, on a worker thread, the first time an inpatient
scenario is reviewed (through the task runner); afterwards grouping is immediate.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.bank.models import Scenario
from readiness.core.errors import UserError
from readiness.core.exam.drg import DrgImpact, drg_impact, grouper_loaded
from readiness.services.exams import Review
from readiness.ui.tasks import TaskRunner


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lower_first(text: str) -> str:
    """``You missed …`` → ``you missed …``; a sentence that opens with a code is kept."""
    return text[0].lower() + text[1:] if text[:2].istitle() else text


def impact_html(impact: DrgImpact) -> str:
    """One sentence with the two MS-DRGs and why they differ, then the details, small."""
    sentence = impact.headline
    if impact.differences:
        sentence = (sentence.rstrip(".") + " — "
                    + "; ".join(_lower_first(d.rstrip(".")) for d in impact.differences) + ".")
    parts = [f"<p>{_esc(sentence)}</p>"]
    sides = ([f"Yours: {impact.yours.summary}"] if impact.yours else []) + [
        f"Key: {impact.key.summary}"]
    parts.append("<p><small>" + "<br>".join(_esc(x) for x in sides) + "</small></p>")
    if impact.notes:
        parts.append("<ul style='margin-top:0px; margin-bottom:0px'>"
                     + "".join(f"<li><small>{_esc(n)}</small></li>" for n in impact.notes)
                     + "</ul>")
    sex = {"F": "female", "M": "male"}[impact.sex]
    sex_note = "" if impact.sex_stated else " (not stated in the case: grouper default)"
    parts.append(
        f"<p><small><i>Educational. {impact.version} grouper; patient {sex}{sex_note}, "
        "discharged home alive, present-on-admission indicators from the key. No relative "
        "weights or payment amounts are shown.</i></small></p>")
    return "".join(parts)


class DrgImpactBox(QFrame):
    """Shown under the item review; hidden for anything but an inpatient scenario."""

    def __init__(self, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        # The app passes its runner (progress and Cancel in the main window); a box made on
        # its own, as in a test, gets a runner of its own: the same API either way.
        self.tasks = tasks if tasks is not None else TaskRunner()
        self.setObjectName("drgImpact")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("MS-DRG impact")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel("<b>MS-DRG impact</b>")
        self.title.setAccessibleName("MS-DRG impact heading")
        layout.addWidget(self.title)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName("MS-DRG impact details")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.text)
        self.impact: DrgImpact | None = None
        self.column = QVBoxLayout()  # filled by beside(): the item review, then this box
        self._token = 0
        self.hide()

    @classmethod
    def beside(cls, detail: QWidget, items: QListWidget,
               review: Callable[[], Review | None],
               tasks: TaskRunner | None = None) -> DrgImpactBox:
        """A box under ``detail`` (its layout is ``box.column``) that follows the item list.

        ``items`` holds the form position of each row in ``Qt.UserRole``; ``review`` gives
        the review shown.  The results screen needs only this call.
        """
        box = cls(tasks)
        box.column.addWidget(detail, 1)
        box.column.addWidget(box)

        def follow(item: QListWidgetItem | None) -> None:
            shown = review()
            if item is None or shown is None:
                box.hide()
                return
            box.show_item(shown, int(item.data(Qt.ItemDataRole.UserRole)))

        items.currentItemChanged.connect(follow)
        return box

    def _fit(self) -> None:
        """Take the height the wrapped text needs at the current width (labels do not ask)."""
        layout = self.layout()
        if layout is not None and self.width() > 0:
            self.setMinimumHeight(max(0, layout.heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _set_text(self, html: str) -> None:
        self.text.setText(html)
        self._fit()

    def show_item(self, review: Review, position: int) -> None:
        """Show the box for ``position`` of ``review`` if it is an inpatient scenario."""
        self._token += 1
        self.impact = None
        if not 0 <= position < len(review.form.entries):  # a row of a previous, longer review
            self.hide()
            return
        content = review.content(position)
        if not isinstance(content, Scenario) or content.setting != "inpatient":
            self.hide()
            return
        response = review.responses.get(position)
        given = dict(response.codes) if response else {}
        self.show()
        token = self._token
        if grouper_loaded():  # grouping itself is immediate
            try:
                self._done(token, drg_impact(content, given))
            except UserError as error:
                self._failed(token, error)
            return
        # The first use loads the grouper tables (seconds): a job like any other, so a bug
        # reaches the crash dialog instead of becoming text in the box.
        self._set_text("Grouping the key and your codes…")
        self.tasks.run(lambda _progress: drg_impact(content, given),
                       partial(self._done, token), partial(self._failed, token),
                       label="Loading the MS-DRG grouper", owner=self)

    def _failed(self, token: int, error: UserError) -> None:
        if token == self._token:
            self._set_text(f"The MS-DRG could not be worked out: {_esc(str(error))}")

    def _done(self, token: int, result: DrgImpact | None) -> None:
        if token != self._token:
            return  # the candidate has moved to another item
        if isinstance(result, DrgImpact):
            self.impact = result
            self._set_text(impact_html(result))
        else:
            self.hide()
