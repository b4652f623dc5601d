"""Milestones: the steps from eligibility to the last mock, and the dates that
matter (free reschedule, refund deadline).  Uncertain numbers say "verify"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import UserError
from readiness.core.planner.milestones import MANUAL_KEYS, Milestone, MilestoneKind
from readiness.ui.context import UiContext

STATE_TEXT = {
    "done": "✓ done",
    "open": "to do",
    "overdue": "overdue",
    "upcoming": "upcoming",
    "passed": "passed",
}


class MilestonesView(QWidget):
    changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.planner = ctx.workspace.planner
        self.setAccessibleName("Milestones")
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Milestones list")
        self.tree.setHeaderLabels(["Milestone", "Due", "State"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setAccessibleName("Milestone detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(80)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        self.toggle_btn = QPushButton("Mark &done")
        self.toggle_btn.setAccessibleName("Mark selected milestone done or not done")
        self.toggle_btn.clicked.connect(self._toggle)
        row.addWidget(self.toggle_btn)
        row.addStretch(1)
        layout.addLayout(row)
        self.rules_note = QLabel()
        self.rules_note.setAccessibleName("Where the rules come from")
        self.rules_note.setWordWrap(True)
        layout.addWidget(self.rules_note)
        self._items: dict[str, Milestone] = {}
        self._loading = False
        self.tree.itemChanged.connect(self._ticked)
        self.tree.currentItemChanged.connect(self._show_detail)

    def refresh(self) -> None:
        self._loading = True
        current = self.tree.currentItem()
        current_key = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.tree.clear()
        today = self.planner.today_date()
        self._items = {}
        for m in self.planner.milestones():
            due = ""
            if m.due_at is not None:
                due = self.ctx.workspace.date_style.day_time(m.due_at)
            elif m.due is not None:
                due = self.ctx.workspace.date_style.date(m.due)
            title = m.title + (" (verify)" if m.uncertain else "")
            if m.kind is MilestoneKind.DEADLINE:
                title = "⚑ " + title
            item = QTreeWidgetItem([title, due, STATE_TEXT[m.state(today)]])
            item.setData(0, Qt.ItemDataRole.UserRole, m.key)
            item.setToolTip(0, m.detail)
            if m.key in MANUAL_KEYS:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if m.done else Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(item)
            self._items[m.key] = m
            if m.key == current_key:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        rules = self.planner.rules
        self.rules_note.setText(
            f"Fees and appointment rules as checked on {rules.checked_on} (sources: ahima.org). "
            "They change: items marked (verify) are uncertain — confirm them on ahima.org and "
            "in your Pearson VUE confirmation. Business days skip weekends but not holidays."
        )
        self._loading = False
        self._show_detail()

    def _show_detail(self, *_args: object) -> None:
        item = self.tree.currentItem()
        m = self._items.get(str(item.data(0, Qt.ItemDataRole.UserRole))) if item else None
        manual = m is not None and m.key in MANUAL_KEYS
        self.toggle_btn.setEnabled(manual)
        self.toggle_btn.setText("Mark not &done" if manual and m and m.done else "Mark &done")
        if m is None:
            self.detail.setText("")
            return
        text = m.detail
        if m.uncertain:
            text += "  [Uncertain: verify on ahima.org.]"
        if m.source:
            text += f"\nSource: {m.source}"
        if m.key in MANUAL_KEYS:
            text += "\nTick the box (or press Mark done) when this is done."
        else:
            text += "\nThis follows your set-up and plan."
        self.detail.setText(text)

    def _toggle(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        key = str(item.data(0, Qt.ItemDataRole.UserRole))
        m = self._items.get(key)
        if m is None or key not in MANUAL_KEYS:
            return
        try:
            self.planner.set_milestone(key, not m.done)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc)
            return
        self.changed.emit()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        key = str(item.data(0, Qt.ItemDataRole.UserRole))
        if key not in MANUAL_KEYS:
            return
        done = item.checkState(0) == Qt.CheckState.Checked
        try:
            self.planner.set_milestone(key, done)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc)
        # Refresh after this signal returns: the refresh rebuilds the item being changed.
        QTimer.singleShot(0, self.changed.emit)
