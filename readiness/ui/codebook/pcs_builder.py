"""The ICD-10-PCS code builder: seven choices, each limited to what the table row allows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readiness.codebook.model import PcsTable
from readiness.codebook.pcs import POSITION_NAMES
from readiness.codebook.render import esc
from readiness.services.codebook import CodebookService

_PCS_CHARS = set("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")


def _label_at(table: PcsTable, pos: int, value: str) -> str:
    for row in table.rows:
        for v, lab in row.axis(pos).labels:
            if v == value:
                return lab
    return ""


class PcsBuilder(QWidget):
    code_changed = Signal(str)
    show_table = Signal(str)  # "0DT" or "0DTJ"

    def __init__(self, book: CodebookService) -> None:
        super().__init__()
        self.book = book  # the service: always the installed sets, even after an import
        self.setAccessibleName("ICD-10-PCS code builder")
        layout = QVBoxLayout(self)
        heading = QLabel("<b>ICD-10-PCS code builder</b>")
        heading.setAccessibleName("Code builder heading")
        layout.addWidget(heading)
        hint = QLabel("Choose each character in turn; every list offers only the values valid "
                      "in the table row so far. Or type a 7-character code to check it.")
        hint.setWordWrap(True)
        hint.setAccessibleName("Code builder instructions")
        layout.addWidget(hint)

        form = QFormLayout()
        # Beside the exam the window is narrow: each label then goes above its list.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName("PCS code")
        self.code_edit.setPlaceholderText("e.g. 0DTJ4ZZ")
        self.code_edit.setMaxLength(7)
        self.code_edit.textEdited.connect(self._typed)
        form.addRow("Code:", self.code_edit)
        self.combos: list[QComboBox] = []
        self.combo_labels: list[QLabel] = []
        for pos in range(1, 8):
            combo = QComboBox()
            combo.setAccessibleName(f"Character {pos}: {POSITION_NAMES[pos]}")
            # Sized for 24 characters, not for the longest value ("Introduction of ...
            # Substance" made the builder 552 px wide, too wide beside the exam); the list
            # that opens shows every value whole, and the field grows with the window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
            combo.activated.connect(lambda _i, p=pos: self._chosen(p))
            label = QLabel(f"{pos}. {POSITION_NAMES[pos].capitalize()}:")
            label.setBuddy(combo)
            label.setAccessibleName(f"Character {pos} label")
            self.combos.append(combo)
            self.combo_labels.append(label)
            form.addRow(label, combo)
        layout.addLayout(form)

        self.result = QLabel()
        self.result.setAccessibleName("Resulting code")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.table_button = QPushButton("Show the &table")
        self.table_button.setAccessibleName("Show the ICD-10-PCS table of this code")
        self.table_button.clicked.connect(self._show_table)
        layout.addWidget(self.table_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.problem = QLabel()
        self.problem.setAccessibleName("Code problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.definitions = QTextBrowser()
        self.definitions.setAccessibleName("Definitions of the root operation and approach")
        layout.addWidget(self.definitions, 1)
        self.set_code("")

    # -- state ---------------------------------------------------------------------------
    def code(self) -> str:
        return self.code_edit.text().strip().upper()

    def set_code(self, code: str) -> None:
        code = "".join(c for c in code.upper() if not c.isspace())[:7]
        self.code_edit.setText(code)
        self._apply(code)

    def _show_table(self) -> None:
        code = self.code()
        checker = self.book.pcs_checker()
        if checker is not None and checker.table(code[:3]) is not None:
            res = checker.check(code[:4])
            self.show_table.emit(code[:4] if len(code) >= 4 and res.bad_position is None
                                 else code[:3])

    def _typed(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            pos = self.code_edit.cursorPosition()
            self.code_edit.setText(upper)
            self.code_edit.setCursorPosition(pos)
        self._apply(upper.strip())

    def _chosen(self, pos: int) -> None:
        prefix = ""
        for combo in self.combos[:pos]:
            value = combo.currentData()
            if not value:
                break
            prefix += str(value)
        self.code_edit.setText(prefix)
        self._apply(prefix)
        if len(prefix) < 7 and len(prefix) == pos:
            self.combos[pos].setFocus()

    def _apply(self, code: str) -> None:
        checker = self.book.pcs_checker()
        if checker is None:
            for combo in self.combos:
                combo.clear()
                combo.setEnabled(False)
            self.result.setText("The ICD-10-PCS tables are not installed. Import "
                                "icd10pcs_tables_<year>.xml (or the CMS zip) from Code sets.")
            self.problem.clear()
            self.definitions.clear()
            self.table_button.setEnabled(False)
            return
        res = checker.check(code) if code else None
        good = len(code)
        if res is not None and res.bad_position is not None:
            good = res.bad_position - 1
        table = checker.table(code[:3]) if good >= 3 else None
        for i, combo in enumerate(self.combos):
            pos = i + 1
            combo.blockSignals(True)
            combo.clear()
            if pos <= good + 1:
                combo.addItem("— choose —", "")
                for value, label in checker.choices(code[:i]):
                    combo.addItem(f"{value}  {label}", value)
                if pos <= good:
                    idx = combo.findData(code[i])
                    combo.setCurrentIndex(max(idx, 0))
                combo.setEnabled(True)
            else:
                combo.setEnabled(False)
            combo.blockSignals(False)
            if table is not None:
                title = table.heads[i].title if i < 3 else table.rows[0].axis(pos).title
                self.combo_labels[i].setText(f"{pos}. {title}:")
            else:
                self.combo_labels[i].setText(f"{pos}. {POSITION_NAMES[pos].capitalize()}:")
        if res is None:
            self.result.setText("No code yet.")
            self.problem.clear()
            self.definitions.clear()
        elif res.valid:
            official = self.book.pcs_long_title(res.code)
            title = official or res.title
            source = "" if official else (" <span style='color:gray'>(title composed from the "
                                          "table; import the PCS order file for CMS's long "
                                          "titles)</span>")
            self.result.setText(f"<b style='font-size:large'>{esc(res.code)}</b> — "
                                f"{esc(title)} <b>(valid)</b>{source}")
            self.problem.clear()
        elif res.bad_position is None:
            self.result.setText(f"<b>{esc(code)}</b>{'_' * (7 - len(code))} — {esc(res.reason)}")
            self.problem.clear()
        else:
            self.result.setText(f"<b>{esc(code)}</b> is not a valid code.")
            self.problem.setText(f"<span style='color:#c5221f'>\u26a0 {esc(res.reason[:1].upper())}"
                                 f"{esc(res.reason[1:])}</span>")
        self.table_button.setEnabled(good >= 3)
        self._definitions(code, good)
        self.code_changed.emit(code)

    def _definitions(self, code: str, good: int) -> None:
        checker = self.book.pcs_checker()
        if checker is None or good < 3:
            self.definitions.clear()
            return
        table = checker.table(code[:3])
        if table is None:
            self.definitions.clear()
            return
        section = table.prefix[0]
        op_axis = table.operation
        op_label = op_axis.labels[0][1]
        parts = [f"<p><b>{esc(op_axis.title)}: {esc(op_label)}</b><br/>"
                 f"{esc(op_axis.definition or '')}</p>"]
        d = self.book.pcs_definition(section, 3, op_label)
        if d is not None:
            if d.explanation:
                parts.append(f"<p><i>Explanation:</i> {esc(d.explanation)}</p>")
            if d.includes:
                parts.append(f"<p><i>Includes:</i> {esc('; '.join(d.includes))}</p>")
        if good >= 4:
            part = _label_at(table, 4, code[3])
            bd = self.book.pcs_definition(section, 4, part)
            if bd is not None and bd.includes:
                parts.append(f"<p><b>{esc(table.rows[0].axis(4).title)}: {esc(part)}</b><br/>"
                             f"<i>Includes:</i> {esc('; '.join(bd.includes))}</p>")
        if good >= 6:
            device = _label_at(table, 6, code[5])
            dd = self.book.pcs_definition(section, 6, device)
            if dd is not None and dd.includes:
                parts.append(f"<p><b>{esc(table.rows[0].axis(6).title)}: {esc(device)}</b><br/>"
                             f"<i>Includes:</i> {esc('; '.join(dd.includes))}</p>")
        if good >= 5:
            approach = _label_at(table, 5, code[4])
            a_title = table.rows[0].axis(5).title
            ad = self.book.pcs_definition(section, 5, approach)
            if ad is not None:
                parts.append(f"<p><b>{esc(a_title)}: {esc(approach)}</b><br/>"
                             f"{esc(ad.definition)}</p>")
            elif approach:
                parts.append(f"<p><b>{esc(a_title)}: {esc(approach)}</b><br/><i>Import the "
                             "ICD-10-PCS definitions file for the approach definition.</i></p>")
        self.definitions.setHtml("".join(parts))
