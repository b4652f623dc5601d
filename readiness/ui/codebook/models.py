"""Item models and list views of the code book's left-hand pane.

Every list (search results, index main terms, PCS tables, bookmarks, recently opened) is a
list of places: the text shown, the place it opens (``ROLE_TARGET``) and, for search
results, the highlighted rich text the delegate draws (``ROLE_HTML``).  One model class
serves them all so that each is checked by ``qtmodeltester`` the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

ROLE_TARGET = Qt.ItemDataRole.UserRole
ROLE_HTML = Qt.ItemDataRole.UserRole + 1
ROLE_LOADED = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    """One line of a list: what it says, where it leads, how it is drawn."""

    text: str
    target: str
    html: str = ""  # rich text for the delegate; empty draws ``text``
    tooltip: str = ""


class PlacesModel(QAbstractListModel):
    """A read-only list of :class:`Row`; replaced whole when the list is refilled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Iterable[Row]) -> None:
        new = list(rows)
        if new == self._rows:
            return  # the same list again (a space typed): nothing to lay out or paint
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, n: int) -> Row | None:
        return self._rows[n] if 0 <= n < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.column() != 0:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == ROLE_TARGET:
            return row.target
        if role == ROLE_HTML:
            return row.html or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren


class PlacesList(QListView):
    """A list view over a :class:`PlacesModel` that says which place the user opened."""

    target_activated = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.places = PlacesModel(self)
        self.setModel(self.places)
        self.setAccessibleName(name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Long titles wrap in the narrow pane instead of scrolling it sideways.
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.activated.connect(self._open)
        self.clicked.connect(self._open)

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.places.set_rows(rows)

    def count(self) -> int:
        return self.places.rowCount()

    def text(self, n: int) -> str:
        row = self.places.row_at(n)
        return row.text if row else ""

    def texts(self) -> list[str]:
        return [r.text for r in self.places.rows()]

    def target(self, n: int) -> str:
        row = self.places.row_at(n)
        return row.target if row else ""

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, n: int) -> None:
        self.setCurrentIndex(self.places.index(n, 0))

    def current_target(self) -> str:
        return self.target(self.current_row())

    def row_rect(self, n: int) -> QRect:
        return self.visualRect(self.places.index(n, 0))

    def _open(self, index: QModelIndex) -> None:
        target = index.data(ROLE_TARGET)
        if target:
            self.target_activated.emit(str(target))


class ResultsList(PlacesList):
    """Search results: Escape, or Up on the first row, returns to the search box."""

    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape or (
                event.key() == Qt.Key.Key_Up and self.current_row() == 0):
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class BookmarksList(PlacesList):
    """Bookmarks: Delete (or Backspace) removes the current one."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)
