"""Putting code sets in place from the code book: the first-use build of the bundled
books, importing or downloading a release file, removing a set.  All heavy work runs on the
task runner; the status line below the browser says what is happening."""

from __future__ import annotations

import functools
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from readiness.codebook.importer import ImportResult, Pending
from readiness.codebook.model import Kind
from readiness.core.errors import UserError
from readiness.core.progress import Progress
from readiness.services.codebook import CodebookService
from readiness.ui.codebook.downloads import OfficialFilesDialog, install_confirmed, result_lines
from readiness.ui.codebook.first_use import ensure_code_sets
from readiness.ui.codebook.widgets import CodeSetsView
from readiness.ui.context import UiContext
from readiness.ui.tasks import TaskHandle

_Built = tuple[list[ImportResult], list[Pending]]


class StatusLine(QWidget):
    """The browser's bottom line: editions or the last message, and a progress bar."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        self.status.setAccessibleName("Code book status")
        # The editions line is long ("ICD-10-CM FY2026, April 1 2026 update · ..."): it wraps
        # instead of setting the code book's minimum width (712 px, too wide beside the exam).
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Code set build progress")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        layout.addWidget(self.status, 1)
        layout.addWidget(self.progress)

    def busy(self, text: str) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()

    def idle(self, text: str | None = None) -> None:
        self.progress.hide()
        if text is not None:
            self.status.setText(text)

    def progressed(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.progress.setFormat(f"{message} %p%")


class CodeSetsController:
    """Builds, imports and removes code sets for one browser (``owner`` parents dialogs)."""

    BUILDING = "Building the code books (first use only)…"

    def __init__(self, ctx: UiContext, owner: QWidget, line: StatusLine,
                 sets_view: CodeSetsView) -> None:
        self.ctx = ctx
        self.owner = owner
        self.line = line
        self.sets_view = sets_view
        self.service: CodebookService = ctx.workspace.codebook
        self.build_handle: object | None = None
        # One dialog per browser, kept: a download still running when it was closed
        # reports back into it, and opening it again shows how that went.
        self.official_files: OfficialFilesDialog | None = None
        sets_view.import_requested.connect(self.import_file)
        sets_view.download_requested.connect(self.get_official_files)
        sets_view.remove_requested.connect(self.remove_set)

    def maybe_build(self) -> None:
        """Start (or follow, when the exam started it) the one first-use build."""
        handle = ensure_code_sets(self.ctx)
        if handle is None or handle is self.build_handle:
            return
        self.build_handle = handle
        self.line.busy(self.BUILDING)
        handle.progressed.connect(self.line.progressed)
        handle.ended.connect(functools.partial(self._build_ended, handle))

    def _build_ended(self, handle: TaskHandle[list[Pending]]) -> None:
        if not shiboken6.isValid(self.line):
            return  # the code book closed while the build ran; the build still installed
        self.build_handle = None
        if handle.failure is not None:
            self.line.idle(str(handle.failure))
            self.ctx.dialogs.show_error(self.owner, handle.failure,
                                        "Could not build the code book")
        elif handle.cancelled:
            self.line.idle("Building the code books was cancelled; it starts "
                           "again the next time the code book opens.")
        else:
            self.line.idle()
            self.maybe_build()  # the Tabular came first; follow the shipped books' job

    def import_file(self) -> None:
        path = self.ctx.dialogs.open_file(
            self.owner, "Import a code set file",
            "Code set files (*.zip *.xml *.csv *.txt);;All files (*)")
        if path is None:
            return
        value = self.sets_view.expect.currentData()
        self.import_path(path, Kind(value) if value else None)

    def import_path(self, path: Path, expect: Kind | None = None) -> None:
        self.line.busy(f"Importing {path.name}…")

        def work(progress: Progress) -> _Built:
            return self.service.prepare_import(path, expect, progress)

        def done(built: _Built) -> None:
            self.line.idle()
            if not install_confirmed(self.ctx, self.owner, self.service, built):
                self.line.status.setText(f"{path.name} was not installed; the installed code "
                                         "sets are unchanged.")
                return
            self.ctx.dialogs.inform(self.owner, "Code set imported", result_lines(built[0]))

        def failed(exc: UserError) -> None:  # bugs go to the crash dialog (the runner)
            self.line.idle("Import failed; the installed code sets are unchanged.")
            self.ctx.dialogs.show_error(self.owner, exc, "Could not import the file")

        handle = self.ctx.tasks.run(work, done, failed, label=f"Importing {path.name}",
                                    owner=self.owner)
        handle.ended.connect(functools.partial(self._import_ended, handle, path))

    def _import_ended(self, handle: TaskHandle[_Built], path: Path) -> None:
        if handle.cancelled:
            self.line.idle(f"Import of {path.name} cancelled; the installed code sets are "
                           "unchanged.")

    def get_official_files(self) -> None:
        if self.official_files is None:
            self.official_files = OfficialFilesDialog(self.ctx, self.owner)
        self.official_files.open()

    def remove_set(self, kind_value: str) -> None:
        kind = Kind(kind_value)
        again = (" The copy that comes with CCS Readiness is built again in its place."
                 if self.service.is_shipped(kind) else "")
        if not self.ctx.dialogs.confirm(self.owner, "Remove code set",
                                        f"Remove the installed {kind.label}?{again}"):
            return
        self.service.remove(kind)
        self.maybe_build()  # removing the bundled tabular list brings the bundled one back
