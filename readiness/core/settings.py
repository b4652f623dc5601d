"""Every preference the app keeps, declared once: key, type, default, validation.

Call sites read and write through ``workspace.settings`` with one of the
constants below (``settings.get(EXAM_ZOOM)``); they never name a default or
check a type themselves.  A key that is not declared here, or a value of the
wrong type, is a bug and raises at once, so a typo cannot silently create a
second preference.  A stored value that no longer validates (an older version
wrote it, or the file was edited) reads as the default instead: that is the
user's data, not a bug.

Like Picard's ``picard/options.py`` and qutebrowser's ``configdata.yml``: one
table, so the About box, a settings export or a test can list every key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class SettingError(ValueError):
    """A bug: an undeclared key or a value the declaration does not allow."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type  # the Python type a value must have (``bool``, ``int``, ``str``)
    default: T
    doc: str
    nullable: bool = False  # None is allowed (and may be the default)
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], bool] | None = None  # extra rule, e.g. a known page key

    def problem(self, value: object) -> str | None:
        """Why ``value`` is not allowed for this setting, or None when it is."""
        if value is None:
            return None if self.nullable else f"{self.key} cannot be empty"
        # bool is an int subclass: True must not pass for a zoom, nor 1 for a flag.
        if type(value) is not self.kind:
            return f"{self.key} takes {self.kind.__name__}, not {type(value).__name__}"
        if self.choices and value not in self.choices:
            return f"{self.key} is one of {', '.join(map(str, self.choices))}, not {value!r}"
        if self.minimum is not None and value < self.minimum:  # type: ignore[operator]
            return f"{self.key} is at least {self.minimum}, not {value}"
        if self.maximum is not None and value > self.maximum:  # type: ignore[operator]
            return f"{self.key} is at most {self.maximum}, not {value}"
        if self.check is not None and not self.check(value):
            return f"{self.key} does not accept {value!r}"
        return None

    def validate(self, value: object) -> T:
        problem = self.problem(value)
        if problem is not None:
            raise SettingError(problem)
        return value  # type: ignore[return-value]

    def clamp(self, value: int) -> int:
        """A number brought into this setting's range (zoom steps stop at the ends)."""
        if self.minimum is not None:
            value = max(self.minimum, value)
        if self.maximum is not None:
            value = min(self.maximum, value)
        return value


REGISTRY: dict[str, Setting[Any]] = {}


def declare(setting: Setting[T]) -> Setting[T]:
    if setting.key in REGISTRY:
        raise SettingError(f"{setting.key} is declared twice")
    problem = setting.problem(setting.default)
    if problem is not None:
        raise SettingError(f"default of {problem}")
    REGISTRY[setting.key] = setting
    return setting


def lookup(key: str | Setting[T]) -> Setting[Any]:
    """The declaration for a key (or the setting itself); SettingError when undeclared."""
    name = key.key if isinstance(key, Setting) else key
    try:
        return REGISTRY[name]
    except KeyError:
        raise SettingError(f"{name!r} is not a declared setting (readiness/core/settings.py)") \
            from None


# -- the main window -----------------------------------------------------------------
LAST_PAGE = declare(Setting(
    "ui.last_page", str, "dashboard", "The page shown at the last close; opened again at start."))
GEOMETRY: Setting[str | None] = declare(Setting(
    "ui.geometry", str, None, "Base64 of QWidget.saveGeometry() for the main window.",
    nullable=True))
COLOR_SCHEME = declare(Setting(
    "ui.color_scheme", str, "system",
    "View > Appearance: follow the system, light, dark or high contrast.",
    choices=("system", "light", "dark", "contrast")))

# -- the exam driver -----------------------------------------------------------------
EXAM_STRICT = declare(Setting(
    "exam.strict", bool, False,
    "Hide strike-through and highlighting, as some test-center drivers do."))
EXAM_ZOOM = declare(Setting(
    "exam.zoom", int, 100, "Text size in the exam driver, in percent.", minimum=80, maximum=200))
EXAM_HIGH_CONTRAST = declare(Setting(
    "exam.high_contrast", bool, False, "High-contrast colours in the exam driver."))
EXAM_CODE_TITLES = declare(Setting(
    "exam.code_titles", bool, True, "Show code titles in the exam's pick lists."))

# -- the code book -------------------------------------------------------------------
CODEBOOK_ZOOM = declare(Setting(
    "codebook.zoom", int, 100, "Text size of code book pages, in percent.",
    minimum=60, maximum=250))

# -- the exam-day checklist ----------------------------------------------------------
KEEP_IN_TRAY = declare(Setting(
    "checklist.keep_in_tray", bool, True,
    "Closing the window leaves a tray icon so reminders still come."))

def _is_clock_time(value: object) -> bool:
    """'HH:MM', 00:00 to 23:59."""
    text = str(value)
    if len(text) != 5 or text[2] != ":" or not (text[:2] + text[3:]).isdigit():
        return False
    return int(text[:2]) < 24 and int(text[3:]) < 60


NIGHT_START = declare(Setting(
    "checklist.night_start", str, "22:00",
    "No checklist reminders from this time (the candidate's clock); they wait until the end.",
    check=_is_clock_time))
NIGHT_END = declare(Setting(
    "checklist.night_end", str, "07:00", "End of the night hours without reminders.",
    check=_is_clock_time))

# -- code-book drills ----------------------------------------------------------------
DRILL_TARGET_SECONDS = declare(Setting(
    "drills.target_seconds", int, 60,
    "The candidate's look-up speed goal in drills, in seconds per code.",
    minimum=5, maximum=600))
