"""Small widgets of the code book: search box, the delegate that draws highlighted
matches, and the installed-code-sets view."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readiness.codebook import render
from readiness.codebook.model import CodeSetInfo, Kind, SearchHit
from readiness.codebook.search import labels
from readiness.ui.codebook.models import ROLE_HTML, ROLE_TARGET


def hit_target(hit: SearchHit) -> str:
    if hit.source in (Kind.CPT, Kind.HCPCS):
        return f"list:{hit.source.value}:{hit.ref}"
    if hit.kind in ("index", "subterm"):
        return f"idx:{hit.source.value}:{hit.ref}"
    if hit.kind == "pcstitle":
        return f"build:{hit.ref}"
    if hit.kind == "pcs":
        return f"build:{hit.ref}" if len(hit.ref) == 7 else f"pcs:{hit.ref}"
    return f"cm:{hit.ref}"


def tool_button(text: str, tip: str, name: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(name)
    b.setAutoRaise(False)
    return b


def hit_html(hit: SearchHit) -> str:
    text = hit.text
    out, last = [], 0
    for a, b in hit.spans:
        out.append(render.esc(text[last:a]))
        out.append(f"<b><u>{render.esc(text[a:b])}</u></b>")
        last = b
    out.append(render.esc(text[last:]))
    return f"{''.join(out)}<br/><small>{render.esc(hit_book(hit))}</small>"


def hit_book(hit: SearchHit) -> str:
    """The line under a hit: its real book and where in it (``search.labels``)."""
    return labels.label(hit)


class HtmlDelegate(QStyledItemDelegate):
    """Draws list items from rich text (for highlighted search matches).

    Laying out rich text is the dearest part of showing results (the view asks every
    row's size hint on each keystroke), so sizes are kept by text, width and font, and
    laid-out documents for the rows painted: typing on re-lists mostly the same rows.
    A size is measured in one scratch document (a document per row cost its allocation
    too); both caches drop their oldest entry when full, never everything at once."""

    _KEEP = 400

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()
        self._sizes: OrderedDict[tuple[str, int, str], QSize] = OrderedDict()
        self._scratch = QTextDocument(self)
        self._font = QFont()
        self._font_key = ""

    def _key(self, option: QStyleOptionViewItem,
             index: QModelIndex | QPersistentModelIndex) -> tuple[str, int, str]:
        html = index.data(ROLE_HTML) or render.esc(str(index.data() or ""))
        font = option.font
        if font != self._font:  # QFont.key() builds a string: once per font, not per row
            self._font, self._font_key = QFont(font), font.key()
        return str(html), max(option.rect.width() - 8, 50), self._font_key

    def _layout(self, doc: QTextDocument, option: QStyleOptionViewItem,
                key: tuple[str, int, str]) -> QTextDocument:
        doc.setDefaultFont(option.font)
        doc.setHtml(key[0])
        doc.setTextWidth(key[1])
        return doc

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
             ) -> QTextDocument:
        key = self._key(option, index)
        doc = self._docs.get(key)
        if doc is None:
            if len(self._docs) >= self._KEEP:
                self._docs.popitem(last=False)
            doc = self._docs[key] = self._layout(QTextDocument(), option, key)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter,
                              option.widget)
        doc = self._doc(option, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        ctx.palette.setColor(QPalette.ColorRole.Text,
                             option.palette.color(role))
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 4, rect.top() + 2)
        painter.setClipRect(QRectF(0, 0, rect.width() - 4, rect.height() - 2))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        key = self._key(option, index)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= self._KEEP:
                self._sizes.popitem(last=False)
            doc = self._docs.get(key)
            if doc is None:
                doc = self._layout(self._scratch, option, key)
            # the text wraps at the row's width: only the height needs a layout
            size = self._sizes[key] = QSize(key[1], int(doc.size().height()) + 4)
        return size


class SearchBox(QLineEdit):
    down_pressed = Signal()
    focused = Signal()  # the reader is about to type

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class CodeSetsView(QWidget):
    """What is installed (edition, source files, checksums), import and remove."""

    import_requested = Signal()
    download_requested = Signal()
    remove_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Installed code sets")
        layout = QVBoxLayout(self)
        title = QLabel("<b>Code sets</b> — each lives in its own database, apart from your data. "
                       "Import the official CMS/CDC release files (the zip or the XML inside), "
                       "or your own licensed CPT/HCPCS list as CSV (code,description).")
        title.setWordWrap(True)
        title.setAccessibleName("Code sets explanation")
        layout.addWidget(title)
        # Editions that differ, books older than the exam's: visible, not in a tooltip.
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Edition notes")
        self.notes.setObjectName("editionNotes")
        self.notes.hide()
        layout.addWidget(self.notes)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Installed code sets table")
        self.table.setHorizontalHeaderLabels(["Part", "Edition", "Source files (SHA-256)",
                                              "Contents"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setAccessibleName("Code set columns")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # editions and file names wrap instead of ending in "…"
        layout.addWidget(self.table, 1)
        # The file kind on its own row: beside the buttons it pushed them out of a
        # 1024-px window (the combo's longest entry is a long code-set name).
        kind_row = QHBoxLayout()
        self.expect = QComboBox()
        self.expect.setAccessibleName("Which file you are importing")
        self.expect.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.expect.setMinimumContentsLength(20)
        self.expect.addItem("Recognise the file automatically", "")
        for kind in Kind:
            self.expect.addItem(kind.label, kind.value)
        expect_label = QLabel("&File:")
        expect_label.setBuddy(self.expect)
        expect_label.setAccessibleName("File kind label")
        kind_row.addWidget(expect_label)
        kind_row.addWidget(self.expect, 1)
        layout.addLayout(kind_row)
        # Two rows: in one, the three buttons made this page 411 px wide at least, and the
        # code book no longer fitted beside the exam on a 1366-px screen.
        buttons = QGridLayout()
        self.import_button = QPushButton("&Import code set file…")
        self.import_button.setAccessibleName("Import code set file")
        self.download_button = QPushButton("&Get official files…")
        self.download_button.setAccessibleName("Get official files")
        self.download_button.setToolTip("Download the CDC/CMS release files of a fiscal year")
        self.remove_button = QPushButton("&Remove selected")
        self.remove_button.setAccessibleName("Remove selected code set")
        buttons.addWidget(self.import_button, 0, 0)
        buttons.addWidget(self.download_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0)
        buttons.setColumnStretch(2, 1)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.import_requested)
        self.download_button.clicked.connect(self.download_requested)
        self.remove_button.clicked.connect(self._remove)

    def show_sets(self, infos: list[CodeSetInfo]) -> None:
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            sources = "; ".join(f"{s.name} ({s.sha256[:12]}…)" for s in info.sources)
            counts = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in info.counts.items())
            for col, text in enumerate((info.kind.label, info.edition, sources, counts)):
                item = QTableWidgetItem(text)
                item.setData(ROLE_TARGET, info.kind.value)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()

    def show_notes(self, notes: list[str]) -> None:
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.notes.setVisible(bool(notes))

    def _remove(self) -> None:
        item = self.table.currentItem()
        if item is not None:
            self.remove_requested.emit(str(item.data(ROLE_TARGET)))
