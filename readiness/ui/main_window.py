"""The main window: navigation, stacked pages, menus.  No feature logic here."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from readiness import __version__
from readiness.core import settings as prefs
from readiness.ui import about, appearance
from readiness.ui.context import UiContext
from readiness.ui.pages import PAGES, PageSpec
from readiness.ui.tasks import TaskHandle


class TaskStatus(QWidget):
    """Status-bar progress for background work, with Cancel."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName("Background task")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Background task progress")
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel background task")
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self._handles: list[TaskHandle[object]] = []
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def track(self, handle: TaskHandle[object]) -> None:
        self._handles.append(handle)
        self.label.setText(handle.label or "Working…")
        self.bar.setRange(0, 0)
        handle.progressed.connect(self._progress)
        handle.ended.connect(lambda: self._ended(handle))
        self.show()

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if message:
            self.label.setText(message)

    def _ended(self, handle: TaskHandle[object]) -> None:
        if handle in self._handles:
            self._handles.remove(handle)
        if not self._handles:
            self.hide()

    def _cancel(self) -> None:
        for handle in self._handles:
            handle.cancel()
        self.label.setText("Cancelling…")


class IgnoreTypedLetters(QObject):
    """Keeps a list's keyboard search from acting on plain typed text."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            if event.text().strip() and not event.modifiers() & commands:
                event.ignore()
                return True
        return False


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(self, ctx: UiContext, pages: Sequence[PageSpec] = PAGES) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs = list(pages)
        self.setWindowTitle("CCS Readiness")
        self.setAccessibleName("CCS Readiness main window")
        self.setMinimumSize(QSize(760, 520))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Sections")
        self.nav.setFixedWidth(210)
        # A typed letter jumped to the page starting with it ("E" opened the Exam-day
        # checklist): the sidebar moves with the arrow keys and Ctrl+1…5 only.
        self._nav_letters = IgnoreTypedLetters(self.nav)
        self.nav.installEventFilter(self._nav_letters)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Page")
        self._built: dict[str, QWidget] = {}
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(spec.title)
            item.setToolTip(f"{spec.summary} (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            holder = QWidget()
            holder.setAccessibleName(spec.title)
            QHBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.task_status = TaskStatus()
        self.statusBar().addPermanentWidget(self.task_status)
        ctx.tasks.started.connect(self.task_status.track)

        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_row)
        self._restore()

    # -- pages -------------------------------------------------------------
    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def current_key(self) -> str:
        return self.specs[max(self.nav.currentRow(), 0)].key

    def show_page(self, key: str) -> QWidget:
        row = self.page_keys().index(key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page widget, built on first use."""
        if key not in self._built:
            row = self.page_keys().index(key)
            widget = self.specs[row].factory(self.ctx)
            holder = self.stack.widget(row)
            layout = holder.layout() if holder is not None else None
            assert layout is not None
            layout.addWidget(widget)
            self._built[key] = widget
            navigate = getattr(widget, "navigate_requested", None)
            if navigate is not None:  # pages may ask to open another page (by key)
                navigate.connect(self.show_page)
        return self._built[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.specs[row].key
        self.page(key)
        self.stack.setCurrentIndex(row)
        self.ctx.workspace.settings.set(prefs.LAST_PAGE, key)
        self.page_changed.emit(key)

    # -- menus -------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name or text.replace("&", "").replace("…", "").strip())
        action.triggered.connect(slot)  # type: ignore[call-overload,unused-ignore]
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self._action("Import &questions…", self.import_questions,
                                              name="import-questions"))
        self.file_menu.addAction(self._action("Question &bank…", self.show_bank,
                                              name="question-bank"))
        self.file_menu.addAction(self._action("Export missed and flagged to &Anki…",
                                              self.export_anki, name="export-anki"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("Open &data folder", self.open_data_folder,
                                              name="open-data-folder"))
        self.file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q", name="quit")
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("&View")
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(self.specs, start=1):
            action = self._action(spec.title, lambda _=False, k=spec.key: self.show_page(k),
                                  f"Ctrl+{number}", name=f"page-{spec.key}")
            self.view_menu.addAction(action)
            self.page_actions.append(action)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(appearance.scheme_menu(self, self.ctx.workspace.settings))

        self.help_menu = bar.addMenu("&Help")
        self.help_action = self._action("CCS Readiness &help", self.show_help, "F1",
                                        name="help")
        self.help_menu.addAction(self.help_action)
        self.about_action = self._action("&About CCS Readiness", self.show_about, name="about")
        self.help_menu.addAction(self.about_action)

    def import_questions(self) -> None:
        from readiness.ui.bank.dialog import open_bank_dialog

        open_bank_dialog(self.ctx, self, start_import=True)

    def show_bank(self) -> None:
        from readiness.ui.bank.dialog import open_bank_dialog

        open_bank_dialog(self.ctx, self)

    def export_anki(self) -> None:
        from readiness.ui.anki_export import export_anki

        export_anki(self.ctx, self)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.workspace.home)))

    def show_help(self) -> None:
        about.HelpDialog(self).exec()

    def show_about(self) -> None:
        about.AboutDialog(__version__, self.ctx.workspace.home, self).exec()

    # -- state ---------------------------------------------------------------
    def _restore(self) -> None:
        settings = self.ctx.workspace.settings
        geometry = settings.get(prefs.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        else:
            self.resize(1180, 780)
        last = settings.get(prefs.LAST_PAGE)
        self.show_page(last if last in self.page_keys() else self.specs[0].key)

    def save_geometry(self) -> None:
        encoded = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.ctx.workspace.settings.set(prefs.GEOMETRY, encoded)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.ctx.tasks.cancel_all()
        super().closeEvent(event)
