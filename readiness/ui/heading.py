"""The heading every page starts with, styled once by ``#pageTitle`` in appearance.py."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def page_title(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("pageTitle")
    title.setAccessibleName(f"{text} heading")
    return title
