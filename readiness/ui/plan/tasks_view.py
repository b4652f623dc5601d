"""The selected session's tasks, each with Start: it opens the activity already set
up (a practice set, a scenario, the full mock, a guidelines section), and what
finishing records shows here, so nothing needs logging by hand."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import UserError
from readiness.core.planner.tasks import TaskKind
from readiness.services.exams import Review
from readiness.services.plan_tasks import Started, TaskView
from readiness.ui.context import UiContext
from readiness.ui.plan.guideline_reader import GuidelineReader

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Task", "Time", "Result")
ACTIVITY = {
    TaskKind.PRACTICE: "opens a custom practice set in tutor mode",
    TaskKind.SCENARIO: "opens a medical-record scenario",
    TaskKind.MOCK: "opens the full mock exam under exam rules",
    TaskKind.GUIDELINE: "opens the guidelines section to read",
    TaskKind.DRILL: "opens a code-book drill",
}


class TaskModel(QAbstractTableModel):
    """Rows are the tasks of one session."""

    def __init__(self) -> None:
        super().__init__()
        self.views: list[TaskView] = []

    def set_views(self, views: list[TaskView]) -> None:
        self.beginResetModel()
        self.views = list(views)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.views):
            return None
        view = self.views[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return view.task.title
            if index.column() == 1:
                return f"{view.task.minutes} min"
            return ("✓ " + view.figures()) if view.done else (
                "started" if view.started else "to do")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Start {ACTIVITY[view.task.kind]}."
        if role == Qt.ItemDataRole.UserRole:
            return view.task.key
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class SessionTasks(QWidget):
    """Tasks of the session selected in Today; emits ``changed`` after a task records."""

    changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.plan_tasks
        self.session_id: str | None = None
        self.driver: QWidget | None = None  # the exam window a task opened
        self.reader: GuidelineReader | None = None
        self.pending_drill: int | None = None  # the task run of a drill opened from here
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("Tasks")
        self.title.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.title)
        self.model = TaskModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Session tasks")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.start_btn = QPushButton("Start &task")
        self.start_btn.setAccessibleName("Start selected task")
        self.start_btn.clicked.connect(self.start_selected)
        self.note = QLabel()
        self.note.setAccessibleName("Task note")
        self.note.setWordWrap(True)
        row.addWidget(self.start_btn)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.note.hide()  # shown once something was recorded or left open
        self.table.doubleClicked.connect(lambda _index: self.start_selected())

    def show_session(self, session_id: str | None) -> None:
        selected = self.selected_key()
        self.session_id = session_id
        views = self.service.views(session_id) if session_id else []
        self.model.set_views(views)
        self.table.resizeRowsToContents()
        rows = [i for i, v in enumerate(views) if v.task.key == selected]
        first_open = next((i for i, v in enumerate(views) if not v.done), 0)
        if views:
            self.table.selectRow(rows[0] if rows else first_open)
        self.start_btn.setEnabled(bool(views))
        drilled = next((v for v in views if v.done and v.run is not None
                        and v.run.id == self.pending_drill), None)
        if drilled is not None:  # back from the drills page with the set recorded
            self.pending_drill = None
            self.say(f"Recorded: {drilled.task.title} — {drilled.figures()}.")

    def selected_key(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return str(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def start_selected(self) -> None:
        key = self.selected_key()
        if self.session_id is None or key is None:
            return
        if self.driver is not None and self.driver.isVisible():
            self.ctx.dialogs.inform(self, "A task is open",
                                    "Finish or leave the open practice first.")
            return
        try:
            started = self.service.start(self.session_id, key)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Cannot start")
            return
        self._open(started)
        self.show_session(self.session_id)

    def _open(self, started: Started) -> None:
        if started.drill is not None:
            self._open_drill(started)
            return
        if started.section is not None:
            reader = GuidelineReader(started.section, self.service.guidelines().source, self)
            reader.read_done.connect(lambda: self._finish_reading(started.run_id))
            self.reader = reader
            reader.show()
            return
        assert started.exam is not None
        from readiness.ui.exam.driver import ExamWindow, bring_to_front

        window = ExamWindow(self.ctx, started.exam)
        window.finished.connect(self._practice_finished)
        window.left.connect(lambda: self.say(
            "Practice left open: resume it on the Practice exam page; finishing it there "
            "still records it here."))
        self.driver = window
        window.show()
        bring_to_front(window)

    def _open_drill(self, started: Started) -> None:
        from readiness.ui.drills import PageHost, open_drill

        assert started.drill is not None
        host = self.window()
        if not isinstance(host, PageHost):  # the plan shown outside the main window
            self.say("Open the Code-book drills page to run this drill.")
            return
        page = open_drill(host, started.drill, started.task.count, link=started.run_id)
        self.pending_drill = started.run_id
        self.say("Drill opened on the Code-book drills page: finishing it records it here."
                 if page.run_view.run is not None or page.preparing else page.status.text())

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _finish_reading(self, run_id: int) -> None:
        try:
            view = self.service.finish_reading(run_id)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not record")
            return
        self.say(f"Recorded: {view.task.title} — {view.figures()}.")
        self.changed.emit()

    def _practice_finished(self, review: Review) -> None:
        self.driver = None
        done = next((v for v in self.service.views(self.session_id or "")
                     if v.run is not None and v.run.attempt_id == review.summary.id), None)
        if done is not None:
            self.say(f"Recorded: {done.task.title} — {done.figures()}. Answers and "
                     "rationales: Practice exam page, History.")
        self.changed.emit()
