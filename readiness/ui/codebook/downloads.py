"""Code sets → Get official files…: the CDC/CMS release files, one click to download.

The list comes from the manifest (data); nothing is requested until the user presses
Download.  The download, its checks and the build run on the task runner with
progress and Cancel; a failure is shown here with the official page's address and
leaves the installed books as they were.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import UserError
from readiness.core.progress import Progress
from readiness.services.codebook import CodebookService, ImportResult, Pending, ReleaseFile
from readiness.ui.context import UiContext
from readiness.ui.tasks import TaskHandle

Built = tuple[list[ImportResult], list[Pending]]
_ROLE = Qt.ItemDataRole.UserRole


def install_confirmed(ctx: UiContext, parent: QWidget, service: CodebookService,
                      built: Built) -> bool:
    """Install what an import or download built, asking first when it would replace a
    book with far fewer codes or terms (a partial or wrong file); False = discarded."""
    results, pending = built
    shrink = service.shrinking(results)
    if shrink and not ctx.dialogs.confirm(
            parent, "Replace with a much smaller code set?",
            "\n".join(shrink) + "\n\nReplace the installed book anyway?"):
        service.discard(pending)
        return False
    service.install(pending)
    return True


def result_lines(results: list[ImportResult]) -> str:
    return "\n".join(f"{r.kind.label}: {r.edition} ("
                     + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in r.counts.items())
                     + ")" for r in results)


def _size(entry: ReleaseFile) -> str:
    if entry.size is None:
        return ""
    mb = entry.size / 1_000_000
    return f"{mb:.1f} MB" if entry.size_exact else f"about {mb:.0f} MB"


class OfficialFilesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.codebook
        self.handle: TaskHandle[Built] | None = None
        self.setWindowTitle("Get official files")
        self.setAccessibleName("Get official files")
        layout = QVBoxLayout(self)
        intro = QLabel("The official CDC (ICD-10-CM) and CMS (ICD-10-PCS, HCPCS) release files, "
                       "by fiscal year. Nothing is downloaded until you press Download; the "
                       "file is checked and imported only if every part of it is sound.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About official files")
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Official release files")
        self.tree.setColumnCount(3)
        # "Holds" last so it takes the spare width and wraps instead of ending in "…"
        self.tree.setHeaderLabels(["File", "Size", "Holds"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setRootIsDecorated(True)
        layout.addWidget(self.tree, 1)
        self.status = QLabel("Choose a file.")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Download status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Download progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        self.download_button = QPushButton("&Download and import")
        self.download_button.setAccessibleName("Download and import the selected file")
        self.cancel_button = QPushButton("&Cancel download")
        self.cancel_button.setAccessibleName("Cancel the download")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.download_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.download_button.clicked.connect(self.download_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(lambda *_: self.download_selected())
        self._fill()
        self.resize(980, 560)

    def _fill(self) -> None:
        try:
            files = self.service.release_files()
        except UserError as exc:
            self.status.setText(f"The list of official files cannot be read: {exc}")
            files = []
        years: dict[int, QTreeWidgetItem] = {}
        for entry in files:
            year = years.get(entry.fiscal_year)
            if year is None:
                year = years[entry.fiscal_year] = QTreeWidgetItem([f"FY{entry.fiscal_year}"])
                year.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(year)
                year.setExpanded(True)
            unconfirmed = "" if entry.confirmed else " (address not confirmed)"
            item = QTreeWidgetItem([f"{entry.publisher}: {entry.file_name}", _size(entry),
                                    entry.holds + unconfirmed])
            item.setData(0, _ROLE, entry.id)
            item.setToolTip(0, entry.url)
            item.setToolTip(2, entry.note or entry.holds)
            year.addChild(item)
        self._entries = {e.id: e for e in files}
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 8, 380))
        self.tree.resizeColumnToContents(1)
        first = years[max(years)].child(0) if years else None
        if first is not None:
            self.tree.setCurrentItem(first)
        self._selected()

    def selected(self) -> ReleaseFile | None:
        item = self.tree.currentItem()
        value = item.data(0, _ROLE) if item is not None else None
        return self._entries.get(str(value)) if value else None

    def select(self, entry_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            year = self.tree.topLevelItem(i)
            for j in range(year.childCount() if year is not None else 0):
                child = year.child(j) if year is not None else None
                if child is not None and child.data(0, _ROLE) == entry_id:
                    self.tree.setCurrentItem(child)
                    return

    def _selected(self, *_args: object) -> None:
        entry = self.selected()
        self.download_button.setEnabled(entry is not None and self.handle is None)
        if entry is not None and self.handle is None:
            self.status.setText(f"{entry.holds}. From {entry.url}")

    # -- the download ------------------------------------------------------------------
    def download_selected(self) -> None:
        entry = self.selected()
        if entry is None or self.handle is not None:
            return
        self.status.setText(f"Downloading {entry.file_name} from {entry.publisher}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.download_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        work: Callable[[Progress], Built] = functools.partial(self.service.prepare_download,
                                                              entry)
        handle = self.ctx.tasks.run(work, functools.partial(self._done, entry), self._failed,
                                    label=f"Downloading {entry.file_name}")
        handle.progressed.connect(self._progress)
        handle.ended.connect(functools.partial(self._ended, handle, entry))
        self.handle = handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.status.setText("Cancelling…")

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            self.progress.setFormat(f"{message} %p%")

    def _done(self, entry: ReleaseFile, built: Built) -> None:
        if install_confirmed(self.ctx, self, self.service, built):
            self.status.setText(f"Imported {entry.file_name}:\n{result_lines(built[0])}")
        else:
            self.status.setText(f"{entry.file_name} was downloaded but not installed; the "
                                "installed code sets are unchanged.")

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.status.setText(str(exc))

    def _ended(self, handle: TaskHandle[Built], entry: ReleaseFile) -> None:
        self.handle = None
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self._selected_keep_status()
        if handle.cancelled:
            self.status.setText(f"Download of {entry.file_name} cancelled; nothing was changed.")

    def _selected_keep_status(self) -> None:
        self.download_button.setEnabled(self.selected() is not None)

    def reject(self) -> None:
        self.cancel()  # closing the dialog stops the download; the worker cleans up
        super().reject()
