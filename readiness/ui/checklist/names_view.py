"""Name check: the name as printed on the ATT and on each ID, compared
character by character."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from readiness.core.checklist.names import GENERAL_ADVICE, NameCheck
from readiness.core.errors import UserError
from readiness.services.checklist import ATT_ROLE, NameEntry
from readiness.ui.context import UiContext

COLORS = {  # background for changed characters; text forced black so dark mode stays legible
    "replace": "#ffd54f",
    "delete": "#ef9a9a",
    "insert": "#90caf9",
}
FILLER = "<span style='color:#888'>·</span>"


def _mark(text: str, op: str, show_spaces: bool = True) -> str:
    shown = escape(text.replace(" ", "␣") if show_spaces else text)
    return (f"<span style='background:{COLORS[op]}; color:#000; text-decoration:underline'>"
            f"{shown}</span>")


def diff_rows(check: NameCheck) -> tuple[str, str]:
    """Two aligned HTML lines (ATT, ID) with differing characters highlighted."""
    top: list[str] = []
    bottom: list[str] = []
    for seg in check.segments:
        if seg.op == "equal":
            top.append(escape(seg.expected).replace(" ", "&nbsp;"))
            bottom.append(escape(seg.found).replace(" ", "&nbsp;"))
            continue
        width = max(len(seg.expected), len(seg.found))
        top.append((_mark(seg.expected, seg.op) if seg.expected else "")
                   + FILLER * (width - len(seg.expected)))
        bottom.append((_mark(seg.found, seg.op) if seg.found else "")
                      + FILLER * (width - len(seg.found)))
    return "".join(top), "".join(bottom)


def check_html(check: NameCheck) -> str:
    top, bottom = diff_rows(check)
    table = ("<table style='font-family:monospace; font-size:12pt' cellspacing='0'>"
             f"<tr><td>ATT:&nbsp;</td><td>{top}</td></tr>"
             f"<tr><td>ID:&nbsp;</td><td>{bottom}</td></tr></table>")
    if check.matches:
        return table + "<p><b>✓ Matches the ATT exactly.</b></p>"
    count = len(check.mismatches)
    items = "".join(f"<li><b>{escape(m.describe())}</b><br>{escape(m.advice)}</li>"
                    for m in check.mismatches)
    return (table + f"<p><b>✗ {count} difference{'s' if count != 1 else ''}</b></p>"
            f"<ul>{items}</ul>")


class NameCheckView(QWidget):
    def __init__(self, ctx: UiContext, on_change: object = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.checklist
        self.setAccessibleName("Name check")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Type each name exactly as it is printed, letter by letter, including middle names, "
            "hyphens, accents and suffixes. " + escape(self.service.rules.id_rule))
        intro.setWordWrap(True)
        intro.setAccessibleName("Name check instructions")
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.results: dict[str, QLabel] = {}
        for entry in self.service.name_entries():
            edit = QLineEdit(entry.name)
            edit.setObjectName(f"name-{entry.role}")
            edit.setAccessibleName(f"Name on {entry.label}")
            edit.setPlaceholderText("as printed")
            edit.setMaxLength(200)
            edit.textEdited.connect(lambda text, role=entry.role: self._save(role, text))
            form.addRow(f"Name on {entry.label}:", edit)
            self.edits[entry.role] = edit
            if entry.role != ATT_ROLE:
                result = QLabel()
                result.setObjectName(f"name-result-{entry.role}")
                result.setAccessibleName(f"{entry.label} comparison")
                result.setWordWrap(True)
                result.setTextFormat(Qt.TextFormat.RichText)
                form.addRow("", result)
                self.results[entry.role] = result
        layout.addLayout(form)
        legend = QLabel(
            "Highlight: " + _mark("changed", "replace") + " differs, "
            + _mark("ATT only", "delete", False) + " only on the ATT, "
            + _mark("ID only", "insert", False) + " only on the ID; ␣ is a space, "
            "· is nothing.")
        legend.setAccessibleName("Highlight legend")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        advice = QLabel(GENERAL_ADVICE + f"  (Source: {self.service.rules.id_source})")
        advice.setWordWrap(True)
        advice.setAccessibleName("Name rule")
        layout.addWidget(advice)
        layout.addStretch(1)
        self._on_change = on_change
        self.refresh()

    def _save(self, role: str, text: str) -> None:
        try:
            self.service.set_name(role, text)
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
        self.refresh()

    def entries(self) -> list[NameEntry]:
        return self.service.name_entries()

    def refresh(self) -> None:
        for entry in self.service.name_entries():
            label = self.results.get(entry.role)
            if label is None:
                continue
            if entry.check is None:
                label.setText("<i>Type the ATT name and this ID's name to compare them.</i>")
            else:
                label.setText(check_html(entry.check))
