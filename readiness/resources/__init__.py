"""The shipped data files: blueprints, bank, checklist template, rules, icons.

They are package data of ``readiness.resources`` in every install form — the
checkout, an editable install, a wheel, an sdist built into a wheel and the
frozen PyInstaller build — and are always found through ``importlib.resources``,
never by walking up from ``__file__`` (a fallback like that only works in a
checkout and hid the installed wheel's failure).
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path


@cache
def resources_dir() -> Path:
    """A real directory holding the package's data files.

    Every install form we ship lays the package out on disk, so ``files()`` is
    already a ``Path``; anything else (a zip import) is extracted once for the
    life of the process with ``as_file``.
    """
    root = importlib_resources.files(__name__)
    if isinstance(root, Path):
        return root
    stack = ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(importlib_resources.as_file(root)))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
