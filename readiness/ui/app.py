"""Composition root: builds the QApplication, the workspace and the main window."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

from readiness import __version__
from readiness.core import settings as prefs
from readiness.core.clock import Clock
from readiness.core.errors import StorageEnvironmentError, StorageError, UserError
from readiness.paths import HOME_ENV, AppPaths, default_paths
from readiness.resources import resource_path
from readiness.ui import appearance, habits
from readiness.ui.checklist.reminders import ChecklistReminders
from readiness.ui.context import UiContext
from readiness.ui.crash import make_excepthook, setup_logging, start_faulthandler
from readiness.ui.dialogs import Dialogs, ScriptedDialogs
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.startup import offer_resume_at_start
from readiness.ui.faults import StoragePresenter, refuse_start, startup_text
from readiness.ui.main_window import MainWindow
from readiness.ui.signals import SignalWatcher
from readiness.ui.single_instance import SingleInstance
from readiness.ui.tasks import TaskRunner
from readiness.ui.when import locale_style
from readiness.workspace import Recovery, Workspace

log = logging.getLogger(__name__)

# Called once the main window is on screen (e.g. the exam page offers to resume).
StartupHook = Callable[[MainWindow], None]
STARTUP_HOOKS: list[StartupHook] = [offer_resume_at_start]

EXIT_ALREADY_RUNNING = 0
EXIT_LOCKED = 3
EXIT_STORE = 4


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("CCS Readiness")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("ccs-readiness")
    app.setDesktopFileName("ccs-readiness")
    app.setWindowIcon(QIcon(str(resource_path("icons", "ccs-readiness.svg"))))
    appearance.setup_application_style(app)
    habits.install(app)  # wheel guard, keyboard: for every page and dialog
    return app


def recovery_message(recovery: Recovery) -> str:
    if recovery.restored_from is not None:
        restored = (f"Your data was restored from the backup {recovery.restored_from.name}; "
                    "changes made after that backup are missing.")
    else:
        restored = "No usable backup was found, so CCS Readiness started with empty data."
    return (f"The data file could not be read ({recovery.reason}).\n\n{restored}\n\n"
            f"The damaged file was kept, not deleted: {recovery.damaged_file}")


@dataclass
class Started:
    app: QApplication
    ctx: UiContext
    window: MainWindow
    instance: SingleInstance

    def shutdown(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ExamWindow):
                widget.shutdown()  # the exam clock's last checkpoint
        self.ctx.tasks.cancel_all()
        self.ctx.tasks.wait_for_workers()
        self.ctx.workspace.close()
        self.instance.release()


def start(paths: AppPaths, dialogs: Dialogs | None = None, clock: Clock | None = None,
          show: bool = True) -> Started | int:
    """Open everything and show the window; an int is the exit code when we must not run.

    Every reason not to run (a folder we cannot create or write, a full disk, another
    copy) is explained in a dialog and on stderr, never as a traceback, and changes
    nothing on disk.
    """
    app = application()
    dialogs = dialogs or Dialogs()
    restrict_umask()
    try:
        paths.ensure()
    except (UserError, OSError) as exc:
        return refuse_start(dialogs, "Cannot open your data folder", startup_text(exc),
                            EXIT_STORE)
    log_path = start_logging(paths, dialogs)
    instance = SingleInstance(paths.home, paths.lock_file)
    try:
        acquired = instance.acquire()
    except (StorageEnvironmentError, OSError) as exc:
        return refuse_start(dialogs, "Cannot open your data", startup_text(exc), EXIT_STORE)
    if not acquired:
        if instance.ask_running_to_activate():
            print("CCS Readiness is already running; its window was brought to the front.",
                  file=sys.stderr)
            return EXIT_ALREADY_RUNNING
        holder = instance.holder()
        who = f" ({holder.describe()})" if holder is not None else ""
        return refuse_start(
            dialogs, "CCS Readiness is already running",
            f"Another copy of CCS Readiness{who} has your data open ({paths.home}) but does "
            "not answer. Close it, or wait for it to finish, then start again.", EXIT_LOCKED)
    try:
        workspace, report = Workspace.open(paths, clock)
    except (UserError, StorageError, OSError) as exc:
        instance.release()
        return refuse_start(dialogs, "Cannot open your data", startup_text(exc), EXIT_STORE)
    presenter = StoragePresenter(dialogs)
    sys.excepthook = make_excepthook(
        log_path, on_storage=lambda error: presenter.present(QApplication.activeWindow(), error))
    workspace.date_style = locale_style()  # every page writes dates the locale's way
    # A job's expected failure without a handler of its own is a message, titled by the job.
    tasks = TaskRunner(present=lambda error, label: dialogs.show_error(
        None, error, f"{label.rstrip('…. ')} failed" if label else ""))
    ctx = UiContext(workspace, dialogs, tasks)
    appearance.apply_scheme(workspace.settings.get(prefs.COLOR_SCHEME))
    window = MainWindow(ctx)
    if report.read_only:
        show_read_only_banner(window, paths)
    ctx.reminders = ChecklistReminders(workspace.checklist, workspace.settings, parent=window)
    ctx.reminders.attach_window(window)
    ctx.reminders.reminded.connect(lambda text: window.statusBar().showMessage(text, 60_000))
    instance.activation_requested.connect(lambda: bring_to_front(window))
    if show:
        window.show()
    if report.recovery is not None:
        log.warning("database recovered: %s", report.recovery)
        dialogs.warn(window, "Your data was restored", recovery_message(report.recovery))
    for hook in STARTUP_HOOKS:
        QTimer.singleShot(0, lambda hook=hook: hook(window))
    return Started(app, ctx, window, instance)


def restrict_umask() -> None:
    """Files we (and SQLite, and the log) create are owner-only whatever the umask.

    The data folder holds a person's study history: under umask 000 its files were 0666.
    """
    if os.name == "posix":
        os.umask(os.umask(0o077) | 0o077)


def start_logging(paths: AppPaths, dialogs: Dialogs) -> Path | None:
    """The log file, or None (with a warning) when logs/ cannot be written: not fatal."""
    try:
        log_path = setup_logging(paths.logs)
    except OSError as exc:
        text = (f"The log folder {paths.logs} cannot be written ({exc.strerror or exc}); "
                "CCS Readiness runs without a log file this time.")
        print(text, file=sys.stderr)
        if paths.writable():  # else read-only mode follows, and its banner says it all
            dialogs.warn(None, "No log file", text)
        return None
    start_faulthandler(log_path)
    return log_path


def show_read_only_banner(window: MainWindow, paths: AppPaths) -> None:
    """Read-only mode: say so where it is always visible; nothing pretends to save."""
    text = (f"Read-only: your data ({paths.database}) cannot be written, so nothing you do "
            "now is saved. Make the file and its folder writable, then restart.")
    banner = QLabel(text)
    banner.setObjectName("readOnlyBanner")
    banner.setAccessibleName("Read-only mode")
    banner.setWordWrap(True)
    banner.setStyleSheet("QLabel#readOnlyBanner { background: #fff3cd; color: #3d2e00; "
                         "padding: 6px; font-weight: 600; }")
    window.statusBar().addPermanentWidget(banner, 1)
    window.read_only_banner = banner  # type: ignore[attr-defined]
    window.setWindowTitle(window.windowTitle() + " — read-only")


def bring_to_front(window: MainWindow) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def smoke_tour(started: Started, on_finish: Callable[[int], None]) -> None:
    """Visit every page once, one per event-loop turn, then finish."""
    keys = started.window.page_keys()
    visited: list[str] = []

    def step() -> None:
        if not keys:
            print(f"smoke: ok, visited {', '.join(visited)}", flush=True)
            on_finish(0)
            return
        key = keys.pop(0)
        started.window.show_page(key)
        visited.append(key)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)


def run(smoke: bool = False, exit_after_show: bool = False,
        qt_argv: list[str] | None = None) -> int:
    """Run the app; ``qt_argv`` carries Qt's own options (``-style``, ``-platform`` …)."""
    throwaway: Path | None = None
    if smoke and not _home_overridden():
        throwaway = Path(tempfile.mkdtemp(prefix="ccs-readiness-smoke-"))
        paths = AppPaths(throwaway)
    else:
        paths = default_paths()
    try:
        return _run(paths, smoke, exit_after_show, qt_argv)
    finally:
        if throwaway is not None:  # a smoke run leaves nothing in the temp folder
            shutil.rmtree(throwaway, ignore_errors=True)


def _run(paths: AppPaths, smoke: bool, exit_after_show: bool,
         qt_argv: list[str] | None) -> int:
    app = application(qt_argv)
    dialogs: Dialogs = ScriptedDialogs() if smoke else Dialogs()
    started = start(paths, dialogs)
    if isinstance(started, int):
        return started
    signals = SignalWatcher(app)
    if smoke:
        failures: list[BaseException] = []

        def record(kind: type[BaseException], value: BaseException, tb: object) -> None:
            failures.append(value)
            sys.__excepthook__(kind, value, tb)  # type: ignore[arg-type]
            app.exit(1)

        sys.excepthook = record
        smoke_tour(started, app.exit)
    if exit_after_show:
        def shown() -> None:
            print("shown", flush=True)
            app.exit(0)

        QTimer.singleShot(0, shown)
    try:
        code = app.exec()
    finally:
        signals.restore()
    try:
        started.window.save_geometry()
    except StorageEnvironmentError as error:
        log.warning("window geometry not saved: %s", error)
    started.shutdown()
    if signals.exit_code is not None:
        log.info("quit on signal %s after saving", signals.received)
        return signals.exit_code
    return code


def _home_overridden() -> bool:
    return bool(os.environ.get(HOME_ENV))
