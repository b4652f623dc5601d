"""Preferences through the one registry (``readiness.core.settings``).

``get`` and ``set`` take a declared ``Setting`` (typed: ``get(EXAM_ZOOM)`` is an
int) or its key; an undeclared key or a wrong type raises ``SettingError``.
Nothing here or at a call site names a default: the declaration does.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar, overload

from readiness.core.settings import Setting, lookup
from readiness.storage.settings import SettingsRepository

T = TypeVar("T")
log = logging.getLogger(__name__)


class SettingsService:
    def __init__(self, repo: SettingsRepository) -> None:
        self._repo = repo

    @overload
    def get(self, key: Setting[T]) -> T: ...
    @overload
    def get(self, key: str) -> Any: ...

    def get(self, key: Setting[Any] | str) -> Any:
        setting = lookup(key)
        value = self._repo.get(setting.key)
        if value is None:
            return setting.default
        problem = setting.problem(value)
        if problem is not None:
            # Written by another version or edited by hand: the user's data, not a bug.
            log.warning("ignoring stored setting: %s", problem)
            return setting.default
        return value

    @overload
    def set(self, key: Setting[T], value: T) -> None: ...
    @overload
    def set(self, key: str, value: Any) -> None: ...

    def set(self, key: Setting[Any] | str, value: Any) -> None:
        setting = lookup(key)
        setting.validate(value)
        if value is None:
            self._repo.delete(setting.key)
        else:
            self._repo.set(setting.key, value)

    def reset(self, key: Setting[Any] | str) -> None:
        """Back to the declared default (the stored value is removed)."""
        self._repo.delete(lookup(key).key)
