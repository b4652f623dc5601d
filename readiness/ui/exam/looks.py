"""The exam window's style sheets: normal and high contrast, at the candidate's zoom."""

from __future__ import annotations

HIGH_CONTRAST = """
QWidget#examWindow, QWidget#examWindow QWidget { background-color: #000000; color: #ffffff; }
QWidget#examWindow QPushButton, QWidget#examWindow QToolButton, QWidget#examWindow QComboBox,
QWidget#examWindow QLineEdit {
    border: 2px solid #ffff00; padding: 4px 8px; color: #ffffff; background-color: #000000; }
QWidget#examWindow QPushButton:focus, QWidget#examWindow QToolButton:focus,
QWidget#examWindow QLineEdit:focus { border: 3px solid #00ffff; }
QWidget#examWindow QToolButton:checked { background-color: #ffff00; color: #000000; }
QWidget#examWindow QTextEdit, QWidget#examWindow QListWidget { border: 1px solid #ffffff; }
QWidget#examWindow QLabel#examProblem { color: #ff8080; }
QWidget#examWindow QPushButton:checked { background-color: #ffff00; color: #000000; }
QWidget#examWindow QPushButton:disabled, QWidget#examWindow QToolButton:disabled {
    border: 2px dashed #808080; color: #808080; }
QWidget#examWindow QRadioButton::indicator, QWidget#examWindow QCheckBox::indicator {
    width: 14px; height: 14px; border: 2px solid #ffffff; background-color: #000000; }
QWidget#examWindow QRadioButton::indicator { border-radius: 9px; }
QWidget#examWindow QRadioButton::indicator:checked,
QWidget#examWindow QCheckBox::indicator:checked { background-color: #ffff00; }
"""
NORMAL = """
QFrame#examHeader { background-color: #1f3a5f; }
QFrame#examHeader QLabel { color: #ffffff; font-weight: 600; }
QFrame#examHeader QPushButton { padding: 2px 10px; }
QLabel#examFeedback { border: 1px solid palette(mid); padding: 6px; }
"""


def exam_style(base_pt: float, zoom: int, high: bool, dark: bool) -> str:
    """The whole sheet; style sheets stop font propagation, so the size is a rule too.
    Problems (format, header, invalid code) get a red that reads on the palette."""
    size = max(8.0, base_pt) * zoom / 100.0
    problem = f"\nQLabel#examProblem {{ color: {'#ff8a80' if dark else '#b00020'}; }}"
    return ((HIGH_CONTRAST if high else NORMAL + problem)
            + f"\nQWidget#examWindow, QWidget#examWindow QWidget "
            f"{{ font-size: {size:.1f}pt; }}"
            f"\nQWidget#examWindow QLabel#pageTitle "
            f"{{ font-size: {size * 1.6:.1f}pt; font-weight: 600; }}")
