"""The drill books as a table: what each needs, and how the candidate has done in it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from readiness.core.drills.models import DrillBook
from readiness.services.drills import BookStatus

COLUMNS = ("Book", "Route", "Look-ups", "Correct", "Median time")
Index = QModelIndex | QPersistentModelIndex


class DrillBooksModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BookStatus] = []

    def set_rows(self, rows: list[BookStatus]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def status(self, row: int) -> BookStatus | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, book: DrillBook) -> int:
        return next((i for i, s in enumerate(self._rows) if s.book is book), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(s, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and s.missing:
            return "Not installed: " + ", ".join(s.missing)
        if role == Qt.ItemDataRole.UserRole:
            return s.book.value
        return None

    @staticmethod
    def _text(s: BookStatus, column: int) -> str:
        st = s.stats
        if column == 0:
            return s.label + ("" if s.ready else " (not installed)")
        if column == 1:
            return s.route
        if st is None:
            return "—"
        if column == 2:
            return str(st.answered)
        if column == 3:
            return f"{st.accuracy:.0%}" if st.accuracy is not None else "—"
        if column == 4:
            return f"{st.median_seconds:.0f} s" if st.median_seconds is not None else "—"
        return ""
