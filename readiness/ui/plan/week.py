"""The week view: seven columns, one card per session, with its state."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import UserError
from readiness.core.planner.models import Session, SessionKind, SessionStatus
from readiness.ui.context import UiContext

# Hues per domain (blueprint order); drawn as a light tint so text keeps the palette's colour.
HUES = (210, 130, 35, 285, 0, 170)


def domain_tint(index: int, palette: QPalette) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    color = QColor.fromHsl(HUES[index % len(HUES)], 160, 90 if dark else 200)
    color.setAlpha(110 if dark else 150)
    return color


class WeekView(QWidget):
    changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.planner = ctx.workspace.planner
        self.setAccessibleName("Week view")
        self.monday: date | None = None
        layout = QVBoxLayout(self)
        nav = QHBoxLayout()
        self.prev_btn = QPushButton("◀ &Previous week")
        self.prev_btn.setAccessibleName("Previous week")
        self.this_btn = QPushButton("This &week")
        self.this_btn.setAccessibleName("This week")
        self.next_btn = QPushButton("&Next week ▶")
        self.next_btn.setAccessibleName("Next week")
        self.title = QLabel()
        self.title.setAccessibleName("Week shown")
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.this_btn)
        nav.addWidget(self.next_btn)
        nav.addSpacing(12)
        nav.addWidget(self.title, 1)
        layout.addLayout(nav)
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName("Sessions this week")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setAccessibleName("Week totals")
        layout.addWidget(self.totals)
        bottom = QHBoxLayout()
        legend = QLabel("✓ done   ✗ skipped   ! missed   ▣ full mock exam")
        legend.setAccessibleName("Legend")
        bottom.addWidget(legend, 1)
        self.done_btn = QPushButton("Mark &done")
        self.done_btn.setAccessibleName("Mark selected session in the week done")
        self.skip_btn = QPushButton("S&kip")
        self.skip_btn.setAccessibleName("Skip selected session in the week")
        self.undo_btn = QPushButton("&Undo mark")
        self.undo_btn.setAccessibleName("Set selected session in the week back to planned")
        for button, status in ((self.done_btn, SessionStatus.DONE),
                               (self.skip_btn, SessionStatus.SKIPPED),
                               (self.undo_btn, SessionStatus.PLANNED)):
            button.clicked.connect(lambda _=False, st=status: self._mark(st))
            bottom.addWidget(button)
        layout.addLayout(bottom)
        self.table.itemSelectionChanged.connect(self._enable)
        self.prev_btn.clicked.connect(lambda: self.show_week(-7))
        self.next_btn.clicked.connect(lambda: self.show_week(7))
        self.this_btn.clicked.connect(self.show_this_week)

    def show_this_week(self) -> None:
        today = self.planner.today_date()
        self.monday = today - timedelta(days=today.weekday())
        self.refresh()

    def show_week(self, offset_days: int) -> None:
        if self.monday is None:
            self.show_this_week()
        assert self.monday is not None
        self.monday += timedelta(days=offset_days)
        self.refresh()

    def _label(self, s: Session, today: date) -> str:
        mark = ""
        if s.status is SessionStatus.DONE:
            mark = "✓ "
        elif s.status is SessionStatus.SKIPPED:
            mark = "✗ "
        elif s.day < today:
            mark = "! "
        if s.kind is SessionKind.MOCK:
            return f"{mark}▣ Full mock exam\n{s.minutes // 60} h"
        return f"{mark}{self.planner.title_of(s)}\n{s.minutes} min"

    def refresh(self) -> None:
        if self.monday is None:
            today = self.planner.today_date()
            self.monday = today - timedelta(days=today.weekday())
        today = self.planner.today_date()
        week = self.planner.week(self.monday)
        sunday = self.monday + timedelta(days=6)
        when = self.ctx.workspace.date_style
        self.title.setText(f"{when.date(self.monday, weekday=False)} – "
                           f"{when.date(sunday, weekday=False)}")
        order = list(self.planner.domain_names())
        self.table.clear()
        self.table.setHorizontalHeaderLabels(
            [("● " if d == today else "") + when.day_month(d) for d, _ in week]
        )
        rows = max((len(sessions) for _, sessions in week), default=0)
        self.table.setRowCount(max(rows, 1))
        planned = done = 0
        done_by_id = self.planner.done_minutes()
        exam = self.planner.appointment().exam_date
        tasks = self.ctx.workspace.plan_tasks.titles_by_session(
            [s for _, sessions in week for s in sessions])
        for col, (day, sessions) in enumerate(week):
            for row, s in enumerate(sessions):
                item = QTableWidgetItem(self._label(s, today))
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                item.setToolTip("\n".join([
                    f"{self.planner.title_of(s)}: {s.minutes} min, {s.status.value}",
                    *(f"• {t}" for t in tasks.get(s.id, ()))]))
                index = order.index(s.domain) if s.domain in order else len(order)
                item.setBackground(domain_tint(index, self.palette()))
                if s.status is SessionStatus.SKIPPED:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
                planned += s.minutes
                done += done_by_id.get(s.id, 0)
            if exam == day and not sessions:  # nothing is ever planned on exam day
                exam_item = QTableWidgetItem("★ CCS exam")
                exam_item.setToolTip("Your exam appointment")
                self.table.setItem(0, col, exam_item)
        self.totals.setText(f"Planned this week: {planned / 60:.1f} h — done: {done / 60:.1f} h")
        self._enable()

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        value = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return str(value) if value else None

    def _enable(self) -> None:
        selected = self.selected_id()
        future = selected is not None and selected[:10] > self.planner.today_date().isoformat()
        for button in (self.done_btn, self.skip_btn, self.undo_btn):
            button.setEnabled(selected is not None)
        self.done_btn.setEnabled(selected is not None and not future)

    def _mark(self, status: SessionStatus) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        try:
            self.planner.mark(session_id, status)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc)
            return
        self.changed.emit()
