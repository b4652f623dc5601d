"""Composition root: builds the QApplication, the workspace and the main window."""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from readiness import __version__
from readiness.core import settings as prefs
from readiness.core.clock import Clock
from readiness.core.errors import UserError
from readiness.paths import HOME_ENV, AppPaths, default_paths
from readiness.resources import resource_path
from readiness.ui import appearance, habits
from readiness.ui.checklist.reminders import ChecklistReminders
from readiness.ui.context import UiContext
from readiness.ui.crash import make_excepthook, setup_logging
from readiness.ui.dialogs import Dialogs, ScriptedDialogs
from readiness.ui.exam.startup import offer_resume_at_start
from readiness.ui.main_window import MainWindow
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
        self.ctx.tasks.cancel_all()
        self.ctx.tasks.wait_for_workers()
        self.ctx.workspace.close()
        self.instance.release()


def start(paths: AppPaths, dialogs: Dialogs | None = None, clock: Clock | None = None,
          show: bool = True) -> Started | int:
    """Open everything and show the window; an int is the exit code when we must not run."""
    app = application()
    paths.ensure()
    log_path = setup_logging(paths.logs)
    instance = SingleInstance(paths.home, paths.lock_file)
    if not instance.acquire():
        if instance.ask_running_to_activate():
            print("CCS Readiness is already running; its window was brought to the front.",
                  file=sys.stderr)
            return EXIT_ALREADY_RUNNING
        print(f"CCS Readiness seems to be running already (lock {paths.lock_file}) but does "
              "not answer. Close it, or if it is not running, delete that lock file.",
              file=sys.stderr)
        return EXIT_LOCKED
    dialogs = dialogs or Dialogs()
    try:
        workspace, report = Workspace.open(paths, clock)
    except (UserError, OSError) as exc:
        instance.release()
        log.error("cannot open the data folder: %s", exc)
        print(f"CCS Readiness cannot open its data: {exc}", file=sys.stderr)
        dialogs.warn(None, "Cannot open your data", str(exc))
        return EXIT_STORE
    sys.excepthook = make_excepthook(log_path)
    workspace.date_style = locale_style()  # every page writes dates the locale's way
    ctx = UiContext(workspace, dialogs, TaskRunner())
    appearance.apply_scheme(workspace.settings.get(prefs.COLOR_SCHEME))
    window = MainWindow(ctx)
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
    if smoke and not _home_overridden():
        home = Path(tempfile.mkdtemp(prefix="ccs-readiness-smoke-"))
        paths = AppPaths(home)
    else:
        paths = default_paths()
    app = application(qt_argv)
    dialogs: Dialogs = ScriptedDialogs() if smoke else Dialogs()
    started = start(paths, dialogs)
    if isinstance(started, int):
        return started
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
    code = app.exec()
    started.window.save_geometry()
    started.shutdown()
    return code


def _home_overridden() -> bool:
    import os

    return bool(os.environ.get(HOME_ENV))
