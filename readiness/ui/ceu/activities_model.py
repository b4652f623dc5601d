"""The CEU log as a table model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from readiness.core.ceu.cycle import CATEGORIES, Activity

COLUMNS = ("Date", "Provider", "Activity", "CEUs", "Category", "Certificate")
Index = QModelIndex | QPersistentModelIndex


class ActivitiesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Activity] = []

    def set_rows(self, rows: list[Activity]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def activity(self, row: int) -> Activity | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
        a = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (a.done_on.isoformat(), a.provider, a.title, f"{a.hours:g}",
                    CATEGORIES.get(a.category, a.category), a.certificate or "")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
