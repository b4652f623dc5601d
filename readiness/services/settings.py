"""Typed access to preferences, with defaults declared once."""

from __future__ import annotations

from typing import Any

from readiness.storage.settings import SettingsRepository

DEFAULTS: dict[str, Any] = {
    "ui.last_page": "dashboard",
    "ui.geometry": None,  # base64 of QWidget.saveGeometry()
    "ui.window_state": None,
    "exam.strict": False,  # hides strike-through and highlighting, like some center drivers
    "exam.zoom": 100,
    "exam.high_contrast": False,
    "codebook.zoom": 100,
    "drills.target_seconds": 60,  # the candidate's look-up speed goal (seconds per code)
}


class SettingsService:
    def __init__(self, repo: SettingsRepository) -> None:
        self._repo = repo

    def get(self, key: str, default: Any = None) -> Any:
        value = self._repo.get(key)
        if value is not None:
            return value
        return DEFAULTS.get(key, default) if default is None else default

    def set(self, key: str, value: Any) -> None:
        self._repo.set(key, value)
